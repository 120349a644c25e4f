//! The state hash: a portable hash of every piece of state that shapes the
//! future of a game. Equal hashes mean equal games; the golden hashes, saves
//! and replays hold it, so what enters it and in which order is fixed for a
//! model version.
//!
//! People enter as the sum of each person's share (`ledger::Record::hash`),
//! which the ledger keeps as people change: closing a week costs the brand's
//! few words, not a walk over the audience. The graph never changes; its
//! share is taken once.

use super::super::graph::Graph;
use super::super::rng::mix64;
use super::brand::{Brand, Totals};

/// What the hash covers besides the people, the graph and the brand.
pub(super) struct Clock {
    pub model_version: u32,
    pub day: u32,
    pub seed: u64,
}

/// The graph's share of the hash.
pub(super) fn graph_hash(graph: &Graph) -> u64 {
    let mut hasher = StateHasher::new(0x0067_7261_7068);
    hasher.u32s(&graph.neighbors);
    hasher.finish()
}

/// The hash of a game's state from the people's share (`people`, the
/// ledger's sum), the graph's (a rival's side of a market leaves it out:
/// brand 0 hashes it), the brand's side and the clock.
pub(super) fn state_hash(people: u64, graph: Option<u64>, brand: &Brand, clock: &Clock) -> u64 {
    let mut hasher = StateHasher::new(clock.model_version as u64);
    hasher.word(people);
    if let Some(graph) = graph {
        hasher.word(graph);
    }
    hash_brand(&mut hasher, brand);
    hash_totals(&mut hasher, &brand.totals);
    hasher.word(clock.day as u64);
    hasher.word(clock.seed);
    hasher.finish()
}

fn hash_brand(hasher: &mut StateHasher, brand: &Brand) {
    hasher.floats(&brand.insight);
    for beliefs in &brand.beliefs {
        hasher.floats(beliefs);
    }
    for beliefs in &brand.tone_beliefs {
        hasher.floats(beliefs);
    }
    hasher.u32s(&brand.memory);
    hasher.floats(&brand.reach_factor);
    for &(agent, since) in &brand.pending {
        hasher.word((agent as u64) << 16 | since as u64);
    }
    for &(left, tone) in &brand.reply_batches {
        hasher.word((left as u64) << 8 | tone.index() as u64);
    }
    for &(agent, platform) in &brand.ignored {
        hasher.word((agent as u64) << 8 | platform as u64);
    }
    for &(agent, item) in &brand.shares {
        hasher.word((agent as u64) << 16 | item as u64);
    }
    for post in &brand.queued_posts {
        hasher.word(
            (post.day as u64) << 24
                | (post.platform as u64) << 16
                | (post.content as u64) << 8
                | post.tone.index() as u64,
        );
    }
    for ad in &brand.ads {
        hasher.word(ad.until_day as u64 | (ad.platform as u64) << 32);
        hasher.word(ad.money_per_day.to_bits());
    }
    for (boost, until) in brand.trend {
        hasher.word((boost.to_bits() as u64) << 32 | until as u64);
    }
    hasher.word(brand.influencer_cursor as u64);
}

/// The totals in the hash, in this order, then the hours per family.
fn hash_totals(hasher: &mut StateHasher, totals: &Totals) {
    for value in [
        totals.impressions,
        totals.engagements,
        totals.ad_impressions,
        totals.ad_clicks,
        totals.leads,
        totals.customers,
        totals.comments,
        totals.replies,
        totals.unanswered,
        totals.revenue.to_bits(),
        totals.money_spent.to_bits(),
        totals.hours.broadcast.to_bits(),
        totals.hours.conversation.to_bits(),
        totals.hours.listening.to_bits(),
        totals.repeat_purchases,
        totals.connection_requests,
        totals.connections_accepted,
        totals.post_impressions,
        totals.post_engagements,
        totals.question_impressions,
        totals.question_comments,
        totals.pushes,
        totals.push_responses,
        totals.lapsed,
    ] {
        hasher.word(value);
    }
}

/// A fast, portable hash over the state's words.
struct StateHasher {
    state: u64,
    count: u64,
}

impl StateHasher {
    fn new(seed: u64) -> Self {
        StateHasher {
            state: mix64(seed ^ 0x05EE_D0F5_7A7E),
            count: 0,
        }
    }

    #[inline]
    fn word(&mut self, word: u64) {
        self.count += 1;
        self.state = mix64(self.state ^ word).rotate_left(23) ^ self.count;
    }

    #[allow(dead_code)]
    fn bytes(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(word) ^ (rest.len() as u64) << 60);
    }

    fn floats(&mut self, values: &[f32]) {
        for pair in values.chunks(2) {
            let low = pair[0].to_bits() as u64;
            let high = pair.get(1).map_or(0, |v| v.to_bits() as u64);
            self.word(low | high << 32);
        }
    }

    #[allow(dead_code)]
    fn u16s(&mut self, values: &[u16]) {
        for quad in values.chunks(4) {
            let mut word = 0u64;
            for (i, &v) in quad.iter().enumerate() {
                word |= (v as u64) << (16 * i);
            }
            self.word(word);
        }
    }

    fn u32s(&mut self, values: &[u32]) {
        for pair in values.chunks(2) {
            self.word(pair[0] as u64 | pair.get(1).map_or(0, |&v| v as u64) << 32);
        }
    }

    fn finish(&self) -> u64 {
        mix64(self.state ^ self.count)
    }
}
