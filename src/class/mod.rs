//! Class games: rival brands played by teams, round by round, from a class
//! folder (offline) or over HTTP (`rapport class serve`).
//!
//! STUB written before the work is split: the types and signatures below
//! are the interface the window codes against; the class helper fills
//! them in (and may add to them, without breaking these signatures).

pub mod game;
pub mod server;

use crate::sim::{Kpis, Scenario, Shares, Standing, WeekPlan};
use serde::{Deserialize, Serialize};

/// Where a class game lives: a class folder, or a server's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    Folder(std::path::PathBuf),
    /// `http://host:port`
    Server(String),
}

impl Address {
    /// `http://...` is a server; anything else a folder.
    pub fn parse(text: &str) -> Address {
        let text = text.trim();
        if text.starts_with("http://") || text.starts_with("https://") {
            Address::Server(text.trim_end_matches('/').to_string())
        } else {
            Address::Folder(std::path::PathBuf::from(text))
        }
    }
}

/// Why a class request failed, in words for the person who made it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ClassError {
    #[error("{0}")]
    Refused(String),
    #[error("cannot reach the class: {0}")]
    Unreachable(String),
    #[error("{0}")]
    Broken(String),
}

/// Where a team stands in the class game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundStatus {
    pub class: String,
    pub team: String,
    /// The scenario's built-in id or file name.
    pub scenario: String,
    /// The round being collected (1-based); `weeks + 1` when the game is over.
    pub round: u32,
    pub weeks: u32,
    /// Whether this team's plan for the round is in.
    pub handed_in: bool,
    /// Teams whose plan for the round is still missing.
    pub waiting_for: u32,
    pub finished: bool,
}

/// One team's report after a round closes: its own figures, its shares of
/// the market, and the standings (no other team's plans).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamReport {
    pub team: String,
    /// The round (week) this report closes, 1-based.
    pub week: u32,
    pub weeks: u32,
    pub kpis: Kpis,
    pub shares: Shares,
    pub standings: Vec<Standing>,
    /// What happened to the team this week, in sentences.
    pub lines: Vec<String>,
    /// The team's own plan for that week.
    pub plan: WeekPlan,
}

/// A team's connection to its class game.
#[derive(Clone, Debug)]
pub struct ClassClient {
    pub address: Address,
    pub team: String,
    code: String,
}

impl ClassClient {
    /// Joins as `team` with its join code (checked by the class).
    pub fn join(address: Address, team: &str, code: &str) -> Result<ClassClient, ClassError> {
        let _ = (&address, team, code);
        Err(ClassError::Broken("class games are not built yet".into()))
    }

    /// The class's scenario (to build and check plans).
    pub fn scenario(&self) -> Result<Scenario, ClassError> {
        let _ = &self.code;
        Err(ClassError::Broken("class games are not built yet".into()))
    }

    pub fn status(&self) -> Result<RoundStatus, ClassError> {
        Err(ClassError::Broken("class games are not built yet".into()))
    }

    /// Hands in the team's plan for the round being collected (again
    /// replaces it until the round closes).
    pub fn hand_in(&self, plan: &WeekPlan) -> Result<(), ClassError> {
        let _ = plan;
        Err(ClassError::Broken("class games are not built yet".into()))
    }

    /// The team's reports of every closed round, oldest first.
    pub fn reports(&self) -> Result<Vec<TeamReport>, ClassError> {
        Err(ClassError::Broken("class games are not built yet".into()))
    }
}

/// The instructor's side: plays the round when every plan is in (or, with
/// `force`, with an empty week for each missing plan). `key` is the
/// instructor key `class new` printed.
pub fn advance(address: &Address, key: &str, force: bool) -> Result<RoundStatus, ClassError> {
    let _ = (address, key, force);
    Err(ClassError::Broken("class games are not built yet".into()))
}
