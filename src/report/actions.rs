//! A week's actions in words, by kind: "published 3 posts, hosted 1 live
//! session and answered comments twice". One table of phrases for every
//! kind of action, in the past (what a brand did) and the present (what a
//! rival's strategy does), shared by the week report's "What happened", the
//! rivals' week and the rivals' rules.

use crate::sim::{ActionCatalog, ActionKind, Family, WeekPlan};
use crate::text::{count, counted, hours, times};

/// What a brand did in one week, counted from its plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekSummary {
    /// Actions of each kind, in the order of `ActionKind::ALL`.
    pub counts: [u32; ActionKind::ALL.len()],
    pub money: f64,
    /// Hours by family, in the order of `Family::ALL`.
    pub hours: [f64; 3],
}

impl WeekSummary {
    /// How many actions of `kind` the week had.
    pub fn of(&self, kind: ActionKind) -> u32 {
        self.counts[kind.index()]
    }

    /// Every action of the week.
    pub fn actions(&self) -> u32 {
        self.counts.iter().sum()
    }

    pub fn total_hours(&self) -> f64 {
        self.hours.iter().sum()
    }
}

/// Counts a week's plan by kind and sums its costs.
pub fn summarise(plan: &WeekPlan, catalog: &ActionCatalog) -> WeekSummary {
    let mut summary = WeekSummary::default();
    for action in &plan.actions {
        summary.counts[action.kind.index()] += 1;
        let cost = catalog.cost(action);
        summary.money += cost.money;
        let family = Family::ALL
            .iter()
            .position(|&f| f == action.kind.family())
            .unwrap_or(0);
        summary.hours[family] += cost.hours;
    }
    summary
}

/// How actions of one kind are told.
enum Told {
    /// A verb and a counted thing: "published" 3 "posts".
    Counted {
        past: &'static str,
        present: &'static str,
        one: &'static str,
        many: &'static str,
    },
    /// A verb phrase and how often: "answered comments" twice.
    Often {
        past: &'static str,
        present: &'static str,
    },
}

/// The one table of phrases, by kind.
fn told(kind: ActionKind) -> Told {
    let counted = |past, present, one, many| Told::Counted {
        past,
        present,
        one,
        many,
    };
    match kind {
        ActionKind::Publish => counted("published", "publishes", "post", "posts"),
        ActionKind::Schedule => counted("scheduled", "schedules", "batch of posts", "batches of posts"),
        ActionKind::Ad => counted("ran", "buys", "ad", "ads"),
        ActionKind::StartConversation => counted("started", "starts", "conversation", "conversations"),
        ActionKind::Reply => Told::Often {
            past: "answered comments",
            present: "answers comments",
        },
        ActionKind::EngageOthers => Told::Often {
            past: "commented on others' posts",
            present: "comments on others' posts",
        },
        ActionKind::LiveEvent => counted("hosted", "hosts", "live session", "live sessions"),
        ActionKind::Research => Told::Often {
            past: "did audience research",
            present: "does audience research",
        },
        ActionKind::Connect => counted(
            "sent",
            "sends",
            "batch of connection requests",
            "batches of connection requests",
        ),
    }
}

/// "published 3 posts", "answered comments twice".
pub fn did(kind: ActionKind, n: u32) -> String {
    match told(kind) {
        Told::Counted { past, one, many, .. } => format!("{past} {}", counted(u64::from(n), one, many)),
        Told::Often { past, .. } => format!("{past} {}", times(u64::from(n))),
    }
}

/// "publishes 3 posts", "answers comments twice".
pub fn does(kind: ActionKind, n: u32) -> String {
    match told(kind) {
        Told::Counted {
            present, one, many, ..
        } => format!("{present} {}", counted(u64::from(n), one, many)),
        Told::Often { present, .. } => format!("{present} {}", times(u64::from(n))),
    }
}

/// "publishes as many posts as it can", "answers comments as often as it can".
pub fn does_all_it_can(kind: ActionKind) -> String {
    match told(kind) {
        Told::Counted { present, many, .. } => format!("{present} as many {many} as its budget allows"),
        Told::Often { present, .. } => format!("{present} as often as its budget allows"),
    }
}

/// The kind's present verb alone with no count ("answers comments").
pub fn does_phrase(kind: ActionKind) -> &'static str {
    match told(kind) {
        Told::Counted { present, .. } | Told::Often { present, .. } => present,
    }
}

/// Joins `a`, `a and b`, `a, b and c`.
pub fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Every kind the week had, in the order of `ActionKind::ALL`: "published 3
/// posts, hosted 1 live session and answered comments twice"; empty for an
/// empty week.
pub fn actions_list(week: &WeekSummary) -> String {
    let parts: Vec<String> = ActionKind::ALL
        .iter()
        .filter(|&&kind| week.of(kind) > 0)
        .map(|&kind| did(kind, week.of(kind)))
        .collect();
    and_list(&parts)
}

/// ", spending 80 money", or nothing when nothing was spent.
fn spending(week: &WeekSummary) -> String {
    if week.money > 0.0 {
        format!(", spending {} money", count(week.money.round() as u64))
    } else {
        String::new()
    }
}

/// The player's week: "This week you published 3 posts and hosted 1 live
/// session, spending 80 money (12 h in all)."
pub fn your_week_sentence(week: &WeekSummary) -> String {
    if week.actions() == 0 {
        return "This week you took no action: your audience went on without you.".to_string();
    }
    format!(
        "This week you {}{} ({} in all).",
        actions_list(week),
        spending(week),
        hours(week.total_hours())
    )
}

/// A brand's last week: "Bean There published 3 posts, scheduled 2 batches
/// of posts and ran 1 ad, spending 80 money."
pub fn plan_sentence(name: &str, week: &WeekSummary) -> String {
    if week.actions() == 0 {
        return format!("{name} did nothing last week.");
    }
    format!("{name} {}{}.", actions_list(week), spending(week))
}

/// "Its hours: 12 h broadcasting, 4 h conversation, 0 h listening."
pub fn hours_sentence(week: &WeekSummary) -> String {
    let parts: Vec<String> = Family::ALL
        .iter()
        .zip(week.hours)
        .map(|(family, spent)| format!("{} {}", hours(spent), family.label().to_lowercase()))
        .collect();
    format!("Its hours: {}.", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;
    use crate::sim::{ContentType, PlannedAction, Target};

    fn plan(kinds: &[ActionKind]) -> WeekPlan {
        let mut plan = WeekPlan {
            actions: kinds
                .iter()
                .map(|&k| PlannedAction::aimed(k, 0, ContentType::Photo, Target::Everyone))
                .collect(),
        };
        plan.spread_in_order();
        plan
    }

    #[test]
    fn every_action_of_the_week_is_named() {
        let scenario = find_scenario("corner_bakery").unwrap();
        let week = summarise(&plan(&ActionKind::ALL), &scenario.actions);
        let text = your_week_sentence(&week);
        for kind in ActionKind::ALL {
            assert!(text.contains(&did(kind, 1)), "{kind:?} is missing from: {text}");
        }
        assert!(!text.contains("other action"), "{text}");
        let cost = plan(&ActionKind::ALL).total_cost(&scenario.actions);
        assert!(
            text.contains(&format!("({} in all)", hours(cost.hours))),
            "{text}"
        );
    }

    #[test]
    fn a_live_session_and_repeated_actions_read_as_a_person_would_say_them() {
        let scenario = find_scenario("corner_bakery").unwrap();
        let kinds = [
            ActionKind::LiveEvent,
            ActionKind::Reply,
            ActionKind::Reply,
            ActionKind::Publish,
        ];
        let week = summarise(&plan(&kinds), &scenario.actions);
        assert_eq!(
            actions_list(&week),
            "published 1 post, answered comments twice and hosted 1 live session"
        );
        assert_eq!(
            plan_sentence("Bean There", &week),
            "Bean There published 1 post, answered comments twice and hosted 1 live session."
        );
        assert_eq!(
            plan_sentence("X", &WeekSummary::default()),
            "X did nothing last week."
        );
        assert!(your_week_sentence(&WeekSummary::default()).contains("no action"));
        assert_eq!(does(ActionKind::Ad, 2), "buys 2 ads");
        assert_eq!(
            does_all_it_can(ActionKind::Publish),
            "publishes as many posts as its budget allows"
        );
    }
}
