//! The daily pass's view of the audience: disjoint chunks of people, each
//! a mutable slice of their cells, and the plain pass over the same cells
//! and ties that `rapport bench` compares the daily step with.

use super::super::audience::ledger::Record;
use super::super::audience::{Audience, Cell, prefetch};
use super::super::contribution::{Built, ChunkBuilt};
use super::super::graph::Graph;
use super::CHUNK;
use rayon::prelude::*;

/// Mutable view of a contiguous range of people.
pub struct AgentsMut<'a> {
    pub start: usize,
    pub cells: &'a mut [Cell],
    /// Their shares by contribution (recorded only).
    pub built: &'a mut ChunkBuilt,
}

impl AgentsMut<'_> {
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Everything stored of person `k` that defines their standing.
    #[inline]
    pub fn record(&self, k: usize) -> Record {
        self.cells[k].record
    }

    /// Stores person `k`'s record.
    #[inline]
    pub fn write(&mut self, k: usize, record: &Record) {
        self.cells[k].record = *record;
    }

    /// Asks for person `k`'s cell and the slot of their shares by
    /// contribution ahead of their day (each a cache line of its own; a
    /// hint that reads nothing).
    #[inline]
    pub fn prefetch(&self, k: usize) {
        prefetch(&self.cells[k]);
        if let Some(slot) = self.built.slot_at(k) {
            prefetch(slot);
        }
    }

    /// Asks for person `k`'s shares by contribution, once the slot asked
    /// for by [`AgentsMut::prefetch`] is at hand.
    #[inline]
    pub fn prefetch_shares(&self, k: usize) {
        if let Some(shares) = self.built.shares_at(k) {
            prefetch(shares);
        }
    }

    /// Stores person `k`'s shares by contribution.
    #[inline]
    pub fn write_built(&mut self, k: usize, built: Built) {
        let len = self.cells.len();
        self.built.set(k, len, built);
    }
}

impl Audience {
    /// Splits the audience into disjoint chunks of `size` people: the
    /// pass's [`CHUNK`], by which the shares by contribution are kept.
    pub fn chunks_mut(&mut self, size: usize) -> Vec<AgentsMut<'_>> {
        assert_eq!(
            size, CHUNK,
            "the shares by contribution are kept by the pass's chunks"
        );
        let chunks = self.cells.len().div_ceil(CHUNK);
        self.contribution.chunks.resize_with(chunks, ChunkBuilt::default);
        self.cells
            .chunks_mut(CHUNK)
            .zip(self.contribution.chunks.iter_mut())
            .enumerate()
            .map(|(n, (cells, built))| AgentsMut {
                start: n * CHUNK,
                cells,
                built,
            })
            .collect()
    }
}

/// One plain pass over the same cells the daily step owns (every byte of
/// every person, and every tie), doing nothing but summing them: the floor
/// that `rapport bench` compares the daily step with.
pub fn plain_pass(audience: &Audience, graph: &Graph) -> u64 {
    let n = audience.len();
    (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let range = c * CHUNK..((c + 1) * CHUNK).min(n);
            let mut sum = 0u64;
            for cell in &audience.cells[range.clone()] {
                let r = &cell.record;
                sum = sum
                    .wrapping_add(r.awareness.to_bits() as u64)
                    .wrapping_add(r.relationship.to_bits() as u64)
                    .wrapping_add(r.sentiment.to_bits() as u64)
                    .wrapping_add(r.fatigue.to_bits() as u64)
                    .wrapping_add(r.story.posts_seen as u64 + r.story.followed_day as u64)
                    .wrapping_add(r.story.customer_day as u64 + r.stamp as u64)
                    .wrapping_add(r.last_contact as u64 + r.comment_since as u64)
                    .wrapping_add(r.flags as u64 + r.funnel as u64 + r.comment_platform as u64)
                    .wrapping_add(cell.inbox as u64 + cell.next_visit as u64 + cell.inbox_item as u64)
                    .wrapping_add(cell.touch as u64 + cell.reached_week as u64 + cell.ads_this_week as u64)
                    .wrapping_add(cell.segment as u64 + cell.platforms as u64 + cell.activity as u64)
                    .wrapping_add(cell.interest.iter().map(|&x| x as u64).sum::<u64>());
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
