mod calibration;
mod claims;
mod cli;
mod common;
mod determinism;
mod files;
mod game;
mod properties;
