//! The player's settings in the window: the UI scale (80 to 200%), read at
//! start from `settings.ron` beside the autosave (`files::settings`),
//! applied to egui with the game's style before any screen draws, and
//! written back (atomically) when the player changes it. The Settings
//! overlay draws the choice; the pause menu and the title open it.

use super::launch::Launch;
use super::profiling::GameSystems;
use super::state::{Overlay, Screen};
use super::theme::style;
use super::theme::widgets::{back_bar, note, root, scroll, text};
use crate::files::settings::{self, Settings, UI_SCALE_PERCENT};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::PathBuf;

/// The settings in force, where they are kept, and why they could not be
/// read or written.
#[derive(Resource, Default)]
pub struct PlayerSettings {
    pub settings: Settings,
    /// The scale applied to egui last (`None`: the style is still to apply).
    applied: Option<u32>,
    /// Where they are kept; `None` keeps nothing (the tour).
    path: Option<PathBuf>,
    /// The scale shown on the slider while it is dragged (applied on release,
    /// so that the window does not grow under the pointer).
    pub dragging: Option<u32>,
    /// Why the settings could not be read or kept.
    pub error: Option<String>,
}

impl PlayerSettings {
    /// Sets the UI scale and keeps it for the next games.
    pub fn set_scale(&mut self, percent: u32) {
        let percent = percent.clamp(*UI_SCALE_PERCENT.start(), *UI_SCALE_PERCENT.end());
        if percent == self.settings.ui_scale_percent {
            return;
        }
        self.settings.ui_scale_percent = percent;
        if let Some(path) = &self.path {
            self.error = settings::write(path, &self.settings)
                .err()
                .map(|e| format!("The settings could not be kept in {}: {e}", path.display()));
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PlayerSettings>();
    app.add_systems(Startup, load_settings);
    app.add_systems(EguiPrimaryContextPass, apply_look.in_set(GameSystems::Look));
    app.add_systems(
        EguiPrimaryContextPass,
        settings_screen
            .run_if(in_state(Overlay::Settings))
            .in_set(GameSystems::Draw),
    );
}

fn load_settings(launch: Res<Launch>, mut player: ResMut<PlayerSettings>) {
    player.path = launch.settings_path.clone();
    if let Some(percent) = launch.ui_scale {
        player.settings.ui_scale_percent = percent;
    } else if let Some(path) = &launch.settings_path {
        match settings::load(path) {
            Ok(read) => player.settings = read,
            Err(error) => player.error = Some(format!("The settings were not read ({error}); using 100%.")),
        }
    }
}

/// Applies the style and the scale when they are new.
fn apply_look(mut contexts: EguiContexts, mut player: ResMut<PlayerSettings>) -> Result {
    let scale = player.settings.ui_scale_percent;
    if player.applied != Some(scale) {
        style::apply(contexts.ctx_mut()?, scale);
        player.applied = Some(scale);
    }
    Ok(())
}

/// What the player asked for on the settings screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SettingsAsk {
    Back,
    Scale(u32),
}

/// The scales offered as buttons beside the slider.
const PRESETS: [u32; 5] = [80, 100, 125, 150, 200];

/// Draws the settings; returns what the player asked for.
pub(crate) fn draw(ui: &mut egui::Ui, player: &mut PlayerSettings) -> Option<SettingsAsk> {
    let mut asked = None;
    if back_bar(ui, "settings_top", "Settings", None) {
        asked = Some(SettingsAsk::Back);
    }
    egui::CentralPanel::default_margins().show(ui, |ui| {
        scroll(ui, "settings", |ui| {
            ui.heading("UI scale");
            text(
                ui,
                "How large the window draws everything: text, buttons and charts. Larger text is easier \
                 to read; smaller fits more on a small screen.",
            );
            let mut shown = player.dragging.unwrap_or(player.settings.ui_scale_percent);
            let response = ui.add(
                egui::Slider::new(&mut shown, UI_SCALE_PERCENT)
                    .step_by(5.0)
                    .suffix("%")
                    .text("scale"),
            );
            if response.dragged() {
                player.dragging = Some(shown);
            } else if response.changed() || response.drag_stopped() {
                player.dragging = None;
                asked = Some(SettingsAsk::Scale(shown));
            }
            ui.horizontal_wrapped(|ui| {
                for preset in PRESETS {
                    if ui
                        .selectable_label(player.settings.ui_scale_percent == preset, format!("{preset}%"))
                        .clicked()
                    {
                        asked = Some(SettingsAsk::Scale(preset));
                    }
                }
            });
            note(
                ui,
                "The scale is kept for your next games, in settings.ron beside your saved game.",
            );
            if let Some(error) = &player.error {
                text(
                    ui,
                    egui::RichText::new(error).color(super::theme::palette::NOTICE),
                );
            }
        });
    });
    asked
}

fn settings_screen(
    mut contexts: EguiContexts,
    mut player: ResMut<PlayerSettings>,
    screen: Res<State<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    match draw(&mut ui, &mut player) {
        // Back to the pause menu in a game, to the screen elsewhere.
        Some(SettingsAsk::Back) if screen.get().in_game() => overlay.set(Overlay::Pause),
        Some(SettingsAsk::Back) => overlay.set(Overlay::None),
        Some(SettingsAsk::Scale(percent)) => player.set_scale(percent),
        None => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_set_is_kept_for_the_next_games_within_its_bounds() {
        let dir = std::env::temp_dir().join(format!("rapport-player-settings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("settings.ron");
        let mut player = PlayerSettings {
            path: Some(path.clone()),
            ..PlayerSettings::default()
        };
        player.set_scale(150);
        assert_eq!(settings::load(&path).unwrap().ui_scale_percent, 150);
        player.set_scale(900);
        assert_eq!(player.settings.ui_scale_percent, *UI_SCALE_PERCENT.end());
        assert_eq!(settings::load(&path).unwrap().ui_scale_percent, 200);
        assert!(player.error.is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
