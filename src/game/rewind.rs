//! Rewind: go back to week N of a game (the one in progress, a finished
//! one, or a replay), re-play weeks 1..N-1 with the game's own plans in the
//! background, and open the planner of week N with a fresh plan. The new
//! game remembers its original, for the debrief's side-by-side view and its
//! replay's `parent`.

use super::jobs::{Job, progress_bar};
use super::profiling::OwnCost;
use super::session::{Original, Session};
use super::state::Screen;
use crate::sim::{ReplayFailure, Replaying, Scenario, Simulation, WeekError, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// What a rewind starts from: a game's scenario, seed and plans, and the
/// original as it stands.
#[derive(Clone, Debug)]
pub struct RewindFrom {
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    pub plans: Vec<WeekPlan>,
    /// The built-in id or file the scenario came from (for saves and replays).
    pub source: String,
    /// Where the new game autosaves.
    pub save_path: Option<PathBuf>,
    pub original: Original,
}

impl RewindFrom {
    /// The game in progress (or finished) in `session`, played by `player`.
    pub fn session(session: &Session, player: &str) -> RewindFrom {
        let simulation = &session.simulation;
        RewindFrom {
            scenario: Arc::clone(simulation.scenario()),
            seed: simulation.seed(),
            plans: simulation.plans().to_vec(),
            source: session.source.clone(),
            save_path: session.save_path.clone(),
            original: Original {
                player: player.to_string(),
                history: simulation.history().to_vec(),
                // Without the state hash: hashing a million people is slow,
                // and the week's hash is already kept.
                kpis: simulation.kpis_live(),
                state_hash: simulation.week_hashes().last().copied().unwrap_or_default(),
                weeks_shared: 0,
                plans: simulation.plans().to_vec(),
            },
        }
    }

    /// Weeks played by the original: the latest week one can go back to.
    pub fn weeks_played(&self) -> u32 {
        self.plans.len() as u32
    }
}

/// A rewind under way, and why the last one failed.
#[derive(Resource, Default)]
pub struct Rewinding {
    job: Option<Job<Result<Session, WeekError>>>,
    pub error: Option<String>,
    /// The week picked in the rewind controls.
    pub week: u32,
}

impl Rewinding {
    /// Starts re-playing `from` up to the start of `week` (1-based), unless
    /// a rewind is already running.
    pub fn start(&mut self, from: RewindFrom, week: u32) {
        if self.job.is_some() {
            return;
        }
        self.error = None;
        let week = week.clamp(1, from.weeks_played().max(1));
        let what = match week {
            1 => "rewinding to the start".to_string(),
            2 => "rewinding to week 2: re-playing week 1".to_string(),
            _ => format!("rewinding to week {week}: re-playing weeks 1 to {}", week - 1),
        };
        self.job = Some(Job::spawn(what, move |progress| {
            rewound(from, week, &|done, of| progress.set(done, of))
        }));
    }

    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// The rewind controls: pick a week, go. Shows the progress instead
    /// while a rewind runs. `from` is asked for only when the player goes.
    pub fn controls(&mut self, ui: &mut egui::Ui, weeks_played: u32, from: impl FnOnce() -> RewindFrom) {
        if let Some(job) = &self.job {
            progress_bar(ui, job);
            return;
        }
        if weeks_played == 0 {
            return;
        }
        ui.horizontal(|ui| {
            self.week = self.week.clamp(1, weeks_played);
            ui.add(egui::Slider::new(&mut self.week, 1..=weeks_played).text("week"));
            if ui
                .button(format!("Rewind to week {}", self.week))
                .on_hover_text(
                    "Play the game again from that week, with a fresh plan; the debrief compares both.",
                )
                .clicked()
            {
                let week = self.week;
                self.start(from(), week);
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(super::theme::palette::ERROR, error);
        }
    }
}

/// The game `from` re-played to the start of `week`, as a session that
/// remembers its original.
pub fn rewound(from: RewindFrom, week: u32, progress: &dyn Fn(usize, usize)) -> Result<Session, WeekError> {
    let shared = week.saturating_sub(1) as usize;
    // Said before the start is built, which takes a while at a million people.
    progress(0, shared);
    let plans = &from.plans[..shared.min(from.plans.len())];
    let simulation = Simulation::replay(
        Replaying::solo(&from.scenario, from.seed, plans).reporting(progress),
    )
    .map_err(|stop| match stop.reason {
        ReplayFailure::IllegalPlan(error) => error,
        // Nothing is checked but the plans: only a plan can stop it.
        _ => WeekError::NoWeekRunning,
    })?;
    let mut session = Session::resume(simulation, &from.source);
    session.save_path = from.save_path;
    session.parent = Some(Arc::new(Original {
        weeks_shared: shared as u32,
        ..from.original
    }));
    Ok(session)
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Rewinding>();
    app.add_systems(Update, finish_rewind);
}

/// Opens the planner of the week rewound to, once it is re-played.
fn finish_rewind(
    mut commands: Commands,
    mut rewinding: ResMut<Rewinding>,
    mut next: ResMut<NextState<Screen>>,
    mut cost: ResMut<OwnCost>,
) {
    let started = Instant::now();
    if let Some(outcome) = rewinding.job.as_mut().and_then(Job::take) {
        rewinding.job = None;
        match outcome {
            Ok(Ok(session)) => {
                commands.insert_resource(session);
                next.set(Screen::Plan);
            }
            Ok(Err(error)) => rewinding.error = Some(format!("The game could not be re-played: {error}")),
            Err(failed) => rewinding.error = Some(failed.to_string()),
        }
    }
    cost.add(started);
}
