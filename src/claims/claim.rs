//! The shape of a claim and of what checking it finds: the types that the
//! claim definitions, the tests, `rapport sweep` and the debrief share.

use super::measure::Finding;
use super::trial::{RunRecord, Trial};
use crate::sim::Scenario;

/// One claim of the articles, defined once: its words, when it applies, how
/// it is measured and which mechanism its control removes.
#[derive(Clone, Copy)]
pub struct Claim {
    /// `C1` .. `C22`.
    pub id: &'static str,
    /// A short name in words, for players (the debrief cites it).
    pub title: &'static str,
    /// The claim in one sentence, in our own words.
    pub statement: &'static str,
    /// `Ok` when the claim can be tested in the scenario, else the reason in words.
    pub applies: fn(&Scenario) -> Result<(), &'static str>,
    /// Measures the claim on a trial (one scenario, many seeds).
    pub check: fn(&mut Trial) -> Finding,
    /// Removes a mechanism the claim rests on; the claim must then fail.
    pub control: fn(&mut Scenario),
    /// What the control removes, in words.
    pub control_note: &'static str,
    /// For a claim that compares the designer's strategies: the same sign
    /// checked over random legal plans (`claims::plans`).
    pub random_plans: Option<fn(&[super::plans::PlanGame]) -> Finding>,
}

/// A claim's outcome in one scenario.
#[derive(Clone, Debug)]
pub struct ClaimFinding {
    pub id: &'static str,
    pub title: &'static str,
    /// `Err` with the reason when the claim does not apply to the scenario.
    pub outcome: Result<Finding, &'static str>,
}

/// Every claim checked on one scenario, and every run that took.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub runs: Vec<RunRecord>,
    pub findings: Vec<ClaimFinding>,
}
