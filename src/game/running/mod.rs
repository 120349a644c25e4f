//! The running week: the audience view day by day (with the inspected
//! person's ties and the day's shares travelling along ties), today's
//! numbers, the coach's warnings, the inspector, and the controls (pause,
//! speed, end of week). In a market the audience can be coloured by the
//! brand each person leans to instead of their stage.

mod inspector;

use super::coach::{Coach, running_cards};
use super::profiling::OwnCost;
use super::session::{Session, Speed};
use super::state::{Screen, showing};
use super::theme::audience::{self, Highlights};
use super::theme::widgets::root;
use crate::report::format::count;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use inspector::TimelineJob;

/// The person the inspector shows (clicked in the audience view).
#[derive(Resource, Default)]
pub struct Inspected(pub Option<u32>);

/// The audience view colours people by the brand they lean to (a market
/// only) rather than by their stage.
#[derive(Resource, Default)]
pub struct ByBrand(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Inspected>();
    app.init_resource::<ByBrand>();
    app.init_resource::<TimelineJob>();
    app.add_systems(EguiPrimaryContextPass, running.run_if(showing(Screen::Running)));
    app.add_systems(Last, close_frame);
}

/// Only running frames count: they are the ones that play the simulation.
fn close_frame(mut cost: ResMut<OwnCost>, screen: Res<State<Screen>>) {
    cost.close_frame(*screen.get() == Screen::Running);
}

/// Seconds a day's shares take to travel to the friends.
const SHARE_TRAVEL_SECONDS: f32 = 0.9;

/// When the day on screen began to show (its shares travel from then).
#[derive(Default)]
struct DayShown {
    day: u32,
    since: f32,
}

#[allow(clippy::too_many_arguments)]
fn running(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut inspected: ResMut<Inspected>,
    mut by_brand: ResMut<ByBrand>,
    mut job: ResMut<TimelineJob>,
    mut coach: ResMut<Coach>,
    time: Res<Time>,
    mut shown: Local<DayShown>,
    mut cost: ResMut<OwnCost>,
) -> Result {
    let started = std::time::Instant::now();
    let Some(mut session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if ctx.input(|i| i.key_pressed(egui::Key::Space)) {
        session.paused = !session.paused;
    }
    for (key, speed) in [
        (egui::Key::Num1, Speed::Slow),
        (egui::Key::Num2, Speed::Normal),
        (egui::Key::Num3, Speed::Fast),
    ] {
        if ctx.input(|i| i.key_pressed(key)) {
            session.speed = speed;
        }
    }
    if ctx.input(|i| i.key_pressed(egui::Key::Enter)) {
        session.skip_week();
    }
    let simulation = &session.simulation;
    let (week, day) = if simulation.week_running() {
        (simulation.week() + 1, simulation.days_played())
    } else {
        (simulation.week(), 7)
    };
    egui::Panel::top("running_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("Week {week} — day {day} of 7"));
            ui.separator();
            let label = if session.paused {
                "▶ Play (Space)"
            } else {
                "⏸ Pause (Space)"
            };
            if ui.button(label).clicked() {
                session.paused = !session.paused;
            }
            for speed in Speed::ALL {
                let label = format!("{}× ({})", speed.days_per_second(), speed.key_number());
                if ui.selectable_label(session.speed == speed, label).clicked() {
                    session.speed = speed;
                }
            }
            if ui.button("⏭ End of week (Enter)").clicked() {
                session.skip_week();
            }
        });
        let market = session.simulation.brand_count() > 1;
        if market {
            ui.horizontal(|ui| {
                ui.label("colour people by:");
                ui.selectable_value(&mut by_brand.0, false, "their stage");
                ui.selectable_value(&mut by_brand.0, true, "the brand they lean to");
            });
        }
        if market && by_brand.0 {
            audience::brand_legend(ui, &session.simulation);
        } else {
            audience::legend(ui);
        }
    });
    egui::Panel::right("today").exact_size(320.0).show(&mut ui, |ui| {
        let today = *session.simulation.latest();
        ui.heading("Today");
        egui::Grid::new("today_grid").striped(true).show(ui, |ui| {
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
                ("new customers", today.new_customers),
            ] {
                ui.label(name);
                ui.label(count(value));
                ui.end_row();
            }
        });
        ui.separator();
        running_cards(ui, &mut coach, &session.simulation);
        if let Some(next) = inspector::draw(ui, &session.simulation, inspected.0, &mut job) {
            inspected.0 = Some(next);
        }
    });
    let now = time.elapsed_secs();
    if shown.day != session.simulation.day() {
        *shown = DayShown {
            day: session.simulation.day(),
            since: now,
        };
    }
    let highlights = Highlights {
        inspected: inspected.0,
        shares: session.simulation.shares_today(),
        progress: (now - shown.since) / SHARE_TRAVEL_SECONDS,
        by_brand: by_brand.0 && session.simulation.brand_count() > 1,
    };
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        if let Some(agent) = audience::draw_with(ui, &session.simulation, &session.sample, highlights) {
            inspected.0 = Some(agent);
        }
    });
    cost.add(started);
    Ok(())
}
