//! One day of a brand's side, in its phases: the scripted events and the
//! brand's actions, phase A (`deliver`: what reaches people outside their
//! feed), then the pass (alone here; a market runs every side's pass
//! together, see `market`), then phase C (the pass's counts into the day's
//! metrics and the brand's books).

use super::super::action::{ActionKind, WeekPlan};
use super::super::metrics::{DayMetrics, mean_or_zero};
use super::super::scenario::Scenario;
use super::super::step::{ChunkOut, DayContext, PostToday, daily_pass};
use super::super::types::{ContentType, DAYS_PER_WEEK};
use super::brand::{QueuedPost, RunningAd};
use super::deliver::{self, Delivery, Push, SharesSeen, Today};
use super::events::{self, EventState};
use super::{Simulation, watch};
use std::sync::Arc;

impl Simulation {
    /// The first part of a day: scripted events, the brand's actions, and
    /// phase A (what reaches people outside their feed).
    pub(super) fn prepare_day(&mut self, plan: &WeekPlan, weekday: u8) -> Prepared {
        let scenario = Arc::clone(&self.scenario);
        let params = &scenario.model;
        let day = self.day;
        let mut metrics = DayMetrics {
            day: day + 1,
            ..DayMetrics::default()
        };
        let watched_before = watch::before_events(self.watch.as_deref(), &self.audience);
        let mut event_state = EventState {
            seed: self.seed,
            audience: &mut self.audience,
            graph: &self.graph,
            brand: &mut self.brand,
        };
        let waiting_before = event_state.brand.pending.len();
        events::apply_events(&scenario.events, day, &mut event_state);
        // Record only: the complaints a review storm left waiting.
        metrics.complaints = self.brand.pending.len().saturating_sub(waiting_before) as u64;
        if let (Some(trace), Some(before)) = (self.watch.as_deref_mut(), watched_before) {
            watch::after_events(trace, before, &self.audience, day);
        }
        let today = self.take_actions(plan, weekday, &mut metrics);

        // Phase A: mark what reaches people outside their feed.
        let delivery = Delivery {
            seed: self.seed,
            day,
            platforms: &scenario.platforms,
            graph: &self.graph,
            segment_ranges: &self.segment_ranges,
            platform_users: &self.platform_users,
            influencers: &self.influencers,
        };
        let audience = &mut self.audience;
        let brand = &mut self.brand;
        let mut seen = SharesSeen {
            watched: self.watch.as_ref().map(|trace| trace.agent),
            ..SharesSeen::default()
        };
        let recommended = std::mem::take(&mut brand.recommended);
        delivery.shares(
            audience,
            &std::mem::take(&mut brand.shares),
            &recommended,
            &mut seen,
        );
        let ads_delivered = delivery.ads(audience, brand, params);
        delivery.discovery(
            audience,
            &today.posts,
            &brand.trend_today(day),
            &brand.reach_factor,
        );
        for (n, &push) in today.pushes.iter().enumerate() {
            metrics.people_engaged_by_brand +=
                delivery.pushes(audience, brand, n as u64, push, params.insight_per_push);
        }
        for (n, &request) in today.connections.iter().enumerate() {
            metrics.connection_requests += delivery.connections(audience, n as u64, request);
        }
        metrics.replies = deliver::replies(audience, brand, params.insight_per_reply);
        Prepared {
            metrics,
            posts: today.posts,
            live: today.live,
            seen,
            ads_delivered,
        }
    }

    /// The rest of a day, alone: phase B (everyone, in parallel) and
    /// phase C (the chunks merged in order, the day's metrics).
    pub(super) fn finish_day(&mut self, prepared: Prepared) {
        let scenario = Arc::clone(&self.scenario);
        let (ctx, after) = self.day_context(&scenario, prepared, false);
        let pass = daily_pass(&mut self.audience, &ctx);
        drop(ctx);
        self.after_pass(pass, after);
    }

    /// What today's pass works with, and what the day keeps for after it.
    pub(super) fn day_context<'a>(
        &mut self,
        scenario: &'a Scenario,
        prepared: Prepared,
        in_market: bool,
    ) -> (DayContext<'a>, AfterPass) {
        let params = &scenario.model;
        let day = self.day;
        let Prepared {
            metrics,
            posts,
            live,
            seen,
            ads_delivered,
        } = prepared;
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
            trend: self.brand.trend_today(day),
            sales_speed: scenario.sales_speed,
            complaint_severity: events::complaint_severity(&scenario.events, params, day),
            watch: self
                .watch
                .as_deref_mut()
                .map(|trace| watch::watching(trace, &seen)),
        };
        self.shares_today = seen.sample;
        (
            ctx,
            AfterPass {
                metrics,
                ads_delivered,
                in_market,
            },
        )
    }

    /// Phase C: the pass's counts into the day's metrics and the brand's
    /// books.
    pub(super) fn after_pass(&mut self, mut pass: ChunkOut, after: AfterPass) {
        let scenario = Arc::clone(&self.scenario);
        let params = &scenario.model;
        let day = self.day;
        let AfterPass {
            mut metrics,
            ads_delivered,
            in_market,
        } = after;
        if let Some(trace) = self.watch.as_deref_mut() {
            watch::after_pass(trace, &mut pass);
        }
        metrics.add_counts(&pass.counts);
        // One ad a person a day: every ad delivered is met in the pass
        // (in a market, an ad crowded out of a person's day goes unseen).
        debug_assert!(ads_delivered == metrics.ad_impressions || in_market);
        // The ad platforms report who clicked: the brand learns after the pass.
        let clicks = &pass.ad_clickers;
        self.brand
            .learn_from_clicks(clicks, &self.audience.segment, params.insight_per_ad_click);
        let since = (day + 1) as u16;
        self.brand
            .pending
            .extend(pass.new_comments.iter().map(|&agent| (agent, since)));
        metrics.shares = pass.shares.len() as u64;
        self.brand.shares = pass.shares;
        self.brand.recommended = pass.recommended;
        metrics.relationship_index = mean_or_zero(pass.relationship_sum, metrics.followers);
        metrics.sentiment = mean_or_zero(pass.sentiment_sum, pass.known);
        metrics.revenue = (metrics.new_customers as f64
            + metrics.repeat_purchases as f64 * params.repeat_purchase_value as f64)
            * scenario.customer_value;

        let totals = &mut self.brand.totals;
        totals.add_day(&metrics);
        metrics.leads_total = totals.leads;
        metrics.customers_total = totals.customers;
        self.prune_pending();
        metrics.pending_comments = self.brand.pending.len() as u64;
        self.history.push(metrics);
        self.day += 1;
    }

    /// The brand's actions of the day: books their hours and money, queues
    /// and buys what runs later, and returns what goes out today.
    fn take_actions(&mut self, plan: &WeekPlan, weekday: u8, metrics: &mut DayMetrics) -> Today {
        let scenario = Arc::clone(&self.scenario);
        let catalog = &scenario.actions;
        let day = self.day;
        let mut today = Today::default();
        for action in plan.actions.iter().filter(|a| a.day == weekday) {
            let cost = catalog.cost(action);
            metrics.hours.add(action.kind.family(), cost.hours);
            metrics.money_spent += cost.money;
            if action.kind == ActionKind::Ad {
                metrics.ad_money_spent += cost.money;
            }
            let spec = catalog.spec(action.kind);
            match action.kind {
                ActionKind::Publish => {
                    today
                        .posts
                        .push(self.brand.post(&scenario, action.platform, action.content, false))
                }
                ActionKind::StartConversation => today.posts.push(self.brand.post(
                    &scenario,
                    action.platform,
                    ContentType::Conversation,
                    false,
                )),
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
                    until_day: day + DAYS_PER_WEEK,
                    platform: action.platform,
                    target: action.target,
                    money_per_day: spec.money / DAYS_PER_WEEK as f64,
                }),
                ActionKind::Reply => self.brand.reply_capacity += spec.batch,
                ActionKind::EngageOthers => today.pushes.push(Push {
                    target: action.target,
                    platform: action.platform,
                    people: catalog.people_per_engagement(action.target),
                }),
                ActionKind::LiveEvent => today.live = Some(action.platform),
                ActionKind::Research => self.brand.research(&scenario.model, action.target, spec.hours),
                ActionKind::Connect => today.connections.push(Push {
                    target: action.target,
                    platform: action.platform,
                    people: spec.batch,
                }),
            }
        }
        let mut queued = std::mem::take(&mut self.brand.queued_posts);
        queued.retain(|post| {
            if post.day == day {
                today
                    .posts
                    .push(self.brand.post(&scenario, post.platform, post.content, true));
                false
            } else {
                true
            }
        });
        self.brand.queued_posts = queued;
        metrics.posts = today.posts.len() as u64;
        today
    }

    /// Drops waiting comments that were answered or expired.
    fn prune_pending(&mut self) {
        let comment_since = &self.audience.comment_since;
        self.brand
            .pending
            .retain(|&(agent, since)| comment_since[agent as usize] == since);
    }
}

/// What a day keeps from before its pass for after it.
pub(super) struct AfterPass {
    pub metrics: DayMetrics,
    pub ads_delivered: u64,
    pub in_market: bool,
}

/// A day between its phase A and its pass (see `prepare_day`).
pub(super) struct Prepared {
    pub metrics: DayMetrics,
    pub posts: Vec<PostToday>,
    pub live: Option<u8>,
    pub seen: SharesSeen,
    pub ads_delivered: u64,
}
