//! The title screen: new game, Continue, joining or running a class game,
//! the replays, Help, the settings, quit; the progress of Continue while the
//! saved game is re-played, and why a saved game could not be continued.

use super::jobs::{Job, progress_bar};
use super::launch::Launch;
use super::profiling::GameSystems;
use super::session::{ContinueGame, ContinueRefused, Continuing};
use super::state::{Overlay, Screen, showing};
use super::theme::palette::NOTICE;
use super::theme::widgets::{BIG_BUTTON, big_button, root, scroll};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Why the last Continue failed, shown under the buttons.
#[derive(Resource, Default)]
struct Notice(Option<String>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Notice>();
    app.add_observer(tell_refusal);
    app.add_systems(
        EguiPrimaryContextPass,
        title.run_if(showing(Screen::Title)).in_set(GameSystems::Draw),
    );
}

fn tell_refusal(refused: On<ContinueRefused>, mut notice: ResMut<Notice>) {
    notice.0 = Some(format!("The saved game cannot be loaded: {}", refused.0));
}

/// What the title screen shows besides its buttons.
pub(crate) struct TitleView<'a, T> {
    /// A saved game exists, so Continue can be asked for.
    pub has_save: bool,
    /// Continue under way.
    pub continuing: Option<&'a Job<T>>,
    /// Why the last Continue failed.
    pub notice: Option<&'a str>,
}

/// What the player asked for on the title screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TitleAsk {
    NewGame,
    Continue,
    JoinClass,
    RunClass,
    Replays,
    Compare,
    Help,
    Settings,
    Quit,
}

/// Draws the title screen; returns what the player asked for.
pub(crate) fn draw<T: Send + 'static>(ui: &mut egui::Ui, view: &TitleView<T>) -> Option<TitleAsk> {
    let mut asked = None;
    egui::CentralPanel::default_margins().show(ui, |ui| {
        scroll(ui, "title", |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(24.0);
                ui.add(egui::Label::new(egui::RichText::new("Reach & Rapport").size(48.0).strong()).wrap());
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(
                            "Broadcast to be seen. Talk to be trusted. Which will your brand do?",
                        )
                        .size(19.0)
                        .italics(),
                    )
                    .wrap(),
                );
                ui.add_space(20.0);
                // While Continue re-plays the save, the other ways out wait.
                let idle = view.continuing.is_none();
                let mut button = |ui: &mut egui::Ui, enabled: bool, label: &str, ask: TitleAsk| {
                    let response = ui.add_enabled_ui(enabled, |ui| big_button(ui, label)).inner;
                    ui.add_space(6.0);
                    if response.clicked() {
                        asked = Some(ask);
                    }
                    response
                };
                button(ui, idle, "New game", TitleAsk::NewGame);
                button(ui, view.has_save && idle, "Continue", TitleAsk::Continue)
                    .on_disabled_hover_text("No saved game yet: the game saves itself after every week.");
                button(ui, idle, "Join a class", TitleAsk::JoinClass).on_hover_text(
                    "Play a class game in a team: your instructor gives you the address and a join code.",
                );
                button(ui, idle, "Run a class", TitleAsk::RunClass);
                button(ui, true, "Replays", TitleAsk::Replays);
                button(ui, true, "Compare", TitleAsk::Compare);
                button(ui, true, "Help and glossary (F1)", TitleAsk::Help);
                button(ui, true, "Settings", TitleAsk::Settings)
                    .on_hover_text("The UI scale: how large everything is drawn.");
                button(ui, true, "Quit", TitleAsk::Quit);
                if ui.input(|i| i.key_pressed(egui::Key::F1)) {
                    asked = Some(TitleAsk::Help);
                }
                if let Some(job) = view.continuing {
                    ui.add_space(10.0);
                    ui.allocate_ui(egui::vec2(BIG_BUTTON[0] * 1.6, 30.0), |ui| progress_bar(ui, job));
                } else if let Some(notice) = view.notice {
                    ui.add_space(10.0);
                    ui.add(egui::Label::new(egui::RichText::new(notice).color(NOTICE)).wrap());
                }
            });
        });
    });
    asked
}

fn title(
    mut contexts: EguiContexts,
    mut commands: Commands,
    launch: Res<Launch>,
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
    mut notice: ResMut<Notice>,
    continuing: Res<Continuing>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let view = TitleView {
        has_save: launch.save_path.as_ref().is_some_and(|p| p.exists()),
        continuing: continuing.0.as_ref(),
        notice: notice.0.as_deref(),
    };
    match draw(&mut ui, &view) {
        Some(TitleAsk::NewGame) => next.set(Screen::Choose),
        Some(TitleAsk::Continue) => {
            // A refusal comes back as `ContinueRefused` and sets it again.
            notice.0 = None;
            commands.trigger(ContinueGame {
                save_path: launch.save_path.clone(),
            });
        }
        Some(TitleAsk::JoinClass) => next.set(Screen::JoinClass),
        Some(TitleAsk::RunClass) => next.set(Screen::RunClass),
        Some(TitleAsk::Replays) => next.set(Screen::Replays),
        Some(TitleAsk::Compare) => next.set(Screen::Compare),
        Some(TitleAsk::Help) => overlay.set(Overlay::Help),
        Some(TitleAsk::Settings) => overlay.set(Overlay::Settings),
        Some(TitleAsk::Quit) => {
            exit.write(AppExit::Success);
        }
        None => {}
    }
    Ok(())
}
