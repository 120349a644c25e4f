//! Attribution of stocks by contribution: a strong relationship, a lead or
//! a customer is credited to every cause in proportion to what it built,
//! not only to the touch that tipped it.
//!
//! Each person the game has moved keeps their shares ([`Built`]): of
//! their bond, the share each cause's increments built, and of their
//! *warmth* (how well they know the brand and how close they feel to it:
//! awareness and bond together), likewise. How they stood before the game
//! is the cause `start`. A share is a byte in units of 1/[`UNIT`] of the
//! whole, `start` holding what the others leave, so a person's shares
//! always add up to exactly one whole.
//!
//! A gain of `g` on a level that stood at `v` gives its cause `g / (v + g)`
//! of the new whole and leaves every other share `v / (v + g)` of what it
//! was. Whatever takes a level down (the fading of a bond or of awareness,
//! the penalty of an ignored comment) takes from every cause alike, so
//! the shares stand as they were: lazy people need no visit for their
//! shares, and fading needs no record. (Awareness and bond fade at their
//! own rates; warmth's shares treat the fading of the two alike.)
//!
//! Rounding: the other shares are rounded to the nearest unit, and the
//! cause of the gain takes the rest of the whole, so the shares always add
//! up to [`UNIT`]; a gain smaller than half a unit of the new whole moves
//! nothing (it would round to none) and is not worked out. A stock credited by shares adds [`UNIT`] units to its outcome,
//! in integers: the credits of an outcome add up to its count exactly.
//!
//! Like last touch, the shares are recorded only: no rule reads them and
//! they are not in the state hash. Only people the game has moved have
//! shares stored (one slot per person in a chunk the game has reached,
//! and the shares of those moved): everyone else stands as they did.

use super::attribution::Cause;
pub use super::attribution::UNIT;

/// The causes that can build a bond, in the order of their shares.
pub const BOND_CAUSES: [Cause; 8] = [
    Cause::FeedPost,
    Cause::ConversationStarter,
    Cause::DiscoveredPost,
    Cause::FriendShare,
    Cause::Recommendation,
    Cause::BrandComment,
    Cause::Reply,
    Cause::LiveSession,
];

/// The causes that can warm a person (make them know the brand better or
/// feel closer to it), in the order of their shares.
pub const WARMTH_CAUSES: [Cause; 11] = [
    Cause::FeedPost,
    Cause::ConversationStarter,
    Cause::DiscoveredPost,
    Cause::FriendShare,
    Cause::Recommendation,
    Cause::BrandComment,
    Cause::Reply,
    Cause::LiveSession,
    Cause::Ad,
    Cause::Connection,
    Cause::AnswerSeen,
];

/// One person's shares of their bond and of their warmth, by cause (in
/// the order of [`BOND_CAUSES`] and [`WARMTH_CAUSES`]; `start` holds the
/// rest of [`UNIT`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Built {
    pub bond: [u8; BOND_CAUSES.len()],
    pub warmth: [u8; WARMTH_CAUSES.len()],
}

/// Someone the game has not moved: all of it is how they stood before.
impl Default for Built {
    fn default() -> Built {
        Built::START
    }
}

impl Built {
    /// All of it is how they stood before the game.
    pub const START: Built = Built {
        bond: [0; BOND_CAUSES.len()],
        warmth: [0; WARMTH_CAUSES.len()],
    };

    /// A gain of the bond by `cause`: the bond stood at `before` and grew
    /// by `gain`.
    pub fn bond_grew(&mut self, cause: Cause, before: f32, gain: f32) {
        if let Some(slot) = BOND_CAUSES.iter().position(|&c| c == cause) {
            grow_share(&mut self.bond, slot, before, gain);
        }
    }

    /// A gain of warmth (awareness and bond together) by `cause`.
    pub fn warmth_grew(&mut self, cause: Cause, before: f32, gain: f32) {
        if let Some(slot) = WARMTH_CAUSES.iter().position(|&c| c == cause) {
            grow_share(&mut self.warmth, slot, before, gain);
        }
    }

    /// The bond's shares by cause, `start` last, in units (adding up to [`UNIT`]).
    pub fn of_bond(&self) -> impl Iterator<Item = (Cause, u8)> + '_ {
        with_start(&BOND_CAUSES, &self.bond)
    }

    /// Warmth's shares by cause, `start` last, in units (adding up to [`UNIT`]).
    pub fn of_warmth(&self) -> impl Iterator<Item = (Cause, u8)> + '_ {
        with_start(&WARMTH_CAUSES, &self.warmth)
    }
}

fn with_start<'a>(causes: &'a [Cause], shares: &'a [u8]) -> impl Iterator<Item = (Cause, u8)> + 'a {
    let start = UNIT - shares.iter().sum::<u8>();
    causes
        .iter()
        .copied()
        .zip(shares.iter().copied())
        .chain(std::iter::once((Cause::Start, start)))
}

/// Gives share `slot` what `gain` adds to a whole that stood at `before`:
/// every other share (and `start`, the rest) keeps `before / (before +
/// gain)` of itself, rounded; the slot takes what is left of [`UNIT`].
fn grow_share(shares: &mut [u8], slot: usize, before: f32, gain: f32) {
    let before = before.max(0.0);
    // A gain under half a unit of the new whole moves no share (each keeps
    // its rounding): the common case of a small gain on a full level costs
    // nothing more. (Not a NaN or a loss either.)
    let moves = gain > 0.0 && gain * (2 * UNIT as u32) as f32 >= before + gain;
    if !moves {
        return;
    }
    // What each other share keeps, in 1/65,536ths: integer rounding from here.
    let keep = (before / (before + gain) * 65_536.0) as u32;
    let scale = |q: u8| ((q as u32 * keep + 32_768) >> 16) as u8;
    // q * keep <= q, so a rounded share never grows and the rest stays >= 0.
    let start = scale(UNIT - shares.iter().sum::<u8>());
    let mut others = start;
    for (n, share) in shares.iter_mut().enumerate() {
        if n != slot {
            *share = scale(*share);
            others += *share;
        }
    }
    shares[slot] = UNIT - others;
}

/// The shares of one chunk of people (those of `step::CHUNK`): a slot per
/// person once anyone in the chunk has shares (0: none, the person stands
/// as they did before the game), and the shares of those who have.
#[derive(Clone, Debug, Default)]
pub struct ChunkBuilt {
    slots: Vec<u16>,
    shares: Vec<Built>,
}

impl ChunkBuilt {
    /// Person `k` of the chunk's shares.
    #[inline]
    pub fn get(&self, k: usize) -> Built {
        match self.slots.get(k) {
            Some(&slot) if slot != 0 => self.shares[slot as usize - 1],
            _ => Built::START,
        }
    }

    /// Where person `k`'s slot lives (for a prefetch ahead of
    /// [`ChunkBuilt::get`]), if the chunk keeps slots.
    #[inline]
    pub fn slot_at(&self, k: usize) -> Option<&u16> {
        self.slots.get(k)
    }

    /// Where person `k`'s shares live, once their slot is at hand (a
    /// second prefetch, after the slot's), if they have any.
    #[inline]
    pub fn shares_at(&self, k: usize) -> Option<&Built> {
        let slot = *self.slots.get(k)? as usize;
        self.shares.get(slot.wrapping_sub(1))
    }

    /// Stores person `k`'s shares (`len`: the chunk's people); nothing is
    /// stored for someone still standing as before the game.
    #[inline]
    pub fn set(&mut self, k: usize, len: usize, shares: Built) {
        if let Some(&slot) = self.slots.get(k)
            && slot != 0
        {
            self.shares[slot as usize - 1] = shares;
            return;
        }
        if shares == Built::START {
            return;
        }
        if self.slots.is_empty() {
            self.slots = vec![0; len];
        }
        self.shares.push(shares);
        self.slots[k] = self.shares.len() as u16;
    }

    /// The people of the chunk with shares stored, in index order.
    pub fn stored(&self) -> impl Iterator<Item = (usize, Built)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|&(_, &slot)| slot != 0)
            .map(|(k, &slot)| (k, self.shares[slot as usize - 1]))
    }

    /// Bytes held (for the memory a person takes).
    pub fn bytes(&self) -> usize {
        self.slots.capacity() * 2 + self.shares.capacity() * std::mem::size_of::<Built>()
    }
}

/// Two chunks are alike when everyone in them has the same shares
/// (however the shares were laid out as people were moved).
impl PartialEq for ChunkBuilt {
    fn eq(&self, other: &ChunkBuilt) -> bool {
        let people = self.slots.len().max(other.slots.len());
        (0..people).all(|k| self.get(k) == other.get(k))
    }
}

/// The shares of an audience, by the pass's chunks (`step::CHUNK`), as
/// the pass has reached them.
#[derive(Clone, Debug, Default)]
pub struct Contributions {
    pub chunks: Vec<ChunkBuilt>,
}

/// Alike when everyone has the same shares (a chunk not reached yet is one
/// of people standing as before the game).
impl PartialEq for Contributions {
    fn eq(&self, other: &Contributions) -> bool {
        let none = ChunkBuilt::default();
        let chunks = self.chunks.len().max(other.chunks.len());
        (0..chunks).all(|n| self.chunks.get(n).unwrap_or(&none) == other.chunks.get(n).unwrap_or(&none))
    }
}

impl Contributions {
    /// Person `i`'s shares (`chunk`: the people per chunk).
    pub fn get(&self, i: usize, chunk: usize) -> Built {
        self.chunks
            .get(i / chunk)
            .map_or(Built::START, |c| c.get(i % chunk))
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.chunks.iter().map(ChunkBuilt::bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(shares: impl Iterator<Item = (Cause, u8)>) -> u32 {
        shares.map(|(_, q)| q as u32).sum()
    }

    #[test]
    fn one_cause_from_nothing_takes_the_whole() {
        let mut shares = Built::START;
        shares.bond_grew(Cause::Reply, 0.0, 0.12);
        assert!(
            shares
                .of_bond()
                .all(|(c, q)| q == if c == Cause::Reply { UNIT } else { 0 })
        );
        // More of the same cause keeps it whole.
        shares.bond_grew(Cause::Reply, 0.12, 0.1);
        assert_eq!(
            shares.of_bond().find(|&(c, _)| c == Cause::Reply),
            Some((Cause::Reply, UNIT))
        );
        // What stood before the game is `start`'s.
        let mut follower = Built::START;
        follower.bond_grew(Cause::FeedPost, 0.03, 0.03);
        let bond: Vec<(Cause, u8)> = follower.of_bond().filter(|&(_, q)| q > 0).collect();
        assert_eq!(bond, [(Cause::FeedPost, UNIT / 2), (Cause::Start, UNIT / 2)]);
    }

    #[test]
    fn shares_follow_the_gains_and_always_make_one_whole() {
        let mut shares = Built::START;
        let mut bond = 0.0f32;
        let mut by_cause = [0.0f32; BOND_CAUSES.len()];
        for n in 0..200 {
            let cause = BOND_CAUSES[n % 3 * 3];
            let gain = 0.05 * (1.0 - bond);
            shares.bond_grew(cause, bond, gain);
            shares.warmth_grew(Cause::Ad, bond, gain);
            bond += gain;
            by_cause[n % 3 * 3] += gain;
            assert_eq!(total(shares.of_bond()), UNIT as u32);
            assert_eq!(total(shares.of_warmth()), UNIT as u32);
        }
        for (slot, &built) in by_cause.iter().enumerate() {
            let share = shares.bond[slot] as f32 / UNIT as f32;
            assert!(
                (share - built / bond).abs() < 0.05,
                "{slot}: {share} vs {}",
                built / bond
            );
        }
        // A cause that builds no bond leaves the shares as they were.
        let before = shares;
        shares.bond_grew(Cause::Ad, bond, 0.2);
        shares.bond_grew(Cause::Reply, bond, 0.0);
        assert_eq!(shares, before);
    }

    #[test]
    fn a_chunk_stores_only_those_moved() {
        let mut chunk = ChunkBuilt::default();
        chunk.set(3, 8, Built::START);
        assert_eq!((chunk.stored().count(), chunk.bytes()), (0, 0));
        let mut moved = Built::START;
        moved.warmth_grew(Cause::Ad, 0.3, 0.1);
        chunk.set(5, 8, moved);
        chunk.set(1, 8, moved);
        assert_eq!(chunk.get(5), moved);
        assert_eq!(chunk.get(3), Built::START);
        let stored: Vec<usize> = chunk.stored().map(|(k, _)| k).collect();
        assert_eq!(stored, [1, 5]);
        chunk.set(5, 8, Built::START);
        assert_eq!(chunk.get(5), Built::START);
    }
}
