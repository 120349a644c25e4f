//! One game in progress: the audience, the graph, the brand's side of
//! things, and the weekly loop that turns a plan into seven daily steps.
//!
//! A day runs in three phases: the brand's actions and phase A (`deliver`:
//! what reaches people outside their feed), phase B (the daily pass over
//! everyone, `step`), phase C (the merge of the pass's counts into the day's
//! metrics). `brand` holds the brand's state, `events` the scripted events,
//! `hash` the state hash.

mod brand;
mod deliver;
mod events;
mod hash;
mod market;
mod watch;
mod week;

use super::action::{ActionKind, PlanError, WeekPlan};
use super::audience::Audience;
use super::graph::Graph;
use super::market::{MarketError, Shares};
use super::metrics::{DayMetrics, Kpis, mean_or_zero, ratio, score};
use super::scenario::Scenario;
use super::step::{DayContext, MarketDay, PostToday, daily_pass};
use super::trace::Trace;
use super::types::{ContentType, DAYS_PER_WEEK};
use brand::{QueuedPost, RunningAd};
use deliver::{Delivery, Push, SharesSeen, Today};
use events::EventState;
use std::ops::Range;
use std::sync::Arc;
use week::RunningWeek;

pub use brand::{Brand, Totals};
pub use deliver::SHARES_SAMPLED;
use market::Market;
pub use week::WeekError;

/// Version of the model's rules. Bump it whenever a change to the rules or
/// their defaults changes results, so old replays say why they differ.
pub const MODEL_VERSION: u32 = 2;

/// One game. Its state is read through the accessors below and changed
/// only by playing weeks.
#[derive(Clone, Debug)]
pub struct Simulation {
    scenario: Arc<Scenario>,
    seed: u64,
    audience: Audience,
    /// Shared by every brand of a market.
    graph: Arc<Graph>,
    brand: Brand,
    /// Days simulated so far.
    day: u32,
    history: Vec<DayMetrics>,
    plans: Vec<WeekPlan>,
    /// State hash at the start and after every finished week.
    week_hashes: Vec<u64>,
    segment_ranges: Vec<Range<u32>>,
    /// Users per platform.
    platform_users: Vec<u64>,
    /// Most connected people, most connected first.
    influencers: Vec<u32>,
    running: Option<RunningWeek>,
    /// The first shares delivered on the last day played (recorded only).
    shares_today: Vec<(u32, u32)>,
    /// The watched person's record, when one is watched (recorded only).
    watch: Option<Box<Trace>>,
    /// The other brands of the market, when this brand is not alone.
    market: Option<Box<Market>>,
    /// This brand's shares of the market as of the last day played (derived
    /// from the brands' states; what a strategy's rules see).
    shares: Shares,
}

impl Simulation {
    /// A game of the scenario on a seed: its brand alone, or with the
    /// rivals the scenario names.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Simulation {
        if scenario.market.is_solo() {
            Simulation::alone(scenario, seed)
        } else {
            let player = [scenario.brand.clone()];
            market::set_up(scenario, seed, &player)
        }
    }

    /// The scenario's brand alone in its audience.
    fn alone(scenario: Arc<Scenario>, seed: u64) -> Simulation {
        let segment_ranges = scenario.segment_ranges();
        let audience = Audience::generate(&scenario, seed);
        let graph = Arc::new(Graph::generate(
            &scenario.graph,
            scenario.model.uniform_tie_chance,
            &segment_ranges,
            seed,
        ));
        let mut platform_users = vec![0u64; scenario.platforms.len()];
        for &bits in &audience.platforms {
            for (p, users) in platform_users.iter_mut().enumerate() {
                *users += u64::from(bits >> p & 1);
            }
        }
        let params = &scenario.model;
        // The guards keep a scenario's zero from dividing by zero or
        // emptying the list; they change nothing for sensible values.
        let influencer_count = (scenario.agents as usize / params.people_per_influencer.max(1) as usize)
            .clamp(1, params.max_influencers.max(1) as usize);
        let influencers = graph.most_connected(influencer_count);
        let brand = Brand::new(scenario.segments.len(), scenario.platforms.len());
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
            shares_today: Vec::new(),
            watch: None,
            market: None,
            shares: Shares::ALONE,
        };
        simulation.history.push(DayMetrics::day_zero(
            &simulation.audience,
            &simulation.scenario.model,
        ));
        let start = simulation.state_hash();
        simulation.week_hashes.push(start);
        simulation
    }

    /// A game whose scenario puts rival brands in the market (or none: then
    /// it is [`Simulation::new`]), with `players` the brands played by
    /// people, the scenario's own brand first (one name for a solo game, a
    /// name per team for a class). The computer's rivals come after them.
    pub fn with_players(
        scenario: Arc<Scenario>,
        seed: u64,
        players: &[String],
    ) -> Result<Simulation, MarketError> {
        market::check_players(&scenario, players)?;
        if players.len() == 1 && scenario.market.is_solo() {
            return Ok(Simulation::alone(scenario, seed));
        }
        Ok(market::set_up(scenario, seed, players))
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

    /// Shares delivered on the last day played, as (sharer, friend) pairs:
    /// the first [`SHARES_SAMPLED`] in delivery order, for drawing shares
    /// along ties. Not part of the state.
    pub fn shares_today(&self) -> &[(u32, u32)] {
        &self.shares_today
    }

    /// Records `agent`'s story from now on (see [`Simulation::trace`]): the
    /// game plays on exactly as it would unwatched.
    pub fn watch(&mut self, agent: u32) {
        if (agent as usize) < self.audience.len() {
            self.watch = Some(Box::new(Trace {
                agent,
                ..Trace::default()
            }));
        }
    }

    /// The watched person's record so far.
    pub fn trace(&self) -> Option<&Trace> {
        self.watch.as_deref()
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
        self.day / DAYS_PER_WEEK
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
        self.run_market_week(std::slice::from_ref(plan))
    }

    /// Checks the week's plan and starts playing it; `step_day` then plays
    /// its days one at a time, and the seventh closes the week. (The window
    /// plays a week this way and ends in the same state as `run_week`.) In a
    /// market the computer's rivals plan their week now, from what they see.
    pub fn begin_week(&mut self, plan: WeekPlan) -> Result<(), WeekError> {
        self.begin_market_week(vec![plan])
    }

    /// Begins a week with a plan for every brand played by people, the
    /// scenario's brand first (one plan in a solo game).
    pub fn begin_market_week(&mut self, plans: Vec<WeekPlan>) -> Result<(), WeekError> {
        let players = self.players();
        if plans.len() != players {
            return Err(WeekError::Plans {
                expected: players,
                given: plans.len(),
            });
        }
        if self.running.is_some() {
            return Err(WeekError::WeekRunning);
        }
        if self.finished() {
            return Err(WeekError::GameOver);
        }
        let mut plans = plans.into_iter();
        let own = plans.next().expect("one plan a player");
        self.check_plan(&own)?;
        if let Some(market) = self.market.as_deref_mut() {
            market.begin_week(plans.collect())?;
        }
        self.begin_own_week(own);
        Ok(())
    }

    /// Starts this brand's week with a plan already checked.
    fn begin_own_week(&mut self, plan: WeekPlan) {
        self.plans.push(plan.clone());
        self.running = Some(RunningWeek { plan, days_done: 0 });
        self.brand.reply_capacity = 0;
        // Ad platforms' frequency caps count per week.
        self.audience.ads_this_week.fill(0);
        // What the brand learned about its audience slowly goes out of date.
        let keep = self.scenario.model.insight_keep_per_week;
        for insight in &mut self.brand.insight {
            *insight *= keep;
        }
    }

    /// Plays a whole week with a plan for every brand played by people.
    pub fn run_market_week(&mut self, plans: &[WeekPlan]) -> Result<(), WeekError> {
        self.begin_market_week(plans.to_vec())?;
        while self.week_running() {
            self.step_day()?;
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
        let Some(week) = self.running.as_ref() else {
            return Err(WeekError::NoWeekRunning);
        };
        let (plan, weekday) = (week.plan.clone(), week.days_done);
        match self.market.take() {
            None => {
                let prepared = self.prepare_day(&plan, weekday);
                self.finish_day(prepared, None);
            }
            Some(mut market) => {
                market.play_day(self, &plan, weekday);
                self.market = Some(market);
            }
        }
        self.close_day();
        Ok(())
    }

    /// Counts the day played; after the seventh the week closes (for every
    /// brand of a market).
    fn close_day(&mut self) {
        let Some(week) = self.running.as_mut() else {
            return;
        };
        week.days_done += 1;
        if u32::from(week.days_done) < DAYS_PER_WEEK {
            return;
        }
        self.running = None;
        self.brand.reply_capacity = 0;
        if let Some(market) = self.market.as_deref_mut() {
            market.close_week();
        }
        let hash = self.state_hash();
        self.week_hashes.push(hash);
    }

    /// The first part of a day: scripted events, the brand's actions, and
    /// phase A (what reaches people outside their feed).
    fn prepare_day(&mut self, plan: &WeekPlan, weekday: u8) -> Prepared {
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
        events::apply_events(&scenario.events, day, &mut event_state);
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

    /// The rest of a day: phase B (everyone, in parallel; in a market with
    /// what the other brands put in front of them) and phase C (the chunks
    /// merged in order, the day's metrics).
    fn finish_day(&mut self, prepared: Prepared, market: Option<MarketDay<'_>>) {
        let scenario = Arc::clone(&self.scenario);
        let params = &scenario.model;
        let day = self.day;
        let Prepared {
            mut metrics,
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
            market,
        };
        self.shares_today = seen.sample;

        let mut pass = daily_pass(&mut self.audience, &ctx);
        if let Some(trace) = self.watch.as_deref_mut() {
            watch::after_pass(trace, &mut pass);
        }
        metrics.add_counts(&pass.counts);
        // One ad a person a day: every ad delivered is met in the pass
        // (in a market, an ad crowded out of a person's day goes unseen).
        debug_assert!(ads_delivered == metrics.ad_impressions || ctx.market.is_some());
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

    /// The latest day's metrics (day 0 before the first step).
    pub fn latest(&self) -> &DayMetrics {
        self.history.last().expect("history starts with day 0")
    }

    /// The figures the game is judged by, as of now.
    pub fn kpis(&self) -> Kpis {
        let mut kpis = self.kpis_live();
        kpis.state_hash = format!("{:016x}", self.settled_hash());
        kpis
    }

    /// The same figures without the state hash, cheap enough to draw every
    /// frame (hashing a million people takes tens of milliseconds).
    pub fn kpis_live(&self) -> Kpis {
        let latest = self.latest();
        let totals = &self.brand.totals;
        let mut kpis = Kpis {
            followers: latest.followers,
            leads: totals.leads,
            customers: totals.customers,
            repeat_purchases: totals.repeat_purchases,
            advocates: latest.advocates,
            strong_relationships: latest.strong_relationships,
            relationship_index: latest.relationship_index,
            sentiment: latest.sentiment,
            engagement_rate: ratio(totals.engagements, totals.organic_impressions()),
            ctr: ratio(totals.ad_clicks, totals.ad_impressions),
            cost_per_click: totals.cost_per_click(),
            roi: totals.roi(),
            revenue: totals.revenue,
            impressions: totals.impressions,
            organic_impressions: totals.organic_impressions(),
            ad_impressions: totals.ad_impressions,
            hours: totals.hours,
            money_spent: totals.money_spent,
            score: 0.0,
            state_hash: String::new(),
            attribution: totals.attribution,
        };
        kpis.score = score(&self.scenario.goals, &kpis);
        kpis
    }

    /// The state hash without hashing again when the game stands between
    /// weeks: the state cannot change between a week's close and the next
    /// week's start, so the closing week's hash is the state's (at a million
    /// people hashing takes a tenth of a second; saves and replays need it).
    pub fn settled_hash(&self) -> u64 {
        match self.week_hashes.last() {
            Some(&hash) if self.running.is_none() && self.week_hashes.len() == self.plans.len() + 1 => hash,
            _ => self.state_hash(),
        }
    }

    /// A hash of every piece of state that shapes the future: equal hashes
    /// mean the games are the same.
    pub fn state_hash(&self) -> u64 {
        let clock = hash::Clock {
            model_version: MODEL_VERSION,
            day: self.day,
            seed: self.seed,
        };
        let own = hash::state_hash(&self.audience, Some(&self.graph), &self.brand, &clock);
        match self.market.as_deref() {
            None => own,
            Some(market) => market.hash_with(own),
        }
    }

    /// The state hash of this brand's side alone (a rival's, in a market:
    /// the shared graph is hashed once, by brand 0).
    fn side_hash(&self) -> u64 {
        let clock = hash::Clock {
            model_version: MODEL_VERSION,
            day: self.day,
            seed: self.seed,
        };
        hash::state_hash(&self.audience, None, &self.brand, &clock)
    }
}

/// A day between its phase A and its pass (see `prepare_day`).
struct Prepared {
    metrics: DayMetrics,
    posts: Vec<PostToday>,
    live: Option<u8>,
    seen: SharesSeen,
    ads_delivered: u64,
}

#[cfg(test)]
mod tests;
