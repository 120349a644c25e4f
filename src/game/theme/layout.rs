//! The layout check (tests only): lays out a screen's drawing function on a
//! headless egui context of a given window size and UI scale, with the
//! game's style, and lists every text that is cut: wider or taller than its
//! clip rectangle outside a scroll area, or shortened with "…". No window
//! and no GPU: egui lays out and tessellates nothing but shapes here.
//!
//! Scroll areas (`widgets::scroll` and its kin) record their viewports
//! while a test lays out, so that content scrolled out of a viewport is not
//! taken for content cut by its panel.

use super::style;
use bevy_egui::egui;

/// The scroll viewports of the pass being laid out: each rectangle and
/// whether it scrolls sideways too.
#[derive(Clone, Default)]
struct Viewports(Vec<(egui::Rect, bool)>);

fn viewports_id() -> egui::Id {
    egui::Id::new("layout_test_viewports")
}

/// Records a scroll area's viewport (called by the scroll widgets).
pub fn record_scroll_viewport(ctx: &egui::Context, rect: egui::Rect, sideways: bool) {
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Viewports>(viewports_id())
            .0
            .push((rect, sideways))
    });
}

/// A window size in pixels and a UI scale in per cent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
    pub scale: u32,
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{} at {}%", self.width, self.height, self.scale)
    }
}

/// The sizes every screen is laid out at.
pub const SIZES: [Size; 4] = [
    Size {
        width: 1280,
        height: 720,
        scale: 100,
    },
    Size {
        width: 1280,
        height: 720,
        scale: 150,
    },
    Size {
        width: 1920,
        height: 1080,
        scale: 100,
    },
    Size {
        width: 1920,
        height: 1080,
        scale: 200,
    },
];

/// Passes laid out before the one checked: egui sizes some things (grid
/// columns, panels) from the pass before.
const SETTLING_PASSES: usize = 3;

/// How far (points) a text may pass its clip rectangle: rounding.
const SLACK: f32 = 1.0;

/// How much wider than its viewport a scroll area's clip may be: its bar.
const SCROLL_BAR: f32 = 24.0;

/// What the last pass drew, for a test to look into.
pub struct Laidout {
    pub problems: Vec<String>,
    /// Every text drawn, with its rectangle.
    pub texts: Vec<(String, egui::Rect)>,
}

/// One pass laid out: every text with its rectangle and clip, and the
/// scroll viewports.
struct Pass {
    texts: Vec<(String, egui::Rect, egui::Rect, bool)>,
    viewports: Vec<(egui::Rect, bool)>,
}

impl Pass {
    /// The scroll viewport a clip rectangle belongs to, if any: a scroll
    /// area clips its content to its viewport and the bar beside it.
    fn scroll_of(&self, clip: egui::Rect) -> Option<(egui::Rect, bool)> {
        self.viewports.iter().copied().find(|(viewport, _)| {
            viewport
                .expand2(egui::vec2(SCROLL_BAR, SLACK))
                .contains_rect(clip)
        })
    }
}

/// Lays out `draw` on a fresh context `points` large at `scale` per cent,
/// and returns the last pass.
fn lay_out(points: egui::Vec2, scale: u32, draw: &mut dyn FnMut(&mut egui::Ui)) -> Pass {
    let ctx = egui::Context::default();
    style::apply(&ctx, scale);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, points);
    let input = || {
        let mut input = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        input
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .native_pixels_per_point = Some(1.0);
        input
    };
    let mut shapes = Vec::new();
    for _ in 0..=SETTLING_PASSES {
        ctx.data_mut(|data| data.remove::<Viewports>(viewports_id()));
        let mut pass = ctx.run_ui(input(), |ui| draw(ui));
        // No renderer takes the font atlas here.
        pass.textures_delta.clear();
        shapes = pass.shapes;
    }
    let viewports = ctx
        .data(|data| data.get_temp::<Viewports>(viewports_id()))
        .unwrap_or_default()
        .0;
    let mut texts = Vec::new();
    for clipped in shapes {
        let clip = clipped.clip_rect.intersect(screen);
        visit(&clipped.shape, &mut |text: &egui::epaint::TextShape| {
            let words = text.galley.text().to_string();
            if !words.trim().is_empty() {
                texts.push((words, text_rect(text), clip, text.galley.elided));
            }
        });
    }
    Pass { texts, viewports }
}

/// How much taller than the window the second layout is: tall enough for
/// any screen's content, so that what the window hides below a panel's
/// edge shows there.
const TALL: f32 = 40.0;

/// Lays out `draw` at `size` on a fresh context and lists the texts cut:
/// across or down their clip outside a scroll area, shortened with "…",
/// or hidden below a panel's edge (drawn when the window is much taller,
/// outside any scroll area, and missing at the real size).
pub fn check(size: Size, mut draw: impl FnMut(&mut egui::Ui)) -> Laidout {
    let zoom = size.scale as f32 / 100.0;
    let points = egui::vec2(size.width as f32, size.height as f32) / zoom;
    let pass = lay_out(points, size.scale, &mut draw);
    let tall = lay_out(egui::vec2(points.x, points.y * TALL), size.scale, &mut draw);
    let short = |s: &str| s.chars().take(60).collect::<String>();
    let mut problems = Vec::new();
    for (words, rect, clip, elided) in &pass.texts {
        let scrolled = pass.scroll_of(*clip);
        let sideways = scrolled.is_some_and(|(_, sideways)| sideways);
        let cut_across = rect.min.x < clip.min.x - SLACK || rect.max.x > clip.max.x + SLACK;
        let cut_down = rect.min.y < clip.min.y - SLACK || rect.max.y > clip.max.y + SLACK;
        if *elided {
            problems.push(format!("shortened with …: {:?}", short(words)));
        } else if cut_across && !sideways {
            problems.push(format!(
                "{:?} is {:.0} points wide and cut across by its clip ({:.0}..{:.0}, text {:.0}..{:.0})",
                short(words),
                rect.width(),
                clip.min.x,
                clip.max.x,
                rect.min.x,
                rect.max.x
            ));
        } else if cut_down && scrolled.is_none() {
            problems.push(format!(
                "{:?} is cut at the top or bottom of its clip, outside any scroll area (clip \
                 {:.0}..{:.0}, text {:.0}..{:.0})",
                short(words),
                clip.min.y,
                clip.max.y,
                rect.min.y,
                rect.max.y
            ));
        }
    }
    // What a taller window shows outside scroll areas must be on screen.
    // Digits aside: a job's progress says its seconds, which move on
    // between the two layouts.
    let shape = |words: &str| words.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    let mut shown: Vec<String> = pass.texts.iter().map(|(words, ..)| shape(words)).collect();
    for (words, _, clip, _) in &tall.texts {
        if tall.scroll_of(*clip).is_some() {
            continue;
        }
        let words_shape = shape(words);
        match shown.iter().position(|w| *w == words_shape) {
            Some(at) => {
                shown.swap_remove(at);
            }
            None => problems.push(format!(
                "{:?} is hidden below a panel's edge, outside any scroll area",
                short(words)
            )),
        }
    }
    Laidout {
        problems,
        texts: pass
            .texts
            .into_iter()
            .map(|(words, rect, ..)| (words, rect))
            .collect(),
    }
}

/// Calls `found` for every text shape in `shape`.
fn visit(shape: &egui::Shape, found: &mut dyn FnMut(&egui::epaint::TextShape)) {
    match shape {
        egui::Shape::Text(text) => found(text),
        egui::Shape::Vec(shapes) => {
            for shape in shapes {
                visit(shape, found);
            }
        }
        _ => {}
    }
}

/// Where a text shape's glyphs are on screen (turned texts included: a
/// chart's value-axis label).
fn text_rect(text: &egui::epaint::TextShape) -> egui::Rect {
    let local = text.galley.rect;
    if text.angle == 0.0 {
        return local.translate(text.pos.to_vec2());
    }
    let rotation = egui::emath::Rot2::from_angle(text.angle);
    let corners = [
        local.left_top(),
        local.right_top(),
        local.left_bottom(),
        local.right_bottom(),
    ];
    let mut rect = egui::Rect::NOTHING;
    for corner in corners {
        rect.extend_with(text.pos + rotation * corner.to_vec2());
    }
    rect
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrow() -> Size {
        Size {
            width: 300,
            height: 200,
            scale: 100,
        }
    }

    #[test]
    fn a_label_wider_than_its_panel_is_found_and_a_wrapped_one_is_not() {
        let long = "A sentence far too long to fit on one line of a narrow window at this size.";
        let cut = check(narrow(), |ui| {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                ui.horizontal(|ui| ui.label(long));
            });
        });
        assert_eq!(cut.problems.len(), 1, "{:?}", cut.problems);
        let wrapped = check(narrow(), |ui| {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                ui.add(egui::Label::new(long).wrap());
            });
        });
        assert!(wrapped.problems.is_empty(), "{:?}", wrapped.problems);
        assert!(wrapped.texts.iter().any(|(t, _)| t == long));
    }

    #[test]
    fn content_below_a_panel_is_hidden_unless_it_scrolls() {
        let many = |ui: &mut egui::Ui| {
            for n in 0..40 {
                ui.label(format!("line {n}"));
            }
        };
        let cut = check(narrow(), |ui| {
            egui::CentralPanel::default_margins().show(ui, many);
        });
        assert!(!cut.problems.is_empty());
        let scrolled = check(narrow(), |ui| {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                let output = egui::ScrollArea::vertical().show(ui, many);
                record_scroll_viewport(ui.ctx(), output.inner_rect, false);
            });
        });
        assert!(scrolled.problems.is_empty(), "{:?}", scrolled.problems);
    }

    #[test]
    fn text_shortened_with_an_ellipsis_is_found() {
        let cut = check(narrow(), |ui| {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                ui.add(egui::Label::new("A very long line that will be truncated here, surely").truncate());
            });
        });
        assert_eq!(cut.problems.len(), 1, "{:?}", cut.problems);
    }
}
