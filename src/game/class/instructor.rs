//! The instructor's class screen: the class's address and the instructor
//! key, "Play the round" (only when every team's plan is in) and "Play the
//! round without the missing plans" (each missing plan an empty week), and
//! the round's status as the class last told it. The call blocks, so it runs
//! in a `Job`.

use crate::class::{Address, ClassError, RoundStatus, advance};
use crate::game::jobs::{Job, progress_bar};
use crate::game::state::Screen;
use crate::game::theme::palette::NOTICE;
use crate::game::theme::widgets::{back_bar, note, root, scroll, text};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

/// The instructor's side of a class game in the window.
#[derive(Resource, Default)]
pub struct Instructing {
    pub address: String,
    pub key: String,
    job: Option<Job<Result<RoundStatus, ClassError>>>,
    /// The round's status after the last round played.
    status: Option<RoundStatus>,
    /// Why the class refused the last request.
    notice: Option<String>,
}

impl Instructing {
    /// Asks the class to play the round (`force`: without the missing plans).
    pub fn advance(&mut self, force: bool) {
        if self.job.is_some() {
            return;
        }
        self.notice = None;
        let address = Address::parse(&self.address);
        let key = self.key.trim().to_string();
        self.job = Some(Job::spawn("playing the round", move |_| {
            advance(&address, &key, force)
        }));
    }
}

/// Takes the class's answer.
pub(super) fn settle(mut instructing: ResMut<Instructing>) {
    if let Some(done) = instructing.job.as_mut().and_then(Job::take) {
        instructing.job = None;
        match done
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()))
        {
            Ok(status) => instructing.status = Some(status),
            Err(error) => instructing.notice = Some(format!("The round was not played: {error}")),
        }
    }
}

pub(super) fn screen(
    mut contexts: EguiContexts,
    mut instructing: ResMut<Instructing>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if draw(&mut ui, &mut instructing) {
        next.set(Screen::Title);
    }
    Ok(())
}

/// Draws the instructor's screen; asks the class at once. True when the
/// player asked to go back.
pub(crate) fn draw(ui: &mut egui::Ui, instructing: &mut Instructing) -> bool {
    let back = back_bar(ui, "run_class_top", "Run a class", None);
    egui::CentralPanel::default_margins().show(ui, |ui| {
        scroll(ui, "run_class", |ui| {
            ui.add_space(12.0);
            text(ui, "The class's address (a server or a class folder) and the instructor key `rapport class new` printed.");
            ui.add_space(10.0);
            let width = (ui.available_width() - 170.0).clamp(160.0, 420.0);
            egui::Grid::new("run_class_form").num_columns(2).spacing([12.0, 10.0]).show(ui, |ui| {
                ui.label("class address");
                ui.add(
                    egui::TextEdit::singleline(&mut instructing.address)
                        .hint_text("http://host:port, or a class folder")
                        .desired_width(width),
                );
                ui.end_row();
                ui.label("instructor key");
                ui.add(
                    egui::TextEdit::singleline(&mut instructing.key)
                        .password(true)
                        .desired_width(width),
                );
                ui.end_row();
            });
            ui.add_space(10.0);
            let ready = !instructing.address.trim().is_empty()
                && !instructing.key.trim().is_empty()
                && instructing.job.is_none();
            ui.horizontal_wrapped(|ui| {
                if ui.add_enabled(ready, egui::Button::new("Play the round")).clicked() {
                    instructing.advance(false);
                }
                if ui
                    .add_enabled(ready, egui::Button::new("Play the round without the missing plans"))
                    .on_hover_text("Each team whose plan is missing plays an empty week.")
                    .clicked()
                {
                    instructing.advance(true);
                }
            });
            note(
                ui,
                "“Play the round” plays only when every team's plan is in; otherwise the class says what is missing.",
            );
            if let Some(job) = &instructing.job {
                progress_bar(ui, job);
            }
            if let Some(notice) = &instructing.notice {
                text(ui, egui::RichText::new(notice).color(NOTICE));
            }
            if let Some(status) = &instructing.status {
                ui.separator();
                ui.heading(status.class.clone());
                if status.finished {
                    text(ui, format!("All {} rounds are played: the class game is over.", status.weeks));
                } else {
                    text(ui, format!("Round {} of {} is open.", status.round, status.weeks));
                    text(ui, match status.waiting_for {
                        0 => "Every team's plan is in.".to_string(),
                        1 => "1 team has still to hand in.".to_string(),
                        n => format!("{n} teams have still to hand in."),
                    });
                }
            }
        });
    });
    back
}
