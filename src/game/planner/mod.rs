//! The planner: the week's budget, the actions to add (with their keys),
//! the plan in order, and "Run the week"; in a market, what the rivals did
//! last week. The action panel and the plan's list serve the class screen too.

mod actions;

use super::coach::{self, Coach};
use super::session::Session;
use super::state::{Overlay, Screen, showing};
use super::theme::palette::{ERROR, NOTICE};
use super::theme::widgets::{kpi_summary, root};
use crate::report::format::count;
use crate::report::format::hours;
use crate::report::plan::describe;
use crate::sim::{Scenario, WeekPlan};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub use actions::{Choices, panel as action_panel};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Choices>();
    app.add_systems(EguiPrimaryContextPass, plan.run_if(showing(Screen::Plan)));
}

/// The week's hours and money left after `plan` (the planner and the class screen).
pub fn budget_bars(ui: &mut egui::Ui, scenario: &Scenario, plan: &WeekPlan) {
    let cost = plan.total_cost(&scenario.actions);
    let hours_left = scenario.hours_per_week - cost.hours;
    let money_left = scenario.money_per_week - cost.money;
    ui.add(
        egui::ProgressBar::new((hours_left / scenario.hours_per_week) as f32)
            .text(format!(
                "{} of {} left",
                hours(hours_left),
                hours(scenario.hours_per_week)
            ))
            .desired_width(320.0),
    );
    let money_share = if scenario.money_per_week > 0.0 {
        money_left / scenario.money_per_week
    } else {
        0.0
    };
    ui.add(
        egui::ProgressBar::new(money_share as f32)
            .text(format!(
                "{} of {} money left",
                count(money_left.max(0.0).round() as u64),
                count(scenario.money_per_week.max(0.0).round() as u64)
            ))
            .desired_width(320.0),
    );
}

fn plan(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut choices: ResMut<Choices>,
    mut coach: ResMut<Coach>,
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
) -> Result {
    let Some(mut session) = session else {
        next.set(Screen::Choose);
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let week = session.simulation.week() + 1;
    let weeks = session.simulation.scenario().weeks;
    egui::Panel::top("plan_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!(
                "{} — plan week {week} of {weeks}",
                session.simulation.scenario().brand
            ));
            ui.separator();
            budget_bars(ui, session.simulation.scenario(), &session.plan);
            ui.separator();
            coach::switch(ui, &mut coach, &session.simulation.scenario().id);
            if ui.button("Help (F1)").clicked() || ui.input(|i| i.key_pressed(egui::Key::F1)) {
                overlay.set(Overlay::Help);
            }
        });
    });
    let scenario = session.simulation.scenario().clone();
    egui::Panel::left("actions")
        .exact_size(470.0)
        .show(&mut ui, |ui| {
            if let Some(kind) = actions::panel(ui, &ctx, &scenario, &mut choices) {
                actions::try_add(&mut session, &choices, kind);
            }
        });
    let market = session.simulation.brand_count() > 1;
    egui::Panel::right("plan_side")
        .exact_size(if market { 340.0 } else { 300.0 })
        .show(&mut ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                kpi_summary(ui, &session.simulation);
                if market {
                    ui.separator();
                    super::market::rivals_week(ui, &session.simulation);
                }
            });
        });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.heading("This week");
        if let Some(error) = &session.save_error {
            ui.colored_label(ERROR, error);
        }
        if let Some(notice) = &session.notice {
            ui.colored_label(NOTICE, notice);
        }
        coach::planner_cards(ui, &mut coach, &session.simulation, &session.plan);
        let height = ui.available_height() - 60.0;
        plan_list(ui, &ctx, &scenario, &mut session.plan, height);
        ui.separator();
        let run = ui
            .button(egui::RichText::new("Run the week ▶  (Enter)").size(18.0))
            .clicked()
            || ctx.input(|i| i.key_pressed(egui::Key::Enter));
        if run {
            match session.start_week() {
                Ok(()) => next.set(Screen::Running),
                Err(error) => session.notice = Some(error.to_string()),
            }
        }
    });
    Ok(())
}

/// The week's plan in order, each line with up, down and remove; Backspace
/// removes the last. The days are spread again in the new order.
pub fn plan_list(
    ui: &mut egui::Ui,
    ctx: &egui::Context,
    scenario: &Scenario,
    plan: &mut WeekPlan,
    height: f32,
) {
    let mut remove = None;
    let mut swap = None;
    let count = plan.actions.len();
    egui::ScrollArea::vertical()
        .id_salt("plan_list")
        .max_height(height)
        .show(ui, |ui| {
            for (i, action) in plan.actions.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(format!("{}. {}", i + 1, describe(scenario, action)));
                    if ui
                        .small_button("up")
                        .on_hover_text("Move earlier in the week")
                        .clicked()
                        && i > 0
                    {
                        swap = Some((i - 1, i));
                    }
                    if ui
                        .small_button("down")
                        .on_hover_text("Move later in the week")
                        .clicked()
                        && i + 1 < count
                    {
                        swap = Some((i, i + 1));
                    }
                    if ui.small_button("x").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if count == 0 {
                ui.label("Nothing planned yet. Add actions from the left (or press their keys).");
            }
        });
    if let Some((a, b)) = swap {
        plan.actions.swap(a, b);
    }
    if let Some(i) = remove {
        plan.actions.remove(i);
    }
    if ctx.input(|i| i.key_pressed(egui::Key::Backspace)) && !ctx.egui_wants_keyboard_input() {
        plan.actions.pop();
    }
    plan.spread_in_order();
}
