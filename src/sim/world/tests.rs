//! The weekly loop's unit tests: answered and ignored comments, scheduled
//! batches, ads, research and engaging followers, on a small made-up game.

use super::*;
use crate::sim::action::{ActionKind, PlannedAction, Target};
use crate::sim::types::ContentType;

fn small_game() -> Simulation {
    let scenario = Scenario::for_tests(2000);
    Simulation::new(Arc::new(scenario), 5)
}

fn plan(actions: Vec<PlannedAction>) -> WeekPlan {
    WeekPlan { actions }
}

/// Finds a follower and makes their comment wait since today.
fn waiting_commenter(game: &mut Simulation) -> usize {
    let agent = (0..game.audience.len())
        .find(|&a| game.audience.follows(a))
        .unwrap();
    let since = (game.day + 1) as u16;
    game.audience.comment_since[agent] = since;
    game.brand.pending.push_back((agent as u32, since));
    agent
}

#[test]
fn an_answered_comment_warms_its_writer() {
    let mut game = small_game();
    let agent = waiting_commenter(&mut game);
    let before = (game.audience.relationship[agent], game.audience.sentiment[agent]);
    game.run_week(&plan(vec![PlannedAction::new(ActionKind::Reply, 0, 1)]))
        .unwrap();
    assert!(game.audience.relationship[agent] > before.0 + 0.15);
    assert!(game.audience.sentiment[agent] > before.1);
    assert_eq!(game.audience.story[agent].replies_received, 1);
    assert_eq!(game.audience.story[agent].ignored, 0);
}

#[test]
fn an_ignored_comment_sours_its_writer() {
    let mut game = small_game();
    let agent = waiting_commenter(&mut game);
    let before = game.audience.sentiment[agent];
    game.run_week(&WeekPlan::default()).unwrap();
    assert_eq!(game.audience.story[agent].ignored, 1);
    assert!(game.audience.sentiment[agent] < before - 0.2);
    assert_eq!(game.audience.comment_since[agent], 0);
    assert!(game.history.iter().map(|d| d.unanswered).sum::<u64>() >= 1);
}

#[test]
fn a_scheduled_batch_posts_once_a_day() {
    let mut game = small_game();
    let batch = game.scenario.actions.spec(ActionKind::Schedule).batch as u64;
    game.run_week(&plan(vec![PlannedAction::new(ActionKind::Schedule, 0, 0)]))
        .unwrap();
    let posts: Vec<u64> = game.history[1..].iter().map(|d| d.posts).collect();
    assert_eq!(posts.iter().sum::<u64>(), batch);
    assert!(posts.iter().all(|&p| p <= 1));
}

#[test]
fn ads_spend_money_and_reach_only_strangers() {
    let mut game = small_game();
    let followers_before: Vec<bool> = (0..game.audience.len())
        .map(|a| game.audience.follows(a))
        .collect();
    game.begin_week(plan(vec![PlannedAction::new(ActionKind::Ad, 0, 0)]))
        .unwrap();
    game.step_day().unwrap();
    let day = game.latest();
    assert_eq!(day.money_spent, game.scenario.actions.spec(ActionKind::Ad).money);
    assert!(day.ad_impressions > 0);
    // Everyone who saw the ad was a stranger to the brand's feed.
    for (agent, followed) in followers_before.iter().enumerate() {
        if *followed {
            assert_eq!(
                game.audience.story[agent].posts_seen, 0,
                "follower {agent} saw an ad"
            );
        }
    }
}

#[test]
fn research_raises_insight_and_sharpens_beliefs() {
    let mut game = small_game();
    let content = ContentType::Photo;
    let truth = game.scenario.segments[1].interest[content.index()];
    let before = (game.believed_interest(1, content) - truth).abs();
    game.run_week(&plan(vec![PlannedAction::new(ActionKind::Research, 0, 0)]))
        .unwrap();
    assert!(game.brand.insight.iter().all(|&i| i > 0.1));
    assert!((game.believed_interest(1, content) - truth).abs() < before);
}

#[test]
fn engaging_followers_picks_people_it_already_knows() {
    let mut game = small_game();
    let mut engage = PlannedAction::new(ActionKind::EngageOthers, 0, 1);
    engage.target = Target::Followers;
    for _ in 0..3 {
        game.run_week(&plan(vec![engage; 10])).unwrap();
    }
    // Repeated contact concentrates on a core: some bonds are strong.
    assert!(
        game.latest().strong_relationships > 10,
        "{}",
        game.latest().strong_relationships
    );
}

#[test]
fn the_settled_hash_is_the_state_hash_between_weeks_and_during_them() {
    let mut game = small_game();
    assert_eq!(game.settled_hash(), game.state_hash());
    let week = plan(vec![PlannedAction::new(ActionKind::Publish, 0, 0)]);
    game.run_week(&week).unwrap();
    assert_eq!(game.settled_hash(), game.state_hash());
    game.begin_week(week).unwrap();
    game.step_day().unwrap();
    // Mid-week the closing hash is stale: it must be computed.
    assert_ne!(game.week_hashes().last().copied(), Some(game.state_hash()));
    assert_eq!(game.settled_hash(), game.state_hash());
}
