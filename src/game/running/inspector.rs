//! The inspector: one person's current numbers (`report::narrative::
//! person_story`), the friend who brought them, and their timeline
//! (`report::timeline::person_timeline`).
//!
//! The timeline re-simulates the game so far, so on a large audience it is
//! computed on a background thread from the scenario, seed and plans (a
//! copy of a million people would cost the frame more than the plans do);
//! the last timeline stays on screen, marked with its day, until the next
//! one is ready. Only one computation runs at a time.

use crate::report::format::count;
use crate::report::narrative::person_story;
use crate::report::timeline::{Timeline, person_timeline};
use crate::sim::{Scenario, Simulation, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;
use std::sync::Arc;
use std::thread::JoinHandle;

/// Audiences up to this size get their timeline at once, on the UI thread.
pub const TIMELINE_INLINE_AGENTS: usize = 10_000;

/// Which game (its scenario's address and seed), person and day a
/// timeline is of.
type Key = (usize, u64, u32, u32);

fn key_of(simulation: &Simulation, agent: u32) -> Key {
    let game = Arc::as_ptr(simulation.scenario()) as usize;
    (game, simulation.seed(), agent, simulation.day())
}

/// The inspected person's timeline: the one shown, and the one on its way.
#[derive(Resource, Default)]
pub struct TimelineJob {
    shown: Option<(Key, Timeline)>,
    running: Option<(Key, JoinHandle<Timeline>)>,
    /// A computation that failed, not to be started again for the same key.
    failed: Option<Key>,
}

impl TimelineJob {
    /// Brings the timeline up to date with `agent` on the simulation's day:
    /// at once on a small audience, otherwise by starting (or collecting) the
    /// background computation.
    pub fn update(&mut self, simulation: &Simulation, agent: u32) {
        let wanted = key_of(simulation, agent);
        if self.running.as_ref().is_some_and(|(_, job)| !job.is_finished()) {
            return;
        }
        if let Some((key, job)) = self.running.take() {
            // A computation that panicked leaves the last timeline shown.
            match job.join() {
                Ok(timeline) => self.shown = Some((key, timeline)),
                Err(_) => self.failed = Some(key),
            }
        }
        if self.shown.as_ref().is_some_and(|(key, _)| *key == wanted) || self.failed == Some(wanted) {
            return;
        }
        if simulation.audience().len() <= TIMELINE_INLINE_AGENTS {
            self.shown = Some((wanted, person_timeline(simulation, agent)));
            return;
        }
        let scenario = simulation.scenario().clone();
        let seed = simulation.seed();
        let plans = simulation.plans().to_vec();
        let days_played = simulation.days_played();
        let running = simulation.week_running();
        let spawned = std::thread::Builder::new()
            .name("timeline".into())
            .spawn(move || {
                let again = replayed(scenario, seed, &plans, running, days_played);
                person_timeline(&again, agent)
            });
        if let Ok(job) = spawned {
            self.running = Some((wanted, job));
        }
    }

    /// Whether a newer timeline is being computed.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }
}

/// The game played again from its plans up to the same day (the model is
/// deterministic, so this is the same state).
fn replayed(
    scenario: Arc<Scenario>,
    seed: u64,
    plans: &[WeekPlan],
    week_running: bool,
    days_played: u8,
) -> Simulation {
    let mut again = Simulation::new(scenario, seed);
    let (done, current) = match (week_running, plans.split_last()) {
        (true, Some((current, done))) => (done, Some(current)),
        _ => (plans, None),
    };
    for plan in done {
        if again.run_week(plan).is_err() {
            return again;
        }
    }
    if let Some(plan) = current
        && again.begin_week(plan.clone()).is_ok()
    {
        for _ in 0..days_played {
            if again.step_day().is_err() {
                break;
            }
        }
    }
    again
}

/// Draws the inspector; returns a person to inspect next (the friend who
/// brought this one, when clicked).
pub(super) fn draw(
    ui: &mut egui::Ui,
    simulation: &Simulation,
    agent: Option<u32>,
    job: &mut TimelineJob,
) -> Option<u32> {
    ui.heading("Inspector");
    let Some(agent) = agent.filter(|&a| (a as usize) < simulation.audience().len()) else {
        ui.label("Click a point to see who it is, their ties and what happened to them.");
        return None;
    };
    for line in person_story(simulation, agent) {
        ui.label(line);
    }
    ui.label(format!(
        "{} ties to other people (drawn as lines).",
        count(u64::from(simulation.graph().degree(agent)))
    ));
    job.update(simulation, agent);
    let Some((key, timeline)) = job.shown.as_ref().filter(|((_, _, a, _), _)| *a == agent) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Going through their story…");
        });
        return None;
    };
    let mut next = None;
    if let Some(friend) = timeline.brought_by {
        ui.horizontal(|ui| {
            ui.label("Brought by a friend's share:");
            if ui
                .link(format!("person #{friend}"))
                .on_hover_text("Inspect that friend")
                .clicked()
            {
                next = Some(friend);
            }
        });
    }
    if key.3 != simulation.day() {
        ui.label(egui::RichText::new(format!("Story as of day {}; updating…", key.3)).weak());
    } else if job.busy() {
        ui.label(egui::RichText::new("Updating…").weak());
    }
    ui.label(egui::RichText::new("Timeline").strong());
    if timeline.entries.is_empty() {
        ui.label(egui::RichText::new("No events yet.").weak());
        return next;
    }
    egui::ScrollArea::vertical()
        .id_salt("timeline")
        .max_height(ui.available_height().max(80.0))
        .show(ui, |ui| {
            for entry in &timeline.entries {
                ui.add(egui::Label::new(format!("day {} — {}", entry.day, entry.text)).wrap());
            }
        });
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::{find_scenario, find_strategy};

    #[test]
    fn the_game_replayed_from_its_plans_is_the_same_game_mid_week() {
        let scenario = Arc::new(find_scenario("first_steps").unwrap().with_agents(400));
        let strategy = find_strategy("balanced").unwrap();
        let mut game = Simulation::new(scenario.clone(), 5);
        for _ in 0..2 {
            let plan = strategy.plan_week(&game);
            game.run_week(&plan).unwrap();
        }
        game.begin_week(strategy.plan_week(&game)).unwrap();
        for _ in 0..3 {
            game.step_day().unwrap();
        }
        let again = replayed(scenario, 5, game.plans(), game.week_running(), game.days_played());
        assert_eq!(again.day(), game.day());
        assert_eq!(again.state_hash(), game.state_hash());
    }
}
