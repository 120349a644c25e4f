//! A game's state between weeks as bytes, every brand's side of it, so a
//! class folder can keep its markets after a round and play the next one
//! from there instead of re-playing every round closed.
//!
//! What is written is listed in one place each, by destructuring every
//! struct without `..` (so a field added to the model fails to compile
//! here until it is listed): [`put_state`] says which fields of
//! `Simulation` are written and which are built again by setting the game
//! up afresh (the scenario, graph and its hash, the tables of fading,
//! segment ranges, platform users and influencers: all drawn from the
//! scenario and seed alone); [`put_audience`] and [`put_ledger`] do the
//! same for the people and the running book; the `record!` lines below
//! list the fields of every other struct.
//!
//! Model 3's people are lazy, so a side's state is more than its people:
//! each person's cell is written whole (their record with its day stamp,
//! their next visit, inbox item, ad count, traits), and so is the book
//! kept of them (counts, the sums behind the means by day, the state
//! hash's sum, the calendar of visits with its stale entries, the list of
//! followers in its order, the ad platforms' pools, who met an ad this
//! week), the brand's beliefs, tones, memory and queues, and the log of
//! first purchases. A restored side is checked three ways: the people's
//! traits are those the scenario and seed draw, the book is what a count
//! from scratch of the restored people gives (counts, sums, hash, pools,
//! followers, ad counts), and the game's state hash is the one written.
//!
//! The bytes start with a header: `RRSNAP`, the snapshot layout's version,
//! the model version (a snapshot of another model is refused: its rules
//! give other results), the seed, the brands and the audience size.

use super::super::action::{ActionKind, PlannedAction, Target, WeekPlan};
use super::super::attribution::Attribution;
use super::super::audience::ledger::{AdPools, Counts, FollowerList, Ledger, Record};
use super::super::audience::{Audience, Cell, Funnel, Story};
use super::super::contribution::{Built, UNIT};
use super::super::market::Shares;
use super::super::metrics::{DayMetrics, Hours};
use super::super::scenario::Scenario;
use super::super::step::CHUNK;
use super::super::step::Purchase;
use super::super::types::{ContentType, Tone};
use super::brand::{Brand, QueuedPost, RunningAd, Totals};
use super::{MODEL_VERSION, Simulation};
use std::collections::VecDeque;
use std::sync::Arc;

/// What the bytes start with.
const MAGIC: &[u8; 6] = b"RRSNAP";

/// The layout of the bytes; bump it when a `record!` list changes.
/// Layout 2: model 3 (people as cells, the running book, beliefs of tone,
/// the contact memory, the log of first purchases). Layout 3: the people's
/// shares by contribution after their cells. Layout 4: a day's count of
/// leads who went cold.
pub const SNAPSHOT_VERSION: u32 = 4;

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
    #[error("the snapshot's people are not those this scenario and seed draw (another scenario)")]
    OtherPeople,
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
number!(u8, u16, u32, u64, i64, f32, f64);

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

impl Codec for Tone {
    fn put(&self, out: &mut Vec<u8>) {
        (self.index() as u8).put(out);
    }
    fn take(r: &mut Reader) -> Result<Self, SnapshotError> {
        let i = u8::take(r)? as usize;
        Tone::ALL
            .get(i)
            .copied()
            .ok_or_else(|| SnapshotError::Damaged("a tone".into()))
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
    target,
    tone,
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
record!(Record {
    awareness,
    relationship,
    sentiment,
    fatigue,
    story,
    stamp,
    last_contact,
    comment_since,
    flags,
    funnel,
    comment_platform,
});
record!(Cell {
    record,
    inbox,
    next_visit,
    inbox_item,
    touch,
    reached_week,
    ads_this_week,
    segment,
    platforms,
    activity,
    interest,
});
record!(Counts {
    stages,
    followers,
    strong,
    advocates,
    known
});
record!(AdPools { reachable, capped });
record!(Purchase {
    person,
    day,
    relationship,
    contacted
});
record!(QueuedPost {
    day,
    platform,
    content,
    tone
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
    post_impressions,
    post_engagements,
    question_impressions,
    question_comments,
    pushes,
    push_responses,
    lapsed,
    attribution,
});
record!(Brand {
    insight,
    beliefs,
    tone_beliefs,
    memory,
    pending,
    reply_batches,
    ignored,
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
    post_impressions,
    post_engagements,
    question_impressions,
    question_comments,
    push_responses,
    answers_seen,
    ignored_seen,
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
    cooled_leads,
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
    visited,
    attribution,
});

/// The people as a snapshot writes them: every cell whole and the day they
/// stand at. How levels fade (`decay`) is built again from the scenario's
/// parameters.
fn put_audience(audience: &Audience, out: &mut Vec<u8>) {
    let Audience {
        cells,
        today,
        decay: _,
        contribution,
    } = audience;
    cells.put(out);
    today.put(out);
    // The shares by contribution of those the game has moved: who, then
    // their bytes (recorded only, so not checked against the hash).
    let mut people = Vec::<u32>::new();
    let mut bytes = Vec::<u8>::new();
    for (n, chunk) in contribution.chunks.iter().enumerate() {
        for (k, shares) in chunk.stored() {
            people.push((n * CHUNK + k) as u32);
            bytes.extend_from_slice(&shares.bond);
            bytes.extend_from_slice(&shares.warmth);
        }
    }
    people.put(out);
    bytes.put(out);
}

/// Reads what [`put_audience`] wrote into the people of a side set up
/// afresh, whose traits (segment, platforms, activity, interests) must be
/// those written: they are drawn from the scenario and seed alone.
fn take_audience(audience: &mut Audience, r: &mut Reader) -> Result<(), SnapshotError> {
    let cells = Vec::<Cell>::take(r)?;
    let today = u16::take(r)?;
    if cells.len() != audience.len() {
        return Err(SnapshotError::Size {
            what: "people",
            theirs: cells.len() as u64,
            ours: audience.len() as u64,
        });
    }
    let traits = |cell: &Cell| (cell.segment, cell.platforms, cell.activity, cell.interest);
    if cells
        .iter()
        .zip(&audience.cells)
        .any(|(a, b)| traits(a) != traits(b))
    {
        return Err(SnapshotError::OtherPeople);
    }
    let people = Vec::<u32>::take(r)?;
    let bytes = Vec::<u8>::take(r)?;
    let (bond, warmth) = (Built::START.bond.len(), Built::START.warmth.len());
    if bytes.len() != people.len() * (bond + warmth) || people.iter().any(|&p| p as usize >= cells.len()) {
        return Err(SnapshotError::Damaged("the shares by contribution".into()));
    }
    // Copied into the set-up's own cells (same length), which lie where a
    // day reads them fastest (see `huge_vec`).
    audience.cells.copy_from_slice(&cells);
    audience.today = today;
    audience.contribution.chunks.clear();
    let mut chunks = audience.chunks_mut(CHUNK);
    for (&person, bytes) in people.iter().zip(bytes.chunks_exact(bond + warmth)) {
        let mut built = Built::START;
        built.bond.copy_from_slice(&bytes[..bond]);
        built.warmth.copy_from_slice(&bytes[bond..]);
        let whole = |q: &[u8]| q.iter().map(|&q| q as u32).sum::<u32>() <= UNIT as u32;
        if !whole(&built.bond) || !whole(&built.warmth) {
            return Err(SnapshotError::Damaged("the shares by contribution".into()));
        }
        chunks[person as usize / CHUNK].write_built(person as usize % CHUNK, built);
    }
    Ok(())
}

/// The running book as a snapshot writes it: all of it, the followers in
/// their list's order (sampling draws from it by place); each follower's
/// place in the list is built again from the list.
fn put_ledger(ledger: &Ledger, out: &mut Vec<u8>) {
    let Ledger {
        counts,
        bonds,
        moods,
        hash_sum,
        calendar,
        followers,
        pools,
        ad_counted,
        ad_cap,
    } = ledger;
    let FollowerList {
        people,
        slot: _,
        on_platform: _,
    } = followers;
    counts.put(out);
    bonds.put(out);
    moods.put(out);
    hash_sum.put(out);
    calendar.put(out);
    people.put(out);
    pools.put(out);
    ad_counted.put(out);
    ad_cap.put(out);
}

/// Reads what [`put_ledger`] wrote, for an audience of `size` people.
fn take_ledger(r: &mut Reader, audience: &Audience) -> Result<Ledger, SnapshotError> {
    let size = audience.len();
    let counts = Counts::take(r)?;
    let bonds = Vec::take(r)?;
    let moods = Vec::take(r)?;
    let hash_sum = u64::take(r)?;
    let calendar: Vec<Vec<u32>> = Vec::take(r)?;
    let people: Vec<u32> = Vec::take(r)?;
    let pools = AdPools::take(r)?;
    let ad_counted: Vec<u32> = Vec::take(r)?;
    let ad_cap = u8::take(r)?;
    let outside = |list: &[u32]| list.iter().any(|&p| p as usize >= size);
    if calendar.iter().any(|day| outside(day)) || outside(&people) || outside(&ad_counted) {
        return Err(SnapshotError::Damaged("a person past the audience".into()));
    }
    let followers = FollowerList::of_people(people, audience)
        .ok_or_else(|| SnapshotError::Damaged("a follower listed twice".into()))?;
    Ok(Ledger {
        counts,
        bonds,
        moods,
        hash_sum,
        calendar,
        followers,
        pools,
        ad_counted,
        ad_cap,
    })
}

/// One side's state as a snapshot writes it: which fields of `Simulation`
/// are written, and which are built again from the scenario and seed by
/// setting the game up afresh. [`take_state`] reads the same list back.
fn put_state(side: &Simulation, out: &mut Vec<u8>) {
    let Simulation {
        // Built again by setting the game up: the scenario and seed decide them.
        scenario: _,
        seed: _,
        graph: _,
        graph_hash: _,
        decay: _,
        segment_ranges: _,
        platform_users: _,
        influencers: _,
        // Between weeks nothing runs.
        running: _,
        // Recorded only, never state: a restored game watches nobody, and
        // its last day's times are those of the day it plays next.
        watch: _,
        phase_times: _,
        // Every other brand's side is written after this one.
        market: _,
        // Written, in this order.
        audience,
        ledger,
        brand,
        eager,
        day,
        history,
        plans,
        week_hashes,
        shares_today,
        purchases,
        shares,
    } = side;
    put_audience(audience, out);
    put_ledger(ledger, out);
    brand.put(out);
    eager.put(out);
    day.put(out);
    history.put(out);
    plans.put(out);
    week_hashes.put(out);
    shares_today.put(out);
    purchases.put(out);
    shares.put(out);
}

/// Reads what [`put_state`] wrote into a side set up afresh, and checks the
/// book against its people.
fn take_state(side: &mut Simulation, r: &mut Reader) -> Result<(), SnapshotError> {
    let Simulation {
        scenario,
        seed: _,
        graph: _,
        graph_hash: _,
        decay: _,
        segment_ranges: _,
        platform_users: _,
        influencers: _,
        running: _,
        watch: _,
        phase_times: _,
        market: _,
        audience,
        ledger,
        brand,
        eager,
        day,
        history,
        plans,
        week_hashes,
        shares_today,
        purchases,
        shares,
    } = side;
    take_audience(audience, r)?;
    *ledger = take_ledger(r, audience)?;
    *brand = Brand::take(r)?;
    *eager = bool::take(r)?;
    *day = u32::take(r)?;
    *history = Vec::take(r)?;
    *plans = Vec::take(r)?;
    *week_hashes = Vec::take(r)?;
    *shares_today = Vec::take(r)?;
    *purchases = Vec::take(r)?;
    *shares = Shares::take(r)?;
    if u32::from(audience.today) != *day || history.len() != *day as usize + 1 {
        return Err(SnapshotError::Damaged(
            "the people and the days played disagree".into(),
        ));
    }
    check_book(scenario, audience, ledger)
}

/// Whether the running book restored is what a count from scratch of the
/// restored people gives: what the counts, sums and hash keep (the sums
/// by day compared without the days they no longer hold anything on), the
/// ad platforms' pools, the followers and who met an ad this week (in any
/// order), the calendar's length and the frequency cap.
fn check_book(scenario: &Scenario, audience: &Audience, ledger: &Ledger) -> Result<(), SnapshotError> {
    let params = &scenario.model;
    let fresh = Ledger::of(
        audience,
        super::day::thresholds(params),
        scenario.platforms.len(),
        scenario.segments.len(),
        scenario.days(),
        params.ad_frequency_cap.min(u8::MAX as u32) as u8,
    );
    fn held(sums: &[i64]) -> &[i64] {
        let end = sums.iter().rposition(|&s| s != 0).map_or(0, |i| i + 1);
        &sums[..end]
    }
    fn sorted(people: &[u32]) -> Vec<u32> {
        let mut people = people.to_vec();
        people.sort_unstable();
        people
    }
    let agrees = [
        ("counts", ledger.counts == fresh.counts),
        ("hash", ledger.hash_sum == fresh.hash_sum),
        ("bonds", held(&ledger.bonds) == held(&fresh.bonds)),
        ("moods", held(&ledger.moods) == held(&fresh.moods)),
        ("ad pools", ledger.pools.reachable == fresh.pools.reachable),
        ("capped", ledger.pools.capped.len() == fresh.pools.capped.len()),
        (
            "followers",
            sorted(&ledger.followers.people) == fresh.followers.people,
        ),
        ("ads", sorted(&ledger.ad_counted) == fresh.ad_counted),
        ("calendar", ledger.calendar.len() == fresh.calendar.len()),
        ("frequency cap", ledger.ad_cap == fresh.ad_cap),
    ];
    match agrees.iter().find(|(_, agrees)| !agrees) {
        Some((what, _)) => Err(SnapshotError::Damaged(format!(
            "the book's {what} are not those of its people"
        ))),
        None => Ok(()),
    }
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
    /// with the reason on another model version, layout, seed or size,
    /// people who are not the scenario's, a book that is not its people's,
    /// and when the restored game's state hash is not the one saved.
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
        let (brands, agents) = (usize::take(&mut r)?, usize::take(&mut r)?);
        // Checked before setting the game up: a snapshot of a million
        // people is not set up to be refused for a size read from its header.
        if agents != scenario.agents as usize {
            return Err(SnapshotError::Size {
                what: "people",
                theirs: agents as u64,
                ours: scenario.agents as u64,
            });
        }
        let mut game = match players {
            None => Simulation::new(scenario, seed),
            Some(players) => Simulation::with_players(scenario, seed, players)
                .map_err(|e| SnapshotError::Damaged(e.to_string()))?,
        };
        if brands != game.brand_count() {
            return Err(SnapshotError::Size {
                what: "brands",
                theirs: brands as u64,
                ours: game.brand_count() as u64,
            });
        }
        take_state(&mut game, &mut r)?;
        for side in game.other_sides_mut() {
            take_state(side, &mut r)?;
        }
        game.mark_everyone();
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
    use super::super::super::scenario::{EventKind, ScriptedEvent};
    use super::*;

    /// A busy week: every kind of action, in every tone, some of it still
    /// running or queued when the week ends (scheduled posts, ads).
    fn plan(w: u8) -> WeekPlan {
        let tone = Tone::ALL[w as usize % 3];
        let mut engage = PlannedAction::new(ActionKind::EngageOthers, (w + 1) % 7, 0).in_tone(tone);
        engage.target = Target::Followers;
        let mut ad = PlannedAction::new(ActionKind::Ad, 5, 1);
        ad.target = Target::Segment(w % 2);
        WeekPlan {
            actions: vec![
                PlannedAction::new(ActionKind::Publish, w % 7, 0).in_tone(tone),
                PlannedAction::new(ActionKind::Schedule, 6, 1).in_tone(Tone::Promotional),
                PlannedAction::new(ActionKind::StartConversation, (w + 2) % 7, 0).in_tone(Tone::Personal),
                PlannedAction::new(ActionKind::Reply, (w + 3) % 7, 0).in_tone(tone),
                PlannedAction::new(ActionKind::Reply, 6, 1),
                PlannedAction::new(ActionKind::LiveEvent, 4, 0),
                ad,
                PlannedAction::new(ActionKind::Connect, 2, 0),
                PlannedAction::new(ActionKind::Research, 0, 0),
                engage,
                engage,
            ],
        }
    }

    /// The test scenario with a rival brand, a trend, an algorithm change
    /// and a review storm.
    fn eventful(agents: u32) -> Arc<Scenario> {
        let mut scenario = Scenario::for_tests(agents);
        let event = |week, day, kind| ScriptedEvent { week, day, kind };
        scenario.events = vec![
            event(
                0,
                3,
                EventKind::ViralTrend {
                    content: ContentType::Video,
                    boost: 1.5,
                    days: 9,
                },
            ),
            event(
                1,
                2,
                EventKind::AlgorithmChange {
                    platform: 1,
                    reach_factor: 0.7,
                },
            ),
            event(
                2,
                1,
                EventKind::ReviewStorm {
                    share: 0.05,
                    severity: 0.4,
                },
            ),
        ];
        scenario.market.rivals.push(crate::sim::RivalSpec {
            name: "Rival".to_string(),
            strategy: crate::files::strategy::find_strategy("rival_steady").unwrap(),
            strategy_source: "rival_steady".to_string(),
            initial_followers: 0.08,
            initial_awareness: 0.2,
            hours_per_week: 15.0,
            money_per_week: 100.0,
        });
        Arc::new(scenario)
    }

    /// Every side of two games holds the same state, field by field.
    fn same_game(a: &Simulation, b: &Simulation) {
        assert_eq!(a.brand_count(), b.brand_count());
        for (x, y) in a.brand_sides().into_iter().zip(b.brand_sides()) {
            assert!(x.audience == y.audience, "the people differ");
            assert!(x.ledger == y.ledger, "the books differ");
            assert_eq!(x.brand, y.brand);
            assert_eq!(x.history, y.history);
            assert_eq!(x.plans, y.plans);
            assert_eq!(x.week_hashes, y.week_hashes);
            assert_eq!(x.shares_today, y.shares_today);
            assert_eq!(x.purchases, y.purchases);
            assert_eq!(x.shares, y.shares);
            assert_eq!((x.day, x.eager), (y.day, y.eager));
        }
        assert_eq!(a.state_hash(), b.state_hash());
    }

    #[test]
    fn a_restored_market_plays_on_exactly_as_the_game_it_was_taken_of() {
        let scenario = eventful(1500);
        let teams = vec!["Ann".to_string(), "Bo".to_string(), "Cy".to_string()];
        let mut game = Simulation::with_players(Arc::clone(&scenario), 9, &teams).unwrap();
        assert_eq!(game.brand_count(), 4);
        // Taken at the start too: a snapshot of a game not yet played.
        let start = game.snapshot().unwrap();
        same_game(
            &Simulation::restore(Arc::clone(&scenario), 9, Some(&teams), &start).unwrap(),
            &game,
        );
        for w in 0..2 {
            game.run_market_week(&[plan(w), plan(w + 1), WeekPlan::default()])
                .unwrap();
        }
        // Something of every part of a side is there to be kept.
        let own = game.brand_side(0).unwrap();
        assert!(own.purchases().len() + own.brand.pending.len() > 0);
        assert!(!own.brand.queued_posts.is_empty() || !own.brand.ads.is_empty());
        assert!(!own.brand.memory.is_empty() && !own.ledger.followers.is_empty());
        assert!(own.brand.reach_factor[1] != 1.0);
        let bytes = game.snapshot().unwrap();
        let mut restored = Simulation::restore(Arc::clone(&scenario), 9, Some(&teams), &bytes).unwrap();
        same_game(&restored, &game);
        assert_eq!(restored.kpis(), game.kpis());
        // Everything written is read back: the restored game's bytes are the same.
        assert!(restored.snapshot().unwrap() == bytes);
        for w in 2..4 {
            let plans = [plan(w), WeekPlan::default(), plan(w + 2)];
            game.run_market_week(&plans).unwrap();
            restored.run_market_week(&plans).unwrap();
            same_game(&restored, &game);
        }
        assert!(game.finished());
        assert_eq!(restored.week_hashes(), game.week_hashes());
        assert_eq!(restored.standings(), game.standings());
    }

    #[test]
    fn a_restored_game_plays_on_as_it_would_have_alone_and_eager() {
        let scenario = Arc::new(Scenario::for_tests(1200));
        for eager in [false, true] {
            let set_up = || {
                if eager {
                    Simulation::new_eager(Arc::clone(&scenario), 4)
                } else {
                    Simulation::new(Arc::clone(&scenario), 4)
                }
            };
            let mut game = set_up();
            game.run_week(&plan(0)).unwrap();
            let bytes = game.snapshot().unwrap();
            let mut restored = Simulation::restore(Arc::clone(&scenario), 4, None, &bytes).unwrap();
            assert_eq!(restored.is_eager(), eager);
            same_game(&restored, &game);
            for w in 1..4 {
                game.run_week(&plan(w)).unwrap();
                restored.run_week(&plan(w)).unwrap();
            }
            same_game(&restored, &game);
            let mut never = set_up();
            for w in 0..4 {
                never.run_week(&plan(w)).unwrap();
            }
            assert_eq!(restored.week_hashes(), never.week_hashes());
        }
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
        // The same size, other people.
        let mut other = Scenario::for_tests(400);
        other.segments[0].share = 0.3;
        assert_eq!(
            Simulation::restore(Arc::new(other), 3, None, &bytes).unwrap_err(),
            SnapshotError::OtherPeople
        );
        let mut old = bytes.clone();
        old[10..14].copy_from_slice(&(MODEL_VERSION + 1).to_le_bytes());
        assert!(matches!(
            Simulation::restore(Arc::clone(&scenario), 3, None, &old),
            Err(SnapshotError::ModelVersion { .. })
        ));
        let mut layout = bytes.clone();
        layout[6..10].copy_from_slice(&1u32.to_le_bytes());
        assert!(matches!(
            Simulation::restore(Arc::clone(&scenario), 3, None, &layout),
            Err(SnapshotError::Layout { theirs: 1, .. })
        ));
        let cut = &bytes[..bytes.len() / 2];
        assert!(Simulation::restore(Arc::clone(&scenario), 3, None, cut).is_err());
        // One relationship changed as the game changes people (the book
        // follows): the hash check finds it.
        let mut edited = game.clone();
        edited.change_person(5, |record| record.relationship += 0.25);
        let stale = edited.snapshot().unwrap();
        let n = stale.len();
        let mut forged = stale.clone();
        forged[n - 8..].copy_from_slice(&game.state_hash().to_le_bytes());
        assert_eq!(
            Simulation::restore(Arc::clone(&scenario), 3, None, &forged).unwrap_err(),
            SnapshotError::Hash
        );
        // One relationship changed behind the book's back: the count from
        // scratch finds it, whatever hash is written.
        let mut behind = game.clone();
        behind.audience.cells[5].record.relationship += 0.25;
        let damaged = Simulation::restore(Arc::clone(&scenario), 3, None, &behind.snapshot().unwrap());
        assert!(
            matches!(&damaged, Err(SnapshotError::Damaged(why)) if why.contains("hash")),
            "{damaged:?}"
        );
        assert!(Simulation::restore(scenario, 3, None, b"hello").is_err());
        game.begin_week(plan(2)).unwrap();
        assert_eq!(game.snapshot().unwrap_err(), SnapshotError::WeekRunning);
    }
}
