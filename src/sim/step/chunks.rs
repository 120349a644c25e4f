//! The daily pass's view of the audience: disjoint chunks of people, each
//! a set of mutable slices of the arrays the pass owns, and the plain pass
//! over the same arrays that `rapport bench` compares the daily step with.

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
    pub flags: &'a mut [u8],
    pub funnel: &'a mut [Funnel],
    pub comment_since: &'a mut [u16],
    pub last_contact: &'a mut [u16],
    pub inbox: &'a mut [u8],
    pub inbox_item: &'a mut [u8],
    pub story: &'a mut [Story],
    pub touch: &'a mut [u8],
    pub reached_week: &'a mut [u8],
}

impl Audience {
    /// Splits the audience into disjoint chunks of `size` people.
    pub fn chunks_mut(&mut self, size: usize) -> Vec<AgentsMut<'_>> {
        let segment = self.segment.chunks(size);
        let mut platforms = self.platforms.chunks(size);
        let mut interest = self.interest.chunks(size);
        let mut activity = self.activity.chunks(size);
        let mut awareness = self.awareness.chunks_mut(size);
        let mut relationship = self.relationship.chunks_mut(size);
        let mut sentiment = self.sentiment.chunks_mut(size);
        let mut fatigue = self.fatigue.chunks_mut(size);
        let mut flags = self.flags.chunks_mut(size);
        let mut funnel_stage = self.funnel.chunks_mut(size);
        let mut comment_since = self.comment_since.chunks_mut(size);
        let mut last_contact = self.last_contact.chunks_mut(size);
        let mut inbox_bits = self.inbox.chunks_mut(size);
        let mut inbox_item = self.inbox_item.chunks_mut(size);
        let mut story = self.story.chunks_mut(size);
        let mut touch = self.touch.chunks_mut(size);
        let mut reached_week = self.reached_week.chunks_mut(size);
        let mut chunks = Vec::with_capacity(self.segment.len().div_ceil(size.max(1)));
        let mut start = 0;
        for segment in segment {
            let len = segment.len();
            // Every array has the same length, so every iterator yields here.
            let (
                Some(platforms),
                Some(interest),
                Some(activity),
                Some(awareness),
                Some(relationship),
                Some(sentiment),
                Some(fatigue),
                Some(flags),
                Some(funnel_stage),
                Some(comment_since),
                Some(last_contact),
                Some(inbox_bits),
                Some(inbox_item),
                Some(story),
                Some(touch),
                Some(reached_week),
            ) = (
                platforms.next(),
                interest.next(),
                activity.next(),
                awareness.next(),
                relationship.next(),
                sentiment.next(),
                fatigue.next(),
                flags.next(),
                funnel_stage.next(),
                comment_since.next(),
                last_contact.next(),
                inbox_bits.next(),
                inbox_item.next(),
                story.next(),
                touch.next(),
                reached_week.next(),
            )
            else {
                break;
            };
            chunks.push(AgentsMut {
                start,
                segment,
                platforms,
                interest,
                activity,
                awareness,
                relationship,
                sentiment,
                fatigue,
                flags,
                funnel: funnel_stage,
                comment_since,
                last_contact,
                inbox: inbox_bits,
                inbox_item,
                story,
                touch,
                reached_week,
            });
            start += len;
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
                    .wrapping_add(audience.awareness[i].to_bits() as u64)
                    .wrapping_add(audience.relationship[i].to_bits() as u64)
                    .wrapping_add(audience.sentiment[i].to_bits() as u64)
                    .wrapping_add(audience.fatigue[i].to_bits() as u64)
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
