//! The layout test: every screen the tour shows (and the pause menu, the
//! settings and the rewind question), laid out headless through the same
//! drawing functions the window calls, at 1280x720 at 100% and 150% and at
//! 1920x1080 at 100% and 200%. It fails on any text wider than its clip
//! rectangle outside a scroll area, cut at a panel's edge, or shortened
//! with "…" (`theme::layout::check`). No window, no GPU.

use super::advice::{Advising, advise_replayed};
use super::class::{ClassRoom, Instructing, Joined, instructor_screen, team_screen};
use super::coach::Coach;
use super::ghosts::{Ghosts, Judging, judge_replayed};
use super::jobs::Job;
use super::planner::Choices;
use super::player::Player;
use super::replays::{Browser, browser_screen, compare_screen};
use super::rewind::{RewindFrom, Rewinding, rewound};
use super::running::{Inspected, RunningView, TimelineJob};
use super::session::Session;
use super::settings::PlayerSettings;
use super::theme::layout::{SIZES, Size, check};
use super::title::TitleView;
use crate::files::builtin::{find_scenario, find_strategy};
use crate::files::replay::Replay;
use crate::sim::{Scenario, Strategy};
use bevy_egui::egui;
use std::path::PathBuf;
use std::sync::Arc;

/// The audience of the games laid out: small, so the test is quick; the
/// screens draw the same at any size of audience.
const AGENTS: u32 = 800;

fn scenario(id: &str) -> Scenario {
    find_scenario(id).unwrap().with_agents(AGENTS)
}

fn strategy(id: &str) -> Strategy {
    find_strategy(id).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rapport-layout-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A game after `weeks` weeks of `strategy`, with the next week's plan written.
fn played(id: &str, weeks: usize, strategy: &Strategy) -> Session {
    let scenario = scenario(id);
    let seed = scenario.seed;
    let mut session = Session::new(scenario, seed, id);
    for _ in 0..weeks {
        let plan = strategy.plan_week(session.simulation());
        session.run_week_now(&plan).unwrap();
    }
    let plan = strategy.plan_week(session.simulation());
    session.set_plan(plan);
    session
}

/// A game in the middle of its week `weeks + 1`, a person inspected.
fn running(id: &str, weeks: usize, strategy: &Strategy) -> (Session, Inspected) {
    let mut session = played(id, weeks, strategy);
    session.start_week().unwrap();
    for _ in 0..3 {
        session.step_day();
    }
    session.set_paused(true);
    let mut inspected = Inspected::default();
    let busiest = session.sample().agents.iter().copied().max_by_key(|&a| {
        let story = &session.simulation().audience().story(a as usize);
        u32::from(story.engagements) + u32::from(story.comments)
    });
    inspected.set(session.id(), busiest.unwrap_or(0));
    (session, inspected)
}

/// The ghosts of a session's game and its run judged against them.
fn judged(session: &Session) -> (Ghosts, Judging) {
    let simulation = session.simulation();
    let ghosts = Ghosts::played(Arc::clone(simulation.scenario()), simulation.seed());
    let judging = Judging::judged(judge_replayed(
        Arc::clone(simulation.scenario()),
        simulation.seed(),
        simulation.plans(),
        ghosts.ready().unwrap(),
        &|_, _| {},
    ));
    (ghosts, judging)
}

/// A finished game's advice, its changes played.
fn advised(session: &Session, ghosts: &Ghosts) -> Advising {
    let simulation = session.simulation();
    Advising::advised(advise_replayed(
        Arc::clone(simulation.scenario()),
        simulation.seed(),
        simulation.plans(),
        ghosts.ready().unwrap(),
        &|_, _| {},
    ))
}

/// A team joined to a class folder of the market scenario, its first round
/// played and reported.
fn class_room() -> ClassRoom {
    use crate::class::game::ClassGame;
    use crate::class::{Address, ClassClient};
    let dir = temp_dir("class");
    let teams = ["Oat Milk".to_string(), "Flat White".to_string()];
    let (game, created) = ClassGame::create(&dir, "same_street", &teams, None, Some(AGENTS)).unwrap();
    let team = created.teams[0].clone();
    let scenario = game.scenario().unwrap();
    let planner = crate::sim::Simulation::new(Arc::new(scenario.clone()), scenario.seed);
    let plan = strategy("balanced").plan_week(&planner);
    game.hand_in(&team.name, &team.code, &plan).unwrap();
    game.advance(&created.instructor_key, true).unwrap();
    let client =
        ClassClient::join(Address::parse(&dir.display().to_string()), &team.name, &team.code).unwrap();
    let status = client.status().unwrap();
    let reports = client.reports().unwrap();
    let mut room = ClassRoom::default();
    room.address = dir.display().to_string();
    room.team = team.name;
    room.code = team.code;
    room.joined = Some(Joined::told(client, scenario, status, reports));
    room
}

/// One screen to lay out: its name and how to draw it.
type Screen<'a> = (&'static str, Box<dyn FnMut(&mut egui::Ui) + 'a>);

#[test]
fn every_screen_of_the_tour_fits_at_every_size() {
    let balanced = strategy("balanced");
    // The player's game: the planner of week 2, the running week 2, its
    // report, the debrief, a branch rewound to week 3 and played out.
    let mut plan = played("corner_bakery", 1, &balanced);
    let (mut running_game, mut inspected) = running("corner_bakery", 1, &balanced);
    let mut reported = played("corner_bakery", 1, &balanced);
    reported.set_plan(Default::default());
    let (ghosts, judged_week) = judged(&reported);
    let mut finished = played("corner_bakery", 0, &balanced);
    finished.play_out(&balanced);
    let (_, judged_end) = judged(&finished);
    let advised_end = advised(&finished, &ghosts);
    let from = RewindFrom::session(&finished, "Tour");
    let mut branch_plan = rewound(from.clone(), 3, &|_, _| {}).unwrap();
    let mut branch = rewound(from, 3, &|_, _| {}).unwrap();
    branch.play_out(&strategy("networker"));
    let (_, judged_branch) = judged(&branch);
    // The market game.
    let mut market_plan = played("same_street", 2, &balanced);
    let (mut market_running, mut market_inspected) = running("same_street", 2, &balanced);
    let mut market_report = played("same_street", 3, &balanced);
    market_report.set_plan(Default::default());
    let (market_ghosts, market_week) = judged(&market_report);
    let mut market_end = played("same_street", 0, &balanced);
    market_end.play_out(&balanced);
    let (_, market_judged) = judged(&market_end);
    let market_advised = advised(&market_end, &market_ghosts);
    // The replays: the finished game and the broadcaster's.
    let replays = temp_dir("replays");
    Replay::of(finished.simulation(), "corner_bakery", "Tour")
        .write(&replays.join("corner_bakery-tour.ron"))
        .unwrap();
    let broadcaster = crate::sim::play(
        Arc::clone(finished.simulation().scenario()),
        finished.simulation().seed(),
        &strategy("broadcaster"),
    );
    Replay::of(&broadcaster, "corner_bakery", "broadcaster")
        .write(&replays.join("broadcaster.ron"))
        .unwrap();
    let mut browser = Browser::listed_now(&replays, 6);
    // The compare view, with every replay ticked.
    let mut compared = Browser::listed_now(&replays, 6);
    let folder = Some(replays.display().to_string());
    let mut room = class_room();
    let mut form = ClassRoom::default();
    form.address = "http://127.0.0.1:7070".into();
    form.team = "Oat Milk".into();
    form.code = "OAT-4821".into();
    let mut instructing = Instructing::default();
    let mut player = Player {
        name: "Tour".into(),
        class_code: "DEMO-1".into(),
        code: String::new(),
    };
    let mut coach = Coach::default();
    coach.new_game("corner_bakery", true);
    let mut scenarios = super::choose::scenario_list(&coach);
    let mut choices = Choices::default();
    let (hold, waiting) = std::sync::mpsc::channel::<()>();
    let continuing = Job::spawn("re-playing the weeks of your saved game", move |progress| {
        progress.set(1, 3);
        let _ = waiting.recv();
    });
    let (paused, _) = running("corner_bakery", 1, &balanced);
    let (hold_rewind, waiting_rewind) = std::sync::mpsc::channel::<()>();
    let mut rewinding_now = Rewinding::running_with(Job::spawn(
        "rewinding to week 7: re-playing weeks 1 to 6",
        move |progress| {
            progress.set(3, 6);
            let _ = waiting_rewind.recv();
            Err(crate::sim::WeekError::GameOver)
        },
    ));
    let mut settings = PlayerSettings::default();
    let mut rewinding = Rewinding::default();
    let mut asking = Rewinding::default();
    asking.asking(finished.id(), 12, 12);

    let screens: Vec<Screen> = vec![
        (
            "title",
            Box::new(|ui| {
                super::title::draw::<()>(
                    ui,
                    &TitleView {
                        has_save: true,
                        continuing: None,
                        notice: None,
                    },
                );
            }),
        ),
        (
            "title, continuing",
            Box::new(|ui| {
                super::title::draw(
                    ui,
                    &TitleView {
                        has_save: true,
                        continuing: Some(&continuing),
                        notice: None,
                    },
                );
            }),
        ),
        (
            "title, a damaged save",
            Box::new(|ui| {
                let notice = "The saved game cannot be loaded: /tmp/rapport-tour-save/autosave.ron:5:26: \
                              Unexpected end of RON, expected a string";
                super::title::draw::<()>(
                    ui,
                    &TitleView {
                        has_save: true,
                        continuing: None,
                        notice: Some(notice),
                    },
                );
            }),
        ),
        (
            "choose",
            Box::new(|ui| {
                let _ = super::choose::draw::<()>(ui, &mut player, &mut scenarios, None);
            }),
        ),
        (
            "plan",
            Box::new(|ui| {
                let _ = super::planner::draw(ui, &mut plan, &mut choices, &mut coach, false);
            }),
        ),
        (
            "running",
            Box::new(|ui| {
                super::running::draw(
                    ui,
                    RunningView {
                        session: &mut running_game,
                        inspected: &mut inspected,
                        by_brand: &mut false,
                        timeline: &mut TimelineJob::default(),
                        coach: &mut Coach::default(),
                        share_progress: 0.5,
                        enter: false,
                    },
                );
            }),
        ),
        (
            "report",
            Box::new(|ui| {
                let _ = super::report::draw(ui, &reported, &ghosts, &judged_week, &mut rewinding, false);
            }),
        ),
        (
            "debrief",
            Box::new(|ui| {
                let _ = super::debrief::draw(
                    ui,
                    &finished,
                    &ghosts,
                    &judged_end,
                    &advised_end,
                    &mut Rewinding::default(),
                );
            }),
        ),
        (
            "debrief, asked to rewind",
            Box::new(|ui| {
                let _ = super::debrief::draw(ui, &finished, &ghosts, &judged_end, &advised_end, &mut asking);
            }),
        ),
        (
            "debrief, rewinding",
            Box::new(|ui| {
                let _ = super::debrief::draw(
                    ui,
                    &finished,
                    &ghosts,
                    &judged_end,
                    &advised_end,
                    &mut rewinding_now,
                );
            }),
        ),
        (
            "rewound plan",
            Box::new(|ui| {
                let _ = super::planner::draw(
                    ui,
                    &mut branch_plan,
                    &mut Choices::default(),
                    &mut Coach::default(),
                    false,
                );
            }),
        ),
        (
            "branch debrief",
            Box::new(|ui| {
                let _ = super::debrief::draw(
                    ui,
                    &branch,
                    &ghosts,
                    &judged_branch,
                    &Advising::default(),
                    &mut Rewinding::default(),
                );
            }),
        ),
        (
            "replays",
            Box::new(|ui| {
                let _ = browser_screen(ui, &mut browser, &mut Rewinding::default(), folder.clone());
            }),
        ),
        (
            "help",
            Box::new(|ui| {
                let _ = super::help::draw(ui);
            }),
        ),
        (
            "pause menu",
            Box::new(|ui| {
                let _ = super::pause::draw(ui, Some(&paused));
            }),
        ),
        (
            "settings",
            Box::new(|ui| {
                let _ = super::settings::draw(ui, &mut settings);
            }),
        ),
        (
            "market plan",
            Box::new(|ui| {
                let _ = super::planner::draw(
                    ui,
                    &mut market_plan,
                    &mut Choices::default(),
                    &mut Coach::default(),
                    false,
                );
            }),
        ),
        (
            "market audience",
            Box::new(|ui| {
                super::running::draw(
                    ui,
                    RunningView {
                        session: &mut market_running,
                        inspected: &mut market_inspected,
                        by_brand: &mut true,
                        timeline: &mut TimelineJob::default(),
                        coach: &mut Coach::default(),
                        share_progress: 0.5,
                        enter: false,
                    },
                );
            }),
        ),
        (
            "market report",
            Box::new(|ui| {
                let _ = super::report::draw(
                    ui,
                    &market_report,
                    &market_ghosts,
                    &market_week,
                    &mut Rewinding::default(),
                    false,
                );
            }),
        ),
        (
            "market debrief",
            Box::new(|ui| {
                let _ = super::debrief::draw(
                    ui,
                    &market_end,
                    &market_ghosts,
                    &market_judged,
                    &market_advised,
                    &mut Rewinding::default(),
                );
            }),
        ),
        (
            "join class",
            Box::new(|ui| {
                let _ = team_screen(ui, &mut room, &mut Choices::default());
            }),
        ),
        (
            "join form",
            Box::new(|ui| {
                let _ = team_screen(ui, &mut form, &mut Choices::default());
            }),
        ),
        (
            "run class",
            Box::new(|ui| {
                let _ = instructor_screen(ui, &mut instructing);
            }),
        ),
    ];
    let mut problems = Vec::new();
    let mut laid_out = 0;
    let mut screens = screens;
    screens.push((
        "compare",
        Box::new(|ui| {
            let _ = compare_screen(ui, &mut compared, folder.clone());
        }),
    ));
    for (name, draw) in &mut screens {
        for size in SIZES {
            let result = check(size, |ui| draw(ui));
            assert!(!result.texts.is_empty(), "{name} at {size} drew no text");
            laid_out += 1;
            problems.extend(
                result
                    .problems
                    .into_iter()
                    .map(|p| format!("{name} at {size}: {p}")),
            );
        }
    }
    drop((hold, hold_rewind));
    assert_eq!(laid_out, screens.len() * SIZES.len());
    assert!(
        problems.is_empty(),
        "{} texts are cut:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_sizes_are_the_issue_s() {
    let sizes: Vec<Size> = SIZES.to_vec();
    assert!(sizes.contains(&Size {
        width: 1280,
        height: 720,
        scale: 150
    }));
    assert!(sizes.contains(&Size {
        width: 1920,
        height: 1080,
        scale: 200
    }));
}
