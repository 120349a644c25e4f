//! Class games in teams, offline: a class folder created, plans handed in,
//! rounds advanced (refused while plans are missing, forced with empty
//! weeks), reports and standings, the class replay verified and compared,
//! refusals with their reasons, and an advance interrupted before its
//! commit that the next one finishes.

use super::common::{rapport, stderr, stdout, temp_dir};
use rapport::class::ClassError;
use rapport::class::game::{ClassGame, MAX_PLAN_BYTES, market_sizes};
use rapport::files::replay::{Mismatch, load_replay, verify_markets};
use rapport::sim::{Simulation, WeekPlan};
use std::path::Path;
use std::sync::Arc;

/// Three legal weeks of `same_street` (20 hours, 100 money a week).
const PLANS: [&str; 3] = [
    "[[
        (kind: StartConversation, day: 0, platform: 0, content: Conversation, target: Everyone),
        (kind: Reply, day: 1, platform: 0, content: Photo, target: Everyone),
        (kind: EngageOthers, day: 2, platform: 0, content: Photo, target: Followers),
    ]]",
    "[[
        (kind: Publish, day: 0, platform: 0, content: Photo, target: Everyone),
        (kind: Publish, day: 3, platform: 1, content: Video, target: Everyone),
        (kind: Ad, day: 2, platform: 0, content: Offer, target: Everyone),
    ]]",
    "[[]]",
];

fn plan(team: usize, week: u32) -> &'static str {
    PLANS[(team + week as usize) % PLANS.len()]
}

fn names(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("Team {i}")).collect()
}

fn refused(result: Result<(), ClassError>) -> String {
    match result {
        Err(ClassError::Refused(reason)) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Hands in every team's plan for the round being collected.
fn hand_in_all(game: &ClassGame, week: u32) {
    for (t, team) in game.teams().iter().enumerate() {
        game.hand_in_text(&team.name, &team.code, plan(t, week)).unwrap();
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn teams_are_dealt_into_even_markets() {
    assert_eq!(market_sizes(30, 6), vec![6; 5]);
    assert_eq!(market_sizes(7, 3), vec![3, 2, 2]);
    assert_eq!(market_sizes(13, 6), vec![5, 4, 4]);
    assert_eq!(market_sizes(1, 6), vec![1]);
}

#[test]
fn a_class_game_from_new_to_a_verified_replay_through_the_binary() {
    let dir = temp_dir("class-cli");
    let class = dir.join("period3");
    let mut args = vec![
        "class",
        "new",
        "--scenario",
        "same_street",
        "--agents",
        "500",
        "--per-market",
        "3",
    ];
    let teams = names(7);
    for team in &teams {
        args.extend(["--team", team.as_str()]);
    }
    args.extend(["--out", path(&class)]);
    let output = rapport(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("Instructor key") && text.contains("market 3:"),
        "{text}"
    );
    let sheet = std::fs::read_to_string(class.join("instructor.txt")).unwrap();
    let game = ClassGame::open(&class).unwrap();
    let codes = game.teams();
    assert_eq!(codes.len(), 7);
    for team in &codes {
        assert!(
            text.contains(&team.code) && sheet.contains(&team.code),
            "{}",
            team.code
        );
    }

    // Week 1: two plans through the binary, the rest missing.
    let plan_file = dir.join("plan.ron");
    std::fs::write(&plan_file, PLANS[0]).unwrap();
    for team in &codes[..2] {
        let output = rapport(&[
            "class",
            "hand-in",
            path(&class),
            "--team",
            &team.name,
            "--code",
            &team.code,
            "--plan",
            path(&plan_file),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let output = rapport(&["class", "status", path(&class)]);
    assert!(
        stdout(&output).contains("week 1 of 12: 2 of 7 plans in"),
        "{}",
        stdout(&output)
    );
    let output = rapport(&["class", "advance", path(&class)]);
    assert_eq!(output.status.code(), Some(2));
    let reason = stderr(&output);
    assert!(
        reason.contains("Team 3") && reason.contains("Team 7") && !reason.contains("Team 1,"),
        "{reason}"
    );
    let output = rapport(&["class", "advance", path(&class), "--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("standings after week 1 of 12") && text.contains("Bean There (computer)"),
        "{text}"
    );

    // Reports: each team its own, the missing ones told so.
    let reports = game.reports(&codes[0].name, &codes[0].code).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].team, "Team 1");
    assert_eq!(reports[0].plan.actions.len(), 3);
    assert_eq!(reports[0].standings.len(), 4, "3 teams and the computer's rival");
    let empty = &game.reports(&codes[2].name, &codes[2].code).unwrap()[0];
    assert!(empty.plan.actions.is_empty());
    assert!(
        empty.lines[0].contains("No plan was handed in"),
        "{:?}",
        empty.lines
    );
    assert!(
        empty.lines.iter().any(|l| l.contains("of 7 teams")),
        "{:?}",
        empty.lines
    );
    let standings = game.standings(1).unwrap();
    assert_eq!(standings.markets.len(), 3);
    assert_eq!(standings.class.len(), 7);

    // The other eleven weeks, then the replay.
    for week in 2..=12 {
        hand_in_all(&game, week);
        game.advance(game.instructor_key(), false).unwrap();
    }
    let replay = class.join("replay.ron");
    let output = rapport(&["verify", path(&replay)]);
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    assert!(
        stdout(&output).contains("class game: 3 markets, 7 teams"),
        "{}",
        stdout(&output)
    );
    let output = rapport(&["compare", path(&replay), "--out", path(&dir.join("charts"))]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    assert!(
        table.contains("Team 1 (m1)") && table.contains("Team 7 (m3)"),
        "{table}"
    );
    // grade gives every team a row of a per-team CSV, the rubric (half
    // goal score, half market share by default) in its header.
    let teams_csv = dir.join("teams.csv");
    let output = rapport(&[
        "grade",
        "--scenario",
        "same_street",
        path(&replay),
        "--out",
        path(&teams_csv),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("7 teams graded"), "{}", stdout(&output));
    let csv = std::fs::read_to_string(&teams_csv).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with("rank,team,market,market_rank,followers,customers")
            && header.contains("rubric_score (goal score 50% (")
            && header.contains("followers share 16.7%"),
        "{header}"
    );
    assert_eq!(csv.lines().count(), 8, "{csv}");
    for refusing in [
        vec![
            "whatif",
            path(&replay),
            "--from-week",
            "2",
            "--strategy",
            "networker",
            "--replay",
            path(&dir.join("b.ron")),
        ],
        vec!["explain", path(&replay)],
    ] {
        let output = rapport(&refusing);
        assert_eq!(output.status.code(), Some(2), "{refusing:?}: {}", stdout(&output));
        assert!(stderr(&output).contains("class game"), "{}", stderr(&output));
    }
    let output = rapport(&[
        "class",
        "hand-in",
        path(&class),
        "--team",
        "Team 1",
        "--code",
        &codes[0].code,
        "--plan",
        path(&plan_file),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("late"), "{}", stderr(&output));
}

/// Plays a class of `teams` on `same_street` (500 people), every round
/// with every plan in.
fn played_class(name: &str, teams: usize, per_market: usize) -> ClassGame {
    let dir = temp_dir(name);
    let (game, _) = ClassGame::create_in_markets(
        &dir,
        "same_street",
        &names(teams),
        Some(per_market),
        Some(7),
        Some(500),
    )
    .unwrap();
    for week in 1..=game.scenario().unwrap().weeks {
        hand_in_all(&game, week);
        game.advance(game.instructor_key(), false).unwrap();
    }
    game
}

#[test]
fn advancing_round_by_round_is_playing_the_plans_straight_through() {
    let game = played_class("class-straight", 5, 2);
    let replay = game.replay().unwrap();
    assert_eq!(replay.markets.len(), 3);
    let scenario = Arc::new(game.scenario().unwrap());
    let weeks = scenario.weeks;
    let mut number = 0;
    for market in &replay.markets {
        let team_names: Vec<String> = market.teams.iter().map(|t| t.name.clone()).collect();
        let mut straight = Simulation::with_players(Arc::clone(&scenario), 7, &team_names).unwrap();
        let first = number;
        for week in 1..=weeks {
            let plans: Vec<WeekPlan> = (0..team_names.len())
                .map(|t| {
                    rapport::files::replay::parse_plans("p", plan(first + t, week))
                        .unwrap()
                        .remove(0)
                })
                .collect();
            straight.run_market_week(&plans).unwrap();
        }
        assert_eq!(
            format!("{:016x}", straight.state_hash()),
            *market.week_hashes.last().unwrap()
        );
        for (b, team) in market.teams.iter().enumerate() {
            number += 1;
            let code = &game.teams()[number - 1].code;
            let reports = game.reports(&team.name, code).unwrap();
            assert_eq!(reports.len(), weeks as usize);
            // (The reports are JSON, whose numbers may read back a last
            // digit off: the state hash and the counts say it all.)
            let (reported, played) = (
                &reports.last().unwrap().kpis,
                straight.brand_side(b).unwrap().kpis(),
            );
            assert_eq!(reported.state_hash, played.state_hash);
            assert_eq!(
                (
                    reported.followers,
                    reported.customers,
                    reported.strong_relationships
                ),
                (played.followers, played.customers, played.strong_relationships)
            );
        }
    }
    let games = verify_markets(&replay).unwrap();
    assert_eq!(games.len(), 3);
    // The file on disk is the same replay.
    assert_eq!(load_replay(&game.dir().join("replay.ron")).unwrap(), replay);
}

/// Changes one team's plan of one week (emptied, or filled when empty).
fn edit(replay: &mut rapport::files::replay::Replay, market: usize, team: usize, week: usize) {
    let some_week = replay.markets[0].teams[0]
        .weeks
        .iter()
        .find(|w| !w.is_empty())
        .unwrap()
        .clone();
    let plan = &mut replay.markets[market].teams[team].weeks[week];
    if plan.is_empty() {
        *plan = some_week;
    } else {
        plan.clear();
    }
}

#[test]
fn a_tampered_class_replay_does_not_verify_and_says_where() {
    let game = played_class("class-tamper", 4, 2);
    let replay = game.replay().unwrap();
    let mut edited = replay.clone();
    edit(&mut edited, 1, 0, 2);
    match verify_markets(&edited) {
        Err(Mismatch::MarketPlan {
            market: 2,
            week,
            teams,
        }) => {
            assert!(week == 3 && teams.contains("Team 3"), "{week} {teams}");
        }
        other => panic!("{other:?}"),
    }
    let mut edited = replay.clone();
    edited.markets[0].teams[1].kpis.followers += 1;
    match verify_markets(&edited) {
        Err(Mismatch::TeamKpis {
            market: 1,
            team,
            field,
        }) => {
            assert_eq!((team.as_str(), field.as_str()), ("Team 2", "followers"));
        }
        other => panic!("{other:?}"),
    }
    let file = game.dir().join("edited.ron");
    let mut edited = replay.clone();
    edit(&mut edited, 1, 1, 0);
    edited.write(&file).unwrap();
    let output = rapport(&["verify", path(&file)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("market 2"), "{}", stdout(&output));
}

#[test]
fn wrong_codes_unknown_teams_illegal_large_and_late_plans_are_refused() {
    let dir = temp_dir("class-refusals");
    let (game, created) =
        ClassGame::create_in_markets(&dir, "same_street", &names(2), None, None, Some(500)).unwrap();
    let team = &created.teams[0];
    assert!(refused(game.hand_in_text(&team.name, "nope", PLANS[0])).contains("wrong join code"));
    assert!(refused(game.hand_in_text("Nobody", &team.code, PLANS[0])).contains("no team called `Nobody`"));
    let ads = "(kind: Ad, day: 0, platform: 0, content: Offer, target: Everyone),".repeat(40);
    let reason = refused(game.hand_in_text(&team.name, &team.code, &format!("[[{ads}]]")));
    assert!(reason.contains("not a legal week"), "{reason}");
    let big = format!("[[]]{}", " ".repeat(MAX_PLAN_BYTES));
    assert!(refused(game.hand_in_text(&team.name, &team.code, &big)).contains("too large"));
    let reason = refused(game.hand_in_text(&team.name, &team.code, "[[], []]"));
    assert!(reason.contains("one week"), "{reason}");
    let reason = refused(game.hand_in_text(&team.name, &team.code, "[[(kind: Nap)]]"));
    assert!(reason.starts_with("plan:1:"), "{reason}");
    assert!(refused(game.advance("not the key", true).map(|_| ())).contains("wrong instructor key"));
    // Nothing refused was taken.
    assert!(!game.status(&team.name, &team.code).unwrap().handed_in);

    // A plan replaced before the round closes; late once it has.
    game.hand_in_text(&team.name, &team.code, PLANS[1]).unwrap();
    game.hand_in_text(&team.name, &team.code, PLANS[0]).unwrap();
    assert!(game.status(&team.name, &team.code).unwrap().handed_in);
    game.advance(&created.instructor_key, true).unwrap();
    let plan = WeekPlan::default();
    assert!(refused(game.hand_in_for(&team.name, &team.code, 1, &plan)).starts_with("late"));
    assert_eq!(
        game.reports(&team.name, &team.code).unwrap()[0]
            .plan
            .actions
            .len(),
        3
    );
    for _ in 2..=12 {
        game.advance(&created.instructor_key, true).unwrap();
    }
    assert!(refused(game.hand_in_text(&team.name, &team.code, PLANS[0])).starts_with("late"));
    assert!(refused(game.advance(&created.instructor_key, true).map(|_| ())).contains("over"));
    let status = game.status(&team.name, &team.code).unwrap();
    assert!(status.finished && status.round == 13);
    // A folder that holds a class already, and bad arguments.
    assert!(ClassGame::create(&dir, "same_street", &names(2), None, None).is_err());
    let other = dir.join("other");
    for (teams, per_market) in [
        (vec!["A".to_string(), "a".to_string()], None),
        (names(3), Some(6)),
    ] {
        let error = ClassGame::create_in_markets(&other, "same_street", &teams, per_market, None, None);
        assert!(matches!(error, Err(ClassError::Refused(_))), "{error:?}");
    }
}

#[test]
fn an_advance_stopped_before_its_commit_is_finished_by_the_next() {
    let clean = played_class("class-clean", 3, 3);
    let dir = temp_dir("class-interrupted");
    let (game, _) =
        ClassGame::create_in_markets(&dir, "same_street", &names(3), Some(3), Some(7), Some(500)).unwrap();
    let rounds = dir.join("rounds.ron");
    for week in 1..=12 {
        hand_in_all(&game, week);
        if week == 4 {
            // The round's reports, standings and replay are written, the
            // commit is not: as if the process were killed just before it.
            let before = std::fs::read(&rounds).unwrap();
            game.advance(game.instructor_key(), false).unwrap();
            std::fs::write(&rounds, before).unwrap();
            let team = &game.teams()[0];
            let status = game.status(&team.name, &team.code).unwrap();
            assert_eq!((status.round, status.handed_in), (4, true));
            assert_eq!(game.reports(&team.name, &team.code).unwrap().len(), 3);
        }
        game.advance(game.instructor_key(), false).unwrap();
    }
    assert_eq!(game.rounds().unwrap().len(), 12);
    // Killed after the last commit, before the replay was written: the
    // next advance writes it (and says the game is over).
    std::fs::remove_file(dir.join("replay.ron")).unwrap();
    assert!(game.advance(game.instructor_key(), false).is_err());
    let (a, b) = (game.replay().unwrap(), clean.replay().unwrap());
    assert_eq!(a.markets, b.markets);
    assert_eq!(load_replay(&dir.join("replay.ron")).unwrap().markets, b.markets);
    verify_markets(&a).unwrap();
}

#[test]
fn a_replay_of_one_player_is_written_and_read_as_before() {
    let scenario = rapport::files::scenario::resize(&super::common::scenario("first_steps"), 500).unwrap();
    let game = rapport::sim::play(Arc::new(scenario), 3, &super::common::strategy("balanced"));
    let replay = rapport::files::replay::Replay::of(&game, "first_steps", "ann");
    let text = replay.to_text();
    assert!(!replay.is_class() && !text.contains("markets"), "{text}");
    let read = rapport::files::replay::parse_replay("r.ron", &text).unwrap();
    rapport::files::replay::verify(&read).unwrap();
}

#[test]
fn the_class_folder_keeps_its_codes_private_and_a_roster_makes_each_student_a_team() {
    let dir = temp_dir("class-private");
    let names = dir.join("names.txt");
    std::fs::write(&names, "Ada Lovelace\nFay Smith\nBo Chen\n").unwrap();
    let class = dir.join("period4");
    let output = rapport(&[
        "class",
        "new",
        "--scenario",
        "same_street",
        "--roster",
        path(&names),
        "--agents",
        "500",
        "--out",
        path(&class),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    #[cfg(unix)]
    for file in [
        "class.ron",
        "instructor.txt",
        "roster.ron",
        "class-secret.txt",
        "codes.txt",
    ] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(class.join(file)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{file}");
    }
    // Each student joins as a team of one with their personal code.
    let roster = rapport::files::roster::Roster::load(&class).unwrap();
    let game = ClassGame::open(&class).unwrap();
    let teams = game.teams();
    assert_eq!(teams.len(), 3);
    for team in &teams {
        let student = roster.find(&team.name).unwrap();
        assert_eq!(team.code, roster.code_of(student), "{}", team.name);
        game.authorise(&team.name, &roster.code_of(student)).unwrap();
    }
}

#[test]
fn advance_plays_on_from_the_markets_the_folder_keeps_without_replaying_a_week() {
    let dir = temp_dir("class-kept");
    let (game, _) =
        ClassGame::create_in_markets(&dir, "same_street", &names(4), Some(2), Some(7), Some(500)).unwrap();
    for week in 1..=2 {
        hand_in_all(&game, week);
        ClassGame::open(&dir)
            .unwrap()
            .advance(game.instructor_key(), false)
            .unwrap();
    }
    assert!(dir.join("markets.bin").exists());
    // Week 1's recorded plans are edited (the state hashes left as they
    // were): a re-play of the closed rounds would fail on them, so an
    // advance that succeeds re-played no week.
    let rounds = std::fs::read_to_string(dir.join("rounds.ron")).unwrap();
    let edited = rounds.replacen("day: 0", "day: 3", 1);
    assert_ne!(edited, rounds);
    std::fs::write(dir.join("rounds.ron"), &edited).unwrap();
    hand_in_all(&game, 3);
    let fresh = ClassGame::open(&dir).unwrap();
    fresh.advance(game.instructor_key(), false).unwrap();
    // Without the kept markets the same advance re-plays, and the edit is found.
    std::fs::write(dir.join("rounds.ron"), {
        let after = std::fs::read_to_string(dir.join("rounds.ron")).unwrap();
        after.replacen("day: 0", "day: 3", 1)
    })
    .unwrap();
    std::fs::remove_file(dir.join("markets.bin")).unwrap();
    hand_in_all(&game, 4);
    let error = ClassGame::open(&dir)
        .unwrap()
        .advance(game.instructor_key(), false)
        .unwrap_err();
    assert!(
        error.to_string().contains("no longer plays as it was recorded"),
        "{error}"
    );
}
