//! The compare view: up to four verified replays side by side, their
//! figures in a table and their days overlaid in charts.

use super::listing::{Browser, MAX_COMPARED, top_bar};
use crate::files::replay::Replay;
use crate::game::launch::Launch;
use crate::game::state::{Screen, showing};
use crate::game::theme::plot::{Series, daily_plot};
use crate::game::theme::widgets::root;
use crate::report::format::{count, hours};
use crate::sim::{DayMetrics, Simulation};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, compare.run_if(showing(Screen::Compare)));
}

fn compare(
    mut contexts: EguiContexts,
    launch: Res<Launch>,
    mut browser: ResMut<Browser>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if top_bar(&mut ui, "Compare replays", &launch) {
        next.set(Screen::Title);
    }
    let mut toggle = None;
    egui::Panel::left("compare_list")
        .exact_size(360.0)
        .show(&mut ui, |ui| {
            ui.label(format!("Tick up to {MAX_COMPARED} verified replays."));
            browser.status(ui);
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (i, entry) in browser.entries.iter().enumerate() {
                    let mut on = browser.compared.contains(&i);
                    let enabled = entry.outcome.is_ok() && (on || browser.compared.len() < MAX_COMPARED);
                    if ui
                        .add_enabled(enabled, egui::Checkbox::new(&mut on, &entry.label))
                        .changed()
                    {
                        toggle = Some(i);
                    }
                }
            });
        });
    if let Some(i) = toggle {
        if let Some(at) = browser.compared.iter().position(|&c| c == i) {
            browser.compared.remove(at);
        } else {
            browser.compared.push(i);
        }
    }
    let games: Vec<(&str, &Simulation, &Replay)> = browser
        .compared
        .iter()
        .filter_map(|&i| {
            let entry = &browser.entries[i];
            entry
                .outcome
                .as_ref()
                .ok()
                .map(|(r, g)| (entry.label.as_str(), g, r))
        })
        .collect();
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        if games.is_empty() {
            ui.label("Nothing ticked yet.");
            return;
        }
        egui::Grid::new("compare_table").striped(true).show(ui, |ui| {
            ui.label("");
            for (name, _, _) in &games {
                ui.label(egui::RichText::new(*name).strong());
            }
            ui.end_row();
            let rows: [(&str, fn(&Replay) -> String); 8] = [
                ("score", |r| format!("{:.3}", r.kpis.score)),
                ("followers", |r| count(r.kpis.followers)),
                ("customers", |r| count(r.kpis.customers)),
                ("strong relationships", |r| count(r.kpis.strong_relationships)),
                ("sentiment", |r| format!("{:+.2}", r.kpis.sentiment)),
                ("broadcasting", |r| hours(r.kpis.hours.broadcast)),
                ("conversation", |r| hours(r.kpis.hours.conversation)),
                ("listening", |r| hours(r.kpis.hours.listening)),
            ];
            for (label, cell) in rows {
                ui.label(label);
                for (_, _, replay) in &games {
                    ui.label(cell(replay));
                }
                ui.end_row();
            }
        });
        egui::ScrollArea::vertical().show(ui, |ui| {
            let charts: [(&str, fn(&DayMetrics) -> f64); 4] = [
                ("followers", |d| d.followers as f64),
                ("strong relationships", |d| d.strong_relationships as f64),
                ("community sentiment", |d| d.sentiment),
                ("leads", |d| d.leads_total as f64),
            ];
            for (title, value) in charts {
                ui.label(egui::RichText::new(title).strong());
                let lines: Vec<Series> = games
                    .iter()
                    .map(|&(name, game, _)| (name, game.history(), value))
                    .collect();
                daily_plot(ui, title, 150.0, &lines);
            }
        });
    });
    Ok(())
}
