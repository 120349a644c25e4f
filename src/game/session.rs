//! The game in progress: the simulation, this week's plan, and the clock
//! that plays the week day by day.

use super::audience_view::AudienceSample;
use super::screens::Screen;
use super::tour::OwnCost;
use crate::sim::action::{ActionKind, PlannedAction, Target};
use crate::sim::types::ContentType;
use crate::sim::{Scenario, Simulation, WeekPlan};
use bevy::prelude::*;
use std::sync::Arc;
use std::time::Instant;

/// Simulated days per second at each speed setting.
pub const SPEEDS: [f32; 3] = [1.0, 4.0, 16.0];

#[derive(Resource)]
pub struct Session {
    pub simulation: Simulation,
    /// The built-in id or file the scenario came from (for the save).
    pub source: String,
    /// Where the game is saved after every week; `None` saves nothing.
    pub save_path: Option<std::path::PathBuf>,
    /// Why the last autosave failed, if it did.
    pub save_error: Option<String>,
    /// The plan being written for the next week.
    pub plan: WeekPlan,
    pub paused: bool,
    /// Index into `SPEEDS`.
    pub speed: usize,
    clock: f32,
    pub sample: AudienceSample,
    /// Why the last planner action was refused, for the player.
    pub notice: Option<String>,
}

impl Session {
    pub fn new(scenario: Scenario, seed: u64, source: &str) -> Session {
        Session::resume(Simulation::new(Arc::new(scenario), seed), source)
    }

    /// A session around a game already under way (a loaded save).
    pub fn resume(simulation: Simulation, source: &str) -> Session {
        let sample = AudienceSample::new(&simulation, 3000);
        Session {
            simulation,
            source: source.to_string(),
            save_path: None,
            save_error: None,
            plan: WeekPlan::default(),
            paused: false,
            speed: 1,
            clock: 0.0,
            sample,
            notice: None,
        }
    }

    /// Simulates one day of the running week (begun with `start_week`).
    pub fn step_day(&mut self) {
        if self.simulation.step_day().is_err() {
            return;
        }
        if !self.simulation.week_running() {
            self.autosave();
        }
        self.sample.observe(&self.simulation);
    }

    /// Adds an action to the week's plan if it fits the budget; otherwise
    /// says why not and leaves the plan as it was.
    pub fn add_action(
        &mut self,
        kind: ActionKind,
        platform: u8,
        content: ContentType,
        target: Target,
    ) -> Result<(), String> {
        let action = PlannedAction::aimed(kind, platform, content, target);
        let mut candidate = self.plan.clone();
        candidate.actions.push(action);
        candidate.spread_in_order();
        match self.simulation.check_plan(&candidate) {
            Ok(()) => {
                self.plan = candidate;
                Ok(())
            }
            Err(error) => Err(format!(
                "{} does not fit: {error}.",
                self.simulation.scenario.actions.spec(kind).name
            )),
        }
    }

    /// Saves the game after a finished week (atomically).
    pub fn autosave(&mut self) {
        if let Some(path) = &self.save_path {
            self.save_error = crate::files::save::write_save(path, &self.simulation, &self.source)
                .err()
                .map(|e| format!("could not save to {}: {e}", path.display()));
        }
    }

    /// Whether the week begun with `start_week` has played all its days.
    pub fn week_done(&self) -> bool {
        !self.simulation.week_running()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, play_week.run_if(in_state(Screen::Running)));
}

/// Advances the running week at the chosen speed; at most one day a frame,
/// so the window never freezes.
fn play_week(
    time: Res<Time>,
    session: Option<ResMut<Session>>,
    mut next: ResMut<NextState<Screen>>,
    mut cost: ResMut<OwnCost>,
) {
    let Some(mut session) = session else { return };
    let started = Instant::now();
    if session.week_done() {
        next.set(Screen::Report);
        return;
    }
    if !session.paused {
        session.clock += time.delta_secs() * SPEEDS[session.speed];
        if session.clock >= 1.0 {
            session.clock = 0.0;
            session.step_day();
        }
    }
    cost.add(started);
}

/// Finishes the running week at once ("skip to the end of the week").
pub fn skip_week(session: &mut Session) {
    while !session.week_done() {
        session.step_day();
    }
}

/// Starts playing the current plan, if it fits.
pub fn start_week(session: &mut Session) -> Result<(), String> {
    let plan = session.plan.clone();
    session.simulation.begin_week(plan).map_err(|e| e.to_string())?;
    session.clock = 0.0;
    session.paused = false;
    Ok(())
}

/// After the report: the next week's planner, or the debrief at the end.
pub fn next_week(session: &mut Session) -> Screen {
    if session.simulation.finished() {
        Screen::Debrief
    } else {
        Screen::Plan
    }
}
