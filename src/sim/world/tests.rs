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
    game.change_person(agent, |record| {
        record.comment_since = since;
        record.comment_platform = 1;
    });
    game.brand.pending.push_back((agent as u32, since));
    agent
}

#[test]
fn an_answered_comment_warms_its_writer() {
    let mut game = small_game();
    let agent = waiting_commenter(&mut game);
    let before = (game.audience.relationship(agent), game.audience.sentiment(agent));
    game.run_week(&plan(vec![PlannedAction::new(ActionKind::Reply, 0, 1)]))
        .unwrap();
    assert!(game.audience.relationship(agent) > before.0 + 0.03);
    assert!(game.audience.sentiment(agent) > before.1);
    assert_eq!(
        game.audience.cells[agent].record.last_contact, 1,
        "a reciprocated exchange on day 1"
    );
    assert_eq!(game.audience.cells[agent].record.story.replies_received, 1);
    assert_eq!(game.audience.cells[agent].record.story.ignored, 0);
}

#[test]
fn an_ignored_comment_sours_its_writer() {
    let mut game = small_game();
    let agent = waiting_commenter(&mut game);
    let before = game.audience.sentiment(agent);
    game.run_week(&WeekPlan::default()).unwrap();
    assert_eq!(game.audience.cells[agent].record.story.ignored, 1);
    assert!(game.audience.sentiment(agent) < before - 0.2);
    assert_eq!(game.audience.cells[agent].record.comment_since, 0);
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
                game.audience.cells[agent].record.story.posts_seen, 0,
                "follower {agent} saw an ad"
            );
        }
    }
}

#[test]
fn research_raises_insight_and_sharpens_beliefs() {
    let mut scenario = Scenario::for_tests(2000);
    scenario.segments[1].believed_interest = [1.0; crate::sim::types::CONTENT_TYPES];
    scenario.segments[1].interest[ContentType::Photo.index()] = 1.6;
    let mut game = Simulation::new(Arc::new(scenario), 5);
    let content = ContentType::Photo;
    let truth = game.scenario.segments[1].interest[content.index()];
    let before = (game.believed_interest(1, content) - truth).abs();
    game.run_week(&plan(vec![PlannedAction::new(ActionKind::Research, 0, 0)]))
        .unwrap();
    assert!(game.brand.insight.iter().all(|&i| i > 0.1));
    assert!((game.believed_interest(1, content) - truth).abs() < before);
}

#[test]
fn engaging_followers_goes_back_to_people_it_remembers() {
    // The same comments on followers' posts, with the brand's memory of
    // whom it talked with and without: remembered people are met again, so
    // their bonds grow strong; spread over two thousand followers, few do.
    let strong_after = |memory: u32| {
        let mut scenario = Scenario::for_tests(20_000);
        scenario.weeks = 8;
        scenario.model.contact_memory_size = memory;
        let mut game = Simulation::new(Arc::new(scenario), 5);
        let mut engage = PlannedAction::new(ActionKind::EngageOthers, 0, 0);
        engage.target = Target::Followers;
        for _ in 0..8 {
            game.run_week(&plan(vec![engage; 10])).unwrap();
        }
        assert_eq!(
            game.brand.memory.len(),
            memory.min(game.brand.memory.len() as u32) as usize
        );
        game.latest().strong_relationships
    };
    let remembered = strong_after(60);
    let forgotten = strong_after(0);
    assert!(
        remembered > 10 && remembered > 3 * forgotten,
        "{remembered} vs {forgotten}"
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

/// Runs the same game lazily and eagerly and checks, week by week, that
/// every person, every day's figures and the hash agree.
fn lazy_and_eager_agree(scenario: Scenario, seed: u64, plans: &[WeekPlan]) {
    let scenario = Arc::new(scenario);
    let mut lazy = Simulation::new(Arc::clone(&scenario), seed);
    let mut eager = Simulation::new_eager(scenario, seed);
    assert!(eager.is_eager() && !lazy.is_eager());
    for (week, plan) in plans.iter().enumerate() {
        lazy.run_week(plan).unwrap();
        eager.run_week(plan).unwrap();
        for agent in 0..lazy.audience.len() {
            assert_eq!(
                lazy.audience.record(agent),
                eager.audience.record(agent),
                "week {week}, person {agent}"
            );
            assert_eq!(lazy.audience.levels(agent), eager.audience.levels(agent));
        }
        // Everything but how many people were visited (the point of lazy people).
        let figures = |game: &Simulation| -> Vec<DayMetrics> {
            game.history
                .iter()
                .map(|d| DayMetrics { visited: 0, ..*d })
                .collect()
        };
        assert_eq!(figures(&lazy), figures(&eager), "week {week}");
        assert_eq!(lazy.state_hash(), eager.state_hash(), "week {week}");
        assert_eq!(lazy.ledger.counts, eager.ledger.counts);
        // The running book is what a recount from scratch gives.
        let mut recounted = lazy.ledger.clone();
        recounted.recount(&lazy.audience, day::thresholds(&lazy.scenario.model));
        assert_eq!(recounted.counts, lazy.ledger.counts);
        assert_eq!(recounted.hash_sum, lazy.ledger.hash_sum);
    }
    let visited: u64 = lazy.history.iter().map(|d| d.visited).sum();
    let everyone: u64 = eager.history.iter().map(|d| d.visited).sum();
    assert!(visited < everyone, "lazy {visited} vs eager {everyone}");
}

#[test]
fn lazy_people_change_nothing_in_a_busy_game() {
    let scenario = Scenario::for_tests(3000);
    let week = |n: usize| {
        let mut actions = vec![
            PlannedAction::new(ActionKind::Publish, 0, 0),
            PlannedAction::new(ActionKind::Schedule, 1, 1),
            PlannedAction::new(ActionKind::StartConversation, 1, 0),
            PlannedAction::new(ActionKind::Reply, 0, 0),
            PlannedAction::new(ActionKind::Reply, 3, 0),
            PlannedAction::new(ActionKind::LiveEvent, 4, 0),
            PlannedAction::new(ActionKind::Ad, 0, 1),
            PlannedAction::new(ActionKind::Connect, 2, 0),
            PlannedAction::new(ActionKind::Research, 0, 0),
        ];
        let mut engage = PlannedAction::new(ActionKind::EngageOthers, (n % 7) as u8, 0);
        engage.target = Target::Followers;
        actions.extend([engage; 4]);
        plan(actions)
    };
    let plans: Vec<WeekPlan> = (0..4).map(week).collect();
    lazy_and_eager_agree(scenario, 7, &plans);
}
