//! One game in progress: the audience, the graph, the brand's side of
//! things, and the weekly loop that turns a plan into seven daily steps.

use super::action::{ActionKind, PlanError, Target, WeekPlan};
use super::audience::{Audience, flag, funnel, inbox, pack_item};
use super::graph::Graph;
use super::metrics::{DayMetrics, Hours, Kpis, mean_or_zero, ratio, score};
use super::rng::{Rng, Stream, mix64};
use super::scenario::{EventKind, Scenario};
use super::step::{DayContext, PostToday, daily_pass};
use super::types::{CONTENT_TYPES, ContentType, Family};
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

/// Version of the model's rules. Bump it whenever a change to the rules or
/// their defaults changes results, so old replays say why they differ.
pub const MODEL_VERSION: u32 = 1;

/// A post waiting in the automation queue.
#[derive(Clone, Copy, Debug, PartialEq)]
struct QueuedPost {
    day: u32,
    platform: u8,
    content: ContentType,
}

/// An ad campaign that is running.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RunningAd {
    until_day: u32,
    platform: u8,
    target: Target,
    money_per_day: f64,
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
    /// Shares made yesterday, delivered to friends today.
    shares: Vec<(u32, u8)>,
    queued_posts: Vec<QueuedPost>,
    ads: Vec<RunningAd>,
    /// Organic reach multiplier per platform (algorithm changes).
    pub reach_factor: Vec<f32>,
    /// Appeal multiplier per content type and the day it ends.
    trend: [(f32, u32); CONTENT_TYPES],
    /// Next influencer to approach.
    influencer_cursor: usize,
    pub totals: Totals,
}

/// Running totals over the whole game.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub impressions: u64,
    pub engagements: u64,
    pub ad_impressions: u64,
    pub ad_clicks: u64,
    pub leads: u64,
    pub customers: u64,
    pub revenue: f64,
    pub money_spent: f64,
    pub hours: [f64; 3],
    pub comments: u64,
    pub replies: u64,
    pub unanswered: u64,
}

/// The week being played: its plan and how many of its days are done.
#[derive(Clone, Debug, PartialEq)]
struct RunningWeek {
    plan: WeekPlan,
    days_done: u8,
}

/// Why a week cannot begin or go on.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WeekError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("a week is already being played; finish it first")]
    WeekRunning,
    #[error("no week is being played; begin one with its plan first")]
    NoWeekRunning,
    #[error("the game is over: every week of the scenario has been played")]
    GameOver,
}

/// One game.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    pub audience: Audience,
    pub graph: Graph,
    pub brand: Brand,
    /// Days simulated so far.
    pub day: u32,
    pub history: Vec<DayMetrics>,
    pub plans: Vec<WeekPlan>,
    /// State hash at the start and after every finished week.
    pub week_hashes: Vec<u64>,
    pub segment_ranges: Vec<Range<u32>>,
    /// Users per platform.
    pub platform_users: Vec<u64>,
    /// Most connected people, most connected first.
    pub influencers: Vec<u32>,
    running: Option<RunningWeek>,
}

impl Simulation {
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Simulation {
        let segment_ranges = scenario.segment_ranges();
        let audience = Audience::generate(&scenario, seed);
        let graph = Graph::generate(&scenario.graph, &segment_ranges, seed);
        let mut platform_users = vec![0u64; scenario.platforms.len()];
        for &bits in &audience.platforms {
            for (p, users) in platform_users.iter_mut().enumerate() {
                *users += u64::from(bits >> p & 1);
            }
        }
        let influencers = graph.most_connected((scenario.agents as usize / 50).clamp(1, 2000));
        let brand = Brand {
            insight: vec![0.0; scenario.segments.len()],
            pending: VecDeque::new(),
            reply_capacity: 0,
            shares: Vec::new(),
            queued_posts: Vec::new(),
            ads: Vec::new(),
            reach_factor: vec![1.0; scenario.platforms.len()],
            trend: [(1.0, 0); CONTENT_TYPES],
            influencer_cursor: 0,
            totals: Totals::default(),
        };
        let mut simulation = Simulation {
            scenario,
            seed,
            audience,
            graph,
            brand,
            day: 0,
            history: Vec::new(),
            plans: Vec::new(),
            week_hashes: Vec::new(),
            segment_ranges,
            platform_users,
            influencers,
            running: None,
        };
        simulation.history.push(simulation.snapshot());
        let start = simulation.state_hash();
        simulation.week_hashes.push(start);
        simulation
    }

    /// The scenario this game plays.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Every person's state.
    pub fn audience(&self) -> &Audience {
        &self.audience
    }

    /// Who hears whom.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The brand's side: insight, waiting comments, running totals.
    pub fn brand(&self) -> &Brand {
        &self.brand
    }

    /// Days simulated so far.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// Metrics of every day so far, day 0 (the start) first.
    pub fn history(&self) -> &[DayMetrics] {
        &self.history
    }

    /// The plans of the weeks begun so far.
    pub fn plans(&self) -> &[WeekPlan] {
        &self.plans
    }

    /// The state hash at the start and after every finished week.
    pub fn week_hashes(&self) -> &[u64] {
        &self.week_hashes
    }

    /// The range of person indices of each segment.
    pub fn segment_ranges(&self) -> &[Range<u32>] {
        &self.segment_ranges
    }

    /// How many people use each platform.
    pub fn platform_users(&self) -> &[u64] {
        &self.platform_users
    }

    /// The most connected people, most connected first.
    pub fn influencers(&self) -> &[u32] {
        &self.influencers
    }

    pub fn week(&self) -> u32 {
        self.day / 7
    }

    pub fn finished(&self) -> bool {
        self.week() >= self.scenario.weeks
    }

    /// Comments still waiting and not yet past patience.
    pub fn pending_comments(&self) -> u64 {
        self.brand
            .pending
            .iter()
            .filter(|&&(agent, since)| self.audience.comment_since[agent as usize] == since)
            .count() as u64
    }

    /// Checks a plan against this week's budget and the scenario.
    pub fn check_plan(&self, plan: &WeekPlan) -> Result<(), PlanError> {
        let scenario = &self.scenario;
        plan.validate(
            &scenario.actions,
            scenario.hours_per_week,
            scenario.money_per_week,
            scenario.platforms.len(),
            scenario.segments.len(),
        )
    }

    /// Plays one whole week with a plan.
    pub fn run_week(&mut self, plan: &WeekPlan) -> Result<(), WeekError> {
        self.begin_week(plan.clone())?;
        while self.week_running() {
            self.step_day()?;
        }
        Ok(())
    }

    /// Checks the week's plan and starts playing it; `step_day` then plays
    /// its days one at a time, and the seventh closes the week. (The window
    /// plays a week this way and ends in the same state as `run_week`.)
    pub fn begin_week(&mut self, plan: WeekPlan) -> Result<(), WeekError> {
        if self.running.is_some() {
            return Err(WeekError::WeekRunning);
        }
        if self.finished() {
            return Err(WeekError::GameOver);
        }
        self.check_plan(&plan)?;
        self.plans.push(plan.clone());
        self.running = Some(RunningWeek { plan, days_done: 0 });
        self.brand.reply_capacity = 0;
        // What the brand learned about its audience slowly goes out of date.
        let keep = self.scenario.model.insight_keep_per_week;
        for insight in &mut self.brand.insight {
            *insight *= keep;
        }
        Ok(())
    }

    /// Whether a week has begun and not all its days are played.
    pub fn week_running(&self) -> bool {
        self.running.is_some()
    }

    /// Days of the running week already played (0 when none is running).
    pub fn days_played(&self) -> u8 {
        self.running.as_ref().map_or(0, |week| week.days_done)
    }

    /// The plan of the week being played.
    pub fn current_plan(&self) -> Option<&WeekPlan> {
        self.running.as_ref().map(|week| &week.plan)
    }

    /// Plays the next day of the running week; after the seventh the week
    /// closes (unused reply capacity lapses, the week's hash is kept).
    pub fn step_day(&mut self) -> Result<(), WeekError> {
        let Some(week) = self.running.take() else {
            return Err(WeekError::NoWeekRunning);
        };
        self.play_day(&week.plan, week.days_done);
        let days_done = week.days_done + 1;
        if days_done < 7 {
            self.running = Some(RunningWeek { days_done, ..week });
        } else {
            self.brand.reply_capacity = 0;
            let hash = self.state_hash();
            self.week_hashes.push(hash);
        }
        Ok(())
    }

    /// Simulates one day of a week's plan.
    fn play_day(&mut self, plan: &WeekPlan, weekday: u8) {
        let scenario = Arc::clone(&self.scenario);
        let params = &scenario.model;
        let day = self.day;
        let mut metrics = DayMetrics {
            day: day + 1,
            ..DayMetrics::default()
        };
        self.apply_events(day);

        // The brand's actions of the day.
        let mut posts: Vec<PostToday> = Vec::new();
        let mut live = None;
        let mut pushes: Vec<(Target, u8, u32)> = Vec::new();
        let catalog = &scenario.actions;
        for action in plan.actions.iter().filter(|a| a.day == weekday) {
            let cost = catalog.cost(action);
            metrics.hours[action.kind.family().index()] += cost.hours;
            metrics.money_spent += cost.money;
            let spec = catalog.spec(action.kind);
            match action.kind {
                ActionKind::Publish => posts.push(self.post(action.platform, action.content, false)),
                ActionKind::StartConversation => {
                    posts.push(self.post(action.platform, ContentType::Conversation, false))
                }
                ActionKind::Schedule => {
                    for j in 0..spec.batch {
                        self.brand.queued_posts.push(QueuedPost {
                            day: day + j,
                            platform: action.platform,
                            content: action.content,
                        });
                    }
                }
                ActionKind::Ad => self.brand.ads.push(RunningAd {
                    until_day: day + 7,
                    platform: action.platform,
                    target: action.target,
                    money_per_day: spec.money / 7.0,
                }),
                ActionKind::Reply => self.brand.reply_capacity += spec.batch,
                ActionKind::EngageOthers => {
                    let people = catalog.people_per_engagement(action.target);
                    pushes.push((action.target, action.platform, people));
                }
                ActionKind::LiveEvent => live = Some(action.platform),
                ActionKind::Research => self.research(action.target, spec.hours),
            }
        }
        let mut queued = std::mem::take(&mut self.brand.queued_posts);
        queued.retain(|post| {
            if post.day == day {
                posts.push(self.post(post.platform, post.content, true));
                false
            } else {
                true
            }
        });
        self.brand.queued_posts = queued;
        metrics.posts = posts.len() as u64;

        // Phase A: mark what reaches people outside their feed.
        self.deliver_shares(day);
        metrics.ad_impressions = self.deliver_ads(day);
        self.deliver_discovery(day, &posts);
        for (n, &(target, platform, people)) in pushes.iter().enumerate() {
            metrics.people_engaged_by_brand += self.deliver_pushes(day, n as u64, target, platform, people);
        }
        metrics.replies = self.deliver_replies(day);

        let ctx = DayContext {
            day,
            seed: self.seed,
            params,
            platforms: &scenario.platforms,
            posts,
            live,
            insight_mult: self
                .brand
                .insight
                .iter()
                .map(|&insight| 1.0 + params.insight_appeal_bonus * insight)
                .collect(),
            trend: self.trend_today(day),
            sales_speed: scenario.sales_speed,
            complaint_severity: self.complaint_severity(day),
        };

        // Phase B: everyone, in parallel.
        let chunks = daily_pass(&mut self.audience, &ctx);

        // Phase C: merge in chunk order.
        let mut relationship_sum = 0.0;
        let mut sentiment_sum = 0.0;
        let mut known = 0u64;
        let mut shares = Vec::new();
        for chunk in chunks {
            metrics.followers += chunk.followers;
            metrics.new_followers += chunk.new_followers;
            metrics.unfollows += chunk.unfollows;
            metrics.reach += chunk.reach;
            metrics.impressions += chunk.impressions;
            metrics.engagements += chunk.engagements;
            metrics.comments += chunk.comments;
            metrics.unanswered += chunk.unanswered;
            metrics.ignored_unfollows += chunk.ignored_unfollows;
            metrics.ad_clicks += chunk.ad_clicks;
            metrics.offer_clicks += chunk.offer_clicks;
            metrics.new_leads += chunk.new_leads;
            metrics.new_customers += chunk.new_customers;
            metrics.churned_customers += chunk.churned_customers;
            metrics.live_attendees += chunk.live_attendees;
            metrics.advocates += chunk.advocates;
            metrics.strong_relationships += chunk.strong;
            relationship_sum += chunk.relationship_sum;
            sentiment_sum += chunk.sentiment_sum;
            known += chunk.known;
            for (stage, count) in chunk.stages.iter().enumerate() {
                metrics.stages[stage] += count;
            }
            let since = (day + 1) as u16;
            self.brand
                .pending
                .extend(chunk.new_comments.iter().map(|&agent| (agent, since)));
            shares.extend_from_slice(&chunk.shares);
        }
        metrics.shares = shares.len() as u64;
        self.brand.shares = shares;
        metrics.relationship_index = mean_or_zero(relationship_sum, metrics.followers);
        metrics.sentiment = mean_or_zero(sentiment_sum, known);
        metrics.revenue = metrics.new_customers as f64 * scenario.customer_value;

        let totals = &mut self.brand.totals;
        totals.impressions += metrics.impressions + metrics.ad_impressions;
        totals.engagements += metrics.engagements;
        totals.ad_impressions += metrics.ad_impressions;
        totals.ad_clicks += metrics.ad_clicks;
        totals.leads += metrics.new_leads;
        totals.customers += metrics.new_customers;
        totals.revenue += metrics.revenue;
        totals.money_spent += metrics.money_spent;
        totals.comments += metrics.comments;
        totals.replies += metrics.replies;
        totals.unanswered += metrics.unanswered;
        for family in Family::ALL {
            totals.hours[family.index()] += metrics.hours[family.index()];
        }
        metrics.leads_total = totals.leads;
        metrics.customers_total = totals.customers;
        self.prune_pending();
        metrics.pending_comments = self.brand.pending.len() as u64;
        self.history.push(metrics);
        self.day += 1;
    }

    fn post(&self, platform: u8, content: ContentType, scheduled: bool) -> PostToday {
        let scenario = &self.scenario;
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
            reach: spec.organic_reach * lively * self.brand.reach_factor[platform as usize],
        }
    }

    fn research(&mut self, target: Target, hours: f64) {
        let rate = self.scenario.model.insight_per_research_hour * hours as f32;
        for (segment, insight) in self.brand.insight.iter_mut().enumerate() {
            // Focused research on one segment learns three times as fast there.
            let gain = match target {
                Target::Segment(s) if s as usize == segment => (rate * 3.0).min(1.0),
                Target::Segment(_) => 0.0,
                _ => rate,
            };
            *insight = (*insight + gain * (1.0 - *insight)).min(1.0);
        }
    }

    fn trend_today(&self, day: u32) -> [f32; CONTENT_TYPES] {
        let mut trend = [1.0; CONTENT_TYPES];
        for (c, &(boost, until)) in self.brand.trend.iter().enumerate() {
            if day < until {
                trend[c] = boost;
            }
        }
        trend
    }

    fn complaint_severity(&self, day: u32) -> f32 {
        self.scenario
            .events
            .iter()
            .filter(|event| event.week * 7 + event.day as u32 == day)
            .map(|event| match event.kind {
                EventKind::ReviewStorm { severity, .. } => severity * 0.3,
                _ => 0.0,
            })
            .fold(0.0, f32::max)
    }

    fn apply_events(&mut self, day: u32) {
        let scenario = Arc::clone(&self.scenario);
        for (n, event) in scenario.events.iter().enumerate() {
            if event.week * 7 + event.day as u32 != day {
                continue;
            }
            match event.kind {
                EventKind::ViralTrend { content, boost, days } => {
                    self.brand.trend[content.index()] = (boost, day + days as u32);
                }
                EventKind::AlgorithmChange {
                    platform,
                    reach_factor,
                } => {
                    if let Some(factor) = self.brand.reach_factor.get_mut(platform) {
                        *factor *= reach_factor;
                    }
                }
                EventKind::ReviewStorm { share, severity } => {
                    self.review_storm(day, n as u64, share, severity)
                }
            }
        }
    }

    /// Unhappy followers and customers post complaints; friends hear them.
    fn review_storm(&mut self, day: u32, event: u64, share: f32, severity: f32) {
        let since = (day + 1) as u16;
        let audience = &mut self.audience;
        for agent in 0..audience.len() {
            let involved =
                audience.flags[agent] & flag::FOLLOWS != 0 || audience.funnel[agent] >= funnel::CUSTOMER;
            if !involved {
                continue;
            }
            let mut rng = Rng::keyed(self.seed ^ event, Stream::Events, day, agent as u64);
            if !rng.chance(share) {
                continue;
            }
            audience.sentiment[agent] = (audience.sentiment[agent] - severity).max(-1.0);
            if audience.comment_since[agent] == 0 {
                audience.comment_since[agent] = since;
                self.brand.pending.push_back((agent as u32, since));
            }
            for &friend in self.graph.contacts(agent as u32) {
                audience.inbox[friend as usize] |= inbox::COMPLAINT;
            }
        }
    }

    fn deliver_shares(&mut self, day: u32) {
        let shares = std::mem::take(&mut self.brand.shares);
        for (n, &(sharer, item)) in shares.iter().enumerate() {
            let platform = item >> 4;
            let Some(reach) = self
                .scenario
                .platforms
                .get(platform as usize)
                .map(|p| p.share_reach)
            else {
                continue;
            };
            let mut rng = Rng::keyed(self.seed, Stream::Share, day, n as u64);
            for &friend in self.graph.contacts(sharer) {
                let f = friend as usize;
                if self.audience.uses(f, platform) && rng.chance(reach) {
                    self.audience.inbox[f] |= inbox::SHARE;
                    self.audience.inbox_item[f] = item;
                }
            }
        }
    }

    /// Ad impressions go to random people of the target who use the
    /// platform and do not follow yet.
    fn deliver_ads(&mut self, day: u32) -> u64 {
        let mut delivered = 0;
        let ads = std::mem::take(&mut self.brand.ads);
        for (n, ad) in ads.iter().enumerate() {
            let platform = &self.scenario.platforms[ad.platform as usize];
            let mut rng = Rng::keyed(self.seed, Stream::Ads, day, n as u64);
            let impressions = rng.round_stochastic(ad.money_per_day / platform.ad_cpm as f64 * 1000.0);
            let range = self.target_range(ad.target);
            if range.is_empty() {
                continue;
            }
            for _ in 0..impressions {
                // A few tries to find someone the platform would show it to.
                for _ in 0..4 {
                    let agent = (range.start as u64 + rng.below(range.len() as u64)) as usize;
                    if self.audience.uses(agent, ad.platform) && !self.audience.follows(agent) {
                        self.audience.inbox[agent] |= inbox::AD;
                        self.audience.inbox_item[agent] = pack_item(ad.platform, ContentType::Offer as u8);
                        delivered += 1;
                        break;
                    }
                }
            }
        }
        self.brand.ads = ads.into_iter().filter(|ad| day + 1 < ad.until_day).collect();
        delivered
    }

    /// Posts surface beyond followers in proportion to their appeal.
    fn deliver_discovery(&mut self, day: u32, posts: &[PostToday]) {
        let trend = self.trend_today(day);
        for (n, post) in posts.iter().enumerate() {
            let platform = &self.scenario.platforms[post.platform as usize];
            let mut rng = Rng::keyed(self.seed, Stream::Discovery, day, n as u64);
            let expected = platform.discovery as f64
                * self.platform_users[post.platform as usize] as f64
                * (post.quality * platform.content_fit[post.content.index()] * trend[post.content.index()])
                    as f64
                * self.brand.reach_factor[post.platform as usize] as f64;
            let impressions = rng.round_stochastic(expected);
            let n_agents = self.audience.len() as u64;
            for _ in 0..impressions {
                for _ in 0..4 {
                    let agent = rng.below(n_agents) as usize;
                    if self.audience.uses(agent, post.platform) && !self.audience.follows(agent) {
                        self.audience.inbox[agent] |= inbox::DISCOVER;
                        self.audience.inbox_item[agent] = pack_item(post.platform, post.content as u8);
                        break;
                    }
                }
            }
        }
    }

    fn target_range(&self, target: Target) -> Range<u32> {
        match target {
            Target::Segment(s) => self.segment_ranges.get(s as usize).cloned().unwrap_or(0..0),
            _ => 0..self.scenario.agents,
        }
    }

    /// The brand comments on chosen people's own posts. Returns how many
    /// people it reached.
    fn deliver_pushes(&mut self, day: u32, batch: u64, target: Target, platform: u8, people: u32) -> u64 {
        let mut rng = Rng::keyed(self.seed, Stream::Targets, day, batch);
        let mut reached = 0u64;
        let mark = |audience: &mut Audience, agent: usize| {
            audience.inbox[agent] |= inbox::PUSH;
            audience.inbox_item[agent] = pack_item(platform, ContentType::Conversation as u8);
        };
        match target {
            Target::Influencers => {
                let len = self.influencers.len();
                let mut looked = 0;
                while reached < people as u64 && looked < len {
                    let agent = self.influencers[self.brand.influencer_cursor % len] as usize;
                    self.brand.influencer_cursor = (self.brand.influencer_cursor + 1) % len;
                    looked += 1;
                    if self.audience.uses(agent, platform) {
                        mark(&mut self.audience, agent);
                        reached += 1;
                    }
                }
            }
            _ => {
                let range = self.target_range(target);
                if range.is_empty() {
                    return 0;
                }
                let want_followers = target == Target::Followers;
                let mut tries = 0u64;
                let max_tries = people as u64 * 200;
                while reached < people as u64 && tries < max_tries {
                    tries += 1;
                    let agent = (range.start as u64 + rng.below(range.len() as u64)) as usize;
                    if !self.audience.uses(agent, platform)
                        || (want_followers && !self.audience.follows(agent))
                        || self.audience.inbox[agent] & inbox::PUSH != 0
                    {
                        continue;
                    }
                    // With followers the brand picks the warmest of a few it
                    // comes across: it talks again with people it knows.
                    let agent = if want_followers {
                        let mut best = agent;
                        for _ in 0..7 {
                            let other = (range.start as u64 + rng.below(range.len() as u64)) as usize;
                            if self.audience.follows(other)
                                && self.audience.uses(other, platform)
                                && self.audience.inbox[other] & inbox::PUSH == 0
                                && self.audience.relationship[other] > self.audience.relationship[best]
                            {
                                best = other;
                            }
                        }
                        best
                    } else {
                        agent
                    };
                    mark(&mut self.audience, agent);
                    reached += 1;
                }
            }
        }
        reached
    }

    /// The brand answers waiting comments, oldest first, as far as this
    /// week's reply capacity goes.
    fn deliver_replies(&mut self, _day: u32) -> u64 {
        let mut answered = 0;
        while self.brand.reply_capacity > 0 {
            let Some((agent, since)) = self.brand.pending.pop_front() else {
                break;
            };
            if self.audience.comment_since[agent as usize] != since {
                continue;
            }
            self.audience.inbox[agent as usize] |= inbox::REPLY;
            self.brand.reply_capacity -= 1;
            answered += 1;
        }
        answered
    }

    /// Drops waiting comments that were answered or expired.
    fn prune_pending(&mut self) {
        let comment_since = &self.audience.comment_since;
        self.brand
            .pending
            .retain(|&(agent, since)| comment_since[agent as usize] == since);
    }

    /// Metrics of the starting state (day 0).
    fn snapshot(&self) -> DayMetrics {
        let params = &self.scenario.model;
        let audience = &self.audience;
        let mut metrics = DayMetrics::default();
        let mut relationship_sum = 0.0;
        let mut sentiment_sum = 0.0;
        let mut known = 0u64;
        for agent in 0..audience.len() {
            let stage = audience.stage(agent, params.aware_threshold, params.engaged_threshold);
            metrics.stages[stage as usize] += 1;
            if audience.follows(agent) {
                metrics.followers += 1;
                relationship_sum += audience.relationship[agent] as f64;
            }
            if audience.relationship[agent] >= params.strong_threshold {
                metrics.strong_relationships += 1;
            }
            if audience.follows(agent) || audience.funnel[agent] != funnel::NONE {
                known += 1;
                sentiment_sum += audience.sentiment[agent] as f64;
            }
        }
        metrics.relationship_index = mean_or_zero(relationship_sum, metrics.followers);
        metrics.sentiment = mean_or_zero(sentiment_sum, known);
        metrics
    }

    /// The latest day's metrics (day 0 before the first step).
    pub fn latest(&self) -> &DayMetrics {
        self.history.last().expect("history starts with day 0")
    }

    /// The figures the game is judged by, as of now.
    pub fn kpis(&self) -> Kpis {
        let mut kpis = self.kpis_live();
        kpis.state_hash = format!("{:016x}", self.state_hash());
        kpis
    }

    /// The same figures without the state hash, cheap enough to draw every
    /// frame (hashing a million people takes tens of milliseconds).
    pub fn kpis_live(&self) -> Kpis {
        let latest = self.latest();
        let totals = &self.brand.totals;
        let roi = if totals.money_spent > 0.0 {
            (totals.revenue - totals.money_spent) / totals.money_spent
        } else {
            0.0
        };
        let mut kpis = Kpis {
            followers: latest.followers,
            leads: totals.leads,
            customers: totals.customers,
            advocates: latest.advocates,
            strong_relationships: latest.strong_relationships,
            relationship_index: latest.relationship_index,
            sentiment: latest.sentiment,
            engagement_rate: ratio(totals.engagements, totals.impressions - totals.ad_impressions),
            ctr: ratio(totals.ad_clicks, totals.ad_impressions),
            roi,
            revenue: totals.revenue,
            impressions: totals.impressions,
            hours: Hours::from_array(totals.hours),
            money_spent: totals.money_spent,
            score: 0.0,
            state_hash: String::new(),
        };
        kpis.score = score(&self.scenario.goals, &kpis);
        kpis
    }

    /// A hash of every piece of state that shapes the future: equal hashes
    /// mean the games are the same.
    pub fn state_hash(&self) -> u64 {
        let mut hasher = StateHasher::new(MODEL_VERSION as u64);
        let audience = &self.audience;
        hasher.bytes(&audience.segment);
        hasher.bytes(&audience.platforms);
        hasher.bytes(audience.interest.as_flattened());
        hasher.bytes(&audience.activity);
        hasher.floats(&audience.awareness);
        hasher.floats(&audience.relationship);
        hasher.floats(&audience.sentiment);
        hasher.floats(&audience.fatigue);
        hasher.bytes(&audience.flags);
        hasher.bytes(&audience.funnel);
        hasher.u16s(&audience.comment_since);
        hasher.u16s(&audience.last_contact);
        hasher.bytes(&audience.inbox);
        for story in &audience.story {
            hasher.word(
                story.posts_seen as u64
                    | (story.engagements as u64) << 16
                    | (story.comments as u64) << 32
                    | (story.replies_received as u64) << 40
                    | (story.ignored as u64) << 48
                    | (story.brand_contacts as u64) << 56,
            );
            hasher.word(
                story.followed_day as u64
                    | (story.unfollowed_day as u64) << 16
                    | (story.lead_day as u64) << 32
                    | (story.customer_day as u64) << 48,
            );
        }
        hasher.u32s(&self.graph.neighbors);
        let brand = &self.brand;
        hasher.floats(&brand.insight);
        hasher.floats(&brand.reach_factor);
        for &(agent, since) in &brand.pending {
            hasher.word((agent as u64) << 16 | since as u64);
        }
        for &(agent, item) in &brand.shares {
            hasher.word((agent as u64) << 8 | item as u64);
        }
        for post in &brand.queued_posts {
            hasher.word((post.day as u64) << 16 | (post.platform as u64) << 8 | post.content as u64);
        }
        for ad in &brand.ads {
            hasher.word(ad.until_day as u64 | (ad.platform as u64) << 32);
            hasher.word(ad.money_per_day.to_bits());
        }
        for (boost, until) in brand.trend {
            hasher.word((boost.to_bits() as u64) << 32 | until as u64);
        }
        hasher.word(brand.influencer_cursor as u64);
        hasher.word(brand.reply_capacity as u64);
        let totals = &brand.totals;
        for value in [
            totals.impressions,
            totals.engagements,
            totals.ad_impressions,
            totals.ad_clicks,
            totals.leads,
            totals.customers,
            totals.comments,
            totals.replies,
            totals.unanswered,
            totals.revenue.to_bits(),
            totals.money_spent.to_bits(),
        ] {
            hasher.word(value);
        }
        for hours in totals.hours {
            hasher.word(hours.to_bits());
        }
        hasher.word(self.day as u64);
        hasher.word(self.seed);
        hasher.finish()
    }
}

/// A fast, portable hash over the state's words.
struct StateHasher {
    state: u64,
    count: u64,
}

impl StateHasher {
    fn new(seed: u64) -> Self {
        StateHasher {
            state: mix64(seed ^ 0x05EE_D0F5_7A7E),
            count: 0,
        }
    }

    #[inline]
    fn word(&mut self, word: u64) {
        self.count += 1;
        self.state = mix64(self.state ^ word).rotate_left(23) ^ self.count;
    }

    fn bytes(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(word) ^ (rest.len() as u64) << 60);
    }

    fn floats(&mut self, values: &[f32]) {
        for pair in values.chunks(2) {
            let low = pair[0].to_bits() as u64;
            let high = pair.get(1).map_or(0, |v| v.to_bits() as u64);
            self.word(low | high << 32);
        }
    }

    fn u16s(&mut self, values: &[u16]) {
        for quad in values.chunks(4) {
            let mut word = 0u64;
            for (i, &v) in quad.iter().enumerate() {
                word |= (v as u64) << (16 * i);
            }
            self.word(word);
        }
    }

    fn u32s(&mut self, values: &[u32]) {
        for pair in values.chunks(2) {
            self.word(pair[0] as u64 | pair.get(1).map_or(0, |&v| v as u64) << 32);
        }
    }

    fn finish(&self) -> u64 {
        mix64(self.state ^ self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::action::PlannedAction;

    fn small_game() -> Simulation {
        let scenario = crate::files::builtin::find_scenario("corner_bakery")
            .expect("built-in")
            .with_agents(2000);
        Simulation::new(Arc::new(scenario), 5)
    }

    fn plan(actions: Vec<PlannedAction>) -> WeekPlan {
        WeekPlan { actions }
    }

    /// Finds a follower and makes their comment wait since today.
    fn waiting_commenter(game: &mut Simulation) -> usize {
        let agent = (0..game.audience.len())
            .find(|&a| game.audience.follows(a))
            .unwrap();
        let since = (game.day + 1) as u16;
        game.audience.comment_since[agent] = since;
        game.brand.pending.push_back((agent as u32, since));
        agent
    }

    #[test]
    fn an_answered_comment_warms_its_writer() {
        let mut game = small_game();
        let agent = waiting_commenter(&mut game);
        let before = (game.audience.relationship[agent], game.audience.sentiment[agent]);
        game.run_week(&plan(vec![PlannedAction::new(ActionKind::Reply, 0, 1)]))
            .unwrap();
        assert!(game.audience.relationship[agent] > before.0 + 0.15);
        assert!(game.audience.sentiment[agent] > before.1);
        assert_eq!(game.audience.story[agent].replies_received, 1);
        assert_eq!(game.audience.story[agent].ignored, 0);
    }

    #[test]
    fn an_ignored_comment_sours_its_writer() {
        let mut game = small_game();
        let agent = waiting_commenter(&mut game);
        let before = game.audience.sentiment[agent];
        game.run_week(&WeekPlan::default()).unwrap();
        assert_eq!(game.audience.story[agent].ignored, 1);
        assert!(game.audience.sentiment[agent] < before - 0.2);
        assert_eq!(game.audience.comment_since[agent], 0);
        assert!(game.history.iter().map(|d| d.unanswered).sum::<u64>() >= 1);
    }

    #[test]
    fn a_scheduled_batch_posts_once_a_day() {
        let mut game = small_game();
        let batch = game.scenario.actions.spec(ActionKind::Schedule).batch as u64;
        game.run_week(&plan(vec![PlannedAction::new(ActionKind::Schedule, 0, 0)]))
            .unwrap();
        let posts: Vec<u64> = game.history[1..].iter().map(|d| d.posts).collect();
        assert_eq!(posts.iter().sum::<u64>(), batch);
        assert!(posts.iter().all(|&p| p <= 1));
    }

    #[test]
    fn ads_spend_money_and_reach_only_strangers() {
        let mut game = small_game();
        let followers_before: Vec<bool> = (0..game.audience.len())
            .map(|a| game.audience.follows(a))
            .collect();
        game.begin_week(plan(vec![PlannedAction::new(ActionKind::Ad, 0, 0)]))
            .unwrap();
        game.step_day().unwrap();
        let day = game.latest();
        assert_eq!(day.money_spent, game.scenario.actions.spec(ActionKind::Ad).money);
        assert!(day.ad_impressions > 0);
        // Everyone who saw the ad was a stranger to the brand's feed.
        for (agent, followed) in followers_before.iter().enumerate() {
            if *followed {
                assert_eq!(
                    game.audience.story[agent].posts_seen, 0,
                    "follower {agent} saw an ad"
                );
            }
        }
    }

    #[test]
    fn research_raises_insight_and_sharpens_beliefs() {
        let mut game = small_game();
        let content = ContentType::Photo;
        let truth = game.scenario.segments[1].interest[content.index()];
        let before = (game.believed_interest(1, content) - truth).abs();
        game.run_week(&plan(vec![PlannedAction::new(ActionKind::Research, 0, 0)]))
            .unwrap();
        assert!(game.brand.insight.iter().all(|&i| i > 0.1));
        assert!((game.believed_interest(1, content) - truth).abs() < before);
    }

    #[test]
    fn engaging_followers_picks_people_it_already_knows() {
        let mut game = small_game();
        let mut engage = PlannedAction::new(ActionKind::EngageOthers, 0, 1);
        engage.target = Target::Followers;
        for _ in 0..3 {
            game.run_week(&plan(vec![engage; 10])).unwrap();
        }
        // Repeated contact concentrates on a core: some bonds are strong.
        assert!(
            game.latest().strong_relationships > 10,
            "{}",
            game.latest().strong_relationships
        );
    }
}
