//! `rapport tour`: drives the real window through every screen, playing a
//! scripted game, saves a screenshot of each screen, and reports the time
//! our own systems take per frame: in the running week, and in each phase
//! that re-simulates in the background (ghosts and verdicts, rewind, the
//! replay browser, Continue). The script is a table of steps played in
//! order; nothing imports the tour, it only reaches the game through its
//! public states, resources and session. The tour's own shortcuts (playing
//! a game out with a strategy) run in the background too, so the window
//! never freezes even at a million people. Then a market game (`market`):
//! the rivals' week, the audience by brand, the shares and the standings,
//! and the class screen. Last the tutorial (`tutorial`), played as the
//! coach says, to a debrief with every goal met.

mod market;
mod saves;
mod tutorial;

use super::coach::Coach;
use super::ghosts::Judging;
use super::jobs::Job;
use super::launch::{Launch, TourOptions};
use super::player::Player;
use super::profiling::OwnCost;
use super::replays::Browser;
use super::rewind::{RewindFrom, Rewinding};
use super::running::Inspected;
use super::session::{Session, Speed};
use super::state::{Overlay, Screen};
use crate::files::builtin::{find_scenario, find_strategy};
use crate::report::stats::median;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// The budget of our own systems per frame while a game re-simulates.
const FRAME_BUDGET_MS: f64 = 50.0;

/// Frames to let a screen settle before its screenshot.
const SETTLE: u32 = 20;
/// Frames to wait for the screenshots to be written before giving up: 60
/// checks, 10 frames apart.
const MOST_CHECKS: u32 = 60;

/// What a step asks of the tour after it ran.
enum Flow {
    /// Go on to the next step after this many frames.
    Next(u32),
    /// Run this step again after this many frames.
    Again(u32),
    /// The tour is over.
    Exit(AppExit),
}

/// One step of the tour.
enum Step {
    /// Save a screenshot of the window under this name.
    Shot(&'static str),
    /// Change the game.
    Do(fn(&mut World) -> Flow),
}

/// The tour, in order.
const STEPS: &[Step] = &[
    Step::Shot("01_title.png"),
    Step::Do(|world| open(world, Screen::Choose, SETTLE)),
    Step::Shot("02_choose.png"),
    // The ghosts start with the game: measured from here to the verdicts
    // (the running week's frames are counted apart).
    Step::Do(|world| begin_phase(world, "ghosts and verdicts")),
    Step::Do(start_game),
    Step::Shot("03_plan.png"),
    Step::Do(run_first_week),
    Step::Do(pause_mid_week),
    Step::Shot("04_running.png"),
    Step::Do(finish_week),
    Step::Shot("05_report.png"),
    Step::Do(wait_judged),
    Step::Do(end_phase),
    Step::Shot("11_report_ghosts.png"),
    Step::Do(|world| begin_phase(world, "the debrief (its replay written)")),
    Step::Do(|world| play_out_in_background(world, "balanced")),
    Step::Do(wait_played_out),
    Step::Do(wait_judged),
    Step::Do(end_phase),
    Step::Shot("06_debrief.png"),
    Step::Do(|world| begin_phase(world, "rewind")),
    Step::Do(rewind),
    Step::Shot("12_rewinding.png"),
    Step::Do(wait_rewound),
    Step::Do(end_phase),
    Step::Shot("13_rewound_plan.png"),
    // The branch is played differently: the networker's way.
    Step::Do(|world| play_out_in_background(world, "networker")),
    Step::Do(wait_played_out),
    Step::Do(wait_judged),
    Step::Shot("14_branch_debrief.png"),
    Step::Do(write_second_replay),
    Step::Do(wait_second_replay),
    Step::Do(|world| begin_phase(world, "replay browser")),
    Step::Do(|world| open(world, Screen::Replays, 3)),
    Step::Do(wait_browser),
    Step::Do(show_a_replay),
    Step::Do(wait_browser),
    Step::Do(end_phase),
    Step::Shot("08_replays.png"),
    Step::Do(|world| open(world, Screen::Compare, 3)),
    Step::Do(compare_all),
    Step::Shot("09_compare.png"),
    Step::Do(open_help),
    Step::Shot("07_help.png"),
    Step::Do(|world| begin_phase(world, "Continue")),
    Step::Do(saves::continue_the_saved_game),
    Step::Shot("15_continuing.png"),
    Step::Do(saves::let_continue_go),
    Step::Do(saves::wait_continued),
    Step::Do(end_phase),
    Step::Shot("16_continued_plan.png"),
    // Esc's menu over the continued game, and the settings from it.
    Step::Do(|world| cover(world, Overlay::Pause)),
    Step::Shot("22_pause.png"),
    Step::Do(|world| cover(world, Overlay::Settings)),
    Step::Shot("23_settings.png"),
    Step::Do(|world| cover(world, Overlay::None)),
    Step::Do(saves::continue_a_damaged_save),
    Step::Do(saves::wait_continued_title),
    Step::Shot("10_damaged_save.png"),
    Step::Do(saves::remove_the_damaged_save),
    Step::Do(|world| begin_phase(world, "a market game")),
    Step::Do(market::start),
    Step::Do(market::wait_started),
    Step::Shot("17_market_plan.png"),
    Step::Do(market::run_week_by_brand),
    Step::Do(pause_mid_week),
    Step::Shot("18_market_audience.png"),
    Step::Do(finish_week),
    Step::Shot("19_market_report.png"),
    Step::Do(|world| play_out_in_background(world, "balanced")),
    Step::Do(wait_played_out),
    Step::Do(wait_judged),
    Step::Do(end_phase),
    Step::Shot("20_market_debrief.png"),
    Step::Do(market::open_class),
    Step::Do(market::wait_class),
    Step::Shot("21_join_class.png"),
    Step::Do(market::remove_class),
    // The tutorial as a new player who follows the coach plays it.
    Step::Do(tutorial::start),
    Step::Do(tutorial::wait_move),
    Step::Shot("24_tutorial_move.png"),
    Step::Do(tutorial::play),
    Step::Do(wait_judged),
    Step::Do(tutorial::every_goal_met),
    Step::Shot("25_tutorial_debrief.png"),
    Step::Do(finish),
];

#[derive(Resource)]
struct Tour {
    options: TourOptions,
    step: usize,
    wait: u32,
    shots: Vec<PathBuf>,
    checks: u32,
    /// A game the tour plays out in the background (the session, taken out
    /// of the world meanwhile).
    playing_out: Option<Job<Session>>,
    /// The second replay, played in the background.
    second_replay: Option<Job<()>>,
    /// Holds Continue until its progress is in a screenshot.
    gate: Arc<AtomicBool>,
    /// The class game the tour sets up for the class screen, in the background.
    class: Option<Job<Option<market::ClassSeat>>>,
    /// The first running frame of the market game (reported apart).
    market_frames_from: usize,
}

/// Screenshots that came back blank (one colour, or nearly).
#[derive(Resource, Default)]
struct BlankShots(Vec<String>);

/// A screenshot is blank when a sample of its pixels has fewer than eight
/// distinct colours: a real screen has text, bars and charts.
fn is_blank(data: &[u8]) -> bool {
    let mut colours: Vec<[u8; 4]> = Vec::new();
    for pixel in data.chunks_exact(4).step_by(97) {
        let colour = [pixel[0], pixel[1], pixel[2], pixel[3]];
        if !colours.contains(&colour) {
            colours.push(colour);
            if colours.len() >= 8 {
                return false;
            }
        }
    }
    true
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<BlankShots>();
    app.add_systems(Startup, start_tour);
    app.add_systems(
        Update,
        drive_tour
            .run_if(resource_exists::<Tour>)
            .in_set(super::profiling::GameSystems::Script),
    );
}

fn start_tour(mut commands: Commands, launch: Res<Launch>) {
    if let Some(options) = &launch.tour {
        let _ = std::fs::create_dir_all(&options.out);
        commands.insert_resource(Tour {
            options: options.clone(),
            step: 0,
            wait: 30,
            shots: Vec::new(),
            checks: 0,
            playing_out: None,
            second_replay: None,
            gate: Arc::new(AtomicBool::new(false)),
            class: None,
            market_frames_from: usize::MAX,
        });
        // The name and class the tour's replays are written under.
        commands.insert_resource(Player {
            name: "Tour".into(),
            class_code: "DEMO-1".into(),
            ..Player::default()
        });
    }
}

/// Plays the step due, once the last one's frames have passed.
fn drive_tour(world: &mut World) {
    let mut tour = world.resource_mut::<Tour>();
    if tour.wait > 0 {
        tour.wait -= 1;
        return;
    }
    let Some(step) = STEPS.get(tour.step) else { return };
    let flow = match step {
        Step::Shot(name) => shot(world, name),
        Step::Do(act) => act(world),
    };
    let mut tour = world.resource_mut::<Tour>();
    match flow {
        Flow::Next(wait) => {
            tour.step += 1;
            tour.wait = wait;
        }
        Flow::Again(wait) => tour.wait = wait,
        Flow::Exit(exit) => {
            tour.step = STEPS.len();
            world.write_message(exit);
        }
    }
}

fn shot(world: &mut World, name: &str) -> Flow {
    let path = world.resource::<Tour>().options.out.join(name);
    let _ = std::fs::remove_file(&path);
    let shot_name = name.to_string();
    world
        .spawn(Screenshot::primary_window())
        .observe(
            move |captured: On<ScreenshotCaptured>, mut blank: ResMut<BlankShots>| {
                if captured.image.data.as_deref().is_none_or(is_blank) {
                    blank.0.push(shot_name.clone());
                }
            },
        )
        .observe(save_to_disk(path.clone()));
    world.resource_mut::<Tour>().shots.push(path);
    Flow::Next(SETTLE)
}

fn open(world: &mut World, screen: Screen, wait: u32) -> Flow {
    world.resource_mut::<NextState<Screen>>().set(screen);
    Flow::Next(wait)
}

fn fail(error: impl std::fmt::Display) -> Flow {
    eprintln!("error: {error}");
    Flow::Exit(AppExit::error())
}

fn start_game(world: &mut World) -> Flow {
    let options = world.resource::<Tour>().options.clone();
    let scenario = match find_scenario(&options.scenario) {
        Ok(scenario) => scenario,
        Err(error) => return fail(error),
    };
    let scenario = match options.agents {
        Some(agents) => match crate::files::scenario::resize(&scenario, agents) {
            Ok(scenario) => scenario,
            Err(error) => return fail(error),
        },
        None => scenario,
    };
    let seed = scenario.seed;
    let mut session = Session::new(scenario, seed, &options.scenario);
    session.set_save_path(Some(std::env::temp_dir().join("rapport-tour-autosave.ron")));
    // The balanced strategy writes the first week's plan, as a player might.
    if let Ok(strategy) = find_strategy("balanced") {
        let plan = strategy.plan_week(session.simulation());
        session.set_plan(plan);
    }
    world.insert_resource(session);
    // The coach speaks in the tour's game, so its hints are in the pictures.
    world.resource_mut::<Coach>().new_game(&options.scenario, true);
    open(world, Screen::Plan, SETTLE)
}

fn run_first_week(world: &mut World) -> Flow {
    if let Some(mut session) = world.get_resource_mut::<Session>() {
        let _ = session.start_week();
        session.set_speed(Speed::Fast);
    }
    open(world, Screen::Running, 2)
}

/// Lets three days play, then pauses mid-week for the picture.
fn pause_mid_week(world: &mut World) -> Flow {
    let Some(mut session) = world.get_resource_mut::<Session>() else {
        return Flow::Next(0);
    };
    if session.simulation().week_running() && session.simulation().days_played() < 3 {
        return Flow::Again(0);
    }
    session.set_paused(true);
    // Inspect the drawn person with the most to tell by now, so the
    // timeline shows what happened to them and why.
    let audience = session.simulation().audience();
    let busiest = session.sample().agents.iter().copied().max_by_key(|&a| {
        let story = &audience.story(a as usize);
        u32::from(story.engagements) + u32::from(story.comments) + u32::from(story.brand_contacts)
    });
    let game = session.id();
    if let Some(busiest) = busiest {
        world.resource_mut::<Inspected>().set(game, busiest);
    }
    // A large audience works the timeline out in the background.
    Flow::Next(SETTLE * 3)
}

/// Lets the rest of the week play through the running screen at full
/// speed (a day per frame slice, as a player sees it), up to the report.
fn finish_week(world: &mut World) -> Flow {
    if let Some(mut session) = world.get_resource_mut::<Session>() {
        session.set_paused(false);
        session.set_speed(Speed::Fast);
    }
    if *world.resource::<State<Screen>>().get() == Screen::Report {
        Flow::Next(SETTLE)
    } else {
        Flow::Again(1)
    }
}

fn begin_phase(world: &mut World, name: &'static str) -> Flow {
    world.resource_mut::<OwnCost>().begin_phase(name);
    Flow::Next(0)
}

fn end_phase(world: &mut World) -> Flow {
    world.resource_mut::<OwnCost>().end_phase();
    Flow::Next(0)
}

/// Waits until the session's run is judged (the ghosts played first).
fn wait_judged(world: &mut World) -> Flow {
    if world.resource::<Judging>().done.is_some() {
        Flow::Next(SETTLE)
    } else {
        Flow::Again(1)
    }
}

/// Plays the rest of the game with a built-in strategy, in the background:
/// the session leaves the world meanwhile.
fn play_out_in_background(world: &mut World, strategy: &str) -> Flow {
    let Ok(strategy) = find_strategy(strategy) else {
        return fail(format!("no built-in strategy {strategy}"));
    };
    let Some(mut session) = world.remove_resource::<Session>() else {
        return fail("no game to play out");
    };
    let job = Job::spawn("playing the game out", move |_| {
        session.play_out(&strategy);
        session
    });
    world.resource_mut::<Tour>().playing_out = Some(job);
    Flow::Next(0)
}

fn wait_played_out(world: &mut World) -> Flow {
    when_played(world, |world| open(world, Screen::Debrief, 2))
}

/// Once the game played in the background is done: its session in place,
/// then `then`; until then, wait a frame.
fn when_played(world: &mut World, then: impl FnOnce(&mut World) -> Flow) -> Flow {
    let mut tour = world.resource_mut::<Tour>();
    let Some(outcome) = tour.playing_out.as_mut().and_then(Job::take) else {
        return Flow::Again(1);
    };
    tour.playing_out = None;
    match outcome {
        Ok(session) => {
            world.insert_resource(session);
            then(world)
        }
        Err(error) => fail(error),
    }
}

/// From the debrief: back to the middle of the game.
fn rewind(world: &mut World) -> Flow {
    let player = world.resource::<Player>().replay_name().to_string();
    let Some(session) = world.get_resource::<Session>() else {
        return fail("no game to rewind");
    };
    let from = RewindFrom::session(session, &player);
    let week = from.weeks_played() / 2 + 1;
    let mut rewinding = world.resource_mut::<Rewinding>();
    rewinding.week = week;
    rewinding.start(from, week);
    Flow::Next(2)
}

fn wait_rewound(world: &mut World) -> Flow {
    if world.resource::<Rewinding>().running() {
        return Flow::Again(1);
    }
    if let Some(error) = &world.resource::<Rewinding>().error {
        return fail(error);
    }
    // Saved, so that Continue has a game in the middle to resume.
    if let Some(mut session) = world.get_resource_mut::<Session>() {
        session.autosave();
    }
    Flow::Next(SETTLE)
}

/// A second game, played in the background, for the compare view.
fn write_second_replay(world: &mut World) -> Flow {
    let replay_dir = world.resource::<Launch>().replay_dir.clone();
    let source = world.resource::<Tour>().options.scenario.clone();
    if let (Some(dir), Ok(strategy), Some(session)) = (
        replay_dir,
        find_strategy("broadcaster"),
        world.get_resource::<Session>(),
    ) {
        let scenario = Arc::clone(session.simulation().scenario());
        let seed = session.simulation().seed();
        let job = Job::spawn("playing the broadcaster", move |_| {
            let game = crate::sim::play(scenario, seed, &strategy);
            let replay = crate::files::replay::Replay::of(&game, &source, "broadcaster");
            let _ = replay.write(&dir.join("broadcaster.ron"));
        });
        world.resource_mut::<Tour>().second_replay = Some(job);
    }
    Flow::Next(0)
}

fn wait_second_replay(world: &mut World) -> Flow {
    let mut tour = world.resource_mut::<Tour>();
    match tour.second_replay.as_mut().map(Job::take) {
        Some(None) => Flow::Again(1),
        _ => {
            tour.second_replay = None;
            Flow::Next(0)
        }
    }
}

/// Waits until the browser has verified its folder and re-played its week.
fn wait_browser(world: &mut World) -> Flow {
    if world.resource::<Browser>().busy() {
        Flow::Again(1)
    } else {
        Flow::Next(2)
    }
}

fn show_a_replay(world: &mut World) -> Flow {
    let mut browser = world.resource_mut::<Browser>();
    let newest = browser.entries_len().saturating_sub(1);
    browser.show(newest.min(1), 6);
    Flow::Next(1)
}

fn compare_all(world: &mut World) -> Flow {
    world.resource_mut::<Browser>().compare_all();
    Flow::Next(SETTLE)
}

/// Puts `overlay` over the screen shown.
fn cover(world: &mut World, overlay: Overlay) -> Flow {
    world.resource_mut::<NextState<Overlay>>().set(overlay);
    Flow::Next(SETTLE)
}

/// Help over the title screen.
fn open_help(world: &mut World) -> Flow {
    world.resource_mut::<NextState<Overlay>>().set(Overlay::Help);
    open(world, Screen::Title, SETTLE)
}

/// The median and worst of some of the running frames.
fn print_frames(of: &str, frames: &[f64]) {
    let mut frames = frames.to_vec();
    let worst = frames.iter().cloned().fold(0.0, f64::max);
    println!(
        "tour: of them in {of}: median {:.2} ms, worst {worst:.2} ms over {} frames",
        crate::report::stats::median(&mut frames),
        frames.len()
    );
}

/// Waits for every screenshot, then reports and ends the tour.
fn finish(world: &mut World) -> Flow {
    let mut tour = world.resource_mut::<Tour>();
    let missing: Vec<PathBuf> = tour.shots.iter().filter(|p| !p.exists()).cloned().collect();
    if !missing.is_empty() {
        tour.checks += 1;
        if tour.checks > MOST_CHECKS {
            return fail(format!("screenshots never arrived: {missing:?}"));
        }
        return Flow::Again(10);
    }
    let cost = world.resource::<OwnCost>();
    let mut frames = cost.frames_ms.clone();
    let worst = frames.iter().cloned().fold(0.0, f64::max);
    let median = median(&mut frames);
    let tour = world.resource::<Tour>();
    println!(
        "tour: {} screenshots in {}; our systems per running frame: median {median:.2} ms, worst {worst:.2} ms over {} frames",
        tour.shots.len(),
        tour.options.out.display(),
        cost.frames_ms.len()
    );
    // The scenario played first, at the tour's size (--agents), alone;
    // then the market game.
    let split = tour.market_frames_from.min(cost.frames_ms.len());
    let (alone, market) = cost.frames_ms.split_at(split);
    print_frames("the first game (one brand)", alone);
    if !market.is_empty() {
        print_frames("the market game", market);
    }
    for phase in &cost.phases {
        let mut frames = phase.frames_ms.clone();
        let worst = phase.worst_ms();
        let over = if worst >= FRAME_BUDGET_MS {
            format!(" — over the {FRAME_BUDGET_MS:.0} ms budget")
        } else {
            String::new()
        };
        println!(
            "tour: while {}: our systems per frame: median {:.2} ms, worst {worst:.2} ms over {} frames{over}",
            phase.name,
            crate::report::stats::median(&mut frames),
            phase.frames_ms.len()
        );
    }
    let blank = world.resource::<BlankShots>();
    if blank.0.is_empty() {
        Flow::Exit(AppExit::Success)
    } else {
        fail(format!("blank screenshots: {}", blank.0.join(", ")))
    }
}
