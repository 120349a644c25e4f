//! Class games: rival brands played by teams, round by round, from a class
//! folder (offline) or over HTTP (`rapport class serve`).
//!
//! A [`ClassClient`] reaches a class the same way at either address: at a
//! folder it calls the engine ([`game::ClassGame`]) directly; at a server
//! it calls the JSON API of [`server`] (routes in [`server_api`]).

mod client;
pub mod game;
pub mod server;
pub mod server_api;
mod server_engine;
#[cfg(test)]
mod server_tests;

use crate::files::replay::{Replay, parse_replay};
use crate::sim::{Kpis, Scenario, Shares, Standing, WeekPlan};
use game::ClassGame;
use serde::{Deserialize, Serialize};
use server_api::{self as api, ScenarioSource, StandingsBody, rebuild_scenario};

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
        let client = ClassClient {
            address,
            team: team.trim().to_string(),
            code: code.trim().to_string(),
        };
        client.status()?;
        Ok(client)
    }

    /// The class's scenario (to build and check plans).
    pub fn scenario(&self) -> Result<Scenario, ClassError> {
        match &self.address {
            Address::Folder(dir) => {
                let game = ClassGame::open(dir)?;
                game.authorise(&self.team, &self.code)?;
                game.scenario()
            }
            Address::Server(server) => {
                let source: ScenarioSource = self.request(server, api::SCENARIO).get()?;
                rebuild_scenario(&source).map_err(ClassError::Broken)
            }
        }
    }

    pub fn status(&self) -> Result<RoundStatus, ClassError> {
        match &self.address {
            Address::Folder(dir) => ClassGame::open(dir)?.status(&self.team, &self.code),
            Address::Server(server) => self.request(server, api::STATUS).get(),
        }
    }

    /// Hands in the team's plan for the round being collected (again
    /// replaces it until the round closes). A server takes a plan only
    /// with the round it was made for: this asks the round first, so a
    /// caller that knows the round it planned for should say it
    /// ([`ClassClient::hand_in_for`]), and a plan that arrives after that
    /// round closed is refused as late rather than filed into the next.
    pub fn hand_in(&self, plan: &WeekPlan) -> Result<(), ClassError> {
        match &self.address {
            Address::Folder(_) => self.hand_in_round(None, plan).map(|_| ()),
            Address::Server(_) => {
                let round = self.status()?.round;
                self.hand_in_round(Some(round), plan).map(|_| ())
            }
        }
    }

    /// The same for the round the plan was made for: refused as late when
    /// that round has closed meanwhile. Answers with the new status.
    pub fn hand_in_for(&self, round: u32, plan: &WeekPlan) -> Result<RoundStatus, ClassError> {
        self.hand_in_round(Some(round), plan)
    }

    fn hand_in_round(&self, round: Option<u32>, plan: &WeekPlan) -> Result<RoundStatus, ClassError> {
        match &self.address {
            Address::Folder(dir) => {
                let game = ClassGame::open(dir)?;
                match round {
                    Some(round) => game.hand_in_for(&self.team, &self.code, round, plan)?,
                    None => game.hand_in(&self.team, &self.code, plan)?,
                }
                game.status(&self.team, &self.code)
            }
            Address::Server(server) => {
                let mut request = self.request(server, api::PLAN);
                if let Some(round) = round {
                    request.query.push(("round", round.to_string()));
                }
                let body = serde_json::to_vec(plan).map_err(|e| ClassError::Broken(e.to_string()))?;
                request.post(Some(body))
            }
        }
    }

    /// The team's reports of every closed round, oldest first.
    pub fn reports(&self) -> Result<Vec<TeamReport>, ClassError> {
        match &self.address {
            Address::Folder(dir) => ClassGame::open(dir)?.reports(&self.team, &self.code),
            Address::Server(server) => self.request(server, api::REPORTS).get(),
        }
    }

    /// The standings of the team's market after the last closed round and
    /// the class ranking (empty, round 0, before the first round closes).
    pub fn standings(&self) -> Result<StandingsBody, ClassError> {
        match &self.address {
            Address::Folder(dir) => {
                let game = ClassGame::open(dir)?;
                let Some(last) = game.reports(&self.team, &self.code)?.pop() else {
                    return Ok(StandingsBody::default());
                };
                Ok(StandingsBody {
                    round: last.week,
                    standings: last.standings,
                    class: game.standings(last.week)?.class,
                })
            }
            Address::Server(server) => self.request(server, api::STANDINGS).get(),
        }
    }

    fn request<'a>(&'a self, server: &'a str, route: &'a str) -> client::Request<'a> {
        client::Request {
            server,
            route,
            query: vec![("team", self.team.clone()), ("code", self.code.clone())],
        }
    }
}

fn instructor<'a>(server: &'a str, route: &'a str, key: &str, force: bool) -> client::Request<'a> {
    client::Request {
        server,
        route,
        query: vec![("key", key.trim().to_string()), ("force", force.to_string())],
    }
}

/// The instructor's side: plays the round when every plan is in (or, with
/// `force`, with an empty week for each missing plan). `key` is the
/// instructor key `class new` printed.
pub fn advance(address: &Address, key: &str, force: bool) -> Result<RoundStatus, ClassError> {
    match address {
        Address::Folder(dir) => ClassGame::open(dir)?.advance(key, force),
        Address::Server(server) => instructor(server, api::ADVANCE, key, force).post(None),
    }
}

/// The instructor's side: the whole class game so far as one replay.
pub fn class_replay(address: &Address, key: &str) -> Result<Replay, ClassError> {
    match address {
        Address::Folder(dir) => ClassGame::open(dir)?.replay(),
        Address::Server(server) => {
            let text = instructor(server, api::REPLAY, key, false).get_text()?;
            parse_replay(&format!("{server}{}", api::REPLAY), &text)
                .map_err(|e| ClassError::Broken(e.to_string()))
        }
    }
}
