//! The debrief's advice in the window: once a game is finished and its
//! ghosts are played, the changes the advice rules propose to its plans are
//! played in the background, on its seed and four others, and the debrief
//! tells those that raised the score, each with a button that opens its
//! branch as a rewind would.

use super::ghosts::Ghosts;
use super::jobs::{Job, progress_bar};
use super::profiling::{GameSystems, GameUpdate};
use super::session::Session;
use super::state::Screen;
use super::theme::widgets::text;
use crate::claims::ghosts::Ghost;
use crate::claims::verdict::{ADVICE_SEEDS, Advice, advise_reporting};
use crate::sim::{Replaying, Scenario, Simulation, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;
use std::sync::Arc;

/// The advice on the session's finished game.
#[derive(Resource, Default)]
pub struct Advising {
    /// The game advised: its scenario, and the state hash after its last week.
    of: Option<(Arc<Scenario>, u64)>,
    job: Option<Job<Vec<Advice>>>,
    pub done: Option<Vec<Advice>>,
}

impl Advising {
    /// A game already advised (the layout test, which has no background).
    #[cfg(test)]
    pub(crate) fn advised(advice: Vec<Advice>) -> Advising {
        Advising {
            done: Some(advice),
            ..Advising::default()
        }
    }

    /// The advice, once its changes are played; else what is under way.
    pub fn status(&self, ui: &mut egui::Ui) -> Option<&[Advice]> {
        if let Some(done) = &self.done {
            return Some(done);
        }
        if let Some(job) = &self.job {
            progress_bar(ui, job);
        } else {
            text(ui, "The advice waits for the built-in strategies' games.");
        }
        None
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Advising>();
    app.add_systems(
        GameUpdate,
        (start_advising, collect_advising)
            .chain()
            .in_set(GameSystems::Collect),
    );
}

/// On the debrief of a finished game, once the ghosts are ready: plays the
/// advice's changes (again whenever the game changed).
fn start_advising(
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    ghosts: Res<Ghosts>,
    mut advising: ResMut<Advising>,
) {
    let (Some(session), Some(ready)) = (session, ghosts.ready()) else {
        return;
    };
    let simulation = session.simulation();
    if *screen.get() != Screen::Debrief || !simulation.finished() {
        return;
    }
    let hash = simulation.week_hashes().last().copied().unwrap_or_default();
    let same = advising
        .of
        .as_ref()
        .is_some_and(|(s, h)| Arc::ptr_eq(s, simulation.scenario()) && *h == hash);
    if same {
        return;
    }
    advising.of = Some((Arc::clone(simulation.scenario()), hash));
    advising.done = None;
    let scenario = Arc::clone(simulation.scenario());
    let seed = simulation.seed();
    let plans = simulation.plans().to_vec();
    let ghosts = Arc::clone(ready);
    let what = format!(
        "playing the changes the advice proposes on your seed and {} others",
        ADVICE_SEEDS - 1
    );
    advising.job = Some(Job::spawn(what, move |progress| {
        advise_replayed(scenario, seed, &plans, &ghosts, &|done, of| {
            progress.set(done, of)
        })
    }));
}

fn collect_advising(mut advising: ResMut<Advising>) {
    if let Some(outcome) = advising.job.as_mut().and_then(Job::take) {
        advising.job = None;
        // Advice that could not be played is not told.
        advising.done = Some(outcome.unwrap_or_default());
    }
}

/// Re-plays `plans` on the scenario and seed (the game advised, exactly)
/// and plays the changes its advice proposes; nothing when the plans do
/// not make a finished game.
pub fn advise_replayed(
    scenario: Arc<Scenario>,
    seed: u64,
    plans: &[WeekPlan],
    ghosts: &[Ghost],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Advice> {
    match Simulation::replay(Replaying::solo(&scenario, seed, plans)) {
        Ok(run) if run.finished() => advise_reporting(&run, ghosts, progress),
        _ => Vec::new(),
    }
}
