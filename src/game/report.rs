//! The week's report: what happened, what the week shows, where the hours
//! went, and the charts of the game so far.

use super::session::Session;
use super::state::{Screen, showing};
use super::theme::plot::chart;
use super::theme::widgets::{kpi_summary, root};
use crate::report::narrative::{claims_of_week, notable_events};
use crate::report::weekly::weekly_rows;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, report.run_if(showing(Screen::Report)));
}

fn report(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(mut session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let rows = weekly_rows(session.simulation.history());
    let Some(last) = rows.last().cloned() else {
        return Ok(());
    };
    egui::Panel::top("report_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("Week {} report", last.week));
            ui.separator();
            let label = if session.simulation.finished() {
                "See the debrief ▶ (Enter)"
            } else {
                "Plan next week ▶ (Enter)"
            };
            if ui.button(label).clicked() || ctx.input(|i| i.key_pressed(egui::Key::Enter)) {
                next.set(session.close_report());
            }
        });
    });
    egui::Panel::left("events").exact_size(430.0).show(&mut ui, |ui| {
        ui.heading("What happened");
        for line in notable_events(&last) {
            ui.label(format!("• {line}"));
        }
        let previous = rows.len().checked_sub(2).map(|i| &rows[i]);
        let claims = claims_of_week(&last, previous);
        if !claims.is_empty() {
            ui.add_space(4.0);
            ui.label(egui::RichText::new("What this week shows").strong());
            for line in claims {
                ui.label(format!("• {line}"));
            }
        }
        ui.separator();
        ui.heading("Hours this week");
        let hours_per_week = session.simulation.scenario().hours_per_week;
        for (name, hours) in [
            ("broadcasting", last.hours_broadcast),
            ("conversation", last.hours_conversation),
            ("listening", last.hours_listening),
        ] {
            ui.add(
                egui::ProgressBar::new((hours / hours_per_week) as f32).text(format!("{name}: {hours:.1} h")),
            );
        }
        ui.separator();
        kpi_summary(ui, &session.simulation);
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let history = session.simulation.history();
            chart(ui, "followers", history, &[("followers", |d| d.followers as f64)]);
            chart(
                ui,
                "relationships",
                history,
                &[
                    ("strong relationships", |d| d.strong_relationships as f64),
                    ("advocates", |d| d.advocates as f64),
                ],
            );
            chart(
                ui,
                "funnel",
                history,
                &[
                    ("leads", |d| d.leads_total as f64),
                    ("customers", |d| d.customers_total as f64),
                ],
            );
            chart(
                ui,
                "sentiment",
                history,
                &[
                    ("community sentiment", |d| d.sentiment),
                    ("relationship index", |d| d.relationship_index),
                ],
            );
            chart(
                ui,
                "hours",
                history,
                &[
                    ("broadcast hours", |d| d.hours.broadcast),
                    ("conversation hours", |d| d.hours.conversation),
                    ("listening hours", |d| d.hours.listening),
                ],
            );
        });
    });
    Ok(())
}
