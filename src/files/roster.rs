//! A class roster: every student with an id and a name, and a class secret
//! from which each student's personal code is derived. The instructor's
//! folder holds them (`class roster` writes it, `grade --roster` and
//! `verify --roster` read it):
//!
//! ```text
//! INSTRUCTOR_DIR/
//!   roster.ron        the students: id (a login, or s001, s002, ...), name, code generation
//!   class-secret.txt  the class secret (64 hexadecimal digits); never leaves this folder
//!   codes.txt         each student's name and personal code, to hand out
//! ```
//!
//! Every file is written private to its owner (mode 0600). A student's
//! code is an HMAC-SHA256 of the class secret over the student's id (and
//! its generation, bumped when a code must be replaced), so a lost code is
//! printed again without storing any, and a code cannot be made without
//! the secret. A student seals their replay with their code (see
//! `replay::seal`); the instructor, holding the secret, recomputes every
//! student's code and finds whose made a seal.
//!
//! What it stops: a seal made without the student's code (a forged name, a
//! script that reseals an edited name, a copy handed in under another
//! name). What it cannot stop: a student who gives their code away, or
//! plays for someone else with that someone's code. A student editing their
//! own replay's plans or figures is stopped by re-simulation, not by the
//! seal (docs/CLASSROOM.md says so).

use super::atomic::write_private;
use super::load::{Check, LoadError, MAX_FILE_BYTES, parse_ron, read_limited};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::path::{Path, PathBuf};

/// The version of `roster.ron`.
pub const ROSTER_VERSION: u32 = 1;

/// Most students a roster holds.
pub const MAX_STUDENTS: usize = 2000;

/// Longest name or id.
pub const MAX_NAME: usize = 200;

/// Letters of a code: no 0/o, 1/l/i, as they are read aloud and copied.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Letters of a code drawn from the secret; one more is a check letter.
const CODE_LETTERS: usize = 11;

/// One student.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Student {
    /// A login from the learning platform, or `s001`, `s002`, ... in the
    /// order of the names file. Never changes once given.
    pub id: String,
    /// The name the student types into the game.
    pub name: String,
    /// Bumped to replace a code (a code given away): the old one no longer
    /// seals for this student.
    #[serde(default)]
    pub generation: u32,
}

/// `roster.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Roster")]
struct RosterFile {
    version: u32,
    students: Vec<Student>,
}

/// The class secret: 32 random bytes. Its `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct ClassSecret([u8; 32]);

impl std::fmt::Debug for ClassSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClassSecret(..)")
    }
}

impl ClassSecret {
    /// A fresh secret from the operating system's entropy.
    pub fn fresh() -> std::io::Result<ClassSecret> {
        let mut bytes = [0u8; 32];
        fill_random(&mut bytes)?;
        Ok(ClassSecret(bytes))
    }

    /// A secret given as bytes (for tests and tools).
    pub fn from_bytes(bytes: [u8; 32]) -> ClassSecret {
        ClassSecret(bytes)
    }

    fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn from_hex(text: &str) -> Option<ClassSecret> {
        let text = text.trim();
        if text.len() != 64 || !text.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(ClassSecret(bytes))
    }

    /// HMAC-SHA256 of the secret over `parts` (each length-prefixed, so
    /// that no two lists of parts give the same message).
    pub fn derive(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in parts {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }

    /// `count` seeds that only the secret's holder can know, for the
    /// scenario whose content hash is `scenario_hash` (what `grade --seeds`
    /// plays every hand-in on). The same secret and scenario give the same
    /// seeds, so a grading can be run again.
    pub fn hidden_seeds(&self, scenario_hash: &str, count: usize) -> Vec<u64> {
        (0..count as u64)
            .map(|k| {
                let bytes = self.derive(&[b"hidden seed v1", scenario_hash.as_bytes(), &k.to_le_bytes()]);
                u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"))
            })
            .collect()
    }
}

/// Fills `bytes` from the operating system's entropy.
fn fill_random(bytes: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    #[cfg(unix)]
    {
        std::fs::File::open("/dev/urandom")?.read_exact(bytes)
    }
    #[cfg(not(unix))]
    {
        // Elsewhere: std's randomly keyed hasher, as the class codes use.
        use std::hash::{BuildHasher, Hasher};
        let _ = Read::read;
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_usize(i);
            let word = hasher.finish().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(())
    }
}

/// Why a roster could not be read, made or used.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RosterError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    Refused(String),
    #[error("{path}: cannot write: {message}")]
    Write { path: String, message: String },
}

/// A class's students and its secret, as the instructor's folder holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct Roster {
    pub students: Vec<Student>,
    secret: ClassSecret,
}

/// Where each file of the instructor's folder is.
pub fn roster_file(dir: &Path) -> PathBuf {
    dir.join("roster.ron")
}
pub fn secret_file(dir: &Path) -> PathBuf {
    dir.join("class-secret.txt")
}
pub fn codes_file(dir: &Path) -> PathBuf {
    dir.join("codes.txt")
}

impl Roster {
    /// A roster of `students` under `secret`.
    pub fn new(students: Vec<Student>, secret: ClassSecret) -> Roster {
        Roster { students, secret }
    }

    /// Reads the roster and the secret from an instructor's folder (or
    /// from the folder of a `roster.ron` given as a file).
    pub fn load(dir: &Path) -> Result<Roster, RosterError> {
        let dir = if dir.is_file() {
            dir.parent().unwrap_or(Path::new("."))
        } else {
            dir
        };
        let path = roster_file(dir);
        if !path.exists() {
            return Err(RosterError::Refused(format!(
                "{}: no roster here (no roster.ron); `rapport class roster --names FILE --out {}` makes one",
                dir.display(),
                dir.display()
            )));
        }
        let name = path.display().to_string();
        let text = read_limited(&path, MAX_FILE_BYTES)?;
        let file: RosterFile = parse_ron(&name, &text)?;
        let check = Check { path: &name };
        if file.version != ROSTER_VERSION {
            check.fail::<()>(
                "version",
                format!(
                    "version {} is not supported; this game reads version {ROSTER_VERSION}",
                    file.version
                ),
            )?;
        }
        check_students(&check, &file.students)?;
        let secret_path = secret_file(dir);
        let secret_text = read_limited(&secret_path, 1024)?;
        let secret = ClassSecret::from_hex(&secret_text).ok_or_else(|| {
            RosterError::Refused(format!(
                "{}: not a class secret (64 hexadecimal digits); it was edited or damaged",
                secret_path.display()
            ))
        })?;
        Ok(Roster {
            students: file.students,
            secret,
        })
    }

    /// Makes an instructor's folder for `names` (or adds the new ones to
    /// the roster already there, keeping its secret and every code given
    /// out). Returns the roster and how many students were added.
    pub fn create_or_extend(dir: &Path, names: &[NamedStudent]) -> Result<(Roster, usize), RosterError> {
        let mut roster = if roster_file(dir).exists() {
            Roster::load(dir)?
        } else {
            let secret = ClassSecret::fresh()
                .map_err(|e| RosterError::Refused(format!("no randomness for a secret: {e}")))?;
            Roster::new(Vec::new(), secret)
        };
        let before = roster.students.len();
        for named in names {
            roster.add(named)?;
        }
        if roster.students.is_empty() {
            return Err(RosterError::Refused("the roster has no student".into()));
        }
        roster.write(dir)?;
        Ok((roster.clone(), roster.students.len() - before))
    }

    /// Adds a student unless one of the same id, or with no login the same
    /// name, is there already.
    fn add(&mut self, named: &NamedStudent) -> Result<(), RosterError> {
        let name = named.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            return Err(RosterError::Refused(format!(
                "`{}`: a name has 1 to {MAX_NAME} characters and no control characters",
                name.escape_default()
            )));
        }
        if let Some(login) = named.login.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            if self.students.iter().any(|s| s.id.eq_ignore_ascii_case(login)) {
                return Ok(());
            }
            self.students.push(Student {
                id: login.to_string(),
                name: name.to_string(),
                generation: 0,
            });
            return Ok(());
        }
        if self.students.iter().any(|s| name_key(&s.name) == name_key(name)) {
            return Ok(());
        }
        let mut number = self.students.len() + 1;
        while self.students.iter().any(|s| s.id == format!("s{number:03}")) {
            number += 1;
        }
        self.students.push(Student {
            id: format!("s{number:03}"),
            name: name.to_string(),
            generation: 0,
        });
        Ok(())
    }

    /// Writes `roster.ron`, the secret (only when it is not there yet) and
    /// `codes.txt`, each private to its owner.
    pub fn write(&self, dir: &Path) -> Result<(), RosterError> {
        let written = |path: &Path, bytes: &[u8]| {
            write_private(path, bytes).map_err(|e| RosterError::Write {
                path: path.display().to_string(),
                message: e.to_string(),
            })
        };
        let secret_path = secret_file(dir);
        if !secret_path.exists() {
            written(&secret_path, format!("{}\n", self.secret.to_hex()).as_bytes())?;
        }
        let file = RosterFile {
            version: ROSTER_VERSION,
            students: self.students.clone(),
        };
        let config = ron::ser::PrettyConfig::new().depth_limit(2).struct_names(true);
        let text = ron::ser::to_string_pretty(&file, config)
            .map_err(|e| RosterError::Refused(format!("cannot write the roster: {e}")))?;
        written(&codes_file(dir), self.codes_sheet().as_bytes())?;
        written(&roster_file(dir), text.as_bytes())
    }

    /// The sheet to hand out: each student's name as the game asks it, id
    /// and personal code.
    pub fn codes_sheet(&self) -> String {
        let mut text = String::from(
            "Personal codes (give each student their own; keep this sheet to yourself).\n\
             Each student types their name as written here, and their code, into the game\n\
             (or `rapport run ... --player NAME --class CLASS --code CODE`).\n\n",
        );
        let width = self
            .students
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        text.push_str(&format!("  {:<width$}  {:<12}  code\n", "name", "id"));
        for student in &self.students {
            text.push_str(&format!(
                "  {:<width$}  {:<12}  {}\n",
                student.name,
                student.id,
                self.code_of(student)
            ));
        }
        text
    }

    /// A student's personal code (`abcd-efgh-jkmn`): the same every time it
    /// is asked for, until the student's generation is bumped.
    pub fn code_of(&self, student: &Student) -> String {
        let bytes = self.secret.derive(&[
            b"student code v1",
            student.id.as_bytes(),
            &student.generation.to_le_bytes(),
        ]);
        let mut number = u128::from_le_bytes(bytes[..16].try_into().expect("16 bytes"));
        let mut letters = Vec::with_capacity(CODE_LETTERS + 1);
        for _ in 0..CODE_LETTERS {
            letters.push(ALPHABET[(number % ALPHABET.len() as u128) as usize]);
            number /= ALPHABET.len() as u128;
        }
        letters.push(check_letter(&letters));
        let text = String::from_utf8(letters).expect("ASCII letters");
        format!("{}-{}-{}", &text[0..4], &text[4..8], &text[8..12])
    }

    /// The secret (for hidden seeds).
    pub fn secret(&self) -> &ClassSecret {
        &self.secret
    }

    /// The student a name or id stands for: the id (any case), or the name
    /// with case, spaces, punctuation and word order set aside ("Smith,
    /// Fay" is "fay smith").
    pub fn find(&self, name_or_id: &str) -> Option<&Student> {
        let wanted = name_or_id.trim();
        self.students
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(wanted))
            .or_else(|| {
                let key = name_key(wanted);
                self.students.iter().find(|s| name_key(&s.name) == key)
            })
    }

    /// Gives a student a new code (the old one stops sealing for them) and
    /// writes the folder again.
    pub fn replace_code(&mut self, dir: &Path, name_or_id: &str) -> Result<Student, RosterError> {
        let id = self
            .find(name_or_id)
            .map(|s| s.id.clone())
            .ok_or_else(|| RosterError::Refused(format!("no student `{name_or_id}` on the roster")))?;
        let student = self
            .students
            .iter_mut()
            .find(|s| s.id == id)
            .expect("found above");
        student.generation += 1;
        let student = student.clone();
        self.write(dir)?;
        Ok(student)
    }
}

/// A name as rosters and replays are matched: lower case, letters and
/// digits only, words in order ("Smith, Fay" and "fay  SMITH" are one).
pub fn name_key(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.join(" ")
}

/// The check letter of a code's letters: a typo in one letter, or two
/// neighbours swapped, is caught before a game is sealed with it.
fn check_letter(letters: &[u8]) -> u8 {
    let n = ALPHABET.len();
    let sum: usize = letters
        .iter()
        .enumerate()
        .map(|(i, &c)| (i + 1) * ALPHABET.iter().position(|&a| a == c).unwrap_or(0))
        .sum();
    ALPHABET[sum % n]
}

/// A personal code as typed (any case, with or without dashes or spaces)
/// in its one form (`abcd-efgh-jkmn`), or why it is not one.
pub fn normalize_code(code: &str) -> Result<String, String> {
    let letters: Vec<u8> = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase() as u8)
        .collect();
    if letters.len() != CODE_LETTERS + 1 || !letters.iter().all(|c| ALPHABET.contains(c)) {
        return Err(format!(
            "`{}` is not a personal code: a code is 12 letters and digits, like abcd-efgh-jkmn \
             (no 0, 1, i, l or o)",
            code.trim().escape_default()
        ));
    }
    if check_letter(&letters[..CODE_LETTERS]) != letters[CODE_LETTERS] {
        return Err(format!(
            "`{}` has a typo: it is not a code the instructor gave out; check it letter by letter",
            code.trim().escape_default()
        ));
    }
    let text = String::from_utf8(letters).expect("ASCII letters");
    Ok(format!("{}-{}-{}", &text[0..4], &text[4..8], &text[8..12]))
}

/// A student as a names file or a learning platform's export gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedStudent {
    pub name: String,
    pub login: Option<String>,
}

/// The students of a names file: a learning platform's CSV export (a
/// header row with a name column, or first and last name columns, and a
/// login column), or plain text with one name a line (`#` starts a comment).
pub fn read_names(path: &Path) -> Result<Vec<NamedStudent>, RosterError> {
    let text = read_limited(path, MAX_FILE_BYTES)?;
    let name = path.display().to_string();
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        || text
            .lines()
            .next()
            .is_some_and(|l| l.contains(',') && header_of(l).is_some());
    let students = if is_csv {
        parse_names_csv(&name, &text)?
    } else {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| NamedStudent {
                name: l.to_string(),
                login: None,
            })
            .collect()
    };
    if students.is_empty() {
        return Err(RosterError::Refused(format!("{name}: no student names in it")));
    }
    if students.len() > MAX_STUDENTS {
        return Err(RosterError::Refused(format!(
            "{name}: {} students; a roster holds at most {MAX_STUDENTS}",
            students.len()
        )));
    }
    Ok(students)
}

/// The columns of a learning platform's export that a roster reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Header {
    name: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    login: Option<usize>,
}

/// Column names as exports write them (lower case, spaces as written).
const NAME_COLUMNS: &[&str] = &["name", "full name", "student", "student name", "display name"];
const FIRST_COLUMNS: &[&str] = &["first name", "firstname", "given name", "first"];
const LAST_COLUMNS: &[&str] = &["last name", "lastname", "surname", "family name", "last"];
/// In order of preference: the first found is the login.
const LOGIN_COLUMNS: &[&str] = &[
    "login",
    "login id",
    "sis login id",
    "username",
    "user name",
    "user id",
    "email",
    "email address",
    "student id",
    "sis user id",
    "id",
];

fn header_of(line: &str) -> Option<Header> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let record = reader.records().next()?.ok()?;
    let cells: Vec<String> = record
        .iter()
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let find = |names: &[&str]| {
        names
            .iter()
            .find_map(|wanted| cells.iter().position(|c| c == wanted))
    };
    let header = Header {
        name: find(NAME_COLUMNS),
        first: find(FIRST_COLUMNS),
        last: find(LAST_COLUMNS),
        login: find(LOGIN_COLUMNS),
    };
    (header.name.is_some() || header.first.is_some() && header.last.is_some()).then_some(header)
}

fn parse_names_csv(path: &str, text: &str) -> Result<Vec<NamedStudent>, RosterError> {
    let first_line = text.lines().next().unwrap_or_default();
    let header = header_of(first_line).ok_or_else(|| {
        RosterError::Refused(format!(
            "{path}:1: a CSV roster needs a header row with a name column ({}) or first and last \
             name columns, and ideally a login column ({})",
            NAME_COLUMNS.join(", "),
            LOGIN_COLUMNS.join(", ")
        ))
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut students = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| RosterError::Refused(format!("{path}:{}: {e}", row + 2)))?;
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or_default();
        let name = match header.name {
            Some(_) => cell(header.name).to_string(),
            None => format!("{} {}", cell(header.first), cell(header.last))
                .trim()
                .to_string(),
        };
        // Gradebook exports put rows such as "Points Possible" or a test
        // student under the header: no login, or no name, is no student.
        let login = cell(header.login);
        if name.is_empty()
            || name.eq_ignore_ascii_case("points possible")
            || name.eq_ignore_ascii_case("test student")
            || header.login.is_some() && login.is_empty()
        {
            continue;
        }
        students.push(NamedStudent {
            name,
            login: (!login.is_empty()).then(|| login.to_string()),
        });
    }
    Ok(students)
}

fn check_students(check: &Check, students: &[Student]) -> Result<(), LoadError> {
    check.count("students", students.len(), 1, MAX_STUDENTS)?;
    for (i, student) in students.iter().enumerate() {
        check.text(format!("students[{i}].id"), &student.id, MAX_NAME)?;
        check.text(format!("students[{i}].name"), &student.name, MAX_NAME)?;
        if students[..i]
            .iter()
            .any(|s| s.id.eq_ignore_ascii_case(&student.id))
        {
            return check.fail(
                format!("students[{i}].id"),
                format!("`{}` is given twice", student.id),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(names: &[&str]) -> Roster {
        let mut roster = Roster::new(Vec::new(), ClassSecret::from_bytes([7; 32]));
        for name in names {
            roster
                .add(&NamedStudent {
                    name: name.to_string(),
                    login: None,
                })
                .unwrap();
        }
        roster
    }

    #[test]
    fn codes_are_derived_from_the_secret_and_the_id_and_catch_typos() {
        let roster = roster(&["Ada Lovelace", "Fay Smith"]);
        let ada = &roster.students[0];
        assert_eq!(ada.id, "s001");
        let code = roster.code_of(ada);
        // The same code every time: a lost one is printed again.
        assert_eq!(code, roster.code_of(ada));
        assert_ne!(code, roster.code_of(&roster.students[1]));
        // Another secret, or a new generation, gives another code.
        let other = Roster::new(roster.students.clone(), ClassSecret::from_bytes([8; 32]));
        assert_ne!(code, other.code_of(ada));
        let renewed = Student {
            generation: 1,
            ..ada.clone()
        };
        assert_ne!(code, roster.code_of(&renewed));
        // Typed in any case, without dashes, it is the same code.
        assert_eq!(
            normalize_code(&code.to_uppercase().replace('-', " ")).unwrap(),
            code
        );
        // One letter changed is a typo, found without the roster.
        let mut typo: Vec<char> = code.chars().collect();
        typo[1] = if typo[1] == 'a' { 'b' } else { 'a' };
        let typo: String = typo.into_iter().collect();
        assert!(normalize_code(&typo).unwrap_err().contains("typo"), "{typo}");
        assert!(normalize_code("hello").unwrap_err().contains("12 letters"));
    }

    #[test]
    fn names_match_whatever_their_case_spacing_or_order() {
        let roster = roster(&["Fay Smith", "Ada Lovelace"]);
        assert_eq!(roster.find("fay  smith").unwrap().id, "s001");
        assert_eq!(roster.find("Smith, Fay").unwrap().id, "s001");
        assert_eq!(roster.find("S002").unwrap().name, "Ada Lovelace");
        assert!(roster.find("Fay").is_none());
        // The same name again is one student.
        let mut again = roster.clone();
        again
            .add(&NamedStudent {
                name: "FAY SMITH".into(),
                login: None,
            })
            .unwrap();
        assert_eq!(again.students.len(), 2);
    }

    #[test]
    fn a_learning_platforms_export_gives_names_and_logins() {
        let dir = std::env::temp_dir().join(format!("rapport-roster-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let canvas = dir.join("export.csv");
        std::fs::write(
            &canvas,
            "\u{feff}Student,ID,SIS User ID,SIS Login ID,Section\n\
             Points Possible,,,,\n\
             \"Smith, Fay\",101,u101,fsmith,BUS210\n\
             Ada Lovelace,102,u102,alovelace,BUS210\n\
             Test Student,103,,,BUS210\n",
        )
        .unwrap();
        let students = read_names(&canvas).unwrap();
        assert_eq!(
            students,
            vec![
                NamedStudent {
                    name: "Smith, Fay".into(),
                    login: Some("fsmith".into())
                },
                NamedStudent {
                    name: "Ada Lovelace".into(),
                    login: Some("alovelace".into())
                },
            ]
        );
        let moodle = dir.join("moodle.csv");
        std::fs::write(
            &moodle,
            "First name,Surname,Username,Email address\nFay,Smith,fsmith,f@x\n",
        )
        .unwrap();
        assert_eq!(read_names(&moodle).unwrap()[0].name, "Fay Smith");
        let plain = dir.join("names.txt");
        std::fs::write(&plain, "# week 3\nFay Smith\n\n  Ada Lovelace \n").unwrap();
        let names: Vec<String> = read_names(&plain).unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["Fay Smith", "Ada Lovelace"]);
        let headless = dir.join("bad.csv");
        std::fs::write(&headless, "a,b\nc,d\n").unwrap();
        assert!(
            read_names(&headless)
                .unwrap_err()
                .to_string()
                .contains("header row")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_instructors_folder_is_private_keeps_its_secret_and_adds_late_students() {
        let dir = std::env::temp_dir().join(format!("rapport-roster-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let named = |name: &str| NamedStudent {
            name: name.into(),
            login: None,
        };
        let (first, added) =
            Roster::create_or_extend(&dir, &[named("Fay Smith"), named("Ada Lovelace")]).unwrap();
        assert_eq!(added, 2);
        let fay_code = first.code_of(&first.students[0]);
        #[cfg(unix)]
        for file in [roster_file(&dir), secret_file(&dir), codes_file(&dir)] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
        assert!(
            std::fs::read_to_string(codes_file(&dir))
                .unwrap()
                .contains(&fay_code)
        );
        let (again, added) = Roster::create_or_extend(&dir, &[named("fay smith"), named("Bo Chen")]).unwrap();
        assert_eq!(added, 1);
        assert_eq!(again.code_of(&again.students[0]), fay_code);
        assert_eq!(again.students[2].id, "s003");
        let mut loaded = Roster::load(&dir).unwrap();
        assert_eq!(loaded, again);
        let renewed = loaded.replace_code(&dir, "Fay Smith").unwrap();
        assert_ne!(Roster::load(&dir).unwrap().code_of(&renewed), fay_code);
        std::fs::write(secret_file(&dir), "not hex\n").unwrap();
        assert!(
            Roster::load(&dir)
                .unwrap_err()
                .to_string()
                .contains("not a class secret")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hidden_seeds_depend_on_the_secret_and_the_scenario() {
        let a = ClassSecret::from_bytes([1; 32]);
        let b = ClassSecret::from_bytes([2; 32]);
        let seeds = a.hidden_seeds("00000000000000aa", 8);
        assert_eq!(seeds.len(), 8);
        assert_eq!(seeds, a.hidden_seeds("00000000000000aa", 8));
        assert_ne!(seeds, b.hidden_seeds("00000000000000aa", 8));
        assert_ne!(seeds, a.hidden_seeds("00000000000000bb", 8));
        assert_eq!(format!("{a:?}"), "ClassSecret(..)");
    }
}
