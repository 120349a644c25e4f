//! The coach in the window: whether it is on for this game, which hints the
//! player hid this week, the week's move (checked in a background job, once
//! a week), and the cards the planner and the running week draw. What the
//! hints and the move say comes from `report::coach`.

use super::jobs::{Job, progress_bar};
use super::profiling::{GameSystems, GameUpdate};
use super::session::Session;
use super::theme::widgets::{scroll_at_most, text};
use crate::report::coach::moves::{Advice, advise};
use crate::report::coach::{Hint, HintKind, Reading, hints, running_hints};
use crate::sim::{PlannedAction, Simulation, WeekPlan};
use bevy::prelude::*;
use bevy_egui::egui;
use std::sync::Arc;

/// A game between two weeks: its scenario's address, seed, weeks played
/// and state hash after the last one.
type WeekKey = (usize, u64, usize, u64);

fn week_key(simulation: &Simulation) -> WeekKey {
    (
        Arc::as_ptr(simulation.scenario()) as usize,
        simulation.seed(),
        simulation.plans().len(),
        simulation.week_hashes().last().copied().unwrap_or_default(),
    )
}

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
    /// The week's move, once checked, and the week it is for.
    advice: Option<(WeekKey, Arc<Advice>)>,
    /// The check running in the background, and the week it is for.
    job: Option<(WeekKey, Job<Advice>)>,
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
        self.advice = None;
        self.job = None;
    }

    /// The move checked for the week about to be planned in `simulation`,
    /// once the background check is done.
    pub fn advice(&self, simulation: &Simulation) -> Option<&Arc<Advice>> {
        let key = week_key(simulation);
        self.advice.as_ref().filter(|(k, _)| *k == key).map(|(_, a)| a)
    }

    /// Whether the move for `simulation`'s next week is still being checked.
    pub fn checking(&self, simulation: &Simulation) -> bool {
        let key = week_key(simulation);
        self.job.as_ref().is_some_and(|(k, _)| *k == key)
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

/// Whether `plan` already makes every action `added` asks for (the same
/// kind aimed at the same people), so the move is followed.
pub fn makes(plan: &WeekPlan, added: &[PlannedAction]) -> bool {
    let mut left: Vec<&PlannedAction> = plan.actions.iter().collect();
    added.iter().all(|wanted| {
        match left
            .iter()
            .position(|a| a.kind == wanted.kind && a.target == wanted.target)
        {
            Some(i) => {
                left.swap_remove(i);
                true
            }
            None => false,
        }
    })
}

/// The coach's cards for the week being planned (nothing when it is off),
/// in a scroll area at most `max_height` tall: the week's move first, then
/// the hints. Returns the plan to switch to when the player takes the move.
pub fn planner_cards(
    ui: &mut egui::Ui,
    coach: &mut Coach,
    simulation: &Simulation,
    plan: &WeekPlan,
    max_height: f32,
) -> Option<WeekPlan> {
    if !coach.enabled(&simulation.scenario().id) {
        return None;
    }
    let mut taken = None;
    if let Some((_, job)) = coach.job.as_ref().filter(|(k, _)| *k == week_key(simulation)) {
        progress_bar(ui, job);
    } else if let Some(advice) = coach.advice(simulation).cloned() {
        taken = move_card(ui, &advice, plan);
    }
    let reading = coach.reading(simulation);
    let all = hints(simulation, &reading, plan);
    cards(ui, coach, simulation.week(), &all, max_height);
    taken
}

/// The week's move, with a button that puts it in the plan; nothing once
/// the plan already makes it. When the plan played last week meets every
/// goal, a button that plans it again.
fn move_card(ui: &mut egui::Ui, advice: &Advice, plan: &WeekPlan) -> Option<WeekPlan> {
    let words = advice.text()?;
    // The button under the words, if any: its label, its hover text and
    // the plan it puts in.
    let button: Option<(&str, &str, &WeekPlan)> = match advice {
        Advice::Move(chosen) if makes(plan, &chosen.added) => return None,
        Advice::Move(chosen) => Some((
            "Plan this move",
            "Replaces this week's plan with last week's plan and the move (what the coach played \
             to check it)",
            &chosen.plan,
        )),
        Advice::OnTrack { plan: kept, .. } if kept == plan || kept.actions.is_empty() => None,
        Advice::OnTrack { plan: kept, .. } => Some((
            "Plan it again",
            "Replaces this week's plan with last week's plan, the one the coach played on",
            kept,
        )),
        Advice::Nothing => None,
    };
    let mut taken = None;
    ui.label(egui::RichText::new("Coach: this week's move").strong());
    egui::Frame::group(ui.style())
        .fill(super::theme::palette::COACH_CARD)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            text(ui, words);
            if let Some((label, hover, wanted)) = button
                && ui.button(label).on_hover_text(hover).clicked()
            {
                taken = Some(wanted.clone());
            }
        });
    ui.add_space(4.0);
    taken
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

/// Between weeks of a game with the coach on: starts checking the move for
/// the week about to be planned (once a week), and takes it when it is done.
fn check_move(session: Option<Res<Session>>, mut coach: ResMut<Coach>) {
    if let Some((key, job)) = coach.job.as_mut()
        && let Some(outcome) = job.take()
    {
        let key = *key;
        coach.job = None;
        // A check that failed says nothing rather than something unchecked.
        coach.advice = Some((key, Arc::new(outcome.unwrap_or(Advice::Nothing))));
    }
    let Some(session) = session else { return };
    let simulation = session.simulation();
    if !coach.enabled(&simulation.scenario().id) || simulation.finished() || simulation.week_running() {
        return;
    }
    let key = week_key(simulation);
    let known = coach.advice.as_ref().is_some_and(|(k, _)| *k == key)
        || coach.job.as_ref().is_some_and(|(k, _)| *k == key);
    if !known {
        // The game is built again in the job (from its plans), not copied
        // here: at a million people a copy takes a frame of a tenth of a second.
        let game = simulation.rebuild();
        coach.job = Some((
            key,
            Job::spawn("the coach is playing its move on your game", move |_| {
                // A game that did not play again as it was gets no move
                // rather than one checked on another game.
                game.build().map_or(Advice::Nothing, |game| advise(&game))
            }),
        ));
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Coach>();
    app.add_systems(GameUpdate, check_move.in_set(GameSystems::Collect));
}
