//! `rapport sweep`: a global sensitivity analysis of the claims. Every
//! behavioural number of `sim::RANGES` is drawn at once from its plausible
//! range (a Latin hypercube, see `report::sensitivity`), or with `--vary
//! scenario` the scenario itself around each scenario (its audience,
//! budgets, start, graph, platforms and events, see `vary`), or both; every
//! chosen scenario is played under each draw by the claim checker, and for
//! each claim and scenario the sweep reports the verdict at the defaults,
//! the share of draws in which the claim holds, and the numbers it depends
//! on most. This is how `docs/CLAIMS.md` says a claim counts as shown: it
//! holds in at least 80% of the draws in every scenario where it applies.
//!
//! `--claim` checks only some claims (only their arms are played);
//! `--shard I/N` plays one share of the draws into a part file and `sweep
//! merge` makes the five files from the parts (see `part`).

mod outcome;
mod output;
mod part;
mod vary;

use outcome::{ClaimSummary, Column, Draw, Evaluation, Evaluator, Header, Played, Results, ScenarioInfo};

use super::error::CliError;
use super::setup::{load_scenario, with_threads};
use crate::claims::{CLAIMS, Claim, Trial};
use crate::files::builtin::SCENARIOS;
use crate::files::scenario::{MAX_AGENTS, MIN_AGENTS, check_scenario, resize};
use crate::report::sensitivity::{latin_hypercube, redraw, strongest, value_in};
use crate::sim::{Kpis, RANGES, Scenario, get_param, set_param};
use indicatif::{ProgressBar, ProgressStyle};
use output::{FILES, print_summary, summary_json, write_files};
use part::Shard;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Most draws one sweep may ask for.
pub const MAX_DRAWS: usize = 10_000;
/// Most seeds per draw.
pub const MAX_SEEDS: usize = 1_000;
/// How many parameters are named per claim.
const TOP_PARAMETERS: usize = 3;
/// How many times a draw of the scenario that breaks a file's limits is
/// drawn afresh before the sweep gives up.
const MAX_REDRAWS: u32 = 100;

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<SweepCommand>,
    /// Draws (of what --vary says; draw 0, every scenario as shipped, comes
    /// on top).
    #[arg(long, default_value_t = 32)]
    draws: usize,
    /// Seeds per draw: the scenario's seed, seed + 1, ...
    #[arg(long, default_value_t = 3)]
    seeds: usize,
    /// A built-in scenario id or a scenario file; repeat for several
    /// (default: every built-in scenario).
    #[arg(long)]
    scenario: Vec<String>,
    /// Shrink every scenario to at most this many people (and draw no
    /// audience above it with --vary scenario).
    #[arg(long)]
    agents: Option<u32>,
    /// Check only this claim (C1 .. C22); repeat for several (default:
    /// every claim). Only the games these claims need are played.
    #[arg(long = "claim", value_name = "ID")]
    claims: Vec<String>,
    /// What to draw: the model's numbers (params), the scenario itself
    /// around each scenario (scenario: audience, budgets, start, graph,
    /// platforms, events), or both at once.
    #[arg(long, value_enum, default_value_t = Vary::Params)]
    vary: Vary,
    /// Seed of the Latin hypercube (not of the games).
    #[arg(long, default_value_t = 1)]
    sample_seed: u64,
    /// Play only this share of the draws (I of N, from 1: the draws d with
    /// d % N == I - 1) and write them to part-I-of-N.json in --out; then
    /// `rapport sweep merge` the parts.
    #[arg(long, value_name = "I/N", value_parser = Shard::parse)]
    shard: Option<Shard>,
    /// Threads (default: all cores); results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Folder for runs.csv, draws.csv, claims.csv, summary.md and summary.json
    /// (with --shard: for the part).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

#[derive(clap::Subcommand, Debug)]
enum SweepCommand {
    /// Make the five files of a sweep run in shards from its parts,
    /// byte for byte those of the same sweep run whole.
    Merge(MergeArgs),
}

#[derive(clap::Args, Debug)]
struct MergeArgs {
    /// Every part of the sweep (part-I-of-N.json), each once, in any order.
    #[arg(required = true, value_name = "PART")]
    parts: Vec<PathBuf>,
    /// Folder for runs.csv, draws.csv, claims.csv, summary.md and summary.json.
    #[arg(long)]
    out: PathBuf,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
}

/// What a sweep draws.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Vary {
    /// The model's numbers (`sim::RANGES`).
    Params,
    /// The scenario itself, around each scenario.
    Scenario,
    /// Both at once.
    Both,
}

impl Vary {
    fn id(self) -> &'static str {
        match self {
            Vary::Params => "params",
            Vary::Scenario => "scenario",
            Vary::Both => "both",
        }
    }

    /// How many of a draw's numbers are the model's, and how many the
    /// scenario's (those come after).
    fn split(self) -> (usize, usize) {
        match self {
            Vary::Params => (RANGES.len(), 0),
            Vary::Scenario => (0, vary::DIMENSIONS.len()),
            Vary::Both => (RANGES.len(), vary::DIMENSIONS.len()),
        }
    }
}

/// The claim checker the sweep asks: `rapport::claims`, the one definition
/// of every claim that the tests and the debrief use too.
struct Claims {
    /// The claims asked for, in the table's order (empty: every claim).
    chosen: Vec<&'static Claim>,
}

impl Evaluator for Claims {
    fn evaluate(&self, scenario: Arc<Scenario>, seeds: &[u64]) -> Evaluation {
        if self.chosen.is_empty() {
            return crate::claims::evaluate(scenario, seeds);
        }
        // One trial, so that claims that need the same arm share its games.
        let mut trial = Trial::new(scenario, seeds);
        let findings = self
            .chosen
            .iter()
            .map(|claim| crate::claims::check(claim, &mut trial))
            .collect();
        Evaluation {
            runs: trial.records(),
            findings,
        }
    }
}

/// The claims `--claim` names, in the order of the claim table, each once
/// (an id is read without regard to case: `c3` is C3).
fn chosen_claims(ids: &[String]) -> Result<Vec<&'static Claim>, CliError> {
    for id in ids {
        if !CLAIMS.iter().any(|c| c.id.eq_ignore_ascii_case(id.trim())) {
            let known: Vec<&str> = CLAIMS.iter().map(|c| c.id).collect();
            return Err(CliError(format!(
                "--claim {id}: no such claim; the claims are {}",
                known.join(", ")
            )));
        }
    }
    Ok(CLAIMS
        .iter()
        .filter(|c| ids.iter().any(|id| c.id.eq_ignore_ascii_case(id.trim())))
        .collect())
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if let Some(SweepCommand::Merge(merge)) = args.command {
        let results = part::merge(&merge.parts)?;
        return finish(&results, Some(&merge.out), merge.json);
    }
    check_args(&args)?;
    let chosen = chosen_claims(&args.claims)?;
    let scenarios = load_scenarios(&args)?;
    let checker = Claims { chosen };
    let header = Header {
        command: command_line(&args, &checker.chosen),
        vary: args.vary.id().to_string(),
        draws: args.draws,
        seeds: args.seeds,
        sample_seed: args.sample_seed,
        agents: args.agents,
        claims: checker.chosen.iter().map(|c| c.id.to_string()).collect(),
    };
    let draws = sample(args.vary, args.draws, args.sample_seed, &scenarios, args.agents)?;
    let mine: Vec<usize> = (0..draws.len())
        .filter(|&d| args.shard.is_none_or(|shard| shard.holds(d)))
        .collect();
    let progress = progress_bar(mine.len() * scenarios.len(), args.quiet);
    let games = Games {
        vary: args.vary,
        seeds: args.seeds,
        cap: args.agents,
    };
    let results = with_threads(args.threads, || {
        play(&checker, header, &scenarios, &draws, &mine, &games, &progress)
    })??;
    progress.finish_and_clear();
    match (args.shard, &args.out) {
        (Some(shard), Some(out)) => {
            let path = part::write(out, shard, &results)?;
            let held: Vec<String> = mine.iter().map(usize::to_string).collect();
            println!(
                "{}\n\nwrote {} ({shard}: draws {} of 0 to {}); when every shard is done: \
                 rapport sweep merge PARTS --out DIR",
                results.header.command,
                path.display(),
                held.join(", "),
                args.draws
            );
            Ok(ExitCode::SUCCESS)
        }
        _ => finish(&results, args.out.as_deref(), args.json),
    }
}

/// Summarises a whole sweep, writes its five files and prints it.
fn finish(results: &Results, out: Option<&Path>, json: bool) -> Result<ExitCode, CliError> {
    let summaries = summarise(results);
    if let Some(out) = out {
        write_files(out, results, &summaries)?;
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&summary_json(results, &summaries))?
        );
    } else {
        print_summary(&results.header.command, &summaries);
        if let Some(out) = out {
            println!(
                "\nwrote {} and {} in {}",
                FILES[..FILES.len() - 1].join(", "),
                FILES[FILES.len() - 1],
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
    if let Some(shard) = args.shard {
        if args.out.is_none() {
            return Err(CliError(format!(
                "--shard needs --out, the folder for its part ({})",
                shard.file_name()
            )));
        }
        if args.json {
            return Err(CliError(
                "--shard writes a part, not a summary: leave out --json and merge the parts".into(),
            ));
        }
        if shard.count > args.draws + 1 {
            return Err(CliError(format!(
                "--shard {}/{}: more shards than the {} draws (draw 0 included) to share",
                shard.index,
                shard.count,
                args.draws + 1
            )));
        }
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

/// The columns of `draws.csv`: the model's numbers, then the scenario's.
fn columns(vary: Vary) -> Vec<Column> {
    let (params, dimensions) = vary.split();
    let params = RANGES[..params].iter().map(|range| Column {
        name: range.name.to_string(),
        ranked: true,
    });
    let dimensions = vary::DIMENSIONS[..dimensions].iter().map(|d| Column {
        name: d.name.to_string(),
        ranked: d.ranked,
    });
    params.chain(dimensions).collect()
}

/// A scenario as the sweep plays it at draw 0, and which drawn numbers act
/// in it.
fn scenario_info(scenario: &Scenario, vary: Vary) -> ScenarioInfo {
    let (params, dimensions) = vary.split();
    let acts = RANGES[..params]
        .iter()
        .map(|range| get_param(scenario, range.name).is_some())
        .chain(
            vary::DIMENSIONS[..dimensions]
                .iter()
                .map(|d| vary::acts(d, scenario)),
        )
        .collect();
    ScenarioInfo {
        id: scenario.id.clone(),
        agents: scenario.agents,
        first_seed: scenario.seed,
        acts,
    }
}

/// Draw 0 (`None`: every scenario as shipped), then `draws` Latin-hypercube
/// points: a value per range of `RANGES` and/or per scenario dimension.
///
/// The hypercube always has a column per range and per dimension (each
/// column is keyed by its place alone), so a `both` sweep draws the same
/// model numbers as a `params` sweep of the same seed, and the same
/// scenarios as a `scenario` sweep. A draw that gives any scenario a number
/// out of a file's limits is drawn afresh ([`redraw`]), whole.
fn sample(
    vary: Vary,
    draws: usize,
    sample_seed: u64,
    scenarios: &[Arc<Scenario>],
    cap: Option<u32>,
) -> Result<Vec<Option<Vec<f64>>>, CliError> {
    let (params, dimensions) = vary.split();
    let points = latin_hypercube(RANGES.len() + vary::DIMENSIONS.len(), draws, sample_seed);
    let values = |units: &[f64]| -> Vec<f64> {
        let (model, scenario) = units.split_at(params);
        let mut values: Vec<f64> = model
            .iter()
            .zip(RANGES)
            .map(|(&u, range)| value_in(range, u))
            .collect();
        values.extend(vary::values(scenario));
        values
    };
    let mut sampled = vec![None];
    for (index, point) in points.iter().enumerate() {
        let draw = index + 1;
        let mut units: Vec<f64> = point[..params]
            .iter()
            .chain(&point[RANGES.len()..RANGES.len() + dimensions])
            .copied()
            .collect();
        // The model's numbers alone are trusted to their ranges (as they
        // always were); a drawn scenario is held to a file's limits.
        let mut attempt = 0;
        while dimensions > 0
            && let Some(reason) = first_broken(scenarios, vary, &values(&units), cap)
        {
            attempt += 1;
            if attempt > MAX_REDRAWS {
                return Err(CliError(format!(
                    "draw {draw}: no scenario drawn in {MAX_REDRAWS} tries passes a file's checks; the last: {reason}"
                )));
            }
            units = redraw(units.len(), draw, attempt, sample_seed);
        }
        sampled.push(Some(values(&units)));
    }
    Ok(sampled)
}

/// Why the first scenario that a draw's values break fails a file's checks.
fn first_broken(scenarios: &[Arc<Scenario>], vary: Vary, values: &[f64], cap: Option<u32>) -> Option<String> {
    scenarios.iter().find_map(|scenario| {
        let drawn = play_under(scenario, vary, values, cap).map_err(|e| e.0);
        drawn
            .and_then(|drawn| check_scenario(&scenario.id, &drawn).map_err(|e| e.to_string()))
            .err()
    })
}

/// A scenario under one draw's values: the scenario's own dimensions first
/// (a platform may change archetype), then the model's numbers (which set
/// every platform of an archetype, the new one included).
fn play_under(
    scenario: &Scenario,
    vary: Vary,
    values: &[f64],
    cap: Option<u32>,
) -> Result<Scenario, CliError> {
    let (params, _) = vary.split();
    let (model, dimensions) = values.split_at(params);
    let mut drawn = if dimensions.is_empty() {
        scenario.clone()
    } else {
        vary::apply(scenario, dimensions, cap)
    };
    for (range, &value) in RANGES.iter().zip(model) {
        set_param(&mut drawn, range.name, value)?;
    }
    Ok(drawn)
}

/// How the games of a draw are played.
struct Games {
    vary: Vary,
    /// Seeds per draw.
    seeds: usize,
    /// `--agents`.
    cap: Option<u32>,
}

/// Every (draw, scenario) pair of the draws `mine` through the checker, in
/// parallel, gathered with everything the five files are made from; draws
/// in draw order, scenarios in their order, whatever the threads did.
fn play(
    checker: &impl Evaluator,
    header: Header,
    scenarios: &[Arc<Scenario>],
    draws: &[Option<Vec<f64>>],
    mine: &[usize],
    games: &Games,
    progress: &ProgressBar,
) -> Result<Results, CliError> {
    let jobs: Vec<(usize, usize)> = mine
        .iter()
        .flat_map(|&d| (0..scenarios.len()).map(move |s| (d, s)))
        .collect();
    let mut played = jobs
        .par_iter()
        .map(|&(d, s)| {
            let scenario = match &draws[d] {
                None => Arc::clone(&scenarios[s]),
                Some(values) => Arc::new(play_under(&scenarios[s], games.vary, values, games.cap)?),
            };
            let seed_list: Vec<u64> = (0..games.seeds as u64)
                .map(|i| scenario.seed.wrapping_add(i))
                .collect();
            let outcome = checker.evaluate(scenario, &seed_list);
            progress.inc(1);
            Ok(Played::from(outcome))
        })
        .collect::<Result<Vec<Played>, CliError>>()?
        .into_iter();
    Ok(Results {
        header,
        scenarios: scenarios
            .iter()
            .map(|scenario| scenario_info(scenario, games.vary))
            .collect(),
        columns: columns(games.vary),
        kpis: Kpis::default()
            .numeric()
            .iter()
            .map(|(name, _)| name.to_string())
            .collect(),
        draws: mine
            .iter()
            .map(|&d| Draw {
                draw: d,
                values: draws[d].clone(),
                played: played.by_ref().take(scenarios.len()).collect(),
            })
            .collect(),
    })
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
fn summarise<'a>(results: &'a Results) -> Vec<ClaimSummary> {
    let mut claims: Vec<(&str, &str)> = Vec::new();
    let every_played = results.draws.iter().flat_map(|draw| &draw.played);
    for finding in every_played.flat_map(|played| &played.findings) {
        if !claims.iter().any(|(id, _)| *id == finding.id) {
            claims.push((&finding.id, &finding.title));
        }
    }
    let mut summaries = Vec::new();
    for &(id, title) in &claims {
        for (s, scenario) in results.scenarios.iter().enumerate() {
            let outcome_in = |draw: &'a Draw| {
                draw.played[s]
                    .findings
                    .iter()
                    .find(|f| f.id == id)
                    .map(|f| &f.outcome)
            };
            // Values and effects of the draws where the claim applies.
            let mut applying: Vec<(&[f64], f64, bool)> = Vec::new();
            for draw in &results.draws {
                if let (Some(values), Some(Ok(result))) = (&draw.values, outcome_in(draw)) {
                    applying.push((values, result.effect, result.holds));
                }
            }
            // A checker that could not measure an effect (NaN) still said
            // whether the claim holds; only the correlation leaves it out.
            let measured: Vec<&(&[f64], f64, bool)> = applying.iter().filter(|a| a.1.is_finite()).collect();
            let effects: Vec<f64> = measured.iter().map(|a| a.1).collect();
            let columns: Vec<Option<Vec<f64>>> = results
                .columns
                .iter()
                .enumerate()
                .map(|(c, column)| {
                    (column.ranked && scenario.acts[c]).then(|| measured.iter().map(|a| a.0[c]).collect())
                })
                .collect();
            let at_defaults = results
                .draws
                .iter()
                .find(|draw| draw.values.is_none())
                .and_then(outcome_in)
                .cloned();
            summaries.push(ClaimSummary {
                id: id.to_string(),
                title: title.to_string(),
                scenario: scenario.id.clone(),
                at_defaults,
                applies: applying.len(),
                holds: applying.iter().filter(|a| a.2).count(),
                depends_on: strongest(&columns, &effects, TOP_PARAMETERS)
                    .into_iter()
                    .map(|(c, rho)| (results.columns[c].name.clone(), rho))
                    .collect(),
            });
        }
    }
    summaries
}

/// The command that reproduces the sweep (without where it wrote, the
/// threads and the shard, which change nothing in its files).
fn command_line(args: &Args, chosen: &[&Claim]) -> String {
    let mut line = format!("rapport sweep --draws {} --seeds {}", args.draws, args.seeds);
    for scenario in &args.scenario {
        let _ = write!(line, " --scenario {scenario}");
    }
    if let Some(agents) = args.agents {
        let _ = write!(line, " --agents {agents}");
    }
    for claim in chosen {
        let _ = write!(line, " --claim {}", claim.id);
    }
    if args.vary != Vary::Params {
        let _ = write!(line, " --vary {}", args.vary.id());
    }
    let _ = write!(line, " --sample-seed {}", args.sample_seed);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{ClaimFinding, Finding, RunRecord};

    /// Judges one made-up claim whose effect is the drawn reply cost minus
    /// one hour, so the sweep must find that parameter, with a + sign; a
    /// second claim's effect is the week's hours less the scenario's own
    /// (what `--vary scenario` draws); a third never applies.
    struct Fake;

    impl Evaluator for Fake {
        fn evaluate(&self, scenario: Arc<Scenario>, seeds: &[u64]) -> Evaluation {
            let hours = get_param(&scenario, "action.reply.hours").unwrap();
            let budget = scenario.hours_per_week - Scenario::for_tests(100).hours_per_week;
            let finding = |id, holds, effect| ClaimFinding {
                id,
                title: "made up",
                outcome: Ok(Finding {
                    holds,
                    effect,
                    summary: format!("{effect}"),
                }),
            };
            Evaluation {
                runs: seeds
                    .iter()
                    .map(|&seed| RunRecord {
                        arm: "a".into(),
                        seed,
                        kpis: Kpis {
                            revenue: hours / 3.0,
                            ..Kpis::default()
                        },
                    })
                    .collect(),
                findings: vec![
                    finding("X1", hours > 1.0, hours - 1.0),
                    finding("X2", budget > 0.0, budget),
                    ClaimFinding {
                        id: "X3",
                        title: "never",
                        outcome: Err("does not apply"),
                    },
                ],
            }
        }
    }

    /// The model's small test scenario, with the words a file must give
    /// its actions (the sweep holds drawn scenarios to a file's checks).
    fn test_scenario(agents: u32) -> Scenario {
        let mut scenario = Scenario::for_tests(agents);
        for spec in &mut scenario.actions.specs {
            spec.summary = format!("{} something", spec.name);
        }
        scenario
    }

    fn header(vary: Vary, draws: usize) -> Header {
        Header {
            command: format!("a sweep of {draws} draws"),
            vary: vary.id().into(),
            draws,
            seeds: 2,
            sample_seed: 3,
            agents: None,
            claims: Vec::new(),
        }
    }

    fn fake_sweep(vary: Vary, draws: usize, shard: Option<Shard>) -> Results {
        let scenarios = vec![Arc::new(test_scenario(100))];
        let sampled = sample(vary, draws, 3, &scenarios, None).unwrap();
        let mine: Vec<usize> = (0..sampled.len())
            .filter(|&d| shard.is_none_or(|shard| shard.holds(d)))
            .collect();
        let games = Games {
            vary,
            seeds: 2,
            cap: None,
        };
        let progress = ProgressBar::hidden();
        play(
            &Fake,
            header(vary, draws),
            &scenarios,
            &sampled,
            &mine,
            &games,
            &progress,
        )
        .unwrap()
    }

    #[test]
    fn the_sweep_finds_the_parameter_a_claim_depends_on() {
        let results = fake_sweep(Vary::Params, 40, None);
        assert_eq!(results.draws.len(), 41);
        assert!(results.draws.iter().all(|d| d.played[0].runs.len() == 2));
        let summaries = summarise(&results);
        assert_eq!(summaries.len(), 3);
        let x1 = &summaries[0];
        assert_eq!((x1.id.as_str(), x1.applies), ("X1", 40));
        assert_eq!(x1.depends_on[0].0, "action.reply.hours");
        assert!((x1.depends_on[0].1 - 1.0).abs() < 1e-12);
        // The range is 0.5..2.0: two thirds of it is above one hour.
        let share = x1.share().unwrap();
        assert!((share - 2.0 / 3.0).abs() < 0.05, "{share}");
        assert!(x1.below_robust());
        let x3 = &summaries[2];
        assert_eq!((x3.applies, x3.share()), (0, None));
        assert!(!x3.below_robust());
    }

    #[test]
    fn a_scenario_sweep_finds_the_dimension_a_claim_depends_on() {
        let results = fake_sweep(Vary::Scenario, 30, None);
        let names: Vec<&str> = results.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vary::DIMENSIONS.map(|d| d.name));
        let summaries = summarise(&results);
        let x2 = &summaries[1];
        assert_eq!(x2.depends_on[0].0, "scenario.hours_per_week");
        assert!((x2.depends_on[0].1 - 1.0).abs() < 1e-12);
        // The model's numbers are as shipped: the reply cost never moves.
        assert!(summaries[0].depends_on.is_empty());
        // Units that pick (a platform, events' fates) are not correlated.
        for s in &summaries {
            assert!(
                s.depends_on
                    .iter()
                    .all(|(name, _)| name != "scenario.archetype_swap" && name != "scenario.events")
            );
        }
    }

    #[test]
    fn draw_zero_is_the_scenario_as_shipped_and_the_rest_lie_in_their_ranges() {
        let scenarios = vec![Arc::new(test_scenario(100))];
        let draws = sample(Vary::Params, 10, 1, &scenarios, None).unwrap();
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
        assert_eq!(sample(Vary::Params, 10, 1, &scenarios, None).unwrap(), draws);
    }

    #[test]
    fn both_draws_the_models_numbers_of_params_and_the_scenarios_of_scenario() {
        let scenarios = vec![Arc::new(test_scenario(1_000))];
        let params = sample(Vary::Params, 12, 5, &scenarios, None).unwrap();
        let scenario = sample(Vary::Scenario, 12, 5, &scenarios, None).unwrap();
        let both = sample(Vary::Both, 12, 5, &scenarios, None).unwrap();
        for d in 1..=12 {
            let (p, s, b) = (
                params[d].as_ref().unwrap(),
                scenario[d].as_ref().unwrap(),
                both[d].as_ref().unwrap(),
            );
            assert_eq!(b.len(), RANGES.len() + vary::DIMENSIONS.len());
            assert_eq!(&b[..RANGES.len()], &p[..]);
            assert_eq!(&b[RANGES.len()..], &s[..]);
            // Every scenario drawn passes a file's checks.
            for vary in [Vary::Scenario, Vary::Both] {
                let values = if vary == Vary::Both { b } else { s };
                let drawn = play_under(&scenarios[0], vary, values, Some(1_500)).unwrap();
                check_scenario("drawn", &drawn).unwrap();
                assert!(drawn.agents <= 1_500);
            }
        }
    }

    #[test]
    fn a_draw_out_of_a_files_limits_is_drawn_again_the_same_way() {
        // Two hours a week: any draw below ×0.5 would leave under one hour.
        let mut tight = test_scenario(1_000);
        tight.hours_per_week = 1.2;
        let scenarios = vec![Arc::new(tight)];
        let draws = sample(Vary::Scenario, 20, 2, &scenarios, None).unwrap();
        let hours = vary::DIMENSIONS
            .iter()
            .position(|d| d.name == "scenario.hours_per_week")
            .unwrap();
        for values in draws[1..].iter().flatten() {
            assert!(1.2 * values[hours] >= 1.0, "{}", values[hours]);
        }
        assert_eq!(sample(Vary::Scenario, 20, 2, &scenarios, None).unwrap(), draws);
        // A scenario no draw can save is refused with the loader's words.
        let mut hopeless = test_scenario(1_000);
        hopeless.hours_per_week = 0.5;
        let error = sample(Vary::Scenario, 3, 2, &[Arc::new(hopeless)], None).unwrap_err();
        assert!(error.0.contains("hours_per_week"), "{}", error.0);
    }

    #[test]
    fn no_built_in_scenario_needs_a_draw_redrawn() {
        let scenarios: Vec<Arc<Scenario>> = SCENARIOS
            .iter()
            .map(|(id, _)| Arc::new(load_scenario(id, None).unwrap()))
            .collect();
        let draws = 64;
        let cube = latin_hypercube(RANGES.len() + vary::DIMENSIONS.len(), draws, 1);
        let params = sample(Vary::Params, draws, 1, &scenarios, None).unwrap();
        let both = sample(Vary::Both, draws, 1, &scenarios, None).unwrap();
        for d in 1..=draws {
            let values = both[d].as_ref().unwrap();
            assert_eq!(
                &values[..RANGES.len()],
                &params[d].as_ref().unwrap()[..],
                "draw {d}"
            );
            assert_eq!(
                values[RANGES.len()..],
                vary::values(&cube[d - 1][RANGES.len()..]),
                "draw {d}"
            );
        }
    }

    #[test]
    fn shards_merged_are_the_whole_sweep() {
        let whole = fake_sweep(Vary::Both, 7, None);
        let dir = std::env::temp_dir().join(format!("rapport-sweep-parts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut paths = Vec::new();
        for index in [3, 1, 2] {
            let shard = Shard { index, count: 3 };
            paths.push(part::write(&dir, shard, &fake_sweep(Vary::Both, 7, Some(shard))).unwrap());
        }
        let merged = part::merge(&paths).unwrap();
        assert_eq!(merged, whole);
        let bits = |r: &Results| -> Vec<u64> {
            r.draws
                .iter()
                .flat_map(|d| d.values.iter().flatten().map(|v| v.to_bits()))
                .collect()
        };
        assert_eq!(bits(&merged), bits(&whole));
        // A missing part, a part given twice, a part of another sweep.
        let error = part::merge(&paths[..2]).unwrap_err().0;
        assert!(error.contains("shard 2 of 3 is missing"), "{error}");
        let twice = [paths[0].clone(), paths[1].clone(), paths[1].clone()];
        let error = part::merge(&twice).unwrap_err().0;
        assert!(error.contains("are both shard 1 of 3"), "{error}");
        let other = Shard { index: 2, count: 3 };
        let mut stranger = fake_sweep(Vary::Both, 7, Some(other));
        stranger.header.command = "another sweep".into();
        let stranger_dir = dir.join("other");
        std::fs::create_dir_all(&stranger_dir).unwrap();
        let stranger = part::write(&stranger_dir, other, &stranger).unwrap();
        let error = part::merge(&[paths[0].clone(), paths[1].clone(), stranger])
            .unwrap_err()
            .0;
        assert!(error.contains("another sweep"), "{error}");
        // A part edited by hand so that a run lost a KPI.
        let mut damaged = fake_sweep(Vary::Both, 7, Some(other));
        damaged.draws[0].played[0].runs[0].kpis.pop();
        let damaged = part::write(&dir.join("damaged"), other, &damaged).unwrap();
        let error = part::merge(&[paths[0].clone(), paths[1].clone(), damaged])
            .unwrap_err()
            .0;
        assert!(error.contains("a damaged part"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn claims_are_chosen_by_id_in_the_tables_order() {
        let ids = |names: &[&str]| -> Vec<&str> {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            chosen_claims(&names).unwrap().iter().map(|c| c.id).collect()
        };
        let (first, second) = (CLAIMS[0].id, CLAIMS[1].id);
        assert_eq!(ids(&[second, first, second]), [first, second]);
        assert_eq!(ids(&[&first.to_lowercase()]), [first]);
        assert!(ids(&[]).is_empty());
        let Err(CliError(error)) = chosen_claims(&["C999".to_string()]) else {
            panic!("an unknown claim is refused")
        };
        assert!(error.contains("C999") && error.contains(first), "{error}");
    }
}
