//! The goals, the score and the stars in words: each goal's line ("followers:
//! 289 of 320"), whether it is met, what it counts and how much it weighs,
//! how the score is made and what each star needs. The window's goal bars
//! and glossary, `explain` and the browser pages say these.

use crate::sim::{Goal, GoalMetric, Kpis, STAR_SCORES, goal_progress};
use crate::text::{count, percent};

/// Every goal a scenario can set, in the order the glossary lists them.
pub const METRICS: [GoalMetric; 9] = GoalMetric::ALL;

/// A goal's measure as the window names it everywhere: "now", "so far" or
/// "all time" where a measure could be read either way.
pub fn goal_name(metric: GoalMetric) -> &'static str {
    match metric {
        GoalMetric::Followers => "followers",
        GoalMetric::Leads => "leads, all time",
        GoalMetric::Customers => "customers now",
        GoalMetric::StrongRelationships => "strong relationships",
        GoalMetric::RelationshipIndex => "relationship index",
        GoalMetric::Sentiment => "sentiment",
        GoalMetric::Advocates => "advocates",
        GoalMetric::Roi => "return on ad spend",
        GoalMetric::EngagementRate => "engagement rate, so far",
    }
}

/// What a goal's measure counts, in a sentence.
pub fn goal_meaning(metric: GoalMetric) -> &'static str {
    match metric {
        GoalMetric::Followers => "The people who follow your brand at the end of the game.",
        GoalMetric::Leads => {
            "Everyone who showed they might buy (clicked an offer, asked about a product) since the game began."
        }
        GoalMetric::Customers => {
            "The people who bought from you and have not lapsed (advocates included), at the end of the game."
        }
        GoalMetric::StrongRelationships => {
            "The people whose bond with your brand is 0.5 or more at the end of the game."
        }
        GoalMetric::RelationshipIndex => {
            "The mean bond of your followers with your brand at the end, 0 to 1."
        }
        GoalMetric::Sentiment => {
            "How the people who know your brand (they follow you or have at least become aware of you) feel about you at the end, on average, −1 to +1."
        }
        GoalMetric::Advocates => {
            "Happy customers with a strong bond who recommend you to their friends, at the end of the game."
        }
        GoalMetric::Roi => {
            "What the ad money brought back: (revenue − money spent) ÷ money spent, over the whole game."
        }
        GoalMetric::EngagementRate => {
            "Reactions per impression of your posts (questions and ads left out), over the whole game."
        }
    }
}

/// A goal's value or target as people read it: counts as whole numbers,
/// levels with two decimals (sentiment signed), rates in per cent.
pub fn goal_number(metric: GoalMetric, value: f64) -> String {
    number(metric, value, 0)
}

/// `goal_number` with `extra` more decimals for levels and rates.
fn number(metric: GoalMetric, value: f64, extra: usize) -> String {
    match metric {
        GoalMetric::Followers
        | GoalMetric::Leads
        | GoalMetric::Customers
        | GoalMetric::StrongRelationships
        | GoalMetric::Advocates => count(value.max(0.0).round() as u64),
        GoalMetric::Sentiment => format!("{value:+.*}", 2 + extra),
        GoalMetric::RelationshipIndex | GoalMetric::Roi => format!("{value:.*}", 2 + extra),
        GoalMetric::EngagementRate => format!("{:.*}%", 1 + extra, value * 100.0),
    }
}

/// A value short of its target written so that it never reads as the
/// target ("0.098 of 0.10", not "0.10 of 0.10").
pub fn value_against(metric: GoalMetric, value: f64, target: f64, met: bool) -> String {
    let mut extra = 0;
    while !met && extra < 4 && number(metric, value, extra) == number(metric, target, extra) {
        extra += 1;
    }
    number(metric, value, extra)
}

/// Where a goal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalState {
    Met,
    /// Not reached yet, and the game goes on.
    NotYet,
    /// Not reached, and the game is over.
    Missed,
}

/// One goal as the goal bars show it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalLine {
    pub metric: GoalMetric,
    /// "followers: 289 of 320".
    pub text: String,
    /// What it counts, its target and its part of the score (on hover).
    pub explanation: String,
    /// How far it is met, 0..1 (the score's share of it).
    pub progress: f64,
    pub state: GoalState,
}

/// The goal lines of `goals` for figures `kpis`; `finished`: the game is
/// over, so a goal not met is missed.
pub fn goal_lines(goals: &[Goal], kpis: &Kpis, finished: bool) -> Vec<GoalLine> {
    let total_weight: f64 = goals.iter().map(|g| g.weight).sum();
    goals
        .iter()
        .map(|goal| {
            let progress = goal_progress(goal, kpis);
            let met = progress >= 1.0;
            let state = match (met, finished) {
                (true, _) => GoalState::Met,
                (false, false) => GoalState::NotYet,
                (false, true) => GoalState::Missed,
            };
            let value = kpis.value(goal.metric);
            let text = format!(
                "{}: {} of {}",
                goal_name(goal.metric),
                value_against(goal.metric, value, goal.target, met),
                goal_number(goal.metric, goal.target)
            );
            let share = if total_weight > 0.0 {
                goal.weight / total_weight
            } else {
                0.0
            };
            let explanation = format!(
                "{} The goal is {}; it makes {} of the score (weight {} of {}), in proportion to how \
                 far it is met, up to its target.",
                goal_meaning(goal.metric),
                goal_number(goal.metric, goal.target),
                percent(share),
                trim(goal.weight),
                trim(total_weight)
            );
            GoalLine {
                metric: goal.metric,
                text,
                explanation,
                progress,
                state,
            }
        })
        .collect()
}

/// `2` or `1.5`.
fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The score each star needs, one to three (the model's own rule).
pub fn star_thresholds() -> [f64; 3] {
    STAR_SCORES
}

/// How the score is made, in words.
pub fn score_explanation() -> String {
    "The score, from 0 to 1, is how well the scenario's goals are met: each goal counts for how far \
     its figure got towards its target (a goal met or beaten counts fully, never more), weighted by \
     the goal's weight."
        .to_string()
}

/// What each star needs: "one star from a score of 0.50, two from 0.75,
/// three from 0.90".
pub fn stars_explanation() -> String {
    let [one, two, three] = star_thresholds();
    format!(
        "A finished game earns one star from a score of {one:.2}, two from {two:.2} and three from \
         {three:.2}."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::stars;

    fn kpis(followers: u64, relationship_index: f64) -> Kpis {
        Kpis {
            followers,
            relationship_index,
            ..Kpis::default()
        }
    }

    #[test]
    fn a_goal_short_of_its_target_never_reads_as_the_target() {
        let goals = [
            Goal {
                metric: GoalMetric::RelationshipIndex,
                target: 0.1,
                weight: 1.0,
            },
            Goal {
                metric: GoalMetric::Followers,
                target: 320.0,
                weight: 3.0,
            },
        ];
        let lines = goal_lines(&goals, &kpis(320, 0.0996), false);
        assert_eq!(lines[0].text, "relationship index: 0.0996 of 0.10");
        assert_eq!(lines[0].state, GoalState::NotYet);
        assert!(lines[0].progress < 1.0);
        assert_eq!(lines[1].text, "followers: 320 of 320");
        assert_eq!(lines[1].state, GoalState::Met);
        assert!(
            lines[1].explanation.contains("75.0% of the score"),
            "{}",
            lines[1].explanation
        );
        let over = goal_lines(&goals, &kpis(12, 0.0996), true);
        assert_eq!(over[0].state, GoalState::Missed);
        assert_eq!(over[1].state, GoalState::Missed);
        assert_eq!(
            value_against(GoalMetric::EngagementRate, 0.04249, 0.0425, false),
            "4.249%"
        );
        assert_eq!(
            value_against(GoalMetric::RelationshipIndex, 0.25, 0.1, true),
            "0.25"
        );
    }

    #[test]
    fn the_stars_say_what_the_model_gives() {
        let [one, two, three] = star_thresholds();
        assert!(one < two && two < three);
        assert_eq!(stars(one), 1);
        assert_eq!(stars(one - 0.01), 0);
        assert_eq!(stars(three), 3);
        assert!(stars_explanation().contains(&format!("{two:.2}")));
    }

    #[test]
    fn every_goal_has_a_name_and_a_meaning() {
        for metric in METRICS {
            assert!(!goal_name(metric).is_empty());
            assert!(goal_meaning(metric).ends_with('.'));
        }
    }
}
