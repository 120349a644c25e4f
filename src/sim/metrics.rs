//! What the game measures each day, and the final figures of a game.

use super::scenario::{Goal, GoalMetric};
use super::types::STAGES;
use serde::{Deserialize, Serialize};

/// Everything measured on one day. Counts are for that day unless the name
/// says total; levels (followers, sentiment, ...) are at the end of the day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct DayMetrics {
    pub day: u32,
    pub followers: u64,
    pub new_followers: u64,
    pub unfollows: u64,
    /// People who saw anything from or about the brand today.
    pub reach: u64,
    pub impressions: u64,
    pub engagements: u64,
    pub comments: u64,
    pub replies: u64,
    pub unanswered: u64,
    /// Ignored commenters who unfollowed on the spot.
    pub ignored_unfollows: u64,
    pub pending_comments: u64,
    pub shares: u64,
    pub posts: u64,
    pub ad_impressions: u64,
    pub ad_clicks: u64,
    pub offer_clicks: u64,
    pub new_leads: u64,
    pub new_customers: u64,
    pub churned_customers: u64,
    pub live_attendees: u64,
    pub people_engaged_by_brand: u64,
    pub leads_total: u64,
    pub customers_total: u64,
    pub advocates: u64,
    pub strong_relationships: u64,
    /// Mean relationship of followers (0..1).
    pub relationship_index: f64,
    /// Mean sentiment of the people who know the brand (-1..1).
    pub sentiment: f64,
    pub hours: [f64; 3],
    pub money_spent: f64,
    pub revenue: f64,
    pub stages: [u64; STAGES],
}

impl DayMetrics {
    pub fn engagement_rate(&self) -> f64 {
        ratio(self.engagements, self.impressions)
    }

    pub fn ctr(&self) -> f64 {
        ratio(self.ad_clicks, self.ad_impressions)
    }
}

/// Mean from a sum and a count; 0 when there is nothing to average.
pub fn mean_or_zero(sum: f64, count: u64) -> f64 {
    if count == 0 { 0.0 } else { sum / count as f64 }
}

pub fn ratio(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Hours per activity family.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hours {
    pub broadcast: f64,
    pub conversation: f64,
    pub listening: f64,
}

impl Hours {
    pub fn from_array(hours: [f64; 3]) -> Hours {
        Hours {
            broadcast: hours[0],
            conversation: hours[1],
            listening: hours[2],
        }
    }

    pub fn total(&self) -> f64 {
        self.broadcast + self.conversation + self.listening
    }
}

/// The figures a game is judged by; also the `--json` of `rapport run`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpis {
    pub followers: u64,
    pub leads: u64,
    pub customers: u64,
    pub advocates: u64,
    pub strong_relationships: u64,
    pub relationship_index: f64,
    pub sentiment: f64,
    /// Engagements per impression over the whole game.
    pub engagement_rate: f64,
    /// Ad clicks per ad impression over the whole game.
    pub ctr: f64,
    /// (revenue - money spent) / money spent; 0 when nothing was spent.
    pub roi: f64,
    pub revenue: f64,
    pub impressions: u64,
    pub hours: Hours,
    pub money_spent: f64,
    /// How well the scenario's goals were met, 0..1.
    pub score: f64,
    pub state_hash: String,
}

impl Kpis {
    pub fn value(&self, metric: GoalMetric) -> f64 {
        match metric {
            GoalMetric::Followers => self.followers as f64,
            GoalMetric::Leads => self.leads as f64,
            GoalMetric::Customers => self.customers as f64,
            GoalMetric::StrongRelationships => self.strong_relationships as f64,
            GoalMetric::RelationshipIndex => self.relationship_index,
            GoalMetric::Sentiment => self.sentiment,
            GoalMetric::Advocates => self.advocates as f64,
            GoalMetric::Roi => self.roi,
            GoalMetric::EngagementRate => self.engagement_rate,
        }
    }

    /// Numeric figures by name, in a fixed order (CSV columns, batch summaries).
    pub fn numeric(&self) -> Vec<(&'static str, f64)> {
        vec![
            ("followers", self.followers as f64),
            ("leads", self.leads as f64),
            ("customers", self.customers as f64),
            ("advocates", self.advocates as f64),
            ("strong_relationships", self.strong_relationships as f64),
            ("relationship_index", self.relationship_index),
            ("sentiment", self.sentiment),
            ("engagement_rate", self.engagement_rate),
            ("ctr", self.ctr),
            ("roi", self.roi),
            ("revenue", self.revenue),
            ("impressions", self.impressions as f64),
            ("hours_broadcast", self.hours.broadcast),
            ("hours_conversation", self.hours.conversation),
            ("hours_listening", self.hours.listening),
            ("money_spent", self.money_spent),
            ("score", self.score),
        ]
    }
}

/// How far one goal is met, 0..1.
pub fn goal_progress(goal: &Goal, kpis: &Kpis) -> f64 {
    if goal.target <= 0.0 {
        return 1.0;
    }
    (kpis.value(goal.metric) / goal.target).clamp(0.0, 1.0)
}

/// Weighted mean progress over the goals, 0..1.
pub fn score(goals: &[Goal], kpis: &Kpis) -> f64 {
    let total_weight: f64 = goals.iter().map(|g| g.weight).sum();
    if total_weight <= 0.0 {
        return 0.0;
    }
    goals
        .iter()
        .map(|goal| goal.weight * goal_progress(goal, kpis))
        .sum::<f64>()
        / total_weight
}

/// Stars for a score: one from 0.5, two from 0.75, three from 0.9.
pub fn stars(score: f64) -> u8 {
    match score {
        s if s >= 0.9 => 3,
        s if s >= 0.75 => 2,
        s if s >= 0.5 => 1,
        _ => 0,
    }
}
