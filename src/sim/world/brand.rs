//! The brand's side of a game: what it knows, what waits for an answer, what
//! it has queued or bought, and its running totals.

use super::super::action::Target;
use super::super::attribution::Attribution;
use super::super::metrics::{DayMetrics, Hours};
use super::super::scenario::Scenario;
use super::super::step::PostToday;
use super::super::types::{CONTENT_TYPES, ContentType, TONES, Tone};
use std::collections::VecDeque;

/// A post waiting in the automation queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct QueuedPost {
    pub day: u32,
    pub platform: u8,
    pub content: ContentType,
    pub tone: Tone,
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
    /// How much of what the brand believes about each segment comes from
    /// listening, and how recently (0..1): it fades a little each week.
    pub insight: Vec<f32>,
    /// What the brand believes each segment likes, per content type
    /// (1.0 = average): the scenario's starting beliefs moved by listening.
    pub beliefs: Vec<[f32; CONTENT_TYPES]>,
    /// What the brand believes of each segment's taste in tone.
    pub tone_beliefs: Vec<[f32; TONES]>,
    /// People the brand remembers having talked with, the most recent first.
    pub memory: Vec<u32>,
    /// Comments waiting for an answer, oldest first: (person, day posted).
    pub pending: VecDeque<(u32, u16)>,
    /// Reply batches the brand can still give this week, each with its
    /// tone, in the order they were planned.
    pub(super) reply_batches: VecDeque<(u32, Tone)>,
    /// Comments that ran out of patience yesterday (person, platform): their
    /// friends may see them unanswered today.
    pub(super) ignored: Vec<(u32, u8)>,
    /// Shares made yesterday, delivered to friends today: (person, packed item).
    pub(super) shares: Vec<(u32, u16)>,
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
    /// Impressions of broadcast posts and the reactions they drew.
    pub post_impressions: u64,
    pub post_engagements: u64,
    /// Impressions of the brand's questions and the comments they drew.
    pub question_impressions: u64,
    pub question_comments: u64,
    /// People the brand commented on, and those who answered.
    pub pushes: u64,
    pub push_responses: u64,
    /// Customers who lapsed (for any reason, a rival included).
    pub lapsed: u64,
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
        self.post_impressions += day.post_impressions;
        self.post_engagements += day.post_engagements;
        self.question_impressions += day.question_impressions;
        self.question_comments += day.question_comments;
        self.pushes += day.people_engaged_by_brand;
        self.push_responses += day.push_responses;
        self.lapsed += day.churned_customers;
        self.attribution.add(&day.attribution);
    }

    /// Reactions per impression of broadcast posts (0 without any).
    pub fn post_engagement_rate(&self) -> f64 {
        super::super::metrics::ratio(self.post_engagements, self.post_impressions)
    }

    /// Answers to the brand's conversation per person it addressed.
    pub fn conversation_response_rate(&self) -> f64 {
        super::super::metrics::ratio(
            self.question_comments + self.push_responses,
            self.question_impressions + self.pushes,
        )
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
    /// A brand at the start: believes what the scenario says it believes,
    /// owes nothing.
    pub(super) fn new(scenario: &Scenario) -> Brand {
        let platforms = scenario.platforms.len();
        Brand {
            insight: vec![0.0; scenario.segments.len()],
            beliefs: scenario.segments.iter().map(|s| s.believed_interest).collect(),
            tone_beliefs: scenario.segments.iter().map(|s| s.believed_tone).collect(),
            memory: Vec::new(),
            pending: VecDeque::new(),
            reply_batches: VecDeque::new(),
            ignored: Vec::new(),
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

    /// Replies the brand can still give this week.
    pub fn reply_capacity(&self) -> u32 {
        self.reply_batches.iter().map(|&(n, _)| n).sum()
    }

    /// Research: what the brand believes about every segment (or, faster,
    /// the one aimed at) moves toward what the segment really likes.
    pub(super) fn research(&mut self, scenario: &Scenario, target: Target, hours: f64) {
        let params = &scenario.model;
        if !scenario.mechanisms.learning {
            return;
        }
        let rate = params.insight_per_research_hour * hours as f32;
        for (s, segment) in scenario.segments.iter().enumerate() {
            let gain = match target {
                Target::Segment(t) if t as usize == s => (rate * params.focused_research_factor).min(1.0),
                Target::Segment(_) => 0.0,
                _ => rate.min(1.0),
            };
            self.learn(s, gain, &segment.interest, &segment.tone_fit);
        }
    }

    /// Moves what the brand believes of segment `segment` a share `gain` of
    /// the way toward `interest` and `tone` (a segment's truth, or what one
    /// person showed of it).
    pub(super) fn learn(
        &mut self,
        segment: usize,
        gain: f32,
        interest: &[f32; CONTENT_TYPES],
        tone: &[f32; TONES],
    ) {
        if gain <= 0.0 {
            return;
        }
        if let (Some(beliefs), Some(tones), Some(insight)) = (
            self.beliefs.get_mut(segment),
            self.tone_beliefs.get_mut(segment),
            self.insight.get_mut(segment),
        ) {
            for (belief, truth) in beliefs.iter_mut().zip(interest) {
                *belief += gain * (truth - *belief);
            }
            for (belief, truth) in tones.iter_mut().zip(tone) {
                *belief += gain * (truth - *belief);
            }
            *insight = (*insight + gain * (1.0 - *insight)).clamp(0.0, 1.0);
        }
    }

    /// The ad platform's report of one click: the belief about the
    /// clicker's segment's taste for offers moves toward the clicker's own
    /// (the report shows who clicks, not who does not).
    pub(super) fn learn_from_click(&mut self, segment: usize, offer_interest: f32, gain: f32) {
        if let (Some(beliefs), Some(insight)) = (self.beliefs.get_mut(segment), self.insight.get_mut(segment))
        {
            let belief = &mut beliefs[ContentType::Offer.index()];
            *belief += gain * (offer_interest - *belief);
            *insight = (*insight + gain * (1.0 - *insight)).clamp(0.0, 1.0);
        }
    }

    /// The brand remembers `people` (today's reciprocated exchanges, in
    /// index order) as the most recent it talked with, keeping `size`.
    pub(super) fn remember(&mut self, people: &[u32], size: usize) {
        if size == 0 {
            self.memory.clear();
            return;
        }
        for &person in people {
            if let Some(at) = self.memory.iter().position(|&p| p == person) {
                self.memory.remove(at);
            }
            self.memory.insert(0, person);
        }
        self.memory.truncate(size);
    }

    /// A post going out today on `platform`: its quality and organic reach.
    pub(super) fn post(
        &self,
        scenario: &Scenario,
        platform: u8,
        content: ContentType,
        tone: Tone,
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
            tone,
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
    fn research_moves_beliefs_toward_the_truth_faster_where_it_is_focused() {
        let mut scenario = Scenario::for_tests(10);
        scenario.segments[0].believed_interest = [2.0; CONTENT_TYPES];
        let truth = scenario.segments[0].interest;
        let gap = |brand: &Brand| -> f32 {
            brand.beliefs[0]
                .iter()
                .zip(truth)
                .map(|(b, t)| (b - t).abs())
                .sum()
        };
        let start = gap(&Brand::new(&scenario));
        let mut wide = Brand::new(&scenario);
        wide.research(&scenario, Target::Everyone, 1.0);
        let mut focused = Brand::new(&scenario);
        focused.research(&scenario, Target::Segment(0), 1.0);
        let mut elsewhere = Brand::new(&scenario);
        elsewhere.research(&scenario, Target::Segment(1), 1.0);
        assert!(gap(&focused) < gap(&wide) && gap(&wide) < start);
        assert_eq!(gap(&elsewhere), start);
        assert_eq!(focused.insight[1], 0.0);
        assert!(wide.insight.iter().all(|&i| i == wide.insight[0] && i > 0.0));
    }

    #[test]
    fn memory_keeps_the_most_recent_people_once_each() {
        let mut brand = Brand::new(&Scenario::for_tests(10));
        brand.remember(&[1, 2, 3], 3);
        brand.remember(&[2, 9], 3);
        assert_eq!(brand.memory, [9, 2, 3]);
        brand.remember(&[4], 0);
        assert!(brand.memory.is_empty());
    }

    #[test]
    fn a_trend_lasts_until_its_day() {
        let mut brand = Brand::new(&Scenario::for_tests(10));
        brand.trend[ContentType::Video.index()] = (2.0, 5);
        assert_eq!(brand.trend_today(4)[ContentType::Video.index()], 2.0);
        assert_eq!(brand.trend_today(5)[ContentType::Video.index()], 1.0);
        assert_eq!(brand.trend_today(4)[ContentType::Photo.index()], 1.0);
    }
}
