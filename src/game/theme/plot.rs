//! Charts of daily metrics over the weeks, shared by the week report and
//! the compare view.

use crate::sim::DayMetrics;
use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};

/// One line of a chart: its name, the days it is drawn from, and the value
/// of each day.
pub type Series<'a> = (&'a str, &'a [DayMetrics], fn(&DayMetrics) -> f64);

/// Lines of daily metrics over the weeks (x in weeks).
pub fn daily_plot(ui: &mut egui::Ui, id: &str, height: f32, lines: &[Series]) {
    Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .x_axis_label("week")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            for &(name, history, value) in lines {
                let points: PlotPoints = history.iter().map(|d| [d.day as f64 / 7.0, value(d)]).collect();
                plot.line(Line::new(name, points));
            }
        });
}

/// A chart of one history's daily metrics (x in weeks), as the week report
/// draws them.
pub fn chart(ui: &mut egui::Ui, id: &str, history: &[DayMetrics], series: &[(&str, fn(&DayMetrics) -> f64)]) {
    let lines: Vec<Series> = series
        .iter()
        .map(|&(name, value)| (name, history, value))
        .collect();
    daily_plot(ui, id, 170.0, &lines);
}
