//! Numbers for people and scripts: statistics over seeds, weekly tables,
//! CSV files. Shared by the command line and (later) the window.
//!
//! The submodules are public namespaces (`stats::interval`,
//! `weekly::weekly_csv`, `charts::line_chart`); each type has that one path.

pub mod actions;
pub mod attribution;
pub mod beliefs;
pub mod charts;
pub mod coach;
pub mod copies;
pub mod glossary;
pub mod goals;
pub mod grading;
pub mod market;
pub mod narrative;
pub mod palette;
pub mod plan;
pub mod projector;
pub mod ranges;
pub mod sensitivity;
pub mod stats;
pub mod timeline;
pub mod weekly;
