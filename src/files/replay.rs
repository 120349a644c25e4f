//! Replays: a finished game as its scenario, seed, every week's plan, the
//! state hash after every week and the final KPIs. `verify` re-simulates a
//! replay and names what does not match.

use super::load::{Check, LoadError, MAX_FILE_BYTES, check_hash, check_version, parse_ron, read_limited};
use super::save::scenario_hash;
use crate::sim::{
    Kpis, MAX_ACTIONS_PER_WEEK, MODEL_VERSION, PlannedAction, ReplayFailure, Replaying, Simulation,
    WeekError, WeekPlan,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

mod class_setup;
mod markets;
mod seal;
pub use class_setup::{check_class_setup, class_setup_note};
pub use markets::{class_replay, verify_markets, verify_markets_against};
pub use seal::{
    KEYED_PREFIX, SealKind, check_roster_seal, hash_text, keyed_seal_of, plan_text, seal_kind, seal_of,
    sealed_with,
};

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields, rename = "Replay")]
pub struct Replay {
    pub version: u32,
    pub game_version: String,
    pub model_version: u32,
    /// Who played: a strategy id, or a player's name.
    pub player: String,
    /// The class the player belongs to, as the instructor named it.
    #[serde(default)]
    pub class_code: String,
    /// The game this one branched from, when it was rewound.
    #[serde(default)]
    pub parent: Option<Parent>,
    /// The built-in id or file path of the scenario.
    pub scenario: String,
    pub scenario_hash: String,
    pub agents: u32,
    pub seed: u64,
    /// State hash before the first week.
    pub start_hash: String,
    /// Every week's plan and the state after it (empty in a class game,
    /// whose plans are in `markets`).
    pub weeks: Vec<ReplayWeek>,
    /// The final KPIs (in a class game, those of market 1's first team: the
    /// game `verify` gives back).
    pub kpis: Kpis,
    /// A class game in teams: each market's teams and their plans (empty
    /// for a game of one player; older replays have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markets: Vec<ReplayMarket>,
    /// A seal over the player, class code, parent, scenario, size, seed,
    /// every plan and every state hash (see `seal`): keyed by the
    /// student's personal code, or an unkeyed hash. An edited name no
    /// longer verifies. Replays written before seals have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
}

/// One market of a class game: the teams that shared an audience, in brand
/// order, and the state of the whole market after every week.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReplayMarket {
    pub teams: Vec<ReplayTeam>,
    /// State hash before the first week.
    pub start_hash: String,
    /// State hash after every week (it covers every brand of the market).
    pub week_hashes: Vec<String>,
}

/// One team of a class game: its name, its plan of every week and its
/// final KPIs.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReplayTeam {
    pub name: String,
    pub weeks: Vec<Vec<PlannedAction>>,
    pub kpis: Kpis,
}

/// Where a branched game came from: its parent's first weeks are this
/// game's first weeks.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Parent {
    /// The parent replay's player and final state hash.
    pub player: String,
    pub state_hash: String,
    /// Weeks played as the parent played them.
    pub weeks_shared: u32,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReplayWeek {
    pub plan: Vec<PlannedAction>,
    pub state_hash: String,
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The start hash and every week's hash of a replay as numbers (each was
/// checked to be 16 hexadecimal digits when the file was read).
fn recorded_hashes<'a>(
    start: &'a str,
    weeks: impl Iterator<Item = &'a String>,
) -> Result<Vec<u64>, Mismatch> {
    std::iter::once(start)
        .chain(weeks.map(String::as_str))
        .map(|text| {
            u64::from_str_radix(text, 16)
                .map_err(|_| Mismatch::Broken(format!("`{text}` is not a state hash")))
        })
        .collect()
}

impl Replay {
    /// The replay of a game (finished or not).
    pub fn of(simulation: &Simulation, scenario_source: &str, player: &str) -> Replay {
        Replay {
            version: super::load::FORMAT_VERSION,
            game_version: env!("CARGO_PKG_VERSION").to_string(),
            model_version: MODEL_VERSION,
            player: player.to_string(),
            class_code: String::new(),
            parent: None,
            scenario: scenario_source.to_string(),
            scenario_hash: scenario_hash(simulation.scenario()),
            agents: simulation.scenario().agents,
            seed: simulation.seed(),
            start_hash: hex(simulation.week_hashes().first().copied().unwrap_or_default()),
            weeks: simulation
                .plans()
                .iter()
                .zip(simulation.week_hashes().iter().skip(1))
                .map(|(plan, &hash)| ReplayWeek {
                    plan: plan.actions.clone(),
                    state_hash: hex(hash),
                })
                .collect(),
            kpis: simulation.kpis(),
            markets: Vec::new(),
            seal: None,
        }
        .sealed()
    }

    /// The same replay with the seal its contents call for.
    pub fn sealed(mut self) -> Replay {
        self.seal = Some(seal_of(&self));
        self
    }

    /// Every week's plan of a game of one player (a class replay has none
    /// here: its plans are in `markets`).
    pub fn plans(&self) -> Vec<WeekPlan> {
        self.weeks
            .iter()
            .map(|w| WeekPlan {
                actions: w.plan.clone(),
            })
            .collect()
    }

    /// The same replay sealed with a student's personal code (any case,
    /// dashes or not): only that code makes this seal. Seal last: a change
    /// after it (a name, a class code) is not sealed in.
    pub fn sealed_with_code(mut self, code: &str) -> Result<Replay, String> {
        self.seal = Some(seal::keyed_seal_of(&self, code)?);
        Ok(self)
    }

    /// Sealed with `code` when one is given, unkeyed otherwise.
    pub fn sealed_for(self, code: Option<&str>) -> Result<Replay, String> {
        match code.map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => self.sealed_with_code(code),
            None => Ok(self.sealed()),
        }
    }

    /// Whether the replay carries a seal (those written before seals do not).
    pub fn is_sealed(&self) -> bool {
        self.seal.is_some()
    }

    /// Which seal the replay carries.
    pub fn seal_kind(&self) -> SealKind {
        seal::seal_kind(self)
    }

    /// Whether this is the replay of a class game in teams.
    pub fn is_class(&self) -> bool {
        !self.markets.is_empty()
    }

    /// The same replay with the player's class written in.
    pub fn with_class_code(mut self, class_code: &str) -> Replay {
        self.class_code = class_code.to_string();
        self.sealed()
    }

    /// The same replay, named as a branch of `parent` that shares its
    /// first `weeks_shared` weeks.
    pub fn branched_from(mut self, parent: &Replay, weeks_shared: u32) -> Replay {
        self.parent = Some(Parent {
            player: parent.player.clone(),
            state_hash: parent.kpis.state_hash.clone(),
            weeks_shared,
        });
        self.sealed()
    }

    /// "branched from alice at week 4", for a branch; `None` otherwise.
    pub fn lineage(&self) -> Option<String> {
        self.parent
            .as_ref()
            .map(|p| format!("branched from {} at week {}", p.player, p.weeks_shared + 1))
    }

    /// The replay's file text. An unkeyed seal is made again over what it
    /// holds now (a name or class code set after [`Replay::of`] is sealed
    /// in too); a keyed seal is kept as made (it needs the code).
    pub fn to_text(&self) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(4).struct_names(true);
        let replay = if self.seal_kind() == SealKind::Keyed {
            self.clone()
        } else {
            self.clone().sealed()
        };
        ron::ser::to_string_pretty(&replay, config).unwrap_or_default()
    }

    /// Writes the replay atomically.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        super::atomic::write_atomic(path, self.to_text().as_bytes())
    }
}

/// The replay files in a folder, sorted: `.ron` files that are not hidden
/// (a writer's temporary files are hidden and end in `.tmp`).
pub fn replay_files_in(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "ron")
                && p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Reads a replay file (syntax and version only; `verify` checks the rest).
pub fn load_replay(path: &Path) -> Result<Replay, LoadError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    parse_replay(&path.display().to_string(), &text)
}

pub fn parse_replay(path: &str, text: &str) -> Result<Replay, LoadError> {
    let replay: Replay = parse_ron(path, text)?;
    let check = Check { path };
    check_version(&check, replay.version)?;
    seal::check_seal_field(&check, &replay)?;
    if replay.is_class() {
        markets::check_class(&check, &replay)?;
        return Ok(replay);
    }
    check.text("player", &replay.player, 200)?;
    if !replay.class_code.is_empty() {
        check.text("class_code", &replay.class_code, 200)?;
    }
    if let Some(parent) = &replay.parent {
        check.text("parent.player", &parent.player, 200)?;
        check_hash(&check, "parent.state_hash", &parent.state_hash)?;
        if parent.weeks_shared as usize >= replay.weeks.len() {
            return check.fail(
                "parent.weeks_shared",
                format!(
                    "{} weeks shared with the parent, but a branch plays at least its last of {} weeks itself",
                    parent.weeks_shared,
                    replay.weeks.len()
                ),
            );
        }
    }
    check.text("scenario", &replay.scenario, 4096)?;
    super::scenario::check_agents(&check, "agents", replay.agents)?;
    check_hash(&check, "scenario_hash", &replay.scenario_hash)?;
    check_hash(&check, "start_hash", &replay.start_hash)?;
    check_hash(&check, "kpis.state_hash", &replay.kpis.state_hash)?;
    check.count(
        "weeks",
        replay.weeks.len(),
        1,
        super::scenario::MAX_WEEKS as usize,
    )?;
    for (w, week) in replay.weeks.iter().enumerate() {
        check.count(
            format!("weeks[{w}].plan"),
            week.plan.len(),
            0,
            MAX_ACTIONS_PER_WEEK,
        )?;
        check_hash(&check, format!("weeks[{w}].state_hash"), &week.state_hash)?;
    }
    Ok(replay)
}

/// Why a replay does not verify.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Mismatch {
    /// The file cannot be read or parsed.
    #[error("broken or truncated file: {0}")]
    Broken(String),
    /// Made by a different version of the model, whose rules give other
    /// results: it can only be re-simulated by that version of the game.
    #[error(
        "made with model version {theirs} (game {game}); this game runs model version {ours}, \
         whose rules give different results, so it cannot be re-simulated here"
    )]
    GameVersion { theirs: u32, ours: u32, game: String },
    /// The scenario cannot be found, or its content differs.
    #[error("different scenario: {0}")]
    Scenario(String),
    /// The starting state differs: the seed (or audience size) was changed.
    #[error("tampered: the starting state differs (the seed or audience size was edited)")]
    Seed,
    /// A week's plan is not a legal plan.
    #[error("tampered: week {week}'s plan is not a legal plan ({reason})")]
    IllegalPlan { week: usize, reason: WeekError },
    /// The state after this week differs: its plan was edited.
    #[error("tampered: the state after week {week} differs (week {week}'s plan was edited)")]
    Plan { week: usize },
    /// The game re-plays, but the recorded final KPIs were edited.
    #[error("tampered: the recorded final `{field}` was edited")]
    Kpis { field: String },
    /// A class game's market does not start as recorded.
    #[error(
        "tampered: market {market} does not start as recorded (the seed, audience size or its teams were edited)"
    )]
    MarketStart { market: usize },
    /// A team's plan of a class game is not a legal plan.
    #[error("tampered: market {market}, week {week}: {reason}")]
    IllegalTeamPlan {
        market: usize,
        week: usize,
        reason: WeekError,
    },
    /// The state of a class game's market after a week differs.
    #[error(
        "tampered: market {market}, week {week}: the state after the week differs \
         (a week-{week} plan of {teams} was edited)"
    )]
    MarketPlan {
        market: usize,
        week: usize,
        teams: String,
    },
    /// A class game re-plays, but a team's recorded final KPIs were edited.
    #[error("tampered: market {market}, team `{team}`: the recorded final `{field}` was edited")]
    TeamKpis {
        market: usize,
        team: String,
        field: String,
    },
    /// The replay re-plays, but its seal does not match: the player's name,
    /// the class code or the parent was edited.
    #[error("tampered: the seal does not match (the player's name, the class code or the parent was edited)")]
    Seal,
    /// Under a roster: the seal is not a student's (unkeyed, or none).
    #[error(
        "{}, so it cannot be tied to a student of the roster",
        if *sealed { "sealed without a student's code (such a seal can be made by anyone)" } else { "not sealed" }
    )]
    NotKeyed { sealed: bool },
    /// Under a roster: sealed with another student's code.
    #[error("sealed with the code of {holder}, but names itself `{named}`")]
    OtherStudent { named: String, holder: String },
    /// Under a roster: the named student's code did not make the seal, and
    /// no other student's did.
    #[error(
        "the seal was not made with the code of {named}: made without it (forged or resealed after an edit), \
         or for another class"
    )]
    NotTheStudent { named: String },
    /// Under a roster: the name is not on it, and no student's code made
    /// the seal.
    #[error("`{named}` is not on the roster, and no code on the roster made its seal")]
    NotOnRoster { named: String },
    /// A genuine game, but not on the class's seed.
    #[error("played on seed {theirs}; the class plays {class}")]
    ClassSeed { theirs: u64, class: u64 },
    /// A genuine game, but not at the class's audience size.
    #[error("played with {theirs} people; the class plays with {class}")]
    ClassSize { theirs: String, class: String },
    /// A class game not played to its end.
    #[error(
        "a class game in progress: {played} of {weeks} weeks played; its replay verifies once every round is played"
    )]
    Unfinished { played: usize, weeks: u32 },
}

/// The scenario a replay was played on: `scenario` at the replay's size,
/// when its content is the one recorded.
fn played_scenario(
    replay: &Replay,
    scenario: &crate::sim::Scenario,
) -> Result<crate::sim::Scenario, Mismatch> {
    check_model_version(replay)?;
    let scenario =
        super::scenario::resize(scenario, replay.agents).map_err(|e| Mismatch::Scenario(e.to_string()))?;
    let resized_hash = scenario_hash(&scenario);
    if resized_hash != replay.scenario_hash {
        return Err(Mismatch::Scenario(format!(
            "`{}` here is not the scenario the replay was played on (content hash {} vs {})",
            replay.scenario, resized_hash, replay.scenario_hash
        )));
    }
    Ok(scenario)
}

fn check_model_version(replay: &Replay) -> Result<(), Mismatch> {
    if replay.model_version != MODEL_VERSION {
        return Err(Mismatch::GameVersion {
            theirs: replay.model_version,
            ours: MODEL_VERSION,
            game: replay.game_version.clone(),
        });
    }
    Ok(())
}

/// Re-simulates a replay; on success returns the finished game.
pub fn verify(replay: &Replay) -> Result<Simulation, Mismatch> {
    check_model_version(replay)?;
    let scenario =
        super::builtin::find_scenario(&replay.scenario).map_err(|e| Mismatch::Scenario(e.to_string()))?;
    verify_against(replay, &scenario)
}

/// Re-simulates a replay on a given scenario (an instructor's copy of the
/// file the class played), whatever path the replay recorded.
/// A class replay gives back market 1's game ([`verify_markets`] gives
/// every market).
pub fn verify_against(replay: &Replay, scenario: &crate::sim::Scenario) -> Result<Simulation, Mismatch> {
    if replay.is_class() {
        return markets::verify_markets_against(replay, scenario).map(|mut games| games.swap_remove(0));
    }
    let scenario = played_scenario(replay, scenario)?;
    if replay.weeks.len() as u32 != scenario.weeks {
        return Err(Mismatch::Broken(format!(
            "{} weeks recorded, the scenario has {}",
            replay.weeks.len(),
            scenario.weeks
        )));
    }
    let scenario = Arc::new(scenario);
    let hashes = recorded_hashes(&replay.start_hash, replay.weeks.iter().map(|w| &w.state_hash))?;
    let plans = replay.plans();
    let simulation = Simulation::replay(Replaying::solo(&scenario, replay.seed, &plans).expecting(&hashes))
        .map_err(|stop| match stop.reason {
        ReplayFailure::Start | ReplayFailure::Setup(_) => Mismatch::Seed,
        ReplayFailure::IllegalPlan(reason) => Mismatch::IllegalPlan {
            week: stop.week,
            reason,
        },
        ReplayFailure::StateDiffers => Mismatch::Plan { week: stop.week },
    })?;
    if let Some(field) = edited_kpi(&replay.kpis, &simulation.kpis()) {
        return Err(Mismatch::Kpis { field });
    }
    seal::check_seal(replay)?;
    Ok(simulation)
}

/// Re-simulates a replay on the class's scenario and ties it to a student
/// of the roster: their own code made its keyed seal. What `grade
/// --roster` and `verify --roster` ask (and the class server can).
pub fn verify_against_roster<'r>(
    replay: &Replay,
    scenario: &crate::sim::Scenario,
    roster: &'r super::roster::Roster,
) -> Result<(Simulation, &'r super::roster::Student), Mismatch> {
    let simulation = verify_against(replay, scenario)?;
    let student = check_roster_seal(replay, roster)?;
    Ok((simulation, student))
}

/// The first recorded KPI that differs from the game's, if any.
fn edited_kpi(recorded: &Kpis, kpis: &Kpis) -> Option<String> {
    // A replay written before attribution was counted records none: its
    // other KPIs are still checked. A recorded attribution is checked.
    let mut recorded = recorded.clone();
    if recorded.attribution == Default::default() {
        recorded.attribution = kpis.attribution;
    }
    // One written before stocks were credited by contribution records the
    // last touch only: that is checked.
    if !recorded.attribution.has_contribution() {
        recorded.attribution.take_contribution_of(&kpis.attribution);
    }
    let recorded = serde_json::to_value(&recorded).unwrap_or_default();
    let actual = serde_json::to_value(kpis).unwrap_or_default();
    if recorded == actual {
        return None;
    }
    let field = actual
        .as_object()
        .and_then(|fields| {
            fields
                .iter()
                .find(|(name, value)| recorded.get(name.as_str()) != Some(value))
        })
        .map_or_else(|| "kpis".to_string(), |(name, _)| name.clone());
    Some(field)
}

/// Loads a replay file and verifies it on the scenario it names, or on
/// `scenario` when one is given (an instructor's copy of the file the
/// class played: a hand-in records the path on the student's machine); a
/// file that cannot be read or parsed, or does not verify, is an error in
/// words that say which (what `whatif` and `explain` start from).
pub fn load_verified(
    path: &Path,
    doing: &str,
    scenario: Option<&crate::sim::Scenario>,
) -> Result<(Replay, Simulation), String> {
    let replay = load_replay(path).map_err(|e| e.to_string())?;
    if replay.is_class() {
        return Err(format!(
            "{}: is the replay of a class game in teams ({} markets), so it cannot be {doing}; \
             `rapport verify` and `rapport compare` read it",
            path.display(),
            replay.markets.len()
        ));
    }
    let verified = match scenario {
        Some(scenario) => verify_against(&replay, scenario),
        None => verify(&replay),
    };
    let simulation = verified.map_err(|e| {
        let hint = match (&e, scenario) {
            (Mismatch::Scenario(_), None) => {
                "; give the class's scenario with --scenario (a hand-in names the file as it was on the student's machine)"
            }
            _ => "",
        };
        format!(
            "{}: does not verify, so it cannot be {doing}: {e}{hint}",
            path.display()
        )
    })?;
    Ok((replay, simulation))
}

/// Loads and verifies a replay file, on the scenario it names or on the
/// one given.
pub fn verify_file_with(
    path: &Path,
    scenario: Option<&crate::sim::Scenario>,
) -> Result<(Replay, Simulation), Mismatch> {
    let replay = load_replay(path).map_err(|e| Mismatch::Broken(e.to_string()))?;
    let simulation = match scenario {
        Some(scenario) => verify_against(&replay, scenario)?,
        None => verify(&replay)?,
    };
    Ok((replay, simulation))
}

/// Loads and verifies a replay file on the scenario it names.
pub fn verify_file(path: &Path) -> Result<(Replay, Simulation), Mismatch> {
    verify_file_with(path, None)
}

/// Most replays a folder listing re-simulates.
pub const MAX_LISTED: usize = 200;

/// The first `MAX_LISTED` replays of a folder, each re-simulated: verified
/// (with the finished game), or why not. What the replay browser lists.
pub fn verify_folder(dir: &Path) -> Vec<(std::path::PathBuf, Result<(Replay, Simulation), Mismatch>)> {
    let mut paths = replay_files_in(dir).unwrap_or_default();
    paths.truncate(MAX_LISTED);
    paths
        .into_iter()
        .map(|path| {
            let outcome = verify_file(&path);
            (path, outcome)
        })
        .collect()
}

/// A plans file: what to play in each week of a what-if branch, as a RON
/// list of weeks, each a list of actions written as a replay writes them
/// (`docs/CLASSROOM.md` has an example).
pub fn load_plans(path: &Path) -> Result<Vec<WeekPlan>, LoadError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    parse_plans(&path.display().to_string(), &text)
}

pub fn parse_plans(path: &str, text: &str) -> Result<Vec<WeekPlan>, LoadError> {
    let weeks: Vec<Vec<PlannedAction>> = parse_ron(path, text)?;
    let check = Check { path };
    check.count("weeks", weeks.len(), 1, super::scenario::MAX_WEEKS as usize)?;
    for (w, week) in weeks.iter().enumerate() {
        check.count(format!("[{w}]"), week.len(), 0, MAX_ACTIONS_PER_WEEK)?;
    }
    Ok(weeks.into_iter().map(|actions| WeekPlan { actions }).collect())
}

/// The text of a plans file holding `plans`, one week a list: what
/// [`parse_plans`] reads back as the same weeks.
pub fn plans_text(plans: &[WeekPlan]) -> String {
    let weeks: Vec<&[PlannedAction]> = plans.iter().map(|p| p.actions.as_slice()).collect();
    let config = ron::ser::PrettyConfig::new().depth_limit(2);
    // Plain data of enums, numbers and lists always serialises.
    ron::ser::to_string_pretty(&weeks, config).unwrap_or_default()
}
