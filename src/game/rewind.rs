//! Rewind: go back to week N of a game (the one in progress, a finished
//! one, or a replay), re-play weeks 1..N-1 with the game's own plans in the
//! background, and open the planner of week N with a fresh plan. The new
//! game remembers its original, for the debrief's side-by-side view and its
//! replay's `parent`. The debrief's advice opens its branch the same way,
//! its changed weeks played on to the end.

use super::jobs::{Job, progress_bar};
use super::profiling::{GameSystems, GameUpdate};
use super::session::{Original, Session};
use super::state::Screen;
use super::theme::widgets::text;
use crate::sim::{ReplayFailure, Replaying, Scenario, Simulation, WeekError, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;
use std::path::PathBuf;
use std::sync::Arc;

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
        let simulation = session.simulation();
        RewindFrom {
            scenario: Arc::clone(simulation.scenario()),
            seed: simulation.seed(),
            plans: simulation.plans().to_vec(),
            source: session.source().to_string(),
            save_path: session.save_path().map(std::path::Path::to_path_buf),
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

/// A rewind under way, the week picked, the one waiting for the player's
/// confirmation, and why the last one failed.
#[derive(Resource, Default)]
pub struct Rewinding {
    job: Option<Job<Result<Session, WeekError>>>,
    pub error: Option<String>,
    /// The week picked in the rewind controls.
    pub week: u32,
    /// The game and the weeks played the pick was made for: a new game, or
    /// a new week played, picks the current week again.
    picked_for: Option<(u64, u32)>,
    /// The week the player asked to rewind to, until they confirm or cancel.
    confirming: Option<u32>,
}

impl Rewinding {
    /// Starts re-playing `from` up to the start of `week` (1-based), unless
    /// a rewind is already running.
    pub fn start(&mut self, from: RewindFrom, week: u32) {
        self.start_then(from, week, Vec::new());
    }

    /// Starts re-playing `from` up to the start of `week`, then playing
    /// `then` from `week` on (a branch the advice proposed), unless a
    /// rewind is already running.
    pub fn start_then(&mut self, from: RewindFrom, week: u32, then: Vec<WeekPlan>) {
        if self.job.is_some() {
            return;
        }
        self.error = None;
        self.confirming = None;
        let week = week.clamp(1, from.weeks_played().max(1));
        let what = match (week, then.is_empty()) {
            (_, false) => format!("playing the change from week {week}"),
            (1, true) => "rewinding to the start".to_string(),
            (2, true) => "rewinding to week 2: re-playing week 1".to_string(),
            _ => format!("rewinding to week {week}: re-playing weeks 1 to {}", week - 1),
        };
        self.job = Some(Job::spawn(what, move |progress| {
            rewound_then(from, week, &then, &|done, of| progress.set(done, of))
        }));
    }

    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Asks to confirm a rewind of game `game` to `week` (the layout test,
    /// which clicks nothing).
    #[cfg(test)]
    pub(crate) fn asking(&mut self, game: u64, weeks_played: u32, week: u32) {
        self.picked_for = Some((game, weeks_played));
        self.week = week;
        self.confirming = Some(week);
    }

    /// A rewind under way with `job` (the layout test's picture of one).
    #[cfg(test)]
    pub(crate) fn running_with(job: Job<Result<Session, WeekError>>) -> Rewinding {
        Rewinding {
            job: Some(job),
            ..Rewinding::default()
        }
    }

    /// The week waiting for the player's confirmation, if any.
    pub fn confirming(&self) -> Option<u32> {
        self.confirming
    }

    /// The rewind controls of game `game` (a session's id, or a replay's
    /// place) with `weeks_played` weeks: pick a week (the current one at
    /// first), ask, confirm. Shows the progress instead while a rewind runs.
    /// Returns the week the player confirmed.
    pub fn controls(&mut self, ui: &mut egui::Ui, game: u64, weeks_played: u32) -> Option<u32> {
        if let Some(job) = &self.job {
            progress_bar(ui, job);
            return None;
        }
        if weeks_played == 0 {
            return None;
        }
        if self.picked_for != Some((game, weeks_played)) {
            self.picked_for = Some((game, weeks_played));
            self.week = weeks_played;
            self.confirming = None;
        }
        ui.horizontal_wrapped(|ui| {
            self.week = self.week.clamp(1, weeks_played);
            ui.add(egui::Slider::new(&mut self.week, 1..=weeks_played).text("week"));
            if ui
                .button(format!("Rewind to week {}…", self.week))
                .on_hover_text(
                    "Play the game again from the start of that week, with a fresh plan; the debrief \
                     compares both. You are asked first.",
                )
                .clicked()
            {
                self.confirming = Some(self.week);
            }
        });
        if let Some(error) = &self.error {
            text(ui, egui::RichText::new(error).color(super::theme::palette::ERROR));
        }
        let week = self.confirming?;
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::new("rewind_confirm")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading(format!("Rewind to the start of week {week}?"));
            text(ui, rewind_question(week, weeks_played));
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button(format!("Rewind to week {week}")).clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel (Esc)").clicked() {
                    answer = Some(false);
                }
            });
        });
        if modal.should_close() {
            answer = answer.or(Some(false));
            // Esc answered the question: it must not also open the menu.
            ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        }
        match answer {
            Some(true) => {
                self.confirming = None;
                Some(week)
            }
            Some(false) => {
                self.confirming = None;
                None
            }
            None => None,
        }
    }
}

/// What a rewind to `week` does, asked before it is done.
pub fn rewind_question(week: u32, weeks_played: u32) -> String {
    let again = if week >= weeks_played {
        format!("Week {week} is planned and played again")
    } else {
        format!("Weeks {week} to {weeks_played} are planned and played again")
    };
    format!(
        "{again}, from a fresh plan; the weeks before it stay as they were. This game is kept as the \
         original, and the debrief shows both side by side."
    )
}

/// The game `from` re-played to the start of `week`, as a session that
/// remembers its original.
pub fn rewound(from: RewindFrom, week: u32, progress: &dyn Fn(usize, usize)) -> Result<Session, WeekError> {
    rewound_then(from, week, &[], progress)
}

/// The game `from` re-played to the start of `week`, then played on with
/// `then` (none: the planner of `week` opens), as a session that remembers
/// its original.
pub fn rewound_then(
    from: RewindFrom,
    week: u32,
    then: &[WeekPlan],
    progress: &dyn Fn(usize, usize),
) -> Result<Session, WeekError> {
    let shared = week.saturating_sub(1) as usize;
    // Said before the start is built, which takes a while at a million people.
    progress(0, shared + then.len());
    let mut plans = from.plans[..shared.min(from.plans.len())].to_vec();
    plans.extend_from_slice(then);
    let told = |done: usize, _: usize| progress(done, plans.len());
    let simulation = Simulation::replay(Replaying::solo(&from.scenario, from.seed, &plans).reporting(&told))
        .map_err(|stop| match stop.reason {
            ReplayFailure::IllegalPlan(error) => error,
            // Nothing is checked but the plans: only a plan can stop it.
            _ => WeekError::NoWeekRunning,
        })?;
    Ok(Session::branch(
        simulation,
        &from.source,
        from.save_path,
        Original {
            weeks_shared: shared as u32,
            ..from.original
        },
    ))
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Rewinding>();
    app.add_systems(GameUpdate, finish_rewind.in_set(GameSystems::Collect));
}

/// Opens the planner of the week rewound to, once it is re-played (the
/// debrief when the branch was played to the end).
fn finish_rewind(
    mut commands: Commands,
    mut rewinding: ResMut<Rewinding>,
    mut next: ResMut<NextState<Screen>>,
) {
    if let Some(outcome) = rewinding.job.as_mut().and_then(Job::take) {
        rewinding.job = None;
        match outcome {
            Ok(Ok(session)) => {
                let finished = session.simulation().finished();
                super::session::install(&mut commands, session);
                next.set(if finished { Screen::Debrief } else { Screen::Plan });
            }
            Ok(Err(error)) => rewinding.error = Some(format!("The game could not be re-played: {error}")),
            Err(failed) => rewinding.error = Some(failed.to_string()),
        }
    }
}
