//! Help: how to play, the keys, the glossary (`report::glossary`) and the
//! stage colours. An overlay: it opens over any screen and "Back" closes
//! it, leaving that screen as it was.

use super::profiling::GameSystems;
use super::state::Overlay;
use super::theme::audience;
use super::theme::widgets::{back_bar, root, scroll, text};
use crate::report::glossary::glossary;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        help.run_if(in_state(Overlay::Help)).in_set(GameSystems::Draw),
    );
}

/// The glossary, in our own words.
/// Draws Help; true when the player asked to close it.
pub(crate) fn draw(ui: &mut egui::Ui) -> bool {
    let back = back_bar(ui, "help_top", "How to play, and what the words mean", None);
    egui::CentralPanel::default_margins().show(ui, |ui| {
        scroll(ui, "help", |ui| {
            text(ui, "Each week you get hours and money. Queue actions in the planner, run the week, read the report, and repeat until the debrief. Broadcasting gets you seen; conversation gets you trusted; listening makes both work better.");
            text(ui, "Planner keys: P publish, S schedule, A ad, C start a conversation, R reply, E engage with others' posts, L live session, U audience research, N add connections, Backspace remove the last action, Enter run the week. Running week: Space pause, 1/2/3 speed, Enter end of week. Everywhere in a game: Esc opens the menu (resume, help, settings, save and quit to the title); F1 opens this help.");
            ui.separator();
            for (term, meaning) in glossary() {
                ui.label(egui::RichText::new(term).strong());
                text(ui, meaning);
                ui.add_space(6.0);
            }
            ui.separator();
            text(ui, "Funnel stages and their colours in the audience view, and what is drawn over them:");
            audience::legend(ui);
        });
    });
    back
}

fn help(mut contexts: EguiContexts, mut overlay: ResMut<NextState<Overlay>>) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if draw(&mut ui) {
        overlay.set(Overlay::None);
    }
    Ok(())
}
