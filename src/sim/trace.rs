//! One watched person's record, step by step: what reached them, through
//! what, and how it changed them. The inspector's timeline is written from
//! it (`report::timeline`).
//!
//! Only one person is watched, and only when asked: the daily pass
//! snapshots that person between the steps of their day and keeps the
//! differences. Watching records and never feeds back: a watched game has
//! the same state hash as an unwatched one.

use super::attribution::Cause;
use super::audience::{Audience, Funnel, flag};

/// What a timeline says about a person at one moment of a day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub awareness: f32,
    pub relationship: f32,
    pub sentiment: f32,
    pub fatigue: f32,
    pub follows: bool,
    pub funnel: Funnel,
    /// A comment of theirs waits for an answer.
    pub waiting: bool,
    pub engagements: u16,
    pub comments: u8,
}

impl Snapshot {
    /// The stored state of `agent` (between days).
    pub fn of_audience(audience: &Audience, agent: usize) -> Snapshot {
        let levels = audience.levels(agent);
        Snapshot {
            awareness: levels.awareness,
            relationship: levels.relationship,
            sentiment: levels.sentiment,
            fatigue: levels.fatigue,
            follows: audience.cells[agent].record.flags & flag::FOLLOWS != 0,
            funnel: audience.cells[agent].record.funnel,
            waiting: audience.cells[agent].record.comment_since != 0,
            engagements: audience.cells[agent].record.story.engagements,
            comments: audience.cells[agent].record.story.comments,
        }
    }
}

/// The step of a person's day an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceStep {
    /// Met a piece of content; the cause says where it came from.
    Saw,
    /// The brand answered their comment.
    Answered,
    /// The brand commented on their own post.
    CommentedOn,
    /// The brand asked them to connect.
    AskedToConnect,
    /// A friend's complaint reached them (a review storm).
    HeardComplaint,
    /// They complained themselves in a review storm.
    Complained,
    /// They joined a live session.
    JoinedLive,
    /// Their comment waited too long for an answer.
    Ignored,
    /// A funnel step: asked about buying, bought, became an advocate,
    /// recommended the brand, lapsed.
    Funnel,
    /// They stopped following (tired, or in a bad mood).
    DriftedAway,
    /// Days without two-way contact cost them a strong bond.
    Cooled,
    /// They saw the brand answer someone in public.
    SawAnswer,
    /// They saw someone's comment left unanswered in public.
    SawIgnored,
}

/// One thing that happened to the watched person.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceEvent {
    /// The game day (1 is the first day of week 1).
    pub day: u32,
    pub step: TraceStep,
    /// What it came through (for a change of standing: the cause credited).
    pub cause: Option<Cause>,
    pub before: Snapshot,
    pub after: Snapshot,
    /// They shared the brand in this step (their friends see it tomorrow).
    pub shared: bool,
    /// The friend whose share this was.
    pub friend: Option<u32>,
}

/// The record of one watched person.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub agent: u32,
    pub events: Vec<TraceEvent>,
    /// The friend whose share first reached them.
    pub brought_by: Option<u32>,
}

/// The watched person as today's pass knows them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Watching {
    pub agent: u32,
    /// The friend whose share is in their inbox today (the last delivered).
    pub sharer: Option<u32>,
}

/// The recorder inside the chunk that holds the watched person.
#[derive(Clone, Debug)]
pub struct Watcher {
    pub agent: u32,
    day: u32,
    sharer: Option<u32>,
    strong_threshold: f32,
    last: Snapshot,
    shares_seen: usize,
    pub events: Vec<TraceEvent>,
}

impl Watcher {
    pub fn new(watching: Watching, day: u32, strong_threshold: f32) -> Watcher {
        Watcher {
            agent: watching.agent,
            day,
            sharer: watching.sharer,
            strong_threshold,
            last: Snapshot::default(),
            shares_seen: 0,
            events: Vec::new(),
        }
    }

    /// The person as they start the day (`shares`: the chunk's shares so far).
    pub fn begin(&mut self, start: Snapshot, shares: usize) {
        self.last = start;
        self.shares_seen = shares;
    }

    /// A step happened and left the person as `now`. A night's cooling is
    /// kept only when it cost a strong bond; a step that changed nothing
    /// is kept too (they saw a post and let it pass).
    pub fn note(&mut self, now: Snapshot, step: TraceStep, cause: Option<Cause>, shares: usize) {
        let before = self.last;
        let shared = shares > self.shares_seen;
        self.last = now;
        self.shares_seen = shares;
        let lost_bond =
            before.relationship >= self.strong_threshold && now.relationship < self.strong_threshold;
        if step == TraceStep::Cooled && !lost_bond {
            return;
        }
        let friend = match cause {
            Some(Cause::FriendShare | Cause::Recommendation) if step == TraceStep::Saw => self.sharer,
            _ => None,
        };
        self.events.push(TraceEvent {
            day: self.day + 1,
            step,
            cause,
            before,
            after: now,
            shared,
            friend,
        });
    }
}
