//! Built-in scenarios and strategies, compiled into the game so their ids
//! work from any folder. The files in `assets/` are the same text.

use super::load::{LoadError, MAX_FILE_BYTES, parse_ron, read_limited};
use super::scenario::{Rubric, load_scenario, parse_scenario};
pub use super::strategy::{RIVAL_STRATEGIES, STRATEGIES, find_strategy, strategy_path};
use crate::sim::Scenario;
use serde::Deserialize;
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
    (
        "same_street",
        include_str!("../../assets/scenarios/same_street.ron"),
    ),
    (
        "crowded_launch",
        include_str!("../../assets/scenarios/crowded_launch.ron"),
    ),
];

pub fn scenario_path(id: &str) -> String {
    format!("assets/scenarios/{id}.ron")
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

/// The rubric of a scenario (a built-in id or a file), if it has one;
/// checked as the scenario file is.
pub fn find_rubric(name: &str) -> Result<Option<Rubric>, LoadError> {
    #[derive(Deserialize)]
    #[serde(rename = "Scenario")]
    struct RubricOnly {
        #[serde(default)]
        rubric: Option<Rubric>,
    }
    let (path, text) = match SCENARIOS.iter().find(|(id, _)| *id == name) {
        Some((id, text)) => (scenario_path(id), text.to_string()),
        None => (name.to_string(), read_limited(Path::new(name), MAX_FILE_BYTES)?),
    };
    // The whole file is checked first, so an error is the scenario's own.
    parse_scenario(&path, &text)?;
    let only: RubricOnly = parse_ron(&path, &text)?;
    Ok(only.rubric)
}
