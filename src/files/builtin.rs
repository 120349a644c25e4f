//! Built-in scenarios and strategies, compiled into the game so their ids
//! work from any folder. The files in `assets/` are the same text.

use super::load::LoadError;
use super::scenario::{load_scenario, parse_scenario};
use super::strategy::{load_strategy, parse_strategy};
use crate::sim::{Scenario, Strategy};
use std::path::Path;

pub const SCENARIOS: &[(&str, &str)] = &[
    (
        "first_steps",
        include_str!("../../assets/scenarios/first_steps.ron"),
    ),
    (
        "corner_bakery",
        include_str!("../../assets/scenarios/corner_bakery.ron"),
    ),
    (
        "b2b_launch",
        include_str!("../../assets/scenarios/b2b_launch.ron"),
    ),
    (
        "flash_sale",
        include_str!("../../assets/scenarios/flash_sale.ron"),
    ),
    (
        "community_drive",
        include_str!("../../assets/scenarios/community_drive.ron"),
    ),
    (
        "review_storm",
        include_str!("../../assets/scenarios/review_storm.ron"),
    ),
    (
        "national_brand",
        include_str!("../../assets/scenarios/national_brand.ron"),
    ),
];

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

pub fn scenario_path(id: &str) -> String {
    format!("assets/scenarios/{id}.ron")
}

pub fn strategy_path(id: &str) -> String {
    format!("assets/strategies/{id}.ron")
}

/// Every built-in scenario, parsed.
pub fn scenarios() -> Vec<Scenario> {
    SCENARIOS
        .iter()
        .map(|(id, text)| parse_scenario(&scenario_path(id), text).expect("built-in scenarios are valid"))
        .collect()
}

/// A built-in id or a path to a file.
pub fn find_scenario(name: &str) -> Result<Scenario, LoadError> {
    if let Some((id, text)) = SCENARIOS.iter().find(|(id, _)| *id == name) {
        return parse_scenario(&scenario_path(id), text);
    }
    let path = Path::new(name);
    if path.exists() || name.ends_with(".ron") || name.contains('/') {
        return load_scenario(path);
    }
    Err(LoadError::NotFound {
        name: name.to_string(),
        known: SCENARIOS.iter().map(|(id, _)| id.to_string()).collect(),
    })
}

/// A built-in id or a path to a file.
pub fn find_strategy(name: &str) -> Result<Strategy, LoadError> {
    if let Some((id, text)) = STRATEGIES.iter().find(|(id, _)| *id == name) {
        return parse_strategy(&strategy_path(id), text);
    }
    let path = Path::new(name);
    if path.exists() || name.ends_with(".ron") || name.contains('/') {
        return load_strategy(path);
    }
    Err(LoadError::NotFound {
        name: name.to_string(),
        known: STRATEGIES.iter().map(|(id, _)| id.to_string()).collect(),
    })
}
