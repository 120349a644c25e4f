//! Files of any kind, told by their first word: what `check` reads.

use super::load::{LoadError, MAX_FILE_BYTES, read_limited};
use super::{replay, save, scenario, strategy};
use std::path::Path;

/// The kinds of file the game reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Strategy,
    Replay,
    Save,
}

/// Tells a file's kind by the name of its outer struct, skipping comments.
pub fn detect_kind(path: &str, text: &str) -> Result<FileKind, LoadError> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("#![") {
            rest = after.split_once(']').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    match word.as_str() {
        "Scenario" => Ok(FileKind::Scenario),
        "Strategy" => Ok(FileKind::Strategy),
        "Replay" => Ok(FileKind::Replay),
        "Save" => Ok(FileKind::Save),
        _ => Err(LoadError::UnknownKind {
            path: path.to_string(),
            found: rest
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(20)
                .collect::<String>()
                .trim()
                .to_string(),
        }),
    }
}

/// Any file the game reads, loaded and checked.
pub enum AnyFile {
    Scenario(Box<crate::sim::Scenario>),
    Strategy(crate::sim::Strategy),
    /// Read and checked, not yet re-simulated (that is `verify`'s work).
    Replay(Box<replay::Replay>),
    /// Re-played up to where it was saved, and found to match.
    Save(Box<crate::sim::Simulation>, String),
}

/// Reads a file of any kind, told by its first word (what `check` does).
pub fn load_any(path: &Path) -> Result<AnyFile, LoadError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    parse_any(&path.display().to_string(), &text)
}

/// Parses and checks text of any kind; `path` is used in messages only.
pub fn parse_any(path: &str, text: &str) -> Result<AnyFile, LoadError> {
    Ok(match detect_kind(path, text)? {
        FileKind::Scenario => AnyFile::Scenario(Box::new(scenario::parse_scenario(path, text)?)),
        FileKind::Strategy => AnyFile::Strategy(strategy::parse_strategy(path, text)?),
        FileKind::Replay => AnyFile::Replay(Box::new(replay::parse_replay(path, text)?)),
        FileKind::Save => {
            let (simulation, source) = save::restore(path, text)?;
            AnyFile::Save(Box::new(simulation), source)
        }
    })
}
