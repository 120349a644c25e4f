//! Claims C21 and C22: a brand among rivals in one audience. Both compare
//! the same player's plan against rivals that play and rivals that sit
//! silent, on the same seeds, so that what the rivals take is read off the
//! player's own side of the same people.

use super::arms::{self, Arm, Builtin, Plan, Rivals};
use super::claim::Claim;
use super::measure::Finding;
use super::measure::{finding, more, ratio};
use super::rivalry::Split;
use super::trial::{RunSummary, Trial};
use crate::sim::Scenario;

/// Both claims need a market: a brand alone has nobody to lose ground to.
fn has_rivals(scenario: &Scenario) -> Result<(), &'static str> {
    if scenario.market.rivals.is_empty() {
        Err("the brand is alone in this scenario: there is no rival to lose ground to")
    } else {
        Ok(())
    }
}

fn market(trial: &Trial, plan: Plan, rivals: Rivals) -> Arm {
    Arm::Market(plan, arms::home_platform(trial.scenario()), rivals)
}

/// Everything the brand's posts and ads were seen: the attention it had.
fn seen(run: &RunSummary) -> f64 {
    run.kpis.organic_impressions as f64
}

/// Everything the rivals' posts and ads were seen: the attention they had.
fn rivals_seen(run: &RunSummary) -> f64 {
    run.market.rival_impressions as f64
}

// C21 --------------------------------------------------------------------

fn c21(trial: &mut Trial) -> Finding {
    let token_alone = market(trial, Plan::Token, Rivals::Silent);
    let token = market(trial, Plan::Token, Rivals::AsShipped);
    let present = market(trial, Plan::Scheduled, Rivals::AsShipped);
    let seen_alone = trial.measure(token_alone, seen);
    let seen_against = trial.measure(token, seen);
    let rivals_vs_token = trial.measure(token, rivals_seen);
    let rivals_vs_present = trial.measure(present, rivals_seen);
    finding(vec![
        more(
            "what a barely-there brand's posts were seen, its rivals silent vs its rivals playing",
            &seen_alone,
            &seen_against,
        ),
        more(
            "what the rivals' posts and ads were seen, against a barely-there brand vs a brand that posts",
            &rivals_vs_token,
            &rivals_vs_present,
        ),
    ])
}

/// Every brand has each person's whole day, and a person can be a customer
/// of every brand at once: a rival then takes nothing from anyone.
fn c21_control(scenario: &mut Scenario) {
    scenario.market.params.shared_attention = false;
    scenario.market.params.exclusive_purchase = false;
}

// C22 --------------------------------------------------------------------

/// The strategy whose followers are split: it posts and talks (without
/// ads), so that some followers are bonded and all of them see its posts.
const C22_BRAND: Builtin = Builtin::Balanced;

/// Of a group's figure after the turn, the part kept when the rivals flood
/// from the turn on, over the same people's figure when they stay silent.
fn kept(trial: &mut Trial, figure: fn(&Split) -> (u64, u64)) -> (Vec<f64>, Vec<f64>) {
    let flooded = Arm::Versus(C22_BRAND, Rivals::LateFlood);
    let calm = Arm::Versus(C22_BRAND, Rivals::Silent);
    let part = |f: u64, c: u64| f as f64 / c.max(1) as f64;
    let bonded = trial.measure_pair(flooded, calm, |f, c| part(figure(&f.split).0, figure(&c.split).0));
    let others = trial.measure_pair(flooded, calm, |f, c| part(figure(&f.split).1, figure(&c.split).1));
    (bonded, others)
}

/// How much more bonded followers must keep than the others (C22).
pub const C22_MIN_RATIO: f64 = 1.005;

fn c22(trial: &mut Trial) -> Finding {
    let (bonded_seen, others_seen) = kept(trial, |s| (s.bonded.seen, s.others.seen));
    // Bonded followers must keep clearly more of what they saw: at least
    // 0.5% more, seed by seed. The bar sits above what the control leaves
    // (model 3, 12 seeds: a ratio of 0.99 on the same street and 1.00 in
    // the crowded launch without ranking by bond and loyalty, against 1.02
    // and 1.18 with them). Reactions follow what is seen but are too few
    // on the same street to judge over the quick suite's seeds, so they
    // are not a criterion.
    finding(vec![ratio(
        "posts seen once the rivals flood, as a share of the same people's without the flood: bonded followers vs the other followers",
        &bonded_seen,
        &others_seen,
        C22_MIN_RATIO,
    )])
}

/// The feed ranks every brand alike, bond or none, and a rival's customer
/// is won as easily as anyone: a bond no longer holds anything.
fn c22_control(scenario: &mut Scenario) {
    scenario.market.params.rank_by_bond = false;
    scenario.market.params.loyalty_hold = 0.0;
}

pub const CLAIMS: [Claim; 2] = [
    Claim {
        id: "C21",
        title: "no place without a presence",
        statement: "Among rivals, a brand that barely shows up loses attention to the rivals that do, and they win more followers than against a brand that posts.",
        applies: has_rivals,
        check: c21,
        control: c21_control,
        control_note: "people's attention is not shared between brands and a customer may buy from every brand at once",
        random_plans: None,
    },
    Claim {
        id: "C22",
        title: "bonds hold attention",
        statement: "When rivals flood the feed, the followers a brand has a strong bond with keep seeing more of its posts than its other followers do.",
        applies: has_rivals,
        check: c22,
        control: c22_control,
        control_note: "the feed does not rank by bond and a happy customer does not hold to the brand",
        random_plans: None,
    },
];
