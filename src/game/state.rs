//! The game's states: which screen is shown, and whether Help sits over it.
//! Help is an overlay rather than a screen, so it can open over any screen
//! and closing it leaves that screen as it was.

use bevy::prelude::*;

/// The screen shown; every change goes through `NextState<Screen>`.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    Choose,
    Plan,
    Running,
    Report,
    Debrief,
    Replays,
    Compare,
    /// A team's class game: join, plan and hand in each week, the reports.
    JoinClass,
    /// The instructor's class game: the round's status, playing the round.
    RunClass,
}

/// What is drawn over the screen. While an overlay is open the screen below
/// neither draws nor takes keys, and the running week waits.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Overlay {
    #[default]
    None,
    Help,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.init_state::<Overlay>();
}

/// Run condition: `screen` is shown and no overlay covers it (the screen
/// draws, takes keys and, for the running week, plays).
pub fn showing(screen: Screen) -> impl FnMut(Res<State<Screen>>, Res<State<Overlay>>) -> bool + Clone {
    move |shown: Res<State<Screen>>, overlay: Res<State<Overlay>>| {
        *shown.get() == screen && *overlay.get() == Overlay::None
    }
}
