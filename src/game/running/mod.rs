//! The running week: the audience view day by day (with the inspected
//! person's ties and the day's shares travelling along ties), today's
//! numbers, the coach's warnings, the inspector, and the controls (pause,
//! speed, end of week). In a market the audience can be coloured by the
//! brand each person leans to instead of their stage.

mod inspector;

use super::coach::{Coach, running_cards};
use super::keys::EnterLatch;
use super::profiling::GameSystems;
use super::session::{Session, Speed};
use super::state::{Screen, showing};
use super::theme::audience::{self, Highlights};
use super::theme::widgets::{root, scroll, shortcut, side_width};
use crate::text::count;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
pub use inspector::TimelineJob;

/// The person the inspector shows (clicked in the audience view), in the
/// game they were clicked in: a new game starts with nobody inspected.
#[derive(Resource, Default)]
pub struct Inspected {
    game: Option<u64>,
    agent: Option<u32>,
}

impl Inspected {
    /// The person inspected in game `game` (a session's id), if any.
    pub fn of(&self, game: u64) -> Option<u32> {
        self.agent.filter(|_| self.game == Some(game))
    }

    /// Inspects `agent` of game `game`.
    pub fn set(&mut self, game: u64, agent: u32) {
        (self.game, self.agent) = (Some(game), Some(agent));
    }
}

/// The audience view colours people by the brand they lean to (a market
/// only) rather than by their stage.
#[derive(Resource, Default)]
pub struct ByBrand(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Inspected>();
    app.init_resource::<ByBrand>();
    app.init_resource::<TimelineJob>();
    app.add_systems(
        EguiPrimaryContextPass,
        running.run_if(showing(Screen::Running)).in_set(GameSystems::Draw),
    );
}

/// Seconds a day's shares take to travel to the friends.
const SHARE_TRAVEL_SECONDS: f32 = 0.9;

/// When the day on screen began to show (its shares travel from then).
#[derive(Default)]
struct DayShown {
    day: u32,
    since: f32,
}

/// What the running week's screen draws and changes.
pub(crate) struct RunningView<'a> {
    pub session: &'a mut Session,
    pub inspected: &'a mut Inspected,
    pub by_brand: &'a mut bool,
    pub timeline: &'a mut TimelineJob,
    pub coach: &'a mut Coach,
    /// How far the day's shares have travelled, 0..1.
    pub share_progress: f32,
    /// Enter was pressed once on this screen.
    pub enter: bool,
}

/// "Week 4 — day 3 of 7", or "Week 4 begins" before its first day.
pub fn week_heading(week: u32, days_played: u32) -> String {
    if days_played == 0 {
        format!("Week {week} begins")
    } else {
        format!("Week {week} — day {days_played} of 7")
    }
}

/// Draws the running week: the controls act on the session at once.
pub(crate) fn draw(ui: &mut egui::Ui, view: RunningView) {
    let RunningView {
        session,
        inspected,
        by_brand,
        timeline,
        coach,
        share_progress,
        enter,
    } = view;
    if shortcut(ui, egui::Key::Space) {
        session.set_paused(!session.paused());
    }
    for (key, speed) in [
        (egui::Key::Num1, Speed::Slow),
        (egui::Key::Num2, Speed::Normal),
        (egui::Key::Num3, Speed::Fast),
    ] {
        if shortcut(ui, key) {
            session.set_speed(speed);
        }
    }
    if enter {
        session.skip_week();
    }
    let simulation = session.simulation();
    let (week, days) = if simulation.week_running() {
        (simulation.week() + 1, u32::from(simulation.days_played()))
    } else {
        (simulation.week(), 7)
    };
    let market = simulation.brand_count() > 1;
    egui::Panel::top("running_top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.heading(week_heading(week, days));
            ui.separator();
            let label = if session.paused() {
                "▶ Play (Space)"
            } else {
                "⏸ Pause (Space)"
            };
            if ui.button(label).clicked() {
                session.set_paused(!session.paused());
            }
            for speed in Speed::ALL {
                let label = format!("{}× ({})", speed.days_per_second(), speed.key_number());
                if ui.selectable_label(session.speed() == speed, label).clicked() {
                    session.set_speed(speed);
                }
            }
            if ui.button("⏭ End of week (Enter)").clicked() {
                session.skip_week();
            }
            ui.label(egui::RichText::new("Esc: menu").weak());
        });
        if market {
            ui.horizontal_wrapped(|ui| {
                ui.label("colour people by:");
                ui.selectable_value(by_brand, false, "their stage");
                ui.selectable_value(by_brand, true, "the brand they lean to");
            });
        }
        if market && *by_brand {
            audience::brand_legend(ui, session.simulation());
        } else {
            audience::legend(ui);
        }
    });
    let game = session.id();
    let right = side_width(ui, 0.3, 240.0, 340.0);
    egui::Panel::right("today").exact_size(right).show(ui, |ui| {
        scroll(ui, "today", |ui| {
            let today = *session.simulation().latest();
            ui.heading("Today");
            egui::Grid::new("today_grid")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, value) in [
                        ("posts out", today.posts),
                        ("people reached", today.reach),
                        ("impressions", today.impressions),
                        ("of them ads", today.ad_impressions),
                        ("reactions", today.engagements),
                        ("comments", today.comments),
                        ("replies sent", today.replies),
                        ("went unanswered", today.unanswered),
                        ("shares", today.shares),
                        ("new followers", today.new_followers),
                        ("unfollows", today.unfollows),
                        ("new leads", today.new_leads),
                        ("leads gone cold", today.cooled_leads),
                        ("new customers", today.new_customers),
                    ] {
                        ui.label(name);
                        ui.label(count(value));
                        ui.end_row();
                    }
                });
            ui.separator();
            running_cards(ui, coach, session.simulation());
            if let Some(next) = inspector::draw(ui, session.simulation(), inspected.of(game), timeline) {
                inspected.set(game, next);
            }
        });
    });
    let highlights = Highlights {
        inspected: inspected.of(game),
        shares: session.simulation().shares_today(),
        progress: share_progress,
        by_brand: *by_brand && market,
    };
    egui::CentralPanel::default_margins().show(ui, |ui| {
        if let Some(agent) = audience::draw_with(ui, session.simulation(), session.sample(), highlights) {
            inspected.set(game, agent);
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn running(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut inspected: ResMut<Inspected>,
    mut by_brand: ResMut<ByBrand>,
    mut timeline: ResMut<TimelineJob>,
    mut coach: ResMut<Coach>,
    mut enter: ResMut<EnterLatch>,
    time: Res<Time>,
    mut shown: Local<DayShown>,
) -> Result {
    let Some(mut session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let now = time.elapsed_secs();
    if shown.day != session.simulation().day() {
        *shown = DayShown {
            day: session.simulation().day(),
            since: now,
        };
    }
    let enter = enter.pressed(&ctx, Screen::Running);
    draw(
        &mut ui,
        RunningView {
            session: &mut session,
            inspected: &mut inspected,
            by_brand: &mut by_brand.0,
            timeline: &mut timeline,
            coach: &mut coach,
            share_progress: (now - shown.since) / SHARE_TRAVEL_SECONDS,
            enter,
        },
    );
    Ok(())
}
