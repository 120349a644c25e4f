//! The window's colours: `report::palette` (shared with the command line's
//! charts and the browser pages) in egui's and Bevy's types, by what they
//! mean on screen.

use crate::report::palette::{self as colors, LineStyle, Srgb};
use crate::sim::Stage;
use bevy::prelude::Color;
use bevy_egui::egui::Color32;

/// An sRGB triple of the palette as egui's colour.
pub const fn color(rgb: Srgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Behind every screen.
pub const BACKGROUND: Color =
    Color::srgb_u8(colors::BACKGROUND.0, colors::BACKGROUND.1, colors::BACKGROUND.2);
/// Secondary text.
pub const TEXT_WEAK: Color32 = color(colors::TEXT_WEAK);
/// A refusal the player can act on (an action that does not fit, a save
/// that cannot be loaded, a replay that could not be written).
pub const NOTICE: Color32 = color(colors::NOTICE);
/// Something went wrong that the player cannot fix here (saving failed, a
/// replay does not verify).
pub const ERROR: Color32 = color(colors::ERROR);
/// The debrief's stars.
pub const STARS: Color32 = color(colors::STARS);
/// A goal met.
pub const MET: Color32 = color(colors::MET);
/// Behind the audience view's points.
pub const AUDIENCE_BACKGROUND: Color32 = color(colors::AUDIENCE_BACKGROUND);
/// The audience view's segment names.
pub const CLUSTER_NAME: Color32 = color(colors::TEXT);
/// The ring around someone who saw the brand today.
pub const SAW_TODAY: Color32 = color(colors::SAW_TODAY);
/// The ring around someone who talked with the brand today.
pub const TALKED_TODAY: Color32 = color(colors::TALKED_TODAY);
/// Behind the coach's hints.
pub const COACH_CARD: Color32 = color(colors::COACH_CARD);
/// A tie of the inspected person in the audience view.
pub const TIE: Color32 = color(colors::TIE);
/// The inspected person's ring in the audience view.
pub const INSPECTED: Color32 = color(colors::INSPECTED);
/// A share travelling along a tie during the running week.
pub const SHARE: Color32 = color(colors::SHARE);

/// The colour of a funnel stage in the audience view and its legend.
pub fn stage_color(stage: Stage) -> Color32 {
    color(colors::STAGES[stage as usize % colors::STAGES.len()].rgb)
}

/// Someone no brand has reached yet, in the audience coloured by brand.
pub const NO_BRAND: Color32 = color(colors::NO_BRAND);

/// Brand `brand`'s colour (`None`: nobody's), in the audience view coloured
/// by brand, the share bars and charts.
pub fn brand_color(brand: Option<usize>) -> Color32 {
    brand.map_or(NO_BRAND, |b| color(colors::brand_style(b).color.rgb))
}

/// A line style's colour.
pub fn line_color(style: LineStyle) -> Color32 {
    color(style.color.rgb)
}

/// The colour of the `index`-th category (a cause in "where it came from").
pub fn category_color(index: usize) -> Color32 {
    color(colors::CATEGORIES[index % colors::CATEGORIES.len()])
}
