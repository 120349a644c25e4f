//! `rapport bench`: times the daily step on a large audience against one
//! plain pass over the same arrays.

use super::error::CliError;
use super::setup::{load_scenario, with_threads};
use crate::files::builtin::find_strategy;
use crate::report::stats::median;
use crate::sim::{
    MAX_BRANDS, MarketSpec, RivalSpec, Scenario, Simulation, Strategy, cpu_time_ms, plain_pass,
};
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
    /// Brands in the audience (1 to 6): the scenario's own and rivals that
    /// play the same strategy from the same start; above 1 a one-brand day
    /// is timed too, for the ratio.
    #[arg(long, default_value_t = 1)]
    brands: usize,
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
    if !(1..=MAX_BRANDS).contains(&args.brands) {
        return Err(CliError(format!(
            "--brands {} is out of range; expected 1 to {MAX_BRANDS}",
            args.brands
        )));
    }
    let mut scenario = load_scenario(&args.scenario, Some(args.agents))?;
    // The bench may run past the scenario's own length.
    scenario.weeks = scenario.weeks.max(args.days.div_ceil(7));
    let strategy = find_strategy(&args.strategy)?;
    let alone = Arc::new(Scenario {
        market: MarketSpec::default(),
        ..scenario.clone()
    });
    scenario.market.rivals = (1..args.brands)
        .map(|k| RivalSpec {
            name: format!("Rival {k}"),
            strategy: strategy.clone(),
            strategy_source: args.strategy.clone(),
            initial_followers: scenario.initial_followers,
            initial_awareness: scenario.initial_awareness,
            hours_per_week: scenario.hours_per_week,
            money_per_week: scenario.money_per_week,
        })
        .collect();
    let scenario = Arc::new(scenario);
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let one_brand = if args.brands > 1 {
        let timed = with_threads(Some(threads), || time_days(&alone, &strategy, args.days))??;
        Some((timed.day_ms, timed.cpu_ms))
    } else {
        None
    };
    let (setup_ms, day_ms, cpu_ms, plain_ms, edges, phases, visited, shares_bytes) =
        with_threads(Some(threads), || {
            let Timed {
                setup_ms,
                day_ms,
                cpu_ms,
                phases,
                visited,
                simulation,
            } = time_days(&scenario, &strategy, args.days)?;
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
                day_ms,
                cpu_ms,
                median(&mut plain_ms),
                simulation.graph().edges(),
                phases,
                visited,
                simulation.audience().contribution_bytes(),
            ))
        })??;
    let times = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let one_brand_ms = one_brand.map(|(wall, _)| wall);
    let brands_ratio = one_brand.map(|(wall, _)| times(day_ms, wall));
    let brands_cpu_ratio = one_brand.map(|(_, cpu)| times(cpu_ms, cpu));
    let peak_memory_mb = peak_memory_mb();
    let ratio = if plain_ms > 0.0 { day_ms / plain_ms } else { 0.0 };
    let agent_days_per_second = args.agents as f64 / (day_ms / 1000.0);
    let bytes_per_person = peak_memory_mb * 1024.0 * 1024.0 / args.agents.max(1) as f64;
    // What the shares by contribution hold at the end (part of the above).
    let shares_bytes_per_person = shares_bytes as f64 / args.agents.max(1) as f64;
    let phase_json: serde_json::Map<String, serde_json::Value> = PHASES
        .iter()
        .zip(phases)
        .map(|(name, (wall, cpu))| (name.to_string(), json!({"ms": wall, "cpu_ms": cpu})))
        .collect();
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
            "brands": args.brands,
            "cpu_ms_per_day": cpu_ms,
            "one_brand_ms_per_day": one_brand_ms,
            "one_brand_cpu_ms_per_day": one_brand.map(|(_, cpu)| cpu),
            "ratio_to_one_brand": brands_ratio,
            "cpu_ratio_to_one_brand": brands_cpu_ratio,
            "phases": phase_json,
            "visited_share": visited,
            "bytes_per_person": bytes_per_person,
            "contribution_bytes_per_person": shares_bytes_per_person,
        });
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        println!(
            "{} people, {} ties, {} threads, {} days, {} brand{}",
            args.agents,
            edges,
            threads,
            args.days,
            args.brands,
            if args.brands == 1 { "" } else { "s" }
        );
        println!("  setup (audience and graph)  {setup_ms:>9.1} ms");
        println!("  daily step (median)         {day_ms:>9.2} ms");
        println!("  its CPU time, all threads   {cpu_ms:>9.2} ms");
        println!("  plain pass (median)         {plain_ms:>9.2} ms");
        println!("  ratio step / plain pass     {ratio:>9.2}");
        for (name, (wall, cpu)) in PHASES.iter().zip(phases) {
            println!("    {name:<8}                  {wall:>9.2} ms  (CPU {cpu:.2} ms)");
        }
        println!("  people visited a day        {:>8.2} %", visited * 100.0);
        if let (Some((one, one_cpu)), Some(wall), Some(cpu)) = (one_brand, brands_ratio, brands_cpu_ratio) {
            println!("  one brand's day (median)    {one:>9.2} ms  (CPU {one_cpu:.2} ms)");
            println!(
                "  {} brands / one brand       {wall:>9.2}  (CPU {cpu:.2})",
                args.brands
            );
        }
        println!("  agent-days per second       {agent_days_per_second:>9.3e}");
        println!(
            "  peak memory                 {peak_memory_mb:>9.1} MB  ({bytes_per_person:.0} B a person)"
        );
        println!("  shares by contribution      {shares_bytes_per_person:>9.1} B a person at the end");
    }
    Ok(ExitCode::SUCCESS)
}

/// What timing a game's days measured: medians of the wall-clock and of
/// the CPU time (all threads) a day took, per phase, and the share of the
/// audience the pass visited.
struct Timed {
    setup_ms: f64,
    day_ms: f64,
    cpu_ms: f64,
    /// Medians per phase: actions, pass, books, hash (wall, CPU).
    phases: [(f64, f64); 4],
    /// Median share of the audience (every brand's side) visited a day.
    visited: f64,
    simulation: Simulation,
}

/// The names of the phases, as `phases` orders them.
const PHASES: [&str; 4] = ["actions", "pass", "books", "hash"];

/// Plays `days` days with the strategy (for every brand) and returns the
/// setup time, the median day and the game.
fn time_days(
    scenario: &Arc<Scenario>,
    strategy: &Strategy,
    days: u32,
) -> Result<Timed, crate::sim::WeekError> {
    let started = Instant::now();
    let mut simulation = Simulation::new(Arc::clone(scenario), scenario.seed);
    let setup_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut day_ms = Vec::with_capacity(days as usize);
    let mut cpu_ms = Vec::with_capacity(days as usize);
    let mut phases: [(Vec<f64>, Vec<f64>); 4] = Default::default();
    let mut visited = Vec::with_capacity(days as usize);
    for _ in 0..days {
        if !simulation.week_running() {
            // A strategy's plan is built within the budget, so it fits.
            let plan = strategy.plan_week(&simulation);
            simulation.begin_week(plan)?;
        }
        let started = Instant::now();
        let cpu_before = cpu_time_ms();
        simulation.step_day()?;
        cpu_ms.push(cpu_time_ms() - cpu_before);
        day_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let times = simulation.phase_times();
        for (slot, time) in phases
            .iter_mut()
            .zip([times.actions, times.pass, times.books, times.hash])
        {
            slot.0.push(time.wall_ms);
            slot.1.push(time.cpu_ms);
        }
        let sides = simulation.brand_sides();
        let people: u64 = sides.iter().map(|s| s.latest().visited).sum();
        visited.push(people as f64 / (sides.len() * simulation.audience().len()).max(1) as f64);
    }
    let phases = phases.map(|(mut wall, mut cpu)| (median(&mut wall), median(&mut cpu)));
    Ok(Timed {
        setup_ms,
        day_ms: median(&mut day_ms),
        cpu_ms: median(&mut cpu_ms),
        phases,
        visited: median(&mut visited),
        simulation,
    })
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
