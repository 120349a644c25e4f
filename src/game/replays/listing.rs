//! The replay folder as the browser and the compare view see it: every
//! replay listed and verified once, the one shown re-played to its week,
//! and the ones ticked for comparing. Finished games write their replay
//! here when the debrief opens.

use crate::files::replay::Replay;
use crate::game::launch::Launch;
use crate::game::session::Session;
use crate::game::state::Screen;
use crate::game::theme::audience::{AudienceSample, DRAWN};
use crate::game::theme::widgets::back_bar;
use crate::sim::{Simulation, WeekPlan};
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
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Browser>();
    app.add_systems(OnEnter(Screen::Debrief), write_replay);
    app.add_systems(OnEnter(Screen::Replays), relist);
    app.add_systems(OnEnter(Screen::Compare), relist);
}

/// Writes the finished game's replay (atomically) into the replay folder.
fn write_replay(launch: Res<Launch>, session: Option<Res<Session>>, mut browser: ResMut<Browser>) {
    let (Some(dir), Some(session)) = (&launch.replay_dir, session) else {
        return;
    };
    let simulation = &session.simulation;
    if !simulation.finished() {
        return;
    }
    let replay = Replay::of(simulation, &session.source, "player");
    let name = format!(
        "{}-seed{}-{:08x}.ron",
        simulation.scenario().id,
        simulation.seed(),
        simulation.state_hash() as u32
    );
    browser.message = replay
        .write(&dir.join(&name))
        .err()
        .map(|e| format!("could not write the replay {name}: {e}"));
    browser.listed = false;
}

fn relist(launch: Res<Launch>, mut browser: ResMut<Browser>) {
    if browser.listed {
        return;
    }
    browser.entries.clear();
    browser.selected = None;
    browser.shown = None;
    browser.compared.clear();
    let Some(dir) = &launch.replay_dir else { return };
    for (path, outcome) in replay_outcomes(dir) {
        let label = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        browser.entries.push(Entry { path, label, outcome });
    }
    browser.listed = true;
}

/// What the browser lists: the first replays of a folder, each
/// re-simulated (verified, or why not).
pub fn replay_outcomes(dir: &std::path::Path) -> Vec<(PathBuf, Result<(Replay, Simulation), String>)> {
    crate::files::replay::verify_folder(dir)
        .into_iter()
        .map(|(path, outcome)| (path, outcome.map_err(|m| m.to_string())))
        .collect()
}

impl Browser {
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

/// Re-plays the selected replay up to the shown week.
pub(super) fn show_week(browser: &mut Browser) {
    let Some(Ok((replay, finished))) = browser.selected.map(|i| &browser.entries[i].outcome) else {
        browser.shown = None;
        return;
    };
    let mut game = Simulation::new(Arc::clone(finished.scenario()), replay.seed);
    for week in replay.weeks.iter().take(browser.week as usize) {
        let plan = WeekPlan {
            actions: week.plan.clone(),
        };
        if game.run_week(&plan).is_err() {
            break;
        }
    }
    let sample = AudienceSample::new(&game, DRAWN);
    browser.shown = Some((game, sample));
}

/// The replay screens' top bar; true when the player asked to go back.
pub(super) fn top_bar(ui: &mut egui::Ui, title: &str, launch: &Launch) -> bool {
    let note = launch
        .replay_dir
        .as_ref()
        .map(|dir| format!("from {}", dir.display()));
    back_bar(ui, &format!("{title}_top"), title, note)
}
