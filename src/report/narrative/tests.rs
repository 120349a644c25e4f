//! Each sentence the game says about a run, with a case where it must
//! appear and one where it must not.

use super::*;
use crate::files::builtin::find_scenario;
use crate::report::goals::goal_number;
use crate::sim::{ActionKind, ContentType, PlannedAction, Target, WeekPlan};
use std::sync::Arc;

/// A quiet week: seen, nothing else.
pub(crate) fn quiet_week() -> WeekRow {
    WeekRow {
        week: 1,
        impressions: 1200,
        reach: 700,
        people_reached: 300,
        engagements: 24,
        engagement_rate: 0.02,
        new_followers: 5,
        unfollows: 1,
        followers: 104,
        follower_growth: 4,
        strong_relationships: 3,
        sentiment: 0.1,
        ..WeekRow::default()
    }
}

pub(crate) fn mentions(lines: &[String], text: &str) -> bool {
    lines.iter().any(|line| line.contains(text))
}

#[test]
fn notable_events_of_a_quiet_week_keep_to_the_three_sure_sentences() {
    let lines = notable_events(&quiet_week());
    assert_eq!(
        lines,
        [
            "Your posts, ads and conversation were seen 1,200 times, and 300 people saw them or heard from you; they reacted 24 times, and your posts drew a reaction from 2.0% of their impressions (the engagement rate, this week).",
            "5 people followed you and 1 left: 104 followers now (+4).",
            "3 people now have a strong relationship with you; community sentiment is +0.10.",
        ]
    );
}

#[test]
fn notable_events_tell_comments_ads_and_sales_only_when_they_happened() {
    let answered = WeekRow {
        comments: 6,
        replies: 6,
        ..quiet_week()
    };
    let lines = notable_events(&answered);
    assert_eq!(lines[1], "6 comments came in; you answered 6.");
    assert!(!mentions(&lines, "waited too long"));
    let ignored = WeekRow {
        comments: 6,
        replies: 2,
        unanswered: 4,
        ad_impressions: 500,
        ad_clicks: 4,
        ctr: 0.008,
        new_leads: 3,
        new_customers: 1,
        ..quiet_week()
    };
    let lines = notable_events(&ignored);
    assert_eq!(
        lines[1],
        "6 comments came in; you answered 2. 4 waited too long for an answer and their writers cooled on you."
    );
    assert!(lines.contains(&"Ads were shown 500 times and clicked 4 times (0.80%).".to_string()));
    assert!(lines.contains(&"3 new leads and 1 new customer.".to_string()));
    let quiet = notable_events(&quiet_week());
    assert!(!mentions(&quiet, "comments came in"));
    assert!(!mentions(&quiet, "Ads were shown"));
    assert!(!mentions(&quiet, "new leads"));
}

#[test]
fn replies_to_earlier_weeks_comments_are_told_apart_from_the_weeks_own() {
    // 20 new comments, 100 waiting from before, 108 answered: every number
    // is about the 120 comments there were to answer.
    let backlog = WeekRow {
        comments: 20,
        comments_waiting_before: 100,
        replies: 108,
        ..quiet_week()
    };
    assert_eq!(
        notable_events(&backlog)[1],
        "20 comments came in and 100 from earlier weeks were still waiting; you answered 108 of these 120."
    );
    let only_backlog = WeekRow {
        comments_waiting_before: 9,
        replies: 4,
        ..quiet_week()
    };
    assert_eq!(
        notable_events(&only_backlog)[1],
        "No new comments came in; you answered 4 of the 9 still waiting from earlier weeks."
    );
    let ignored_backlog = WeekRow {
        comments_waiting_before: 9,
        ..quiet_week()
    };
    assert!(!mentions(&notable_events(&ignored_backlog), "comments"));
}

#[test]
fn a_count_of_one_is_said_in_the_singular() {
    let one = WeekRow {
        people_reached: 1,
        engagements: 1,
        new_followers: 1,
        strong_relationships: 1,
        ad_impressions: 1,
        ad_clicks: 1,
        new_leads: 1,
        new_customers: 1,
        cooled_leads: 1,
        repeat_purchases: 1,
        churned_customers: 1,
        connection_requests: 1,
        ..quiet_week()
    };
    let lines = notable_events(&one).join(" ");
    for said in [
        "1 person saw them or heard from you; they reacted once",
        "1 person followed you",
        "Ads were shown once and clicked once",
        "1 new lead and 1 new customer.",
        "1 lead went cold without buying:",
        "Customers bought again once:",
        "1 customer lapsed (",
        "You sent 1 connection request;",
        "1 person now has a strong relationship",
    ] {
        assert!(lines.contains(said), "{said}: {lines}");
    }
    for wrong in [
        "1 customers",
        "1 times",
        "1 people",
        "1 new customers",
        "1 connection requests",
    ] {
        assert!(!lines.contains(wrong), "{wrong}: {lines}");
    }
}

#[test]
fn customers_won_by_a_rival_are_not_said_to_have_left_unhappy() {
    let mut week = WeekRow {
        churned_customers: 3,
        ..quiet_week()
    };
    week.attribution
        .credit(crate::sim::Outcome::Lapse, crate::sim::Cause::Rival);
    week.attribution
        .credit(crate::sim::Outcome::Lapse, crate::sim::Cause::Rival);
    let lines = notable_events(&week);
    assert!(
        lines.contains(
            &"1 customer lapsed (an unhappy customer leaves; one with no bond slowly drifts away); 2 customers went to a rival."
                .to_string()
        ),
        "{lines:?}"
    );
    // All of them to rivals: no word of unhappiness or drifting.
    week.churned_customers = 2;
    let lines = notable_events(&week);
    assert!(
        lines.contains(&"2 customers went to a rival.".to_string()),
        "{lines:?}"
    );
    assert!(!mentions(&lines, "unhappy"), "{lines:?}");
}

#[test]
fn seen_counts_views_and_reached_counts_people_met_any_way() {
    // 278 views and 324 people: people met in conversation are reached
    // without a view, so the sentence must not say "seen by 324 people".
    let week = WeekRow {
        impressions: 278,
        people_reached: 324,
        ..quiet_week()
    };
    let first = &notable_events(&week)[0];
    assert!(
        first.starts_with(
            "Your posts, ads and conversation were seen 278 times, and 324 people saw them or heard from you"
        ),
        "{first}"
    );
    assert!(!first.contains("by 324 people"), "{first}");
}

#[test]
fn notable_events_tell_cold_leads_loyalty_lapses_and_connections_only_when_they_happened() {
    let busy = WeekRow {
        cooled_leads: 3,
        repeat_purchases: 5,
        churned_customers: 2,
        connection_requests: 50,
        connections_accepted: 14,
        ..quiet_week()
    };
    let lines = notable_events(&busy);
    assert!(
        lines.contains(
            &"3 leads went cold without buying: the weaker a lead's bond with you, the sooner they cool."
                .to_string()
        )
    );
    assert!(lines.contains(
        &"Customers bought again 5 times: loyal customers are worth more than one sale.".to_string()
    ));
    assert!(lines.contains(
        &"2 customers lapsed (an unhappy customer leaves; one with no bond slowly drifts away).".to_string()
    ));
    assert!(
        lines.contains(
            &"You sent 50 connection requests; 14 accepted and now follow you (a connection is not yet a relationship)."
                .to_string()
        )
    );
    let quiet = notable_events(&quiet_week());
    for absent in ["went cold", "bought again", "lapsed", "connection requests"] {
        assert!(!mentions(&quiet, absent), "{absent}: {quiet:?}");
    }
}

/// A four-week first_steps game of 200 people in which every week plays
/// the same actions, in order.
pub(crate) fn game(actions: &[(ActionKind, ContentType)]) -> Simulation {
    let scenario = find_scenario("first_steps").unwrap().with_agents(200);
    let mut simulation = Simulation::new(Arc::new(scenario), 5);
    while !simulation.finished() {
        let mut plan = WeekPlan {
            actions: actions
                .iter()
                .map(|&(kind, content)| PlannedAction::aimed(kind, 0, content, Target::Everyone))
                .collect(),
        };
        plan.spread_in_order();
        simulation.run_week(&plan).unwrap();
    }
    simulation
}

pub(crate) fn networker() -> Simulation {
    use ActionKind::*;
    game(&[
        (Publish, ContentType::Photo),
        (Publish, ContentType::Photo),
        (StartConversation, ContentType::Conversation),
        (StartConversation, ContentType::Conversation),
        (Reply, ContentType::Photo),
        (Reply, ContentType::Photo),
        (Reply, ContentType::Photo),
        (Research, ContentType::Photo),
    ])
}

#[test]
fn last_week_events_are_the_last_rows_events_and_none_before_a_week_ends() {
    let simulation = networker();
    let rows = weekly_rows(simulation.history());
    assert_eq!(
        last_week_events(simulation.history()),
        notable_events(rows.last().unwrap())
    );
    let fresh = Simulation::new(Arc::clone(simulation.scenario()), 5);
    assert!(last_week_events(fresh.history()).is_empty());
}

#[test]
fn a_persons_story_tells_their_numbers_and_only_the_days_that_happened() {
    let fresh = Simulation::new(Arc::clone(networker().scenario()), 5);
    let [who, numbers, story] = person_story(&fresh, 0);
    assert!(who.starts_with("Person #0, "), "{who}");
    assert!(numbers.starts_with("awareness "), "{numbers}");
    assert_eq!(
        story,
        "Saw your posts or ads 0 times, reacted 0 times, commented 0 times; 0 got an answer, 0 ignored; you reached out 0 times."
    );
    assert_eq!(times(1), "once");
    assert_eq!(times(2), "twice");
    assert_eq!(times(1204), "1,204 times");
    // Every person of a played game: each day's sentence appears exactly
    // when that day happened, the waiting comment exactly when one waits.
    // A longer game than the others, so people also leave, ask and buy.
    let bakery = find_scenario("corner_bakery").unwrap().with_agents(2000);
    let balanced = crate::files::builtin::find_strategy("balanced").unwrap();
    let played = crate::sim::play(Arc::new(bakery), 5, &balanced);
    let audience = played.audience();
    let mut told = [0; 5];
    for agent in 0..audience.len() {
        let s = &audience.story(agent);
        let [_, _, story] = person_story(&played, agent as u32);
        for (n, (day, sentence)) in [
            (s.followed_day, "Followed you"),
            (s.unfollowed_day, "Unfollowed"),
            (s.lead_day, "Asked about buying"),
            (s.customer_day, "Bought"),
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(story.contains(&format!(" {sentence} on day")), day > 0, "{story}");
            if day > 0 {
                assert!(story.contains(&format!(" {sentence} on day {day}.")), "{story}");
            }
            told[n] += usize::from(day > 0);
        }
        let waiting = audience.comment_since(agent) > 0;
        assert_eq!(
            story.ends_with(" A comment of theirs is waiting for an answer."),
            waiting
        );
        told[4] += usize::from(waiting);
    }
    // Each day's sentence was told to someone (follows, unfollows, leads,
    // customers); a waiting comment only when one waits at the end.
    assert!(told[..4].iter().all(|&n| n > 0), "{told:?}");
}

#[test]
fn goal_numbers_read_as_counts_levels_and_rates() {
    use crate::sim::GoalMetric;
    assert_eq!(goal_number(GoalMetric::Followers, 316.0), "316");
    assert_eq!(goal_number(GoalMetric::StrongRelationships, 12.0), "12");
    assert_eq!(goal_number(GoalMetric::Followers, 41697.0), "41,697");
    assert_eq!(goal_number(GoalMetric::Sentiment, 0.114), "+0.11");
    assert_eq!(goal_number(GoalMetric::Sentiment, -0.2), "-0.20");
    assert_eq!(goal_number(GoalMetric::Roi, 1.5), "1.50");
    assert_eq!(goal_number(GoalMetric::EngagementRate, 0.031), "3.1%");
}

#[test]
fn net_changes_are_said_beside_their_gross_counts() {
    let mut attribution = Attribution::default();
    for _ in 0..7 {
        attribution.credit(Outcome::StrongGained, crate::sim::Cause::LiveSession);
    }
    attribution.credit(Outcome::StrongLost, crate::sim::Cause::Fatigue);
    assert_eq!(
        net_lines(&attribution),
        vec!["Strong relationships: +6 net (7 made, 1 lost).".to_string()]
    );
    assert!(net_lines(&Attribution::default()).is_empty());
}

#[test]
fn a_branch_says_how_far_its_original_went() {
    let text = branch_sentence("Ada", 2, 5, 12, 12);
    assert!(
        text.starts_with("Weeks 1 to 2 as in Ada's game; from week 3 on"),
        "{text}"
    );
    assert!(text.contains("stopped after week 5 of 12"), "{text}");
    assert!(text.contains("this game has played 12 of 12 weeks"), "{text}");
    let text = branch_sentence("Ada", 0, 12, 3, 12);
    assert!(text.contains("played to the end"), "{text}");
}
