//! Where a game's or a week's results came from: each outcome (new
//! followers, unfollows, leads, customers, bonds made and lost, lapses)
//! with its causes, counted and in shares. `explain`, the browser's week
//! report and debrief, and the window's bars say these.
//!
//! Two views (`sim::attribution`): the stocks (strong relationships,
//! leads, customers) are split by *contribution*, each cause by the share
//! of the bond or warmth it built; the flows (followers, unfollows,
//! lapses, ...) go to the one *last touch* that tipped each change. The
//! last-touch view of every outcome is kept as the second view.

use crate::sim::{Attribution, CONTRIBUTION_UNIT, Cause, Outcome};
use crate::text::{count, percent};
use serde::Serialize;

const _: () = assert!(
    CONTRIBUTION_UNIT.is_multiple_of(10),
    "a credit is shown to a tenth"
);

/// Which view a split is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Each cause by the share of the bond or warmth it built.
    Contribution,
    /// Each change to the one touch that tipped it.
    LastTouch,
}

impl View {
    /// What the view's numbers are, for players.
    pub fn label(self) -> &'static str {
        match self {
            View::Contribution => "share of what built them",
            View::LastTouch => "the touch that tipped each",
        }
    }
}

/// What the default split says it shows, for players.
pub const VIEWS_NOTE: &str = "Strong relationships, leads and customers are split by the share of \
                              what built them: each cause by how much of the bond (for leads and \
                              customers, of how well they knew you and how close they felt) it \
                              built. Every other result goes to the one touch that tipped it.";

/// One cause of an outcome: its credit (in changes; a fraction by
/// contribution), that credit in whole changes and in tenths of a change
/// (each rounded so that the outcome's causes add up to its total), and
/// its share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CauseShare {
    pub cause: Cause,
    pub label: &'static str,
    pub count: u64,
    pub tenths: u64,
    pub credit: f64,
    pub share: f64,
}

impl CauseShare {
    /// The credit as shown: a whole count by last touch, to a tenth by
    /// contribution ("212.4").
    pub fn shown(&self, view: View) -> String {
        match view {
            View::LastTouch => count(self.count),
            View::Contribution => format!("{}.{}", count(self.tenths / 10), self.tenths % 10),
        }
    }
}

/// One outcome and its causes, largest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutcomeCauses {
    pub outcome: Outcome,
    pub label: &'static str,
    pub view: View,
    pub total: u64,
    pub causes: Vec<CauseShare>,
}

/// Where each result came from, as shown by default: every outcome with
/// at least one change, in the order of [`Outcome::ALL`], the stocks by
/// contribution and the flows by last touch (a stock recorded before
/// there were two views, by last touch).
pub fn where_from(attribution: &Attribution) -> Vec<OutcomeCauses> {
    happened(attribution)
        .map(|outcome| match by_contribution_of(attribution, outcome) {
            Some(split) => split,
            None => by_last_touch_of(attribution, outcome),
        })
        .collect()
}

/// The stocks that happened, by contribution.
pub fn by_contribution(attribution: &Attribution) -> Vec<OutcomeCauses> {
    happened(attribution)
        .filter_map(|outcome| by_contribution_of(attribution, outcome))
        .collect()
}

/// Every outcome that happened, by last touch (the second view).
pub fn by_last_touch(attribution: &Attribution) -> Vec<OutcomeCauses> {
    happened(attribution)
        .map(|outcome| by_last_touch_of(attribution, outcome))
        .collect()
}

fn happened(attribution: &Attribution) -> impl Iterator<Item = Outcome> + '_ {
    Outcome::ALL.into_iter().filter(|&o| attribution.total(o) > 0)
}

fn by_last_touch_of(attribution: &Attribution, outcome: Outcome) -> OutcomeCauses {
    let total = attribution.total(outcome);
    OutcomeCauses {
        outcome,
        label: outcome.label(),
        view: View::LastTouch,
        total,
        causes: attribution
            .causes_of(outcome)
            .into_iter()
            .map(|(cause, n)| CauseShare {
                cause,
                label: cause.label(),
                count: n,
                tenths: n * 10,
                credit: n as f64,
                share: n as f64 / total as f64,
            })
            .collect(),
    }
}

/// A stock by contribution, or none when it is no stock or its credits
/// were not recorded (they add up to the count when they were).
fn by_contribution_of(attribution: &Attribution, outcome: Outcome) -> Option<OutcomeCauses> {
    let unit = CONTRIBUTION_UNIT as u64;
    let total = attribution.total(outcome);
    let parts = attribution.contributions_of(outcome);
    let units: u64 = parts.iter().map(|&(_, u)| u).sum();
    if parts.is_empty() || units != total * unit {
        return None;
    }
    let counts = rounded(&parts, unit, total);
    let tenths = rounded(&parts, unit / 10, total * 10);
    Some(OutcomeCauses {
        outcome,
        label: outcome.label(),
        view: View::Contribution,
        total,
        causes: parts
            .iter()
            .zip(counts.into_iter().zip(tenths))
            .map(|(&(cause, u), (n, tenths))| CauseShare {
                cause,
                label: cause.label(),
                count: n,
                tenths,
                credit: u as f64 / unit as f64,
                share: u as f64 / units as f64,
            })
            .collect(),
    })
}

/// Credits in units as steps of `unit` units adding up to `total` steps:
/// each its whole steps, and the steps left over to the largest
/// remainders (the first listed on a tie).
fn rounded(parts: &[(Cause, u64)], unit: u64, total: u64) -> Vec<u64> {
    let mut counts: Vec<u64> = parts.iter().map(|&(_, u)| u / unit).collect();
    let left = total.saturating_sub(counts.iter().sum());
    let mut by_remainder: Vec<usize> = (0..parts.len()).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(parts[i].1 % unit));
    for &i in by_remainder.iter().take(left as usize) {
        counts[i] += 1;
    }
    counts
}

/// One line of [`where_from`] in words, saying which view it is.
pub fn where_from_line(o: &OutcomeCauses) -> String {
    let causes: Vec<String> = o
        .causes
        .iter()
        .filter(|c| c.tenths > 0)
        .map(|c| format!("{} {} ({})", c.label, c.shown(o.view), percent(c.share)))
        .collect();
    format!(
        "{} ({}; {}): {}",
        o.label,
        count(o.total),
        o.view.label(),
        causes.join(", ")
    )
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
            "new followers (4; the touch that tipped each): a post in their feed 3 (75.0%), a friend's \
             share 1 (25.0%)"
        );
        assert_eq!(
            where_from_line(&from[1]),
            "unfollows (1; the touch that tipped each): fatigue 1 (100.0%)"
        );
        assert!(where_from(&Attribution::default()).is_empty());
        // The JSON names outcomes, causes and the view by their file keys.
        let json = serde_json::to_value(&from).unwrap();
        assert_eq!(json[0]["outcome"], "follower");
        assert_eq!(json[0]["view"], "last_touch");
        assert_eq!(json[0]["causes"][1]["cause"], "friend_share");
    }

    #[test]
    fn stocks_are_split_by_what_built_them_and_the_whole_counts_add_up() {
        let unit = CONTRIBUTION_UNIT;
        let mut a = Attribution::default();
        // Three bonds, each tipped by a post but built mostly by talk.
        for _ in 0..3 {
            a.credit(Outcome::StrongGained, Cause::FeedPost);
            a.credit_shares(
                Outcome::StrongGained,
                [(Cause::FeedPost, unit / 10), (Cause::Reply, unit - unit / 10)].into_iter(),
            );
        }
        let from = where_from(&a);
        assert_eq!(from[0].view, View::Contribution);
        let credit: Vec<(Cause, u64, f64)> = from[0]
            .causes
            .iter()
            .map(|c| (c.cause, c.count, c.credit))
            .collect();
        assert_eq!(credit, [(Cause::Reply, 3, 2.7), (Cause::FeedPost, 0, 0.3)]);
        assert_eq!(
            where_from_line(&from[0]),
            "strong relationships made (3; share of what built them): your reply 2.7 (90.0%), a post \
             in their feed 0.3 (10.0%)"
        );
        // The second view keeps the touch that tipped them.
        let last = by_last_touch(&a);
        assert_eq!(
            (last[0].view, last[0].causes[0].cause),
            (View::LastTouch, Cause::FeedPost)
        );
        assert_eq!(by_contribution(&a).len(), 1);
        // Whole counts by largest remainder add up to the total.
        let parts = [(Cause::Reply, 350), (Cause::Ad, 250), (Cause::Start, 200)];
        assert_eq!(rounded(&parts, 200, 4), [2, 1, 1]);
        assert_eq!(rounded(&parts, 20, 40), [18, 12, 10]);
        let parts = [(Cause::Reply, 199), (Cause::Ad, 101), (Cause::Start, 100)];
        assert_eq!(rounded(&parts, 200, 2), [1, 1, 0]);
        // A stock recorded before there were two views is told by last touch.
        let mut old = Attribution::default();
        old.credit(Outcome::Lead, Cause::Ad);
        assert_eq!(where_from(&old)[0].view, View::LastTouch);
        assert!(by_contribution(&old).is_empty());
    }
}
