//! A replay's seal: one code over everything `verify` cannot re-simulate
//! (the player's name, the class code, the parent) together with what it
//! can (scenario, size, seed, every plan and every state hash).
//!
//! Two kinds:
//! - **keyed** (`hmac-sha256:` and 64 hexadecimal digits): an HMAC-SHA256
//!   under the student's personal code (see `files::roster`). Only someone
//!   with the code can make it; the instructor, holding the class secret,
//!   recomputes every student's code and finds whose made it
//!   ([`check_roster_seal`]). Compared in constant time.
//! - **unkeyed** (16 hexadecimal digits): a plain hash. Anyone with the
//!   source can compute it, so it stops an edit in a text editor, not a
//!   forger. Games played without a code are sealed so; they verify, and
//!   are reported as unkeyed (and not ranked under a roster).
//!
//! Re-simulation, not the seal, catches an edited plan, seed or figure.

use super::super::load::{Check, LoadError, check_hash};
use super::super::roster::{Roster, Student, normalize_code};
use super::{Mismatch, Replay};
use crate::sim::{PlannedAction, mix64};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What starts a keyed seal.
pub const KEYED_PREFIX: &str = "hmac-sha256:";

/// Which seal a replay carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealKind {
    /// None: written before seals.
    None,
    /// A plain hash anyone can compute.
    Unkeyed,
    /// An HMAC under a student's personal code.
    Keyed,
}

impl SealKind {
    /// `yes (student code)`, `yes (no code)`, `no`: the `sealed` column.
    pub fn label(self) -> &'static str {
        match self {
            SealKind::None => "no",
            SealKind::Unkeyed => "unkeyed",
            SealKind::Keyed => "keyed",
        }
    }
}

/// The kind of a seal's text.
pub fn seal_kind(replay: &Replay) -> SealKind {
    match &replay.seal {
        None => SealKind::None,
        Some(seal) if seal.starts_with(KEYED_PREFIX) => SealKind::Keyed,
        Some(_) => SealKind::Unkeyed,
    }
}

/// The unkeyed seal a replay's current contents call for.
pub fn seal_of(replay: &Replay) -> String {
    hash_text(&seal_text(replay))
}

/// The keyed seal a replay's current contents call for under a personal
/// code (any case, dashes or not); `Err` when the code is not one.
pub fn keyed_seal_of(replay: &Replay, code: &str) -> Result<String, String> {
    let mac = keyed_mac(replay, &normalize_code(code)?);
    let bytes = mac.finalize().into_bytes();
    Ok(format!(
        "{KEYED_PREFIX}{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    ))
}

fn keyed_mac(replay: &Replay, code: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(code.as_bytes()).expect("HMAC takes any key length");
    mac.update(b"rapport keyed seal v1|");
    mac.update(seal_text(replay).as_bytes());
    mac
}

/// Whether a keyed seal was made with `code` (compared in constant time).
pub fn sealed_with(replay: &Replay, code: &str) -> bool {
    let Some(hex) = replay.seal.as_deref().and_then(|s| s.strip_prefix(KEYED_PREFIX)) else {
        return false;
    };
    let Some(bytes) = unhex(hex) else {
        return false;
    };
    keyed_mac(replay, code).verify_slice(&bytes).is_ok()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len() / 2)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// Whose seal a replay carries, by the roster: the roster's student it
/// names when their code made the seal; otherwise why not, naming the
/// student whose code made it when one did. Every student's code is tried,
/// so a seal made with a classmate's code is named as theirs.
pub fn check_roster_seal<'r>(replay: &Replay, roster: &'r Roster) -> Result<&'r Student, Mismatch> {
    if seal_kind(replay) != SealKind::Keyed {
        return Err(Mismatch::NotKeyed {
            sealed: seal_kind(replay) == SealKind::Unkeyed,
        });
    }
    let named = roster.find(&replay.player);
    if let Some(student) = named
        && sealed_with(replay, &roster.code_of(student))
    {
        return Ok(student);
    }
    let holder = roster
        .students
        .iter()
        .find(|s| sealed_with(replay, &roster.code_of(s)));
    Err(match (holder, named) {
        (Some(holder), _) => Mismatch::OtherStudent {
            named: replay.player.clone(),
            holder: format!("{} ({})", holder.name, holder.id),
        },
        (None, Some(student)) => Mismatch::NotTheStudent {
            named: format!("{} ({})", student.name, student.id),
        },
        (None, None) => Mismatch::NotOnRoster {
            named: replay.player.clone(),
        },
    })
}

/// The text both seals are made over.
fn seal_text(replay: &Replay) -> String {
    let mut text = format!(
        "seal v1|{:?}|{:?}|{:?}|{}|{}|{}|{}|{}",
        replay.player,
        replay.class_code,
        replay
            .parent
            .as_ref()
            .map(|p| (&p.player, &p.state_hash, p.weeks_shared)),
        replay.scenario_hash,
        replay.agents,
        replay.seed,
        replay.start_hash,
        replay.kpis.state_hash
    );
    for week in &replay.weeks {
        text.push('|');
        text.push_str(&plan_text(&week.plan));
        text.push('|');
        text.push_str(&week.state_hash);
    }
    for market in &replay.markets {
        text.push_str("|market|");
        text.push_str(&market.start_hash);
        for team in &market.teams {
            text.push_str(&format!("|{:?}|{}", team.name, team.kpis.state_hash));
            for plan in &team.weeks {
                text.push('|');
                text.push_str(&plan_text(plan));
            }
        }
        for hash in &market.week_hashes {
            text.push('|');
            text.push_str(hash);
        }
    }
    text
}

/// A week's plan as one line of text (what the seal and the duplicate
/// check of `grade` compare).
pub fn plan_text(plan: &[PlannedAction]) -> String {
    ron::to_string(plan).unwrap_or_default()
}

/// A 64-bit hash of a text, as 16 hexadecimal digits.
pub fn hash_text(text: &str) -> String {
    let mut hash = 0x5EA1_0F4E_91A7_0001u64;
    for chunk in text.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        hash = mix64(hash ^ u64::from_le_bytes(word));
    }
    // The length too, so that trailing zero bytes are not lost.
    format!("{:016x}", mix64(hash ^ text.len() as u64))
}

/// The seal's shape, as `parse_replay` checks it.
pub(super) fn check_seal_field(check: &Check, replay: &Replay) -> Result<(), LoadError> {
    match &replay.seal {
        Some(seal) => match seal.strip_prefix(KEYED_PREFIX) {
            Some(hex) if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) => Ok(()),
            Some(_) => check.fail(
                "seal",
                format!("a keyed seal is `{KEYED_PREFIX}` and 64 hexadecimal digits"),
            ),
            None => check_hash(check, "seal", seal),
        },
        None => Ok(()),
    }
}

/// An unkeyed seal that no longer matches: what re-simulation cannot see
/// was edited (the name, the class code or the parent). A replay without a
/// seal (written before seals) passes, and says it is unsealed; a keyed
/// seal needs the student's code, so only a roster checks it
/// ([`check_roster_seal`]).
pub(super) fn check_seal(replay: &Replay) -> Result<(), Mismatch> {
    match &replay.seal {
        Some(seal) if seal.starts_with(KEYED_PREFIX) => Ok(()),
        Some(seal) if *seal != seal_of(replay) => Err(Mismatch::Seal),
        _ => Ok(()),
    }
}
