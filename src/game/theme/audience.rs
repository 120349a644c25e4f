//! The audience drawn as points grouped by segment and coloured by funnel
//! stage. Large audiences are sampled: a fixed, evenly spread subset of each
//! segment is drawn, so a million people cost the same as three thousand.
//! Anyone has a place in the view, drawn or not, so the inspected person's
//! ties and the day's shares can be drawn between places.
//! In a market the points can instead be coloured by the brand each person
//! leans to, worked out for the drawn people only, once a day.
//! Shared by the running week, the replay browser and Help's legend.

use super::palette::{
    AUDIENCE_BACKGROUND, CLUSTER_NAME, INSPECTED, NO_BRAND, SAW_TODAY, SHARE, TALKED_TODAY, TIE, brand_color,
    stage_color,
};
use crate::sim::{Simulation, Stage};
use bevy_egui::egui;

/// How many people the view draws at most.
pub const DRAWN: usize = 3000;

/// Most ties of the inspected person drawn (a hub may have thousands).
pub const TIES_DRAWN: usize = 200;

/// Most of the day's shares drawn travelling.
pub const SHARES_DRAWN: usize = 150;

/// Where one segment's people sit: a spiral around its centre, the `k`-th
/// drawn person at `start + k * step`.
#[derive(Clone, Debug)]
struct Cluster {
    range: std::ops::Range<u32>,
    step: usize,
    count: usize,
    center: egui::Pos2,
    radius: f32,
}

/// The golden angle: consecutive people of the spiral turn by it.
fn golden_angle() -> f32 {
    std::f32::consts::PI * (3.0 - 5f32.sqrt())
}

impl Cluster {
    /// The place of the `k`-th slot of the spiral (fractional between drawn
    /// people, so an undrawn person sits among their drawn neighbours).
    fn place(&self, k: f32) -> egui::Pos2 {
        let r = self.radius * ((k + 0.5) / self.count as f32).sqrt();
        let angle = k * golden_angle();
        egui::pos2(
            self.center.x + r * angle.cos(),
            self.center.y + r * 1.6 * angle.sin(),
        )
    }
}

/// What is drawn over the points: the inspected person and their ties, and
/// the day's shares on their way (`progress` 0 at the start of the day's
/// animation, 1 when they arrived).
#[derive(Clone, Copy, Debug, Default)]
pub struct Highlights<'a> {
    pub inspected: Option<u32>,
    pub shares: &'a [(u32, u32)],
    pub progress: f32,
    /// Colour people by the brand they lean to instead of their stage.
    pub by_brand: bool,
}

/// What happened to a drawn person on the last simulated day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flash {
    None,
    /// Saw something from or about the brand.
    Saw,
    /// Had a two-way contact with the brand (reply, comment, live session).
    Talked,
}

pub struct AudienceSample {
    pub agents: Vec<u32>,
    /// Position of each drawn person in the unit square.
    pub positions: Vec<egui::Pos2>,
    /// Centre and name of each segment's cluster.
    pub clusters: Vec<(egui::Pos2, String)>,
    layout: Vec<Cluster>,
    last_seen: Vec<u16>,
    last_contacts: Vec<u8>,
    pub flash: Vec<Flash>,
    /// The brand each drawn person leans to (`u8::MAX`: none), kept only
    /// in a market: the drawn people alone, so a day costs the same at any
    /// audience size.
    pub lean: Vec<u8>,
}

impl AudienceSample {
    pub fn new(simulation: &Simulation, most: usize) -> AudienceSample {
        let total = simulation.audience().len().max(1);
        let segments = simulation.segment_ranges().len().max(1);
        let mut agents = Vec::new();
        let mut positions = Vec::new();
        let mut clusters = Vec::new();
        let mut layout = Vec::new();
        for (s, range) in simulation.segment_ranges().iter().enumerate() {
            let share = range.len() as f32 / total as f32;
            let count = ((most as f32 * share).round() as usize).clamp(1, range.len().max(1));
            let center = egui::pos2((s as f32 + 0.5) / segments as f32, 0.5);
            let radius =
                0.45 / segments as f32 * (0.6 + 0.4 * share.sqrt() * (segments as f32).sqrt()).min(1.0);
            let step = (range.len() / count).max(1);
            let cluster = Cluster {
                range: range.clone(),
                step,
                count,
                center,
                radius,
            };
            for k in 0..count {
                let agent = range.start + (k * step) as u32;
                if agent >= range.end {
                    break;
                }
                agents.push(agent);
                positions.push(cluster.place(k as f32));
            }
            layout.push(cluster);
            clusters.push((center, simulation.scenario().segments[s].name.clone()));
        }
        let mut sample = AudienceSample {
            last_seen: vec![0; agents.len()],
            last_contacts: vec![0; agents.len()],
            flash: vec![Flash::None; agents.len()],
            lean: Vec::new(),
            agents,
            positions,
            clusters,
            layout,
        };
        sample.observe(simulation);
        sample.flash.fill(Flash::None);
        sample
    }

    /// Where `agent` sits in the unit square, drawn or not.
    pub fn place_of(&self, agent: u32) -> Option<egui::Pos2> {
        let cluster = self.layout.iter().find(|c| c.range.contains(&agent))?;
        let k = (agent - cluster.range.start) as f32 / cluster.step as f32;
        Some(cluster.place(k.min(cluster.count as f32 - 0.5)))
    }

    /// Compares each drawn person's story with the last look.
    pub fn observe(&mut self, simulation: &Simulation) {
        for (k, &agent) in self.agents.iter().enumerate() {
            let story = &simulation.audience().story(agent as usize);
            let contacts = story.replies_received.wrapping_add(story.brand_contacts);
            self.flash[k] = if contacts != self.last_contacts[k] {
                Flash::Talked
            } else if story.posts_seen != self.last_seen[k] {
                Flash::Saw
            } else {
                Flash::None
            };
            self.last_seen[k] = story.posts_seen;
            self.last_contacts[k] = contacts;
        }
        if simulation.brand_count() > 1 {
            self.lean = self
                .agents
                .iter()
                .map(|&a| simulation.lean_of(a as usize).map_or(u8::MAX, |b| b as u8))
                .collect();
        }
    }
}

/// Draws the sample into the space left in `ui`; returns the person clicked.
pub fn draw(ui: &mut egui::Ui, simulation: &Simulation, sample: &AudienceSample) -> Option<u32> {
    draw_with(ui, simulation, sample, Highlights::default())
}

/// Draws the sample with the inspected person's ties and the day's shares
/// over it; returns the person clicked.
pub fn draw_with(
    ui: &mut egui::Ui,
    simulation: &Simulation,
    sample: &AudienceSample,
    highlights: Highlights,
) -> Option<u32> {
    let size = ui.available_size();
    let (response, painter) = ui.allocate_painter(size, egui::Sense::click());
    let rect = response.rect;
    painter.rect_filled(rect, 6.0, AUDIENCE_BACKGROUND);
    let to_screen = |p: egui::Pos2| rect.min + egui::vec2(p.x * rect.width(), p.y * rect.height());
    let params = &simulation.scenario().model;
    let dot = (rect.width().min(rect.height()) / 260.0).clamp(1.5, 3.5);
    let inspected = highlights
        .inspected
        .filter(|&a| (a as usize) < simulation.audience().len())
        .and_then(|a| Some((a, sample.place_of(a)?)));
    if let Some((agent, from)) = inspected {
        let from = to_screen(from);
        for &friend in simulation.graph().contacts(agent).iter().take(TIES_DRAWN) {
            if let Some(to) = sample.place_of(friend) {
                painter.line_segment([from, to_screen(to)], egui::Stroke::new(1.0, TIE));
            }
        }
    }
    for (k, &agent) in sample.agents.iter().enumerate() {
        let stage =
            simulation
                .audience()
                .stage(agent as usize, params.aware_threshold, params.engaged_threshold);
        let at = to_screen(sample.positions[k]);
        let color = match sample.lean.get(k) {
            Some(&lean) if highlights.by_brand => brand_color((lean != u8::MAX).then_some(lean as usize)),
            _ => stage_color(stage),
        };
        painter.circle_filled(at, dot, color);
        match sample.flash[k] {
            Flash::Talked => {
                painter.circle_stroke(at, dot + 2.5, egui::Stroke::new(1.5, TALKED_TODAY));
            }
            Flash::Saw => {
                painter.circle_stroke(at, dot + 1.5, egui::Stroke::new(1.0, SAW_TODAY));
            }
            Flash::None => {}
        }
    }
    shares(&painter, sample, &highlights, &to_screen, dot);
    if let Some((_, at)) = inspected {
        painter.circle_stroke(to_screen(at), dot + 4.0, egui::Stroke::new(2.0, INSPECTED));
    }
    for (center, name) in &sample.clusters {
        painter.text(
            to_screen(egui::pos2(center.x, 0.06)),
            egui::Align2::CENTER_CENTER,
            name,
            egui::FontId::proportional(14.0),
            CLUSTER_NAME,
        );
    }
    let clicked = response.interact_pointer_pos().filter(|_| response.clicked())?;
    sample
        .positions
        .iter()
        .enumerate()
        .map(|(k, p)| (k, to_screen(*p).distance(clicked)))
        .filter(|(_, d)| *d < 8.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| sample.agents[k])
}

/// The day's shares, each a short line travelling from the sharer to the
/// friend and fading as it arrives; a bounded, evenly spread sample of them.
fn shares(
    painter: &egui::Painter,
    sample: &AudienceSample,
    highlights: &Highlights,
    to_screen: &dyn Fn(egui::Pos2) -> egui::Pos2,
    dot: f32,
) {
    let all = highlights.shares;
    if all.is_empty() || highlights.progress >= 1.0 {
        return;
    }
    let t = highlights.progress.clamp(0.0, 1.0);
    let stride = all.len().div_ceil(SHARES_DRAWN).max(1);
    let fade = 1.0 - t * t;
    let color = SHARE.gamma_multiply(fade);
    for &(sharer, friend) in all.iter().step_by(stride) {
        let (Some(from), Some(to)) = (sample.place_of(sharer), sample.place_of(friend)) else {
            continue;
        };
        let (from, to) = (to_screen(from), to_screen(to));
        // A trail a third of the way long, its head at `t`.
        let head = from + (to - from) * t;
        let tail = from + (to - from) * (t - 0.33).max(0.0);
        painter.line_segment([tail, head], egui::Stroke::new(1.5, color));
        painter.circle_filled(head, dot * 0.8, color);
    }
}

/// A small coloured dot followed by a label, in a wrapping row: the pair
/// starts a new row rather than part.
fn swatch(ui: &mut egui::Ui, color: egui::Color32, ring: bool, label: &str) {
    let text = egui::WidgetText::from(label).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let width = 12.0 + ui.spacing().item_spacing.x + text.size().x;
    if width > ui.available_size_before_wrap().x && ui.cursor().min.x > ui.max_rect().min.x + 1.0 {
        ui.end_row();
    }
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    if ring {
        ui.painter()
            .circle_stroke(rect.center(), 4.5, egui::Stroke::new(1.5, color));
    } else {
        ui.painter().circle_filled(rect.center(), 4.5, color);
    }
    ui.add(egui::Label::new(label).extend());
}

/// The legend of stage colours and of the day's highlights.
pub fn legend(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        for stage in Stage::ALL {
            swatch(ui, stage_color(stage), false, stage.label());
        }
        swatch(ui, SAW_TODAY, true, "saw you today");
        swatch(ui, TALKED_TODAY, true, "talked with you today");
        swatch(ui, INSPECTED, true, "the person inspected (lines: their ties)");
        swatch(ui, SHARE, false, "a share on its way to a friend");
    });
}

/// The legend of brand colours (the audience coloured by brand).
pub fn brand_legend(ui: &mut egui::Ui, simulation: &Simulation) {
    ui.horizontal_wrapped(|ui| {
        ui.label("leans to:");
        for brand in 0..simulation.brand_count() {
            swatch(ui, brand_color(Some(brand)), false, simulation.brand_name(brand));
        }
        swatch(ui, NO_BRAND, false, "no brand has reached them yet");
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;
    use std::sync::Arc;

    #[test]
    fn drawn_people_sit_where_they_are_drawn_and_everyone_has_a_place() {
        let scenario = Arc::new(find_scenario("first_steps").unwrap().with_agents(9000));
        let game = Simulation::new(scenario, 1);
        let sample = AudienceSample::new(&game, 500);
        for (k, &agent) in sample.agents.iter().enumerate() {
            let place = sample.place_of(agent).unwrap();
            assert!(place.distance(sample.positions[k]) < 1e-5, "person #{agent}");
        }
        for agent in [0, 1, 4499, 8999] {
            let place = sample.place_of(agent).unwrap();
            assert!((0.0..=1.0).contains(&place.x) && (0.0..=1.0).contains(&place.y));
        }
        assert_eq!(sample.place_of(9000), None);
        assert!(sample.lean.is_empty(), "a brand alone keeps no leanings");
    }

    #[test]
    fn in_a_market_each_drawn_person_leans_as_the_game_says() {
        let scenario = Arc::new(find_scenario("same_street").unwrap().with_agents(3000));
        let game = Simulation::new(scenario, 1);
        let sample = AudienceSample::new(&game, 400);
        assert_eq!(sample.lean.len(), sample.agents.len());
        let all = game.leanings();
        for (k, &agent) in sample.agents.iter().enumerate() {
            assert_eq!(sample.lean[k], all[agent as usize], "person #{agent}");
        }
    }
}
