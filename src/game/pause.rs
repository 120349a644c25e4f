//! The pause menu: Esc in a game (planner, running week, report, debrief)
//! opens it over the screen, which waits. Resume, Help, Settings, or save and
//! quit to the title (the game is saved after every week, so only a week in
//! progress is lost).

use super::profiling::GameSystems;
use super::rewind::Rewinding;
use super::session::Session;
use super::state::{Overlay, Screen};
use super::theme::widgets::{BIG_BUTTON, big_button, note, pressed_once, root, scroll};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (
            open_menu.run_if(in_state(Overlay::None)),
            menu.run_if(in_state(Overlay::Pause)),
        )
            .in_set(GameSystems::Draw),
    );
}

/// Esc on a game's screen opens the menu (not while the rewind question is
/// asked: there Esc answers "Cancel").
fn open_menu(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    rewinding: Res<Rewinding>,
    mut overlay: ResMut<NextState<Overlay>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if screen.get().in_game() && rewinding.confirming().is_none() && pressed_once(ctx, egui::Key::Escape) {
        overlay.set(Overlay::Pause);
    }
    Ok(())
}

/// What the player asked for in the pause menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PauseAsk {
    Resume,
    Help,
    Settings,
    SaveAndQuit,
}

/// Draws the pause menu for `session` (if a game is under way).
pub(crate) fn draw(ui: &mut egui::Ui, session: Option<&Session>) -> Option<PauseAsk> {
    let mut asked = None;
    if pressed_once(ui.ctx(), egui::Key::Escape) {
        asked = Some(PauseAsk::Resume);
    }
    if pressed_once(ui.ctx(), egui::Key::F1) {
        asked = Some(PauseAsk::Help);
    }
    egui::CentralPanel::default_margins().show(ui, |ui| {
        scroll(ui, "pause", |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(20.0);
                ui.heading(egui::RichText::new("Paused").size(30.0));
                if let Some(session) = session {
                    let simulation = session.simulation();
                    let scenario = simulation.scenario();
                    let when = if simulation.week_running() {
                        format!("week {} of {} under way", simulation.week() + 1, scenario.weeks)
                    } else {
                        format!("{} of {} weeks played", simulation.week(), scenario.weeks)
                    };
                    ui.label(format!("{} — {when}", scenario.name));
                }
                ui.add_space(16.0);
                for (label, ask) in [
                    ("Resume (Esc)", PauseAsk::Resume),
                    ("Help (F1)", PauseAsk::Help),
                    ("Settings", PauseAsk::Settings),
                    ("Save and quit to the title", PauseAsk::SaveAndQuit),
                ] {
                    if big_button(ui, label).clicked() {
                        asked = Some(ask);
                    }
                    ui.add_space(6.0);
                }
                ui.allocate_ui(egui::vec2(BIG_BUTTON[0] * 1.8, 60.0), |ui| {
                    note(ui, quit_note(session));
                });
            });
        });
    });
    asked
}

/// What quitting keeps, said before the player quits.
fn quit_note(session: Option<&Session>) -> &'static str {
    match session {
        Some(session) if session.save_path().is_none() => {
            "This game is not saved (saving is off in this window): quitting ends it."
        }
        Some(session) if session.simulation().week_running() => {
            "Your game is saved after every week: Continue on the title takes it up again. The week \
             being played is not saved: Continue opens its planner again."
        }
        _ => "Your game is saved after every week: Continue on the title takes it up again.",
    }
}

fn menu(
    mut contexts: EguiContexts,
    mut commands: Commands,
    session: Option<ResMut<Session>>,
    mut overlay: ResMut<NextState<Overlay>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let mut session = session;
    match draw(&mut ui, session.as_deref()) {
        Some(PauseAsk::Resume) => overlay.set(Overlay::None),
        Some(PauseAsk::Help) => overlay.set(Overlay::Help),
        Some(PauseAsk::Settings) => overlay.set(Overlay::Settings),
        Some(PauseAsk::SaveAndQuit) => {
            if let Some(session) = session.as_mut()
                && !session.simulation().week_running()
            {
                session.autosave();
            }
            commands.queue(super::session::close);
            overlay.set(Overlay::None);
            next.set(Screen::Title);
        }
        None => {}
    }
    Ok(())
}
