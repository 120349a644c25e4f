//! How a claim's comparisons become a verdict: every comparison is paired
//! over seeds and judged by the lower end of its 95% interval, never by a
//! mean, and expressed relative to its own scale so that margins compare
//! across scenarios and parameter draws.

use crate::report::stats::{Interval, interval, mean};

/// What checking a claim found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub holds: bool,
    /// A signed margin, above zero exactly when the claim holds: the lower
    /// end of a paired interval relative to its scale, so comparable across
    /// scenarios and parameter draws. With several criteria, the smallest.
    pub effect: f64,
    /// The measured figures, in words.
    pub summary: String,
}

/// One criterion of a claim: its margin relative to its scale (> 0 when it
/// is met) and the figures behind it, in words.
#[derive(Clone, Debug)]
pub struct Criterion {
    pub margin: f64,
    pub text: String,
}

/// A margin that is not a number (an empty or broken measure) fails.
fn margin_of(value: f64) -> f64 {
    if value.is_finite() { value } else { -1.0 }
}

fn scale_of(a: &[f64], b: &[f64]) -> f64 {
    let magnitude = |v: &[f64]| mean(&v.iter().map(|x| x.abs()).collect::<Vec<_>>());
    magnitude(a).max(magnitude(b)).max(1e-12)
}

/// Paired differences `a - b` over seeds.
pub fn paired(a: &[f64], b: &[f64]) -> Interval {
    let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    interval(&diffs)
}

/// `a` is larger than `b`, seed by seed: the lower bound of the paired
/// difference, relative to the larger of the two means.
pub fn more(label: &str, a: &[f64], b: &[f64]) -> Criterion {
    let d = paired(a, b);
    Criterion {
        margin: margin_of(d.low / scale_of(a, b)),
        text: format!(
            "{label}: {:.4} vs {:.4} (difference {:+.4}, 95% {:+.4}..{:+.4})",
            mean(a),
            mean(b),
            d.mean,
            d.low,
            d.high
        ),
    }
}

/// `a` is more than `at_least` times `b`, seed by seed: the lower bound of
/// the paired log ratio, minus the log of `at_least`. Both must be positive
/// quantities; a tiny floor keeps a zero from being infinitely far away.
pub fn ratio(label: &str, a: &[f64], b: &[f64], at_least: f64) -> Criterion {
    let floor = 1e-3 * scale_of(a, b);
    let logs: Vec<f64> = a
        .iter()
        .zip(b)
        .map(|(x, y)| ((x.max(0.0) + floor) / (y.max(0.0) + floor)).ln())
        .collect();
    let d = interval(&logs);
    Criterion {
        margin: margin_of(d.low - at_least.ln()),
        text: format!(
            "{label}: {:.4} vs {:.4} (ratio {:.2}, 95% from {:.2}; needs > {at_least})",
            mean(a),
            mean(b),
            d.mean.exp(),
            d.low.exp()
        ),
    }
}

/// A share of `a_hits` in `a_n` is larger than `b_hits` in `b_n`, each
/// pooled over the seeds (seeds with many cases weigh more than seeds with
/// one): the lower bound of the difference of the two proportions (normal
/// approximation), relative to the larger.
pub fn more_share(label: &str, a: (u64, u64), b: (u64, u64)) -> Criterion {
    let share = |(hits, n): (u64, u64)| hits as f64 / n.max(1) as f64;
    let (pa, pb) = (share(a), share(b));
    let se = (pa * (1.0 - pa) / a.1.max(1) as f64 + pb * (1.0 - pb) / b.1.max(1) as f64).sqrt();
    let d = pa - pb;
    let low = d - 1.96 * se;
    Criterion {
        margin: if a.1 == 0 || b.1 == 0 {
            -1.0
        } else {
            margin_of(low / pa.max(pb).max(1e-12))
        },
        text: format!(
            "{label}: {:.4} of {} vs {:.4} of {} (difference {:+.4}, 95% {:+.4}..{:+.4})",
            pa,
            a.1,
            pb,
            b.1,
            d,
            low,
            d + 1.96 * se
        ),
    }
}

/// The mean of `values` over seeds is above `threshold`, at its lower bound.
pub fn above(label: &str, values: &[f64], threshold: f64) -> Criterion {
    let i = interval(values);
    let scale = threshold.abs().max(mean(values).abs()).max(1e-12);
    Criterion {
        margin: margin_of((i.low - threshold) / scale),
        text: format!(
            "{label}: {:.4} (95% {:.4}..{:.4}; needs > {threshold})",
            i.mean, i.low, i.high
        ),
    }
}

/// The mean of `values` over seeds is below `threshold`, at its upper bound.
pub fn below(label: &str, values: &[f64], threshold: f64) -> Criterion {
    let i = interval(values);
    let scale = threshold.abs().max(mean(values).abs()).max(1e-12);
    Criterion {
        margin: margin_of((threshold - i.high) / scale),
        text: format!(
            "{label}: {:.4} (95% {:.4}..{:.4}; needs < {threshold})",
            i.mean, i.low, i.high
        ),
    }
}

/// A claim holds when every one of its criteria is met; its effect is the
/// smallest margin.
pub fn finding(criteria: Vec<Criterion>) -> Finding {
    let effect = criteria.iter().map(|c| c.margin).fold(f64::INFINITY, f64::min);
    let effect = if effect.is_finite() { effect } else { -1.0 };
    Finding {
        holds: effect > 0.0,
        effect,
        summary: criteria
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paired_lead_counts_only_when_its_lower_bound_is_above_zero() {
        let a = [10.0, 11.0, 12.0, 13.0];
        let b = [9.0, 10.0, 11.0, 12.0];
        assert!(more("a over b", &a, &b).margin > 0.0);
        // The same means, but the lead changes sides from seed to seed.
        let noisy = [14.0, 6.0, 16.0, 10.0];
        assert!(more("noisy over b", &noisy, &b).margin <= 0.0);
        assert!(more("b over a", &b, &a).margin < 0.0);
    }

    #[test]
    fn a_ratio_must_clear_its_bar_at_the_lower_bound() {
        let a = [30.0, 31.0, 29.0, 30.5];
        let b = [10.0, 10.5, 9.5, 10.0];
        assert!(ratio("three times", &a, &b, 2.0).margin > 0.0);
        assert!(ratio("not four times", &a, &b, 4.0).margin < 0.0);
        // A zero against a zero is no lead at all.
        assert!(ratio("nothing", &[0.0; 4], &[0.0; 4], 1.0).margin <= 0.0);
    }

    #[test]
    fn a_finding_holds_when_every_criterion_does_and_reports_the_smallest_margin() {
        let met = above("met", &[1.0, 1.1, 0.9], 0.0);
        let missed = below("missed", &[1.0, 1.1, 0.9], 0.5);
        let both = finding(vec![met.clone(), missed.clone()]);
        assert!(!both.holds);
        assert_eq!(both.effect, missed.margin);
        assert!(both.summary.contains("met") && both.summary.contains("missed"));
        let one = finding(vec![met.clone()]);
        assert!(one.holds && one.effect == met.margin);
        // A broken measure fails rather than passing quietly.
        assert!(!finding(vec![above("empty", &[], 0.0)]).holds);
        assert!(!finding(Vec::new()).holds);
    }
}
