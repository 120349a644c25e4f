//! Widgets more than one screen draws: the root `Ui`, top bars, big
//! buttons, labelled bars (goals, hours, shares, progress), scroll areas,
//! the KPI grid and keys pressed once.

use super::palette::{MET, NOTICE, TEXT_WEAK, color};
use crate::report::goals::{GoalLine, GoalState, goal_lines};
use crate::report::palette as colors;
use crate::sim::{Goal, Kpis, Simulation};
use crate::text::{count, percent};
use bevy_egui::egui;

/// A root `Ui` covering the window, for panels.
pub fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new("root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.content_rect()),
    )
}

/// A side panel's width: a share of the window, within bounds, so that the
/// centre keeps room at any size and scale.
pub fn side_width(ui: &egui::Ui, share: f32, least: f32, most: f32) -> f32 {
    (ui.available_width() * share).clamp(least, most)
}

/// Whether `key` was pressed this frame: a fresh press, not the repeats a
/// key held down sends.
pub fn pressed_once(ctx: &egui::Context, key: egui::Key) -> bool {
    ctx.input(|input| {
        input.events.iter().any(|event| {
            matches!(event, egui::Event::Key { key: k, pressed: true, repeat: false, .. } if *k == key)
        })
    })
}

/// Whether a shortcut key (a letter, Backspace) acts: pressed once, and no
/// text field is being typed into.
pub fn shortcut(ui: &egui::Ui, key: egui::Key) -> bool {
    pressed_once(ui.ctx(), key) && !ui.ctx().egui_wants_keyboard_input()
}

/// The size of the title screen's buttons.
pub const BIG_BUTTON: [f32; 2] = [280.0, 40.0];

/// A title-screen button.
pub fn big_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add_sized(
        BIG_BUTTON,
        egui::Button::new(egui::RichText::new(label).size(19.0)),
    )
}

/// A top bar with "Back (Esc)", a heading and an optional weak note after
/// it (wrapped under it when the window is narrow); true when the player
/// asked to go back.
pub fn back_bar(ui: &mut egui::Ui, id: &str, heading: &str, note: Option<String>) -> bool {
    let mut back = false;
    egui::Panel::top(id.to_string()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            back = ui.button("Back (Esc)").clicked() || pressed_once(ui.ctx(), egui::Key::Escape);
            ui.heading(heading);
            if let Some(note) = note {
                ui.add(egui::Label::new(egui::RichText::new(note).weak()).wrap());
            }
        });
    });
    back
}

/// A vertical scroll area filling the room left, that opens at the top for
/// each new `id` (a new week's report has a new one). Its content is as wide
/// as the room, so text wraps rather than running under the scroll bar.
pub fn scroll<R>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let output = egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Room for the scroll bar, which floats over the content's edge.
            ui.set_max_width(ui.available_width() - SCROLL_BAR_ROOM);
            add(ui)
        });
    #[cfg(test)]
    super::layout::record_scroll_viewport(ui.ctx(), output.inner_rect, false);
    output.inner
}

/// The room kept at the right of a scroll area's content for its bar.
const SCROLL_BAR_ROOM: f32 = 12.0;

/// A table's scroll area: sideways and down, as tall as its content up to
/// the room left. Wide tables scroll rather than being cut.
pub fn scroll_both<R>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let output = egui::ScrollArea::both()
        .id_salt(id)
        .auto_shrink([false, true])
        .show(ui, add);
    #[cfg(test)]
    super::layout::record_scroll_viewport(ui.ctx(), output.inner_rect, true);
    output.inner
}

/// `scroll` no taller than `max_height`.
pub fn scroll_at_most<R>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    max_height: f32,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let output = egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(max_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width() - SCROLL_BAR_ROOM);
            add(ui)
        });
    #[cfg(test)]
    super::layout::record_scroll_viewport(ui.ctx(), output.inner_rect, false);
    output.inner
}

/// A line of text that wraps within its panel.
pub fn text(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Label::new(text).wrap())
}

/// A quieter line of text that wraps.
pub fn note(ui: &mut egui::Ui, note: impl Into<String>) -> egui::Response {
    ui.add(egui::Label::new(egui::RichText::new(note.into()).color(TEXT_WEAK)).wrap())
}

/// A bullet point that wraps under its own text.
pub fn bullet(ui: &mut egui::Ui, line: &str) {
    text(ui, format!("• {line}"));
}

/// The height of a labelled bar's bar.
const BAR_HEIGHT: f32 = 9.0;

/// A bar with its text above it, in the body text colour: the text wraps
/// and never sits on the fill, so it reads on any fill colour and is never
/// cut by the bar's end. `fraction` is clamped to 0..1.
pub fn bar(ui: &mut egui::Ui, fraction: f64, fill: egui::Color32, label: impl Into<egui::WidgetText>) {
    text(ui, label);
    bar_only(ui, fraction, fill);
}

/// The bar of [`bar`] alone.
pub fn bar_only(ui: &mut egui::Ui, fraction: f64, fill: egui::Color32) {
    let width = ui.available_width().max(20.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, BAR_HEIGHT), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, color(colors::FIELD));
    let filled = rect.width() * fraction.clamp(0.0, 1.0) as f32;
    if filled > 0.0 {
        let inner = egui::Rect::from_min_size(rect.min, egui::vec2(filled, rect.height()));
        painter.rect_filled(inner, 3.0, fill);
    }
    painter.rect_stroke(
        rect,
        3.0,
        egui::Stroke::new(1.0, color((90, 95, 106))),
        egui::StrokeKind::Inside,
    );
}

/// The colour of the bars that are not a brand's nor a category's.
pub fn bar_fill() -> egui::Color32 {
    color(colors::SKY_BLUE.rgb)
}

/// One bar per goal, labelled "followers: 289 of 900 — met", with what the
/// goal counts and its weight on hover (planner, report and debrief alike).
/// `finished`: the game is over, so a goal not reached is missed.
pub fn goal_bars(ui: &mut egui::Ui, goals: &[Goal], kpis: &Kpis, finished: bool) {
    for line in goal_lines(goals, kpis, finished) {
        goal_bar(ui, &line);
    }
}

fn goal_bar(ui: &mut egui::Ui, line: &GoalLine) {
    let (mark, mark_color) = match line.state {
        GoalState::Met => ("✔ met", MET),
        GoalState::Missed => ("✖ missed", NOTICE),
        GoalState::NotYet => ("not yet", TEXT_WEAK),
    };
    let response = ui
        .horizontal_wrapped(|ui| {
            ui.label(&line.text);
            ui.label(egui::RichText::new(mark).color(mark_color).strong());
        })
        .response;
    response.on_hover_text(&line.explanation);
    bar_only(
        ui,
        line.progress,
        if line.state == GoalState::Met {
            MET
        } else {
            bar_fill()
        },
    );
}

/// The rows of "Where you stand": each measure named once, with "now",
/// "so far" or "all time" where it matters.
pub fn kpi_rows(simulation: &Simulation) -> Vec<(&'static str, String, &'static str)> {
    let kpis = simulation.kpis_live();
    vec![
        (
            "followers",
            count(kpis.followers),
            "People who follow your brand now.",
        ),
        (
            "leads, all time",
            count(kpis.leads),
            "People who showed they might buy, since the game began.",
        ),
        (
            "customers now",
            count(kpis.customers),
            "People who bought and have not lapsed (advocates included): what the customers goal counts.",
        ),
        (
            "bought, all time",
            count(kpis.customers_ever),
            "Everyone who ever bought, lapsed or not.",
        ),
        (
            "advocates",
            count(kpis.advocates),
            "Happy customers with a strong bond who recommend you now.",
        ),
        (
            "strong relationships",
            count(kpis.strong_relationships),
            "People whose bond with you is 0.5 or more, now.",
        ),
        (
            "relationship index",
            format!("{:.2}", kpis.relationship_index),
            "The mean bond of your followers now, 0 to 1.",
        ),
        (
            "sentiment",
            format!("{:+.2}", kpis.sentiment),
            "How the people who know you feel about you now, −1 to +1.",
        ),
        (
            "engagement rate, so far",
            percent(kpis.engagement_rate),
            "Reactions per impression of your posts (questions and ads left out), since the game began.",
        ),
        (
            "response rate, so far",
            percent(kpis.conversation_response_rate),
            "Answers to your conversation (comments on your questions, answers to your comments on \
             people's posts) per person you addressed that way, since the game began.",
        ),
        (
            "waiting comments",
            count(simulation.pending_comments()),
            "Comments waiting for your answer now.",
        ),
        (
            "score",
            format!("{:.2}", kpis.score),
            "How well the goals are met, 0 to 1: each goal's progress, capped at 1, weighted.",
        ),
    ]
}

/// "Where you stand": the KPI grid and the goals (planner and report).
pub fn kpi_summary(ui: &mut egui::Ui, simulation: &Simulation) {
    ui.heading("Where you stand");
    egui::Grid::new("kpis")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            for (name, value, meaning) in kpi_rows(simulation) {
                ui.label(name).on_hover_text(meaning);
                ui.label(value).on_hover_text(meaning);
                ui.end_row();
            }
        });
    ui.separator();
    ui.label(egui::RichText::new("Goals").strong());
    goal_bars(
        ui,
        &simulation.scenario().goals,
        &simulation.kpis_live(),
        simulation.finished(),
    );
}
