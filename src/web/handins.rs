//! The dashboard's grades and comparison of solo hand-ins, and guards
//! shared by every sign-in form.
//!
//! Grading is `report::grading` (what `rapport grade` runs): every hand-in
//! verified on the scenario as this server plays it (its seed and size),
//! tied to its student by the roster's keyed seal, scored by the
//! scenario's rubric (or its goals alone), compared with the others and
//! with the built-in strategies action by action. The comparison draws
//! `report::projector`'s charts (what `rapport compare` draws).

use crate::files::builtin::find_rubric;
use crate::files::replay::verify_file_with;
use crate::files::roster::Roster;
use crate::files::scenario::Rubric;
use crate::report::grading::{GradeOptions, discover, grade_hand_ins, read_hand_ins};
use crate::sim::{Scenario, Simulation};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `grades.csv` of the hand-ins in `dir`: each verified on `scenario` (the
/// scenario `source` names, at the size the server plays it), ranked by
/// `source`'s rubric or its goals alone; with a roster, a hand-in ranks
/// only when its student's own code sealed it.
pub fn grades_csv(
    scenario: &Scenario,
    source: &str,
    dir: &Path,
    roster: Option<&Roster>,
) -> Result<Vec<u8>, String> {
    let found = discover(&[dir.to_path_buf()])?;
    if found.files.is_empty() {
        return Err("there is no hand-in to grade yet".into());
    }
    let rubric = find_rubric(source).map_err(|e| e.to_string())?;
    let options = GradeOptions {
        roster,
        hidden_seeds: 0,
        class_code: None,
        rubric: rubric.unwrap_or(Rubric::GOALS),
    };
    grade_hand_ins(scenario, read_hand_ins(&found.files), &options, &|_, _| {})?.csv()
}

/// The comparison's charts of every hand-in that verifies on `scenario`
/// (a line per student, best first), written into `out`.
pub fn compare_charts(scenario: &Scenario, files: &[PathBuf], out: &Path) -> Result<Vec<PathBuf>, String> {
    let mut played: Vec<(String, f64, Simulation)> = files
        .iter()
        .filter_map(|path| verify_file_with(path, Some(scenario)).ok())
        .map(|(replay, simulation)| (replay.player, replay.kpis.score, simulation))
        .collect();
    if played.is_empty() {
        return Err("no hand-in verifies, so there is nothing to compare".into());
    }
    played.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let named: Vec<(String, &Simulation)> = played.iter().map(|(n, _, s)| (n.clone(), s)).collect();
    crate::report::projector::compare_charts(out, &named).map_err(|e| e.to_string())
}

/// Failed sign-ins a name (a team's, a student's) may take in a window of
/// time, from any session: guessing a code from many browsers is slowed
/// down as much as from one.
const FAILURES_PER_NAME: u32 = 20;
const FAILURE_WINDOW: Duration = Duration::from_secs(600);

/// Failed sign-ins by name.
#[derive(Default)]
pub struct FailedSignIns {
    by_name: Mutex<BTreeMap<String, (u32, Instant)>>,
}

impl FailedSignIns {
    fn key(name: &str) -> String {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    /// Whether `name` may try again now.
    pub fn may_try(&self, name: &str) -> bool {
        let map = self.by_name.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(&Self::key(name)) {
            Some(&(count, since)) => count < FAILURES_PER_NAME || since.elapsed() > FAILURE_WINDOW,
            None => true,
        }
    }

    /// Counts a failure of `name`.
    pub fn failed(&self, name: &str) {
        let mut map = self.by_name.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (_, since)| since.elapsed() <= FAILURE_WINDOW);
        }
        let entry = map.entry(Self::key(name)).or_insert((0, Instant::now()));
        if entry.1.elapsed() > FAILURE_WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }
}
