//! The class server's JSON API as both ends see it: the routes, the
//! request parameters and the bodies that are not engine types. One
//! definition, so the server and the client cannot drift apart.

use super::game::ClassRank;
use crate::files::builtin::{SCENARIOS, find_scenario};
use crate::files::scenario::{parse_scenario, resize};
use crate::sim::{Scenario, Standing};
use serde::{Deserialize, Serialize};

/// `GET`: where a team stands (`RoundStatus`).
pub const STATUS: &str = "/api/status";
/// `GET`: the class scenario ([`ScenarioSource`]).
pub const SCENARIO: &str = "/api/scenario";
/// `POST`: hands in the team's plan (a `WeekPlan` as JSON, or a plans
/// file's text); answers with the team's `RoundStatus`.
pub const PLAN: &str = "/api/plan";
/// `GET`: the team's reports of every closed round (`[TeamReport]`).
pub const REPORTS: &str = "/api/reports";
/// `GET`: the team's market standings after the last closed round
/// ([`StandingsBody`]).
pub const STANDINGS: &str = "/api/standings";
/// `POST` (instructor key): plays the round (`RoundStatus`).
pub const ADVANCE: &str = "/api/advance";
/// `GET` (instructor key): the class replay, as the text of a replay file.
pub const REPLAY: &str = "/api/replay";

/// Who is asking: a team and its join code (every team request).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TeamQuery {
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub code: String,
}

/// A hand-in's parameters: the team, its code and, optionally, the round
/// the plan was made for (a plan for a round that has closed is late).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PlanQuery {
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub code: String,
    pub round: Option<u32>,
}

/// The instructor's parameters.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InstructorQuery {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub force: bool,
}

/// The class scenario as a client rebuilds it: a built-in id, or a file's
/// name and text; then resized to the class's audience.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioSource {
    pub source: String,
    /// The scenario file's text; `None` for a built-in scenario.
    pub text: Option<String>,
    pub agents: u32,
}

/// The standings of the team's market after the last closed round, and
/// the class-wide ranking by market score (`round` 0 and no lines before
/// the first round closes).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StandingsBody {
    pub round: u32,
    pub standings: Vec<Standing>,
    pub class: Vec<ClassRank>,
}

/// Every refusal and failure: the reason, in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
}

/// The scenario a client builds from what the server sent: a built-in one
/// by id (never a file of the client's own), or the file text sent, at the
/// class's audience size.
pub fn rebuild_scenario(source: &ScenarioSource) -> Result<Scenario, String> {
    let scenario = match &source.text {
        Some(text) => parse_scenario(&source.source, text).map_err(|e| e.to_string())?,
        None if SCENARIOS.iter().any(|(id, _)| *id == source.source) => {
            find_scenario(&source.source).map_err(|e| e.to_string())?
        }
        None => {
            return Err(format!(
                "the class sent no text for its scenario file `{}`",
                source.source
            ));
        }
    };
    if scenario.agents == source.agents {
        return Ok(scenario);
    }
    resize(&scenario, source.agents).map_err(|e| e.to_string())
}
