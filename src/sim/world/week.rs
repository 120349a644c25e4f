//! The week protocol's state and errors: which week is being played and
//! why a week cannot begin or go on.

use super::super::action::{PlanError, WeekPlan};

/// The week being played: its plan and how many of its days are done.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RunningWeek {
    pub plan: WeekPlan,
    pub days_done: u8,
}

/// Why a week cannot begin or go on.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WeekError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("a week is already being played; finish it first")]
    WeekRunning,
    #[error("no week is being played; begin one with its plan first")]
    NoWeekRunning,
    #[error("the game is over: every week of the scenario has been played")]
    GameOver,
    #[error("this game takes a plan for each of its {expected} players; {given} given")]
    Plans { expected: usize, given: usize },
    #[error("the plan of `{brand}`: {error}")]
    BrandPlan { brand: String, error: PlanError },
}
