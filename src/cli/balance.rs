//! `rapport balance`: every built-in scenario against every built-in
//! strategy over many seeds, as a Markdown table (docs/BALANCE.md).

use super::error::CliError;
use super::setup::with_threads;
use crate::files::atomic::write_atomic;
use crate::files::builtin;
use crate::report::stats::interval;
use crate::sim::{Kpis, play};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Seeds per scenario and strategy.
    #[arg(long, default_value_t = 30)]
    seeds: usize,
    /// Audience size used for scenarios larger than this (keeps the table quick).
    #[arg(long, default_value_t = 100_000)]
    max_agents: u32,
    /// Write the table to this Markdown file (default: print it).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Threads (default: all cores); results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if args.seeds == 0 || args.seeds > 1000 {
        return Err(CliError(format!(
            "--seeds {} is out of range; expected 1 to 1000",
            args.seeds
        )));
    }
    let strategies: Vec<_> = builtin::STRATEGIES
        .iter()
        .map(|(id, _)| builtin::find_strategy(id))
        .collect::<Result<_, _>>()?;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# Balance table\n\nEvery built-in scenario played by every built-in strategy over {} seeds \
         (the scenario's seed, seed + 1, ...): mean and 95% interval. Score is the weighted goal \
         progress (0 to 1; one star from 0.5, two from 0.75, three from 0.9). Regenerate with:\n\n\
         ```sh\nrapport balance --seeds {} --out docs/BALANCE.md\n```\n",
        args.seeds, args.seeds
    );
    for scenario in builtin::scenarios() {
        let resized = scenario.agents > args.max_agents;
        let scenario = Arc::new(if resized {
            scenario.with_agents(args.max_agents)
        } else {
            scenario
        });
        let jobs: Vec<(usize, u64)> = (0..strategies.len())
            .flat_map(|s| (0..args.seeds as u64).map(move |i| (s, i)))
            .collect();
        let results: Vec<Kpis> = with_threads(args.threads, || {
            jobs.par_iter()
                .map(|&(s, i)| {
                    play(
                        Arc::clone(&scenario),
                        scenario.seed.wrapping_add(i),
                        &strategies[s],
                    )
                    .kpis()
                })
                .collect()
        })?;
        let _ = writeln!(
            text,
            "## {} (`{}`)\n\n{} weeks, {} people{}, {} hours and {} money a week. Goals: {}.\n",
            scenario.name,
            scenario.id,
            scenario.weeks,
            scenario.agents,
            if resized { " (resized for this table)" } else { "" },
            scenario.hours_per_week,
            scenario.money_per_week,
            scenario
                .goals
                .iter()
                .map(|g| format!("{} {}", g.metric.label(), g.target))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            text,
            "| strategy | score | followers | customers | strong relationships | sentiment | ROI |\n|---|---|---|---|---|---|---|"
        );
        for (s, strategy) in strategies.iter().enumerate() {
            let runs = &results[s * args.seeds..(s + 1) * args.seeds];
            let cell = |f: fn(&Kpis) -> f64, digits: usize| {
                let ci = interval(&runs.iter().map(f).collect::<Vec<_>>());
                format!(
                    "{:.*} ({:.*} to {:.*})",
                    digits, ci.mean, digits, ci.low, digits, ci.high
                )
            };
            let _ = writeln!(
                text,
                "| {} | {} | {} | {} | {} | {} | {} |",
                strategy.id,
                cell(|k| k.score, 3),
                cell(|k| k.followers as f64, 0),
                cell(|k| k.customers as f64, 1),
                cell(|k| k.strong_relationships as f64, 0),
                cell(|k| k.sentiment, 3),
                cell(|k| k.roi, 2),
            );
        }
        text.push('\n');
    }
    match &args.out {
        Some(path) => {
            write_atomic(path, text.as_bytes()).map_err(|e| CliError(format!("{}: {e}", path.display())))?;
            println!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
