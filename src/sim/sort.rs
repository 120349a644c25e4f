//! Sorting lists of people by index in linear time: a day lists the people
//! it reaches in the order they were reached (tens of thousands at national
//! size) and the pass wants them in index order. A radix sort by the index,
//! eleven bits at a time, gives the same order a comparison sort does.

/// Lists shorter than this are sorted by comparison (as fast, no buffer).
const SHORT: usize = 256;

/// Bits of the index taken by each round (three rounds cover 32 bits).
const DIGIT: u32 = 11;

/// Sorts `list` by each item's person index, keeping the order of items
/// with the same index (a stable sort).
pub fn sort_by_person<T: Copy>(list: &mut Vec<T>, person: impl Fn(&T) -> u32) {
    if list.len() < SHORT {
        list.sort_by_key(&person);
        return;
    }
    let top = list.iter().map(&person).max().unwrap_or(0);
    let mut from = std::mem::take(list);
    let mut to = Vec::with_capacity(from.len());
    let mut shift = 0;
    // Rounds above the largest index would move nothing.
    while shift < 32 && (shift == 0 || top >> shift != 0) {
        let digit = |item: &T| (person(item) >> shift & ((1 << DIGIT) - 1)) as usize;
        let mut counts = vec![0usize; 1 << DIGIT];
        for item in &from {
            counts[digit(item)] += 1;
        }
        let mut at = 0;
        for count in &mut counts {
            (*count, at) = (at, at + *count);
        }
        // Every place is written once: the list is filled, then read.
        to.clear();
        to.resize(from.len(), from[0]);
        for item in &from {
            let place = &mut counts[digit(item)];
            to[*place] = *item;
            *place += 1;
        }
        std::mem::swap(&mut from, &mut to);
        shift += DIGIT;
    }
    *list = from;
}

/// Sorts people's indices and drops repeats.
pub fn sort_people(people: &mut Vec<u32>) {
    sort_by_person(people, |&p| p);
    people.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::{Rng, Stream};

    #[test]
    fn people_come_out_as_a_comparison_sort_puts_them() {
        for (n, top) in [
            (0u64, 10u64),
            (5, 10),
            (300, 50),
            (20_000, 1_000_000),
            (5_000, u32::MAX as u64),
        ] {
            let mut rng = Rng::keyed(3, Stream::Graph, 1, n);
            let list: Vec<u32> = (0..n).map(|_| rng.below(top) as u32).collect();
            let mut ours = list.clone();
            sort_people(&mut ours);
            let mut theirs = list;
            theirs.sort_unstable();
            theirs.dedup();
            assert_eq!(ours, theirs, "{n} people below {top}");
        }
    }

    #[test]
    fn items_of_one_person_keep_their_order() {
        let mut rng = Rng::keyed(4, Stream::Graph, 1, 0);
        // (person, post) drawn post by post, as the feed draws them.
        let mut feed: Vec<(u32, u8)> = Vec::new();
        for post in 0..6u8 {
            for _ in 0..2000 {
                feed.push((rng.below(3000) as u32, post));
            }
        }
        let mut ours = feed.clone();
        sort_by_person(&mut ours, |&(p, _)| p);
        feed.sort();
        assert_eq!(ours, feed);
    }
}
