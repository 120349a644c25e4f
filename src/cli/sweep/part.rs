//! Sweeps on a cluster: `rapport sweep ... --shard I/N` plays only the draws
//! `d` with `d % N == I - 1` and writes them to a part file
//! (`part-I-of-N.json`); `rapport sweep merge PART...` checks that the parts
//! make one whole sweep and puts its draws back in order, from which the
//! five files are written exactly as an unsharded run writes them.
//!
//! A part is one JSON document: a format name and version, the model
//! version, which shard it is, and the sweep's [`Results`] restricted to the
//! shard's draws (the command line and header, the scenarios, the drawn
//! numbers' names, the KPIs' names, and every game and every claim judged
//! under each of its draws). Floats are strings that read back to the same
//! number, so a merged sweep is byte for byte the unsharded one.

use super::outcome::{Draw, Results};
use crate::cli::error::CliError;
use crate::files::atomic::write_atomic_shared;
use crate::sim::MODEL_VERSION;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a part file says it is.
const PART_FORMAT: &str = "rapport sweep part";
/// The layout of a part; a change that an older `merge` could misread
/// raises it.
const PART_VERSION: u32 = 1;
/// Most shards a sweep may be cut into.
pub const MAX_SHARDS: usize = 10_000;

/// One share of a sweep's draws: shard `index` (from 1) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Reads `I/N` (`--shard 2/4`).
    pub fn parse(text: &str) -> Result<Shard, String> {
        let expected = || format!("`{text}` is not a shard; expected I/N with 1 <= I <= N, such as 2/4");
        let (index, count) = text.split_once('/').ok_or_else(expected)?;
        let (index, count): (usize, usize) = (
            index.trim().parse().map_err(|_| expected())?,
            count.trim().parse().map_err(|_| expected())?,
        );
        if index == 0 || index > count {
            return Err(expected());
        }
        if count > MAX_SHARDS {
            return Err(format!("{count} shards are more than {MAX_SHARDS}"));
        }
        Ok(Shard { index, count })
    }

    /// Whether this shard plays draw `draw` (draw 0 is shard 1's).
    pub fn holds(self, draw: usize) -> bool {
        draw % self.count == self.index - 1
    }

    pub fn file_name(self) -> String {
        format!("part-{}-of-{}.json", self.index, self.count)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "shard {} of {}", self.index, self.count)
    }
}

/// A part file: written from borrowed results, read into owned ones.
#[derive(Serialize, Deserialize)]
struct Part<R> {
    format: String,
    version: u32,
    model_version: u32,
    shard: Shard,
    results: R,
}

/// Writes a shard's results to `out/part-I-of-N.json`; returns the path.
pub fn write(out: &Path, shard: Shard, results: &Results) -> Result<PathBuf, CliError> {
    let part = Part {
        format: PART_FORMAT.to_string(),
        version: PART_VERSION,
        model_version: MODEL_VERSION,
        shard,
        results,
    };
    let path = out.join(shard.file_name());
    let mut bytes = serde_json::to_vec(&part)?;
    bytes.push(b'\n');
    // Shards on other machines may be writing into the same folder.
    write_atomic_shared(&path, &bytes)
        .map_err(|e| CliError(format!("{}: cannot write: {e}", path.display())))?;
    Ok(path)
}

fn read(path: &Path) -> Result<Part<Results>, CliError> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| CliError(format!("{name}: cannot read: {e}")))?;
    // The format and version first, so that another file or another
    // layout is named as such rather than as a puzzling field.
    #[derive(Deserialize)]
    struct Kind {
        format: Option<String>,
        version: Option<u32>,
    }
    let kind: Kind = serde_json::from_slice(&bytes)
        .map_err(|e| CliError(format!("{name}: not a part of a sweep (not JSON: {e})")))?;
    if kind.format.as_deref() != Some(PART_FORMAT) {
        return Err(CliError(format!(
            "{name}: not a part of a sweep (it does not say `\"format\": \"{PART_FORMAT}\"`)"
        )));
    }
    if kind.version != Some(PART_VERSION) {
        return Err(CliError(format!(
            "{name}: part format version {}; this rapport reads version {PART_VERSION}",
            kind.version.map_or("unknown".into(), |v| v.to_string())
        )));
    }
    serde_json::from_slice(&bytes).map_err(|e| CliError(format!("{name}: a damaged part: {e}")))
}

/// Reads the parts and puts their draws back in draw order, after checking
/// that they are every shard of one sweep exactly once.
pub fn merge(paths: &[PathBuf]) -> Result<Results, CliError> {
    let parts: Vec<(String, Part<Results>)> = paths
        .iter()
        .map(|path| Ok((path.display().to_string(), read(path)?)))
        .collect::<Result<_, CliError>>()?;
    let Some((first_name, first)) = parts.first() else {
        return Err(CliError("no part to merge".into()));
    };
    let count = first.shard.count;
    for (name, part) in &parts {
        if !(1..=part.shard.count).contains(&part.shard.index) {
            return Err(CliError(format!(
                "{name}: a damaged part: it says it is shard {} of {}",
                part.shard.index, part.shard.count
            )));
        }
    }
    for (name, part) in &parts[1..] {
        same_sweep(name, part, first_name, first)?;
    }
    let mut holder: Vec<Option<&str>> = vec![None; count];
    for (name, part) in &parts {
        let slot = &mut holder[part.shard.index - 1];
        if let Some(other) = slot {
            return Err(CliError(format!(
                "{other} and {name} are both {}; give each shard once",
                part.shard
            )));
        }
        *slot = Some(name);
    }
    let missing: Vec<String> = (1..=count)
        .filter(|i| holder[i - 1].is_none())
        .map(|i| i.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(CliError(format!(
            "shard {} of {count} {} missing; merge needs every part of the sweep",
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" }
        )));
    }

    // What every part shares (checked above); the draws come from each.
    let results = &first.results;
    let mut merged = Results {
        header: results.header.clone(),
        scenarios: results.scenarios.clone(),
        columns: results.columns.clone(),
        kpis: results.kpis.clone(),
        draws: Vec::new(),
    };
    let draws = merged.header.draws;
    let mut shards: Vec<std::vec::IntoIter<Draw>> = vec![Vec::new().into_iter(); count];
    for (name, part) in parts {
        let expected: Vec<usize> = (0..=draws).filter(|&d| part.shard.holds(d)).collect();
        let found: Vec<usize> = part.results.draws.iter().map(|d| d.draw).collect();
        if found != expected {
            return Err(CliError(format!(
                "{name}: does not hold the draws of {} of a sweep of {draws} draws",
                part.shard
            )));
        }
        check_shapes(&name, &part.results)?;
        shards[part.shard.index - 1] = part.results.draws.into_iter();
    }
    merged.draws = (0..=draws)
        .map(|d| {
            shards[d % count]
                .next()
                .expect("every draw was checked to be there")
        })
        .collect();
    Ok(merged)
}

/// Refuses a part whose draws do not have the shape its header gives (a
/// file edited or cut short by hand), so that the summary never reads past
/// the end of a list.
fn check_shapes(name: &str, results: &Results) -> Result<(), CliError> {
    let damaged = |what: String| Err(CliError(format!("{name}: a damaged part: {what}")));
    let columns = results.columns.len();
    if let Some(scenario) = results.scenarios.iter().find(|s| s.acts.len() != columns) {
        return damaged(format!(
            "scenario {} does not cover {columns} drawn numbers",
            scenario.id
        ));
    }
    for draw in &results.draws {
        let values = draw.values.as_ref().map(Vec::len);
        let expected = (draw.draw > 0).then_some(columns);
        if values != expected {
            return damaged(format!(
                "draw {} does not hold {columns} drawn numbers",
                draw.draw
            ));
        }
        if draw.played.len() != results.scenarios.len() {
            return damaged(format!(
                "draw {} holds {} scenarios, not {}",
                draw.draw,
                draw.played.len(),
                results.scenarios.len()
            ));
        }
        let runs = draw.played.iter().flat_map(|played| &played.runs);
        if let Some(run) = runs.into_iter().find(|run| run.kpis.len() != results.kpis.len()) {
            return damaged(format!(
                "draw {}: a run of {} has {} KPIs, not {}",
                draw.draw,
                run.arm,
                run.kpis.len(),
                results.kpis.len()
            ));
        }
    }
    Ok(())
}

/// Refuses a part that is not of the same sweep as the first one.
fn same_sweep(
    name: &str,
    part: &Part<Results>,
    first_name: &str,
    first: &Part<Results>,
) -> Result<(), CliError> {
    let (a, b) = (&part.results, &first.results);
    if a.header.command != b.header.command {
        return Err(CliError(format!(
            "{name} is a part of another sweep than {first_name}:\n  {name}: {}\n  {first_name}: {}",
            a.header.command, b.header.command
        )));
    }
    if part.shard.count != first.shard.count {
        return Err(CliError(format!(
            "{name} is {} but {first_name} is {}: the parts of a sweep are cut the same way",
            part.shard, first.shard
        )));
    }
    let differs = [
        (part.model_version != first.model_version, "model version"),
        (a.header != b.header, "header"),
        (a.scenarios != b.scenarios, "scenarios"),
        (a.columns != b.columns, "drawn numbers"),
        (a.kpis != b.kpis, "KPIs"),
    ];
    if let Some((_, what)) = differs.iter().find(|(differ, _)| *differ) {
        return Err(CliError(format!(
            "{name} and {first_name} have the same command but different {what}: \
             they were made by different versions of rapport or from different scenario files"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_is_read_from_i_slash_n_and_holds_every_nth_draw() {
        let shard = Shard::parse("2/4").unwrap();
        assert_eq!(shard, Shard { index: 2, count: 4 });
        assert_eq!(shard.file_name(), "part-2-of-4.json");
        let held: Vec<usize> = (0..10).filter(|&d| shard.holds(d)).collect();
        assert_eq!(held, [1, 5, 9]);
        assert!(Shard::parse("1/4").unwrap().holds(0), "draw 0 is shard 1's");
        assert!(Shard::parse("1/1").unwrap().holds(7));
        for bad in ["0/4", "5/4", "4", "a/b", "/", "1/0", "-1/2"] {
            let message = Shard::parse(bad).unwrap_err();
            assert!(message.contains(bad), "{bad}: {message}");
        }
        assert!(Shard::parse("1/99999").is_err());
    }
}
