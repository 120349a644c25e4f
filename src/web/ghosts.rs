//! The built-in strategies' games on a scenario and seed (the ghosts the
//! verdicts judge a run against and the charts draw beside it), played
//! once per scenario and seed for every student of the server.

use crate::claims::ghosts::{Ghost, builtin_ghosts};
use crate::files::save::scenario_hash;
use crate::sim::Scenario;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Ghosts by scenario content and seed.
#[derive(Default)]
pub struct Cache {
    games: Mutex<BTreeMap<(String, u64), Arc<OnceLock<Arc<Vec<Ghost>>>>>>,
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
}
