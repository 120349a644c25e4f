//! Determinism guards. `tests/golden/state_hashes.txt` holds the state
//! hash after a whole game of every built-in scenario (its own size and
//! seed) with every built-in strategy. Any change to the model's results
//! shows here; the same hashes must come out at 1, 2 and 8 threads, and
//! in debug and release builds (CI runs this test in both).
//!
//! A change that moves the hashes must bump `MODEL_VERSION`, so that old
//! replays and saves say they were made by other rules. Then regenerate:
//! `RAPPORT_BLESS=1 cargo test golden`; blessing new hashes under the old
//! version is refused.

use super::common::strategy;
use rapport::files::builtin::{SCENARIOS, STRATEGIES, find_scenario};
use rapport::sim::{MODEL_VERSION, play};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

const GOLDEN_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/state_hashes.txt");

struct Golden {
    model_version: u32,
    hashes: BTreeMap<(String, String), String>,
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

fn write_golden(hashes: &BTreeMap<(String, String), String>) {
    let mut text = String::from(
        "# The state hash after a whole game of each built-in scenario (its own\n\
         # size and seed) with each built-in strategy. Written by\n\
         # `RAPPORT_BLESS=1 cargo test golden`, only after MODEL_VERSION changed.\n",
    );
    text.push_str(&format!("model_version {MODEL_VERSION}\n"));
    // In the order of the built-in lists, as a reader expects.
    for (scenario, _) in SCENARIOS {
        for (strategy, _) in STRATEGIES {
            let hash = &hashes[&(scenario.to_string(), strategy.to_string())];
            text.push_str(&format!("{scenario} {strategy} {hash}\n"));
        }
    }
    std::fs::create_dir_all(std::path::Path::new(GOLDEN_PATH).parent().unwrap()).unwrap();
    std::fs::write(GOLDEN_PATH, text).unwrap();
}

/// Every built-in game, played with `threads` threads each.
fn hashes_at(threads: usize) -> BTreeMap<(String, String), String> {
    let games: Vec<(&str, &str)> = SCENARIOS
        .iter()
        .flat_map(|(scenario, _)| STRATEGIES.iter().map(move |(strategy, _)| (*scenario, *strategy)))
        .collect();
    games
        .par_iter()
        .map(|&(scenario_id, strategy_id)| {
            let scenario = Arc::new(find_scenario(scenario_id).unwrap());
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let seed = scenario.seed;
            let game = pool.install(|| play(scenario, seed, &strategy(strategy_id)));
            (
                (scenario_id.to_string(), strategy_id.to_string()),
                format!("{:016x}", game.state_hash()),
            )
        })
        .collect()
}

#[test]
fn every_built_in_game_matches_its_golden_hash_at_1_2_and_8_threads() {
    let golden = read_golden();
    let one = hashes_at(1);
    if std::env::var("RAPPORT_BLESS").is_ok_and(|v| v == "1") {
        let moved = golden.hashes != one;
        assert!(
            !moved || golden.model_version != MODEL_VERSION,
            "the model's results changed but MODEL_VERSION is still {MODEL_VERSION}: bump it \
             (src/sim/world.rs) so old replays and saves say why they differ, then bless again"
        );
        write_golden(&one);
        println!(
            "wrote {} golden hashes for model version {MODEL_VERSION}",
            one.len()
        );
        return;
    }
    assert_eq!(
        golden.model_version, MODEL_VERSION,
        "MODEL_VERSION is {MODEL_VERSION} but the golden hashes are of version {}: regenerate them \
         with `RAPPORT_BLESS=1 cargo test golden`",
        golden.model_version
    );
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
        assert_eq!(hashes_at(threads), one, "the hashes differ at {threads} threads");
    }
    println!(
        "{} golden hashes match at 1, 2 and 8 threads ({} build)",
        one.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
}
