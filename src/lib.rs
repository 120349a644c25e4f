//! Reach & Rapport: a training simulator about the difference between
//! broadcasting (social media) and conversation (social networking).
//!
//! Data flows one way: `files` -> `sim` -> `report` (and the window). The
//! model in `sim` has no Bevy in it and runs the same headless.
//!
//! The modules stand on floors and import only from lower ones: `text`
//! (one way to say a count, a plural, a span of weeks; a leaf) and `sim`;
//! then `files`, `report`, `claims`, `class`; then `web` and `game`; `cli`
//! on top. `tests/suite/architecture.rs` holds the table and fails on an
//! import that runs back up.

pub mod claims;
pub mod class;
pub mod cli;
pub mod files;
#[cfg(feature = "window")]
pub mod game;
pub mod report;
pub mod sim;
pub mod text;
pub mod web;
