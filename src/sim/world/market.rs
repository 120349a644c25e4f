//! The other brands of a market and how a day is played when a brand is not
//! alone: every brand's phase A, then each person's day shared out between
//! the brands that reach them (`Coupling`), then every brand's pass, then
//! the customers who changed brand.
//!
//! Brand 0 (the scenario's own, or the first team) is the `Simulation`
//! that holds the market; the others are whole simulations of their own
//! side of the same audience, sharing its graph and its people's traits.

use super::super::action::WeekPlan;
use super::super::audience::Audience;
use super::super::market::{BrandRole, MAX_BRANDS, MarketError, MarketParams, MarketSpec, Shares, Standing};
use super::super::metrics::DayMetrics;
use super::super::profile::{PhaseTimes, Stopwatch};
use super::super::rng::{Rng, Stream, mix64};
use super::super::scenario::Scenario;
use super::super::step::{MarketSide, market_marks, market_pass, person_marks};
use super::super::strategy::Strategy;
use super::week::WeekError;
use super::{Brand, Simulation};
use rayon::prelude::*;
use std::sync::Arc;

/// The brands of a market besides brand 0.
#[derive(Clone, Debug)]
pub(super) struct Market {
    /// Brands 1.. in order.
    others: Vec<Side>,
    /// Every brand's name, brand 0 first.
    names: Vec<String>,
    /// Brands `0..players` are played by people; the rest by the computer.
    players: usize,
    params: MarketParams,
    /// Everyone's market marks: which brands each person follows, is a
    /// lead of, buys from (see `step::market_marks`). Derived from the
    /// sides, kept up to date by the market's pass.
    marks: Vec<u32>,
}

/// One other brand: its side of the audience, and its strategy when the
/// computer plays it.
#[derive(Clone, Debug)]
struct Side {
    simulation: Simulation,
    strategy: Option<Strategy>,
}

impl Shares {
    /// A brand alone has the whole market.
    pub const ALONE: Shares = Shares {
        followers: 1.0,
        customers: 1.0,
        strong: 1.0,
    };
}

/// Checks the names of the brands played by people.
pub(super) fn check_players(scenario: &Scenario, players: &[String]) -> Result<(), MarketError> {
    let brands = players.len() + scenario.market.rivals.len();
    if players.is_empty() || brands > MAX_BRANDS {
        return Err(MarketError::Size(brands));
    }
    let mut names: Vec<&str> = Vec::with_capacity(brands);
    for name in players
        .iter()
        .map(String::as_str)
        .chain(scenario.market.rivals.iter().map(|r| r.name.as_str()))
    {
        let name = name.trim();
        if name.is_empty() {
            return Err(MarketError::BlankName);
        }
        if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Err(MarketError::SameName(name.to_string()));
        }
        names.push(name);
    }
    Ok(())
}

/// The seed of brand `brand`'s own draws (brand 0 keeps the game's seed).
fn brand_seed(seed: u64, brand: usize) -> u64 {
    if brand == 0 {
        seed
    } else {
        mix64(seed ^ mix64(0x6D61_726B_6574 ^ brand as u64))
    }
}

/// Sets up a market: brand 0 from the scenario and seed as a solo game
/// would be, further players starting from the same audience, and the
/// scenario's rivals with their own following. (The names are checked.)
pub(super) fn set_up(scenario: Arc<Scenario>, seed: u64, players: &[String]) -> Simulation {
    set_up_with(scenario, seed, players, false)
}

/// [`set_up`], eager or not (see [`Simulation::new_eager`]).
pub(super) fn set_up_with(scenario: Arc<Scenario>, seed: u64, players: &[String], eager: bool) -> Simulation {
    let side_scenario = |brand: &str, events: bool| {
        let mut side = Scenario::clone(&scenario);
        side.brand = brand.to_string();
        side.market = MarketSpec::default();
        if !events {
            side.events.clear();
            side.goals.clear();
        }
        Arc::new(side)
    };
    let mut own = Simulation::alone_with(Arc::clone(&scenario), seed, eager);
    let mut others = Vec::new();
    for (index, name) in players.iter().enumerate().skip(1) {
        // Every team starts from the same audience: the game is fair.
        let simulation = own.side(side_scenario(name, true), brand_seed(seed, index), None);
        others.push(Side {
            simulation,
            strategy: None,
        });
    }
    for (k, rival) in scenario.market.rivals.iter().enumerate() {
        let index = players.len() + k;
        let mut side = Scenario::clone(&side_scenario(&rival.name, false));
        side.initial_followers = rival.initial_followers;
        side.initial_awareness = rival.initial_awareness;
        side.hours_per_week = rival.hours_per_week;
        side.money_per_week = rival.money_per_week;
        let simulation = own.side(Arc::new(side), brand_seed(seed, index), Some(index));
        others.push(Side {
            simulation,
            strategy: Some(rival.strategy.clone()),
        });
    }
    let mut names: Vec<String> = players.iter().map(|n| n.trim().to_string()).collect();
    names.extend(scenario.market.rivals.iter().map(|r| r.name.clone()));
    let params = scenario.market.params;
    let hold = loyalty_hold(&params);
    // Every side's book and first visits, now that customers resist rivals.
    own.open_book(hold);
    for side in &mut others {
        side.simulation.open_book(hold);
    }
    own.market = Some(Box::new(Market {
        others,
        names,
        players: players.len(),
        params,
        marks: Vec::new(),
    }));
    own.mark_everyone();
    own.update_shares();
    own.week_hashes.clear();
    let start = own.state_hash();
    own.week_hashes.push(start);
    own
}

impl Simulation {
    /// Another brand's side of this game's audience: the same people and
    /// ties, its own standing with them (drawn afresh for a rival, `rival`
    /// its brand index; the same as this brand's for a team).
    fn side(&self, scenario: Arc<Scenario>, seed: u64, rival: Option<usize>) -> Simulation {
        let mut audience = self.audience.clone();
        if rival.is_some() {
            draw_standing(&mut audience, &scenario, seed);
        }
        let brand = Brand::new(&scenario);
        let side = Simulation {
            seed,
            audience,
            graph: Arc::clone(&self.graph),
            graph_hash: self.graph_hash,
            brand,
            ledger: Default::default(),
            phase_times: Default::default(),
            purchases: Vec::new(),
            decay: Arc::clone(&self.decay),
            eager: self.eager,
            day: 0,
            history: Vec::new(),
            plans: Vec::new(),
            week_hashes: Vec::new(),
            segment_ranges: self.segment_ranges.clone(),
            platform_users: self.platform_users.clone(),
            influencers: self.influencers.clone(),
            running: None,
            shares_today: Vec::new(),
            watch: None,
            market: None,
            shares: Shares::ALONE,
            scenario,
        };
        // The book and the first visits are filed once the market is set up.
        side
    }

    /// Takes every person's market marks afresh from the sides (a market
    /// set up or restored).
    pub(super) fn mark_everyone(&mut self) {
        if let Some(mut market) = self.market.take() {
            let sides: Vec<&Audience> = std::iter::once(&self.audience)
                .chain(market.others.iter().map(|s| &s.simulation.audience))
                .collect();
            market.marks = market_marks(&sides);
            self.market = Some(market);
        }
    }

    /// Takes person `agent`'s market marks afresh (they were changed from
    /// outside a day).
    pub(super) fn mark_person(&mut self, agent: usize) {
        if let Some(mut market) = self.market.take() {
            let sides: Vec<&Audience> = std::iter::once(&self.audience)
                .chain(market.others.iter().map(|s| &s.simulation.audience))
                .collect();
            market.marks[agent] = person_marks(&sides, agent);
            self.market = Some(market);
        }
    }

    /// Brands in the game (1 when the brand is alone).
    pub fn brand_count(&self) -> usize {
        self.market.as_deref().map_or(1, |m| m.names.len())
    }

    /// Brands played by people: the plans each week takes.
    pub fn players(&self) -> usize {
        self.market.as_deref().map_or(1, |m| m.players)
    }

    /// Brand `brand`'s name (brand 0 is the scenario's, or the first team's).
    pub fn brand_name(&self, brand: usize) -> &str {
        match self.market.as_deref() {
            Some(market) => market.names.get(brand).map_or("", String::as_str),
            None if brand == 0 => &self.scenario.brand,
            None => "",
        }
    }

    /// Who plays brand `brand`.
    pub fn brand_role(&self, brand: usize) -> BrandRole {
        if brand < self.players() {
            BrandRole::Player
        } else {
            BrandRole::Computer
        }
    }

    /// Brand `brand`'s side of the game: its audience standing, history,
    /// plans and KPIs (`None` past the last brand). Brand 0 is `self`.
    pub fn brand_side(&self, brand: usize) -> Option<&Simulation> {
        match (brand, self.market.as_deref()) {
            (0, _) => Some(self),
            (b, Some(market)) => market.others.get(b - 1).map(|side| &side.simulation),
            _ => None,
        }
    }

    /// Every other brand's side, to be changed (a snapshot's restore).
    pub(super) fn other_sides_mut(&mut self) -> Vec<&mut Simulation> {
        self.market.as_deref_mut().map_or_else(Vec::new, |m| {
            m.others.iter_mut().map(|side| &mut side.simulation).collect()
        })
    }

    /// Every brand's side, brand 0 first.
    pub fn brand_sides(&self) -> Vec<&Simulation> {
        (0..self.brand_count())
            .filter_map(|b| self.brand_side(b))
            .collect()
    }

    /// The rules of competition in this game (they act only with rivals).
    pub fn market_params(&self) -> MarketParams {
        self.market
            .as_deref()
            .map_or(self.scenario.market.params, |m| m.params)
    }

    /// This brand's shares of the market as of the last day played.
    pub fn shares(&self) -> Shares {
        self.shares
    }

    /// Every brand's shares on every day played (day 0 first), brand 0
    /// first in each day.
    pub fn share_history(&self) -> Vec<Vec<Shares>> {
        let sides = self.brand_sides();
        (0..self.history.len())
            .map(|day| shares_of(&sides.iter().map(|s| &s.history[day]).collect::<Vec<_>>()))
            .collect()
    }

    /// The market's standings now, the leader first (by the mean of the
    /// shares of followers, customers and strong relationships; then revenue).
    pub fn standings(&self) -> Vec<Standing> {
        let sides = self.brand_sides();
        let latest: Vec<&DayMetrics> = sides.iter().map(|s| s.latest()).collect();
        let shares = shares_of(&latest);
        let mut standings: Vec<Standing> = sides
            .iter()
            .enumerate()
            .map(|(b, side)| Standing {
                rank: 0,
                brand: b,
                name: self.brand_name(b).to_string(),
                role: self.brand_role(b),
                followers: latest[b].followers,
                customers: latest[b].customers_now(),
                strong_relationships: latest[b].strong_relationships,
                revenue: side.brand.totals.revenue,
                shares: shares[b],
            })
            .collect();
        standings.sort_by(|a, b| {
            b.shares
                .score()
                .total_cmp(&a.shares.score())
                .then(b.revenue.total_cmp(&a.revenue))
                .then(a.brand.cmp(&b.brand))
        });
        for (rank, standing) in standings.iter_mut().enumerate() {
            standing.rank = rank + 1;
        }
        standings
    }

    /// The brand person `agent` leans to: a customer's brand first, then
    /// the one they follow with the closest bond; `None` for someone no
    /// brand has reached.
    pub fn lean_of(&self, agent: usize) -> Option<usize> {
        let mut best: Option<(usize, (u8, f32))> = None;
        // Walked without collecting the sides: `leanings` asks once a person.
        let sides = (0..self.brand_count()).filter_map(|b| self.brand_side(b));
        for (b, side) in sides.enumerate() {
            let audience = &side.audience;
            if agent >= audience.len() {
                return None;
            }
            let funnel = audience.funnel(agent);
            let levels = audience.levels(agent);
            let tier = if funnel.has_bought() {
                3
            } else if audience.follows(agent) {
                2
            } else if levels.awareness >= side.scenario.model.aware_threshold {
                1
            } else {
                0
            };
            let key = (tier, levels.relationship + levels.awareness * 0.01);
            if tier > 0 && best.is_none_or(|(_, k)| key.0 > k.0 || (key.0 == k.0 && key.1 > k.1)) {
                best = Some((b, key));
            }
        }
        best.map(|(b, _)| b)
    }

    /// Each person's lean (`u8::MAX` for nobody's), for colouring the
    /// audience by brand.
    pub fn leanings(&self) -> Vec<u8> {
        (0..self.audience.len())
            .into_par_iter()
            .map(|agent| self.lean_of(agent).map_or(u8::MAX, |b| b as u8))
            .collect()
    }

    /// Sets every brand's shares from their latest day.
    fn update_shares(&mut self) {
        if let Some(mut market) = self.market.take() {
            self.update_shares_with(&mut market);
            self.market = Some(market);
        }
    }
}

/// Each brand's part of the market's followers, customers and strong
/// relationships (an even split of a total that is zero).
fn shares_of(days: &[&DayMetrics]) -> Vec<Shares> {
    let part = |values: Vec<u64>| -> Vec<f64> {
        let total: u64 = values.iter().sum();
        values
            .iter()
            .map(|&v| {
                if total == 0 {
                    1.0 / days.len() as f64
                } else {
                    v as f64 / total as f64
                }
            })
            .collect()
    };
    let followers = part(days.iter().map(|d| d.followers).collect());
    let customers = part(days.iter().map(|d| d.customers_now()).collect());
    let strong = part(days.iter().map(|d| d.strong_relationships).collect());
    (0..days.len())
        .map(|b| Shares {
            followers: followers[b],
            customers: customers[b],
            strong: strong[b],
        })
        .collect()
}

/// How firmly a customer resists other brands in a market (none unless a
/// person buys from one brand at a time).
fn loyalty_hold(params: &MarketParams) -> f32 {
    if params.exclusive_purchase {
        params.loyalty_hold
    } else {
        0.0
    }
}

/// A rival's own following on day one, drawn with its seed.
fn draw_standing(audience: &mut Audience, scenario: &Scenario, seed: u64) {
    for agent in 0..audience.len() {
        let mut rng = Rng::keyed(seed, Stream::Audience, 1, agent as u64);
        audience.draw_standing(agent, scenario, &mut rng);
    }
}

impl Market {
    /// Begins every other brand's week: the other players' plans (checked
    /// first, so a bad one changes nothing) and the computer's own.
    pub(super) fn begin_week(&mut self, plans: Vec<WeekPlan>) -> Result<(), WeekError> {
        let mut plans = plans.into_iter();
        let mut chosen = Vec::with_capacity(self.others.len());
        for (k, side) in self.others.iter().enumerate() {
            let plan = match &side.strategy {
                None => {
                    let plan = plans.next().unwrap_or_default();
                    side.simulation
                        .check_plan(&plan)
                        .map_err(|error| WeekError::BrandPlan {
                            brand: self.names[k + 1].clone(),
                            error,
                        })?;
                    plan
                }
                Some(strategy) => {
                    let plan = strategy.plan_week(&side.simulation);
                    // A strategy plans within its budget; should it not, the
                    // computer sits the week out.
                    if side.simulation.check_plan(&plan).is_ok() {
                        plan
                    } else {
                        WeekPlan::default()
                    }
                }
            };
            chosen.push(plan);
        }
        for (side, plan) in self.others.iter_mut().zip(chosen) {
            side.simulation.begin_own_week(plan);
        }
        Ok(())
    }

    /// Plays one day of every brand (brand 0 is `own`): each brand's
    /// actions and phase A, then the pass of every side together, then
    /// each brand's books.
    pub(super) fn play_day(
        &mut self,
        own: &mut Simulation,
        plan: &WeekPlan,
        weekday: u8,
        clock: &mut Stopwatch,
        times: &mut PhaseTimes,
    ) {
        let mut prepared = vec![own.prepare_day(plan, weekday)];
        for side in &mut self.others {
            let plan = side
                .simulation
                .running
                .as_ref()
                .map(|w| w.plan.clone())
                .unwrap_or_default();
            prepared.push(side.simulation.prepare_day(&plan, weekday));
        }
        let scenarios: Vec<Arc<Scenario>> = std::iter::once(Arc::clone(&own.scenario))
            .chain(self.others.iter().map(|s| Arc::clone(&s.simulation.scenario)))
            .collect();
        let mut sides: Vec<&mut Simulation> = std::iter::once(&mut *own)
            .chain(self.others.iter_mut().map(|s| &mut s.simulation))
            .collect();
        let hold = loyalty_hold(&self.params);
        let mut contexts = Vec::with_capacity(sides.len());
        let mut visits = Vec::with_capacity(sides.len());
        let mut afters = Vec::with_capacity(sides.len());
        for ((side, scenario), day) in sides.iter_mut().zip(&scenarios).zip(prepared) {
            let (ctx, visit, after) = side.day_context(scenario, day, hold, true);
            contexts.push(ctx);
            visits.push(visit);
            afters.push(after);
        }
        let market_sides: Vec<MarketSide> = sides
            .iter_mut()
            .zip(&contexts)
            .zip(&visits)
            .map(|((side, ctx), visits)| MarketSide {
                audience: &mut side.audience,
                ctx,
                visits,
            })
            .collect();
        times.actions = clock.lap();
        let passes = market_pass(market_sides, &mut self.marks, &self.params);
        drop(contexts);
        times.pass = clock.lap();
        for ((side, pass), after) in sides.into_iter().zip(passes).zip(afters) {
            side.after_pass(pass, after);
        }
        for side in &mut self.others {
            if let Some(week) = side.simulation.running.as_mut() {
                week.days_done += 1;
            }
        }
        own.update_shares_with(self);
        times.books = clock.lap();
    }

    /// The week is over for every other brand.
    pub(super) fn close_week(&mut self) {
        for side in &mut self.others {
            side.simulation.running = None;
            side.simulation.brand.reply_batches.clear();
        }
    }

    /// Brand 0's hash `own` with every other side's mixed in, in order.
    pub(super) fn hash_with(&self, own: u64) -> u64 {
        let sides: Vec<u64> = self.others.par_iter().map(|s| s.simulation.side_hash()).collect();
        sides
            .into_iter()
            .fold(mix64(own ^ self.names.len() as u64), |h, side| mix64(h ^ side))
    }
}

impl Simulation {
    /// Sets every brand's shares from their latest day (`market` is held
    /// apart while its day is played).
    fn update_shares_with(&mut self, market: &mut Market) {
        let latest: Vec<DayMetrics> = std::iter::once(*self.latest())
            .chain(market.others.iter().map(|s| *s.simulation.latest()))
            .collect();
        let shares = shares_of(&latest.iter().collect::<Vec<_>>());
        self.shares = shares[0];
        for (side, &share) in market.others.iter_mut().zip(&shares[1..]) {
            side.simulation.shares = share;
        }
    }
}
