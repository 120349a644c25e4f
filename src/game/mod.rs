//! The game window: Bevy for the app, window and screenshots, egui for the
//! screens. The window only reads the model to draw it and hands plans to
//! it; every rule lives in `sim`.

mod audience_view;
mod replays;
mod screens;
mod session;
pub mod tour;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::EguiPlugin;

pub use replays::replay_outcomes;
pub use screens::{Screen, continue_game};
pub use session::{Session, next_week, skip_week, start_week};

/// How the window starts.
#[derive(Resource, Clone, Debug, Default)]
pub struct Launch {
    /// Open straight into this scenario (`rapport play --scenario S`).
    pub scenario: Option<(crate::sim::Scenario, String)>,
    /// Run the scripted tour and save screenshots here.
    pub tour: Option<tour::TourOptions>,
    /// Where the game autosaves and Continue looks (`None`: no saving).
    pub save_path: Option<std::path::PathBuf>,
    /// Where finished games write their replays and the browser looks.
    pub replay_dir: Option<std::path::PathBuf>,
}

/// Opens the game window and runs until it closes.
pub fn run(launch: Launch) -> AppExit {
    // What a crash of an earlier session left half-written goes first.
    let save_dir = launch.save_path.as_deref().and_then(std::path::Path::parent);
    for dir in save_dir.into_iter().chain(launch.replay_dir.as_deref()) {
        crate::files::atomic::remove_stale_temporaries(dir);
    }
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Reach & Rapport".into(),
                    resolution: WindowResolution::new(1280, 800),
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "warn,wgpu=error,naga=error".into(),
                ..default()
            }),
    );
    app.add_plugins(EguiPlugin::default());
    app.insert_resource(ClearColor(Color::srgb(0.09, 0.10, 0.12)));
    app.insert_resource(launch);
    app.add_plugins(plugin);
    app.run()
}

/// Everything of the game but the window itself, so tests can build it on
/// `MinimalPlugins`.
pub fn plugin(app: &mut App) {
    app.add_plugins((screens::plugin, session::plugin, tour::plugin, replays::plugin));
    app.add_systems(Startup, spawn_camera);
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((Name::new("Camera"), Camera2d));
}
