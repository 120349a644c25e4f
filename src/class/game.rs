//! The class game engine over a class folder: every team's plans, the
//! rounds played, the reports and the standings, each written atomically
//! before it is acknowledged. The CLI (offline) and the server both drive
//! this one engine, so both play the same game.
//!
//! A class is split into markets of at most [`MAX_BRANDS`](crate::sim::MAX_BRANDS) brands (its
//! teams plus the scenario's computer rivals); every market is its own
//! game on the same scenario, seed and size, so every team starts from the
//! same audience. The folder's layout is in [`folder`].

pub mod folder;
mod round;
mod rules;

pub use folder::{ClassFile, ClassRank, ClosedRound, Layout, Overview, RoundStandings, TeamEntry};
pub use round::{held_shares, ordinal};
pub(crate) use rules::plan_of_text;
pub use rules::{MAX_PLAN_BYTES, MAX_TEAM_NAME, MAX_TEAMS, market_sizes};
use rules::{check_per_market, check_team_names, class_name, teams_count};

use super::{ClassError, RoundStatus, TeamReport};
use crate::files::replay::{Replay, class_replay};
use crate::sim::{PlannedAction, Scenario, WeekPlan};
use round::replay_markets;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One change of a class folder at a time in this process (the server's
/// requests come on many threads): a plan is never written into a round
/// that an `advance` is closing.
static CHANGES: Mutex<()> = Mutex::new(());

fn one_change_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    CHANGES.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A team as `class new` created it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    pub name: String,
    pub code: String,
}

/// What `class new` made: the teams' join codes and the instructor's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub teams: Vec<Team>,
    pub instructor_key: String,
}

/// Where a team is: its number in the class (from 1), its market (from 0)
/// and its brand in that market.
#[derive(Clone, Copy, Debug)]
struct Seat {
    number: usize,
    market: usize,
    brand: usize,
}

/// An open class folder.
#[derive(Debug)]
pub struct ClassGame {
    dir: PathBuf,
    class: ClassFile,
    scenario: Arc<Scenario>,
    /// Every market after the last round this engine played or re-played:
    /// an engine that lives on (the class server) plays each round from
    /// where the last one ended instead of re-playing every round closed.
    markets: Mutex<Option<Vec<crate::sim::Simulation>>>,
}

impl ClassGame {
    /// Creates a class game in `dir` (which must not hold one already).
    /// `seed` and `agents` default to the scenario's; markets hold as many
    /// teams as the scenario's rivals leave room for.
    pub fn create(
        dir: &Path,
        scenario_source: &str,
        teams: &[String],
        seed: Option<u64>,
        agents: Option<u32>,
    ) -> Result<(ClassGame, Created), ClassError> {
        Self::create_in_markets(dir, scenario_source, teams, None, seed, agents)
    }

    /// The same with at most `per_market` teams a market.
    pub fn create_in_markets(
        dir: &Path,
        scenario_source: &str,
        teams: &[String],
        per_market: Option<usize>,
        seed: Option<u64>,
        agents: Option<u32>,
    ) -> Result<(ClassGame, Created), ClassError> {
        Self::create_seated(
            dir,
            scenario_source,
            teams,
            &|_| folder::fresh_code(8),
            per_market,
            seed,
            agents,
        )
    }

    /// A class game whose teams are a roster's students, one a team, each
    /// joining with their personal code. The roster's files (its secret
    /// among them) go into the class folder, which is the instructor's.
    pub fn create_with_roster(
        dir: &Path,
        scenario_source: &str,
        roster: &crate::files::roster::Roster,
        per_market: Option<usize>,
        seed: Option<u64>,
        agents: Option<u32>,
    ) -> Result<(ClassGame, Created), ClassError> {
        let names: Vec<String> = roster.students.iter().map(|s| s.name.clone()).collect();
        let code_of = |name: &str| {
            roster
                .find(name)
                .map(|s| roster.code_of(s))
                .unwrap_or_else(|| folder::fresh_code(8))
        };
        Self::create_seated(dir, scenario_source, &names, &code_of, per_market, seed, agents)
    }

    fn create_seated(
        dir: &Path,
        scenario_source: &str,
        teams: &[String],
        code_of: &dyn Fn(&str) -> String,
        per_market: Option<usize>,
        seed: Option<u64>,
        agents: Option<u32>,
    ) -> Result<(ClassGame, Created), ClassError> {
        let layout = Layout {
            dir: dir.to_path_buf(),
        };
        if layout.class_file().exists() {
            return Err(ClassError::Refused(format!(
                "{} already holds a class game",
                dir.display()
            )));
        }
        let names = check_team_names(teams)?;
        let refused = |e: crate::files::LoadError| ClassError::Refused(e.to_string());
        let mut scenario = crate::files::builtin::find_scenario(scenario_source).map_err(refused)?;
        if let Some(agents) = agents {
            scenario = crate::files::scenario::resize(&scenario, agents).map_err(refused)?;
        }
        let per_market = check_per_market(&scenario, per_market)?;
        let mut markets = Vec::new();
        let mut codes = Vec::new();
        for size in market_sizes(names.len(), per_market) {
            let start: usize = markets.iter().map(Vec::len).sum();
            let market: Vec<TeamEntry> = names[start..start + size]
                .iter()
                .map(|name| TeamEntry {
                    name: name.clone(),
                    code: code_of(name),
                })
                .collect();
            codes.extend(market.iter().map(|t| Team {
                name: t.name.clone(),
                code: t.code.clone(),
            }));
            markets.push(market);
        }
        let class = ClassFile {
            version: folder::CLASS_VERSION,
            class: class_name(dir),
            scenario: scenario_source.to_string(),
            scenario_hash: crate::files::save::scenario_hash(&scenario),
            seed: seed.unwrap_or(scenario.seed),
            agents: scenario.agents,
            weeks: scenario.weeks,
            markets,
            instructor_key: folder::fresh_code(16),
        };
        let game = ClassGame {
            dir: dir.to_path_buf(),
            scenario: Arc::new(scenario),
            class,
            markets: Mutex::new(None),
        };
        // Every market must set up (the rivals' names, the sizes).
        let games = round::start_markets(&game.scenario, &game.class)?;
        if !crate::files::builtin::SCENARIOS
            .iter()
            .any(|(id, _)| *id == scenario_source)
        {
            let text = crate::files::read_limited(Path::new(scenario_source), 1 << 20)
                .map_err(|e| ClassError::Refused(e.to_string()))?;
            folder::write(&layout.scenario_copy(), text.as_bytes())?;
        }
        folder::write(
            &layout.rounds_file(),
            folder::to_ron(&Vec::<ClosedRound>::new())?.as_bytes(),
        )?;
        // The join codes and the key: the instructor's eyes only.
        folder::write_private(&layout.instructor_file(), game.instructor_text().as_bytes())?;
        game.write_replay(&games)?;
        // Last: a folder without its class file is no class yet, and
        // `class new` may be run on it again.
        folder::write_private(&layout.class_file(), folder::to_ron(&game.class)?.as_bytes())?;
        let created = Created {
            teams: codes,
            instructor_key: game.class.instructor_key.clone(),
        };
        Ok((game, created))
    }

    /// Opens the class game in `dir`.
    pub fn open(dir: &Path) -> Result<ClassGame, ClassError> {
        let layout = Layout {
            dir: dir.to_path_buf(),
        };
        let path = layout.class_file();
        let Some(text) = folder::read(&path)? else {
            return Err(ClassError::Refused(format!(
                "{}: no class game here (no class.ron); `rapport class new` makes one",
                dir.display()
            )));
        };
        let class: ClassFile = folder::from_ron(&path, &text)?;
        if class.version != folder::CLASS_VERSION {
            return Err(ClassError::Broken(format!(
                "{}: version {} is not supported; this game reads version {}",
                path.display(),
                class.version,
                folder::CLASS_VERSION
            )));
        }
        let broken = |e: crate::files::LoadError| ClassError::Broken(e.to_string());
        let copy = layout.scenario_copy();
        let scenario = if copy.exists() {
            crate::files::scenario::load_scenario(&copy).map_err(broken)?
        } else {
            crate::files::builtin::find_scenario(&class.scenario).map_err(broken)?
        };
        let scenario = crate::files::scenario::resize(&scenario, class.agents).map_err(broken)?;
        if crate::files::save::scenario_hash(&scenario) != class.scenario_hash {
            return Err(ClassError::Broken(format!(
                "{}: the scenario `{}` is not the one the class was created on (its content changed)",
                path.display(),
                class.scenario
            )));
        }
        Ok(ClassGame {
            dir: dir.to_path_buf(),
            class,
            scenario: Arc::new(scenario),
            markets: Mutex::new(None),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn layout(&self) -> Layout {
        Layout {
            dir: self.dir.clone(),
        }
    }

    /// The class's scenario, at the class's size.
    pub fn scenario(&self) -> Result<Scenario, ClassError> {
        Ok(Scenario::clone(&self.scenario))
    }

    /// The class as `class.ron` records it.
    pub fn class_file(&self) -> &ClassFile {
        &self.class
    }

    /// Every team, in the order `class new` was given them.
    pub fn teams(&self) -> Vec<Team> {
        self.class
            .markets
            .iter()
            .flatten()
            .map(|t| Team {
                name: t.name.clone(),
                code: t.code.clone(),
            })
            .collect()
    }

    fn seat(&self, team: &str) -> Result<(Seat, &TeamEntry), ClassError> {
        let mut number = 0;
        for (market, teams) in self.class.markets.iter().enumerate() {
            for (brand, entry) in teams.iter().enumerate() {
                number += 1;
                if entry.name.eq_ignore_ascii_case(team.trim()) {
                    return Ok((
                        Seat {
                            number,
                            market,
                            brand,
                        },
                        entry,
                    ));
                }
            }
        }
        Err(ClassError::Refused(format!(
            "no team called `{}` in this class",
            team.trim()
        )))
    }

    /// Checks a team's join code: `Refused` for an unknown team or a wrong code.
    pub fn authorise(&self, team: &str, code: &str) -> Result<(), ClassError> {
        self.authorised(team, code).map(|_| ())
    }

    fn authorised(&self, team: &str, code: &str) -> Result<Seat, ClassError> {
        let (seat, entry) = self.seat(team)?;
        if !folder::same_code(code, &entry.code) {
            return Err(ClassError::Refused(format!(
                "wrong join code for team `{}`",
                entry.name
            )));
        }
        Ok(seat)
    }

    fn check_key(&self, key: &str) -> Result<(), ClassError> {
        if folder::same_code(key, &self.class.instructor_key) {
            Ok(())
        } else {
            Err(ClassError::Refused("wrong instructor key".into()))
        }
    }

    /// The instructor's key (the folder is the instructor's).
    pub fn instructor_key(&self) -> &str {
        &self.class.instructor_key
    }

    /// The rounds closed so far, oldest first.
    pub fn rounds(&self) -> Result<Vec<ClosedRound>, ClassError> {
        let path = self.layout().rounds_file();
        match folder::read(&path)? {
            Some(text) => folder::from_ron(&path, &text),
            None => Ok(Vec::new()),
        }
    }

    /// Where the class stands: the round being collected and whose plans are in.
    pub fn overview(&self) -> Result<Overview, ClassError> {
        let round = self.rounds()?.len() as u32 + 1;
        let layout = self.layout();
        let mut number = 0;
        let markets = self
            .class
            .markets
            .iter()
            .map(|teams| {
                teams
                    .iter()
                    .map(|t| {
                        number += 1;
                        (t.name.clone(), layout.plan_file(round, number).exists())
                    })
                    .collect()
            })
            .collect();
        Ok(Overview {
            class: self.class.class.clone(),
            scenario: self.class.scenario.clone(),
            seed: self.class.seed,
            agents: self.class.agents,
            round,
            weeks: self.class.weeks,
            markets,
        })
    }

    pub fn status(&self, team: &str, code: &str) -> Result<RoundStatus, ClassError> {
        let seat = self.authorised(team, code)?;
        let overview = self.overview()?;
        let name = self.class.markets[seat.market][seat.brand].name.clone();
        Ok(self.status_of(&overview, &name, overview.markets[seat.market][seat.brand].1))
    }

    fn status_of(&self, overview: &Overview, team: &str, handed_in: bool) -> RoundStatus {
        RoundStatus {
            class: overview.class.clone(),
            team: team.to_string(),
            scenario: overview.scenario.clone(),
            round: overview.round,
            weeks: overview.weeks,
            handed_in: handed_in && !overview.finished(),
            waiting_for: overview.waiting_for().len() as u32,
            finished: overview.finished(),
        }
    }

    /// Hands in (or replaces) a team's plan for the round being collected;
    /// refused with the reason when the code is wrong, the game is over,
    /// or the plan does not fit the budget.
    pub fn hand_in(&self, team: &str, code: &str, plan: &WeekPlan) -> Result<(), ClassError> {
        let _change = one_change_at_a_time();
        let seat = self.authorised(team, code)?;
        let round = self.rounds()?.len() as u32 + 1;
        self.write_plan(seat, round, round, plan)
    }

    /// The same for a named week: refused as late when that week's round
    /// is closed, and as early when it is not open yet.
    pub fn hand_in_for(&self, team: &str, code: &str, week: u32, plan: &WeekPlan) -> Result<(), ClassError> {
        let _change = one_change_at_a_time();
        let seat = self.authorised(team, code)?;
        let round = self.rounds()?.len() as u32 + 1;
        self.write_plan(seat, round, week, plan)
    }

    fn write_plan(&self, seat: Seat, round: u32, week: u32, plan: &WeekPlan) -> Result<(), ClassError> {
        let weeks = self.class.weeks;
        if round > weeks {
            return Err(ClassError::Refused(format!(
                "late: the game is over (all {weeks} weeks are played); the plan was not taken"
            )));
        }
        if week < round {
            return Err(ClassError::Refused(format!(
                "late: week {week} is closed; week {round} is being collected"
            )));
        }
        if week > round {
            return Err(ClassError::Refused(format!(
                "week {week} is not open yet; week {round} is being collected"
            )));
        }
        self.scenario.check_plan(plan).map_err(|e| {
            ClassError::Refused(format!(
                "the plan is not a legal week of `{}`: {e}",
                self.scenario.id
            ))
        })?;
        let text = folder::to_ron(&vec![plan.actions.clone()])?;
        folder::write(&self.layout().plan_file(round, seat.number), text.as_bytes())
    }

    /// The same from a plan file's text (refused when over [`MAX_PLAN_BYTES`]
    /// or not a plan, with the place of the error).
    pub fn hand_in_text(&self, team: &str, code: &str, text: &str) -> Result<(), ClassError> {
        self.hand_in_named(team, code, "plan", text)
    }

    /// The same, naming the plan's file in errors (`path:line:col`).
    pub fn hand_in_named(&self, team: &str, code: &str, name: &str, text: &str) -> Result<(), ClassError> {
        self.authorise(team, code)?;
        let plan = plan_of_text(name, text)?;
        self.hand_in(team, code, &plan)
    }

    /// Plays the round when every plan is in (with `force`, a missing plan
    /// is an empty week); writes each team's report, the standings and the
    /// class replay. `key` is the instructor key.
    pub fn advance(&self, key: &str, force: bool) -> Result<RoundStatus, ClassError> {
        let _change = one_change_at_a_time();
        self.check_key(key)?;
        let mut rounds = self.rounds()?;
        let weeks = self.class.weeks;
        let mut games = self.markets_after(&rounds)?;
        // An earlier advance may have closed its round and stopped before
        // the replay was written: finish that first.
        self.repair_replay(&games, rounds.len())?;
        let week = rounds.len() as u32 + 1;
        if week > weeks {
            return Err(ClassError::Refused(format!(
                "the game is over: all {weeks} weeks are played"
            )));
        }
        let (plans, missing) = self.plans_of(week)?;
        if !missing.is_empty() && !force {
            return Err(ClassError::Refused(format!(
                "week {week} still waits for the plans of {}: {}; advance with force to play their week empty",
                teams_count(missing.len()),
                missing.join(", ")
            )));
        }
        let week_plans: Vec<Vec<WeekPlan>> = plans
            .iter()
            .map(|m| m.iter().map(|a| WeekPlan { actions: a.clone() }).collect())
            .collect();
        round::play_round(&mut games, &week_plans)?;
        let standings = round::standings_of(&games, weeks);
        let layout = self.layout();
        let mut number = 0;
        for (m, (game, teams)) in games.iter().zip(&self.class.markets).enumerate() {
            for (b, team) in teams.iter().enumerate() {
                number += 1;
                let report = round::team_report(game, m + 1, b, &standings, missing.contains(&team.name))?;
                folder::write(
                    &layout.report_file(week, number),
                    folder::to_json(&report)?.as_bytes(),
                )?;
            }
        }
        folder::write(
            &layout.standings_file(week),
            folder::to_json(&standings)?.as_bytes(),
        )?;
        rounds.push(ClosedRound {
            week,
            plans,
            missing,
            state_hashes: games.iter().map(|g| format!("{:016x}", g.state_hash())).collect(),
        });
        // The commit: until this write the round is open, after it closed.
        folder::write(&layout.rounds_file(), folder::to_ron(&rounds)?.as_bytes())?;
        self.write_replay(&games)?;
        // After the commit: a folder without it (or with a stale one) is
        // re-played from rounds.ron, as before.
        self.keep_markets(&games, rounds.len())?;
        *self.markets.lock().unwrap_or_else(|p| p.into_inner()) = Some(games.clone());
        let overview = self.overview()?;
        Ok(self.status_of(&overview, "", false))
    }

    /// Every market after the closed `rounds`, the cheapest way: the
    /// markets this engine kept in memory (the class server), or those the
    /// folder keeps in `markets.bin` (restored, model version and state
    /// checked), when they stand after the last round as `rounds.ron`
    /// records it (same week, same state hash in every market); otherwise
    /// every round re-played from the plans.
    fn markets_after(&self, rounds: &[ClosedRound]) -> Result<Vec<crate::sim::Simulation>, ClassError> {
        let Some(last) = rounds.last() else {
            return round::start_markets(&self.scenario, &self.class);
        };
        let current = |games: &[crate::sim::Simulation]| {
            games.len() == last.state_hashes.len()
                && games.iter().zip(&last.state_hashes).all(|(game, hash)| {
                    game.plans().len() == rounds.len() && format!("{:016x}", game.settled_hash()) == *hash
                })
        };
        let kept = self.markets.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(games) = kept.filter(|g| current(g)) {
            return Ok(games);
        }
        if let Some(games) = self.kept_markets(rounds.len()).filter(|g| current(g)) {
            return Ok(games);
        }
        replay_markets(&self.scenario, &self.class, rounds)
    }

    /// Writes every market's state after `closed` rounds to `markets.bin`
    /// (atomically; a snapshot per market, each with its model version).
    fn keep_markets(&self, games: &[crate::sim::Simulation], closed: usize) -> Result<(), ClassError> {
        let mut bytes = b"RRMKTS".to_vec();
        bytes.extend_from_slice(&(closed as u64).to_le_bytes());
        bytes.extend_from_slice(&(games.len() as u64).to_le_bytes());
        for game in games {
            let snapshot = game
                .snapshot()
                .map_err(|e| ClassError::Broken(format!("cannot keep the markets: {e}")))?;
            bytes.extend_from_slice(&(snapshot.len() as u64).to_le_bytes());
            bytes.extend_from_slice(&snapshot);
        }
        folder::write(&self.layout().markets_file(), &bytes)
    }

    /// The markets `markets.bin` keeps, when it holds `closed` rounds and
    /// every market restores (`None` otherwise: the caller re-plays).
    fn kept_markets(&self, closed: usize) -> Option<Vec<crate::sim::Simulation>> {
        let bytes = std::fs::read(self.layout().markets_file()).ok()?;
        let mut rest = bytes.strip_prefix(b"RRMKTS")?;
        fn number(rest: &mut &[u8]) -> Option<u64> {
            let (head, tail) = rest.split_at_checked(8)?;
            *rest = tail;
            Some(u64::from_le_bytes(head.try_into().ok()?))
        }
        if number(&mut rest)? != closed as u64 || number(&mut rest)? != self.class.markets.len() as u64 {
            return None;
        }
        let mut snapshots = Vec::new();
        for _ in 0..self.class.markets.len() {
            let len = usize::try_from(number(&mut rest)?).ok()?;
            let (snapshot, tail) = rest.split_at_checked(len)?;
            snapshots.push(snapshot);
            rest = tail;
        }
        self.class
            .markets
            .iter()
            .zip(snapshots)
            .map(|(teams, snapshot)| {
                let names: Vec<String> = teams.iter().map(|t| t.name.clone()).collect();
                crate::sim::Simulation::restore(
                    Arc::clone(&self.scenario),
                    self.class.seed,
                    Some(&names),
                    snapshot,
                )
                .ok()
            })
            .collect()
    }

    /// Every team's plan for `week` (an empty week for a missing one), and
    /// the teams whose plan is missing.
    fn plans_of(&self, week: u32) -> Result<(Vec<Vec<Vec<PlannedAction>>>, Vec<String>), ClassError> {
        let layout = self.layout();
        let mut missing = Vec::new();
        let mut number = 0;
        let mut plans = Vec::new();
        for teams in &self.class.markets {
            let mut market = Vec::new();
            for team in teams {
                number += 1;
                let path = layout.plan_file(week, number);
                match folder::read(&path)? {
                    Some(text) => market.push(
                        plan_of_text(&path.display().to_string(), &text)
                            .map_err(|e| ClassError::Broken(e.to_string()))?
                            .actions,
                    ),
                    None => {
                        missing.push(team.name.clone());
                        market.push(Vec::new());
                    }
                }
            }
            plans.push(market);
        }
        Ok((plans, missing))
    }

    fn write_replay(&self, games: &[crate::sim::Simulation]) -> Result<(), ClassError> {
        let replay = class_replay(games, &self.class.scenario, &self.class.class)
            .ok_or_else(|| ClassError::Broken("a class game without a market".into()))?;
        let path = self.layout().replay_file();
        folder::write(&path, replay.to_text().as_bytes())
    }

    /// Rewrites the class replay when it does not hold the rounds closed.
    fn repair_replay(&self, games: &[crate::sim::Simulation], closed: usize) -> Result<(), ClassError> {
        let path = self.layout().replay_file();
        let current = crate::files::replay::load_replay(&path)
            .ok()
            .and_then(|r| r.markets.first().map(|m| m.week_hashes.len()));
        if current != Some(closed) {
            self.write_replay(games)?;
        }
        Ok(())
    }

    /// A team's reports of every closed round, oldest first.
    pub fn reports(&self, team: &str, code: &str) -> Result<Vec<TeamReport>, ClassError> {
        let seat = self.authorised(team, code)?;
        let closed = self.rounds()?.len() as u32;
        let layout = self.layout();
        (1..=closed)
            .map(|week| {
                let path = layout.report_file(week, seat.number);
                let text = folder::read(&path)?
                    .ok_or_else(|| ClassError::Broken(format!("{}: missing", path.display())))?;
                folder::from_json(&path, &text)
            })
            .collect()
    }

    /// The standings after `week` (a closed round).
    pub fn standings(&self, week: u32) -> Result<RoundStandings, ClassError> {
        let closed = self.rounds()?.len() as u32;
        if week == 0 || week > closed {
            return Err(ClassError::Refused(format!(
                "week {week} is not closed; {closed} of {} weeks are played",
                self.class.weeks
            )));
        }
        let path = self.layout().standings_file(week);
        let text =
            folder::read(&path)?.ok_or_else(|| ClassError::Broken(format!("{}: missing", path.display())))?;
        folder::from_json(&path, &text)
    }

    /// The whole class game so far as one replay (`verify` and `compare`
    /// accept it once every round is played).
    pub fn replay(&self) -> Result<Replay, ClassError> {
        let games = self.markets_after(&self.rounds()?)?;
        class_replay(&games, &self.class.scenario, &self.class.class)
            .ok_or_else(|| ClassError::Broken("a class game without a market".into()))
    }

    /// The instructor's sheet: the key and every team's join code.
    pub fn instructor_text(&self) -> String {
        self.class.instructor_text(&self.dir)
    }
}
