mod alloc;
mod calibration;
mod claims;
mod cli;
mod common;
mod crash;
mod determinism;
mod files;
#[cfg(feature = "window")]
mod game;
mod golden;
mod hostile;
mod mechanics;
mod more_claims;
mod mutate;
mod properties;
mod replays;
mod soak;
