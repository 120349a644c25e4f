//! The built-in strategies' games on a scenario and seed (the ghosts the
//! verdicts judge a run against and the charts draw beside it), played
//! once per scenario and seed for every student of the server; and the
//! advice of a finished game, whose changes are played once per game.

use crate::claims::ghosts::{Ghost, builtin_ghosts};
use crate::claims::verdict::{Advice, advise};
use crate::files::save::scenario_hash;
use crate::sim::{Scenario, Simulation};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Ghosts by scenario content and seed.
#[derive(Default)]
pub struct Cache {
    games: Mutex<BTreeMap<(String, u64), Arc<OnceLock<Arc<Vec<Ghost>>>>>>,
    /// Advice by scenario content, seed and the state hash after the game's
    /// last week: one game's plans.
    advice: Mutex<BTreeMap<(String, u64, u64), Arc<OnceLock<Arc<Vec<Advice>>>>>>,
}

impl Cache {
    /// The ghosts of `scenario` on `seed`: played by the first caller,
    /// waited for by the others.
    pub fn of(&self, scenario: &Arc<Scenario>, seed: u64) -> Arc<Vec<Ghost>> {
        let slot = {
            let mut games = self.games.lock().unwrap_or_else(|p| p.into_inner());
            games.entry((scenario_hash(scenario), seed)).or_default().clone()
        };
        slot.get_or_init(|| Arc::new(builtin_ghosts(Arc::clone(scenario), seed, &|_, _| {})))
            .clone()
    }

    /// The advice for a finished game, judged against `ghosts`: its changes
    /// played by the first caller, kept for the next.
    pub fn advice_of(&self, game: &Simulation, ghosts: &[Ghost]) -> Arc<Vec<Advice>> {
        let key = (
            scenario_hash(game.scenario()),
            game.seed(),
            game.week_hashes().last().copied().unwrap_or_default(),
        );
        let slot = {
            let mut advice = self.advice.lock().unwrap_or_else(|p| p.into_inner());
            advice.entry(key).or_default().clone()
        };
        slot.get_or_init(|| Arc::new(advise(game, ghosts))).clone()
    }
}
