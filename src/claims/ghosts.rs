//! Ghosts: what each built-in strategy reached on the player's own scenario
//! and seed, for the debrief's and the week report's overlays and for the
//! verdicts, which judge a run against them.
//!
//! Interface only for now.

use super::trial::RunSummary;
use crate::sim::{DayMetrics, Kpis, Scenario};
use std::sync::Arc;

/// One built-in strategy's game on the player's scenario and seed.
#[derive(Clone, Debug)]
pub struct Ghost {
    /// The strategy's id (`networker`).
    pub strategy: &'static str,
    /// Its name for players.
    pub name: String,
    /// Day 0 first, as `Simulation::history`.
    pub history: Vec<DayMetrics>,
    pub kpis: Kpis,
    pub summary: RunSummary,
}

/// The strategies a run is compared with, in order.
pub const GHOST_STRATEGIES: &[&str] = &["broadcaster", "networker", "balanced", "advertiser"];

/// Plays every strategy of [`GHOST_STRATEGIES`] on the scenario and seed.
/// `progress(done, of)` is called as each game finishes (from any thread).
pub fn builtin_ghosts(
    scenario: Arc<Scenario>,
    seed: u64,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Ghost> {
    let _ = (scenario, seed, progress);
    Vec::new()
}
