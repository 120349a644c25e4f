//! One game in progress: the audience, the graph, the brand's side of
//! things, and the weekly loop that turns a plan into seven daily steps.
//!
//! A day runs in three phases: the brand's actions and phase A (`deliver`:
//! what reaches people outside their feed), phase B (the daily pass over
//! everyone, `step`), phase C (the merge of the pass's counts into the day's
//! metrics). `brand` holds the brand's state, `events` the scripted events,
//! `hash` the state hash.

mod brand;
mod day;
mod deliver;
mod events;
mod hash;
mod market;
mod plan;
mod replay;
mod snapshot;
mod watch;
mod week;

use super::action::{PlanError, WeekPlan};
use super::audience::ledger::Ledger;
use super::audience::{Audience, Decay};
use super::graph::Graph;
use super::market::{MarketError, Shares};
use super::metrics::{DayMetrics, Kpis, ratio, score};
use super::scenario::Scenario;
use super::trace::Trace;
use super::types::DAYS_PER_WEEK;
use std::ops::Range;
use std::sync::Arc;
use week::RunningWeek;

pub use brand::{Brand, Totals};
pub use deliver::SHARES_SAMPLED;
use market::Market;
pub use replay::{Rebuild, ReplayFailure, ReplayMismatch, ReplayWeeks, Replaying};
pub use snapshot::{SNAPSHOT_VERSION, SnapshotError};
pub use week::WeekError;

/// Version of the model's rules. Bump it whenever a change to the rules or
/// their defaults changes results, so old replays say why they differ.
pub const MODEL_VERSION: u32 = 5;

/// One game. Its state is read through the accessors below and changed
/// only by playing weeks.
#[derive(Clone, Debug)]
pub struct Simulation {
    scenario: Arc<Scenario>,
    seed: u64,
    audience: Audience,
    /// Shared by every brand of a market.
    graph: Arc<Graph>,
    /// The graph's share of the state hash (it never changes).
    graph_hash: u64,
    brand: Brand,
    /// Everyone at once, kept as people change (see `audience::ledger`).
    ledger: Ledger,
    /// How levels fade (the audience's own tables).
    decay: Arc<Decay>,
    /// Every person is visited every day (the check of lazy people).
    eager: bool,
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
    /// Where the last day's time went (recorded only).
    phase_times: super::profile::PhaseTimes,
    /// Every first purchase with the buyer's standing then (recorded only).
    purchases: Vec<super::step::Purchase>,
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
        Simulation::alone_with(scenario, seed, false)
    }

    /// The scenario's brand alone in its audience; `eager`: every person
    /// visited every day (the check that lazy people change nothing).
    fn alone_with(scenario: Arc<Scenario>, seed: u64, eager: bool) -> Simulation {
        let segment_ranges = scenario.segment_ranges();
        // The ties first: their building needs about twice the memory they
        // keep, and that peak passes before the audience takes its share
        // (the two are drawn from streams of their own, in either order).
        let graph = Arc::new(Graph::generate(
            &scenario.graph,
            scenario.model.uniform_tie_chance,
            &segment_ranges,
            seed,
        ));
        let audience = Audience::generate(&scenario, seed);
        let mut platform_users = vec![0u64; scenario.platforms.len()];
        for bits in audience.cells.iter().map(|cell| cell.platforms) {
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
        let brand = Brand::new(&scenario);
        let graph_hash = hash::graph_hash(&graph);
        let decay = Arc::clone(&audience.decay);
        let mut simulation = Simulation {
            scenario,
            seed,
            audience,
            graph,
            graph_hash,
            brand,
            ledger: Ledger::default(),
            decay,
            eager,
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
            phase_times: Default::default(),
            purchases: Vec::new(),
        };
        simulation.open_book(0.0);
        let start = simulation.state_hash();
        simulation.week_hashes.push(start);
        simulation
    }

    /// Takes the ledger from the audience as it stands on day 0, files
    /// everyone's first visit and writes day 0's metrics. `loyalty_hold`:
    /// how firmly customers resist other brands (markets).
    fn open_book(&mut self, loyalty_hold: f32) {
        let scenario = Arc::clone(&self.scenario);
        let params = &scenario.model;
        self.ledger = Ledger::of(
            &self.audience,
            day::thresholds(params),
            scenario.platforms.len(),
            scenario.segments.len(),
            scenario.days(),
            params.ad_frequency_cap.min(u8::MAX as u32) as u8,
        );
        let ctx = self.setup_context(&scenario, loyalty_hold);
        let filed = super::step::schedule_everyone(&mut self.audience, &ctx);
        drop(ctx);
        for (day, person) in filed {
            self.ledger.schedule(day, person);
        }
        let means = self.ledger.means(0, &self.decay);
        self.history = vec![DayMetrics::day_zero(&self.ledger.counts, means)];
    }

    /// A game of the scenario on a seed whose every person is visited every
    /// day, nobody's visit scheduled: the same game as [`Simulation::new`]
    /// (the test of lazy people compares the two, person by person), only
    /// slower.
    pub fn new_eager(scenario: Arc<Scenario>, seed: u64) -> Simulation {
        if scenario.market.is_solo() {
            Simulation::alone_with(scenario, seed, true)
        } else {
            let player = [scenario.brand.clone()];
            market::set_up_with(scenario, seed, &player, true)
        }
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

    /// The brand's side: what it believes, waiting comments, running totals.
    pub fn brand(&self) -> &Brand {
        &self.brand
    }

    /// Everyone at once: counts, the followers, the calendar of visits.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Changes person `agent`'s stored state from outside a day (tests, and
    /// tools that set up a situation): their levels are read for today,
    /// `change` edits the record, and the ledger and the calendar follow.
    pub fn change_person(&mut self, agent: usize, change: impl FnOnce(&mut super::audience::ledger::Record)) {
        let scenario = Arc::clone(&self.scenario);
        let params = &scenario.model;
        let today = self.day as u16;
        let at = day::thresholds(params);
        let before = self.audience.record(agent);
        let standing = before.standing_on(today, &self.decay, at);
        let levels = before.levels_on(today, &self.decay);
        let mut record = super::audience::ledger::Record {
            awareness: levels.awareness,
            relationship: levels.relationship,
            sentiment: levels.sentiment,
            fatigue: levels.fatigue,
            stamp: today,
            ..before
        };
        change(&mut record);
        let mut delta = super::audience::ledger::LedgerDelta::default();
        delta.rewrite(agent as u32, &before, &record, &self.decay);
        delta.restand(standing, record.standing_on(today, &self.decay, at));
        self.audience.write_record(agent, &record);
        self.mark_person(agent);
        let ctx = self.setup_context(&scenario, 0.0);
        let next = super::step::next_visit_of(&self.audience, agent, &ctx, today);
        drop(ctx);
        self.audience.cells[agent].next_visit = next;
        if next != 0 && !self.eager {
            delta.schedule.push((next, agent as u32));
        }
        if self.eager {
            self.ledger.apply_followers(&delta, &self.audience);
            self.ledger.recount(&self.audience, at);
        } else {
            self.ledger.apply(delta, &self.audience);
        }
    }

    /// Every first purchase so far, with how the buyer stood with the brand
    /// at that moment (recorded only).
    pub fn purchases(&self) -> &[super::step::Purchase] {
        &self.purchases
    }

    /// Where the last day's time went, phase by phase (recorded only).
    pub fn phase_times(&self) -> super::profile::PhaseTimes {
        self.phase_times
    }

    /// Whether every person is visited every day (see [`Simulation::new_eager`]).
    pub fn is_eager(&self) -> bool {
        self.eager
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
            .filter(|&&(agent, since)| self.audience.cells[agent as usize].record.comment_since == since)
            .count() as u64
    }

    /// Checks a plan against this week's budget and the scenario.
    pub fn check_plan(&self, plan: &WeekPlan) -> Result<(), PlanError> {
        self.scenario.check_plan(plan)
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
        self.brand.reply_batches.clear();
        // Ad platforms' frequency caps count per week.
        deliver::new_ad_week(&mut self.audience, &mut self.ledger);
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
        let mut clock = super::profile::Stopwatch::start();
        let mut times = super::profile::PhaseTimes::default();
        match self.market.take() {
            None => {
                let prepared = self.prepare_day(&plan, weekday);
                times.actions = clock.lap();
                self.finish_day(prepared, &mut clock, &mut times);
            }
            Some(mut market) => {
                market.play_day(self, &plan, weekday, &mut clock, &mut times);
                self.market = Some(market);
            }
        }
        self.close_day();
        times.hash = clock.lap();
        self.phase_times = times;
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
        self.brand.reply_batches.clear();
        if let Some(market) = self.market.as_deref_mut() {
            market.close_week();
        }
        let hash = self.state_hash();
        self.week_hashes.push(hash);
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
            customers: latest.customers_now(),
            customers_ever: totals.customers,
            repeat_purchases: totals.repeat_purchases,
            advocates: latest.advocates,
            strong_relationships: latest.strong_relationships,
            relationship_index: latest.relationship_index,
            sentiment: latest.sentiment,
            engagement_rate: totals.post_engagement_rate(),
            post_engagement_rate: totals.post_engagement_rate(),
            conversation_response_rate: totals.conversation_response_rate(),
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
        let own = hash::state_hash(self.ledger.hash_sum, Some(self.graph_hash), &self.brand, &clock);
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
        hash::state_hash(self.ledger.hash_sum, None, &self.brand, &clock)
    }
}

#[cfg(test)]
mod tests;
