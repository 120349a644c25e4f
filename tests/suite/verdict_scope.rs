//! Verdicts only where they apply: every built-in scenario played with
//! every built-in strategy on its own seed, against its ghosts, and no
//! verdict (of the run or of any week) or advice that rests on a claim is
//! told where the claim checker says the claim does not apply.

use super::common::{Scale, scale, scenario, strategy};
use rapport::claims::claim;
use rapport::claims::ghosts::builtin_ghosts;
use rapport::claims::verdict::{advise, applies, claims_of_week, judge, judge_week};
use rapport::files::builtin::{SCENARIOS, STRATEGIES};
use rapport::report::weekly::weekly_rows;
use rapport::sim::{Scenario, play};
use std::sync::Arc;

/// The advice rules that rest on a claim, by a phrase only they say.
const ADVICE_CLAIMS: &[(&str, &str)] = &[
    ("C5", "a strong bond takes about"),
    ("C5", "On this seed the networker built"),
    ("C2", "waited too long for an answer"),
    ("C19", "before you advertise"),
];

/// A built-in scenario at the size the test plays it: the claims' size in
/// CI (at most 20,000 people), a few thousand by default.
fn sized(id: &str) -> Scenario {
    let s = scenario(id);
    let most = match scale() {
        Scale::Quick => 4_000,
        Scale::Full => 20_000,
    };
    if s.agents > most { s.with_agents(most) } else { s }
}

#[test]
fn no_verdict_or_advice_is_told_where_its_claim_does_not_apply() {
    let mut told = 0;
    let mut kept_back = 0;
    for (id, _) in SCENARIOS {
        let scenario = Arc::new(sized(id));
        let seed = scenario.seed;
        let ghosts = builtin_ghosts(Arc::clone(&scenario), seed, &|_, _| {});
        let out_of_scope: Vec<&str> = rapport::claims::CLAIMS
            .iter()
            .filter(|c| !applies(c.id, &scenario))
            .map(|c| c.id)
            .collect();
        kept_back += out_of_scope.len();
        for (strategy_id, _) in STRATEGIES {
            let run = play(Arc::clone(&scenario), seed, &strategy(strategy_id));
            let mut verdicts = judge(&run, &ghosts);
            for week in 1..=run.plans().len() {
                verdicts.extend(judge_week(&run, week, &ghosts));
            }
            for v in &verdicts {
                assert!(
                    applies(v.claim, &scenario),
                    "{id} / {strategy_id}: {} is told, but {}: {}",
                    v.claim,
                    claim(v.claim)
                        .map_or(Ok(()), |c| (c.applies)(&scenario))
                        .unwrap_err(),
                    v.sentence
                );
            }
            told += verdicts.len();
            let rows = weekly_rows(run.history());
            for (w, row) in rows.iter().enumerate() {
                let previous = w.checked_sub(1).map(|p| &rows[p]);
                for line in claims_of_week(row, previous, &scenario) {
                    for absent in &out_of_scope {
                        let title = claim(absent).unwrap().title;
                        assert!(
                            !line.to_lowercase().starts_with(title),
                            "{id} / {strategy_id} week {}: {line}",
                            w + 1
                        );
                    }
                }
            }
            for advice in advise(&run, &ghosts) {
                for (claim_id, phrase) in ADVICE_CLAIMS {
                    assert!(
                        !advice.sentence.contains(phrase) || applies(claim_id, &scenario),
                        "{id} / {strategy_id}: advice resting on {claim_id}, which does not apply: {}",
                        advice.sentence
                    );
                }
            }
        }
    }
    // The test judged something, and some claims were out of scope.
    assert!(
        told > 0 && kept_back > 0,
        "{told} verdicts, {kept_back} claims out of scope"
    );
}

#[test]
fn the_claims_the_issue_named_do_not_apply_in_the_tutorial() {
    let tutorial = scenario("first_steps");
    assert!(!applies("C20", &tutorial));
    assert!(!applies("C19", &tutorial));
    assert!(!applies("C20", &scenario("flash_sale")));
    assert!(applies("C20", &scenario("corner_bakery")));
    assert!(!applies("C99", &tutorial));
}
