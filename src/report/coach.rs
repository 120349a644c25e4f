//! The coach: hints for the week being planned that respond to the state of
//! the game, each with its reason in the run's own numbers. Pure rules over
//! the model's read-only views, so the window only draws them and the tests
//! need no window.
//!
//! Reading the audience walks every person, so it is split from the rules:
//! [`Reading::of`] once a day, [`hints`] every time the plan changes.

pub mod coached;
mod move_kinds;
mod move_words;
pub mod moves;

use crate::sim::{ActionKind, ModelParams, Scenario, Simulation, Target, WeekPlan};
use crate::text::{count, hours, percent};

/// Which rule a hint comes from; the window dismisses hints by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HintKind {
    /// Comments wait for an answer the plan does not give.
    Waiting,
    /// Comments on others' posts go to strangers who hear from the brand once.
    Strangers,
    /// Hours of the week are left unspent.
    Unspent,
    /// Followers tire of scheduled batches.
    Fatigue,
    /// The brand does not know yet what its groups like.
    Listening,
    /// The brand has never hosted a live session, and bonds are few.
    LiveSession,
    /// Sentiment stays where it is although nearly every comment is answered.
    FlatSentiment,
}

/// One piece of advice and its reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    pub kind: HintKind,
    pub text: String,
}

/// Insight (0..1) below which the brand counts as not having listened yet.
pub const LOW_INSIGHT: f32 = 0.1;

/// Mean follower fatigue (0..1) from which the coach warns about it.
pub const TIRING_FATIGUE: f64 = 0.1;

/// What the coach reads from the audience: how often people heard from the
/// brand, and how tired its followers are.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reading {
    /// People who had at least one two-way contact (a reply or a comment of
    /// the brand on their post).
    pub contacted: u64,
    /// People who had exactly one.
    pub once: u64,
    /// People who had at least [`contacts_for_strong_bond`] of them.
    pub enough: u64,
    /// People who follow now, and their mean fatigue.
    pub followers: u64,
    pub follower_fatigue: f64,
}

impl Reading {
    /// Reads the audience (one pass over everyone).
    pub fn of(simulation: &Simulation) -> Reading {
        let audience = simulation.audience();
        let needed = contacts_for_strong_bond(&simulation.scenario().model);
        let mut reading = Reading::default();
        let mut fatigue = 0.0f64;
        for i in 0..audience.len() {
            let story = audience.story(i);
            let contacts = u32::from(story.brand_contacts) + u32::from(story.replies_received);
            if contacts >= 1 {
                reading.contacted += 1;
            }
            if contacts == 1 {
                reading.once += 1;
            }
            if contacts >= needed {
                reading.enough += 1;
            }
            if audience.follows(i) {
                reading.followers += 1;
                fatigue += f64::from(audience.fatigue(i));
            }
        }
        if reading.followers > 0 {
            reading.follower_fatigue = fatigue / reading.followers as f64;
        }
        reading
    }
}

/// About how many two-way contacts take a stranger to a strong bond: each
/// contact adds its gain of what is left to the relationship, so after `n`
/// contacts of gain `g` it is `1 - (1 - g)^n`. Counted with the weaker of an
/// answer and a comment on their post, and without the slow fading between
/// contacts (so it is a lower bound).
pub fn contacts_for_strong_bond(params: &ModelParams) -> u32 {
    params.exchanges_for_strong_bond(0.0)
}

/// The plan the coach judges: the one being written.
fn planned(plan: &WeekPlan, kind: ActionKind) -> impl Iterator<Item = &crate::sim::PlannedAction> {
    plan.actions.iter().filter(move |a| a.kind == kind)
}

/// The hints for `plan`, the next week of `simulation`, in a fixed order.
pub fn hints(simulation: &Simulation, reading: &Reading, plan: &WeekPlan) -> Vec<Hint> {
    let mut out = Vec::new();
    out.extend(waiting(simulation, plan));
    out.extend(strangers(simulation, reading, plan));
    out.extend(unspent(simulation, plan));
    out.extend(fatigue(simulation, reading));
    out.extend(listening(simulation, plan));
    out.extend(live_session(simulation, plan));
    out.extend(flat_sentiment(simulation));
    out
}

/// The hints that still help while a week plays (nothing can be added to
/// the plan then, so only what to watch for). Replies still to come this
/// week count against the comments waiting.
pub fn running_hints(simulation: &Simulation, reading: &Reading) -> Vec<Hint> {
    let played = simulation.days_played();
    let rest = WeekPlan {
        actions: simulation
            .current_plan()
            .map(|plan| plan.actions.iter().filter(|a| a.day >= played).copied().collect())
            .unwrap_or_default(),
    };
    let mut out = Vec::new();
    out.extend(waiting(simulation, &rest));
    out.extend(fatigue(simulation, reading));
    out
}

/// Comments wait and the plan answers fewer of them than wait.
fn waiting(simulation: &Simulation, plan: &WeekPlan) -> Option<Hint> {
    let waiting = simulation.pending_comments();
    let scenario = simulation.scenario();
    let per_batch = u64::from(scenario.actions.spec(ActionKind::Reply).batch);
    let answers = planned(plan, ActionKind::Reply).count() as u64 * per_batch;
    if waiting == 0 || answers >= waiting {
        return None;
    }
    let p = &scenario.model;
    let comments = if waiting == 1 {
        "1 comment is waiting for an answer".to_string()
    } else {
        format!("{} comments are waiting for an answer", count(waiting))
    };
    let planned_now = if answers > 0 {
        format!(" and the plan answers {}", count(answers))
    } else {
        String::new()
    };
    Some(Hint {
        kind: HintKind::Waiting,
        text: format!(
            "{comments}{planned_now}. A comment left unanswered for {} days costs its writer \
             {:.2} sentiment and {:.2} relationship, and {} of them unfollow. One reply batch \
             answers {}.",
            p.reply_patience_days,
            p.sentiment_per_unanswered,
            p.relationship_per_unanswered,
            percent(f64::from(p.unfollow_when_ignored)),
            count(per_batch),
        ),
    })
}

/// Comments on others' posts aimed at everyone land on people drawn at
/// random, so most hear from the brand once; a bond needs several contacts.
fn strangers(simulation: &Simulation, reading: &Reading, plan: &WeekPlan) -> Option<Hint> {
    let scattered =
        |plan: &WeekPlan| planned(plan, ActionKind::EngageOthers).any(|a| a.target == Target::Everyone);
    // The plan being written, or the last week played if this one has no
    // comments on others' posts yet.
    let aimed_wide = scattered(plan)
        || (planned(plan, ActionKind::EngageOthers).next().is_none()
            && simulation.plans().last().is_some_and(scattered));
    if !aimed_wide {
        return None;
    }
    let mostly_once = reading.contacted == 0 || reading.once * 2 > reading.contacted;
    if !mostly_once {
        return None;
    }
    let needed = contacts_for_strong_bond(&simulation.scenario().model);
    let people = count(simulation.audience().len() as u64);
    let so_far = if reading.contacted == 0 {
        String::new()
    } else {
        format!(
            " So far {} people heard from you: {} of them once, {} at least {needed} times.",
            count(reading.contacted),
            count(reading.once),
            count(reading.enough),
        )
    };
    Some(Hint {
        kind: HintKind::Strangers,
        text: format!(
            "Comments on others' posts aimed at everyone go to people picked at random from all \
             {people} people, so few hear from you twice.{so_far} A strong bond takes about {needed} \
             exchanges with the same person: aim them at followers, where you go back to the \
             people you remember talking with."
        ),
    })
}

/// Hours are left that would still buy an action.
fn unspent(simulation: &Simulation, plan: &WeekPlan) -> Option<Hint> {
    let scenario: &Scenario = simulation.scenario();
    if plan.actions.is_empty() {
        return None;
    }
    let cost = plan.total_cost(&scenario.actions);
    let left = scenario.hours_per_week - cost.hours;
    let money_left = scenario.money_per_week - cost.money;
    let cheapest = ActionKind::ALL
        .into_iter()
        .map(|kind| crate::sim::PlannedAction::new(kind, 0, 0))
        .map(|action| scenario.actions.cost(&action))
        .filter(|c| c.money <= money_left + 1e-9)
        .map(|c| c.hours)
        .fold(f64::INFINITY, f64::min);
    if !cheapest.is_finite() || left + 1e-9 < cheapest {
        return None;
    }
    Some(Hint {
        kind: HintKind::Unspent,
        text: format!(
            "{} of the week's {} are still unspent, and hours do not carry over to next week. \
             The cheapest action that still fits takes {}.",
            hours(left),
            hours(scenario.hours_per_week),
            hours(cheapest),
        ),
    })
}

/// Followers are tired after last week's scheduled batches.
fn fatigue(simulation: &Simulation, reading: &Reading) -> Option<Hint> {
    let scheduled = simulation
        .plans()
        .last()
        .map_or(0, |plan| planned(plan, ActionKind::Schedule).count());
    if scheduled == 0 || reading.followers == 0 || reading.follower_fatigue < TIRING_FATIGUE {
        return None;
    }
    let p = &simulation.scenario().model;
    let batches = if scheduled == 1 {
        "1 scheduled batch".to_string()
    } else {
        format!("{scheduled} scheduled batches")
    };
    let unfollows: u64 = simulation
        .history()
        .iter()
        .rev()
        .take(7)
        .map(|d| d.unfollows)
        .sum();
    Some(Hint {
        kind: HintKind::Fatigue,
        text: format!(
            "After {batches}, your {} followers' fatigue averages {:.2} (0 is fresh, 1 worn \
             out); {} people unfollowed in the last 7 days. Tired people react less and leave, \
             and an automated post tires {:.2} times as much as a hand-made one.",
            count(reading.followers),
            reading.follower_fatigue,
            count(unfollows),
            p.scheduled_fatigue_factor,
        ),
    })
}

/// The brand has not listened yet and the plan does not either.
fn listening(simulation: &Simulation, plan: &WeekPlan) -> Option<Hint> {
    let insight = &simulation.brand().insight;
    let best = insight.iter().copied().fold(0.0f32, f32::max);
    if best >= LOW_INSIGHT || planned(plan, ActionKind::Research).next().is_some() {
        return None;
    }
    let scenario = simulation.scenario();
    let p = &scenario.model;
    let research = scenario.actions.spec(ActionKind::Research).hours;
    let gain = (f64::from(p.insight_per_research_hour) * research).min(1.0);
    Some(Hint {
        kind: HintKind::Listening,
        text: format!(
            "You know little yet about what your groups like (best insight {}): what you choose \
             to post, and in what tone, rests on guesses. One audience research ({}) moves what \
             you believe {} of the way toward what every group really likes.",
            percent(f64::from(best)),
            hours(research),
            percent(gain),
        ),
    })
}

/// The brand has never hosted a live session, the plan does not either,
/// it has followers to offer one to, and strong bonds are short of the goal
/// (or, without such a goal, fewer than one in ten followers).
fn live_session(simulation: &Simulation, plan: &WeekPlan) -> Option<Hint> {
    let hosted = |plan: &WeekPlan| planned(plan, ActionKind::LiveEvent).next().is_some();
    if hosted(plan) || simulation.plans().iter().any(hosted) {
        return None;
    }
    let scenario = simulation.scenario();
    let latest = simulation.latest();
    let wanted = scenario
        .goals
        .iter()
        .find(|g| g.metric == crate::sim::GoalMetric::StrongRelationships)
        .map_or(latest.followers.div_ceil(10), |g| g.target.ceil() as u64);
    if latest.followers == 0 || latest.strong_relationships >= wanted {
        return None;
    }
    let p = &scenario.model;
    Some(Hint {
        kind: HintKind::LiveSession,
        text: format!(
            "You have {} strong relationships and have not hosted a live session yet. One ({}) is \
             offered to your {} followers: those online that day who like to talk join, and people \
             who know you join more readily. Joining is an exchange, worth {:.2} of what is left of \
             their bond (an answer is worth {:.2}). Answer the comments that follow: about {} \
             exchanges with the same person make a strong bond.",
            count(latest.strong_relationships),
            hours(scenario.actions.spec(ActionKind::LiveEvent).hours),
            count(latest.followers),
            p.relationship_per_live,
            p.relationship_per_reply,
            contacts_for_strong_bond(p),
        ),
    })
}

/// Days over which sentiment counts as flat.
pub const FLAT_DAYS: usize = 14;

/// The most sentiment may move over [`FLAT_DAYS`] and still count as flat.
pub const FLAT_SENTIMENT: f64 = 0.02;

/// Sentiment moved less than [`FLAT_SENTIMENT`] over the last
/// [`FLAT_DAYS`] days although at least four in five comments were answered
/// in time: says why (the mean is over everyone who knows the brand, the
/// answers reach few of them, and everyone's feeling drifts back) and what
/// reaches more of them.
fn flat_sentiment(simulation: &Simulation) -> Option<Hint> {
    let history = simulation.history();
    if history.len() <= FLAT_DAYS {
        return None;
    }
    let days = &history[history.len() - FLAT_DAYS..];
    let before = history[history.len() - FLAT_DAYS - 1].sentiment;
    let (low, high) = days.iter().fold((before, before), |(lo, hi), d| {
        (lo.min(d.sentiment), hi.max(d.sentiment))
    });
    let comments: u64 = days.iter().map(|d| d.comments).sum();
    let unanswered: u64 = days.iter().map(|d| d.unanswered).sum();
    let answered = comments.saturating_sub(unanswered);
    if high - low > FLAT_SENTIMENT || comments < 10 || answered * 5 < comments * 4 {
        return None;
    }
    let known = simulation.ledger().counts.known;
    if known == 0 {
        return None;
    }
    let p = &simulation.scenario().model;
    Some(Hint {
        kind: HintKind::FlatSentiment,
        text: format!(
            "Sentiment stayed between {low:+.2} and {high:+.2} over the last {} days, although about \
             {} of the {} comments were answered in time. It is the mean feeling of the {} people \
             who know your brand: those answers warmed at most {} of them, and every night \
             everyone's feeling drifts {} of the way back to neutral. To move the mean, reach many \
             at once: each who joins a live session warms as much as from an answer, and friends \
             who see you answer in public warm by {:.2}.",
            FLAT_DAYS,
            count(answered),
            count(comments),
            count(known),
            percent(answered as f64 / known as f64),
            percent(f64::from(p.sentiment_drift_per_day)),
            p.sentiment_per_answer_seen,
        ),
    })
}

#[cfg(test)]
mod tests;
