//! One person's story with the brand, day by day: what happened, through
//! what, and what it changed (the inspector's timeline).
//!
//! The game keeps no history per person (a million people's would not fit
//! in memory); a timeline re-simulates the game so far with that one person
//! watched (`Simulation::watch`), so it costs about what the game so far
//! did and holds only that person's events. The words come from here.

use crate::sim::{Cause, Funnel, Replaying, Scenario, Simulation, Snapshot, TraceEvent, TraceStep, WeekPlan};
use crate::text::count;
use std::sync::Arc;

/// One line of a person's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    /// The game day (1 is the first day of week 1).
    pub day: u32,
    /// What happened, through what, and what it changed, in words.
    pub text: String,
    pub cause: Option<Cause>,
}

/// A person's timeline and the friend whose share first brought them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    pub brought_by: Option<u32>,
}

/// The timeline of `agent` in the game so far. Re-simulates the game up to
/// its current day, so it costs about as much as the game so far did: call
/// it off the UI thread on big audiences. Empty for someone not in the
/// audience.
pub fn person_timeline(simulation: &Simulation, agent: u32) -> Timeline {
    timeline_of(&GameSoFar::of(simulation), agent)
}

/// What a game so far is made of: enough to play it again anywhere (on a
/// background thread) without a copy of its people.
#[derive(Clone, Debug)]
pub struct GameSoFar {
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    /// The weeks played to their end.
    pub weeks: Vec<WeekPlan>,
    /// The running week's plan and the days of it played.
    pub running: Option<(WeekPlan, u8)>,
}

impl GameSoFar {
    pub fn of(simulation: &Simulation) -> GameSoFar {
        let plans = simulation.plans();
        let finished = plans.len() - usize::from(simulation.week_running());
        GameSoFar {
            scenario: Arc::clone(simulation.scenario()),
            seed: simulation.seed(),
            weeks: plans[..finished].to_vec(),
            running: simulation
                .current_plan()
                .map(|plan| (plan.clone(), simulation.days_played())),
        }
    }
}

/// The timeline of `agent` in a game so far (one re-simulation).
pub fn timeline_of(game: &GameSoFar, agent: u32) -> Timeline {
    let watched = replay_watching(game, agent);
    let Some(trace) = watched.trace() else {
        return Timeline::default();
    };
    Timeline {
        entries: entries(&trace.events, game.scenario.model.strong_threshold),
        brought_by: trace.brought_by,
    }
}

/// The game so far played again from its start with `agent` watched: the
/// same scenario, seed, plans, and days of the running week. It ends in the
/// same state as the game itself (the watch only records).
pub fn replay_watching(game: &GameSoFar, agent: u32) -> Simulation {
    // The plans were played once, so they are valid: a mismatch cannot
    // happen, and would only end the story early.
    let mut again =
        match Simulation::replay(Replaying::solo(&game.scenario, game.seed, &game.weeks).watching(agent)) {
            Ok(again) => again,
            Err(stop) => {
                return stop
                    .into_played()
                    .unwrap_or_else(|| Simulation::new(Arc::clone(&game.scenario), game.seed));
            }
        };
    if let Some((plan, days)) = &game.running
        && again.begin_week(plan.clone()).is_ok()
    {
        for _ in 0..*days {
            if again.step_day().is_err() {
                break;
            }
        }
    }
    again
}

/// The events in words, one line each; a day's posts that were seen and
/// let pass through the same channel are one line.
pub fn entries(events: &[TraceEvent], strong_threshold: f32) -> Vec<TimelineEntry> {
    let mut lines: Vec<TimelineEntry> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let event = events[i];
        let mut last = event;
        let mut seen = 1;
        if passed_by(&event) {
            while let Some(next) = events.get(i + seen)
                && passed_by(next)
                && next.day == event.day
                && next.cause == event.cause
                && next.friend == event.friend
            {
                last = *next;
                seen += 1;
            }
        }
        let text = if seen > 1 {
            format!(
                "saw {} {}: let them pass{}",
                count(seen as u64),
                plural_source(event.cause),
                changes(&event.before, &last.after)
            )
        } else {
            describe(&event)
        };
        // The step that carried a bond over the line says so: that is the
        // moment the player's contacts added up.
        let bonded =
            if event.before.relationship < strong_threshold && last.after.relationship >= strong_threshold {
                " — a strong relationship now"
            } else {
                ""
            };
        lines.push(TimelineEntry {
            day: event.day,
            text: format!("day {} — {text}{bonded}", event.day),
            cause: event.cause,
        });
        i += seen;
    }
    lines
}

/// A post or ad met that moved nothing but awareness, fatigue and mood.
fn passed_by(event: &TraceEvent) -> bool {
    event.step == TraceStep::Saw && reactions(event).is_empty() && !event.shared
}

/// One event in words: what happened, what they did, what it changed.
fn describe(event: &TraceEvent) -> String {
    let (before, after) = (&event.before, &event.after);
    let mut did = reactions(event);
    if event.shared && event.step != TraceStep::Funnel {
        did.push("shared it".to_string());
    }
    let what = match event.step {
        TraceStep::Saw => format!("saw {}", source(event.cause, event.friend)),
        TraceStep::Answered => "you answered their comment".to_string(),
        TraceStep::CommentedOn => "you commented on their post".to_string(),
        TraceStep::AskedToConnect => {
            if !did.iter().any(|d| d == "followed you") {
                did.push("did not accept".to_string());
            }
            "you asked them to connect".to_string()
        }
        TraceStep::HeardComplaint => "a friend's complaint about you reached them".to_string(),
        TraceStep::Complained => "they complained about you in a review storm".to_string(),
        TraceStep::JoinedLive => "joined your live session".to_string(),
        TraceStep::Ignored => "their comment waited too long for an answer".to_string(),
        TraceStep::Funnel => {
            did.clear();
            funnel_change(event)
        }
        TraceStep::DriftedAway => {
            did.clear();
            let why = match event.cause {
                Some(Cause::Fatigue) => "tired of your posts",
                Some(Cause::ReviewStorm) => "soured by the review storm",
                Some(Cause::IgnoredComment) => "still sore about their ignored comment",
                _ => "in a bad mood about you",
            };
            format!("stopped following you, {why}")
        }
        TraceStep::Cooled => "their strong bond cooled without two-way contact".to_string(),
        TraceStep::SawAnswer => "saw you answer a friend in public".to_string(),
        TraceStep::SawIgnored => "saw a friend's comment to you left unanswered".to_string(),
    };
    let mut text = what;
    if !did.is_empty() {
        text = format!("{text}: {}", did.join(", "));
    }
    format!("{text}{}", changes(before, after))
}

/// What the person did in a step, from the change it made.
fn reactions(event: &TraceEvent) -> Vec<String> {
    let (before, after) = (&event.before, &event.after);
    let mut did = Vec::new();
    if after.comments > before.comments {
        did.push("commented".to_string());
    } else if after.engagements > before.engagements {
        did.push("reacted".to_string());
    }
    if after.follows && !before.follows {
        did.push("followed you".to_string());
    }
    if !after.follows && before.follows {
        did.push("unfollowed".to_string());
    }
    if after.funnel == Funnel::Lead && before.funnel == Funnel::None {
        did.push("became a lead".to_string());
    }
    did
}

/// A funnel step in words, with the cause it is credited to.
fn funnel_change(event: &TraceEvent) -> String {
    let (before, after) = (&event.before, &event.after);
    let credit = event
        .cause
        .map(|cause| format!(" (last moved by {})", cause.label()))
        .unwrap_or_default();
    match (before.funnel, after.funnel) {
        (Funnel::None, Funnel::Lead) => format!("asked about buying: a lead{credit}"),
        (Funnel::Lead, Funnel::Customer) => format!("bought: a customer{credit}"),
        (Funnel::Customer, Funnel::Advocate) => format!("became an advocate{credit}"),
        (Funnel::Lead, Funnel::None) => "went cold without buying".to_string(),
        (Funnel::Customer | Funnel::Advocate, Funnel::None) => {
            let why = match event.cause {
                Some(Cause::Drift) => "drifted away with no bond to hold them",
                Some(Cause::ReviewStorm) => "unhappy since the review storm",
                Some(Cause::IgnoredComment) => "unhappy since their comment was ignored",
                _ => "unhappy with you",
            };
            let unfollowed = if before.follows && !after.follows {
                " and unfollowed"
            } else {
                ""
            };
            format!("stopped buying ({why}){unfollowed}")
        }
        _ if event.shared => "recommended you to their friends".to_string(),
        _ => "moved in the funnel".to_string(),
    }
}

/// Where a piece of content came from, as the person met it.
fn source(cause: Option<Cause>, friend: Option<u32>) -> String {
    let friend = friend.map(|f| format!(" (#{f})")).unwrap_or_default();
    match cause {
        Some(Cause::FeedPost) => "your post in their feed".to_string(),
        Some(Cause::ConversationStarter) => "your question in their feed".to_string(),
        Some(Cause::DiscoveredPost) => "your post outside their feed".to_string(),
        Some(Cause::FriendShare) => format!("a post a friend{friend} shared"),
        Some(Cause::Recommendation) => format!("a recommendation from an advocate friend{friend}"),
        Some(Cause::Ad) => "your ad".to_string(),
        _ => "something of yours".to_string(),
    }
}

fn plural_source(cause: Option<Cause>) -> &'static str {
    match cause {
        Some(Cause::FeedPost) => "of your posts in their feed",
        Some(Cause::ConversationStarter) => "of your questions in their feed",
        Some(Cause::DiscoveredPost) => "of your posts outside their feed",
        Some(Cause::FriendShare) => "posts friends shared",
        Some(Cause::Recommendation) => "recommendations",
        Some(Cause::Ad) => "of your ads",
        _ => "things of yours",
    }
}

/// The changes worth telling, in brackets: relationship, sentiment, fatigue.
fn changes(before: &Snapshot, after: &Snapshot) -> String {
    let mut parts = Vec::new();
    for (name, from, to) in [
        ("relationship", before.relationship, after.relationship),
        ("sentiment", before.sentiment, after.sentiment),
        ("fatigue", before.fatigue, after.fatigue),
    ] {
        let change = to - from;
        if change.abs() >= 0.005 {
            let sign = if change > 0.0 { "+" } else { "−" };
            parts.push(format!("{name} {sign}{:.2}", change.abs()));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(day: u32, step: TraceStep, cause: Cause, change: impl Fn(&mut Snapshot)) -> TraceEvent {
        let before = Snapshot {
            follows: true,
            relationship: 0.2,
            ..Snapshot::default()
        };
        let mut after = before;
        change(&mut after);
        TraceEvent {
            day,
            step,
            cause: Some(cause),
            before,
            after,
            shared: false,
            friend: None,
        }
    }

    #[test]
    fn a_day_tells_what_happened_through_what_and_what_it_changed() {
        let commented = event(12, TraceStep::Saw, Cause::ConversationStarter, |s| {
            s.engagements += 1;
            s.comments += 1;
            s.relationship += 0.04;
            s.waiting = true;
        });
        let ignored = event(15, TraceStep::Ignored, Cause::IgnoredComment, |s| {
            s.sentiment -= 0.25;
            s.follows = false;
        });
        let lines = entries(&[commented, ignored], 0.6);
        assert_eq!(
            lines[0].text,
            "day 12 — saw your question in their feed: commented (relationship +0.04)"
        );
        assert_eq!(
            lines[1].text,
            "day 15 — their comment waited too long for an answer: unfollowed (sentiment −0.25)"
        );
        assert_eq!(lines[1].cause, Some(Cause::IgnoredComment));
    }

    #[test]
    fn posts_let_pass_on_one_day_are_one_line_and_a_friends_share_names_the_friend() {
        // Each post a little more tiring than the last.
        let tiring = |day, seen: f32| {
            let mut e = event(day, TraceStep::Saw, Cause::FeedPost, |s| {
                s.fatigue = 0.03 * (seen + 1.0);
            });
            e.before.fatigue = 0.03 * seen;
            e
        };
        let mut shared = event(4, TraceStep::Saw, Cause::FriendShare, |_| {});
        shared.friend = Some(4711);
        let lines = entries(
            &[
                tiring(3, 0.0),
                tiring(3, 1.0),
                tiring(3, 2.0),
                tiring(4, 3.0),
                shared,
            ],
            0.6,
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "day 3 — saw 3 of your posts in their feed: let them pass (fatigue +0.09)",
                "day 4 — saw your post in their feed (fatigue +0.03)",
                "day 4 — saw a post a friend (#4711) shared",
            ]
        );
    }

    #[test]
    fn the_step_that_makes_a_bond_strong_says_so_and_no_other() {
        let warm = |day, from: f32, to: f32| {
            let mut e = event(day, TraceStep::Answered, Cause::Reply, |s| s.relationship = to);
            e.before.relationship = from;
            e
        };
        let lines = entries(&[warm(5, 0.3, 0.55), warm(9, 0.55, 0.7), warm(12, 0.7, 0.8)], 0.6);
        let bonded: Vec<u32> = lines
            .iter()
            .filter(|l| l.text.ends_with("a strong relationship now"))
            .map(|l| l.day)
            .collect();
        assert_eq!(bonded, [9]);
    }
}
