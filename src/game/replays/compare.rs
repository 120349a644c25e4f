//! The compare view: up to four verified replays side by side, their
//! figures in a table and their days overlaid in charts.

use super::listing::{Browser, MAX_COMPARED, top_bar};
use crate::files::replay::Replay;
use crate::game::launch::Launch;
use crate::game::profiling::GameSystems;
use crate::game::state::{Screen, showing};
use crate::game::theme::plot::{Series, daily_plot};
use crate::game::theme::widgets::{root, scroll, scroll_both, side_width, text};
use crate::report::palette::series_style;
use crate::sim::{DayMetrics, Simulation};
use crate::text::{count, hours};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        compare.run_if(showing(Screen::Compare)).in_set(GameSystems::Draw),
    );
}

/// Draws the compare view: ticking replays acts on `browser` at once;
/// true when the player asked to go back.
pub(crate) fn draw(ui: &mut egui::Ui, browser: &mut Browser, folder: Option<String>) -> bool {
    let back = top_bar(ui, "Compare replays", folder);
    let mut toggle = None;
    let left = side_width(ui, 0.3, 240.0, 360.0);
    egui::Panel::left("compare_list").exact_size(left).show(ui, |ui| {
        text(ui, format!("Tick up to {MAX_COMPARED} verified replays."));
        browser.status(ui);
        scroll(ui, "compare_list", |ui| {
            for (i, entry) in browser.entries.iter().enumerate() {
                let mut on = browser.compared.contains(&i);
                let enabled = entry.outcome.is_ok() && (on || browser.compared.len() < MAX_COMPARED);
                let response = ui.add_enabled(
                    enabled,
                    egui::Checkbox::new(&mut on, egui::RichText::new(&entry.label)),
                );
                if response.changed() {
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
    egui::CentralPanel::default_margins().show(ui, |ui| {
        if games.is_empty() {
            text(ui, "Nothing ticked yet.");
            return;
        }
        scroll(ui, "compare", |ui| {
            scroll_both(ui, "compare_table_scroll", |ui| {
                egui::Grid::new("compare_table").striped(true).show(ui, |ui| {
                    ui.label("");
                    for (name, _, _) in &games {
                        ui.label(egui::RichText::new(*name).strong());
                    }
                    ui.end_row();
                    let rows: [(&str, fn(&Replay) -> String); 9] = [
                        ("score", |r| format!("{:.3}", r.kpis.score)),
                        ("followers", |r| count(r.kpis.followers)),
                        ("customers now", |r| count(r.kpis.customers)),
                        ("bought, all time", |r| count(r.kpis.customers_ever)),
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
            });
            let charts: [(&str, &str, fn(&DayMetrics) -> f64); 4] = [
                ("followers", "people", |d| d.followers as f64),
                ("strong relationships", "people", |d| {
                    d.strong_relationships as f64
                }),
                ("community sentiment", "sentiment (−1 to +1)", |d| d.sentiment),
                ("leads, all time", "people", |d| d.leads_total as f64),
            ];
            for (title, y_label, value) in charts {
                ui.label(egui::RichText::new(title).strong());
                let lines: Vec<Series> = games
                    .iter()
                    .enumerate()
                    // A built-in strategy's replay in its own style, as everywhere.
                    .map(|(i, &(name, game, replay))| {
                        (name, game.history(), value, series_style(&replay.player, i))
                    })
                    .collect();
                daily_plot(ui, title, 150.0, y_label, &lines);
            }
        });
    });
    back
}

fn compare(
    mut contexts: EguiContexts,
    launch: Res<Launch>,
    mut browser: ResMut<Browser>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let folder = launch.replay_dir.as_ref().map(|dir| dir.display().to_string());
    if draw(&mut ui, &mut browser, folder) {
        next.set(Screen::Title);
    }
    Ok(())
}
