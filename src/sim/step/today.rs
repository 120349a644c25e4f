//! What the daily pass works with: what it knows about today, the working
//! copy of one person, an exposure to one piece of content, and what a chunk
//! of people produces.

use super::super::attribution::{Cause, Outcome, touch};
use super::super::audience::ledger::{LedgerDelta, Thresholds};
use super::super::audience::{Decay, Funnel, INTEREST_SCALE, Story, flag};
use super::super::contribution::Built;
use super::super::metrics::DayCounts;
use super::super::params::ModelParams;
use super::super::rng::{Rng, Stream, day_key};
use super::super::scenario::{Platform, Segment};
use super::super::trace::{Snapshot, TraceStep, Watcher, Watching};
use super::super::types::{CONTENT_TYPES, ContentType, Tone};

/// A post that goes out today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PostToday {
    pub platform: u8,
    pub content: ContentType,
    pub tone: Tone,
    /// Craft quality (content quality, automation).
    pub quality: f32,
    pub scheduled: bool,
    /// Chance a follower on the platform sees it before relationship boost.
    pub reach: f32,
}

impl PostToday {
    /// The post as a follower meets it in the feed.
    pub fn in_feed(&self) -> Exposure {
        Exposure {
            platform: self.platform,
            content: self.content,
            tone: self.tone,
            quality: self.quality,
            scheduled: self.scheduled,
            source: Source::Feed,
            // Only the brand's questions are conversation posts in the feed.
            cause: if self.content == ContentType::Conversation {
                Cause::ConversationStarter
            } else {
                Cause::FeedPost
            },
        }
    }

    /// The highest chance that a follower sees it (a full bond, the whole
    /// of their attention): followers are drawn at this rate in phase A and
    /// each is kept at their own chance over it in their day.
    pub fn top_reach(&self, params: &ModelParams) -> f32 {
        (self.reach * (1.0 + params.reach_boost_per_relationship)).min(1.0)
    }
}

/// A live session today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LiveToday {
    pub platform: u8,
    pub tone: Tone,
    /// The rate followers were drawn at to be offered a place (the highest
    /// chance any follower has of joining).
    pub top_chance: f32,
}

/// Everything the pass needs to know about today.
pub struct DayContext<'a> {
    /// Days played before today (today is day + 1 as the arrays store it).
    pub day: u32,
    pub seed: u64,
    pub params: &'a ModelParams,
    pub platforms: &'a [Platform],
    pub segments: &'a [Segment],
    pub posts: Vec<PostToday>,
    pub live: Option<LiveToday>,
    /// Appeal multiplier per content type from trends.
    pub trend: [f32; CONTENT_TYPES],
    pub sales_speed: f32,
    /// Sentiment lost by a friend of a complainer (review storm).
    pub complaint_severity: f32,
    /// Sentiment lost by a complainer (review storm).
    pub storm_severity: f32,
    /// The one person whose day is recorded step by step, if any.
    pub watch: Option<Watching>,
    pub decay: std::sync::Arc<Decay>,
    pub thresholds: Thresholds,
    /// The last day of the game (as stored): visits past it are not filed.
    pub last_day: u16,
    /// Every person is visited every day and nobody's visit is scheduled
    /// (the check that lazy people change nothing).
    pub eager: bool,
    /// How firmly a happy customer with a full bond turns away other
    /// brands (markets with one purchase at a time; 0 otherwise).
    pub loyalty_hold: f32,
    /// The model's mechanisms (all on in a game; a claim's control turns
    /// one off).
    pub mechanisms: super::super::mechanisms::Mechanisms,
    /// The day's keys of the streams a person's day draws from.
    pub keys: DayKeys,
}

/// Days ahead of a day whose hazard keys it keeps: the walk to a person's
/// next visit looks at most this far.
const KEYED_DAYS: usize = 32;

/// The keys of the streams a person's day draws from, taken once a day
/// (each person's generator is then one mix of the key and their index).
#[derive(Clone, Debug)]
pub struct DayKeys {
    seed: u64,
    day: u32,
    agent: u64,
    /// `hazard[n]`: the hazard stream's key on day `day + n` (as stored).
    hazard: [u64; KEYED_DAYS],
}

impl DayKeys {
    /// The keys of the day after `day` days played, with `seed`.
    pub fn new(seed: u64, day: u32) -> DayKeys {
        DayKeys {
            seed,
            day,
            agent: day_key(seed, Stream::Agent, day),
            hazard: std::array::from_fn(|n| day_key(seed, Stream::Hazard, day + n as u32)),
        }
    }
}

impl DayContext<'_> {
    /// Person `index`'s own stream today: `Rng::keyed(seed, Stream::Agent,
    /// day, index)`.
    #[inline]
    pub fn agent_rng(&self, index: u32) -> Rng {
        if self.keyed() {
            Rng::with_key(self.keys.agent, index as u64)
        } else {
            Rng::keyed(self.seed, Stream::Agent, self.day, index as u64)
        }
    }

    /// Whether the keys kept are this day's (the context was not changed
    /// after they were taken).
    #[inline]
    fn keyed(&self) -> bool {
        self.keys.day == self.day && self.keys.seed == self.seed
    }

    /// Person `person`'s hazard stream on day `day` (as stored):
    /// `Rng::keyed(seed, Stream::Hazard, day, person)`.
    #[inline]
    pub fn hazard_rng(&self, day: u16, person: u32) -> Rng {
        match self
            .keys
            .hazard
            .get((day as u32).wrapping_sub(self.keys.day) as usize)
        {
            Some(&key) if self.keyed() => Rng::with_key(key, person as u64),
            _ => Rng::keyed(self.seed, Stream::Hazard, day as u32, person as u64),
        }
    }

    /// How firmly a customer with this bond and mood holds on to the brand.
    #[inline]
    pub fn hold(&self, relationship: f32, sentiment: f32) -> f32 {
        (self.loyalty_hold * relationship * (1.0 + sentiment) * 0.5).clamp(0.0, 1.0)
    }

    /// Today as the audience's day fields store it (day + 1; 0 means never).
    pub fn today(&self) -> u16 {
        (self.day + 1) as u16
    }
}

/// What one chunk of people (or, merged, the whole pass) produced.
#[derive(Clone, Debug, Default)]
pub struct ChunkOut {
    pub counts: DayCounts,
    /// The change to the side's ledger (counts, sums, hash, calendar).
    pub ledger: LedgerDelta,
    /// People whose new comment now waits for an answer, in index order,
    /// with the platform it was written on.
    pub new_comments: Vec<(u32, u8)>,
    /// Comments that ran out of patience today (person, platform): their
    /// friends may see them left unanswered tomorrow.
    pub ignored: Vec<(u32, u8)>,
    /// Shares made today: (person, packed item).
    pub shares: Vec<(u32, u16)>,
    /// Beside each share: whether an advocate made it (a recommendation).
    pub recommended: Vec<bool>,
    /// People who clicked an ad today, in index order (once per click).
    pub ad_clickers: Vec<u32>,
    /// People with whom the brand had a reciprocated exchange today, in
    /// index order: the brand remembers them.
    pub exchanged: Vec<u32>,
    /// People the pass visited today (for `rapport bench`).
    pub visited: u64,
    /// First purchases today, with the buyer's standing at that moment.
    pub purchases: Vec<Purchase>,
    /// The recorder of the watched person, in the chunk that holds them.
    pub watch: Option<Box<Watcher>>,
}

impl ChunkOut {
    /// All chunks' results as one, in chunk order.
    pub fn merge(mut chunks: Vec<ChunkOut>) -> ChunkOut {
        let mut all = ChunkOut::default();
        // Read in place: a chunk's results are too large to move about.
        for chunk in &mut chunks {
            all.counts.add(&chunk.counts);
            all.ledger.add(&chunk.ledger);
            all.new_comments.extend_from_slice(&chunk.new_comments);
            all.ignored.extend_from_slice(&chunk.ignored);
            all.shares.extend_from_slice(&chunk.shares);
            all.recommended.extend_from_slice(&chunk.recommended);
            all.ad_clickers.extend_from_slice(&chunk.ad_clickers);
            all.exchanged.extend_from_slice(&chunk.exchanged);
            all.visited += chunk.visited;
            all.purchases.extend_from_slice(&chunk.purchases);
            if chunk.watch.is_some() {
                all.watch = chunk.watch.take();
            }
        }
        all
    }

    /// A share by `person` of `item`; `recommended` when an advocate makes it.
    pub fn share(&mut self, person: u32, item: u16, recommended: bool) {
        self.shares.push((person, item));
        self.recommended.push(recommended);
    }

    /// Credits one change of standing to its cause.
    #[inline]
    pub fn credit(&mut self, outcome: Outcome, cause: Cause) {
        self.counts.attribution.credit(outcome, cause);
    }

    /// Credits one change of a stock to `cause` by last touch, and by
    /// contribution to the causes of the person's shares: of their bond
    /// for a strong relationship, of their warmth for a lead or a customer.
    #[inline]
    pub fn credit_stock(&mut self, outcome: Outcome, cause: Cause, person: &Person) {
        self.credit(outcome, cause);
        let mut person = *person;
        person.settle();
        let attribution = &mut self.counts.attribution;
        match outcome {
            Outcome::StrongGained => attribution.credit_shares(outcome, person.built.of_bond()),
            _ => attribution.credit_shares(outcome, person.built.of_warmth()),
        }
    }

    /// Records a step of the watched person's day (nothing for anyone else).
    #[inline]
    pub fn note(&mut self, person: &Person, step: TraceStep, cause: Option<Cause>) {
        if let Some(watcher) = self.watch.as_deref_mut()
            && watcher.agent == person.index
        {
            watcher.note(person.snapshot(), step, cause, self.shares.len());
        }
    }
}

/// A first purchase and how the buyer stood with the brand at that moment
/// (recorded only: the claims read whether bonds sell at the moment of
/// buying, not at the end of the game).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Purchase {
    pub person: u32,
    /// The game day of the purchase.
    pub day: u16,
    pub relationship: f32,
    /// The brand had answered them or talked with them before.
    pub contacted: bool,
}

/// Where an exposure came from; it sets how much it is trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Feed,
    Discovery,
    Friend,
    Ad,
}

/// One person meeting one piece of content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Exposure {
    pub platform: u8,
    pub content: ContentType,
    pub tone: Tone,
    /// Craft quality for a post; 1 for what arrives in the inbox.
    pub quality: f32,
    pub scheduled: bool,
    pub source: Source,
    /// What a change it tips is credited to.
    pub cause: Cause,
}

/// Highest sentiment factor of a mood: 1 + the highest sentiment.
const MOOD_CEILING: f32 = 2.0;

/// The working copy of one person's mutable state.
#[derive(Clone, Copy, Debug)]
pub struct Person {
    pub index: u32,
    pub segment: usize,
    pub platforms: u8,
    pub interest: [u8; CONTENT_TYPES],
    pub activity: u8,
    pub awareness: f32,
    pub relationship: f32,
    pub sentiment: f32,
    pub fatigue: f32,
    pub flags: u8,
    pub funnel: Funnel,
    pub comment_since: u16,
    pub comment_platform: u8,
    pub last_contact: u16,
    pub story: Story,
    /// Whether anything from or about the brand reached the person today.
    pub reached: bool,
    /// Recorded only (`Audience::touch`): the last touch that moved them,
    /// what soured them.
    pub touch: u8,
    /// The last cause that raised the relationship today.
    pub raised_by: Option<Cause>,
    /// What last took a strong relationship below strong today, if not
    /// the night's cooling.
    pub fell_by: Option<Cause>,
    /// Recorded only: what each cause built of their bond and warmth
    /// (`contribution`), their awareness and bond as last counted in it,
    /// and the cause whose gains since then wait to be counted, with the
    /// levels its last step left (consecutive steps of one cause are
    /// counted as one gain: the same shares, less work).
    pub built: Built,
    pub counted: [f32; 2],
    pub pending: Option<(Cause, [f32; 2])>,
    /// How firmly a rival brand holds them as its customer (0 alone).
    pub held: f32,
    /// Something happened on its own today (a chance came true, a comment
    /// ran out of patience): the person is stored.
    pub fired: bool,
}

impl Person {
    pub fn follows(&self) -> bool {
        self.flags & flag::FOLLOWS != 0
    }

    /// A touch moved the person: it is their last touch now.
    #[inline]
    pub fn touched(&mut self, cause: Cause) {
        self.touch = touch::with_last(self.touch, cause);
    }

    /// A cause raised the relationship (and moved the person).
    #[inline]
    pub fn raised(&mut self, cause: Cause) {
        self.raised_by = Some(cause);
        self.touched(cause);
    }

    /// Credits what their awareness and bond gained in a step of `cause`
    /// (since they were last counted) to `cause`, in their shares by
    /// contribution; a loss takes from every cause alike, so the shares
    /// stand. Every step that can raise either level ends with it. The
    /// gains wait while the steps are of one cause: [`Person::settle`]
    /// counts them.
    #[inline]
    pub fn account(&mut self, cause: Cause) {
        let now = [self.awareness, self.relationship];
        let fell = self
            .pending
            .is_some_and(|(_, left)| now[0] < left[0] || now[1] < left[1]);
        if fell || self.pending.is_some_and(|(waiting, _)| waiting != cause) {
            self.settle();
        }
        if fell || now[0] < self.counted[0] || now[1] < self.counted[1] {
            self.counted = now;
        }
        self.pending = Some((cause, now));
    }

    /// Counts the gains waiting in [`Person::account`] into the shares
    /// (before they are read or stored).
    #[inline]
    pub fn settle(&mut self) {
        let Some((cause, left)) = self.pending.take() else {
            return;
        };
        let [awareness, bond] = self.counted;
        let bond_gain = (left[1] - bond).max(0.0);
        let warmth_gain = (left[0] - awareness).max(0.0) + bond_gain;
        if warmth_gain > 0.0 {
            self.built.bond_grew(cause, bond, bond_gain);
            self.built.warmth_grew(cause, awareness + bond, warmth_gain);
        }
        self.counted = left;
    }

    /// The cause of a change away from an exposure: the last touch that
    /// moved them (last-touch attribution), or how they stood before the game.
    #[inline]
    pub fn last_touch(&self) -> Cause {
        touch::last(self.touch).unwrap_or(Cause::Start)
    }

    /// What a bad mood is credited to: what soured it, or the mood itself.
    #[inline]
    pub fn mood_cause(&self) -> Cause {
        touch::soured_by(self.touch).unwrap_or(Cause::BadMood)
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            awareness: self.awareness,
            relationship: self.relationship,
            sentiment: self.sentiment,
            fatigue: self.fatigue,
            follows: self.follows(),
            funnel: self.funnel,
            waiting: self.comment_since != 0,
            engagements: self.story.engagements,
            comments: self.story.comments,
        }
    }

    pub fn uses(&self, platform: u8) -> bool {
        self.platforms & (1 << platform) != 0
    }

    pub fn interest(&self, content: ContentType) -> f32 {
        self.interest[content.index()] as f32 * INTEREST_SCALE
    }

    /// How open the person is today: tiredness and unhappiness dampen it.
    pub fn mood(&self, params: &ModelParams) -> f32 {
        (1.0 - self.fatigue) * (1.0 + self.sentiment).clamp(params.mood_floor, MOOD_CEILING)
    }
}

/// Moves a 0..1 level toward 1 by a share of what is left.
pub fn grow(value: f32, gain: f32) -> f32 {
    value + gain * (1.0 - value)
}

/// How much of a full exchange's bond a tone gives (informative is the
/// reference), and how it changes clicks and tiredness.
pub fn tone_bond(params: &ModelParams, tone: Tone) -> f32 {
    match tone {
        Tone::Informative => 1.0,
        Tone::Promotional => params.tone_bond_promotional,
        Tone::Personal => params.tone_bond_personal,
    }
}

pub fn tone_clicks(params: &ModelParams, tone: Tone) -> f32 {
    match tone {
        Tone::Informative => 1.0,
        Tone::Promotional => params.tone_click_promotional,
        Tone::Personal => params.tone_click_personal,
    }
}

pub fn tone_fatigue(params: &ModelParams, tone: Tone) -> f32 {
    match tone {
        Tone::Promotional => params.tone_fatigue_promotional,
        _ => 1.0,
    }
}

#[cfg(test)]
pub mod testing {
    //! A day and a person to try the rules on.

    use super::*;
    use crate::sim::audience::ledger::Thresholds;
    use crate::sim::scenario::Scenario;

    /// Day 4 of a made-up game.
    pub fn context(scenario: &Scenario) -> DayContext<'_> {
        let p = &scenario.model;
        DayContext {
            day: 3,
            seed: 9,
            params: p,
            platforms: &scenario.platforms,
            segments: &scenario.segments,
            posts: Vec::new(),
            live: None,
            trend: [1.0; CONTENT_TYPES],
            sales_speed: 1.0,
            complaint_severity: 0.0,
            storm_severity: 0.0,
            watch: None,
            decay: std::sync::Arc::new(Decay::new(p, scenario.days())),
            thresholds: Thresholds {
                aware: p.aware_threshold,
                engaged: p.engaged_threshold,
                strong: p.strong_threshold,
            },
            last_day: scenario.days() as u16,
            eager: false,
            loyalty_hold: 0.0,
            mechanisms: scenario.mechanisms,
            keys: DayKeys::new(9, 3),
        }
    }

    /// A keen stranger who uses every platform.
    pub fn stranger() -> Person {
        Person {
            index: 0,
            segment: 0,
            platforms: 0xFF,
            interest: [255; CONTENT_TYPES],
            activity: 255,
            awareness: 0.5,
            relationship: 0.0,
            sentiment: 0.5,
            fatigue: 0.0,
            flags: 0,
            funnel: Funnel::None,
            comment_since: 0,
            comment_platform: 0,
            last_contact: 0,
            story: Story::default(),
            reached: false,
            touch: 0,
            raised_by: None,
            fell_by: None,
            built: Built::START,
            counted: [0.5, 0.0],
            pending: None,
            held: 0.0,
            fired: false,
        }
    }
}
