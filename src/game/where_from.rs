//! "Where it came from": for each outcome of a week or a game (new
//! followers, unfollows, leads, customers, strong relationships made and
//! lost, lapses), one horizontal bar split by the causes that tipped each
//! change, with the counts. The week report draws a week's attribution, the
//! debrief the whole game's.

use super::theme::palette::category_color;
use super::theme::widgets::text;
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

/// One bar: an outcome, how many changes it counts, and its causes
/// (largest first) with their counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub outcome: Outcome,
    pub total: u64,
    pub parts: Vec<(Cause, u64)>,
}

/// The bars of an attribution: outcomes with nothing to show are left out
/// rather than drawn as empty bars.
pub fn bars(attribution: &Attribution) -> Vec<Bar> {
    SHOWN
        .iter()
        .map(|&outcome| Bar {
            outcome,
            total: attribution.total(outcome),
            parts: attribution.causes_of(outcome),
        })
        .filter(|bar| bar.total > 0)
        .collect()
}

/// The line under a bar: each cause and its count.
pub fn parts_text(bar: &Bar) -> String {
    bar.parts
        .iter()
        .map(|&(cause, n)| format!("{} {}", cause.label(), count(n)))
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
    let bars = bars(attribution);
    if bars.is_empty() {
        text(ui, "No change of anyone's standing is credited to a cause here.");
        return;
    }
    for bar in &bars {
        text(
            ui,
            egui::RichText::new(format!("{}: {}", bar.outcome.label(), count(bar.total))).strong(),
        );
        let width = ui.available_width();
        let (rect, response) = ui.allocate_exact_size(egui::vec2(width, BAR_HEIGHT), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        let mut left = rect.left();
        let mut hovered = None;
        for &(cause, n) in &bar.parts {
            let part = width * n as f32 / bar.total as f32;
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
                hovered = Some((cause, n));
            }
            left += part;
        }
        if response.hovered() {
            let text = hovered.map_or_else(
                || parts_text(bar),
                |(cause, n)| format!("{}: {}", cause.label(), count(n)),
            );
            response.on_hover_text(text);
        }
        // Each cause after a swatch of its colour, in the bar's order: the
        // legend, in the body text colour.
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            for &(cause, n) in &bar.parts {
                let (swatch, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                ui.painter().rect_filled(swatch, 2.0, cause_color(cause));
                ui.label(format!("{} {}", cause.label(), count(n)));
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
        let bars = bars(&attribution);
        assert_eq!(
            bars,
            vec![
                Bar {
                    outcome: Outcome::Follower,
                    total: 4,
                    parts: vec![(Cause::FriendShare, 3), (Cause::FeedPost, 1)],
                },
                Bar {
                    outcome: Outcome::Unfollow,
                    total: 1200,
                    parts: vec![(Cause::Fatigue, 1200)],
                },
            ]
        );
        assert_eq!(
            parts_text(&bars[0]),
            "a friend's share 3 · a post in their feed 1"
        );
        assert_eq!(parts_text(&bars[1]), "fatigue 1,200");
    }

    #[test]
    fn nothing_credited_draws_no_bars() {
        assert!(bars(&Attribution::default()).is_empty());
    }
}
