//! The verdicts on a week's or a run's own numbers (no ghosts yet), as
//! the week report and a class team's report tell them.

use super::*;
use crate::files::builtin::find_scenario;
use crate::report::narrative::tests::{game, mentions, networker, quiet_week};
use crate::sim::{ActionKind, ContentType};

fn first_steps() -> Scenario {
    find_scenario("first_steps").unwrap()
}

fn broadcaster() -> Simulation {
    use ActionKind::*;
    game(&[
        (Publish, ContentType::Photo),
        (Publish, ContentType::Photo),
        (Publish, ContentType::Video),
        (Schedule, ContentType::Photo),
        (Ad, ContentType::Offer),
        (Publish, ContentType::Photo),
    ])
}

#[test]
fn claims_of_week_on_the_weeks_own_numbers_name_claims_in_words() {
    assert!(claims_of_week(&quiet_week(), None, &first_steps()).is_empty());
    let previous = quiet_week();
    let broadcast_week = WeekRow {
        week: 2,
        hours_broadcast: 8.0,
        hours_conversation: 1.0,
        unanswered: 2,
        ad_impressions: 400,
        ad_clicks: 4,
        ctr: 0.01,
        ..quiet_week()
    };
    // Unanswered comments and ads alone show no claim without the people
    // and the attribution behind them.
    assert_eq!(
        claims_of_week(&broadcast_week, Some(&previous), &first_steps()),
        [
            "Presence without a network: 8 h of broadcasting added +4 followers this week but no strong relationship."
        ]
    );
    let mut credited = broadcast_week.clone();
    credited
        .attribution
        .credit(crate::sim::Outcome::Lead, crate::sim::Cause::Ad);
    // Credited by the touch that tipped it alone (as in a file written
    // before there were shares): said so, not as a share of what built it.
    assert!(mentions(
        &claims_of_week(&credited, Some(&previous), &first_steps()),
        "Ads buy reach and sales: ads were shown 400 times this week and clicked 4 times (1.0%); they tipped 1 of the week's"
    ));
    // Mostly talk: no claim about presence (and relationships need the ghosts).
    let talking_week = WeekRow {
        week: 2,
        hours_broadcast: 2.0,
        hours_conversation: 6.0,
        strong_relationships: 7,
        ..quiet_week()
    };
    assert!(claims_of_week(&talking_week, Some(&previous), &first_steps()).is_empty());
}

#[test]
fn claims_of_week_keep_presence_for_weeks_mostly_broadcast_that_gathered_followers_and_no_bond() {
    let c16 = |row: &WeekRow, previous: Option<&WeekRow>| {
        mentions(
            &claims_of_week(row, previous, &first_steps()),
            "Presence without a network",
        )
    };
    let at_the_bar = WeekRow {
        hours_broadcast: 7.0,
        hours_conversation: 3.0,
        ..quiet_week()
    };
    let over_the_bar = WeekRow {
        hours_broadcast: 7.5,
        hours_conversation: 2.5,
        ..quiet_week()
    };
    let previous = quiet_week();
    assert!(!c16(&at_the_bar, Some(&previous)));
    assert!(c16(&over_the_bar, Some(&previous)));
    // The first week counts every strong bond as new.
    assert!(!c16(&over_the_bar, None));
    // No hours at all is no claim about broadcasting.
    assert!(!c16(&quiet_week(), Some(&previous)));
    // No followers gathered: not a presence either.
    let shrinking = WeekRow {
        follower_growth: -3,
        ..over_the_bar
    };
    assert!(!c16(&shrinking, Some(&previous)));
}

#[test]
fn no_sentence_about_claims_uses_their_codes() {
    let coded = |line: &String| {
        line.split(|c: char| !c.is_alphanumeric()).any(|word| {
            word.len() > 1 && word.starts_with('C') && word[1..].chars().all(|c| c.is_ascii_digit())
        })
    };
    let previous = quiet_week();
    let busy = WeekRow {
        hours_broadcast: 9.0,
        unanswered: 3,
        ad_impressions: 10,
        ad_clicks: 1,
        ..quiet_week()
    };
    let mut lines = claims_of_week(&busy, Some(&previous), &first_steps());
    for simulation in [broadcaster(), networker()] {
        lines.extend(claims_illustrated(&simulation));
    }
    assert!(!lines.is_empty());
    assert!(!lines.iter().any(coded), "{lines:?}");
}

#[test]
fn an_idle_run_illustrates_nothing() {
    assert!(claims_illustrated(&game(&[])).is_empty());
}

#[test]
fn without_ghosts_a_run_is_judged_on_its_own_numbers_only() {
    // Comparisons with other strategies need the ghosts: without them no
    // verdict compares, whatever the run did.
    for simulation in [broadcaster(), networker()] {
        let lines = claims_illustrated(&simulation);
        for comparing in [
            "Presence without a network",
            "Networking for relationships",
            "Both together",
            "A network you can watch grow",
        ] {
            assert!(!mentions(&lines, comparing), "{comparing} in {lines:?}");
        }
    }
}

/// C6 says the ads' leads in the terms of the bar beside it: their share of
/// what built them as the reports round it, or, in a file written before
/// there were shares, the leads whose last touch they were.
#[test]
fn the_ads_leads_are_said_as_the_reports_show_them() {
    use crate::report::attribution::{View, where_from};
    use crate::sim::{Attribution, Cause, Outcome};
    let mut old = Attribution::default();
    for cause in [Cause::Ad, Cause::Ad, Cause::FeedPost] {
        old.credit(Outcome::Lead, cause);
    }
    let ads = run::ad_leads(&old).unwrap();
    assert_eq!(ads.view, View::LastTouch);
    assert_eq!(
        ads.sentence("your 3 leads"),
        "they tipped 2 of your 3 leads (the touch that tipped each)"
    );

    // Three leads, built by thirds of two units in three: the bar's tenths
    // add up to the count (largest remainders), and the sentence says the
    // bar's figure, not its own rounding of the credit.
    let mut new = old;
    let unit = crate::sim::CONTRIBUTION_UNIT;
    for _ in 0..3 {
        new.credit_shares(
            Outcome::Lead,
            [(Cause::Ad, unit - unit / 3), (Cause::FeedPost, unit / 3)].into_iter(),
        );
    }
    let ads = run::ad_leads(&new).unwrap();
    let bar = where_from(&new)
        .into_iter()
        .find(|o| o.outcome == Outcome::Lead)
        .unwrap();
    let ad_bar = bar.causes.iter().find(|c| c.cause == Cause::Ad).unwrap();
    assert_eq!(ads.view, View::Contribution);
    assert_eq!(ads.shown, ad_bar.shown(View::Contribution));
    assert!(ads.sentence("your 3 leads").starts_with(&format!(
        "they built {} of your 3 leads (the ads' share",
        ad_bar.shown(View::Contribution)
    )));
    assert!((ads.credit - new.contributed(Outcome::Lead, Cause::Ad)).abs() < 1e-9);

    // Nothing recorded: nothing to say from the books.
    assert_eq!(run::ad_leads(&Attribution::default()), None);
}
