//! The class's setup: a hand-in counts for a class only when it was played
//! on the class scenario's own seed and audience size. A replay on another
//! seed or size can be genuine (a practice run, `rapport run --seed`), so
//! `verify` without a class scenario proves it and names the difference,
//! while `grade` and `verify --scenario` refuse it.

use super::{Mismatch, Replay};
use crate::sim::Scenario;
use crate::text::count;

/// Whether a replay of one player was played on `class`'s seed and size.
pub fn check_class_setup(replay: &Replay, class: &Scenario) -> Result<(), Mismatch> {
    if replay.seed != class.seed {
        return Err(Mismatch::ClassSeed {
            theirs: replay.seed,
            class: class.seed,
        });
    }
    if replay.agents != class.agents {
        return Err(Mismatch::ClassSize {
            theirs: count(u64::from(replay.agents)),
            class: count(u64::from(class.agents)),
        });
    }
    Ok(())
}

/// "not a hand-in for the scenario as written: played on seed 31345; the
/// class plays 31337", or `None` when the replay is on the scenario's own
/// seed and size.
pub fn class_setup_note(replay: &Replay, scenario: &Scenario) -> Option<String> {
    check_class_setup(replay, scenario).err().map(|mismatch| {
        format!(
            "not on `{}` as written ({mismatch}), so `grade` does not rank it",
            replay.scenario
        )
    })
}
