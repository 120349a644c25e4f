//! PNG line charts (one line per replay or strategy, with an optional 95%
//! band), drawn with plotters and a bundled font so no system library is
//! needed, encoded in memory and written atomically.

use super::palette::{self, Dash, LineStyle, Marker, Srgb};
use crate::files::atomic::write_atomic;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::path::{Path, PathBuf};
use std::sync::Once;

const FONT: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");

/// One line of a chart.
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub name: String,
    /// (x, y) points.
    pub points: Vec<(f64, f64)>,
    /// Optional (x, low, high) band around the line.
    pub band: Vec<(f64, f64, f64)>,
    /// How it is drawn; `None` takes the chart's next style of
    /// `palette::OTHERS`. A built-in strategy's line takes its own
    /// (`palette::series_style`), as in the window.
    pub style: Option<LineStyle>,
}

fn rgb(color: Srgb) -> RGBColor {
    RGBColor(color.0, color.1, color.2)
}

pub(super) fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bundled font is valid; if registration failed, text would be
        // missing but the chart would still be drawn.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// plotters refused to draw (its error is generic over the backend, so
    /// only its text is kept).
    #[error("cannot draw chart: {0}")]
    Draw(String),
    #[error("the chart's pixels do not fit its size")]
    Size,
    #[error("cannot encode the chart: {0}")]
    Encode(#[from] image::ImageError),
}

/// Why a chart file was not made: drawn, or written.
#[derive(Debug, thiserror::Error)]
pub enum ChartFileError {
    #[error("{}: {source}", path.display())]
    Draw { path: PathBuf, source: ChartError },
    #[error("{}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// Chart size in pixels, the legend's strip at the right included.
const WIDTH: u32 = 1080;
const HEIGHT: u32 = 520;
/// The legend's strip, beside the plot so that it never hides a line.
const LEGEND_WIDTH: u32 = 200;

/// Draws a line chart to a PNG file, written atomically (see
/// `files::atomic`).
pub fn line_chart(
    path: &Path,
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[Series],
) -> Result<(), ChartFileError> {
    let png = render_png(title, x_label, y_label, series).map_err(|source| ChartFileError::Draw {
        path: path.to_path_buf(),
        source,
    })?;
    write_atomic(path, &png).map_err(|source| ChartFileError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// The chart as the bytes of a PNG file.
pub fn render_png(
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[Series],
) -> Result<Vec<u8>, ChartError> {
    register_font();
    let mut pixels = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    draw(&mut pixels, title, x_label, y_label, series)?;
    let image = image::RgbImage::from_raw(WIDTH, HEIGHT, pixels).ok_or(ChartError::Size)?;
    let mut png = std::io::Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageOutputFormat::Png)?;
    Ok(png.into_inner())
}

fn draw(
    pixels: &mut [u8],
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[Series],
) -> Result<(), ChartError> {
    let err = |e: &dyn std::fmt::Display| ChartError::Draw(e.to_string());
    let (mut x_min, mut x_max, mut y_min, mut y_max) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for s in series {
        for &(x, y) in &s.points {
            x_min = x_min.min(x);
            x_max = x_max.max(x);
            y_min = y_min.min(y);
            y_max = y_max.max(y);
        }
        for &(_, low, high) in &s.band {
            y_min = y_min.min(low);
            y_max = y_max.max(high);
        }
    }
    if x_min > x_max {
        (x_min, x_max, y_min, y_max) = (0.0, 1.0, 0.0, 1.0);
    }
    if (y_max - y_min).abs() < 1e-9 {
        y_max = y_min + 1.0;
    }
    let pad = (y_max - y_min) * 0.05;
    let root = BitMapBackend::with_buffer(pixels, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&rgb(palette::PAPER)).map_err(|e| err(&e))?;
    let (plot_area, legend_area) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
    let ink = rgb(palette::INK);
    let mut chart = ChartBuilder::on(&plot_area)
        .caption(title, ("sans-serif", 24).into_font().color(&ink))
        .margin(14)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(x_min..x_max.max(x_min + 1e-9), (y_min - pad)..(y_max + pad))
        .map_err(|e| err(&e))?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .label_style(("sans-serif", 16).into_font().color(&ink))
        .axis_desc_style(("sans-serif", 17).into_font().color(&ink))
        .draw()
        .map_err(|e| err(&e))?;
    let styles: Vec<LineStyle> = series
        .iter()
        .enumerate()
        .map(|(i, s)| s.style.unwrap_or_else(|| palette::other_style(i)))
        .collect();
    for (s, style) in series.iter().zip(&styles) {
        let color = rgb(style.color.rgb);
        if !s.band.is_empty() {
            let mut outline: Vec<(f64, f64)> = s.band.iter().map(|&(x, _, high)| (x, high)).collect();
            outline.extend(s.band.iter().rev().map(|&(x, low, _)| (x, low)));
            chart
                .draw_series(std::iter::once(Polygon::new(outline, color.mix(0.18).filled())))
                .map_err(|e| err(&e))?;
        }
        let points = s.points.iter().copied();
        let stroke = color.stroke_width(2);
        match style.dash {
            Dash::Solid => chart.draw_series(LineSeries::new(points, stroke)).map(|_| ()),
            Dash::Dashed => chart
                .draw_series(DashedLineSeries::new(points, 8, 5, stroke))
                .map(|_| ()),
            Dash::LongDashed => chart
                .draw_series(DashedLineSeries::new(points, 16, 6, stroke))
                .map(|_| ()),
            Dash::Dotted => chart
                .draw_series(DottedLineSeries::new(points, 0, 6, move |c| {
                    Circle::new(c, 2, color.filled())
                }))
                .map(|_| ()),
        }
        .map_err(|e| err(&e))?;
        // A marker on every point, or on a few evenly spread ones.
        let step = s.points.len().div_ceil(16).max(1);
        let marker = style.marker;
        chart
            .draw_series(
                s.points
                    .iter()
                    .step_by(step)
                    .map(move |&p| EmptyElement::at(p) + marker_shape(marker, color, 5)),
            )
            .map_err(|e| err(&e))?;
    }
    draw_legend(&legend_area, series, &styles).map_err(|e| err(&e))?;
    root.present().map_err(|e| err(&e))?;
    Ok(())
}

/// A marker centred on (0, 0) in pixels, `r` across half.
fn marker_shape(marker: Marker, color: RGBColor, r: i32) -> Polygon<(i32, i32)> {
    let style = color.filled();
    let points = match marker {
        Marker::Circle => (0..12)
            .map(|k| {
                let angle = f64::from(k) * std::f64::consts::TAU / 12.0;
                (
                    (f64::from(r) * angle.cos()) as i32,
                    (f64::from(r) * angle.sin()) as i32,
                )
            })
            .collect(),
        Marker::Square => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
        Marker::Diamond => vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        Marker::Up => vec![(0, -r - 1), (r + 1, r), (-r - 1, r)],
        Marker::Down => vec![(0, r + 1), (r + 1, -r), (-r - 1, -r)],
        Marker::Cross => {
            let t = (r / 3).max(1);
            vec![
                (-r, -r + t),
                (-r + t, -r),
                (0, -t),
                (r - t, -r),
                (r, -r + t),
                (t, 0),
                (r, r - t),
                (r - t, r),
                (0, t),
                (-r + t, r),
                (-r, r - t),
                (-t, 0),
            ]
        }
        Marker::Plus | Marker::Asterisk => {
            let t = (r / 3).max(1);
            vec![
                (-t, -r),
                (t, -r),
                (t, -t),
                (r, -t),
                (r, t),
                (t, t),
                (t, r),
                (-t, r),
                (-t, t),
                (-r, t),
                (-r, -t),
                (-t, -t),
            ]
        }
    };
    Polygon::new(points, style)
}

/// The legend in its own strip: each line's dash and marker, then its name.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[Series],
    styles: &[LineStyle],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let ink = rgb(palette::INK);
    let font = ("sans-serif", 16).into_font().color(&ink);
    for (k, (s, style)) in series.iter().zip(styles).enumerate() {
        let y = 70 + 28 * k as i32;
        let color = rgb(style.color.rgb);
        let sample = [(6, y), (40, y)];
        match style.dash {
            Dash::Solid => area.draw(&PathElement::new(sample, color.stroke_width(3)))?,
            Dash::Dashed | Dash::LongDashed => {
                area.draw(&PathElement::new([(6, y), (17, y)], color.stroke_width(3)))?;
                area.draw(&PathElement::new([(28, y), (40, y)], color.stroke_width(3)))?;
            }
            Dash::Dotted => {
                for x in [8, 16, 24, 32, 40] {
                    area.draw(&Circle::new((x, y), 2, color.filled()))?;
                }
            }
        }
        area.draw(&(EmptyElement::at((23, y)) + marker_shape(style.marker, color, 5)))?;
        let name: String = s.name.chars().take(20).collect();
        area.draw(&Text::new(name, (50, y - 9), font.clone()))?;
    }
    Ok(())
}

/// True when a file starts with the PNG signature.
pub fn is_png(path: &Path) -> bool {
    std::fs::read(path)
        .is_ok_and(|bytes| bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]))
}
