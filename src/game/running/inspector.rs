//! The inspector: one person's state and story, told by
//! `report::narrative::person_story`.

use crate::report::narrative::person_story;
use crate::sim::Simulation;
use bevy_egui::egui;

pub(super) fn draw(ui: &mut egui::Ui, simulation: &Simulation, agent: Option<u32>) {
    ui.heading("Inspector");
    let Some(agent) = agent else {
        ui.label("Click a point to see who it is and what happened to them.");
        return;
    };
    for line in person_story(simulation, agent) {
        ui.label(line);
    }
}
