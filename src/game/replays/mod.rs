//! The replay browser (load a replay, watch it week by week, jump to a
//! week) and the compare view (overlay the charts of up to four replays),
//! two screens over one listing of the replay folder.

mod browser;
mod compare;
mod listing;

use bevy::prelude::*;

#[cfg(test)]
pub(crate) use browser::draw as browser_screen;
#[cfg(test)]
pub(crate) use compare::draw as compare_screen;
pub use listing::Browser;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((listing::plugin, browser::plugin, compare::plugin));
}
