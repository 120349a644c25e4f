//! One day of a brand's side, in its phases: the scripted events and the
//! brand's actions, phase A (`deliver`: what reaches whom, and so who is
//! visited), then the pass (alone here; a market runs every side's pass
//! together, see `market`), then phase C (the pass's changes into the
//! ledger, the day's metrics and the brand's books).

use super::super::action::{ActionKind, WeekPlan};
use super::super::audience::ledger::Thresholds;
use super::super::metrics::DayMetrics;
use super::super::profile::{PhaseTimes, Stopwatch};
use super::super::scenario::Scenario;
use super::super::step::{ChunkOut, DayContext, DayKeys, LiveToday, PostToday, Visits, daily_pass};
use super::super::types::{ContentType, DAYS_PER_WEEK};
use super::brand::{QueuedPost, RunningAd};
use super::deliver::{self, Delivery, Marked, Push, SharesSeen, Today};
use super::events::{self, EventState};
use super::{Simulation, watch};
use std::sync::Arc;

impl Simulation {
    /// The first part of a day: scripted events, the brand's actions, and
    /// phase A (what reaches whom outside and inside their feed).
    pub(super) fn prepare_day(&mut self, plan: &WeekPlan, weekday: u8) -> Prepared {
        let scenario = Arc::clone(&self.scenario);
        let params = &scenario.model;
        let day = self.day;
        let mut metrics = DayMetrics {
            day: day + 1,
            ..DayMetrics::default()
        };
        let mut marked = Marked::default();
        let mut event_state = EventState {
            seed: self.seed,
            audience: &mut self.audience,
            graph: &self.graph,
            brand: &mut self.brand,
            marked: &mut marked,
        };
        events::apply_events(&scenario.events, day, &mut event_state);
        // Record only: complaints posted in a storm are counted in the pass.
        let today = self.take_actions(plan, weekday, &mut metrics);

        // Phase A: mark what reaches whom.
        let delivery = Delivery {
            seed: self.seed,
            day,
            scenario: &scenario,
            platforms: &scenario.platforms,
            graph: &self.graph,
            segment_ranges: &self.segment_ranges,
            platform_users: &self.platform_users,
            influencers: &self.influencers,
        };
        let audience = &mut self.audience;
        let brand = &mut self.brand;
        let ledger = &mut self.ledger;
        let mut seen = SharesSeen {
            watched: self.watch.as_ref().map(|trace| trace.agent),
            ..SharesSeen::default()
        };
        let recommended = std::mem::take(&mut brand.recommended);
        delivery.shares(
            audience,
            &mut marked,
            &std::mem::take(&mut brand.shares),
            &recommended,
            &mut seen,
        );
        let ads_delivered = delivery.ads(audience, &mut marked, brand, ledger);
        let followers_on = ledger.followers.on_platforms(scenario.platforms.len());
        delivery.discovery(
            audience,
            &mut marked,
            &today.posts,
            &brand.trend_today(day),
            &brand.reach_factor,
            &followers_on,
            params,
        );
        let feed = delivery.feed(&ledger.followers, &today.posts, params);
        let live = today.live.map(|(platform, tone)| {
            // The highest chance a follower has of joining: always online,
            // as keen on talk as anyone can be (interest 2), a full bond.
            let top = (params.live_attendance * 2.0 * (params.live_attendance_base + 1.0)).min(1.0);
            LiveToday {
                platform,
                tone,
                top_chance: top,
            }
        });
        if let Some(live) = &live {
            delivery.live(audience, &mut marked, &ledger.followers, live);
        }
        for (n, &push) in today.pushes.iter().enumerate() {
            metrics.people_engaged_by_brand +=
                delivery.pushes(audience, &mut marked, brand, &ledger.followers, n as u64, push);
        }
        for (n, &request) in today.connections.iter().enumerate() {
            metrics.connection_requests += delivery.connections(audience, &mut marked, n as u64, request);
        }
        let answered = deliver::replies(&scenario, audience, &mut marked, brand);
        metrics.replies = answered.len() as u64;
        // An open image: friends may see the answers, and yesterday's
        // comments left unanswered.
        delivery.onlookers(
            audience,
            &mut marked,
            &answered,
            super::super::audience::inbox::ANSWER_SEEN,
            0,
        );
        let ignored = std::mem::take(&mut brand.ignored);
        delivery.onlookers(
            audience,
            &mut marked,
            &ignored,
            super::super::audience::inbox::IGNORED_SEEN,
            1,
        );
        let mut people = marked.people;
        people.extend(feed.iter().map(|&(person, _)| person));
        people.extend(self.ledger.due(day as u16 + 1, &self.audience));
        super::super::sort::sort_people(&mut people);
        Prepared {
            metrics,
            posts: today.posts,
            live,
            seen,
            ads_delivered,
            visits: Visits { people, feed },
        }
    }

    /// The rest of a day, alone: phase B (the people visited, in parallel)
    /// and phase C (the chunks merged in order, the day's metrics).
    pub(super) fn finish_day(&mut self, prepared: Prepared, clock: &mut Stopwatch, times: &mut PhaseTimes) {
        let scenario = Arc::clone(&self.scenario);
        let (ctx, visits, after) = self.day_context(&scenario, prepared, 0.0, false);
        let pass = daily_pass(&mut self.audience, &ctx, &visits);
        drop(ctx);
        times.pass = clock.lap();
        self.after_pass(pass, after);
        times.books = clock.lap();
    }

    /// What today's pass works with, the day's visits, and what the day
    /// keeps for after the pass. `loyalty_hold`: how firmly a customer of
    /// this brand resists others (a market with one purchase at a time);
    /// `in_market`: the brand is not alone.
    pub(super) fn day_context<'a>(
        &mut self,
        scenario: &'a Scenario,
        prepared: Prepared,
        loyalty_hold: f32,
        in_market: bool,
    ) -> (DayContext<'a>, Visits, AfterPass) {
        let params = &scenario.model;
        let day = self.day;
        let Prepared {
            metrics,
            posts,
            live,
            seen,
            ads_delivered,
            visits,
        } = prepared;
        self.audience.today = day as u16 + 1;
        let ctx = DayContext {
            day,
            seed: self.seed,
            params,
            platforms: &scenario.platforms,
            segments: &scenario.segments,
            posts,
            live,
            trend: self.brand.trend_today(day),
            sales_speed: scenario.sales_speed,
            complaint_severity: events::complaint_severity(&scenario.events, params, day),
            storm_severity: events::storm_severity(&scenario.events, day),
            watch: self
                .watch
                .as_deref_mut()
                .map(|trace| watch::watching(trace, &seen)),
            decay: Arc::clone(&self.decay),
            thresholds: thresholds(params),
            last_day: scenario.days() as u16,
            eager: self.eager,
            loyalty_hold,
            mechanisms: scenario.mechanisms,
            keys: DayKeys::new(self.seed, day),
        };
        self.shares_today = seen.sample;
        (
            ctx,
            visits,
            AfterPass {
                metrics,
                ads_delivered,
                in_market,
            },
        )
    }

    /// Phase C: the pass's changes into the ledger, the day's metrics and
    /// the brand's books.
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
        metrics.visited = pass.visited;
        // One ad a person a day: every ad delivered is met in the pass
        // (in a market, an ad crowded out of a person's day goes unseen).
        debug_assert!(ads_delivered == metrics.ad_impressions || in_market);
        let ledger = std::mem::take(&mut pass.ledger);
        if self.eager {
            // Everyone was visited: the book is taken afresh (the check
            // compares it with the lazy game's running book).
            self.ledger.apply_followers(&ledger, &self.audience);
            self.ledger.recount(&self.audience, thresholds(params));
        } else {
            self.ledger.apply(ledger, &self.audience);
        }
        // The ad platforms report who clicked: the brand learns after the pass.
        let learns = scenario.mechanisms.learning;
        for &clicker in pass.ad_clickers.iter().filter(|_| learns) {
            let i = clicker as usize;
            let offer = self.audience.cells[i].interest[ContentType::Offer.index()] as f32
                * super::super::audience::INTEREST_SCALE;
            self.brand.learn_from_click(
                self.audience.cells[i].segment as usize,
                offer,
                params.learn_per_click,
            );
        }
        let memory = if scenario.mechanisms.contact_memory {
            params.contact_memory_size as usize
        } else {
            0
        };
        self.brand.remember(&pass.exchanged, memory);
        let since = (day + 1) as u16;
        self.brand
            .pending
            .extend(pass.new_comments.iter().map(|&(agent, _)| (agent, since)));
        self.brand.ignored = pass.ignored;
        self.purchases.append(&mut pass.purchases);
        metrics.shares = pass.shares.len() as u64;
        self.brand.shares = pass.shares;
        self.brand.recommended = pass.recommended;
        let means = self.ledger.means(since, &self.decay);
        metrics.take_levels(&self.ledger.counts, means);
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
            let tone = action.tone;
            match action.kind {
                ActionKind::Publish => {
                    today.posts.push(
                        self.brand
                            .post(&scenario, action.platform, action.content, tone, false),
                    )
                }
                ActionKind::StartConversation => today.posts.push(self.brand.post(
                    &scenario,
                    action.platform,
                    ContentType::Conversation,
                    tone,
                    false,
                )),
                ActionKind::Schedule => {
                    for j in 0..spec.batch {
                        self.brand.queued_posts.push(QueuedPost {
                            day: day + j,
                            platform: action.platform,
                            content: action.content,
                            tone,
                        });
                    }
                }
                ActionKind::Ad => self.brand.ads.push(RunningAd {
                    until_day: day + DAYS_PER_WEEK,
                    platform: action.platform,
                    target: action.target,
                    money_per_day: spec.money / DAYS_PER_WEEK as f64,
                }),
                ActionKind::Reply => self.brand.reply_batches.push_back((spec.batch, tone)),
                ActionKind::EngageOthers => today.pushes.push(Push {
                    target: action.target,
                    platform: action.platform,
                    people: catalog.people_per_engagement(action.target),
                    tone,
                }),
                ActionKind::LiveEvent => today.live = Some((action.platform, tone)),
                ActionKind::Research => self.brand.research(&scenario, action.target, spec.hours),
                ActionKind::Connect => today.connections.push(Push {
                    target: action.target,
                    platform: action.platform,
                    people: spec.batch,
                    tone,
                }),
            }
        }
        let mut queued = std::mem::take(&mut self.brand.queued_posts);
        queued.retain(|post| {
            if post.day == day {
                today.posts.push(
                    self.brand
                        .post(&scenario, post.platform, post.content, post.tone, true),
                );
                false
            } else {
                true
            }
        });
        self.brand.queued_posts = queued;
        // A day holds at most 256 posts (the feed's draws name a post in a byte).
        today.posts.truncate(u8::MAX as usize + 1);
        metrics.posts = today.posts.len() as u64;
        today
    }

    /// Drops waiting comments that were answered or expired.
    fn prune_pending(&mut self) {
        let audience = &self.audience;
        self.brand
            .pending
            .retain(|&(agent, since)| audience.comment_since(agent as usize) == since);
    }
}

impl Simulation {
    /// The context of the game's start (day 0): what filing everyone's
    /// first visit reads.
    pub(super) fn setup_context<'a>(&self, scenario: &'a Scenario, loyalty_hold: f32) -> DayContext<'a> {
        let params = &scenario.model;
        DayContext {
            day: 0,
            seed: self.seed,
            params,
            platforms: &scenario.platforms,
            segments: &scenario.segments,
            posts: Vec::new(),
            live: None,
            trend: [1.0; super::super::types::CONTENT_TYPES],
            sales_speed: scenario.sales_speed,
            complaint_severity: 0.0,
            storm_severity: 0.0,
            watch: None,
            decay: Arc::clone(&self.decay),
            thresholds: thresholds(params),
            last_day: scenario.days() as u16,
            eager: self.eager,
            loyalty_hold,
            mechanisms: scenario.mechanisms,
            keys: DayKeys::new(self.seed, 0),
        }
    }
}

/// The thresholds the counts are taken at.
pub(super) fn thresholds(params: &super::super::params::ModelParams) -> Thresholds {
    Thresholds {
        aware: params.aware_threshold,
        engaged: params.engaged_threshold,
        strong: params.strong_threshold,
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
    pub live: Option<LiveToday>,
    pub seen: SharesSeen,
    pub ads_delivered: u64,
    pub visits: Visits,
}
