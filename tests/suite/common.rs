//! Helpers shared by the test modules.

use rapport::files::builtin::{find_scenario, find_strategy};
use rapport::report::stats::{Interval, interval};
use rapport::sim::{ModelParams, Scenario, Simulation, Strategy, play};
use std::sync::Arc;

pub fn scenario(id: &str) -> Scenario {
    find_scenario(id).unwrap_or_else(|e| panic!("{e}"))
}

pub fn strategy(id: &str) -> Strategy {
    find_strategy(id).unwrap_or_else(|e| panic!("{e}"))
}

/// A scenario with some model rules changed.
pub fn with_model(mut scenario: Scenario, change: impl Fn(&mut ModelParams)) -> Arc<Scenario> {
    change(&mut scenario.model);
    Arc::new(scenario)
}

/// Plays `strategy` over `seeds` seeds and maps each finished game.
pub fn over_seeds<T: Send>(
    scenario: &Arc<Scenario>,
    strategy: &Strategy,
    seeds: u64,
    measure: impl Fn(&Simulation) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    (0..seeds)
        .into_par_iter()
        .map(|i| measure(&play(Arc::clone(scenario), 1000 + i, strategy)))
        .collect()
}

/// Mean and 95% interval of paired differences a - b.
pub fn paired_difference(a: &[f64], b: &[f64]) -> Interval {
    let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    interval(&diffs)
}

pub fn mean(values: &[f64]) -> f64 {
    rapport::report::stats::mean(values)
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rapport-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The balanced strategy without its ads: for comparisons with the pure
/// strategies, which spend no money, on equal terms.
pub fn balanced_without_ads() -> Strategy {
    let mut balanced = strategy("balanced");
    balanced
        .weekly
        .retain(|step| step.action != rapport::sim::ActionKind::Ad);
    for rule in &mut balanced.rules {
        rule.then
            .retain(|step| step.action != rapport::sim::ActionKind::Ad);
    }
    balanced
}
