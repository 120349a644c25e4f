//! What the class server asks of a class engine, as a trait: the class
//! folder's [`ClassGame`] in play, a small stand-in in the server's own
//! tests (so the HTTP rules are tested without playing a market).

use super::game::folder::same_code;
use super::game::{ClassGame, Layout};
use super::server_api::{ScenarioSource, StandingsBody, rebuild_scenario};
use super::{ClassError, RoundStatus, TeamReport};
use crate::files::builtin::SCENARIOS;
use crate::sim::WeekPlan;

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
    /// A plan for round `round`: refused as late when that round closed.
    fn hand_in_for(&self, team: &str, code: &str, round: u32, plan: &WeekPlan) -> Result<(), ClassError>;
    /// A plans file's text for round `round` (refused as `hand_in_for` is).
    fn hand_in_text_for(&self, team: &str, code: &str, round: u32, text: &str) -> Result<(), ClassError> {
        self.authorise(team, code)?;
        let plan = super::game::plan_of_text("plan", text)?;
        self.hand_in_for(team, code, round, &plan)
    }
    /// The team's market standings and the class ranking after the last
    /// closed round.
    fn standings(&self, team: &str, code: &str) -> Result<StandingsBody, ClassError>;
    fn reports(&self, team: &str, code: &str) -> Result<Vec<TeamReport>, ClassError>;
    fn advance(&self, key: &str, force: bool) -> Result<RoundStatus, ClassError>;
    /// `Refused` unless `key` is the instructor key (no state change).
    fn check_key(&self, key: &str) -> Result<(), ClassError>;
    /// The class replay as the text of a replay file.
    fn replay_text(&self) -> Result<String, ClassError>;
}

impl Engine for ClassGame {
    fn teams(&self) -> Option<Vec<String>> {
        Some(ClassGame::teams(self).into_iter().map(|team| team.name).collect())
    }

    fn scenario_source(&self) -> Result<ScenarioSource, String> {
        let class = self.class_file();
        let scenario = self.scenario().map_err(|e| e.to_string())?;
        // `class new` keeps a copy of a scenario file in the folder; a
        // built-in scenario has none, and the client knows its text.
        let copy = Layout {
            dir: self.dir().to_path_buf(),
        }
        .scenario_copy();
        let text = match std::fs::read_to_string(&copy) {
            Ok(text) => Some(text),
            Err(_) if SCENARIOS.iter().any(|(id, _)| *id == class.scenario) => None,
            Err(e) => {
                return Err(format!(
                    "{}: cannot read the class's scenario: {e}",
                    copy.display()
                ));
            }
        };
        let source = ScenarioSource {
            source: class.scenario.clone(),
            text,
            agents: class.agents,
        };
        let rebuilt = rebuild_scenario(&source)?;
        if rebuilt == scenario {
            Ok(source)
        } else {
            Err(format!(
                "the scenario `{}` is not the one the class plays",
                source.source
            ))
        }
    }

    fn authorise(&self, team: &str, code: &str) -> Result<(), ClassError> {
        ClassGame::authorise(self, team, code)
    }

    fn status(&self, team: &str, code: &str) -> Result<RoundStatus, ClassError> {
        ClassGame::status(self, team, code)
    }

    fn hand_in_for(&self, team: &str, code: &str, round: u32, plan: &WeekPlan) -> Result<(), ClassError> {
        ClassGame::hand_in_for(self, team, code, round, plan)
    }

    fn reports(&self, team: &str, code: &str) -> Result<Vec<TeamReport>, ClassError> {
        ClassGame::reports(self, team, code)
    }

    fn standings(&self, team: &str, code: &str) -> Result<StandingsBody, ClassError> {
        let Some(last) = ClassGame::reports(self, team, code)?.pop() else {
            return Ok(StandingsBody::default());
        };
        Ok(StandingsBody {
            round: last.week,
            standings: last.standings,
            class: ClassGame::standings(self, last.week)?.class,
        })
    }

    fn advance(&self, key: &str, force: bool) -> Result<RoundStatus, ClassError> {
        ClassGame::advance(self, key, force)
    }

    fn check_key(&self, key: &str) -> Result<(), ClassError> {
        if same_code(key, self.instructor_key()) {
            Ok(())
        } else {
            Err(ClassError::Refused("wrong instructor key".into()))
        }
    }

    fn replay_text(&self) -> Result<String, ClassError> {
        Ok(self.replay()?.to_text())
    }
}
