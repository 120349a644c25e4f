//! Replays: record, verify, detect every kind of tampering; compare and
//! grade real files; charts are valid PNGs.

use super::common::{rapport, scenario, stderr, stdout, strategy, temp_dir};
use rapport::files::builtin::STRATEGIES;
use rapport::files::replay::{Mismatch, Replay, parse_replay, verify};
use rapport::report::charts::is_png;
use rapport::sim::play;
use std::path::Path;
use std::sync::Arc;

fn recorded(strategy_id: &str, seed: u64) -> Replay {
    let scenario = Arc::new(scenario("corner_bakery").with_agents(3000));
    let game = play(scenario, seed, &strategy(strategy_id));
    Replay::of(&game, "corner_bakery", strategy_id)
}

fn reparse(replay: &Replay) -> Replay {
    parse_replay("r.ron", &replay.to_text()).unwrap()
}

#[test]
fn every_built_in_strategy_records_and_verifies() {
    for (id, _) in STRATEGIES {
        let replay = reparse(&recorded(id, 5));
        assert!(replay.to_text().starts_with("Replay("));
        let game = verify(&replay).unwrap_or_else(|m| panic!("{id}: {m}"));
        assert_eq!(game.kpis(), replay.kpis, "{id}");
        assert_eq!(replay.weeks.len(), 12);
    }
}

#[test]
fn every_kind_of_tampering_is_named() {
    let good = recorded("balanced", 9);
    let text = good.to_text();

    let mut plan = good.clone();
    plan.weeks[4].plan.pop();
    assert_eq!(verify(&plan).unwrap_err(), Mismatch::Plan { week: 5 });

    let mut illegal = good.clone();
    // Thirty more copies of an action: far over the week's hours.
    let first = illegal.weeks[2].plan[0];
    illegal.weeks[2].plan.extend(std::iter::repeat_n(first, 30));
    assert!(matches!(
        verify(&illegal).unwrap_err(),
        Mismatch::IllegalPlan { week: 3, .. }
    ));

    let mut kpis = good.clone();
    kpis.kpis.customers += 10;
    assert_eq!(
        verify(&kpis).unwrap_err(),
        Mismatch::Kpis {
            field: "customers".into()
        }
    );

    let mut seed = good.clone();
    seed.seed += 1;
    assert_eq!(verify(&seed).unwrap_err(), Mismatch::Seed);

    let mut other = good.clone();
    other.scenario = "flash_sale".into();
    assert!(matches!(verify(&other).unwrap_err(), Mismatch::Scenario(_)));

    let mut edited_scenario = good.clone();
    edited_scenario.scenario_hash = "0000000000000000".into();
    assert!(matches!(
        verify(&edited_scenario).unwrap_err(),
        Mismatch::Scenario(_)
    ));

    let mut version = good.clone();
    version.model_version += 1;
    assert!(matches!(
        verify(&version).unwrap_err(),
        Mismatch::GameVersion { .. }
    ));

    // Truncated and broken files are refused with their place.
    for broken in [&text[..text.len() / 3], "Replay(version: 1,", "garbage"] {
        let error = parse_replay("broken.ron", broken).unwrap_err().to_string();
        assert!(error.starts_with("broken.ron:"), "{error}");
    }
    // The untouched replay still verifies.
    assert!(verify(&reparse(&good)).is_ok());
}

fn write_class(dir: &Path) -> Vec<(String, f64)> {
    let mut scores = Vec::new();
    for id in ["broadcaster", "networker", "balanced", "automator"] {
        let path = dir.join(format!("{id}.ron"));
        let output = rapport(&[
            "run",
            "--scenario",
            "corner_bakery",
            "--strategy",
            id,
            "--agents",
            "3000",
            "--replay",
            path.to_str().unwrap(),
            "--json",
        ]);
        assert!(output.status.success());
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        scores.push((id.to_string(), json["score"].as_f64().unwrap()));
    }
    scores
}

#[test]
fn verify_compare_and_grade_work_on_real_files() {
    let dir = temp_dir("class");
    let class = dir.join("class");
    std::fs::create_dir_all(&class).unwrap();
    let mut scores = write_class(&class);

    let files: Vec<String> = ["broadcaster", "networker", "balanced"]
        .iter()
        .map(|id| class.join(format!("{id}.ron")).display().to_string())
        .collect();
    let mut args = vec!["verify"];
    args.extend(files.iter().map(String::as_str));
    let output = rapport(&args);
    assert!(output.status.success(), "{}", stdout(&output));

    // A tampered copy makes verify fail and is named.
    let text = std::fs::read_to_string(class.join("balanced.ron")).unwrap();
    std::fs::write(
        class.join("cheat.ron"),
        text.replacen("customers: ", "customers: 9", 1),
    )
    .unwrap();
    let output = rapport(&["verify", class.join("cheat.ron").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("customers"));

    let charts = dir.join("charts");
    let mut args = vec!["compare", "--out", charts.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let output = rapport(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    assert!(table.contains("strong relationships") && table.contains("hours conversation"));
    for chart in ["followers", "leads", "strong_relationships", "sentiment", "hours"] {
        assert!(is_png(&charts.join(format!("{chart}.png"))), "{chart}.png");
    }

    let grades = dir.join("grades.csv");
    let output = rapport(&[
        "grade",
        "--scenario",
        "corner_bakery",
        class.to_str().unwrap(),
        "--out",
        grades.to_str().unwrap(),
    ]);
    // The class played the scenario at 3,000 people: the graded scenario
    // at its own size is a different one, so nothing ranks.
    assert!(output.status.success());
    let csv = std::fs::read_to_string(&grades).unwrap();
    assert!(
        csv.lines().skip(1).all(|l| l.split(',').nth(4) == Some("no")),
        "{csv}"
    );

    // Graded against the scenario as played (a file with 3,000 people).
    let scenario_file = dir.join("class_scenario.ron");
    let original = std::fs::read_to_string(format!(
        "{}/assets/scenarios/corner_bakery.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    std::fs::write(
        &scenario_file,
        original.replacen("agents: 10000,", "agents: 3000,", 1),
    )
    .unwrap();
    let output = rapport(&[
        "grade",
        "--scenario",
        scenario_file.to_str().unwrap(),
        class.to_str().unwrap(),
        "--out",
        grades.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = std::fs::read_to_string(&grades).unwrap();
    let ranked: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(4) == Some("yes"))
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let expected: Vec<&str> = scores.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ranked, expected, "{csv}");
    assert!(
        csv.lines().any(|l| l.contains("cheat.ron") && l.contains(",no,")),
        "{csv}"
    );
}
