//! The debrief at the end of a game: stars and score, the goals, where the
//! time went, the verdicts and advice (judged against the built-in
//! strategies on the same seed), where the results came from, and the game
//! beside its ghosts. A rewound game is shown beside its original: KPIs in
//! two columns, charts overlaid. In a market the standings and each brand's
//! shares come first.

use super::ghosts::{Ghosts, Judging};
use super::player::Player;
use super::profiling::OwnCost;
use super::report::COMPARED;
use super::rewind::{RewindFrom, Rewinding};
use super::session::{Original, Session};
use super::state::{Screen, showing};
use super::theme::palette::STARS;
use super::theme::plot::{XAxis, metric_chart};
use super::theme::widgets::{goal_bars, root};
use super::where_from;
use crate::report::format::{count, hours};
use crate::sim::{DayMetrics, Kpis, stars};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::time::Instant;

/// The most stars a game earns.
const MOST_STARS: usize = 3;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, debrief.run_if(showing(Screen::Debrief)));
}

fn star_text(score: f64) -> String {
    let star_count = (stars(score) as usize).min(MOST_STARS);
    format!(
        "{}{}",
        "★".repeat(star_count),
        "☆".repeat(MOST_STARS - star_count)
    )
}

fn debrief(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    ghosts: Res<Ghosts>,
    judging: Res<Judging>,
    player: Res<Player>,
    mut rewinding: ResMut<Rewinding>,
    mut next: ResMut<NextState<Screen>>,
    mut cost: ResMut<OwnCost>,
) -> Result {
    let Some(session) = session else { return Ok(()) };
    let started = Instant::now();
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let simulation = &session.simulation;
    let kpis = simulation.kpis_live();
    egui::Panel::top("debrief_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(egui::RichText::new(format!("Debrief — {}", simulation.scenario().name)).size(26.0));
            ui.label(egui::RichText::new(star_text(kpis.score)).size(30.0).color(STARS));
            ui.label(format!("score {:.2}", kpis.score));
            if let Some(original) = &session.parent {
                ui.label(format!(
                    "(the original: {} {:.2})",
                    star_text(original.kpis.score),
                    original.kpis.score
                ));
            }
        });
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!rewinding.running(), egui::Button::new("Back to the title"))
                .clicked()
            {
                next.set(Screen::Title);
            }
            ui.separator();
            let played = simulation.plans().len() as u32;
            rewinding.controls(ui, played, || RewindFrom::session(&session, player.replay_name()));
        });
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if simulation.brand_count() > 1 {
                ui.heading("Standings");
                super::market::game_standings(ui, simulation);
                ui.add_space(6.0);
                ui.columns(2, |columns| {
                    super::market::game_share_bars(&mut columns[0], simulation);
                    super::market::share_charts(&mut columns[1], "debrief_shares", simulation);
                });
                ui.separator();
            }
            ui.columns(2, |columns| {
                let left = &mut columns[0];
                if let Some(original) = &session.parent {
                    branch_table(left, &kpis, original);
                    left.add_space(10.0);
                }
                left.heading("Goals");
                goal_bars(left, &simulation.scenario().goals, &kpis);
                left.add_space(10.0);
                left.heading("Your time");
                // A run with no hours at all draws empty bars, not a division by zero.
                let total = kpis.hours.total().max(1e-9);
                for (name, spent) in [
                    ("broadcasting", kpis.hours.broadcast),
                    ("conversation", kpis.hours.conversation),
                    ("listening", kpis.hours.listening),
                ] {
                    left.add(egui::ProgressBar::new((spent / total) as f32).text(format!(
                        "{name}: {} ({:.0}%)",
                        hours(spent),
                        100.0 * spent / total
                    )));
                }
                left.add_space(10.0);
                left.heading("Where your results came from");
                where_from::draw(left, &kpis.attribution);
                let right = &mut columns[1];
                // Room for the scroll bar, so that no sentence runs under it.
                right.set_max_width(right.available_width() - 16.0);
                right.heading("What your run showed");
                if let Some(judgement) = judging.status(right, &ghosts) {
                    if judgement.verdicts.is_empty() {
                        right.label("None of the claims shows clearly in this run.");
                    }
                    // A verdict's sentence names its claim in words already.
                    for verdict in &judgement.verdicts {
                        right.label(format!("• {}", verdict.sentence));
                        right.add_space(2.0);
                    }
                    if !judgement.advice.is_empty() {
                        right.add_space(6.0);
                        right.heading("What would have helped most");
                        for advice in &judgement.advice {
                            right.label(format!("• {}", advice.sentence));
                        }
                    }
                }
            });
            ui.separator();
            ui.heading("Your game beside the others");
            let mut others: Vec<(&str, &[DayMetrics])> = Vec::new();
            if let Some(original) = &session.parent {
                others.push(("the original", &original.history));
            }
            let ghost_lines = ghosts.lines();
            let with_ghosts = !ghost_lines.is_empty();
            others.extend(ghost_lines);
            if ghosts.ready().is_none() {
                ghosts.status(ui);
            }
            let thin = match (with_ghosts, session.parent.is_some()) {
                (true, true) => "Thin lines: the original game, and the built-in strategies on the same scenario and seed.",
                (true, false) => "Thin lines: the built-in strategies on the same scenario and seed.",
                (false, true) => "Thin line: the original game.",
                (false, false) => "",
            };
            if !thin.is_empty() {
                ui.label(thin);
            }
            ui.columns(2, |columns| {
                for (i, (title, value)) in COMPARED.into_iter().enumerate() {
                    let column = &mut columns[i % 2];
                    column.label(egui::RichText::new(title).strong());
                    metric_chart(
                        column,
                        &format!("debrief_{title}"),
                        XAxis::Weeks,
                        simulation.history(),
                        value,
                        &others,
                    );
                }
            });
        });
    });
    cost.add(started);
    Ok(())
}

/// A rewound game's KPIs beside its original's.
fn branch_table(ui: &mut egui::Ui, kpis: &Kpis, original: &Original) {
    ui.heading("This game and the original");
    ui.label(match original.weeks_shared {
        0 => format!("Played again from the start of {}'s game.", original.player),
        1 => format!(
            "Week 1 as in {}'s game; from week 2 on, played again.",
            original.player
        ),
        weeks => format!(
            "Weeks 1 to {weeks} as in {}'s game; from week {} on, played again.",
            original.player,
            weeks + 1
        ),
    });
    egui::Grid::new("branch_table").striped(true).show(ui, |ui| {
        ui.label("");
        ui.label(egui::RichText::new("this game").strong());
        ui.label(egui::RichText::new("the original").strong());
        ui.end_row();
        let rows: [(&str, fn(&Kpis) -> String); 7] = [
            ("score", |k| format!("{:.2}", k.score)),
            ("followers", |k| count(k.followers)),
            ("strong relationships", |k| count(k.strong_relationships)),
            ("leads", |k| count(k.leads)),
            ("customers", |k| count(k.customers)),
            ("community sentiment", |k| format!("{:+.2}", k.sentiment)),
            ("conversation", |k| hours(k.hours.conversation)),
        ];
        for (label, cell) in rows {
            ui.label(label);
            ui.label(cell(kpis));
            ui.label(cell(&original.kpis));
            ui.end_row();
        }
    });
}
