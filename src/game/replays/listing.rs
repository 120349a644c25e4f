//! The replay folder as the browser and the compare view see it: every
//! replay listed and verified once, the one shown re-played to its week,
//! and the ones ticked for comparing. Verifying and re-playing run in the
//! background (a million-person replay takes seconds). Finished games write
//! their replay here when the debrief opens, with the player's name, class
//! code and, for a rewound game, its parent.

use crate::files::replay::{Parent, Replay};
use crate::game::jobs::{Job, let_go, progress_bar};
use crate::game::launch::Launch;
use crate::game::player::Player;
use crate::game::profiling::{GameSystems, GameUpdate};
use crate::game::rewind::RewindFrom;
use crate::game::session::{Original, Session};
use crate::game::state::Screen;
use crate::game::theme::audience::{AudienceSample, DRAWN};
use crate::game::theme::widgets::back_bar;
use crate::sim::{Replaying, Simulation, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;
use std::path::PathBuf;
use std::sync::Arc;

/// The most replays the compare view overlays.
pub const MAX_COMPARED: usize = 4;

/// A replay file found in the replay folder, verified once when listed.
pub(super) struct Entry {
    pub(super) path: PathBuf,
    pub(super) label: String,
    pub(super) outcome: Result<(Replay, Simulation), String>,
}

/// The listed replays, the one shown in the browser and the ones compared.
#[derive(Resource, Default)]
pub struct Browser {
    pub(super) entries: Vec<Entry>,
    pub(super) listed: bool,
    pub(super) selected: Option<usize>,
    /// Week shown (0 = start), and the game re-played up to it.
    pub(super) week: u32,
    pub(super) shown: Option<(Simulation, AudienceSample)>,
    pub(super) playing: bool,
    pub(super) clock: f32,
    pub(super) compared: Vec<usize>,
    pub(super) message: Option<String>,
    /// The folder being verified.
    pub(super) listing: Option<Job<Vec<Entry>>>,
    /// The shown replay being re-played to a week, and the week.
    pub(super) showing: Option<(u32, Job<(Simulation, AudienceSample)>)>,
    /// A week asked for while another was being re-played.
    wanted: Option<u32>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Browser>();
    // The frame a screen opens (timed with the rest: the replay's state
    // hash takes tens of milliseconds at a million people).
    app.add_systems(
        GameUpdate,
        (
            write_replay.run_if(state_changed::<Screen>.and_then(in_state(Screen::Debrief))),
            relist.run_if(
                state_changed::<Screen>
                    .and_then(in_state(Screen::Replays).or_else(in_state(Screen::Compare))),
            ),
            collect,
        )
            .chain()
            .in_set(GameSystems::Collect),
    );
}

/// The replay of a session's game, named for its player and class, and
/// naming its parent when it was rewound; sealed with the player's
/// personal code when one was given.
pub fn replay_of(session: &Session, player: &Player) -> Replay {
    let mut replay = Replay::of(session.simulation(), session.source(), player.replay_name());
    replay.class_code = player.class_code.trim().to_string();
    replay.parent = session.parent().map(|original| Parent {
        player: original.player.clone(),
        state_hash: format!("{:016x}", original.state_hash),
        weeks_shared: original.weeks_shared,
    });
    match player.checked_code() {
        // The name form refuses a code that is not one.
        Some(Ok(code)) => replay.clone().sealed_with_code(&code).unwrap_or(replay),
        _ => replay,
    }
}

/// The file a replay is written to: scenario, seed, player and the end of
/// its state hash.
pub fn replay_file_name(replay: &Replay, scenario_id: &str) -> String {
    let player: String = replay
        .player
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(24)
        .collect();
    let hash = replay.kpis.state_hash.get(8..).unwrap_or(&replay.kpis.state_hash);
    format!("{scenario_id}-seed{}-{player}-{hash}.ron", replay.seed)
}

/// Writes the finished game's replay (atomically) into the replay folder.
fn write_replay(
    launch: Res<Launch>,
    session: Option<Res<Session>>,
    player: Res<Player>,
    mut browser: ResMut<Browser>,
) {
    let (Some(dir), Some(session)) = (&launch.replay_dir, session) else {
        return;
    };
    let simulation = session.simulation();
    if !simulation.finished() {
        return;
    }
    let replay = replay_of(&session, &player);
    let name = replay_file_name(&replay, &simulation.scenario().id);
    browser.message = replay
        .write(&dir.join(&name))
        .err()
        .map(|e| format!("could not write the replay {name}: {e}"));
    browser.listed = false;
}

/// Verifies the replay folder again (in the background) when it changed.
fn relist(launch: Res<Launch>, mut browser: ResMut<Browser>) {
    if browser.listed || browser.listing.is_some() {
        return;
    }
    browser.entries.clear();
    browser.selected = None;
    browser.shown = None;
    browser.showing = None;
    browser.compared.clear();
    let Some(dir) = launch.replay_dir.clone() else {
        browser.listed = true;
        return;
    };
    browser.listing = Some(Job::spawn("verifying the replays", move |progress| {
        entries_of(&dir, &|done, of| progress.set(done, of))
    }));
}

/// The browser's entries of a folder: each replay verified, labelled by its
/// file's name.
fn entries_of(dir: &std::path::Path, progress: &dyn Fn(usize, usize)) -> Vec<Entry> {
    replay_outcomes(dir, progress)
        .into_iter()
        .map(|(path, outcome)| {
            let label = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Entry { path, label, outcome }
        })
        .collect()
}

#[cfg(test)]
impl Browser {
    /// A browser over `dir` with its replays listed and, if there are any,
    /// the first one shown at `week` and all of them ticked for comparing;
    /// without background work (the layout test).
    pub(crate) fn listed_now(dir: &std::path::Path, week: u32) -> Browser {
        let mut browser = Browser {
            entries: entries_of(dir, &|_, _| {}),
            listed: true,
            ..Browser::default()
        };
        browser.compare_all();
        if let Some(Ok((replay, finished))) = browser.entries.first().map(|e| &e.outcome) {
            let mut game = Simulation::new(Arc::clone(finished.scenario()), replay.seed);
            for week_played in replay.weeks.iter().take(week as usize) {
                let _ = game.run_week(&WeekPlan {
                    actions: week_played.plan.clone(),
                });
            }
            let sample = AudienceSample::new(&game, DRAWN);
            browser.selected = Some(0);
            browser.week = week;
            browser.shown = Some((game, sample));
        }
        browser
    }
}

/// Takes the listing and the re-played week when they are done; starts the
/// week asked for meanwhile.
fn collect(mut browser: ResMut<Browser>) {
    if let Some(outcome) = browser.listing.as_mut().and_then(Job::take) {
        browser.listing = None;
        browser.listed = true;
        match outcome {
            // The entries listed before hold whole games: let go of them
            // off the window's thread.
            Ok(entries) => let_go(std::mem::replace(&mut browser.entries, entries)),
            Err(failed) => browser.message = Some(failed.to_string()),
        }
    }
    if let Some((week, job)) = &mut browser.showing
        && let Some(outcome) = job.take()
    {
        let week = *week;
        browser.showing = None;
        if let Ok(shown) = outcome
            && week == browser.week
        {
            let_go(browser.shown.replace(shown));
        }
    }
    if browser.showing.is_none()
        && let Some(week) = browser.wanted.take()
    {
        replay_week(&mut browser, week);
    }
}

/// What the browser lists: the first replays of a folder, each
/// re-simulated (verified, or why not); `progress(done, of)` per file.
pub fn replay_outcomes(
    dir: &std::path::Path,
    progress: &dyn Fn(usize, usize),
) -> Vec<(PathBuf, Result<(Replay, Simulation), String>)> {
    let mut paths = crate::files::replay::replay_files_in(dir).unwrap_or_default();
    paths.truncate(crate::files::replay::MAX_LISTED);
    let of = paths.len();
    paths
        .into_iter()
        .enumerate()
        .map(|(done, path)| {
            progress(done, of);
            let outcome = crate::files::replay::verify_file(&path).map_err(|m| m.to_string());
            progress(done + 1, of);
            (path, outcome)
        })
        .collect()
}

impl Browser {
    /// Whether the folder is still being verified or a week re-played.
    pub fn busy(&self) -> bool {
        self.listing.is_some() || self.showing.is_some() || self.wanted.is_some()
    }

    /// The progress of what the browser is doing in the background.
    pub(super) fn status(&self, ui: &mut egui::Ui) {
        if let Some(job) = &self.listing {
            progress_bar(ui, job);
        }
        if let Some((_, job)) = &self.showing {
            progress_bar(ui, job);
        }
    }

    /// What a rewind of the selected replay starts from.
    pub(super) fn rewind_from(&self, save_path: Option<PathBuf>) -> Option<RewindFrom> {
        let Ok((replay, finished)) = &self.entries.get(self.selected?)?.outcome else {
            return None;
        };
        let state_hash = u64::from_str_radix(&replay.kpis.state_hash, 16).unwrap_or_default();
        let plans: Vec<WeekPlan> = replay
            .weeks
            .iter()
            .map(|w| WeekPlan {
                actions: w.plan.clone(),
            })
            .collect();
        Some(RewindFrom {
            scenario: Arc::clone(finished.scenario()),
            seed: replay.seed,
            plans: plans.clone(),
            source: replay.scenario.clone(),
            save_path,
            original: Original {
                player: replay.player.clone(),
                history: finished.history().to_vec(),
                kpis: replay.kpis.clone(),
                state_hash,
                weeks_shared: 0,
                plans,
            },
        })
    }

    /// Selects a replay and shows one of its weeks (used by the tour).
    pub fn show(&mut self, index: usize, week: u32) {
        if index < self.entries.len() {
            self.selected = Some(index);
            self.week = week;
            show_week(self);
        }
    }

    pub fn entries_len(&self) -> usize {
        self.entries.len()
    }

    /// Ticks every verified replay for the compare view (used by the tour).
    pub fn compare_all(&mut self) {
        self.compared = (0..self.entries.len())
            .filter(|&i| self.entries[i].outcome.is_ok())
            .take(MAX_COMPARED)
            .collect();
    }
}

/// Re-plays the selected replay up to the shown week, in the background
/// (after the one being re-played, if any).
pub(super) fn show_week(browser: &mut Browser) {
    if browser.showing.is_some() {
        browser.wanted = Some(browser.week);
    } else {
        let week = browser.week;
        replay_week(browser, week);
    }
}

fn replay_week(browser: &mut Browser, week: u32) {
    let Some(Ok((replay, finished))) = browser.selected.map(|i| &browser.entries[i].outcome) else {
        browser.shown = None;
        return;
    };
    let scenario = Arc::clone(finished.scenario());
    let seed = replay.seed;
    let plans: Vec<WeekPlan> = replay
        .weeks
        .iter()
        .take(week as usize)
        .map(|w| WeekPlan {
            actions: w.plan.clone(),
        })
        .collect();
    let job = Job::spawn(format!("re-playing the replay to week {week}"), move |progress| {
        progress.set(0, plans.len());
        let told = |done: usize, of: usize| progress.set(done, of);
        // The replay verified when it was listed: a stop cannot happen, and
        // would only show the game as far as it went.
        let game = Simulation::replay(Replaying::solo(&scenario, seed, &plans).reporting(&told))
            .unwrap_or_else(|stop| {
                stop.into_played()
                    .unwrap_or_else(|| Simulation::new(Arc::clone(&scenario), seed))
            });
        let sample = AudienceSample::new(&game, DRAWN);
        (game, sample)
    });
    browser.showing = Some((week, job));
}

/// The replay screens' top bar, with the folder they read; true when the
/// player asked to go back.
pub(super) fn top_bar(ui: &mut egui::Ui, title: &str, folder: Option<String>) -> bool {
    back_bar(
        ui,
        &format!("{title}_top"),
        title,
        folder.map(|dir| format!("from {dir}")),
    )
}
