//! Claims that compare the designer's strategies (the broadcaster never
//! talks, the networker never posts) checked again over random legal plans:
//! each game spends its week's hours in random shares on broadcasting,
//! conversation and listening (and a random share of its money on ads),
//! with random actions of each kind, and the outcome is regressed on the
//! shares. A claim's sign must hold on the coefficients' 95% interval, so it
//! cannot rest on how one strategy happens to be made.

use super::measure::Criterion;
use crate::report::stats::mean;
use crate::sim::{
    ActionKind, ContentType, Family, PlannedAction, Scenario, Simulation, Stage, Target, Tone, WeekPlan,
};
use crate::sim::{Rng, Stream};
use rayon::prelude::*;
use std::sync::Arc;

/// How many random plans a check plays (CLAIMS.md asks for at least 200).
pub const RANDOM_PLANS: usize = 200;

/// Quiet weeks played after each game, to see who stays (as the designer
/// strategies' quiet tail).
const TAIL_WEEKS: u32 = super::trial::QUIET_TAIL_WEEKS;

/// One random plan's game: the shares of the hours it gave each family
/// and what came of it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PlanGame {
    /// Shares of the week's hours: broadcasting, conversation, listening.
    pub shares: [f64; 3],
    /// Share of the week's money spent on ads.
    pub ad_share: f64,
    pub reached: f64,
    pub impressions: f64,
    pub leads: f64,
    pub clicks: f64,
    pub strong: f64,
    pub sentiment: f64,
    pub relationship_index: f64,
    pub followers: f64,
    /// Customers still there after a quiet tail.
    pub customers_kept: f64,
    /// Revenue over the game and the quiet tail, less the money spent.
    pub net_revenue: f64,
    /// Revenue earned during the quiet tail alone (purchases, repeat ones
    /// above all, once the campaign has stopped).
    pub tail_revenue: f64,
}

/// A point of the simplex drawn uniformly: shares of the hours for the
/// three families.
fn shares(rng: &mut Rng) -> [f64; 3] {
    let (a, b) = (rng.unit_f64(), rng.unit_f64());
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    [low, high - low, 1.0 - high]
}

/// The kinds of action of each family a random plan picks from.
const BROADCAST: [ActionKind; 3] = [ActionKind::Publish, ActionKind::Schedule, ActionKind::Connect];
const CONVERSATION: [ActionKind; 4] = [
    ActionKind::StartConversation,
    ActionKind::Reply,
    ActionKind::EngageOthers,
    ActionKind::LiveEvent,
];

/// A random legal week: the hours of each family filled with random
/// actions of it (random platform, content, target and tone), ads bought
/// with `ad_share` of the money as far as the broadcast hours allow.
pub fn random_week(scenario: &Scenario, rng: &mut Rng, split: [f64; 3], ad_share: f64) -> WeekPlan {
    let catalog = &scenario.actions;
    let platforms = scenario.platforms.len().max(1) as u64;
    let segments = scenario.segments.len().max(1) as u64;
    let mut actions: Vec<PlannedAction> = Vec::new();
    let random_target = |rng: &mut Rng| match rng.below(4) {
        0 => Target::Everyone,
        1 => Target::Followers,
        2 => Target::Influencers,
        _ => Target::Segment(rng.below(segments) as u8),
    };
    let action = |rng: &mut Rng, kind: ActionKind| {
        let content = ContentType::BROADCAST[rng.below(5) as usize];
        let platform = rng.below(platforms) as u8;
        PlannedAction::aimed(kind, platform, content, random_target(rng))
            .in_tone(Tone::ALL[rng.below(3) as usize])
    };
    let mut budget = [0.0f64; 3];
    for (family, share) in split.iter().enumerate() {
        budget[family] = share * scenario.hours_per_week;
    }
    // Ads first, out of the broadcast hours.
    let ad = action(rng, ActionKind::Ad);
    let ad_cost = catalog.cost(&ad);
    if ad_cost.money > 0.0 {
        let wanted = (ad_share * scenario.money_per_week / ad_cost.money).floor() as usize;
        for _ in 0..wanted {
            if budget[0] < ad_cost.hours {
                break;
            }
            budget[0] -= ad_cost.hours;
            actions.push(action(rng, ActionKind::Ad));
        }
    }
    for (family, kinds) in [
        (Family::Broadcast, &BROADCAST[..]),
        (Family::Conversation, &CONVERSATION[..]),
        (Family::Listening, &[ActionKind::Research][..]),
    ] {
        let left = &mut budget[family.index()];
        // Random actions while any fits; a few misses end the family.
        let mut misses = 0;
        while misses < 8 && actions.len() < 200 {
            let kind = kinds[rng.below(kinds.len() as u64) as usize];
            let candidate = action(rng, kind);
            let hours = catalog.cost(&candidate).hours;
            if hours <= *left + 1e-9 {
                *left -= hours;
                actions.push(candidate);
                misses = 0;
            } else {
                misses += 1;
            }
        }
    }
    let mut week = WeekPlan { actions };
    for action in &mut week.actions {
        action.day = rng.below(7) as u8;
    }
    week
}

/// Plays `count` random plans of a scenario, each on its own seed (the
/// scenario's seed plus its number), in parallel; the result is in plan order.
pub fn play_random_plans(scenario: &Arc<Scenario>, count: usize) -> Vec<PlanGame> {
    (0..count)
        .into_par_iter()
        .map(|k| play_one(scenario, k as u64))
        .collect()
}

fn play_one(scenario: &Arc<Scenario>, k: u64) -> PlanGame {
    let seed = scenario.seed.wrapping_add(k);
    let mut rng = Rng::keyed(seed, Stream::Targets, u32::MAX - 1, k);
    let split = shares(&mut rng);
    let ad_share = rng.unit_f64();
    let mut longer = Scenario::clone(scenario);
    longer.weeks += TAIL_WEEKS;
    let mut game = Simulation::new(Arc::new(longer), seed);
    for _ in 0..scenario.weeks {
        let week = random_week(scenario, &mut rng, split, ad_share);
        if game.run_week(&week).is_err() {
            let _ = game.run_week(&WeekPlan::default());
        }
    }
    let kpis = game.kpis_live();
    let audience = game.audience();
    let reached = (0..audience.len())
        .filter(|&i| audience.story(i).posts_seen > 0 || audience.story(i).brand_contacts > 0)
        .count();
    let totals = game.brand().totals;
    let mut outcome = PlanGame {
        shares: split,
        ad_share,
        reached: reached as f64,
        impressions: totals.impressions as f64,
        leads: totals.leads as f64,
        clicks: (totals.ad_clicks + totals.leads) as f64,
        strong: kpis.strong_relationships as f64,
        sentiment: kpis.sentiment,
        relationship_index: kpis.relationship_index,
        followers: kpis.followers as f64,
        customers_kept: 0.0,
        net_revenue: 0.0,
        tail_revenue: 0.0,
    };
    let revenue_before = game.brand().totals.revenue;
    for _ in 0..TAIL_WEEKS {
        let _ = game.run_week(&WeekPlan::default());
    }
    let latest = game.latest();
    outcome.customers_kept =
        (latest.stages[Stage::Customer as usize] + latest.stages[Stage::Advocate as usize]) as f64;
    let totals = game.brand().totals;
    outcome.net_revenue = totals.revenue - totals.money_spent;
    outcome.tail_revenue = totals.revenue - revenue_before;
    outcome
}

/// Ordinary least squares of `y` on the columns of `x` (an intercept is
/// added first): the estimates and their covariance.
pub fn regress(y: &[f64], x: &[Vec<f64>]) -> Option<(Vec<f64>, Vec<Vec<f64>>)> {
    let n = y.len();
    let p = x.len() + 1;
    if n <= p {
        return None;
    }
    let row = |i: usize| -> Vec<f64> { std::iter::once(1.0).chain(x.iter().map(|c| c[i])).collect() };
    let mut xtx = vec![vec![0.0; p]; p];
    let mut xty = vec![0.0; p];
    for (i, yi) in y.iter().enumerate() {
        let r = row(i);
        for a in 0..p {
            xty[a] += r[a] * yi;
            for b in 0..p {
                xtx[a][b] += r[a] * r[b];
            }
        }
    }
    let inverse = invert(xtx)?;
    let beta: Vec<f64> = (0..p)
        .map(|a| (0..p).map(|b| inverse[a][b] * xty[b]).sum())
        .collect();
    let rss: f64 = (0..n)
        .map(|i| {
            let r = row(i);
            let fit: f64 = (0..p).map(|a| r[a] * beta[a]).sum();
            (y[i] - fit).powi(2)
        })
        .sum();
    let sigma2 = rss / (n - p) as f64;
    let covariance = inverse
        .iter()
        .map(|r| r.iter().map(|v| v * sigma2).collect())
        .collect();
    Some((beta, covariance))
}

/// The inverse of a small square matrix (Gauss-Jordan), `None` if singular.
fn invert(mut m: Vec<Vec<f64>>) -> Option<Vec<Vec<f64>>> {
    let n = m.len();
    let mut inv: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| f64::from(i == j)).collect())
        .collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-12 {
            return None;
        }
        m.swap(col, pivot);
        inv.swap(col, pivot);
        let scale = m[col][col];
        for j in 0..n {
            m[col][j] /= scale;
            inv[col][j] /= scale;
        }
        for r in 0..n {
            if r != col {
                let factor = m[r][col];
                for j in 0..n {
                    m[r][j] -= factor * m[col][j];
                    inv[r][j] -= factor * inv[col][j];
                }
            }
        }
    }
    Some(inv)
}

/// What the claim asks of the coefficients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Moving hours from conversation to broadcasting raises the outcome.
    BroadcastOverConversation,
    /// Moving hours from broadcasting to conversation raises it.
    ConversationOverBroadcast,
    /// A mix (half the hours each) does better than all the hours on
    /// broadcasting, on a fit with both shares' squares and their product.
    MixOverBroadcasting,
    /// The same mix does better than all the hours on conversation.
    MixOverConversation,
}

/// A criterion from the random plans: the contrast the sign asks for, its
/// 95% interval, and its margin relative to the outcome's mean.
pub fn criterion(label: &str, games: &[PlanGame], outcome: fn(&PlanGame) -> f64, sign: Sign) -> Criterion {
    let y: Vec<f64> = games.iter().map(outcome).collect();
    let b: Vec<f64> = games.iter().map(|g| g.shares[0]).collect();
    let c: Vec<f64> = games.iter().map(|g| g.shares[1]).collect();
    // The share of the money spent on ads is drawn apart from the hours:
    // held fixed in the regression, it takes its own variation out.
    let ads: Vec<f64> = games.iter().map(|g| g.ad_share).collect();
    // A mix against a corner, on y = a + b B + c C + d B^2 + e C^2 + f BC:
    // the prediction at (1/2, 1/2) less that at the corner.
    let quadratic = |b: Vec<f64>, c: Vec<f64>| {
        let bb: Vec<f64> = b.iter().map(|x| x * x).collect();
        let cc: Vec<f64> = c.iter().map(|x| x * x).collect();
        let bc: Vec<f64> = b.iter().zip(&c).map(|(x, y)| x * y).collect();
        vec![b, c, bb, cc, bc]
    };
    let (columns, weights) = match sign {
        Sign::BroadcastOverConversation => (vec![b, c, ads], vec![0.0, 1.0, -1.0, 0.0]),
        Sign::ConversationOverBroadcast => (vec![b, c, ads], vec![0.0, -1.0, 1.0, 0.0]),
        Sign::MixOverBroadcasting => {
            let mut columns = quadratic(b, c);
            columns.push(ads);
            (columns, vec![0.0, -0.5, 0.5, -0.75, 0.25, 0.25, 0.0])
        }
        Sign::MixOverConversation => {
            let mut columns = quadratic(b, c);
            columns.push(ads);
            (columns, vec![0.0, 0.5, -0.5, 0.25, -0.75, 0.25, 0.0])
        }
    };
    let scale = mean(&y.iter().map(|v| v.abs()).collect::<Vec<_>>()).max(1e-12);
    let Some((beta, cov)) = regress(&y, &columns) else {
        return Criterion {
            margin: -1.0,
            text: format!("{label}: the regression over random plans could not be fitted"),
        };
    };
    let estimate: f64 = weights.iter().zip(&beta).map(|(w, b)| w * b).sum();
    let variance: f64 = (0..weights.len())
        .map(|a| {
            (0..weights.len())
                .map(|b| weights[a] * weights[b] * cov[a][b])
                .sum::<f64>()
        })
        .sum();
    let half = 1.96 * variance.max(0.0).sqrt();
    let what = match sign {
        Sign::BroadcastOverConversation => "hours moved from conversation to broadcasting",
        Sign::ConversationOverBroadcast => "hours moved from broadcasting to conversation",
        Sign::MixOverBroadcasting => "half the hours on each vs all on broadcasting",
        Sign::MixOverConversation => "half the hours on each vs all on conversation",
    };
    Criterion {
        margin: if (estimate - half).is_finite() {
            (estimate - half) / scale
        } else {
            -1.0
        },
        text: format!(
            "{label} over {} random plans, {what}: {estimate:+.3} (95% {:+.3}..{:+.3}; mean {:.3})",
            games.len(),
            estimate - half,
            estimate + half,
            mean(&y)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regression_finds_known_coefficients() {
        let mut rng = Rng::keyed(1, Stream::Targets, 0, 0);
        let (mut y, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..400 {
            let s = shares(&mut rng);
            assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12 && s.iter().all(|&v| v >= 0.0));
            b.push(s[0]);
            c.push(s[1]);
            y.push(2.0 + 3.0 * s[0] - 1.0 * s[1] + 0.1 * (rng.unit_f64() - 0.5));
        }
        let (beta, cov) = regress(&y, &[b, c]).unwrap();
        assert!((beta[0] - 2.0).abs() < 0.05 && (beta[1] - 3.0).abs() < 0.05 && (beta[2] + 1.0).abs() < 0.05);
        assert!(cov[1][1] > 0.0 && cov[1][1] < 1e-3);
    }

    #[test]
    fn random_weeks_are_legal_and_spend_the_shares() {
        let scenario = crate::files::builtin::find_scenario("corner_bakery").unwrap();
        let mut rng = Rng::keyed(2, Stream::Targets, 0, 0);
        for _ in 0..200 {
            let split = shares(&mut rng);
            let ads = rng.unit_f64();
            let week = random_week(&scenario, &mut rng, split, ads);
            scenario.check_plan(&week).unwrap();
            let hours = crate::sim::Hours::of_plan(&week, &scenario.actions);
            assert!(hours.listening <= split[2] * scenario.hours_per_week + 1e-9);
            assert!(hours.conversation <= split[1] * scenario.hours_per_week + 1e-9);
        }
    }
}
