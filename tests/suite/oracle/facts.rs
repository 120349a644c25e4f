//! What the oracle reads and works out: the numbers a sentence says, the
//! figures of one game from its days and plans, and an exact test.

use rapport::claims::verdict::Verdict;
use rapport::sim::{Family, Simulation};

/// Every number in a sentence, in order, each with the rounding it was
/// printed with: `1,204` is 1204 to the unit, `0.75` to the hundredth,
/// `12.5%` is 0.125 to the thousandth.
pub(super) fn numbers(sentence: &str) -> Vec<(f64, f64)> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let signed = (chars[i] == '+' || chars[i] == '-')
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !(chars[i].is_ascii_digit() || signed) || (i > 0 && chars[i - 1].is_alphabetic()) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == ',' || chars[i] == '.')
                    && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            i += 1;
        }
        let token: String = chars[start..i].iter().filter(|&&c| c != ',').collect();
        let decimals = token.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
        let value: f64 = token.parse().expect("a number");
        let unit = 0.5 * 10f64.powi(-decimals) + 1e-9;
        if chars.get(i) == Some(&'%') {
            found.push((value / 100.0, unit / 100.0));
            i += 1;
        } else {
            found.push((value, unit));
        }
    }
    found
}

/// What the oracle works out about one game.
pub(super) struct Facts {
    pub(super) hours: [f64; 3],
    pub(super) followers: u64,
    pub(super) strong_start: u64,
    pub(super) strong_end: u64,
    pub(super) weekly_followers: Vec<u64>,
    pub(super) weekly_strong: Vec<u64>,
    pub(super) ad_money: f64,
    pub(super) ad_impressions: u64,
    pub(super) ad_clicks: u64,
    pub(super) leads: u64,
    pub(super) score: f64,
    /// Day 0 first.
    pub(super) history: Vec<rapport::sim::DayMetrics>,
    /// Each week's hours by family, from its plan.
    pub(super) week_hours: Vec<[f64; 3]>,
}

impl Facts {
    pub(super) fn of(game: &Simulation) -> Facts {
        let scenario = game.scenario();
        let mut hours = [0.0; 3];
        let mut ad_money = 0.0;
        let mut week_hours = Vec::new();
        for plan in game.plans() {
            let before = hours;
            for action in &plan.actions {
                let cost = scenario.actions.cost(action);
                let family = match action.kind.family() {
                    Family::Broadcast => 0,
                    Family::Conversation => 1,
                    Family::Listening => 2,
                };
                hours[family] += cost.hours;
                ad_money += cost.money;
            }
            week_hours.push([0, 1, 2].map(|f| hours[f] - before[f]));
        }
        let history = game.history();
        let week_ends: Vec<&rapport::sim::DayMetrics> = std::iter::once(&history[0])
            .chain(history[1..].iter().skip(6).step_by(7))
            .collect();
        let last = history.last().expect("a day");
        Facts {
            hours,
            followers: last.followers,
            strong_start: history[0].strong_relationships,
            strong_end: last.strong_relationships,
            weekly_followers: week_ends.iter().map(|d| d.followers).collect(),
            weekly_strong: week_ends.iter().map(|d| d.strong_relationships).collect(),
            ad_money,
            ad_impressions: history.iter().map(|d| d.ad_impressions).sum(),
            ad_clicks: history.iter().map(|d| d.ad_clicks).sum(),
            leads: last.leads_total,
            score: game.kpis().score,
            history: history.to_vec(),
            week_hours,
        }
    }

    /// The days of week `week` (1-based): the day before it and its seven.
    pub(super) fn week_days(&self, week: usize) -> &[rapport::sim::DayMetrics] {
        &self.history[(week - 1) * 7..=week * 7]
    }

    /// A figure's change over week `week`.
    pub(super) fn week_change(&self, week: usize, figure: fn(&rapport::sim::DayMetrics) -> u64) -> f64 {
        let days = self.week_days(week);
        figure(&days[7]) as f64 - figure(&days[0]) as f64
    }

    /// A counted figure summed over the days of week `week`.
    pub(super) fn week_sum(&self, week: usize, figure: fn(&rapport::sim::DayMetrics) -> u64) -> u64 {
        self.week_days(week)[1..].iter().map(figure).sum()
    }

    pub(super) fn total_hours(&self) -> f64 {
        self.hours.iter().sum()
    }

    pub(super) fn gained(&self) -> f64 {
        self.strong_end as f64 - self.strong_start as f64
    }

    pub(super) fn weeks(&self) -> usize {
        self.weekly_followers.len() - 1
    }

    pub(super) fn weeks_growing(weekly: &[u64]) -> usize {
        weekly.windows(2).filter(|w| w[1] > w[0]).count()
    }
}

/// One-sided Fisher's exact test that share a of n_a is above b of n_b.
pub(super) fn fisher_p(a: u64, n_a: u64, b: u64, n_b: u64) -> f64 {
    let ln_choose = |n: u64, k: u64| -> f64 {
        let ln_fact = |m: u64| (1..=m).map(|x| (x as f64).ln()).sum::<f64>();
        ln_fact(n) - ln_fact(k) - ln_fact(n - k)
    };
    let (yes, total) = (a + b, n_a + n_b);
    let denominator = ln_choose(total, yes);
    (a..=yes.min(n_a))
        .filter(|&k| yes - k <= n_b)
        .map(|k| (ln_choose(n_a, k) + ln_choose(n_b, yes - k) - denominator).exp())
        .sum()
}

/// A game's sentence checked: the numbers, in order, against the values
/// the oracle expects (None: a number the oracle does not recompute, only
/// reads).
pub(super) fn expect(verdict: &Verdict, expected: &[Option<f64>]) -> Vec<f64> {
    let said = numbers(&verdict.sentence);
    assert_eq!(
        said.len(),
        expected.len(),
        "{}: {} numbers said, {} expected: {}",
        verdict.claim,
        said.len(),
        expected.len(),
        verdict.sentence
    );
    for (k, ((value, unit), want)) in said.iter().zip(expected).enumerate() {
        if let Some(want) = want {
            assert!(
                (value - want).abs() <= *unit,
                "{}: number {} is {value}, the run's is {want}: {}",
                verdict.claim,
                k + 1,
                verdict.sentence
            );
        }
    }
    said.iter().map(|(v, _)| *v).collect()
}
