//! The social graph: who hears what a person shares. Stored as compressed
//! sparse rows (one offset per person, one `u32` per tie end) so a million
//! people with ten contacts each fit in about 44 MB.

use super::rng::{Rng, Stream};
use super::scenario::GraphSpec;
use rayon::prelude::*;
use std::ops::Range;

/// Draws per wanted tie before a joiner settles for fewer ties: a bound on
/// the search when the candidates are few or already picked.
const ATTEMPTS_PER_TIE: usize = 8;

/// A wave of joiners is at most this share (one in sixteen) of the people
/// already joined: they pick among the earlier waves' ties.
const WAVE_SHARE: usize = 16;

/// The largest wave: a bound on the memory the picks of one wave take.
const MAX_WAVE: usize = 1 << 16;

/// Who is tied to whom, as compressed sparse rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph {
    /// `neighbors[offsets[i]..offsets[i + 1]]` are the contacts of person `i`.
    pub offsets: Vec<u32>,
    pub neighbors: Vec<u32>,
}

impl Graph {
    #[inline]
    pub fn contacts(&self, agent: u32) -> &[u32] {
        let start = self.offsets[agent as usize] as usize;
        let end = self.offsets[agent as usize + 1] as usize;
        &self.neighbors[start..end]
    }

    pub fn degree(&self, agent: u32) -> u32 {
        self.offsets[agent as usize + 1] - self.offsets[agent as usize]
    }

    pub fn agents(&self) -> u32 {
        (self.offsets.len() - 1) as u32
    }

    /// Number of undirected ties.
    pub fn edges(&self) -> u64 {
        self.neighbors.len() as u64 / 2
    }

    /// Preferential attachment with segment homophily: people join in a
    /// shuffled order and tie to `contacts / 2` earlier people, picked in
    /// proportion to how many contacts those already have, from their own
    /// segment with chance `homophily`. The result has a few very connected
    /// people (the influencers) and many with a handful of ties. With
    /// chance `uniform_tie_chance` a tie outside the segment goes to an
    /// earlier joiner picked uniformly instead.
    ///
    /// People join in waves, each at most a sixteenth of those already
    /// there: a joiner picks by the ties as they stood when its wave began
    /// (its own wave's earlier joiners only uniformly), so a wave's joiners
    /// pick in parallel, each with its own draws, and the graph is the same
    /// at any thread count.
    pub fn generate(
        spec: &GraphSpec,
        uniform_tie_chance: f32,
        segment_ranges: &[Range<u32>],
        seed: u64,
    ) -> Graph {
        let agents = segment_ranges.last().map_or(0, |range| range.end);
        let n = agents as usize;
        let ties_per_join = (spec.contacts_per_agent / 2).max(1) as usize;
        let mut rng = Rng::keyed(seed, Stream::Graph, 0, 0);

        // Join order: a shuffle, so every segment grows from the start.
        let mut order: Vec<u32> = (0..agents).collect();
        for i in (1..n).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        let segment_of = |agent: u32| -> usize {
            segment_ranges
                .iter()
                .position(|range| range.contains(&agent))
                .unwrap_or(0)
        };

        // Each pair (2k, 2k + 1) of `ends` is one tie; a person appears once
        // per tie, which makes a uniform pick from `ends` degree-proportional.
        let mut ends: Vec<u32> = Vec::with_capacity(n * ties_per_join * 2);
        let mut segment_ends: Vec<Vec<u32>> = segment_ranges
            .iter()
            .map(|range| Vec::with_capacity(range.len() * ties_per_join * 2))
            .collect();
        let mut joined = 1usize.min(n);
        while joined < n {
            let wave = (joined / WAVE_SHARE).clamp(1, MAX_WAVE).min(n - joined);
            let (ends_then, pools_then) = (&ends, &segment_ends);
            let picks: Vec<Vec<u32>> = (joined..joined + wave)
                .into_par_iter()
                .map(|t| {
                    let agent = order[t];
                    let segment = segment_of(agent);
                    let mut rng = Rng::keyed(seed, Stream::Graph, 1, t as u64);
                    let wanted = ties_per_join.min(t);
                    let mut picked: Vec<u32> = Vec::with_capacity(wanted);
                    let mut attempts = 0;
                    while picked.len() < wanted && attempts < wanted * ATTEMPTS_PER_TIE {
                        attempts += 1;
                        let pool = &pools_then[segment];
                        let candidate = if ends_then.is_empty() {
                            order[rng.below(t as u64) as usize]
                        } else if !pool.is_empty() && rng.chance(spec.homophily) {
                            pool[rng.below(pool.len() as u64) as usize]
                        } else if rng.chance(uniform_tie_chance) {
                            // A little uniform mixing keeps newcomers reachable.
                            order[rng.below(t as u64) as usize]
                        } else {
                            ends_then[rng.below(ends_then.len() as u64) as usize]
                        };
                        if candidate != agent && !picked.contains(&candidate) {
                            picked.push(candidate);
                        }
                    }
                    picked
                })
                .collect();
            for (t, picked) in (joined..).zip(picks) {
                let agent = order[t];
                let segment = segment_of(agent);
                for other in picked {
                    ends.push(agent);
                    ends.push(other);
                    segment_ends[segment].push(agent);
                    segment_ends[segment_of(other)].push(other);
                }
            }
            joined += wave;
        }
        drop(segment_ends);
        drop(order);

        let mut degree = vec![0u32; n + 1];
        for &end in &ends {
            degree[end as usize] += 1;
        }
        let mut offsets = vec![0u32; n + 1];
        let mut running = 0u32;
        for i in 0..n {
            offsets[i] = running;
            running += degree[i];
        }
        offsets[n] = running;
        // Where each person's next neighbour goes (the degrees are done with).
        let mut cursor = degree;
        cursor.copy_from_slice(&offsets);
        let mut neighbors = vec![0u32; ends.len()];
        for pair in ends.chunks_exact(2) {
            let (a, b) = (pair[0], pair[1]);
            neighbors[cursor[a as usize] as usize] = b;
            cursor[a as usize] += 1;
            neighbors[cursor[b as usize] as usize] = a;
            cursor[b as usize] += 1;
        }
        Graph { offsets, neighbors }
    }

    /// The `count` most connected people, most connected first (ties by index).
    pub fn most_connected(&self, count: usize) -> Vec<u32> {
        let mut all: Vec<u32> = (0..self.agents()).collect();
        let count = count.min(all.len());
        if count == 0 {
            return Vec::new();
        }
        let key = |a: &u32| (std::cmp::Reverse(self.degree(*a)), *a);
        if count < all.len() {
            all.select_nth_unstable_by_key(count - 1, key);
            all.truncate(count);
        }
        all.sort_unstable_by_key(key);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> GraphSpec {
        GraphSpec {
            contacts_per_agent: 10,
            homophily: 0.8,
        }
    }

    #[test]
    fn ties_are_symmetric_and_mean_degree_matches() {
        let ranges = vec![0..600, 600..1000];
        let graph = Graph::generate(&spec(), 0.1, &ranges, 3);
        assert_eq!(graph.agents(), 1000);
        let mean = graph.neighbors.len() as f64 / 1000.0;
        assert!((9.0..=10.0).contains(&mean), "mean degree {mean}");
        for a in 0..1000u32 {
            for &b in graph.contacts(a) {
                assert_ne!(a, b);
                assert!(graph.contacts(b).contains(&a));
            }
        }
    }

    #[test]
    fn homophily_keeps_most_ties_inside_a_segment() {
        let ranges = vec![0..500, 500..1000];
        let graph = Graph::generate(&spec(), 0.1, &ranges, 5);
        let inside = (0..1000u32)
            .flat_map(|a| graph.contacts(a).iter().map(move |&b| (a < 500) == (b < 500)))
            .filter(|&same| same)
            .count();
        let share = inside as f64 / graph.neighbors.len() as f64;
        assert!(share > 0.7, "inside share {share}");
    }

    #[test]
    fn the_graph_is_the_same_at_any_thread_count() {
        let ranges = vec![0..3000, 3000..5000];
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let four = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        let a = one.install(|| Graph::generate(&spec(), 0.1, &ranges, 11));
        let b = four.install(|| Graph::generate(&spec(), 0.1, &ranges, 11));
        assert_eq!(a, b);
    }

    #[test]
    fn degrees_are_skewed() {
        let graph = Graph::generate(&spec(), 0.1, &[0..3000, 3000..5000], 9);
        let top = graph.most_connected(10);
        assert!(graph.degree(top[0]) >= 40, "max degree {}", graph.degree(top[0]));
        assert!(graph.degree(top[0]) >= graph.degree(top[9]));
    }
}
