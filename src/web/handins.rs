//! What the dashboard borrows from the command line, and guards shared by
//! every sign-in form.
//!
//! Grading and comparing hand-ins are `rapport grade` and `rapport compare`:
//! the command line hands the server its own functions ([`Hooks`]) when it
//! starts it, so the dashboard runs exactly that code and `web` never
//! imports `cli`. When issue 25 moves grading into a library module, the
//! hooks become direct calls.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `grade --scenario S DIR` as CSV bytes.
pub type GradeCsv = fn(scenario: &str, dir: &Path) -> Result<Vec<u8>, String>;
/// `compare FILES --out DIR`: the chart files written.
pub type CompareCharts = fn(files: &[PathBuf], out: &Path) -> Result<Vec<PathBuf>, String>;

/// The command line's functions the dashboard calls.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hooks {
    pub grade_csv: Option<GradeCsv>,
    pub compare_charts: Option<CompareCharts>,
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
