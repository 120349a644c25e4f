//! Ghosts in the window: when a game starts or resumes, every built-in
//! strategy plays the same scenario and seed in the background; the week
//! report and the debrief draw their lines beside the player's, and the
//! verdicts judge the run against them. Then the verdicts themselves are
//! computed in the background, on a re-play of the player's own plans, so
//! that a million-person game never judges on the UI thread (the advice's
//! changes are played in a job of their own, `advice.rs`).

use super::jobs::{Job, progress_bar};
use super::profiling::{GameSystems, GameUpdate};
use super::session::Session;
use super::state::Screen;
use super::theme::widgets::text;
use crate::claims::ghosts::{Ghost, builtin_ghosts};
use crate::claims::verdict::{Verdict, judge, judge_week};
use crate::report::narrative::ghost_label;
use crate::report::palette::{LineStyle, strategy_style};
use crate::sim::{DayMetrics, Replaying, Scenario, Simulation, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;
use std::sync::Arc;

/// The built-in strategies' games on the session's scenario and seed.
#[derive(Resource, Default)]
pub struct Ghosts {
    /// The scenario and seed they are (being) played on.
    of: Option<(Arc<Scenario>, u64)>,
    job: Option<Job<Vec<Ghost>>>,
    ready: Option<Arc<Vec<Ghost>>>,
    /// Why they could not be played, if that happened.
    failed: Option<String>,
}

impl Ghosts {
    /// The ghosts, once played.
    pub fn ready(&self) -> Option<&Arc<Vec<Ghost>>> {
        self.ready.as_ref()
    }

    /// Each ghost's label, days and line style, for the charts (empty
    /// until ready): "ghost: the networker", in the strategy's own style.
    pub fn lines(&self) -> Vec<(String, &[DayMetrics], LineStyle)> {
        self.ready
            .iter()
            .flat_map(|ghosts| ghosts.iter())
            .map(|g| {
                let style = strategy_style(g.strategy).unwrap_or(crate::report::palette::OTHERS[1]);
                (ghost_label(&g.name), g.history.as_slice(), style)
            })
            .collect()
    }

    /// Says how far the ghosts are, until they are ready.
    pub fn status(&self, ui: &mut egui::Ui) {
        if let Some(job) = &self.job {
            progress_bar(ui, job);
        } else if let Some(reason) = &self.failed {
            text(
                ui,
                format!("The built-in strategies could not be played: {reason}"),
            );
        }
    }

    /// Ghosts already played (the layout test, which has no background).
    #[cfg(test)]
    pub(crate) fn played(scenario: Arc<Scenario>, seed: u64) -> Ghosts {
        let ready = builtin_ghosts(Arc::clone(&scenario), seed, &|_, _| {});
        Ghosts {
            of: Some((scenario, seed)),
            job: None,
            ready: Some(Arc::new(ready)),
            failed: None,
        }
    }
}

/// A verdict on the run as it stood after `weeks` weeks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Judgement {
    /// The week judged (the last one played).
    pub week: usize,
    pub week_verdicts: Vec<Verdict>,
    /// For a finished game: the whole run's verdicts.
    pub verdicts: Vec<Verdict>,
}

/// The verdicts on the session's run, judged against its ghosts.
#[derive(Resource, Default)]
pub struct Judging {
    /// The run judged: its scenario, and the state hash after its last week.
    of: Option<(Arc<Scenario>, u64, usize)>,
    job: Option<Job<Judgement>>,
    pub done: Option<Judgement>,
}

impl Judging {
    /// A run already judged (the layout test, which has no background).
    #[cfg(test)]
    pub(crate) fn judged(judgement: Judgement) -> Judging {
        Judging {
            done: Some(judgement),
            ..Judging::default()
        }
    }

    /// The verdicts, once judged; else a progress bar saying what is under way.
    pub fn status(&self, ui: &mut egui::Ui, ghosts: &Ghosts) -> Option<&Judgement> {
        if let Some(done) = &self.done {
            return Some(done);
        }
        text(ui, "Judging your run against the built-in strategies…");
        if let Some(job) = &self.job {
            progress_bar(ui, job);
        } else {
            ghosts.status(ui);
        }
        None
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Ghosts>();
    app.init_resource::<Judging>();
    app.add_systems(
        GameUpdate,
        (start_ghosts, collect_ghosts, start_judging, collect_judging)
            .chain()
            .in_set(GameSystems::Collect),
    );
}

/// Starts the ghosts of a new or resumed game (a rewound game keeps its
/// original's: same scenario, same seed).
fn start_ghosts(session: Option<Res<Session>>, mut ghosts: ResMut<Ghosts>) {
    let Some(session) = session else { return };
    let scenario = session.simulation().scenario();
    let seed = session.simulation().seed();
    let same = ghosts
        .of
        .as_ref()
        .is_some_and(|(s, k)| Arc::ptr_eq(s, scenario) && *k == seed);
    if !same {
        let scenario = Arc::clone(scenario);
        ghosts.of = Some((Arc::clone(&scenario), seed));
        ghosts.ready = None;
        ghosts.failed = None;
        ghosts.job = Some(Job::spawn(
            "playing the built-in strategies on your scenario and seed",
            move |progress| builtin_ghosts(scenario, seed, &|done, of| progress.set(done, of)),
        ));
    }
}

fn collect_ghosts(mut ghosts: ResMut<Ghosts>) {
    if let Some(outcome) = ghosts.job.as_mut().and_then(Job::take) {
        ghosts.job = None;
        match outcome {
            Ok(done) => ghosts.ready = Some(Arc::new(done)),
            Err(failed) => ghosts.failed = Some(failed.to_string()),
        }
    }
}

/// On the week report and the debrief, once the ghosts are ready: judges
/// the run as it stands (again whenever it moved on).
fn start_judging(
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    ghosts: Res<Ghosts>,
    mut judging: ResMut<Judging>,
) {
    let Some(session) = session else { return };
    if !matches!(screen.get(), Screen::Report | Screen::Debrief) {
        return;
    }
    let simulation = session.simulation();
    let hash = simulation.week_hashes().last().copied().unwrap_or_default();
    let weeks = simulation.plans().len();
    let same = judging
        .of
        .as_ref()
        .is_some_and(|(s, h, w)| Arc::ptr_eq(s, simulation.scenario()) && *h == hash && *w == weeks);
    if same || simulation.week_running() || weeks == 0 {
        return;
    }
    // Another run, or a later week of this one: what was judged before is
    // not about it, even while its ghosts are still being played.
    judging.done = None;
    judging.job = None;
    if let Some(ready) = ghosts.ready() {
        judging.of = Some((Arc::clone(simulation.scenario()), hash, weeks));
        let scenario = Arc::clone(simulation.scenario());
        let seed = simulation.seed();
        let plans = simulation.plans().to_vec();
        let ghosts = Arc::clone(ready);
        judging.job = Some(Job::spawn("judging your run", move |progress| {
            judge_replayed(scenario, seed, &plans, &ghosts, &|done, of| {
                progress.set(done, of)
            })
        }));
    }
}

fn collect_judging(mut judging: ResMut<Judging>) {
    if let Some(outcome) = judging.job.as_mut().and_then(Job::take) {
        judging.job = None;
        // A judge that failed says nothing rather than something untrue.
        judging.done = Some(outcome.unwrap_or_default());
    }
}

/// Re-plays `plans` on the scenario and seed (the run being judged, exactly)
/// and judges it: its last week, and the whole run when it is finished.
pub fn judge_replayed(
    scenario: Arc<Scenario>,
    seed: u64,
    plans: &[WeekPlan],
    ghosts: &[Ghost],
    progress: &dyn Fn(usize, usize),
) -> Judgement {
    let steps = plans.len() + 1;
    progress(0, steps);
    let told = |done: usize, _: usize| progress(done, steps);
    let run =
        Simulation::replay(Replaying::solo(&scenario, seed, plans).reporting(&told)).unwrap_or_else(|stop| {
            stop.into_played()
                .unwrap_or_else(|| Simulation::new(Arc::clone(&scenario), seed))
        });
    let week = run.plans().len();
    let mut judgement = Judgement {
        week,
        week_verdicts: judge_week(&run, week, ghosts),
        ..Judgement::default()
    };
    if run.finished() {
        judgement.verdicts = judge(&run, ghosts);
    }
    progress(steps, steps);
    judgement
}
