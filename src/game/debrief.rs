//! The debrief at the end of a game: stars and score, the goals, where the
//! time went, and what the run showed.

use super::session::Session;
use super::state::{Screen, showing};
use super::theme::palette::STARS;
use super::theme::widgets::{goal_bars, root};
use crate::report::narrative::{claims_illustrated, goal_number};
use crate::sim::stars;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// The most stars a game earns.
const MOST_STARS: usize = 3;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, debrief.run_if(showing(Screen::Debrief)));
}

fn debrief(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let simulation = &session.simulation;
    let kpis = simulation.kpis_live();
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.heading(egui::RichText::new(format!("Debrief — {}", simulation.scenario().name)).size(30.0));
            let star_count = stars(kpis.score) as usize;
            ui.label(
                egui::RichText::new(format!(
                    "{}{}",
                    "★".repeat(star_count),
                    "☆".repeat(MOST_STARS - star_count)
                ))
                .size(44.0)
                .color(STARS),
            );
            ui.label(format!("score {:.2}", kpis.score));
        });
        ui.separator();
        ui.columns(2, |columns| {
            columns[0].heading("Goals");
            goal_bars(
                &mut columns[0],
                &simulation.scenario().goals,
                &kpis,
                |goal, value| {
                    format!(
                        "{}: {} of {}",
                        goal.metric.label(),
                        goal_number(goal.metric, value),
                        goal_number(goal.metric, goal.target)
                    )
                },
            );
            columns[0].add_space(10.0);
            columns[0].heading("Your time");
            // A run with no hours at all draws empty bars, not a division by zero.
            let total = kpis.hours.total().max(1e-9);
            for (name, hours) in [
                ("broadcasting", kpis.hours.broadcast),
                ("conversation", kpis.hours.conversation),
                ("listening", kpis.hours.listening),
            ] {
                columns[0].add(
                    egui::ProgressBar::new((hours / total) as f32)
                        .text(format!("{name}: {hours:.0} h ({:.0}%)", 100.0 * hours / total)),
                );
            }
            columns[1].heading("What your run showed");
            for line in claims_illustrated(simulation) {
                columns[1].label(format!("• {line}"));
            }
        });
        ui.separator();
        if ui
            .button(egui::RichText::new("Back to the title").size(18.0))
            .clicked()
        {
            next.set(Screen::Title);
        }
    });
    Ok(())
}
