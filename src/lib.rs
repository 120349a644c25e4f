//! Reach & Rapport: a training simulator about the difference between
//! broadcasting (social media) and conversation (social networking).
//!
//! Data flows one way: `files` -> `sim` -> `report` (and the window). The
//! model in `sim` has no Bevy in it and runs the same headless.

pub mod claims;
pub mod class;
pub mod cli;
pub mod files;
#[cfg(feature = "window")]
pub mod game;
pub mod report;
pub mod sim;
pub mod web;
