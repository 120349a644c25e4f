//! The class game engine over a class folder: every team's plans, the
//! rounds played, the reports and the standings, each written atomically
//! before it is acknowledged. The CLI (offline) and the server both drive
//! this one engine, so both play the same game.
//!
//! STUB written before the work is split: the offline-class helper fills
//! in the bodies (and may add to them, without breaking these signatures).

use super::{ClassError, RoundStatus, TeamReport};
use crate::files::replay::Replay;
use crate::sim::{Scenario, WeekPlan};
use std::path::{Path, PathBuf};

/// The largest plan file a team may hand in.
pub const MAX_PLAN_BYTES: usize = 64 * 1024;

/// A team as `class new` created it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    pub name: String,
    pub code: String,
}

/// What `class new` made: the teams' join codes and the instructor's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub teams: Vec<Team>,
    pub instructor_key: String,
}

/// An open class folder.
#[derive(Debug)]
pub struct ClassGame {
    dir: PathBuf,
}

impl ClassGame {
    /// Creates a class game in `dir` (which must not hold one already).
    /// `seed` and `agents` default to the scenario's.
    pub fn create(
        dir: &Path,
        scenario_source: &str,
        teams: &[String],
        seed: Option<u64>,
        agents: Option<u32>,
    ) -> Result<(ClassGame, Created), ClassError> {
        let _ = (scenario_source, teams, seed, agents);
        Err(ClassError::Broken(format!(
            "{}: class games are not built yet",
            dir.display()
        )))
    }

    /// Opens the class game in `dir`.
    pub fn open(dir: &Path) -> Result<ClassGame, ClassError> {
        Err(ClassError::Broken(format!(
            "{}: class games are not built yet",
            dir.display()
        )))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The class's scenario, at the class's size.
    pub fn scenario(&self) -> Result<Scenario, ClassError> {
        Err(ClassError::Broken("not built yet".into()))
    }

    /// Checks a team's join code: `Refused` for an unknown team or a wrong code.
    pub fn authorise(&self, team: &str, code: &str) -> Result<(), ClassError> {
        let _ = (team, code);
        Err(ClassError::Broken("not built yet".into()))
    }

    pub fn status(&self, team: &str, code: &str) -> Result<RoundStatus, ClassError> {
        let _ = (team, code);
        Err(ClassError::Broken("not built yet".into()))
    }

    /// Hands in (or replaces) a team's plan for the round being collected;
    /// refused with the reason when the code is wrong, the game is over,
    /// or the plan does not fit the budget.
    pub fn hand_in(&self, team: &str, code: &str, plan: &WeekPlan) -> Result<(), ClassError> {
        let _ = (team, code, plan);
        Err(ClassError::Broken("not built yet".into()))
    }

    /// The same from a plan file's text (refused when over [`MAX_PLAN_BYTES`]
    /// or not a plan, with the place of the error).
    pub fn hand_in_text(&self, team: &str, code: &str, text: &str) -> Result<(), ClassError> {
        let _ = (team, code, text);
        Err(ClassError::Broken("not built yet".into()))
    }

    /// Plays the round when every plan is in (with `force`, a missing plan
    /// is an empty week); writes each team's report, the standings and the
    /// class replay. `key` is the instructor key.
    pub fn advance(&self, key: &str, force: bool) -> Result<RoundStatus, ClassError> {
        let _ = (key, force);
        Err(ClassError::Broken("not built yet".into()))
    }

    /// A team's reports of every closed round, oldest first.
    pub fn reports(&self, team: &str, code: &str) -> Result<Vec<TeamReport>, ClassError> {
        let _ = (team, code);
        Err(ClassError::Broken("not built yet".into()))
    }

    /// The whole class game so far as one replay (`verify` and `compare`
    /// accept it once every round is played).
    pub fn replay(&self) -> Result<Replay, ClassError> {
        Err(ClassError::Broken("not built yet".into()))
    }
}
