//! Every sentence the game tells the player about a run: the week report's
//! notable events and claims, the debrief's verdicts, the inspector's story
//! of one person and the replay browser's week lines. Pure functions over
//! the model's read-only views, so the window, the command line and the
//! tests say the same thing.

use super::weekly::{WeekRow, weekly_rows};
use crate::claims;
use crate::sim::{ActionKind, DayMetrics, GoalMetric, Simulation};

/// How a line cites claims: their codes and the title of the last, as the
/// claim checker defines it (`C5 and C8 — relationships take time`), so a
/// claim's words are written once.
pub fn cite(ids: &[&str]) -> String {
    let title = ids
        .last()
        .and_then(|id| claims::claim(id))
        .map_or("", |c| c.title);
    let codes = match ids {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    };
    format!("{codes} — {title}")
}

/// A week counts as "a presence, not a network" (C16) when more than this
/// share of its hours went to broadcasting: a week that is mostly talk
/// cannot illustrate the claim even if it added no strong bond.
pub const BROADCAST_HEAVY_WEEK: f64 = 0.7;

/// A whole run illustrates C16 when more than this share of its hours went
/// to broadcasting; lower than the week's bar, since a run mixes weeks.
pub const BROADCAST_HEAVY_RUN: f64 = 0.6;

/// A run illustrates "both together" (C17 and C20) when it gave more than
/// this share of its hours to broadcasting...
pub const BOTH_BROADCAST_SHARE: f64 = 0.15;

/// ...and more than this share to conversation: enough of each that both
/// reach and relationships could grow.
pub const BOTH_CONVERSATION_SHARE: f64 = 0.3;

/// Divides by the hours of a run that spent none without dividing by zero.
const NO_HOURS: f64 = 1e-9;

/// A goal's value or target as people read it: counts as whole numbers,
/// levels with two decimals (sentiment signed), rates in per cent.
pub fn goal_number(metric: GoalMetric, value: f64) -> String {
    match metric {
        GoalMetric::Followers
        | GoalMetric::Leads
        | GoalMetric::Customers
        | GoalMetric::StrongRelationships
        | GoalMetric::Advocates => format!("{value:.0}"),
        GoalMetric::Sentiment => format!("{value:+.2}"),
        GoalMetric::RelationshipIndex | GoalMetric::Roi => format!("{value:.2}"),
        GoalMetric::EngagementRate => format!("{:.1}%", value * 100.0),
    }
}

/// The week's notable events, in sentences.
pub fn notable_events(row: &WeekRow) -> Vec<String> {
    let mut lines = vec![format!(
        "Your brand was seen {} times by {} people; they reacted {} times ({:.1}% of organic impressions).",
        row.impressions,
        row.reach,
        row.engagements,
        row.engagement_rate * 100.0
    )];
    if row.comments > 0 {
        let mut line = format!("{} comments came in; you answered {}.", row.comments, row.replies);
        if row.unanswered > 0 {
            line.push_str(&format!(
                " {} waited too long for an answer and their writers cooled on you.",
                row.unanswered
            ));
        }
        lines.push(line);
    }
    lines.push(format!(
        "{} people followed you and {} left: {} followers now ({:+}).",
        row.new_followers, row.unfollows, row.followers, row.follower_growth
    ));
    if row.ad_impressions > 0 {
        lines.push(format!(
            "Ads were shown {} times and clicked {} times ({:.2}%).",
            row.ad_impressions,
            row.ad_clicks,
            row.ctr * 100.0
        ));
    }
    if row.new_leads + row.new_customers > 0 {
        lines.push(format!(
            "{} new leads and {} new customers.",
            row.new_leads, row.new_customers
        ));
    }
    if row.repeat_purchases > 0 {
        lines.push(format!(
            "Customers bought again {} times: loyal customers are worth more than one sale.",
            row.repeat_purchases
        ));
    }
    if row.churned_customers > 0 {
        lines.push(format!(
            "{} customers lapsed (an unhappy customer leaves; one with no bond slowly drifts away).",
            row.churned_customers
        ));
    }
    if row.connection_requests > 0 {
        lines.push(format!(
            "You sent {} connection requests; {} accepted and now follow you (a connection is not yet a relationship).",
            row.connection_requests, row.connections_accepted
        ));
    }
    lines.push(format!(
        "{} people now have a strong relationship with you; community sentiment is {:+.2}.",
        row.strong_relationships, row.sentiment
    ));
    lines
}

/// The notable events of the last finished week of a history (the replay
/// browser's lines); none before the first week ends.
pub fn last_week_events(history: &[DayMetrics]) -> Vec<String> {
    weekly_rows(history)
        .last()
        .map(notable_events)
        .unwrap_or_default()
}

/// The claims this week illustrated, with the week's numbers.
pub fn claims_of_week(row: &WeekRow, previous: Option<&WeekRow>) -> Vec<String> {
    let mut lines = Vec::new();
    let hours = row.hours_broadcast + row.hours_conversation + row.hours_listening;
    let new_bonds = row.strong_relationships as i64 - previous.map_or(0, |p| p.strong_relationships as i64);
    if row.unanswered > 0 {
        lines.push(format!(
            "{}: {} comments went unanswered this week.",
            cite(&["C2"]),
            row.unanswered
        ));
    }
    if hours > 0.0 && row.hours_broadcast / hours > BROADCAST_HEAVY_WEEK && new_bonds <= 0 {
        lines.push(format!(
            "{}: {:.0} hours of broadcasting added {:+} followers but no strong bond.",
            cite(&["C16"]),
            row.hours_broadcast,
            row.follower_growth
        ));
    }
    if row.hours_conversation > 0.0 && new_bonds > 0 {
        lines.push(format!(
            "{}: {:.0} hours of conversation added {new_bonds} strong relationships.",
            cite(&["C5", "C8"]),
            row.hours_conversation
        ));
    }
    if row.ad_impressions > 0 {
        lines.push(format!(
            "{}: ads bought {} impressions; {:.2}% were clicked.",
            cite(&["C6"]),
            row.ad_impressions,
            row.ctr * 100.0
        ));
    }
    if row.hours_listening > 0.0 {
        lines.push(format!(
            "{}: {:.0} hours of listening make what you post from now on fit your audience better.",
            cite(&["C15"]),
            row.hours_listening
        ));
    }
    lines
}

/// The claims this run illustrated, each with the run's own numbers (the
/// debrief's "What your run showed").
pub fn claims_illustrated(simulation: &Simulation) -> Vec<String> {
    let kpis = simulation.kpis_live();
    let hours = kpis.hours;
    let total = hours.total().max(NO_HOURS);
    let mut lines = Vec::new();
    let strong_per_100 = 100.0 * kpis.strong_relationships as f64 / kpis.followers.max(1) as f64;
    if hours.broadcast / total > BROADCAST_HEAVY_RUN {
        lines.push(format!(
            "{}: {:.0}% of your hours went to broadcasting; you reached {} followers but only {:.1} in 100 have a strong bond with you.",
            cite(&["C16"]),
            100.0 * hours.broadcast / total,
            kpis.followers,
            strong_per_100
        ));
    }
    if hours.conversation > 0.0 {
        lines.push(format!(
            "{}: {:.0} hours of conversation built {} strong relationships ({:.1} per hour).",
            cite(&["C5", "C8"]),
            hours.conversation,
            kpis.strong_relationships,
            kpis.strong_relationships as f64 / hours.conversation
        ));
    }
    let scheduled = simulation
        .plans()
        .iter()
        .flat_map(|p| &p.actions)
        .filter(|a| a.kind == ActionKind::Schedule)
        .count();
    if scheduled > 0 {
        let batch = simulation.scenario().actions.spec(ActionKind::Schedule).batch as usize;
        lines.push(format!(
            "{}: {} scheduled posts cost you {} hours.",
            cite(&["C7"]),
            scheduled * batch,
            scheduled
        ));
    }
    if kpis.money_spent > 0.0 {
        lines.push(format!(
            "{}: {:.2}% of ad impressions were clicked; return on spend was {:+.2}.",
            cite(&["C6"]),
            kpis.ctr * 100.0,
            kpis.roi
        ));
    }
    if hours.listening > 0.0 {
        lines.push(format!(
            "{}: {:.0} hours of research made everything you posted fit better.",
            cite(&["C15"]),
            hours.listening
        ));
    }
    let unanswered: u64 = simulation.history().iter().map(|d| d.unanswered).sum();
    if unanswered > 0 {
        lines.push(format!(
            "{}: {unanswered} comments went unanswered, and each cost you some goodwill.",
            cite(&["C2"])
        ));
    }
    if hours.broadcast / total > BOTH_BROADCAST_SHARE && hours.conversation / total > BOTH_CONVERSATION_SHARE
    {
        lines.push(format!(
            "{}: you broadcast to be seen and talked to be trusted, for a score of {:.2}.",
            cite(&["C17", "C20"]),
            kpis.score
        ));
    }
    lines
}

/// One person's state and story, in plain words: who they are, their
/// numbers, and what happened between them and the brand (the inspector).
pub fn person_story(simulation: &Simulation, agent: u32) -> [String; 3] {
    let audience = simulation.audience();
    let i = agent as usize;
    let scenario = simulation.scenario();
    let params = &scenario.model;
    let stage = audience.stage(i, params.aware_threshold, params.engaged_threshold);
    let segment = &scenario.segments[audience.segment[i] as usize].name;
    let who = format!("Person #{agent}, {segment}: {}", stage.label());
    let numbers = format!(
        "awareness {:.2} · relationship {:.2} · sentiment {:+.2} · fatigue {:.2}",
        audience.awareness[i], audience.relationship[i], audience.sentiment[i], audience.fatigue[i]
    );
    let s = &audience.story[i];
    let mut story = format!(
        "Saw {} of your posts, reacted {} times, commented {} times; {} got an answer, {} were ignored; you reached out {} times.",
        s.posts_seen, s.engagements, s.comments, s.replies_received, s.ignored, s.brand_contacts
    );
    // Story days are stored as day + 1, so 0 means it never happened.
    for (day, what) in [
        (s.followed_day, "followed you"),
        (s.unfollowed_day, "unfollowed"),
        (s.lead_day, "asked about buying"),
        (s.customer_day, "bought"),
    ] {
        if day > 0 {
            story.push_str(&format!(" {} on day {day}.", capitalize(what)));
        }
    }
    if audience.comment_since[i] > 0 {
        story.push_str(" A comment of theirs is waiting for an answer.");
    }
    [who, numbers, story]
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

#[cfg(test)]
mod tests;
