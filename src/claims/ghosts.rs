//! Ghosts: what each built-in strategy reached on the player's own scenario
//! and seed, for the debrief's and the week report's overlays and for the
//! verdicts, which judge a run against them.

use super::trial::RunSummary;
use crate::files::builtin::find_strategy;
use crate::sim::{DayMetrics, Kpis, Scenario, play};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// A ghost's name in a sentence: "the networker".
pub fn ghost_name(strategy: &str) -> String {
    match strategy {
        "broadcaster" => "the broadcaster".into(),
        "networker" => "the networker".into(),
        "balanced" => "the all-rounder".into(),
        "advertiser" => "the advertiser".into(),
        other => format!("the {other} strategy"),
    }
}

/// Plays every strategy of [`GHOST_STRATEGIES`] on the scenario and seed.
/// `progress(done, of)` is called as each game finishes (from any thread).
/// The games run in parallel; each is the game `rapport run` plays, so the
/// ghosts are the same at any thread count and come back in list order.
pub fn builtin_ghosts(
    scenario: Arc<Scenario>,
    seed: u64,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Ghost> {
    let of = GHOST_STRATEGIES.len();
    let done = AtomicUsize::new(0);
    GHOST_STRATEGIES
        .par_iter()
        .map(|&id| {
            let strategy = find_strategy(id).expect("a built-in strategy loads");
            let game = play(Arc::clone(&scenario), seed, &strategy);
            let ghost = Ghost {
                strategy: id,
                name: ghost_name(id),
                history: game.history().to_vec(),
                kpis: game.kpis(),
                summary: RunSummary::of(&game),
            };
            progress(done.fetch_add(1, Ordering::SeqCst) + 1, of);
            ghost
        })
        .collect()
}

/// The ghost of one strategy, if it was played.
pub fn ghost<'a>(ghosts: &'a [Ghost], strategy: &str) -> Option<&'a Ghost> {
    ghosts.iter().find(|g| g.strategy == strategy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;
    use std::sync::Mutex;

    #[test]
    fn every_ghost_is_the_strategys_own_game_in_list_order_with_progress() {
        let scenario = Arc::new(find_scenario("first_steps").unwrap().with_agents(300));
        let calls = Mutex::new(Vec::new());
        let ghosts = builtin_ghosts(Arc::clone(&scenario), 7, &|done, of| {
            calls.lock().unwrap().push((done, of));
        });
        let ids: Vec<&str> = ghosts.iter().map(|g| g.strategy).collect();
        assert_eq!(ids, GHOST_STRATEGIES);
        let mut calls = calls.into_inner().unwrap();
        calls.sort();
        assert_eq!(calls, (1..=4).map(|d| (d, 4)).collect::<Vec<_>>());
        for g in &ghosts {
            let alone = play(Arc::clone(&scenario), 7, &find_strategy(g.strategy).unwrap());
            assert_eq!(g.kpis, alone.kpis(), "{}", g.strategy);
            assert_eq!(g.history, alone.history());
            assert!(g.name.starts_with("the "));
        }
        // One thread or many: the same ghosts.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let single = pool.install(|| builtin_ghosts(Arc::clone(&scenario), 7, &|_, _| {}));
        for (a, b) in ghosts.iter().zip(&single) {
            assert_eq!(a.kpis, b.kpis);
        }
    }
}
