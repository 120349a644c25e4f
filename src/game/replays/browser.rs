//! The replay browser: the listed replays, and the chosen one re-played to
//! any week (in the background), with that week's events and the audience
//! view; and a rewind of the chosen replay to any of its weeks.

use super::listing::{Browser, show_week, top_bar};
use crate::game::launch::Launch;
use crate::game::profiling::{GameSystems, GameUpdate};
use crate::game::rewind::Rewinding;
use crate::game::state::{Screen, showing};
use crate::game::theme::audience;
use crate::game::theme::palette::{ERROR, NOTICE};
use crate::game::theme::widgets::{bullet, root, scroll, side_width, text};
use crate::report::narrative::last_week_events;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        GameUpdate,
        advance.run_if(showing(Screen::Replays)).in_set(GameSystems::Play),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        browser.run_if(showing(Screen::Replays)).in_set(GameSystems::Draw),
    );
}

/// "Watch week by week": one week a second while playing, and never ahead
/// of the week being re-played.
fn advance(time: Res<Time>, mut browser: ResMut<Browser>) {
    if !browser.playing || browser.busy() {
        return;
    }
    browser.clock += time.delta_secs();
    if browser.clock < 1.0 {
        return;
    }
    browser.clock = 0.0;
    let weeks = browser
        .shown
        .as_ref()
        .map_or(0, |(game, _)| game.scenario().weeks);
    if browser.week >= weeks {
        browser.playing = false;
        return;
    }
    browser.week += 1;
    show_week(&mut browser);
}

/// What the player asked for in the replay browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BrowserAsk {
    Back,
    /// Rewind the chosen replay to this week (confirmed).
    Rewind(u32),
}

/// Draws the browser: choosing a replay and its week acts on `browser` at
/// once; returns what the screen should do next.
pub(crate) fn draw(
    ui: &mut egui::Ui,
    browser: &mut Browser,
    rewinding: &mut Rewinding,
    folder: Option<String>,
) -> Option<BrowserAsk> {
    let mut asked = None;
    if top_bar(ui, "Replays", folder) {
        asked = Some(BrowserAsk::Back);
    }
    let mut select = None;
    let left = side_width(ui, 0.32, 240.0, 380.0);
    egui::Panel::left("replay_list").exact_size(left).show(ui, |ui| {
        if let Some(message) = &browser.message {
            text(ui, egui::RichText::new(message).color(NOTICE));
        }
        if browser.listing.is_some() {
            browser.status(ui);
        } else if browser.entries.is_empty() {
            text(ui, "No replays yet. Every finished game writes one here; `rapport run --replay FILE` writes them too.");
        }
        scroll(ui, "replay_list", |ui| {
            for (i, entry) in browser.entries.iter().enumerate() {
                let line = match &entry.outcome {
                    Ok((replay, _)) => format!("{}  ({}, score {:.2})", entry.label, replay.player, replay.kpis.score),
                    Err(_) => format!("{}  (does not verify)", entry.label),
                };
                let response = ui.add(
                    egui::Button::selectable(browser.selected == Some(i), egui::RichText::new(line))
                        .wrap_mode(egui::TextWrapMode::Wrap),
                );
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
        show_week(browser);
    }
    let mut jump = None;
    let mut toggle_play = false;
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let Some(i) = browser.selected else {
            text(ui, "Choose a replay on the left.");
            return;
        };
        if let Err(reason) = &browser.entries[i].outcome {
            text(
                ui,
                egui::RichText::new(format!("This replay does not verify: {reason}")).color(ERROR),
            );
            return;
        }
        let weeks = browser.entries[i]
            .outcome
            .as_ref()
            .map_or(0, |(replay, _)| replay.weeks.len() as u32);
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Play it again from a week:").strong());
            if let Some(week) = rewinding.controls(ui, 1 << 40 | i as u64, weeks) {
                asked = Some(BrowserAsk::Rewind(week));
            }
        });
        if browser.showing.is_some() {
            browser.status(ui);
        }
        let Some((game, sample)) = &browser.shown else {
            return;
        };
        ui.heading(format!(
            "{} — week {} of {weeks}",
            game.scenario().name,
            browser.week
        ));
        ui.horizontal_wrapped(|ui| {
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
        for line in last_week_events(game.history()) {
            bullet(ui, &line);
        }
        audience::legend(ui);
        audience::draw(ui, game, sample);
    });
    if toggle_play {
        browser.playing = !browser.playing;
    }
    if let Some(week) = jump {
        browser.week = week;
        browser.playing = false;
        show_week(browser);
    }
    asked
}

fn browser(
    mut contexts: EguiContexts,
    launch: Res<Launch>,
    mut browser: ResMut<Browser>,
    mut rewinding: ResMut<Rewinding>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let folder = launch.replay_dir.as_ref().map(|dir| dir.display().to_string());
    match draw(&mut ui, &mut browser, &mut rewinding, folder) {
        Some(BrowserAsk::Back) => next.set(Screen::Title),
        Some(BrowserAsk::Rewind(week)) => {
            if let Some(from) = browser.rewind_from(launch.save_path.clone()) {
                rewinding.start(from, week);
            }
        }
        None => {}
    }
    Ok(())
}
