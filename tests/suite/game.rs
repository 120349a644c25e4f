//! The game's logic without a window: screens, the Help overlay, the
//! planner's budget, a week played through the plugin, saves, and the work
//! done in the background (Continue, ghosts and verdicts, rewind).

use super::common::{scenario, strategy, temp_dir};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use rapport::game::{
    Continuing, Ghosts, Judging, Launch, Overlay, Player, RewindFrom, Rewinding, Screen, Session, Speed,
};
use rapport::sim::{ActionKind, ContentType, PlannedAction, Simulation, Target, Tone, play};
use std::sync::Arc;
use std::time::Duration;

fn app(launch: Launch) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    // Each frame advances the clock 100 ms: at 16x, one simulated day.
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(100)));
    app.insert_resource(launch);
    app.add_plugins(rapport::game::plugin);
    app.update();
    app
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn overlay(app: &App) -> Overlay {
    *app.world().resource::<State<Overlay>>().get()
}

/// Updates the app until `done` holds (background jobs finish on their own
/// threads); panics after 30 seconds.
fn settle(app: &mut App, done: impl Fn(&App) -> bool) {
    let started = std::time::Instant::now();
    while !done(app) {
        assert!(
            started.elapsed().as_secs() < 30,
            "the background work never finished"
        );
        std::thread::sleep(Duration::from_millis(1));
        app.update();
    }
}

fn go(app: &mut App, to: Screen) {
    app.world_mut().resource_mut::<NextState<Screen>>().set(to);
    app.update();
}

fn cover(app: &mut App, with: Overlay) {
    app.world_mut().resource_mut::<NextState<Overlay>>().set(with);
    app.update();
}

#[test]
fn screens_are_states_and_change_through_next_state() {
    let mut app = app(Launch::default());
    assert_eq!(screen(&app), Screen::Title);
    assert_eq!(overlay(&app), Overlay::None);
    for to in [Screen::Choose, Screen::Replays, Screen::Compare, Screen::Title] {
        go(&mut app, to);
        assert_eq!(screen(&app), to);
    }
}

#[test]
fn help_opens_over_a_screen_and_closes_back_to_it() {
    let scenario = scenario("corner_bakery").with_agents(2000);
    let mut app = app(Launch::default());
    app.insert_resource(Session::new(scenario, 3, "corner_bakery"));
    go(&mut app, Screen::Plan);
    cover(&mut app, Overlay::Help);
    assert_eq!((screen(&app), overlay(&app)), (Screen::Plan, Overlay::Help));
    cover(&mut app, Overlay::None);
    assert_eq!((screen(&app), overlay(&app)), (Screen::Plan, Overlay::None));
    // Over the running week, Help holds the clock: no day plays under it.
    {
        let mut session = app.world_mut().resource_mut::<Session>();
        session.start_week().unwrap();
        session.set_speed(Speed::Fast);
    }
    go(&mut app, Screen::Running);
    cover(&mut app, Overlay::Help);
    let days = app.world().resource::<Session>().simulation().days_played();
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(app.world().resource::<Session>().simulation().days_played(), days);
    assert_eq!(screen(&app), Screen::Running);
    cover(&mut app, Overlay::None);
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Report, "the week plays on once Help closes");
}

#[test]
fn play_opens_straight_into_the_planner() {
    let scenario = scenario("corner_bakery").with_agents(2000);
    let app = app(Launch {
        scenario: Some((scenario, "corner_bakery".into())),
        player: Some(("Ada".into(), "BUS210".into())),
        ..Default::default()
    });
    let mut app = app;
    app.update();
    assert_eq!(screen(&app), Screen::Plan);
    assert!(app.world().get_resource::<Session>().is_some());
    // `rapport play --player Ada --class BUS210`: the game is theirs.
    let player = app.world().resource::<rapport::game::Player>();
    assert_eq!(
        (player.name.as_str(), player.class_code.as_str()),
        ("Ada", "BUS210")
    );
}

/// Play on the choose screen: the game is set up on its own thread (the
/// screen keeps drawing), then its planner opens on the scenario's seed,
/// in place of the game played before.
#[test]
fn a_new_game_is_set_up_in_the_background_and_opens_its_planner() {
    let mut app = app(Launch::default());
    app.world_mut()
        .insert_resource(Session::new(scenario("first_steps"), 5, "first_steps"));
    go(&mut app, Screen::Choose);
    let chosen = scenario("corner_bakery").with_agents(3000);
    let seed = chosen.seed;
    app.world_mut()
        .resource_mut::<Continuing>()
        .start_new(chosen.clone(), None);
    assert!(app.world().resource::<Continuing>().0.is_some());
    // A second Play while it is set up changes nothing.
    app.world_mut()
        .resource_mut::<Continuing>()
        .start_new(scenario("first_steps"), None);
    settle(&mut app, |app| screen(app) == Screen::Plan);
    let session = app.world().resource::<Session>();
    assert_eq!(session.simulation().scenario().id, "corner_bakery");
    assert_eq!(session.simulation().scenario().agents, 3000);
    assert_eq!(session.simulation().seed(), seed);
    assert_eq!(
        session.simulation().state_hash(),
        Simulation::new(Arc::new(chosen), seed).state_hash()
    );
    assert!(app.world().resource::<Continuing>().0.is_none());
}

#[test]
fn the_planner_refuses_what_does_not_fit_and_says_why() {
    let scenario = scenario("corner_bakery").with_agents(2000);
    let mut session = Session::new(scenario, 1, "corner_bakery");
    // 20 hours: four five-hour live sessions fit, a fifth does not; each
    // keeps the tone it was planned in.
    let live = PlannedAction::aimed(ActionKind::LiveEvent, 1, ContentType::Photo, Target::Everyone)
        .in_tone(Tone::Personal);
    let ad = PlannedAction::aimed(ActionKind::Ad, 0, ContentType::Offer, Target::Everyone);
    for _ in 0..4 {
        session.add_action(live).unwrap();
    }
    let refused = session.add_action(live).unwrap_err();
    assert!(refused.to_string().contains("hours"), "{refused}");
    assert_eq!(session.plan().actions.len(), 4);
    assert!(session.plan().actions.iter().all(|a| a.tone == Tone::Personal));
    let mut session = Session::new(scenario_money(), 1, "corner_bakery");
    session.add_action(ad).unwrap();
    let refused = session.add_action(ad).unwrap_err();
    assert!(refused.to_string().contains("money"), "{refused}");
    // Days spread over the week in queue order.
    let days: Vec<u8> = session.plan().actions.iter().map(|a| a.day).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]));
}

fn scenario_money() -> rapport::sim::Scenario {
    // 100 money a week buys exactly one campaign.
    scenario("corner_bakery").with_agents(2000)
}

/// Plays a whole game through the plugin's running week, a day a frame,
/// with the plans the balanced strategy writes.
fn play_through_plugin(scenario: rapport::sim::Scenario, seed: u64, save: Option<std::path::PathBuf>) -> App {
    let mut app = app(Launch::default());
    let mut session = Session::new(scenario, seed, "corner_bakery");
    session.set_save_path(save);
    app.insert_resource(session);
    let balanced = strategy("balanced");
    loop {
        {
            let mut session = app.world_mut().resource_mut::<Session>();
            if session.simulation().finished() {
                break;
            }
            let plan = balanced.plan_week(session.simulation());
            session.set_plan(plan);
            session.start_week().unwrap();
            session.set_speed(Speed::Fast);
        }
        go(&mut app, Screen::Running);
        let mut frames = 0;
        while screen(&app) == Screen::Running {
            app.update();
            frames += 1;
            assert!(frames < 100, "the week never ended");
        }
        assert_eq!(screen(&app), Screen::Report);
        let next = app.world_mut().resource_mut::<Session>().close_report();
        go(&mut app, next);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    app
}

#[test]
fn a_game_played_in_the_window_matches_the_command_line() {
    let scenario = scenario("corner_bakery").with_agents(3000);
    let app = play_through_plugin(scenario.clone(), 42, None);
    let window_hash = app.world().resource::<Session>().simulation().state_hash();
    let headless = play(Arc::new(scenario), 42, &strategy("balanced"));
    assert_eq!(window_hash, headless.state_hash());
    // And the binary's own `run --json` agrees.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "run",
            "--scenario",
            "corner_bakery",
            "--strategy",
            "balanced",
            "--agents",
            "3000",
        ])
        .args(["--seed", "42", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["state_hash"].as_str().unwrap(),
        format!("{window_hash:016x}")
    );
}

#[test]
fn autosave_and_continue_resume_the_same_game() {
    let dir = temp_dir("save");
    let path = dir.join("autosave.ron");
    let mut scenario = scenario("corner_bakery");
    scenario.agents = 2000;
    // A short game: three weeks, saved after each.
    scenario.weeks = 3;
    let app = play_through_plugin(scenario, 7, Some(path.clone()));
    let played = app.world().resource::<Session>().simulation().state_hash();
    assert!(path.exists());
    assert!(
        std::fs::read_dir(&dir)
            .unwrap()
            .all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let save: rapport::files::save::RawSave = ron::from_str(&text).unwrap();
    assert_eq!(save.weeks.len(), 3);
    assert_eq!(save.state_hash, format!("{played:016x}"));
    // A save of a scenario that differs from the built-in one is refused.
    let error = rapport::game::continue_game(Some(&path)).err().unwrap();
    assert!(error.to_string().contains("scenario_hash"), "{error}");
}

#[test]
fn continue_resumes_a_built_in_game_exactly_and_refuses_tampering() {
    let dir = temp_dir("continue");
    let path = dir.join("autosave.ron");
    let scenario = scenario("corner_bakery");
    let mut simulation = Simulation::new(Arc::new(scenario), 2024);
    let balanced = strategy("balanced");
    for _ in 0..2 {
        let plan = balanced.plan_week(&simulation);
        simulation.run_week(&plan).unwrap();
    }
    rapport::files::save::write_save(&path, &simulation, "corner_bakery").unwrap();
    let (session, screen) = rapport::game::continue_game(Some(&path)).unwrap();
    assert_eq!(screen, Screen::Plan);
    assert_eq!(session.simulation().state_hash(), simulation.state_hash());
    assert_eq!(session.simulation().week(), 2);

    let text = std::fs::read_to_string(&path).unwrap();
    let tampered = [
        text.replacen("seed: 2024", "seed: 2025", 1),
        text.replacen("day: 0", "day: 1", 1),
        text[..text.len() / 2].to_string(),
        "not a save".to_string(),
    ];
    for (n, bad) in tampered.iter().enumerate() {
        assert_ne!(bad, &text, "case {n} did not change the file");
        std::fs::write(&path, bad).unwrap();
        let error = rapport::game::continue_game(Some(&path))
            .err()
            .unwrap_or_else(|| panic!("case {n} loaded"))
            .to_string();
        assert!(error.contains("autosave.ron"), "case {n}: {error}");
    }
}

#[test]
fn continue_opens_the_saved_game_or_stays_on_the_title() {
    let dir = temp_dir("continue_event");
    let path = dir.join("autosave.ron");
    let mut app = app(Launch::default());
    // Nothing saved yet: refused, still on the title.
    app.world_mut().trigger(rapport::game::ContinueGame {
        save_path: Some(path.clone()),
    });
    settle(&mut app, |app| app.world().resource::<Continuing>().0.is_none());
    app.update();
    assert_eq!(screen(&app), Screen::Title);
    assert!(app.world().get_resource::<Session>().is_none());
    let mut simulation = Simulation::new(Arc::new(scenario("corner_bakery")), 11);
    simulation
        .run_week(&strategy("balanced").plan_week(&simulation))
        .unwrap();
    rapport::files::save::write_save_as(&path, &simulation, "corner_bakery", "Ada", "CLASS-7").unwrap();
    app.world_mut().trigger(rapport::game::ContinueGame {
        save_path: Some(path.clone()),
    });
    // Continue re-plays the save on its own thread; the title waits for it.
    assert!(app.world().resource::<Continuing>().0.is_some());
    assert_eq!(screen(&app), Screen::Title);
    settle(&mut app, |app| app.world().resource::<Continuing>().0.is_none());
    app.update();
    assert_eq!(screen(&app), Screen::Plan);
    let session = app.world().resource::<Session>();
    assert_eq!(session.simulation().state_hash(), simulation.state_hash());
    assert_eq!(session.save_path(), Some(path.as_path()));
    // The game goes on under the name and class it was saved with, so its
    // replay is handed in under them even after the window was closed.
    let player = app.world().resource::<rapport::game::Player>();
    assert_eq!(
        (player.name.as_str(), player.class_code.as_str()),
        ("Ada", "CLASS-7")
    );
    assert_eq!(
        rapport::files::save::saved_player(&path),
        ("Ada".to_string(), "CLASS-7".to_string())
    );
}

/// A finished short game of the balanced strategy, as a session.
fn finished_session(weeks: u32, seed: u64) -> Session {
    let mut scenario = scenario("corner_bakery").with_agents(2000);
    scenario.weeks = weeks;
    let mut session = Session::new(scenario, seed, "corner_bakery");
    session.play_out(&strategy("balanced"));
    session
}

#[test]
fn a_rewind_lands_on_the_planner_of_its_week_with_the_parent_set() {
    let original = finished_session(4, 5);
    let plans = original.simulation().plans().to_vec();
    let hashes = original.simulation().week_hashes().to_vec();
    let history = original.simulation().history().to_vec();
    let mut app = app(Launch::default());
    let from = RewindFrom::session(&original, "Ada");
    app.insert_resource(original);
    go(&mut app, Screen::Debrief);
    app.world_mut().resource_mut::<Rewinding>().start(from, 3);
    assert!(app.world().resource::<Rewinding>().running());
    settle(&mut app, |app| !app.world().resource::<Rewinding>().running());
    app.update();
    assert_eq!(screen(&app), Screen::Plan);
    let session = app.world().resource::<Session>();
    assert_eq!(session.simulation().week(), 2, "weeks 1 and 2 re-played");
    assert_eq!(session.simulation().plans(), &plans[..2]);
    assert_eq!(session.simulation().state_hash(), hashes[2]);
    assert!(session.plan().actions.is_empty(), "a fresh plan");
    let parent = session.parent().expect("the branch remembers its original");
    assert_eq!(parent.weeks_shared, 2);
    assert_eq!(parent.player, "Ada");
    assert_eq!(parent.state_hash, hashes[4]);
    assert_eq!(parent.history, history);
}

#[test]
fn a_branch_s_replay_names_its_player_class_and_parent_and_verifies() {
    let dir = temp_dir("branch_replay");
    let original = finished_session(3, 8);
    let original_hash = original.simulation().week_hashes()[3];
    let mut branch = rapport::game::rewound(RewindFrom::session(&original, "Ada"), 2, &|_, _| {}).unwrap();
    branch.play_out(&strategy("networker"));
    let mut app = app(Launch {
        replay_dir: Some(dir.clone()),
        ..Default::default()
    });
    // Grace's personal code, as the name form takes it.
    let roster = rapport::files::roster::Roster::new(
        vec![rapport::files::roster::Student {
            id: "grace".into(),
            name: "Grace".into(),
            generation: 0,
        }],
        rapport::files::roster::ClassSecret::from_bytes([3; 32]),
    );
    let code = roster.code_of(&roster.students[0]);
    app.insert_resource(Player {
        name: "Grace".into(),
        class_code: "MKT-101".into(),
        code: code.to_uppercase(),
    });
    app.insert_resource(branch);
    go(&mut app, Screen::Debrief);
    let files = rapport::files::replay::replay_files_in(&dir).unwrap();
    assert_eq!(files.len(), 1, "{files:?}");
    let replay = rapport::files::replay::load_replay(&files[0]).unwrap();
    assert_eq!(replay.player, "Grace");
    assert_eq!(replay.class_code, "MKT-101");
    // Sealed with her code: the roster ties it to her.
    assert_eq!(
        rapport::files::replay::check_roster_seal(&replay, &roster)
            .unwrap()
            .id,
        "grace"
    );
    assert_eq!(
        replay.parent,
        Some(rapport::files::replay::Parent {
            player: "Ada".into(),
            state_hash: format!("{original_hash:016x}"),
            weeks_shared: 1,
        })
    );
    // A shortened built-in scenario: verified against the one it was played on.
    let played_on = app.world().resource::<Session>().simulation().scenario().clone();
    let verified = rapport::files::replay::verify_against(&replay, &played_on).unwrap();
    assert_eq!(
        verified.state_hash(),
        app.world().resource::<Session>().simulation().state_hash()
    );
}

#[test]
fn ghosts_and_verdicts_are_computed_in_the_background() {
    let mut app = app(Launch::default());
    app.insert_resource(finished_session(2, 9));
    app.update();
    settle(&mut app, |app| app.world().resource::<Ghosts>().ready().is_some());
    go(&mut app, Screen::Debrief);
    settle(&mut app, |app| app.world().resource::<Judging>().done.is_some());
    let judgement = app.world().resource::<Judging>().done.clone().unwrap();
    assert_eq!(judgement.week, 2);
    // The verdicts are the shared claim checker's on the same run.
    let session = app.world().resource::<Session>();
    let ghosts = app.world().resource::<Ghosts>().ready().unwrap().clone();
    assert_eq!(
        judgement.verdicts,
        rapport::claims::verdict::judge(session.simulation(), &ghosts)
    );
}

#[test]
fn a_saved_branch_continues_beside_its_original_and_an_edited_original_is_refused() {
    let dir = temp_dir("branch_save");
    let path = dir.join("autosave.ron");
    // A built-in scenario as it ships, so that the save finds it again.
    let mut original = Session::new(scenario("corner_bakery"), 5, "corner_bakery");
    let balanced = strategy("balanced");
    for _ in 0..4 {
        let plan = balanced.plan_week(original.simulation());
        original.run_week_now(&plan).unwrap();
    }
    let history = original.simulation().history().to_vec();
    let mut branch = rapport::game::rewound(RewindFrom::session(&original, "Ada"), 3, &|_, _| {}).unwrap();
    branch.set_save_path(Some(path.clone()));
    branch.autosave();
    let (resumed, _) = rapport::game::continue_game(Some(&path)).unwrap();
    let parent = resumed.parent().expect("the original comes back with the branch");
    assert_eq!(parent.weeks_shared, 2);
    assert_eq!(parent.player, "Ada");
    assert_eq!(parent.history, history);
    assert_eq!(parent.plans, original.simulation().plans());
    assert_eq!(
        resumed.simulation().state_hash(),
        branch.simulation().state_hash()
    );
    // An edited original is refused like any edited save.
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("weeks_shared: 2", "weeks_shared: 3", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, &edited).unwrap();
    let error = rapport::game::continue_game(Some(&path))
        .err()
        .expect("an edited original is refused")
        .to_string();
    assert!(error.contains("parent.weeks_shared"), "{error}");
}
