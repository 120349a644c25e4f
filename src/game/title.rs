//! The title screen: new game, Continue, joining or running a class game,
//! the replays, Help, quit; the
//! progress of Continue while the saved game is re-played, and why a saved
//! game could not be continued.

use super::jobs::progress_bar;
use super::launch::Launch;
use super::profiling::OwnCost;
use super::session::{ContinueGame, ContinueRefused, Continuing};
use super::state::{Overlay, Screen, showing};
use super::theme::palette::NOTICE;
use super::theme::widgets::{BIG_BUTTON, big_button, root};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Why the last Continue failed, shown under the buttons.
#[derive(Resource, Default)]
struct Notice(Option<String>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Notice>();
    app.add_observer(tell_refusal);
    app.add_systems(EguiPrimaryContextPass, title.run_if(showing(Screen::Title)));
}

fn tell_refusal(refused: On<ContinueRefused>, mut notice: ResMut<Notice>) {
    notice.0 = Some(format!("The saved game cannot be loaded: {}", refused.0));
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
    mut cost: ResMut<OwnCost>,
) -> Result {
    let started = std::time::Instant::now();
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.label(egui::RichText::new("Reach & Rapport").size(56.0).strong());
            ui.label(
                egui::RichText::new("Broadcast to be seen. Talk to be trusted. Which will your brand do?")
                    .size(20.0)
                    .italics(),
            );
            ui.add_space(36.0);
            // While Continue re-plays the save, the other ways out wait.
            let idle = continuing.0.is_none();
            if ui
                .add_enabled_ui(idle, |ui| big_button(ui, "New game"))
                .inner
                .clicked()
            {
                next.set(Screen::Choose);
            }
            ui.add_space(8.0);
            let has_save = launch.save_path.as_ref().is_some_and(|p| p.exists());
            let resume = ui
                .add_enabled(
                    has_save && idle,
                    egui::Button::new(egui::RichText::new("Continue").size(20.0)).min_size(BIG_BUTTON.into()),
                )
                .on_disabled_hover_text("No saved game yet: the game saves itself after every week.");
            if resume.clicked() {
                // A refusal comes back as `ContinueRefused` and sets it again.
                notice.0 = None;
                commands.trigger(ContinueGame {
                    save_path: launch.save_path.clone(),
                });
            }
            ui.add_space(8.0);
            if ui
                .add_enabled_ui(idle, |ui| big_button(ui, "Join a class"))
                .inner
                .on_hover_text(
                    "Play a class game in a team: your instructor gives you the address and a join code.",
                )
                .clicked()
            {
                next.set(Screen::JoinClass);
            }
            ui.add_space(8.0);
            if ui
                .add_enabled_ui(idle, |ui| big_button(ui, "Run a class"))
                .inner
                .clicked()
            {
                next.set(Screen::RunClass);
            }
            ui.add_space(8.0);
            if big_button(ui, "Replays").clicked() {
                next.set(Screen::Replays);
            }
            ui.add_space(8.0);
            if big_button(ui, "Compare").clicked() {
                next.set(Screen::Compare);
            }
            ui.add_space(8.0);
            if big_button(ui, "Help and glossary").clicked() {
                overlay.set(Overlay::Help);
            }
            ui.add_space(8.0);
            if big_button(ui, "Quit").clicked() {
                exit.write(AppExit::Success);
            }
            if let Some(job) = &continuing.0 {
                ui.add_space(16.0);
                ui.allocate_ui(egui::vec2(BIG_BUTTON[0] * 2.0, 30.0), |ui| progress_bar(ui, job));
            } else if let Some(notice) = &notice.0 {
                ui.add_space(16.0);
                ui.colored_label(NOTICE, notice);
            }
        });
    });
    cost.add(started);
    Ok(())
}
