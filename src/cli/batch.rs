//! `rapport batch`: every strategy over many seeds, in parallel, with
//! per-run weekly CSVs and a summary with 95% intervals.

use super::error::CliError;
use super::setup::{load_scenario, with_threads};
use crate::files::atomic::write_atomic;
use crate::files::builtin::find_strategy;
use crate::report::charts::{ChartFileError, Series, line_chart};
use crate::report::stats::{Interval, interval};
use crate::report::weekly::{WeekRow, weekly_csv, weekly_rows};
use crate::sim::{Kpis, Strategy, play};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Most runs one batch may ask for.
pub const MAX_RUNS: usize = 100_000;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A built-in scenario id or a scenario file.
    #[arg(long)]
    scenario: String,
    /// A strategy id or file; repeat for several.
    #[arg(long, required = true)]
    strategy: Vec<String>,
    /// Seeds per strategy: the scenario's seed, seed + 1, ...
    #[arg(long, default_value_t = 30)]
    seeds: usize,
    /// Resize the audience to this many people.
    #[arg(long)]
    agents: Option<u32>,
    /// Threads (default: all cores); results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Folder for the CSV files (default: batch-<scenario id>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let scenario = Arc::new(load_scenario(&args.scenario, args.agents)?);
    if args.seeds == 0 {
        return Err(CliError("--seeds must be at least 1".into()));
    }
    let strategies: Vec<Strategy> = args
        .strategy
        .iter()
        .map(|name| find_strategy(name))
        .collect::<Result<_, _>>()?;
    let runs = strategies.len().saturating_mul(args.seeds);
    if runs > MAX_RUNS {
        return Err(CliError(format!(
            "{runs} runs is more than the limit of {MAX_RUNS}"
        )));
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("batch-{}", scenario.id)));
    std::fs::create_dir_all(out.join("runs"))
        .map_err(|e| CliError(format!("{}: cannot create: {e}", out.display())))?;

    let progress = ProgressBar::new(runs as u64);
    progress.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} runs ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let jobs: Vec<(usize, u64)> = (0..strategies.len())
        .flat_map(|s| (0..args.seeds as u64).map(move |i| (s, i)))
        .collect();
    let results: Vec<Result<(Kpis, Vec<WeekRow>), CliError>> = with_threads(args.threads, || {
        jobs.par_iter()
            .map(|&(s, i)| {
                let seed = scenario.seed.wrapping_add(i);
                let simulation = play(Arc::clone(&scenario), seed, &strategies[s]);
                let path = out
                    .join("runs")
                    .join(format!("{}_seed{seed}.csv", strategies[s].id));
                let rows = weekly_rows(simulation.history());
                let bytes = weekly_csv(&rows)?;
                write_atomic(&path, &bytes).map_err(|e| CliError(format!("{}: {e}", path.display())))?;
                progress.inc(1);
                Ok((simulation.kpis(), rows))
            })
            .collect()
    })?;
    progress.finish_and_clear();
    let results: Vec<(Kpis, Vec<WeekRow>)> = results.into_iter().collect::<Result<_, _>>()?;
    let charts = batch_charts(&out.join("charts"), &strategies, args.seeds, &results)?;
    let results: Vec<Kpis> = results.into_iter().map(|(kpis, _)| kpis).collect();

    // Summary: per strategy, per numeric KPI.
    let mut summary_csv = csv::Writer::from_writer(Vec::new());
    summary_csv.write_record(["strategy", "kpi", "mean", "ci95_low", "ci95_high", "runs"])?;
    let mut by_strategy = Map::new();
    let mut table = Vec::new();
    for (s, strategy) in strategies.iter().enumerate() {
        let kpis: Vec<&Kpis> = results[s * args.seeds..(s + 1) * args.seeds].iter().collect();
        let names: Vec<&'static str> = kpis[0].numeric().iter().map(|(n, _)| *n).collect();
        let mut object = Map::new();
        let mut hours = Map::new();
        let mut row = Vec::new();
        for (k, name) in names.iter().enumerate() {
            let values: Vec<f64> = kpis.iter().map(|x| x.numeric()[k].1).collect();
            let ci = interval(&values);
            summary_csv.write_record([
                strategy.id.as_str(),
                name,
                &ci.mean.to_string(),
                &ci.low.to_string(),
                &ci.high.to_string(),
                &values.len().to_string(),
            ])?;
            let value = interval_json(ci);
            if let Some(family) = name.strip_prefix("hours_") {
                hours.insert(family.to_string(), value);
            } else {
                object.insert(name.to_string(), value);
            }
            row.push((*name, ci));
        }
        object.insert("hours".into(), Value::Object(hours));
        by_strategy.insert(strategy.id.clone(), Value::Object(object));
        table.push((strategy.id.clone(), row));
    }
    let summary_path = out.join("summary.csv");
    let bytes = summary_csv.into_inner().map_err(|e| CliError(e.to_string()))?;
    write_atomic(&summary_path, &bytes).map_err(|e| CliError(format!("{}: {e}", summary_path.display())))?;

    if args.json {
        let document = json!({
            "scenario": scenario.id,
            "agents": scenario.agents,
            "seeds": args.seeds,
            "first_seed": scenario.seed,
            "out": out.display().to_string(),
            "strategies": Value::Object(by_strategy),
        });
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        print_table(&scenario.name, args.seeds, &table);
        println!(
            "\nwrote {}, {} per-run CSVs in {} and {} charts in {}",
            summary_path.display(),
            runs,
            out.join("runs").display(),
            charts,
            out.join("charts").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The KPIs charted over the weeks, one line per strategy with its band.
pub const CHARTED: [(&str, &str, fn(&WeekRow) -> f64); 7] = [
    ("followers", "Followers", |r| r.followers as f64),
    ("leads", "Leads (total)", |r| r.leads as f64),
    ("customers", "Customers (total)", |r| r.customers as f64),
    ("strong_relationships", "Strong relationships", |r| {
        r.strong_relationships as f64
    }),
    ("sentiment", "Community sentiment", |r| r.sentiment),
    ("relationship_index", "Relationship index", |r| {
        r.relationship_index
    }),
    ("engagement_rate", "Engagement rate", |r| r.engagement_rate),
];

/// Draws one PNG per charted KPI: mean over seeds with its 95% band.
fn batch_charts(
    dir: &std::path::Path,
    strategies: &[Strategy],
    seeds: usize,
    results: &[(Kpis, Vec<WeekRow>)],
) -> Result<usize, ChartFileError> {
    for (stem, title, value) in CHARTED {
        let series: Vec<Series> = strategies
            .iter()
            .enumerate()
            .map(|(s, strategy)| {
                let runs = &results[s * seeds..(s + 1) * seeds];
                let weeks = runs.iter().map(|(_, rows)| rows.len()).min().unwrap_or(0);
                let mut series = Series {
                    name: strategy.name.clone(),
                    // A built-in strategy in its own style, as in the window.
                    style: Some(crate::report::palette::series_style(&strategy.id, s)),
                    ..Series::default()
                };
                for w in 0..weeks {
                    let values: Vec<f64> = runs.iter().map(|(_, rows)| value(&rows[w])).collect();
                    let ci = interval(&values);
                    let x = (w + 1) as f64;
                    series.points.push((x, ci.mean));
                    series.band.push((x, ci.low, ci.high));
                }
                series
            })
            .collect();
        line_chart(
            &dir.join(format!("{stem}.png")),
            &format!("{title}: mean over {seeds} seeds, 95% band"),
            "week",
            title,
            &series,
        )?;
    }
    Ok(CHARTED.len())
}

fn interval_json(ci: Interval) -> Value {
    json!({ "mean": ci.mean, "ci95_low": ci.low, "ci95_high": ci.high })
}

fn print_table(scenario: &str, seeds: usize, table: &[(String, Vec<(&'static str, Interval)>)]) {
    println!("{scenario}: mean over {seeds} seeds (95% interval)\n");
    let shown = [
        "score",
        "followers",
        "leads",
        "customers",
        "strong_relationships",
        "sentiment",
        "engagement_rate",
        "roi",
        "hours_broadcast",
        "hours_conversation",
        "hours_listening",
    ];
    print!("{:<22}", "");
    for (strategy, _) in table {
        print!("{strategy:>24}");
    }
    println!();
    for name in shown {
        print!("{name:<22}");
        for (_, row) in table {
            if let Some((_, ci)) = row.iter().find(|(n, _)| *n == name) {
                let half = (ci.high - ci.low) / 2.0;
                let cell = if ci.mean.abs() < 10.0 {
                    format!("{:.3} ±{:.3}", ci.mean, half)
                } else {
                    format!("{:.0} ±{:.0}", ci.mean, half)
                };
                print!("{cell:>24}");
            }
        }
        println!();
    }
}
