//! The files and the printout of `rapport sweep`: a CSV row per game, per
//! draw and per claim judged, and the summary as a table for the terminal,
//! as JSON and as Markdown ready for `docs/CLAIMS.md`.

use super::outcome::{ClaimSummary, Evaluation, Finding, ROBUST_SHARE};
use crate::cli::error::CliError;
use crate::files::atomic::write_atomic;
use crate::sim::{Kpis, RANGES, Scenario};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

/// What a sweep was asked to do, as its files and printout state it.
pub(super) struct Header {
    /// The command that reproduces the sweep (without where it wrote).
    pub command: String,
    pub draws: usize,
    pub seeds: usize,
    pub sample_seed: u64,
    pub agents: Option<u32>,
}

pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    write_atomic(path, bytes).map_err(|e| CliError(format!("{}: cannot write: {e}", path.display())))
}

fn finish_csv(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, CliError> {
    writer.into_inner().map_err(|e| CliError(e.to_string()))
}

/// A row per game: draw, scenario, arm, seed, then every KPI.
pub(super) fn runs_csv(scenarios: &[Arc<Scenario>], results: &[Evaluation]) -> Result<Vec<u8>, CliError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let names: Vec<&str> = Kpis::default().numeric().iter().map(|(name, _)| *name).collect();
    let mut header = vec!["draw", "scenario", "arm", "seed"];
    header.extend(&names);
    header.push("state_hash");
    csv.write_record(&header)?;
    for (i, outcome) in results.iter().enumerate() {
        let (draw, scenario) = (i / scenarios.len(), &scenarios[i % scenarios.len()].id);
        for run in &outcome.runs {
            let mut row = vec![
                draw.to_string(),
                scenario.clone(),
                run.arm.clone(),
                run.seed.to_string(),
            ];
            row.extend(run.kpis.numeric().iter().map(|(_, value)| value.to_string()));
            row.push(run.kpis.state_hash.clone());
            csv.write_record(&row)?;
        }
    }
    finish_csv(csv)
}

/// A row per draw: every parameter's value; draw 0's cells are empty (each
/// scenario as shipped).
pub(super) fn draws_csv(draws: &[Option<Vec<f64>>]) -> Result<Vec<u8>, CliError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["draw"];
    header.extend(RANGES.iter().map(|range| range.name));
    csv.write_record(&header)?;
    for (d, values) in draws.iter().enumerate() {
        let mut row = vec![d.to_string()];
        match values {
            None => row.extend(RANGES.iter().map(|_| String::new())),
            Some(values) => row.extend(values.iter().map(|v| v.to_string())),
        }
        csv.write_record(&row)?;
    }
    finish_csv(csv)
}

/// A row per claim per scenario per draw.
pub(super) fn claims_csv(scenarios: &[Arc<Scenario>], results: &[Evaluation]) -> Result<Vec<u8>, CliError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["draw", "scenario", "claim", "applies", "holds", "effect", "note"])?;
    for (i, outcome) in results.iter().enumerate() {
        let (draw, scenario) = (i / scenarios.len(), &scenarios[i % scenarios.len()].id);
        for finding in &outcome.findings {
            let (applies, holds, effect, note) = match &finding.outcome {
                Ok(r) => (
                    "true",
                    r.holds.to_string(),
                    r.effect.to_string(),
                    r.summary.as_str(),
                ),
                Err(reason) => ("false", String::new(), String::new(), *reason),
            };
            csv.write_record([
                &draw.to_string(),
                scenario,
                finding.id,
                applies,
                &holds,
                &effect,
                note,
            ])?;
        }
    }
    finish_csv(csv)
}

fn verdict(outcome: &Option<Result<Finding, &'static str>>) -> String {
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

pub(super) fn summary_json(
    header: &Header,
    scenarios: &[Arc<Scenario>],
    summaries: &[ClaimSummary],
) -> Value {
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
    let scenarios: Vec<Value> = scenarios
        .iter()
        .map(|s| json!({ "id": s.id, "agents": s.agents, "first_seed": s.seed }))
        .collect();
    json!({
        "command": header.command,
        "draws": header.draws,
        "seeds": header.seeds,
        "sample_seed": header.sample_seed,
        "agents": header.agents,
        "parameters": RANGES.iter().map(|r| r.name).collect::<Vec<_>>(),
        "scenarios": scenarios,
        "claims": claims,
    })
}

/// A claim × scenario table for `docs/CLAIMS.md`, then what each claim
/// depends on.
pub(super) fn summary_md(header: &Header, scenarios: &[Arc<Scenario>], summaries: &[ClaimSummary]) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "Produced by `{}`: {} draws of the {} ranges of `sim::RANGES`",
        header.command,
        header.draws,
        RANGES.len()
    );
    let _ = writeln!(
        md,
        "(Latin hypercube), {} seeds each; draw 0 is every scenario as shipped. A cell gives the\n\
         verdict at the defaults with its effect, then the share of draws in which the claim holds,\n\
         of the draws where it applies; **bold** is below {:.0}%.\n",
        header.seeds,
        ROBUST_SHARE * 100.0
    );
    let ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
    let _ = writeln!(md, "| Claim | {} |", ids.join(" | "));
    let _ = writeln!(md, "|---|{}", "---|".repeat(ids.len()));
    for row in summaries.chunks(scenarios.len().max(1)) {
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
