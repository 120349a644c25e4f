//! Who may play solo in the browser, and how their finished game is
//! sealed: the boundary with the class roster and keyed seals of issue 25.
//!
//! STUB until issue 25 lands. Today: a roster file of `name,code` lines (a
//! header line `name,code` first), codes compared in constant time, and
//! the seal every replay gets today (unkeyed). At the merge, replace
//! [`RosterFile`] with issue 25's roster (its `check_student`, its keyed
//! `seal`) behind the same [`Roster`] trait; nothing else in `web` reads
//! the roster.

use crate::class::game::folder::same_code;
use crate::files::replay::Replay;
use std::path::{Path, PathBuf};

/// Most students a roster holds, and the longest name or code read.
const MAX_STUDENTS: usize = 2_000;
const MAX_FIELD: usize = 200;

/// A student's stable id: their place in the roster and their name as a
/// file name (what the server's save and the hand-in are called).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StudentId(pub String);

/// A student the roster knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Student {
    pub id: StudentId,
    /// The name as the roster writes it (the replay's player).
    pub name: String,
    /// The class code written into the replay.
    pub class_code: String,
}

/// Why a sign-in was refused, in words for the student.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("the class roster has no student called `{0}`; type your name as your instructor wrote it")]
    UnknownName(String),
    #[error("that is not the personal code of `{0}`")]
    WrongCode(String),
    #[error("{0}")]
    Unreadable(String),
}

/// What the browser's solo play asks of a roster.
pub trait Roster: Send + Sync {
    /// The student with this name, when `code` is theirs.
    fn check_student(&self, name: &str, code: &str) -> Result<Student, RosterError>;
    /// A finished game's replay, sealed for `student`.
    fn seal(&self, replay: Replay, student: &Student) -> Replay;
    /// Every student, in the roster's order (the dashboard's list).
    fn students(&self) -> Vec<Student>;
}

/// A roster file: `name,code` per line after a header line.
#[derive(Clone, Debug)]
pub struct RosterFile {
    path: PathBuf,
    entries: Vec<(Student, String)>,
}

/// A name as the roster compares it: spaces trimmed and single, any case.
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    words(a) == words(b)
}

/// A name as a file name: letters and digits, the rest `-`.
fn file_name_of(name: &str) -> String {
    let mut slug: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    slug.trim_matches('-').chars().take(40).collect()
}

impl RosterFile {
    /// Reads a roster; `class_code` goes into every student's replays.
    pub fn load(path: &Path, class_code: &str) -> Result<RosterFile, RosterError> {
        let unreadable = |what: String| RosterError::Unreadable(format!("{}: {what}", path.display()));
        let text =
            crate::files::read_limited(path, 1 << 20).map_err(|e| RosterError::Unreadable(e.to_string()))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut entries: Vec<(Student, String)> = Vec::new();
        for (line, record) in reader.records().enumerate() {
            let record = record.map_err(|e| unreadable(e.to_string()))?;
            let (Some(name), Some(code)) = (record.get(0), record.get(1)) else {
                return Err(unreadable(format!("line {}: give a name and a code", line + 2)));
            };
            if name.is_empty() || code.is_empty() || name.len() > MAX_FIELD || code.len() > MAX_FIELD {
                return Err(unreadable(format!(
                    "line {}: a name and a code of 1 to {MAX_FIELD} characters",
                    line + 2
                )));
            }
            if entries.iter().any(|(s, _)| same_name(&s.name, name)) {
                return Err(unreadable(format!(
                    "line {}: `{name}` is in the roster twice",
                    line + 2
                )));
            }
            if entries.len() >= MAX_STUDENTS {
                return Err(unreadable(format!("more than {MAX_STUDENTS} students")));
            }
            let id = StudentId(format!("{:03}-{}", entries.len() + 1, file_name_of(name)));
            entries.push((
                Student {
                    id,
                    name: name.to_string(),
                    class_code: class_code.to_string(),
                },
                code.to_string(),
            ));
        }
        Ok(RosterFile {
            path: path.to_path_buf(),
            entries,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Roster for RosterFile {
    fn check_student(&self, name: &str, code: &str) -> Result<Student, RosterError> {
        let Some((student, expected)) = self.entries.iter().find(|(s, _)| same_name(&s.name, name)) else {
            return Err(RosterError::UnknownName(name.trim().to_string()));
        };
        if same_code(code, expected) {
            Ok(student.clone())
        } else {
            Err(RosterError::WrongCode(student.name.clone()))
        }
    }

    fn seal(&self, replay: Replay, student: &Student) -> Replay {
        // Issue 25: a keyed seal under the student's key replaces this.
        Replay {
            player: student.name.clone(),
            ..replay
        }
        .with_class_code(&student.class_code)
    }

    fn students(&self) -> Vec<Student> {
        self.entries.iter().map(|(s, _)| s.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_checks_names_any_case_and_codes_exactly() {
        let dir = std::env::temp_dir().join(format!("rapport-roster-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("roster.csv");
        std::fs::write(&path, "name,code\nAda Lovelace, k7m2p9qx\nAlan Turing,abc\n").unwrap();
        let roster = RosterFile::load(&path, "BUS210").unwrap();
        let ada = roster.check_student("  ada   LOVELACE ", "k7m2p9qx").unwrap();
        assert_eq!(ada.name, "Ada Lovelace");
        assert_eq!(ada.id.0, "001-ada-lovelace");
        assert_eq!(
            roster.check_student("Ada Lovelace", "k7m2p9qy"),
            Err(RosterError::WrongCode("Ada Lovelace".into()))
        );
        assert!(matches!(
            roster.check_student("Grace", "abc"),
            Err(RosterError::UnknownName(_))
        ));
        std::fs::write(&path, "name,code\nAda,1\nada,2\n").unwrap();
        assert!(RosterFile::load(&path, "").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
