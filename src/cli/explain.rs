//! `rapport explain REPLAY [--json]`: verifies a replay, then tells where
//! each of its results came from (its attribution), what the run showed
//! (the verdicts, against the built-in strategies played on the same seed)
//! and what would have helped it most (the advice).

use super::error::CliError;
use crate::claims::ghosts::{Ghost, builtin_ghosts};
use crate::claims::verdict::{Advice, Verdict, advise, counted, judge};
use crate::files::replay::load_verified;
use crate::report::format::{count, percent};
use crate::report::goals::{GoalLine, GoalState, goal_lines, stars_explanation};
use crate::report::narrative::net_lines;
use crate::sim::{Attribution, Cause, Outcome, stars};
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
}

/// One cause of an outcome: how many changes it tipped, and their share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CauseShare {
    pub cause: Cause,
    pub label: &'static str,
    pub count: u64,
    pub share: f64,
}

/// One outcome and its causes, largest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutcomeCauses {
    pub outcome: Outcome,
    pub label: &'static str,
    pub total: u64,
    pub causes: Vec<CauseShare>,
}

/// Where each result came from: every outcome with at least one change,
/// in the order of [`Outcome::ALL`]; outcomes that never happened are left out.
pub fn where_from(attribution: &Attribution) -> Vec<OutcomeCauses> {
    Outcome::ALL
        .iter()
        .filter(|&&o| attribution.total(o) > 0)
        .map(|&outcome| {
            let total = attribution.total(outcome);
            OutcomeCauses {
                outcome,
                label: outcome.label(),
                total,
                causes: attribution
                    .causes_of(outcome)
                    .into_iter()
                    .map(|(cause, n)| CauseShare {
                        cause,
                        label: cause.label(),
                        count: n,
                        share: n as f64 / total as f64,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One line of [`where_from`] in words.
pub fn where_from_line(o: &OutcomeCauses) -> String {
    let causes: Vec<String> = o
        .causes
        .iter()
        .map(|c| format!("{} {} ({})", c.label, count(c.count), percent(c.share)))
        .collect();
    format!("{} ({}): {}", o.label, count(o.total), causes.join(", "))
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
    let (replay, game) = load_verified(&args.replay_file, "explained").map_err(CliError)?;
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
            "attribution": from,
            "verdicts": verdict_lines(&verdicts),
            "advice": advice.iter().map(|a| a.sentence.as_str()).collect::<Vec<_>>(),
            "ghosts": ghost_lines(&ghosts),
        });
        println!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(ExitCode::SUCCESS);
    }
    let star_count = stars(kpis.score) as usize;
    println!(
        "{} on {} (seed {}): score {:.2} {}{}{}",
        replay.player,
        replay.scenario,
        replay.seed,
        kpis.score,
        "*".repeat(star_count),
        ".".repeat(3 - star_count),
        replay.lineage().map_or_else(String::new, |l| format!(", {l}"))
    );
    print_goals(&goals);
    print_report(&net, &from, &verdicts, &advice, &ghosts);
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

fn print_report(
    net: &[String],
    from: &[OutcomeCauses],
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
        println!("  {}", where_from_line(o));
    }
    println!();
    println!("What your run showed:");
    if verdicts.is_empty() {
        println!("  no claim stood out clearly enough in this run to cite it");
    }
    for v in verdicts {
        println!("  - {}", v.sentence);
    }
    println!();
    println!("What would have helped most:");
    if advice.is_empty() {
        println!("  nothing stood out: this run used what it had");
    }
    for a in advice {
        println!("  - {}", a.sentence);
    }
    println!();
    println!("The built-in strategies on the same seed:");
    for g in ghosts {
        println!(
            "  {:<18} score {:.2}, {}, {}, {}",
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_results_came_from_lists_each_outcome_that_happened_with_its_causes_largest_first() {
        let mut a = Attribution::default();
        for _ in 0..3 {
            a.credit(Outcome::Follower, Cause::FeedPost);
        }
        a.credit(Outcome::Follower, Cause::FriendShare);
        a.credit(Outcome::Unfollow, Cause::Fatigue);
        let from = where_from(&a);
        assert_eq!(from.len(), 2);
        assert_eq!(from[0].outcome, Outcome::Follower);
        assert_eq!(from[0].total, 4);
        assert_eq!(from[0].causes[0].cause, Cause::FeedPost);
        assert_eq!(from[0].causes[0].share, 0.75);
        assert_eq!(
            where_from_line(&from[0]),
            "new followers (4): a post in their feed 3 (75.0%), a friend's share 1 (25.0%)"
        );
        assert_eq!(where_from_line(&from[1]), "unfollows (1): fatigue 1 (100.0%)");
        assert!(where_from(&Attribution::default()).is_empty());
        // The JSON names outcomes and causes by their file keys.
        let json = serde_json::to_value(&from).unwrap();
        assert_eq!(json[0]["outcome"], "follower");
        assert_eq!(json[0]["causes"][1]["cause"], "friend_share");
    }
}
