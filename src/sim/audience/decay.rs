//! How a person's levels fade on days nobody touches them, in closed form:
//! a level stored on day `stamp` reads `stored x keep^n` on a day `n` days
//! later. The powers are tables built by repeated multiplication (never
//! `powf`), so every machine, build and thread count reads the same bits,
//! and a level is read in one multiplication however long ago it was stored.

use super::super::params::ModelParams;

/// `keep^n` for n = 0, 1, ... of one fading level.
#[derive(Clone, Debug, PartialEq)]
pub struct Powers {
    keep: f32,
    table: Vec<f32>,
}

impl Powers {
    fn new(keep: f32, days: usize) -> Powers {
        let mut table = Vec::with_capacity(days + 1);
        let mut value = 1.0f32;
        for _ in 0..=days {
            table.push(value);
            value *= keep;
        }
        Powers { keep, table }
    }

    /// `keep^n`, as `n` multiplications from 1 give it.
    #[inline]
    pub fn at(&self, n: u32) -> f32 {
        match self.table.get(n as usize) {
            Some(&value) => value,
            None => {
                // Past the table (a game longer than its scenario said):
                // the same multiplications, carried on.
                let mut value = *self.table.last().unwrap_or(&1.0);
                for _ in self.table.len()..=n as usize {
                    value *= self.keep;
                }
                value
            }
        }
    }

    /// The smallest `n` at or above `from` at which `stored x keep^n` falls
    /// below `threshold` (the powers only fall), or `None` within `limit`.
    pub fn first_below(&self, stored: f32, threshold: f32, from: u32, limit: u32) -> Option<u32> {
        if stored < threshold {
            return Some(from);
        }
        if self.keep >= 1.0 || limit < from {
            return None;
        }
        if stored * self.at(limit) >= threshold {
            return None;
        }
        // Binary search over a falling sequence.
        let (mut low, mut high) = (from, limit);
        while low < high {
            let mid = low + (high - low) / 2;
            if stored * self.at(mid) < threshold {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        Some(low)
    }
}

/// The fading of every level: awareness, fatigue, relationship (once its
/// grace has passed) and sentiment (toward neutral).
#[derive(Clone, Debug, PartialEq)]
pub struct Decay {
    pub awareness: Powers,
    pub fatigue: Powers,
    pub relationship: Powers,
    /// The fading of a bond never reciprocated: a one-sided attachment.
    pub one_way: Powers,
    pub sentiment: Powers,
    /// Days a reciprocated exchange holds a bond before it cools.
    pub grace: u16,
}

impl Decay {
    /// Tables long enough for a game of `days` days.
    pub fn new(params: &ModelParams, days: u32) -> Decay {
        let days = days as usize + 1;
        Decay {
            awareness: Powers::new(params.awareness_keep_per_day, days),
            fatigue: Powers::new(params.fatigue_keep_per_day, days),
            relationship: Powers::new(params.relationship_keep_per_day, days),
            one_way: Powers::new(params.one_way_keep_per_day, days),
            sentiment: Powers::new(1.0 - params.sentiment_drift_per_day, days),
            grace: params.relationship_grace_days,
        }
    }

    /// How a bond fades: as a bond once reciprocated, or as a one-sided
    /// attachment (`last_contact` 0: no exchange ever went both ways).
    #[inline]
    pub fn bond_fading(&self, last_contact: u16) -> &Powers {
        if last_contact == 0 {
            &self.one_way
        } else {
            &self.relationship
        }
    }

    /// The day (as stored) from which a bond stored on `stamp` cools: at
    /// once for a bond never reciprocated, else once the grace after the
    /// last reciprocated exchange has passed.
    #[inline]
    pub fn cooling_from(&self, stamp: u16, last_contact: u16) -> u16 {
        if last_contact == 0 {
            stamp
        } else {
            stamp.max(last_contact.saturating_add(self.grace))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_power_is_the_product_of_its_multiplications_and_carries_on_past_the_table() {
        let powers = Powers::new(0.9, 4);
        let mut value = 1.0f32;
        for n in 0..12 {
            assert_eq!(powers.at(n).to_bits(), value.to_bits(), "n = {n}");
            value *= 0.9;
        }
    }

    #[test]
    fn the_first_day_below_a_threshold_is_found_exactly() {
        let powers = Powers::new(0.99, 400);
        let stored = 0.8f32;
        let day = powers.first_below(stored, 0.5, 0, 400).unwrap();
        assert!(stored * powers.at(day) < 0.5 && stored * powers.at(day - 1) >= 0.5);
        assert_eq!(powers.first_below(0.4, 0.5, 3, 400), Some(3));
        assert_eq!(powers.first_below(0.8, 0.5, 0, 10), None);
        assert_eq!(Powers::new(1.0, 10).first_below(0.8, 0.5, 0, 10), None);
    }
}
