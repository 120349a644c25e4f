//! The week's report: what happened (every action the player took, then
//! the audience's answer), what the week shows (judged against the ghosts),
//! where the hours went, where the week's results came from, the week day
//! by day, and the game so far beside the ghosts of the built-in strategies;
//! in a market, each brand's shares first. From here a game can also be
//! rewound. Each week's report opens at its top.

use super::ghosts::{Ghosts, Judging};
use super::keys::EnterLatch;
use super::player::Player;
use super::profiling::GameSystems;
use super::rewind::{RewindFrom, Rewinding};
use super::session::Session;
use super::state::{Screen, showing};
use super::theme::plot::{COMPARED, Others, XAxis, chart, metric_chart, others};
use super::theme::widgets::{bar, bar_fill, bullet, kpi_summary, note, root, scroll, side_width, text};
use super::where_from;
use crate::report::actions::{summarise, your_week_sentence};
use crate::report::narrative::{net_lines, notable_events, thin_lines_note};
use crate::report::weekly::weekly_rows;
use crate::text::hours;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        report.run_if(showing(Screen::Report)).in_set(GameSystems::Draw),
    );
}

/// What the player asked for on the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReportAsk {
    /// On to the next week's planner, or the debrief.
    GoOn,
    /// Rewind to this week (confirmed).
    Rewind(u32),
}

/// Draws the week's report; returns what the player asked for. `enter`:
/// Enter was pressed once on this screen.
pub(crate) fn draw(
    ui: &mut egui::Ui,
    session: &Session,
    ghosts: &Ghosts,
    judging: &Judging,
    rewinding: &mut Rewinding,
    enter: bool,
) -> Option<ReportAsk> {
    let simulation = session.simulation();
    let rows = weekly_rows(simulation.history());
    let last = rows.last()?;
    let week = last.week;
    let mut asked = None;
    egui::Panel::top("report_top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("Week {week} report"));
            ui.separator();
            let label = if simulation.finished() {
                "See the debrief ▶ (Enter)"
            } else {
                "Plan next week ▶ (Enter)"
            };
            let free = !rewinding.running() && rewinding.confirming().is_none();
            if ui.add_enabled(free, egui::Button::new(label)).clicked() || (free && enter) {
                asked = Some(ReportAsk::GoOn);
            }
            ui.separator();
            let played = simulation.plans().len() as u32;
            if let Some(week) = rewinding.controls(ui, session.id(), played) {
                asked = Some(ReportAsk::Rewind(week));
            }
        });
    });
    let left = side_width(ui, 0.36, 260.0, 440.0);
    egui::Panel::left("events").exact_size(left).show(ui, |ui| {
        scroll(ui, ("report_events", session.id(), week), |ui| {
            ui.heading("What happened");
            if let Some(plan) = simulation.plans().get(week as usize - 1) {
                bullet(
                    ui,
                    &your_week_sentence(&summarise(plan, &simulation.scenario().actions)),
                );
            }
            for line in notable_events(last) {
                bullet(ui, &line);
            }
            for line in net_lines(&last.attribution) {
                bullet(ui, &line);
            }
            ui.add_space(4.0);
            ui.label(egui::RichText::new("What this week shows").strong());
            if let Some(judgement) = judging.status(ui, ghosts) {
                note(
                    ui,
                    "Judged against the ghosts: the built-in strategies, each played alone on your \
                     scenario and seed.",
                );
                if judgement.week_verdicts.is_empty() {
                    text(ui, "Nothing this week that the claims can judge yet.");
                }
                // A verdict's sentence names its claim in words already.
                for verdict in &judgement.week_verdicts {
                    bullet(ui, &verdict.sentence);
                }
            }
            ui.separator();
            ui.heading("Hours this week");
            let hours_per_week = simulation.scenario().hours_per_week;
            for (name, spent) in [
                ("broadcasting", last.hours_broadcast),
                ("conversation", last.hours_conversation),
                ("listening", last.hours_listening),
            ] {
                bar(
                    ui,
                    spent / hours_per_week,
                    bar_fill(),
                    format!("{name}: {} of the week's {}", hours(spent), hours(hours_per_week)),
                );
            }
            ui.separator();
            kpi_summary(ui, simulation);
        });
    });
    egui::CentralPanel::default_margins().show(ui, |ui| {
        scroll(ui, ("report_charts", session.id(), week), |ui| {
            if simulation.brand_count() > 1 {
                ui.heading("The market");
                super::market::game_share_bars(ui, simulation);
                super::market::share_charts(ui, "report_shares", simulation);
                ui.separator();
            }
            let history = simulation.history();
            ui.heading("Where this week's results came from");
            where_from::draw(ui, &last.attribution);
            ui.separator();
            ui.heading(format!("Week {week}, day by day"));
            let ghost_lines = ghosts.lines();
            let others: Vec<_> = others(&ghost_lines, None);
            let others: &Others = &others;
            let by_day = XAxis::DaysOf(week);
            ui.label(egui::RichText::new("followers").strong());
            metric_chart(
                ui,
                "day_followers",
                by_day,
                "people",
                history,
                COMPARED[0].2,
                others,
            );
            ui.label(egui::RichText::new("conversation").strong());
            chart(
                ui,
                "day_talk",
                by_day,
                "per day",
                history,
                &[
                    ("reactions", |d| d.engagements as f64),
                    ("comments", |d| d.comments as f64),
                    ("replies", |d| d.replies as f64),
                ],
            );
            ui.separator();
            ui.heading("The game so far");
            if ghosts.ready().is_none() {
                ghosts.status(ui);
            } else if let Some(note_text) = thin_lines_note(true, false) {
                note(ui, note_text);
            }
            for (title, y_label, value) in COMPARED {
                ui.label(egui::RichText::new(title).strong());
                metric_chart(
                    ui,
                    &format!("game_{title}"),
                    XAxis::Weeks,
                    y_label,
                    history,
                    value,
                    others,
                );
            }
            ui.label(egui::RichText::new("hours a day").strong());
            chart(
                ui,
                "hours",
                XAxis::Weeks,
                "hours a day",
                history,
                &[
                    ("broadcasting", |d| d.hours.broadcast),
                    ("conversation", |d| d.hours.conversation),
                    ("listening", |d| d.hours.listening),
                ],
            );
        });
    });
    asked
}

fn report(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    ghosts: Res<Ghosts>,
    judging: Res<Judging>,
    player: Res<Player>,
    mut rewinding: ResMut<Rewinding>,
    mut enter: ResMut<EnterLatch>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(mut session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let enter = enter.pressed(&ctx, Screen::Report);
    match draw(&mut ui, &session, &ghosts, &judging, &mut rewinding, enter) {
        Some(ReportAsk::GoOn) => next.set(session.close_report()),
        Some(ReportAsk::Rewind(week)) => {
            rewinding.start(RewindFrom::session(&session, player.replay_name()), week);
        }
        None => {}
    }
    Ok(())
}
