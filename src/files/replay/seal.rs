//! A replay's seal: one hash over everything `verify` cannot re-simulate
//! (the player's name, the class code, the parent) together with what it
//! can (scenario, size, seed, every plan and every state hash). Editing
//! the name in a text editor breaks the seal; re-simulation already catches
//! an edited plan or seed. There is no secret in it: anyone with the
//! source can compute a seal, so it stops casual edits, not a determined
//! forger (docs/CLASSROOM.md, section 4, says so to instructors).

use super::super::load::{Check, LoadError, check_hash};
use super::{Mismatch, Replay};
use crate::sim::{PlannedAction, mix64};

/// The seal a replay's current contents call for.
pub fn seal_of(replay: &Replay) -> String {
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
    hash_text(&text)
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
        Some(seal) => check_hash(check, "seal", seal),
        None => Ok(()),
    }
}

/// A sealed replay whose seal no longer matches: what re-simulation cannot
/// see was edited (the name, the class code or the parent). A replay
/// without a seal (written before seals) passes, and says it is unsealed.
pub(super) fn check_seal(replay: &Replay) -> Result<(), Mismatch> {
    match &replay.seal {
        Some(seal) if *seal != seal_of(replay) => Err(Mismatch::Seal),
        _ => Ok(()),
    }
}
