//! Scenario files: RON text -> `RawScenario` -> checked `sim::Scenario`.

use super::actions::{
    RawActionOverrides, RawContentValues, RawToneValues, apply_overrides, default_catalog, validate_catalog,
};
use super::load::{Check, LoadError, MAX_FILE_BYTES, check_version, parse_ron, read_limited};
use super::strategy::find_strategy;
use crate::sim::{
    Archetype, CONTENT_TYPES, ContentType, DEFAULT_TONE_FIT, EventKind, Goal, GoalMetric, GraphSpec,
    MAX_BRANDS, MarketParams, MarketSpec, Mechanisms, ModelParams, Platform, RivalSpec, Scenario,
    ScriptedEvent, Segment, TONES, Tone,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Limits that keep a file from asking for absurd amounts of memory or time.
pub const MAX_AGENTS: u32 = 2_000_000;
pub const MIN_AGENTS: u32 = 50;
pub const MAX_WEEKS: u32 = 104;
pub const MAX_SEGMENTS: usize = 16;
/// Platforms are a bit mask of eight per person.
pub const MAX_PLATFORMS: usize = 8;
pub const MAX_CONTACTS: u32 = 200;
/// Agents times contacts: the graph's size in tie ends.
pub const MAX_TIE_ENDS: u64 = 40_000_000;
pub const MAX_GOALS: usize = 16;
pub const MAX_EVENTS: usize = 64;
/// Highest fit of a tone (to a platform or a segment's taste).
const MAX_TONE_FIT: f64 = 2.0;

/// A lesson rests on a few claims, not on the whole list.
const MAX_LESSON_CLAIMS: usize = 8;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
struct RawScenario {
    version: u32,
    id: String,
    name: String,
    brand: String,
    brief: String,
    #[serde(default)]
    lesson: String,
    /// The claims the lesson rests on, by id (`["C5", "C17"]`).
    #[serde(default)]
    lesson_claims: Vec<String>,
    weeks: u32,
    seed: u64,
    hours_per_week: f64,
    money_per_week: f64,
    agents: u32,
    #[serde(default = "default_initial_followers")]
    initial_followers: f32,
    #[serde(default = "default_initial_awareness")]
    initial_awareness: f32,
    #[serde(default = "default_customer_value")]
    customer_value: f64,
    #[serde(default = "default_sales_speed")]
    sales_speed: f32,
    graph: GraphSpec,
    platforms: Vec<RawPlatform>,
    segments: Vec<RawSegment>,
    goals: Vec<RawGoal>,
    #[serde(default)]
    events: Vec<RawEvent>,
    #[serde(default)]
    actions: RawActionOverrides,
    #[serde(default)]
    model: ModelParams,
    /// Computer-managed rival brands in the same audience.
    #[serde(default)]
    rivals: Vec<RawRival>,
    /// The rules of competition (only read when there are rivals).
    #[serde(default)]
    market: MarketParams,
    /// The model's mechanisms, all on unless turned off to explore.
    #[serde(default)]
    mechanisms: Mechanisms,
    /// How `grade` ranks hand-ins ([`Rubric`]); not part of the game.
    #[serde(default)]
    rubric: Option<Rubric>,
}

/// How `grade` ranks the hand-ins of a scenario: weights of the goal score
/// (the scenario's goals, with their own weights) and of the brand's shares
/// of its market's followers, customers and strong relationships. A rubric
/// changes no game and no hash: it is read by grading only, and shown in
/// the header of `grades.csv`. Without one, a game of one player is ranked
/// by its goal score and a class game's teams by half goal score, half
/// market share.
#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    #[serde(default)]
    pub goals: f64,
    #[serde(default)]
    pub followers_share: f64,
    #[serde(default)]
    pub customers_share: f64,
    #[serde(default)]
    pub strong_share: f64,
}

impl Rubric {
    /// The goal score alone: how a game of one player is ranked by default.
    pub const GOALS: Rubric = Rubric {
        goals: 1.0,
        followers_share: 0.0,
        customers_share: 0.0,
        strong_share: 0.0,
    };

    /// Half goal score, half the mean of the three shares: how a class
    /// game's teams are ranked by default (absolute results count, so a
    /// team in a crowded market is not ranked by its share alone).
    pub const TEAMS: Rubric = Rubric {
        goals: 0.5,
        followers_share: 0.5 / 3.0,
        customers_share: 0.5 / 3.0,
        strong_share: 0.5 / 3.0,
    };

    fn weights(&self) -> [(&'static str, f64); 4] {
        [
            ("goal score", self.goals),
            ("followers share", self.followers_share),
            ("customers share", self.customers_share),
            ("strong relationships share", self.strong_share),
        ]
    }

    /// The rubric's score, 0..1: the weighted mean of the goal score and
    /// the shares.
    pub fn score(&self, goal_score: f64, shares: &crate::sim::Shares) -> f64 {
        let total: f64 = self.weights().iter().map(|(_, w)| w).sum();
        if total <= 0.0 {
            return 0.0;
        }
        (self.goals * goal_score
            + self.followers_share * shares.followers
            + self.customers_share * shares.customers
            + self.strong_share * shares.strong)
            / total
    }

    /// "goal score 50% + followers share 16.7% + ...", weights as shares of
    /// their sum; `goals` names what the goal score weighs.
    pub fn describe(&self, goals: &[Goal]) -> String {
        let total: f64 = self.weights().iter().map(|(_, w)| w).sum();
        let parts: Vec<String> = self
            .weights()
            .iter()
            .filter(|(_, w)| *w > 0.0)
            .map(|(name, w)| {
                let share = format!("{:.1}", w / total * 100.0);
                let share = share.trim_end_matches(".0");
                if *name == "goal score" && !goals.is_empty() {
                    let goal_total: f64 = goals.iter().map(|g| g.weight).sum();
                    let inner: Vec<String> = goals
                        .iter()
                        .map(|g| {
                            let part = format!("{:.1}", g.weight / goal_total.max(1e-12) * 100.0);
                            format!("{} {}%", g.metric.label(), part.trim_end_matches(".0"))
                        })
                        .collect();
                    format!("{name} {share}% ({})", inner.join(", "))
                } else {
                    format!("{name} {share}%")
                }
            })
            .collect();
        parts.join(" + ")
    }

    fn check(&self, check: &Check) -> Result<(), LoadError> {
        for (name, weight) in [
            ("rubric.goals", self.goals),
            ("rubric.followers_share", self.followers_share),
            ("rubric.customers_share", self.customers_share),
            ("rubric.strong_share", self.strong_share),
        ] {
            check.range(name, weight, 0.0, 1000.0)?;
        }
        if self.weights().iter().all(|(_, w)| *w == 0.0) {
            return check.fail("rubric", "gives every weight 0; give at least one a weight");
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRival {
    name: String,
    /// A built-in strategy id, or a strategy file (a relative path is
    /// looked up beside the scenario file first).
    strategy: String,
    #[serde(default = "default_initial_followers")]
    initial_followers: f32,
    #[serde(default = "default_initial_awareness")]
    initial_awareness: f32,
    /// The scenario's own budgets when left out.
    hours_per_week: Option<f64>,
    money_per_week: Option<f64>,
}

fn default_initial_followers() -> f32 {
    0.02
}
fn default_initial_awareness() -> f32 {
    0.1
}
fn default_customer_value() -> f64 {
    50.0
}
fn default_sales_speed() -> f32 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlatform {
    id: String,
    name: String,
    archetype: Archetype,
    organic_reach: Option<f32>,
    discovery: Option<f32>,
    engagement: Option<f32>,
    conversation: Option<f32>,
    #[serde(default)]
    content_fit: RawContentValues,
    ad_cpm: Option<f32>,
    ad_ctr: Option<f32>,
    share_reach: Option<f32>,
    /// How well each tone suits the platform (defaults by archetype).
    #[serde(default)]
    tone_fit: RawToneValues,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSegment {
    id: String,
    name: String,
    share: f64,
    #[serde(default = "default_online")]
    online_per_day: f32,
    platforms: BTreeMap<String, f32>,
    #[serde(default)]
    interest: RawContentValues,
    /// How well each tone goes down with members (hidden, like interest).
    #[serde(default)]
    tone: RawToneValues,
    /// What the brand believes about the segment at the start (default:
    /// nothing in particular, 1.0 everywhere).
    #[serde(default)]
    believed: RawBelieved,
    #[serde(default = "default_sentiment")]
    initial_sentiment: f32,
}

/// A segment's taste as the brand believes it on day one.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawBelieved {
    interest: RawContentValues,
    tone: RawToneValues,
}

fn default_online() -> f32 {
    0.5
}
fn default_sentiment() -> f32 {
    0.1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    metric: GoalMetric,
    target: f64,
    #[serde(default = "default_weight")]
    weight: f64,
}

fn default_weight() -> f64 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    week: u32,
    #[serde(default)]
    day: u8,
    kind: RawEventKind,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
enum RawEventKind {
    ViralTrend {
        content: ContentType,
        boost: f32,
        days: u16,
    },
    AlgorithmChange {
        platform: String,
        reach_factor: f32,
    },
    ReviewStorm {
        share: f32,
        severity: f32,
    },
}

/// Loads a scenario file from disk.
pub fn load_scenario(path: &Path) -> Result<Scenario, LoadError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    parse_scenario(&path.display().to_string(), &text)
}

/// Parses and checks scenario text; `path` is used in messages only.
pub fn parse_scenario(path: &str, text: &str) -> Result<Scenario, LoadError> {
    let raw: RawScenario = parse_ron(path, text)?;
    validate(path, raw)
}

fn validate(path: &str, raw: RawScenario) -> Result<Scenario, LoadError> {
    let check = Check { path };
    check_version(&check, raw.version)?;
    if let Some(rubric) = &raw.rubric {
        rubric.check(&check)?;
    }
    check.id("id", &raw.id)?;
    check.text("name", &raw.name, 120)?;
    check.text("brand", &raw.brand, 120)?;
    check.text("brief", &raw.brief, 4000)?;
    if raw.lesson.chars().count() > 4000 {
        return check.fail("lesson", "is longer than 4000 characters");
    }
    if raw.lesson_claims.len() > MAX_LESSON_CLAIMS {
        return check.fail(
            "lesson_claims",
            format!("names more than {MAX_LESSON_CLAIMS} claims"),
        );
    }
    for id in &raw.lesson_claims {
        let number = id.strip_prefix('C').and_then(|n| n.parse::<u32>().ok());
        if !number.is_some_and(|n| (1..=99).contains(&n)) {
            return check.fail("lesson_claims", format!("`{id}` is not a claim id such as `C5`"));
        }
    }
    check.range("weeks", raw.weeks as f64, 1.0, MAX_WEEKS as f64)?;
    check_budgets(&check, "", raw.hours_per_week, raw.money_per_week)?;
    check_agents(&check, "agents", raw.agents)?;
    check_start(&check, "", raw.initial_followers, raw.initial_awareness)?;
    check.range("customer_value", raw.customer_value, 0.0, 1e7)?;
    check.range("sales_speed", raw.sales_speed as f64, 0.01, 10.0)?;
    check_graph(&check, raw.agents, &raw.graph)?;

    check.count("platforms", raw.platforms.len(), 1, MAX_PLATFORMS)?;
    let mut platforms = Vec::with_capacity(raw.platforms.len());
    for (i, p) in raw.platforms.iter().enumerate() {
        let field = |name: &str| format!("platforms[{i}].{name}");
        check.id(field("id"), &p.id)?;
        if raw.platforms[..i].iter().any(|other| other.id == p.id) {
            return check.fail(field("id"), format!("`{}` is used by two platforms", p.id));
        }
        check.text(field("name"), &p.name, 60)?;
        let d = Platform::archetype_defaults(p.archetype);
        let mut content_fit = d.content_fit;
        // Checked with the other figures once the platform is built.
        for (c, value) in p.content_fit.values().iter().enumerate() {
            if let Some(value) = value {
                content_fit[c] = *value;
            }
        }
        let tone_fit = tone_values(&check, &field("tone_fit"), &p.tone_fit, d.tone_fit)?;
        let platform = Platform {
            tone_fit,
            id: p.id.clone(),
            name: p.name.clone(),
            archetype: p.archetype,
            organic_reach: p.organic_reach.unwrap_or(d.organic_reach),
            discovery: p.discovery.unwrap_or(d.discovery),
            engagement: p.engagement.unwrap_or(d.engagement),
            conversation: p.conversation.unwrap_or(d.conversation),
            content_fit,
            ad_cpm: p.ad_cpm.unwrap_or(d.ad_cpm),
            ad_ctr: p.ad_ctr.unwrap_or(d.ad_ctr),
            share_reach: p.share_reach.unwrap_or(d.share_reach),
        };
        check_platform(&check, i, &platform)?;
        platforms.push(platform);
    }

    check.count("segments", raw.segments.len(), 1, MAX_SEGMENTS)?;
    let mut segments = Vec::with_capacity(raw.segments.len());
    for (i, s) in raw.segments.iter().enumerate() {
        let field = |name: &str| format!("segments[{i}].{name}");
        check.id(field("id"), &s.id)?;
        if raw.segments[..i].iter().any(|other| other.id == s.id) {
            return check.fail(field("id"), format!("`{}` is used by two segments", s.id));
        }
        check.text(field("name"), &s.name, 80)?;
        check.range(field("share"), s.share, 0.0001, 1.0)?;
        check.range(field("online_per_day"), s.online_per_day as f64, 0.0, 1.0)?;
        check.range(field("initial_sentiment"), s.initial_sentiment as f64, -1.0, 1.0)?;
        let mut platform_use = vec![0.0; platforms.len()];
        if s.platforms.is_empty() {
            return check.fail(
                field("platforms"),
                "names no platform; every segment uses at least one",
            );
        }
        for (id, &usage) in &s.platforms {
            let Some(p) = platforms.iter().position(|platform| &platform.id == id) else {
                let known: Vec<&str> = platforms.iter().map(|p| p.id.as_str()).collect();
                return check.fail(
                    field(&format!("platforms.\"{id}\"")),
                    format!("no platform has this id (platforms: {})", known.join(", ")),
                );
            };
            check.range(field(&format!("platforms.\"{id}\"")), usage as f64, 0.0, 1.0)?;
            platform_use[p] = usage;
        }
        let mut interest = [1.0; CONTENT_TYPES];
        for (c, value) in s.interest.values().iter().enumerate() {
            if let Some(value) = value {
                check.range(
                    field(&format!("interest.{}", ContentType::from_index(c).label())),
                    *value as f64,
                    0.0,
                    2.0,
                )?;
                interest[c] = *value;
            }
        }
        let tone_fit = tone_values(&check, &field("tone"), &s.tone, DEFAULT_TONE_FIT)?;
        let mut believed_interest = [1.0; CONTENT_TYPES];
        for (c, value) in s.believed.interest.values().iter().enumerate() {
            if let Some(value) = value {
                check.range(
                    field(&format!(
                        "believed.interest.{}",
                        ContentType::from_index(c).label()
                    )),
                    *value as f64,
                    0.0,
                    2.0,
                )?;
                believed_interest[c] = *value;
            }
        }
        let believed_tone = tone_values(&check, &field("believed.tone"), &s.believed.tone, [1.0; TONES])?;
        segments.push(Segment {
            id: s.id.clone(),
            name: s.name.clone(),
            share: s.share,
            online_per_day: s.online_per_day,
            platform_use,
            interest,
            tone_fit,
            believed_interest,
            believed_tone,
            initial_sentiment: s.initial_sentiment,
        });
    }
    let total_share: f64 = segments.iter().map(|s| s.share).sum();
    if (total_share - 1.0).abs() > 0.01 {
        return check.fail(
            "segments",
            format!("shares add up to {total_share:.3}; they must add up to 1"),
        );
    }

    check.count("goals", raw.goals.len(), 1, MAX_GOALS)?;
    let mut goals = Vec::with_capacity(raw.goals.len());
    for (i, g) in raw.goals.iter().enumerate() {
        let (min, max) = match g.metric {
            GoalMetric::Sentiment => (0.01, 1.0),
            GoalMetric::RelationshipIndex | GoalMetric::EngagementRate => (0.0001, 1.0),
            GoalMetric::Roi => (0.01, 1000.0),
            _ => (1.0, 1e9),
        };
        check.range(format!("goals[{i}].target"), g.target, min, max)?;
        check.range(format!("goals[{i}].weight"), g.weight, 0.0, 100.0)?;
        goals.push(Goal {
            metric: g.metric,
            target: g.target,
            weight: g.weight,
        });
    }
    if goals.iter().all(|g| g.weight == 0.0) {
        return check.fail("goals", "every goal has weight 0; at least one must count");
    }

    check.count("events", raw.events.len(), 0, MAX_EVENTS)?;
    let mut events = Vec::with_capacity(raw.events.len());
    for (i, e) in raw.events.iter().enumerate() {
        let kind = match &e.kind {
            RawEventKind::ViralTrend { content, boost, days } => EventKind::ViralTrend {
                content: *content,
                boost: *boost,
                days: *days,
            },
            RawEventKind::AlgorithmChange {
                platform,
                reach_factor,
            } => {
                let Some(p) = platforms.iter().position(|x| &x.id == platform) else {
                    return check.fail(
                        format!("events[{i}].kind.platform"),
                        format!("no platform has the id `{platform}`"),
                    );
                };
                EventKind::AlgorithmChange {
                    platform: p,
                    reach_factor: *reach_factor,
                }
            }
            RawEventKind::ReviewStorm { share, severity } => EventKind::ReviewStorm {
                share: *share,
                severity: *severity,
            },
        };
        let event = ScriptedEvent {
            week: e.week,
            day: e.day,
            kind,
        };
        check_event(&check, i, raw.weeks, platforms.len(), &event)?;
        events.push(event);
    }

    let actions = apply_overrides(&check, default_catalog(), &raw.actions)?;
    check_model(&check, &raw.model)?;

    let market = validate_market(&check, path, &raw)?;
    Ok(Scenario {
        id: raw.id,
        name: raw.name,
        brand: raw.brand,
        brief: raw.brief,
        lesson: raw.lesson,
        lesson_claims: raw.lesson_claims,
        weeks: raw.weeks,
        seed: raw.seed,
        hours_per_week: raw.hours_per_week,
        money_per_week: raw.money_per_week,
        agents: raw.agents,
        initial_followers: raw.initial_followers,
        initial_awareness: raw.initial_awareness,
        customer_value: raw.customer_value,
        sales_speed: raw.sales_speed,
        segments,
        graph: raw.graph,
        platforms,
        goals,
        events,
        actions,
        model: raw.model,
        market,
        mechanisms: raw.mechanisms,
    })
}

/// Checks the rivals and the rules of competition, and loads each rival's
/// strategy.
fn validate_market(check: &Check, path: &str, raw: &RawScenario) -> Result<MarketSpec, LoadError> {
    check.count("rivals", raw.rivals.len(), 0, MAX_BRANDS - 1)?;
    let mut rivals = Vec::with_capacity(raw.rivals.len());
    for (i, rival) in raw.rivals.iter().enumerate() {
        let field = |name: &str| format!("rivals[{i}].{name}");
        check.text(field("name"), &rival.name, 60)?;
        if rival.name.trim().eq_ignore_ascii_case(raw.brand.trim())
            || raw.rivals[..i]
                .iter()
                .any(|other| other.name.trim().eq_ignore_ascii_case(rival.name.trim()))
        {
            return check.fail(
                field("name"),
                format!("`{}` is the name of another brand", rival.name),
            );
        }
        check_start(
            check,
            &field(""),
            rival.initial_followers,
            rival.initial_awareness,
        )?;
        let hours_per_week = rival.hours_per_week.unwrap_or(raw.hours_per_week);
        let money_per_week = rival.money_per_week.unwrap_or(raw.money_per_week);
        check_budgets(check, &field(""), hours_per_week, money_per_week)?;
        check.text(field("strategy"), &rival.strategy, 4096)?;
        let beside = Path::new(path).parent().map(|dir| dir.join(&rival.strategy));
        let source = match beside {
            Some(file) if Path::new(&rival.strategy).is_relative() && file.is_file() => {
                file.display().to_string()
            }
            _ => rival.strategy.clone(),
        };
        let strategy = find_strategy(&source).map_err(|e| LoadError::Invalid {
            path: path.to_string(),
            field: field("strategy"),
            message: e.to_string(),
        })?;
        rivals.push(RivalSpec {
            name: rival.name.trim().to_string(),
            strategy,
            strategy_source: source,
            initial_followers: rival.initial_followers,
            initial_awareness: rival.initial_awareness,
            hours_per_week,
            money_per_week,
        });
    }
    check_market_params(check, &raw.market)?;
    Ok(MarketSpec {
        rivals,
        params: raw.market,
    })
}

/// The checks of meaning a scenario file passes, run again on a scenario
/// that a program changed after loading it (`rapport sweep --vary scenario`
/// draws audiences, budgets, graphs, platforms and events; `--vary params`
/// draws the model's numbers): every number a program may change is held to
/// the file's limits, with the same messages. Names, ids, segments and goals,
/// which no program changes, were checked when the file was read.
pub fn check_scenario(path: &str, scenario: &Scenario) -> Result<(), LoadError> {
    let check = Check { path };
    check.range("weeks", scenario.weeks as f64, 1.0, MAX_WEEKS as f64)?;
    check_budgets(&check, "", scenario.hours_per_week, scenario.money_per_week)?;
    check_agents(&check, "agents", scenario.agents)?;
    check_start(&check, "", scenario.initial_followers, scenario.initial_awareness)?;
    check.range("customer_value", scenario.customer_value, 0.0, 1e7)?;
    check.range("sales_speed", scenario.sales_speed as f64, 0.01, 10.0)?;
    check_graph(&check, scenario.agents, &scenario.graph)?;
    check.count("platforms", scenario.platforms.len(), 1, MAX_PLATFORMS)?;
    for (i, platform) in scenario.platforms.iter().enumerate() {
        check_platform(&check, i, platform)?;
    }
    for (i, segment) in scenario.segments.iter().enumerate() {
        if segment.platform_use.len() != scenario.platforms.len() {
            return check.fail(
                format!("segments[{i}].platforms"),
                "does not give a use for every platform",
            );
        }
    }
    check.count("events", scenario.events.len(), 0, MAX_EVENTS)?;
    for (i, event) in scenario.events.iter().enumerate() {
        check_event(&check, i, scenario.weeks, scenario.platforms.len(), event)?;
    }
    validate_catalog(&check, "actions.", &scenario.actions)?;
    check_model(&check, &scenario.model)?;
    for (i, rival) in scenario.market.rivals.iter().enumerate() {
        let prefix = format!("rivals[{i}].");
        check_start(&check, &prefix, rival.initial_followers, rival.initial_awareness)?;
        check_budgets(&check, &prefix, rival.hours_per_week, rival.money_per_week)?;
    }
    check_market_params(&check, &scenario.market.params)
}

/// A brand's hours and money a week; `prefix` names whose (`rivals[0].`).
fn check_budgets(check: &Check, prefix: &str, hours: f64, money: f64) -> Result<(), LoadError> {
    check.range(format!("{prefix}hours_per_week"), hours, 1.0, 168.0)?;
    check.range(format!("{prefix}money_per_week"), money, 0.0, 1e9)
}

/// The shares of the audience that follow and know a brand on day one.
fn check_start(check: &Check, prefix: &str, followers: f32, awareness: f32) -> Result<(), LoadError> {
    check.range(format!("{prefix}initial_followers"), followers as f64, 0.0, 1.0)?;
    check.range(format!("{prefix}initial_awareness"), awareness as f64, 0.0, 1.0)
}

/// Contacts per person, homophily and the graph's size for the audience.
fn check_graph(check: &Check, agents: u32, graph: &GraphSpec) -> Result<(), LoadError> {
    check.range(
        "graph.contacts_per_agent",
        graph.contacts_per_agent as f64,
        2.0,
        MAX_CONTACTS as f64,
    )?;
    check.range("graph.homophily", graph.homophily as f64, 0.0, 1.0)?;
    check_graph_size(check, agents, graph.contacts_per_agent)
}

/// A platform's figures, its archetype's defaults and a file's overrides
/// merged.
fn check_platform(check: &Check, index: usize, platform: &Platform) -> Result<(), LoadError> {
    let field = |name: &str| format!("platforms[{index}].{name}");
    for (c, value) in platform.content_fit.iter().enumerate() {
        check.range(
            field(&format!("content_fit.{}", ContentType::from_index(c).label())),
            *value as f64,
            0.0,
            5.0,
        )?;
    }
    for (t, value) in platform.tone_fit.iter().enumerate() {
        check.range(
            field(&format!("tone_fit.{}", Tone::from_index(t).label())),
            *value as f64,
            0.0,
            MAX_TONE_FIT,
        )?;
    }
    for (name, value) in [
        ("organic_reach", platform.organic_reach),
        ("discovery", platform.discovery),
        ("engagement", platform.engagement),
        ("conversation", platform.conversation),
        ("ad_ctr", platform.ad_ctr),
        ("share_reach", platform.share_reach),
    ] {
        check.range(field(name), value as f64, 0.0, 1.0)?;
    }
    check.range(field("ad_cpm"), platform.ad_cpm as f64, 0.01, 10_000.0)
}

/// A scripted event of a game of `weeks` weeks on `platforms` platforms.
fn check_event(
    check: &Check,
    index: usize,
    weeks: u32,
    platforms: usize,
    event: &ScriptedEvent,
) -> Result<(), LoadError> {
    let field = |name: &str| format!("events[{index}].{name}");
    if event.week >= weeks {
        return check.fail(
            field("week"),
            format!(
                "week {} is past the end (weeks are 0 to {})",
                event.week,
                weeks.saturating_sub(1)
            ),
        );
    }
    check.range(field("day"), event.day as f64, 0.0, 6.0)?;
    match event.kind {
        EventKind::ViralTrend { boost, days, .. } => {
            check.range(field("kind.boost"), boost as f64, 0.0, 10.0)?;
            check.range(field("kind.days"), days as f64, 1.0, 728.0)
        }
        EventKind::AlgorithmChange {
            platform,
            reach_factor,
        } => {
            if platform >= platforms {
                return check.fail(
                    field("kind.platform"),
                    format!("platform {platform} does not exist ({platforms} platforms)"),
                );
            }
            check.range(field("kind.reach_factor"), reach_factor as f64, 0.0, 10.0)
        }
        EventKind::ReviewStorm { share, severity } => {
            check.range(field("kind.share"), share as f64, 0.0, 1.0)?;
            check.range(field("kind.severity"), severity as f64, 0.0, 2.0)
        }
    }
}

/// The model's numbers: shares within 0..1, rates and factors within 0..100,
/// and the few counts and day spans their own limits.
fn check_model(check: &Check, model: &ModelParams) -> Result<(), LoadError> {
    for (name, value) in model.unit_fields() {
        check.range(format!("model.{name}"), value as f64, 0.0, 1.0)?;
    }
    for (name, value) in model.positive_fields() {
        check.range(format!("model.{name}"), value as f64, 0.0, 100.0)?;
    }
    check.range(
        "model.reply_patience_days",
        model.reply_patience_days as f64,
        1.0,
        60.0,
    )?;
    check.range(
        "model.social_proof_followers",
        model.social_proof_followers as f64,
        0.0,
        1_000_000.0,
    )?;
    check.range(
        "model.contact_memory_size",
        model.contact_memory_size as f64,
        0.0,
        10_000.0,
    )?;
    check.range(
        "model.relationship_grace_days",
        model.relationship_grace_days as f64,
        0.0,
        365.0,
    )
}

/// The rules of competition.
fn check_market_params(check: &Check, market: &MarketParams) -> Result<(), LoadError> {
    for (name, value, max) in [
        ("market.feed_capacity", market.feed_capacity, 100.0),
        ("market.interaction_rank", market.interaction_rank, 100.0),
        ("market.loyalty_hold", market.loyalty_hold, 1.0),
        ("market.ad_weight", market.ad_weight, 100.0),
    ] {
        check.range(name, value as f64, 0.0, max)?;
    }
    if market.feed_capacity <= 0.0 {
        return check.fail("market.feed_capacity", "must be above 0");
    }
    Ok(())
}

/// A value per tone from a file, each between 0 and 2, `default` where unset.
fn tone_values(
    check: &Check,
    field: &str,
    raw: &RawToneValues,
    default: [f32; TONES],
) -> Result<[f32; TONES], LoadError> {
    let mut values = default;
    for (t, value) in raw.values().iter().enumerate() {
        if let Some(value) = value {
            check.range(
                format!("{field}.{}", Tone::from_index(t).label()),
                *value as f64,
                0.0,
                MAX_TONE_FIT,
            )?;
            values[t] = *value;
        }
    }
    Ok(values)
}

/// Checks an audience size, from a file or from `--agents`.
pub fn check_agents(check: &Check, field: &str, agents: u32) -> Result<(), LoadError> {
    if !(MIN_AGENTS..=MAX_AGENTS).contains(&agents) {
        return check.fail(
            field,
            format!("{agents} people is out of range; expected {MIN_AGENTS} to {MAX_AGENTS}"),
        );
    }
    Ok(())
}

/// Checks that the graph fits the memory budget.
pub fn check_graph_size(check: &Check, agents: u32, contacts: u32) -> Result<(), LoadError> {
    let ends = agents as u64 * contacts as u64;
    if ends > MAX_TIE_ENDS {
        return check.fail(
            "graph.contacts_per_agent",
            format!(
                "{agents} people with {contacts} contacts each is {ends} tie ends; the limit is {MAX_TIE_ENDS}"
            ),
        );
    }
    Ok(())
}

/// Resizes a scenario's audience (the `--agents` option), with the same limits.
pub fn resize(scenario: &Scenario, agents: u32) -> Result<Scenario, LoadError> {
    resize_checked(&Check { path: "--agents" }, scenario, agents)
}

/// Resizes a scenario's audience to the `agents` field of a file.
pub fn resize_checked(check: &Check, scenario: &Scenario, agents: u32) -> Result<Scenario, LoadError> {
    check_agents(check, "agents", agents)?;
    check_graph_size(check, agents, scenario.graph.contacts_per_agent)?;
    Ok(scenario.with_agents(agents))
}
