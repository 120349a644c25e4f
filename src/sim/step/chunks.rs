//! The daily pass's view of the audience: disjoint chunks of people, each
//! a set of mutable slices of the arrays the pass owns, and the plain pass
//! over the same arrays that `rapport bench` compares the daily step with.

use super::super::audience::ledger::Record;
use super::super::audience::{Audience, Funnel, Story};
use super::super::graph::Graph;
use super::super::types::CONTENT_TYPES;
use super::CHUNK;
use rayon::prelude::*;

/// Mutable view of a contiguous range of people.
pub struct AgentsMut<'a> {
    pub start: usize,
    pub segment: &'a [u8],
    pub platforms: &'a [u8],
    pub interest: &'a [[u8; CONTENT_TYPES]],
    pub activity: &'a [u8],
    pub awareness: &'a mut [f32],
    pub relationship: &'a mut [f32],
    pub sentiment: &'a mut [f32],
    pub fatigue: &'a mut [f32],
    pub stamp: &'a mut [u16],
    pub flags: &'a mut [u8],
    pub funnel: &'a mut [Funnel],
    pub comment_since: &'a mut [u16],
    pub comment_platform: &'a mut [u8],
    pub last_contact: &'a mut [u16],
    pub inbox: &'a mut [u32],
    pub inbox_item: &'a [u16],
    pub story: &'a mut [Story],
    pub touch: &'a mut [u8],
    pub reached_week: &'a mut [u8],
    pub next_visit: &'a mut [u16],
}

impl AgentsMut<'_> {
    pub fn len(&self) -> usize {
        self.segment.len()
    }

    /// Everything stored of person `k` that defines their standing.
    #[inline]
    pub fn record(&self, k: usize) -> Record {
        Record {
            awareness: self.awareness[k],
            relationship: self.relationship[k],
            sentiment: self.sentiment[k],
            fatigue: self.fatigue[k],
            stamp: self.stamp[k],
            flags: self.flags[k],
            funnel: self.funnel[k],
            comment_since: self.comment_since[k],
            comment_platform: self.comment_platform[k],
            last_contact: self.last_contact[k],
            story: self.story[k],
        }
    }

    /// Stores person `k`'s record.
    #[inline]
    pub fn write(&mut self, k: usize, record: &Record) {
        self.awareness[k] = record.awareness;
        self.relationship[k] = record.relationship;
        self.sentiment[k] = record.sentiment;
        self.fatigue[k] = record.fatigue;
        self.stamp[k] = record.stamp;
        self.flags[k] = record.flags;
        self.funnel[k] = record.funnel;
        self.comment_since[k] = record.comment_since;
        self.comment_platform[k] = record.comment_platform;
        self.last_contact[k] = record.last_contact;
        self.story[k] = record.story;
    }
}

/// Splits a slice into consecutive parts of `size` (the last may be shorter).
fn parts<T>(slice: &[T], size: usize) -> std::slice::Chunks<'_, T> {
    slice.chunks(size.max(1))
}

fn parts_mut<T>(slice: &mut [T], size: usize) -> std::slice::ChunksMut<'_, T> {
    slice.chunks_mut(size.max(1))
}

impl Audience {
    /// Splits the audience into disjoint chunks of `size` people.
    pub fn chunks_mut(&mut self, size: usize) -> Vec<AgentsMut<'_>> {
        let n = self.len();
        let mut platforms = parts(&self.platforms, size);
        let mut interest = parts(&self.interest, size);
        let mut activity = parts(&self.activity, size);
        let mut awareness = parts_mut(&mut self.stored.awareness, size);
        let mut relationship = parts_mut(&mut self.stored.relationship, size);
        let mut sentiment = parts_mut(&mut self.stored.sentiment, size);
        let mut fatigue = parts_mut(&mut self.stored.fatigue, size);
        let mut stamp = parts_mut(&mut self.stored.stamp, size);
        let mut flags = parts_mut(&mut self.flags, size);
        let mut funnel = parts_mut(&mut self.funnel, size);
        let mut comment_since = parts_mut(&mut self.comment_since, size);
        let mut comment_platform = parts_mut(&mut self.comment_platform, size);
        let mut last_contact = parts_mut(&mut self.last_contact, size);
        let mut inbox = parts_mut(&mut self.inbox, size);
        let mut inbox_item = parts(&self.inbox_item, size);
        let mut story = parts_mut(&mut self.story, size);
        let mut touch = parts_mut(&mut self.touch, size);
        let mut reached_week = parts_mut(&mut self.reached_week, size);
        let mut next_visit = parts_mut(&mut self.next_visit, size);
        let mut chunks = Vec::with_capacity(n.div_ceil(size.max(1)));
        let mut start = 0;
        for segment in parts(&self.segment, size) {
            // Every array has the same length, so every iterator yields here.
            let at = start;
            let mut next = || {
                Some(AgentsMut {
                    start: at,
                    segment,
                    platforms: platforms.next()?,
                    interest: interest.next()?,
                    activity: activity.next()?,
                    awareness: awareness.next()?,
                    relationship: relationship.next()?,
                    sentiment: sentiment.next()?,
                    fatigue: fatigue.next()?,
                    stamp: stamp.next()?,
                    flags: flags.next()?,
                    funnel: funnel.next()?,
                    comment_since: comment_since.next()?,
                    comment_platform: comment_platform.next()?,
                    last_contact: last_contact.next()?,
                    inbox: inbox.next()?,
                    inbox_item: inbox_item.next()?,
                    story: story.next()?,
                    touch: touch.next()?,
                    reached_week: reached_week.next()?,
                    next_visit: next_visit.next()?,
                })
            };
            let Some(chunk) = next() else {
                break;
            };
            start += chunk.len();
            chunks.push(chunk);
        }
        chunks
    }
}

/// One plain pass over the same arrays the daily step owns (every field of
/// every person and every tie), doing nothing but summing them: the floor
/// that `rapport bench` compares the daily step with.
pub fn plain_pass(audience: &Audience, graph: &Graph) -> u64 {
    let n = audience.len();
    (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let range = c * CHUNK..((c + 1) * CHUNK).min(n);
            let mut sum = 0u64;
            for i in range.clone() {
                let story = &audience.story[i];
                sum = sum
                    .wrapping_add(audience.segment[i] as u64)
                    .wrapping_add(audience.platforms[i] as u64)
                    .wrapping_add(audience.interest[i].iter().map(|&x| x as u64).sum::<u64>())
                    .wrapping_add(audience.activity[i] as u64)
                    .wrapping_add(audience.stored.awareness[i].to_bits() as u64)
                    .wrapping_add(audience.stored.relationship[i].to_bits() as u64)
                    .wrapping_add(audience.stored.sentiment[i].to_bits() as u64)
                    .wrapping_add(audience.stored.fatigue[i].to_bits() as u64)
                    .wrapping_add(audience.stored.stamp[i] as u64)
                    .wrapping_add(audience.next_visit[i] as u64)
                    .wrapping_add(audience.comment_platform[i] as u64)
                    .wrapping_add(audience.flags[i] as u64)
                    .wrapping_add(audience.funnel[i] as u64)
                    .wrapping_add(audience.comment_since[i] as u64)
                    .wrapping_add(audience.last_contact[i] as u64)
                    .wrapping_add(audience.inbox[i] as u64)
                    .wrapping_add(audience.inbox_item[i] as u64)
                    .wrapping_add(audience.ads_this_week[i] as u64)
                    .wrapping_add(audience.touch[i] as u64)
                    .wrapping_add(
                        story.posts_seen as u64 + story.followed_day as u64 + story.customer_day as u64,
                    );
            }
            let start = graph.offsets[range.start] as usize;
            let end = graph.offsets[range.end] as usize;
            for &neighbor in &graph.neighbors[start..end] {
                sum = sum.wrapping_add(neighbor as u64);
            }
            sum
        })
        .reduce(|| 0, u64::wrapping_add)
}
