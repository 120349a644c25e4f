//! The validated description of one game: brand, audience, platforms, goals
//! and scripted events. Built by `files::scenario` from a RON file; the model
//! only ever sees this checked form.

use super::action::{ActionCatalog, PlanError, WeekPlan};
use super::market::MarketSpec;
use super::params::ModelParams;
use super::types::{Archetype, CONTENT_TYPES, ContentType, TONES, Tone};
use serde::{Deserialize, Serialize};

#[derive(Clone, PartialEq)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub brand: String,
    pub brief: String,
    pub lesson: String,
    /// The claims (`C5`) the lesson rests on: a test holds each to the
    /// claim checker, where it must apply and hold. Teaching only: it
    /// changes no rule, so it is left out of the scenario's hash.
    pub lesson_claims: Vec<String>,
    pub weeks: u32,
    pub seed: u64,
    pub hours_per_week: f64,
    pub money_per_week: f64,
    pub agents: u32,
    /// Share of the audience that already follows the brand on day one.
    pub initial_followers: f32,
    /// Share of the audience that already knows the brand on day one.
    pub initial_awareness: f32,
    /// Revenue a new customer brings (money units).
    pub customer_value: f64,
    /// Multiplies every lead's daily chance to buy: below 1 for long sales
    /// cycles (business buyers), above 1 for impulse purchases.
    pub sales_speed: f32,
    pub segments: Vec<Segment>,
    pub graph: GraphSpec,
    pub platforms: Vec<Platform>,
    pub goals: Vec<Goal>,
    pub events: Vec<ScriptedEvent>,
    pub actions: ActionCatalog,
    pub model: ModelParams,
    /// The rival brands in the market and the rules of competition (none:
    /// the brand is alone).
    pub market: MarketSpec,
    /// The model's mechanisms (all on unless a file or a claim's control
    /// turns one off).
    pub mechanisms: super::mechanisms::Mechanisms,
}

/// Written out by hand so that a scenario without rivals prints (and so
/// hashes, see `files::save::scenario_hash`) exactly as it did before
/// markets existed: old replays still name their scenario.
impl std::fmt::Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("Scenario");
        out.field("id", &self.id)
            .field("name", &self.name)
            .field("brand", &self.brand)
            .field("brief", &self.brief)
            .field("lesson", &self.lesson)
            .field("weeks", &self.weeks)
            .field("seed", &self.seed)
            .field("hours_per_week", &self.hours_per_week)
            .field("money_per_week", &self.money_per_week)
            .field("agents", &self.agents)
            .field("initial_followers", &self.initial_followers)
            .field("initial_awareness", &self.initial_awareness)
            .field("customer_value", &self.customer_value)
            .field("sales_speed", &self.sales_speed)
            .field("segments", &self.segments)
            .field("graph", &self.graph)
            .field("platforms", &self.platforms)
            .field("goals", &self.goals)
            .field("events", &self.events)
            .field("actions", &self.actions)
            .field("model", &self.model);
        if !self.market.is_solo() {
            out.field("market", &self.market);
        }
        if !self.mechanisms.all_on() {
            out.field("mechanisms", &self.mechanisms);
        }
        out.finish()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub id: String,
    pub name: String,
    pub share: f64,
    /// Mean chance that a member is online on a given day.
    pub online_per_day: f32,
    /// Chance that a member uses each platform (same order as platforms).
    pub platform_use: Vec<f32>,
    /// Mean interest in each content type (1.0 = average); hidden from the
    /// player until audience research reveals it.
    pub interest: [f32; CONTENT_TYPES],
    /// How well each tone goes down with members (1.0 = neutral), hidden
    /// like `interest`.
    pub tone_fit: [f32; TONES],
    /// What the brand believes at the start about the members' interest in
    /// each content type and their taste in tone (listening moves these
    /// toward the truth; a scenario may start them wrong).
    pub believed_interest: [f32; CONTENT_TYPES],
    pub believed_tone: [f32; TONES],
    pub initial_sentiment: f32,
}

/// A segment's taste in tone when a scenario says nothing: sales talk goes
/// down a little less well than the rest.
pub const DEFAULT_TONE_FIT: [f32; TONES] = [1.0, 0.85, 1.0];

impl Segment {
    /// How well a tone goes down with the segment.
    pub fn tone_fit_of(&self, tone: Tone) -> f32 {
        self.tone_fit[tone.index()]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraphSpec {
    /// Mean number of contacts per person.
    pub contacts_per_agent: u32,
    /// Share of new ties made inside one's own segment.
    pub homophily: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Platform {
    pub id: String,
    pub name: String,
    pub archetype: Archetype,
    /// Chance that a follower who uses the platform sees a given post.
    pub organic_reach: f32,
    /// Non-follower impressions of a post, as a share of the platform's users.
    pub discovery: f32,
    /// Chance that a person who sees a post of average appeal reacts to it.
    pub engagement: f32,
    /// How much room the platform leaves for conversation (0..1).
    pub conversation: f32,
    /// How well each content type suits the platform (1.0 = neutral).
    pub content_fit: [f32; CONTENT_TYPES],
    /// Money per thousand ad impressions.
    pub ad_cpm: f32,
    /// Chance that an ad impression of average appeal is clicked.
    pub ad_ctr: f32,
    /// Chance that a friend who uses the platform sees a share.
    pub share_reach: f32,
    /// How well each tone suits the platform (1.0 = neutral).
    pub tone_fit: [f32; TONES],
}

impl Platform {
    /// A platform with every figure at its archetype's default.
    pub fn of_archetype(id: &str, name: &str, archetype: Archetype) -> Platform {
        let d = Platform::archetype_defaults(archetype);
        Platform {
            id: id.to_string(),
            name: name.to_string(),
            archetype,
            organic_reach: d.organic_reach,
            discovery: d.discovery,
            engagement: d.engagement,
            conversation: d.conversation,
            content_fit: d.content_fit,
            ad_cpm: d.ad_cpm,
            ad_ctr: d.ad_ctr,
            share_reach: d.share_reach,
            tone_fit: d.tone_fit,
        }
    }

    /// The room a platform leaves for an exchange to land: replies, comments
    /// on people's posts and live sessions bond by `base + (1 - base) x
    /// conversation` of their full worth.
    pub fn room(&self, base: f32) -> f32 {
        base + (1.0 - base) * self.conversation
    }

    /// Defaults for an archetype; see `docs/MODEL.md` for the benchmarks.
    pub fn archetype_defaults(archetype: Archetype) -> PlatformDefaults {
        use Archetype::*;
        // content_fit order: photo, video, infographic, article, offer, conversation
        match archetype {
            FullNetwork => PlatformDefaults {
                organic_reach: 0.06,
                discovery: 0.003,
                engagement: 0.018,
                conversation: 1.0,
                content_fit: [1.0, 1.2, 0.9, 0.8, 0.8, 1.2],
                ad_cpm: 9.0,
                ad_ctr: 0.009,
                share_reach: 0.3,
                // tone_fit order: informative, promotional, personal
                tone_fit: [1.0, 0.9, 1.2],
            },
            Visual => PlatformDefaults {
                organic_reach: 0.12,
                discovery: 0.006,
                engagement: 0.02,
                conversation: 0.35,
                content_fit: [1.4, 1.3, 0.9, 0.4, 0.8, 0.8],
                ad_cpm: 8.0,
                ad_ctr: 0.006,
                share_reach: 0.25,
                // tone_fit order: informative, promotional, personal
                tone_fit: [0.9, 0.95, 1.2],
            },
            Microblog => PlatformDefaults {
                organic_reach: 0.04,
                discovery: 0.008,
                engagement: 0.011,
                conversation: 0.8,
                content_fit: [1.0, 0.9, 1.0, 1.0, 0.7, 1.2],
                ad_cpm: 6.5,
                ad_ctr: 0.008,
                share_reach: 0.35,
                // tone_fit order: informative, promotional, personal
                tone_fit: [1.1, 0.85, 1.1],
            },
            Professional => PlatformDefaults {
                // Inside the 4-8% that Smart Insights reports for LinkedIn.
                organic_reach: 0.07,
                discovery: 0.004,
                engagement: 0.02,
                conversation: 0.7,
                content_fit: [0.8, 0.9, 1.2, 1.4, 0.9, 1.1],
                ad_cpm: 30.0,
                ad_ctr: 0.005,
                share_reach: 0.2,
                // tone_fit order: informative, promotional, personal
                tone_fit: [1.3, 0.85, 0.9],
            },
            Publication => PlatformDefaults {
                organic_reach: 0.15,
                discovery: 0.008,
                engagement: 0.02,
                conversation: 0.2,
                content_fit: [0.7, 1.5, 0.9, 1.3, 0.7, 0.5],
                ad_cpm: 10.0,
                ad_ctr: 0.006,
                share_reach: 0.15,
                // tone_fit order: informative, promotional, personal
                tone_fit: [1.2, 0.85, 0.9],
            },
        }
    }
}

/// The archetype's defaults; a scenario may override each field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlatformDefaults {
    pub organic_reach: f32,
    pub discovery: f32,
    pub engagement: f32,
    pub conversation: f32,
    pub content_fit: [f32; CONTENT_TYPES],
    pub ad_cpm: f32,
    pub ad_ctr: f32,
    pub share_reach: f32,
    pub tone_fit: [f32; TONES],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoalMetric {
    Followers,
    Leads,
    Customers,
    StrongRelationships,
    RelationshipIndex,
    Sentiment,
    Advocates,
    Roi,
    EngagementRate,
}

impl GoalMetric {
    /// Every goal a scenario can set.
    pub const ALL: [GoalMetric; 9] = [
        GoalMetric::Followers,
        GoalMetric::Leads,
        GoalMetric::Customers,
        GoalMetric::StrongRelationships,
        GoalMetric::RelationshipIndex,
        GoalMetric::Sentiment,
        GoalMetric::Advocates,
        GoalMetric::Roi,
        GoalMetric::EngagementRate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GoalMetric::Followers => "followers",
            GoalMetric::Leads => "leads",
            GoalMetric::Customers => "customers",
            GoalMetric::StrongRelationships => "strong relationships",
            GoalMetric::RelationshipIndex => "relationship index",
            GoalMetric::Sentiment => "sentiment",
            GoalMetric::Advocates => "advocates",
            GoalMetric::Roi => "return on ad spend",
            GoalMetric::EngagementRate => "engagement rate",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub metric: GoalMetric,
    pub target: f64,
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScriptedEvent {
    /// Zero-based week and day of the week the event starts.
    pub week: u32,
    pub day: u8,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// A content type is suddenly popular: its appeal is multiplied.
    ViralTrend {
        content: ContentType,
        boost: f32,
        days: u16,
    },
    /// A platform changes its ranking: organic reach is multiplied from now on.
    AlgorithmChange { platform: usize, reach_factor: f32 },
    /// A wave of unhappy customers and followers posts complaints: each one
    /// loses sentiment and leaves a comment that waits for an answer, and
    /// their friends hear about it.
    ReviewStorm { share: f32, severity: f32 },
}

impl Scenario {
    /// Range of agent indices in each segment (segments are contiguous).
    pub fn segment_ranges(&self) -> Vec<std::ops::Range<u32>> {
        let mut ranges = Vec::with_capacity(self.segments.len());
        let total_share: f64 = self.segments.iter().map(|s| s.share).sum();
        let mut start = 0u32;
        for (index, segment) in self.segments.iter().enumerate() {
            let end = if index + 1 == self.segments.len() {
                self.agents
            } else {
                let size = (self.agents as f64 * segment.share / total_share).round() as u32;
                (start + size).min(self.agents)
            };
            ranges.push(start..end);
            start = end;
        }
        ranges
    }

    pub fn days(&self) -> u32 {
        self.weeks * 7
    }

    /// Checks a week's plan against this scenario's actions, budgets,
    /// platforms and segments.
    pub fn check_plan(&self, plan: &WeekPlan) -> Result<(), PlanError> {
        plan.validate(
            &self.actions,
            self.hours_per_week,
            self.money_per_week,
            self.platforms.len(),
            self.segments.len(),
        )
    }

    /// The same scenario with a different audience size.
    pub fn with_agents(&self, agents: u32) -> Scenario {
        Scenario {
            agents,
            ..self.clone()
        }
    }
}

#[cfg(test)]
impl Scenario {
    /// A small hand-made game for the model's unit tests: two segments, one
    /// platform of each of two archetypes, every action at a round cost. It
    /// is built here, not loaded, so the model's tests need no file loader.
    pub(crate) fn for_tests(agents: u32) -> Scenario {
        use super::action::{ActionKind, ActionSpec};
        let platform = |id: &str, archetype: Archetype| Platform::of_archetype(id, id, archetype);
        let segment = |id: &str, share: f64, platform_use: Vec<f32>, interest| Segment {
            id: id.to_string(),
            name: id.to_string(),
            share,
            online_per_day: 0.6,
            platform_use,
            interest,
            tone_fit: DEFAULT_TONE_FIT,
            believed_interest: [1.0; CONTENT_TYPES],
            believed_tone: [1.0; TONES],
            initial_sentiment: 0.1,
        };
        let specs = ActionKind::ALL
            .iter()
            .map(|kind| ActionSpec {
                name: kind.id().to_string(),
                summary: String::new(),
                claim: String::new(),
                hours: 1.0,
                money: if *kind == ActionKind::Ad { 100.0 } else { 0.0 },
                batch: match kind {
                    ActionKind::Schedule => 5,
                    ActionKind::Reply => 12,
                    ActionKind::EngageOthers => 10,
                    _ => 1,
                },
            })
            .collect();
        Scenario {
            id: "for_tests".to_string(),
            name: "For tests".to_string(),
            brand: "Test brand".to_string(),
            brief: String::new(),
            lesson: String::new(),
            lesson_claims: Vec::new(),
            weeks: 4,
            seed: 1,
            hours_per_week: 20.0,
            money_per_week: 200.0,
            agents,
            initial_followers: 0.1,
            initial_awareness: 0.2,
            customer_value: 50.0,
            sales_speed: 1.0,
            segments: vec![
                segment("locals", 0.6, vec![0.8, 0.5], [1.0, 1.2, 0.8, 0.9, 1.0, 1.1]),
                segment("visitors", 0.4, vec![0.4, 0.9], [1.5, 1.3, 0.6, 0.7, 1.2, 0.9]),
            ],
            graph: GraphSpec {
                contacts_per_agent: 10,
                homophily: 0.7,
            },
            platforms: vec![
                platform("network", Archetype::FullNetwork),
                platform("pictures", Archetype::Visual),
            ],
            goals: Vec::new(),
            events: Vec::new(),
            actions: ActionCatalog {
                specs,
                publish_hours: [1.0, 2.0, 1.5, 2.0, 0.5, 0.75],
                content_quality: [1.0, 1.2, 1.0, 1.1, 0.9, 1.0],
                influencers_per_batch: 3,
            },
            model: ModelParams::default(),
            market: MarketSpec::default(),
            mechanisms: Default::default(),
        }
    }
}
