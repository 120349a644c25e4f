//! `rapport whatif` and `rapport explain`, and what replays gained for
//! them: a branch with the original plans is the original game; a branch
//! with another strategy shares the weeks before it and differs after; a
//! branch replay verifies and names its parent; bad input fails cleanly.

use super::common::{rapport, stderr, stdout, temp_dir};
use rapport::files::replay::{Mismatch, load_replay, parse_plans, parse_replay, plans_text, verify};
use rapport::sim::{Cause, Outcome};
use std::path::{Path, PathBuf};

/// A small first_steps game played by the broadcaster, as a replay file.
fn original(dir: &Path) -> PathBuf {
    let path = dir.join("original.ron");
    let output = rapport(&[
        "run",
        "--scenario",
        "first_steps",
        "--strategy",
        "broadcaster",
        "--agents",
        "600",
        "--replay",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    path
}

fn json(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

/// A plans file holding the replay's own weeks from `from_week` on.
fn own_plans(replay: &Path, from_week: usize, out: &Path) {
    let replay = load_replay(replay).unwrap();
    let weeks: Vec<_> = replay.weeks[from_week - 1..]
        .iter()
        .map(|w| w.plan.clone())
        .collect();
    let text = ron::ser::to_string_pretty(&weeks, ron::ser::PrettyConfig::new()).unwrap();
    std::fs::write(out, text).unwrap();
}

#[test]
fn a_branch_with_the_original_plans_is_the_original_game() {
    let dir = temp_dir("whatif-same");
    let original = original(&dir);
    for from_week in [1, 3] {
        let plans = dir.join(format!("plans{from_week}.ron"));
        own_plans(&original, from_week, &plans);
        let out = dir.join(format!("same{from_week}.ron"));
        let result = json(&rapport(&[
            "whatif",
            original.to_str().unwrap(),
            "--from-week",
            &from_week.to_string(),
            "--plans",
            plans.to_str().unwrap(),
            "--replay",
            out.to_str().unwrap(),
            "--json",
        ]));
        assert_eq!(result["branch"]["state_hash"], result["original"]["state_hash"]);
        assert_eq!(result["weeks_shared"], from_week - 1);
        let branch = load_replay(&out).unwrap();
        let parent = load_replay(&original).unwrap();
        assert_eq!(branch.kpis.state_hash, parent.kpis.state_hash);
        assert_eq!(branch.weeks, parent.weeks);
    }
}

#[test]
fn a_branch_with_another_strategy_shares_the_weeks_before_and_verifies_naming_its_parent() {
    let dir = temp_dir("whatif-other");
    let original = original(&dir);
    let out = dir.join("networker.ron");
    let result = json(&rapport(&[
        "whatif",
        original.to_str().unwrap(),
        "--from-week",
        "3",
        "--strategy",
        "networker",
        "--replay",
        out.to_str().unwrap(),
        "--json",
    ]));
    assert_ne!(result["branch"]["state_hash"], result["original"]["state_hash"]);
    let (branch, parent) = (load_replay(&out).unwrap(), load_replay(&original).unwrap());
    for w in 0..2 {
        assert_eq!(branch.weeks[w], parent.weeks[w], "week {}", w + 1);
    }
    for w in 2..4 {
        assert_ne!(
            branch.weeks[w].state_hash,
            parent.weeks[w].state_hash,
            "week {}",
            w + 1
        );
    }
    let named = branch.parent.clone().expect("a branch names its parent");
    assert_eq!(named.player, "broadcaster");
    assert_eq!(named.state_hash, parent.kpis.state_hash);
    assert_eq!(named.weeks_shared, 2);
    assert_eq!(result["parent"]["weeks_shared"], 2);
    assert!(verify(&branch).is_ok());
    let output = rapport(&["verify", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("branched from broadcaster at week 3"),
        "{}",
        stdout(&output)
    );
    // Without --json: both games side by side.
    let output = rapport(&[
        "whatif",
        original.to_str().unwrap(),
        "--from-week",
        "3",
        "--strategy",
        "networker",
        "--replay",
        dir.join("again.ron").to_str().unwrap(),
    ]);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        text.contains("original") && text.contains("branch") && text.contains("strong relationships"),
        "{text}"
    );
}

#[test]
fn bad_whatif_arguments_fail_cleanly() {
    let dir = temp_dir("whatif-bad");
    let original = original(&dir);
    let original = original.to_str().unwrap();
    let out = dir.join("out.ron");
    let out = out.to_str().unwrap();
    let short = dir.join("short.ron");
    std::fs::write(&short, "[[]]").unwrap();
    let long = dir.join("long.ron");
    std::fs::write(&long, "[[], [], [], [], []]").unwrap();
    let illegal = dir.join("illegal.ron");
    let ad = "(kind: Ad, day: 0, platform: 0, content: Offer, target: Everyone)";
    let broke = format!("[[], [{}]]", vec![ad; 30].join(", "));
    std::fs::write(&illegal, broke).unwrap();
    let garbage = dir.join("garbage.ron");
    std::fs::write(&garbage, "[[(kind: Juggle)]]").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![original, "--from-week", "0", "--strategy", "networker"],
            "choose a week from 1 to 4",
        ),
        (
            vec![original, "--from-week", "5", "--strategy", "networker"],
            "choose a week from 1 to 4",
        ),
        (
            vec!["missing.ron", "--from-week", "2", "--strategy", "networker"],
            "missing.ron",
        ),
        (vec![original, "--from-week", "2"], "--strategy"),
        (
            vec![
                original,
                "--from-week",
                "2",
                "--strategy",
                "networker",
                "--plans",
                short.to_str().unwrap(),
            ],
            "cannot be used with",
        ),
        (
            vec![original, "--from-week", "2", "--strategy", "juggler"],
            "juggler",
        ),
        (
            vec![original, "--from-week", "2", "--plans", short.to_str().unwrap()],
            "needs exactly 3 weeks",
        ),
        (
            vec![original, "--from-week", "2", "--plans", long.to_str().unwrap()],
            "has 5 weeks",
        ),
        (
            vec![original, "--from-week", "3", "--plans", illegal.to_str().unwrap()],
            "(game week 4) is not a legal plan",
        ),
        (
            vec![original, "--from-week", "3", "--plans", garbage.to_str().unwrap()],
            "garbage.ron",
        ),
        (
            vec![original, "--from-week", "3", "--plans", "nowhere.ron"],
            "nowhere.ron",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["whatif"];
        all.extend(&args);
        all.extend(["--replay", out]);
        let output = rapport(&all);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {errors}");
        assert!(errors.contains(expected), "{args:?}: {errors}");
        assert!(!errors.contains("panicked"), "{args:?}: {errors}");
        assert!(!Path::new(out).exists(), "{args:?} wrote a branch");
    }
}

#[test]
fn explain_tells_where_results_came_from_what_the_run_showed_and_what_would_have_helped() {
    let dir = temp_dir("explain");
    let original = original(&dir);
    let result = json(&rapport(&["explain", original.to_str().unwrap(), "--json"]));
    for key in ["attribution", "verdicts", "advice", "ghosts", "goals", "net"] {
        assert!(result.get(key).is_some(), "no {key}: {result}");
    }
    assert!(
        result["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["sentence"].is_string())
    );
    assert_eq!(result["ghosts"].as_array().unwrap().len(), 4);
    let output = rapport(&["explain", original.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for heading in [
        "Goals:",
        "A finished game earns one star",
        "Where your results came from",
        "What your run showed",
        "What would have helped most",
    ] {
        assert!(stdout(&output).contains(heading), "{}", stdout(&output));
    }
    let output = rapport(&["explain", "missing.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains("panicked"));
}

#[test]
fn a_recorded_attribution_is_verified_and_an_absent_one_is_skipped() {
    let dir = temp_dir("attribution");
    let original = original(&dir);
    let replay = load_replay(&original).unwrap();
    // An edited attribution is named.
    let mut edited = replay.clone();
    edited.kpis.attribution.credit(Outcome::Follower, Cause::FeedPost);
    assert_eq!(
        verify(&edited).err(),
        Some(Mismatch::Kpis {
            field: "attribution".into()
        })
    );
    // A replay written before attribution was counted (no such field, no
    // class code, no parent) loads and verifies.
    let text = std::fs::read_to_string(&original).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("attribution:"))
        .expect("the replay records its attribution");
    let indent = lines[start].len() - lines[start].trim_start().len();
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.trim() == "}," && l.len() - l.trim_start().len() == indent)
            .unwrap();
    let old = [&lines[..start], &lines[end + 1..]].concat().join("\n");
    let old = old
        .replace("    class_code: \"\",\n", "")
        .replace("    parent: None,\n", "");
    assert!(
        !old.contains("attribution") && !old.contains("class_code"),
        "{old}"
    );
    let old = parse_replay("old.ron", &old).unwrap();
    assert!(verify(&old).is_ok());
}

#[test]
fn a_class_code_is_written_read_back_and_graded() {
    let dir = temp_dir("class-code");
    let original = original(&dir);
    let replay = load_replay(&original).unwrap().with_class_code("period-3");
    let class = dir.join("class");
    std::fs::create_dir_all(&class).unwrap();
    replay.write(&class.join("alice.ron")).unwrap();
    assert_eq!(
        load_replay(&class.join("alice.ron")).unwrap().class_code,
        "period-3"
    );
    let scenario = dir.join("small.ron");
    let text = std::fs::read_to_string(format!(
        "{}/assets/scenarios/first_steps.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    std::fs::write(&scenario, text.replacen("agents: 3000,", "agents: 600,", 1)).unwrap();
    let grades = dir.join("grades.csv");
    let output = rapport(&[
        "grade",
        "--scenario",
        scenario.to_str().unwrap(),
        class.to_str().unwrap(),
        "--out",
        grades.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = std::fs::read_to_string(&grades).unwrap();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("rank,file,player,class_code,verified,"),
        "{csv}"
    );
    assert!(
        lines.next().unwrap().contains(",broadcaster,period-3,yes,"),
        "{csv}"
    );
}

#[test]
fn a_plans_file_is_a_list_of_weeks_of_actions() {
    let plans = parse_plans(
        "plans.ron",
        "[[(kind: Publish, day: 0, platform: 0, content: Photo, target: Everyone)], []]",
    )
    .unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0].actions.len(), 1);
    assert!(parse_plans("plans.ron", "[]").is_err());
    // The example in docs/CLASSROOM.md is a plans file.
    let docs = std::fs::read_to_string(format!("{}/docs/CLASSROOM.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let start = docs.find("```ron\n").expect("the plans example") + 7;
    let end = start + docs[start..].find("```").unwrap();
    assert_eq!(parse_plans("CLASSROOM.md", &docs[start..end]).unwrap().len(), 2);
    assert!(parse_plans("plans.ron", "(weeks: [])").is_err());
}

#[test]
fn whatif_says_the_weeks_it_shared_and_never_weeks_1_to_0() {
    let dir = temp_dir("whatif-weeks");
    let original = original(&dir);
    for (from_week, shared) in [
        ("1", "every week played anew"),
        ("2", "week 1 as played"),
        ("3", "weeks 1 to 2 as played"),
    ] {
        let output = rapport(&[
            "whatif",
            original.to_str().unwrap(),
            "--from-week",
            from_week,
            "--strategy",
            "networker",
            "--replay",
            dir.join(format!("from-{from_week}.ron")).to_str().unwrap(),
        ]);
        let text = stdout(&output);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(text.contains(shared), "--from-week {from_week}: {text}");
        assert!(!text.contains("to 0"), "--from-week {from_week}: {text}");
    }
}

#[test]
fn a_plans_file_written_is_read_back_as_the_same_weeks() {
    let replay = parse_replay(
        "original.ron",
        &std::fs::read_to_string(original(&temp_dir("plans-text"))).unwrap(),
    )
    .unwrap();
    let plans = replay.plans();
    let text = plans_text(&plans);
    assert_eq!(parse_plans("plans.ron", &text).unwrap(), plans);
}

/// `explain --json` tells each advice with its gain on the run's seed, its
/// seeds and its plans; `whatif` with those plans from its week scores the
/// run's score plus the gain. On small games of several scenarios (a
/// market's among them, whose rivals replay their rules) and strategies.
#[test]
fn explained_advice_replays_with_whatif_to_the_score_it_promised() {
    let dir = temp_dir("advice-round-trip");
    let cases = [
        ("first_steps", "broadcaster", "600"),
        ("first_steps", "automator", "600"),
        ("corner_bakery", "balanced", "1500"),
        ("corner_bakery", "advertiser", "1500"),
        ("same_street", "broadcaster", "2000"),
    ];
    let mut told = 0;
    for (scenario, strategy, agents) in cases {
        let name = format!("{scenario}-{strategy}");
        let replay = dir.join(format!("{name}.ron"));
        let output = rapport(&[
            "run",
            "--scenario",
            scenario,
            "--strategy",
            strategy,
            "--agents",
            agents,
            "--replay",
            replay.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let explained = json(&rapport(&["explain", replay.to_str().unwrap(), "--json"]));
        let score = explained["score"].as_f64().unwrap();
        for (i, advice) in explained["advice"].as_array().unwrap().iter().enumerate() {
            let gain = advice["gain"].as_f64().unwrap();
            assert!(gain > 0.0, "{name}: {advice}");
            assert!(advice["sentence"].as_str().unwrap().contains("On your seed"));
            let seeds = advice["seeds"].as_array().unwrap();
            assert_eq!(seeds.len(), 5, "{name}: {advice}");
            assert_eq!(seeds[0]["gain"].as_f64(), Some(gain));
            let plans = dir.join(format!("{name}-plans{i}.ron"));
            std::fs::write(&plans, advice["plans"].as_str().unwrap()).unwrap();
            let from_week = advice["from_week"].as_u64().unwrap().to_string();
            let out = dir.join(format!("{name}-branch{i}.ron"));
            let result = json(&rapport(&[
                "whatif",
                replay.to_str().unwrap(),
                "--from-week",
                &from_week,
                "--plans",
                plans.to_str().unwrap(),
                "--replay",
                out.to_str().unwrap(),
                "--json",
            ]));
            let branch = result["branch"]["score"].as_f64().unwrap();
            assert!(
                (branch - (score + gain)).abs() < 1e-9,
                "{name}: {branch} vs {score} + {gain}"
            );
            told += 1;
        }
    }
    // Some of these runs had something to gain.
    assert!(told > 0);
}
