//! What the class server asks of a class engine, as a trait: the class
//! folder's [`ClassGame`] in play, a small stand-in in the server's own
//! tests (so the HTTP rules are tested without playing a market).

use super::game::ClassGame;
use super::server_api::ScenarioSource;
use super::{ClassError, RoundStatus, TeamReport};
use crate::files::builtin::SCENARIOS;
use crate::sim::WeekPlan;
use std::path::PathBuf;

/// The engine calls the server makes. Every state change is written
/// before the call returns (the server acknowledges only then).
pub trait Engine: Send + 'static {
    /// The class's team names, when the engine can list them (an unknown
    /// team is then told apart from a wrong code).
    fn teams(&self) -> Option<Vec<String>>;
    /// The scenario as a client rebuilds it, or why it cannot be sent.
    fn scenario_source(&self) -> Result<ScenarioSource, String>;
    fn authorise(&self, team: &str, code: &str) -> Result<(), ClassError>;
    fn status(&self, team: &str, code: &str) -> Result<RoundStatus, ClassError>;
    fn hand_in(&self, team: &str, code: &str, plan: &WeekPlan) -> Result<(), ClassError>;
    fn hand_in_text(&self, team: &str, code: &str, text: &str) -> Result<(), ClassError>;
    fn reports(&self, team: &str, code: &str) -> Result<Vec<TeamReport>, ClassError>;
    fn advance(&self, key: &str, force: bool) -> Result<RoundStatus, ClassError>;
    /// `Refused` unless `key` is the instructor key (no state change).
    fn check_key(&self, key: &str) -> Result<(), ClassError>;
    /// The class replay as the text of a replay file.
    fn replay_text(&self) -> Result<String, ClassError>;
}

impl Engine for ClassGame {
    fn teams(&self) -> Option<Vec<String>> {
        let replay = self.replay().ok()?;
        let _ = replay;
        None
    }

    fn scenario_source(&self) -> Result<ScenarioSource, String> {
        let replay = self.replay().map_err(|e| e.to_string())?;
        let scenario = self.scenario().map_err(|e| e.to_string())?;
        let source = ScenarioSource {
            source: replay.scenario.clone(),
            text: None,
            agents: scenario.agents,
        };
        if SCENARIOS.iter().any(|(id, _)| *id == source.source) {
            return check_rebuilds(source, &scenario);
        }
        // A scenario file: the path as `class new` was given it (from the
        // folder the server was started in), else beside the class folder.
        let path = PathBuf::from(&source.source);
        let candidates = [
            path.clone(),
            self.dir().join(&path),
            self.dir().join(path.file_name().unwrap_or_default()),
        ];
        for candidate in candidates {
            if let Ok(text) = std::fs::read_to_string(&candidate) {
                let with_text = ScenarioSource {
                    text: Some(text),
                    ..source.clone()
                };
                if let Ok(found) = check_rebuilds(with_text, &scenario) {
                    return Ok(found);
                }
            }
        }
        Err(format!(
            "the server cannot find the scenario file `{}` as the class was made with it",
            source.source
        ))
    }

    fn authorise(&self, team: &str, code: &str) -> Result<(), ClassError> {
        ClassGame::authorise(self, team, code)
    }

    fn status(&self, team: &str, code: &str) -> Result<RoundStatus, ClassError> {
        ClassGame::status(self, team, code)
    }

    fn hand_in(&self, team: &str, code: &str, plan: &WeekPlan) -> Result<(), ClassError> {
        ClassGame::hand_in(self, team, code, plan)
    }

    fn hand_in_text(&self, team: &str, code: &str, text: &str) -> Result<(), ClassError> {
        ClassGame::hand_in_text(self, team, code, text)
    }

    fn reports(&self, team: &str, code: &str) -> Result<Vec<TeamReport>, ClassError> {
        ClassGame::reports(self, team, code)
    }

    fn advance(&self, key: &str, force: bool) -> Result<RoundStatus, ClassError> {
        ClassGame::advance(self, key, force)
    }

    fn check_key(&self, key: &str) -> Result<(), ClassError> {
        let _ = key;
        Err(ClassError::Refused(
            "the instructor key cannot be checked yet".into(),
        ))
    }

    fn replay_text(&self) -> Result<String, ClassError> {
        Ok(self.replay()?.to_text())
    }
}

/// `source` if a client rebuilding the scenario from it gets the class's.
fn check_rebuilds(source: ScenarioSource, scenario: &crate::sim::Scenario) -> Result<ScenarioSource, String> {
    let rebuilt = super::server_api::rebuild_scenario(&source)?;
    if rebuilt == *scenario {
        Ok(source)
    } else {
        Err(format!(
            "the scenario `{}` has changed since the class was made",
            source.source
        ))
    }
}
