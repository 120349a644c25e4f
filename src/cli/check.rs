//! `rapport check FILE...`: validates scenario, strategy and replay files.

use super::CliError;
use crate::files::{FileKind, LoadError, MAX_FILE_BYTES, detect_kind, read_limited};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

fn check_file(path: &std::path::Path) -> Result<String, LoadError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    let name = path.display().to_string();
    match detect_kind(&name, &text)? {
        FileKind::Scenario => {
            let s = crate::files::scenario::parse_scenario(&name, &text)?;
            Ok(format!(
                "scenario `{}`: {} weeks, {} people, {} platforms, {} segments, {} goals",
                s.id,
                s.weeks,
                s.agents,
                s.platforms.len(),
                s.segments.len(),
                s.goals.len()
            ))
        }
        FileKind::Strategy => {
            let s = crate::files::strategy::parse_strategy(&name, &text)?;
            Ok(format!(
                "strategy `{}`: {} weekly steps, {} rules",
                s.id,
                s.weekly.len(),
                s.rules.len()
            ))
        }
        FileKind::Replay => {
            let r = crate::files::replay::parse_replay(&name, &text)?;
            Ok(format!(
                "replay of `{}` by {}: {} weeks, seed {} (run `rapport verify` to re-simulate it)",
                r.scenario,
                r.player,
                r.weeks.len(),
                r.seed
            ))
        }
        FileKind::Save => {
            let (simulation, source) = crate::files::save::restore(&name, &text)?;
            Ok(format!(
                "saved game of `{source}`: {} weeks played",
                simulation.week()
            ))
        }
    }
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
