//! `rapport verify REPLAY...`: re-simulates each replay and says whether it
//! matches, and if not, why.

use super::error::CliError;
use super::setup::load_scenario;
use crate::files::replay::{
    Mismatch, Replay, load_replay, verify_file_with, verify_markets, verify_markets_against,
};
use crate::sim::{Scenario, Simulation};
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
        if let Ok(replay) = load_replay(path)
            && replay.is_class()
        {
            match verify_class(&replay, scenario.as_ref()) {
                Ok(games) => println!("verified   {}: {}", path.display(), class_line(&replay, &games)),
                Err(mismatch) => {
                    failed += 1;
                    println!("UNVERIFIED {}: class game: {mismatch}", path.display());
                }
            }
            continue;
        }
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

fn verify_class(replay: &Replay, scenario: Option<&Scenario>) -> Result<Vec<Simulation>, Mismatch> {
    match scenario {
        Some(scenario) => verify_markets_against(replay, scenario),
        None => verify_markets(replay),
    }
}

/// "class game: 5 markets, 30 teams on S (seed N); market leaders ...".
fn class_line(replay: &Replay, games: &[Simulation]) -> String {
    let teams: usize = replay.markets.iter().map(|m| m.teams.len()).sum();
    let leaders: Vec<String> = games
        .iter()
        .enumerate()
        .filter_map(|(m, game)| {
            game.standings()
                .into_iter()
                .find(|s| s.role == crate::sim::BrandRole::Player)
                .map(|s| format!("{} {}", m + 1, s.name))
        })
        .collect();
    format!(
        "class game: {} {}, {teams} teams on {} (seed {}); leading team per market: {}",
        games.len(),
        if games.len() == 1 { "market" } else { "markets" },
        replay.scenario,
        replay.seed,
        leaders.join(", ")
    )
}
