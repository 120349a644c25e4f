//! Long runs. Games of 1,000 simulated weeks at full scale (ten times the
//! longest a scenario file may ask for) with a random legal plan every week, in a
//! child process of their own so its memory can be measured: no panic, no
//! NaN, the model's invariants after every week, and memory that does not
//! grow beyond the game's record of its own history.
//!
//! The games last 1,000 weeks at `RAPPORT_TEST_SCALE=full` and 200 at the
//! default quick scale (see `common`), still twice the longest scenario
//! and long enough to watch the state from week 100 on;
//! `RAPPORT_SOAK_WEEKS` sets the length outright.

use super::alloc::live_bytes;
use super::common::{check_invariants, child_test, random_plan, scenario, sized, stderr, stdout};
use rapport::sim::{DayMetrics, PlannedAction, Rng, Simulation, Stream, WeekPlan};
use std::mem::MaybeUninit;
use std::sync::Arc;

/// Scenarios soaked: a visual shop with a viral trend, a review storm, and
/// one with a real ad budget.
const SOAKED: [&str; 3] = ["corner_bakery", "review_storm", "flash_sale"];
const AGENTS: u32 = 10_000;

/// Bytes the game's own record holds: the daily metrics, the plans and
/// the weekly hashes. These grow with the game by design.
fn record_bytes(game: &Simulation) -> i64 {
    let plans: usize = game
        .plans()
        .iter()
        .map(|p| p.actions.capacity() * size_of::<PlannedAction>())
        .sum();
    (pushed_capacity::<DayMetrics>(game.history().len()) * size_of::<DayMetrics>()
        + pushed_capacity::<WeekPlan>(game.plans().len()) * size_of::<WeekPlan>()
        + plans
        + pushed_capacity::<u64>(game.week_hashes().len()) * size_of::<u64>()) as i64
}

/// The capacity a `Vec<T>` has after `len` pushes from empty, as the
/// model's record grows (it pushes a day, a plan, a hash at a time). The
/// model shows only slices, so the test grows a vector of the same element
/// size the same way and asks it (the soak reads live memory first).
fn pushed_capacity<T>(len: usize) -> usize {
    let mut grown: Vec<MaybeUninit<T>> = Vec::new();
    for _ in 0..len {
        grown.push(MaybeUninit::uninit());
    }
    grown.capacity()
}

/// Resident memory of this process, where the system tells it.
fn resident_bytes() -> i64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<i64>().ok())
        .map_or(-1, |pages| pages * 4096)
}

fn weeks() -> u32 {
    sized("RAPPORT_SOAK_WEEKS", 200, 1000) as u32
}

/// The soaked game, run alone in a child process by the test below;
/// prints one line of measurements every 50 weeks.
#[test]
#[ignore = "the child process of the soak test"]
fn soak_child() {
    let Ok(id) = std::env::var("RAPPORT_SOAK_SCENARIO") else {
        return;
    };
    let mut long = scenario(&id).with_agents(AGENTS);
    long.weeks = weeks();
    let mut game = Simulation::new(Arc::new(long), 4242);
    let mut rng = Rng::keyed(4242, Stream::Events, 3, 0);
    for week in 1..=weeks() {
        let plan = random_plan(&game, &mut rng);
        let before = game.latest().followers;
        game.run_week(&plan).unwrap();
        if let Err(problem) = check_invariants(&game, before) {
            panic!("week {week}: {problem}");
        }
        if week % 50 == 0 {
            println!(
                "SOAK week {week} live {} record {} resident {}",
                live_bytes(),
                record_bytes(&game),
                resident_bytes()
            );
        }
    }
}

struct Sample {
    week: i64,
    live: i64,
    record: i64,
    resident: i64,
}

fn soak(id: &str) -> Vec<Sample> {
    let output = child_test("suite::soak::soak_child")
        .env("RAPPORT_SOAK_SCENARIO", id)
        .output()
        .unwrap();
    let printed = stdout(&output);
    assert!(output.status.success(), "{id}: {}\n{printed}", stderr(&output));
    printed
        .lines()
        // The test harness may print its own words before the first line.
        .filter_map(|line| line.split_once("SOAK ").map(|(_, rest)| rest))
        .map(|line| {
            let n: Vec<i64> = line
                .split_whitespace()
                .skip(1)
                .step_by(2)
                .map(|w| w.parse().unwrap())
                .collect();
            Sample {
                week: n[0],
                live: n[1],
                record: n[2],
                resident: n[3],
            }
        })
        .collect()
}

#[test]
fn a_thousand_weeks_of_random_plans_keep_the_model_sound_in_flat_memory() {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let runs: Vec<(&str, Vec<Sample>)> = SOAKED.par_iter().map(|id| (*id, soak(id))).collect();
    for (id, samples) in &runs {
        assert_eq!(
            samples.len() as u32,
            weeks() / 50,
            "{id}: a week was not reported"
        );
        // From week 100 on, the model's state (everyone's values, the
        // graph, the queues) must not grow: only the record of the game.
        let first = samples.iter().find(|s| s.week == 100).unwrap();
        let last = samples.last().unwrap();
        let state_growth = (last.live - last.record) - (first.live - first.record);
        let record_growth = last.record - first.record;
        println!(
            "{id}: {} weeks of {AGENTS} people; state {:.2} MB at week 100, grew {} bytes by week {}; \
             the record grew {:.2} MB; resident {:.1} MB -> {:.1} MB",
            last.week,
            (first.live - first.record) as f64 / 1e6,
            state_growth,
            last.week,
            record_growth as f64 / 1e6,
            first.resident as f64 / 1e6,
            last.resident as f64 / 1e6
        );
        // It may shrink (the calendar of visits holds fewer people near the
        // game's end); it must not grow beyond the sums kept by day (16
        // bytes a day).
        assert!(
            state_growth < 256 << 10,
            "{id}: the state grew {state_growth} bytes"
        );
        if first.resident > 0 {
            let resident_growth = last.resident - first.resident;
            assert!(
                resident_growth < record_growth + (8 << 20),
                "{id}: resident memory grew {resident_growth} bytes, the record {record_growth}"
            );
        }
    }
    println!("soak: {:.1} s", started.elapsed().as_secs_f64());
}
