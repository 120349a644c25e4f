//! Charts of daily metrics, shared by the week report, the debrief and the
//! compare view: across the game by week (ticks "week 1", "week 2", never
//! fractions of a week), or within one week by day ("day 1" .. "day 7").
//! The player's own line is drawn thick, lines to compare with (ghosts of
//! the built-in strategies, the original of a rewound game) thin. Every line
//! has its fixed style of `report::palette` (colour, dash and marker), both
//! axes are labelled and ticked, and the legend sits above the plot, never
//! over the latest points.

use super::palette::{TEXT_WEAK, line_color};
use crate::report::palette::{Dash, LineStyle, Marker};
use crate::sim::DayMetrics;
use bevy_egui::egui;
use egui_plot::{AxisHints, GridInput, GridMark, Line, MarkerShape, Plot, PlotPoints, Points};

/// The days in a week.
const WEEK_DAYS: u32 = 7;

/// What the x axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XAxis {
    /// The whole game so far, by week (day 0 is "start").
    Weeks,
    /// The days of one week (1-based), "day 1" to "day 7".
    DaysOf(u32),
}

impl XAxis {
    /// Where a day of the history sits on the axis, or `None` when the
    /// axis leaves it out.
    pub fn x(self, day: u32) -> Option<f64> {
        match self {
            XAxis::Weeks => Some(day as f64 / WEEK_DAYS as f64),
            XAxis::DaysOf(week) => {
                let first = week.saturating_sub(1) * WEEK_DAYS;
                (day > first && day <= first + WEEK_DAYS).then(|| (day - first) as f64)
            }
        }
    }

    fn label(self) -> &'static str {
        match self {
            XAxis::Weeks => "weeks played",
            XAxis::DaysOf(_) => "day of the week",
        }
    }

    /// Whether a point at `x` gets its line's marker: every day of a week,
    /// the ends of weeks across a game.
    fn marked(self, x: f64) -> bool {
        match self {
            XAxis::Weeks => (x - x.round()).abs() < 1e-6,
            XAxis::DaysOf(_) => true,
        }
    }
}

/// The tick text at `value` on the axis: whole weeks or days only, so a
/// one-week game reads "start", "week 1" and not 0.1 .. 0.9.
pub fn tick_label(axis: XAxis, value: f64) -> String {
    let whole = value.round();
    if (value - whole).abs() > 1e-6 || whole < 0.0 {
        return String::new();
    }
    match axis {
        XAxis::Weeks if whole == 0.0 => "start".into(),
        XAxis::Weeks => format!("week {whole:.0}"),
        XAxis::DaysOf(_) if whole == 0.0 => String::new(),
        XAxis::DaysOf(_) => format!("day {whole:.0}"),
    }
}

/// A value tick: whole numbers grouped by thousands, fractions with up to
/// two decimals.
pub fn value_label(value: f64) -> String {
    let whole = value.round();
    if (value - whole).abs() < 1e-9 && whole.abs() < 1e15 {
        let magnitude = crate::text::count(whole.abs() as u64);
        if whole < 0.0 {
            format!("-{magnitude}")
        } else {
            magnitude
        }
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Grid marks on whole units only: every unit, or every 2, 5, 10 ... when
/// units would crowd (`base_step_size` is the smallest readable step).
pub fn whole_marks(input: GridInput) -> Vec<GridMark> {
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        .into_iter()
        .find(|&s| s >= input.base_step_size * 8.0)
        .unwrap_or(100.0);
    marks_every(input.bounds, step)
}

/// Value marks on round steps (1, 2 or 5 times a power of ten) at least
/// 24 points apart, so that every tick has its label.
pub fn value_marks(input: GridInput) -> Vec<GridMark> {
    let least = (input.base_step_size * 3.0).max(1e-9);
    let power = 10f64.powf(least.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s >= least)
        .unwrap_or(10.0 * power);
    marks_every(input.bounds, step)
}

fn marks_every((low, high): (f64, f64), step: f64) -> Vec<GridMark> {
    let mut marks = Vec::new();
    let mut k = (low / step).ceil();
    while k * step <= high && marks.len() < 200 {
        marks.push(GridMark {
            value: k * step,
            step_size: step,
        });
        k += 1.0;
    }
    marks
}

/// One line to draw: its name, its points, its style, and whether it is a
/// thin line to compare with.
pub struct PlotLine {
    pub name: String,
    pub points: Vec<[f64; 2]>,
    pub style: LineStyle,
    pub thin: bool,
}

impl PlotLine {
    /// The line of `value` over the days of `history` the axis shows.
    pub fn of(
        name: &str,
        axis: XAxis,
        history: &[DayMetrics],
        value: fn(&DayMetrics) -> f64,
        style: LineStyle,
        thin: bool,
    ) -> PlotLine {
        PlotLine {
            name: name.to_string(),
            points: history
                .iter()
                .filter_map(|d| axis.x(d.day).map(|x| [x, value(d)]))
                .collect(),
            style,
            thin,
        }
    }
}

fn marker_shape(marker: Marker) -> MarkerShape {
    match marker {
        Marker::Circle => MarkerShape::Circle,
        Marker::Square => MarkerShape::Square,
        Marker::Diamond => MarkerShape::Diamond,
        Marker::Up => MarkerShape::Up,
        Marker::Down => MarkerShape::Down,
        Marker::Cross => MarkerShape::Cross,
        Marker::Plus => MarkerShape::Plus,
        Marker::Asterisk => MarkerShape::Asterisk,
    }
}

fn dash(dash: Dash) -> egui_plot::LineStyle {
    match dash {
        Dash::Solid => egui_plot::LineStyle::Solid,
        Dash::Dashed => egui_plot::LineStyle::Dashed { length: 6.0 },
        Dash::LongDashed => egui_plot::LineStyle::Dashed { length: 14.0 },
        Dash::Dotted => egui_plot::LineStyle::Dotted { spacing: 5.0 },
    }
}

/// A legend entry's sample: a short stretch of the line with its marker.
fn legend_sample(ui: &mut egui::Ui, style: LineStyle, thin: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(34.0, 14.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let color = line_color(style);
    let width = if thin { 1.5 } else { 2.5 };
    let y = rect.center().y;
    let stroke = egui::Stroke::new(width, color);
    match style.dash {
        Dash::Solid => {
            painter.line_segment([egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)], stroke);
        }
        Dash::Dashed | Dash::LongDashed => {
            let long = style.dash == Dash::LongDashed;
            let (on, off) = if long { (10.0, 4.0) } else { (5.0, 3.0) };
            let mut x = rect.left();
            while x < rect.right() {
                let end = (x + on).min(rect.right());
                painter.line_segment([egui::pos2(x, y), egui::pos2(end, y)], stroke);
                x += on + off;
            }
        }
        Dash::Dotted => {
            let mut x = rect.left() + 1.0;
            while x < rect.right() {
                painter.circle_filled(egui::pos2(x, y), width * 0.6, color);
                x += 5.0;
            }
        }
    }
    let center = rect.center();
    let r = 4.0;
    let marker = match style.marker {
        Marker::Circle => vec![],
        Marker::Square => vec![
            center + egui::vec2(-r, -r),
            center + egui::vec2(r, -r),
            center + egui::vec2(r, r),
            center + egui::vec2(-r, r),
        ],
        Marker::Diamond => vec![
            center + egui::vec2(0.0, -r - 1.0),
            center + egui::vec2(r + 1.0, 0.0),
            center + egui::vec2(0.0, r + 1.0),
            center + egui::vec2(-r - 1.0, 0.0),
        ],
        Marker::Up => vec![
            center + egui::vec2(0.0, -r),
            center + egui::vec2(r, r),
            center + egui::vec2(-r, r),
        ],
        Marker::Down => vec![
            center + egui::vec2(0.0, r),
            center + egui::vec2(r, -r),
            center + egui::vec2(-r, -r),
        ],
        Marker::Cross | Marker::Plus | Marker::Asterisk => {
            let arms: &[egui::Vec2] = match style.marker {
                Marker::Cross => &[egui::vec2(r, r), egui::vec2(r, -r)],
                Marker::Plus => &[egui::vec2(r, 0.0), egui::vec2(0.0, r)],
                _ => &[
                    egui::vec2(r, 0.0),
                    egui::vec2(0.0, r),
                    egui::vec2(r, r),
                    egui::vec2(r, -r),
                ],
            };
            for &arm in arms {
                painter.line_segment([center - arm, center + arm], egui::Stroke::new(1.5, color));
            }
            return;
        }
    };
    if marker.is_empty() {
        painter.circle_filled(center, r, color);
    } else {
        painter.add(egui::Shape::convex_polygon(marker, color, egui::Stroke::NONE));
    }
}

/// The legend above a chart: each line's sample and name, in the body text
/// colour, wrapped within the panel.
pub fn legend(ui: &mut egui::Ui, lines: &[(&str, LineStyle, bool)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        for &(name, style, thin) in lines {
            // An entry starts a new row rather than part from its sample.
            let text = egui::WidgetText::from(name).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let width = 34.0 + 6.0 + text.size().x + 12.0;
            if width > ui.available_size_before_wrap().x && ui.cursor().min.x > ui.max_rect().min.x + 1.0 {
                ui.end_row();
            }
            legend_sample(ui, style, thin);
            ui.add(egui::Label::new(name).extend());
            ui.add_space(6.0);
        }
    });
}

/// A chart of lines on an axis by week or by day, with `y_label` on its
/// value axis and the legend above it.
pub fn plot_lines(
    ui: &mut egui::Ui,
    id: &str,
    height: f32,
    axis: XAxis,
    y_label: &str,
    lines: Vec<PlotLine>,
) {
    let entries: Vec<(&str, LineStyle, bool)> = lines
        .iter()
        .map(|line| (line.name.as_str(), line.style, line.thin))
        .collect();
    legend(ui, &entries);
    let x_axis = AxisHints::new_x()
        .label(axis.label())
        .formatter(move |mark, _| tick_label(axis, mark.value))
        .label_spacing(10.0..=12.0)
        .tick_label_color(TEXT_WEAK);
    let y_axis = AxisHints::new_y()
        .label(y_label.to_string())
        .formatter(|mark, _| value_label(mark.value))
        .label_spacing(10.0..=12.0)
        .tick_label_color(TEXT_WEAK)
        .min_thickness(48.0);
    let mut plot = Plot::new(id)
        .height(height)
        .custom_x_axes(vec![x_axis])
        .custom_y_axes(vec![y_axis])
        .x_grid_spacer(whole_marks)
        .y_grid_spacer(value_marks)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        // Room at the ends for the first and last ticks' labels.
        .set_margin_fraction(egui::vec2(0.1, 0.08));
    plot = match axis {
        XAxis::Weeks => plot.include_x(0.0).include_x(1.0),
        XAxis::DaysOf(_) => plot.include_x(1.0).include_x(WEEK_DAYS as f64),
    };
    plot.show(ui, |plot| {
        for line in lines {
            let width = if line.thin { 1.5 } else { 2.5 };
            let color = line_color(line.style);
            let marked: Vec<[f64; 2]> = line
                .points
                .iter()
                .copied()
                .filter(|p| axis.marked(p[0]))
                .collect();
            plot.line(
                Line::new(line.name.clone(), PlotPoints::from(line.points))
                    .width(width)
                    .color(color)
                    .style(dash(line.style.dash)),
            );
            plot.points(
                Points::new(line.name, PlotPoints::from(marked))
                    .shape(marker_shape(line.style.marker))
                    .radius(if line.thin { 3.0 } else { 3.5 })
                    .filled(true)
                    .color(color),
            );
        }
    });
}

/// A named history with its style, for the compare view.
pub type Series<'a> = (&'a str, &'a [DayMetrics], fn(&DayMetrics) -> f64, LineStyle);

/// Lines of daily metrics over the weeks (the compare view).
pub fn daily_plot(ui: &mut egui::Ui, id: &str, height: f32, y_label: &str, lines: &[Series]) {
    let lines = lines
        .iter()
        .map(|&(name, history, value, style)| PlotLine::of(name, XAxis::Weeks, history, value, style, false))
        .collect();
    plot_lines(ui, id, height, XAxis::Weeks, y_label, lines);
}

/// Other games to draw beside the player's: a name, its days and its style.
pub type Others<'a> = [(&'a str, &'a [DayMetrics], LineStyle)];

/// A chart of one metric: the player's line ("you") and, thin, each of
/// `others` up to the day the player has reached.
pub fn metric_chart(
    ui: &mut egui::Ui,
    id: &str,
    axis: XAxis,
    y_label: &str,
    history: &[DayMetrics],
    value: fn(&DayMetrics) -> f64,
    others: &Others,
) {
    let mut lines = vec![PlotLine::of(
        "you",
        axis,
        history,
        value,
        crate::report::palette::YOU,
        false,
    )];
    for &(name, days, style) in others {
        let shown = &days[..days.len().min(history.len())];
        lines.push(PlotLine::of(name, axis, shown, value, style, true));
    }
    plot_lines(ui, id, CHART_HEIGHT, axis, y_label, lines);
}

/// The charts drawn with the ghosts beside the player's line (the week
/// report and the debrief): title, value axis, value.
pub const COMPARED: [(&str, &str, fn(&DayMetrics) -> f64); 4] = [
    ("followers", "people", |d| d.followers as f64),
    ("strong relationships", "people", |d| {
        d.strong_relationships as f64
    }),
    ("customers now", "people", |d| d.customers_now() as f64),
    ("community sentiment", "sentiment (−1 to +1)", |d| d.sentiment),
];

/// The lines to draw beside the player's: `first` (the original of a
/// rewound game), then the ghosts' (as `Ghosts::lines` gives them).
pub fn others<'a>(
    ghost_lines: &'a [(String, &'a [DayMetrics], LineStyle)],
    first: Option<(&'a str, &'a [DayMetrics], LineStyle)>,
) -> Vec<(&'a str, &'a [DayMetrics], LineStyle)> {
    first
        .into_iter()
        .chain(
            ghost_lines
                .iter()
                .map(|(name, days, style)| (name.as_str(), *days, *style)),
        )
        .collect()
}

/// The height of a chart's plot.
pub const CHART_HEIGHT: f32 = 160.0;

/// A chart of one history's daily metrics (several series, no others),
/// each in the `index`-th of `palette::OTHERS`.
pub fn chart(
    ui: &mut egui::Ui,
    id: &str,
    axis: XAxis,
    y_label: &str,
    history: &[DayMetrics],
    series: &[(&str, fn(&DayMetrics) -> f64)],
) {
    let lines = series
        .iter()
        .enumerate()
        .map(|(i, &(name, value))| {
            PlotLine::of(
                name,
                axis,
                history,
                value,
                crate::report::palette::other_style(i),
                false,
            )
        })
        .collect();
    plot_lines(ui, id, CHART_HEIGHT, axis, y_label, lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_whole_weeks_and_days() {
        assert_eq!(tick_label(XAxis::Weeks, 0.0), "start");
        assert_eq!(tick_label(XAxis::Weeks, 1.0), "week 1");
        assert_eq!(tick_label(XAxis::Weeks, 0.4), "");
        assert_eq!(tick_label(XAxis::DaysOf(3), 7.0), "day 7");
        assert_eq!(tick_label(XAxis::DaysOf(3), 2.5), "");
    }

    #[test]
    fn value_ticks_read_as_numbers() {
        assert_eq!(value_label(1200.0), "1,200");
        assert_eq!(value_label(0.0), "0");
        assert_eq!(value_label(0.12), "0.12");
        assert_eq!(value_label(-0.5), "-0.5");
    }

    #[test]
    fn a_one_week_game_has_marks_on_whole_weeks_only() {
        let marks = whole_marks(GridInput {
            bounds: (-0.05, 1.05),
            base_step_size: 0.01,
        });
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        assert_eq!(values, vec![0.0, 1.0]);
        // Many weeks in little room: every fifth.
        let marks = whole_marks(GridInput {
            bounds: (0.0, 52.0),
            base_step_size: 0.5,
        });
        assert!(marks.iter().all(|m| m.value % 5.0 == 0.0), "{marks:?}");
    }

    #[test]
    fn value_marks_are_round_and_spaced_for_their_labels() {
        // 160 points for 0..1,000: a mark every 200 at the most crowded.
        let marks = value_marks(GridInput {
            bounds: (0.0, 1000.0),
            base_step_size: 1000.0 / 160.0 * 8.0,
        });
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        assert!(values.len() >= 3 && values.len() <= 6, "{values:?}");
        assert!(values.iter().all(|v| v % 100.0 == 0.0), "{values:?}");
        let small = value_marks(GridInput {
            bounds: (-0.1, 0.2),
            base_step_size: 0.3 / 160.0 * 8.0,
        });
        assert!(small.len() >= 3, "{small:?}");
    }

    #[test]
    fn a_week_by_day_keeps_that_week_s_days() {
        let axis = XAxis::DaysOf(2);
        assert_eq!(axis.x(7), None, "the last day of week 1");
        assert_eq!(axis.x(8), Some(1.0));
        assert_eq!(axis.x(14), Some(7.0));
        assert_eq!(axis.x(15), None);
        assert_eq!(XAxis::Weeks.x(14), Some(2.0));
    }
}
