//! The game's system sets, and what they cost per frame. Every system of
//! the game sits in one [`GameSystems`] set of one of two schedules of its
//! own: [`GameUpdate`] (run once a frame from `Update`) and egui's pass.
//! The sets of each are chained once here, and each schedule is timed as a
//! whole (the simulation slice, the views, the polling of background jobs)
//! rather than by each system; no system of another crate runs among them,
//! so the time is ours alone. Both run on one thread, one system after the
//! other, as the chained sets ask anyway. The tour reports the time. A
//! leaf: the screens only name a set.

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use std::time::Instant;

/// The game's own `Update` work, run once a frame from `Update` and timed.
#[derive(ScheduleLabel, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GameUpdate;

/// The game's systems, in the order they run each frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GameSystems {
    /// [`GameUpdate`]: take what background work finished (Continue,
    /// rewind, ghosts and verdicts, replays, the class) and start what the
    /// screen now needs.
    Collect,
    /// [`GameUpdate`]: move time on (the running week, watching a replay).
    Play,
    /// `EguiPrimaryContextPass`: the look (style and UI scale), before
    /// anything is drawn.
    Look,
    /// `EguiPrimaryContextPass`: draw the screen shown and what covers it.
    Draw,
    /// `Update`, after [`GameUpdate`]: the tour's script (not the game's cost).
    Script,
}

/// The timing systems around the game's sets of a schedule.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Timing {
    Open,
    Close,
}

/// Time spent in our own systems this frame, and the frames kept.
#[derive(Resource, Default)]
pub struct OwnCost {
    pub this_frame_ms: f64,
    /// When the sets being timed began this frame.
    opened: Option<Instant>,
    /// Frames of the running week (the ones that play the simulation).
    pub frames_ms: Vec<f64>,
    /// The phase the tour is measuring, if any: every frame but the
    /// running week's (counted apart) counts towards it.
    phase: Option<usize>,
    pub phases: Vec<PhaseCost>,
}

/// The frames of one measured phase ("Continue a saved game", "ghosts").
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseCost {
    pub name: &'static str,
    pub frames_ms: Vec<f64>,
}

impl PhaseCost {
    pub fn worst_ms(&self) -> f64 {
        self.frames_ms.iter().copied().fold(0.0, f64::max)
    }
}

impl OwnCost {
    /// Counts the time since `started` towards this frame.
    pub fn add(&mut self, started: Instant) {
        self.this_frame_ms += started.elapsed().as_secs_f64() * 1000.0;
    }

    /// Ends the frame: keeps its cost as a running frame when `running`,
    /// else in the phase being measured.
    pub fn close_frame(&mut self, running: bool) {
        if running {
            self.frames_ms.push(self.this_frame_ms);
        } else if let Some(phase) = self.phase {
            self.phases[phase].frames_ms.push(self.this_frame_ms);
        }
        self.this_frame_ms = 0.0;
    }

    /// Starts measuring a phase (a new one each time).
    pub fn begin_phase(&mut self, name: &'static str) {
        self.phases.push(PhaseCost {
            name,
            frames_ms: Vec::new(),
        });
        self.phase = Some(self.phases.len() - 1);
    }

    pub fn end_phase(&mut self) {
        self.phase = None;
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<OwnCost>();
    for schedule in [GameUpdate.intern(), EguiPrimaryContextPass.intern()] {
        app.edit_schedule(schedule, |schedule| {
            schedule.set_executor(SingleThreadedExecutor::new());
        });
    }
    app.configure_sets(GameUpdate, (GameSystems::Collect, GameSystems::Play).chain());
    app.add_systems(Update, run_game_update.before(GameSystems::Script));
    app.configure_sets(
        EguiPrimaryContextPass,
        (Timing::Open, GameSystems::Look, GameSystems::Draw, Timing::Close).chain(),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (open.in_set(Timing::Open), close.in_set(Timing::Close)),
    );
    app.add_systems(Last, close_frame);
}

/// Runs the game's `Update` work and counts its time.
fn run_game_update(world: &mut World) {
    let started = Instant::now();
    world.run_schedule(GameUpdate);
    world.resource_mut::<OwnCost>().add(started);
}

fn open(mut cost: ResMut<OwnCost>) {
    cost.opened = Some(Instant::now());
}

fn close(mut cost: ResMut<OwnCost>) {
    if let Some(started) = cost.opened.take() {
        cost.add(started);
    }
}

/// Only running frames count as such: they are the ones that play the
/// simulation.
fn close_frame(mut cost: ResMut<OwnCost>, screen: Res<State<super::state::Screen>>) {
    cost.close_frame(*screen.get() == super::state::Screen::Running);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phase_keeps_every_frame_until_it_ends() {
        let mut cost = OwnCost {
            this_frame_ms: 3.0,
            ..OwnCost::default()
        };
        cost.close_frame(false);
        cost.begin_phase("ghosts");
        for ms in [5.0, 40.0] {
            cost.this_frame_ms = ms;
            cost.close_frame(false);
        }
        // A running frame is counted apart, not in the phase.
        cost.this_frame_ms = 90.0;
        cost.close_frame(true);
        cost.end_phase();
        cost.this_frame_ms = 7.0;
        cost.close_frame(false);
        assert_eq!(cost.phases.len(), 1);
        assert_eq!(cost.phases[0].frames_ms, vec![5.0, 40.0]);
        assert_eq!(cost.phases[0].worst_ms(), 40.0);
        assert_eq!(cost.frames_ms, vec![90.0]);
    }
}
