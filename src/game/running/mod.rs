//! The running week: the audience view day by day, today's numbers, the
//! inspector, and the controls (pause, speed, end of week).

mod inspector;

use super::profiling::OwnCost;
use super::session::{Session, Speed};
use super::state::{Screen, showing};
use super::theme::audience;
use super::theme::widgets::root;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// The person the inspector shows (clicked in the audience view).
#[derive(Resource, Default)]
pub struct Inspected(pub Option<u32>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Inspected>();
    app.add_systems(EguiPrimaryContextPass, running.run_if(showing(Screen::Running)));
    app.add_systems(Last, close_frame);
}

/// Only running frames count: they are the ones that play the simulation.
fn close_frame(mut cost: ResMut<OwnCost>, screen: Res<State<Screen>>) {
    cost.close_frame(*screen.get() == Screen::Running);
}

fn running(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut inspected: ResMut<Inspected>,
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
        audience::legend(ui);
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
                ui.label(value.to_string());
                ui.end_row();
            }
        });
        ui.separator();
        inspector::draw(ui, &session.simulation, inspected.0);
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        if let Some(agent) = audience::draw(ui, &session.simulation, &session.sample) {
            inspected.0 = Some(agent);
        }
    });
    cost.add(started);
    Ok(())
}
