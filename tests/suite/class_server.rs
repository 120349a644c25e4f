//! A class game over the network, as a classroom would play it: 30 teams
//! on `rapport class serve` over loopback, rounds moved by `class advance
//! --server`, the server killed (SIGKILL) mid-round and started again on
//! the same folder. Nothing acknowledged is lost, refusals say why, and the
//! class replay verifies and equals a straight re-play of the same plans.

use super::common::{rapport, scenario_text, stderr, stdout, temp_dir};
use rapport::class::server_api::{self as api, ErrorBody};
use rapport::class::{Address, ClassClient, ClassError, class_replay};
use rapport::sim::{
    ActionKind, BrandRole, ContentType, PlannedAction, Scenario, Simulation, Target, WeekPlan,
};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TEAMS: usize = 30;
const SEED: u64 = 11;
/// The round in which the server is killed, and how many teams have
/// handed in by then.
const KILL_ROUND: u32 = 2;
const IN_BEFORE_KILL: usize = 17;

/// A running `rapport class serve` and the address it printed.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args([
                "class",
                "serve",
                dir.to_str().unwrap(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("the server did not say where it listens: `{line}`")
            })
            .to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Server { child, url }
    }

    /// SIGKILL: no chance to finish anything.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn team_name(index: usize) -> String {
    format!("Team {:02}", index + 1)
}

/// The join codes and the instructor key `class new` printed: each team's
/// line holds its name then its code.
fn codes_and_key(text: &str) -> (Vec<String>, String) {
    let last_word = |line: &str| line.split_whitespace().last().unwrap_or_default().to_string();
    let codes = (0..TEAMS)
        .map(|index| {
            let name = team_name(index);
            let line = text
                .lines()
                .find(|line| line.contains(&name))
                .unwrap_or_else(|| panic!("no join code for {name} in {text}"));
            last_word(line)
        })
        .collect();
    // The key stands alone on the line after the one that names it.
    let key = text
        .lines()
        .skip_while(|line| !line.to_lowercase().contains("instructor key"))
        .nth(1)
        .map(last_word)
        .unwrap_or_else(|| panic!("no instructor key in {text}"));
    (codes, key)
}

/// A legal plan, different per team and round: a few actions of kinds
/// picked by the team and round, kept while they fit the budget.
fn plan_for(scenario: &Scenario, team: usize, round: u32) -> WeekPlan {
    let (mut hours, mut money) = (scenario.hours_per_week, scenario.money_per_week);
    let mut plan = WeekPlan::default();
    for step in 0..12 {
        let kind = ActionKind::ALL[(team * 7 + round as usize * 3 + step) % ActionKind::ALL.len()];
        let content = ContentType::BROADCAST[(team + step) % ContentType::BROADCAST.len()];
        let platform = ((team + step) % scenario.platforms.len()) as u8;
        let mut action = PlannedAction::aimed(kind, platform, content, Target::Everyone);
        action.day = (step % 7) as u8;
        let cost = scenario.actions.cost(&action);
        if cost.hours <= hours && cost.money <= money {
            hours -= cost.hours;
            money -= cost.money;
            plan.actions.push(action);
        }
    }
    plan
}

/// A plan no week can pay for.
fn over_budget() -> WeekPlan {
    WeekPlan {
        actions: vec![PlannedAction::new(ActionKind::Publish, 0, 0); 400],
    }
}

/// A raw request: its status and the `error` it gave.
fn raw(url: &str, body: Option<Vec<u8>>) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut response = match body {
        None => agent.get(url).call(),
        Some(body) => agent
            .post(url)
            .header("content-type", "application/json")
            .send(&body[..]),
    }
    .unwrap();
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap();
    let error = serde_json::from_str::<ErrorBody>(&text).map_or(text, |body| body.error);
    (status, error)
}

fn refused(result: Result<impl std::fmt::Debug, ClassError>, expected: &str) {
    match result {
        Err(ClassError::Refused(reason)) => assert!(
            reason.to_lowercase().contains(expected),
            "expected `{expected}` in `{reason}`"
        ),
        other => panic!("expected a refusal ({expected}), got {other:?}"),
    }
}

/// Every team in `teams` hands in its plan for `round`, each on its own
/// thread; the plans are recorded once the server acknowledged them.
fn hand_in_all(
    clients: &[ClassClient],
    teams: std::ops::Range<usize>,
    scenario: &Scenario,
    round: u32,
    plans: &mut BTreeMap<(usize, u32), WeekPlan>,
) {
    let handed: Vec<(usize, WeekPlan)> = std::thread::scope(|scope| {
        let threads: Vec<_> = teams
            .map(|team| {
                let client = &clients[team];
                scope.spawn(move || {
                    let plan = plan_for(scenario, team, round);
                    let status = client
                        .hand_in_for(round, &plan)
                        .unwrap_or_else(|e| panic!("{}: {e}", client.team));
                    assert!(status.handed_in && status.round == round, "{status:?}");
                    (team, plan)
                })
            })
            .collect();
        threads.into_iter().map(|thread| thread.join().unwrap()).collect()
    });
    for (team, plan) in handed {
        plans.insert((team, round), plan);
    }
}

fn advance(server: &Server, key: &str) {
    let output = rapport(&["class", "advance", "--server", &server.url, "--key", key]);
    assert!(
        output.status.success(),
        "advance: {}{}",
        stdout(&output),
        stderr(&output)
    );
}

#[test]
fn thirty_teams_over_loopback_survive_a_server_kill_and_replay_the_same_game() {
    let started = Instant::now();
    let dir = temp_dir("class-server");
    let class = dir.join("class");
    let names: Vec<String> = (0..TEAMS).map(team_name).collect();
    // A scenario file (the server sends its text to the teams), shortened
    // to keep the test quick.
    let scenario_file = dir.join("short_bakery.ron");
    let text = scenario_text("corner_bakery");
    assert!(text.contains("weeks: 12,"));
    let short = text
        .replacen("weeks: 12,", "weeks: 4,", 1)
        .replacen("(week: 6,", "(week: 2,", 1);
    std::fs::write(&scenario_file, short).unwrap();
    let mut args: Vec<String> = [
        "class",
        "new",
        "--scenario",
        scenario_file.to_str().unwrap(),
        "--agents",
        "500",
        "--seed",
    ]
    .map(String::from)
    .to_vec();
    args.push(SEED.to_string());
    for name in &names {
        args.extend(["--team".to_string(), name.clone()]);
    }
    args.extend(["--out".to_string(), class.display().to_string()]);
    let output = rapport(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(output.status.success(), "class new: {}", stderr(&output));
    let (codes, key) = codes_and_key(&stdout(&output));

    let mut server = Server::start(&class);
    let join = |url: &str| -> Vec<ClassClient> {
        (0..TEAMS)
            .map(|team| ClassClient::join(Address::parse(url), &names[team], &codes[team]).unwrap())
            .collect()
    };
    let mut clients = join(&server.url);
    let scenario = clients[0].scenario().unwrap();
    assert_eq!(scenario.agents, 500);
    let weeks = clients[0].status().unwrap().weeks;
    assert_eq!(weeks, 4);

    // Refusals, each with its status and reason.
    let address = Address::Server(server.url.clone());
    refused(ClassClient::join(address.clone(), &names[0], &codes[1]), "code");
    let team_query =
        |team: usize, code: usize| format!("team={}&code={}", names[team].replace(' ', "%20"), codes[code]);
    let url = |route: &str, query: &str| format!("{}{route}?{query}", server.url);
    assert_eq!(
        raw(&url(api::REPORTS, &team_query(1, 0)), None).0,
        403,
        "another team's reports"
    );
    assert_eq!(raw(&url(api::STATUS, "team=Nobody&code=x"), None).0, 404);
    let plan_url = url(api::PLAN, &team_query(0, 0));
    let (status, error) = raw(
        &plan_url,
        Some(vec![b' '; rapport::class::game::MAX_PLAN_BYTES + 1]),
    );
    assert_eq!(status, 413, "{error}");
    // A plan must say the round it was made for: without it, one that
    // arrives late could be filed into the next round.
    let (status, error) = raw(&plan_url, Some(serde_json::to_vec(&over_budget()).unwrap()));
    assert_eq!(status, 409, "{error}");
    assert!(error.contains("round=N"), "{error}");
    let (status, error) = raw(
        &format!("{plan_url}&round=1"),
        Some(serde_json::to_vec(&over_budget()).unwrap()),
    );
    assert_eq!(status, 422, "{error}");
    assert!(!error.is_empty());
    refused(clients[0].hand_in_for(1, &over_budget()), "");
    assert!(
        !clients[0].status().unwrap().handed_in,
        "a refused plan is not in"
    );

    let mut plans = BTreeMap::new();
    for round in 1..=weeks {
        if round == KILL_ROUND {
            hand_in_all(&clients, 0..IN_BEFORE_KILL, &scenario, round, &mut plans);
            server.kill();
            server = Server::start(&class);
            clients = join(&server.url);
            for (team, client) in clients.iter().enumerate() {
                let status = client.status().unwrap();
                assert_eq!(status.round, round, "{}", client.team);
                assert_eq!(
                    status.handed_in,
                    team < IN_BEFORE_KILL,
                    "{} after the restart",
                    client.team
                );
            }
            hand_in_all(&clients, IN_BEFORE_KILL..TEAMS, &scenario, round, &mut plans);
        } else {
            hand_in_all(&clients, 0..TEAMS, &scenario, round, &mut plans);
        }
        advance(&server, &key);
        if round == 1 {
            refused(clients[3].hand_in_for(1, &plan_for(&scenario, 3, 1)), "round");
        }
        let reports = clients[5].reports().unwrap();
        assert_eq!(reports.len(), round as usize);
        assert_eq!(
            reports.last().unwrap().plan,
            plans[&(5, round)],
            "a team's report holds its own plan"
        );
    }
    assert!(clients[0].status().unwrap().finished);
    let plan_url = format!("{}{}?{}", server.url, api::PLAN, team_query(0, 0));
    let (status, error) = raw(
        &plan_url,
        Some(serde_json::to_vec(&plan_for(&scenario, 0, 1)).unwrap()),
    );
    assert_eq!(status, 409, "a plan after the game is over: {error}");

    // The class replay verifies ...
    let address = Address::Server(server.url.clone());
    refused(class_replay(&address, "not the key"), "");
    let replay = class_replay(&address, &key).unwrap();
    let replay_file = dir.join("class.replay.ron");
    std::fs::write(&replay_file, replay.to_text()).unwrap();
    let output = rapport(&["verify", replay_file.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "verify: {}{}",
        stdout(&output),
        stderr(&output)
    );

    // ... and each market ends where a straight re-play of the same plans
    // ends. A team's market is the teams in its standings, in brand order.
    let text = replay.to_text();
    let mut markets: Vec<Vec<usize>> = Vec::new();
    for client in &clients {
        let standings = client.reports().unwrap().pop().unwrap().standings;
        let mut players: Vec<_> = standings.iter().filter(|s| s.role == BrandRole::Player).collect();
        players.sort_by_key(|s| s.brand);
        let market: Vec<usize> = players
            .iter()
            .map(|s| names.iter().position(|name| *name == s.name).unwrap())
            .collect();
        if !markets.contains(&market) {
            markets.push(market);
        }
    }
    assert_eq!(markets.iter().map(Vec::len).sum::<usize>(), TEAMS, "{markets:?}");
    let scenario = Arc::new(scenario);
    for market in &markets {
        let players: Vec<String> = market.iter().map(|&team| names[team].clone()).collect();
        let mut game = Simulation::with_players(scenario.clone(), SEED, &players).unwrap();
        for round in 1..=weeks {
            let week: Vec<WeekPlan> = market.iter().map(|&team| plans[&(team, round)].clone()).collect();
            game.run_market_week(&week).unwrap();
        }
        let hash = format!("{:016x}", game.week_hashes().last().unwrap());
        assert!(
            text.contains(&hash),
            "market {players:?}: hash {hash} is not in the class replay"
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    // A guard against a hang, not a benchmark: alone the test takes about
    // a second; beside the browser tests on 2 cores it once took 94 s.
    assert!(
        started.elapsed() < Duration::from_secs(300),
        "took {:?}",
        started.elapsed()
    );
}
