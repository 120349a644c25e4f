//! One person's story with the brand, day by day: what happened, through
//! what, and what it changed (the inspector's timeline).
//!
//! Interface only for now: the model's trace fills it in.

use crate::sim::{Cause, Simulation};

/// One line of a person's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    /// The game day (1 is the first day of week 1).
    pub day: u32,
    /// What happened, through what, and what it changed, in words.
    pub text: String,
    pub cause: Option<Cause>,
}

/// A person's timeline and the friend whose share first brought them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    pub brought_by: Option<u32>,
}

/// The timeline of `agent` in the game so far. Re-simulates the game up to
/// its current day, so it costs about as much as the game so far did: call
/// it off the UI thread on big audiences.
pub fn person_timeline(simulation: &Simulation, agent: u32) -> Timeline {
    let _ = (simulation, agent);
    Timeline::default()
}
