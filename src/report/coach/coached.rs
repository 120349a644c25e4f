//! The `coached` player: each week it plays exactly what the coach's move
//! says (the last week's plan with the move made), or the last week's plan
//! again when the coach has nothing to add. It is a player above the
//! model, not one of the model's declarative strategies, because each week
//! it asks the coach, and the coach plays the game on to check its move.

use super::moves::{advise, current_plan};
use crate::sim::{Simulation, WeekPlan};

/// The name `rapport run --strategy` knows it by.
pub const COACHED: &str = "coached";

/// What the coached player plays in the week about to start.
pub fn coached_week(simulation: &Simulation) -> WeekPlan {
    advise(simulation).plan(&current_plan(simulation))
}

/// Plays the rest of the game as the coach says: first the days left of a
/// week already begun, then every remaining week.
pub fn play_coached(simulation: &mut Simulation) {
    while simulation.step_day().is_ok() {}
    while !simulation.finished() {
        let plan = coached_week(simulation);
        if simulation.run_week(&plan).is_err() {
            simulation
                .run_week(&WeekPlan::default())
                .expect("an empty plan always fits");
        }
    }
}
