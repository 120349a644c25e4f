//! Whether a run's own numbers show a difference rather than chance: exact
//! one-sided tests at 5%, so that "6 of 9 warmed leads bought against 26
//! of 63" (one-sided p 0.14) is not told under a claim's title. A verdict needs
//! both its margin (the difference is worth telling) and the test (there
//! are enough people for it to mean something).
//!
//! Shares are compared by Fisher's exact test, counts over their exposures
//! by the exact conditional binomial test, mean sentiments by Welch's test.
//!
//! Logarithms of factorials come from `libm`, so the same run gets the
//! same verdicts on every machine.

/// A difference is shown when chance alone would give one at least as
/// large this rarely.
pub const SIGNIFICANCE: f64 = 0.05;

fn ln_factorial(n: u64) -> f64 {
    libm::lgamma(n as f64 + 1.0)
}

fn ln_choose(n: u64, k: u64) -> f64 {
    ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
}

/// Fisher's exact test, one-sided: the chance that group A would have as
/// many successes as `a_yes` of `a_n` or more, were the successes of both
/// groups (`b_yes` of `b_n` in B) spread between them by chance alone.
pub fn fisher_greater(a_yes: u64, a_n: u64, b_yes: u64, b_n: u64) -> f64 {
    let (a_yes, b_yes) = (a_yes.min(a_n), b_yes.min(b_n));
    let n = a_n + b_n;
    let yes = a_yes + b_yes;
    if a_n == 0 || b_n == 0 {
        return 1.0;
    }
    let all = ln_choose(n, a_n);
    let top = yes.min(a_n);
    let p: f64 = (a_yes..=top)
        .filter(|&x| a_n - x <= n - yes)
        .map(|x| libm::exp(ln_choose(yes, x) + ln_choose(n - yes, a_n - x) - all))
        .sum();
    p.min(1.0)
}

/// Whether A's share of successes is above B's beyond chance (Fisher, 5%).
pub fn share_above(a_yes: u64, a_n: u64, b_yes: u64, b_n: u64) -> bool {
    fisher_greater(a_yes, a_n, b_yes, b_n) < SIGNIFICANCE
}

/// The exact test of two counts of events over their exposures (hours,
/// weeks, or the same season for both): given `a + b` events in all, the
/// chance that A would have `a` or more of them were both at one rate.
pub fn rate_greater(a: u64, exposure_a: f64, b: u64, exposure_b: f64) -> f64 {
    if exposure_a <= 0.0 || exposure_b <= 0.0 {
        return 1.0;
    }
    let n = a + b;
    let share = exposure_a / (exposure_a + exposure_b);
    if a == 0 {
        return 1.0;
    }
    let (ln_p, ln_q) = (libm::log(share), libm::log1p(-share));
    let p: f64 = (a..=n)
        .map(|x| libm::exp(ln_choose(n, x) + x as f64 * ln_p + (n - x) as f64 * ln_q))
        .sum();
    p.min(1.0)
}

/// Whether count `a` is above `b` beyond chance, over their exposures.
pub fn rate_above(a: f64, exposure_a: f64, b: f64, exposure_b: f64) -> bool {
    rate_greater(whole(a), exposure_a, whole(b), exposure_b) < SIGNIFICANCE
}

/// Whether count `a` is above `b` beyond chance, both over the same time.
pub fn count_above(a: f64, b: f64) -> bool {
    rate_above(a, 1.0, b, 1.0)
}

/// A group's values as the mean test takes them: how many, their sum and
/// the sum of their squares.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub n: u64,
    pub sum: f64,
    pub squares: f64,
}

impl Sample {
    fn mean(&self) -> f64 {
        self.sum / self.n.max(1) as f64
    }

    /// The unbiased variance (never below zero, whatever the rounding).
    fn variance(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        ((self.squares - self.sum * self.sum / n) / (n - 1.0)).max(0.0)
    }
}

/// One-sided 5% critical values of Student's t by degrees of freedom
/// (1 to 30, then 40, 60, 120); beyond 120, 120's (a little above the
/// normal's 1.645, so a shade stricter).
const T_CRITICAL: [(f64, f64); 33] = [
    (1.0, 6.314),
    (2.0, 2.920),
    (3.0, 2.353),
    (4.0, 2.132),
    (5.0, 2.015),
    (6.0, 1.943),
    (7.0, 1.895),
    (8.0, 1.860),
    (9.0, 1.833),
    (10.0, 1.812),
    (11.0, 1.796),
    (12.0, 1.782),
    (13.0, 1.771),
    (14.0, 1.761),
    (15.0, 1.753),
    (16.0, 1.746),
    (17.0, 1.740),
    (18.0, 1.734),
    (19.0, 1.729),
    (20.0, 1.725),
    (21.0, 1.721),
    (22.0, 1.717),
    (23.0, 1.714),
    (24.0, 1.711),
    (25.0, 1.708),
    (26.0, 1.706),
    (27.0, 1.703),
    (28.0, 1.701),
    (29.0, 1.699),
    (30.0, 1.697),
    (40.0, 1.684),
    (60.0, 1.671),
    (120.0, 1.658),
];

/// The critical value at `df` degrees of freedom, read at the table's
/// next lower entry (the larger value: the test stays at 5% or below).
fn t_critical(df: f64) -> f64 {
    T_CRITICAL
        .iter()
        .rev()
        .find(|(at, _)| *at <= df)
        .map_or(T_CRITICAL[0].1, |(_, t)| *t)
}

/// Welch's test, one-sided at 5%: whether group A's mean is above group
/// B's beyond chance (each group needs at least two people).
pub fn mean_above(a: Sample, b: Sample) -> bool {
    if a.n < 2 || b.n < 2 {
        return false;
    }
    let diff = a.mean() - b.mean();
    let (va, vb) = (a.variance() / a.n as f64, b.variance() / b.n as f64);
    let spread = va + vb;
    if spread <= 0.0 {
        return diff > 0.0;
    }
    let df = spread * spread / (va * va / (a.n as f64 - 1.0) + vb * vb / (b.n as f64 - 1.0));
    diff / libm::sqrt(spread) > t_critical(df)
}

/// A count as the tests take it: whole and never below zero.
fn whole(x: f64) -> u64 {
    x.round().max(0.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fisher_matches_a_hand_computed_table() {
        // 3 of 3 against 0 of 3: one table of C(6,3) = 20 is as extreme.
        assert!((fisher_greater(3, 3, 0, 3) - 0.05).abs() < 1e-12);
        // Everything alike: chance gives at least this every time.
        assert!((fisher_greater(0, 5, 0, 5) - 1.0).abs() < 1e-12);
        assert!((fisher_greater(3, 3, 0, 2) - 0.1).abs() < 1e-12);
        assert!(!share_above(3, 3, 0, 2));
        assert!(share_above(8, 8, 0, 8));
    }

    #[test]
    fn the_issues_small_sample_is_not_shown() {
        // "6 of 9 warmed leads bought vs 26 of 63": a margin of 25 points,
        // but one-sided p 0.14, not evidence.
        let p = fisher_greater(6, 9, 26, 63);
        assert!(p > 0.1 && p < 0.2, "{p}");
        assert!(!share_above(6, 9, 26, 63));
        // Ten times the people, the same shares: shown.
        assert!(share_above(60, 90, 260, 630));
    }

    fn sample(values: &[f64]) -> Sample {
        Sample {
            n: values.len() as u64,
            sum: values.iter().sum(),
            squares: values.iter().map(|v| v * v).sum(),
        }
    }

    #[test]
    fn means_differ_only_beyond_their_spread() {
        let warm = sample(&[0.3, 0.4, 0.5, 0.35, 0.45]);
        let cold = sample(&[-0.1, 0.0, -0.2, 0.05, -0.05]);
        assert!(mean_above(warm, cold));
        assert!(!mean_above(cold, warm));
        // The same gap among people far apart from each other: chance.
        let wide_warm = sample(&[0.9, -0.5, 0.8, -0.4, 0.7]);
        let wide_cold = sample(&[0.6, -0.9, 0.5, -0.8, 0.4]);
        assert!(!mean_above(wide_warm, wide_cold));
        // One person a side is no evidence.
        assert!(!mean_above(sample(&[0.9]), sample(&[-0.9])));
        assert_eq!(t_critical(1.0), 6.314);
        assert_eq!(t_critical(35.0), 1.697);
        assert_eq!(t_critical(1e6), 1.658);
    }

    #[test]
    fn counts_need_enough_events_to_differ() {
        // 4 against 0 in the same time: 1/16 > 5%. 5 against 0: 1/32.
        assert!((rate_greater(4, 1.0, 0, 1.0) - 1.0 / 16.0).abs() < 1e-12);
        assert!(!count_above(4.0, 0.0));
        assert!(count_above(5.0, 0.0));
        assert!(!count_above(12.0, 8.0));
        assert!(count_above(120.0, 80.0));
        // Twice the hours for twice the bonds is no difference in rate.
        assert!(!rate_above(40.0, 20.0, 20.0, 10.0));
        assert!(rate_above(40.0, 10.0, 10.0, 10.0));
        assert!(!rate_above(3.0, 0.0, 0.0, 1.0));
    }
}
