//! Who is playing: the name (and optional class code) asked for at a new
//! game, written into every replay the window saves.

use bevy::prelude::*;

/// The player of the window's games.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct Player {
    pub name: String,
    /// The class the instructor gave out; empty when playing alone.
    pub class_code: String,
    /// The player's personal code from the instructor's roster: replays
    /// are sealed with it (empty: sealed without one, as before rosters).
    /// Kept for this window only, never saved.
    pub code: String,
}

impl Player {
    /// The personal code as typed, checked: `None` when none was typed,
    /// the reason when it is not a code (a typo is caught here).
    pub fn checked_code(&self) -> Option<Result<String, String>> {
        let code = self.code.trim();
        (!code.is_empty()).then(|| crate::files::roster::normalize_code(code))
    }

    /// The name a replay records: the player's, or "player" when none was given.
    pub fn replay_name(&self) -> &str {
        let name = self.name.trim();
        if name.is_empty() { "player" } else { name }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Player>();
}
