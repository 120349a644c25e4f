//! The game window: Bevy for the app, window and screenshots, egui for the
//! screens. The window only reads the model to draw it and hands plans to
//! it; every rule lives in `sim`, every sentence about a run in `report`.
//! One plugin per screen or feature, composed here. Each screen draws
//! through a function of an egui `Ui` and the data it shows, which its Bevy
//! system calls; the layout test calls the same functions without a window.

mod advice;
mod choose;
mod class;
mod coach;
mod debrief;
mod ghosts;
mod help;
mod jobs;
mod keys;
mod launch;
#[cfg(test)]
mod layout_tests;
mod market;
mod pause;
mod planner;
mod player;
mod profiling;
mod replays;
mod report;
mod rewind;
mod running;
mod session;
mod settings;
mod state;
mod theme;
mod title;
mod tour;
mod where_from;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::EguiPlugin;

pub use advice::{Advising, advise_replayed};
pub use coach::Coach;
pub use ghosts::{Ghosts, Judgement, Judging};
pub use jobs::{Job, JobFailed, Progress};
pub use launch::{Launch, TourOptions};
pub use player::Player;
pub use profiling::GameSystems;
pub use replays::Browser;
pub use rewind::{RewindFrom, Rewinding, rewound, rewound_then};
pub use session::{ContinueError, ContinueGame, ContinueRefused, Session, Speed, Tick, continue_game};
pub use session::{Continuing, Original};
pub use state::{Overlay, Screen};

/// Opens the game window and runs until it closes.
pub fn run(launch: Launch) -> AppExit {
    // What a crash of an earlier session left half-written goes first.
    let save_dir = launch.save_path.as_deref().and_then(std::path::Path::parent);
    for dir in save_dir.into_iter().chain(launch.replay_dir.as_deref()) {
        crate::files::atomic::remove_stale_temporaries(dir);
    }
    let mut app = App::new();
    // The smallest size every screen is laid out for (the layout test's).
    let (width, height) = launch.window_size.unwrap_or((1280, 720));
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Reach & Rapport".into(),
                    resolution: WindowResolution::new(width, height),
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
    app.insert_resource(launch);
    app.add_plugins(plugin);
    app.run()
}

/// Everything of the game but the window itself, so tests can build it on
/// `MinimalPlugins`.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        state::plugin,
        theme::plugin,
        profiling::plugin,
        keys::plugin,
        settings::plugin,
        session::plugin,
        title::plugin,
        choose::plugin,
        coach::plugin,
        planner::plugin,
        player::plugin,
        running::plugin,
        report::plugin,
        debrief::plugin,
        help::plugin,
    ));
    app.add_plugins((
        replays::plugin,
        tour::plugin,
        ghosts::plugin,
        advice::plugin,
        rewind::plugin,
        class::plugin,
        pause::plugin,
    ));
}
