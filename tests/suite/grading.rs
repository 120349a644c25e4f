//! Grading that cannot be gamed (issue 15): a hand-in counts only on the
//! class's seed and audience size, copies under other names are flagged,
//! the player's name is sealed into the replay, and `grades.csv` carries
//! what a gradebook needs. And the week report's numbers add up: people
//! reached are distinct people, replies never outnumber the comments the
//! sentence speaks of.

use super::common::{random_plan, rapport, scenario, stderr, stdout, strategy, temp_dir};
use rapport::files::replay::{Mismatch, Replay, load_replay, parse_replay, verify};
use rapport::files::roster::Roster;
use rapport::report::charts::is_png;
use rapport::report::copies::{Actions, COPY_THRESHOLD, all_similarities};
use rapport::report::narrative::notable_events;
use rapport::report::weekly::weekly_rows;
use rapport::sim::{PlannedAction, Replaying, Rng, Scenario, Simulation, Stream, WeekPlan, play};
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

/// A game of random legal plans (what an honest student's game looks like
/// to copy detection: chosen independently of everyone else's).
fn random_game(class: &Arc<Scenario>, student: u64) -> Simulation {
    let mut rng = Rng::keyed(2525, Stream::Events, 9, student);
    let probe = Simulation::new(Arc::clone(class), CLASS_SEED);
    let plans: Vec<WeekPlan> = (0..class.weeks).map(|_| random_plan(&probe, &mut rng)).collect();
    replayed(class, &plans)
}

fn replayed(class: &Arc<Scenario>, plans: &[WeekPlan]) -> Simulation {
    Simulation::replay(Replaying::solo(class, CLASS_SEED, plans)).unwrap()
}

/// `plans` with every action's day changed by `shift` (kept within the week).
fn moved(plans: &[WeekPlan], shift: impl Fn(usize, usize, u8) -> u8) -> Vec<WeekPlan> {
    plans
        .iter()
        .enumerate()
        .map(|(w, plan)| WeekPlan {
            actions: plan
                .actions
                .iter()
                .enumerate()
                .map(|(k, a)| PlannedAction {
                    day: shift(w, k, a.day),
                    ..*a
                })
                .collect(),
        })
        .collect()
}

#[test]
fn copies_by_action_are_flagged_and_an_honest_class_of_thirty_is_not() {
    let dir = temp_dir("grading-copies");
    let (file, class) = class_file(&dir);
    let handins = dir.join("handins");
    std::fs::create_dir_all(&handins).unwrap();
    let class = Arc::new(class);
    let honest: Vec<Simulation> = (0..30).map(|s| random_game(&class, s)).collect();
    for (s, game) in honest.iter().enumerate() {
        hand_in(&handins, &format!("student{s:02}"), game, &file);
    }
    // The distribution of the honest class's similarities, pair by pair.
    let actions: Vec<Actions> = honest
        .iter()
        .map(|g| Actions::of(&g.plans().iter().map(|p| p.actions.clone()).collect::<Vec<_>>()))
        .collect();
    let mut similarities = all_similarities(&actions);
    similarities.sort_by(f64::total_cmp);
    let at = |q: f64| similarities[((similarities.len() - 1) as f64 * q) as usize];
    println!(
        "honest class of 30, {} pairs: median {:.3}, 95th percentile {:.3}, 99th {:.3}, max {:.3} \
         (threshold {COPY_THRESHOLD})",
        similarities.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        similarities[similarities.len() - 1]
    );
    assert!(similarities[similarities.len() - 1] < COPY_THRESHOLD / 2.0);

    // Near-copies of student 0: weeks 11 and 12 changed, every action a
    // day later, one action moved a day in every week; a built-in renamed.
    let original: Vec<WeekPlan> = honest[0].plans().to_vec();
    let mut two_weeks = original.clone();
    let other = honest[29].plans();
    two_weeks[10] = other[10].clone();
    two_weeks[11] = other[11].clone();
    let shifted = moved(&original, |_, _, day| if day == 6 { 5 } else { day + 1 });
    let one_moved = moved(&original, |_, k, day| if k == 0 { (day + 1) % 7 } else { day });
    let near = [
        ("mallory", &two_weeks),
        ("oscar", &shifted),
        ("peggy", &one_moved),
    ];
    for (name, plans) in near {
        hand_in(&handins, name, &replayed(&class, plans), &file);
    }
    hand_in(
        &handins,
        "trent",
        &play(Arc::clone(&class), CLASS_SEED, &strategy("networker")),
        &file,
    );

    let (printed, rows) = grade(&file, &handins, &dir.join("grades.csv"));
    let (copies, follows) = (column(&rows, "copies"), column(&rows, "follows"));
    for name in ["mallory", "oscar", "peggy"] {
        let flagged = &row(&rows, &format!("{name}.ron"))[copies];
        println!("{name}: {flagged}");
        assert!(
            flagged.contains("student00.ron (student00)") && flagged.contains("similarity"),
            "{name}: {flagged}"
        );
    }
    assert!(
        row(&rows, "mallory.ron")[copies].contains("weeks 1-10 alike"),
        "{:?}",
        row(&rows, "mallory.ron")
    );
    let original_row = &row(&rows, "student00.ron")[copies];
    assert!(
        ["mallory.ron", "oscar.ron", "peggy.ron"]
            .iter()
            .all(|n| original_row.contains(n)),
        "{original_row}"
    );
    for s in 1..30 {
        let honest_row = row(&rows, &format!("student{s:02}.ron"));
        assert_eq!(honest_row[copies], "", "student{s:02}");
        assert_eq!(honest_row[follows], "", "student{s:02}");
    }
    let trent = row(&rows, "trent.ron");
    assert!(
        trent[follows].contains("follows the built-in `networker`"),
        "{trent:?}"
    );
    assert_eq!(trent[copies], "");
    assert!(printed.contains("COPY? plans like "), "{printed}");
    assert!(
        printed.contains("4 flagged as copies, 1 following a built-in strategy"),
        "{printed}"
    );
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
        let people = rapport::text::counted(row.people_reached, "person", "people");
        assert!(
            lines[0].contains(&format!(", and {people} saw them or heard from you;")),
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

/// An instructor's folder for Ada, Fay and Bo, and each one's code.
fn roster_of_three(dir: &Path) -> (PathBuf, Roster) {
    let names = dir.join("names.csv");
    std::fs::write(
        &names,
        "Student,SIS Login ID\nPoints Possible,\n\"Lovelace, Ada\",ada\nFay Smith,fay\nBo Chen,bo\n",
    )
    .unwrap();
    let folder = dir.join("instructor");
    let output = rapport(&[
        "class",
        "roster",
        "--names",
        names.to_str().unwrap(),
        "--out",
        folder.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("3 students on the roster (3 new)"),
        "{}",
        stdout(&output)
    );
    (folder.clone(), Roster::load(&folder).unwrap())
}

fn code(roster: &Roster, who: &str) -> String {
    roster.code_of(roster.find(who).unwrap())
}

#[test]
fn a_seal_made_without_the_students_code_fails_verify_roster_and_is_not_ranked() {
    let dir = temp_dir("grading-roster");
    let (file, class) = class_file(&dir);
    let (folder, roster) = roster_of_three(&dir);
    let handins = dir.join("handins");
    let class = Arc::new(class);
    let game = play(Arc::clone(&class), CLASS_SEED, &strategy("balanced"));
    let source = file.to_str().unwrap();
    let of = |name: &str| Replay::of(&game, source, name).with_class_code("BUS210");
    // Ada's own game, sealed with her code (as `run --code` and the window do).
    of("Ada Lovelace")
        .sealed_with_code(&code(&roster, "ada"))
        .unwrap()
        .write(&handins.join("ada.ron"))
        .unwrap();
    // A script that reads the source reseals a forged name: an unkeyed seal.
    let mut forged = of("Ada Lovelace");
    forged.player = "Bo Chen".into();
    forged.sealed().write(&handins.join("forged.ron")).unwrap();
    // A made-up code of the right shape (not one the roster gives).
    let made_up = Roster::new(
        roster.students.clone(),
        rapport::files::roster::ClassSecret::from_bytes([9; 32]),
    );
    of("Bo Chen")
        .sealed_with_code(&code(&made_up, "bo"))
        .unwrap()
        .write(&handins.join("guessed.ron"))
        .unwrap();
    // Fay's code under Bo's name (a code passed to a classmate).
    of("Bo Chen")
        .sealed_with_code(&code(&roster, "fay"))
        .unwrap()
        .write(&handins.join("borrowed.ron"))
        .unwrap();
    // Someone not on the roster.
    of("Eve").write(&handins.join("eve.ron")).unwrap();

    let files: Vec<String> = ["ada", "forged", "guessed", "borrowed", "eve"]
        .iter()
        .map(|n| handins.join(format!("{n}.ron")).display().to_string())
        .collect();
    let mut args = vec!["verify", "--roster", folder.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let output = rapport(&args);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    for (name, says) in [
        ("ada", "verified   "),
        ("forged", "UNVERIFIED "),
        ("guessed", "UNVERIFIED "),
        ("borrowed", "UNVERIFIED "),
        ("eve", "UNVERIFIED "),
    ] {
        assert!(
            text.contains(&format!(
                "{says}{}",
                handins.join(format!("{name}.ron")).display()
            )),
            "{name}: {text}"
        );
    }
    assert!(
        text.contains("sealed by Lovelace, Ada (ada) with their own code"),
        "{text}"
    );
    // Without the roster the forged file verifies, and says its seal is unkeyed.
    let output = rapport(&["verify", &files[1]]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(stdout(&output).contains("unkeyed seal"), "{}", stdout(&output));

    let output = rapport(&[
        "grade",
        "--scenario",
        source,
        handins.to_str().unwrap(),
        "--roster",
        folder.to_str().unwrap(),
        "--out",
        dir.join("grades.csv").to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows = read_csv(&dir.join("grades.csv"));
    let (reason, student_id) = (column(&rows, "reason"), column(&rows, "student_id"));
    assert_eq!(row(&rows, "ada.ron")[0], "1");
    assert_eq!(row(&rows, "ada.ron")[student_id], "ada");
    assert_eq!(row(&rows, "ada.ron")[column(&rows, "seal")], "keyed");
    for (name, why) in [
        ("forged.ron", "sealed without a student's code"),
        (
            "guessed.ron",
            "the seal was not made with the code of Bo Chen (bo)",
        ),
        (
            "borrowed.ron",
            "sealed with the code of Fay Smith (fay), but names itself `Bo Chen`",
        ),
        ("eve.ron", "sealed without a student's code"),
    ] {
        let r = row(&rows, name);
        assert_eq!(r[0], "", "{name} is not ranked");
        assert!(r[reason].contains(why), "{name}: {}", r[reason]);
    }
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = vec![header];
    for record in reader.records() {
        rows.push(record.unwrap().iter().map(String::from).collect());
    }
    rows
}

#[test]
fn hidden_seeds_rank_with_intervals_and_say_which_neighbours_are_not_distinguishable() {
    let dir = temp_dir("grading-hidden");
    let (file, class) = class_file(&dir);
    let (folder, roster) = roster_of_three(&dir);
    let handins = dir.join("handins");
    let class = Arc::new(class);
    let source = file.to_str().unwrap();
    for (who, id, file_name) in [
        ("Lovelace, Ada", "balanced", "lovelace.ron"),
        ("Fay Smith", "broadcaster", "smith.ron"),
        ("Bo Chen", "balanced", "chen.ron"),
    ] {
        let game = play(Arc::clone(&class), CLASS_SEED, &strategy(id));
        Replay::of(&game, source, who)
            .sealed_with_code(&code(&roster, who))
            .unwrap()
            .write(&handins.join(file_name))
            .unwrap();
    }
    let out = dir.join("grades.csv");
    let grade_on = |seeds: &str| {
        rapport(&[
            "grade",
            "--scenario",
            source,
            handins.to_str().unwrap(),
            "--roster",
            folder.to_str().unwrap(),
            "--seeds",
            seeds,
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let output = grade_on("8");
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(
        printed.contains("on 8 hidden seeds (mean and 95% interval)"),
        "{printed}"
    );
    let rows = read_csv(&out);
    let (mean, low, high) = (
        column(&rows, "hidden_mean"),
        column(&rows, "hidden_low"),
        column(&rows, "hidden_high"),
    );
    let number = |r: &[String], c: usize| r[c].parse::<f64>().unwrap();
    let ranked: Vec<&Vec<String>> = rows[1..].iter().filter(|r| !r[0].is_empty()).collect();
    assert_eq!(ranked.len(), 3);
    for (i, r) in ranked.iter().enumerate() {
        assert_eq!(r[0], (i + 1).to_string());
        assert_eq!(r[column(&rows, "hidden_seeds")], "8");
        assert!(
            number(r, low) <= number(r, mean) && number(r, mean) <= number(r, high),
            "{r:?}"
        );
        if i > 0 {
            assert!(number(ranked[i - 1], mean) >= number(r, mean));
        }
    }
    // Ada and Bo played the same plans: the seeds cannot tell them apart.
    let indistinct = column(&rows, "not_distinguishable_from");
    assert!(
        row(&rows, "lovelace.ron")[indistinct].contains("chen.ron"),
        "{rows:?}"
    );
    assert!(
        row(&rows, "chen.ron")[indistinct].contains("lovelace.ron"),
        "{rows:?}"
    );
    // The class seed's own score is kept apart, and the hidden seeds are
    // the same each time (a grading can be run again).
    assert!(!row(&rows, "smith.ron")[column(&rows, "score")].is_empty());
    let again = grade_on("8");
    assert!(again.status.success());
    assert_eq!(read_csv(&out), rows);
    // Hidden seeds need the class secret.
    let output = rapport(&[
        "grade",
        "--scenario",
        source,
        handins.to_str().unwrap(),
        "--seeds",
        "4",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--roster"), "{}", stderr(&output));
}

#[test]
fn grades_csv_runs_no_formula_warns_of_one_students_two_games_and_finds_every_hand_in_once() {
    let dir = temp_dir("grading-gradebook");
    let (file, class) = class_file(&dir);
    let class = Arc::new(class);
    let source = file.to_str().unwrap();
    let game = play(Arc::clone(&class), CLASS_SEED, &strategy("balanced"));
    let other = play(Arc::clone(&class), CLASS_SEED, &strategy("networker"));
    // An LMS export: one folder per student, any case of `.ron`.
    let export = dir.join("export");
    let write = |path: PathBuf, name: &str, class_code: &str, game: &Simulation| {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        Replay::of(game, source, name)
            .with_class_code(class_code)
            .write(&path)
            .unwrap();
        path
    };
    let formula = write(
        export.join("s1").join("replay.RON"),
        "=HYPERLINK(\"http://evil\",\"click\")",
        "BUS210",
        &game,
    );
    write(export.join("s2").join("Game.Ron"), "Fay  Smith", "BUS210", &other);
    write(
        export.join("s3").join("a").join("x.ron"),
        "fay smith",
        "BUS210",
        &game,
    );
    write(export.join("s4").join("late.ron"), "Gus", "BUS211", &other);
    std::fs::write(export.join("s5.ron"), "Replay(version: 1").unwrap();
    std::fs::write(export.join("notes.txt"), "not a replay").unwrap();

    let out = dir.join("grades.csv");
    let output = rapport(&[
        "grade",
        "--scenario",
        source,
        export.to_str().unwrap(),
        formula.to_str().unwrap(),
        "--class-code",
        "bus210",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    let rows = read_csv(&out);
    // Five replay files found, the one given twice counted once.
    assert_eq!(rows.len() - 1, 5, "{rows:?}");
    let bytes = std::fs::read_to_string(&out).unwrap();
    for line in bytes.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{line}");
        }
    }
    let player = column(&rows, "player");
    assert_eq!(
        row(&rows, "replay.RON")[player],
        "'=HYPERLINK(\"http://evil\",\"click\")"
    );
    assert!(
        printed.contains("warning: 2 hand-ins are by the student_key `fay smith`"),
        "{printed}"
    );
    assert!(row(&rows, "Game.Ron")[column(&rows, "same_student")].ends_with("x.ron"));
    let late = row(&rows, "late.ron");
    assert_eq!(late[0], "");
    assert!(
        late[column(&rows, "reason")].contains("class code `BUS211`; this grading ranks class `bus210`"),
        "{late:?}"
    );
    assert!(row(&rows, "s5.ron")[column(&rows, "reason")].starts_with("cannot be read"));
    assert!(printed.contains("3 ranked, 2 not ranked"), "{printed}");
    // The rubric is in the header: the scenario's goals and their weights.
    assert!(
        rows[0]
            .iter()
            .any(|c| c.starts_with("rubric_score (goal score 100% (")),
        "{:?}",
        rows[0]
    );
}

#[test]
fn run_seals_with_a_personal_code_and_a_typo_in_it_is_caught_before_playing() {
    let dir = temp_dir("grading-run-code");
    let (file, _) = class_file(&dir);
    let (folder, roster) = roster_of_three(&dir);
    let replay = dir.join("fay.ron");
    let fay = code(&roster, "fay");
    let output = rapport(&[
        "run",
        "--scenario",
        file.to_str().unwrap(),
        "--strategy",
        "networker",
        "--player",
        "Fay Smith",
        "--class",
        "BUS210",
        "--code",
        &fay.to_uppercase(),
        "--replay",
        replay.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = load_replay(&replay).unwrap();
    assert_eq!(
        (written.player.as_str(), written.class_code.as_str()),
        ("Fay Smith", "BUS210")
    );
    assert!(written.seal.as_deref().unwrap().starts_with("hmac-sha256:"));
    let output = rapport(&[
        "verify",
        "--roster",
        folder.to_str().unwrap(),
        replay.to_str().unwrap(),
    ]);
    assert!(
        stdout(&output).contains("sealed by Fay Smith (fay) with their own code"),
        "{}",
        stdout(&output)
    );

    let mut typo: Vec<char> = fay.chars().collect();
    typo[0] = if typo[0] == 'a' { 'b' } else { 'a' };
    let typo: String = typo.into_iter().collect();
    let output = rapport(&[
        "run",
        "--scenario",
        file.to_str().unwrap(),
        "--strategy",
        "networker",
        "--player",
        "Fay Smith",
        "--code",
        &typo,
        "--replay",
        dir.join("typo.ron").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("has a typo"), "{}", stderr(&output));
    assert!(!dir.join("typo.ron").exists());
    // A lost code is printed again, the same.
    let output = rapport(&[
        "class",
        "roster",
        "--out",
        folder.to_str().unwrap(),
        "--reissue",
        "Fay Smith",
    ]);
    assert!(stdout(&output).contains(&fay), "{}", stdout(&output));
}

/// Width and height of a PNG file, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn debrief_tools_open_hand_ins_whose_scenario_file_is_gone_and_skip_what_they_cannot_read() {
    let dir = temp_dir("grading-debrief");
    let (file, class) = class_file(&dir);
    let class = Arc::new(class);
    let handins = dir.join("handins");
    std::fs::create_dir_all(&handins).unwrap();
    // Recorded as played on a file the instructor does not have.
    let gone = "/home/student/Downloads/week3.ron";
    for s in 0..8 {
        let game = random_game(&class, 100 + s);
        Replay::of(&game, gone, &format!("A student with a long name number {s}"))
            .write(&handins.join(format!("student-with-a-long-file-name-{s:02}.ron")))
            .unwrap();
    }
    std::fs::write(handins.join("truncated.ron"), "Replay(version: 1, game_").unwrap();
    let one = handins.join("student-with-a-long-file-name-00.ron");
    let scenario = file.to_str().unwrap();

    // Without --scenario the tools say what to give; with it they work.
    let output = rapport(&["explain", one.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--scenario"), "{}", stderr(&output));
    let output = rapport(&["explain", one.to_str().unwrap(), "--scenario", scenario]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Where your results came from:"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");

    let branch = dir.join("branch.ron");
    let output = rapport(&[
        "whatif",
        one.to_str().unwrap(),
        "--scenario",
        scenario,
        "--from-week",
        "6",
        "--strategy",
        "networker",
        "--replay",
        branch.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = rapport(&["verify", "--scenario", scenario, branch.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stdout(&output));

    // A class's compare: a ranked table within 100 columns, the truncated
    // file listed and skipped, projector charts.
    let charts = dir.join("charts");
    let output = rapport(&[
        "compare",
        handins.to_str().unwrap(),
        "--scenario",
        scenario,
        "--out",
        charts.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    assert!(table.lines().all(|l| l.chars().count() <= 100), "{table}");
    assert!(table.contains("8 compared, 1 skipped"), "{table}");
    assert!(stderr(&output).contains("skipped ") && stderr(&output).contains("truncated.ron"));
    for chart in ["followers", "leads", "strong_relationships", "sentiment", "hours"] {
        let path = charts.join(format!("{chart}.png"));
        assert!(is_png(&path), "{chart}");
        let (w, h) = png_size(&path);
        assert!(w >= 1600 && h >= 900, "{chart}: {w}x{h}");
    }
    // Nothing readable: a clear error, no charts.
    let output = rapport(&["compare", handins.join("truncated.ron").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no replay could be compared"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_rubric_in_the_scenario_ranks_and_is_named_in_the_header_and_a_bad_one_is_refused() {
    let dir = temp_dir("grading-rubric");
    let (file, class) = class_file(&dir);
    let text = std::fs::read_to_string(&file).unwrap();
    let rubric =
        "    rubric: Some((goals: 0.5, followers_share: 0.1, customers_share: 0.3, strong_share: 0.1)),\n";
    let with_rubric = dir.join("week3-rubric.ron");
    std::fs::write(
        &with_rubric,
        text.replacen("    goals: [", &format!("{rubric}    goals: ["), 1),
    )
    .unwrap();
    let handins = dir.join("handins");
    std::fs::create_dir_all(&handins).unwrap();
    let game = play(Arc::new(class), CLASS_SEED, &strategy("networker"));
    hand_in(&handins, "fay", &game, &file);
    // The rubric changes no game: the hand-in verifies on either file.
    let (printed, rows) = grade(&with_rubric, &handins, &dir.join("grades.csv"));
    assert!(
        printed.starts_with("ranked by goal score 50% (") && printed.contains("customers share 30%"),
        "{printed}"
    );
    let header = rows[0].iter().find(|c| c.starts_with("rubric_score (")).unwrap();
    assert!(header.contains("followers share 10%"), "{header}");
    let fay = row(&rows, "fay.ron");
    let (score, rubric_score) = (
        fay[column(&rows, "score")].parse::<f64>().unwrap(),
        fay[column(&rows, header)].parse::<f64>().unwrap(),
    );
    // Alone in its market a brand holds every share: half goal score, half 1.
    assert!(
        (rubric_score - (0.5 * score + 0.5)).abs() < 1e-3,
        "{score} {rubric_score}"
    );
    let bad = dir.join("bad.ron");
    std::fs::write(
        &bad,
        text.replacen(
            "    goals: [",
            "    rubric: Some((goals: -1.0)),\n    goals: [",
            1,
        ),
    )
    .unwrap();
    let output = rapport(&["check", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("field `rubric.goals`"),
        "{}",
        stdout(&output)
    );
}
