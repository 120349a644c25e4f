//! The tour's tutorial: first_steps at its own size with the coach on,
//! played as a new player who does what the coach says would play it. Each
//! week it waits for the coach's checked move, takes it with what "Plan
//! this move" does (or keeps last week's plan when the coach has no move),
//! and plays the week through the running screen and its report. The
//! debrief's picture is taken only once every goal is met: the tutorial's
//! goals are reachable in its weeks by following the coach.

use super::{Flow, SETTLE, fail, open};
use crate::files::builtin::find_scenario;
use crate::game::coach::{Coach, TUTORIAL};
use crate::game::session::{Session, Speed};
use crate::game::state::Screen;
use crate::report::coach::moves::current_plan;
use crate::sim::goal_progress;
use bevy::prelude::*;

/// A new game of the tutorial, the coach on, in the planner. Never resized
/// (its goals are set for its own audience), never saved over the tour's
/// autosave.
pub(super) fn start(world: &mut World) -> Flow {
    let scenario = match find_scenario(TUTORIAL) {
        Ok(scenario) => scenario,
        Err(error) => return fail(error),
    };
    let seed = scenario.seed;
    world.insert_resource(Session::new(scenario, seed, TUTORIAL));
    world.resource_mut::<Coach>().new_game(TUTORIAL, true);
    open(world, Screen::Plan, 2)
}

/// Waits until the coach has checked its move for the week being planned.
pub(super) fn wait_move(world: &mut World) -> Flow {
    let Some(session) = world.get_resource::<Session>() else {
        return fail("no tutorial game");
    };
    if world.resource::<Coach>().advice(session.simulation()).is_some() {
        Flow::Next(SETTLE)
    } else {
        Flow::Again(1)
    }
}

/// Plays the tutorial to its debrief, a week at a time, as the coach says.
pub(super) fn play(world: &mut World) -> Flow {
    let screen = *world.resource::<State<Screen>>().get();
    match screen {
        Screen::Plan => {
            let Some(session) = world.get_resource::<Session>() else {
                return fail("no tutorial game");
            };
            let Some(advice) = world.resource::<Coach>().advice(session.simulation()).cloned() else {
                return Flow::Again(1);
            };
            let plan = advice.plan(&current_plan(session.simulation()));
            let mut session = world.resource_mut::<Session>();
            session.set_plan(plan);
            if let Err(error) = session.start_week() {
                return fail(format!("the coach's plan does not fit the week: {error}"));
            }
            session.set_speed(Speed::Fast);
            go_on(world, Screen::Running)
        }
        Screen::Report => {
            let next = world.resource_mut::<Session>().close_report();
            go_on(world, next)
        }
        Screen::Debrief => Flow::Next(0),
        _ => Flow::Again(1),
    }
}

/// Moves to `screen` and comes back to [`play`] once it shows.
fn go_on(world: &mut World, screen: Screen) -> Flow {
    world.resource_mut::<NextState<Screen>>().set(screen);
    Flow::Again(2)
}

/// Fails the tour unless every goal of the tutorial was met.
pub(super) fn every_goal_met(world: &mut World) -> Flow {
    let Some(session) = world.get_resource::<Session>() else {
        return fail("no tutorial game");
    };
    let simulation = session.simulation();
    let kpis = simulation.kpis();
    let missed: Vec<String> = simulation
        .scenario()
        .goals
        .iter()
        .filter(|goal| goal_progress(goal, &kpis) < 1.0)
        .map(|goal| format!("{:?} {} of {}", goal.metric, kpis.value(goal.metric), goal.target))
        .collect();
    if !missed.is_empty() {
        return fail(format!(
            "following the coach in the tutorial missed: {}",
            missed.join(", ")
        ));
    }
    let moves = simulation.plans().len();
    println!("tour: the tutorial played as the coach said: every goal met in {moves} weeks");
    Flow::Next(SETTLE)
}
