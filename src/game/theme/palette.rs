//! Every colour the window uses, by what it means.

use crate::sim::Stage;
use bevy::prelude::Color;
use bevy_egui::egui::Color32;

/// Behind every screen.
pub const BACKGROUND: Color = Color::srgb(0.09, 0.10, 0.12);
/// A refusal the player can act on (an action that does not fit, a save
/// that cannot be loaded, a replay that could not be written).
pub const NOTICE: Color32 = Color32::from_rgb(240, 150, 90);
/// Something went wrong that the player cannot fix here (saving failed, a
/// replay does not verify).
pub const ERROR: Color32 = Color32::from_rgb(240, 90, 90);
/// The debrief's stars.
pub const STARS: Color32 = Color32::from_rgb(250, 200, 60);
/// Behind the audience view's points.
pub const AUDIENCE_BACKGROUND: Color32 = Color32::from_rgb(20, 22, 27);
/// The audience view's segment names.
pub const CLUSTER_NAME: Color32 = Color32::from_gray(200);
/// The ring around someone who saw the brand today.
pub const SAW_TODAY: Color32 = Color32::WHITE;
/// The ring around someone who talked with the brand today.
pub const TALKED_TODAY: Color32 = Color32::from_rgb(120, 255, 140);

/// Behind the coach's hints.
pub const COACH_CARD: Color32 = Color32::from_rgb(34, 44, 58);
/// A tie of the inspected person in the audience view.
pub const TIE: Color32 = Color32::from_rgba_premultiplied(150, 120, 40, 150);
/// The inspected person's ring in the audience view.
pub const INSPECTED: Color32 = Color32::from_rgb(255, 210, 80);
/// A share travelling along a tie during the running week.
pub const SHARE: Color32 = Color32::from_rgb(255, 120, 200);

/// The colour of a funnel stage in the audience view and its legend.
pub fn stage_color(stage: Stage) -> Color32 {
    match stage {
        Stage::Stranger => Color32::from_rgb(90, 94, 104),
        Stage::Aware => Color32::from_rgb(140, 170, 210),
        Stage::Follower => Color32::from_rgb(70, 130, 230),
        Stage::Engaged => Color32::from_rgb(60, 200, 200),
        Stage::Lead => Color32::from_rgb(240, 200, 60),
        Stage::Customer => Color32::from_rgb(245, 140, 50),
        Stage::Advocate => Color32::from_rgb(90, 220, 100),
        Stage::Lapsed => Color32::from_rgb(220, 70, 70),
    }
}

/// Brand colours in a market (brand 0, the player's, first), in the
/// audience view coloured by brand, the share bars and charts.
pub const BRANDS: [Color32; crate::sim::MAX_BRANDS] = [
    Color32::from_rgb(70, 150, 240),
    Color32::from_rgb(240, 120, 60),
    Color32::from_rgb(110, 210, 110),
    Color32::from_rgb(210, 100, 220),
    Color32::from_rgb(240, 210, 70),
    Color32::from_rgb(80, 210, 210),
];
/// Someone no brand has reached yet, in the audience coloured by brand.
pub const NO_BRAND: Color32 = Color32::from_rgb(90, 94, 104);

/// Brand `brand`'s colour (`None`: nobody's).
pub fn brand_color(brand: Option<usize>) -> Color32 {
    brand.map_or(NO_BRAND, |b| BRANDS[b % BRANDS.len()])
}
