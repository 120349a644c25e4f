//! The debrief at the end of a game: stars and score (what each star needs
//! on hover), the goals met or missed, where the time went, the verdicts and
//! advice (judged against the ghosts of the built-in strategies on the same
//! seed; each advice a change that was played, with a button that opens its
//! branch), where the results came from, and the game beside its ghosts. A
//! rewound game is shown beside its original, with how far each went: KPIs
//! in two columns, charts overlaid. In a market the standings and each
//! brand's shares come first.

use super::advice::Advising;
use super::ghosts::{Ghosts, Judging};
use super::player::Player;
use super::profiling::GameSystems;
use super::rewind::{RewindFrom, Rewinding};
use super::session::{Original, Session};
use super::state::{Screen, showing};
use super::theme::palette::STARS;
use super::theme::plot::{COMPARED, Others, XAxis, metric_chart, others};
use super::theme::widgets::{bar, bar_fill, bullet, goal_bars, note, root, scroll, text};
use super::where_from;
use crate::report::goals::{score_explanation, stars_explanation};
use crate::report::narrative::{branch_sentence, net_lines, thin_lines_note};
use crate::report::palette::ORIGINAL;
use crate::sim::{Kpis, Simulation, stars};
use crate::text::{count, hours};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// The most stars a game earns.
const MOST_STARS: usize = 3;

/// Below this width the debrief's two columns become one.
const TWO_COLUMNS_FROM: f32 = 900.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        debrief.run_if(showing(Screen::Debrief)).in_set(GameSystems::Draw),
    );
}

fn star_text(score: f64) -> String {
    let star_count = (stars(score) as usize).min(MOST_STARS);
    format!(
        "{}{}",
        "★".repeat(star_count),
        "☆".repeat(MOST_STARS - star_count)
    )
}

/// What the player asked for on the debrief.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DebriefAsk {
    Title,
    Rewind(u32),
    /// Open the branch of the advice with this index.
    Advice(usize),
}

/// Draws the debrief; returns what the player asked for.
pub(crate) fn draw(
    ui: &mut egui::Ui,
    session: &Session,
    ghosts: &Ghosts,
    judging: &Judging,
    advising: &Advising,
    rewinding: &mut Rewinding,
) -> Option<DebriefAsk> {
    let simulation = session.simulation();
    let kpis = simulation.kpis_live();
    let mut asked = None;
    let score_help = format!("{} {}", score_explanation(), stars_explanation());
    egui::Panel::top("debrief_top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.heading(egui::RichText::new(format!("Debrief — {}", simulation.scenario().name)).size(24.0));
            ui.label(egui::RichText::new(star_text(kpis.score)).size(26.0).color(STARS))
                .on_hover_text(&score_help);
            ui.label(format!("score {:.2}", kpis.score))
                .on_hover_text(&score_help);
            if let Some(original) = session.parent() {
                ui.label(format!(
                    "(the original: {} {:.2})",
                    star_text(original.kpis.score),
                    original.kpis.score
                ));
            }
        });
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(!rewinding.running(), egui::Button::new("Back to the title"))
                .clicked()
            {
                asked = Some(DebriefAsk::Title);
            }
            ui.separator();
            let played = simulation.plans().len() as u32;
            if let Some(week) = rewinding.controls(ui, session.id(), played) {
                asked = Some(DebriefAsk::Rewind(week));
            }
        });
    });
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let two_columns = ui.available_width() >= TWO_COLUMNS_FROM;
        scroll(ui, ("debrief", session.id()), |ui| {
            if simulation.brand_count() > 1 {
                ui.heading("Standings");
                super::market::game_standings(ui, simulation);
                ui.add_space(6.0);
                super::market::game_share_bars(ui, simulation);
                super::market::share_charts(ui, "debrief_shares", simulation);
                ui.separator();
            }
            if two_columns {
                ui.columns(2, |columns| {
                    let (left, right) = columns.split_at_mut(1);
                    // Text ragged at the right, not stretched to the column.
                    let ragged = egui::Layout::top_down(egui::Align::Min);
                    left[0].with_layout(ragged, |ui| summary(ui, session, &kpis));
                    right[0].with_layout(ragged, |ui| {
                        verdicts(ui, ghosts, judging);
                        asked = asked.or(advice(ui, advising, rewinding.running()));
                    });
                });
            } else {
                summary(ui, session, &kpis);
                ui.separator();
                verdicts(ui, ghosts, judging);
                asked = asked.or(advice(ui, advising, rewinding.running()));
            }
            ui.separator();
            charts(ui, session, ghosts, two_columns);
        });
    });
    asked
}

/// The game in figures: beside its original, the goals, the time, where
/// the results came from.
fn summary(ui: &mut egui::Ui, session: &Session, kpis: &Kpis) {
    let simulation = session.simulation();
    if let Some(original) = session.parent() {
        branch_table(ui, simulation, kpis, original);
        ui.add_space(10.0);
    }
    ui.heading("Goals");
    goal_bars(ui, &simulation.scenario().goals, kpis, simulation.finished());
    note(ui, format!("{} {}", score_explanation(), stars_explanation()));
    ui.add_space(10.0);
    ui.heading("Your time");
    // A run with no hours at all draws empty bars, not a division by zero.
    let total = kpis.hours.total().max(1e-9);
    for (name, spent) in [
        ("broadcasting", kpis.hours.broadcast),
        ("conversation", kpis.hours.conversation),
        ("listening", kpis.hours.listening),
    ] {
        bar(
            ui,
            spent / total,
            bar_fill(),
            format!(
                "{name}: {} ({:.0}% of your hours)",
                hours(spent),
                100.0 * spent / total
            ),
        );
    }
    ui.add_space(10.0);
    ui.heading("Where your results came from");
    for line in net_lines(&kpis.attribution) {
        bullet(ui, &line);
    }
    where_from::draw(ui, &kpis.attribution);
}

/// What the run showed, against the ghosts.
fn verdicts(ui: &mut egui::Ui, ghosts: &Ghosts, judging: &Judging) {
    ui.heading("What your run showed");
    if let Some(judgement) = judging.status(ui, ghosts) {
        note(
            ui,
            "Judged against the ghosts: the built-in strategies, each played alone on your scenario and \
             seed (not rivals).",
        );
        if judgement.verdicts.is_empty() {
            text(ui, "None of the claims shows clearly in this run.");
        }
        // A verdict's sentence names its claim in words already.
        for verdict in &judgement.verdicts {
            bullet(ui, &verdict.sentence);
            ui.add_space(2.0);
        }
    }
}

/// The changes that, played, raised the score, each with a button that
/// opens its branch; returns the one the player asked to open.
fn advice(ui: &mut egui::Ui, advising: &Advising, rewinding: bool) -> Option<DebriefAsk> {
    ui.add_space(6.0);
    ui.heading("What would have helped most");
    let advice = advising.status(ui)?;
    if advice.is_empty() {
        text(
            ui,
            "None of the changes tried on your plans raised the score on your seed and on average.",
        );
    }
    let mut asked = None;
    for (i, told) in advice.iter().enumerate() {
        bullet(ui, &told.sentence);
        let open = ui
            .add_enabled(
                !rewinding,
                egui::Button::new(format!("Play this change from week {}", told.from_week)),
            )
            .on_hover_text(
                "Opens the game with this change, played on your seed to the end; this game is kept as \
                 the original, and the debrief shows both side by side.",
            );
        if open.clicked() {
            asked = Some(DebriefAsk::Advice(i));
        }
        ui.add_space(2.0);
    }
    asked
}

/// The game beside the others: its original, and the ghosts.
fn charts(ui: &mut egui::Ui, session: &Session, ghosts: &Ghosts, two_columns: bool) {
    let simulation = session.simulation();
    ui.heading("Your game beside the others");
    let original = session
        .parent()
        .map(|original| ("the original", original.history.as_slice(), ORIGINAL));
    let ghost_lines = ghosts.lines();
    let with_ghosts = !ghost_lines.is_empty();
    let others_list = others(&ghost_lines, original);
    let others: &Others = &others_list;
    if ghosts.ready().is_none() {
        ghosts.status(ui);
    }
    if let Some(note_text) = thin_lines_note(with_ghosts, session.parent().is_some()) {
        note(ui, note_text);
    }
    let chart = |ui: &mut egui::Ui, (title, y_label, value): (&str, &str, _)| {
        ui.label(egui::RichText::new(title).strong());
        metric_chart(
            ui,
            &format!("debrief_{title}"),
            XAxis::Weeks,
            y_label,
            simulation.history(),
            value,
            others,
        );
    };
    if two_columns {
        ui.columns(2, |columns| {
            for (i, compared) in COMPARED.into_iter().enumerate() {
                columns[i % 2]
                    .with_layout(egui::Layout::top_down(egui::Align::Min), |ui| chart(ui, compared));
            }
        });
    } else {
        for compared in COMPARED {
            chart(ui, compared);
        }
    }
}

/// A rewound game's KPIs beside its original's, and how far each went.
fn branch_table(ui: &mut egui::Ui, simulation: &Simulation, kpis: &Kpis, original: &Original) {
    ui.heading("This game and the original");
    text(
        ui,
        branch_sentence(
            &original.player,
            original.weeks_shared,
            original.plans.len() as u32,
            simulation.plans().len() as u32,
            simulation.scenario().weeks,
        ),
    );
    egui::Grid::new("branch_table")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label("");
            ui.label(egui::RichText::new("this game").strong());
            ui.label(egui::RichText::new("the original").strong());
            ui.end_row();
            let rows: [(&str, fn(&Kpis) -> String); 9] = [
                ("score", |k| format!("{:.2}", k.score)),
                ("followers", |k| count(k.followers)),
                ("strong relationships", |k| count(k.strong_relationships)),
                ("leads, all time", |k| count(k.leads)),
                ("customers now", |k| count(k.customers)),
                ("bought, all time", |k| count(k.customers_ever)),
                ("sentiment", |k| format!("{:+.2}", k.sentiment)),
                ("conversation hours", |k| hours(k.hours.conversation)),
                ("hours in all", |k| hours(k.hours.total())),
            ];
            for (label, cell) in rows {
                ui.label(label);
                ui.label(cell(kpis));
                ui.label(cell(&original.kpis));
                ui.end_row();
            }
        });
}

fn debrief(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    ghosts: Res<Ghosts>,
    judging: Res<Judging>,
    advising: Res<Advising>,
    player: Res<Player>,
    mut rewinding: ResMut<Rewinding>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    match draw(&mut ui, &session, &ghosts, &judging, &advising, &mut rewinding) {
        Some(DebriefAsk::Title) => next.set(Screen::Title),
        Some(DebriefAsk::Rewind(week)) => {
            rewinding.start(RewindFrom::session(&session, player.replay_name()), week);
        }
        Some(DebriefAsk::Advice(i)) => {
            if let Some(told) = advising.done.as_ref().and_then(|advice| advice.get(i)) {
                let from = RewindFrom::session(&session, player.replay_name());
                rewinding.start_then(from, told.from_week, told.plans.clone());
            }
        }
        None => {}
    }
    Ok(())
}
