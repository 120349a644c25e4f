//! `rapport verify REPLAY...`: re-simulates each replay and says whether it
//! matches, and if not, why.

use super::error::CliError;
use super::setup::load_scenario;
use crate::files::replay::verify_file_with;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Replay files.
    #[arg(required = true)]
    replays: Vec<PathBuf>,
    /// Verify on this scenario (id or file) instead of the one each replay names.
    #[arg(long)]
    scenario: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let scenario = match &args.scenario {
        Some(name) => Some(load_scenario(name, None)?),
        None => None,
    };
    let mut failed = 0;
    for path in &args.replays {
        match verify_file_with(path, scenario.as_ref()) {
            Ok((replay, simulation)) => println!(
                "verified   {}: {} on {} (seed {}), score {:.3}, state {:016x}{}",
                path.display(),
                replay.player,
                replay.scenario,
                replay.seed,
                replay.kpis.score,
                simulation.state_hash(),
                replay.lineage().map_or_else(String::new, |l| format!(", {l}"))
            ),
            Err(mismatch) => {
                failed += 1;
                println!("UNVERIFIED {}: {mismatch}", path.display());
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} replays did not verify", args.replays.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
