//! `rapport check FILE...`: validates scenario, strategy and replay files.

use super::error::CliError;
use crate::files::{AnyFile, LoadError, load_any};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

fn check_file(path: &std::path::Path) -> Result<String, LoadError> {
    Ok(match load_any(path)? {
        AnyFile::Scenario(s) => format!(
            "scenario `{}`: {} weeks, {} people, {} platforms, {} segments, {} goals",
            s.id,
            s.weeks,
            s.agents,
            s.platforms.len(),
            s.segments.len(),
            s.goals.len()
        ),
        AnyFile::Strategy(s) => format!(
            "strategy `{}`: {} weekly steps, {} rules",
            s.id,
            s.weekly.len(),
            s.rules.len()
        ),
        AnyFile::Replay(r) => format!(
            "replay of `{}` by {}: {} weeks, seed {} (run `rapport verify` to re-simulate it)",
            r.scenario,
            r.player,
            r.weeks.len(),
            r.seed
        ),
        AnyFile::Save(simulation, source) => {
            format!("saved game of `{source}`: {} weeks played", simulation.week())
        }
    })
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut failed = 0;
    for path in &args.files {
        match check_file(path) {
            Ok(summary) => println!("ok     {}: {summary}", path.display()),
            Err(error) => {
                failed += 1;
                println!("FAILED {error}");
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} files failed", args.files.len());
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}
