//! A game's state between weeks as bytes, every brand's side of it, so a
//! class folder can keep its markets after a round and play the next one
//! from there instead of re-playing every round closed.
//!
//! What is written is listed in one place each, by destructuring every
//! struct without `..` (so a field added to the model fails to compile
//! here until it is listed): [`put_state`] says which fields of
//! `Simulation` are written and which are built again by setting the game
//! up afresh (the scenario, graph, segment ranges, platform users and
//! influencers: all drawn from the scenario and seed alone); the `record!`
//! lines below list the fields of every other struct. A restored game is
//! checked against the state hash written with it, so a field left out
//! of the hash-covered state cannot go unnoticed.
//!
//! The bytes start with a header: `RRSNAP`, the snapshot layout's version,
//! the model version (a snapshot of another model is refused: its rules
//! give other results), the seed, the brands and the audience size.

use super::super::action::{ActionKind, PlannedAction, Target, WeekPlan};
use super::super::attribution::Attribution;
use super::super::audience::{Audience, Funnel, Story};
use super::super::market::Shares;
use super::super::metrics::{DayMetrics, Hours};
use super::super::scenario::Scenario;
use super::super::types::ContentType;
use super::brand::{Brand, QueuedPost, RunningAd, Totals};
use super::{MODEL_VERSION, Simulation};
use std::collections::VecDeque;
use std::sync::Arc;

/// What the bytes start with.
const MAGIC: &[u8; 6] = b"RRSNAP";

/// The layout of the bytes; bump it when a `record!` list changes.
pub const SNAPSHOT_VERSION: u32 = 1;

/// Why a snapshot cannot be made or restored.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SnapshotError {
    #[error("a week is being played: a snapshot is taken between weeks")]
    WeekRunning,
    #[error("not a snapshot of a game (or a damaged one)")]
    NotASnapshot,
    #[error("a snapshot of layout {theirs}; this game reads layout {ours}")]
    Layout { theirs: u32, ours: u32 },
    #[error(
        "a snapshot of model version {theirs}; this game runs model version {ours}, whose rules give \
         different results"
    )]
    ModelVersion { theirs: u32, ours: u32 },
    #[error("the snapshot is of {what} {theirs}; this game has {ours}")]
    Size {
        what: &'static str,
        theirs: u64,
        ours: u64,
    },
    #[error("the snapshot is damaged or cut short ({0})")]
    Damaged(String),
    #[error(
        "the restored game is not the one saved (its state hash differs): the snapshot is stale or damaged"
    )]
    Hash,
}

/// Bytes being read.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take_bytes(&mut self, n: usize) -> Result<&[u8], SnapshotError> {
        if n > self.bytes.len() {
            return Err(SnapshotError::Damaged("cut short".into()));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }
}

/// A value written and read back in a fixed layout (little-endian).
trait Codec: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader) -> Result<Self, SnapshotError>;
}

macro_rules! number {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
                let bytes = r.take_bytes(std::mem::size_of::<$t>())?;
                Ok(<$t>::from_le_bytes(bytes.try_into().expect("sized")))
            }
        }
    )*};
}
number!(u8, u16, u32, u64, f32, f64);

impl Codec for usize {
    fn put(&self, out: &mut Vec<u8>) {
        (*self as u64).put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        usize::try_from(u64::take(r)?).map_err(|_| SnapshotError::Damaged("a count too large".into()))
    }
}

impl Codec for bool {
    fn put(&self, out: &mut Vec<u8>) {
        u8::from(*self).put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        match u8::take(r)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(SnapshotError::Damaged("not a yes or no".into())),
        }
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        Ok((A::take(r)?, B::take(r)?))
    }
}

impl<T: Codec, const N: usize> Codec for [T; N] {
    fn put(&self, out: &mut Vec<u8>) {
        for item in self {
            item.put(out);
        }
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        let items = (0..N).map(|_| T::take(r)).collect::<Result<Vec<T>, _>>()?;
        items
            .try_into()
            .map_err(|_| SnapshotError::Damaged("an array".into()))
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for item in self {
            item.put(out);
        }
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        let len = usize::take(r)?;
        // Every item is at least a byte: a longer count is damage.
        if len > r.bytes.len() {
            return Err(SnapshotError::Damaged("a list longer than the file".into()));
        }
        (0..len).map(|_| T::take(r)).collect()
    }
}

impl<T: Codec> Codec for VecDeque<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for item in self {
            item.put(out);
        }
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        Ok(Vec::<T>::take(r)?.into())
    }
}

impl Codec for Funnel {
    fn put(&self, out: &mut Vec<u8>) {
        (*self as u8).put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        let byte = u8::take(r)?;
        [Funnel::None, Funnel::Lead, Funnel::Customer, Funnel::Advocate]
            .into_iter()
            .find(|f| *f as u8 == byte)
            .ok_or_else(|| SnapshotError::Damaged("a funnel stage".into()))
    }
}

impl Codec for ContentType {
    fn put(&self, out: &mut Vec<u8>) {
        (self.index() as u8).put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        let i = u8::take(r)? as usize;
        ContentType::ALL
            .get(i)
            .copied()
            .ok_or_else(|| SnapshotError::Damaged("a content type".into()))
    }
}

impl Codec for ActionKind {
    fn put(&self, out: &mut Vec<u8>) {
        (self.index() as u8).put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        let i = u8::take(r)? as usize;
        ActionKind::ALL
            .get(i)
            .copied()
            .ok_or_else(|| SnapshotError::Damaged("an action".into()))
    }
}

impl Codec for Target {
    fn put(&self, out: &mut Vec<u8>) {
        let (tag, segment) = match *self {
            Target::Everyone => (0u8, 0u8),
            Target::Followers => (1, 0),
            Target::Segment(s) => (2, s),
            Target::Influencers => (3, 0),
        };
        tag.put(out);
        segment.put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        match (u8::take(r)?, u8::take(r)?) {
            (0, _) => Ok(Target::Everyone),
            (1, _) => Ok(Target::Followers),
            (2, s) => Ok(Target::Segment(s)),
            (3, _) => Ok(Target::Influencers),
            _ => Err(SnapshotError::Damaged("a target".into())),
        }
    }
}

/// Attribution keeps its counts private: written as its own JSON.
impl Codec for Attribution {
    fn put(&self, out: &mut Vec<u8>) {
        serde_json::to_vec(self).unwrap_or_default().put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        let bytes = Vec::<u8>::take(r)?;
        serde_json::from_slice(&bytes).map_err(|e| SnapshotError::Damaged(format!("attribution: {e}")))
    }
}

/// A struct written field by field, in the order listed. The pattern has
/// no `..`: a field added to the struct and not listed here fails to
/// compile.
macro_rules! record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Codec for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                let $ty { $($field),* } = self;
                $( $field.put(out); )*
            }
            fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
                Ok($ty { $( $field: Codec::take(r)? ),* })
            }
        }
    };
}

record!(Hours {
    broadcast,
    conversation,
    listening
});
record!(Shares {
    followers,
    customers,
    strong
});
record!(PlannedAction {
    kind,
    day,
    platform,
    content,
    target
});
record!(WeekPlan { actions });
record!(Story {
    posts_seen,
    engagements,
    comments,
    replies_received,
    ignored,
    brand_contacts,
    followed_day,
    unfollowed_day,
    lead_day,
    customer_day,
});
record!(Audience {
    segment,
    platforms,
    interest,
    activity,
    awareness,
    relationship,
    sentiment,
    fatigue,
    flags,
    funnel,
    comment_since,
    last_contact,
    inbox,
    inbox_item,
    ads_this_week,
    story,
    touch,
    reached_week,
});
record!(QueuedPost {
    day,
    platform,
    content
});
record!(RunningAd {
    until_day,
    platform,
    target,
    money_per_day,
});
record!(Totals {
    impressions,
    engagements,
    ad_impressions,
    ad_money_spent,
    ad_clicks,
    leads,
    customers,
    revenue,
    money_spent,
    hours,
    comments,
    replies,
    unanswered,
    repeat_purchases,
    connection_requests,
    connections_accepted,
    attribution,
});
record!(Brand {
    insight,
    pending,
    reply_capacity,
    shares,
    recommended,
    queued_posts,
    ads,
    reach_factor,
    trend,
    influencer_cursor,
    totals,
});
record!(DayMetrics {
    day,
    followers,
    new_followers,
    unfollows,
    reach,
    first_reach_of_week,
    impressions,
    engagements,
    comments,
    complaints,
    replies,
    unanswered,
    ignored_unfollows,
    pending_comments,
    shares,
    posts,
    ad_impressions,
    organic_impressions,
    ad_money_spent,
    ad_clicks,
    offer_clicks,
    new_leads,
    new_customers,
    churned_customers,
    repeat_purchases,
    live_attendees,
    people_engaged_by_brand,
    connection_requests,
    connections_accepted,
    leads_total,
    customers_total,
    advocates,
    strong_relationships,
    relationship_index,
    sentiment,
    hours,
    money_spent,
    revenue,
    stages,
    attribution,
});

/// One side's state as a snapshot writes it: which fields of `Simulation`
/// are written, and which are built again from the scenario and seed by
/// setting the game up afresh. [`take_state`] reads the same list back.
fn put_state(side: &Simulation, out: &mut Vec<u8>) {
    let Simulation {
        // Built again by setting the game up: the scenario and seed decide them.
        scenario: _,
        seed: _,
        graph: _,
        segment_ranges: _,
        platform_users: _,
        influencers: _,
        // Between weeks nothing runs; the rest is recorded only, never state.
        running: _,
        shares_today: _,
        watch: _,
        // Every other brand's side is written after this one.
        market: _,
        // Written, in this order.
        audience,
        brand,
        day,
        history,
        plans,
        week_hashes,
        shares,
    } = side;
    audience.put(out);
    brand.put(out);
    day.put(out);
    history.put(out);
    plans.put(out);
    week_hashes.put(out);
    shares.put(out);
}

/// Reads what [`put_state`] wrote into a side set up afresh.
fn take_state(side: &mut Simulation, r: &mut Reader) -> Result<(), SnapshotError> {
    let Simulation {
        scenario: _,
        seed: _,
        graph: _,
        segment_ranges: _,
        platform_users: _,
        influencers: _,
        running: _,
        shares_today: _,
        watch: _,
        market: _,
        audience,
        brand,
        day,
        history,
        plans,
        week_hashes,
        shares,
    } = side;
    let restored = Audience::take(r)?;
    if restored.len() != audience.len() {
        return Err(SnapshotError::Size {
            what: "people",
            theirs: restored.len() as u64,
            ours: audience.len() as u64,
        });
    }
    *audience = restored;
    *brand = Brand::take(r)?;
    *day = u32::take(r)?;
    *history = Vec::take(r)?;
    *plans = Vec::take(r)?;
    *week_hashes = Vec::take(r)?;
    *shares = Shares::take(r)?;
    Ok(())
}

impl Simulation {
    /// The game between weeks as bytes: every brand's side (see the module
    /// documentation for what is written).
    pub fn snapshot(&self) -> Result<Vec<u8>, SnapshotError> {
        if self.week_running() {
            return Err(SnapshotError::WeekRunning);
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        SNAPSHOT_VERSION.put(&mut out);
        MODEL_VERSION.put(&mut out);
        self.seed.put(&mut out);
        self.brand_count().put(&mut out);
        self.audience.len().put(&mut out);
        for side in self.brand_sides() {
            put_state(side, &mut out);
        }
        self.state_hash().put(&mut out);
        Ok(out)
    }

    /// The game `bytes` were taken of, set up as `players` play it
    /// (`Simulation::with_players`; `None`: `Simulation::new`) on
    /// `scenario` and `seed`, then brought to the state saved. Refused
    /// with the reason on another model version, layout, seed or size, and
    /// when the restored game's state hash is not the one saved.
    pub fn restore(
        scenario: Arc<Scenario>,
        seed: u64,
        players: Option<&[String]>,
        bytes: &[u8],
    ) -> Result<Simulation, SnapshotError> {
        let mut r = Reader { bytes };
        if r.take_bytes(MAGIC.len()).ok() != Some(MAGIC.as_slice()) {
            return Err(SnapshotError::NotASnapshot);
        }
        let layout = u32::take(&mut r)?;
        if layout != SNAPSHOT_VERSION {
            return Err(SnapshotError::Layout {
                theirs: layout,
                ours: SNAPSHOT_VERSION,
            });
        }
        let model = u32::take(&mut r)?;
        if model != MODEL_VERSION {
            return Err(SnapshotError::ModelVersion {
                theirs: model,
                ours: MODEL_VERSION,
            });
        }
        let saved_seed = u64::take(&mut r)?;
        if saved_seed != seed {
            return Err(SnapshotError::Size {
                what: "seed",
                theirs: saved_seed,
                ours: seed,
            });
        }
        let mut game = match players {
            None => Simulation::new(scenario, seed),
            Some(players) => Simulation::with_players(scenario, seed, players)
                .map_err(|e| SnapshotError::Damaged(e.to_string()))?,
        };
        let (brands, agents) = (usize::take(&mut r)?, usize::take(&mut r)?);
        for (what, theirs, ours) in [
            ("brands", brands, game.brand_count()),
            ("people", agents, game.audience.len()),
        ] {
            if theirs != ours {
                return Err(SnapshotError::Size {
                    what,
                    theirs: theirs as u64,
                    ours: ours as u64,
                });
            }
        }
        take_state(&mut game, &mut r)?;
        for side in game.other_sides_mut() {
            take_state(side, &mut r)?;
        }
        let saved_hash = u64::take(&mut r)?;
        if !r.bytes.is_empty() {
            return Err(SnapshotError::Damaged("bytes after the end".into()));
        }
        if game.state_hash() != saved_hash || game.week_hashes.last() != Some(&saved_hash) {
            return Err(SnapshotError::Hash);
        }
        Ok(game)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(w: u8) -> WeekPlan {
        WeekPlan {
            actions: vec![
                PlannedAction::new(ActionKind::Publish, w % 7, 0),
                PlannedAction::new(ActionKind::Reply, (w + 2) % 7, 0),
                PlannedAction::new(ActionKind::StartConversation, (w + 4) % 7, 0),
            ],
        }
    }

    #[test]
    fn a_restored_market_plays_on_exactly_as_the_game_it_was_taken_of() {
        let scenario = Arc::new(Scenario::for_tests(600));
        let teams = vec!["Ann".to_string(), "Bo".to_string(), "Cy".to_string()];
        let mut game = Simulation::with_players(Arc::clone(&scenario), 9, &teams).unwrap();
        for w in 0..2 {
            game.run_market_week(&[plan(w), plan(w + 1), WeekPlan::default()])
                .unwrap();
        }
        let bytes = game.snapshot().unwrap();
        let mut restored = Simulation::restore(Arc::clone(&scenario), 9, Some(&teams), &bytes).unwrap();
        assert_eq!(restored.state_hash(), game.state_hash());
        assert_eq!(restored.history(), game.history());
        assert_eq!(restored.kpis(), game.kpis());
        for w in 2..4 {
            let plans = [plan(w), WeekPlan::default(), plan(w + 2)];
            game.run_market_week(&plans).unwrap();
            restored.run_market_week(&plans).unwrap();
        }
        assert_eq!(restored.week_hashes(), game.week_hashes());
        assert_eq!(restored.standings(), game.standings());
    }

    #[test]
    fn a_snapshot_of_another_game_or_model_or_a_damaged_one_is_refused() {
        let scenario = Arc::new(Scenario::for_tests(400));
        let mut game = Simulation::new(Arc::clone(&scenario), 3);
        game.run_week(&plan(1)).unwrap();
        let bytes = game.snapshot().unwrap();
        assert!(Simulation::restore(Arc::clone(&scenario), 3, None, &bytes).is_ok());
        let other_seed = Simulation::restore(Arc::clone(&scenario), 4, None, &bytes).unwrap_err();
        assert!(
            matches!(other_seed, SnapshotError::Size { what: "seed", .. }),
            "{other_seed}"
        );
        let bigger = Arc::new(Scenario::for_tests(500));
        let size = Simulation::restore(bigger, 3, None, &bytes).unwrap_err();
        assert!(
            size.to_string().contains("people 400; this game has 500"),
            "{size}"
        );
        let mut old = bytes.clone();
        old[10..14].copy_from_slice(&(MODEL_VERSION + 1).to_le_bytes());
        assert!(matches!(
            Simulation::restore(Arc::clone(&scenario), 3, None, &old),
            Err(SnapshotError::ModelVersion { .. })
        ));
        let cut = &bytes[..bytes.len() / 2];
        assert!(Simulation::restore(Arc::clone(&scenario), 3, None, cut).is_err());
        // One relationship changed: the hash check finds it.
        let mut edited = game.clone();
        edited.audience.relationship[5] += 0.25;
        let stale = edited.snapshot().unwrap();
        let n = stale.len();
        let mut forged = stale.clone();
        forged[n - 8..].copy_from_slice(&game.state_hash().to_le_bytes());
        assert_eq!(
            Simulation::restore(Arc::clone(&scenario), 3, None, &forged).unwrap_err(),
            SnapshotError::Hash
        );
        assert!(Simulation::restore(scenario, 3, None, b"hello").is_err());
        game.begin_week(plan(2)).unwrap();
        assert_eq!(game.snapshot().unwrap_err(), SnapshotError::WeekRunning);
    }
}
