//! The state hash: a portable hash of every piece of state that shapes the
//! future of a game. Equal hashes mean equal games; the golden hashes, saves
//! and replays hold it, so what enters it and in which order is fixed for a
//! model version.

use super::super::audience::Audience;
use super::super::graph::Graph;
use super::super::rng::mix64;
use super::brand::{Brand, Totals};

/// What the hash covers besides the audience, the graph and the brand.
pub(super) struct Clock {
    pub model_version: u32,
    pub day: u32,
    pub seed: u64,
}

/// The hash of a game's state, as model version 1 defines it.
/// A rival's side of a market leaves the shared graph out (`None`): brand 0
/// hashes it.
pub(super) fn state_hash(audience: &Audience, graph: Option<&Graph>, brand: &Brand, clock: &Clock) -> u64 {
    let mut hasher = StateHasher::new(clock.model_version as u64);
    hash_audience(&mut hasher, audience);
    if let Some(graph) = graph {
        hasher.u32s(&graph.neighbors);
    }
    hash_brand(&mut hasher, brand);
    hash_totals(&mut hasher, &brand.totals);
    hasher.word(clock.day as u64);
    hasher.word(clock.seed);
    hasher.finish()
}

fn hash_audience(hasher: &mut StateHasher, audience: &Audience) {
    hasher.bytes(&audience.segment);
    hasher.bytes(&audience.platforms);
    hasher.bytes(audience.interest.as_flattened());
    hasher.bytes(&audience.activity);
    hasher.floats(&audience.awareness);
    hasher.floats(&audience.relationship);
    hasher.floats(&audience.sentiment);
    hasher.floats(&audience.fatigue);
    hasher.bytes(&audience.flags);
    // The funnel stage enters as its byte (`Funnel` is `repr(u8)`).
    let funnel: Vec<u8> = audience.funnel.iter().map(|&stage| stage as u8).collect();
    hasher.bytes(&funnel);
    hasher.u16s(&audience.comment_since);
    hasher.u16s(&audience.last_contact);
    hasher.bytes(&audience.inbox);
    hasher.bytes(&audience.ads_this_week);
    for story in &audience.story {
        hasher.word(
            story.posts_seen as u64
                | (story.engagements as u64) << 16
                | (story.comments as u64) << 32
                | (story.replies_received as u64) << 40
                | (story.ignored as u64) << 48
                | (story.brand_contacts as u64) << 56,
        );
        hasher.word(
            story.followed_day as u64
                | (story.unfollowed_day as u64) << 16
                | (story.lead_day as u64) << 32
                | (story.customer_day as u64) << 48,
        );
    }
}

fn hash_brand(hasher: &mut StateHasher, brand: &Brand) {
    hasher.floats(&brand.insight);
    hasher.floats(&brand.reach_factor);
    for &(agent, since) in &brand.pending {
        hasher.word((agent as u64) << 16 | since as u64);
    }
    for &(agent, item) in &brand.shares {
        hasher.word((agent as u64) << 8 | item as u64);
    }
    for post in &brand.queued_posts {
        hasher.word((post.day as u64) << 16 | (post.platform as u64) << 8 | post.content as u64);
    }
    for ad in &brand.ads {
        hasher.word(ad.until_day as u64 | (ad.platform as u64) << 32);
        hasher.word(ad.money_per_day.to_bits());
    }
    for (boost, until) in brand.trend {
        hasher.word((boost.to_bits() as u64) << 32 | until as u64);
    }
    hasher.word(brand.influencer_cursor as u64);
    hasher.word(brand.reply_capacity as u64);
}

/// Model version 1's definition of the totals in the hash: these values in
/// this order (`impressions` includes ad impressions), then the hours per
/// family. A counter added later does not enter the hash; hashing it would
/// change every game's hash and needs a new model version.
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
