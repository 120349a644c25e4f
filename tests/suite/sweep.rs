//! `rapport sweep`, run as a user would run it: the files it writes, their
//! columns and row counts, the same bytes at any thread count, and the
//! refusal of bad input. The checks hold for any claim checker: they count
//! rows per draw instead of assuming how many games a draw plays.

use super::common::{rapport, scenario, stderr, stdout, temp_dir};
use rapport::sim::RANGES;
use std::collections::BTreeSet;
use std::path::Path;

const DRAWS: usize = 3;
const SEEDS: u64 = 2;

fn small_sweep(out: &Path, threads: &str) -> std::process::Output {
    let output = rapport(&[
        "sweep",
        "--draws",
        "3",
        "--seeds",
        "2",
        "--scenario",
        "first_steps",
        "--agents",
        "2000",
        "--threads",
        threads,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "failed: {}", stderr(&output));
    output
}

/// A CSV file as its header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// How many rows each draw has (column 0 is the draw), checking that the
/// draws are 0..=DRAWS in order and all have the same count.
fn rows_per_draw(rows: &[Vec<String>]) -> usize {
    let draws: Vec<usize> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(draws.windows(2).all(|w| w[0] <= w[1]), "rows out of draw order");
    let per_draw = draws.iter().filter(|&&d| d == 0).count();
    assert!(per_draw > 0);
    for d in 0..=DRAWS {
        assert_eq!(draws.iter().filter(|&&x| x == d).count(), per_draw, "draw {d}");
    }
    assert_eq!(rows.len(), (DRAWS + 1) * per_draw);
    per_draw
}

#[test]
fn sweep_writes_every_file_with_its_columns_and_rows() {
    let dir = temp_dir("sweep");
    let output = small_sweep(&dir, "2");
    let first_seed = scenario("first_steps").seed;

    let (header, runs) = read_csv(&dir.join("runs.csv"));
    assert_eq!(header[..4], ["draw", "scenario", "arm", "seed"]);
    for kpi in [
        "followers",
        "strong_relationships",
        "engagement_rate",
        "impressions",
        "score",
    ] {
        assert!(
            header.iter().any(|h| h == kpi),
            "runs.csv lacks {kpi}: {header:?}"
        );
    }
    let per_draw = rows_per_draw(&runs);
    assert_eq!(per_draw % SEEDS as usize, 0, "every arm plays every seed");
    let seeds: BTreeSet<u64> = runs.iter().map(|r| r[3].parse().unwrap()).collect();
    assert_eq!(seeds, BTreeSet::from([first_seed, first_seed + 1]));
    assert!(
        runs.iter()
            .all(|r| r[1] == "first_steps" && r.len() == header.len())
    );

    let (header, draws) = read_csv(&dir.join("draws.csv"));
    assert_eq!(header[0], "draw");
    let names: Vec<&str> = RANGES.iter().map(|r| r.name).collect();
    assert_eq!(header[1..], names[..]);
    assert_eq!(rows_per_draw(&draws), 1);
    assert!(
        draws[0][1..].iter().all(String::is_empty),
        "draw 0 is the scenario as shipped"
    );
    for row in &draws[1..] {
        for (range, cell) in RANGES.iter().zip(&row[1..]) {
            let value: f64 = cell.parse().unwrap();
            assert!(
                range.low <= value && value <= range.high,
                "{}: {value}",
                range.name
            );
        }
    }

    let (header, claims) = read_csv(&dir.join("claims.csv"));
    assert_eq!(
        header[..6],
        ["draw", "scenario", "claim", "applies", "holds", "effect"]
    );
    let claims_per_draw = rows_per_draw(&claims);
    for row in &claims {
        match row[3].as_str() {
            "true" => {
                assert!(row[4] == "true" || row[4] == "false", "{row:?}");
                assert!(row[5].parse::<f64>().is_ok(), "{row:?}");
            }
            "false" => assert!(row[4].is_empty() && row[5].is_empty(), "{row:?}"),
            other => panic!("applies is `{other}`"),
        }
    }

    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let command = summary["command"].as_str().unwrap();
    assert!(
        command.starts_with("rapport sweep --draws 3 --seeds 2"),
        "{command}"
    );
    let judged = summary["claims"].as_array().unwrap();
    assert_eq!(
        judged.len(),
        claims_per_draw,
        "one summary per claim and scenario"
    );
    for claim in judged {
        assert!(claim["at_defaults"]["applies"].is_boolean(), "{claim}");
        let applying = claim["draws_applying"].as_u64().unwrap();
        assert!(applying <= DRAWS as u64 && claim["draws_holding"].as_u64().unwrap() <= applying);
        assert!(claim["depends_on"].as_array().unwrap().len() <= 3);
        for dependence in claim["depends_on"].as_array().unwrap() {
            assert!(names.contains(&dependence["parameter"].as_str().unwrap()));
            assert!(dependence["rho"].as_f64().unwrap().abs() <= 1.0);
        }
    }

    let markdown = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(markdown.contains(command), "{markdown}");
    assert!(markdown.contains("| Claim | first_steps |"), "{markdown}");
    let text = stdout(&output);
    for claim in judged {
        assert!(text.contains(claim["claim"].as_str().unwrap()), "{text}");
    }
}

#[test]
fn sweep_gives_the_same_bytes_twice_and_at_any_thread_count() {
    let (one, two) = (temp_dir("sweep-one"), temp_dir("sweep-two"));
    small_sweep(&one, "1");
    small_sweep(&two, "2");
    for name in [
        "runs.csv",
        "draws.csv",
        "claims.csv",
        "summary.md",
        "summary.json",
    ] {
        let (a, b) = (
            std::fs::read(one.join(name)).unwrap(),
            std::fs::read(two.join(name)).unwrap(),
        );
        assert!(!a.is_empty(), "{name} is empty");
        assert!(a == b, "{name} differs between two runs of the same sweep");
    }
}

#[test]
fn sweep_prints_json_when_asked() {
    let output = rapport(&[
        "sweep",
        "--draws",
        "2",
        "--seeds",
        "1",
        "--scenario",
        "first_steps",
        "--agents",
        "1000",
        "--json",
    ]);
    assert!(output.status.success(), "failed: {}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["draws"], 2);
    assert!(
        value["claims"]
            .as_array()
            .is_some_and(|claims| !claims.is_empty())
    );
}

#[test]
fn sweep_refuses_bad_input_with_a_message() {
    let base = ["sweep", "--scenario", "first_steps"];
    let cases: [(&[&str], &str); 6] = [
        (&["--draws", "0"], "draws"),
        (&["--seeds", "0"], "seeds"),
        (&["--draws", "99999999"], "draws"),
        (&["--scenario", "atlantis"], "atlantis"),
        (&["--agents", "10"], "agents"),
        (&["--agents", "90000000"], "agents"),
    ];
    for (extra, expected) in cases {
        let mut args: Vec<&str> = base.iter().chain(extra).copied().collect();
        if !extra.contains(&"--agents") {
            args.extend(["--agents", "1000"]);
        }
        let output = rapport(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains(expected), "{args:?}: {message}");
        assert!(!message.contains("panicked"), "{message}");
    }
}
