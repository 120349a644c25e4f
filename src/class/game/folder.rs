//! The class folder on disk: what each file holds, and reading and writing
//! them. Every write is atomic (`files::atomic`); a round is closed by one
//! final write of `rounds.ron`, so the folder shows a round open or closed,
//! never half of one.
//!
//! ```text
//! CLASS_DIR/
//!   class.ron               the class: name, scenario (source and content hash),
//!                           seed, agents, weeks, the markets' teams with their
//!                           join codes, the instructor key (mode 0600)
//!   instructor.txt          the join codes and the key, for the instructor to hand out
//!                           (mode 0600)
//!   roster.ron, class-secret.txt, codes.txt
//!                           with `class new --roster`: the students, the class
//!                           secret and their personal codes (`files::roster`; 0600)
//!   scenario.ron            a copy of the scenario file (when it is not built in)
//!   rounds.ron              the rounds closed: each team's plan as played (an empty
//!                           week for a missing one) and each market's state hash
//!   plans/week-03/team-07.ron     team 7's plan handed in for week 3 (a plans file of one week)
//!   reports/week-03/team-07.json  team 7's report of week 3 (`TeamReport`)
//!   standings/week-03.json        every market's standings after week 3, and the class ranking
//!   replay.ron              the class game so far as one replay
//!   markets.bin             every market's state after the last round (a
//!                           snapshot each, with its model version), so that
//!                           `advance` plays on from there; without it, or when it
//!                           is stale, the rounds are re-played from rounds.ron
//! ```
//!
//! Teams are numbered from 1 in the order `class new` was given them; file
//! names use the number, never the team's name.

use crate::class::ClassError;
use crate::files::atomic::write_atomic;
use crate::sim::{PlannedAction, Standing};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The version of the class folder's files.
pub const CLASS_VERSION: u32 = 1;

/// Largest file of the class folder read back.
const MAX_READ_BYTES: u64 = 16 << 20;

/// `class.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassFile {
    pub version: u32,
    pub class: String,
    /// The scenario's built-in id or the file it came from.
    pub scenario: String,
    /// The content hash of the scenario at the class's size.
    pub scenario_hash: String,
    pub seed: u64,
    pub agents: u32,
    pub weeks: u32,
    /// Every market's teams, in brand order.
    pub markets: Vec<Vec<TeamEntry>>,
    pub instructor_key: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamEntry {
    pub name: String,
    pub code: String,
}

/// One closed round of `rounds.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosedRound {
    pub week: u32,
    /// Per market, per team (brand order): the plan played.
    pub plans: Vec<Vec<Vec<PlannedAction>>>,
    /// Teams that handed nothing in and played an empty week.
    pub missing: Vec<String>,
    /// Per market: the state hash after the week.
    pub state_hashes: Vec<String>,
}

impl ClassFile {
    /// The instructor's sheet: the key and every team's join code.
    pub fn instructor_text(&self, dir: &Path) -> String {
        let c = self;
        let mut text = format!(
            "Class {}: scenario {}, {} weeks, seed {}, {} people; {} teams in {}.\n\n\
             Instructor key (keep it to yourself; `rapport class advance {}` reads it from this folder):\n  {}\n\n\
             Join codes (give each team its own):\n",
            c.class,
            c.scenario,
            c.weeks,
            c.seed,
            c.agents,
            c.markets.iter().map(Vec::len).sum::<usize>(),
            super::rules::markets_count(c.markets.len()),
            dir.display(),
            c.instructor_key
        );
        for (m, teams) in c.markets.iter().enumerate() {
            text.push_str(&format!("  market {}:\n", m + 1));
            for team in teams {
                text.push_str(&format!("    {:<24} {}\n", team.name, team.code));
            }
        }
        text
    }
}

/// Where the class stands, for the instructor.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub class: String,
    pub scenario: String,
    pub seed: u64,
    pub agents: u32,
    /// The round being collected (1-based); `weeks + 1` when the game is over.
    pub round: u32,
    pub weeks: u32,
    /// Per market: each team and whether its plan for the round is in.
    pub markets: Vec<Vec<(String, bool)>>,
}

impl Overview {
    pub fn finished(&self) -> bool {
        self.round > self.weeks
    }

    /// The teams whose plan for the round is missing.
    pub fn waiting_for(&self) -> Vec<String> {
        if self.finished() {
            return Vec::new();
        }
        self.markets
            .iter()
            .flatten()
            .filter(|(_, handed_in)| !handed_in)
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// `standings/week-NN.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundStandings {
    pub week: u32,
    pub weeks: u32,
    /// Per market (market 1 first): its standings, the leader first.
    pub markets: Vec<Vec<Standing>>,
    /// Every team of the class by its market score (mean of its shares).
    pub class: Vec<ClassRank>,
}

/// One line of the class-wide ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassRank {
    pub rank: usize,
    pub team: String,
    /// Its market, from 1.
    pub market: usize,
    /// Its rank in its market.
    pub market_rank: usize,
    pub score: f64,
}

/// Where each file of a class folder is.
#[derive(Clone, Debug)]
pub struct Layout {
    pub dir: PathBuf,
}

impl Layout {
    pub fn class_file(&self) -> PathBuf {
        self.dir.join("class.ron")
    }
    pub fn instructor_file(&self) -> PathBuf {
        self.dir.join("instructor.txt")
    }
    pub fn scenario_copy(&self) -> PathBuf {
        self.dir.join("scenario.ron")
    }
    pub fn rounds_file(&self) -> PathBuf {
        self.dir.join("rounds.ron")
    }
    pub fn replay_file(&self) -> PathBuf {
        self.dir.join("replay.ron")
    }
    pub fn markets_file(&self) -> PathBuf {
        self.dir.join("markets.bin")
    }
    /// `team` counts from 1, as `week` does.
    pub fn plan_file(&self, week: u32, team: usize) -> PathBuf {
        self.dir
            .join("plans")
            .join(format!("week-{week:02}"))
            .join(format!("team-{team:02}.ron"))
    }
    pub fn report_file(&self, week: u32, team: usize) -> PathBuf {
        self.dir
            .join("reports")
            .join(format!("week-{week:02}"))
            .join(format!("team-{team:02}.json"))
    }
    pub fn standings_file(&self, week: u32) -> PathBuf {
        self.dir.join("standings").join(format!("week-{week:02}.json"))
    }
}

/// Writes a file of the class folder atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), ClassError> {
    write_atomic(path, bytes)
        .map_err(|e| ClassError::Broken(format!("{}: cannot write: {e}", path.display())))
}

/// The same for a file only the instructor may read (mode 0600): the class
/// file and the instructor's sheet hold every join code and the key.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ClassError> {
    crate::files::atomic::write_private(path, bytes)
        .map_err(|e| ClassError::Broken(format!("{}: cannot write: {e}", path.display())))
}

/// Reads a file of the class folder (`None` when it is not there).
pub fn read(path: &Path) -> Result<Option<String>, ClassError> {
    if !path.exists() {
        return Ok(None);
    }
    crate::files::read_limited(path, MAX_READ_BYTES)
        .map(Some)
        .map_err(|e| ClassError::Broken(e.to_string()))
}

/// RON as the class folder writes it.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ClassError> {
    let config = ron::ser::PrettyConfig::new().depth_limit(3).struct_names(true);
    ron::ser::to_string_pretty(value, config)
        .map_err(|e| ClassError::Broken(format!("cannot write RON: {e}")))
}

/// Reads a RON file of the class folder, `path:line:col` on a syntax error.
pub fn from_ron<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, ClassError> {
    ron::from_str(text).map_err(|e| {
        ClassError::Broken(format!(
            "{}:{}:{}: {}",
            path.display(),
            e.span.start.line,
            e.span.start.col,
            e.code
        ))
    })
}

pub fn to_json<T: Serialize>(value: &T) -> Result<String, ClassError> {
    serde_json::to_string_pretty(value).map_err(|e| ClassError::Broken(format!("cannot write JSON: {e}")))
}

pub fn from_json<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, ClassError> {
    serde_json::from_str(text)
        .map_err(|e| ClassError::Broken(format!("{}:{}:{}: {e}", path.display(), e.line(), e.column())))
}

/// A join code or key of `length` letters and digits, drawn from the
/// operating system's entropy (through std's randomly keyed hasher): hard
/// to guess, and no part of the model, so no seed makes it.
pub fn fresh_code(length: usize) -> String {
    use std::hash::{BuildHasher, Hasher};
    // No 0/o, 1/l/i: codes are read aloud and copied from a board.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut code = String::with_capacity(length);
    let mut word = 0u64;
    let mut left = 0;
    for n in 0..length {
        if left == 0 {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_usize(n);
            hasher.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            word = hasher.finish();
            // Five letters of 31 from each word (31^5 < 2^25 per draw).
            left = 5;
        }
        code.push(ALPHABET[(word % ALPHABET.len() as u64) as usize] as char);
        word /= ALPHABET.len() as u64;
        left -= 1;
    }
    code
}

/// Two codes compared in time that does not depend on where they differ.
pub fn same_code(given: &str, expected: &str) -> bool {
    let (a, b) = (given.trim().as_bytes(), expected.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
