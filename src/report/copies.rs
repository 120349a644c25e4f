//! Copies by what was done: how alike two games' plans are, action by
//! action, whatever their names, scores or final states say.
//!
//! Each action is a tuple (week, day, and everything else it names: kind,
//! platform, target, content, and its tone when plans carry one). The
//! tuple is read from the action's own serialised form, so a field a later
//! model adds to an action (a tone) is compared as soon as plans carry it,
//! and nothing here depends on it. Two actions match when they are the
//! same but for a day of difference (a copy with every action moved a day,
//! or one action moved in every week, still matches), each action matching
//! at most one. The similarity is the Jaccard index of the two multisets
//! of actions under that matching: matched / (all of one + all of the
//! other - matched), from 0 (nothing alike) to 1 (the same plans).
//!
//! A pair at or above [`COPY_THRESHOLD`] is flagged, with the weeks whose
//! plans match (a week at or above [`WEEK_ALIKE`]). The threshold sits far
//! above what independent plans reach: on a class of 30 generated from
//! random legal plans no pair came near it (docs/CLASSROOM.md shows the
//! distribution), while a copy with two of twelve weeks changed stays
//! above it.

use crate::sim::PlannedAction;
use crate::text::week_ranges;
use std::collections::BTreeMap;

/// Pairs at least this alike are flagged as copies.
pub const COPY_THRESHOLD: f64 = 0.6;

/// A week at least this alike counts among the weeks that match.
pub const WEEK_ALIKE: f64 = 0.8;

/// A game's plans as copies compare them: per (week, what was done), the
/// days it was done on, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Actions {
    by_what: BTreeMap<(u32, String), Vec<u8>>,
    /// Actions per week (week from 1).
    per_week: BTreeMap<u32, usize>,
    total: usize,
}

impl Actions {
    /// The actions of every week (week 1 first).
    pub fn of(weeks: &[Vec<PlannedAction>]) -> Actions {
        let mut actions = Actions::default();
        for (w, plan) in weeks.iter().enumerate() {
            let week = w as u32 + 1;
            for action in plan {
                let (day, what) = what_was_done(action);
                actions.by_what.entry((week, what)).or_default().push(day);
                *actions.per_week.entry(week).or_default() += 1;
                actions.total += 1;
            }
        }
        for days in actions.by_what.values_mut() {
            days.sort_unstable();
        }
        actions
    }

    /// How many actions in all.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

/// An action's day, and the rest of it as one canonical text (its fields
/// by name, in name order, the day left out).
fn what_was_done(action: &PlannedAction) -> (u8, String) {
    match serde_json::to_value(action) {
        Ok(serde_json::Value::Object(mut fields)) => {
            fields.remove("day");
            // serde_json keeps object keys in name order.
            (action.day, serde_json::Value::Object(fields).to_string())
        }
        _ => (
            action.day,
            format!(
                "{:?}",
                (action.kind, action.platform, action.content, action.target)
            ),
        ),
    }
}

/// How alike two games' plans are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Likeness {
    /// 0..1: the Jaccard index of the two games' actions (a day's shift
    /// allowed).
    pub similarity: f64,
    /// The weeks (from 1) whose plans match, each at least [`WEEK_ALIKE`].
    pub weeks_alike: Vec<u32>,
    /// Weeks in the longer game.
    pub weeks: u32,
}

impl Likeness {
    /// Whether the pair counts as a copy.
    pub fn is_copy(&self) -> bool {
        self.similarity >= COPY_THRESHOLD
    }

    /// "weeks 1-6, 8-12" (or "no week").
    pub fn weeks_text(&self) -> String {
        week_ranges(&self.weeks_alike)
    }
}

/// Most actions matched between two sorted lists of days, a day apart at
/// most (smallest with smallest: on a line, that matches the most).
fn matched_days(a: &[u8], b: &[u8]) -> usize {
    let (mut i, mut j, mut matched) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i].abs_diff(b[j]) <= 1 {
            matched += 1;
            i += 1;
            j += 1;
        } else if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    matched
}

fn jaccard(matched: usize, a: usize, b: usize) -> f64 {
    let union = a + b - matched;
    if union == 0 {
        0.0
    } else {
        matched as f64 / union as f64
    }
}

/// How alike two games' plans are (the same either way round).
pub fn likeness(a: &Actions, b: &Actions) -> Likeness {
    let mut matched_per_week: BTreeMap<u32, usize> = BTreeMap::new();
    let mut matched = 0;
    for ((week, what), days_a) in &a.by_what {
        if let Some(days_b) = b.by_what.get(&(*week, what.clone())) {
            let m = matched_days(days_a, days_b);
            matched += m;
            *matched_per_week.entry(*week).or_default() += m;
        }
    }
    let weeks = a
        .per_week
        .keys()
        .chain(b.per_week.keys())
        .copied()
        .max()
        .unwrap_or(0);
    let weeks_alike = (1..=weeks)
        .filter(|w| {
            let m = matched_per_week.get(w).copied().unwrap_or(0);
            let (in_a, in_b) = (
                a.per_week.get(w).copied().unwrap_or(0),
                b.per_week.get(w).copied().unwrap_or(0),
            );
            jaccard(m, in_a, in_b) >= WEEK_ALIKE
        })
        .collect();
    Likeness {
        similarity: jaccard(matched, a.total, b.total),
        weeks_alike,
        weeks,
    }
}

/// One flagged pair: hand-ins `a` and `b` (indices into what was compared).
#[derive(Clone, Debug, PartialEq)]
pub struct CopyPair {
    pub a: usize,
    pub b: usize,
    pub likeness: Likeness,
}

/// Every pair at or above the threshold, most alike first. `games` may
/// hold `None` for a hand-in not compared (unreadable, or not verified).
pub fn copy_pairs(games: &[Option<&Actions>]) -> Vec<CopyPair> {
    let mut pairs = Vec::new();
    for (a, actions_a) in games.iter().enumerate() {
        let Some(actions_a) = actions_a else { continue };
        for (b, actions_b) in games.iter().enumerate().skip(a + 1) {
            let Some(actions_b) = actions_b else { continue };
            let likeness = likeness(actions_a, actions_b);
            if likeness.is_copy() {
                pairs.push(CopyPair { a, b, likeness });
            }
        }
    }
    pairs.sort_by(|x, y| {
        y.likeness
            .similarity
            .total_cmp(&x.likeness.similarity)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs
}

/// Every pair's similarity (for the distribution of a class).
pub fn all_similarities(games: &[Actions]) -> Vec<f64> {
    let mut values = Vec::new();
    for (a, actions_a) in games.iter().enumerate() {
        for actions_b in &games[a + 1..] {
            values.push(likeness(actions_a, actions_b).similarity);
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{ActionKind, ContentType, Target};

    fn action(kind: ActionKind, day: u8, platform: u8) -> PlannedAction {
        PlannedAction::new(kind, day, platform)
    }

    /// Twelve weeks of ten different actions each.
    fn game() -> Vec<Vec<PlannedAction>> {
        (0..12u8)
            .map(|w| {
                (0..10u8)
                    .map(|k| {
                        let mut a = action(ActionKind::ALL[(k % 9) as usize], (k + w) % 7, k % 3);
                        a.content = ContentType::BROADCAST[(w % 5) as usize];
                        a.target = Target::Segment(k / 3);
                        a
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_same_plans_are_alike_whatever_the_order_and_nothing_is_like_nothing() {
        let a = Actions::of(&game());
        let mut shuffled = game();
        for week in &mut shuffled {
            week.reverse();
        }
        let same = likeness(&a, &Actions::of(&shuffled));
        assert_eq!(same.similarity, 1.0);
        assert_eq!(same.weeks_alike.len(), 12);
        assert_eq!(same.weeks_text(), "weeks 1-12");
        let empty = Actions::of(&[]);
        assert_eq!(likeness(&empty, &empty).similarity, 0.0);
        assert_eq!(likeness(&a, &empty).similarity, 0.0);
    }

    #[test]
    fn a_day_of_shift_still_matches_and_two_changed_weeks_stay_a_copy() {
        let original = game();
        let a = Actions::of(&original);
        // Every action a day later (the last day's a day earlier).
        let shifted: Vec<Vec<PlannedAction>> = original
            .iter()
            .map(|week| {
                week.iter()
                    .map(|x| PlannedAction {
                        day: if x.day == 6 { 5 } else { x.day + 1 },
                        ..*x
                    })
                    .collect()
            })
            .collect();
        assert!(likeness(&a, &Actions::of(&shifted)).similarity > 0.95);
        // One action per week moved three days: still nearly the same.
        let mut moved = original.clone();
        for week in &mut moved {
            week[0].day = (week[0].day + 3) % 7;
        }
        let l = likeness(&a, &Actions::of(&moved));
        assert!(l.is_copy() && l.similarity > 0.8, "{l:?}");
        // Weeks 11 and 12 replaced by something else entirely.
        let mut changed = original.clone();
        for week in &mut changed[10..] {
            *week = vec![action(ActionKind::Research, 0, 2); 4];
        }
        let l = likeness(&a, &Actions::of(&changed));
        assert!(l.is_copy(), "{l:?}");
        assert_eq!(l.weeks_text(), "weeks 1-10");
        // Two days of shift is no longer the same action.
        let far: Vec<Vec<PlannedAction>> = original
            .iter()
            .map(|week| {
                week.iter()
                    .map(|x| PlannedAction {
                        day: (x.day + 2) % 7,
                        ..*x
                    })
                    .collect()
            })
            .collect();
        assert!(likeness(&a, &Actions::of(&far)).similarity < 0.5);
    }

    #[test]
    fn a_shift_matches_each_action_once() {
        assert_eq!(matched_days(&[1, 2], &[2, 3]), 2);
        assert_eq!(matched_days(&[1, 1, 1], &[1]), 1);
        assert_eq!(matched_days(&[0, 4], &[2, 6]), 0);
    }

    #[test]
    fn a_field_the_action_carries_is_compared_and_the_day_is_not_in_it() {
        let (day, what) = what_was_done(&action(ActionKind::Publish, 3, 1));
        assert_eq!(day, 3);
        assert!(
            what.contains("\"kind\":\"Publish\"") && what.contains("\"platform\":1"),
            "{what}"
        );
        assert!(!what.contains("day"), "{what}");
    }
}
