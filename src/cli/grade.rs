//! `rapport grade --scenario S FILES_OR_DIRS [--out FILE]`: verifies every
//! replay handed in, ranks the verified ones by the scenario's goals, and
//! lists the others apart with the reason.

use super::error::CliError;
use super::setup::load_scenario;
use crate::files::atomic::write_atomic;
use crate::files::replay::{Mismatch, verify_file_with};
use crate::files::save::scenario_hash;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Most replay files one grading reads.
pub const MAX_FILES: usize = 10_000;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The scenario the class played (id or file).
    #[arg(long)]
    scenario: String,
    /// Replay files, or folders of them (`.ron`).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The ranked CSV (default: grades.csv).
    #[arg(long, default_value = "grades.csv")]
    out: PathBuf,
}

fn collect(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let found = crate::files::replay::replay_files_in(input)
                .map_err(|e| CliError(format!("{}: {e}", input.display())))?;
            files.extend(found);
        } else {
            files.push(input.clone());
        }
        if files.len() > MAX_FILES {
            return Err(CliError(format!("more than {MAX_FILES} replay files")));
        }
    }
    Ok(files)
}

pub struct Graded {
    pub file: PathBuf,
    pub player: String,
    /// The class the player named in the replay (may be empty).
    pub class_code: String,
    pub outcome: Result<crate::sim::Kpis, Mismatch>,
}

/// Verifies and ranks; the verified come first, best score first.
pub fn grade(scenario_name: &str, files: &[PathBuf]) -> Result<Vec<Graded>, CliError> {
    let scenario = load_scenario(scenario_name, None)?;
    let mut graded: Vec<Graded> = files
        .iter()
        .map(|file| {
            let outcome = verify_file_with(file, Some(&scenario)).and_then(|(replay, simulation)| {
                // The class played the scenario at its own size.
                if replay.agents != scenario.agents || replay.scenario_hash != scenario_hash(&scenario) {
                    return Err(Mismatch::Scenario(format!(
                        "played `{}` with {} people, not the graded scenario `{}` with {}",
                        replay.scenario, replay.agents, scenario.id, scenario.agents
                    )));
                }
                Ok((replay.player, replay.class_code, simulation.kpis()))
            });
            match outcome {
                Ok((player, class_code, kpis)) => Graded {
                    file: file.clone(),
                    player,
                    class_code,
                    outcome: Ok(kpis),
                },
                Err(mismatch) => Graded {
                    file: file.clone(),
                    player: String::new(),
                    class_code: String::new(),
                    outcome: Err(mismatch),
                },
            }
        })
        .collect();
    graded.sort_by(|a, b| match (&a.outcome, &b.outcome) {
        (Ok(x), Ok(y)) => y.score.total_cmp(&x.score).then_with(|| a.file.cmp(&b.file)),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.file.cmp(&b.file),
    });
    Ok(graded)
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let files = collect(&args.inputs)?;
    if files.is_empty() {
        return Err(CliError("no replay files found".into()));
    }
    refuse_class_games(&files)?;
    let graded = grade(&args.scenario, &files)?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record([
        "rank",
        "file",
        "player",
        "class_code",
        "verified",
        "score",
        "followers",
        "leads",
        "customers",
        "strong_relationships",
        "sentiment",
        "hours_broadcast",
        "hours_conversation",
        "hours_listening",
        "reason",
    ])?;
    let mut rank = 0;
    println!("{:>4}  {:<40} {:<16} {:>7}", "rank", "file", "player", "score");
    for g in &graded {
        let file = display(&g.file);
        match &g.outcome {
            Ok(k) => {
                rank += 1;
                println!("{rank:>4}  {file:<40} {:<16} {:>7.3}", g.player, k.score);
                csv.write_record([
                    rank.to_string(),
                    file,
                    g.player.clone(),
                    g.class_code.clone(),
                    "yes".into(),
                    format!("{:.4}", k.score),
                    k.followers.to_string(),
                    k.leads.to_string(),
                    k.customers.to_string(),
                    k.strong_relationships.to_string(),
                    format!("{:.4}", k.sentiment),
                    format!("{:.2}", k.hours.broadcast),
                    format!("{:.2}", k.hours.conversation),
                    format!("{:.2}", k.hours.listening),
                    String::new(),
                ])?;
            }
            Err(reason) => {
                println!("   -  {file:<40} not ranked: {reason}");
                let mut record = vec![String::new(), file, String::new(), String::new(), "no".into()];
                record.extend(std::iter::repeat_n(String::new(), 9));
                record.push(reason.to_string());
                csv.write_record(record)?;
            }
        }
    }
    let bytes = csv.into_inner().map_err(|e| CliError(e.to_string()))?;
    write_atomic(&args.out, &bytes).map_err(|e| CliError(format!("{}: {e}", args.out.display())))?;
    println!(
        "\n{rank} ranked, {} not ranked; wrote {}",
        graded.len() - rank,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// A class game's teams are ranked by their markets, not by the scenario's
/// goals: `grade` leaves it to `class status` and `compare`.
fn refuse_class_games(files: &[PathBuf]) -> Result<(), CliError> {
    for file in files {
        if crate::files::replay::load_replay(file).is_ok_and(|r| r.is_class()) {
            return Err(CliError(format!(
                "{}: is the replay of a class game in teams; grade ranks replays of one player \
                 by the scenario's goals. `rapport class status CLASS_DIR` gives the class's standings, \
                 `rapport verify` and `rapport compare` read the replay",
                file.display()
            )));
        }
    }
    Ok(())
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
