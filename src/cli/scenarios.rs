//! `rapport scenarios`: the built-in scenarios, one a line, id first.

use super::error::CliError;
use crate::files::builtin;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print a JSON array instead of lines.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
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
