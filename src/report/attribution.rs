//! Where a game's or a week's results came from: each outcome (new
//! followers, unfollows, leads, customers, bonds made and lost, lapses)
//! with the causes that tipped it, counted and in shares. `explain`, the
//! browser's week report and debrief say these.

use crate::sim::{Attribution, Cause, Outcome};
use crate::text::{count, percent};
use serde::Serialize;

/// One cause of an outcome: how many changes it tipped, and their share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CauseShare {
    pub cause: Cause,
    pub label: &'static str,
    pub count: u64,
    pub share: f64,
}

/// One outcome and its causes, largest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutcomeCauses {
    pub outcome: Outcome,
    pub label: &'static str,
    pub total: u64,
    pub causes: Vec<CauseShare>,
}

/// Where each result came from: every outcome with at least one change,
/// in the order of [`Outcome::ALL`]; outcomes that never happened are left out.
pub fn where_from(attribution: &Attribution) -> Vec<OutcomeCauses> {
    Outcome::ALL
        .iter()
        .filter(|&&o| attribution.total(o) > 0)
        .map(|&outcome| {
            let total = attribution.total(outcome);
            OutcomeCauses {
                outcome,
                label: outcome.label(),
                total,
                causes: attribution
                    .causes_of(outcome)
                    .into_iter()
                    .map(|(cause, n)| CauseShare {
                        cause,
                        label: cause.label(),
                        count: n,
                        share: n as f64 / total as f64,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One line of [`where_from`] in words.
pub fn where_from_line(o: &OutcomeCauses) -> String {
    let causes: Vec<String> = o
        .causes
        .iter()
        .map(|c| format!("{} {} ({})", c.label, count(c.count), percent(c.share)))
        .collect();
    format!("{} ({}): {}", o.label, count(o.total), causes.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_results_came_from_lists_each_outcome_that_happened_with_its_causes_largest_first() {
        let mut a = Attribution::default();
        for _ in 0..3 {
            a.credit(Outcome::Follower, Cause::FeedPost);
        }
        a.credit(Outcome::Follower, Cause::FriendShare);
        a.credit(Outcome::Unfollow, Cause::Fatigue);
        let from = where_from(&a);
        assert_eq!(from.len(), 2);
        assert_eq!(from[0].outcome, Outcome::Follower);
        assert_eq!(from[0].total, 4);
        assert_eq!(from[0].causes[0].cause, Cause::FeedPost);
        assert_eq!(from[0].causes[0].share, 0.75);
        assert_eq!(
            where_from_line(&from[0]),
            "new followers (4): a post in their feed 3 (75.0%), a friend's share 1 (25.0%)"
        );
        assert_eq!(where_from_line(&from[1]), "unfollows (1): fatigue 1 (100.0%)");
        assert!(where_from(&Attribution::default()).is_empty());
        // The JSON names outcomes and causes by their file keys.
        let json = serde_json::to_value(&from).unwrap();
        assert_eq!(json[0]["outcome"], "follower");
        assert_eq!(json[0]["causes"][1]["cause"], "friend_share");
    }
}
