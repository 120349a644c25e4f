//! Choosing a scenario to play: the built-in scenarios with their brief,
//! budget and goals.

use super::launch::Launch;
use super::session::Session;
use super::state::{Screen, showing};
use super::theme::widgets::root;
use crate::files::builtin;
use crate::sim::Scenario;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, choose.run_if(showing(Screen::Choose)));
}

fn choose(
    mut contexts: EguiContexts,
    // Parsed once, not every frame.
    mut scenarios: Local<Option<Vec<Scenario>>>,
    mut commands: Commands,
    launch: Res<Launch>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::Panel::top("choose_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Title);
            }
            ui.heading("Choose a scenario");
        });
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            for scenario in scenarios.get_or_insert_with(builtin::scenarios).iter() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new(&scenario.name).size(22.0).strong());
                        ui.label(format!("— {}", scenario.brand));
                    });
                    ui.label(format!(
                        "{} weeks · {} people · {} hours and {} money a week · platforms: {}",
                        scenario.weeks,
                        scenario.agents,
                        scenario.hours_per_week,
                        scenario.money_per_week,
                        scenario
                            .platforms
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    ui.label(&scenario.brief);
                    ui.label(
                        egui::RichText::new(format!(
                            "Goals: {}",
                            scenario
                                .goals
                                .iter()
                                .map(|g| format!("{} {}", g.metric.label(), g.target))
                                .collect::<Vec<_>>()
                                .join(" · ")
                        ))
                        .italics(),
                    );
                    if ui
                        .button(egui::RichText::new("Play this scenario").size(16.0))
                        .clicked()
                    {
                        let session =
                            Session::start(scenario.clone(), &scenario.id, launch.save_path.as_deref());
                        commands.insert_resource(session);
                        next.set(Screen::Plan);
                    }
                });
                ui.add_space(6.0);
            }
        });
    });
    Ok(())
}
