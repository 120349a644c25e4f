//! The `rapport` binary: with no arguments it opens the game; subcommands
//! run games without a window.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    rapport::cli::run(cli)
}
