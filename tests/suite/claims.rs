//! The core trade-off claims of `../shared/CLAIMS.md`, as experiments over
//! many seeds with margins. Each claim is checked twice: with the model as
//! it is (the claim must hold) and with the rule behind it switched off
//! (the claim must then fail), so a test cannot pass by accident.

use super::common::{
    Verdict, bakery, balanced_without_ads, mean, over_seeds, paired_difference, play_fixed, scenario,
    strategy, verdict,
};
use rapport::sim::{
    ActionKind, Condition, ContentType, ModelParams, PlannedAction, Rule, Scenario, Simulation, Strategy,
    WeekPlan, spread_day,
};
use std::sync::Arc;

const SEEDS: u64 = 24;

fn unchanged(_: &mut ModelParams) {}

/// Plays the first `weeks` weeks of a game with a strategy.
fn play_weeks(scenario: &Arc<Scenario>, seed: u64, strategy: &Strategy, weeks: u32) -> Simulation {
    let mut game = Simulation::new(Arc::clone(scenario), seed);
    for _ in 0..weeks {
        let plan = strategy.plan_week(&game);
        game.run_week(&plan).unwrap();
    }
    game
}

fn early(scenario: &Arc<Scenario>, id: &str, weeks: u32) -> Vec<Simulation> {
    let strategy = strategy(id);
    use rayon::prelude::*;
    (0..SEEDS)
        .into_par_iter()
        .map(|i| play_weeks(scenario, 500 + i, &strategy, weeks))
        .collect()
}

fn hours(game: &Simulation) -> f64 {
    game.kpis_live().hours.total().max(1e-9)
}

fn followers_gained(game: &Simulation) -> f64 {
    game.latest().followers as f64 - game.history()[0].followers as f64
}

/// C4: broadcasting grows followers and leads faster per hour early on.
fn c4_broadcast_grows_reach_faster(scenario: &Arc<Scenario>) -> Verdict {
    let broadcaster = early(scenario, "broadcaster", 4);
    let networker = early(scenario, "networker", 4);
    let per_hour = |games: &[Simulation], f: fn(&Simulation) -> f64| -> Vec<f64> {
        games.iter().map(|g| f(g) / hours(g)).collect()
    };
    let b_followers = per_hour(&broadcaster, followers_gained);
    let n_followers = per_hour(&networker, followers_gained);
    let b_leads = per_hour(&broadcaster, |g| g.brand().totals.leads as f64);
    let n_leads = per_hour(&networker, |g| g.brand().totals.leads as f64);
    let followers = paired_difference(&b_followers, &n_followers);
    let leads = paired_difference(&b_leads, &n_leads);
    let summary = format!(
        "followers/hour {:.2} vs {:.2}; leads/hour {:.3} vs {:.3}",
        mean(&b_followers),
        mean(&n_followers),
        mean(&b_leads),
        mean(&n_leads)
    );
    verdict(
        mean(&b_followers) >= 1.5 * mean(&n_followers) && followers.low > 0.0 && leads.low > 0.0,
        summary,
    )
}

#[test]
fn c4_broadcasting_grows_followers_and_leads_faster_per_hour_early() {
    let holds = c4_broadcast_grows_reach_faster(&bakery(unchanged));
    assert!(holds.is_ok(), "C4 should hold: {holds:?}");
    // Switch off the rules that turn exposure into follows and clicks into leads.
    let off = c4_broadcast_grows_reach_faster(&bakery(|m| {
        m.follow_per_exposure = 0.0;
        m.lead_per_click = 0.0;
    }));
    assert!(off.is_err(), "C4 should fail without its rule: {off:?}");
}

/// C5: conversation builds more strong relationships and better sentiment.
fn c5_conversation_builds_relationships(scenario: &Arc<Scenario>) -> Verdict {
    let measure = |g: &Simulation| (g.latest().strong_relationships as f64, g.latest().sentiment);
    let networker = over_seeds(scenario, &strategy("networker"), SEEDS, measure);
    let broadcaster = over_seeds(scenario, &strategy("broadcaster"), SEEDS, measure);
    let strong = paired_difference(
        &networker.iter().map(|x| x.0).collect::<Vec<_>>(),
        &broadcaster.iter().map(|x| x.0).collect::<Vec<_>>(),
    );
    let sentiment = paired_difference(
        &networker.iter().map(|x| x.1).collect::<Vec<_>>(),
        &broadcaster.iter().map(|x| x.1).collect::<Vec<_>>(),
    );
    let summary = format!(
        "strong relationships +{:.1} (95% CI {:.1}..{:.1}); sentiment +{:.3} ({:.3}..{:.3})",
        strong.mean, strong.low, strong.high, sentiment.mean, sentiment.low, sentiment.high
    );
    verdict(strong.low > 30.0 && sentiment.low > 0.05, summary)
}

#[test]
fn c5_conversation_builds_more_strong_relationships_and_better_sentiment() {
    let holds = c5_conversation_builds_relationships(&bakery(unchanged));
    assert!(holds.is_ok(), "C5 should hold: {holds:?}");
    let off = c5_conversation_builds_relationships(&bakery(|m| {
        m.relationship_per_reply = 0.0;
        m.relationship_per_push = 0.0;
        m.relationship_per_live = 0.0;
        m.sentiment_per_reply = 0.0;
        m.sentiment_per_unanswered = 0.0;
    }));
    assert!(off.is_err(), "C5 should fail without two-way contact: {off:?}");
}

/// Ten photo posts a week: two scheduled batches, or ten by hand.
fn photo_plan(kind: ActionKind, count: usize) -> WeekPlan {
    WeekPlan {
        actions: (0..count)
            .map(|i| {
                let mut action = PlannedAction::new(kind, spread_day(i, count), 0);
                action.content = ContentType::Photo;
                action
            })
            .collect(),
    }
}

/// C7: scheduling saves hours; hand-made posts are a little more engaging.
fn c7_scheduling_saves_hours(scenario: &Arc<Scenario>) -> Verdict {
    let batch = scenario.actions.spec(ActionKind::Schedule).batch as usize;
    let scheduled = photo_plan(ActionKind::Schedule, 10usize.div_ceil(batch));
    let by_hand = photo_plan(ActionKind::Publish, 10);
    let run = |plan: &WeekPlan| -> Vec<(f64, f64)> {
        use rayon::prelude::*;
        (0..SEEDS)
            .into_par_iter()
            .map(|i| {
                let game = play_fixed(scenario, 700 + i, plan, 4);
                let t = &game.brand().totals;
                (
                    t.impressions as f64 / hours(&game),
                    t.engagements as f64 / t.impressions.max(1) as f64,
                )
            })
            .collect()
    };
    let a = run(&scheduled);
    let b = run(&by_hand);
    let a_per_hour: Vec<f64> = a.iter().map(|x| x.0).collect();
    let b_per_hour: Vec<f64> = b.iter().map(|x| x.0).collect();
    let engagement = paired_difference(
        &b.iter().map(|x| x.1).collect::<Vec<_>>(),
        &a.iter().map(|x| x.1).collect::<Vec<_>>(),
    );
    let summary = format!(
        "impressions/hour scheduled {:.1} vs by hand {:.1}; engagement rate by hand minus scheduled {:.4} ({:.4}..{:.4})",
        mean(&a_per_hour),
        mean(&b_per_hour),
        engagement.mean,
        engagement.low,
        engagement.high
    );
    verdict(
        mean(&a_per_hour) >= 3.0 * mean(&b_per_hour) && engagement.low > 0.0,
        summary,
    )
}

#[test]
fn c7_scheduling_saves_hours_at_a_small_cost_in_engagement() {
    let holds = c7_scheduling_saves_hours(&bakery(unchanged));
    assert!(holds.is_ok(), "C7 should hold: {holds:?}");
    // Automation that saves nothing: one post per batch, as good as by hand.
    let mut no_automation = scenario("corner_bakery");
    no_automation.actions.specs[ActionKind::Schedule.index()].batch = 1;
    no_automation.model.scheduled_quality = 1.0;
    no_automation.model.scheduled_fatigue_factor = 1.0;
    let off = c7_scheduling_saves_hours(&Arc::new(no_automation));
    assert!(off.is_err(), "C7 should fail without automation: {off:?}");
}

/// C8: conversation costs more hours per person reached.
fn c8_conversation_costs_hours(scenario: &Arc<Scenario>) -> Verdict {
    let reach_per_hour = |g: &Simulation| g.history().iter().map(|d| d.reach).sum::<u64>() as f64 / hours(g);
    let broadcaster = over_seeds(scenario, &strategy("broadcaster"), SEEDS, reach_per_hour);
    let networker = over_seeds(scenario, &strategy("networker"), SEEDS, reach_per_hour);
    let summary = format!(
        "people reached per hour: broadcaster {:.1}, networker {:.1}",
        mean(&broadcaster),
        mean(&networker)
    );
    let difference = paired_difference(&broadcaster, &networker);
    verdict(
        mean(&broadcaster) >= 3.0 * mean(&networker) && difference.low > 0.0,
        summary,
    )
}

#[test]
fn c8_conversation_costs_more_hours_per_person_reached() {
    let holds = c8_conversation_costs_hours(&bakery(unchanged));
    assert!(holds.is_ok(), "C8 should hold: {holds:?}");
    // If conversation scaled like broadcasting (hundreds of people an hour),
    // the claim would not hold.
    let mut shortcut = scenario("corner_bakery");
    shortcut.actions.specs[ActionKind::EngageOthers.index()].batch = 400;
    shortcut.actions.specs[ActionKind::Reply.index()].batch = 400;
    let off = c8_conversation_costs_hours(&Arc::new(shortcut));
    assert!(
        off.is_err(),
        "C8 should fail when conversation has a shortcut: {off:?}"
    );
}

/// Broadcasting for the first half, then conversation: the story of article 003.
fn story_strategy() -> Strategy {
    let broadcaster = strategy("broadcaster");
    let networker = strategy("networker");
    let mut rules: Vec<Rule> = broadcaster
        .weekly
        .iter()
        .map(|step| Rule {
            when: Condition::BeforeWeek(7),
            then: vec![step.clone()],
        })
        .collect();
    for rule in networker.rules.iter().filter(|r| r.when == Condition::Always) {
        rules.push(Rule {
            when: Condition::FromWeek(7),
            then: rule.then.clone(),
        });
    }
    rules.push(Rule {
        when: Condition::FromWeek(7),
        then: vec![rapport::sim::Step {
            action: ActionKind::Research,
            count: rapport::sim::Count::Times(1),
            content: rapport::sim::ContentChoice::BestKnown,
            platform: rapport::sim::PlatformChoice::Auto,
            target: rapport::sim::TargetChoice::Everyone,
        }],
    });
    for step in &networker.weekly {
        rules.push(Rule {
            when: Condition::FromWeek(7),
            then: vec![step.clone()],
        });
    }
    Strategy {
        id: "story".into(),
        name: "Presence, then network".into(),
        description: "Broadcasts for six weeks, then starts to listen and talk.".into(),
        rules,
        weekly: Vec::new(),
    }
}

/// C16: a broadcast-only brand gets followers but few relationships; once
/// it listens and talks, relationships form.
fn c16_presence_without_network(scenario: &Arc<Scenario>) -> Verdict {
    let measure = |g: &Simulation| {
        (
            g.latest().followers as f64,
            g.latest().strong_relationships as f64,
        )
    };
    let broadcaster = over_seeds(scenario, &strategy("broadcaster"), SEEDS, measure);
    let networker = over_seeds(scenario, &strategy("networker"), SEEDS, measure);
    let b_followers: Vec<f64> = broadcaster.iter().map(|x| x.0).collect();
    let n_followers: Vec<f64> = networker.iter().map(|x| x.0).collect();
    let b_strong_share = mean(&broadcaster.iter().map(|x| x.1 / x.0.max(1.0)).collect::<Vec<_>>());
    let n_strong_share = mean(&networker.iter().map(|x| x.1 / x.0.max(1.0)).collect::<Vec<_>>());

    let story = story_strategy();
    let halves = over_seeds(scenario, &story, SEEDS, |g| {
        (
            g.history()[42].strong_relationships as f64,
            g.latest().strong_relationships as f64,
        )
    });
    let before = mean(&halves.iter().map(|x| x.0).collect::<Vec<_>>());
    let after = mean(&halves.iter().map(|x| x.1).collect::<Vec<_>>());
    let summary = format!(
        "followers broadcaster {:.0} vs networker {:.0}; strong per follower {:.3} vs {:.3}; \
         story: strong relationships {:.1} after 6 weeks of posting, {:.1} after 6 more of talking",
        mean(&b_followers),
        mean(&n_followers),
        b_strong_share,
        n_strong_share,
        before,
        after
    );
    let followers = paired_difference(&b_followers, &n_followers);
    verdict(
        followers.low > 0.0
            && b_strong_share < 0.02
            && n_strong_share > 5.0 * b_strong_share + 0.05
            && after > 5.0 * before + 30.0,
        summary,
    )
}

#[test]
fn c16_a_broadcast_only_brand_has_a_presence_but_no_network() {
    let holds = c16_presence_without_network(&bakery(unchanged));
    assert!(holds.is_ok(), "C16 should hold: {holds:?}");
    // If a like on a post were as good as a conversation, posting alone
    // would build a network.
    let off = c16_presence_without_network(&bakery(|m| m.relationship_per_one_way = 0.25));
    assert!(
        off.is_err(),
        "C16 should fail when one-way contact builds bonds: {off:?}"
    );
}

/// C20: over a whole scenario, using both beats either alone on its goals.
fn c20_both_beat_either(scenario: &Arc<Scenario>) -> Verdict {
    let score = |g: &Simulation| g.kpis().score;
    let balanced = over_seeds(scenario, &balanced_without_ads(), SEEDS, score);
    let broadcaster = over_seeds(scenario, &strategy("broadcaster"), SEEDS, score);
    let networker = over_seeds(scenario, &strategy("networker"), SEEDS, score);
    let over_broadcaster = paired_difference(&balanced, &broadcaster);
    let over_networker = paired_difference(&balanced, &networker);
    let summary = format!(
        "score balanced {:.3}, broadcaster {:.3}, networker {:.3}; margins {:.3} ({:.3}..) and {:.3} ({:.3}..)",
        mean(&balanced),
        mean(&broadcaster),
        mean(&networker),
        over_broadcaster.mean,
        over_broadcaster.low,
        over_networker.mean,
        over_networker.low
    );
    verdict(over_broadcaster.low > 0.05 && over_networker.low > 0.03, summary)
}

#[test]
fn c20_long_term_success_uses_both() {
    let holds = c20_both_beat_either(&bakery(unchanged));
    assert!(holds.is_ok(), "C20 should hold: {holds:?}");
    // Conversation that builds nothing: no bond, no warmth, no follow-back.
    let off = c20_both_beat_either(&bakery(|m| {
        m.relationship_per_reply = 0.0;
        m.relationship_per_push = 0.0;
        m.relationship_per_live = 0.0;
        m.sentiment_per_reply = 0.0;
        m.follow_back = 0.0;
    }));
    assert!(
        off.is_err(),
        "C20 should fail when conversation builds nothing: {off:?}"
    );
}

/// Prints every claim's measured effect (run with `--nocapture --ignored`).
#[test]
#[ignore]
fn print_claim_measurements() {
    let s = bakery(unchanged);
    println!("C4  {:?}", c4_broadcast_grows_reach_faster(&s));
    println!("C5  {:?}", c5_conversation_builds_relationships(&s));
    println!("C7  {:?}", c7_scheduling_saves_hours(&s));
    println!("C8  {:?}", c8_conversation_costs_hours(&s));
    println!("C16 {:?}", c16_presence_without_network(&s));
    println!("C20 {:?}", c20_both_beat_either(&s));
}
