//! Counter-based randomness: every draw is a pure function of the game seed,
//! the day, a stream tag and an agent index, so results never depend on how
//! work is split across threads.
//!
//! The generator is SplitMix64 (Steele, Lea & Flood 2014): a 64-bit counter
//! advanced by a fixed odd constant and passed through a bijective mixer. It
//! is portable (integer arithmetic only) and identical on every platform.

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 output function: a bijective 64-bit mixer.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Streams keep unrelated kinds of draws independent of each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Stream {
    Audience = 1,
    Graph = 2,
    Agent = 3,
    Ads = 4,
    Discovery = 5,
    Targets = 6,
    Events = 7,
    Share = 8,
    /// A person's chances of a day (the funnel, leaving): drawn the same
    /// whether the day is visited or walked ahead.
    Hazard = 9,
    /// Whether an ignored commenter leaves on the spot.
    Patience = 10,
    /// Which followers a day's posts and live session are drawn for.
    Feed = 11,
    /// Whose friends see the brand's public answers and silences.
    Onlookers = 12,
}

/// The key every generator of `(seed, stream, day)` starts from.
#[inline]
pub fn day_key(seed: u64, stream: Stream, day: u32) -> u64 {
    mix64(seed ^ mix64((stream as u64) << 32 ^ day as u64 ^ GOLDEN_GAMMA))
}

/// A small sequential generator seeded from a counter key.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `(seed, stream, day, index)`.
    #[inline]
    pub fn keyed(seed: u64, stream: Stream, day: u32, index: u64) -> Self {
        Rng::with_key(day_key(seed, stream, day), index)
    }

    /// The generator for `index` under a day's key: the same as
    /// `Rng::keyed(seed, stream, day, index)` for `key = day_key(seed,
    /// stream, day)`, without mixing the key again for every index.
    #[inline]
    pub fn with_key(key: u64, index: u64) -> Self {
        Rng {
            state: mix64(key ^ index.wrapping_mul(GOLDEN_GAMMA)),
        }
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix64(self.state)
    }

    /// Uniform in [0, 1) with 24 bits of precision.
    #[inline]
    pub fn unit_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    #[inline]
    pub fn unit_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p` (clamped to [0, 1]).
    #[inline]
    pub fn chance(&mut self, p: f32) -> bool {
        p > 0.0 && self.unit_f32() < p
    }

    /// Uniform integer in [0, n) (Lemire's multiply-shift; n > 0).
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Rounds `expected` to an integer at random so the mean is preserved.
    #[inline]
    pub fn round_stochastic(&mut self, expected: f64) -> u64 {
        if expected <= 0.0 {
            return 0;
        }
        let whole = expected.floor();
        let frac = expected - whole;
        whole as u64 + u64::from(self.unit_f64() < frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_draws_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4)
            .map(|_| Rng::keyed(7, Stream::Agent, 3, 11).next_u64())
            .collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let other = Rng::keyed(7, Stream::Agent, 3, 12).next_u64();
        assert_ne!(a[0], other);
        let other_day = Rng::keyed(7, Stream::Agent, 4, 11).next_u64();
        assert_ne!(a[0], other_day);
    }

    #[test]
    fn unit_draws_are_in_range_and_roughly_uniform() {
        let mut rng = Rng::keyed(1, Stream::Audience, 0, 0);
        let n = 100_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let x = rng.unit_f32();
            assert!((0.0..1.0).contains(&x));
            sum += x as f64;
        }
        let mean = sum / n as f64;
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
        for _ in 0..1000 {
            assert!(rng.below(10) < 10);
        }
    }
}
