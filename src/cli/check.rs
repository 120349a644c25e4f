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
            "scenario `{}`: {} weeks, {} people, seed {}, {} platforms, {} segments, {} goals{}",
            s.id,
            s.weeks,
            s.agents,
            s.seed,
            s.platforms.len(),
            s.segments.len(),
            s.goals.len(),
            events_text(&s)
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

/// "; events: review storm in game week 6, day 3 (file `week: 5, day: 2`)":
/// a file counts an event's week and day from 0, the game from 1.
fn events_text(scenario: &crate::sim::Scenario) -> String {
    use crate::sim::EventKind;
    let events: Vec<String> = scenario
        .events
        .iter()
        .map(|e| {
            let what = match e.kind {
                EventKind::ViralTrend { .. } => "viral trend",
                EventKind::AlgorithmChange { .. } => "algorithm change",
                EventKind::ReviewStorm { .. } => "review storm",
            };
            format!(
                "{what} in game week {}, day {} (file `week: {}, day: {}`, counted from 0)",
                e.week + 1,
                e.day + 1,
                e.week,
                e.day
            )
        })
        .collect();
    if events.is_empty() {
        String::new()
    } else {
        format!("; events: {}", events.join("; "))
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
