//! `rapport sweep`, run as a user would run it: the files it writes, their
//! columns and row counts, the same bytes at any thread count and in shards
//! merged, only the claims asked for, the scenario itself drawn, and the
//! refusal of bad input and of parts that do not make one sweep. The checks
//! hold for any claim checker: they count rows per draw instead of assuming
//! how many games a draw plays.

use super::common::{rapport, scenario, stderr, stdout, temp_dir};
use rapport::sim::RANGES;
use std::collections::BTreeSet;
use std::path::Path;

const DRAWS: usize = 3;
const SEEDS: u64 = 2;
/// The five files, each compared byte for byte where two sweeps should agree.
const FILES: [&str; 5] = [
    "runs.csv",
    "draws.csv",
    "claims.csv",
    "summary.md",
    "summary.json",
];

/// `rapport sweep` with the small sweep's options and `extra`; it must succeed.
fn sweep_with(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "sweep",
        "--draws",
        "3",
        "--seeds",
        "2",
        "--scenario",
        "first_steps",
        "--agents",
        "2000",
        "--quiet",
    ];
    args.extend(extra);
    let output = rapport(&args);
    assert!(output.status.success(), "{args:?} failed: {}", stderr(&output));
    output
}

/// Asserts that two folders hold the same five files, byte for byte.
fn assert_same_files(a: &Path, b: &Path, what: &str) {
    for name in FILES {
        let (x, y) = (
            std::fs::read(a.join(name)).unwrap_or_else(|e| panic!("{}: {e}", a.join(name).display())),
            std::fs::read(b.join(name)).unwrap_or_else(|e| panic!("{}: {e}", b.join(name).display())),
        );
        assert!(!x.is_empty(), "{name} is empty");
        assert!(x == y, "{name} differs: {what}");
    }
}

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
    // Which arms a draw plays follows which claims apply in it and what
    // its brand believes best, so the count may differ between draws;
    // every arm plays every seed, and the draws come in order.
    let draws_of_runs: Vec<usize> = runs.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(
        draws_of_runs.windows(2).all(|w| w[0] <= w[1]),
        "rows out of draw order"
    );
    for d in 0..=DRAWS {
        let rows = draws_of_runs.iter().filter(|&&x| x == d).count();
        assert!(rows > 0 && rows % SEEDS as usize == 0, "draw {d}: {rows} rows");
    }
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
    assert_same_files(&one, &two, "two runs of the same sweep");
}

#[test]
fn sweep_in_three_shards_merged_gives_the_bytes_of_the_whole_sweep() {
    // The scenario drawn too, so that every process must draw the same
    // scenarios as well as the same numbers.
    for vary in ["params", "both"] {
        let dir = temp_dir(&format!("sweep-shards-{vary}"));
        let (whole, parts, merged) = (dir.join("whole"), dir.join("parts"), dir.join("merged"));
        let out = |path: &Path| path.to_str().unwrap().to_string();
        sweep_with(&["--vary", vary, "--out", &out(&whole)]);
        for shard in ["2/3", "3/3", "1/3"] {
            let output = sweep_with(&["--vary", vary, "--shard", shard, "--out", &out(&parts)]);
            let file = format!("part-{}-of-3.json", shard.split('/').next().unwrap());
            assert!(stdout(&output).contains(&file), "{}", stdout(&output));
        }
        let mut names: Vec<String> = std::fs::read_dir(&parts)
            .unwrap()
            .map(|entry| out(&entry.unwrap().path()))
            .collect();
        names.sort();
        assert_eq!(names.len(), 3, "{names:?}");
        // The parts in any order.
        names.reverse();
        let mut args = vec!["sweep", "merge"];
        args.extend(names.iter().map(String::as_str));
        let merged_out = out(&merged);
        args.extend(["--out", &merged_out]);
        let output = rapport(&args);
        assert!(output.status.success(), "merge failed: {}", stderr(&output));
        assert_same_files(
            &whole,
            &merged,
            &format!("--vary {vary}: the merged parts against the whole sweep"),
        );
        // The merge prints what the whole sweep printed.
        let summary = std::fs::read_to_string(whole.join("summary.json")).unwrap();
        let command: serde_json::Value = serde_json::from_str(&summary).unwrap();
        assert!(stdout(&output).starts_with(command["command"].as_str().unwrap()));
    }
}

#[test]
fn merge_refuses_a_missing_a_repeated_or_a_strangers_part() {
    let dir = temp_dir("sweep-bad-parts");
    let (parts, others) = (dir.join("parts"), dir.join("others"));
    let path = |dir: &Path, name: &str| dir.join(name).to_str().unwrap().to_string();
    // One claim keeps the games few: what is checked is the parts.
    for shard in ["1/3", "2/3", "3/3"] {
        sweep_with(&[
            "--claim",
            "C2",
            "--shard",
            shard,
            "--out",
            parts.to_str().unwrap(),
        ]);
    }
    sweep_with(&[
        "--claim",
        "C5",
        "--shard",
        "2/3",
        "--out",
        others.to_str().unwrap(),
    ]);
    let (one, two, three) = (
        path(&parts, "part-1-of-3.json"),
        path(&parts, "part-2-of-3.json"),
        path(&parts, "part-3-of-3.json"),
    );
    let stranger = path(&others, "part-2-of-3.json");
    let out = path(&dir, "merged");
    let cases: [(&[&str], &str); 4] = [
        (&[&one, &three], "shard 2 of 3 is missing"),
        (&[&one, &two, &two, &three], "are both shard 2 of 3"),
        (&[&one, &stranger, &three], "another sweep"),
        (&[&one, &two, &path(&dir, "nowhere.json")], "nowhere.json"),
    ];
    for (given, expected) in cases {
        let mut args = vec!["sweep", "merge"];
        args.extend(given);
        args.extend(["--out", &out]);
        let output = rapport(&args);
        assert_eq!(output.status.code(), Some(2), "{given:?}");
        let message = stderr(&output);
        assert!(message.contains(expected), "{given:?}: {message}");
        assert!(!message.contains("panicked"), "{message}");
        assert!(!dir.join("merged").exists(), "a refused merge writes nothing");
    }
    // A file that is not a part is named as such.
    std::fs::write(dir.join("notes.json"), "{\"format\": \"notes\"}").unwrap();
    let output = rapport(&["sweep", "merge", &path(&dir, "notes.json"), "--out", &out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not a part of a sweep"),
        "{}",
        stderr(&output)
    );
    // And the three parts, each once, merge.
    let output = rapport(&["sweep", "merge", &three, &one, &two, "--out", &out]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn sweep_checks_only_the_claims_asked_for() {
    let dir = temp_dir("sweep-claims");
    sweep_with(&["--claim", "C5", "--claim", "c2", "--out", dir.to_str().unwrap()]);
    let (_, claims) = read_csv(&dir.join("claims.csv"));
    let judged: BTreeSet<&str> = claims.iter().map(|row| row[2].as_str()).collect();
    assert_eq!(judged, BTreeSet::from(["C2", "C5"]));
    assert_eq!(rows_per_draw(&claims), 2);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let command = summary["command"].as_str().unwrap();
    assert!(command.contains("--claim C2 --claim C5"), "{command}");
    let ids: Vec<&str> = summary["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["C2", "C5"], "in the claim table's order");
    // Fewer games than every claim needs: only these claims' arms are played.
    let (_, runs) = read_csv(&dir.join("runs.csv"));
    let every = temp_dir("sweep-claims-every");
    small_sweep(&every, "2");
    let (_, all_runs) = read_csv(&every.join("runs.csv"));
    assert!(
        runs.len() < all_runs.len(),
        "{} vs {}",
        runs.len(),
        all_runs.len()
    );
}

#[test]
fn sweep_draws_the_scenario_itself_when_asked() {
    let dir = temp_dir("sweep-vary-scenario");
    sweep_with(&["--vary", "scenario", "--out", dir.to_str().unwrap()]);
    let (header, draws) = read_csv(&dir.join("draws.csv"));
    assert_eq!(header[0], "draw");
    assert!(header.len() > 5, "{header:?}");
    assert!(
        header[1..].iter().all(|h| h.starts_with("scenario.")),
        "only the scenario's own dimensions: {header:?}"
    );
    for dimension in ["scenario.agents", "scenario.money_per_week", "scenario.events"] {
        assert!(header.iter().any(|h| h == dimension), "{dimension}: {header:?}");
    }
    assert_eq!(rows_per_draw(&draws), 1);
    assert!(draws[0][1..].iter().all(String::is_empty));
    let agents = header.iter().position(|h| h == "scenario.agents").unwrap();
    for row in &draws[1..] {
        let factor: f64 = row[agents].parse().unwrap();
        assert!((0.5..=2.0).contains(&factor), "{factor}");
    }
    let (_, claims) = read_csv(&dir.join("claims.csv"));
    rows_per_draw(&claims);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["vary"], "scenario");
    assert!(summary["command"].as_str().unwrap().contains("--vary scenario"));
    let markdown = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(
        markdown
            .lines()
            .next()
            .unwrap()
            .contains("of the scenario itself"),
        "{markdown}"
    );

    // Both: every model number, then the same dimensions of the scenario.
    let both = temp_dir("sweep-vary-both");
    sweep_with(&["--vary", "both", "--out", both.to_str().unwrap()]);
    let (both_header, _) = read_csv(&both.join("draws.csv"));
    let names: Vec<&str> = RANGES.iter().map(|r| r.name).collect();
    assert_eq!(both_header[1..=RANGES.len()], names[..]);
    assert_eq!(both_header[RANGES.len() + 1..], header[1..]);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(both.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["vary"], "both");
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
    let cases: [(&[&str], &str); 12] = [
        (&["--draws", "0"], "draws"),
        (&["--seeds", "0"], "seeds"),
        (&["--draws", "99999999"], "draws"),
        (&["--scenario", "atlantis"], "atlantis"),
        (&["--agents", "10"], "agents"),
        (&["--agents", "90000000"], "agents"),
        (&["--claim", "C99"], "C99"),
        (&["--vary", "everything"], "everything"),
        (&["--shard", "0/3", "--out", "parts"], "0/3"),
        (&["--shard", "4/3", "--out", "parts"], "4/3"),
        (&["--shard", "1/3"], "--out"),
        (
            &["--draws", "2", "--shard", "1/4", "--out", "parts"],
            "more shards",
        ),
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
    // An unknown claim's message names the claims there are.
    let output = rapport(&["sweep", "--scenario", "first_steps", "--claim", "C99"]);
    let message = stderr(&output);
    assert!(message.contains("C1,") && message.contains("C22"), "{message}");
}
