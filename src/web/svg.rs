//! Charts for the browser, as SVG drawn by plotters: a line per series
//! over the weeks (the player in colour, the built-in strategies' ghosts
//! thin and grey), with the legend and the last values in HTML beside
//! it, so that neither colour nor the picture is the only way to read it.

use super::style::{GHOST, GRID, INK, PAPER, series};
use maud::{Markup, PreEscaped, html};
use plotters::prelude::*;
use plotters::style::RGBColor;

/// One line of a chart.
#[derive(Clone, Debug)]
pub struct Line {
    pub name: String,
    /// (x, y): x in weeks.
    pub points: Vec<(f64, f64)>,
    /// A ghost: thin and grey, behind the others.
    pub ghost: bool,
}

const WIDTH: u32 = 640;
const HEIGHT: u32 = 300;

fn rgb(hex: &str) -> RGBColor {
    let value = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    RGBColor((value >> 16) as u8, (value >> 8) as u8, value as u8)
}

/// The chart's SVG text, or `None` when plotters could not draw it.
fn draw(lines: &[Line], y_label: &str) -> Option<String> {
    let (mut x_min, mut x_max, mut y_min, mut y_max) = (f64::MAX, f64::MIN, 0.0f64, f64::MIN);
    for line in lines {
        for &(x, y) in &line.points {
            x_min = x_min.min(x);
            x_max = x_max.max(x);
            y_min = y_min.min(y);
            y_max = y_max.max(y);
        }
    }
    if x_min > x_max {
        (x_min, x_max, y_max) = (0.0, 1.0, 1.0);
    }
    if x_max - x_min < 1e-9 {
        x_max = x_min + 1.0;
    }
    if y_max - y_min < 1e-9 {
        y_max = y_min + 1.0;
    }
    let pad = (y_max - y_min) * 0.05;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&rgb(PAPER)).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(64)
            .build_cartesian_2d(
                x_min..x_max,
                (y_min - if y_min < 0.0 { pad } else { 0.0 })..(y_max + pad),
            )
            .ok()?;
        let y_span = y_max - y_min;
        let y_format = move |v: &f64| {
            if y_span >= 10.0 {
                format!("{v:.0}")
            } else if y_span >= 1.0 {
                format!("{v:.1}")
            } else {
                format!("{v:.2}")
            }
        };
        let x_steps = ((x_max - x_min).round() as usize + 1).clamp(2, 13);
        chart
            .configure_mesh()
            .x_labels(x_steps)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&y_format)
            .x_desc("week")
            .y_desc(y_label)
            .label_style(("sans-serif", 15).into_font().color(&rgb(INK)))
            .axis_desc_style(("sans-serif", 15).into_font().color(&rgb(INK)))
            .light_line_style(rgb(GRID))
            .draw()
            .ok()?;
        let ghost = rgb(GHOST);
        let mut colour = 0;
        for line in lines.iter().filter(|l| l.ghost) {
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().copied(),
                    ghost.stroke_width(1),
                ))
                .ok()?;
        }
        for line in lines.iter().filter(|l| !l.ghost) {
            let stroke = rgb(series(colour));
            colour += 1;
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().copied(),
                    stroke.stroke_width(3),
                ))
                .ok()?;
            // A line of one week is a dot; a line of weeks has a dot a week.
            if line.points.len() <= 20 {
                chart
                    .draw_series(line.points.iter().map(|&p| Circle::new(p, 4, stroke.filled())))
                    .ok()?;
            }
        }
        root.present().ok()?;
    }
    Some(svg)
}

/// A number as a chart's legend says it.
fn value_text(value: f64) -> String {
    if value.fract().abs() < 1e-9 && value.abs() < 1e15 {
        let text = crate::text::count(value.abs() as u64);
        if value < 0.0 { format!("-{text}") } else { text }
    } else {
        format!("{value:.2}")
    }
}

/// The colour each line is drawn in, in the order of `lines`.
fn colours(lines: &[Line]) -> Vec<&'static str> {
    let mut next = 0;
    lines
        .iter()
        .map(|line| {
            if line.ghost {
                GHOST
            } else {
                next += 1;
                series(next - 1)
            }
        })
        .collect()
}

/// A chart in a figure: its title, the SVG (a picture with a text
/// alternative), and the legend with each line's last value.
pub fn chart(title: &str, y_label: &str, lines: &[Line]) -> Markup {
    let last = |line: &Line| {
        line.points
            .last()
            .map_or_else(String::new, |&(_, y)| value_text(y))
    };
    let summary: Vec<String> = lines
        .iter()
        .map(|line| format!("{} {}", line.name, last(line)))
        .collect();
    let alt = format!("{title}, by week; last values: {}", summary.join(", "));
    let svg = draw(lines, y_label).unwrap_or_default();
    let colours = colours(lines);
    html! {
        figure {
            figcaption { (title) }
            div role="img" aria-label=(alt) { (PreEscaped(strip_prolog(&svg))) }
            ul.legend {
                @for (line, colour) in lines.iter().zip(&colours) {
                    li {
                        span.swatch style=(format!("background:{colour}")) aria-hidden="true" {}
                        (line.name) ": " (last(line))
                    }
                }
            }
        }
    }
}

/// The SVG without an XML prolog (it sits inside HTML).
fn strip_prolog(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(start) => &svg[start..],
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_svg_with_its_legend_in_words() {
        let lines = vec![
            Line {
                name: "you".into(),
                points: vec![(0.0, 10.0), (1.0, 1200.0)],
                ghost: false,
            },
            Line {
                name: "the networker".into(),
                points: vec![(0.0, 10.0), (1.0, 30.5)],
                ghost: true,
            },
        ];
        let text = chart("followers", "people", &lines).into_string();
        assert!(text.contains("<svg"), "{text}");
        assert!(text.contains("you: 1,200"), "{text}");
        assert!(text.contains("the networker: 30.50"), "{text}");
        assert!(text.contains("aria-label=\"followers, by week"), "{text}");
    }
}
