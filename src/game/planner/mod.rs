//! The planner: the week's budget, the actions to add (with their keys),
//! the plan in order, and "Run the week"; in a market, what the rivals did
//! last week. The action panel and the plan's list serve the class screen too.

mod actions;

use super::coach::{self, Coach};
use super::keys::EnterLatch;
use super::profiling::GameSystems;
use super::session::Session;
use super::state::{Overlay, Screen, showing};
use super::theme::palette::{ERROR, NOTICE};
use super::theme::widgets::{
    bar, bar_fill, bullet, kpi_summary, pressed_once, root, scroll, shortcut, side_width, text,
};
use crate::report::beliefs::belief_lines;
use crate::report::plan::{PlanEdit, describe};
use crate::sim::{Scenario, Simulation, WeekPlan};
use crate::text::count;
use crate::text::hours;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub use actions::{Choices, panel as action_panel};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Choices>();
    app.add_systems(
        EguiPrimaryContextPass,
        plan.run_if(showing(Screen::Plan)).in_set(GameSystems::Draw),
    );
}

/// The width of one budget bar in the top bar.
const BUDGET_BAR_WIDTH: f32 = 230.0;

/// The week's hours and money left after `plan` (the planner and the class screen).
pub fn budget_bars(ui: &mut egui::Ui, scenario: &Scenario, plan: &WeekPlan) {
    let cost = plan.total_cost(&scenario.actions);
    let hours_left = scenario.hours_per_week - cost.hours;
    let money_left = scenario.money_per_week - cost.money;
    let money_share = if scenario.money_per_week > 0.0 {
        money_left / scenario.money_per_week
    } else {
        0.0
    };
    for (share, label) in [
        (
            hours_left / scenario.hours_per_week,
            format!("{} of {} left", hours(hours_left), hours(scenario.hours_per_week)),
        ),
        (
            money_share,
            format!(
                "{} of {} money left",
                count(money_left.max(0.0).round() as u64),
                count(scenario.money_per_week.max(0.0).round() as u64)
            ),
        ),
    ] {
        ui.allocate_ui(egui::vec2(BUDGET_BAR_WIDTH, 40.0), |ui| {
            ui.vertical(|ui| {
                ui.set_width(BUDGET_BAR_WIDTH);
                bar(ui, share, bar_fill(), label);
            });
        });
    }
}

/// What the player asked for in the planner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlanAsk {
    RunWeek,
    Help,
}

/// Draws the planner; adds and edits actions itself (through the session's
/// one rule), and returns what the screen should do next. `enter`: Enter
/// was pressed once on this screen.
pub(crate) fn draw(
    ui: &mut egui::Ui,
    session: &mut Session,
    choices: &mut Choices,
    coach: &mut Coach,
    enter: bool,
) -> Option<PlanAsk> {
    let mut asked = None;
    let week = session.simulation().week() + 1;
    let scenario = session.simulation().scenario().clone();
    egui::Panel::top("plan_top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!(
                "{} — plan week {week} of {}",
                scenario.brand, scenario.weeks
            ));
            ui.separator();
            budget_bars(ui, &scenario, session.plan());
            ui.separator();
            coach::switch(ui, coach, &scenario.id);
            if ui.button("Help (F1)").clicked() || pressed_once(ui.ctx(), egui::Key::F1) {
                asked = Some(PlanAsk::Help);
            }
            ui.label(egui::RichText::new("Esc: menu").weak());
        });
    });
    let left = side_width(ui, 0.36, 260.0, 470.0);
    egui::Panel::left("actions").exact_size(left).show(ui, |ui| {
        if let Some(kind) = actions::panel(ui, &scenario, choices) {
            actions::try_add(session, choices, kind);
        }
    });
    let market = session.simulation().brand_count() > 1;
    let right = side_width(ui, 0.3, 230.0, if market { 360.0 } else { 310.0 });
    egui::Panel::right("plan_side").exact_size(right).show(ui, |ui| {
        scroll(ui, "plan_side", |ui| {
            kpi_summary(ui, session.simulation());
            ui.separator();
            beliefs(ui, session.simulation());
            if market {
                ui.separator();
                super::market::rivals_week(ui, session.simulation());
            }
        });
    });
    // "Run the week" sits in a bar of its own at the bottom, so that hiding
    // a hint or a notice never moves it under the pointer.
    egui::Panel::bottom("plan_run").show(ui, |ui| {
        ui.add_space(4.0);
        let run = ui
            .button(egui::RichText::new("Run the week ▶  (Enter)").size(18.0))
            .clicked();
        ui.add_space(4.0);
        if run || enter {
            asked = Some(PlanAsk::RunWeek);
        }
    });
    egui::CentralPanel::default_margins().show(ui, |ui| {
        ui.heading("This week");
        if let Some(error) = session.save_error() {
            text(ui, egui::RichText::new(error).color(ERROR));
        }
        if let Some(notice) = session.notice() {
            text(ui, egui::RichText::new(notice).color(NOTICE));
        }
        let cards_height = ui.available_height() * 0.45;
        if let Some(plan) =
            coach::planner_cards(ui, coach, session.simulation(), session.plan(), cards_height)
        {
            session.set_plan(plan);
        }
        ui.label(egui::RichText::new("Your plan, in order").strong());
        if let Some(edit) = plan_list(ui, &scenario, session.plan()) {
            session.edit_plan(edit);
        }
    });
    asked
}

/// What the brand believes of each group: the content and the tone that
/// suit it, as far as listening has taught it (the tone choice rests on it).
fn beliefs(ui: &mut egui::Ui, simulation: &Simulation) {
    text(
        ui,
        egui::RichText::new("What you believe of your groups").strong(),
    )
    .on_hover_text(
        "Your brand's beliefs, not the truth: they start as guesses and listening (audience \
         research, answers, comments on people's posts) moves them toward what each group really \
         likes. The share from listening fades a little each week.",
    );
    for line in belief_lines(simulation) {
        bullet(ui, &line);
    }
}

fn plan(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut choices: ResMut<Choices>,
    mut coach: ResMut<Coach>,
    mut enter: ResMut<EnterLatch>,
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
) -> Result {
    let Some(mut session) = session else {
        next.set(Screen::Choose);
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let enter = enter.pressed(&ctx, Screen::Plan);
    match draw(&mut ui, &mut session, &mut choices, &mut coach, enter) {
        Some(PlanAsk::RunWeek) => match session.start_week() {
            Ok(()) => {
                session.set_notice(None);
                next.set(Screen::Running);
            }
            Err(error) => session.set_notice(Some(error.to_string())),
        },
        Some(PlanAsk::Help) => overlay.set(Overlay::Help),
        None => {}
    }
    Ok(())
}

/// The week's plan in order, each line with up, down and remove before it
/// (so that a long line wraps instead of pushing them out); Backspace
/// removes the last. Returns the edit asked for.
pub fn plan_list(ui: &mut egui::Ui, scenario: &Scenario, plan: &WeekPlan) -> Option<PlanEdit> {
    let mut edit = None;
    let count = plan.actions.len();
    scroll(ui, "plan_list", |ui| {
        for (i, action) in plan.actions.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(i > 0, egui::Button::new("⏶").small())
                    .on_hover_text("Move earlier in the week")
                    .clicked()
                {
                    edit = Some(PlanEdit::Swap(i - 1, i));
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("⏷").small())
                    .on_hover_text("Move later in the week")
                    .clicked()
                {
                    edit = Some(PlanEdit::Swap(i, i + 1));
                }
                if ui
                    .small_button("✖")
                    .on_hover_text("Remove from the plan")
                    .clicked()
                {
                    edit = Some(PlanEdit::Remove(i));
                }
                text(ui, format!("{}. {}", i + 1, describe(scenario, action)));
            });
        }
        if count == 0 {
            text(
                ui,
                "Nothing planned yet. Add actions from the left (or press their keys).",
            );
        }
    });
    if shortcut(ui, egui::Key::Backspace) {
        edit = Some(PlanEdit::RemoveLast);
    }
    edit
}
