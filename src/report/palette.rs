//! The one palette of every picture of a run: the window, the command
//! line's PNG charts and the browser pages. Plain sRGB triples with names,
//! and the marker and dash of each line, so that no client needs a graphics
//! crate to read it and a strategy looks the same wherever it is drawn.
//!
//! Series colours are the Okabe-Ito palette (Okabe and Ito, "Color
//! Universal Design", 2008), which people with the common colour-vision
//! deficiencies can tell apart; every line also has a marker and a dash of
//! its own, so that nothing is told by colour alone. Text colours are
//! chosen for a contrast of at least 4.5:1 (WCAG 2.1 AA) on every surface
//! they are drawn on: [`TEXT_PAIRS`] lists them and a test checks each.

/// A colour as 8-bit sRGB: red, green, blue.
pub type Srgb = (u8, u8, u8);

/// A colour with the name people and the docs call it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Named {
    pub name: &'static str,
    pub rgb: Srgb,
}

// The Okabe-Ito colours.
pub const BLACK: Named = Named {
    name: "black",
    rgb: (0, 0, 0),
};
pub const ORANGE: Named = Named {
    name: "orange",
    rgb: (230, 159, 0),
};
pub const SKY_BLUE: Named = Named {
    name: "sky blue",
    rgb: (86, 180, 233),
};
pub const BLUISH_GREEN: Named = Named {
    name: "bluish green",
    rgb: (0, 158, 115),
};
pub const YELLOW: Named = Named {
    name: "yellow",
    rgb: (240, 228, 66),
};
pub const BLUE: Named = Named {
    name: "blue",
    rgb: (0, 114, 178),
};
pub const VERMILLION: Named = Named {
    name: "vermillion",
    rgb: (213, 94, 0),
};
pub const REDDISH_PURPLE: Named = Named {
    name: "reddish purple",
    rgb: (204, 121, 167),
};
/// A neutral grey for "nobody's" and "no stage yet" (not a series colour).
pub const GREY: Named = Named {
    name: "grey",
    rgb: (150, 154, 162),
};

/// The Okabe-Ito palette in its published order.
pub const OKABE_ITO: [Named; 8] = [
    BLACK,
    ORANGE,
    SKY_BLUE,
    BLUISH_GREEN,
    YELLOW,
    BLUE,
    VERMILLION,
    REDDISH_PURPLE,
];

// The window's surfaces (a dark theme).
/// Behind every screen.
pub const BACKGROUND: Srgb = (22, 24, 28);
/// Panels.
pub const PANEL: Srgb = (30, 32, 37);
/// Every other row of a table.
pub const STRIPE: Srgb = (40, 43, 49);
/// A button at rest.
pub const BUTTON: Srgb = (60, 64, 72);
/// A button under the pointer.
pub const BUTTON_HOVERED: Srgb = (76, 81, 91);
/// Text fields, the empty part of a bar.
pub const FIELD: Srgb = (14, 15, 18);
/// A selected item, the filled part of a bar.
pub const SELECTED: Srgb = (0, 84, 130);
/// Behind the audience view's points.
pub const AUDIENCE_BACKGROUND: Srgb = (18, 20, 24);
/// Behind the coach's hints.
pub const COACH_CARD: Srgb = (32, 44, 60);
/// Behind a chart's plot area.
pub const PLOT_BACKGROUND: Srgb = (18, 20, 24);
/// Behind the PNG charts of the command line.
pub const PAPER: Srgb = (255, 255, 255);

// Text.
/// Body text.
pub const TEXT: Srgb = (226, 228, 232);
/// Secondary text (notes, descriptions): quieter, still readable.
pub const TEXT_WEAK: Srgb = (178, 184, 194);
/// Headings and text under the pointer.
pub const TEXT_STRONG: Srgb = (250, 250, 252);
/// A refusal the player can act on (an action that does not fit).
pub const NOTICE: Srgb = (245, 180, 110);
/// Something went wrong that the player cannot fix here.
pub const ERROR: Srgb = (255, 130, 120);
/// The debrief's stars.
pub const STARS: Srgb = YELLOW.rgb;
/// A goal met.
pub const MET: Srgb = (110, 215, 170);
/// A link.
pub const LINK: Srgb = SKY_BLUE.rgb;
/// Text on the PNG charts' paper.
pub const INK: Srgb = (20, 20, 20);
/// Dark text on a light fill.
pub const ON_LIGHT: Srgb = (10, 10, 12);
/// Light text on a dark fill.
pub const ON_DARK: Srgb = (255, 255, 255);

// The audience view's highlights.
/// The ring around someone who saw the brand today.
pub const SAW_TODAY: Srgb = (255, 255, 255);
/// The ring around someone who talked with the brand today.
pub const TALKED_TODAY: Srgb = YELLOW.rgb;
/// A tie of the inspected person.
pub const TIE: Srgb = (150, 130, 80);
/// The inspected person's ring.
pub const INSPECTED: Srgb = ORANGE.rgb;
/// A share travelling along a tie.
pub const SHARE: Srgb = REDDISH_PURPLE.rgb;

/// Every pair of text colour and surface it is drawn on in the window and
/// the PNG charts: (what, text, surface). A test holds each to 4.5:1.
pub const TEXT_PAIRS: &[(&str, Srgb, Srgb)] = &[
    ("body text on a panel", TEXT, PANEL),
    ("body text on the background", TEXT, BACKGROUND),
    ("body text on a striped row", TEXT, STRIPE),
    ("body text on a button", TEXT, BUTTON),
    ("body text on a hovered button", TEXT_STRONG, BUTTON_HOVERED),
    ("body text in a field", TEXT, FIELD),
    ("body text on a selection or a bar's fill", TEXT_STRONG, SELECTED),
    ("body text on a coach card", TEXT, COACH_CARD),
    ("weak text on a panel", TEXT_WEAK, PANEL),
    ("weak text on a striped row", TEXT_WEAK, STRIPE),
    ("weak text on a coach card", TEXT_WEAK, COACH_CARD),
    ("weak text on a button", TEXT_WEAK, BUTTON),
    ("a notice on a panel", NOTICE, PANEL),
    ("an error on a panel", ERROR, PANEL),
    ("a goal met on a panel", MET, PANEL),
    ("stars on a panel", STARS, PANEL),
    ("a link on a panel", LINK, PANEL),
    ("segment names over the audience", TEXT, AUDIENCE_BACKGROUND),
    ("axis labels and ticks on a chart", TEXT_WEAK, PANEL),
    ("legend text on a chart", TEXT, PANEL),
    ("text on the PNG charts", INK, PAPER),
];

/// The dash of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dash {
    Solid,
    /// Short dashes.
    Dashed,
    /// Long dashes.
    LongDashed,
    Dotted,
}

/// The marker drawn on a line's points (at week ends on charts by week).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Marker {
    Circle,
    Square,
    Diamond,
    /// A triangle pointing up.
    Up,
    /// A triangle pointing down.
    Down,
    Cross,
    Plus,
    Asterisk,
}

/// How one line is drawn: its colour, dash and marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineStyle {
    pub color: Named,
    pub dash: Dash,
    pub marker: Marker,
}

const fn style(color: Named, dash: Dash, marker: Marker) -> LineStyle {
    LineStyle { color, dash, marker }
}

/// The player's own line, and brand 0 in a market.
pub const YOU: LineStyle = style(SKY_BLUE, Dash::Solid, Marker::Circle);
/// The game a rewound game branched from.
pub const ORIGINAL: LineStyle = style(BLUE, Dash::LongDashed, Marker::Asterisk);

/// The fixed style of each built-in strategy, by id: the same in the
/// window's ghosts, the command line's charts and the browser.
pub const STRATEGIES: &[(&str, LineStyle)] = &[
    ("broadcaster", style(VERMILLION, Dash::Dashed, Marker::Up)),
    ("networker", style(BLUISH_GREEN, Dash::Dotted, Marker::Diamond)),
    ("balanced", style(ORANGE, Dash::LongDashed, Marker::Square)),
    ("advertiser", style(REDDISH_PURPLE, Dash::Dashed, Marker::Cross)),
    ("automator", style(YELLOW, Dash::Dotted, Marker::Down)),
    (
        "rival_reactive",
        style(VERMILLION, Dash::LongDashed, Marker::Plus),
    ),
    ("rival_steady", style(BLUISH_GREEN, Dash::Dashed, Marker::Square)),
    ("rival_flood", style(ORANGE, Dash::Dotted, Marker::Up)),
];

/// Styles for lines that are neither a built-in strategy nor the player
/// (a replay in the compare view, a strategy file): given out in order.
pub const OTHERS: [LineStyle; 7] = [
    style(SKY_BLUE, Dash::Solid, Marker::Circle),
    style(VERMILLION, Dash::Dashed, Marker::Up),
    style(BLUISH_GREEN, Dash::Dotted, Marker::Diamond),
    style(ORANGE, Dash::LongDashed, Marker::Square),
    style(REDDISH_PURPLE, Dash::Dashed, Marker::Cross),
    style(YELLOW, Dash::Dotted, Marker::Down),
    style(BLUE, Dash::LongDashed, Marker::Asterisk),
];

/// The style of a built-in strategy by its id, if it is one.
pub fn strategy_style(id: &str) -> Option<LineStyle> {
    STRATEGIES.iter().find(|(s, _)| *s == id).map(|&(_, style)| style)
}

/// The style of the `index`-th line of a chart whose lines are not
/// built-in strategies.
pub fn other_style(index: usize) -> LineStyle {
    OTHERS[index % OTHERS.len()]
}

/// A line's style: the built-in strategy's own when `id` names one, else
/// the `index`-th of [`OTHERS`].
pub fn series_style(id: &str, index: usize) -> LineStyle {
    strategy_style(id).unwrap_or_else(|| other_style(index))
}

/// Brand `brand`'s style in a market (brand 0 is the player's, drawn as
/// [`YOU`]); `None` for nobody's.
pub fn brand_style(brand: usize) -> LineStyle {
    other_style(brand)
}

/// The colour of someone no brand has reached (the audience by brand).
pub const NO_BRAND: Srgb = GREY.rgb;

/// The funnel stages' colours in the audience view, in the order of
/// `sim::Stage::ALL`: stranger, aware, follower, engaged, lead, customer,
/// advocate, lapsed. Neighbouring stages differ in lightness as well as hue.
pub const STAGES: [Named; 8] = [
    Named {
        name: "grey",
        rgb: (96, 100, 110),
    },
    Named {
        name: "pale blue",
        rgb: (150, 200, 235),
    },
    BLUE,
    BLUISH_GREEN,
    YELLOW,
    ORANGE,
    REDDISH_PURPLE,
    VERMILLION,
];

/// Colours for categories without a fixed meaning (the causes in "where it
/// came from"), given out in order; repeated when there are more.
pub const CATEGORIES: [Srgb; 7] = [
    SKY_BLUE.rgb,
    ORANGE.rgb,
    BLUISH_GREEN.rgb,
    REDDISH_PURPLE.rgb,
    YELLOW.rgb,
    VERMILLION.rgb,
    BLUE.rgb,
];

/// The relative luminance of an sRGB colour (WCAG 2.1).
pub fn luminance(color: Srgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.0) + 0.7152 * channel(color.1) + 0.0722 * channel(color.2)
}

/// The contrast ratio of two colours (WCAG 2.1), 1 to 21.
pub fn contrast(a: Srgb, b: Srgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The least contrast text must have (WCAG 2.1 AA, body text).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

/// The text colour to write on `fill` (a bar, a swatch): dark or light,
/// whichever reads better.
pub fn text_on(fill: Srgb) -> Srgb {
    if contrast(ON_LIGHT, fill) >= contrast(ON_DARK, fill) {
        ON_LIGHT
    } else {
        ON_DARK
    }
}

/// `#rrggbb`, for the browser pages.
pub fn hex(color: Srgb) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_computed_as_wcag_says() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((10, 20, 30), (10, 20, 30)) - 1.0).abs() < 1e-9);
        // A published example: #767676 on white is the lightest grey at 4.5:1.
        let grey = contrast((0x76, 0x76, 0x76), (255, 255, 255));
        assert!((4.5..4.6).contains(&grey), "{grey}");
    }

    #[test]
    fn every_text_colour_reads_on_every_surface_it_is_drawn_on() {
        for &(what, text, surface) in TEXT_PAIRS {
            let ratio = contrast(text, surface);
            assert!(
                ratio >= MIN_TEXT_CONTRAST,
                "{what}: {} on {} is {ratio:.2}:1",
                hex(text),
                hex(surface)
            );
        }
    }

    #[test]
    fn text_written_on_any_fill_of_the_palette_reads() {
        let fills = OKABE_ITO
            .iter()
            .map(|c| c.rgb)
            .chain(STAGES.iter().map(|c| c.rgb))
            .chain(CATEGORIES)
            .chain([NO_BRAND, SELECTED, BUTTON, STARS, MET]);
        for fill in fills {
            let ratio = contrast(text_on(fill), fill);
            assert!(ratio >= MIN_TEXT_CONTRAST, "text on {}: {ratio:.2}:1", hex(fill));
        }
    }

    #[test]
    fn each_line_is_told_apart_by_more_than_its_colour() {
        let mut styles: Vec<LineStyle> = STRATEGIES.iter().map(|&(_, s)| s).collect();
        styles.extend([YOU, ORIGINAL]);
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                let differ = [a.color != b.color, a.dash != b.dash, a.marker != b.marker];
                assert!(
                    differ.iter().filter(|&&d| d).count() >= 2,
                    "{a:?} and {b:?} differ in less than two ways"
                );
            }
        }
        // The ghosts a run is compared with, and the player, differ in all three.
        let compared: Vec<LineStyle> = ["broadcaster", "networker", "balanced", "advertiser"]
            .iter()
            .map(|id| strategy_style(id).unwrap())
            .chain([YOU, ORIGINAL])
            .collect();
        for (i, a) in compared.iter().enumerate() {
            for b in &compared[i + 1..] {
                assert!(a.color != b.color && a.marker != b.marker, "{a:?} and {b:?}");
            }
        }
        for (i, a) in OTHERS.iter().enumerate() {
            for b in &OTHERS[i + 1..] {
                assert_ne!(a.marker, b.marker);
                assert_ne!(a.color, b.color);
            }
        }
    }

    #[test]
    fn series_colours_are_okabe_ito() {
        let all = STRATEGIES
            .iter()
            .map(|(_, s)| s.color)
            .chain(OTHERS.iter().map(|s| s.color))
            .chain([YOU.color, ORIGINAL.color]);
        for color in all {
            assert!(OKABE_ITO.contains(&color), "{color:?}");
        }
        assert_eq!(series_style("networker", 9), strategy_style("networker").unwrap());
        assert_eq!(series_style("my_file", 1), OTHERS[1]);
        assert_eq!(hex(ORANGE.rgb), "#e69f00");
    }
}
