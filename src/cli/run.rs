//! `rapport run`: one headless game with a scripted strategy.

use super::error::CliError;
use super::setup::{PlayerArgs, load_scenario, with_threads};
use crate::files::atomic::write_atomic;
use crate::files::builtin::find_strategy;
use crate::report::attribution::{CauseShare, View, where_from};
use crate::report::coach::coached::{COACHED, play_coached};
use crate::report::weekly::{weekly_csv, weekly_rows};
use crate::sim::{Attribution, BrandRole, Kpis, Scenario, Simulation, Standing, goal_progress, play, stars};
use crate::text::count;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A built-in scenario id or a scenario file.
    #[arg(long)]
    scenario: String,
    /// A built-in strategy id or a strategy file; `coached` plays what the
    /// tutorial's coach says each week.
    #[arg(long)]
    strategy: String,
    /// Seed of the game (default: the scenario's own).
    #[arg(long)]
    seed: Option<u64>,
    /// Resize the audience to this many people.
    #[arg(long)]
    agents: Option<u32>,
    /// Threads for the daily step (default: all cores); results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Write the weekly metrics as CSV to this file.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write a replay of the game to this file.
    #[arg(long)]
    replay: Option<PathBuf>,
    /// Print the final KPIs as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    who: PlayerArgs,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    args.who.check()?;
    if args.replay.is_none() && (args.who.player.is_some() || args.who.code.is_some()) {
        return Err(CliError(
            "--player and --code name and seal a replay: give --replay FILE too".into(),
        ));
    }
    let scenario = Arc::new(load_scenario(&args.scenario, args.agents)?);
    let seed = args.seed.unwrap_or(scenario.seed);
    // The coached player asks the coach each week; every other strategy is
    // one of the model's declarative ones.
    let (strategy_id, strategy_name, simulation) = if args.strategy == COACHED {
        let simulation = with_threads(args.threads, || {
            let mut game = Simulation::new(Arc::clone(&scenario), seed);
            play_coached(&mut game);
            game
        })?;
        (COACHED.to_string(), "Coached".to_string(), simulation)
    } else {
        let strategy = find_strategy(&args.strategy)?;
        let simulation = with_threads(args.threads, || play(Arc::clone(&scenario), seed, &strategy))?;
        (strategy.id, strategy.name, simulation)
    };
    let kpis = simulation.kpis();
    if let Some(path) = &args.csv {
        let bytes = weekly_csv(&weekly_rows(simulation.history()))?;
        write_atomic(path, &bytes).map_err(|e| CliError(format!("{}: cannot write: {e}", path.display())))?;
    }
    if let Some(path) = &args.replay {
        let replay = args.who.apply(crate::files::replay::Replay::of(
            &simulation,
            &args.scenario,
            &strategy_id,
        ))?;
        replay
            .write(path)
            .map_err(|e| CliError(format!("{}: cannot write: {e}", path.display())))?;
    }
    if args.json {
        let mut document = serde_json::to_value(&kpis)?;
        // A game with rivals adds the market's standings (a solo game's
        // JSON is as it always was).
        if simulation.brand_count() > 1
            && let Some(object) = document.as_object_mut()
        {
            object.insert("market".into(), serde_json::to_value(simulation.standings())?);
        }
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        print_summary(&scenario, &strategy_name, seed, &kpis);
        if simulation.brand_count() > 1 {
            print_market(&simulation.standings());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The market's standings at the end: each brand's followers, customers
/// and strong relationships, and its share of each.
fn print_market(standings: &[Standing]) {
    println!();
    println!("  the market at the end (ranked by the mean of the three shares):");
    println!(
        "    {:<4} {:<20} {:>10} {:>10} {:>8} {:>9} {:>9} {:>9}",
        "", "brand", "followers", "customers", "strong", "% follow", "% cust", "% strong"
    );
    for s in standings {
        let who = match s.role {
            BrandRole::Player => "",
            BrandRole::Computer => " (computer)",
        };
        println!(
            "    {:<4} {:<20} {:>10} {:>10} {:>8} {:>8.1}% {:>8.1}% {:>8.1}%",
            format!("{}.", s.rank),
            format!("{}{who}", s.name),
            s.followers,
            s.customers,
            s.strong_relationships,
            s.shares.followers * 100.0,
            s.shares.customers * 100.0,
            s.shares.strong * 100.0
        );
    }
}

fn print_summary(scenario: &Scenario, strategy: &str, seed: u64, kpis: &Kpis) {
    println!(
        "{} — {} with the {} strategy, seed {seed}, {} weeks, {} people",
        scenario.name, scenario.brand, strategy, scenario.weeks, scenario.agents
    );
    println!();
    println!("  followers              {:>10}", kpis.followers);
    println!("  leads                  {:>10}", kpis.leads);
    println!("  customers              {:>10}", kpis.customers);
    println!("  advocates              {:>10}", kpis.advocates);
    println!("  strong relationships   {:>10}", kpis.strong_relationships);
    println!("  relationship index     {:>10.3}", kpis.relationship_index);
    println!("  community sentiment    {:>10.3}", kpis.sentiment);
    println!(
        "  impressions            {:>10}  (organic {}, ads {})",
        kpis.impressions, kpis.organic_impressions, kpis.ad_impressions
    );
    println!(
        "  engagement rate        {:>9.2}%  (of organic impressions)",
        kpis.engagement_rate * 100.0
    );
    println!("  ad click-through       {:>9.2}%", kpis.ctr * 100.0);
    println!("  cost per ad click      {:>10.2}", kpis.cost_per_click);
    println!("  return on spend        {:>10.2}", kpis.roi);
    println!(
        "  hours                  {:>10.1}  (broadcast {:.1}, conversation {:.1}, listening {:.1})",
        kpis.hours.total(),
        kpis.hours.broadcast,
        kpis.hours.conversation,
        kpis.hours.listening
    );
    println!("  money spent            {:>10.0}", kpis.money_spent);
    print_attribution(&kpis.attribution);
    println!();
    println!("  goals:");
    for goal in &scenario.goals {
        println!(
            "    {:<22} {:>10.2} of {:>8.2}  ({:>3.0}%)",
            goal.metric.label(),
            kpis.value(goal.metric),
            goal.target,
            goal_progress(goal, kpis) * 100.0
        );
    }
    let star_count = stars(kpis.score) as usize;
    println!(
        "  score {:.3}  {}{}",
        kpis.score,
        "*".repeat(star_count),
        ".".repeat(3 - star_count)
    );
    println!("  state hash {}", kpis.state_hash);
}

/// Where each change of standing came from: its three largest causes.
fn print_attribution(attribution: &Attribution) {
    const SHOWN: usize = 3;
    let from = where_from(attribution);
    if from.is_empty() {
        return;
    }
    println!();
    println!("  where it came from:");
    for o in &from {
        let mut parts: Vec<String> = o
            .causes
            .iter()
            .filter(|c| c.tenths > 0)
            .take(SHOWN)
            .map(|c| format!("{} {}", c.shown(o.view), c.label))
            .collect();
        let rest: u64 = o.causes.iter().skip(SHOWN).map(|c| c.tenths).sum();
        if rest > 0 {
            let rest = CauseShare {
                tenths: rest,
                count: rest / 10,
                ..o.causes[0].clone()
            };
            parts.push(format!("{} other", rest.shown(o.view)));
        }
        println!(
            "    {:<26} {:>8}  ({})",
            o.label,
            count(o.total),
            parts.join(", ")
        );
    }
    if from.iter().any(|o| o.view == View::Contribution) {
        println!("    (strong relationships, leads, customers: the share of what built them; the rest:");
        println!("    the touch that tipped each)");
    }
}
