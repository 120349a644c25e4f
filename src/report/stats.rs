//! Means and 95% confidence intervals over seeds.

use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Interval {
    pub mean: f64,
    /// Lower and upper end of the 95% confidence interval of the mean.
    pub low: f64,
    pub high: f64,
}

/// Student's t quantile at 0.975 for `df` degrees of freedom.
pub fn t_975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042,
    ];
    match df {
        0 => f64::NAN,
        1..=30 => TABLE[df - 1],
        31..=60 => 2.042 - (df - 30) as f64 * (2.042 - 2.000) / 30.0,
        61..=120 => 2.000 - (df - 60) as f64 * (2.000 - 1.980) / 60.0,
        _ => 1.960,
    }
}

pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sample standard deviation.
pub fn std_dev(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    let m = mean(values);
    let var = values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (values.len() - 1) as f64;
    var.sqrt()
}

/// Mean with its 95% interval (t distribution); a single value has a
/// zero-width interval.
pub fn interval(values: &[f64]) -> Interval {
    let m = mean(values);
    if values.len() < 2 {
        return Interval {
            mean: m,
            low: m,
            high: m,
        };
    }
    let half = t_975(values.len() - 1) * std_dev(values) / (values.len() as f64).sqrt();
    Interval {
        mean: m,
        low: m - half,
        high: m + half,
    }
}

pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_of_known_sample() {
        let values = [1.0, 2.0, 3.0, 4.0, 5.0];
        let i = interval(&values);
        assert!((i.mean - 3.0).abs() < 1e-12);
        // sd = 1.5811, se = 0.7071, t(4) = 2.776 -> half width 1.963
        assert!((i.high - i.mean - 1.963).abs() < 1e-3, "{i:?}");
        assert!((i.mean - i.low - 1.963).abs() < 1e-3);
    }

    #[test]
    fn median_handles_even_and_odd() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
