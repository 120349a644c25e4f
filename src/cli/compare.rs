//! `rapport compare REPLAY... [--out DIR]`: final KPIs side by side and
//! charts with one line per replay (a class game's replay gives a column
//! and a line per team).

use super::error::CliError;
use crate::files::replay::{load_replay, verify_file, verify_markets};
use crate::report::charts::{ChartFileError, Series, line_chart};
use crate::sim::{DayMetrics, Kpis, Simulation};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Replay files (two or more make a comparison).
    #[arg(required = true)]
    replays: Vec<PathBuf>,
    /// Folder for the charts (default: compare-out).
    #[arg(long, default_value = "compare-out")]
    out: PathBuf,
}

/// The charts of a comparison: (file stem, title, y label, value of a day).
pub const CHARTS: [(&str, &str, &str, fn(&DayMetrics) -> f64); 5] = [
    ("followers", "Followers", "followers", |d| d.followers as f64),
    ("leads", "Leads (total)", "leads", |d| d.leads_total as f64),
    ("strong_relationships", "Strong relationships", "people", |d| {
        d.strong_relationships as f64
    }),
    ("sentiment", "Community sentiment", "sentiment (-1..1)", |d| {
        d.sentiment
    }),
    ("hours", "Hours spent (total)", "hours", |_| 0.0),
];

/// Cumulative hours by day, for the hours chart.
fn cumulative_hours(history: &[DayMetrics]) -> Vec<(f64, f64)> {
    let mut total = 0.0;
    history
        .iter()
        .map(|d| {
            total += d.hours.total();
            (d.day as f64 / 7.0, total)
        })
        .collect()
}

/// Draws the comparison charts for named games; returns the files written.
pub fn compare_charts(
    out: &std::path::Path,
    games: &[(String, &Simulation)],
) -> Result<Vec<PathBuf>, ChartFileError> {
    let mut written = Vec::new();
    for (stem, title, y_label, value) in CHARTS {
        let series: Vec<Series> = games
            .iter()
            .map(|(name, game)| Series {
                name: name.clone(),
                points: if stem == "hours" {
                    cumulative_hours(game.history())
                } else {
                    game.history()
                        .iter()
                        .map(|d| (d.day as f64 / 7.0, value(d)))
                        .collect()
                },
                band: Vec::new(),
                style: None,
            })
            .collect();
        let path = out.join(format!("{stem}.png"));
        line_chart(&path, title, "week", y_label, &series)?;
        written.push(path);
    }
    Ok(written)
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut games = Vec::new();
    let mut markets = Vec::new();
    for path in &args.replays {
        if let Ok(replay) = load_replay(path)
            && replay.is_class()
        {
            // A class game: every team is a column of its own.
            let played = verify_markets(&replay).map_err(|m| CliError(format!("{}: {m}", path.display())))?;
            markets.push((replay, played));
            continue;
        }
        let (replay, simulation) =
            verify_file(path).map_err(|m| CliError(format!("{}: {m}", path.display())))?;
        let name = path
            .file_stem()
            .map_or_else(|| replay.player.clone(), |s| s.to_string_lossy().into_owned());
        games.push((name, replay.kpis, simulation));
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
    print_table(
        &columns
            .iter()
            .map(|(n, k, _)| (n.as_str(), k))
            .collect::<Vec<_>>(),
    );
    let named: Vec<(String, &Simulation)> = columns.iter().map(|(n, _, s)| (n.clone(), *s)).collect();
    let written = compare_charts(&args.out, &named)?;
    println!(
        "\ncharts: {}",
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(ExitCode::SUCCESS)
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
