//! The inspector: one person's current numbers (`report::narrative::
//! person_story`), the friend who brought them, and their timeline
//! (`report::timeline::person_timeline`).
//!
//! The timeline re-simulates the game so far, so on a large audience it is
//! computed on a background thread from the scenario, seed and plans (a
//! copy of a million people would cost the frame more than the plans do);
//! the last timeline stays on screen, marked with its day, until the next
//! one is ready. Only one computation runs at a time.

use crate::game::jobs::Job;
use crate::game::theme::widgets::text;
use crate::report::narrative::person_story;
use crate::report::timeline::{GameSoFar, Timeline, person_timeline, timeline_of};
use crate::sim::Simulation;
use crate::text::count;
use bevy::prelude::*;
use bevy_egui::egui;
use std::sync::Arc;

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
    running: Option<(Key, Job<Timeline>)>,
    /// A computation that failed, not to be started again for the same key.
    failed: Option<Key>,
}

impl TimelineJob {
    /// Brings the timeline up to date with `agent` on the simulation's day:
    /// at once on a small audience, otherwise by starting (or collecting) the
    /// background computation.
    pub fn update(&mut self, simulation: &Simulation, agent: u32) {
        let wanted = key_of(simulation, agent);
        if let Some((key, job)) = &mut self.running {
            match job.take() {
                None => return,
                Some(Ok(timeline)) => self.shown = Some((*key, timeline)),
                // A computation that failed leaves the last timeline shown.
                Some(Err(_)) => self.failed = Some(*key),
            }
            self.running = None;
        }
        if self.shown.as_ref().is_some_and(|(key, _)| *key == wanted) || self.failed == Some(wanted) {
            return;
        }
        if simulation.audience().len() <= TIMELINE_INLINE_AGENTS {
            self.shown = Some((wanted, person_timeline(simulation, agent)));
            return;
        }
        // The job plays the game again from its plans in a rayon pool of
        // its own, so the running week's days never wait behind it.
        let game = GameSoFar::of(simulation);
        let job = Job::spawn("working out this person's story", move |_| {
            timeline_of(&game, agent)
        });
        self.running = Some((wanted, job));
    }

    /// Whether a newer timeline is being computed.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }
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
        text(
            ui,
            "Click a point to see who it is, their ties and what happened to them.",
        );
        return None;
    };
    for line in person_story(simulation, agent) {
        text(ui, line);
    }
    text(
        ui,
        format!(
            "{} ties to other people (drawn as lines).",
            count(u64::from(simulation.graph().degree(agent)))
        ),
    );
    job.update(simulation, agent);
    let Some((key, timeline)) = job.shown.as_ref().filter(|((_, _, a, _), _)| *a == agent) else {
        ui.horizontal_wrapped(|ui| {
            ui.spinner();
            ui.label("Going through their story…");
        });
        return None;
    };
    let mut next = None;
    if let Some(friend) = timeline.brought_by {
        ui.horizontal_wrapped(|ui| {
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
    // The right panel scrolls as a whole, the timeline with it.
    for entry in &timeline.entries {
        text(ui, entry.text.as_str());
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::{find_scenario, find_strategy};
    use std::sync::Arc;

    #[test]
    fn the_game_replayed_from_its_plans_is_the_same_game_mid_week() {
        let scenario = Arc::new(find_scenario("first_steps").unwrap().with_agents(400));
        let strategy = find_strategy("balanced").unwrap();
        let mut game = Simulation::new(scenario, 5);
        for _ in 0..2 {
            let plan = strategy.plan_week(&game);
            game.run_week(&plan).unwrap();
        }
        game.begin_week(strategy.plan_week(&game)).unwrap();
        for _ in 0..3 {
            game.step_day().unwrap();
        }
        let again = crate::report::timeline::replay_watching(&GameSoFar::of(&game), 0);
        assert_eq!(again.day(), game.day());
        assert_eq!(again.state_hash(), game.state_hash());
    }
}
