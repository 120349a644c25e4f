//! What the brand can do in a week, what each action costs, and the weekly
//! plan. This is the one place that knows an action's cost.

use super::types::{CONTENT_TYPES, ContentType, Family, Tone};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActionKind {
    /// Hand-make one post of a content type on one platform.
    Publish,
    /// Queue a batch of automated posts that go out over the next days.
    Schedule,
    /// Buy ad impressions among strangers of a segment.
    Ad,
    /// Ask a question, run a poll or open a hot topic (pull).
    StartConversation,
    /// Answer waiting comments and messages this week.
    Reply,
    /// Comment on other people's own posts (push).
    EngageOthers,
    /// Host a live session or community event for followers.
    LiveEvent,
    /// Read what people say: reveals interests, makes content fit.
    Research,
    /// Send connection requests to people who do not follow yet: presence,
    /// not a relationship.
    Connect,
}

impl ActionKind {
    pub const ALL: [ActionKind; 9] = [
        ActionKind::Publish,
        ActionKind::Schedule,
        ActionKind::Ad,
        ActionKind::StartConversation,
        ActionKind::Reply,
        ActionKind::EngageOthers,
        ActionKind::LiveEvent,
        ActionKind::Research,
        ActionKind::Connect,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn family(self) -> Family {
        match self {
            // Requests build the audience's size, not its bonds.
            ActionKind::Publish | ActionKind::Schedule | ActionKind::Ad | ActionKind::Connect => {
                Family::Broadcast
            }
            ActionKind::StartConversation
            | ActionKind::Reply
            | ActionKind::EngageOthers
            | ActionKind::LiveEvent => Family::Conversation,
            ActionKind::Research => Family::Listening,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            ActionKind::Publish => "publish",
            ActionKind::Schedule => "schedule",
            ActionKind::Ad => "ad",
            ActionKind::StartConversation => "start_conversation",
            ActionKind::Reply => "reply",
            ActionKind::EngageOthers => "engage_others",
            ActionKind::LiveEvent => "live_event",
            ActionKind::Research => "research",
            ActionKind::Connect => "connect",
        }
    }

    /// Whether the action takes a content type chosen by the player.
    pub fn takes_content(self) -> bool {
        matches!(self, ActionKind::Publish | ActionKind::Schedule)
    }

    /// Whether the action is written in a tone the player chooses: posts
    /// and every kind of conversation.
    pub fn takes_tone(self) -> bool {
        matches!(
            self,
            ActionKind::Publish
                | ActionKind::Schedule
                | ActionKind::StartConversation
                | ActionKind::Reply
                | ActionKind::EngageOthers
                | ActionKind::LiveEvent
        )
    }

    /// Whether the action is aimed at chosen people (a target), rather than
    /// at whoever the platform shows it to.
    pub fn takes_target(self) -> bool {
        matches!(
            self,
            ActionKind::EngageOthers | ActionKind::Ad | ActionKind::Research | ActionKind::Connect
        )
    }
}

/// Cost and size of one action kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionSpec {
    pub name: String,
    /// What it tends to do, in one line, for the planner.
    pub summary: String,
    /// The claim (CLAIMS.md id) the action teaches.
    pub claim: String,
    pub hours: f64,
    pub money: f64,
    /// Posts per scheduled batch, replies per reply batch, people per
    /// engagement batch, requests per batch of connection requests; 1 elsewhere.
    pub batch: u32,
}

/// Every action's cost and size, from data (`assets/actions.ron`), with a
/// scenario's optional overrides applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionCatalog {
    pub specs: Vec<ActionSpec>,
    /// Hours to hand-make one post of each content type.
    pub publish_hours: [f64; CONTENT_TYPES],
    /// How engaging each content type is when well made (1.0 = average).
    pub content_quality: [f32; CONTENT_TYPES],
    /// Influencers reached per engagement batch (they take longer each).
    pub influencers_per_batch: u32,
}

impl ActionCatalog {
    pub fn spec(&self, kind: ActionKind) -> &ActionSpec {
        &self.specs[kind.index()]
    }

    /// Hours and money one planned action costs.
    pub fn cost(&self, action: &PlannedAction) -> Cost {
        let spec = self.spec(action.kind);
        let hours = match action.kind {
            ActionKind::Publish => self.publish_hours[action.content.index()],
            _ => spec.hours,
        };
        Cost {
            hours,
            money: spec.money,
        }
    }

    /// How many people an engagement batch reaches for a target.
    pub fn people_per_engagement(&self, target: Target) -> u32 {
        match target {
            Target::Influencers => self.influencers_per_batch,
            _ => self.spec(ActionKind::EngageOthers).batch,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cost {
    pub hours: f64,
    pub money: f64,
}

/// Whom an action is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Everyone,
    Followers,
    Segment(u8),
    Influencers,
}

/// One action placed in a week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlannedAction {
    pub kind: ActionKind,
    /// Day of the week, 0..7.
    pub day: u8,
    pub platform: u8,
    pub content: ContentType,
    pub target: Target,
    /// The voice it is written in (posts and conversation; ignored by ads,
    /// research and connection requests). Files written before tones
    /// existed read as informative.
    #[serde(default)]
    pub tone: Tone,
}

impl PlannedAction {
    /// An action with the kind's natural content and the whole audience as
    /// target, on `day` and `platform`.
    pub fn new(kind: ActionKind, day: u8, platform: u8) -> Self {
        let content = match kind {
            ActionKind::StartConversation | ActionKind::LiveEvent => ContentType::Conversation,
            ActionKind::Ad => ContentType::Offer,
            _ => ContentType::Photo,
        };
        PlannedAction {
            kind,
            day,
            platform,
            content,
            target: Target::Everyone,
            tone: Tone::default(),
        }
    }

    /// The same action in another tone (kept only where the kind takes one).
    pub fn in_tone(mut self, tone: Tone) -> Self {
        if self.kind.takes_tone() {
            self.tone = tone;
        }
        self
    }
}

impl PlannedAction {
    /// An action as a player or a strategy asks for it: the content is kept
    /// only where the kind takes one, and the target only where the kind is
    /// aimed at people (`takes_target`). Ads and connection requests go to
    /// strangers, so one aimed at influencers or followers goes to everyone
    /// instead.
    pub fn aimed(kind: ActionKind, platform: u8, content: ContentType, target: Target) -> Self {
        let mut action = PlannedAction::new(kind, 0, platform);
        if kind.takes_content() {
            action.content = content;
        }
        action.target = match kind {
            ActionKind::Ad if target == Target::Influencers => Target::Everyone,
            ActionKind::Connect if matches!(target, Target::Influencers | Target::Followers) => {
                Target::Everyone
            }
            _ if kind.takes_target() => target,
            _ => Target::Everyone,
        };
        action
    }
}

/// The day of the week for the `index`-th of `count` actions spread evenly
/// over the seven days, in order.
pub fn spread_day(index: usize, count: usize) -> u8 {
    ((index * 7) / count.max(1)).min(6) as u8
}

/// The actions of one week, in the player's order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeekPlan {
    pub actions: Vec<PlannedAction>,
}

/// Slack allowed when a plan's cost is compared with the budget: sums of
/// decimal hours must not fail on rounding.
pub const BUDGET_TOLERANCE: f64 = 1e-9;

/// Most actions a week may hold; a plan longer than this is refused.
pub const MAX_ACTIONS_PER_WEEK: usize = 500;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("the plan needs {needed:.1} hours but the week has {available:.1}")]
    Hours { needed: f64, available: f64 },
    #[error("the plan needs {needed:.0} money but the week has {available:.0}")]
    Money { needed: f64, available: f64 },
    #[error("action {index}: day {day} is not a day of the week (0 to 6)")]
    Day { index: usize, day: u8 },
    #[error("action {index}: platform {platform} does not exist in this scenario")]
    Platform { index: usize, platform: u8 },
    #[error("action {index}: segment {segment} does not exist in this scenario")]
    Segment { index: usize, segment: u8 },
    #[error("action {index}: {} cannot use content {}", .kind.id(), .content.label())]
    Content {
        index: usize,
        kind: ActionKind,
        content: ContentType,
    },
    #[error("the plan has {count} actions; at most {MAX_ACTIONS_PER_WEEK} fit in a week")]
    TooMany { count: usize },
}

impl WeekPlan {
    pub fn total_cost(&self, catalog: &ActionCatalog) -> Cost {
        self.actions.iter().fold(Cost::default(), |sum, action| {
            let cost = catalog.cost(action);
            Cost {
                hours: sum.hours + cost.hours,
                money: sum.money + cost.money,
            }
        })
    }

    /// Checks the plan against the week's budget and the scenario's shape.
    pub fn validate(
        &self,
        catalog: &ActionCatalog,
        hours_available: f64,
        money_available: f64,
        platforms: usize,
        segments: usize,
    ) -> Result<(), PlanError> {
        if self.actions.len() > MAX_ACTIONS_PER_WEEK {
            return Err(PlanError::TooMany {
                count: self.actions.len(),
            });
        }
        for (index, action) in self.actions.iter().enumerate() {
            if action.day > 6 {
                return Err(PlanError::Day {
                    index,
                    day: action.day,
                });
            }
            if action.platform as usize >= platforms {
                return Err(PlanError::Platform {
                    index,
                    platform: action.platform,
                });
            }
            if let Target::Segment(segment) = action.target
                && segment as usize >= segments
            {
                return Err(PlanError::Segment { index, segment });
            }
            let content_ok = match action.kind {
                ActionKind::Publish | ActionKind::Schedule => action.content != ContentType::Conversation,
                _ => true,
            };
            if !content_ok {
                return Err(PlanError::Content {
                    index,
                    kind: action.kind,
                    content: action.content,
                });
            }
        }
        let cost = self.total_cost(catalog);
        if cost.hours > hours_available + BUDGET_TOLERANCE {
            return Err(PlanError::Hours {
                needed: cost.hours,
                available: hours_available,
            });
        }
        if cost.money > money_available + BUDGET_TOLERANCE {
            return Err(PlanError::Money {
                needed: cost.money,
                available: money_available,
            });
        }
        Ok(())
    }

    /// Spreads the actions over the seven days in queue order (the
    /// planner's rule: the first actions go out first).
    pub fn spread_in_order(&mut self) {
        let count = self.actions.len();
        for (index, action) in self.actions.iter_mut().enumerate() {
            action.day = spread_day(index, count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_error_names_the_kind_and_content_as_before() {
        let error = PlanError::Content {
            index: 2,
            kind: ActionKind::Schedule,
            content: ContentType::Conversation,
        };
        assert_eq!(
            error.to_string(),
            "action 2: schedule cannot use content conversation"
        );
    }

    #[test]
    fn an_ad_aimed_at_influencers_goes_to_everyone() {
        let ad = PlannedAction::aimed(ActionKind::Ad, 1, ContentType::Video, Target::Influencers);
        assert_eq!((ad.target, ad.content), (Target::Everyone, ContentType::Offer));
        let push = PlannedAction::aimed(
            ActionKind::EngageOthers,
            0,
            ContentType::Video,
            Target::Influencers,
        );
        assert_eq!(push.target, Target::Influencers);
    }

    #[test]
    fn a_spread_covers_the_week_in_order() {
        let days: Vec<u8> = (0..7).map(|i| spread_day(i, 7)).collect();
        assert_eq!(days, [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(spread_day(0, 0), 0);
        assert!((0..30).all(|i| spread_day(i, 30) <= 6));
    }
}
