//! `rapport compare REPLAY_OR_DIR... [--scenario S] [--out DIR]`: final
//! KPIs side by side (a ranked table, a game a row, for more than four),
//! and charts for a projector: a line per game, or for a class the median
//! and spread with the top few named, and the hours by kind (a class
//! game's replay gives a column and a line per team). A file that does
//! not verify is listed and skipped; the others are compared.

use super::error::CliError;
use crate::files::replay::{load_replay, verify_file_with, verify_markets, verify_markets_against};
use crate::report::grading::discover;
use crate::report::projector::compare_charts;
use crate::sim::{Kpis, Simulation};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Replay files, or folders of them (two or more make a comparison).
    #[arg(required = true)]
    replays: Vec<PathBuf>,
    /// Folder for the charts (default: compare-out).
    #[arg(long, default_value = "compare-out")]
    out: PathBuf,
    /// Verify on this scenario (id or file) instead of the one each replay
    /// names (a hand-in names the file on the student's machine).
    #[arg(long)]
    scenario: Option<String>,
}

/// Games up to this many are shown side by side (a column each, within
/// 100 columns); more as a ranked table, a game a row.
pub const SIDE_BY_SIDE: usize = 4;

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let scenario = args
        .scenario
        .as_deref()
        .map(|name| super::setup::load_scenario(name, None))
        .transpose()?;
    let found = discover(&args.replays).map_err(CliError)?;
    let mut skipped: Vec<String> = found
        .unreadable
        .iter()
        .map(|(path, why)| format!("{}: {why}", path.display()))
        .collect();
    let mut games = Vec::new();
    let mut markets = Vec::new();
    for path in &found.files {
        if let Ok(replay) = load_replay(path)
            && replay.is_class()
        {
            // A class game: every team is a column of its own.
            let played = match &scenario {
                Some(scenario) => verify_markets_against(&replay, scenario),
                None => verify_markets(&replay),
            };
            match played {
                Ok(played) => markets.push((replay, played)),
                Err(m) => skipped.push(format!("{}: {m}", path.display())),
            }
            continue;
        }
        match verify_file_with(path, scenario.as_ref()) {
            Ok((replay, simulation)) => {
                let name = path
                    .file_stem()
                    .map_or_else(|| replay.player.clone(), |s| s.to_string_lossy().into_owned());
                games.push((name, replay.kpis, simulation));
            }
            Err(m) => skipped.push(format!("{}: {m}", path.display())),
        }
    }
    for line in &skipped {
        eprintln!("skipped {line}");
    }
    let mut columns: Vec<(String, Kpis, &Simulation)> =
        games.iter().map(|(n, k, s)| (n.clone(), k.clone(), s)).collect();
    for (replay, played) in &markets {
        for (m, game) in played.iter().enumerate() {
            for (b, team) in replay.markets[m].teams.iter().enumerate() {
                if let Some(side) = game.brand_side(b) {
                    columns.push((team_column(&team.name, m, played.len()), side.kpis(), side));
                }
            }
        }
    }
    if columns.is_empty() {
        return Err(CliError(format!(
            "no replay could be compared ({} skipped{})",
            skipped.len(),
            if scenario.is_none() {
                "; hand-ins name the scenario's file on the student's machine: give --scenario"
            } else {
                ""
            }
        )));
    }
    // Best first: the table's order and the charts' top few.
    columns.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then_with(|| a.0.cmp(&b.0)));
    let rows: Vec<(&str, &Kpis)> = columns.iter().map(|(n, k, _)| (n.as_str(), k)).collect();
    if columns.len() <= SIDE_BY_SIDE {
        print_table(&rows);
    } else {
        print_ranked(&rows);
    }
    let named: Vec<(String, &Simulation)> = columns.iter().map(|(n, _, s)| (n.clone(), *s)).collect();
    let written = compare_charts(&args.out, &named)?;
    // One chart a line: a path can be long.
    println!("\ncharts:");
    for path in &written {
        println!("  {}", path.display());
    }
    if !skipped.is_empty() {
        println!(
            "{} compared, {} skipped (listed on standard error)",
            columns.len(),
            skipped.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A whole class, a game a row, best first, within 100 columns.
fn print_ranked(games: &[(&str, &Kpis)]) {
    println!(
        "{:>3}  {:<24} {:>6} {:>9} {:>9} {:>7} {:>9} {:>7} {:>7} {:>7}",
        "#", "game", "score", "followers", "customers", "strong", "sentiment", "bcast h", "conv h", "listen"
    );
    for (rank, (name, k)) in games.iter().enumerate() {
        println!(
            "{:>3}  {:<24} {:>6.3} {:>9} {:>9} {:>7} {:>+9.3} {:>7.1} {:>7.1} {:>7.1}",
            rank + 1,
            truncate(name, 24),
            k.score,
            k.followers,
            k.customers,
            k.strong_relationships,
            k.sentiment,
            k.hours.broadcast,
            k.hours.conversation,
            k.hours.listening
        );
    }
}

/// A team's column: its name, and its market when the class has several.
fn team_column(name: &str, market: usize, markets: usize) -> String {
    if markets > 1 {
        format!("{name} (m{})", market + 1)
    } else {
        name.to_string()
    }
}

fn print_table(games: &[(&str, &Kpis)]) {
    print!("{:<22}", "");
    for (name, _) in games {
        print!("{:>18}", truncate(name, 17));
    }
    println!();
    let rows: Vec<(&str, fn(&Kpis) -> String)> = vec![
        ("score", |k| format!("{:.3}", k.score)),
        ("followers", |k| k.followers.to_string()),
        ("leads", |k| k.leads.to_string()),
        ("customers", |k| k.customers.to_string()),
        ("advocates", |k| k.advocates.to_string()),
        ("strong relationships", |k| k.strong_relationships.to_string()),
        ("relationship index", |k| format!("{:.3}", k.relationship_index)),
        ("sentiment", |k| format!("{:+.3}", k.sentiment)),
        ("engagement rate", |k| {
            format!("{:.2}%", k.engagement_rate * 100.0)
        }),
        ("ad click-through", |k| format!("{:.2}%", k.ctr * 100.0)),
        ("return on spend", |k| format!("{:.2}", k.roi)),
        ("hours broadcast", |k| format!("{:.1}", k.hours.broadcast)),
        ("hours conversation", |k| format!("{:.1}", k.hours.conversation)),
        ("hours listening", |k| format!("{:.1}", k.hours.listening)),
        ("money spent", |k| format!("{:.0}", k.money_spent)),
    ];
    for (label, cell) in rows {
        print!("{label:<22}");
        for (_, kpis) in games {
            print!("{:>18}", cell(kpis));
        }
        println!();
    }
}

fn truncate(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_string()
    } else {
        text.chars().take(most - 1).collect::<String>() + "…"
    }
}
