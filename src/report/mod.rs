//! Numbers for people and scripts: statistics over seeds, weekly tables,
//! CSV files. Shared by the command line and (later) the window.

pub mod charts;
pub mod narrative;
pub mod stats;
pub mod weekly;
