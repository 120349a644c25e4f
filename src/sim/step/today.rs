//! What the daily pass works with: what it knows about today, the working
//! copy of one person, an exposure to one piece of content, and what a chunk
//! of people produces.

use super::super::attribution::{Cause, Outcome, touch};
use super::super::audience::{Funnel, INTEREST_SCALE, Story, flag};
use super::super::metrics::DayCounts;
use super::super::params::ModelParams;
use super::super::scenario::Platform;
use super::super::trace::{Snapshot, TraceStep, Watcher, Watching};
use super::super::types::{CONTENT_TYPES, ContentType};

/// A post that goes out today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PostToday {
    pub platform: u8,
    pub content: ContentType,
    /// Craft quality (content quality, automation) times trend.
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
}

/// Everything the pass needs to know about today.
pub struct DayContext<'a> {
    pub day: u32,
    pub seed: u64,
    pub params: &'a ModelParams,
    pub platforms: &'a [Platform],
    pub posts: Vec<PostToday>,
    /// A live session today on this platform.
    pub live: Option<u8>,
    /// Appeal multiplier per segment from listening (1 + bonus x insight).
    pub insight_mult: Vec<f32>,
    /// Appeal multiplier per content type from trends.
    pub trend: [f32; CONTENT_TYPES],
    pub sales_speed: f32,
    /// Sentiment lost by a friend of a complainer (review storm).
    pub complaint_severity: f32,
    /// The one person whose day is recorded step by step, if any.
    pub watch: Option<Watching>,
}

impl DayContext<'_> {
    /// Today as the audience's day fields store it (day + 1; 0 means never).
    pub fn today(&self) -> u16 {
        (self.day + 1) as u16
    }
}

/// What one chunk of people (or, merged, the whole pass) produced.
#[derive(Clone, Debug, Default)]
pub struct ChunkOut {
    pub counts: DayCounts,
    /// Sum of followers' relationship, for the day's mean.
    pub relationship_sum: f64,
    /// People who know the brand (followers and anyone in the funnel).
    pub known: u64,
    /// Sum of the known people's sentiment, for the day's mean.
    pub sentiment_sum: f64,
    /// People whose new comment now waits for an answer, in index order.
    pub new_comments: Vec<u32>,
    /// Shares made today: (person, packed platform and content).
    pub shares: Vec<(u32, u8)>,
    /// Beside each share: whether an advocate made it (a recommendation).
    pub recommended: Vec<bool>,
    /// People who clicked an ad today, in index order (once per click).
    pub ad_clickers: Vec<u32>,
    /// The recorder of the watched person, in the chunk that holds them.
    pub watch: Option<Box<Watcher>>,
}

impl ChunkOut {
    /// All chunks' results as one, in chunk order: the float sums are taken
    /// chunk by chunk in that order, so they come out the same at any
    /// thread count.
    pub fn merge(chunks: Vec<ChunkOut>) -> ChunkOut {
        let mut all = ChunkOut::default();
        for chunk in chunks {
            all.counts.add(&chunk.counts);
            all.relationship_sum += chunk.relationship_sum;
            all.known += chunk.known;
            all.sentiment_sum += chunk.sentiment_sum;
            all.new_comments.extend_from_slice(&chunk.new_comments);
            all.shares.extend_from_slice(&chunk.shares);
            all.recommended.extend_from_slice(&chunk.recommended);
            all.ad_clickers.extend_from_slice(&chunk.ad_clickers);
            if chunk.watch.is_some() {
                all.watch = chunk.watch;
            }
        }
        all
    }

    /// A share by `person` of `item`; `recommended` when an advocate makes it.
    pub fn share(&mut self, person: u32, item: u8, recommended: bool) {
        self.shares.push((person, item));
        self.recommended.push(recommended);
    }

    /// Credits one change of standing to its cause.
    #[inline]
    pub fn credit(&mut self, outcome: Outcome, cause: Cause) {
        self.counts.attribution.credit(outcome, cause);
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
    /// Craft quality times trend for a post; 1 for what arrives in the inbox.
    pub quality: f32,
    pub scheduled: bool,
    pub source: Source,
    /// What a change it tips is credited to.
    pub cause: Cause,
}

/// Highest sentiment factor of a mood: 1 + the highest sentiment.
const MOOD_CEILING: f32 = 2.0;

/// The working copy of one person's mutable state.
pub struct Person {
    pub index: u32,
    pub segment: usize,
    pub platforms: u8,
    pub interest: [u8; CONTENT_TYPES],
    pub awareness: f32,
    pub relationship: f32,
    pub sentiment: f32,
    pub fatigue: f32,
    pub flags: u8,
    pub funnel: Funnel,
    pub comment_since: u16,
    pub last_contact: u16,
    pub story: Story,
    /// Whether anything from or about the brand reached the person today.
    pub reached: bool,
    /// Recorded only (`Audience::touch`): the last touch that moved them,
    /// what soured them.
    pub touch: u8,
    /// Whether the relationship was strong when the day began.
    pub strong_before: bool,
    /// The last cause that raised the relationship today.
    pub raised_by: Option<Cause>,
    /// What last took a strong relationship below strong today, if not
    /// the night's cooling.
    pub fell_by: Option<Cause>,
    /// How firmly a rival brand holds them as its customer (0 alone).
    pub held: f32,
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
