//! Saves: an in-progress game as its scenario, seed and the plans of the
//! weeks played. Loading re-plays the plans (the model is deterministic) and
//! checks the state hash, so a save cannot be edited into a different game.
//! Written atomically after every week.

use super::load::{Check, LoadError, MAX_FILE_BYTES, check_hash, check_version, parse_ron, read_limited};
use crate::sim::{
    MAX_ACTIONS_PER_WEEK, MODEL_VERSION, PlannedAction, ReplayFailure, ReplayMismatch, Replaying, Scenario,
    Simulation, WeekPlan, mix64,
};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields, rename = "Save")]
pub struct RawSave {
    pub version: u32,
    pub game_version: String,
    pub model_version: u32,
    /// The built-in id or file path the scenario came from.
    pub scenario: String,
    /// Hash of the scenario's content, to notice a changed file.
    pub scenario_hash: String,
    pub agents: u32,
    pub seed: u64,
    pub weeks: Vec<Vec<PlannedAction>>,
    pub state_hash: String,
    /// Who plays, and their class code, so that a game continued another
    /// day still hands in a replay under the player's name.
    #[serde(default)]
    pub player: String,
    #[serde(default)]
    pub class_code: String,
    /// The game this one was rewound from, when it was.
    #[serde(default)]
    pub parent: Option<SavedParent>,
}

/// The original of a rewound game: enough to re-play and check it, so that
/// a branch continued another day still shows beside its original.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SavedParent {
    pub player: String,
    /// The original's state hash after its last week.
    pub state_hash: String,
    /// Weeks the branch played as the original did.
    pub weeks_shared: u32,
    pub weeks: Vec<Vec<PlannedAction>>,
}

/// A save re-played: the game, where its scenario came from, and its
/// original (re-played too) when it is a branch.
pub struct Restored {
    pub simulation: Simulation,
    pub source: String,
    pub parent: Option<(SavedParent, Simulation)>,
}

/// A hash of everything in a scenario, stable across runs and machines.
pub fn scenario_hash(scenario: &Scenario) -> String {
    let text = format!("{scenario:?}");
    let mut hash = 0x0123_4567_89AB_CDEFu64;
    for chunk in text.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        hash = mix64(hash ^ u64::from_le_bytes(word));
    }
    format!("{hash:016x}")
}

/// The save of a game in progress.
pub fn save_of(simulation: &Simulation, source: &str) -> RawSave {
    RawSave {
        version: super::load::FORMAT_VERSION,
        game_version: env!("CARGO_PKG_VERSION").to_string(),
        model_version: MODEL_VERSION,
        scenario: source.to_string(),
        scenario_hash: scenario_hash(simulation.scenario()),
        agents: simulation.scenario().agents,
        seed: simulation.seed(),
        weeks: simulation.plans().iter().map(|p| p.actions.clone()).collect(),
        state_hash: format!("{:016x}", simulation.settled_hash()),
        player: String::new(),
        class_code: String::new(),
        parent: None,
    }
}

pub fn to_text(save: &RawSave) -> String {
    let config = ron::ser::PrettyConfig::new().depth_limit(3).struct_names(true);
    ron::ser::to_string_pretty(save, config).unwrap_or_default()
}

/// The game's data folder: `$RAPPORT_SAVE_DIR`, else the user's data folder.
pub fn data_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("RAPPORT_SAVE_DIR") {
        return PathBuf::from(dir);
    }
    let base = std::env::var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .unwrap_or_else(|_| PathBuf::from("."));
    base.join("reach-and-rapport")
}

/// Where the autosave lives.
pub fn autosave_path() -> PathBuf {
    data_dir().join("autosave.ron")
}

/// Where finished games' replays are written.
pub fn replay_dir() -> PathBuf {
    data_dir().join("replays")
}

/// Writes a save atomically.
pub fn write_save(path: &Path, simulation: &Simulation, source: &str) -> std::io::Result<()> {
    write_save_as(path, simulation, source, "", "")
}

/// Writes the save with who plays it (the window's autosave).
pub fn write_save_as(
    path: &Path,
    simulation: &Simulation,
    source: &str,
    player: &str,
    class_code: &str,
) -> std::io::Result<()> {
    let save = RawSave {
        player: player.to_string(),
        class_code: class_code.to_string(),
        ..save_of(simulation, source)
    };
    write_raw(path, &save)
}

/// Writes a save as it is given (atomically).
pub fn write_raw(path: &Path, save: &RawSave) -> std::io::Result<()> {
    super::atomic::write_atomic(path, to_text(save).as_bytes())
}

/// Who plays the game saved at `path` (name, class code), as it was saved;
/// empty when the save names nobody or cannot be read.
pub fn saved_player(path: &Path) -> (String, String) {
    peek(path).map_or_else(Default::default, |raw| (raw.player, raw.class_code))
}

/// The save at `path` as written, read but neither checked nor re-played
/// (what it says about itself: its player, how many weeks it holds).
pub fn peek(path: &Path) -> Option<RawSave> {
    let text = read_limited(path, MAX_FILE_BYTES).ok()?;
    parse_ron::<RawSave>(&path.display().to_string(), &text).ok()
}

/// Moves a save that cannot be loaded out of the way, so that a new game
/// does not write over it: `autosave.ron` becomes
/// `autosave.unreadable-SECONDS.ron` beside it. Returns the new path.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "save".to_string());
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut n = 0;
    loop {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let aside = path.with_file_name(format!("{stem}.unreadable-{seconds}{suffix}.ron"));
        if !aside.exists() {
            std::fs::rename(path, &aside)?;
            return Ok(aside);
        }
        n += 1;
    }
}

/// Whether a save file reads as a save of this game version, without
/// re-playing it (cheap: for deciding whether to keep a file aside).
pub fn looks_loadable(path: &Path) -> bool {
    let Ok(text) = read_limited(path, MAX_FILE_BYTES) else {
        return false;
    };
    let Ok(raw) = parse_ron::<RawSave>("", &text) else {
        return false;
    };
    raw.version == super::load::FORMAT_VERSION && raw.model_version == MODEL_VERSION
}

/// Loads a save and re-plays it; refuses a corrupt, edited or foreign one.
pub fn load_save(path: &Path) -> Result<(Simulation, String), LoadError> {
    load_save_reporting(path, &|_, _| {})
}

/// `load_save`, telling `progress(weeks re-played, weeks saved)` as it goes.
pub fn load_save_reporting(
    path: &Path,
    progress: &dyn Fn(usize, usize),
) -> Result<(Simulation, String), LoadError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    restore_reporting(&path.display().to_string(), &text, progress)
}

pub fn restore(path: &str, text: &str) -> Result<(Simulation, String), LoadError> {
    restore_reporting(path, text, &|_, _| {})
}

fn restore_reporting(
    path: &str,
    text: &str,
    progress: &dyn Fn(usize, usize),
) -> Result<(Simulation, String), LoadError> {
    restore_full(path, text, progress).map(|restored| (restored.simulation, restored.source))
}

/// Re-plays a save, and its original when it is a branch, telling
/// `progress(weeks re-played, weeks in all)`.
pub fn restore_full(path: &str, text: &str, progress: &dyn Fn(usize, usize)) -> Result<Restored, LoadError> {
    let raw: RawSave = parse_ron(path, text)?;
    let check = Check { path };
    check_version(&check, raw.version)?;
    if raw.model_version != MODEL_VERSION {
        return check.fail(
            "model_version",
            format!(
                "made with model version {} (game {}); this game runs model version {MODEL_VERSION}, \
                 whose rules give different results, so the save cannot be resumed here",
                raw.model_version, raw.game_version
            ),
        );
    }
    check_hash(&check, "state_hash", &raw.state_hash)?;
    check_hash(&check, "scenario_hash", &raw.scenario_hash)?;
    for (field, text) in [("player", &raw.player), ("class_code", &raw.class_code)] {
        if !text.is_empty() {
            check.text(field, text, 200)?;
        }
    }
    let scenario = super::builtin::find_scenario(&raw.scenario).map_err(|error| LoadError::Invalid {
        path: path.to_string(),
        field: "scenario".to_string(),
        message: error.to_string(),
    })?;
    let scenario = super::scenario::resize_checked(&check, &scenario, raw.agents)?;
    if scenario_hash(&scenario) != raw.scenario_hash {
        return check.fail(
            "scenario_hash",
            format!("the scenario `{}` has changed since this save", raw.scenario),
        );
    }
    // Everything that can be checked without simulating comes first, so a
    // hostile file is refused before any work is done.
    for (w, actions) in raw.weeks.iter().enumerate() {
        if actions.len() > MAX_ACTIONS_PER_WEEK {
            return check.fail(
                format!("weeks[{w}]"),
                format!(
                    "has {} actions; at most {MAX_ACTIONS_PER_WEEK} fit in a week",
                    actions.len()
                ),
            );
        }
    }
    if raw.weeks.len() as u32 > scenario.weeks {
        return check.fail(
            "weeks",
            format!(
                "{} weeks played, but the scenario has {}",
                raw.weeks.len(),
                scenario.weeks
            ),
        );
    }
    if let Some(parent) = &raw.parent {
        check_parent(&check, parent, &raw.weeks, scenario.weeks)?;
    }
    let all = raw.weeks.len() + raw.parent.as_ref().map_or(0, |p| p.weeks.len());
    let scenario = Arc::new(scenario);
    let plans = week_plans(&raw.weeks);
    let report = |done: usize, _: usize| progress(done, all);
    let simulation = Simulation::replay(Replaying::solo(&scenario, raw.seed, &plans).reporting(&report))
        .map_err(|stop| replay_error(path, "weeks", stop))?;
    let hash = format!("{:016x}", simulation.settled_hash());
    if hash != raw.state_hash {
        return check.fail(
            "state_hash",
            "re-playing the saved plans gives a different game; the save was edited or is damaged",
        );
    }
    let parent = match raw.parent {
        Some(parent) => {
            let plans = week_plans(&parent.weeks);
            let shared = raw.weeks.len();
            let report = |done: usize, _: usize| progress(shared + done, all);
            let original = Simulation::replay(
                Replaying::solo(simulation.scenario(), raw.seed, &plans).reporting(&report),
            )
            .map_err(|stop| replay_error(path, "parent.weeks", stop))?;
            if format!("{:016x}", original.settled_hash()) != parent.state_hash {
                return check.fail(
                    "parent.state_hash",
                    "re-playing the original's plans gives a different game; the save was edited or is damaged",
                );
            }
            Some((parent, original))
        }
        None => None,
    };
    Ok(Restored {
        simulation,
        source: raw.scenario,
        parent,
    })
}

/// A save's weeks as plans.
fn week_plans(weeks: &[Vec<PlannedAction>]) -> Vec<WeekPlan> {
    weeks
        .iter()
        .map(|actions| WeekPlan {
            actions: actions.clone(),
        })
        .collect()
}

/// A saved week that does not play, named by its field (`weeks[2]`).
fn replay_error(path: &str, field: &str, stop: ReplayMismatch) -> LoadError {
    LoadError::Invalid {
        path: path.to_string(),
        field: format!("{field}[{}]", stop.week.saturating_sub(1)),
        message: match stop.reason {
            ReplayFailure::IllegalPlan(error) => error.to_string(),
            other => other.to_string(),
        },
    }
}

/// What can be checked of a branch's original without simulating it: its
/// size, its name, and that the branch's first weeks are the original's.
fn check_parent(
    check: &Check,
    parent: &SavedParent,
    weeks: &[Vec<PlannedAction>],
    scenario_weeks: u32,
) -> Result<(), LoadError> {
    check.text("parent.player", &parent.player, 200)?;
    check_hash(check, "parent.state_hash", &parent.state_hash)?;
    if parent.weeks.len() as u32 > scenario_weeks {
        return check.fail(
            "parent.weeks",
            format!(
                "{} weeks, but the scenario has {scenario_weeks}",
                parent.weeks.len()
            ),
        );
    }
    if let Some(w) = parent.weeks.iter().position(|a| a.len() > MAX_ACTIONS_PER_WEEK) {
        return check.fail(
            format!("parent.weeks[{w}]"),
            format!("at most {MAX_ACTIONS_PER_WEEK} actions fit in a week"),
        );
    }
    let shared = parent.weeks_shared as usize;
    if shared > parent.weeks.len() || shared > weeks.len() || parent.weeks[..shared] != weeks[..shared] {
        return check.fail(
            "parent.weeks_shared",
            "the branch does not begin with the original's weeks",
        );
    }
    Ok(())
}

/// Why Continue cannot resume the autosave.
#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    #[error("there is no saved game yet")]
    NoSave,
    /// The save was refused and moved aside, so that the next game cannot
    /// write over it.
    #[error("{error}\nThe file was kept as {}.", kept.display())]
    KeptAside { error: LoadError, kept: PathBuf },
    /// The save was refused and could not even be moved aside.
    #[error("{0}")]
    Refused(LoadError),
}

/// Continue: loads the autosave at `path` and re-plays it. A save that
/// cannot be loaded is kept, byte for byte, under another name beside it.
pub fn resume(path: &Path) -> Result<(Simulation, String), ResumeError> {
    resume_reporting(path, &|_, _| {})
}

/// `resume`, telling `progress(weeks re-played, weeks saved)` as it goes.
pub fn resume_reporting(
    path: &Path,
    progress: &dyn Fn(usize, usize),
) -> Result<(Simulation, String), ResumeError> {
    resume_full(path, progress).map(|restored| (restored.simulation, restored.source))
}

/// `resume`, with the branch's original re-played too when there is one.
pub fn resume_full(path: &Path, progress: &dyn Fn(usize, usize)) -> Result<Restored, ResumeError> {
    if !path.exists() {
        return Err(ResumeError::NoSave);
    }
    read_limited(path, MAX_FILE_BYTES)
        .and_then(|text| restore_full(&path.display().to_string(), &text, progress))
        .map_err(|error| match set_aside(path) {
            Ok(kept) => ResumeError::KeptAside { error, kept },
            Err(_) => ResumeError::Refused(error),
        })
}
