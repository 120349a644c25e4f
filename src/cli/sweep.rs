//! `rapport sweep`: a global sensitivity analysis of the claims. Every
//! behavioural number of `sim::RANGES` is drawn at once from its plausible
//! range (a Latin hypercube, see `report::sensitivity`), every chosen
//! scenario is played under each draw by the claim checker, and for each
//! claim and scenario the sweep reports the verdict at the defaults, the
//! share of draws in which the claim holds, and the numbers it depends on
//! most. This is how `docs/CLAIMS.md` says a claim counts as shown: it holds
//! in at least 80% of the draws in every scenario where it applies.

mod outcome;
mod output;

use outcome::{ClaimSummary, Evaluation, Evaluator};

use super::error::CliError;
use super::setup::{load_scenario, with_threads};
use crate::files::builtin::SCENARIOS;
use crate::files::scenario::{MAX_AGENTS, MIN_AGENTS, resize};
use crate::report::sensitivity::{latin_hypercube, strongest, value_in};
use crate::sim::{RANGES, Scenario, get_param, set_param};
use indicatif::{ProgressBar, ProgressStyle};
use output::{Header, claims_csv, draws_csv, print_summary, runs_csv, summary_json, summary_md, write_file};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Most draws one sweep may ask for.
pub const MAX_DRAWS: usize = 10_000;
/// Most seeds per draw.
pub const MAX_SEEDS: usize = 1_000;
/// How many parameters are named per claim.
const TOP_PARAMETERS: usize = 3;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Draws of the parameter space (draw 0, the defaults, comes on top).
    #[arg(long, default_value_t = 32)]
    draws: usize,
    /// Seeds per draw: the scenario's seed, seed + 1, ...
    #[arg(long, default_value_t = 3)]
    seeds: usize,
    /// A built-in scenario id or a scenario file; repeat for several
    /// (default: every built-in scenario).
    #[arg(long)]
    scenario: Vec<String>,
    /// Shrink every scenario to at most this many people.
    #[arg(long)]
    agents: Option<u32>,
    /// Seed of the Latin hypercube (not of the games).
    #[arg(long, default_value_t = 1)]
    sample_seed: u64,
    /// Threads (default: all cores); results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Folder for runs.csv, draws.csv, claims.csv, summary.md and summary.json.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

/// The claim checker the sweep asks: `rapport::claims`, the one definition
/// of every claim that the tests and the debrief use too.
struct Claims;

impl Evaluator for Claims {
    fn evaluate(&self, scenario: Arc<Scenario>, seeds: &[u64]) -> Evaluation {
        crate::claims::evaluate(scenario, seeds)
    }
}

fn claim_checker() -> Result<impl Evaluator, CliError> {
    Ok(Claims)
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    check_args(&args)?;
    let scenarios = load_scenarios(&args)?;
    let checker = claim_checker()?;
    let draws = sample(args.draws, args.sample_seed);
    let progress = progress_bar(draws.len() * scenarios.len(), args.quiet);
    let results = with_threads(args.threads, || {
        sweep(&checker, &scenarios, &draws, args.seeds, &progress)
    })??;
    progress.finish_and_clear();
    let summaries = summarise(&scenarios, &draws, &results);
    let header = Header {
        command: command_line(&args),
        draws: args.draws,
        seeds: args.seeds,
        sample_seed: args.sample_seed,
        agents: args.agents,
    };
    let document = summary_json(&header, &scenarios, &summaries);
    if let Some(out) = &args.out {
        let files = [
            ("runs.csv", runs_csv(&scenarios, &results)?),
            ("draws.csv", draws_csv(&draws)?),
            ("claims.csv", claims_csv(&scenarios, &results)?),
            (
                "summary.md",
                summary_md(&header, &scenarios, &summaries).into_bytes(),
            ),
            (
                "summary.json",
                format!("{}\n", serde_json::to_string_pretty(&document)?).into_bytes(),
            ),
        ];
        for (name, bytes) in files {
            write_file(&out.join(name), &bytes)?;
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        print_summary(&header.command, &summaries);
        if let Some(out) = &args.out {
            println!(
                "\nwrote runs.csv, draws.csv, claims.csv, summary.md and summary.json in {}",
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check_args(args: &Args) -> Result<(), CliError> {
    if !(1..=MAX_DRAWS).contains(&args.draws) {
        return Err(CliError(format!(
            "--draws {} is out of range; expected 1 to {MAX_DRAWS}",
            args.draws
        )));
    }
    if !(1..=MAX_SEEDS).contains(&args.seeds) {
        return Err(CliError(format!(
            "--seeds {} is out of range; expected 1 to {MAX_SEEDS}",
            args.seeds
        )));
    }
    if let Some(agents) = args.agents
        && !(MIN_AGENTS..=MAX_AGENTS).contains(&agents)
    {
        return Err(CliError(format!(
            "--agents {agents} is out of range; expected {MIN_AGENTS} to {MAX_AGENTS} people"
        )));
    }
    Ok(())
}

/// The chosen scenarios (every built-in one by default), each shrunk to
/// `--agents` when it is larger.
fn load_scenarios(args: &Args) -> Result<Vec<Arc<Scenario>>, CliError> {
    let names: Vec<String> = if args.scenario.is_empty() {
        SCENARIOS.iter().map(|(id, _)| id.to_string()).collect()
    } else {
        args.scenario.clone()
    };
    names
        .iter()
        .map(|name| {
            let scenario = load_scenario(name, None)?;
            Ok(Arc::new(match args.agents {
                Some(agents) if scenario.agents > agents => resize(&scenario, agents)?,
                _ => scenario,
            }))
        })
        .collect()
}

/// Draw 0 (`None`: every scenario as shipped), then `draws` Latin-hypercube
/// points, one value per range of `RANGES`.
fn sample(draws: usize, sample_seed: u64) -> Vec<Option<Vec<f64>>> {
    let points = latin_hypercube(RANGES.len(), draws, sample_seed);
    let drawn = points.into_iter().map(|units| {
        Some(
            units
                .iter()
                .zip(RANGES)
                .map(|(&u, range)| value_in(range, u))
                .collect(),
        )
    });
    std::iter::once(None).chain(drawn).collect()
}

/// A scenario with one draw's values set.
fn apply(scenario: &Scenario, values: &[f64]) -> Result<Scenario, CliError> {
    let mut drawn = scenario.clone();
    for (range, &value) in RANGES.iter().zip(values) {
        set_param(&mut drawn, range.name, value)?;
    }
    Ok(drawn)
}

/// Every (draw, scenario) pair through the checker, in parallel; the result
/// is in draw order, then scenario order, whatever the threads did.
fn sweep(
    checker: &impl Evaluator,
    scenarios: &[Arc<Scenario>],
    draws: &[Option<Vec<f64>>],
    seeds: usize,
    progress: &ProgressBar,
) -> Result<Vec<Evaluation>, CliError> {
    let jobs: Vec<(usize, usize)> = (0..draws.len())
        .flat_map(|d| (0..scenarios.len()).map(move |s| (d, s)))
        .collect();
    jobs.par_iter()
        .map(|&(d, s)| {
            let scenario = match &draws[d] {
                None => Arc::clone(&scenarios[s]),
                Some(values) => Arc::new(apply(&scenarios[s], values)?),
            };
            let seed_list: Vec<u64> = (0..seeds as u64).map(|i| scenario.seed.wrapping_add(i)).collect();
            let outcome = checker.evaluate(scenario, &seed_list);
            progress.inc(1);
            Ok(outcome)
        })
        .collect()
}

fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    // indicatif draws on stderr only when it is a terminal.
    let progress = ProgressBar::new(len as u64);
    progress.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} draws × scenarios ({eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress
}

/// Claim by claim (in the order the checker first names them), scenario by
/// scenario.
fn summarise(
    scenarios: &[Arc<Scenario>],
    draws: &[Option<Vec<f64>>],
    results: &[Evaluation],
) -> Vec<ClaimSummary> {
    let mut claims: Vec<(&'static str, &'static str)> = Vec::new();
    for finding in results.iter().flat_map(|r| &r.findings) {
        if !claims.iter().any(|(id, _)| *id == finding.id) {
            claims.push((finding.id, finding.title));
        }
    }
    let mut summaries = Vec::new();
    for &(id, title) in &claims {
        for (s, scenario) in scenarios.iter().enumerate() {
            let outcome_in = |d: usize| {
                results[d * scenarios.len() + s]
                    .findings
                    .iter()
                    .find(|f| f.id == id)
                    .map(|f| &f.outcome)
            };
            // Values and effects of the draws where the claim applies.
            let mut applying: Vec<(usize, f64, bool)> = Vec::new();
            for d in 1..draws.len() {
                if let Some(Ok(result)) = outcome_in(d) {
                    applying.push((d, result.effect, result.holds));
                }
            }
            // A checker that could not measure an effect (NaN) still said
            // whether the claim holds; only the correlation leaves it out.
            let measured: Vec<&(usize, f64, bool)> = applying.iter().filter(|a| a.1.is_finite()).collect();
            let effects: Vec<f64> = measured.iter().map(|a| a.1).collect();
            let columns: Vec<Option<Vec<f64>>> = RANGES
                .iter()
                .enumerate()
                .map(|(p, range)| {
                    get_param(scenario, range.name)?;
                    Some(
                        measured
                            .iter()
                            .map(|a| draws[a.0].as_ref().map_or(0.0, |v| v[p]))
                            .collect(),
                    )
                })
                .collect();
            summaries.push(ClaimSummary {
                id,
                title,
                scenario: scenario.id.clone(),
                at_defaults: outcome_in(0).cloned(),
                applies: applying.len(),
                holds: applying.iter().filter(|a| a.2).count(),
                depends_on: strongest(&columns, &effects, TOP_PARAMETERS)
                    .into_iter()
                    .map(|(p, rho)| (RANGES[p].name, rho))
                    .collect(),
            });
        }
    }
    summaries
}

/// The command that reproduces the sweep (without where it wrote).
fn command_line(args: &Args) -> String {
    let mut line = format!("rapport sweep --draws {} --seeds {}", args.draws, args.seeds);
    for scenario in &args.scenario {
        let _ = write!(line, " --scenario {scenario}");
    }
    if let Some(agents) = args.agents {
        let _ = write!(line, " --agents {agents}");
    }
    let _ = write!(line, " --sample-seed {}", args.sample_seed);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{ClaimFinding, Finding, RunRecord};
    use crate::sim::Kpis;

    /// Judges one made-up claim whose effect is the drawn reply cost minus
    /// one hour, so the sweep must find that parameter, with a + sign; a
    /// second claim never applies.
    struct Fake;

    impl Evaluator for Fake {
        fn evaluate(&self, scenario: Arc<Scenario>, seeds: &[u64]) -> Evaluation {
            let hours = get_param(&scenario, "action.reply.hours").unwrap();
            Evaluation {
                runs: seeds
                    .iter()
                    .map(|&seed| RunRecord {
                        arm: "a".into(),
                        seed,
                        kpis: Kpis::default(),
                    })
                    .collect(),
                findings: vec![
                    ClaimFinding {
                        id: "X1",
                        title: "replies cost more than an hour",
                        outcome: Ok(Finding {
                            holds: hours > 1.0,
                            effect: hours - 1.0,
                            summary: String::new(),
                        }),
                    },
                    ClaimFinding {
                        id: "X2",
                        title: "never",
                        outcome: Err("does not apply"),
                    },
                ],
            }
        }
    }

    #[test]
    fn the_sweep_finds_the_parameter_a_claim_depends_on() {
        let scenarios = vec![Arc::new(Scenario::for_tests(100))];
        let draws = sample(40, 3);
        let results = sweep(&Fake, &scenarios, &draws, 2, &ProgressBar::hidden()).unwrap();
        assert_eq!(results.len(), 41);
        assert!(results.iter().all(|r| r.runs.len() == 2));
        let summaries = summarise(&scenarios, &draws, &results);
        assert_eq!(summaries.len(), 2);
        let x1 = &summaries[0];
        assert_eq!((x1.id, x1.applies), ("X1", 40));
        assert_eq!(x1.depends_on[0].0, "action.reply.hours");
        assert!((x1.depends_on[0].1 - 1.0).abs() < 1e-12);
        // The range is 0.5..2.0: two thirds of it is above one hour.
        let share = x1.share().unwrap();
        assert!((share - 2.0 / 3.0).abs() < 0.05, "{share}");
        assert!(x1.below_robust());
        let x2 = &summaries[1];
        assert_eq!((x2.applies, x2.share()), (0, None));
        assert!(!x2.below_robust());
    }

    #[test]
    fn draw_zero_is_the_scenario_as_shipped_and_the_rest_lie_in_their_ranges() {
        let draws = sample(10, 1);
        assert_eq!(draws.len(), 11);
        assert!(draws[0].is_none());
        for values in draws[1..].iter().flatten() {
            for (range, value) in RANGES.iter().zip(values) {
                assert!(
                    range.low <= *value && *value <= range.high,
                    "{}: {value}",
                    range.name
                );
            }
        }
        assert_eq!(sample(10, 1), draws);
    }
}
