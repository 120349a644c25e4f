//! Who is playing: the name (and optional class code) asked for at a new
//! game, written into every replay the window saves.

use bevy::prelude::*;

/// The player of the window's games.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct Player {
    pub name: String,
    /// The class the instructor gave out; empty when playing alone.
    pub class_code: String,
}

impl Player {
    /// The name a replay records: the player's, or "player" when none was given.
    pub fn replay_name(&self) -> &str {
        let name = self.name.trim();
        if name.is_empty() { "player" } else { name }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Player>();
}
