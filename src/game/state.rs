//! The game's states: which screen is shown, and what sits over it (Help,
//! the pause menu, the settings). An overlay rather than a screen, so it can
//! open over any screen and closing it leaves that screen as it was.

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
    /// Esc in a game: resume, help, settings, save and quit to the title.
    Pause,
    /// The UI scale, from the pause menu or the title.
    Settings,
}

impl Screen {
    /// The screens of a game under way, where Esc opens the pause menu.
    pub fn in_game(self) -> bool {
        matches!(
            self,
            Screen::Plan | Screen::Running | Screen::Report | Screen::Debrief
        )
    }
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
