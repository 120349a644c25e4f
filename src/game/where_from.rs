//! "Where it came from": for each outcome of a week or a game (new
//! followers, unfollows, leads, customers, strong relationships made and
//! lost, lapses), one horizontal bar split by its causes, with the counts:
//! the stocks (strong relationships, leads, customers) by the share of what
//! built them, the other results by the touch that tipped each; a tick
//! shows every bar by the touch that tipped it instead. The week report
//! draws a week's attribution, the debrief the whole game's.

use super::theme::palette::category_color;
use super::theme::widgets::text;
use crate::report::attribution::{VIEWS_NOTE, View, by_last_touch, where_from};
use crate::sim::{Attribution, Cause, Outcome};
use crate::text::count;
use bevy_egui::egui;

/// The outcomes the chart shows, in order (advocates are shown by the
/// relationships chart already).
pub const SHOWN: [Outcome; 7] = [
    Outcome::Follower,
    Outcome::Unfollow,
    Outcome::Lead,
    Outcome::Customer,
    Outcome::StrongGained,
    Outcome::StrongLost,
    Outcome::Lapse,
];

/// One bar: an outcome, how many changes it counts, which view it is, and
/// its causes (largest first) with their credit as shown and their share.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub outcome: Outcome,
    pub total: u64,
    pub view: View,
    pub parts: Vec<(Cause, String, f64)>,
}

/// The bars of an attribution (by the touch that tipped each when
/// `last_touch`): outcomes with nothing to show are left out rather than
/// drawn as empty bars.
pub fn bars(attribution: &Attribution, last_touch: bool) -> Vec<Bar> {
    let from = if last_touch {
        by_last_touch(attribution)
    } else {
        where_from(attribution)
    };
    from.into_iter()
        .filter(|o| SHOWN.contains(&o.outcome))
        .map(|o| Bar {
            outcome: o.outcome,
            total: o.total,
            view: o.view,
            parts: o
                .causes
                .iter()
                .filter(|c| c.tenths > 0)
                .map(|c| (c.cause, c.shown(o.view), c.share))
                .collect(),
        })
        .collect()
}

/// The line under a bar: each cause and its credit.
pub fn parts_text(bar: &Bar) -> String {
    bar.parts
        .iter()
        .map(|(cause, shown, _)| format!("{} {shown}", cause.label()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The colour of a cause in the bars: the palette's categories in the
/// order of `Cause::ALL` (each bar's legend names every part, so that no
/// part is told by its colour alone).
pub fn cause_color(cause: Cause) -> egui::Color32 {
    category_color(cause.index())
}

/// The height of one bar.
const BAR_HEIGHT: f32 = 14.0;

/// Draws the chart; says so when no change was credited to a cause.
pub fn draw(ui: &mut egui::Ui, attribution: &Attribution) {
    let tick = ui.id().with("where_from_by_last_touch");
    let mut last_touch = ui.data(|d| d.get_temp::<bool>(tick).unwrap_or(false));
    let bars = bars(attribution, last_touch);
    if bars.is_empty() {
        text(ui, "No change of anyone's standing is credited to a cause here.");
        return;
    }
    if bars.iter().any(|bar| bar.view == View::Contribution) || last_touch {
        text(ui, VIEWS_NOTE);
        if ui
            .checkbox(&mut last_touch, "Show every result by the touch that tipped it")
            .changed()
        {
            ui.data_mut(|d| d.insert_temp(tick, last_touch));
        }
    }
    for bar in &bars {
        text(
            ui,
            egui::RichText::new(format!(
                "{}: {} ({})",
                bar.outcome.label(),
                count(bar.total),
                bar.view.label()
            ))
            .strong(),
        );
        let width = ui.available_width();
        let (rect, response) = ui.allocate_exact_size(egui::vec2(width, BAR_HEIGHT), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        let mut left = rect.left();
        let mut hovered = None;
        for (cause, shown, share) in &bar.parts {
            let (cause, part) = (*cause, width * *share as f32);
            let segment =
                egui::Rect::from_min_size(egui::pos2(left, rect.top()), egui::vec2(part, BAR_HEIGHT));
            painter.rect_filled(segment, 0.0, cause_color(cause));
            // A dark edge between parts, so that neighbours of like colour part.
            painter.rect_stroke(
                segment,
                0.0,
                egui::Stroke::new(1.0, egui::Color32::from_gray(20)),
                egui::StrokeKind::Inside,
            );
            if response.hover_pos().is_some_and(|p| segment.contains(p)) {
                hovered = Some((cause, shown));
            }
            left += part;
        }
        if response.hovered() {
            let text = hovered.map_or_else(
                || parts_text(bar),
                |(cause, shown)| format!("{}: {shown}", cause.label()),
            );
            response.on_hover_text(text);
        }
        // Each cause after a swatch of its colour, in the bar's order: the
        // legend, in the body text colour.
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            for (cause, shown, _) in &bar.parts {
                let (swatch, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                ui.painter().rect_filled(swatch, 2.0, cause_color(*cause));
                ui.label(format!("{} {shown}", cause.label()));
                ui.add_space(8.0);
            }
        });
        ui.add_space(4.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_leave_out_empty_outcomes_and_sort_causes() {
        let mut attribution = Attribution::default();
        for _ in 0..3 {
            attribution.credit(Outcome::Follower, Cause::FriendShare);
        }
        attribution.credit(Outcome::Follower, Cause::FeedPost);
        for _ in 0..1200 {
            attribution.credit(Outcome::Unfollow, Cause::Fatigue);
        }
        // Advocates are not a bar of this chart.
        attribution.credit(Outcome::Advocate, Cause::Reply);
        let bars = bars(&attribution, false);
        let shown: Vec<(Outcome, u64, View)> = bars.iter().map(|b| (b.outcome, b.total, b.view)).collect();
        assert_eq!(
            shown,
            [
                (Outcome::Follower, 4, View::LastTouch),
                (Outcome::Unfollow, 1200, View::LastTouch)
            ]
        );
        assert_eq!(
            parts_text(&bars[0]),
            "a friend's share 3 · a post in their feed 1"
        );
        assert_eq!(parts_text(&bars[1]), "fatigue 1,200");
    }

    #[test]
    fn a_stock_is_drawn_by_what_built_it_unless_last_touch_is_asked_for() {
        let mut attribution = Attribution::default();
        attribution.credit(Outcome::StrongGained, Cause::FeedPost);
        attribution.credit_shares(
            Outcome::StrongGained,
            [(Cause::FeedPost, 20), (Cause::Reply, 180)].into_iter(),
        );
        let built = bars(&attribution, false);
        assert_eq!(built[0].view, View::Contribution);
        assert_eq!(parts_text(&built[0]), "your reply 0.9 · a post in their feed 0.1");
        let tipped = bars(&attribution, true);
        assert_eq!(tipped[0].view, View::LastTouch);
        assert_eq!(parts_text(&tipped[0]), "a post in their feed 1");
    }

    #[test]
    fn nothing_credited_draws_no_bars() {
        assert!(bars(&Attribution::default(), false).is_empty());
    }
}
