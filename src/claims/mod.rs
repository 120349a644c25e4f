//! The claim checker: the one definition of every claim C1-C22 of
//! `CLAIMS.md` (its words, when it applies, its measure and its control),
//! used by the tests, by `rapport sweep` and by the debrief.
//!
//! A claim is checked on a [`Trial`] (one scenario, many seeds): it asks for
//! the arms it compares (strategies, fixed plans), which are played once and
//! shared, and judges paired differences over seeds by their lower bound.

mod arms;
mod claim;
pub mod ghosts;
mod market;
mod measure;
mod network;
pub mod plans;
mod presence;
mod rivalry;
mod trial;
pub mod verdict;

pub use arms::{Arm, Builtin, Plan, Rivals};
pub use claim::{Claim, ClaimFinding, Evaluation};
pub use measure::{Criterion, Finding, paired};
pub use network::c20_plans as both_together_over_random_plans;
pub use rivalry::{Group, Rivalry, Split};
pub use trial::{Contacts, People, RunRecord, RunSummary, Trial, WeekSummary};

use crate::sim::Scenario;
use std::sync::Arc;

/// Every claim, C1 to C22, in order.
pub const CLAIMS: &[Claim] = &{
    let mut all = [presence::CLAIMS[0]; 22];
    let mut i = 0;
    while i < 10 {
        all[i] = presence::CLAIMS[i];
        all[10 + i] = network::CLAIMS[i];
        i += 1;
    }
    all[20] = market::CLAIMS[0];
    all[21] = market::CLAIMS[1];
    all
};

/// Whether the brand has money to buy reach (ads). Without it a season
/// brings a handful of leads and sales (about five in the winter drive),
/// too few to tell strategies apart on them: the claims about leads and
/// customers leave them out and say why ([`NO_MONEY`]).
pub fn buys_reach(scenario: &Scenario) -> bool {
    scenario.money_per_week > 0.0
}

/// Whether a week's money pays for at least one ad.
pub fn affords_an_ad(scenario: &Scenario) -> bool {
    let ad = scenario.actions.spec(crate::sim::ActionKind::Ad).money;
    scenario.money_per_week >= ad && ad > 0.0
}

/// Why a claim about leads or customers does not apply without money.
pub const NO_MONEY: &str = "there is no money for ads, so a season brings a handful of leads and sales, too few to tell strategies apart on them";

/// The claim with this id (`"C16"`).
pub fn claim(id: &str) -> Option<&'static Claim> {
    CLAIMS.iter().find(|c| c.id == id)
}

/// What an action teaches, by the titles of its claims (`"C4, C9"` in the
/// catalogue); an id that names no claim is left out rather than shown.
pub fn teaches(ids: &str) -> String {
    let titles: Vec<&str> = ids
        .split([',', ' '])
        .filter(|id| !id.is_empty())
        .filter_map(claim)
        .map(|claim| claim.title)
        .collect();
    match titles.as_slice() {
        [] => String::new(),
        [one] => format!("It teaches: {one}."),
        many => format!("It teaches: {}.", many.join("; ")),
    }
}

/// Checks one claim on a trial: `Err` with the reason when it does not apply.
pub fn check(claim: &Claim, trial: &mut Trial) -> ClaimFinding {
    ClaimFinding {
        id: claim.id,
        title: claim.title,
        outcome: (claim.applies)(trial.scenario()).map(|()| (claim.check)(trial)),
    }
}

/// Checks every claim on a scenario over the seeds.
pub fn evaluate(scenario: Arc<Scenario>, seeds: &[u64]) -> Evaluation {
    let mut trial = Trial::new(scenario, seeds);
    let findings = CLAIMS.iter().map(|c| check(c, &mut trial)).collect();
    Evaluation {
        runs: trial.records(),
        findings,
    }
}

/// Checks a claim that compares the designer's strategies over random
/// legal plans of the scenario (`plans` played with `plans::play_random_plans`);
/// `None` for a claim that has no such check.
pub fn check_random_plans(
    claim: &Claim,
    scenario: &Scenario,
    games: &[plans::PlanGame],
) -> Option<ClaimFinding> {
    let check = claim.random_plans?;
    Some(ClaimFinding {
        id: claim.id,
        title: claim.title,
        outcome: (claim.applies)(scenario).map(|()| check(games)),
    })
}

/// Checks one claim with its control applied to the scenario: the claim
/// should then fail. Whether it applies is decided on the scenario as it
/// was (a control may remove the very difference that makes it apply).
pub fn check_control(claim: &Claim, scenario: &Scenario, seeds: &[u64]) -> ClaimFinding {
    let mut controlled = scenario.clone();
    (claim.control)(&mut controlled);
    let outcome =
        (claim.applies)(scenario).map(|()| (claim.check)(&mut Trial::new(Arc::new(controlled), seeds)));
    ClaimFinding {
        id: claim.id,
        title: claim.title,
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;

    #[test]
    fn actions_teach_claims_by_their_titles_not_their_codes() {
        let text = teaches("C4, C9");
        assert!(text.contains(claim("C4").unwrap().title), "{text}");
        assert!(text.contains(claim("C9").unwrap().title), "{text}");
        assert!(!text.contains("C4") && !text.contains("C9"), "{text}");
        assert_eq!(teaches("C99"), "");
        let scenario = find_scenario("first_steps").unwrap();
        for spec in &scenario.actions.specs {
            assert!(!teaches(&spec.claim).is_empty(), "{} teaches nothing", spec.name);
        }
    }
}
