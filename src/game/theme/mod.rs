//! The look shared by every screen: the palette and style, the widgets more
//! than one screen draws (top bars, big buttons, the KPI grid, goal bars, the
//! daily plots and the audience view), and the camera egui draws through.
//! No screen state lives here.

pub mod audience;
#[cfg(test)]
pub mod layout;
pub mod palette;
pub mod plot;
pub mod style;
pub mod widgets;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(palette::BACKGROUND));
    app.add_systems(Startup, spawn_camera);
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((Name::new("Camera"), Camera2d));
}
