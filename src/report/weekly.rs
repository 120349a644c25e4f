//! Daily metrics folded into weeks, and their CSV form.

use crate::sim::{Attribution, Cause, DayMetrics, Outcome, Stage, possible_causes, ratio};
use serde::Serialize;

/// One week of a game: flows summed over its days, levels at its end.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct WeekRow {
    pub week: u32,
    pub followers: u64,
    pub follower_growth: i64,
    pub new_followers: u64,
    pub unfollows: u64,
    /// Daily reach summed over the week's days: a person reached on three
    /// days counts three times (see `people_reached`).
    pub reach: u64,
    /// The people the week reached, each counted once: never more than the
    /// audience.
    pub people_reached: u64,
    /// Every exposure: organic plus ad impressions.
    pub impressions: u64,
    /// Posts met in the feed, through discovery and through friends' shares.
    pub organic_impressions: u64,
    pub engagements: u64,
    /// Impressions of the brand's posts (questions and ads left out) and
    /// the reactions they drew.
    pub post_impressions: u64,
    pub post_engagements: u64,
    /// The post engagement rate: post reactions per post impression (the
    /// game's one engagement rate, `Kpis::engagement_rate`, for the week).
    pub engagement_rate: f64,
    pub comments: u64,
    /// Complaints a review storm posted this week: each waits for an answer
    /// like a comment.
    pub complaints: u64,
    /// Comments and complaints still waiting for an answer when the week
    /// began (they came in earlier weeks): the week's replies answer these,
    /// `comments` and `complaints`, oldest first, so `replies` never exceeds
    /// the three together.
    pub comments_waiting_before: u64,
    pub replies: u64,
    pub unanswered: u64,
    pub shares: u64,
    pub ad_impressions: u64,
    pub ad_clicks: u64,
    /// Ad clicks per ad impression.
    pub ctr: f64,
    pub new_leads: u64,
    /// Leads who went cold without buying.
    pub cooled_leads: u64,
    pub new_customers: u64,
    /// Purchases by people who had bought before.
    pub repeat_purchases: u64,
    /// Customers who lapsed (unhappy, or drifted away without a bond).
    pub churned_customers: u64,
    pub connection_requests: u64,
    pub connections_accepted: u64,
    pub leads: u64,
    /// Customers at the week's end: people who bought and have not lapsed
    /// (the meaning of "customers" everywhere in the game).
    pub customers: u64,
    /// People who ever bought, lapsed or not.
    pub customers_ever: u64,
    /// The share of leads who ever bought.
    pub conversion_rate: f64,
    pub advocates: u64,
    pub strong_relationships: u64,
    pub relationship_index: f64,
    pub sentiment: f64,
    pub churn: f64,
    pub hours_broadcast: f64,
    pub hours_conversation: f64,
    pub hours_listening: f64,
    pub money_spent: f64,
    pub revenue: f64,
    pub roi: f64,
    /// The week's changes of standing by outcome and cause (in the CSV as
    /// the columns of [`attribution_columns`]).
    #[serde(skip)]
    pub attribution: Attribution,
}

/// Folds a game's history (day 0 first) into weeks.
pub fn weekly_rows(history: &[DayMetrics]) -> Vec<WeekRow> {
    let Some(start) = history.first() else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut previous_followers = start.followers;
    let mut previous_pending = start.pending_comments;
    let mut money_total = 0.0;
    let mut revenue_total = 0.0;
    for (w, days) in history[1..].chunks(7).enumerate() {
        let Some(last) = days.last() else { break };
        let sum = |f: fn(&DayMetrics) -> u64| days.iter().map(f).sum::<u64>();
        let fsum = |f: fn(&DayMetrics) -> f64| days.iter().map(f).sum::<f64>();
        let mut row = WeekRow {
            week: w as u32 + 1,
            followers: last.followers,
            follower_growth: last.followers as i64 - previous_followers as i64,
            new_followers: sum(|d| d.new_followers),
            unfollows: sum(|d| d.unfollows),
            reach: sum(|d| d.reach),
            people_reached: sum(|d| d.first_reach_of_week),
            impressions: sum(|d| d.impressions),
            organic_impressions: sum(|d| d.organic_impressions),
            engagements: sum(|d| d.engagements),
            post_impressions: sum(|d| d.post_impressions),
            post_engagements: sum(|d| d.post_engagements),
            comments: sum(|d| d.comments),
            complaints: sum(|d| d.complaints),
            comments_waiting_before: previous_pending,
            replies: sum(|d| d.replies),
            unanswered: sum(|d| d.unanswered),
            shares: sum(|d| d.shares),
            ad_impressions: sum(|d| d.ad_impressions),
            ad_clicks: sum(|d| d.ad_clicks),
            new_leads: sum(|d| d.new_leads),
            cooled_leads: sum(|d| d.cooled_leads),
            new_customers: sum(|d| d.new_customers),
            repeat_purchases: sum(|d| d.repeat_purchases),
            churned_customers: sum(|d| d.churned_customers),
            connection_requests: sum(|d| d.connection_requests),
            connections_accepted: sum(|d| d.connections_accepted),
            leads: last.leads_total,
            customers: last.customers_now(),
            customers_ever: last.customers_total,
            advocates: last.advocates,
            strong_relationships: last.strong_relationships,
            relationship_index: last.relationship_index,
            sentiment: last.sentiment,
            hours_broadcast: fsum(|d| d.hours.broadcast),
            hours_conversation: fsum(|d| d.hours.conversation),
            hours_listening: fsum(|d| d.hours.listening),
            money_spent: fsum(|d| d.money_spent),
            revenue: fsum(|d| d.revenue),
            ..WeekRow::default()
        };
        for day in days {
            row.attribution.add(&day.attribution);
        }
        row.engagement_rate = ratio(row.post_engagements, row.post_impressions);
        row.ctr = ratio(row.ad_clicks, row.ad_impressions);
        row.conversion_rate = ratio(row.customers_ever, row.leads);
        row.churn = ratio(row.unfollows, previous_followers.max(1));
        money_total += row.money_spent;
        revenue_total += row.revenue;
        row.roi = if money_total > 0.0 {
            (revenue_total - money_total) / money_total
        } else {
            0.0
        };
        previous_followers = last.followers;
        previous_pending = last.pending_comments;
        rows.push(row);
    }
    rows
}

/// The attribution's columns of the weekly CSV, in order: one
/// `<outcome>_by_<cause>` column for each cause the model's rules can
/// credit an outcome to (outcomes in the order of [`Outcome::ALL`], causes
/// in that of [`Cause::ALL`]). The columns of one outcome add up to its
/// count: `followers_by_*` to `new_followers`, `unfollows_by_*` to
/// `unfollows`, `leads_by_*` to `new_leads`, `customers_by_*` to
/// `new_customers`, `lapses_by_*` to `churned_customers`; `strong_gained_by_*`
/// less `strong_lost_by_*` is the week's change of `strong_relationships`,
/// `advocates_by_*` less `advocates_lost_by_*` that of `advocates`.
pub fn attribution_columns() -> Vec<(Outcome, Cause, String)> {
    Outcome::ALL
        .iter()
        .flat_map(|&outcome| {
            possible_causes(outcome)
                .iter()
                .map(move |&cause| (outcome, cause, format!("{}_by_{}", outcome.key(), cause.key())))
        })
        .collect()
}

/// The weekly table as CSV text: the fields of [`WeekRow`], then the
/// attribution's columns.
pub fn weekly_csv(rows: &[WeekRow]) -> Result<Vec<u8>, csv::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // The row's own fields as serde writes them, then the columns appended.
    let mut fields = csv::Writer::from_writer(Vec::new());
    for row in rows {
        fields.serialize(row)?;
    }
    let fields = fields
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    let mut reader = csv::Reader::from_reader(fields.as_slice());
    let columns = attribution_columns();
    let mut header = reader.headers()?.clone();
    for (_, _, name) in &columns {
        header.push_field(name);
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header)?;
    for (record, row) in reader.records().zip(rows) {
        let mut record = record?;
        for &(outcome, cause, _) in &columns {
            record.push_field(&row.attribution.get(outcome, cause).to_string());
        }
        writer.write_record(&record)?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Stage names in order, for tables.
pub fn stage_labels() -> Vec<&'static str> {
    Stage::ALL.iter().map(|s| s.label()).collect()
}
