//! Determinism guards. `tests/golden/state_hashes.txt` holds the state
//! hash after a whole game of every built-in scenario (its own size and
//! seed) with every built-in strategy. Any change to the model's results
//! shows here; the same hashes must come out at 1, 2 and 8 threads, and
//! in debug and release builds (CI runs this test in both).
//!
//! At the default quick scale (see `common`) the largest scenarios are
//! played at a smaller size ([`QUICK_AGENTS`]), whose hashes the file holds
//! too, under `id@people`; `RAPPORT_TEST_SCALE=full` plays every scenario at
//! its own size (`national_brand` at a million people).
//!
//! A change that moves the hashes must bump `MODEL_VERSION`, so that old
//! replays and saves say they were made by other rules. Then regenerate:
//! `RAPPORT_BLESS=1 cargo test golden` (it writes both sizes); blessing new
//! hashes under the old version is refused.

use super::common::{Scale, scale, strategy, thread_pool};
use rapport::files::builtin::{SCENARIOS, STRATEGIES, find_scenario};
use rapport::sim::{MODEL_VERSION, play};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

const GOLDEN_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/state_hashes.txt");

/// Scenarios played at a smaller audience at the quick scale, and that size.
const QUICK_AGENTS: &[(&str, u32)] = &[("national_brand", 100_000)];

/// A built-in game: the scenario's id (with `@people` when it is resized)
/// and the strategy's.
type Game = (String, String);

/// The built-in games at a scale, in the order of the built-in lists: each
/// with its key in the golden file, its scenario id and its audience size
/// (`None`: the scenario's own).
fn games(scale: Scale) -> Vec<(Game, &'static str, Option<u32>)> {
    let mut games = Vec::new();
    for (scenario, _) in SCENARIOS {
        let agents = match scale {
            Scale::Quick => QUICK_AGENTS
                .iter()
                .find(|(id, _)| id == scenario)
                .map(|&(_, agents)| agents),
            Scale::Full => None,
        };
        let key = match agents {
            Some(agents) => format!("{scenario}@{agents}"),
            None => scenario.to_string(),
        };
        for (strategy, _) in STRATEGIES {
            games.push(((key.clone(), strategy.to_string()), *scenario, agents));
        }
    }
    games
}

struct Golden {
    model_version: u32,
    hashes: BTreeMap<Game, String>,
}

fn read_golden() -> Golden {
    let text = std::fs::read_to_string(GOLDEN_PATH).unwrap_or_default();
    let mut golden = Golden {
        model_version: 0,
        hashes: BTreeMap::new(),
    };
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["model_version", version] => golden.model_version = version.parse().unwrap(),
            [scenario, strategy, hash] => {
                golden
                    .hashes
                    .insert((scenario.to_string(), strategy.to_string()), hash.to_string());
            }
            _ => panic!("{GOLDEN_PATH}: cannot read the line `{line}`"),
        }
    }
    golden
}

fn write_golden(hashes: &BTreeMap<Game, String>) {
    let mut text = String::from(
        "# The state hash after a whole game of each built-in scenario (its own\n\
         # size and seed) with each built-in strategy; `id@people` lines are the\n\
         # scenario resized to that audience (the quick scale of the tests).\n\
         # Written by `RAPPORT_BLESS=1 cargo test golden`, only after\n\
         # MODEL_VERSION changed.\n",
    );
    text.push_str(&format!("model_version {MODEL_VERSION}\n"));
    // In the order of the built-in lists, as a reader expects.
    for scale in [Scale::Full, Scale::Quick] {
        for (game, ..) in games(scale) {
            if scale == Scale::Quick && !game.0.contains('@') {
                continue;
            }
            let (scenario, strategy) = &game;
            text.push_str(&format!("{scenario} {strategy} {}\n", hashes[&game]));
        }
    }
    std::fs::create_dir_all(std::path::Path::new(GOLDEN_PATH).parent().unwrap()).unwrap();
    std::fs::write(GOLDEN_PATH, text).unwrap();
}

/// Every built-in game at a scale, played with `threads` threads each.
fn hashes_at(scale: Scale, threads: usize) -> BTreeMap<Game, String> {
    games(scale)
        .into_par_iter()
        .map(|(game, scenario_id, agents)| {
            let scenario = find_scenario(scenario_id).unwrap();
            let scenario = Arc::new(match agents {
                Some(agents) => scenario.with_agents(agents),
                None => scenario,
            });
            let seed = scenario.seed;
            let played = thread_pool(threads).install(|| play(scenario, seed, &strategy(&game.1)));
            (game, format!("{:016x}", played.state_hash()))
        })
        .collect()
}

#[test]
fn every_built_in_game_matches_its_golden_hash_at_1_2_and_8_threads() {
    let golden = read_golden();
    if std::env::var("RAPPORT_BLESS").is_ok_and(|v| v == "1") {
        let mut blessed = hashes_at(Scale::Full, 1);
        blessed.extend(hashes_at(Scale::Quick, 1));
        // New games (a new scenario) may be added under the same version;
        // a game whose hash moved may not.
        let moved = golden
            .hashes
            .iter()
            .any(|(game, hash)| blessed.get(game).is_some_and(|new| new != hash));
        assert!(
            !moved || golden.model_version != MODEL_VERSION,
            "the model's results changed but MODEL_VERSION is still {MODEL_VERSION}: bump it \
             (src/sim/world.rs) so old replays and saves say why they differ, then bless again"
        );
        write_golden(&blessed);
        println!(
            "wrote {} golden hashes for model version {MODEL_VERSION}",
            blessed.len()
        );
        return;
    }
    assert_eq!(
        golden.model_version, MODEL_VERSION,
        "MODEL_VERSION is {MODEL_VERSION} but the golden hashes are of version {}: regenerate them \
         with `RAPPORT_BLESS=1 cargo test golden`",
        golden.model_version
    );
    // The file keeps both sizes, whichever this run plays.
    for scale in [Scale::Full, Scale::Quick] {
        for (game, ..) in games(scale) {
            assert!(
                golden.hashes.contains_key(&game),
                "{GOLDEN_PATH} has no hash for {} {}",
                game.0,
                game.1
            );
        }
    }
    let scale = scale();
    let one = hashes_at(scale, 1);
    let differ: Vec<String> = one
        .iter()
        .filter_map(|(game, hash)| {
            let golden_hash = golden.hashes.get(game);
            (golden_hash != Some(hash)).then(|| {
                let (scenario, strategy) = game;
                let golden_hash = golden_hash.map_or("none", String::as_str);
                format!("{scenario} {strategy}: {hash}, golden {golden_hash}")
            })
        })
        .collect();
    assert!(
        differ.is_empty(),
        "the model's results changed:\n  {}\nIf that is meant, bump MODEL_VERSION and run \
         `RAPPORT_BLESS=1 cargo test golden`.",
        differ.join("\n  ")
    );
    assert_eq!(one.len(), SCENARIOS.len() * STRATEGIES.len());
    for threads in [2, 8] {
        assert_eq!(
            hashes_at(scale, threads),
            one,
            "the hashes differ at {threads} threads"
        );
    }
    println!(
        "{} golden hashes ({scale:?} scale) match at 1, 2 and 8 threads ({} build)",
        one.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
}
