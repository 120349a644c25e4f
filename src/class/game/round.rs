//! Playing a class game's rounds: every market re-played from the plans of
//! the rounds closed (deterministic, and cheap at a class's size), the new
//! round played on, and what each team is told about it.

use super::folder::{ClassFile, ClassRank, ClosedRound, RoundStandings};
use crate::claims::verdict::claims_of_week;
use crate::class::{ClassError, TeamReport};
pub use crate::report::market::held_shares;
use crate::report::narrative::notable_events;
use crate::report::weekly::weekly_rows;
use crate::sim::{ReplayFailure, Replaying, Scenario, Simulation, Standing, WeekPlan};
use crate::text::percent;
use std::sync::Arc;

/// Every market of the class at its start.
pub fn start_markets(scenario: &Arc<Scenario>, class: &ClassFile) -> Result<Vec<Simulation>, ClassError> {
    class
        .markets
        .iter()
        .enumerate()
        .map(|(m, teams)| {
            let names: Vec<String> = teams.iter().map(|t| t.name.clone()).collect();
            Simulation::with_players(Arc::clone(scenario), class.seed, &names)
                .map_err(|e| ClassError::Refused(format!("market {}: {e}", m + 1)))
        })
        .collect()
}

/// Every market played through the closed rounds, each checked against the
/// state the round recorded.
pub fn replay_markets(
    scenario: &Arc<Scenario>,
    class: &ClassFile,
    rounds: &[ClosedRound],
) -> Result<Vec<Simulation>, ClassError> {
    class
        .markets
        .iter()
        .enumerate()
        .map(|(m, teams)| {
            let names: Vec<String> = teams.iter().map(|t| t.name.clone()).collect();
            let weeks: Vec<Vec<WeekPlan>> = rounds
                .iter()
                .map(|round| {
                    round
                        .plans
                        .get(m)
                        .map(|plans| {
                            plans
                                .iter()
                                .map(|actions| WeekPlan {
                                    actions: actions.clone(),
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect();
            let hashes = rounds
                .iter()
                .map(|round| {
                    round
                        .state_hashes
                        .get(m)
                        .and_then(|hash| u64::from_str_radix(hash, 16).ok())
                        .ok_or_else(|| changed(round.week, m))
                })
                .collect::<Result<Vec<u64>, ClassError>>()?;
            Simulation::replay(
                Replaying::market(scenario, class.seed, &names, &weeks).expecting_after_weeks(&hashes),
            )
            .map_err(|stop| match stop.reason {
                ReplayFailure::Setup(e) => ClassError::Refused(format!("market {}: {e}", m + 1)),
                ReplayFailure::StateDiffers | ReplayFailure::Start => changed(stop.week as u32, m),
                ReplayFailure::IllegalPlan(e) => {
                    ClassError::Broken(format!("market {}, week {}: {e}", m + 1, stop.week))
                }
            })
        })
        .collect()
}

/// Week `week` of market `m` (from 0) no longer plays as recorded.
fn changed(week: u32, m: usize) -> ClassError {
    ClassError::Broken(format!(
        "week {week} of market {} no longer plays as it was recorded in rounds.ron \
         (the scenario or the game changed since)",
        m + 1
    ))
}

/// Plays one week in every market, with a plan per team (market by market,
/// in brand order).
pub fn play_round(games: &mut [Simulation], plans: &[Vec<WeekPlan>]) -> Result<(), ClassError> {
    if plans.len() != games.len() {
        return Err(ClassError::Broken(format!(
            "{} markets' plans for {} markets",
            plans.len(),
            games.len()
        )));
    }
    for (m, (game, plans)) in games.iter_mut().zip(plans).enumerate() {
        game.run_market_week(plans)
            .map_err(|e| ClassError::Broken(format!("market {}, week {}: {e}", m + 1, game.week() + 1)))?;
    }
    Ok(())
}

/// The standings of every market after the week just played, and the
/// class's ranking of teams by their market score.
pub fn standings_of(games: &[Simulation], weeks: u32) -> RoundStandings {
    let markets: Vec<_> = games.iter().map(Simulation::standings).collect();
    let mut class: Vec<ClassRank> = markets
        .iter()
        .enumerate()
        .flat_map(|(m, standings)| {
            let held = held_shares(standings);
            standings
                .iter()
                .filter(|s| s.role == crate::sim::BrandRole::Player)
                .map(move |s| ClassRank {
                    rank: 0,
                    team: s.name.clone(),
                    market: m + 1,
                    market_rank: s.rank,
                    score: held(s).score(),
                })
        })
        .collect();
    // Ties go to the earlier market, then the better rank in it: stable.
    class.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.market.cmp(&b.market))
            .then(a.market_rank.cmp(&b.market_rank))
    });
    for (rank, line) in class.iter_mut().enumerate() {
        line.rank = rank + 1;
    }
    RoundStandings {
        week: games.first().map_or(0, Simulation::week),
        weeks,
        markets,
        class,
    }
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Where a brand stands in its market, in a sentence: its place, those
/// level with it, and its shares of what the market has (a share of
/// nothing is not a share).
fn place_line(own: &Standing, market: &[Standing], number: usize) -> String {
    let level: Vec<&str> = market
        .iter()
        .filter(|s| s.brand != own.brand && s.shares == own.shares)
        .map(|s| s.name.as_str())
        .collect();
    let mut line = format!(
        "You are {} of {} brands in market {number}",
        ordinal(own.rank),
        market.len()
    );
    if !level.is_empty() {
        line.push_str(&format!(" (level with {})", and_list(&level)));
    }
    let totals: [(f64, u64, &str); 3] = [
        (
            own.shares.followers,
            market.iter().map(|s| s.followers).sum(),
            "followers",
        ),
        (
            own.shares.customers,
            market.iter().map(|s| s.customers).sum(),
            "customers",
        ),
        (
            own.shares.strong,
            market.iter().map(|s| s.strong_relationships).sum(),
            "strong relationships",
        ),
    ];
    let held: Vec<String> = totals
        .iter()
        .filter(|(_, total, _)| *total > 0)
        .map(|(share, _, what)| format!("{} of its {what}", percent(*share)))
        .collect();
    let none: Vec<&str> = totals
        .iter()
        .filter(|(_, total, _)| *total == 0)
        .map(|(_, _, what)| *what)
        .collect();
    if !held.is_empty() {
        line.push_str(&format!(", with {}", and_list(&held)));
    }
    if !none.is_empty() {
        line.push_str(&format!("; no brand has {} yet", or_list(&none)));
    }
    line.push('.');
    line
}

fn joined<T: AsRef<str>>(items: &[T], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} {word} {}",
            rest.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "),
            last.as_ref()
        ),
    }
}

fn and_list<T: AsRef<str>>(items: &[T]) -> String {
    joined(items, "and")
}

fn or_list<T: AsRef<str>>(items: &[T]) -> String {
    joined(items, "or")
}

/// Team `brand` of market `market` (from 1): its report of the week just
/// played, from its own side of the market only.
pub fn team_report(
    game: &Simulation,
    market: usize,
    brand: usize,
    standings: &RoundStandings,
    missing: bool,
) -> Result<TeamReport, ClassError> {
    let side = game
        .brand_side(brand)
        .ok_or_else(|| ClassError::Broken(format!("market {market} has no brand {brand}")))?;
    let name = game.brand_name(brand).to_string();
    let market_standings = standings.markets.get(market - 1).cloned().unwrap_or_default();
    let mut lines = Vec::new();
    if missing {
        lines.push(
            "No plan was handed in for this week, so your brand did nothing: an empty week.".to_string(),
        );
    }
    if let Some(own) = market_standings.iter().find(|s| s.brand == brand) {
        lines.push(place_line(own, &market_standings, market));
    }
    if let Some(rank) = standings.class.iter().find(|r| r.team == name) {
        lines.push(format!(
            "Across the class you are {} of {} teams by market share (the mean of your three shares, {}).",
            ordinal(rank.rank),
            standings.class.len(),
            percent(rank.score)
        ));
    }
    let rows = weekly_rows(side.history());
    if let Some(row) = rows.last() {
        lines.extend(notable_events(row));
        lines.extend(claims_of_week(
            row,
            rows.len().checked_sub(2).map(|i| &rows[i]),
            side.scenario(),
        ));
    }
    Ok(TeamReport {
        team: name,
        week: game.week(),
        weeks: game.scenario().weeks,
        kpis: side.kpis(),
        shares: side.shares(),
        standings: market_standings,
        lines,
        plan: side.plans().last().cloned().unwrap_or_default(),
    })
}
