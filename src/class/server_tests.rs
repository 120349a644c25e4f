//! The server's HTTP rules (who may read and write what, and which status
//! each refusal gets), over loopback, against a stand-in engine: the real
//! engine's games are tested in `tests/suite/class_server.rs`.

use super::server::serve_engine;
use super::server_api::{self as api, ScenarioSource, StandingsBody};
use super::server_engine::Engine;
use super::{Address, ClassClient, ClassError, RoundStatus, TeamReport, advance, class_replay};
use crate::sim::{ActionKind, Kpis, PlannedAction, Shares, WeekPlan};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc;

const TEAMS: [(&str, &str); 2] = [("Alpha", "alpha-1"), ("Beta", "beta-2")];
const KEY: &str = "teacher";
const WEEKS: u32 = 2;

/// Two teams, two rounds; a plan of more than three actions is over budget.
#[derive(Default)]
struct StandIn {
    state: Mutex<(u32, BTreeMap<String, WeekPlan>, Vec<(String, WeekPlan)>)>,
}

impl StandIn {
    fn status_of(&self, team: &str) -> RoundStatus {
        let state = self.state.lock().unwrap();
        let round = state.0 + 1;
        RoundStatus {
            class: "test".into(),
            team: team.into(),
            scenario: "corner_bakery".into(),
            round,
            weeks: WEEKS,
            handed_in: state.1.contains_key(team),
            waiting_for: (TEAMS.len() - state.1.len()) as u32,
            finished: round > WEEKS,
        }
    }
}

impl Engine for StandIn {
    fn teams(&self) -> Option<Vec<String>> {
        Some(TEAMS.iter().map(|(name, _)| name.to_string()).collect())
    }

    fn scenario_source(&self) -> Result<ScenarioSource, String> {
        Ok(ScenarioSource {
            source: "corner_bakery".into(),
            text: None,
            agents: 500,
        })
    }

    fn authorise(&self, team: &str, code: &str) -> Result<(), ClassError> {
        match TEAMS.iter().find(|(name, _)| *name == team) {
            Some((_, known)) if *known == code => Ok(()),
            Some(_) => Err(ClassError::Refused(format!("wrong join code for team `{team}`"))),
            None => Err(ClassError::Refused(format!("no team `{team}`"))),
        }
    }

    fn status(&self, team: &str, code: &str) -> Result<RoundStatus, ClassError> {
        self.authorise(team, code)?;
        Ok(self.status_of(team))
    }

    fn hand_in_for(&self, team: &str, code: &str, round: u32, plan: &WeekPlan) -> Result<(), ClassError> {
        if round != self.status(team, code)?.round {
            return Err(ClassError::Refused(format!("late: week {round} is closed")));
        }
        self.authorise(team, code)?;
        if plan.actions.len() > 3 {
            return Err(ClassError::Refused(
                "the plan needs 9.0 hours but the week has 5.0".into(),
            ));
        }
        self.state.lock().unwrap().1.insert(team.into(), plan.clone());
        Ok(())
    }

    fn standings(&self, team: &str, code: &str) -> Result<StandingsBody, ClassError> {
        self.authorise(team, code)?;
        Ok(StandingsBody {
            round: self.state.lock().unwrap().0,
            ..StandingsBody::default()
        })
    }

    fn reports(&self, team: &str, code: &str) -> Result<Vec<TeamReport>, ClassError> {
        self.authorise(team, code)?;
        let state = self.state.lock().unwrap();
        Ok(state
            .2
            .iter()
            .enumerate()
            .filter(|(_, (owner, _))| owner == team)
            .map(|(index, (_, plan))| TeamReport {
                team: team.into(),
                week: (index / TEAMS.len()) as u32 + 1,
                weeks: WEEKS,
                kpis: Kpis::default(),
                shares: Shares::default(),
                standings: Vec::new(),
                lines: Vec::new(),
                plan: plan.clone(),
            })
            .collect())
    }

    fn advance(&self, key: &str, force: bool) -> Result<RoundStatus, ClassError> {
        self.check_key(key)?;
        let mut state = self.state.lock().unwrap();
        if state.0 >= WEEKS {
            return Err(ClassError::Refused("the game is over".into()));
        }
        if state.1.len() < TEAMS.len() && !force {
            return Err(ClassError::Refused("still waiting for plans".into()));
        }
        let plans = std::mem::take(&mut state.1);
        for (team, _) in TEAMS {
            let plan = plans.get(team).cloned().unwrap_or_default();
            state.2.push((team.to_string(), plan));
        }
        state.0 += 1;
        drop(state);
        Ok(self.status_of(TEAMS[0].0))
    }

    fn check_key(&self, key: &str) -> Result<(), ClassError> {
        if key == KEY {
            Ok(())
        } else {
            Err(ClassError::Refused("wrong instructor key".into()))
        }
    }

    fn replay_text(&self) -> Result<String, ClassError> {
        Err(ClassError::Refused("no replay in the stand-in".into()))
    }
}

/// A server on a free loopback port; it lives as long as the test binary.
fn start() -> String {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = serve_engine(StandIn::default(), "127.0.0.1:0", |bound| {
            sender.send(bound).unwrap()
        });
    });
    format!("http://{}", receiver.recv().unwrap())
}

fn plan(actions: usize) -> WeekPlan {
    WeekPlan {
        actions: (0..actions)
            .map(|day| PlannedAction::new(ActionKind::Publish, day as u8, 0))
            .collect(),
    }
}

/// The status and `error` of a raw request.
fn raw(method: &str, url: &str, body: &[u8]) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = match method {
        "GET" => agent.get(url).call(),
        _ => agent
            .post(url)
            .header("content-type", "application/json")
            .send(body),
    }
    .unwrap();
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap();
    let error = serde_json::from_str::<api::ErrorBody>(&text).map_or(text, |body| body.error);
    (status, error)
}

#[test]
fn teams_read_and_write_only_their_own_and_refusals_say_why() {
    let server = start();
    let address = Address::Server(server.clone());
    let wrong = ClassClient::join(address.clone(), "Alpha", "beta-2").unwrap_err();
    assert_eq!(
        wrong,
        ClassError::Refused("wrong join code for team `Alpha`".into())
    );
    let stranger = ClassClient::join(address.clone(), "Gamma", "x").unwrap_err();
    assert!(
        matches!(&stranger, ClassError::Refused(r) if r.contains("no team `Gamma`")),
        "{stranger:?}"
    );

    let alpha = ClassClient::join(address.clone(), "Alpha", "alpha-1").unwrap();
    let beta = ClassClient::join(address.clone(), " Beta ", "beta-2").unwrap();
    assert_eq!(alpha.scenario().unwrap().agents, 500);
    assert_eq!(alpha.status().unwrap().round, 1);

    let team = |name: &str, code: &str| format!("team={name}&code={code}");
    let url = |route: &str, query: &str| format!("{server}{route}?{query}");
    assert_eq!(
        raw("GET", &url(api::REPORTS, &team("Beta", "alpha-1")), b"").0,
        403
    );
    assert_eq!(
        raw("GET", &url(api::STATUS, &team("Gamma", "alpha-1")), b"").0,
        404
    );
    assert_eq!(raw("GET", &url(api::STATUS, "team=Alpha"), b"").0, 400);
    assert_eq!(raw("GET", &format!("{server}/nothing"), b"").0, 404);
    let (code, error) = raw("GET", &url(api::PLAN, &team("Alpha", "alpha-1")), b"");
    assert_eq!(code, 405, "{error}");
    assert!(error.contains("POST"), "{error}");

    let body = serde_json::to_vec(&plan(4)).unwrap();
    let round_1 = format!("{}&round=1", team("Alpha", "alpha-1"));
    // Without the round it was made for, a plan is refused, never filed.
    let (code, error) = raw("POST", &url(api::PLAN, &team("Alpha", "alpha-1")), &body);
    assert_eq!(code, 409, "{error}");
    assert!(error.contains("say which round this plan is for"), "{error}");
    let (code, error) = raw("POST", &url(api::PLAN, &round_1), &body);
    assert_eq!(
        (code, error.as_str()),
        (422, "the plan needs 9.0 hours but the week has 5.0")
    );
    let (code, error) = raw("POST", &url(api::PLAN, &round_1), b"{\"actions\": [{}]}");
    assert_eq!(code, 422, "{error}");
    let huge = vec![b' '; super::game::MAX_PLAN_BYTES + 1];
    let (code, error) = raw("POST", &url(api::PLAN, &team("Alpha", "alpha-1")), &huge);
    assert_eq!(code, 413, "{error}");
    assert!(error.contains("larger than"), "{error}");
    let late = raw(
        "POST",
        &url(api::PLAN, &format!("{}&round=7", team("Alpha", "alpha-1"))),
        &body,
    );
    assert_eq!(late.0, 409, "{}", late.1);

    alpha.hand_in(&plan(1)).unwrap();
    let waiting = advance(&address, KEY, false).unwrap_err();
    assert_eq!(waiting, ClassError::Refused("still waiting for plans".into()));
    assert_eq!(
        raw("POST", &format!("{server}{}?key=nope", api::ADVANCE), b"").0,
        403
    );
    assert!(beta.hand_in_for(1, &plan(2)).unwrap().handed_in);
    assert_eq!(advance(&address, KEY, false).unwrap().round, 2);

    // A plan made for round 1 arrives after it closed.
    let late = beta.hand_in_for(1, &plan(1)).unwrap_err();
    assert!(
        matches!(&late, ClassError::Refused(r) if r.contains("collecting round 2")),
        "{late:?}"
    );
    let reports = beta.reports().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!((reports[0].team.as_str(), &reports[0].plan), ("Beta", &plan(2)));
    assert_eq!(beta.standings().unwrap().round, 1);

    advance(&address, KEY, true).unwrap();
    let over = raw("POST", &url(api::PLAN, &team("Alpha", "alpha-1")), &body);
    assert_eq!(over.0, 409, "{}", over.1);
    assert_eq!(
        advance(&address, KEY, true).unwrap_err(),
        ClassError::Refused("the game is over".into())
    );
    assert!(matches!(
        class_replay(&address, "nope"),
        Err(ClassError::Refused(_))
    ));
}

#[test]
fn a_server_that_is_not_there_is_unreachable() {
    // Bind and drop a listener: nothing answers on that port now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = Address::parse(&format!("http://127.0.0.1:{port}/"));
    let error = ClassClient::join(address, "Alpha", "alpha-1").unwrap_err();
    assert!(matches!(error, ClassError::Unreachable(_)), "{error:?}");
}
