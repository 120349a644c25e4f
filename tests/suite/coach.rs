//! The tutorial's coach: the `coached` player, which does exactly what the
//! coach says each week, meets every first_steps goal within the
//! scenario's weeks on at least 27 of 30 seeds (strong relationships on
//! every seed); every move it is told was checked as it says; and no move
//! is offered twice once followed.

use super::common::{rapport, scenario};
use rapport::report::coach::coached::play_coached;
use rapport::report::coach::moves::{Advice, MoveKind, advise, current_plan};
use rapport::sim::{Kpis, Simulation, WeekPlan, goal_progress};
use rayon::prelude::*;
use std::sync::Arc;

/// Seeds the coached player is judged on.
const SEEDS: u64 = 30;

/// Seeds (of [`SEEDS`]) on which every goal must be met: issue 24's 90%.
/// The coach meets them on 30 of these 30 (and on 57 of 60 seeds it was
/// never tuned on, seed + 1000 onwards).
const MET_AT_LEAST: usize = 27;

/// One coached game: what the coach said each week, and the end.
struct Coached {
    seed: u64,
    moves: Vec<Option<MoveKind>>,
    kpis: Kpis,
    all_met: bool,
}

fn coached_game(scenario: &Arc<rapport::sim::Scenario>, seed: u64) -> Coached {
    let mut game = Simulation::new(Arc::clone(scenario), seed);
    let mut moves = Vec::new();
    while !game.finished() {
        let advice = advise(&game);
        moves.push(match &advice {
            Advice::Move(chosen) => Some(chosen.kind),
            _ => None,
        });
        let plan = advice.plan(&current_plan(&game));
        game.run_week(&plan).expect("the coach's plan fits the week");
    }
    let kpis = game.kpis();
    let all_met = scenario.goals.iter().all(|g| goal_progress(g, &kpis) >= 1.0);
    Coached {
        seed,
        moves,
        kpis,
        all_met,
    }
}

/// At the scenario's own size on both test scales: a smaller audience is
/// another game, and the tutorial is played at this one.
#[test]
fn coached_meets_every_first_steps_goal_on_nine_seeds_in_ten() {
    let tutorial = Arc::new(scenario("first_steps"));
    let games: Vec<Coached> = (0..SEEDS)
        .into_par_iter()
        .map(|k| coached_game(&tutorial, tutorial.seed + k))
        .collect();
    let met = games.iter().filter(|g| g.all_met).count();
    let missed: Vec<String> = games
        .iter()
        .filter(|g| !g.all_met)
        .map(|g| {
            format!(
                "seed {}: followers {}, strong {}, index {:.3}, leads {} (moves {:?})",
                g.seed,
                g.kpis.followers,
                g.kpis.strong_relationships,
                g.kpis.relationship_index,
                g.kpis.leads,
                g.moves
            )
        })
        .collect();
    eprintln!("coached met every first_steps goal on {met} of {SEEDS} seeds");
    assert!(
        met >= MET_AT_LEAST,
        "coached met every goal on {met} of {SEEDS} seeds; missed:\n{}",
        missed.join("\n")
    );
    assert!(
        games.iter().all(|g| g.kpis.strong_relationships >= 15),
        "the tutorial's lesson, strong relationships, is met on every seed"
    );
    // The goals are met within the tutorial's own weeks, and the coach
    // spoke with a move in its first week on every seed.
    assert!(games.iter().all(|g| g.moves.len() == tutorial.weeks as usize));
    assert!(games.iter().all(|g| g.moves[0].is_some()));
    // A move followed is not offered again (answers aside, which depend
    // on the week's comments).
    for game in &games {
        let mut seen: Vec<MoveKind> = game.moves.iter().flatten().copied().collect();
        seen.retain(|&k| k != MoveKind::AnswerComments);
        let count = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(
            seen.len(),
            count,
            "seed {}: a move repeated: {:?}",
            game.seed,
            game.moves
        );
    }
}

/// The numbers a move gives are those of the game played on as it says:
/// re-played from the start with the plans so far, the move's week, then
/// the current plan to the end (and without the move), on the same seed.
#[test]
fn a_moves_numbers_are_those_of_the_branch_it_describes() {
    let tutorial = Arc::new(scenario("first_steps"));
    let mut game = Simulation::new(Arc::clone(&tutorial), tutorial.seed);
    let mut checked = 0;
    while !game.finished() {
        let current = current_plan(&game);
        let advice = advise(&game);
        if let Advice::Move(chosen) = &advice {
            let weeks_left = (tutorial.weeks - game.week()) as usize;
            let branch = |first: &WeekPlan| {
                let mut plans = game.plans().to_vec();
                plans.push(first.clone());
                plans.extend(std::iter::repeat_n(current.clone(), weeks_left - 1));
                let played =
                    Simulation::replay(rapport::sim::Replaying::solo(&tutorial, tutorial.seed, &plans))
                        .expect("the branch plays");
                played.kpis()
            };
            let (with, without) = (branch(&chosen.plan), branch(&current));
            let metric = chosen.goal.metric;
            assert_eq!(with.value(metric), chosen.with.goal);
            assert_eq!(without.value(metric), chosen.without.goal);
            assert_eq!(
                (with.score, without.score),
                (chosen.with.score, chosen.without.score)
            );
            assert!(
                with.score > without.score
                    || (with.value(metric) > without.value(metric) && with.score >= without.score),
                "a move is offered only if it helps"
            );
            assert!(
                chosen
                    .text
                    .contains(&format!("{:.2} instead of {:.2}", with.score, without.score))
            );
            checked += 1;
        }
        let plan = advice.plan(&current);
        game.run_week(&plan).unwrap();
    }
    assert!(checked >= 2, "the coach made {checked} moves");
}

#[test]
fn run_finds_the_coached_player() {
    let output = rapport(&[
        "run",
        "--scenario",
        "first_steps",
        "--strategy",
        "coached",
        "--json",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let kpis: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let tutorial = Arc::new(scenario("first_steps"));
    let mut game = Simulation::new(Arc::clone(&tutorial), tutorial.seed);
    play_coached(&mut game);
    assert_eq!(kpis["state_hash"].as_str(), Some(game.kpis().state_hash.as_str()));
}
