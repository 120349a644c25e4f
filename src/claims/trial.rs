//! A trial: one scenario and its seeds. Arms are run on demand, in parallel
//! over the seeds, and each run is kept as a compact [`RunSummary`] (never a
//! whole simulation), cached so that every claim that needs an arm shares
//! its runs.

use super::arms::{self, Arm};
use super::rivalry::{AtTurn, Rivalry, Split};
use crate::sim::{ActionKind, DayMetrics, Funnel, Kpis, Scenario, Simulation, Stage, Target, Totals, play};
use rayon::prelude::*;
use std::sync::Arc;

/// One run of one arm, as `rapport sweep` writes it out.
#[derive(Clone, Debug)]
pub struct RunRecord {
    pub arm: String,
    pub seed: u64,
    pub kpis: Kpis,
}

/// The state of the brand's network at the end of a week (index 0 is the
/// start of the game).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WeekSummary {
    pub followers: u64,
    pub strong: u64,
    /// Hours of the week spent on conversation, broadcasting and listening.
    pub conversation_hours: f64,
    pub broadcast_hours: f64,
    pub listening_hours: f64,
    pub new_followers: u64,
    pub impressions: u64,
    pub engagements: u64,
    /// Customers now (bought and not lapsed) at the end of the week.
    pub customers: u64,
}

/// Per-person figures at the end of a run, counted once.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct People {
    /// People who commented at least once, and the sum of their sentiment
    /// and relationship.
    pub commenters: u64,
    pub commenter_sentiment: f64,
    pub commenter_relationship: f64,
    /// Leads with and without a bond the brand's own conversation made
    /// (contacted, relationship at least the engaged threshold), and buyers.
    pub warmed_leads: u64,
    pub warmed_buyers: u64,
    pub cold_leads: u64,
    pub cold_buyers: u64,
    /// Days from becoming a lead to buying, summed over buyers, and their count.
    pub lag_days: f64,
    pub lagged_buyers: u64,
    /// Everyone in the audience.
    pub audience: u64,
    /// People who saw anything from the brand at least once.
    pub ever_reached: u64,
    /// Commenters who always got an answer, and the sum of their sentiment.
    pub answered_commenters: u64,
    pub answered_sentiment: f64,
    /// The sum of their sentiments squared (for the spread, C2's test).
    pub answered_sentiment_squares: f64,
    /// Commenters of whom at least one comment went unanswered, and the sum
    /// of their sentiment.
    pub ignored_commenters: u64,
    pub ignored_sentiment: f64,
    pub ignored_sentiment_squares: f64,
}

/// How the brand's two-way contacts (its comments on people's posts, its
/// answers, live sessions) were spread over people: a bond needs the same
/// person met again and again.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Contacts {
    /// Every contact, summed over people.
    pub total: u64,
    /// People contacted exactly once, exactly twice, three times or more.
    pub once: u64,
    pub twice: u64,
    pub thrice: u64,
    /// People contacted at least once who follow the brand at the end.
    pub followers: u64,
}

impl Contacts {
    pub fn people(&self) -> u64 {
        self.once + self.twice + self.thrice
    }
}

/// What a claim may read of one finished run.
#[derive(Clone, Debug)]
pub struct RunSummary {
    pub seed: u64,
    pub kpis: Kpis,
    pub totals: Totals,
    pub weeks: Vec<WeekSummary>,
    /// Sums over every day: people reached, posts, shares.
    pub reach_days: u64,
    pub posts: u64,
    pub shares: u64,
    /// Complaints received over the run (the totals count comments apart).
    pub complaints: u64,
    pub people: People,
    /// The people with a strong bond at the end, in index order (a few
    /// hundred at most in the built-in scenarios): the same seed draws the
    /// same people in every arm, so two arms' bonds can be compared person by person.
    pub bonded: Vec<u32>,
    /// The people the brand's own conversation warmed (answered or met,
    /// relationship at least the engaged threshold), in index order.
    pub warmed: Vec<u32>,
    /// What was left after a quiet tail (see [`QUIET_TAIL_WEEKS`]); zero for
    /// arms played without one.
    pub tail: Tail,
    pub contacts: Contacts,
    /// Actions played over the run, by kind (`ActionKind::index`).
    pub actions: [u64; ActionKind::ALL.len()],
    /// Engagement batches aimed at the brand's followers.
    pub pushes_at_followers: u64,
    /// The hours the weeks played allowed.
    pub budget_hours: f64,
    /// Ignored commenters who unfollowed on the spot.
    pub ignored_unfollows: u64,
    /// The market at the end (the whole of it when the brand is alone).
    pub market: Rivalry,
    /// Bonded and other followers after the turn (`Versus` arms only).
    pub split: Split,
}

/// Weeks without any action played after a built-in strategy's game (half
/// a year): who stays with the brand once the campaign is over, a measure
/// that no goal cap can flatter (C20). Idle weeks cost next to nothing:
/// only the people whose chances come true are visited.
pub const QUIET_TAIL_WEEKS: u32 = 26;

/// The state of the brand after the quiet tail.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tail {
    /// People who are customers (or advocates) at the end of the tail.
    pub customers: u64,
    pub followers: u64,
    /// Revenue earned during the tail alone (repeat and late purchases).
    pub revenue: f64,
}

impl RunSummary {
    pub fn of(game: &Simulation) -> RunSummary {
        let params = &game.scenario().model;
        let history = game.history();
        let mut weeks = vec![WeekSummary {
            followers: history[0].followers,
            strong: history[0].strong_relationships,
            customers: history[0].stages[Stage::Customer as usize]
                + history[0].stages[Stage::Advocate as usize],
            ..WeekSummary::default()
        }];
        for days in history[1..].chunks(7) {
            let mut week = WeekSummary::default();
            for day in days {
                week.conversation_hours += day.hours.conversation;
                week.broadcast_hours += day.hours.broadcast;
                week.listening_hours += day.hours.listening;
                week.new_followers += day.new_followers;
                week.impressions += day.impressions;
                week.engagements += day.engagements;
            }
            let last: &DayMetrics = days.last().expect("a chunk is never empty");
            week.followers = last.followers;
            week.customers = last.stages[Stage::Customer as usize] + last.stages[Stage::Advocate as usize];
            week.strong = last.strong_relationships;
            weeks.push(week);
        }
        let a = game.audience();
        let mut people = People::default();
        let mut bonded = Vec::new();
        let mut warmed = Vec::new();
        people.audience = a.len() as u64;
        let mut contacts = Contacts::default();
        // How each buyer stood at the moment they bought (first purchases).
        let mut bought: Vec<(u32, bool)> = game
            .purchases()
            .iter()
            .map(|p| {
                (
                    p.person,
                    p.contacted && p.relationship >= params.engaged_threshold,
                )
            })
            .collect();
        bought.sort_unstable();
        let warm_when_bought = |i: u32| -> Option<bool> {
            bought
                .binary_search_by_key(&i, |&(p, _)| p)
                .ok()
                .map(|k| bought[k].1)
        };
        for i in 0..a.len() {
            let story = &a.story(i);
            let levels = a.levels(i);
            let contacted = story.replies_received > 0 || story.brand_contacts > 0;
            let times = story.replies_received as u64 + story.brand_contacts as u64;
            contacts.total += times;
            match times {
                0 => {}
                1 => contacts.once += 1,
                2 => contacts.twice += 1,
                _ => contacts.thrice += 1,
            }
            if contacted && a.follows(i) {
                contacts.followers += 1;
            }
            if levels.relationship >= params.strong_threshold {
                bonded.push(i as u32);
            }
            if story.comments > 0 {
                people.commenters += 1;
                people.commenter_sentiment += levels.sentiment as f64;
                people.commenter_relationship += levels.relationship as f64;
                if story.ignored > 0 {
                    people.ignored_commenters += 1;
                    people.ignored_sentiment += levels.sentiment as f64;
                    people.ignored_sentiment_squares += (levels.sentiment as f64).powi(2);
                } else if story.replies_received > 0 {
                    people.answered_commenters += 1;
                    people.answered_sentiment += levels.sentiment as f64;
                    people.answered_sentiment_squares += (levels.sentiment as f64).powi(2);
                }
            }
            let warm = contacted && levels.relationship >= params.engaged_threshold;
            if warm {
                warmed.push(i as u32);
            }
            if story.lead_day > 0 {
                // Warmth at the moment of buying for buyers; for leads who
                // never bought, as they stand at the end.
                let at_purchase = warm_when_bought(i as u32);
                let bought = at_purchase.is_some();
                let warm = at_purchase.unwrap_or(warm);
                let (leads, buyers) = if warm {
                    (&mut people.warmed_leads, &mut people.warmed_buyers)
                } else {
                    (&mut people.cold_leads, &mut people.cold_buyers)
                };
                *leads += 1;
                *buyers += bought as u64;
                if story.customer_day >= story.lead_day && story.customer_day > 0 {
                    people.lag_days += (story.customer_day - story.lead_day) as f64;
                    people.lagged_buyers += 1;
                }
            }
            if story.posts_seen > 0 || contacted || a.funnel(i) != Funnel::None {
                people.ever_reached += 1;
            }
        }
        let mut actions = [0; ActionKind::ALL.len()];
        let mut pushes_at_followers = 0;
        for action in game.plans().iter().flat_map(|p| &p.actions) {
            actions[action.kind.index()] += 1;
            if action.kind == ActionKind::EngageOthers && action.target == Target::Followers {
                pushes_at_followers += 1;
            }
        }
        RunSummary {
            seed: game.seed(),
            kpis: game.kpis_live(),
            totals: game.brand().totals,
            weeks,
            reach_days: history.iter().map(|d| d.reach).sum(),
            posts: history.iter().map(|d| d.posts).sum(),
            shares: history.iter().map(|d| d.shares).sum(),
            complaints: history.iter().map(|d| d.complaints).sum(),
            people,
            bonded,
            warmed,
            tail: Tail::default(),
            contacts,
            actions,
            pushes_at_followers,
            budget_hours: game.scenario().hours_per_week * game.plans().len() as f64,
            ignored_unfollows: history.iter().map(|d| d.ignored_unfollows).sum(),
            market: Rivalry::of(game),
            split: Split::default(),
        }
    }

    // The per-run measures the claims and the verdicts share: one
    // definition each.

    /// Strong bonds at the end.
    pub fn strong(&self) -> f64 {
        self.final_week().strong as f64
    }

    /// Strong bonds gained over the run (may be negative).
    pub fn strong_gained(&self) -> f64 {
        self.strong() - self.weeks[0].strong as f64
    }

    /// Strong bonds per follower at the end (C16).
    pub fn bonds_per_follower(&self) -> f64 {
        self.strong() / self.final_week().followers.max(1) as f64
    }

    /// Strong bonds gained per hour spent, all kinds of hours (C18, C5).
    pub fn bonds_gained_per_hour(&self) -> f64 {
        self.strong_gained() / self.hours()
    }

    /// Strong bonds gained per week played (C13).
    pub fn bonds_gained_per_week(&self) -> f64 {
        self.strong_gained() / (self.weeks.len() - 1).max(1) as f64
    }

    /// Whether a figure of the network grew, week by week.
    fn grew_by_week(&self, figure: fn(&WeekSummary) -> u64) -> Vec<bool> {
        self.weeks
            .windows(2)
            .map(|w| figure(&w[1]) > figure(&w[0]))
            .collect()
    }

    /// The share of weeks in which a figure of the network grew (C13).
    pub fn share_of_weeks_growing(&self, figure: fn(&WeekSummary) -> u64) -> f64 {
        let grew = self.grew_by_week(figure);
        grew.iter().filter(|&&g| g).count() as f64 / grew.len().max(1) as f64
    }

    /// The share of the weeks from the first in which a figure of the
    /// network grew, that week included, in which it grew (C13's check): a
    /// strong bond needs several exchanges over days (C8), so the weeks
    /// before a network has begun are its start-up, not weeks in which it
    /// failed to grow. Never counted over fewer than half the game's weeks
    /// (a network begun in the last week has not been watched growing); 0
    /// if it never grew.
    pub fn share_of_weeks_growing_once_begun(&self, figure: fn(&WeekSummary) -> u64) -> f64 {
        let grew = self.grew_by_week(figure);
        match grew.iter().position(|&g| g) {
            Some(first) => {
                let since = &grew[first..];
                let counted = since.len().max(grew.len().div_ceil(2));
                since.iter().filter(|&&g| g).count() as f64 / counted as f64
            }
            None => 0.0,
        }
    }

    /// The shares of the hours spent on broadcasting and on conversation.
    pub fn broadcast_share(&self) -> f64 {
        self.kpis.hours.broadcast / self.hours()
    }

    pub fn conversation_share(&self) -> f64 {
        self.kpis.hours.conversation / self.hours()
    }

    /// Leads who bought, among leads warmed by conversation and the others.
    pub fn warmed_conversion(&self) -> f64 {
        self.people.warmed_buyers as f64 / self.people.warmed_leads.max(1) as f64
    }

    pub fn cold_conversion(&self) -> f64 {
        self.people.cold_buyers as f64 / self.people.cold_leads.max(1) as f64
    }

    /// Mean sentiment of commenters always answered, and of those ignored (C2).
    pub fn answered_sentiment(&self) -> f64 {
        self.people.answered_sentiment / self.people.answered_commenters.max(1) as f64
    }

    pub fn ignored_sentiment(&self) -> f64 {
        self.people.ignored_sentiment / self.people.ignored_commenters.max(1) as f64
    }

    /// How many actions of a kind the run played.
    pub fn played(&self, kind: ActionKind) -> u64 {
        self.actions[kind.index()]
    }

    /// Hours the run spent, all kinds together (never zero, to divide by).
    pub fn hours(&self) -> f64 {
        self.kpis.hours.total().max(1e-9)
    }

    /// How many of this run's bonded people are bonded in `other` too.
    pub fn shared_bonds(&self, other: &RunSummary) -> u64 {
        shared(&self.bonded, &other.bonded)
    }

    /// How many of this run's warmed people are warmed in `other` too.
    pub fn shared_warmed(&self, other: &RunSummary) -> u64 {
        shared(&self.warmed, &other.warmed)
    }

    pub fn final_week(&self) -> &WeekSummary {
        self.weeks.last().expect("a run has its starting week")
    }
}

/// How many people two sorted lists of people share.
fn shared(a: &[u32], b: &[u32]) -> u64 {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// One scenario, its seeds, and the runs of every arm asked for so far.
pub struct Trial {
    scenario: Arc<Scenario>,
    seeds: Vec<u64>,
    runs: Vec<(Arm, Arc<[RunSummary]>)>,
}

impl Trial {
    pub fn new(scenario: Arc<Scenario>, seeds: &[u64]) -> Trial {
        Trial {
            scenario,
            seeds: seeds.to_vec(),
            runs: Vec::new(),
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn seeds(&self) -> &[u64] {
        &self.seeds
    }

    /// The runs of an arm, one per seed in seed order; played the first
    /// time they are asked for.
    pub fn runs(&mut self, arm: Arm) -> Arc<[RunSummary]> {
        let arm = arm.canonical(&self.scenario);
        if let Some((_, runs)) = self.runs.iter().find(|(known, _)| *known == arm) {
            return Arc::clone(runs);
        }
        let scenario = &self.scenario;
        let runs: Arc<[RunSummary]> = self
            .seeds
            .par_iter()
            .map(|&seed| play_arm(scenario, arm, seed))
            .collect::<Vec<_>>()
            .into();
        self.runs.push((arm, Arc::clone(&runs)));
        runs
    }

    /// A measure of every run of an arm, in seed order.
    pub fn measure(&mut self, arm: Arm, f: impl Fn(&RunSummary) -> f64) -> Vec<f64> {
        self.runs(arm).iter().map(f).collect()
    }

    /// A measure of two arms' runs of the same seed, seed by seed.
    pub fn measure_pair(&mut self, a: Arm, b: Arm, f: impl Fn(&RunSummary, &RunSummary) -> f64) -> Vec<f64> {
        let (a, b) = (self.runs(a), self.runs(b));
        a.iter().zip(b.iter()).map(|(x, y)| f(x, y)).collect()
    }

    /// Every run played so far, arm by arm in the order first asked for.
    pub fn records(&self) -> Vec<RunRecord> {
        self.runs
            .iter()
            .flat_map(|(arm, runs)| {
                let name = arm.name(&self.scenario);
                runs.iter().map(move |run| RunRecord {
                    arm: name.clone(),
                    seed: run.seed,
                    kpis: run.kpis.clone(),
                })
            })
            .collect()
    }
}

/// Plays one arm on one seed to its end and sums it up. A built-in strategy
/// is then left alone for a quiet tail, to see who stays.
fn play_arm(scenario: &Arc<Scenario>, arm: Arm, seed: u64) -> RunSummary {
    match arm {
        Arm::Strategy(builtin) => with_quiet_tail(scenario, &arms::strategy(builtin), seed),
        Arm::Story => RunSummary::of(&play(Arc::clone(scenario), seed, &arms::story(scenario))),
        Arm::Fixed(plan, platform) => play_fixed(scenario, plan, platform, seed),
        Arm::Market(plan, platform, rivals) => {
            play_fixed(&arms::with_rivals(scenario, rivals), plan, platform, seed)
        }
        Arm::Versus(builtin, rivals) => play_versus(&arms::with_rivals(scenario, rivals), builtin, seed),
    }
}

/// A built-in strategy's game against the rivals, with the followers it
/// had at the turn followed to the end.
fn play_versus(scenario: &Arc<Scenario>, builtin: arms::Builtin, seed: u64) -> RunSummary {
    let strategy = arms::strategy(builtin);
    let turn = arms::story_turn(scenario);
    let mut game = Simulation::new(Arc::clone(scenario), seed);
    let mut at_turn = None;
    for week in 1..=scenario.weeks {
        if week == turn {
            at_turn = Some(AtTurn::of(&game));
        }
        let plan = strategy.plan_week(&game);
        if game.run_week(&plan).is_err() {
            let _ = game.run_week(&Default::default());
        }
    }
    let mut summary = RunSummary::of(&game);
    summary.split = at_turn.map(|t| t.split(&game)).unwrap_or_default();
    summary
}

/// A fixed plan's weeks on one platform.
fn play_fixed(scenario: &Arc<Scenario>, plan: arms::Plan, platform: u8, seed: u64) -> RunSummary {
    let mut game = Simulation::new(Arc::clone(scenario), seed);
    for index in 0..arms::fixed_weeks(scenario) {
        let week = arms::week_plan(&game, plan, platform, index);
        // A plan built to fit the week's hours and money is legal;
        // should one not be, the week is played empty rather than lost.
        if game.run_week(&week).is_err() {
            let _ = game.run_week(&Default::default());
        }
    }
    RunSummary::of(&game)
}

/// The strategy's game, summed up at its last week, then [`QUIET_TAIL_WEEKS`]
/// empty weeks in the same world (the scenario made longer; nothing else
/// differs, so the game itself is the one `play` gives).
fn with_quiet_tail(scenario: &Arc<Scenario>, strategy: &crate::sim::Strategy, seed: u64) -> RunSummary {
    let mut longer = (**scenario).clone();
    longer.weeks += QUIET_TAIL_WEEKS;
    let mut game = Simulation::new(Arc::new(longer), seed);
    for _ in 0..scenario.weeks {
        let plan = strategy.plan_week(&game);
        if game.run_week(&plan).is_err() {
            let _ = game.run_week(&Default::default());
        }
    }
    let mut summary = RunSummary::of(&game);
    let revenue_before = game.brand().totals.revenue;
    for _ in 0..QUIET_TAIL_WEEKS {
        let _ = game.run_week(&Default::default());
    }
    let latest = game.latest();
    summary.tail = Tail {
        customers: latest.stages[Stage::Customer as usize] + latest.stages[Stage::Advocate as usize],
        followers: latest.followers,
        revenue: game.brand().totals.revenue - revenue_before,
    };
    summary
}
