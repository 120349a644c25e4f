//! Charts for a projector: a class's games at 1600x900 with large type,
//! the legend in a panel beside the plot (never over it), each named line
//! with its own colour and marker, and for a class too large to draw line
//! by line, the class's median with its spread (the middle half and the
//! whole range) and the top few named. And the hours each game spent by
//! kind (broadcast, conversation, listening), as bars, never summed over
//! time, so the split between the kinds shows.

use super::charts::{ChartError, ChartFileError, Series, register_font};
use crate::files::atomic::write_atomic;
use crate::sim::{DayMetrics, Simulation};
use plotters::prelude::*;
use std::path::{Path, PathBuf};

/// A projector chart's size in pixels.
pub const WIDTH: u32 = 1600;
pub const HEIGHT: u32 = 900;

/// Width of the legend panel on the right.
const LEGEND_WIDTH: u32 = 420;

/// Type sizes: title, axis labels and legend.
const TITLE_PX: u32 = 44;
const LABEL_PX: u32 = 28;
const LEGEND_PX: u32 = 26;

/// Colour-blind-safe colours (Okabe and Ito), then darker ones: with the
/// markers, no two of the first 16 lines look alike.
const COLORS: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(0, 0, 0),
    RGBColor(120, 94, 240),
];

/// The three kinds of hours, in their colours.
const KIND_COLORS: [RGBColor; 3] = [RGBColor(213, 94, 0), RGBColor(0, 114, 178), RGBColor(0, 158, 115)];

/// The class's spread on one chart: per x, the median, the middle half
/// (25th to 75th percentile) and the whole range.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spread {
    pub median: Vec<(f64, f64)>,
    pub middle: Vec<(f64, f64, f64)>,
    pub range: Vec<(f64, f64, f64)>,
}

impl Spread {
    /// The spread of `lines` (each a game's points, on the same x), over
    /// the x they all have.
    pub fn of(lines: &[&[(f64, f64)]]) -> Spread {
        let len = lines.iter().map(|l| l.len()).min().unwrap_or(0);
        let mut spread = Spread::default();
        for i in 0..len {
            let x = lines[0][i].0;
            let mut values: Vec<f64> = lines.iter().map(|l| l[i].1).collect();
            values.sort_by(f64::total_cmp);
            let at = |q: f64| {
                let position = q * (values.len() - 1) as f64;
                let (low, high) = (position.floor() as usize, position.ceil() as usize);
                values[low] + (values[high] - values[low]) * (position - low as f64)
            };
            spread.median.push((x, at(0.5)));
            spread.middle.push((x, at(0.25), at(0.75)));
            spread.range.push((x, values[0], values[values.len() - 1]));
        }
        spread
    }
}

fn color(i: usize) -> RGBColor {
    COLORS[i % COLORS.len()]
}

/// The marker of line `i`: circle, triangle, cross, square, in turn.
fn marker<DB: DrawingBackend>(
    i: usize,
    at: (i32, i32),
    color: RGBColor,
) -> DynElement<'static, DB, (i32, i32)> {
    let style = color.filled();
    match (i / COLORS.len()) % 4 {
        0 => Circle::new(at, 7, style).into_dyn(),
        1 => TriangleMarker::new(at, 9, style).into_dyn(),
        2 => Cross::new(at, 8, color.stroke_width(3)).into_dyn(),
        _ => Rectangle::new([(at.0 - 6, at.1 - 6), (at.0 + 6, at.1 + 6)], style).into_dyn(),
    }
}

/// The charts of a comparison: (file stem, title, y label, value of a day).
pub const CHARTS: [(&str, &str, &str, fn(&DayMetrics) -> f64); 4] = [
    ("followers", "Followers", "followers", |d| d.followers as f64),
    ("leads", "Leads (total)", "leads", |d| d.leads_total as f64),
    ("strong_relationships", "Strong relationships", "people", |d| {
        d.strong_relationships as f64
    }),
    ("sentiment", "Community sentiment", "sentiment (-1..1)", |d| {
        d.sentiment
    }),
];

/// Games up to this many are drawn line by line; more are drawn as the
/// class's median and spread with the top [`TOP_NAMED`] named.
pub const LINES_DRAWN: usize = 6;
pub const TOP_NAMED: usize = 3;

/// Draws the comparison charts for named games, best first (projector
/// size); returns the files written.
pub fn compare_charts(out: &Path, games: &[(String, &Simulation)]) -> Result<Vec<PathBuf>, ChartFileError> {
    let mut written = Vec::new();
    for (stem, title, y_label, value) in CHARTS {
        let series: Vec<Series> = games
            .iter()
            .map(|(name, game)| Series {
                name: name.clone(),
                points: game
                    .history()
                    .iter()
                    .map(|d| (d.day as f64 / 7.0, value(d)))
                    .collect(),
                band: Vec::new(),
                style: None,
            })
            .collect();
        let path = out.join(format!("{stem}.png"));
        if series.len() <= LINES_DRAWN {
            line_chart(&path, title, "week", y_label, &series, None)?;
        } else {
            let lines: Vec<&[(f64, f64)]> = series.iter().map(|s| s.points.as_slice()).collect();
            let spread = Spread::of(&lines);
            let title = format!("{title}: the class of {} and its top {TOP_NAMED}", series.len());
            line_chart(
                &path,
                &title,
                "week",
                y_label,
                &series[..TOP_NAMED],
                Some(&spread),
            )?;
        }
        written.push(path);
    }
    let hours: Vec<(String, [f64; 3])> = games
        .iter()
        .map(|(name, game)| {
            let h = game.kpis_live().hours;
            (name.clone(), [h.broadcast, h.conversation, h.listening])
        })
        .collect();
    let path = out.join("hours.png");
    hours_chart(&path, "Hours by kind of activity", &hours)?;
    written.push(path);
    Ok(written)
}

/// Draws a projector line chart to a PNG file, written atomically: the
/// class's spread (when given) under the named lines.
pub fn line_chart(
    path: &Path,
    title: &str,
    x_label: &str,
    y_label: &str,
    lines: &[Series],
    spread: Option<&Spread>,
) -> Result<(), ChartFileError> {
    let png = render(|area| draw_lines(area, title, x_label, y_label, lines, spread)).map_err(|source| {
        ChartFileError::Draw {
            path: path.to_path_buf(),
            source,
        }
    })?;
    write(path, &png)
}

/// Draws the hours of each game by kind (one bar a game, best first) to a
/// PNG file, written atomically. `rows` are (name, [broadcast,
/// conversation, listening] hours).
pub fn hours_chart(path: &Path, title: &str, rows: &[(String, [f64; 3])]) -> Result<(), ChartFileError> {
    let png = render(|area| draw_hours(area, title, rows)).map_err(|source| ChartFileError::Draw {
        path: path.to_path_buf(),
        source,
    })?;
    write(path, &png)
}

fn write(path: &Path, png: &[u8]) -> Result<(), ChartFileError> {
    write_atomic(path, png).map_err(|source| ChartFileError::Write {
        path: path.to_path_buf(),
        source,
    })
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

fn render(draw: impl FnOnce(&Area) -> Result<(), ChartError>) -> Result<Vec<u8>, ChartError> {
    register_font();
    let mut pixels = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(&e))?;
        draw(&root)?;
        root.present().map_err(|e| fail(&e))?;
    }
    let image = image::RgbImage::from_raw(WIDTH, HEIGHT, pixels).ok_or(ChartError::Size)?;
    let mut png = std::io::Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageOutputFormat::Png)?;
    Ok(png.into_inner())
}

fn fail(e: &dyn std::fmt::Display) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// A legend entry: its text, colour and how it is drawn.
enum Key {
    Line(usize),
    Band(RGBColor),
    Median,
}

fn draw_legend(area: &Area, entries: &[(String, Key)]) -> Result<(), ChartError> {
    let font = ("sans-serif", LEGEND_PX).into_font();
    let row = LEGEND_PX as i32 + 14;
    let top = TITLE_PX as i32 + 40;
    let most = ((HEIGHT as i32 - top - 20) / row).max(1) as usize;
    for (k, (text, key)) in entries.iter().take(most).enumerate() {
        let y = top + k as i32 * row;
        match key {
            Key::Line(i) => {
                let c = color(*i);
                area.draw(&PathElement::new(vec![(16, y), (60, y)], c.stroke_width(4)))
                    .map_err(|e| fail(&e))?;
                area.draw(&marker(*i, (38, y), c)).map_err(|e| fail(&e))?;
            }
            Key::Band(c) => {
                area.draw(&Rectangle::new([(16, y - 10), (60, y + 10)], c.filled()))
                    .map_err(|e| fail(&e))?;
            }
            Key::Median => {
                area.draw(&PathElement::new(vec![(16, y), (60, y)], BLACK.stroke_width(5)))
                    .map_err(|e| fail(&e))?;
            }
        }
        let shown: String = if text.chars().count() > 24 {
            text.chars().take(23).collect::<String>() + "…"
        } else {
            text.clone()
        };
        area.draw(&Text::new(
            shown,
            (72, y - LEGEND_PX as i32 / 2 - 2),
            font.clone(),
        ))
        .map_err(|e| fail(&e))?;
    }
    if entries.len() > most {
        area.draw(&Text::new(
            format!("and {} more", entries.len() - most),
            (72, top + most as i32 * row - LEGEND_PX as i32 / 2),
            font,
        ))
        .map_err(|e| fail(&e))?;
    }
    Ok(())
}

fn draw_lines(
    root: &Area,
    title: &str,
    x_label: &str,
    y_label: &str,
    lines: &[Series],
    spread: Option<&Spread>,
) -> Result<(), ChartError> {
    let (plot, legend) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
    let (mut x_min, mut x_max, mut y_min, mut y_max) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    let mut extend = |x: f64, y: f64| {
        x_min = x_min.min(x);
        x_max = x_max.max(x);
        y_min = y_min.min(y);
        y_max = y_max.max(y);
    };
    for s in lines {
        for &(x, y) in &s.points {
            extend(x, y);
        }
    }
    if let Some(spread) = spread {
        for &(x, low, high) in &spread.range {
            extend(x, low);
            extend(x, high);
        }
    }
    if x_min > x_max {
        (x_min, x_max, y_min, y_max) = (0.0, 1.0, 0.0, 1.0);
    }
    if (y_max - y_min).abs() < 1e-9 {
        y_max = y_min + 1.0;
    }
    let pad = (y_max - y_min) * 0.05;
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, ("sans-serif", TITLE_PX))
        .margin(24)
        .x_label_area_size(80)
        .y_label_area_size(130)
        .build_cartesian_2d(x_min..x_max.max(x_min + 1e-9), (y_min - pad)..(y_max + pad))
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .label_style(("sans-serif", LABEL_PX))
        .axis_desc_style(("sans-serif", LABEL_PX))
        .draw()
        .map_err(|e| fail(&e))?;
    let mut keys: Vec<(String, Key)> = Vec::new();
    if let Some(spread) = spread {
        let bands = [
            (&spread.range, RGBColor(220, 220, 220), "whole class range"),
            (&spread.middle, RGBColor(170, 170, 170), "middle half of class"),
        ];
        for (band, fill, text) in bands {
            let mut outline: Vec<(f64, f64)> = band.iter().map(|&(x, _, high)| (x, high)).collect();
            outline.extend(band.iter().rev().map(|&(x, low, _)| (x, low)));
            chart
                .draw_series(std::iter::once(Polygon::new(outline, fill.filled())))
                .map_err(|e| fail(&e))?;
            keys.push((text.to_string(), Key::Band(fill)));
        }
        chart
            .draw_series(LineSeries::new(
                spread.median.iter().copied(),
                BLACK.stroke_width(5),
            ))
            .map_err(|e| fail(&e))?;
        keys.push(("class median".to_string(), Key::Median));
    }
    for (i, s) in lines.iter().enumerate() {
        let c = color(i);
        chart
            .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(4)))
            .map_err(|e| fail(&e))?;
        // A marker every so often, so lines of one colour are told apart.
        let every = (s.points.len() / 12).max(1);
        chart
            .draw_series(
                s.points
                    .iter()
                    .step_by(every)
                    .map(|&p| EmptyElement::at(p) + marker(i, (0, 0), c)),
            )
            .map_err(|e| fail(&e))?;
        keys.push((s.name.clone(), Key::Line(i)));
    }
    draw_legend(&legend, &keys)
}

fn draw_hours(root: &Area, title: &str, rows: &[(String, [f64; 3])]) -> Result<(), ChartError> {
    let (plot, legend) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
    let most = rows
        .iter()
        .map(|(_, h)| h.iter().sum::<f64>())
        .fold(1.0_f64, f64::max);
    let n = rows.len().max(1);
    let label_px = if n > 20 { 20 } else { LABEL_PX };
    let names: Vec<String> = rows
        .iter()
        .map(|(name, _)| {
            if name.chars().count() > 18 {
                name.chars().take(17).collect::<String>() + "…"
            } else {
                name.clone()
            }
        })
        .collect();
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, ("sans-serif", TITLE_PX))
        .margin(24)
        .x_label_area_size(80)
        .y_label_area_size(260)
        // Row k is centred on n - 1 - k (the best at the top), so the
        // whole-number ticks fall on the rows' centres.
        .build_cartesian_2d(0.0..most * 1.05, -0.5..n as f64 - 0.5)
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|y| {
            let k = n as f64 - 1.0 - y;
            if (k - k.round()).abs() < 0.01 && k >= -0.01 {
                names.get(k.round() as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_desc("hours over the whole game")
        .label_style(("sans-serif", label_px))
        .axis_desc_style(("sans-serif", LABEL_PX))
        .draw()
        .map_err(|e| fail(&e))?;
    for (k, (_, hours)) in rows.iter().enumerate() {
        let centre = (n - k - 1) as f64;
        let (low, high) = (centre - 0.35, centre + 0.35);
        let mut start = 0.0;
        for (kind, &h) in hours.iter().enumerate() {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(start, low), (start + h, high)],
                    KIND_COLORS[kind].filled(),
                )))
                .map_err(|e| fail(&e))?;
            start += h;
        }
    }
    let keys: Vec<(String, Key)> = ["broadcast", "conversation", "listening"]
        .iter()
        .zip(KIND_COLORS)
        .map(|(name, c)| (name.to_string(), Key::Band(c)))
        .collect();
    draw_legend(&legend, &keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spread_is_the_median_quartiles_and_range_of_the_games() {
        let a = [(0.0, 1.0), (1.0, 10.0)];
        let b = [(0.0, 2.0), (1.0, 20.0)];
        let c = [(0.0, 3.0), (1.0, 30.0), (2.0, 99.0)];
        let s = Spread::of(&[&a, &b, &c]);
        assert_eq!(s.median, vec![(0.0, 2.0), (1.0, 20.0)]);
        assert_eq!(s.middle[0], (0.0, 1.5, 2.5));
        assert_eq!(s.range[1], (1.0, 10.0, 30.0));
    }
}
