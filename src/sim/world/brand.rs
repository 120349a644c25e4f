//! The brand's side of a game: what it knows, what waits for an answer, what
//! it has queued or bought, and its running totals.

use super::super::action::Target;
use super::super::attribution::Attribution;
use super::super::metrics::{DayMetrics, Hours};
use super::super::params::ModelParams;
use super::super::scenario::Scenario;
use super::super::step::PostToday;
use super::super::types::{CONTENT_TYPES, ContentType};
use std::collections::VecDeque;

/// A post waiting in the automation queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct QueuedPost {
    pub day: u32,
    pub platform: u8,
    pub content: ContentType,
}

/// An ad campaign that is running.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct RunningAd {
    pub until_day: u32,
    pub platform: u8,
    pub target: Target,
    pub money_per_day: f64,
}

/// The brand's side of the game.
#[derive(Clone, Debug, PartialEq)]
pub struct Brand {
    /// How well the brand knows each segment (0..1), from listening.
    pub insight: Vec<f32>,
    /// Comments waiting for an answer, oldest first: (person, day + 1 posted).
    pub pending: VecDeque<(u32, u16)>,
    /// Replies the brand can still give this week.
    pub reply_capacity: u32,
    /// Shares made yesterday, delivered to friends today: (person, packed
    /// platform and content).
    pub(super) shares: Vec<(u32, u8)>,
    /// Beside each of `shares`: whether it is an advocate's recommendation
    /// (recorded for attribution only; not in the state hash).
    pub(super) recommended: Vec<bool>,
    pub(super) queued_posts: Vec<QueuedPost>,
    pub(super) ads: Vec<RunningAd>,
    /// Organic reach multiplier per platform (algorithm changes).
    pub reach_factor: Vec<f32>,
    /// Appeal multiplier per content type and the day it ends.
    pub(super) trend: [(f32, u32); CONTENT_TYPES],
    /// Next influencer to approach.
    pub(super) influencer_cursor: usize,
    pub totals: Totals,
}

/// Running totals over the whole game.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// Every exposure: organic (see [`Totals::organic_impressions`]) and ad impressions.
    pub impressions: u64,
    pub engagements: u64,
    pub ad_impressions: u64,
    /// The part of `money_spent` that bought ads.
    pub ad_money_spent: f64,
    pub ad_clicks: u64,
    pub leads: u64,
    pub customers: u64,
    pub revenue: f64,
    pub money_spent: f64,
    pub hours: Hours,
    pub comments: u64,
    pub replies: u64,
    pub unanswered: u64,
    /// Purchases by people who had already bought.
    pub repeat_purchases: u64,
    /// Connection requests the brand sent.
    pub connection_requests: u64,
    /// Connection requests accepted (each a new follower).
    pub connections_accepted: u64,
    /// Every change of standing by outcome and cause (not in the state hash).
    pub attribution: Attribution,
}

impl Totals {
    /// Posts met in the feed, through discovery and through friends' shares:
    /// every impression that was not an ad.
    pub fn organic_impressions(&self) -> u64 {
        self.impressions - self.ad_impressions
    }

    /// Adds a finished day.
    pub fn add_day(&mut self, day: &DayMetrics) {
        self.impressions += day.impressions;
        self.engagements += day.engagements;
        self.ad_impressions += day.ad_impressions;
        self.ad_money_spent += day.ad_money_spent;
        self.ad_clicks += day.ad_clicks;
        self.leads += day.new_leads;
        self.customers += day.new_customers;
        self.revenue += day.revenue;
        self.money_spent += day.money_spent;
        self.comments += day.comments;
        self.replies += day.replies;
        self.unanswered += day.unanswered;
        self.hours.add_hours(&day.hours);
        self.repeat_purchases += day.repeat_purchases;
        self.connection_requests += day.connection_requests;
        self.connections_accepted += day.connections_accepted;
        self.attribution.add(&day.attribution);
    }

    /// (revenue - money spent) / money spent; 0 when nothing was spent.
    pub fn roi(&self) -> f64 {
        if self.money_spent > 0.0 {
            (self.revenue - self.money_spent) / self.money_spent
        } else {
            0.0
        }
    }

    /// Money spent on ads per ad click; 0 when nothing was clicked.
    pub fn cost_per_click(&self) -> f64 {
        if self.ad_clicks > 0 {
            self.ad_money_spent / self.ad_clicks as f64
        } else {
            0.0
        }
    }
}

impl Brand {
    /// A brand at the start: knows nothing, owes nothing.
    pub(super) fn new(segments: usize, platforms: usize) -> Brand {
        Brand {
            insight: vec![0.0; segments],
            pending: VecDeque::new(),
            reply_capacity: 0,
            shares: Vec::new(),
            recommended: Vec::new(),
            queued_posts: Vec::new(),
            ads: Vec::new(),
            reach_factor: vec![1.0; platforms],
            trend: [(1.0, 0); CONTENT_TYPES],
            influencer_cursor: 0,
            totals: Totals::default(),
        }
    }

    /// Research: insight grows in every segment, or faster in the one aimed at.
    pub(super) fn research(&mut self, params: &ModelParams, target: Target, hours: f64) {
        let rate = params.insight_per_research_hour * hours as f32;
        for (segment, insight) in self.insight.iter_mut().enumerate() {
            let gain = match target {
                Target::Segment(s) if s as usize == segment => {
                    (rate * params.focused_research_factor).min(1.0)
                }
                Target::Segment(_) => 0.0,
                _ => rate,
            };
            *insight = (*insight + gain * (1.0 - *insight)).min(1.0);
        }
    }

    /// Listening without research: a conversation with one person, or the
    /// ad platform's report of their click, teaches the brand a little about
    /// that person's segment (`gain` of what is left to learn).
    pub(super) fn learn(&mut self, segment: usize, gain: f32) {
        if let Some(insight) = self.insight.get_mut(segment) {
            *insight = (*insight + gain * (1.0 - *insight)).clamp(0.0, 1.0);
        }
    }

    /// The ad platforms' report of who clicked, in the pass's (chunk)
    /// order: the brand learns `gain` about each clicker's segment.
    pub(super) fn learn_from_clicks(&mut self, clickers: &[u32], segment_of: &[u8], gain: f32) {
        for &clicker in clickers {
            self.learn(segment_of[clicker as usize] as usize, gain);
        }
    }

    /// A post going out today on `platform`: its quality and organic reach.
    pub(super) fn post(
        &self,
        scenario: &Scenario,
        platform: u8,
        content: ContentType,
        scheduled: bool,
    ) -> PostToday {
        let spec = &scenario.platforms[platform as usize];
        // Platforms show lively threads to more people: a question travels
        // further where the platform affords conversation.
        let lively = if content == ContentType::Conversation {
            1.0 + spec.conversation
        } else {
            1.0
        };
        let mut quality = scenario.actions.content_quality[content.index()];
        if scheduled {
            quality *= scenario.model.scheduled_quality;
        }
        PostToday {
            platform,
            content,
            quality,
            scheduled,
            reach: spec.organic_reach * lively * self.reach_factor[platform as usize],
        }
    }

    /// Appeal multiplier per content type today (1 where no trend runs).
    pub(super) fn trend_today(&self, day: u32) -> [f32; CONTENT_TYPES] {
        let mut trend = [1.0; CONTENT_TYPES];
        for (c, &(boost, until)) in self.trend.iter().enumerate() {
            if day < until {
                trend[c] = boost;
            }
        }
        trend
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_count_each_impression_once() {
        let day = DayMetrics {
            impressions: 10,
            organic_impressions: 6,
            ad_impressions: 4,
            new_leads: 2,
            ..DayMetrics::default()
        };
        let mut totals = Totals::default();
        totals.add_day(&day);
        totals.add_day(&day);
        assert_eq!(
            (
                totals.impressions,
                totals.organic_impressions(),
                totals.ad_impressions,
                totals.leads
            ),
            (20, 12, 8, 4)
        );
    }

    #[test]
    fn focused_research_learns_faster_and_only_there() {
        let params = ModelParams::default();
        let mut wide = Brand::new(3, 1);
        wide.research(&params, Target::Everyone, 1.0);
        let mut focused = Brand::new(3, 1);
        focused.research(&params, Target::Segment(1), 1.0);
        assert_eq!(focused.insight[0], 0.0);
        assert_eq!(
            focused.insight[1],
            wide.insight[1] * params.focused_research_factor
        );
        assert!(wide.insight.iter().all(|&i| i == wide.insight[0] && i > 0.0));
    }

    #[test]
    fn a_trend_lasts_until_its_day() {
        let mut brand = Brand::new(1, 1);
        brand.trend[ContentType::Video.index()] = (2.0, 5);
        assert_eq!(brand.trend_today(4)[ContentType::Video.index()], 2.0);
        assert_eq!(brand.trend_today(5)[ContentType::Video.index()], 1.0);
        assert_eq!(brand.trend_today(4)[ContentType::Photo.index()], 1.0);
    }
}
