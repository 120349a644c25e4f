//! The files and the printout of `rapport sweep`: a CSV row per game, per
//! draw and per claim judged, and the summary as a table for the terminal,
//! as JSON and as Markdown ready for `docs/CLAIMS.md`.

use super::outcome::{ClaimSummary, ROBUST_SHARE, Results, Verdict};
use crate::cli::error::CliError;
use crate::files::atomic::write_atomic;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;

/// The names of the five files, in the order they are written.
pub(super) const FILES: [&str; 5] = [
    "runs.csv",
    "draws.csv",
    "claims.csv",
    "summary.md",
    "summary.json",
];

pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    write_atomic(path, bytes).map_err(|e| CliError(format!("{}: cannot write: {e}", path.display())))
}

/// Writes the five files of a sweep into `out`.
pub(super) fn write_files(out: &Path, results: &Results, summaries: &[ClaimSummary]) -> Result<(), CliError> {
    let document = summary_json(results, summaries);
    let contents = [
        runs_csv(results)?,
        draws_csv(results)?,
        claims_csv(results)?,
        summary_md(results, summaries).into_bytes(),
        format!("{}\n", serde_json::to_string_pretty(&document)?).into_bytes(),
    ];
    for (name, bytes) in FILES.iter().zip(contents) {
        write_file(&out.join(name), &bytes)?;
    }
    Ok(())
}

fn finish_csv(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, CliError> {
    writer.into_inner().map_err(|e| CliError(e.to_string()))
}

/// Every scenario played under every draw, in draw order, then scenario
/// order: (draw, scenario id, what was played).
fn each_played(results: &Results) -> impl Iterator<Item = (usize, &str, &super::outcome::Played)> {
    results.draws.iter().flat_map(|draw| {
        draw.played
            .iter()
            .zip(&results.scenarios)
            .map(move |(played, scenario)| (draw.draw, scenario.id.as_str(), played))
    })
}

/// A row per game: draw, scenario, arm, seed, then every KPI.
pub(super) fn runs_csv(results: &Results) -> Result<Vec<u8>, CliError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["draw", "scenario", "arm", "seed"];
    header.extend(results.kpis.iter().map(String::as_str));
    header.push("state_hash");
    csv.write_record(&header)?;
    for (draw, scenario, played) in each_played(results) {
        for run in &played.runs {
            let mut row = vec![
                draw.to_string(),
                scenario.to_string(),
                run.arm.clone(),
                run.seed.to_string(),
            ];
            row.extend(run.kpis.iter().map(f64::to_string));
            row.push(run.state_hash.clone());
            csv.write_record(&row)?;
        }
    }
    finish_csv(csv)
}

/// A row per draw: every drawn number's value; draw 0's cells are empty
/// (each scenario as shipped).
pub(super) fn draws_csv(results: &Results) -> Result<Vec<u8>, CliError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["draw"];
    header.extend(results.columns.iter().map(|column| column.name.as_str()));
    csv.write_record(&header)?;
    for draw in &results.draws {
        let mut row = vec![draw.draw.to_string()];
        match &draw.values {
            None => row.extend(results.columns.iter().map(|_| String::new())),
            Some(values) => row.extend(values.iter().map(f64::to_string)),
        }
        csv.write_record(&row)?;
    }
    finish_csv(csv)
}

/// A row per claim per scenario per draw.
pub(super) fn claims_csv(results: &Results) -> Result<Vec<u8>, CliError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["draw", "scenario", "claim", "applies", "holds", "effect", "note"])?;
    for (draw, scenario, played) in each_played(results) {
        for finding in &played.findings {
            let (applies, holds, effect, note) = match &finding.outcome {
                Ok(r) => (
                    "true",
                    r.holds.to_string(),
                    r.effect.to_string(),
                    r.summary.as_str(),
                ),
                Err(reason) => ("false", String::new(), String::new(), reason.as_str()),
            };
            csv.write_record([
                &draw.to_string(),
                scenario,
                &finding.id,
                applies,
                &holds,
                &effect,
                note,
            ])?;
        }
    }
    finish_csv(csv)
}

fn verdict(outcome: &Option<Result<Verdict, String>>) -> String {
    match outcome {
        Some(Ok(r)) => format!("{} ({:+.3})", if r.holds { "holds" } else { "fails" }, r.effect),
        Some(Err(_)) | None => "n/a".into(),
    }
}

fn share_text(summary: &ClaimSummary) -> String {
    match summary.share() {
        Some(share) => format!("{:.0}% ({}/{})", share * 100.0, summary.holds, summary.applies),
        None => "n/a".into(),
    }
}

fn depends_text(summary: &ClaimSummary) -> String {
    let named: Vec<String> = summary
        .depends_on
        .iter()
        .map(|(name, rho)| format!("{name} ({rho:+.2})"))
        .collect();
    if named.is_empty() {
        "-".into()
    } else {
        named.join(", ")
    }
}

pub(super) fn print_summary(command: &str, summaries: &[ClaimSummary]) {
    println!("{command}\n");
    println!("   claim  scenario         at defaults        holds in          depends most on (Spearman ρ)");
    for summary in summaries {
        let mark = if summary.below_robust() { "!" } else { " " };
        println!(
            "{mark}  {:<6} {:<16} {:<18} {:<17} {}",
            summary.id,
            summary.scenario,
            verdict(&summary.at_defaults),
            share_text(summary),
            depends_text(summary)
        );
    }
    if summaries.iter().any(ClaimSummary::below_robust) {
        println!(
            "\n! holds in fewer than {:.0}% of the draws where it applies",
            ROBUST_SHARE * 100.0
        );
    }
}

pub(super) fn summary_json(results: &Results, summaries: &[ClaimSummary]) -> Value {
    let claims: Vec<Value> = summaries
        .iter()
        .map(|s| {
            let at_defaults = match &s.at_defaults {
                Some(Ok(r)) => {
                    json!({ "applies": true, "holds": r.holds, "effect": r.effect, "summary": r.summary })
                }
                Some(Err(reason)) => json!({ "applies": false, "reason": reason }),
                None => json!({ "applies": false, "reason": "not judged" }),
            };
            let depends: Vec<Value> = s
                .depends_on
                .iter()
                .map(|(name, rho)| json!({ "parameter": name, "rho": rho }))
                .collect();
            json!({
                "claim": s.id,
                "title": s.title,
                "scenario": s.scenario,
                "at_defaults": at_defaults,
                "draws_applying": s.applies,
                "draws_holding": s.holds,
                "share": s.share(),
                "below_80": s.below_robust(),
                "depends_on": depends,
            })
        })
        .collect();
    let scenarios: Vec<Value> = results
        .scenarios
        .iter()
        .map(|s| json!({ "id": s.id, "agents": s.agents, "first_seed": s.first_seed }))
        .collect();
    let header = &results.header;
    json!({
        "command": header.command,
        "vary": header.vary,
        "draws": header.draws,
        "seeds": header.seeds,
        "sample_seed": header.sample_seed,
        "agents": header.agents,
        "parameters": results.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        "scenarios": scenarios,
        "claims": claims,
    })
}

/// What was drawn, in words: "32 draws of the 176 ranges of `sim::RANGES`"
/// and/or of the scenario's own dimensions.
fn drawn_words(results: &Results) -> String {
    let (scenario, params): (Vec<_>, Vec<_>) = results
        .columns
        .iter()
        .partition(|c| c.name.starts_with(super::vary::PREFIX));
    let params = format!("the {} ranges of `sim::RANGES`", params.len());
    let scenario = format!(
        "the {} dimensions of the scenario itself (audience, budgets, start, graph, platforms, events) around each scenario",
        scenario.len()
    );
    let what = match results.header.vary.as_str() {
        "scenario" => scenario,
        "both" => format!("{params} and {scenario}"),
        _ => params,
    };
    format!("{} draws of {what}", results.header.draws)
}

/// A claim × scenario table for `docs/CLAIMS.md`, then what each claim
/// depends on.
pub(super) fn summary_md(results: &Results, summaries: &[ClaimSummary]) -> String {
    let header = &results.header;
    let mut md = String::new();
    let _ = writeln!(md, "Produced by `{}`: {}", header.command, drawn_words(results));
    let _ = writeln!(
        md,
        "(Latin hypercube), {} seeds each; draw 0 is every scenario as shipped. A cell gives the\n\
         verdict at the defaults with its effect, then the share of draws in which the claim holds,\n\
         of the draws where it applies; **bold** is below {:.0}%.\n",
        header.seeds,
        ROBUST_SHARE * 100.0
    );
    let ids: Vec<&str> = results.scenarios.iter().map(|s| s.id.as_str()).collect();
    let _ = writeln!(md, "| Claim | {} |", ids.join(" | "));
    let _ = writeln!(md, "|---|{}", "---|".repeat(ids.len()));
    for row in summaries.chunks(results.scenarios.len().max(1)) {
        let cells: Vec<String> = row
            .iter()
            .map(|s| {
                let share = if s.below_robust() {
                    format!("**{}**", share_text(s))
                } else {
                    share_text(s)
                };
                format!("{} · {share}", verdict(&s.at_defaults))
            })
            .collect();
        let _ = writeln!(md, "| {} {} | {} |", row[0].id, row[0].title, cells.join(" | "));
    }
    let _ = writeln!(
        md,
        "\n| Claim | Scenario | Depends most on (Spearman ρ with the effect) |\n|---|---|---|"
    );
    for s in summaries {
        let _ = writeln!(md, "| {} | {} | {} |", s.id, s.scenario, depends_text(s));
    }
    md
}
