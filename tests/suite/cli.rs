//! The command line, run as a user would run it.

use super::common::{rapport, stderr, stdout, temp_dir};
use std::path::Path;
use std::process::Output;

fn asset(path: &str) -> String {
    format!("{}/assets/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "failed: {}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

#[test]
fn scenarios_lists_one_a_line_id_first() {
    let output = rapport(&["scenarios"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let ids: Vec<&str> = text.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for id in ["corner_bakery", "b2b_launch", "flash_sale", "national_brand"] {
        assert!(ids.contains(&id), "{id} missing from {text}");
    }
}

#[test]
fn check_accepts_good_files_and_names_the_broken_ones() {
    let good = [
        asset("scenarios/corner_bakery.ron"),
        asset("strategies/balanced.ron"),
        asset("strategies/networker.ron"),
    ];
    let output = rapport(&good.iter().map(String::as_str).fold(vec!["check"], |mut v, s| {
        v.push(s);
        v
    }));
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));

    let dir = temp_dir("check");
    let text = std::fs::read_to_string(asset("scenarios/corner_bakery.ron")).unwrap();
    let syntax = dir.join("syntax.ron");
    std::fs::write(&syntax, text.replacen("weeks: 12,", "weeks: 12", 1)).unwrap();
    let meaning = dir.join("meaning.ron");
    std::fs::write(&meaning, text.replacen("agents: 10000,", "agents: 999999999,", 1)).unwrap();
    let stranger = dir.join("stranger.ron");
    std::fs::write(&stranger, "Spaceship(speed: 3)").unwrap();
    for (file, expected) in [
        (&syntax, format!("{}:12:", syntax.display())),
        (&meaning, "field `agents`".to_string()),
        (&stranger, format!("{}:1:1:", stranger.display())),
    ] {
        let output = rapport(&[
            "check",
            asset("strategies/balanced.ron").as_str(),
            file.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
        let text = stdout(&output);
        assert!(text.contains(&expected), "expected {expected} in {text}");
        assert!(text.contains("ok "), "the good file is still reported: {text}");
        assert!(!stderr(&output).contains("panicked"));
    }
    // A file that is not there.
    let output = rapport(&["check", dir.join("nope.ron").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("nope.ron"));
}

#[test]
fn run_prints_every_json_key() {
    let output = rapport(&[
        "run",
        "--scenario",
        "corner_bakery",
        "--strategy",
        "balanced",
        "--agents",
        "3000",
        "--json",
    ]);
    let value = json(&output);
    for key in [
        "followers",
        "leads",
        "customers",
        "customers_ever",
        "strong_relationships",
        "relationship_index",
        "sentiment",
        "engagement_rate",
        "post_engagement_rate",
        "conversation_response_rate",
        "ctr",
        "roi",
        "money_spent",
        "score",
    ] {
        assert!(value[key].is_number(), "{key} missing: {value}");
    }
    for family in ["broadcast", "conversation", "listening"] {
        assert!(value["hours"][family].is_number(), "hours.{family} missing");
    }
    let hash = value["state_hash"].as_str().unwrap();
    assert!(hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn run_gives_the_same_json_at_one_and_two_threads() {
    for strategy in ["broadcaster", "networker", "balanced", "advertiser", "automator"] {
        let base = [
            "run",
            "--scenario",
            "flash_sale",
            "--strategy",
            strategy,
            "--seed",
            "9",
            "--agents",
            "20000",
            "--json",
        ];
        let one = rapport(&[&base[..], &["--threads", "1"]].concat());
        let two = rapport(&[&base[..], &["--threads", "2"]].concat());
        assert_eq!(json(&one), json(&two), "{strategy}");
    }
}

#[test]
fn run_writes_a_weekly_csv() {
    let dir = temp_dir("csv");
    let path = dir.join("weeks.csv");
    let output = rapport(&[
        "run",
        "--scenario",
        "corner_bakery",
        "--strategy",
        "networker",
        "--agents",
        "2000",
        "--csv",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for column in [
        "week",
        "followers",
        "engagement_rate",
        "strong_relationships",
        "hours_conversation",
        "roi",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "{column} missing in {header}"
        );
    }
    assert_eq!(lines.count(), 12);
}

#[test]
fn run_refuses_bad_input_with_a_message() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["run", "--scenario", "atlantis", "--strategy", "balanced"],
            "atlantis",
        ),
        (
            &["run", "--scenario", "corner_bakery", "--strategy", "nope"],
            "nope",
        ),
        (
            &[
                "run",
                "--scenario",
                "corner_bakery",
                "--strategy",
                "balanced",
                "--agents",
                "10",
            ],
            "agents",
        ),
        (
            &[
                "run",
                "--scenario",
                "corner_bakery",
                "--strategy",
                "balanced",
                "--agents",
                "90000000",
            ],
            "agents",
        ),
        (
            &[
                "run",
                "--scenario",
                "corner_bakery",
                "--strategy",
                "balanced",
                "--threads",
                "0",
            ],
            "threads",
        ),
        (
            &["run", "--scenario", "/no/such/file.ron", "--strategy", "balanced"],
            "file.ron",
        ),
    ];
    for (args, expected) in cases {
        let output = rapport(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains(expected), "{args:?}: {message}");
        assert!(!message.contains("panicked"), "{message}");
    }
}

#[test]
fn batch_writes_csvs_and_a_json_summary() {
    let dir = temp_dir("batch");
    let output = rapport(&[
        "batch",
        "--scenario",
        "corner_bakery",
        "--strategy",
        "balanced",
        "--strategy",
        "broadcaster",
        "--seeds",
        "4",
        "--agents",
        "2000",
        "--out",
        dir.to_str().unwrap(),
        "--json",
    ]);
    let value = json(&output);
    for strategy in ["balanced", "broadcaster"] {
        let s = &value["strategies"][strategy];
        for key in ["followers", "leads", "score", "roi", "sentiment"] {
            let ci = &s[key];
            let (mean, low, high) = (
                ci["mean"].as_f64().unwrap(),
                ci["ci95_low"].as_f64().unwrap(),
                ci["ci95_high"].as_f64().unwrap(),
            );
            assert!(low <= mean && mean <= high, "{strategy}.{key}: {ci}");
        }
        assert!(s["hours"]["broadcast"]["mean"].is_number());
    }
    let summary = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    assert!(summary.starts_with("strategy,kpi,mean,ci95_low,ci95_high,runs"));
    let runs = std::fs::read_dir(dir.join("runs")).unwrap().count();
    assert_eq!(runs, 8);
    assert!(Path::new(&dir.join("runs/balanced_seed2024.csv")).exists());
    let charts: Vec<_> = std::fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(charts.len(), 7, "{charts:?}");
    assert!(charts.iter().all(|p| rapport::report::charts::is_png(p)));
}

#[test]
fn bench_reports_its_figures() {
    let output = rapport(&["bench", "--agents", "20000", "--days", "3", "--json"]);
    let value = json(&output);
    for key in [
        "agents",
        "edges",
        "threads",
        "ms_per_day",
        "plain_pass_ms",
        "ratio",
        "agent_days_per_second",
        "peak_memory_mb",
    ] {
        assert!(value[key].is_number(), "{key} missing: {value}");
    }
    assert_eq!(value["agents"], 20000);
}

#[test]
fn no_panics_on_nonsense_arguments() {
    for args in [
        vec!["run"],
        vec![
            "batch",
            "--scenario",
            "corner_bakery",
            "--strategy",
            "balanced",
            "--seeds",
            "0",
        ],
        vec!["bench", "--days", "0"],
        vec![
            "run",
            "--scenario",
            "corner_bakery",
            "--strategy",
            "balanced",
            "--agents",
            "-4",
        ],
    ] {
        let output = rapport(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&output).contains("panicked"));
    }
}
