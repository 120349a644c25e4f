//! Helpers shared by the test modules, defined once, and the one knob that
//! sizes the suite.
//!
//! **`RAPPORT_TEST_SCALE`** sizes the long runs. `quick` (the default) keeps
//! every check but at a size at which the whole `cargo test` finishes in well
//! under a minute on two cores: 12,000 hostile inputs, 100-week soaks, 20
//! kills of a writer per kind of file, and the golden hashes with
//! `national_brand` at 100,000 people. `full` (what CI runs) restores the full
//! sizes: 120,000 hostile inputs, 1,000-week soaks, 60 kills per kind and
//! the golden hashes at a million people. Any other value is refused.
//! The per-test variables `RAPPORT_FUZZ_CASES`, `RAPPORT_SOAK_WEEKS` and
//! `RAPPORT_KILLS` still override the one size each.

use rapport::files::builtin::{SCENARIOS, STRATEGIES, find_scenario, find_strategy};
use rapport::report::stats::{Interval, interval};
use rapport::sim::play;
use rapport::sim::{
    ActionKind, ContentType, ModelParams, PlannedAction, Rng, Scenario, Simulation, Stage, Strategy, Target,
    WeekPlan,
};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::OnceLock;

/// How large the long runs are (see the module's documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Quick,
    Full,
}

/// The scale `RAPPORT_TEST_SCALE` asks for; `quick` when it is not set.
pub fn scale() -> Scale {
    static SCALE: OnceLock<Scale> = OnceLock::new();
    *SCALE.get_or_init(|| match std::env::var("RAPPORT_TEST_SCALE").as_deref() {
        Err(_) | Ok("" | "quick") => Scale::Quick,
        Ok("full") => Scale::Full,
        // A typo must not quietly run the small suite in CI.
        Ok(other) => panic!("RAPPORT_TEST_SCALE is `{other}`; expected `quick` (the default) or `full`"),
    })
}

/// The size of a long run: the per-test variable `name` when it is set,
/// else `quick` or `full` by the scale.
pub fn sized(name: &str, quick: u64, full: u64) -> u64 {
    let default = match scale() {
        Scale::Quick => quick,
        Scale::Full => full,
    };
    env_number(name, default)
}

pub fn scenario(id: &str) -> Scenario {
    find_scenario(id).unwrap_or_else(|e| panic!("{e}"))
}

/// The text of a built-in scenario file.
pub fn scenario_text(id: &str) -> &'static str {
    builtin_text(SCENARIOS, id)
}

/// The text of a built-in strategy file.
pub fn strategy_text(id: &str) -> &'static str {
    builtin_text(STRATEGIES, id)
}

fn builtin_text(files: &[(&str, &'static str)], id: &str) -> &'static str {
    files
        .iter()
        .find(|(known, _)| *known == id)
        .unwrap_or_else(|| panic!("no built-in file `{id}`"))
        .1
}

pub fn strategy(id: &str) -> Strategy {
    find_strategy(id).unwrap_or_else(|e| panic!("{e}"))
}

/// A scenario with some model rules changed.
pub fn with_model(mut scenario: Scenario, change: impl Fn(&mut ModelParams)) -> Arc<Scenario> {
    change(&mut scenario.model);
    Arc::new(scenario)
}

/// The corner bakery with some model rules changed (a lab for one rule).
pub fn bakery(change: impl Fn(&mut ModelParams)) -> Arc<Scenario> {
    with_model(scenario("corner_bakery"), change)
}

/// A plan of the given actions spread over the week, in order.
pub fn spread_week(actions: Vec<PlannedAction>) -> WeekPlan {
    let mut plan = WeekPlan { actions };
    plan.spread_in_order();
    plan
}

/// Plays `strategy` over `seeds` seeds and maps each finished game.
pub fn over_seeds<T: Send>(
    scenario: &Arc<Scenario>,
    strategy: &Strategy,
    seeds: u64,
    measure: impl Fn(&Simulation) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    (0..seeds)
        .into_par_iter()
        .map(|i| measure(&play(Arc::clone(scenario), 1000 + i, strategy)))
        .collect()
}

/// Mean and 95% interval of paired differences a - b.
pub fn paired_difference(a: &[f64], b: &[f64]) -> Interval {
    let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    interval(&diffs)
}

pub fn mean(values: &[f64]) -> f64 {
    rapport::report::stats::mean(values)
}

/// The first `weeks` weeks of a game that plays the same plan every week.
pub fn play_fixed(scenario: &Arc<Scenario>, seed: u64, plan: &WeekPlan, weeks: u32) -> Simulation {
    let mut game = Simulation::new(Arc::clone(scenario), seed);
    for _ in 0..weeks {
        game.run_week(plan).unwrap();
    }
    game
}

/// A pool of `threads` threads, to play a game on (results must not
/// depend on the count).
pub fn thread_pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rapport-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The model's invariants after a finished week: every person's values
/// finite and in range, the inbox cleared, the funnel adding up to the
/// audience, followers conserved, rates within 0..1 and every KPI finite.
pub fn check_invariants(game: &Simulation, followers_before: u64) -> Result<(), String> {
    macro_rules! ensure {
        ($condition:expr, $($message:tt)+) => {
            if !$condition {
                return Err(format!($($message)+));
            }
        };
    }
    let a = game.audience();
    let n = a.len();
    for i in 0..n {
        let levels = a.levels(i);
        for (name, value, low, high) in [
            ("awareness", levels.awareness, 0.0, 1.0),
            ("relationship", levels.relationship, 0.0, 1.0),
            ("fatigue", levels.fatigue, 0.0, 1.0),
            ("sentiment", levels.sentiment, -1.0, 1.0),
        ] {
            ensure!(value.is_finite(), "{name} of {i} is {value}");
            ensure!((low..=high).contains(&value), "{name} of {i} is {value}");
        }
        ensure!(!a.has_inbox(i), "inbox of {i} not cleared");
    }
    for &insight in &game.brand().insight {
        ensure!((0.0..=1.0).contains(&insight), "insight {insight}");
    }
    let week = &game.history()[game.history().len() - 7..];
    let latest = game.latest();
    ensure!(
        latest.stages.iter().sum::<u64>() == n as u64,
        "stages do not add up to the audience"
    );
    let following = (0..n).filter(|&i| a.follows(i)).count() as u64;
    ensure!(
        latest.followers == following,
        "{} followers counted, {following} follow",
        latest.followers
    );
    let gained: u64 = week.iter().map(|d| d.new_followers).sum();
    let lost: u64 = week.iter().map(|d| d.unfollows).sum();
    ensure!(
        followers_before + gained - lost == latest.followers,
        "followers not conserved"
    );
    for day in week {
        ensure!(day.engagements <= day.impressions, "day {}: engagements", day.day);
        ensure!(day.ad_clicks <= day.ad_impressions, "day {}: ad clicks", day.day);
        ensure!(
            day.customers_total <= day.leads_total,
            "day {}: customers",
            day.day
        );
        ensure!(day.reach <= n as u64, "day {}: reach", day.day);
        ensure!(
            (0.0..=1.0).contains(&day.relationship_index),
            "day {}: relationship index",
            day.day
        );
        ensure!(
            (-1.0..=1.0).contains(&day.sentiment),
            "day {}: sentiment",
            day.day
        );
        ensure!(
            day.engagement_rate().is_finite() && (0.0..=1.0).contains(&day.engagement_rate()),
            "day {}: engagement rate",
            day.day
        );
        ensure!((0.0..=1.0).contains(&day.ctr()), "day {}: ctr", day.day);
        ensure!(
            day.stages[Stage::Advocate as usize] == day.advocates,
            "day {}: advocates",
            day.day
        );
    }
    let kpis = game.kpis();
    for (name, value) in kpis.numeric() {
        ensure!(value.is_finite(), "{name} is {value}");
    }
    ensure!((0.0..=1.0).contains(&kpis.score), "score {}", kpis.score);
    Ok(())
}

/// An action of kind `ActionKind::ALL[kind]`, with broadcast content
/// `ContentType::BROADCAST[content]` where the kind takes content, and
/// `target` whatever the kind: a file may hold any target, and the model
/// must take it.
pub fn planned_action(kind: usize, day: u8, platform: u8, content: usize, target: Target) -> PlannedAction {
    let kind = ActionKind::ALL[kind];
    let mut action = PlannedAction::aimed(kind, platform, ContentType::BROADCAST[content], target);
    action.day = day;
    action.target = target;
    action
}

/// The actions, in order, that still fit the week's hours and money.
pub fn fit_to_budget(game: &Simulation, actions: Vec<PlannedAction>) -> WeekPlan {
    let catalog = &game.scenario().actions;
    let (mut hours, mut money) = (game.scenario().hours_per_week, game.scenario().money_per_week);
    let mut plan = WeekPlan::default();
    for action in actions {
        let cost = catalog.cost(&action);
        if cost.hours <= hours && cost.money <= money {
            hours -= cost.hours;
            money -= cost.money;
            plan.actions.push(action);
        }
    }
    plan
}

/// A random legal plan for the game's next week: up to 40 random actions
/// on random days, platforms, content and targets, each kept if it still
/// fits the week's hours and money.
pub fn random_plan(game: &Simulation, rng: &mut Rng) -> WeekPlan {
    let scenario = game.scenario();
    let actions = (0..rng.below(41))
        .map(|_| {
            let (kind, day) = (
                rng.below(ActionKind::ALL.len() as u64) as usize,
                rng.below(7) as u8,
            );
            let platform = rng.below(scenario.platforms.len() as u64) as u8;
            let content = rng.below(5) as usize;
            let target = match rng.below(4) {
                0 => Target::Everyone,
                1 => Target::Followers,
                2 => Target::Influencers,
                _ => Target::Segment(rng.below(scenario.segments.len() as u64) as u8),
            };
            planned_action(kind, day, platform, content, target)
        })
        .collect();
    fit_to_budget(game, actions)
}

/// A command that runs one test of this test binary alone, in a child
/// process (for tests that kill a writer or measure a whole process).
pub fn child_test(name: &str) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args([name, "--exact", "--ignored", "--nocapture", "--test-threads", "1"]);
    command
}

/// A number from the environment (a test's size knob), or the default.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs the `rapport` binary as a user would. Its data folder (saves,
/// replays) is a temporary one, so no test touches the user's own.
pub fn rapport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .env(
            "RAPPORT_SAVE_DIR",
            std::env::temp_dir().join(format!("rapport-test-nosave-{}", std::process::id())),
        )
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
