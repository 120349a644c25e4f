//! Scripted players for batch runs: a weekly template plus simple rules.
//! How a brand's side turns one into a concrete plan each week, from what
//! it can see, is `world/plan.rs` (so that the description of a strategy,
//! which a scenario's rivals carry, does not depend on the game).

use super::action::ActionKind;
use super::types::{Archetype, ContentType, Tone};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq)]
pub struct Strategy {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Rules checked first each week; the steps of every rule that holds are
    /// booked before the weekly steps.
    pub rules: Vec<Rule>,
    pub weekly: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub when: Condition,
    pub then: Vec<Step>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    Always,
    /// More than this many comments wait for an answer.
    PendingAbove(u32),
    /// Community sentiment is below this.
    SentimentBelow(f32),
    /// Fewer followers than this.
    FollowersBelow(u64),
    /// From this week on (1-based).
    FromWeek(u32),
    /// Before this week (1-based).
    BeforeWeek(u32),
    /// In a market: the brand's share of all brands' followers is below
    /// this (0..1; a brand alone has all of them).
    FollowerShareBelow(f32),
    /// In a market: its share of the customers is below this.
    CustomerShareBelow(f32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub action: ActionKind,
    pub count: Count,
    pub content: ContentChoice,
    pub platform: PlatformChoice,
    pub target: TargetChoice,
    pub tone: ToneChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Count {
    /// Exactly this many, as far as the budget allows.
    Times(u32),
    /// As many as the remaining budget allows.
    Fill,
    /// Enough reply batches for last week's comments and those waiting.
    AsNeeded,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum ContentChoice {
    Fixed(ContentType),
    /// The broadcast content the brand believes fits best per hour; belief
    /// sharpens with audience research.
    BestKnown,
    /// Cycle through photo, video, infographic and article.
    Rotate,
}

/// The tone a step is written in.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToneChoice {
    Fixed(Tone),
    /// The tone the brand believes suits the action best where it goes:
    /// what it believes of its audience's taste (listening sharpens it),
    /// the platform's fit, and what the action is for (bonds for
    /// conversation, clicks for an offer).
    BestKnown,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlatformChoice {
    /// The platform that suits the action best in this scenario.
    Auto,
    /// The first platform of this archetype, else Auto.
    Archetype(Archetype),
    /// Round-robin over every platform.
    Each,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TargetChoice {
    Everyone,
    Followers,
    Influencers,
    /// The largest segment.
    LargestSegment,
}
