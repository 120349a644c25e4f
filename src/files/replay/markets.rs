//! The replay of a class game in teams: one file for the whole class, each
//! market with its teams' plans of every week and the market's state after
//! every week. `verify` re-plays every market and names the market (and the
//! team, where it can tell) that does not match.

use super::super::load::{Check, LoadError, check_hash};
use super::super::save::scenario_hash;
use super::{Mismatch, Replay, ReplayMarket, ReplayTeam, edited_kpi, hex, played_scenario};
use crate::sim::{
    MAX_ACTIONS_PER_WEEK, MAX_BRANDS, MODEL_VERSION, ReplayFailure, Replaying, Scenario, Simulation, WeekPlan,
};
use std::sync::Arc;

/// Most markets a class replay holds (a class of 600 teams).
pub const MAX_MARKETS: usize = 100;

/// The replay of a class game so far: `games` are its markets, each played
/// by its teams (brands `0..players()`), all on the same scenario and seed.
/// `class` is the class's name (the replay's `player`). `None` without a
/// market.
pub fn class_replay(games: &[Simulation], scenario_source: &str, class: &str) -> Option<Replay> {
    let first = games.first()?;
    let markets: Vec<ReplayMarket> = games.iter().map(market_of).collect();
    Some(
        Replay {
            version: super::super::load::FORMAT_VERSION,
            game_version: env!("CARGO_PKG_VERSION").to_string(),
            model_version: MODEL_VERSION,
            player: class.to_string(),
            class_code: String::new(),
            parent: None,
            scenario: scenario_source.to_string(),
            scenario_hash: scenario_hash(first.scenario()),
            agents: first.scenario().agents,
            seed: first.seed(),
            start_hash: markets[0].start_hash.clone(),
            weeks: Vec::new(),
            kpis: first.kpis(),
            markets,
            seal: None,
        }
        .sealed(),
    )
}

fn market_of(game: &Simulation) -> ReplayMarket {
    let teams = (0..game.players())
        .filter_map(|b| {
            let side = game.brand_side(b)?;
            Some(ReplayTeam {
                name: game.brand_name(b).to_string(),
                weeks: side.plans().iter().map(|p| p.actions.clone()).collect(),
                kpis: side.kpis(),
            })
        })
        .collect();
    let hashes = game.week_hashes();
    ReplayMarket {
        teams,
        start_hash: hex(hashes.first().copied().unwrap_or_default()),
        week_hashes: hashes.iter().skip(1).map(|&h| hex(h)).collect(),
    }
}

/// The checks of a class replay's shape, as `parse_replay` makes them.
pub(super) fn check_class(check: &Check, replay: &Replay) -> Result<(), LoadError> {
    check.text("player", &replay.player, 200)?;
    check.text("scenario", &replay.scenario, 4096)?;
    super::super::scenario::check_agents(check, "agents", replay.agents)?;
    check_hash(check, "scenario_hash", &replay.scenario_hash)?;
    check_hash(check, "start_hash", &replay.start_hash)?;
    check_hash(check, "kpis.state_hash", &replay.kpis.state_hash)?;
    if replay.parent.is_some() {
        return check.fail("parent", "a class game is not a branch of another game");
    }
    check.count("weeks", replay.weeks.len(), 0, 0)?;
    check.count("markets", replay.markets.len(), 1, MAX_MARKETS)?;
    let weeks = replay.markets[0].week_hashes.len();
    check.count(
        "markets[0].week_hashes",
        weeks,
        0,
        super::super::scenario::MAX_WEEKS as usize,
    )?;
    for (m, market) in replay.markets.iter().enumerate() {
        check.count(format!("markets[{m}].teams"), market.teams.len(), 1, MAX_BRANDS)?;
        check_hash(check, format!("markets[{m}].start_hash"), &market.start_hash)?;
        check.count(
            format!("markets[{m}].week_hashes"),
            market.week_hashes.len(),
            weeks,
            weeks,
        )?;
        for (w, hash) in market.week_hashes.iter().enumerate() {
            check_hash(check, format!("markets[{m}].week_hashes[{w}]"), hash)?;
        }
        for (t, team) in market.teams.iter().enumerate() {
            let field = format!("markets[{m}].teams[{t}]");
            check.text(format!("{field}.name"), &team.name, 200)?;
            check.count(format!("{field}.weeks"), team.weeks.len(), weeks, weeks)?;
            for (w, plan) in team.weeks.iter().enumerate() {
                check.count(format!("{field}.weeks[{w}]"), plan.len(), 0, MAX_ACTIONS_PER_WEEK)?;
            }
            check_hash(check, format!("{field}.kpis.state_hash"), &team.kpis.state_hash)?;
        }
    }
    Ok(())
}

/// Re-simulates every market of a class replay on the scenario it names.
pub fn verify_markets(replay: &Replay) -> Result<Vec<Simulation>, Mismatch> {
    let scenario = super::super::builtin::find_scenario(&replay.scenario)
        .map_err(|e| Mismatch::Scenario(e.to_string()))?;
    verify_markets_against(replay, &scenario)
}

/// Re-simulates every market of a class replay on a given scenario; on
/// success gives every market's finished game, market 1 first.
pub fn verify_markets_against(replay: &Replay, scenario: &Scenario) -> Result<Vec<Simulation>, Mismatch> {
    if !replay.is_class() {
        return Err(Mismatch::Broken("not the replay of a class game".into()));
    }
    let scenario = Arc::new(played_scenario(replay, scenario)?);
    let played = replay.markets[0].week_hashes.len();
    if played != scenario.weeks as usize {
        return Err(Mismatch::Unfinished {
            played,
            weeks: scenario.weeks,
        });
    }
    let games = replay
        .markets
        .iter()
        .enumerate()
        .map(|(m, market)| verify_market(replay, &scenario, m + 1, market))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(field) = edited_kpi(&replay.kpis, &games[0].kpis()) {
        return Err(Mismatch::Kpis { field });
    }
    super::seal::check_seal(replay)?;
    Ok(games)
}

/// Re-plays one market (`market` counts from 1).
fn verify_market(
    replay: &Replay,
    scenario: &Arc<Scenario>,
    market: usize,
    recorded: &ReplayMarket,
) -> Result<Simulation, Mismatch> {
    let names: Vec<String> = recorded.teams.iter().map(|t| t.name.clone()).collect();
    let weeks = (0..recorded.week_hashes.len())
        .map(|w| {
            recorded
                .teams
                .iter()
                .map(|t| {
                    t.weeks.get(w).map(|actions| WeekPlan {
                        actions: actions.clone(),
                    })
                })
                .collect::<Option<Vec<WeekPlan>>>()
                .ok_or_else(|| {
                    Mismatch::Broken(format!("market {market}: a team's week {} is missing", w + 1))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let hashes = super::recorded_hashes(&recorded.start_hash, recorded.week_hashes.iter())?;
    let game =
        Simulation::replay(Replaying::market(scenario, replay.seed, &names, &weeks).expecting(&hashes))
            .map_err(|stop| match stop.reason {
                ReplayFailure::Setup(e) => Mismatch::Broken(format!("market {market}: {e}")),
                ReplayFailure::Start => Mismatch::MarketStart { market },
                ReplayFailure::IllegalPlan(reason) => Mismatch::IllegalTeamPlan {
                    market,
                    week: stop.week,
                    reason,
                },
                ReplayFailure::StateDiffers => Mismatch::MarketPlan {
                    market,
                    week: stop.week,
                    teams: team_list(&names),
                },
            })?;
    for (b, team) in recorded.teams.iter().enumerate() {
        let Some(side) = game.brand_side(b) else {
            continue;
        };
        if let Some(field) = edited_kpi(&team.kpis, &side.kpis()) {
            return Err(Mismatch::TeamKpis {
                market,
                team: team.name.clone(),
                field,
            });
        }
    }
    Ok(game)
}

/// "`A`", "`A` or `B`", "one of `A`, `B` or `C`".
fn team_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => "a team".into(),
        [one] => one.clone(),
        [rest @ .., last] if rest.len() == 1 => format!("{} or {last}", rest[0]),
        [rest @ .., last] => format!("one of {} or {last}", rest.join(", ")),
    }
}
