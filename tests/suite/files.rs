//! Every kind of mistake in a file gets a clear message: `path:line:col`
//! for syntax, the field for meaning.

use super::common::{scenario_text, strategy_text};
use rapport::files::builtin::{SCENARIOS, STRATEGIES, find_scenario, scenario_path};
use rapport::files::scenario::{check_scenario, load_scenario, parse_scenario, resize};
use rapport::files::strategy::parse_strategy;
use rapport::files::{LoadError, read_limited};

fn bakery() -> &'static str {
    scenario_text("corner_bakery")
}

fn scenario_error(text: &str) -> String {
    parse_scenario("broken.ron", text)
        .expect_err("should fail")
        .to_string()
}

#[test]
fn built_in_files_are_valid() {
    for (id, text) in SCENARIOS {
        let scenario = parse_scenario(&scenario_path(id), text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&scenario.id, id);
    }
    for (id, text) in STRATEGIES {
        let strategy = parse_strategy(id, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&strategy.id, id);
    }
}

#[test]
fn asset_files_match_the_built_in_copies() {
    let root = env!("CARGO_MANIFEST_DIR");
    for (id, text) in SCENARIOS {
        let on_disk = std::fs::read_to_string(format!("{root}/assets/scenarios/{id}.ron")).unwrap();
        assert_eq!(&on_disk, text);
        let loaded =
            load_scenario(std::path::Path::new(&format!("{root}/assets/scenarios/{id}.ron"))).unwrap();
        assert_eq!(loaded, find_scenario(id).unwrap());
    }
}

#[test]
fn syntax_errors_give_line_and_column() {
    // Remove the comma after `weeks: 12` (line 10 of the file).
    let text = bakery().replacen("weeks: 12,", "weeks: 12", 1);
    let line = text.lines().position(|l| l.contains("weeks: 12")).unwrap() + 2;
    let message = scenario_error(&text);
    assert!(message.starts_with(&format!("broken.ron:{line}:")), "{message}");

    let truncated = &bakery()[..bakery().len() / 2];
    let message = scenario_error(truncated);
    assert!(message.starts_with("broken.ron:"), "{message}");
    let parts: Vec<&str> = message.splitn(4, ':').collect();
    assert!(
        parts[1].parse::<usize>().is_ok() && parts[2].parse::<usize>().is_ok(),
        "{message}"
    );
}

#[test]
fn an_unknown_field_is_named_with_its_place() {
    let text = bakery().replacen("seed: 2024,", "seed: 2024,\n    sede: 3,", 1);
    let message = scenario_error(&text);
    assert!(message.contains("sede"), "{message}");
    assert!(message.starts_with("broken.ron:"), "{message}");
}

#[test]
fn a_wrong_type_is_caught_with_its_place() {
    let text = bakery().replacen("weeks: 12,", "weeks: \"twelve\",", 1);
    let message = scenario_error(&text);
    assert!(message.starts_with("broken.ron:11:"), "{message}");
}

#[test]
fn meaning_errors_name_the_field() {
    let cases = [
        ("agents: 10000,", "agents: 5,", "`agents`"),
        ("agents: 10000,", "agents: 3000000,", "`agents`"),
        ("weeks: 12,", "weeks: 0,", "`weeks`"),
        ("version: 1,", "version: 2,", "`version`"),
        ("share: 0.45,", "share: 0.9,", "`segments`"),
        (
            "\"snapshot\": 0.5, \"circle\": 0.8",
            "\"snapchat\": 0.5",
            "`segments[0].platforms.\"snapchat\"`",
        ),
        (
            "(metric: Followers, target: 900, weight: 1.0),",
            "(metric: Followers, target: -5),",
            "`goals[0].target`",
        ),
        ("hours_per_week: 20,", "hours_per_week: 500,", "`hours_per_week`"),
        ("(week: 6, day: 2,", "(week: 60, day: 2,", "`events[0].week`"),
        (
            "contacts_per_agent: 10,",
            "contacts_per_agent: 1,",
            "`graph.contacts_per_agent`",
        ),
        ("id: \"corner_bakery\",", "id: \"Corner Bakery!\",", "`id`"),
        (
            "initial_followers: 0.02,",
            "initial_followers: 1.5,",
            "`initial_followers`",
        ),
        (
            "seed: 2024,",
            "seed: 2024,\n    model: (follow_back: 2.0),",
            "`model.follow_back`",
        ),
        (
            "seed: 2024,",
            "seed: 2024,\n    actions: (reply: (hours: 0)),",
            "`actions.reply.hours`",
        ),
    ];
    for (from, to, field) in cases {
        let text = bakery().replacen(from, to, 1);
        assert_ne!(text, bakery(), "case {from} did not apply");
        let message = scenario_error(&text);
        assert!(message.contains(field), "expected {field} in: {message}");
        assert!(message.starts_with("broken.ron: field"), "{message}");
    }
}

#[test]
fn a_scenario_changed_after_loading_is_held_to_a_files_limits() {
    for (id, _) in SCENARIOS {
        let scenario = find_scenario(id).unwrap();
        check_scenario(id, &scenario).unwrap_or_else(|e| panic!("{e}"));
    }
    let bakery = find_scenario("corner_bakery").unwrap();
    let cases: [(fn(&mut rapport::sim::Scenario), &str); 6] = [
        (|s| s.hours_per_week = 500.0, "`hours_per_week`"),
        (|s| s.agents = 5, "`agents`"),
        (|s| s.graph.contacts_per_agent = 1, "`graph.contacts_per_agent`"),
        (|s| s.platforms[1].discovery = 2.0, "`platforms[1].discovery`"),
        (|s| s.events[0].week = 60, "`events[0].week`"),
        (|s| s.initial_awareness = -0.1, "`initial_awareness`"),
    ];
    for (change, field) in cases {
        let mut changed = bakery.clone();
        change(&mut changed);
        let message = check_scenario("drawn", &changed)
            .expect_err("out of a file's limits")
            .to_string();
        assert!(message.starts_with("drawn: field"), "{message}");
        assert!(message.contains(field), "expected {field} in: {message}");
    }
    let mut crowded = find_scenario("crowded_launch").unwrap();
    crowded.market.rivals[0].hours_per_week = 0.0;
    let message = check_scenario("drawn", &crowded).unwrap_err().to_string();
    assert!(message.contains("`rivals[0].hours_per_week`"), "{message}");
}

#[test]
fn strategy_mistakes_are_named() {
    let good = strategy_text("balanced");
    let cases = [
        (
            "(action: Publish, count: Times(1), content: Fixed(Offer)),",
            "(action: Publish, count: AsNeeded),",
            "`weekly[1].count`",
        ),
        (
            "(action: Publish, count: Times(1), content: Fixed(Offer)),",
            "(action: Publish, content: Fixed(Conversation)),",
            "`weekly[1].content`",
        ),
        ("version: 1,", "version: 7,", "`version`"),
    ];
    for (from, to, field) in cases {
        let text = good.replacen(from, to, 1);
        assert_ne!(text, good);
        let message = parse_strategy("s.ron", &text)
            .expect_err("should fail")
            .to_string();
        assert!(message.contains(field), "expected {field} in: {message}");
    }
    let unknown_action = good.replacen("action: LiveEvent", "action: Teleport", 1);
    let message = parse_strategy("s.ron", &unknown_action)
        .expect_err("should fail")
        .to_string();
    assert!(
        message.starts_with("s.ron:") && message.contains("Teleport"),
        "{message}"
    );
}

#[test]
fn oversized_and_binary_files_are_refused_without_reading_them() {
    let dir = std::env::temp_dir().join(format!("rapport-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.ron");
    let file = std::fs::File::create(&huge).unwrap();
    // A sparse 4 GiB file: refused from its size alone.
    file.set_len(4 << 30).unwrap();
    let started = std::time::Instant::now();
    let error = read_limited(&huge, 1 << 20).unwrap_err();
    assert!(matches!(error, LoadError::TooLarge { .. }), "{error}");
    assert!(started.elapsed().as_secs_f64() < 1.0);
    let binary = dir.join("binary.ron");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x12]).unwrap();
    let error = load_scenario(&binary).unwrap_err().to_string();
    assert!(error.contains("UTF-8"), "{error}");
    let missing = load_scenario(&dir.join("missing.ron")).unwrap_err().to_string();
    assert!(missing.contains("missing.ron"), "{missing}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn absurd_audience_sizes_are_refused() {
    let scenario = find_scenario("corner_bakery").unwrap();
    assert!(
        resize(&scenario, 4_000_000_000)
            .unwrap_err()
            .to_string()
            .contains("agents")
    );
    assert!(resize(&scenario, 1).is_err());
    assert!(resize(&scenario, 500_000).is_ok());
    let mut dense = scenario.clone();
    dense.graph.contacts_per_agent = 100;
    let error = resize(&dense, 1_000_000).unwrap_err().to_string();
    assert!(error.contains("contacts_per_agent"), "{error}");
}

#[test]
fn re_playing_a_save_tells_its_progress_week_by_week() {
    use rapport::sim::Simulation;
    use std::sync::{Arc, Mutex};
    let dir = std::env::temp_dir().join(format!("rapport-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("autosave.ron");
    let scenario = find_scenario("first_steps").unwrap().with_agents(300);
    let mut game = Simulation::new(Arc::new(scenario), 3);
    let balanced = super::common::strategy("balanced");
    for _ in 0..3 {
        game.run_week(&balanced.plan_week(&game)).unwrap();
    }
    rapport::files::save::write_save_as(&path, &game, "first_steps", "Ada", "").unwrap();
    // A resized built-in scenario is found again by its id and size.
    let told = Mutex::new(Vec::new());
    let (again, _) = rapport::files::save::load_save_reporting(&path, &|done, of| {
        told.lock().unwrap().push((done, of));
    })
    .unwrap();
    assert_eq!(again.state_hash(), game.state_hash());
    assert_eq!(*told.lock().unwrap(), [(0, 3), (1, 3), (2, 3), (3, 3)]);
    let _ = std::fs::remove_dir_all(&dir);
}
