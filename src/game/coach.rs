//! The coach in the window: whether it is on for this game, which hints the
//! player hid this week, and the hint cards the planner and the running
//! week draw. What the hints say comes from `report::coach`.

use super::theme::widgets::{scroll_at_most, text};
use crate::report::coach::{Hint, HintKind, Reading, hints, running_hints};
use crate::sim::{Simulation, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;

/// The scenario whose coach is on unless the player turns it off.
pub const TUTORIAL: &str = "first_steps";

/// The coach's settings and what it read last.
#[derive(Resource, Default)]
pub struct Coach {
    /// The player's choice for a scenario (its id), made on the choose
    /// screen or in the planner; other games follow [`TUTORIAL`].
    choice: Option<(String, bool)>,
    /// Hints hidden by the player, and the game week they were hidden in
    /// (they come back next week if they still hold).
    dismissed: Vec<(HintKind, u32)>,
    /// The audience read on a day of a game (its scenario's address, seed
    /// and day). One pass over everyone, so once a day, not every frame.
    reading: Option<((usize, u64, u32), Reading)>,
}

impl Coach {
    /// Whether the coach speaks in a game of `scenario_id`.
    pub fn enabled(&self, scenario_id: &str) -> bool {
        match &self.choice {
            Some((id, on)) if id == scenario_id => *on,
            _ => scenario_id == TUTORIAL,
        }
    }

    /// Sets the coach on or off for games of `scenario_id`.
    pub fn set(&mut self, scenario_id: &str, on: bool) {
        self.choice = Some((scenario_id.to_string(), on));
    }

    /// A new game: hidden hints show again.
    pub fn new_game(&mut self, scenario_id: &str, on: bool) {
        self.set(scenario_id, on);
        self.dismissed.clear();
        self.reading = None;
    }

    fn reading(&mut self, simulation: &Simulation) -> Reading {
        let game = std::sync::Arc::as_ptr(simulation.scenario()) as usize;
        let key = (game, simulation.seed(), simulation.day());
        match self.reading {
            Some((read, reading)) if read == key => reading,
            _ => {
                let reading = Reading::of(simulation);
                self.reading = Some((key, reading));
                reading
            }
        }
    }

    fn shown(&self, hint: &Hint, week: u32) -> bool {
        !self.dismissed.contains(&(hint.kind, week))
    }
}

/// The coach's cards for the week being planned (nothing when it is off),
/// in a scroll area at most `max_height` tall.
pub fn planner_cards(
    ui: &mut egui::Ui,
    coach: &mut Coach,
    simulation: &Simulation,
    plan: &WeekPlan,
    max_height: f32,
) {
    if !coach.enabled(&simulation.scenario().id) {
        return;
    }
    let reading = coach.reading(simulation);
    let all = hints(simulation, &reading, plan);
    cards(ui, coach, simulation.week(), &all, max_height);
}

/// The coach's cards while a week plays: only what to watch for.
pub fn running_cards(ui: &mut egui::Ui, coach: &mut Coach, simulation: &Simulation) {
    if !coach.enabled(&simulation.scenario().id) {
        return;
    }
    let reading = coach.reading(simulation);
    let all = running_hints(simulation, &reading);
    cards(ui, coach, simulation.week(), &all, 200.0);
}

/// The on/off switch, for the planner's top bar.
pub fn switch(ui: &mut egui::Ui, coach: &mut Coach, scenario_id: &str) {
    let mut on = coach.enabled(scenario_id);
    if ui
        .checkbox(&mut on, "Coach")
        .on_hover_text("Hints about this week's plan, each with its reason in your numbers.")
        .changed()
    {
        coach.set(scenario_id, on);
    }
}

fn cards(ui: &mut egui::Ui, coach: &mut Coach, week: u32, all: &[Hint], max_height: f32) {
    let shown: Vec<&Hint> = all.iter().filter(|h| coach.shown(h, week)).collect();
    if shown.is_empty() {
        return;
    }
    ui.label(egui::RichText::new("Coach").strong());
    scroll_at_most(ui, "coach_cards", max_height, |ui| {
        for hint in shown {
            egui::Frame::group(ui.style())
                .fill(super::theme::palette::COACH_CARD)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    text(ui, &hint.text);
                    if ui
                        .small_button("Hide")
                        .on_hover_text("Hide this hint for the rest of the week")
                        .clicked()
                    {
                        coach.dismissed.push((hint.kind, week));
                    }
                });
        }
    });
    ui.add_space(4.0);
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Coach>();
}
