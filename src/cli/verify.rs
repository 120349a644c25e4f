//! `rapport verify REPLAY...`: re-simulates each replay and says whether it
//! matches, and if not, why. With `--scenario` (the class's copy of the
//! scenario) a replay of one player must also be on its seed and audience
//! size, as `grade` asks; without, a genuine replay on another seed or size
//! verifies and the line says it is not on the scenario as written.

use super::error::CliError;
use super::setup::load_scenario;
use crate::files::replay::{
    Mismatch, Replay, SealKind, check_class_setup, check_roster_seal, class_setup_note, load_replay,
    verify_file_with, verify_markets, verify_markets_against,
};
use crate::files::roster::{Roster, Student};
use crate::sim::{Scenario, Simulation};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Replay files.
    #[arg(required = true)]
    replays: Vec<PathBuf>,
    /// Verify on this scenario (id or file) instead of the one each replay
    /// names; a replay of one player must be on its seed and size.
    #[arg(long)]
    scenario: Option<String>,
    /// The instructor's folder of the class's roster: a replay verifies
    /// only when the student it names sealed it with their own code.
    #[arg(long)]
    roster: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let scenario = match &args.scenario {
        Some(name) => Some(load_scenario(name, None)?),
        None => None,
    };
    let roster = args
        .roster
        .as_deref()
        .map(Roster::load)
        .transpose()
        .map_err(|e| CliError(e.to_string()))?;
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
        let verified = verify_one(path, scenario.as_ref()).and_then(|(replay, simulation)| {
            let student = match &roster {
                Some(roster) => Some(check_roster_seal(&replay, roster)?.clone()),
                None => None,
            };
            Ok((replay, simulation, student))
        });
        match verified {
            Ok((replay, simulation, student)) => println!(
                "verified   {}: {} on {} (seed {}), score {:.3}, state {:016x}{}{}{}",
                path.display(),
                replay.player,
                replay.scenario,
                replay.seed,
                replay.kpis.score,
                simulation.state_hash(),
                replay.lineage().map_or_else(String::new, |l| format!(", {l}")),
                seal_words(&replay, student.as_ref()),
                setup_note(&replay, scenario.is_some()).map_or_else(String::new, |n| format!("; {n}"))
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

/// What the line says of the seal.
fn seal_words(replay: &Replay, student: Option<&Student>) -> String {
    match (student, replay.seal_kind()) {
        (Some(student), _) => format!(
            ", sealed by {} ({}) with their own code",
            student.name, student.id
        ),
        (None, SealKind::None) => ", unsealed (no seal, so the name is not checked)".into(),
        (None, SealKind::Unkeyed) => {
            ", unkeyed seal (made without a student code: anyone could have written the name)".into()
        }
        (None, SealKind::Keyed) => ", sealed with a student code (give --roster to check whose)".into(),
    }
}

/// A replay of one player: on the class's seed and size when a scenario is
/// given, then re-simulated.
fn verify_one(path: &std::path::Path, scenario: Option<&Scenario>) -> Result<(Replay, Simulation), Mismatch> {
    if let Some(scenario) = scenario
        && let Ok(replay) = load_replay(path)
    {
        check_class_setup(&replay, scenario)?;
    }
    verify_file_with(path, scenario)
}

/// Without a class scenario: whether the replay is on the seed and size of
/// the scenario it names (a practice run on another seed is genuine, but
/// not a hand-in `grade` ranks).
fn setup_note(replay: &Replay, checked: bool) -> Option<String> {
    if checked {
        return None;
    }
    let named = crate::files::builtin::find_scenario(&replay.scenario).ok()?;
    class_setup_note(replay, &named)
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
