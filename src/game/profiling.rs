//! What our own systems cost per frame (the simulation slice, the views,
//! the polling of background jobs), which the tour reports. A leaf: the
//! screens write it, the tour reads it, and neither needs the other.

use bevy::prelude::*;
use std::time::Instant;

/// Time spent in our own systems this frame, and the frames kept.
#[derive(Resource, Default)]
pub struct OwnCost {
    pub this_frame_ms: f64,
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
