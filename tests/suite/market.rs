//! Markets: several brands in one audience. One brand plays as it always
//! did; with rivals every brand's side is deterministic, the shares add
//! up, the mechanisms of competition each do what they say and nothing
//! when they are switched off, and bad markets are refused.

use super::common::{scenario, strategy, thread_pool};
use rapport::files::scenario::parse_scenario;
use rapport::sim::{
    Attribution, Cause, MarketError, MarketSpec, Outcome, Scenario, Simulation, Strategy, WeekError,
    WeekPlan, play,
};
use std::sync::Arc;

const SEEDS: [u64; 8] = [11, 12, 13, 14, 15, 16, 17, 18];

/// A market scenario with its competition rules changed.
fn with_market(id: &str, change: impl Fn(&mut MarketSpec)) -> Arc<Scenario> {
    let mut s = scenario(id);
    change(&mut s.market);
    Arc::new(s)
}

/// Plays a game out with brand 0 following `strategy`.
fn played(scenario: &Arc<Scenario>, seed: u64, strategy: &Strategy) -> Simulation {
    play(Arc::clone(scenario), seed, strategy)
}

fn idle() -> Strategy {
    rapport::files::strategy::parse_strategy(
        "idle.ron",
        r#"Strategy(version: 1, id: "idle", name: "Idle", description: "Listens once a week.",
            weekly: [(action: Research, count: Times(1))])"#,
    )
    .unwrap()
}

#[test]
fn a_market_is_the_same_at_one_and_two_threads() {
    for id in ["same_street", "crowded_launch"] {
        let s = Arc::new(scenario(id));
        let one = thread_pool(1).install(|| played(&s, 5, &strategy("balanced")));
        let two = thread_pool(2).install(|| played(&s, 5, &strategy("balanced")));
        assert_eq!(one.week_hashes(), two.week_hashes(), "{id}");
        assert_eq!(one.standings(), two.standings(), "{id}");
        for b in 0..one.brand_count() {
            assert_eq!(
                one.brand_side(b).unwrap().kpis(),
                two.brand_side(b).unwrap().kpis(),
                "{id} brand {b}"
            );
        }
    }
}

#[test]
fn the_market_scenarios_have_their_rivals_and_their_rivals_play() {
    let street = played(&Arc::new(scenario("same_street")), 3, &strategy("balanced"));
    assert_eq!(street.brand_count(), 2);
    assert_eq!(street.players(), 1);
    assert_eq!(street.brand_name(1), "Bean There");
    let launch = played(&Arc::new(scenario("crowded_launch")), 3, &strategy("balanced"));
    assert_eq!(launch.brand_count(), 4);
    for b in 1..4 {
        let side = launch.brand_side(b).unwrap();
        assert_eq!(side.plans().len(), 12, "every rival plans every week");
        assert!(
            side.plans().iter().any(|p| !p.actions.is_empty()),
            "{}",
            launch.brand_name(b)
        );
    }
    // The newcomer starts with a few followers; each incumbent with more.
    let newcomer = launch.history()[0].followers;
    for b in 1..4 {
        assert!(launch.brand_side(b).unwrap().history()[0].followers > newcomer);
    }
}

#[test]
fn every_days_shares_add_up_to_the_whole_market() {
    let game = played(&Arc::new(scenario("crowded_launch")), 4, &strategy("networker"));
    let history = game.share_history();
    assert_eq!(history.len(), game.history().len());
    for day in &history {
        assert_eq!(day.len(), 4);
        for part in [
            day.iter().map(|s| s.followers).sum::<f64>(),
            day.iter().map(|s| s.customers).sum::<f64>(),
            day.iter().map(|s| s.strong).sum::<f64>(),
        ] {
            assert!((part - 1.0).abs() < 1e-9, "{part}");
        }
    }
    let standings = game.standings();
    assert_eq!(
        standings.iter().map(|s| s.rank).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert!(
        standings
            .windows(2)
            .all(|w| w[0].shares.score() >= w[1].shares.score())
    );
}

/// With every mechanism of competition switched off, brand 0 plays exactly
/// the game it plays alone: the rivals reach nothing of its side.
#[test]
fn without_competition_a_brand_plays_exactly_as_alone() {
    let off = with_market("same_street", |m| {
        m.params.shared_attention = false;
        m.params.exclusive_purchase = false;
    });
    let alone = Arc::new(Scenario {
        market: MarketSpec::default(),
        ..Scenario::clone(&off)
    });
    // Everything the player's brand sees and does, day by day; not how
    // many people the engine visited (a rival's reach visits a few more).
    let days = |game: &Simulation| -> Vec<rapport::sim::DayMetrics> {
        game.history()
            .iter()
            .map(|d| rapport::sim::DayMetrics { visited: 0, ..*d })
            .collect()
    };
    for seed in [1, 2] {
        let market = played(&off, seed, &strategy("balanced"));
        let solo = played(&alone, seed, &strategy("balanced"));
        assert_eq!(days(&market), days(&solo), "seed {seed}");
    }
}

fn credited(attribution: &Attribution, outcome: Outcome, cause: Cause) -> u64 {
    attribution.get(outcome, cause)
}

#[test]
fn a_flooding_rival_crowds_a_brand_out_of_its_peoples_day() {
    let flood = with_market("same_street", |m| {
        m.rivals[0].strategy = strategy("rival_flood");
        m.rivals[0].money_per_week = 400.0;
    });
    let silent = with_market("same_street", |m| m.rivals[0].strategy = idle());
    let mut fewer = 0;
    for seed in SEEDS {
        let crowded = played(&flood, seed, &strategy("broadcaster")).kpis();
        let quiet = played(&silent, seed, &strategy("broadcaster")).kpis();
        if crowded.organic_impressions < quiet.organic_impressions {
            fewer += 1;
        }
    }
    assert!(
        fewer >= 7,
        "the flood cut the broadcaster's organic impressions on {fewer} of 8 seeds"
    );
}

#[test]
fn customers_won_by_a_rival_are_credited_to_it_and_buy_from_one_brand() {
    let s = Arc::new(scenario("crowded_launch"));
    let mut switched = 0;
    for seed in SEEDS {
        let game = played(&s, seed, &strategy("balanced"));
        for b in 0..game.brand_count() {
            switched += credited(
                &game.brand_side(b).unwrap().kpis().attribution,
                Outcome::Lapse,
                Cause::Rival,
            );
        }
        // Nobody is a customer of two brands at the end.
        let sides = game.brand_sides();
        for agent in 0..game.audience().len() {
            let buying = sides
                .iter()
                .filter(|s| s.audience().funnel(agent).has_bought())
                .count();
            assert!(
                buying <= 1,
                "seed {seed}: person {agent} buys from {buying} brands"
            );
        }
    }
    assert!(switched > 0, "no customer ever changed brand");
    let open = with_market("crowded_launch", |m| m.params.exclusive_purchase = false);
    for seed in [11, 12] {
        let game = played(&open, seed, &strategy("balanced"));
        for b in 0..game.brand_count() {
            let a = game.brand_side(b).unwrap().kpis().attribution;
            assert_eq!(credited(&a, Outcome::Lapse, Cause::Rival), 0);
        }
    }
}

#[test]
fn a_reactive_rival_buys_ads_when_it_loses_followers() {
    // Against a player who builds a following the rival loses the lead in
    // followers and answers with ads; against an idle player it keeps the
    // lead and buys none for that reason.
    let s = Arc::new(scenario("same_street"));
    let ads = |game: &Simulation| {
        game.brand_side(1)
            .unwrap()
            .plans()
            .iter()
            .flat_map(|p| &p.actions)
            .filter(|a| a.kind == rapport::sim::ActionKind::Ad)
            .count()
    };
    let against_growth = played(&s, 2, &strategy("balanced"));
    let against_idle = played(&s, 2, &idle());
    assert!(against_growth.brand_side(1).unwrap().shares().followers < 0.5);
    assert!(
        ads(&against_growth) > ads(&against_idle),
        "{} vs {}",
        ads(&against_growth),
        ads(&against_idle)
    );
}

#[test]
fn a_class_market_takes_a_plan_per_team_and_refuses_a_bad_one_whole() {
    let s = Arc::new(scenario("corner_bakery").with_agents(800));
    let teams = ["Red".to_string(), "Blue".to_string(), "Green".to_string()];
    let mut game = Simulation::with_players(Arc::clone(&s), 9, &teams).unwrap();
    assert_eq!((game.brand_count(), game.players()), (3, 3));
    assert_eq!(game.brand_name(2), "Green");
    let before = game.state_hash();
    assert!(matches!(
        game.run_market_week(&[WeekPlan::default()]),
        Err(WeekError::Plans {
            expected: 3,
            given: 1
        })
    ));
    let plan = strategy("balanced").plan_week(&game);
    let mut too_much = plan.clone();
    for _ in 0..6 {
        too_much.actions.extend(plan.actions.iter().cloned());
    }
    let refused = game.run_market_week(&[plan.clone(), too_much, plan.clone()]);
    assert!(
        matches!(refused, Err(WeekError::BrandPlan { ref brand, .. }) if brand == "Blue"),
        "{refused:?}"
    );
    assert_eq!(game.state_hash(), before, "a refused week changes nothing");
    assert!(game.plans().is_empty());
    game.run_market_week(&[plan.clone(), WeekPlan::default(), plan])
        .unwrap();
    assert_eq!(game.week(), 1);
    // Every team started from the same audience.
    let start: Vec<u64> = game
        .brand_sides()
        .iter()
        .map(|s| s.history()[0].followers)
        .collect();
    assert!(start.windows(2).all(|w| w[0] == w[1]), "{start:?}");
}

#[test]
fn a_market_names_its_brands_and_holds_at_most_six() {
    let s = Arc::new(scenario("same_street").with_agents(500));
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        Simulation::with_players(Arc::clone(&s), 1, &names(&["A", " "])).err(),
        Some(MarketError::BlankName)
    );
    assert!(matches!(
        Simulation::with_players(Arc::clone(&s), 1, &names(&["A", "bean there"])),
        Err(MarketError::SameName(_))
    ));
    assert_eq!(
        Simulation::with_players(Arc::clone(&s), 1, &names(&["A", "B", "C", "D", "E", "F"])).err(),
        Some(MarketError::Size(7))
    );
    assert!(Simulation::with_players(s, 1, &names(&["A", "B", "C", "D", "E"])).is_ok());
}

#[test]
fn a_person_leans_to_the_brand_they_buy_from() {
    let game = played(&Arc::new(scenario("same_street")), 6, &strategy("balanced"));
    let leanings = game.leanings();
    let mut customers = 0;
    for (b, side) in game.brand_sides().iter().enumerate() {
        for (agent, &lean) in leanings.iter().enumerate() {
            if side.audience().funnel(agent).has_bought() {
                customers += 1;
                assert_eq!(lean as usize, b);
            }
        }
    }
    assert!(customers > 0);
    assert!(leanings.contains(&u8::MAX), "some people no brand reached");
}

#[test]
fn a_bad_market_in_a_scenario_file_names_its_field() {
    let text = rapport::files::builtin::SCENARIOS
        .iter()
        .find(|(id, _)| *id == "same_street")
        .unwrap()
        .1;
    let cases = [
        (
            r#"strategy: "rival_reactive""#,
            r#"strategy: "no_such_strategy""#,
            "rivals[0].strategy",
        ),
        (
            r#"name: "Bean There""#,
            r#"name: "Corner Roast""#,
            "rivals[0].name",
        ),
        (
            "initial_followers: 0.04",
            "initial_followers: 1.5",
            "rivals[0].initial_followers",
        ),
        (
            "    rivals: [",
            "    market: (feed_capacity: 0.0),\n    rivals: [",
            "market.feed_capacity",
        ),
    ];
    for (from, to, field) in cases {
        assert!(text.contains(from), "{from}");
        let broken = text.replacen(from, to, 1);
        let error = parse_scenario("same_street.ron", &broken)
            .unwrap_err()
            .to_string();
        assert!(error.contains(field), "{field}: {error}");
    }
    let seven: String = (0..6)
        .map(|i| format!("(name: \"R{i}\", strategy: \"rival_steady\"),"))
        .collect();
    let crowded = text.replacen("    rivals: [", &format!("    rivals: [{seven}"), 1);
    let error = parse_scenario("same_street.ron", &crowded)
        .unwrap_err()
        .to_string();
    assert!(error.contains("rivals"), "{error}");
}
