//! The `rapport` binary: with no arguments it opens the game; subcommands
//! run games without a window.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Let `rapport ... | head` end quietly instead of failing on a closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = rapport::cli::Cli::parse();
    rapport::cli::run(cli)
}
