//! The statistics of a global sensitivity analysis (`rapport sweep`): Latin
//! hypercube samples of the parameter space (and a point drawn afresh where
//! one cannot be used), the mapping of a unit draw onto a parameter's range,
//! and Spearman's rank correlation between a parameter and a claim's effect.
//!
//! Latin hypercube sampling (McKay, Beckman & Conover 1979), as SALib and
//! the EMA Workbench offer it, cuts every dimension into N equal strata and
//! puts exactly one of the N draws in each, so even a small sweep covers the
//! whole of every range. Which parameter matters is read from Spearman's ρ
//! between the parameter's values and the claim's effect over the draws: a
//! monotone dependence shows as |ρ| near 1 whatever its shape. We stop at ρ
//! (no first-order Sobol index): with tens of draws a variance-based index
//! is mostly noise, and ρ with its sign says what an instructor needs,
//! "the claim gets stronger as this number grows".

use crate::sim::{ParamRange, Rng, Stream, mix64};

/// Keeps the sampler's draws apart from any game's draws with the same seed.
const SAMPLE_SALT: u64 = 0x5357_4545_5053_4c48;

/// A Latin hypercube of `draws` points in `[0, 1)^dimensions`:
/// `result[draw][dimension]`. In every dimension each of the `draws` strata
/// `[k / draws, (k + 1) / draws)` holds exactly one point. A pure function
/// of `sample_seed` (a portable keyed generator, one per dimension).
pub fn latin_hypercube(dimensions: usize, draws: usize, sample_seed: u64) -> Vec<Vec<f64>> {
    let columns: Vec<Vec<f64>> = (0..dimensions)
        .map(|dimension| {
            let mut rng = Rng::keyed(
                mix64(sample_seed ^ SAMPLE_SALT),
                Stream::Events,
                0,
                dimension as u64,
            );
            // Fisher-Yates: which stratum each draw gets in this dimension.
            let mut strata: Vec<usize> = (0..draws).collect();
            for i in (1..draws).rev() {
                let j = rng.below(i as u64 + 1) as usize;
                strata.swap(i, j);
            }
            strata
                .into_iter()
                .map(|stratum| (stratum as f64 + rng.unit_f64()) / draws as f64)
                .collect()
        })
        .collect();
    (0..draws)
        .map(|draw| columns.iter().map(|column| column[draw]).collect())
        .collect()
}

/// Keeps redrawn points apart from the hypercube's own.
const REDRAW_SALT: u64 = 0x5245_4452_4157_5054;

/// A fresh point in `[0, 1)^dimensions` for draw `draw`, for when the
/// hypercube's point for it cannot be used (it gives a scenario that breaks
/// a file's limits): a pure function of the sample seed, the draw and the
/// attempt (1, 2, ...), so every machine redraws the same. A redrawn point
/// leaves its strata: the hypercube's even cover is kept by the others.
pub fn redraw(dimensions: usize, draw: usize, attempt: u32, sample_seed: u64) -> Vec<f64> {
    let mut rng = Rng::keyed(
        mix64(sample_seed ^ REDRAW_SALT),
        Stream::Events,
        attempt,
        draw as u64,
    );
    (0..dimensions).map(|_| rng.unit_f64()).collect()
}

/// A unit draw `u` in `[0, 1)` as a value of the range: `low + u × (high − low)`.
pub fn value_in(range: &ParamRange, unit: f64) -> f64 {
    range.low + unit * (range.high - range.low)
}

/// Ranks from 1, ties given the average of the ranks they span (so
/// `[10, 20, 20, 30]` ranks as `[1, 2.5, 2.5, 4]`).
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1 ..= end; their mean:
        let rank = (start + 1 + end) as f64 / 2.0;
        for &index in &order[start..end] {
            ranks[index] = rank;
        }
        start = end;
    }
    ranks
}

/// Spearman's ρ: the Pearson correlation of the average ranks. `None` with
/// fewer than two pairs, different lengths, a value that is not a finite
/// number (a NaN has no rank), or when either side is constant (no ordering
/// to correlate).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 || !x.iter().chain(y).all(|v| v.is_finite()) {
        return None;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let mean_x = x.iter().sum::<f64>() / n;
    let mean_y = y.iter().sum::<f64>() / n;
    let (mut xy, mut xx, mut yy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        xy += (a - mean_x) * (b - mean_y);
        xx += (a - mean_x) * (a - mean_x);
        yy += (b - mean_y) * (b - mean_y);
    }
    if xx <= 0.0 || yy <= 0.0 {
        return None;
    }
    Some((xy / (xx * yy).sqrt()).clamp(-1.0, 1.0))
}

/// The `count` parameters with the largest |ρ| against `effects`, strongest
/// first (ties by parameter order). `columns[p]` holds parameter `p`'s value
/// in each draw, aligned with `effects`; a `None` column (a parameter the
/// scenario does not have) and a constant one are left out.
pub fn strongest(columns: &[Option<Vec<f64>>], effects: &[f64], count: usize) -> Vec<(usize, f64)> {
    let mut found: Vec<(usize, f64)> = columns
        .iter()
        .enumerate()
        .filter_map(|(p, column)| Some((p, spearman(column.as_ref()?, effects)?)))
        .collect();
    found.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    found.truncate(count);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stratum_of_every_dimension_is_hit_exactly_once() {
        for draws in [1, 2, 7, 50] {
            let points = latin_hypercube(5, draws, 42);
            assert_eq!(points.len(), draws);
            for dimension in 0..5 {
                let mut hits = vec![0; draws];
                for point in &points {
                    let u = point[dimension];
                    assert!((0.0..1.0).contains(&u), "{u}");
                    hits[(u * draws as f64) as usize] += 1;
                }
                assert!(hits.iter().all(|&h| h == 1), "{draws} draws: {hits:?}");
            }
        }
    }

    #[test]
    fn the_sample_is_a_function_of_its_seed() {
        assert_eq!(latin_hypercube(4, 9, 7), latin_hypercube(4, 9, 7));
        assert_ne!(latin_hypercube(4, 9, 7), latin_hypercube(4, 9, 8));
        // Dimensions are not copies of each other.
        let points = latin_hypercube(2, 20, 7);
        assert!(
            points
                .iter()
                .any(|p| (p[0] * 20.0) as usize != (p[1] * 20.0) as usize)
        );
        assert!(latin_hypercube(3, 0, 1).is_empty());
    }

    #[test]
    fn a_redrawn_point_is_a_function_of_its_seed_draw_and_attempt() {
        let point = redraw(6, 4, 1, 9);
        assert_eq!(point.len(), 6);
        assert!(point.iter().all(|u| (0.0..1.0).contains(u)));
        assert_eq!(redraw(6, 4, 1, 9), point);
        assert_ne!(redraw(6, 4, 2, 9), point);
        assert_ne!(redraw(6, 5, 1, 9), point);
        assert_ne!(redraw(6, 4, 1, 10), point);
    }

    #[test]
    fn a_unit_draw_lands_in_its_range() {
        // Built from a real range, so that a field added to the range type
        // (a log-scale flag, say) does not break this test.
        let range = ParamRange {
            low: 0.5,
            high: 2.5,
            ..crate::sim::RANGES[0]
        };
        assert_eq!(value_in(&range, 0.0), 0.5);
        assert_eq!(value_in(&range, 0.5), 1.5);
        assert!(value_in(&range, 0.999_999) < 2.5);
    }

    #[test]
    fn ties_share_the_average_rank() {
        assert_eq!(average_ranks(&[10.0, 20.0, 20.0, 30.0]), [1.0, 2.5, 2.5, 4.0]);
        assert_eq!(average_ranks(&[3.0, 1.0, 2.0]), [3.0, 1.0, 2.0]);
        assert_eq!(average_ranks(&[5.0, 5.0, 5.0]), [2.0, 2.0, 2.0]);
    }

    #[test]
    fn spearman_matches_a_hand_computed_case() {
        // x ranks 1 2 3 4 5, y = [2, 1, 4, 3, 5] ranks the same: d = 1,1,1,1,0,
        // Σd² = 4, ρ = 1 − 6·4 / (5·24) = 0.8.
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 4.0, 3.0, 5.0]).unwrap();
        assert!((rho - 0.8).abs() < 1e-12, "{rho}");
        // With a tie: y = [1, 2, 2, 3] ranks [1, 2.5, 2.5, 4]; x ranks 1..4.
        // Pearson of (1,2,3,4) and (1,2.5,2.5,4): means 2.5 both;
        // Σxy = 2.25 + 0 + 0 + 2.25 = 4.5, Σxx = 5, Σyy = 4.5, ρ = 4.5/√22.5.
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 2.0, 3.0]).unwrap();
        assert!((rho - 4.5 / 22.5f64.sqrt()).abs() < 1e-12, "{rho}");
    }

    #[test]
    fn any_monotone_dependence_is_a_perfect_rank_correlation() {
        let x: Vec<f64> = (0..30).map(|i| i as f64 * 0.37).collect();
        let rising: Vec<f64> = x.iter().map(|v| (v * 3.0).exp()).collect();
        let falling: Vec<f64> = x.iter().map(|v| -v * v * v).collect();
        assert_eq!(spearman(&x, &rising), Some(1.0));
        assert_eq!(spearman(&x, &falling), Some(-1.0));
        assert_eq!(spearman(&x, &vec![1.0; 30]), None);
        assert_eq!(spearman(&[1.0], &[2.0]), None);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[1.0, f64::NAN, 3.0]), None);
    }

    #[test]
    fn the_strongest_parameters_come_first_with_their_sign() {
        let effects = [1.0, 2.0, 3.0, 4.0, 5.0];
        let columns = vec![
            Some(vec![5.0, 1.0, 4.0, 2.0, 3.0]), // weak
            Some(vec![9.0, 8.0, 7.0, 6.0, 5.0]), // perfectly falling
            None,                                // not in this scenario
            Some(vec![1.0, 1.0, 1.0, 1.0, 1.0]), // constant
            Some(vec![1.0, 2.0, 4.0, 3.0, 5.0]), // mostly rising
        ];
        let top = strongest(&columns, &effects, 2);
        assert_eq!(top.len(), 2);
        assert_eq!(top[0], (1, -1.0));
        assert_eq!(top[1].0, 4);
        assert!((top[1].1 - 0.9).abs() < 1e-12);
        assert_eq!(strongest(&columns, &effects, 10).len(), 3);
    }
}
