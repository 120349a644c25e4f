//! The week's report: what happened, what the week shows (judged against
//! the built-in strategies), where the hours went, where the week's results
//! came from, the week day by day, and the game so far beside the ghosts of
//! the built-in strategies; in a market, each brand's shares first. From
//! here a game can also be rewound.

use super::ghosts::{Ghosts, Judging};
use super::player::Player;
use super::profiling::OwnCost;
use super::rewind::{RewindFrom, Rewinding};
use super::session::Session;
use super::state::{Screen, showing};
use super::theme::plot::{XAxis, chart, metric_chart};
use super::theme::widgets::{kpi_summary, root};
use super::where_from;
use crate::report::narrative::notable_events;
use crate::report::weekly::weekly_rows;
use crate::sim::DayMetrics;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::time::Instant;

/// The charts drawn with the ghosts beside the player's line.
pub const COMPARED: [(&str, fn(&DayMetrics) -> f64); 4] = [
    ("followers", |d| d.followers as f64),
    ("strong relationships", |d| d.strong_relationships as f64),
    ("customers", |d| d.customers_total as f64),
    ("community sentiment", |d| d.sentiment),
];

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, report.run_if(showing(Screen::Report)));
}

fn report(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    ghosts: Res<Ghosts>,
    judging: Res<Judging>,
    player: Res<Player>,
    mut rewinding: ResMut<Rewinding>,
    mut next: ResMut<NextState<Screen>>,
    mut cost: ResMut<OwnCost>,
) -> Result {
    let Some(mut session) = session else { return Ok(()) };
    let started = Instant::now();
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let rows = weekly_rows(session.simulation.history());
    let Some(last) = rows.last().cloned() else {
        return Ok(());
    };
    egui::Panel::top("report_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("Week {} report", last.week));
            ui.separator();
            let label = if session.simulation.finished() {
                "See the debrief ▶ (Enter)"
            } else {
                "Plan next week ▶ (Enter)"
            };
            let go = ui
                .add_enabled(!rewinding.running(), egui::Button::new(label))
                .clicked()
                || (!rewinding.running() && ctx.input(|i| i.key_pressed(egui::Key::Enter)));
            if go {
                next.set(session.close_report());
            }
            ui.separator();
            let played = session.simulation.plans().len() as u32;
            rewinding.controls(ui, played, || RewindFrom::session(&session, player.replay_name()));
        });
    });
    egui::Panel::left("events").exact_size(430.0).show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("What happened");
            for line in notable_events(&last) {
                ui.label(format!("• {line}"));
            }
            ui.add_space(4.0);
            ui.label(egui::RichText::new("What this week shows").strong());
            if let Some(judgement) = judging.status(ui, &ghosts) {
                if judgement.week_verdicts.is_empty() {
                    ui.label("Nothing this week that the claims can judge yet.");
                }
                // A verdict's sentence names its claim in words already.
                for verdict in &judgement.week_verdicts {
                    ui.label(format!("• {}", verdict.sentence));
                }
            }
            ui.separator();
            ui.heading("Hours this week");
            let hours_per_week = session.simulation.scenario().hours_per_week;
            for (name, hours) in [
                ("broadcasting", last.hours_broadcast),
                ("conversation", last.hours_conversation),
                ("listening", last.hours_listening),
            ] {
                ui.add(
                    egui::ProgressBar::new((hours / hours_per_week) as f32)
                        .text(format!("{name}: {}", crate::report::format::hours(hours))),
                );
            }
            ui.separator();
            kpi_summary(ui, &session.simulation);
        });
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if session.simulation.brand_count() > 1 {
                ui.heading("The market");
                ui.columns(2, |columns| {
                    super::market::game_share_bars(&mut columns[0], &session.simulation);
                    super::market::share_charts(&mut columns[1], "report_shares", &session.simulation);
                });
                ui.separator();
            }
            let history = session.simulation.history();
            ui.heading("Where this week's results came from");
            where_from::draw(ui, &last.attribution);
            ui.separator();
            ui.heading(format!("Week {}, day by day", last.week));
            let others = ghosts.lines();
            let by_day = XAxis::DaysOf(last.week);
            ui.label(egui::RichText::new("followers").strong());
            metric_chart(ui, "day_followers", by_day, history, COMPARED[0].1, &others);
            ui.label(egui::RichText::new("conversation").strong());
            chart(
                ui,
                "day_talk",
                by_day,
                history,
                &[
                    ("engagements", |d| d.engagements as f64),
                    ("comments", |d| d.comments as f64),
                    ("replies", |d| d.replies as f64),
                ],
            );
            ui.separator();
            ui.heading("The game so far");
            if ghosts.ready().is_none() {
                ghosts.status(ui);
            } else {
                ui.label(
                    "Thin lines: the built-in strategies on the same scenario and seed, up to this week.",
                );
            }
            for (title, value) in COMPARED {
                ui.label(egui::RichText::new(title).strong());
                metric_chart(
                    ui,
                    &format!("game_{title}"),
                    XAxis::Weeks,
                    history,
                    value,
                    &others,
                );
            }
            ui.label(egui::RichText::new("hours").strong());
            chart(
                ui,
                "hours",
                XAxis::Weeks,
                history,
                &[
                    ("broadcast hours", |d| d.hours.broadcast),
                    ("conversation hours", |d| d.hours.conversation),
                    ("listening hours", |d| d.hours.listening),
                ],
            );
        });
    });
    cost.add(started);
    Ok(())
}
