//! `rapport tour`: drives the real window through every screen, playing a
//! scripted game, saves a screenshot of each screen, and reports the time
//! our own systems take per frame.

use super::Launch;
use super::screens::{PlannerForm, Screen};
use super::session::{self, Session};
use crate::files::builtin::{find_scenario, find_strategy};
use crate::report::stats::median;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct TourOptions {
    pub out: PathBuf,
    pub agents: Option<u32>,
    pub scenario: String,
}

/// Time spent in our own systems (simulation slice and view update).
#[derive(Resource, Default)]
pub struct OwnCost {
    pub this_frame_ms: f64,
    pub frames_ms: Vec<f64>,
}

impl OwnCost {
    pub fn add(&mut self, started: Instant) {
        self.this_frame_ms += started.elapsed().as_secs_f64() * 1000.0;
    }
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

#[derive(Resource)]
struct Tour {
    options: TourOptions,
    step: usize,
    wait: u32,
    shots: Vec<PathBuf>,
    retries: u32,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<OwnCost>();
    app.init_resource::<BlankShots>();
    app.add_systems(Startup, start_tour);
    app.add_systems(Update, drive_tour.run_if(resource_exists::<Tour>));
    app.add_systems(Last, close_frame);
}

fn close_frame(mut cost: ResMut<OwnCost>, screen: Res<State<Screen>>) {
    if *screen.get() == Screen::Running {
        let spent = cost.this_frame_ms;
        cost.frames_ms.push(spent);
    }
    cost.this_frame_ms = 0.0;
}

fn start_tour(mut commands: Commands, launch: Res<Launch>) {
    if let Some(options) = &launch.tour {
        let _ = std::fs::create_dir_all(&options.out);
        commands.insert_resource(Tour {
            options: options.clone(),
            step: 0,
            wait: 30,
            shots: Vec::new(),
            retries: 0,
        });
    }
}

/// Frames to let a screen settle before its screenshot.
const SETTLE: u32 = 20;

fn drive_tour(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    session: Option<ResMut<Session>>,
    mut form: ResMut<PlannerForm>,
    mut next: ResMut<NextState<Screen>>,
    cost: Res<OwnCost>,
    blank: Res<BlankShots>,
    launch: Res<Launch>,
    mut browser: ResMut<super::replays::Browser>,
    mut exit: MessageWriter<AppExit>,
) {
    if tour.wait > 0 {
        tour.wait -= 1;
        return;
    }
    let shot = |commands: &mut Commands, tour: &mut Tour, name: &str| {
        let path = tour.options.out.join(name);
        let _ = std::fs::remove_file(&path);
        let shot_name = name.to_string();
        commands
            .spawn(Screenshot::primary_window())
            .observe(
                move |captured: On<ScreenshotCaptured>, mut blank: ResMut<BlankShots>| {
                    if captured.image.data.as_deref().is_none_or(is_blank) {
                        blank.0.push(shot_name.clone());
                    }
                },
            )
            .observe(save_to_disk(path.clone()));
        tour.shots.push(path);
        tour.wait = SETTLE;
    };
    let step = tour.step;
    tour.step += 1;
    match step {
        0 => shot(&mut commands, &mut tour, "01_title.png"),
        1 => {
            next.set(Screen::Choose);
            tour.wait = SETTLE;
        }
        2 => shot(&mut commands, &mut tour, "02_choose.png"),
        3 => {
            let scenario = match find_scenario(&tour.options.scenario) {
                Ok(s) => s,
                Err(error) => {
                    eprintln!("error: {error}");
                    exit.write(AppExit::error());
                    return;
                }
            };
            let scenario = match tour.options.agents {
                Some(agents) => match crate::files::scenario::resize(&scenario, agents) {
                    Ok(s) => s,
                    Err(error) => {
                        eprintln!("error: {error}");
                        exit.write(AppExit::error());
                        return;
                    }
                },
                None => scenario,
            };
            let seed = scenario.seed;
            let mut new_session = Session::new(scenario, seed, &tour.options.scenario);
            new_session.save_path = Some(std::env::temp_dir().join("rapport-tour-autosave.ron"));
            // The balanced strategy writes the first week's plan, as a player might.
            if let Ok(strategy) = find_strategy("balanced") {
                new_session.plan = strategy.plan_week(&new_session.simulation);
            }
            commands.insert_resource(new_session);
            next.set(Screen::Plan);
            tour.wait = SETTLE;
        }
        4 => shot(&mut commands, &mut tour, "03_plan.png"),
        5 => {
            if let Some(mut session) = session {
                let _ = session::start_week(&mut session);
                session.speed = 2;
                // Inspect a drawn follower; their story will have something to tell.
                let audience = &session.simulation.audience;
                form.inspected = session
                    .sample
                    .agents
                    .iter()
                    .copied()
                    .filter(|&a| audience.follows(a as usize))
                    .max_by_key(|&a| audience.relationship[a as usize].to_bits());
            }
            next.set(Screen::Running);
            tour.wait = 2;
        }
        6 => {
            // Let three days play, then pause mid-week for the picture.
            if let Some(mut session) = session {
                if session.simulation.week_running() && session.simulation.days_played() < 3 {
                    tour.step = 6;
                } else {
                    session.paused = true;
                    shot(&mut commands, &mut tour, "04_running.png");
                }
            }
        }
        7 => {
            if let Some(mut session) = session {
                session::skip_week(&mut session);
            }
            tour.wait = 5;
        }
        8 => shot(&mut commands, &mut tour, "05_report.png"),
        9 => {
            // Play the rest of the game with the balanced strategy.
            if let (Some(mut session), Ok(strategy)) = (session, find_strategy("balanced")) {
                while !session.simulation.finished() {
                    let plan = strategy.plan_week(&session.simulation);
                    if session.simulation.run_week(&plan).is_err() {
                        break;
                    }
                }
                let Session {
                    sample, simulation, ..
                } = &mut *session;
                sample.observe(simulation);
            }
            next.set(Screen::Debrief);
            tour.wait = SETTLE;
        }
        10 => shot(&mut commands, &mut tour, "06_debrief.png"),
        11 => {
            // A second game, played headless, for the compare view.
            if let (Some(dir), Ok(strategy)) = (&launch.replay_dir, find_strategy("broadcaster"))
                && let Some(session) = &session
            {
                let game = crate::sim::play(
                    Arc::clone(&session.simulation.scenario),
                    session.simulation.seed,
                    &strategy,
                );
                let replay = crate::files::replay::Replay::of(&game, &tour.options.scenario, "broadcaster");
                let _ = replay.write(&dir.join("broadcaster.ron"));
            }
            next.set(Screen::Replays);
            tour.wait = 3;
        }
        12 => {
            let newest = browser.entries_len().saturating_sub(1);
            browser.show(newest.min(1), 6);
            tour.wait = SETTLE;
        }
        13 => shot(&mut commands, &mut tour, "08_replays.png"),
        14 => {
            next.set(Screen::Compare);
            tour.wait = 3;
        }
        15 => {
            browser.compare_all();
            tour.wait = SETTLE;
        }
        16 => shot(&mut commands, &mut tour, "09_compare.png"),
        17 => {
            form.back = Some(Screen::Title);
            next.set(Screen::Help);
            tour.wait = SETTLE;
        }
        18 => shot(&mut commands, &mut tour, "07_help.png"),
        19 => {
            // Continue with a damaged save: refused with the reason, and
            // the file kept under another name.
            let dir = damaged_save_dir();
            let _ = std::fs::create_dir_all(&dir);
            let save_path = dir.join("autosave.ron");
            let damaged = "Save(\n    version: 1,\n    game_version: \"0.1.0\",\n    model_version: 1,\n    scenario: \"corner_bak";
            let _ = std::fs::write(&save_path, damaged);
            let broken = Launch {
                save_path: Some(save_path),
                ..launch.clone()
            };
            super::screens::try_continue(&broken, &mut commands, &mut form, &mut next);
            next.set(Screen::Title);
            tour.wait = SETTLE;
        }
        20 => {
            shot(&mut commands, &mut tour, "10_damaged_save.png");
            let _ = std::fs::remove_dir_all(damaged_save_dir());
        }
        21 => {
            let missing: Vec<PathBuf> = tour.shots.iter().filter(|p| !p.exists()).cloned().collect();
            if !missing.is_empty() {
                tour.retries += 1;
                if tour.retries > 60 {
                    eprintln!("error: screenshots never arrived: {missing:?}");
                    exit.write(AppExit::error());
                    return;
                }
                tour.step = 21;
                tour.wait = 10;
                return;
            }
            let mut frames = cost.frames_ms.clone();
            let worst = frames.iter().cloned().fold(0.0, f64::max);
            let median = median(&mut frames);
            println!(
                "tour: {} screenshots in {}; our systems per running frame: median {median:.2} ms, worst {worst:.2} ms over {} frames",
                tour.shots.len(),
                tour.options.out.display(),
                cost.frames_ms.len()
            );
            if blank.0.is_empty() {
                exit.write(AppExit::Success);
            } else {
                eprintln!("error: blank screenshots: {}", blank.0.join(", "));
                exit.write(AppExit::error());
            }
        }
        _ => {}
    }
}

/// Where the tour puts the damaged save it shows (never the player's).
fn damaged_save_dir() -> PathBuf {
    std::env::temp_dir().join(format!("rapport-tour-save-{}", std::process::id()))
}
