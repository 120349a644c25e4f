//! Grading that cannot be gamed (issue 15): a hand-in counts only on the
//! class's seed and audience size, copies under other names are flagged,
//! the player's name is sealed into the replay, and `grades.csv` carries
//! what a gradebook needs. And the week report's numbers add up: people
//! reached are distinct people, replies never outnumber the comments the
//! sentence speaks of.

use super::common::{rapport, scenario, stderr, stdout, strategy, temp_dir};
use rapport::files::replay::{Mismatch, Replay, load_replay, parse_replay, verify};
use rapport::report::narrative::notable_events;
use rapport::report::weekly::weekly_rows;
use rapport::sim::{Scenario, Simulation, WeekPlan, play};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const CLASS_SEED: u64 = 31337;
const CLASS_AGENTS: u32 = 2000;

/// The class's copy of the corner bakery: seed 31337, 2,000 people.
fn class_file(dir: &Path) -> (PathBuf, Scenario) {
    let file = dir.join("week3.ron");
    let text = std::fs::read_to_string(format!(
        "{}/assets/scenarios/corner_bakery.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replacen("seed: 2024,", &format!("seed: {CLASS_SEED},"), 1)
    .replacen("agents: 10000,", &format!("agents: {CLASS_AGENTS},"), 1);
    std::fs::write(&file, text).unwrap();
    let mut class = scenario("corner_bakery").with_agents(CLASS_AGENTS);
    class.seed = CLASS_SEED;
    (file, class)
}

fn hand_in(dir: &Path, name: &str, game: &Simulation, source: &Path) -> PathBuf {
    let file = dir.join(format!("{name}.ron"));
    Replay::of(game, source.to_str().unwrap(), name)
        .write(&file)
        .unwrap();
    file
}

fn grade(class_file: &Path, handins: &Path, out: &Path) -> (String, Vec<Vec<String>>) {
    let output = rapport(&[
        "grade",
        "--scenario",
        class_file.to_str().unwrap(),
        handins.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = vec![header];
    for record in reader.records() {
        rows.push(record.unwrap().iter().map(String::from).collect());
    }
    (stdout(&output), rows)
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column `{name}`"))
}

fn row<'a>(rows: &'a [Vec<String>], file_end: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[1].ends_with(file_end))
        .unwrap_or_else(|| panic!("no row for {file_end}"))
}

#[test]
fn another_seed_or_size_is_named_and_not_ranked_and_verify_agrees() {
    let dir = temp_dir("grading-setup");
    let (file, class) = class_file(&dir);
    let handins = dir.join("handins");
    std::fs::create_dir_all(&handins).unwrap();
    let class = Arc::new(class);
    let balanced = strategy("balanced");
    hand_in(
        &handins,
        "alice",
        &play(Arc::clone(&class), CLASS_SEED, &balanced),
        &file,
    );
    // A seed hunted for a better score, and a run on 500 people.
    let lucky = hand_in(
        &handins,
        "lucky",
        &play(Arc::clone(&class), 31345, &balanced),
        &file,
    );
    let small = hand_in(
        &handins,
        "small",
        &play(Arc::new(class.with_agents(500)), CLASS_SEED, &balanced),
        &file,
    );

    let (printed, rows) = grade(&file, &handins, &dir.join("grades.csv"));
    let (reason, verified) = (column(&rows, "reason"), column(&rows, "verified"));
    assert_eq!(row(&rows, "alice.ron")[verified], "yes");
    assert_eq!(
        row(&rows, "lucky.ron")[reason],
        "played on seed 31345; the class plays 31337"
    );
    assert_eq!(
        row(&rows, "small.ron")[reason],
        "played with 500 people; the class plays with 2,000"
    );
    assert_eq!(
        (
            row(&rows, "lucky.ron")[verified].as_str(),
            row(&rows, "small.ron")[0].as_str()
        ),
        ("no", "")
    );
    assert!(printed.contains("1 ranked, 2 not ranked"), "{printed}");

    // verify with the class's scenario fails them as grade does ...
    for (handin, why) in [
        (&lucky, "played on seed 31345"),
        (&small, "played with 500 people"),
    ] {
        let output = rapport(&[
            "verify",
            "--scenario",
            file.to_str().unwrap(),
            handin.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
        assert!(stdout(&output).contains(&format!("UNVERIFIED {}: {why}", handin.display())));
    }
    // ... and without it proves them genuine, saying grade will not rank them.
    let output = rapport(&["verify", lucky.to_str().unwrap(), small.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("the class plays 31337), so `grade` does not rank it"),
        "{text}"
    );
    assert!(
        text.contains("the class plays with 2,000), so `grade` does not rank it"),
        "{text}"
    );
}

#[test]
fn copies_under_other_names_are_flagged_in_the_output_and_the_csv() {
    let dir = temp_dir("grading-copies");
    let (file, class) = class_file(&dir);
    let handins = dir.join("handins");
    std::fs::create_dir_all(&handins).unwrap();
    let class = Arc::new(class);
    let game = play(Arc::clone(&class), CLASS_SEED, &strategy("networker"));
    hand_in(&handins, "alice", &game, &file);
    hand_in(&handins, "bob", &game, &file);
    // Carol copies alice's plans but leaves week 7 empty to hide it.
    let mut carol = Simulation::new(Arc::clone(&class), CLASS_SEED);
    for (w, plan) in game.plans().iter().enumerate() {
        let plan = if w == 6 { WeekPlan::default() } else { plan.clone() };
        carol.run_week(&plan).unwrap();
    }
    hand_in(&handins, "carol", &carol, &file);
    hand_in(
        &handins,
        "dave",
        &play(Arc::clone(&class), CLASS_SEED, &strategy("broadcaster")),
        &file,
    );

    let (printed, rows) = grade(&file, &handins, &dir.join("grades.csv"));
    let copies = column(&rows, "copies");
    let alice = &row(&rows, "alice.ron")[copies];
    assert!(
        alice.contains("same plans as ") && alice.contains("bob.ron (bob)"),
        "{alice}"
    );
    assert!(
        alice.contains("carol.ron (carol) in every week but week 7"),
        "{alice}"
    );
    assert!(row(&rows, "bob.ron")[copies].contains("alice.ron (alice)"));
    assert!(row(&rows, "carol.ron")[copies].contains("alice.ron (alice) in every week but week 7"));
    assert_eq!(row(&rows, "dave.ron")[copies], "");
    assert!(printed.contains("COPY? same plans as"), "{printed}");
    assert!(printed.contains("3 flagged as copies"), "{printed}");
    // Copies are still ranked: the flag is for the instructor to look at.
    assert!(rows[1..].iter().all(|r| r[column(&rows, "verified")] == "yes"));
}

#[test]
fn an_edited_name_fails_and_an_unsealed_replay_still_verifies() {
    let dir = temp_dir("grading-seal");
    let (file, class) = class_file(&dir);
    let game = play(Arc::new(class), CLASS_SEED, &strategy("balanced"));
    let replay = Replay::of(&game, file.to_str().unwrap(), "alice").with_class_code("BUS210");
    let text = replay.to_text();
    assert!(replay.is_sealed() && text.contains("seal: Some("), "{text}");
    assert!(verify(&parse_replay("a.ron", &text).unwrap()).is_ok());

    for (what, edited) in [
        (
            "name",
            text.replacen("player: \"alice\"", "player: \"mallory\"", 1),
        ),
        (
            "class code",
            text.replacen("class_code: \"BUS210\"", "class_code: \"BUS211\"", 1),
        ),
    ] {
        assert_ne!(edited, text, "{what}");
        let edited = parse_replay("m.ron", &edited).unwrap();
        assert_eq!(verify(&edited).unwrap_err(), Mismatch::Seal, "{what}");
    }

    // A replay written before seals: verifies, and says it is unsealed.
    let seal_line = text.lines().find(|l| l.contains("seal:")).unwrap();
    let old = text.replacen(&format!("{seal_line}\n"), "", 1);
    let handins = dir.join("handins");
    std::fs::create_dir_all(&handins).unwrap();
    std::fs::write(handins.join("old.ron"), &old).unwrap();
    std::fs::write(
        handins.join("forged.ron"),
        text.replacen("\"alice\"", "\"mallory\"", 1),
    )
    .unwrap();
    let loaded = load_replay(&handins.join("old.ron")).unwrap();
    assert!(!loaded.is_sealed());
    assert!(verify(&loaded).is_ok());
    let output = rapport(&["verify", handins.join("old.ron").to_str().unwrap()]);
    assert!(
        output.status.success() && stdout(&output).contains(", unsealed"),
        "{}",
        stdout(&output)
    );

    let (_, rows) = grade(&file, &handins, &dir.join("grades.csv"));
    assert_eq!(row(&rows, "old.ron")[column(&rows, "sealed")], "no");
    assert_eq!(row(&rows, "old.ron")[column(&rows, "verified")], "yes");
    let forged = row(&rows, "forged.ron");
    assert_eq!(forged[column(&rows, "verified")], "no");
    assert!(
        forged[column(&rows, "reason")].contains("the seal does not match"),
        "{forged:?}"
    );
}

#[test]
fn grades_csv_has_seed_state_hash_and_gradebook_columns() {
    let dir = temp_dir("grading-csv");
    let (file, class) = class_file(&dir);
    let handins = dir.join("handins");
    std::fs::create_dir_all(&handins).unwrap();
    let game = play(Arc::new(class), CLASS_SEED, &strategy("balanced"));
    let replay = Replay::of(&game, file.to_str().unwrap(), "  Ada  Lovelace ").with_class_code("BUS210-wk3");
    replay.write(&handins.join("ada.ron")).unwrap();

    let (_, rows) = grade(&file, &handins, &dir.join("grades.csv"));
    assert!(
        rows[0]
            .join(",")
            .starts_with("rank,file,player,class_code,verified,")
    );
    let ada = row(&rows, "ada.ron");
    let get = |name: &str| ada[column(&rows, name)].clone();
    assert_eq!(get("seed"), "31337");
    assert_eq!(get("agents"), "2000");
    assert_eq!(get("final_state_hash"), format!("{:016x}", game.state_hash()));
    assert_eq!(get("student"), "Ada  Lovelace");
    assert_eq!(get("student_key"), "ada lovelace");
    assert_eq!(get("class_code"), "BUS210-wk3");
    assert_eq!(get("grade_percent"), format!("{:.1}", game.kpis().score * 100.0));
    assert_eq!(get("sealed"), "yes");
}

/// Every week of a game: the people reached are distinct people (at least
/// any one day's, at most the audience and the daily reach summed), the
/// replies never outnumber the comments there were to answer, and the
/// report's sentences say those numbers.
fn numbers_add_up(game: &Simulation, label: &str) {
    let agents = u64::from(game.scenario().agents);
    let history = game.history();
    for (w, row) in weekly_rows(history).iter().enumerate() {
        let days = &history[1 + w * 7..1 + (w + 1) * 7];
        let most_in_a_day = days.iter().map(|d| d.reach).max().unwrap_or(0);
        assert!(
            most_in_a_day <= row.people_reached && row.people_reached <= agents.min(row.reach),
            "{label} week {}: {most_in_a_day} <= {} <= min({agents}, {})",
            row.week,
            row.people_reached,
            row.reach
        );
        assert!(
            row.replies <= row.comments + row.complaints + row.comments_waiting_before,
            "{label} week {}: {} replies to {} comments, {} complaints and {} waiting",
            row.week,
            row.replies,
            row.comments,
            row.complaints,
            row.comments_waiting_before
        );
        let lines = notable_events(row);
        let people = rapport::report::format::count(row.people_reached);
        assert!(
            lines[0].contains(&format!(" by {people} people;")),
            "{label}: {}",
            lines[0]
        );
    }
}

#[test]
fn flash_sale_reaches_no_more_people_than_it_has() {
    let s = Arc::new(scenario("flash_sale"));
    for id in ["advertiser", "broadcaster"] {
        let game = play(Arc::clone(&s), s.seed, &strategy(id));
        numbers_add_up(&game, &format!("flash_sale/{id}"));
        let most = weekly_rows(game.history())
            .iter()
            .map(|r| r.people_reached)
            .max()
            .unwrap();
        assert!(most <= u64::from(s.agents), "{most} of {}", s.agents);
    }
}

#[test]
fn the_storm_week_answers_no_more_comments_than_there_were() {
    let s = Arc::new(scenario("review_storm"));
    // The storm is `week: 4` in the file: the game's week 5.
    assert_eq!(s.events[0].week, 4);
    for id in ["networker", "balanced", "broadcaster"] {
        let game = play(Arc::clone(&s), s.seed, &strategy(id));
        numbers_add_up(&game, &format!("review_storm/{id}"));
        let rows = weekly_rows(game.history());
        let storm = &rows[4];
        let line = notable_events(storm)
            .into_iter()
            .find(|l| l.contains("you answered"))
            .unwrap_or_default();
        if storm.comments_waiting_before > 0 {
            assert!(
                line.contains("from earlier weeks were still waiting"),
                "{id}: {line}"
            );
        } else if storm.comments > 0 {
            assert!(storm.replies <= storm.comments + storm.complaints, "{id}: {line}");
        }
        // The storm's complaints are said, and counted among what was answered.
        assert!(storm.complaints > 0, "{id}");
        assert!(
            line.contains(&format!("{} complaints came in", storm.complaints)),
            "{id}: {line}"
        );
    }
}

#[test]
fn people_and_replies_add_up_over_scenarios_and_seeds() {
    for id in [
        "corner_bakery",
        "community_drive",
        "review_storm",
        "first_steps",
        "same_street",
    ] {
        let s = Arc::new(scenario(id).with_agents(3000));
        for seed in [1, 2, 3] {
            for strategy_id in ["balanced", "broadcaster", "networker"] {
                let game = play(Arc::clone(&s), seed, &strategy(strategy_id));
                numbers_add_up(&game, &format!("{id}/{seed}/{strategy_id}"));
            }
        }
    }
}

#[test]
fn check_says_which_game_week_an_event_falls_in() {
    let output = rapport(&[
        "check",
        &format!("{}/assets/scenarios/review_storm.ron", env!("CARGO_MANIFEST_DIR")),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("review storm in game week 5, day 3 (file `week: 4, day: 2`, counted from 0)"),
        "{}",
        stdout(&output)
    );
}
