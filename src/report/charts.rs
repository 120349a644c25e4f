//! PNG line charts (one line per replay or strategy, with an optional 95%
//! band), drawn with plotters and a bundled font so no system library is
//! needed, encoded in memory and written atomically.

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
}

const COLORS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
];

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

/// Chart size in pixels.
const WIDTH: u32 = 900;
const HEIGHT: u32 = 520;

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
    root.fill(&WHITE).map_err(|e| err(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 24))
        .margin(14)
        .x_label_area_size(42)
        .y_label_area_size(70)
        .build_cartesian_2d(x_min..x_max.max(x_min + 1e-9), (y_min - pad)..(y_max + pad))
        .map_err(|e| err(&e))?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .label_style(("sans-serif", 15))
        .draw()
        .map_err(|e| err(&e))?;
    for (i, s) in series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        if !s.band.is_empty() {
            let mut outline: Vec<(f64, f64)> = s.band.iter().map(|&(x, _, high)| (x, high)).collect();
            outline.extend(s.band.iter().rev().map(|&(x, low, _)| (x, low)));
            chart
                .draw_series(std::iter::once(Polygon::new(outline, color.mix(0.18).filled())))
                .map_err(|e| err(&e))?;
        }
        chart
            .draw_series(LineSeries::new(s.points.iter().copied(), color.stroke_width(2)))
            .map_err(|e| err(&e))?
            .label(s.name.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], color.stroke_width(3)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 15))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()
        .map_err(|e| err(&e))?;
    root.present().map_err(|e| err(&e))?;
    Ok(())
}

/// True when a file starts with the PNG signature.
pub fn is_png(path: &Path) -> bool {
    std::fs::read(path)
        .is_ok_and(|bytes| bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]))
}
