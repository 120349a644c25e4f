//! `rapport whatif REPLAY --from-week N (--strategy S | --plans FILE)
//! --replay OUT [--json]`: verifies a replay, plays its first N-1 weeks as
//! they were, plays on from week N with a strategy or a plans file, writes
//! the branch as a replay that names its parent, and prints both games'
//! KPIs side by side.

use super::error::CliError;
use super::setup::PlayerArgs;
use crate::files::builtin::find_strategy;
use crate::files::replay::{Replay, load_plans, load_verified};
use crate::sim::{Kpis, Replaying, Simulation, WeekPlan};
use crate::text::{count, week_span};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("how").required(true).args(["strategy", "plans"])))]
pub struct Args {
    /// The replay to branch from.
    replay_file: PathBuf,
    /// The first week to play differently (1 = the whole game).
    #[arg(long)]
    from_week: u32,
    /// Play on with this built-in strategy id or strategy file.
    #[arg(long)]
    strategy: Option<String>,
    /// Play on with these weeks (a RON list of weeks of actions; see docs/CLASSROOM.md).
    #[arg(long)]
    plans: Option<PathBuf>,
    /// Write the branch's replay to this file.
    #[arg(long = "replay")]
    out: PathBuf,
    /// Print both games' KPIs as one JSON object.
    #[arg(long)]
    json: bool,
    /// Verify the replay on this scenario (id or file) instead of the one it
    /// names (a hand-in names the file on the student's machine).
    #[arg(long)]
    scenario: Option<String>,
    /// Who the branch is by (default: the replay's player and class), and
    /// the personal code to seal it with.
    #[command(flatten)]
    who: PlayerArgs,
}

/// How the branch plays on from its first week of its own.
pub enum PlayOn {
    Strategy(crate::sim::Strategy),
    Plans(Vec<WeekPlan>),
}

/// `--from-week` must name one of the replay's weeks.
fn check_week(parent: &Replay, from_week: u32) -> Result<(), CliError> {
    let weeks = parent.weeks.len() as u32;
    if from_week == 0 || from_week > weeks {
        return Err(CliError(format!(
            "--from-week {from_week}: the replay has {weeks} weeks; choose a week from 1 to {weeks}"
        )));
    }
    Ok(())
}

/// Plays `parent`'s first `from_week - 1` weeks as they were on the
/// scenario it was verified on, then plays on. The branch's plans are
/// checked against their weeks; a week that is not legal is an error.
pub fn branch(
    parent: &Replay,
    played: &Simulation,
    from_week: u32,
    on: &PlayOn,
) -> Result<Simulation, CliError> {
    check_week(parent, from_week)?;
    let weeks = parent.weeks.len() as u32;
    let shared: Vec<WeekPlan> = parent.plans().into_iter().take(from_week as usize - 1).collect();
    // The replay verified, so its weeks are legal and play as recorded.
    let hashes = &played.week_hashes()[..from_week as usize];
    let mut game =
        Simulation::replay(Replaying::solo(played.scenario(), parent.seed, &shared).expecting(hashes))
            .map_err(|e| CliError(format!("the replay's own weeks no longer play: {e}")))?;
    match on {
        PlayOn::Strategy(strategy) => strategy.play_out(&mut game),
        PlayOn::Plans(plans) => {
            let left = (weeks - from_week + 1) as usize;
            if plans.len() != left {
                return Err(CliError(format!(
                    "the plans file has {}; from week {from_week} of {weeks} it needs exactly {}",
                    crate::text::weeks(plans.len() as u64),
                    crate::text::weeks(left as u64)
                )));
            }
            for (k, plan) in plans.iter().enumerate() {
                let week = from_week as usize + k;
                game.run_week(plan).map_err(|e| {
                    CliError(format!(
                        "the plans file's week {} (game week {week}) is not a legal plan: {e}",
                        k + 1
                    ))
                })?;
            }
        }
    }
    Ok(game)
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    args.who.check()?;
    let scenario = args
        .scenario
        .as_deref()
        .map(|name| super::setup::load_scenario(name, None))
        .transpose()?;
    let (parent, played) =
        load_verified(&args.replay_file, "branched", scenario.as_ref()).map_err(CliError)?;
    check_week(&parent, args.from_week)?;
    let on = match (&args.strategy, &args.plans) {
        (Some(name), None) => PlayOn::Strategy(find_strategy(name)?),
        (None, Some(path)) => PlayOn::Plans(load_plans(path)?),
        // clap's group makes this exactly one of the two.
        _ => return Err(CliError("give either --strategy or --plans".into())),
    };
    let game = branch(&parent, &played, args.from_week, &on)?;
    let replay = args.who.apply(
        Replay::of(&game, &parent.scenario, &parent.player)
            .with_class_code(&parent.class_code)
            .branched_from(&parent, args.from_week - 1),
    )?;
    if args.who.code.is_none() && parent.seal_kind() == crate::files::replay::SealKind::Keyed {
        eprintln!(
            "note: the replay was sealed with a student code; the branch is sealed without one \
             (give --code to seal it as the student's)"
        );
    }
    replay
        .write(&args.out)
        .map_err(|e| CliError(format!("{}: cannot write: {e}", args.out.display())))?;
    let (original, branched) = (played.kpis(), game.kpis());
    if args.json {
        let json = serde_json::json!({
            "from_week": args.from_week,
            "weeks_shared": args.from_week - 1,
            "parent": replay.parent,
            "replay": args.out.display().to_string(),
            "original": original,
            "branch": branched,
        });
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        let how = match (&args.strategy, &args.plans) {
            (Some(s), _) => format!("the {s} strategy"),
            (_, Some(p)) => p.display().to_string(),
            _ => String::new(),
        };
        let shared = week_span(1, args.from_week.saturating_sub(1))
            .map_or("every week played anew".to_string(), |span| {
                format!("{span} as played")
            });
        println!(
            "{} on {}: {shared}, then {how} (wrote {})",
            parent.player,
            parent.scenario,
            args.out.display()
        );
        println!();
        print_side_by_side(&original, &branched);
    }
    Ok(ExitCode::SUCCESS)
}

/// The KPIs of the original game and of the branch, one a line.
fn print_side_by_side(original: &Kpis, branch: &Kpis) {
    println!(
        "  {:<22} {:>12} {:>12} {:>12}",
        "", "original", "branch", "difference"
    );
    let counts: [(&str, fn(&Kpis) -> u64); 5] = [
        ("followers", |k| k.followers),
        ("leads", |k| k.leads),
        ("customers", |k| k.customers),
        ("advocates", |k| k.advocates),
        ("strong relationships", |k| k.strong_relationships),
    ];
    for (label, value) in counts {
        let (a, b) = (value(original), value(branch));
        println!(
            "  {label:<22} {:>12} {:>12} {:>12}",
            count(a),
            count(b),
            crate::text::signed(b as i64 - a as i64)
        );
    }
    let levels: [(&str, fn(&Kpis) -> f64); 6] = [
        ("relationship index", |k| k.relationship_index),
        ("community sentiment", |k| k.sentiment),
        ("engagement rate %", |k| k.engagement_rate * 100.0),
        ("return on spend", |k| k.roi),
        ("hours", |k| k.hours.total()),
        ("score", |k| k.score),
    ];
    for (label, value) in levels {
        let (a, b) = (value(original), value(branch));
        println!("  {label:<22} {a:>12.3} {b:>12.3} {:>+12.3}", b - a);
    }
    println!(
        "  {:<22} {:>12} {:>12}",
        "state hash", original.state_hash, branch.state_hash
    );
}
