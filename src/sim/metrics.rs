//! What the game measures each day, and the final figures of a game.

use super::action::{ActionCatalog, WeekPlan};
use super::attribution::Attribution;
use super::audience::ledger::Counts;
use super::scenario::{Goal, GoalMetric};
use super::types::{Family, STAGES, Stage};
use serde::{Deserialize, Serialize};

/// Declares `DayMetrics` from one list of its fields, in their order. The
/// fields marked `[counted]` are counted by the daily pass: from them the
/// macro also makes `DayCounts` (what one chunk of the pass counts), its
/// `add`, and `DayMetrics::add_counts`, the merge into a day. The `[set]`
/// fields are set by the day's loop (the brand's actions, totals, means).
/// Adding a counter to the pass is adding one `[counted]` line here.
macro_rules! day_metrics {
    ( $( $(#[doc = $doc:literal])* $name:ident : $ty:ty [$source:ident], )* ) => {
        /// Everything measured on one day. Counts are for that day unless the name
        /// says total; levels (followers, sentiment, ...) are at the end of the day.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
        pub struct DayMetrics {
            $( $(#[doc = $doc])* pub $name: $ty, )*
        }
        day_metrics!(@counted [] $( $name : $ty [$source], )*);
    };
    (@counted [$($kept:tt)*] $name:ident : $ty:ty [counted], $($rest:tt)*) => {
        day_metrics!(@counted [$($kept)* $name : $ty,] $($rest)*);
    };
    (@counted [$($kept:tt)*] $name:ident : $ty:ty [set], $($rest:tt)*) => {
        day_metrics!(@counted [$($kept)*] $($rest)*);
    };
    (@counted [$( $name:ident : $ty:ty, )*]) => {
        /// What the daily pass counts for a day, one chunk of people at a time.
        #[derive(Clone, Copy, Debug, Default, PartialEq)]
        pub struct DayCounts {
            $( pub $name: $ty, )*
        }

        impl DayCounts {
            /// Adds another chunk's counts.
            pub fn add(&mut self, other: &DayCounts) {
                $( self.$name.add_count(&other.$name); )*
            }
        }

        impl DayMetrics {
            /// Adds what the pass counted to the day's figures.
            pub fn add_counts(&mut self, counts: &DayCounts) {
                $( self.$name.add_count(&counts.$name); )*
            }
        }
    };
}

/// A count the pass adds up: a number, one number per funnel stage, or the
/// attribution's counts.
trait Count {
    fn add_count(&mut self, other: &Self);
}

impl Count for u64 {
    fn add_count(&mut self, other: &u64) {
        *self += other;
    }
}

impl<const N: usize> Count for [u64; N] {
    fn add_count(&mut self, other: &[u64; N]) {
        for (count, more) in self.iter_mut().zip(other) {
            *count += more;
        }
    }
}

impl Count for Attribution {
    fn add_count(&mut self, other: &Attribution) {
        self.add(other);
    }
}

day_metrics! {
    day: u32 [set],
    /// Followers at the end of the day (from the side's ledger).
    followers: u64 [set],
    new_followers: u64 [counted],
    unfollows: u64 [counted],
    /// People who saw anything from or about the brand today.
    reach: u64 [counted],
    /// People reached today who had not been reached yet this week: summed
    /// over a week's days, the people the week reached, each counted once.
    first_reach_of_week: u64 [counted],
    /// Every exposure to the brand: organic plus ad impressions.
    impressions: u64 [counted],
    engagements: u64 [counted],
    /// Impressions of broadcast posts (not questions, not ads) and the
    /// reactions they drew: the post engagement rate's two halves.
    post_impressions: u64 [counted],
    post_engagements: u64 [counted],
    /// Impressions of conversation content (the brand's questions, and
    /// shared copies of its comments and live sessions) and the comments
    /// they drew.
    question_impressions: u64 [counted],
    question_comments: u64 [counted],
    /// People who answered the brand's comment on their post.
    push_responses: u64 [counted],
    /// People who saw the brand answer someone in public, and who saw a
    /// comment left unanswered.
    answers_seen: u64 [counted],
    ignored_seen: u64 [counted],
    comments: u64 [counted],
    /// Complaints a review storm posted today: each waits for an answer
    /// like a comment (record only).
    complaints: u64 [counted],
    replies: u64 [set],
    unanswered: u64 [counted],
    /// Ignored commenters who unfollowed on the spot.
    ignored_unfollows: u64 [counted],
    pending_comments: u64 [set],
    shares: u64 [set],
    posts: u64 [set],
    /// Ads met: with the frequency cap a person meets at most one a day, so
    /// every impression delivered is seen.
    ad_impressions: u64 [counted],
    /// Posts met: in the feed, surfaced by discovery, shared by friends.
    organic_impressions: u64 [counted],
    /// The part of `money_spent` that bought ads.
    ad_money_spent: f64 [set],
    ad_clicks: u64 [counted],
    offer_clicks: u64 [counted],
    new_leads: u64 [counted],
    /// Leads who went cold today without buying (back to no stage; the
    /// weaker their bond, the sooner).
    cooled_leads: u64 [counted],
    new_customers: u64 [counted],
    churned_customers: u64 [counted],
    /// Purchases today by people who had bought before.
    repeat_purchases: u64 [counted],
    live_attendees: u64 [counted],
    people_engaged_by_brand: u64 [set],
    /// Connection requests the brand sent today.
    connection_requests: u64 [set],
    /// Connection requests accepted today (each a new follower).
    connections_accepted: u64 [counted],
    leads_total: u64 [set],
    customers_total: u64 [set],
    advocates: u64 [set],
    strong_relationships: u64 [set],
    /// Mean relationship of followers (0..1).
    relationship_index: f64 [set],
    /// Mean sentiment of the people who know the brand (-1..1).
    sentiment: f64 [set],
    hours: Hours [set],
    money_spent: f64 [set],
    revenue: f64 [set],
    stages: [u64; STAGES] [set],
    /// People the pass visited today (the rest cost nothing); not a result.
    visited: u64 [set],
    /// The day's changes of standing by outcome and the cause that tipped them.
    attribution: Attribution [counted],
}

impl DayMetrics {
    /// Customers now: people who bought and have not lapsed (advocates are
    /// customers too).
    pub fn customers_now(&self) -> u64 {
        self.stages[Stage::Customer as usize] + self.stages[Stage::Advocate as usize]
    }

    /// The day's levels from a side's ledger: where everyone stands.
    pub fn take_levels(&mut self, counts: &Counts, means: (f64, f64)) {
        self.stages = counts.stages;
        self.followers = counts.followers;
        self.strong_relationships = counts.strong;
        self.advocates = counts.advocates;
        (self.relationship_index, self.sentiment) = means;
    }

    /// The metrics of the starting state (day 0), before anything happened.
    pub fn day_zero(counts: &Counts, means: (f64, f64)) -> DayMetrics {
        let mut metrics = DayMetrics::default();
        metrics.take_levels(counts, means);
        metrics
    }

    /// Reactions per impression of the brand's broadcast posts (questions
    /// and ads left out): what public benchmarks call engagement by reach.
    pub fn post_engagement_rate(&self) -> f64 {
        ratio(self.post_engagements, self.post_impressions)
    }

    /// The engagement rate the game reports: the post engagement rate.
    pub fn engagement_rate(&self) -> f64 {
        self.post_engagement_rate()
    }

    /// Ad clicks per ad impression.
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
    /// The hours of one family.
    pub fn of(&self, family: Family) -> f64 {
        match family {
            Family::Broadcast => self.broadcast,
            Family::Conversation => self.conversation,
            Family::Listening => self.listening,
        }
    }

    /// Books hours to a family.
    pub fn add(&mut self, family: Family, hours: f64) {
        match family {
            Family::Broadcast => self.broadcast += hours,
            Family::Conversation => self.conversation += hours,
            Family::Listening => self.listening += hours,
        }
    }

    /// Adds other hours, family by family.
    pub fn add_hours(&mut self, other: &Hours) {
        for family in Family::ALL {
            self.add(family, other.of(family));
        }
    }

    /// The hours a week's plan books, per family.
    pub fn of_plan(plan: &WeekPlan, catalog: &ActionCatalog) -> Hours {
        let mut hours = Hours::default();
        for action in &plan.actions {
            hours.add(action.kind.family(), catalog.cost(action).hours);
        }
        hours
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
    /// Customers now: people who bought and have not lapsed (advocates too).
    pub customers: u64,
    /// People who bought at least once over the game (first purchases),
    /// whether they are customers still or not.
    #[serde(default)]
    pub customers_ever: u64,
    /// Purchases by people who had already bought (loyalty).
    #[serde(default)]
    pub repeat_purchases: u64,
    pub advocates: u64,
    pub strong_relationships: u64,
    pub relationship_index: f64,
    pub sentiment: f64,
    /// The post engagement rate (see `post_engagement_rate`): the game's one
    /// engagement rate.
    pub engagement_rate: f64,
    /// Reactions per impression of the brand's broadcast posts over the
    /// game (questions and ads left out).
    #[serde(default)]
    pub post_engagement_rate: f64,
    /// Answers to the brand's conversation (comments on its questions,
    /// answers to its comments on people's posts) per person it addressed
    /// that way (impressions of its questions, people it commented on).
    #[serde(default)]
    pub conversation_response_rate: f64,
    /// Ad clicks per ad impression over the whole game.
    pub ctr: f64,
    /// (revenue - money spent) / money spent; 0 when nothing was spent.
    pub roi: f64,
    pub revenue: f64,
    /// Every exposure: `organic_impressions + ad_impressions`.
    pub impressions: u64,
    /// Posts met in the feed, through discovery and through friends' shares.
    #[serde(default)]
    pub organic_impressions: u64,
    /// Ads met (each one seen: at most one a person a day).
    #[serde(default)]
    pub ad_impressions: u64,
    /// Money spent on ads per ad click; 0 when nothing was clicked.
    #[serde(default)]
    pub cost_per_click: f64,
    pub hours: Hours,
    pub money_spent: f64,
    /// How well the scenario's goals were met, 0..1.
    pub score: f64,
    pub state_hash: String,
    /// Every change of standing by outcome and the cause that tipped it.
    #[serde(default)]
    pub attribution: Attribution,
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
            ("customers_ever", self.customers_ever as f64),
            ("repeat_purchases", self.repeat_purchases as f64),
            ("advocates", self.advocates as f64),
            ("strong_relationships", self.strong_relationships as f64),
            ("relationship_index", self.relationship_index),
            ("sentiment", self.sentiment),
            ("engagement_rate", self.engagement_rate),
            ("post_engagement_rate", self.post_engagement_rate),
            ("conversation_response_rate", self.conversation_response_rate),
            ("ctr", self.ctr),
            ("roi", self.roi),
            ("revenue", self.revenue),
            ("impressions", self.impressions as f64),
            ("organic_impressions", self.organic_impressions as f64),
            ("ad_impressions", self.ad_impressions as f64),
            ("cost_per_click", self.cost_per_click),
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

/// The score a game needs for one, two and three stars.
pub const STAR_SCORES: [f64; 3] = [0.5, 0.75, 0.9];

/// Stars for a score: one from 0.5, two from 0.75, three from 0.9.
pub fn stars(score: f64) -> u8 {
    STAR_SCORES.iter().filter(|&&needed| score >= needed).count() as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::action::{ActionKind, PlannedAction};
    use crate::sim::types::Stage;

    #[test]
    fn the_pass_counts_add_up_into_the_day_and_leave_the_rest_alone() {
        let chunk = DayCounts {
            impressions: 5,
            post_engagements: 1,
            ..DayCounts::default()
        };
        let mut both = chunk;
        both.add(&chunk);
        let mut day = DayMetrics {
            day: 4,
            replies: 7,
            followers: 3,
            ..DayMetrics::default()
        };
        day.add_counts(&both);
        assert_eq!((day.followers, day.impressions, day.post_engagements), (3, 10, 2));
        let mut counts = Counts::default();
        counts.stages[Stage::Engaged as usize] = 6;
        counts.followers = 6;
        day.take_levels(&counts, (0.25, -0.5));
        assert_eq!(day.stages[Stage::Engaged as usize], 6);
        assert_eq!(
            (day.followers, day.relationship_index, day.sentiment),
            (6, 0.25, -0.5)
        );
        assert_eq!((day.day, day.replies, day.ad_impressions), (4, 7, 0));
    }

    #[test]
    fn hours_are_booked_to_their_family() {
        let scenario = crate::sim::scenario::Scenario::for_tests(10);
        let catalog = &scenario.actions;
        let plan = WeekPlan {
            actions: vec![
                PlannedAction::new(ActionKind::Publish, 0, 0),
                PlannedAction::new(ActionKind::Reply, 0, 0),
                PlannedAction::new(ActionKind::Research, 0, 0),
            ],
        };
        let hours = Hours::of_plan(&plan, catalog);
        assert_eq!(hours.broadcast, catalog.cost(&plan.actions[0]).hours);
        assert_eq!(
            hours.of(Family::Conversation),
            catalog.spec(ActionKind::Reply).hours
        );
        assert_eq!(hours.listening, catalog.spec(ActionKind::Research).hours);
        let mut twice = hours;
        twice.add_hours(&hours);
        assert_eq!(twice.total(), 2.0 * hours.total());
    }

    #[test]
    fn stars_start_at_their_scores() {
        assert_eq!(stars(0.49), 0);
        assert_eq!(stars(0.5), 1);
        assert_eq!(stars(0.8), 2);
        assert_eq!(stars(0.9), 3);
        assert_eq!(stars(f64::NAN), 0);
    }
}
