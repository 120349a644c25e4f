//! The look shared by every screen: the palette and the widgets more than
//! one screen draws (top bars, big buttons, the KPI grid, goal bars, the
//! daily plots and the audience view). No screen state lives here.

pub mod audience;
pub mod palette;
pub mod plot;
pub mod widgets;
