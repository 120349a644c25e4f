//! The look of every screen in egui terms: text sizes (body text at least
//! 14 px at 100% scale), the colours of `report::palette` on egui's
//! widgets, and the player's UI scale. Applied once at start and again
//! whenever the scale changes; the layout test applies the same.

use super::palette::color;
use crate::report::palette as colors;
use bevy_egui::egui;

/// The size of each text style, in points.
pub const TEXT_SIZES: [(egui::TextStyle, f32); 5] = [
    (egui::TextStyle::Small, 14.0),
    (egui::TextStyle::Body, 15.0),
    (egui::TextStyle::Button, 15.0),
    (egui::TextStyle::Monospace, 14.0),
    (egui::TextStyle::Heading, 21.0),
];

/// The style of every screen.
pub fn style() -> egui::Style {
    let mut style = egui::Style {
        visuals: visuals(),
        ..egui::Style::default()
    };
    for (text_style, size) in TEXT_SIZES {
        let family = match text_style {
            egui::TextStyle::Monospace => egui::FontFamily::Monospace,
            _ => egui::FontFamily::Proportional,
        };
        style
            .text_styles
            .insert(text_style, egui::FontId::new(size, family));
    }
    style.spacing.item_spacing = egui::vec2(8.0, 5.0);
    style.spacing.button_padding = egui::vec2(8.0, 3.0);
    style.spacing.interact_size.y = 22.0;
    // A tooltip waits less, so that the explanations on hover are found.
    style.interaction.tooltip_delay = 0.3;
    style
}

/// egui's dark visuals in the palette's colours.
fn visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::dark();
    visuals.panel_fill = color(colors::PANEL);
    visuals.window_fill = color(colors::PANEL);
    visuals.extreme_bg_color = color(colors::FIELD);
    visuals.faint_bg_color = color(colors::STRIPE);
    visuals.weak_text_color = Some(color(colors::TEXT_WEAK));
    visuals.hyperlink_color = color(colors::LINK);
    visuals.warn_fg_color = color(colors::NOTICE);
    visuals.error_fg_color = color(colors::ERROR);
    visuals.selection.bg_fill = color(colors::SELECTED);
    visuals.selection.stroke.color = color(colors::TEXT_STRONG);
    let widgets = &mut visuals.widgets;
    widgets.noninteractive.fg_stroke.color = color(colors::TEXT);
    widgets.noninteractive.bg_fill = color(colors::PANEL);
    widgets.noninteractive.weak_bg_fill = color(colors::PANEL);
    widgets.noninteractive.bg_stroke.color = color((72, 76, 86));
    widgets.inactive.bg_fill = color(colors::BUTTON);
    widgets.inactive.weak_bg_fill = color(colors::BUTTON);
    widgets.inactive.fg_stroke.color = color(colors::TEXT);
    widgets.hovered.bg_fill = color(colors::BUTTON_HOVERED);
    widgets.hovered.weak_bg_fill = color(colors::BUTTON_HOVERED);
    widgets.hovered.fg_stroke.color = color(colors::TEXT_STRONG);
    widgets.active.bg_fill = color(colors::BUTTON_HOVERED);
    widgets.active.weak_bg_fill = color(colors::BUTTON_HOVERED);
    widgets.active.fg_stroke.color = color(colors::TEXT_STRONG);
    widgets.open.weak_bg_fill = color(colors::BUTTON);
    widgets.open.fg_stroke.color = color(colors::TEXT_STRONG);
    visuals
}

/// The UI scales the player can choose, in per cent.
pub const SCALES: std::ops::RangeInclusive<u32> = 80..=200;

/// Applies the style and the player's UI scale (per cent) to a context.
pub fn apply(ctx: &egui::Context, scale_percent: u32) {
    // Ours whatever the system's theme: dark, in the palette's colours.
    ctx.set_theme(egui::Theme::Dark);
    ctx.set_style_of(egui::Theme::Dark, style());
    ctx.set_style_of(egui::Theme::Light, style());
    // The scale is the window's setting alone: egui's own zoom keys would
    // change it behind the setting's back.
    ctx.options_mut(|options| options.zoom_with_keyboard = false);
    ctx.set_zoom_factor(scale_percent.clamp(*SCALES.start(), *SCALES.end()) as f32 / 100.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest text the window may draw, in points (pixels at 100% scale).
    const MIN_TEXT: f32 = 14.0;

    #[test]
    fn no_text_is_smaller_than_fourteen_pixels_at_full_scale() {
        let style = style();
        for (text_style, font) in &style.text_styles {
            assert!(font.size >= MIN_TEXT, "{text_style:?} is {} px", font.size);
        }
        assert!(style.text_styles.len() >= TEXT_SIZES.len());
    }

    #[test]
    fn the_widgets_text_colours_are_the_palette_s() {
        let visuals = visuals();
        assert_eq!(visuals.text_color(), color(colors::TEXT));
        assert_eq!(visuals.weak_text_color(), color(colors::TEXT_WEAK));
        assert_eq!(visuals.widgets.inactive.text_color(), color(colors::TEXT));
        assert_eq!(visuals.panel_fill, color(colors::PANEL));
        assert_eq!(visuals.faint_bg_color, color(colors::STRIPE));
    }
}
