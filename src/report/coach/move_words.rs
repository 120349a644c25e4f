//! The coach's move in words: the gap it names, why the move works there,
//! what to do, what must give way, and what the check found, in this
//! game's numbers.

use super::super::goals::{goal_name, goal_number};
use super::move_kinds::{Move, MoveKind};
use crate::sim::{ActionKind, GoalMetric, Kpis, PlannedAction, Simulation, Target, WeekPlan};
use crate::text::{count, hours};

/// "your plan of last week" or "an empty plan".
fn current_words(simulation: &Simulation, current: &WeekPlan) -> String {
    if current.actions.is_empty() {
        "an empty week".to_string()
    } else {
        format!("week {}'s plan", simulation.plans().len())
    }
}

pub(super) fn on_track(simulation: &Simulation, current: &WeekPlan, baseline: &Kpis) -> String {
    let weeks = simulation.scenario().weeks;
    format!(
        "Played on from here on this game, {} every week left meets every goal by week {weeks} \
         (score {:.2}). Keep it, or try something and compare.",
        current_words(simulation, current),
        baseline.score,
    )
}

/// The move in words: the gap, why, what to do, and what the check found.
pub(super) fn describe(simulation: &Simulation, current: &WeekPlan, chosen: &Move) -> String {
    let scenario = simulation.scenario();
    let metric = chosen.goal.metric;
    let now = simulation.kpis_live().value(metric);
    let weeks = scenario.weeks;
    let name = goal_name(metric);
    let number = |v: f64| goal_number(metric, v);
    let gap = format!(
        "Furthest from its goal: {name}, {} of {} now, and {} by week {weeks} with {} every week left.",
        number(now),
        number(chosen.goal.target),
        number(chosen.without.goal),
        current_words(simulation, current),
    );
    let why = why(simulation, metric);
    let what = what(simulation, chosen);
    let room = if chosen.dropped.is_empty() {
        String::new()
    } else {
        format!(
            " To make room, leave out {}.",
            actions_in_words(simulation, &chosen.dropped)
        )
    };
    let check = format!(
        " Played on this game with the move this week and {} after it: {} {name} by week {weeks} \
         instead of {}, score {:.2} instead of {:.2}.",
        if current.actions.is_empty() {
            "nothing".to_string()
        } else {
            current_words(simulation, current)
        },
        number(chosen.with.goal),
        number(chosen.without.goal),
        chosen.with.score,
        chosen.without.score,
    );
    format!("{gap} {why}{what}{room}{check}")
}

/// Why the goal moves the way the move works, in the scenario's numbers.
fn why(simulation: &Simulation, metric: GoalMetric) -> String {
    let scenario = simulation.scenario();
    match metric {
        GoalMetric::StrongRelationships | GoalMetric::Advocates => format!(
            "A strong bond takes about {} answered exchanges with the same person. ",
            super::contacts_for_strong_bond(&scenario.model)
        ),
        GoalMetric::RelationshipIndex => format!(
            "The index is the mean bond of your {} followers: it rises when you talk with the \
             people who already follow you. ",
            count(simulation.latest().followers)
        ),
        GoalMetric::Followers => format!(
            "{} people have not followed you yet. ",
            count((scenario.agents as u64).saturating_sub(simulation.latest().followers))
        ),
        GoalMetric::Leads | GoalMetric::Customers | GoalMetric::Roi => {
            "Leads come from clicks on offers, in posts and in ads. ".to_string()
        }
        GoalMetric::Sentiment | GoalMetric::EngagementRate => String::new(),
    }
}

fn what(simulation: &Simulation, chosen: &Move) -> String {
    let scenario = simulation.scenario();
    let platform = |a: &PlannedAction| scenario.platforms[a.platform as usize].name.clone();
    let of = |kind: ActionKind| chosen.added.iter().filter(|a| a.kind == kind).count();
    let spec = |kind: ActionKind| scenario.actions.spec(kind);
    let replies = of(ActionKind::Reply);
    let reply_words = |n: usize| {
        if n == 1 {
            "1 reply batch".to_string()
        } else {
            format!("{n} reply batches")
        }
    };
    let first = &chosen.added[0];
    match chosen.kind {
        MoveKind::LiveSession => format!(
            "Host a live session on {} ({}): it reaches the followers who talk most, and each who \
             joins has an exchange with you; add {} ({} answers) so the comments it brings are \
             answered, because replies to the same commenters hold them.",
            platform(first),
            hours(spec(ActionKind::LiveEvent).hours),
            reply_words(replies),
            count(replies as u64 * u64::from(spec(ActionKind::Reply).batch)),
        ),
        MoveKind::TalkWithFollowers => {
            let n = of(ActionKind::EngageOthers);
            format!(
                "Comment on your followers' own posts {n} times ({} people, {}): you go back to \
                 the people you talked with before, and they answer.",
                count(n as u64 * u64::from(spec(ActionKind::EngageOthers).batch)),
                hours(n as f64 * spec(ActionKind::EngageOthers).hours),
            )
        }
        MoveKind::AskQuestions => format!(
            "Ask {} questions on {} and add {} to answer the comments they bring: every answered \
             comment is an exchange.",
            of(ActionKind::StartConversation),
            platform(first),
            reply_words(replies),
        ),
        MoveKind::AnswerComments => format!(
            "Add {} ({} answers): about that many comments come in a week now, and an answered \
             person warms to you.",
            reply_words(replies),
            count(replies as u64 * u64::from(spec(ActionKind::Reply).batch)),
        ),
        MoveKind::Connect => {
            let n = of(ActionKind::Connect);
            format!(
                "Send {n} batches of connection requests on {} ({} people, {}): many say yes.",
                platform(first),
                count(n as u64 * u64::from(spec(ActionKind::Connect).batch)),
                hours(n as f64 * spec(ActionKind::Connect).hours),
            )
        }
        MoveKind::Advertise => {
            let ads = of(ActionKind::Ad);
            let segment = match first.target {
                Target::Segment(s) => scenario.segments[s as usize].name.to_lowercase(),
                _ => "everyone".to_string(),
            };
            let offers = of(ActionKind::Publish);
            format!(
                "Run {} among {segment} ({} of the week's {}) and post {} on {}.",
                if ads == 1 {
                    "an ad campaign".to_string()
                } else {
                    format!("{ads} ad campaigns")
                },
                count((ads as f64 * spec(ActionKind::Ad).money).round() as u64),
                count(scenario.money_per_week.round() as u64),
                if offers == 1 {
                    "an offer".to_string()
                } else {
                    format!("{offers} offers")
                },
                platform(chosen.added.last().unwrap_or(first)),
            )
        }
        MoveKind::Post => format!(
            "Hand-make {} {} posts on {}: what your followers like, they share.",
            of(ActionKind::Publish),
            first.content.label(),
            platform(first),
        ),
    }
}

/// "2 scheduled batches and 1 post", for the actions left out.
fn actions_in_words(simulation: &Simulation, actions: &[PlannedAction]) -> String {
    let catalog = &simulation.scenario().actions;
    let mut parts = Vec::new();
    for kind in ActionKind::ALL {
        let n = actions.iter().filter(|a| a.kind == kind).count();
        if n > 0 {
            parts.push(format!("{n} × {}", catalog.spec(kind).name.to_lowercase()));
        }
    }
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    }
}
