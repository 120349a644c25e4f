//! `rapport bench`: times the daily step on a large audience against one
//! plain pass over the same arrays.

use super::error::CliError;
use super::setup::{load_scenario, with_threads};
use crate::files::builtin::find_strategy;
use crate::report::stats::median;
use crate::sim::{Simulation, plain_pass};
use serde_json::json;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// People in the audience.
    #[arg(long, default_value_t = 1_000_000)]
    agents: u32,
    /// Days to time.
    #[arg(long, default_value_t = 7)]
    days: u32,
    /// Threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Scenario whose audience, platforms and actions are used.
    #[arg(long, default_value = "national_brand")]
    scenario: String,
    /// Strategy that plans the brand's actions while timing.
    #[arg(long, default_value = "balanced")]
    strategy: String,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if args.days == 0 || args.days > 3650 {
        return Err(CliError(format!(
            "--days {} is out of range; expected 1 to 3650",
            args.days
        )));
    }
    let mut scenario = load_scenario(&args.scenario, Some(args.agents))?;
    // The bench may run past the scenario's own length.
    scenario.weeks = scenario.weeks.max(args.days.div_ceil(7));
    let scenario = Arc::new(scenario);
    let strategy = find_strategy(&args.strategy)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (setup_ms, day_ms, plain_ms, edges) = with_threads(Some(threads), || {
        let started = Instant::now();
        let mut simulation = Simulation::new(Arc::clone(&scenario), scenario.seed);
        let setup_ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut day_ms = Vec::with_capacity(args.days as usize);
        for _ in 0..args.days {
            if !simulation.week_running() {
                // A strategy's plan is built within the budget, so it fits.
                let plan = strategy.plan_week(&simulation);
                simulation.begin_week(plan)?;
            }
            let started = Instant::now();
            simulation.step_day()?;
            day_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let mut plain_ms = Vec::new();
        let mut checksum = 0u64;
        for _ in 0..args.days.clamp(5, 15) {
            let started = Instant::now();
            checksum = checksum.wrapping_add(plain_pass(simulation.audience(), simulation.graph()));
            plain_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        std::hint::black_box(checksum);
        Ok::<_, crate::sim::WeekError>((
            setup_ms,
            median(&mut day_ms),
            median(&mut plain_ms),
            simulation.graph().edges(),
        ))
    })??;
    let peak_memory_mb = peak_memory_mb();
    let ratio = if plain_ms > 0.0 { day_ms / plain_ms } else { 0.0 };
    let agent_days_per_second = args.agents as f64 / (day_ms / 1000.0);
    if args.json {
        let document = json!({
            "agents": args.agents,
            "edges": edges,
            "threads": threads,
            "days": args.days,
            "ms_per_day": day_ms,
            "plain_pass_ms": plain_ms,
            "ratio": ratio,
            "agent_days_per_second": agent_days_per_second,
            "peak_memory_mb": peak_memory_mb,
            "setup_ms": setup_ms,
        });
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        println!(
            "{} people, {} ties, {} threads, {} days",
            args.agents, edges, threads, args.days
        );
        println!("  setup (audience and graph)  {setup_ms:>9.1} ms");
        println!("  daily step (median)         {day_ms:>9.2} ms");
        println!("  plain pass (median)         {plain_ms:>9.2} ms");
        println!("  ratio step / plain pass     {ratio:>9.2}");
        println!("  agent-days per second       {agent_days_per_second:>9.3e}");
        println!("  peak memory                 {peak_memory_mb:>9.1} MB");
    }
    Ok(ExitCode::SUCCESS)
}

/// Peak resident memory of this process (Linux), in MB; 0 where unknown.
fn peak_memory_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
