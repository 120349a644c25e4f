//! Same scenario, seed and plans give bit-identical games, at any thread count.

use super::common::{scenario, strategy, thread_pool};
use rapport::sim::{Simulation, play};
use std::sync::Arc;

#[test]
fn two_runs_are_identical() {
    let scenario = Arc::new(scenario("corner_bakery"));
    let strategy = strategy("balanced");
    let a = play(Arc::clone(&scenario), 7, &strategy);
    let b = play(Arc::clone(&scenario), 7, &strategy);
    assert_eq!(a.state_hash(), b.state_hash());
    assert_eq!(a.history(), b.history());
    assert_eq!(a.kpis(), b.kpis());
}

#[test]
fn thread_count_does_not_change_results() {
    // Larger than one chunk many times over, so threads really split it.
    let scenario = Arc::new(scenario("flash_sale").with_agents(60_000));
    for id in ["balanced", "advertiser", "networker"] {
        let strategy = strategy(id);
        let hashes: Vec<(u64, Vec<rapport::sim::DayMetrics>)> = [1, 2, 3, 8]
            .into_iter()
            .map(|threads| {
                thread_pool(threads).install(|| {
                    let game = play(Arc::clone(&scenario), 11, &strategy);
                    (game.state_hash(), game.history().to_vec())
                })
            })
            .collect();
        for other in &hashes[1..] {
            assert_eq!(hashes[0].0, other.0, "{id}: state differs between thread counts");
            assert_eq!(hashes[0].1, other.1, "{id}: metrics differ between thread counts");
        }
    }
}

#[test]
fn different_seeds_give_different_games() {
    let scenario = Arc::new(scenario("corner_bakery"));
    let strategy = strategy("balanced");
    let a = play(Arc::clone(&scenario), 1, &strategy);
    let b = play(Arc::clone(&scenario), 2, &strategy);
    assert_ne!(a.state_hash(), b.state_hash());
}

#[test]
fn the_hash_sees_every_week() {
    let scenario = Arc::new(scenario("corner_bakery"));
    let strategy = strategy("balanced");
    let mut game = Simulation::new(Arc::clone(&scenario), 3);
    let mut seen = vec![game.state_hash()];
    for _ in 0..3 {
        let plan = strategy.plan_week(&game);
        game.run_week(&plan).unwrap();
        let hash = game.state_hash();
        assert!(!seen.contains(&hash));
        seen.push(hash);
    }
}
