//! Verdicts on one run: the claims the run shows, judged on its own numbers
//! and against the built-in strategies on the same seed (its ghosts), and
//! the one or two changes that would have helped it most.
//!
//! Interface only for now.

use super::ghosts::Ghost;
use crate::sim::Simulation;

/// A claim the run showed, in words, with the run's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub claim: &'static str,
    pub title: &'static str,
    pub sentence: String,
}

/// A change that would have helped the run, grounded in its numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub sentence: String,
}

/// The claims a whole run showed.
pub fn judge(run: &Simulation, ghosts: &[Ghost]) -> Vec<Verdict> {
    let _ = (run, ghosts);
    Vec::new()
}

/// The claims one finished week (1-based) showed.
pub fn judge_week(run: &Simulation, week: usize, ghosts: &[Ghost]) -> Vec<Verdict> {
    let _ = (run, week, ghosts);
    Vec::new()
}

/// At most two changes that would have helped the run most.
pub fn advise(run: &Simulation, ghosts: &[Ghost]) -> Vec<Advice> {
    let _ = (run, ghosts);
    Vec::new()
}
