//! `rapport grade --scenario S FILES_OR_DIRS [--out FILE]`: verifies every
//! replay handed in, ranks the verified ones by the scenario's goals, and
//! lists the others apart with the reason. A hand-in counts only on the
//! class scenario's own seed and audience size; copies (the same plans, or
//! the same plans in all but one week, under any names) are flagged.

use super::error::CliError;
use super::setup::load_scenario;
use crate::files::atomic::write_atomic;
use crate::files::replay::{
    Mismatch, Replay, check_class_setup, hash_text, load_replay, plan_text, verify_against,
};
use crate::files::save::scenario_hash;
use crate::sim::{Kpis, Scenario};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Most replay files one grading reads.
pub const MAX_FILES: usize = 10_000;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The scenario the class played (id or file): its seed and audience
    /// size are the class's.
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
    /// The replay as handed in, when it could be read (ranked or not).
    pub replay: Option<Replay>,
    pub outcome: Result<Kpis, Mismatch>,
    /// The other hand-ins this one copies, in words ("same plans as
    /// b.ron (bob)"); empty when none.
    pub copies: Vec<String>,
}

impl Graded {
    pub fn player(&self) -> &str {
        self.replay.as_ref().map_or("", |r| r.player.as_str())
    }
}

/// Verifies and ranks; the verified come first, best score first.
pub fn grade(scenario_name: &str, files: &[PathBuf]) -> Result<Vec<Graded>, CliError> {
    let scenario = load_scenario(scenario_name, None)?;
    let mut graded: Vec<Graded> = files
        .iter()
        .map(|file| match load_replay(file) {
            Err(e) => Graded {
                file: file.clone(),
                replay: None,
                outcome: Err(Mismatch::Broken(e.to_string())),
                copies: Vec::new(),
            },
            Ok(replay) => Graded {
                file: file.clone(),
                outcome: grade_one(&replay, &scenario),
                replay: Some(replay),
                copies: Vec::new(),
            },
        })
        .collect();
    flag_copies(&mut graded);
    graded.sort_by(|a, b| match (&a.outcome, &b.outcome) {
        (Ok(x), Ok(y)) => y.score.total_cmp(&x.score).then_with(|| a.file.cmp(&b.file)),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.file.cmp(&b.file),
    });
    Ok(graded)
}

/// One hand-in: on the class's seed and size first (cheap, and the reason
/// an instructor needs), then re-simulated.
fn grade_one(replay: &Replay, scenario: &Scenario) -> Result<Kpis, Mismatch> {
    check_class_setup(replay, scenario)?;
    if replay.scenario_hash != scenario_hash(scenario) {
        return Err(Mismatch::Scenario(format!(
            "played `{}`, whose content is not the graded scenario `{}`",
            replay.scenario, scenario.id
        )));
    }
    verify_against(replay, scenario).map(|simulation| simulation.kpis())
}

/// Games shorter than this are not compared week by week: in a game of
/// two weeks, "all but one week" is nearly nothing.
pub const NEAR_COPY_MIN_WEEKS: usize = 4;

/// How two hand-ins are alike.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Alike {
    /// The same plans in every week, or the same final state.
    Same,
    /// The same plans in every week but this one (counted from 1).
    AllBut(usize),
}

/// Flags every verified hand-in whose plans are those of another in every
/// week (the same game, whatever the name says), or in all but one week
/// (a copy with one week changed to hide it). Two hand-ins on the class's
/// seed with the same plans end in the same state, so the same final state
/// hash counts as the same game too. Each week's plan is hashed once; for
/// each week, the hash of all the other weeks groups the near-identical.
fn flag_copies(graded: &mut [Graded]) {
    let mut groups: BTreeMap<(Alike, String), Vec<usize>> = BTreeMap::new();
    for (i, g) in graded.iter().enumerate() {
        let Some(replay) = g.replay.as_ref().filter(|_| g.outcome.is_ok()) else {
            continue;
        };
        let plans: Vec<String> = replay
            .weeks
            .iter()
            .map(|w| hash_text(&plan_text(&w.plan)))
            .collect();
        groups.entry((Alike::Same, plans.join(","))).or_default().push(i);
        groups
            .entry((Alike::Same, format!("state {}", replay.kpis.state_hash)))
            .or_default()
            .push(i);
        if plans.len() >= NEAR_COPY_MIN_WEEKS {
            for w in 0..plans.len() {
                let mut others = plans.clone();
                others[w] = "*".into();
                groups
                    .entry((Alike::AllBut(w + 1), others.join(",")))
                    .or_default()
                    .push(i);
            }
        }
    }
    // Per pair of hand-ins, the closest likeness found (`Same` sorts first).
    let mut found: BTreeMap<(usize, usize), Alike> = BTreeMap::new();
    for ((alike, _), members) in &groups {
        for &a in members {
            for &b in members.iter().filter(|&&b| b != a) {
                let closest = found.entry((a, b)).or_insert(*alike);
                *closest = (*closest).min(*alike);
            }
        }
    }
    for ((a, b), alike) in found {
        let other = format!("{} ({})", display(&graded[b].file), graded[b].player());
        graded[a].copies.push(match alike {
            Alike::Same => format!("same plans as {other}"),
            Alike::AllBut(w) => format!("same plans as {other} in every week but week {w}"),
        });
    }
}

const COLUMNS: [&str; 24] = [
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
    "seed",
    "agents",
    "final_state_hash",
    "sealed",
    "copies",
    "student",
    "student_key",
    "grade_percent",
    "scenario",
];

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let files = collect(&args.inputs)?;
    if files.is_empty() {
        return Err(CliError("no replay files found".into()));
    }
    refuse_class_games(&files)?;
    let graded = grade(&args.scenario, &files)?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(COLUMNS)?;
    let mut rank = 0;
    let mut copies = 0;
    println!("{:>4}  {:<40} {:<16} {:>7}", "rank", "file", "player", "score");
    for g in &graded {
        let file = display(&g.file);
        let rank_text = match &g.outcome {
            Ok(k) => {
                rank += 1;
                println!("{rank:>4}  {file:<40} {:<16} {:>7.3}", g.player(), k.score);
                rank.to_string()
            }
            Err(reason) => {
                println!("   -  {file:<40} not ranked: {reason}");
                String::new()
            }
        };
        if let Some(replay) = g.replay.as_ref().filter(|r| !r.is_sealed() && g.outcome.is_ok()) {
            println!(
                "      unsealed: no seal, so the name `{}` is not checked",
                replay.player
            );
        }
        for copy in &g.copies {
            println!("      COPY? {copy}");
        }
        copies += usize::from(!g.copies.is_empty());
        csv.write_record(record(g, rank_text, file))?;
    }
    let bytes = csv.into_inner().map_err(|e| CliError(e.to_string()))?;
    write_atomic(&args.out, &bytes).map_err(|e| CliError(format!("{}: {e}", args.out.display())))?;
    println!(
        "\n{rank} ranked, {} not ranked, {copies} flagged as copies; wrote {}",
        graded.len() - rank,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// One row of `grades.csv`, in the order of [`COLUMNS`].
fn record(g: &Graded, rank: String, file: String) -> Vec<String> {
    let replay = g.replay.as_ref();
    let field = |f: fn(&Replay) -> String| replay.map_or_else(String::new, f);
    let mut row = vec![
        rank,
        file,
        field(|r| r.player.clone()),
        field(|r| r.class_code.clone()),
        if g.outcome.is_ok() { "yes" } else { "no" }.to_string(),
    ];
    match &g.outcome {
        Ok(k) => row.extend([
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
        ]),
        Err(reason) => {
            row.extend(std::iter::repeat_n(String::new(), 9));
            row.push(reason.to_string());
        }
    }
    let verified = g.outcome.as_ref().ok();
    row.extend([
        field(|r| r.seed.to_string()),
        field(|r| r.agents.to_string()),
        verified.map_or_else(String::new, |k| k.state_hash.clone()),
        field(|r| if r.is_sealed() { "yes" } else { "no" }.to_string()),
        g.copies.join("; "),
        field(|r| r.player.trim().to_string()),
        field(|r| student_key(&r.player)),
        verified.map_or_else(String::new, |k| format!("{:.1}", k.score * 100.0)),
        field(|r| r.scenario.clone()),
    ]);
    row
}

/// The name as a gradebook matches it: trimmed, lower case, runs of
/// spaces as one ("Ada  Lovelace " -> "ada lovelace").
pub fn student_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A class game's teams are ranked by their markets, not by the scenario's
/// goals: `grade` leaves it to `class status` and `compare`.
fn refuse_class_games(files: &[PathBuf]) -> Result<(), CliError> {
    for file in files {
        if load_replay(file).is_ok_and(|r| r.is_class()) {
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
