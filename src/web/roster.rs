//! Who may play solo in the browser, and how their finished game is
//! sealed: the class roster of `files::roster` (the instructor's folder,
//! `rapport class roster`). A student signs in with their name (or their
//! id) and their personal code; their finished game is sealed with that
//! same code (a keyed seal, see `files::replay::seal`), so `grade --roster`
//! and `verify --roster`, and the dashboard's grades, tie it to them. The
//! server holds the roster's secret, as the instructor's folder does, and
//! derives each code from it; nothing else in `web` reads the roster.

use crate::class::game::folder::same_code;
use crate::files::replay::Replay;
use crate::files::roster::{Roster, normalize_code};
use std::path::Path;

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
    /// The roster's own entry (its id and code generation).
    pub entry: crate::files::roster::Student,
}

/// Why a sign-in was refused, in words for the student.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("the class roster has no student called `{0}`; type your name as your instructor wrote it")]
    UnknownName(String),
    #[error("that is not the personal code of `{0}`")]
    WrongCode(String),
    #[error(
        "that is not a personal code: a code is 12 letters and digits like abcd-efgh-jkmn (no 0, 1, i, l \
         or o); check it letter by letter"
    )]
    NotACode,
    #[error("{0}")]
    Unreadable(String),
}

/// The class roster solo players sign in with.
#[derive(Clone, Debug)]
pub struct ClassRoster {
    roster: Roster,
    /// Written into every student's replays.
    class_code: String,
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

impl ClassRoster {
    /// Reads the roster and its secret from the instructor's folder (or
    /// the folder of a `roster.ron` given as a file); `class_code` goes
    /// into every student's replays.
    pub fn load(path: &Path, class_code: &str) -> Result<ClassRoster, RosterError> {
        let roster = Roster::load(path).map_err(|e| RosterError::Unreadable(e.to_string()))?;
        Ok(ClassRoster::new(roster, class_code))
    }

    pub fn new(roster: Roster, class_code: &str) -> ClassRoster {
        ClassRoster {
            roster,
            class_code: class_code.to_string(),
        }
    }

    /// The roster itself (grading reads it).
    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    fn student(&self, place: usize, entry: &crate::files::roster::Student) -> Student {
        Student {
            id: StudentId(format!("{:03}-{}", place + 1, file_name_of(&entry.name))),
            name: entry.name.clone(),
            class_code: self.class_code.clone(),
            entry: entry.clone(),
        }
    }

    /// The student with this name (or roster id), when `code` is theirs
    /// (any case, with or without dashes; compared in constant time).
    pub fn check_student(&self, name: &str, code: &str) -> Result<Student, RosterError> {
        let Some(entry) = self.roster.find(name) else {
            return Err(RosterError::UnknownName(name.trim().to_string()));
        };
        let place = self
            .roster
            .students
            .iter()
            .position(|s| s == entry)
            .unwrap_or_default();
        let student = self.student(place, entry);
        let typed = normalize_code(code).map_err(|_| RosterError::NotACode)?;
        if same_code(&typed, &self.roster.code_of(entry)) {
            Ok(student)
        } else {
            Err(RosterError::WrongCode(student.name))
        }
    }

    /// A finished game's replay in the student's name and class, sealed
    /// with their personal code: only that code makes this seal.
    pub fn seal(&self, replay: Replay, student: &Student) -> Result<Replay, String> {
        let code = self.roster.code_of(&student.entry);
        Replay {
            player: student.name.clone(),
            class_code: student.class_code.clone(),
            ..replay
        }
        .sealed_with_code(&code)
    }

    /// Every student, in the roster's order (the dashboard's list).
    pub fn students(&self) -> Vec<Student> {
        self.roster
            .students
            .iter()
            .enumerate()
            .map(|(place, entry)| self.student(place, entry))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::replay::check_roster_seal;
    use crate::files::roster::{ClassSecret, Student as Entry};
    use crate::sim::{Scenario, Simulation};
    use std::sync::Arc;

    fn roster() -> ClassRoster {
        let entry = |id: &str, name: &str| Entry {
            id: id.to_string(),
            name: name.to_string(),
            generation: 0,
        };
        let students = vec![entry("s001", "Ada Lovelace"), entry("aturing", "Alan Turing")];
        ClassRoster::new(Roster::new(students, ClassSecret::from_bytes([7; 32])), "BUS210")
    }

    #[test]
    fn a_roster_checks_names_any_case_and_codes_as_the_instructor_gave_them() {
        let roster = roster();
        let code = roster.roster().code_of(&roster.roster().students[0]);
        let ada = roster.check_student("  ada   LOVELACE ", &code).unwrap();
        assert_eq!(ada.name, "Ada Lovelace");
        assert_eq!(ada.id.0, "001-ada-lovelace");
        // Upper case and without dashes, as students type it.
        let typed = code.replace('-', "").to_uppercase();
        assert_eq!(roster.check_student("s001", &typed).unwrap(), ada);
        let alan = roster.roster().code_of(&roster.roster().students[1]);
        assert_eq!(
            roster.check_student("Ada Lovelace", &alan),
            Err(RosterError::WrongCode("Ada Lovelace".into()))
        );
        assert_eq!(
            roster.check_student("Ada Lovelace", "k7m2p9qx"),
            Err(RosterError::NotACode)
        );
        assert!(matches!(
            roster.check_student("Grace", &code),
            Err(RosterError::UnknownName(_))
        ));
        let ids: Vec<String> = roster.students().into_iter().map(|s| s.id.0).collect();
        assert_eq!(ids, ["001-ada-lovelace", "002-alan-turing"]);
    }

    #[test]
    fn a_finished_game_is_sealed_with_the_students_own_code() {
        let roster = roster();
        let ada = roster.students().remove(0);
        let game = Simulation::new(Arc::new(Scenario::for_tests(300)), 1);
        let sealed = roster
            .seal(Replay::of(&game, "for_tests", "someone"), &ada)
            .unwrap();
        assert_eq!(
            (sealed.player.as_str(), sealed.class_code.as_str()),
            ("Ada Lovelace", "BUS210")
        );
        assert_eq!(check_roster_seal(&sealed, roster.roster()).unwrap().id, "s001");
    }
}
