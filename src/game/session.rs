//! The game in progress: the simulation, the plan being written for the
//! next week, the clock that plays the running week day by day, and the
//! game it was rewound from, if it was. Also how a game starts (new, or
//! Continue from the autosave, re-played in the background).

use super::jobs::{Job, JobFailed, let_go};
use super::launch::Launch;
use super::player::Player;
use super::profiling::{GameSystems, GameUpdate};
use super::state::{Screen, showing};
use super::theme::audience::{AudienceSample, DRAWN};
use crate::files::save::ResumeError;
use crate::report::plan::{AddActionError, PlanEdit};
use crate::sim::{DayMetrics, Kpis, PlannedAction, Scenario, Simulation, Strategy, WeekError, WeekPlan};
use bevy::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How fast the running week plays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speed {
    Slow,
    #[default]
    Normal,
    Fast,
}

impl Speed {
    pub const ALL: [Speed; 3] = [Speed::Slow, Speed::Normal, Speed::Fast];

    /// Simulated days per second.
    pub fn days_per_second(self) -> f32 {
        match self {
            Speed::Slow => 1.0,
            Speed::Normal => 4.0,
            Speed::Fast => 16.0,
        }
    }

    /// The number key that picks this speed (1, 2, 3).
    pub fn key_number(self) -> usize {
        self as usize + 1
    }
}

/// The game in progress. Its fields are private: the screens, the tour
/// and the tests go through the methods below, which keep the audience
/// sample, the autosave and the running week's clock in step with the game.
#[derive(Resource)]
pub struct Session {
    /// Told apart from every other session of this run of the program, so
    /// that what the window keeps about a game (the inspected person) is
    /// dropped for the next one.
    id: u64,
    simulation: Simulation,
    /// The built-in id or file the scenario came from (for the save).
    source: String,
    /// Where the game is saved after every week; `None` saves nothing.
    save_path: Option<PathBuf>,
    /// Why the last autosave failed, if it did.
    save_error: Option<String>,
    /// The plan being written for the next week.
    plan: WeekPlan,
    paused: bool,
    speed: Speed,
    /// Seconds of the day being played, scaled by the speed; a day is played
    /// when it reaches 1.
    clock: f32,
    sample: AudienceSample,
    /// Why the last planner action (or the week's start) was refused, for the player.
    notice: Option<String>,
    /// The game this one was rewound from: its first weeks are this game's.
    parent: Option<Arc<Original>>,
    /// The week just played is still to be saved.
    save_due: bool,
    /// Who plays this game (name, class code): what the autosave records,
    /// kept in step with the `Player` resource, and what a continued game
    /// was saved with.
    player: (String, String),
    /// The rest of the week plays a day every frame.
    skipping: bool,
}

/// What one frame of the running week did (see [`Session::tick`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tick {
    /// The week's autosave was written (in a frame of its own).
    Saved,
    /// The week has played all its days: time for its report.
    Done,
    /// A day was played.
    Played,
    /// Nothing to do yet (paused, or the day's time is not up).
    Waited,
}

/// The game a rewound game branched from, as it stood when it was rewound.
#[derive(Clone, Debug, PartialEq)]
pub struct Original {
    /// Who played it (a replay's player, or the window's).
    pub player: String,
    /// Day 0 first, as `Simulation::history`.
    pub history: Vec<DayMetrics>,
    pub kpis: Kpis,
    /// Its state hash after its last week played.
    pub state_hash: u64,
    /// Weeks the branch played as the original did.
    pub weeks_shared: u32,
    /// Every week the original played, so that a saved branch can rebuild it.
    pub plans: Vec<WeekPlan>,
}

/// Why Continue could not resume the saved game.
#[derive(Debug, thiserror::Error)]
pub enum ContinueError {
    #[error("saving is off in this window")]
    SavingOff,
    #[error(transparent)]
    Resume(#[from] ResumeError),
    #[error(transparent)]
    Stopped(#[from] JobFailed),
}

impl Session {
    pub fn new(scenario: Scenario, seed: u64, source: &str) -> Session {
        Session::resume(Simulation::new(Arc::new(scenario), seed), source)
    }

    /// A session around a game already under way (a loaded save).
    pub fn resume(simulation: Simulation, source: &str) -> Session {
        static SESSIONS: AtomicU64 = AtomicU64::new(1);
        let sample = AudienceSample::new(&simulation, DRAWN);
        Session {
            id: SESSIONS.fetch_add(1, Ordering::Relaxed),
            simulation,
            source: source.to_string(),
            save_path: None,
            save_error: None,
            plan: WeekPlan::default(),
            paused: false,
            speed: Speed::default(),
            clock: 0.0,
            sample,
            notice: None,
            parent: None,
            save_due: false,
            player: Default::default(),
            skipping: false,
        }
    }

    /// A new game of `scenario` (on its own seed) that autosaves to
    /// `save_path`.
    pub fn start(scenario: Scenario, source: &str, save_path: Option<&Path>) -> Session {
        let seed = scenario.seed;
        let mut session = Session::new(scenario, seed, source);
        session.save_path = save_path.map(Path::to_path_buf);
        // The new game's first autosave would write over the old file: keep a
        // file that is not a readable save (the player may want it back).
        if let Some(path) = save_path
            && path.exists()
            && !crate::files::save::looks_loadable(path)
            && let Err(error) = crate::files::save::set_aside(path)
        {
            session.save_error = Some(format!(
                "the old save {} cannot be read nor moved aside ({error}); this game is not saved, \
                 so as not to write over it",
                path.display()
            ));
            session.save_path = None;
        }
        session
    }

    /// A game re-played to the start of a week, remembering the game it
    /// was rewound from (see `rewind::rewound`).
    pub(super) fn branch(
        simulation: Simulation,
        source: &str,
        save_path: Option<PathBuf>,
        parent: Original,
    ) -> Session {
        let mut session = Session::resume(simulation, source);
        session.save_path = save_path;
        session.parent = Some(Arc::new(parent));
        session
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn simulation(&self) -> &Simulation {
        &self.simulation
    }

    /// The built-in id or file the scenario came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn save_path(&self) -> Option<&Path> {
        self.save_path.as_deref()
    }

    /// Saves after every week to `path` from now on (`None`: not at all).
    pub fn set_save_path(&mut self, path: Option<PathBuf>) {
        self.save_path = path;
    }

    /// Why the last autosave failed, if it did.
    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }

    /// The plan being written for the next week.
    pub fn plan(&self) -> &WeekPlan {
        &self.plan
    }

    /// Sets the whole plan of the next week (a strategy's, in the tour and
    /// the tests); the week's start checks it.
    pub fn set_plan(&mut self, plan: WeekPlan) {
        self.plan = plan;
    }

    /// Why the last planner action (or the week's start) was refused.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn set_notice(&mut self, notice: Option<String>) {
        self.notice = notice;
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    pub fn speed(&self) -> Speed {
        self.speed
    }

    pub fn set_speed(&mut self, speed: Speed) {
        self.speed = speed;
    }

    /// The people the audience view draws.
    pub fn sample(&self) -> &AudienceSample {
        &self.sample
    }

    /// The game this one was rewound from, if it was.
    pub fn parent(&self) -> Option<&Original> {
        self.parent.as_deref()
    }

    /// Who plays this game: name and class code.
    pub fn player(&self) -> (&str, &str) {
        (&self.player.0, &self.player.1)
    }

    /// Records who plays (the autosave writes it); a blank name changes nothing.
    pub fn set_player(&mut self, name: &str, class_code: &str) {
        if !name.trim().is_empty() && (self.player.0 != name || self.player.1 != class_code) {
            self.player = (name.to_string(), class_code.to_string());
        }
    }

    /// Plays a whole week at once with `plan` (the tour and the tests,
    /// never a frame of the window): the audience view and the autosave
    /// follow.
    pub fn run_week_now(&mut self, plan: &WeekPlan) -> Result<(), WeekError> {
        self.simulation.run_week(plan)?;
        self.sample.observe(&self.simulation);
        self.autosave();
        Ok(())
    }

    /// Plays the rest of the game with `strategy` at once (the tour and the
    /// tests, in the background).
    pub fn play_out(&mut self, strategy: &Strategy) {
        strategy.play_out(&mut self.simulation);
        self.sample.observe(&self.simulation);
    }

    /// One frame of the running week, `seconds` after the last: at most one
    /// day a frame, and the week's autosave in a frame of its own, so the
    /// window never freezes for longer than a day of the model takes.
    pub fn tick(&mut self, seconds: f32) -> Tick {
        if self.save_due {
            self.save_if_due();
            Tick::Saved
        } else if self.week_done() {
            Tick::Done
        } else if self.skipping {
            self.step_day();
            Tick::Played
        } else if self.paused {
            Tick::Waited
        } else {
            self.clock += seconds * self.speed.days_per_second();
            if self.clock >= 1.0 {
                self.clock = 0.0;
                self.step_day();
                Tick::Played
            } else {
                Tick::Waited
            }
        }
    }

    /// Simulates one day of the running week (begun with `start_week`).
    /// The week's autosave waits for the next frame (see `play_week`).
    pub fn step_day(&mut self) {
        if self.simulation.step_day().is_err() {
            return;
        }
        if !self.simulation.week_running() {
            self.save_due = true;
        }
        self.sample.observe(&self.simulation);
    }

    /// Saves the week just finished, if that is still to do.
    pub fn save_if_due(&mut self) {
        if std::mem::take(&mut self.save_due) {
            self.autosave();
        }
    }

    /// Adds an action to the week's plan if it fits the budget (the one
    /// rule, `report::plan::add_action`); otherwise says why not and leaves
    /// the plan as it was.
    pub fn add_action(&mut self, action: PlannedAction) -> Result<(), AddActionError> {
        crate::report::plan::add_action(self.simulation.scenario(), &mut self.plan, action)
    }

    /// Moves or removes an action of the week's plan.
    pub fn edit_plan(&mut self, edit: PlanEdit) {
        crate::report::plan::edit(&mut self.plan, edit);
    }

    /// Saves the game after a finished week (atomically), with who plays it
    /// and, for a rewound game, its original.
    pub fn autosave(&mut self) {
        if let Some(path) = &self.save_path {
            let save = crate::files::save::RawSave {
                player: self.player.0.trim().to_string(),
                class_code: self.player.1.trim().to_string(),
                parent: self.parent.as_deref().map(saved_parent),
                ..crate::files::save::save_of(&self.simulation, &self.source)
            };
            self.save_error = crate::files::save::write_raw(path, &save)
                .err()
                .map(|e| format!("could not save to {}: {e}", path.display()));
        }
    }

    /// Whether the week begun with `start_week` has played all its days.
    pub fn week_done(&self) -> bool {
        !self.simulation.week_running()
    }

    /// Starts playing the current plan, if it fits.
    pub fn start_week(&mut self) -> Result<(), WeekError> {
        self.simulation.begin_week(self.plan.clone())?;
        self.clock = 0.0;
        self.paused = false;
        self.skipping = false;
        Ok(())
    }

    /// "Skip to the end of the week": the rest of the week plays a day a
    /// frame, without waiting for the clock (a day at a million people
    /// takes tens of milliseconds: more at once would freeze the window).
    pub fn skip_week(&mut self) {
        self.skipping = true;
        self.paused = false;
    }

    /// Finishes the running week at once (tests and scripts, never a frame).
    pub fn finish_week(&mut self) {
        while !self.week_done() {
            self.step_day();
        }
        self.save_if_due();
    }

    /// After the week's report: clears the plan for the next week and says
    /// where the game goes on (the planner, or the debrief at the end).
    pub fn close_report(&mut self) -> Screen {
        self.save_if_due();
        self.plan.actions.clear();
        if self.simulation.finished() {
            Screen::Debrief
        } else {
            Screen::Plan
        }
    }
}

/// Loads the autosave at `save_path` into a session and says which screen
/// it opens on, or why it cannot.
pub fn continue_game(save_path: Option<&Path>) -> Result<(Session, Screen), ContinueError> {
    continue_game_reporting(save_path, &|_, _| {})
}

/// `continue_game`, telling `progress(weeks re-played, weeks saved)`.
pub fn continue_game_reporting(
    save_path: Option<&Path>,
    progress: &dyn Fn(usize, usize),
) -> Result<(Session, Screen), ContinueError> {
    let path = save_path.ok_or(ContinueError::SavingOff)?;
    let restored = crate::files::save::resume_full(path, progress)?;
    let (simulation, source) = (restored.simulation, restored.source);
    let screen = if simulation.finished() {
        Screen::Debrief
    } else {
        Screen::Plan
    };
    let mut session = Session::resume(simulation, &source);
    session.save_path = Some(path.to_path_buf());
    session.player = crate::files::save::saved_player(path);
    session.parent = restored.parent.map(|(saved, original)| {
        Arc::new(Original {
            player: saved.player,
            history: original.history().to_vec(),
            kpis: original.kpis_live(),
            state_hash: original.settled_hash(),
            weeks_shared: saved.weeks_shared,
            plans: original.plans().to_vec(),
        })
    });
    Ok((session, screen))
}

/// Continue: resume the game saved at `save_path` (the title's button, and
/// the tour). On success the session starts and its screen opens; otherwise
/// `ContinueRefused` tells why.
#[derive(Event, Clone, Debug)]
pub struct ContinueGame {
    pub save_path: Option<PathBuf>,
}

/// Continue was refused, and why.
#[derive(Event, Debug)]
pub struct ContinueRefused(pub ContinueError);

/// Makes `session` the game being played; the one it replaces is let go of
/// on a thread of its own ([`let_go`]).
pub fn install(commands: &mut Commands, session: Session) {
    commands.queue(move |world: &mut World| {
        close(world);
        world.insert_resource(session);
    });
}

/// Ends the game being played, if any, letting go of it on a thread of its
/// own ([`let_go`]).
pub fn close(world: &mut World) {
    if let Some(old) = world.remove_resource::<Session>() {
        let_go(old);
    }
}

/// A game being opened on its own thread: a saved game re-played
/// (Continue), or a new one set up (the choose screen's Play). The screen
/// it asks for opens when it is done.
#[derive(Resource, Default)]
pub struct Continuing(pub Option<Job<Result<(Session, Screen), ContinueError>>>);

impl Continuing {
    /// Starts setting up a new game of `scenario` in the background (a
    /// million people and their ties take seconds); its planner opens when
    /// it is done. A game already being opened is let be.
    pub fn start_new(&mut self, scenario: Scenario, save_path: Option<PathBuf>) {
        if self.0.is_some() {
            return;
        }
        let what = format!(
            "setting up {} people and their ties",
            crate::text::count(u64::from(scenario.agents))
        );
        self.0 = Some(Job::spawn(what, move |_| {
            let session = Session::start(scenario.clone(), &scenario.id, save_path.as_deref());
            Ok((session, Screen::Plan))
        }));
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Continuing>();
    app.add_systems(Startup, open_launch_scenario);
    app.add_systems(
        GameUpdate,
        play_week
            .run_if(showing(Screen::Running))
            .in_set(GameSystems::Play),
    );
    app.add_systems(GameUpdate, finish_continue.in_set(GameSystems::Collect));
    app.add_observer(resume_saved_game);
}

/// `rapport play --scenario S` opens straight into the planner.
fn open_launch_scenario(mut commands: Commands, launch: Res<Launch>, mut next: ResMut<NextState<Screen>>) {
    if let Some((name, class_code)) = &launch.player {
        commands.insert_resource(Player {
            name: name.clone(),
            class_code: class_code.clone(),
            code: launch.player_code.clone().unwrap_or_default(),
        });
    }
    if let Some((scenario, source)) = &launch.scenario {
        commands.insert_resource(Session::start(
            scenario.clone(),
            source,
            launch.save_path.as_deref(),
        ));
        next.set(Screen::Plan);
    }
}

/// What a save keeps of a rewound game's original.
fn saved_parent(original: &Original) -> crate::files::save::SavedParent {
    crate::files::save::SavedParent {
        player: original.player.clone(),
        state_hash: format!("{:016x}", original.state_hash),
        weeks_shared: original.weeks_shared,
        weeks: original.plans.iter().map(|p| p.actions.clone()).collect(),
    }
}

/// Starts re-playing the save in the background (a second Continue while
/// one runs is ignored).
fn resume_saved_game(asked: On<ContinueGame>, mut continuing: ResMut<Continuing>) {
    if continuing.0.is_some() {
        return;
    }
    let save_path = asked.save_path.clone();
    continuing.0 = Some(Job::spawn(
        "re-playing the weeks of your saved game",
        move |progress| continue_game_reporting(save_path.as_deref(), &|done, of| progress.set(done, of)),
    ));
}

/// Opens the resumed game once it is re-played, or says why it cannot be.
fn finish_continue(
    mut commands: Commands,
    mut continuing: ResMut<Continuing>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(job) = &mut continuing.0 else { return };
    let Some(outcome) = job.take() else {
        return;
    };
    continuing.0 = None;
    match outcome.map_err(ContinueError::from).and_then(|resumed| resumed) {
        Ok((session, screen)) => {
            // The game goes on under the name it was saved with.
            let (name, class_code) = session.player.clone();
            if !name.is_empty() {
                commands.insert_resource(Player {
                    name,
                    class_code,
                    ..Player::default()
                });
            }
            install(&mut commands, session);
            next.set(screen);
        }
        Err(error) => commands.trigger(ContinueRefused(error)),
    }
}

/// Advances the running week at the chosen speed (see `Session::tick`).
fn play_week(
    time: Res<Time>,
    player: Res<Player>,
    session: Option<ResMut<Session>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(mut session) = session else { return };
    session.set_player(&player.name, &player.class_code);
    if session.tick(time.delta_secs()) == Tick::Done {
        next.set(Screen::Report);
    }
}
