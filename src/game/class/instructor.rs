//! The instructor's class screen: the class's address and the instructor
//! key, "Play the round" (only when every team's plan is in) and "Play the
//! round without the missing plans" (each missing plan an empty week), and
//! the round's status as the class last told it. The call blocks, so it runs
//! in a `Job`.

use crate::class::{Address, ClassError, RoundStatus, advance};
use crate::game::jobs::{Job, progress_bar};
use crate::game::profiling::OwnCost;
use crate::game::state::Screen;
use crate::game::theme::palette::NOTICE;
use crate::game::theme::widgets::{back_bar, root};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use std::time::Instant;

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
pub(super) fn settle(mut instructing: ResMut<Instructing>, mut cost: ResMut<OwnCost>) {
    let started = Instant::now();
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
    cost.add(started);
}

pub(super) fn screen(
    mut contexts: EguiContexts,
    mut instructing: ResMut<Instructing>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if back_bar(&mut ui, "run_class_top", "Run a class", None) {
        next.set(Screen::Title);
    }
    let instructing = &mut *instructing;
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.add_space(20.0);
        ui.label("The class's address (a server or a class folder) and the instructor key `rapport class new` printed.");
        ui.add_space(10.0);
        egui::Grid::new("run_class_form").num_columns(2).spacing([12.0, 10.0]).show(ui, |ui| {
            ui.label("class address");
            ui.add(
                egui::TextEdit::singleline(&mut instructing.address)
                    .hint_text("http://host:port, or a class folder")
                    .desired_width(420.0),
            );
            ui.end_row();
            ui.label("instructor key");
            ui.add(
                egui::TextEdit::singleline(&mut instructing.key)
                    .password(true)
                    .desired_width(420.0),
            );
            ui.end_row();
        });
        ui.add_space(10.0);
        let ready = !instructing.address.trim().is_empty()
            && !instructing.key.trim().is_empty()
            && instructing.job.is_none();
        ui.horizontal(|ui| {
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
        ui.label(
            egui::RichText::new(
                "“Play the round” plays only when every team's plan is in; otherwise the class says what is missing.",
            )
            .weak(),
        );
        if let Some(job) = &instructing.job {
            progress_bar(ui, job);
        }
        if let Some(notice) = &instructing.notice {
            ui.colored_label(NOTICE, notice);
        }
        if let Some(status) = &instructing.status {
            ui.separator();
            ui.heading(status.class.clone());
            if status.finished {
                ui.label(format!("All {} rounds are played: the class game is over.", status.weeks));
            } else {
                ui.label(format!("Round {} of {} is open.", status.round, status.weeks));
                ui.label(match status.waiting_for {
                    0 => "Every team's plan is in.".to_string(),
                    1 => "1 team has still to hand in.".to_string(),
                    n => format!("{n} teams have still to hand in."),
                });
            }
        }
    });
    Ok(())
}
