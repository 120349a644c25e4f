//! The definitions of the measures, pinned: each exposure is counted once,
//! as organic (posts in the feed, discovered posts, friends' shares) or as
//! an ad; the engagement rate is reactions to broadcast posts per impression
//! of them (questions and ads apart), click-through per ad
//! impression; ads are delivered under the frequency cap.

use super::common::{play_fixed, scenario, strategy};
use rapport::sim::{ActionKind, ContentType, PlannedAction, Simulation, Target, WeekPlan, play};
use std::sync::Arc;

/// One action of `kind` on each of the first `days` days of the week.
fn daily(kind: ActionKind, days: u8) -> WeekPlan {
    WeekPlan {
        actions: (0..days)
            .map(|day| {
                let mut action = PlannedAction::new(kind, day, 0);
                action.content = ContentType::Offer;
                action
            })
            .collect(),
    }
}

#[test]
fn an_ad_only_week_has_ad_impressions_and_no_organic_ones() {
    let mut s = scenario("corner_bakery");
    s.money_per_week = 300.0;
    let bakery = Arc::new(s);
    let mut ads = daily(ActionKind::Ad, 3);
    for action in &mut ads.actions {
        action.target = Target::Everyone;
    }
    let game = play_fixed(&bakery, 7, &ads, 1);
    let t = &game.brand().totals;
    assert!(t.ad_impressions > 0, "no ad impressions");
    assert_eq!(t.impressions, t.ad_impressions);
    assert_eq!((t.organic_impressions(), t.engagements, t.comments), (0, 0, 0));
    let kpis = game.kpis();
    assert_eq!((kpis.organic_impressions, kpis.engagement_rate), (0, 0.0));
    assert_eq!(kpis.ad_impressions, kpis.impressions);
}

#[test]
fn a_posts_only_week_has_no_ad_impressions() {
    let bakery = Arc::new(scenario("corner_bakery"));
    let game = play_fixed(&bakery, 7, &daily(ActionKind::Publish, 7), 1);
    let t = &game.brand().totals;
    assert!(t.organic_impressions() > 0 && t.engagements > 0);
    assert_eq!((t.ad_impressions, t.ad_clicks), (0, 0));
    assert_eq!(t.impressions, t.organic_impressions());
    let kpis = game.kpis();
    assert_eq!((kpis.ctr, kpis.cost_per_click), (0.0, 0.0));
}

/// Checks every definition on a finished game.
fn check_definitions(game: &Simulation) {
    for day in game.history() {
        assert_eq!(
            day.organic_impressions + day.ad_impressions,
            day.impressions,
            "day {}",
            day.day
        );
        // The engagement rate is the post engagement rate: reactions to
        // broadcast posts per impression of them (questions and ads apart).
        assert_eq!(
            day.engagement_rate(),
            ratio(day.post_engagements, day.post_impressions)
        );
        assert!(day.post_impressions + day.question_impressions == day.organic_impressions);
        assert!(day.post_engagements <= day.engagements);
        assert_eq!(day.ctr(), ratio(day.ad_clicks, day.ad_impressions));
    }
    let t = &game.brand().totals;
    let sum = |f: fn(&rapport::sim::DayMetrics) -> u64| game.history().iter().map(f).sum::<u64>();
    assert_eq!(
        (t.impressions, t.organic_impressions(), t.ad_impressions),
        (
            sum(|d| d.impressions),
            sum(|d| d.organic_impressions),
            sum(|d| d.ad_impressions)
        )
    );
    let kpis = game.kpis();
    assert_eq!(
        (kpis.impressions, kpis.organic_impressions, kpis.ad_impressions),
        (t.impressions, t.organic_impressions(), t.ad_impressions)
    );
    assert_eq!(
        kpis.engagement_rate,
        ratio(t.post_engagements, t.post_impressions)
    );
    assert_eq!(kpis.post_engagement_rate, kpis.engagement_rate);
    assert_eq!(
        kpis.conversation_response_rate,
        ratio(
            t.question_comments + t.push_responses,
            t.question_impressions + t.pushes
        )
    );
    assert_eq!(kpis.ctr, ratio(t.ad_clicks, t.ad_impressions));
    assert_eq!(kpis.cost_per_click, t.ad_money_spent / t.ad_clicks as f64);
    // In the built-in catalog only ads cost money.
    assert_eq!(t.ad_money_spent, t.money_spent);
}

fn ratio(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

#[test]
fn over_a_balanced_game_organic_and_ad_impressions_add_up_and_the_rates_are_their_ratios() {
    let bakery = Arc::new(scenario("corner_bakery"));
    let game = play(Arc::clone(&bakery), 3, &strategy("balanced"));
    let t = &game.brand().totals;
    assert!(t.organic_impressions() > 0 && t.ad_impressions > 0 && t.ad_clicks > 0);
    check_definitions(&game);
}

#[test]
fn nobody_meets_more_ads_in_a_week_than_the_frequency_cap() {
    let mut s = scenario("first_steps");
    // A budget far beyond what the small market can take.
    s.money_per_week = 2000.0;
    let market = Arc::new(s);
    let cap = market.model.ad_frequency_cap as u8;
    let mut game = Simulation::new(Arc::clone(&market), 5);
    let mut ads = WeekPlan {
        actions: vec![PlannedAction::new(ActionKind::Ad, 0, 0); 20],
    };
    for action in &mut ads.actions {
        action.target = Target::Everyone;
    }
    for _ in 0..3 {
        game.run_week(&ads).unwrap();
        let week: u64 = game
            .history()
            .iter()
            .rev()
            .take(7)
            .map(|d| d.ad_impressions)
            .sum();
        let audience = game.audience();
        let met: Vec<u8> = (0..audience.len()).map(|i| audience.ads_this_week(i)).collect();
        assert!(met.iter().all(|&n| n <= cap), "someone met more than {cap} ads");
        // The counter holds exactly the week's impressions: each was met once.
        assert_eq!(met.iter().map(|&n| n as u64).sum::<u64>(), week);
        for day in game.history().iter().rev().take(7) {
            assert!(day.ad_impressions <= market.agents as u64);
        }
    }
    check_definitions(&game);
}
