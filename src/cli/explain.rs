//! `rapport explain REPLAY [--json]`: verifies a replay, then tells where
//! each of its results came from (its attribution), what the run showed
//! (the verdicts, against the built-in strategies played on the same seed)
//! and what would have helped it most (the advice: changes to its plans,
//! played on its seed and four others, each with a plans file that
//! `rapport whatif --plans` replays).

use super::error::CliError;
use crate::claims::ghosts::{Ghost, builtin_ghosts};
use crate::claims::verdict::{Advice, Verdict, advise, judge};
use crate::files::replay::{load_verified, plans_text};
use crate::report::attribution::{
    OutcomeCauses, VIEWS_NOTE, View, by_contribution, by_last_touch, where_from, where_from_line,
};
use crate::report::goals::{GoalLine, GoalState, goal_lines, stars_explanation};
use crate::report::narrative::net_lines;
use crate::sim::stars;
use crate::text::{counted, wrap};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The replay to explain.
    replay_file: PathBuf,
    /// Print everything as one JSON object.
    #[arg(long)]
    json: bool,
    /// Verify on this scenario (id or file) instead of the one the replay
    /// names (a hand-in names the file on the student's machine).
    #[arg(long)]
    scenario: Option<String>,
}

#[derive(Serialize)]
struct GhostLine<'a> {
    strategy: &'a str,
    name: &'a str,
    score: f64,
    followers: u64,
    strong_relationships: u64,
    customers: u64,
}

#[derive(Serialize)]
struct VerdictLine<'a> {
    claim: &'a str,
    title: &'a str,
    sentence: &'a str,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let scenario = args
        .scenario
        .as_deref()
        .map(|name| super::setup::load_scenario(name, None))
        .transpose()?;
    let (replay, game) =
        load_verified(&args.replay_file, "explained", scenario.as_ref()).map_err(CliError)?;
    let ghosts = builtin_ghosts(Arc::clone(game.scenario()), game.seed(), &|_, _| {});
    let kpis = game.kpis();
    let from = where_from(&kpis.attribution);
    let goals = goal_lines(&game.scenario().goals, &kpis, game.finished());
    let net = net_lines(&kpis.attribution);
    let verdicts = judge(&game, &ghosts);
    let advice = advise(&game, &ghosts);
    if args.json {
        let json = serde_json::json!({
            "player": replay.player,
            "class_code": replay.class_code,
            "scenario": replay.scenario,
            "seed": replay.seed,
            "score": kpis.score,
            "goals": goals.iter().map(|g| serde_json::json!({
                "goal": g.text,
                "met": g.state == GoalState::Met,
            })).collect::<Vec<_>>(),
            "net": net,
            "attribution": {
                "contribution": by_contribution(&kpis.attribution),
                "last_touch": by_last_touch(&kpis.attribution),
            },
            "verdicts": verdict_lines(&verdicts),
            "advice": advice_lines(&advice),
            "ghosts": ghost_lines(&ghosts),
        });
        println!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(ExitCode::SUCCESS);
    }
    let star_count = stars(kpis.score) as usize;
    let heading = format!(
        "{} on {} (seed {}): score {:.2} {}{}{}",
        replay.player,
        replay.scenario,
        replay.seed,
        kpis.score,
        "*".repeat(star_count),
        ".".repeat(3 - star_count),
        replay.lineage().map_or_else(String::new, |l| format!(", {l}"))
    );
    print!("{}", wrap(&heading, WIDTH, "", "  "));
    print_goals(&goals);
    let tipped: Vec<OutcomeCauses> = by_last_touch(&kpis.attribution)
        .into_iter()
        .filter(|o| {
            from.iter()
                .any(|f| f.outcome == o.outcome && f.view == View::Contribution)
        })
        .collect();
    print_report(&net, (&from, &tipped), &verdicts, &advice, &ghosts);
    Ok(ExitCode::SUCCESS)
}

/// The goals, each met or not, and what the stars need (as the debrief says).
fn print_goals(goals: &[GoalLine]) {
    println!();
    println!("Goals:");
    for goal in goals {
        let mark = match goal.state {
            GoalState::Met => "met",
            GoalState::NotYet => "not yet",
            GoalState::Missed => "missed",
        };
        println!("  {} — {mark}", goal.text);
    }
    println!("  {}", stars_explanation());
}

fn verdict_lines(verdicts: &[Verdict]) -> Vec<VerdictLine<'_>> {
    verdicts
        .iter()
        .map(|v| VerdictLine {
            claim: v.claim,
            title: v.title,
            sentence: &v.sentence,
        })
        .collect()
}

/// Each advice with what it did on every seed, and its weeks as the text
/// of a plans file.
fn advice_lines(advice: &[Advice]) -> Vec<serde_json::Value> {
    advice
        .iter()
        .map(|a| {
            serde_json::json!({
                "rule": a.rule,
                "sentence": a.sentence,
                "gain": a.gain(),
                "mean_gain": a.mean_gain(),
                "from_week": a.from_week,
                "seeds": a.trials.iter().map(|t| serde_json::json!({
                    "seed": t.seed,
                    "original": t.original,
                    "changed": t.changed,
                    "gain": t.gain(),
                })).collect::<Vec<_>>(),
                "plans": plans_text(&a.plans),
            })
        })
        .collect()
}

fn ghost_lines(ghosts: &[Ghost]) -> Vec<GhostLine<'_>> {
    ghosts
        .iter()
        .map(|g| GhostLine {
            strategy: g.strategy,
            name: &g.name,
            score: g.kpis.score,
            followers: g.kpis.followers,
            strong_relationships: g.kpis.strong_relationships,
            customers: g.kpis.customers,
        })
        .collect()
}

/// `from`: the results as shown by default, and the stocks among them
/// by the touch that tipped them (the second view).
fn print_report(
    net: &[String],
    (from, tipped): (&[OutcomeCauses], &[OutcomeCauses]),
    verdicts: &[Verdict],
    advice: &[Advice],
    ghosts: &[Ghost],
) {
    println!();
    println!("Where your results came from:");
    for line in net {
        println!("  {line}");
    }
    if from.is_empty() {
        println!("  nothing was credited to a cause in this game");
    }
    for o in from {
        print!("{}", wrap(&where_from_line(o), WIDTH, "  ", "      "));
    }
    if !tipped.is_empty() {
        print!("{}", wrap(VIEWS_NOTE, WIDTH, "  ", "  "));
        println!("  By the touch that tipped them instead:");
        for o in tipped {
            print!("{}", wrap(&where_from_line(o), WIDTH, "  ", "      "));
        }
    }
    println!();
    println!("What your run showed:");
    if verdicts.is_empty() {
        println!("  no claim stood out clearly enough in this run to cite it");
    }
    for v in verdicts {
        print!("{}", wrap(&v.sentence, WIDTH, "  - ", "    "));
    }
    println!();
    println!("What would have helped most:");
    if advice.is_empty() {
        println!("  none of the changes tried raised the score on your seed and on average");
    }
    for a in advice {
        print!("{}", wrap(&a.sentence, WIDTH, "  - ", "    "));
    }
    println!();
    println!("The built-in strategies on the same seed:");
    for g in ghosts {
        let line = format!(
            "{:<18} score {:.2}, {}, {}, {}",
            g.name,
            g.kpis.score,
            counted(g.kpis.followers, "follower", "followers"),
            counted(
                g.kpis.strong_relationships,
                "strong relationship",
                "strong relationships"
            ),
            counted(g.kpis.customers, "customer", "customers")
        );
        println!("  {line}");
    }
}

/// `explain` writes lines of at most this many characters.
pub const WIDTH: usize = 100;
