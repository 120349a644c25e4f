//! What `rapport sweep` asks of a claim checker (the checker's own
//! `Evaluation` of one scenario under one draw, behind a trait so that the
//! sweep's unit tests can use a fake) and one claim's record over the whole
//! sweep.

pub use crate::claims::{Evaluation, Finding};
use crate::sim::Scenario;
use std::sync::Arc;

/// A claim holding in fewer draws than this share is not shown (CLAIMS.md).
pub const ROBUST_SHARE: f64 = 0.8;

/// Plays a scenario over seeds and judges the claims on those games.
pub trait Evaluator: Sync {
    fn evaluate(&self, scenario: Arc<Scenario>, seeds: &[u64]) -> Evaluation;
}

/// One claim in one scenario over the whole sweep.
#[derive(Clone, Debug)]
pub struct ClaimSummary {
    pub id: &'static str,
    pub title: &'static str,
    pub scenario: String,
    /// At draw 0; `Err(reason)` when it does not apply there.
    pub at_defaults: Option<Result<Finding, &'static str>>,
    /// Draws 1..=N in which the claim applies, and in which it holds.
    pub applies: usize,
    pub holds: usize,
    /// The parameters with the largest |Spearman ρ| against the effect.
    pub depends_on: Vec<(&'static str, f64)>,
}

impl ClaimSummary {
    /// Share of applying draws in which the claim holds.
    pub fn share(&self) -> Option<f64> {
        (self.applies > 0).then(|| self.holds as f64 / self.applies as f64)
    }

    /// Holds in fewer than 80% of the draws where it applies.
    pub fn below_robust(&self) -> bool {
        self.share().is_some_and(|share| share < ROBUST_SHARE)
    }
}
