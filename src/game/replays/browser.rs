//! The replay browser: the listed replays, and the chosen one re-played to
//! any week (in the background), with that week's events and the audience
//! view; and a rewind of the chosen replay to any of its weeks.

use super::listing::{Browser, show_week, top_bar};
use crate::game::launch::Launch;
use crate::game::profiling::OwnCost;
use crate::game::rewind::Rewinding;
use crate::game::state::{Screen, showing};
use crate::game::theme::audience;
use crate::game::theme::palette::{ERROR, NOTICE};
use crate::game::theme::widgets::root;
use crate::report::narrative::last_week_events;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, advance.run_if(showing(Screen::Replays)));
    app.add_systems(EguiPrimaryContextPass, browser.run_if(showing(Screen::Replays)));
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

fn browser(
    mut contexts: EguiContexts,
    launch: Res<Launch>,
    mut browser: ResMut<Browser>,
    mut rewinding: ResMut<Rewinding>,
    mut next: ResMut<NextState<Screen>>,
    mut cost: ResMut<OwnCost>,
) -> Result {
    let started = std::time::Instant::now();
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if top_bar(&mut ui, "Replays", &launch) {
        next.set(Screen::Title);
    }
    let mut select = None;
    egui::Panel::left("replay_list").exact_size(380.0).show(&mut ui, |ui| {
        if let Some(message) = &browser.message {
            ui.colored_label(NOTICE, message);
        }
        if browser.listing.is_some() {
            browser.status(ui);
        } else if browser.entries.is_empty() {
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
            ui.colored_label(ERROR, format!("This replay does not verify: {reason}"));
            return;
        }
        let weeks = browser.entries[i]
            .outcome
            .as_ref()
            .map_or(0, |(replay, _)| replay.weeks.len() as u32);
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Play it again from a week:").strong());
            let from = browser.rewind_from(launch.save_path.clone());
            if let Some(from) = from {
                rewinding.controls(ui, weeks, || from);
            }
        });
        if browser.showing.is_some() {
            browser.status(ui);
        }
        let Some((game, sample)) = &browser.shown else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(format!(
                "{} — week {} of {weeks}",
                game.scenario().name,
                browser.week
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
        for line in last_week_events(game.history()) {
            ui.label(format!("• {line}"));
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
        show_week(&mut browser);
    }
    cost.add(started);
    Ok(())
}
