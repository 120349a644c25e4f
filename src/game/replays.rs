//! The replay browser (load a replay, watch it week by week, jump to a
//! week) and the compare view (overlay the charts of up to four replays).
//! Finished games write their replay when the debrief opens.

use super::Launch;
use super::audience_view::{self, AudienceSample};
use super::screens::{Screen, daily_plot, notable_events, root};
use super::session::Session;
use crate::files::replay::Replay;
use crate::report::weekly::weekly_rows;
use crate::sim::{DayMetrics, Simulation, WeekPlan};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::PathBuf;
use std::sync::Arc;

/// The most replays the compare view overlays.
pub const MAX_COMPARED: usize = 4;

/// A replay file found in the replay folder, verified once when listed.
struct Entry {
    path: PathBuf,
    label: String,
    outcome: Result<(Replay, Simulation), String>,
}

#[derive(Resource, Default)]
pub(super) struct Browser {
    entries: Vec<Entry>,
    listed: bool,
    selected: Option<usize>,
    /// Week shown (0 = start), and the game re-played up to it.
    week: u32,
    shown: Option<(Simulation, AudienceSample)>,
    playing: bool,
    clock: f32,
    compared: Vec<usize>,
    message: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Browser>();
    app.add_systems(OnEnter(Screen::Debrief), write_replay);
    app.add_systems(OnEnter(Screen::Replays), relist);
    app.add_systems(OnEnter(Screen::Compare), relist);
    app.add_systems(Update, advance.run_if(in_state(Screen::Replays)));
    app.add_systems(
        EguiPrimaryContextPass,
        (
            browser.run_if(in_state(Screen::Replays)),
            compare.run_if(in_state(Screen::Compare)),
        ),
    );
}

/// Writes the finished game's replay (atomically) into the replay folder.
fn write_replay(launch: Res<Launch>, session: Option<Res<Session>>, mut browser: ResMut<Browser>) {
    let (Some(dir), Some(session)) = (&launch.replay_dir, session) else {
        return;
    };
    let simulation = &session.simulation;
    if !simulation.finished() {
        return;
    }
    let replay = Replay::of(simulation, &session.source, "player");
    let name = format!(
        "{}-seed{}-{:08x}.ron",
        simulation.scenario.id,
        simulation.seed,
        simulation.state_hash() as u32
    );
    browser.message = replay
        .write(&dir.join(&name))
        .err()
        .map(|e| format!("could not write the replay {name}: {e}"));
    browser.listed = false;
}

fn relist(launch: Res<Launch>, mut browser: ResMut<Browser>) {
    if browser.listed {
        return;
    }
    browser.entries.clear();
    browser.selected = None;
    browser.shown = None;
    browser.compared.clear();
    let Some(dir) = &launch.replay_dir else { return };
    for (path, outcome) in replay_outcomes(dir) {
        let label = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        browser.entries.push(Entry { path, label, outcome });
    }
    browser.listed = true;
}

/// What the browser lists: the first replays of a folder, each
/// re-simulated (verified, or why not).
pub fn replay_outcomes(dir: &std::path::Path) -> Vec<(PathBuf, Result<(Replay, Simulation), String>)> {
    crate::files::replay::verify_folder(dir)
        .into_iter()
        .map(|(path, outcome)| (path, outcome.map_err(|m| m.to_string())))
        .collect()
}

impl Browser {
    /// Selects a replay and shows one of its weeks (used by the tour).
    pub(super) fn show(&mut self, index: usize, week: u32) {
        if index < self.entries.len() {
            self.selected = Some(index);
            self.week = week;
            show_week(self);
        }
    }

    pub(super) fn entries_len(&self) -> usize {
        self.entries.len()
    }

    /// Ticks every verified replay for the compare view (used by the tour).
    pub(super) fn compare_all(&mut self) {
        self.compared = (0..self.entries.len())
            .filter(|&i| self.entries[i].outcome.is_ok())
            .take(MAX_COMPARED)
            .collect();
    }
}

/// Re-plays the selected replay up to the shown week.
fn show_week(browser: &mut Browser) {
    let Some(Ok((replay, finished))) = browser.selected.map(|i| &browser.entries[i].outcome) else {
        browser.shown = None;
        return;
    };
    let mut game = Simulation::new(Arc::clone(&finished.scenario), replay.seed);
    for week in replay.weeks.iter().take(browser.week as usize) {
        let plan = WeekPlan {
            actions: week.plan.clone(),
        };
        if game.run_week(&plan).is_err() {
            break;
        }
    }
    let sample = AudienceSample::new(&game, 3000);
    browser.shown = Some((game, sample));
}

/// "Watch week by week": one week a second while playing.
fn advance(time: Res<Time>, mut browser: ResMut<Browser>) {
    if !browser.playing {
        return;
    }
    browser.clock += time.delta_secs();
    if browser.clock < 1.0 {
        return;
    }
    browser.clock = 0.0;
    let weeks = browser.shown.as_ref().map_or(0, |(game, _)| game.scenario.weeks);
    if browser.week >= weeks {
        browser.playing = false;
        return;
    }
    browser.week += 1;
    show_week(&mut browser);
}

fn top_bar(ui: &mut egui::Ui, title: &str, launch: &Launch, next: &mut NextState<Screen>) {
    egui::Panel::top(format!("{title}_top")).show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Back (Esc)").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                next.set(Screen::Title);
            }
            ui.heading(title);
            if let Some(dir) = &launch.replay_dir {
                ui.label(egui::RichText::new(format!("from {}", dir.display())).weak());
            }
        });
    });
}

fn browser(
    mut contexts: EguiContexts,
    launch: Res<Launch>,
    mut browser: ResMut<Browser>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    top_bar(&mut ui, "Replays", &launch, &mut next);
    let mut select = None;
    egui::Panel::left("replay_list").exact_size(380.0).show(&mut ui, |ui| {
        if let Some(message) = &browser.message {
            ui.colored_label(egui::Color32::from_rgb(240, 150, 90), message);
        }
        if browser.entries.is_empty() {
            ui.label("No replays yet. Every finished game writes one here; `rapport run --replay FILE` writes them too.");
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, entry) in browser.entries.iter().enumerate() {
                let text = match &entry.outcome {
                    Ok((replay, _)) => format!("{}  ({}, score {:.2})", entry.label, replay.player, replay.kpis.score),
                    Err(_) => format!("{}  (does not verify)", entry.label),
                };
                let response = ui.selectable_label(browser.selected == Some(i), text);
                let response = match &entry.outcome {
                    Err(reason) => response.on_hover_text(reason),
                    Ok(_) => response.on_hover_text(entry.path.display().to_string()),
                };
                if response.clicked() {
                    select = Some(i);
                }
            }
        });
    });
    if let Some(i) = select {
        browser.selected = Some(i);
        browser.week = 0;
        browser.playing = false;
        show_week(&mut browser);
    }
    let mut jump = None;
    let mut toggle_play = false;
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        let Some(i) = browser.selected else {
            ui.label("Choose a replay on the left.");
            return;
        };
        if let Err(reason) = &browser.entries[i].outcome {
            ui.colored_label(
                egui::Color32::from_rgb(240, 90, 90),
                format!("This replay does not verify: {reason}"),
            );
            return;
        }
        let Some((game, sample)) = &browser.shown else {
            return;
        };
        let weeks = game.scenario.weeks;
        ui.horizontal(|ui| {
            ui.heading(format!(
                "{} — week {} of {weeks}",
                game.scenario.name, browser.week
            ));
            let mut week = browser.week;
            if ui
                .add(egui::Slider::new(&mut week, 0..=weeks).text("jump to week"))
                .changed()
            {
                jump = Some(week);
            }
            let label = if browser.playing {
                "Pause"
            } else {
                "Watch week by week"
            };
            if ui.button(label).clicked() {
                toggle_play = true;
            }
        });
        let rows = weekly_rows(&game.history);
        if let Some(row) = rows.last() {
            for line in notable_events(row) {
                ui.label(format!("• {line}"));
            }
        }
        audience_view::legend(ui);
        audience_view::draw(ui, game, sample);
    });
    if toggle_play {
        browser.playing = !browser.playing;
    }
    if let Some(week) = jump {
        browser.week = week;
        browser.playing = false;
        show_week(&mut browser);
    }
    Ok(())
}

fn compare(
    mut contexts: EguiContexts,
    launch: Res<Launch>,
    mut browser: ResMut<Browser>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    top_bar(&mut ui, "Compare replays", &launch, &mut next);
    let mut toggle = None;
    egui::Panel::left("compare_list")
        .exact_size(360.0)
        .show(&mut ui, |ui| {
            ui.label(format!("Tick up to {MAX_COMPARED} verified replays."));
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
                ("followers", |r| r.kpis.followers.to_string()),
                ("customers", |r| r.kpis.customers.to_string()),
                ("strong relationships", |r| {
                    r.kpis.strong_relationships.to_string()
                }),
                ("sentiment", |r| format!("{:+.2}", r.kpis.sentiment)),
                ("hours broadcast", |r| format!("{:.0}", r.kpis.hours.broadcast)),
                ("hours conversation", |r| {
                    format!("{:.0}", r.kpis.hours.conversation)
                }),
                ("hours listening", |r| format!("{:.0}", r.kpis.hours.listening)),
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
                let lines: Vec<(&str, &[DayMetrics], fn(&DayMetrics) -> f64)> = games
                    .iter()
                    .map(|&(name, game, _)| (name, game.history.as_slice(), value))
                    .collect();
                daily_plot(ui, title, 150.0, &lines);
            }
        });
    });
    Ok(())
}
