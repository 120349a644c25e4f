//! What `rapport sweep` asks of a claim checker and what it makes of the
//! answers: the checker's findings for one scenario under one draw, and one
//! claim's record over the whole sweep.

use crate::sim::{Kpis, Scenario};
use std::sync::Arc;

/// A claim holding in fewer draws than this share is not shown (CLAIMS.md).
pub const ROBUST_SHARE: f64 = 0.8;

/// What the claim checker found about one scenario under one draw.
#[derive(Clone, Debug, Default)]
pub struct DrawOutcome {
    /// Every game it played.
    pub runs: Vec<RunRow>,
    /// Every claim, in the checker's order, applying or not.
    pub findings: Vec<ClaimRow>,
}

/// One game the checker played: which arm (strategy or control), which seed.
#[derive(Clone, Debug)]
pub struct RunRow {
    pub arm: String,
    pub seed: u64,
    pub kpis: Kpis,
}

/// One claim's outcome; `Err(reason)` when it does not apply here.
#[derive(Clone, Debug)]
pub struct ClaimRow {
    pub id: &'static str,
    pub title: &'static str,
    pub outcome: Result<ClaimResult, &'static str>,
}

/// Whether a claim holds, and by how much: `effect` is a signed margin,
/// above 0 when it holds, comparable across draws.
#[derive(Clone, Debug)]
pub struct ClaimResult {
    pub holds: bool,
    pub effect: f64,
    pub summary: String,
}

/// Plays a scenario over seeds and judges the claims on those games.
pub trait Evaluator: Sync {
    fn evaluate(&self, scenario: Arc<Scenario>, seeds: &[u64]) -> DrawOutcome;
}

/// One claim in one scenario over the whole sweep.
#[derive(Clone, Debug)]
pub struct ClaimSummary {
    pub id: &'static str,
    pub title: &'static str,
    pub scenario: String,
    /// At draw 0; `Err(reason)` when it does not apply there.
    pub at_defaults: Option<Result<ClaimResult, &'static str>>,
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
