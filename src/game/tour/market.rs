//! The tour's market steps: a game of `same_street` against the computer
//! (two weeks played in the background, then the planner with the rivals'
//! week, a week coloured by brand, its report with the shares, and the
//! debrief with the standings), and the class screen, joined to a class
//! folder the tour makes (or, when the class cannot be made, the filled-in
//! join form).

use super::{Flow, SETTLE, Tour, fail, open, when_played};
use crate::files::builtin::{find_scenario, find_strategy};
use crate::game::class::ClassRoom;
use crate::game::coach::Coach;
use crate::game::jobs::Job;
use crate::game::running::ByBrand;
use crate::game::session::{Session, Speed};
use crate::game::state::Screen;
use bevy::prelude::*;
use std::path::PathBuf;

/// The market scenario the tour plays.
const MARKET: &str = "same_street";
/// Weeks played before the planner's picture, so the rivals have a week to show.
const WEEKS_BEFORE: usize = 2;
/// Frames the class screen may take to show its first report.
const MOST_FRAMES: u32 = 3600;

/// Where the tour joins its class game: address, team and join code.
pub struct ClassSeat {
    address: String,
    team: String,
    code: String,
}

/// Starts the market game: built and played for two weeks in the background.
pub(super) fn start(world: &mut World) -> Flow {
    let agents = world.resource::<Tour>().options.agents;
    let scenario = match find_scenario(MARKET) {
        Ok(scenario) => scenario,
        Err(error) => return fail(error),
    };
    let scenario = match agents {
        Some(agents) => match crate::files::scenario::resize(&scenario, agents) {
            Ok(scenario) => scenario,
            Err(error) => return fail(error),
        },
        None => scenario,
    };
    let Ok(strategy) = find_strategy("balanced") else {
        return fail("no built-in strategy balanced");
    };
    let job = Job::spawn("playing the market's first weeks", move |_| {
        let seed = scenario.seed;
        let mut session = Session::new(scenario, seed, MARKET);
        for _ in 0..WEEKS_BEFORE {
            let plan = strategy.plan_week(session.simulation());
            if session.run_week_now(&plan).is_err() {
                break;
            }
        }
        let plan = strategy.plan_week(session.simulation());
        session.set_plan(plan);
        session
    });
    let running_frames = world
        .resource::<crate::game::profiling::OwnCost>()
        .frames_ms
        .len();
    let mut tour = world.resource_mut::<Tour>();
    tour.playing_out = Some(job);
    tour.market_frames_from = running_frames;
    Flow::Next(0)
}

/// Opens the planner of the market game once its first weeks are played.
pub(super) fn wait_started(world: &mut World) -> Flow {
    when_played(world, |world| {
        world.resource_mut::<Coach>().new_game(MARKET, true);
        open(world, Screen::Plan, SETTLE)
    })
}

/// Runs the planned week with the audience coloured by brand.
pub(super) fn run_week_by_brand(world: &mut World) -> Flow {
    if let Some(mut session) = world.get_resource_mut::<Session>()
        && session.start_week().is_ok()
    {
        session.set_speed(Speed::Fast);
    }
    world.resource_mut::<ByBrand>().0 = true;
    open(world, Screen::Running, 2)
}

/// Makes a class folder of the market scenario, hands in one team's plan
/// and plays round 1, all in the background; `None` when class games
/// cannot be made (the join form is shown filled in instead).
pub(super) fn open_class(world: &mut World) -> Flow {
    let dir = class_dir();
    let job = Job::spawn("setting up a class game", move |_| set_up_class(&dir));
    world.resource_mut::<Tour>().class = Some(job);
    Flow::Next(0)
}

fn set_up_class(dir: &std::path::Path) -> Option<ClassSeat> {
    use crate::class::game::ClassGame;
    let _ = std::fs::remove_dir_all(dir);
    let teams = ["Oat Milk".to_string(), "Flat White".to_string()];
    let (game, created) = ClassGame::create(dir, MARKET, &teams, None, Some(2000)).ok()?;
    let team = created.teams.first()?.clone();
    let scenario = game.scenario().ok()?;
    let seed = scenario.seed;
    let planner = crate::sim::Simulation::new(std::sync::Arc::new(scenario), seed);
    let plan = find_strategy("balanced").ok()?.plan_week(&planner);
    game.hand_in(&team.name, &team.code, &plan).ok()?;
    game.advance(&created.instructor_key, true).ok()?;
    Some(ClassSeat {
        address: dir.display().to_string(),
        team: team.name,
        code: team.code,
    })
}

/// Joins the class the tour made (or fills in the form) and opens the
/// class screen once it has answered.
pub(super) fn wait_class(world: &mut World) -> Flow {
    let mut tour = world.resource_mut::<Tour>();
    if let Some(job) = tour.class.as_mut() {
        let Some(outcome) = job.take() else {
            return Flow::Again(1);
        };
        tour.class = None;
        let seat = outcome.ok().flatten();
        let mut room = world.resource_mut::<ClassRoom>();
        match seat {
            Some(seat) => {
                (room.address, room.team, room.code) = (seat.address, seat.team, seat.code);
                room.join();
            }
            None => {
                room.address = "http://127.0.0.1:7070".into();
                room.team = "Oat Milk".into();
                room.code = "OAT-4821".into();
            }
        }
        world.resource_mut::<NextState<Screen>>().set(Screen::JoinClass);
        return Flow::Again(3);
    }
    // Joined: the first poll brings the round and round 1's report (a
    // minute at most, in case the class never answers).
    let waiting = world.resource::<ClassRoom>().waiting();
    let mut tour = world.resource_mut::<Tour>();
    if waiting && tour.checks < MOST_FRAMES {
        tour.checks += 1;
        return Flow::Again(1);
    }
    tour.checks = 0;
    Flow::Next(SETTLE)
}

pub(super) fn remove_class(_world: &mut World) -> Flow {
    let _ = std::fs::remove_dir_all(class_dir());
    Flow::Next(0)
}

/// Where the tour makes its class game (never a real class's folder).
fn class_dir() -> PathBuf {
    std::env::temp_dir().join(format!("rapport-tour-class-{}", std::process::id()))
}
