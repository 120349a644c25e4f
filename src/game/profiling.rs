//! What our own systems cost per frame (the simulation slice and the view),
//! which the tour reports. A leaf: the running screen writes it, the tour
//! reads it, and neither needs the other.

use bevy::prelude::*;
use std::time::Instant;

/// Time spent in our own systems (simulation slice and view update).
#[derive(Resource, Default)]
pub struct OwnCost {
    pub this_frame_ms: f64,
    pub frames_ms: Vec<f64>,
}

impl OwnCost {
    /// Counts the time since `started` towards this frame.
    pub fn add(&mut self, started: Instant) {
        self.this_frame_ms += started.elapsed().as_secs_f64() * 1000.0;
    }

    /// Ends the frame: keeps its cost when it is one that counts.
    pub fn close_frame(&mut self, counts: bool) {
        if counts {
            self.frames_ms.push(self.this_frame_ms);
        }
        self.this_frame_ms = 0.0;
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<OwnCost>();
}
