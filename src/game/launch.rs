//! How the window starts: what `rapport play` and `rapport tour` ask of it.
//! A leaf, so the command line can fill it without reaching into a screen
//! or the tour.

use bevy::prelude::*;
use std::path::PathBuf;

/// How the window starts.
#[derive(Resource, Clone, Debug, Default)]
pub struct Launch {
    /// Open straight into this scenario (`rapport play --scenario S`).
    pub scenario: Option<(crate::sim::Scenario, String)>,
    /// Run the scripted tour and save screenshots here.
    pub tour: Option<TourOptions>,
    /// Where the game autosaves and Continue looks (`None`: no saving).
    pub save_path: Option<PathBuf>,
    /// Where finished games write their replays and the browser looks.
    pub replay_dir: Option<PathBuf>,
    /// Who plays (`rapport play --player NAME --class CODE`): name and
    /// class code, as the choose screen would ask them.
    pub player: Option<(String, String)>,
    /// The player's personal code (`rapport play --code CODE`).
    pub player_code: Option<String>,
    /// Where the player's settings (the UI scale) are kept (`None`: kept
    /// nowhere, the defaults).
    pub settings_path: Option<PathBuf>,
    /// The UI scale in per cent, over the settings (the tour).
    pub ui_scale: Option<u32>,
    /// The window's size in pixels (default 1280x800).
    pub window_size: Option<(u32, u32)>,
}

/// What `rapport tour` asks of the scripted tour.
#[derive(Clone, Debug)]
pub struct TourOptions {
    /// The folder the screenshots go to.
    pub out: PathBuf,
    /// Resize the scenario to this many people (a heavier tour).
    pub agents: Option<u32>,
    /// The built-in scenario the tour plays.
    pub scenario: String,
}
