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

/// People nobody touched cost nothing and change nothing: in every built-in
/// scenario (2,000 people), a whole game of the all-rounder played lazily
/// and eagerly (everyone visited every day) ends with every person stored
/// alike, the same figures every day and the same state hash.
#[test]
fn lazy_and_eager_games_agree_person_by_person_in_every_scenario() {
    for (id, _) in rapport::files::builtin::SCENARIOS {
        let s = Arc::new(scenario(id).with_agents(2_000));
        let balanced = strategy("balanced");
        let mut lazy = Simulation::new(Arc::clone(&s), 5);
        balanced.play_out(&mut lazy);
        let mut eager = Simulation::new_eager(s, 5);
        balanced.play_out(&mut eager);
        assert!(eager.is_eager() && !lazy.is_eager());
        let (a, b) = (lazy.audience(), eager.audience());
        for person in 0..a.len() {
            assert_eq!(a.record(person), b.record(person), "{id}: person {person}");
            assert_eq!(a.story(person), b.story(person), "{id}: person {person}");
        }
        let days = |game: &Simulation| -> Vec<rapport::sim::DayMetrics> {
            game.history()
                .iter()
                .map(|d| rapport::sim::DayMetrics { visited: 0, ..*d })
                .collect()
        };
        assert_eq!(days(&lazy), days(&eager), "{id}");
        assert_eq!(lazy.state_hash(), eager.state_hash(), "{id}");
        let visited = |game: &Simulation| game.history().iter().map(|d| d.visited).sum::<u64>();
        assert!(visited(&lazy) < visited(&eager), "{id}");
    }
}
