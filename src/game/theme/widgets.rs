//! Widgets more than one screen draws.

use crate::report::format::{count, percent};
use crate::report::narrative::goal_number;
use crate::sim::{Goal, Kpis, Simulation, goal_progress};
use bevy_egui::egui;

/// A root `Ui` covering the window, for panels.
pub fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new("root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.content_rect()),
    )
}

/// The size of the title screen's buttons.
pub const BIG_BUTTON: [f32; 2] = [260.0, 44.0];

/// A title-screen button.
pub fn big_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add_sized(
        BIG_BUTTON,
        egui::Button::new(egui::RichText::new(label).size(20.0)),
    )
}

/// A top bar with "Back (Esc)", a heading and an optional weak note after
/// it; true when the player asked to go back.
pub fn back_bar(ui: &mut egui::Ui, id: &str, heading: &str, note: Option<String>) -> bool {
    let mut back = false;
    egui::Panel::top(id.to_string()).show(ui, |ui| {
        ui.horizontal(|ui| {
            back = ui.button("Back (Esc)").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
            ui.heading(heading);
            if let Some(note) = note {
                ui.label(egui::RichText::new(note).weak());
            }
        });
    });
    back
}

/// One progress bar per goal, labelled "followers: 289 of 900" (planner,
/// report and debrief alike).
pub fn goal_bars(ui: &mut egui::Ui, goals: &[Goal], kpis: &Kpis) {
    for goal in goals {
        let label = format!(
            "{}: {} of {}",
            goal.metric.label(),
            goal_number(goal.metric, kpis.value(goal.metric)),
            goal_number(goal.metric, goal.target)
        );
        ui.add(egui::ProgressBar::new(goal_progress(goal, kpis) as f32).text(label));
    }
}

/// "Where you stand": the KPI grid and the goals (planner and report).
pub fn kpi_summary(ui: &mut egui::Ui, simulation: &Simulation) {
    let kpis = simulation.kpis_live();
    ui.heading("Where you stand");
    egui::Grid::new("kpis").striped(true).show(ui, |ui| {
        let rows: [(&str, String); 9] = [
            ("followers", count(kpis.followers)),
            ("leads", count(kpis.leads)),
            ("customers", count(kpis.customers)),
            ("advocates", count(kpis.advocates)),
            ("strong relationships", count(kpis.strong_relationships)),
            ("sentiment", format!("{:+.2}", kpis.sentiment)),
            ("engagement rate", percent(kpis.engagement_rate)),
            ("waiting comments", count(simulation.pending_comments())),
            ("score", format!("{:.2}", kpis.score)),
        ];
        for (name, value) in rows {
            ui.label(name);
            ui.label(value);
            ui.end_row();
        }
    });
    ui.separator();
    ui.label(egui::RichText::new("Goals").strong());
    goal_bars(ui, &simulation.scenario().goals, &kpis);
}
