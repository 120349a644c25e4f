//! Strategy files: RON text -> `RawStrategy` -> checked `sim::Strategy`.

use super::load::{Check, LoadError, MAX_FILE_BYTES, check_version, parse_ron, read_limited};
use crate::sim::{
    ActionKind, Condition, ContentChoice, ContentType, Count, PlatformChoice, Rule, Step, Strategy,
    TargetChoice, ToneChoice,
};
use serde::Deserialize;
use std::path::Path;

pub const MAX_STEPS: usize = 64;
pub const MAX_RULES: usize = 32;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Strategy")]
struct RawStrategy {
    version: u32,
    id: String,
    name: String,
    description: String,
    #[serde(default)]
    rules: Vec<RawRule>,
    weekly: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    when: Condition,
    then: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    action: ActionKind,
    #[serde(default = "default_count")]
    count: Count,
    #[serde(default = "default_content")]
    content: ContentChoice,
    #[serde(default = "default_platform")]
    platform: PlatformChoice,
    #[serde(default = "default_target")]
    target: TargetChoice,
    #[serde(default = "default_tone")]
    tone: ToneChoice,
}

fn default_count() -> Count {
    Count::Times(1)
}
fn default_content() -> ContentChoice {
    ContentChoice::BestKnown
}
fn default_platform() -> PlatformChoice {
    PlatformChoice::Auto
}
fn default_target() -> TargetChoice {
    TargetChoice::Everyone
}
fn default_tone() -> ToneChoice {
    ToneChoice::BestKnown
}

pub const STRATEGIES: &[(&str, &str)] = &[
    (
        "broadcaster",
        include_str!("../../assets/strategies/broadcaster.ron"),
    ),
    ("networker", include_str!("../../assets/strategies/networker.ron")),
    ("balanced", include_str!("../../assets/strategies/balanced.ron")),
    (
        "advertiser",
        include_str!("../../assets/strategies/advertiser.ron"),
    ),
    ("automator", include_str!("../../assets/strategies/automator.ron")),
];

/// Strategies written for the computer's rivals in a market (their rules
/// watch the brand's share of the market); a player may use them too.
pub const RIVAL_STRATEGIES: &[(&str, &str)] = &[
    (
        "rival_steady",
        include_str!("../../assets/strategies/rival_steady.ron"),
    ),
    (
        "rival_reactive",
        include_str!("../../assets/strategies/rival_reactive.ron"),
    ),
    (
        "rival_flood",
        include_str!("../../assets/strategies/rival_flood.ron"),
    ),
];

pub fn strategy_path(id: &str) -> String {
    format!("assets/strategies/{id}.ron")
}

/// A built-in id or a path to a file.
pub fn find_strategy(name: &str) -> Result<Strategy, LoadError> {
    if let Some((id, text)) = STRATEGIES
        .iter()
        .chain(RIVAL_STRATEGIES)
        .find(|(id, _)| *id == name)
    {
        return parse_strategy(&strategy_path(id), text);
    }
    let path = Path::new(name);
    if path.exists() || name.ends_with(".ron") || name.contains('/') {
        return load_strategy(path);
    }
    Err(LoadError::NotFound {
        name: name.to_string(),
        known: STRATEGIES
            .iter()
            .chain(RIVAL_STRATEGIES)
            .map(|(id, _)| id.to_string())
            .collect(),
    })
}

pub fn load_strategy(path: &Path) -> Result<Strategy, LoadError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    parse_strategy(&path.display().to_string(), &text)
}

pub fn parse_strategy(path: &str, text: &str) -> Result<Strategy, LoadError> {
    let raw: RawStrategy = parse_ron(path, text)?;
    let check = Check { path };
    check_version(&check, raw.version)?;
    check.id("id", &raw.id)?;
    check.text("name", &raw.name, 80)?;
    check.text("description", &raw.description, 2000)?;
    check.count("rules", raw.rules.len(), 0, MAX_RULES)?;
    check.count("weekly", raw.weekly.len(), 0, MAX_STEPS)?;
    if raw.weekly.is_empty() && raw.rules.is_empty() {
        return check.fail(
            "weekly",
            "the strategy does nothing: give it weekly steps or rules",
        );
    }
    let mut rules = Vec::with_capacity(raw.rules.len());
    for (i, rule) in raw.rules.iter().enumerate() {
        check.count(format!("rules[{i}].then"), rule.then.len(), 1, MAX_STEPS)?;
        match rule.when {
            Condition::SentimentBelow(x) => check.range(format!("rules[{i}].when"), x as f64, -1.0, 1.0)?,
            Condition::FollowerShareBelow(x) | Condition::CustomerShareBelow(x) => {
                check.range(format!("rules[{i}].when"), x as f64, 0.0, 1.0)?
            }
            Condition::FromWeek(w) | Condition::BeforeWeek(w) => {
                check.range(format!("rules[{i}].when"), w as f64, 1.0, 1000.0)?
            }
            _ => {}
        }
        let then = rule
            .then
            .iter()
            .enumerate()
            .map(|(j, step)| validate_step(&check, &format!("rules[{i}].then[{j}]"), step))
            .collect::<Result<Vec<_>, _>>()?;
        rules.push(Rule {
            when: rule.when,
            then,
        });
    }
    let weekly = raw
        .weekly
        .iter()
        .enumerate()
        .map(|(i, step)| validate_step(&check, &format!("weekly[{i}]"), step))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Strategy {
        id: raw.id,
        name: raw.name,
        description: raw.description,
        rules,
        weekly,
    })
}

fn validate_step(check: &Check, field: &str, step: &RawStep) -> Result<Step, LoadError> {
    if let Count::Times(n) = step.count {
        check.range(format!("{field}.count"), n as f64, 0.0, 500.0)?;
    }
    if step.count == Count::AsNeeded && step.action != ActionKind::Reply {
        return check.fail(format!("{field}.count"), "AsNeeded only applies to Reply");
    }
    if let ContentChoice::Fixed(content) = step.content
        && content == ContentType::Conversation
        && step.action.takes_content()
    {
        return check.fail(
            format!("{field}.content"),
            "conversation is not broadcast content; use the StartConversation action",
        );
    }
    Ok(Step {
        action: step.action,
        count: step.count,
        content: step.content,
        platform: step.platform,
        target: step.target,
        tone: step.tone,
    })
}
