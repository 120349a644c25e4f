//! Verdicts and advice: each rule with a run where it must appear and one
//! where it must not.

use super::common::{scenario, spread_week};
use rapport::claims::RunSummary;
use rapport::claims::ghosts::builtin_ghosts;
use rapport::sim::{ActionKind, ContentType, PlannedAction, Simulation, Target};
use std::sync::Arc;

/// The example: first_steps played as its brief says — posts and
/// scheduled batches in week 1, then each week three conversation
/// starters, replies, engaging with others' posts (to everyone) and a post.
pub fn first_steps_example() -> Simulation {
    use ActionKind::*;
    let scenario = Arc::new(scenario("first_steps"));
    let mut game = Simulation::new(Arc::clone(&scenario), scenario.seed);
    let act = |kind| PlannedAction::aimed(kind, 0, ContentType::Photo, Target::Everyone);
    game.run_week(&spread_week(vec![
        act(Publish),
        act(Schedule),
        act(Publish),
        act(Schedule),
        act(Publish),
        act(Schedule),
    ]))
    .unwrap();
    while !game.finished() {
        let week = vec![
            act(StartConversation),
            act(EngageOthers),
            act(StartConversation),
            act(Reply),
            act(StartConversation),
            act(EngageOthers),
            act(Reply),
            act(Publish),
        ];
        game.run_week(&spread_week(week)).unwrap();
    }
    game
}

#[test]
fn scratch_numbers() {
    let game = first_steps_example();
    let s = RunSummary::of(&game);
    println!("run: {:?}\n{:?}", game.kpis().hours, s.people);
    println!(
        "strong {} followers {} score {}",
        game.kpis().strong_relationships,
        game.kpis().followers,
        game.kpis().score
    );
    let a = game.audience();
    let mut hist = [0u32; 6];
    for st in &a.story {
        let n = (st.brand_contacts as usize + st.replies_received as usize).min(5);
        hist[n] += 1;
    }
    println!("contacts histogram {hist:?}");
    let ghosts = builtin_ghosts(Arc::clone(game.scenario()), game.seed(), &|_, _| {});
    for g in &ghosts {
        println!(
            "{}: strong {} followers {} score {:.3} hours {:?} eng {}",
            g.name,
            g.kpis.strong_relationships,
            g.kpis.followers,
            g.kpis.score,
            g.kpis.hours,
            g.summary.totals.engagements
        );
    }
    println!("run eng {}", s.totals.engagements);
}
