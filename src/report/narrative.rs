//! Every sentence the game tells the player about a run: the week report's
//! notable events (its claims and the debrief's verdicts are
//! `claims::verdict`'s, which judges them), the inspector's story
//! of one person and the replay browser's week lines. Pure functions over
//! the model's read-only views, so the window, the command line and the
//! tests say the same thing.

use super::weekly::{WeekRow, weekly_rows};
use crate::sim::{Attribution, Cause, DayMetrics, Outcome, Simulation};
use crate::text::{capitalize, count, counted, signed, times};

/// The week's notable events, in sentences.
pub fn notable_events(row: &WeekRow) -> Vec<String> {
    // Impressions are the posts' and ads' views; the people reached also
    // count those met only in conversation, so the sentence says both.
    let mut lines = vec![format!(
        "Your posts, ads and conversation were seen {}, and {} saw them or heard from you; they reacted {}, and your posts drew a reaction from {:.1}% of their impressions (the engagement rate, this week).",
        times(row.impressions),
        counted(row.people_reached, "person", "people"),
        times(row.engagements),
        row.engagement_rate * 100.0
    )];
    if let Some(line) = comments_line(row) {
        lines.push(line);
    }
    lines.push(format!(
        "{} followed you and {} left: {} now ({}).",
        counted(row.new_followers, "person", "people"),
        count(row.unfollows),
        counted(row.followers, "follower", "followers"),
        signed(row.follower_growth)
    ));
    if row.ad_impressions > 0 {
        lines.push(format!(
            "Ads were shown {} and clicked {} ({:.2}%).",
            times(row.ad_impressions),
            times(row.ad_clicks),
            row.ctr * 100.0
        ));
    }
    if row.new_leads + row.new_customers > 0 {
        lines.push(format!(
            "{} and {}.",
            counted(row.new_leads, "new lead", "new leads"),
            counted(row.new_customers, "new customer", "new customers")
        ));
    }
    if row.cooled_leads > 0 {
        lines.push(format!(
            "{} cold without buying: the weaker a lead's bond with you, the sooner they cool.",
            counted(row.cooled_leads, "lead went", "leads went")
        ));
    }
    if row.repeat_purchases > 0 {
        lines.push(format!(
            "Customers bought again {}: loyal customers are worth more than one sale.",
            times(row.repeat_purchases)
        ));
    }
    lines.extend(lapsed_line(row));
    if row.connection_requests > 0 {
        lines.push(format!(
            "You sent {}; {} accepted and now follow you (a connection is not yet a relationship).",
            counted(
                row.connection_requests,
                "connection request",
                "connection requests"
            ),
            count(row.connections_accepted)
        ));
    }
    lines.push(format!(
        "{} a strong relationship with you; community sentiment is {:+.2}.",
        counted(row.strong_relationships, "person now has", "people now have"),
        row.sentiment
    ));
    lines
}

/// Customers who stopped buying: those who left the brand (unhappy, or
/// drifting away without a bond) and those a rival won over, each said
/// for what it is.
fn lapsed_line(row: &WeekRow) -> Option<String> {
    let to_rivals = row
        .attribution
        .get(Outcome::Lapse, Cause::Rival)
        .min(row.churned_customers);
    let left = row.churned_customers - to_rivals;
    let rivals = (to_rivals > 0).then(|| {
        format!(
            "{} to a rival",
            counted(to_rivals, "customer went", "customers went")
        )
    });
    match (left, rivals) {
        (0, None) => None,
        (0, Some(rivals)) => Some(format!("{}.", capitalize(&rivals))),
        (left, rivals) => Some(format!(
            "{} (an unhappy customer leaves; one with no bond slowly drifts away){}.",
            counted(left, "customer lapsed", "customers lapsed"),
            rivals.map_or(String::new(), |r| format!("; {r}"))
        )),
    }
}

/// What came of the comments: this week's, and those still waiting from
/// earlier weeks. Replies answer the oldest waiting comments first, so a
/// week's replies can outnumber its own comments; they never outnumber
/// the two together, and the sentence names both.
fn comments_line(row: &WeekRow) -> Option<String> {
    let waiting = row.comments_waiting_before;
    let new = row.comments + row.complaints;
    let came_in = if row.complaints > 0 {
        format!(
            "{} comments and {} complaints came in",
            count(row.comments),
            count(row.complaints)
        )
    } else {
        format!("{} comments came in", count(row.comments))
    };
    let mut line = match (new, waiting) {
        (0, 0) => return None,
        (0, _) if row.replies == 0 && row.unanswered == 0 => return None,
        (0, _) if row.replies == 0 => format!(
            "No new comments came in, and none of the {} still waiting from earlier weeks was answered.",
            count(waiting)
        ),
        (0, _) => format!(
            "No new comments came in; you answered {} of the {} still waiting from earlier weeks.",
            count(row.replies),
            count(waiting)
        ),
        (_, 0) => format!("{came_in}; you answered {}.", count(row.replies)),
        (_, _) => format!(
            "{came_in} and {} from earlier weeks were still waiting; you answered {} of these {}.",
            count(waiting),
            count(row.replies),
            count(new + waiting)
        ),
    };
    if row.unanswered > 0 {
        line.push_str(&format!(
            " {} waited too long for an answer and their writers cooled on you.",
            count(row.unanswered)
        ));
    }
    Some(line)
}

/// The notable events of the last finished week of a history (the replay
/// browser's lines); none before the first week ends.
pub fn last_week_events(history: &[DayMetrics]) -> Vec<String> {
    weekly_rows(history)
        .last()
        .map(notable_events)
        .unwrap_or_default()
}

/// One person's state and story, in plain words: who they are, their
/// numbers, and what happened between them and the brand (the inspector).
pub fn person_story(simulation: &Simulation, agent: u32) -> [String; 3] {
    let audience = simulation.audience();
    let i = agent as usize;
    let scenario = simulation.scenario();
    let params = &scenario.model;
    let stage = audience.stage(i, params.aware_threshold, params.engaged_threshold);
    let segment = &scenario.segments[audience.segment(i) as usize].name;
    let who = format!("Person #{agent}, {segment}: {}", stage.label());
    let levels = audience.levels(i);
    let numbers = format!(
        "awareness {:.2} · relationship {:.2} · sentiment {:+.2} · fatigue {:.2}",
        levels.awareness, levels.relationship, levels.sentiment, levels.fatigue
    );
    let s = &audience.story(i);
    let mut story = format!(
        "Saw your posts or ads {}, reacted {}, commented {}; {} got an answer, {} ignored; you reached out {}.",
        times(u64::from(s.posts_seen)),
        times(u64::from(s.engagements)),
        times(u64::from(s.comments)),
        count(u64::from(s.replies_received)),
        count(u64::from(s.ignored)),
        times(u64::from(s.brand_contacts))
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
    if audience.comment_since(i) > 0 {
        story.push_str(" A comment of theirs is waiting for an answer.");
    }
    [who, numbers, story]
}

/// Net changes beside the gross counts they come from, where both are
/// shown: "Followers: +40 net (62 gained, 22 lost)." One line per measure
/// that moved; a measure that did not move is left out.
pub fn net_lines(attribution: &Attribution) -> Vec<String> {
    [
        (
            "Followers",
            Outcome::Follower,
            Outcome::Unfollow,
            "gained",
            "lost",
        ),
        (
            "Strong relationships",
            Outcome::StrongGained,
            Outcome::StrongLost,
            "made",
            "lost",
        ),
        (
            "Customers now",
            Outcome::Customer,
            Outcome::Lapse,
            "new",
            "lapsed",
        ),
        (
            "Advocates",
            Outcome::Advocate,
            Outcome::AdvocateLost,
            "new",
            "lost",
        ),
    ]
    .into_iter()
    .filter_map(|(what, up, down, gained, lost)| {
        let (up, down) = (attribution.total(up), attribution.total(down));
        (up + down > 0).then(|| {
            format!(
                "{what}: {} net ({} {gained}, {} {lost}).",
                signed(up as i64 - down as i64),
                count(up),
                count(down)
            )
        })
    })
    .collect()
}

/// How a rewound game stands beside its original: which weeks they share,
/// and how far each went. `original_weeks`: the weeks the original played
/// before it was rewound; `this_weeks`: the weeks this game has played.
pub fn branch_sentence(
    original_player: &str,
    weeks_shared: u32,
    original_weeks: u32,
    this_weeks: u32,
    scenario_weeks: u32,
) -> String {
    let shared = match weeks_shared {
        0 => format!("Played again from the start of {original_player}'s game."),
        1 => format!("Week 1 as in {original_player}'s game; from week 2 on, played again."),
        weeks => format!(
            "Weeks 1 to {weeks} as in {original_player}'s game; from week {} on, played again.",
            weeks + 1
        ),
    };
    let original = if original_weeks >= scenario_weeks {
        format!("The original was played to the end (week {original_weeks} of {scenario_weeks})")
    } else {
        format!(
            "The original stopped after week {original_weeks} of {scenario_weeks}, so its figures and \
             lines end there"
        )
    };
    format!("{shared} {original}; this game has played {this_weeks} of {scenario_weeks} weeks.")
}

/// A ghost as charts and legends name it, so that in a market it is never
/// taken for a rival: "ghost: the networker".
pub fn ghost_label(name: &str) -> String {
    format!("ghost: {name}")
}

/// What the thin lines of a chart are, said under it.
pub fn thin_lines_note(ghosts: bool, original: bool) -> Option<&'static str> {
    match (ghosts, original) {
        (true, true) => Some(
            "Thin lines: the original game, and the ghosts — the built-in strategies, each played alone on \
             your scenario and seed (not rivals).",
        ),
        (true, false) => Some(
            "Thin lines: the ghosts — the built-in strategies, each played alone on your scenario and seed \
             (not rivals).",
        ),
        (false, true) => Some("Thin line: the original game."),
        (false, false) => None,
    }
}

/// Test games and week rows, shared with the claims' verdict tests.
#[cfg(test)]
pub(crate) mod tests;
