//! `rapport scenarios`: the built-in scenarios, one a line, id first; with
//! `--ranges`, the plausible range and source of every behavioural number,
//! and with `--scenario ID` that scenario's values beside them, so an
//! instructor sees what a scenario changes from the defaults.

use super::error::CliError;
use crate::files::builtin;
use crate::report::ranges::{mark, ranges_text};
use crate::sim::{RANGES, get_param};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print a JSON array instead of lines.
    #[arg(long)]
    json: bool,
    /// Print every behavioural number with its default, plausible range and
    /// source instead of the scenarios.
    #[arg(long)]
    ranges: bool,
    /// With --ranges: also print this scenario's values (a built-in id or a
    /// file), marked `*` where they differ from the default and `!` where
    /// they lie outside the range.
    #[arg(long, value_name = "ID", requires = "ranges")]
    scenario: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if args.ranges {
        return ranges(&args);
    }
    let scenarios = builtin::scenarios();
    if args.json {
        let list: Vec<_> = scenarios
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.id, "name": s.name, "brand": s.brand, "weeks": s.weeks,
                    "agents": s.agents, "hours_per_week": s.hours_per_week,
                    "money_per_week": s.money_per_week, "brief": s.brief,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(ExitCode::SUCCESS);
    }
    for s in &scenarios {
        println!(
            "{:<16} {:<28} {:>2} weeks  {:>9} people  {:>3} h/week  {:>6} money/week",
            s.id, s.name, s.weeks, s.agents, s.hours_per_week, s.money_per_week
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn ranges(args: &Args) -> Result<ExitCode, CliError> {
    let scenario = match &args.scenario {
        Some(name) => Some(builtin::find_scenario(name)?),
        None => None,
    };
    if args.json {
        let list: Vec<_> = RANGES
            .iter()
            .map(|range| {
                let mut row = serde_json::json!({
                    "name": range.name, "default": range.default, "low": range.low,
                    "high": range.high, "source": range.source,
                });
                if let Some(scenario) = &scenario {
                    let value = get_param(scenario, range.name);
                    // Read at the model's precision: f32 fields print as their RON text.
                    row["value"] =
                        serde_json::json!(value.map(|v| (v as f32).to_string().parse::<f64>().ok()));
                    row["mark"] = serde_json::json!(value.map(|v| mark(range, v)));
                }
                row
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else {
        print!("{}", ranges_text(scenario.as_ref()));
    }
    Ok(ExitCode::SUCCESS)
}
