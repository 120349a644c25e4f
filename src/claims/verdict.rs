//! Verdicts on one run: the claims the run shows, judged on its own numbers
//! and against the built-in strategies on the same seed (its ghosts), and
//! the one or two changes to its plans that, played, would have helped it
//! most.
//!
//! A verdict cites a claim only when the run shows it, with the claim
//! checker's own per-run measures ([`RunSummary`]) and thresholds, and
//! every comparison needs a margin: a lead of a few people or a hair of
//! score is no evidence. Claims are named in words (their title).
//!
//! Every verdict and every piece of advice that rests on a claim is told
//! only where the claim checker says the claim applies (the scenario and
//! its length, [`applies`]), and a difference in counts must also pass an
//! exact test at 5% ([`evidence`]): a margin is what is worth telling, the
//! test is whether there were enough people to tell it.

mod advice;
pub mod evidence;
mod market;
mod run;
pub use run::UNANSWERED_SHARE;
mod tried;
mod week;

use super::ghosts::Ghost;
use super::trial::RunSummary;
use crate::report::weekly::WeekRow;
use crate::sim::{Scenario, Simulation};
use crate::text::capitalize;

pub use advice::{MAX_ADVICE, Proposal, contacts_per_bond, propose};
pub use tried::{ADVICE_SEEDS, Advice, MIN_GAIN, Trial, advice_seeds, try_out};

/// A claim the run showed, in words, with the run's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub claim: &'static str,
    pub title: &'static str,
    pub sentence: String,
}

/// A whole run illustrates "presence without a network" when more than this
/// share of its hours went to broadcasting.
pub const BROADCAST_HEAVY_RUN: f64 = 0.6;

/// A week illustrates it when more than this share of its hours did: a
/// week that is mostly talk cannot illustrate it even if it added no bond.
pub const BROADCAST_HEAVY_WEEK: f64 = 0.7;

/// "Both together" needs more than this share of the hours broadcasting...
pub const BOTH_BROADCAST_SHARE: f64 = 0.15;

/// ...and more than this share in conversation.
pub const BOTH_CONVERSATION_SHARE: f64 = 0.3;

/// A score beats another only by at least this much (of 1).
pub const SCORE_MARGIN: f64 = 0.05;

/// A count (bonds, leads) beats another only by at least this share of it...
pub const RELATIVE_MARGIN: f64 = 0.2;

/// ...and by at least this many.
pub const COUNT_MARGIN: f64 = 2.0;

/// Mean sentiments differ only by at least this much.
pub const SENTIMENT_MARGIN: f64 = 0.05;

/// Conversion rates differ only by at least this much.
pub const CONVERSION_MARGIN: f64 = 0.1;

/// A group of people is compared only when it has at least this many.
pub const MIN_GROUP: u64 = 3;

/// `a` beats `b` with the margin of counts: by a share of `b` and by a few.
pub fn beats(a: f64, b: f64) -> bool {
    a >= b * (1.0 + RELATIVE_MARGIN) && a - b >= COUNT_MARGIN
}

/// `a` beats `b` with the margin of counts and beyond chance (both counts
/// over the same time): what a verdict needs.
pub fn shows_more(a: f64, b: f64) -> bool {
    beats(a, b) && evidence::count_above(a, b)
}

/// Whether claim `id` applies to the scenario as it is played (its length,
/// its money, its rivals): the claim checker's own `applies`.
pub fn applies(id: &str, scenario: &Scenario) -> bool {
    super::claim(id).is_some_and(|claim| (claim.applies)(scenario).is_ok())
}

/// Only the verdicts whose claim applies to the scenario.
fn where_they_apply(mut verdicts: Vec<Verdict>, scenario: &Scenario) -> Vec<Verdict> {
    verdicts.retain(|v| applies(v.claim, scenario));
    verdicts
}

/// The claims a whole run showed.
pub fn judge(run: &Simulation, ghosts: &[Ghost]) -> Vec<Verdict> {
    judge_summary(&RunSummary::of(run), run.scenario(), ghosts)
}

/// The claims a run of `scenario`, as summed up, showed (what [`judge`] says).
pub fn judge_summary(run: &RunSummary, scenario: &Scenario, ghosts: &[Ghost]) -> Vec<Verdict> {
    let mut verdicts = run::judge(run, ghosts);
    verdicts.extend(market::judge(run, ghosts));
    where_they_apply(verdicts, scenario)
}

/// The claims one finished week (1-based) showed. Without ghosts, only
/// what the week's own numbers show.
pub fn judge_week(run: &Simulation, week: usize, ghosts: &[Ghost]) -> Vec<Verdict> {
    where_they_apply(week::judge(run, week, ghosts), run.scenario())
}

/// The claims one week of `scenario` showed on its own numbers (no ghosts,
/// no people): the week report's lines before the ghosts are ready.
pub fn judge_week_row(row: &WeekRow, bonds_before: u64, scenario: &Scenario) -> Vec<Verdict> {
    let facts = week::WeekFacts {
        row: row.clone(),
        bonds_before,
    };
    where_they_apply(week::judge_facts(&facts, &[], None), scenario)
}

/// The claims a week showed, on the week's own numbers only (no ghosts
/// yet), in sentences: [`judge_week`] with the ghosts says more.
pub fn claims_of_week(row: &WeekRow, previous: Option<&WeekRow>, scenario: &Scenario) -> Vec<String> {
    // Before the first week's row, every strong bond counts as new.
    let bonds_before = previous.map_or(0, |p| p.strong_relationships);
    judge_week_row(row, bonds_before, scenario)
        .into_iter()
        .map(|v| v.sentence)
        .collect()
}

/// The claims a whole run showed on its own numbers only (no ghosts yet),
/// in sentences: [`judge`] with the ghosts says more.
pub fn claims_illustrated(simulation: &Simulation) -> Vec<String> {
    judge(simulation, &[]).into_iter().map(|v| v.sentence).collect()
}

/// At most [`MAX_ADVICE`] changes to the run's own plans that, played,
/// would have helped it most: each proposed by a rule, played on the run's
/// seed and on [`ADVICE_SEEDS`] in all, and kept only when it raised the
/// score on the run's seed and on average. Plays many games: call it off
/// the window's frame.
pub fn advise(run: &Simulation, ghosts: &[Ghost]) -> Vec<Advice> {
    advise_reporting(run, ghosts, &|_, _| {})
}

/// [`advise`], telling `progress(done, of)` as the weeks are played.
pub fn advise_reporting(
    run: &Simulation,
    ghosts: &[Ghost],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Advice> {
    try_out(run, propose(run, ghosts), progress)
}

/// A verdict on a claim, by id; its title comes from the claim checker.
fn verdict(id: &'static str, text: String) -> Verdict {
    let title = super::claim(id).map_or("", |c| c.title);
    Verdict {
        claim: id,
        title,
        sentence: format!("{}: {text}", capitalize(title)),
    }
}

/// The sentiments of the commenters always answered, for C2's test.
fn answered(p: &super::trial::People) -> evidence::Sample {
    evidence::Sample {
        n: p.answered_commenters,
        sum: p.answered_sentiment,
        squares: p.answered_sentiment_squares,
    }
}

/// The sentiments of the commenters kept waiting at least once.
fn ignored(p: &super::trial::People) -> evidence::Sample {
    evidence::Sample {
        n: p.ignored_commenters,
        sum: p.ignored_sentiment,
        squares: p.ignored_sentiment_squares,
    }
}

/// A number of strong relationships in words: "1 strong relationship".
fn bonds(n: f64) -> String {
    let n = n.round().max(0.0) as u64;
    crate::text::counted(n, "strong relationship", "strong relationships")
}

#[cfg(test)]
mod tests;
