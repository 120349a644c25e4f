//! Charts of daily metrics, shared by the week report, the debrief and the
//! compare view: across the game by week (ticks "week 1", "week 2", never
//! fractions of a week), or within one week by day ("day 1" .. "day 7").
//! The player's own line is drawn thick, lines to compare with (ghosts of
//! the built-in strategies, the original of a rewound game) thin.

use crate::sim::DayMetrics;
use bevy_egui::egui;
use egui_plot::{GridInput, GridMark, Legend, Line, Plot, PlotPoints};

/// The days in a week.
const WEEK_DAYS: u32 = 7;

/// One line of a chart: its name, the days it is drawn from, and the value
/// of each day.
pub type Series<'a> = (&'a str, &'a [DayMetrics], fn(&DayMetrics) -> f64);

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
            XAxis::Weeks => "week",
            XAxis::DaysOf(_) => "day of the week",
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
        let magnitude = crate::report::format::count(whole.abs() as u64);
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
    let (low, high) = input.bounds;
    let mut marks = Vec::new();
    let mut value = (low / step).ceil() * step;
    while value <= high {
        marks.push(GridMark {
            value,
            step_size: step,
        });
        value += step;
    }
    marks
}

/// One line to draw: its name, its points, and whether it is a thin line
/// to compare with.
pub struct PlotLine {
    pub name: String,
    pub points: Vec<[f64; 2]>,
    pub thin: bool,
    /// A colour of its own (a brand's); `None` takes the chart's next one.
    pub color: Option<egui::Color32>,
}

impl PlotLine {
    /// The line of `value` over the days of `history` the axis shows.
    pub fn of(
        name: &str,
        axis: XAxis,
        history: &[DayMetrics],
        value: fn(&DayMetrics) -> f64,
        thin: bool,
    ) -> PlotLine {
        PlotLine {
            name: name.to_string(),
            points: history
                .iter()
                .filter_map(|d| axis.x(d.day).map(|x| [x, value(d)]))
                .collect(),
            thin,
            color: None,
        }
    }
}

/// A chart of lines on an axis by week or by day.
pub fn plot_lines(ui: &mut egui::Ui, id: &str, height: f32, axis: XAxis, lines: Vec<PlotLine>) {
    let mut plot = Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .x_axis_label(axis.label())
        .x_grid_spacer(whole_marks)
        .x_axis_formatter(move |mark, _| tick_label(axis, mark.value))
        .y_axis_formatter(|mark, _| value_label(mark.value))
        .y_axis_min_width(44.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false);
    plot = match axis {
        XAxis::Weeks => plot.include_x(0.0).include_x(1.0),
        XAxis::DaysOf(_) => plot.include_x(1.0).include_x(WEEK_DAYS as f64),
    };
    plot.show(ui, |plot| {
        for line in lines {
            let width = if line.thin { 1.0 } else { 2.5 };
            let mut drawn = Line::new(line.name, PlotPoints::from(line.points)).width(width);
            if let Some(color) = line.color {
                drawn = drawn.color(color);
            }
            plot.line(drawn);
        }
    });
}

/// Lines of daily metrics over the weeks (the compare view).
pub fn daily_plot(ui: &mut egui::Ui, id: &str, height: f32, lines: &[Series]) {
    let lines = lines
        .iter()
        .map(|&(name, history, value)| PlotLine::of(name, XAxis::Weeks, history, value, false))
        .collect();
    plot_lines(ui, id, height, XAxis::Weeks, lines);
}

/// Other games to draw beside the player's: a name and its days.
pub type Others<'a> = [(&'a str, &'a [DayMetrics])];

/// A chart of one metric: the player's line ("you") and, thin, each of
/// `others` up to the day the player has reached.
pub fn metric_chart(
    ui: &mut egui::Ui,
    id: &str,
    axis: XAxis,
    history: &[DayMetrics],
    value: fn(&DayMetrics) -> f64,
    others: &Others,
) {
    let mut lines = vec![PlotLine::of("you", axis, history, value, false)];
    for &(name, days) in others {
        let shown = &days[..days.len().min(history.len())];
        lines.push(PlotLine::of(name, axis, shown, value, true));
    }
    plot_lines(ui, id, 150.0, axis, lines);
}

/// A chart of one history's daily metrics (several series, no others).
pub fn chart(
    ui: &mut egui::Ui,
    id: &str,
    axis: XAxis,
    history: &[DayMetrics],
    series: &[(&str, fn(&DayMetrics) -> f64)],
) {
    let lines = series
        .iter()
        .map(|&(name, value)| PlotLine::of(name, axis, history, value, false))
        .collect();
    plot_lines(ui, id, 150.0, axis, lines);
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
    fn a_week_by_day_keeps_that_week_s_days() {
        let axis = XAxis::DaysOf(2);
        assert_eq!(axis.x(7), None, "the last day of week 1");
        assert_eq!(axis.x(8), Some(1.0));
        assert_eq!(axis.x(14), Some(7.0));
        assert_eq!(axis.x(15), None);
        assert_eq!(XAxis::Weeks.x(14), Some(2.0));
    }
}
