//! Crash safety. A child process writes a save, a replay, a weekly CSV or
//! a chart over and over, alternating two versions, with the game's own
//! writers; it is killed (SIGKILL) at a random moment, more than 200 times
//! in all. Every file left behind must be the old version or the new one,
//! byte for byte, and load; temporary files left by a kill are never
//! listed and are removed by the next write. The same harness run on a
//! plain, non-atomic write finds torn files, so it can see what it checks.
//!
//! Each kind of file is killed 60 times at `RAPPORT_TEST_SCALE=full` and 20
//! times at the default quick scale (see `common`); `RAPPORT_KILLS` sets the
//! kills per kind outright.

use super::common::{child_test, scenario, sized, strategy, temp_dir};
use rapport::files::atomic::{temporary_writer, write_atomic};
use rapport::files::replay::{Replay, load_replay, replay_files_in};
use rapport::files::save::{load_save, save_of, to_text, write_save};
use rapport::report::charts::{Series, line_chart, render_png};
use rapport::report::weekly::{weekly_csv, weekly_rows};
use rapport::sim::{Rng, Simulation, Stream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const KINDS: [&str; 4] = ["save", "replay", "csv", "png"];

/// The two games whose files alternate: one week played, and three.
fn games() -> [Simulation; 2] {
    let scenario = Arc::new(scenario("corner_bakery").with_agents(400));
    [1, 3].map(|weeks| {
        let mut game = Simulation::new(Arc::clone(&scenario), 17);
        for _ in 0..weeks {
            let plan = strategy("balanced").plan_week(&game);
            game.run_week(&plan).unwrap();
        }
        game
    })
}

fn chart_series(game: &Simulation) -> Vec<Series> {
    vec![Series {
        name: "followers".into(),
        points: weekly_rows(game.history())
            .iter()
            .map(|row| (row.week as f64, row.followers as f64))
            .collect(),
        ..Series::default()
    }]
}

/// The bytes each writer writes for a game (what a reader must find).
fn expected(kind: &str, game: &Simulation) -> Vec<u8> {
    match kind {
        "save" => to_text(&save_of(game, "corner_bakery")).into_bytes(),
        "replay" => Replay::of(game, "corner_bakery", "balanced")
            .to_text()
            .into_bytes(),
        "csv" | "plain" => weekly_csv(&weekly_rows(game.history())).unwrap(),
        "png" => render_png("Followers", "week", "people", &chart_series(game)).unwrap(),
        other => panic!("no writer {other}"),
    }
}

/// Writes a game's file with the game's own writer for that kind.
fn write(kind: &str, path: &Path, game: &Simulation, bytes: &[u8]) {
    match kind {
        "save" => write_save(path, game, "corner_bakery").unwrap(),
        "replay" => Replay::of(game, "corner_bakery", "balanced").write(path).unwrap(),
        "csv" => write_atomic(path, &weekly_csv(&weekly_rows(game.history())).unwrap()).unwrap(),
        "png" => line_chart(path, "Followers", "week", "people", &chart_series(game)).unwrap(),
        // The control: what a plain write does, a piece at a time.
        "plain" => {
            use std::io::Write;
            let mut file = std::fs::File::create(path).unwrap();
            for piece in bytes.chunks(512) {
                file.write_all(piece).unwrap();
            }
        }
        other => panic!("no writer {other}"),
    }
}

/// The writer, run alone in a child process by the tests below.
#[test]
#[ignore = "the child process of the crash tests"]
fn writer_child() {
    let (Ok(kind), Ok(target), Ok(ready)) = (
        std::env::var("RAPPORT_CRASH_KIND"),
        std::env::var("RAPPORT_CRASH_TARGET"),
        std::env::var("RAPPORT_CRASH_READY"),
    ) else {
        return;
    };
    let games = games();
    let bytes = games.each_ref().map(|game| expected(&kind, game));
    std::fs::write(&ready, "").unwrap();
    for turn in 0.. {
        let which = turn % 2;
        write(&kind, Path::new(&target), &games[which], &bytes[which]);
    }
}

struct Tally {
    kills: usize,
    torn: usize,
    /// Kills that left a temporary file: the writer died mid-write.
    mid_write: usize,
}

/// Kills the writer of `kind` `kills` times and checks what it leaves.
fn kill_writer(kind: &str, kills: usize, dir: &Path) -> Tally {
    let games = games();
    let versions = games.each_ref().map(|game| expected(kind, game));
    assert_ne!(versions[0], versions[1]);
    let extension = match kind {
        "png" => "png",
        "csv" | "plain" => "csv",
        _ => "ron",
    };
    let target = dir.join(format!("{kind}.{extension}"));
    std::fs::write(&target, &versions[0]).unwrap();
    let ready = dir.join("ready");
    let mut tally = Tally {
        kills: 0,
        torn: 0,
        mid_write: 0,
    };
    for kill in 0..kills {
        let _ = std::fs::remove_file(&ready);
        let mut child = child_test("suite::crash::writer_child")
            .env("RAPPORT_CRASH_KIND", kind)
            .env("RAPPORT_CRASH_TARGET", &target)
            .env("RAPPORT_CRASH_READY", &ready)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while !ready.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the writer never started"
            );
            if let Some(status) = child.try_wait().unwrap() {
                panic!("the writer ended on its own: {status}");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        // A moment anywhere in the first twenty or so writes.
        let mut rng = Rng::keyed(kind.len() as u64, Stream::Events, 2, kill as u64);
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        tally.kills += 1;

        let left = std::fs::read(&target).unwrap();
        if !versions.contains(&left) {
            tally.torn += 1;
            continue;
        }
        let temporaries = temporaries_in(dir);
        tally.mid_write += usize::from(!temporaries.is_empty());
        // What is left loads, and nothing lists the temporary files.
        match kind {
            "save" => {
                load_save(&target).unwrap_or_else(|e| panic!("kill {kill}: {e}"));
            }
            "replay" => {
                load_replay(&target).unwrap_or_else(|e| panic!("kill {kill}: {e}"));
                assert_eq!(replay_files_in(dir).unwrap(), vec![target.clone()]);
            }
            _ => {}
        }
    }
    tally
}

fn temporaries_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .and_then(temporary_writer)
                .is_some()
        })
        .collect()
}

fn kills_per_kind() -> usize {
    sized("RAPPORT_KILLS", 20, 60) as usize
}

#[test]
fn a_writer_killed_at_random_leaves_the_old_file_or_the_new_one() {
    let dir = temp_dir("crash");
    let started = Instant::now();
    let mut lines = Vec::new();
    let (mut kills, mut mid_write) = (0, 0);
    for kind in KINDS {
        let folder = dir.join(kind);
        std::fs::create_dir_all(&folder).unwrap();
        let tally = kill_writer(kind, kills_per_kind(), &folder);
        assert_eq!(
            tally.torn, 0,
            "{kind}: {} of {} kills left a torn file",
            tally.torn, tally.kills
        );
        lines.push(format!(
            "  {kind:<7} {} kills, 0 torn, {} killed mid-write",
            tally.kills, tally.mid_write
        ));
        kills += tally.kills;
        mid_write += tally.mid_write;

        // The next write, by a live writer, clears what the dead ones left.
        let game = &games()[0];
        write(
            kind,
            &folder.join(format!("again.{kind}")),
            game,
            &expected(kind, game),
        );
        let left = temporaries_in(&folder);
        assert!(left.is_empty(), "{kind}: left after the next write: {left:?}");
    }
    println!(
        "crash safety: {kills} kills in {:.1} s, every file whole\n{}",
        started.elapsed().as_secs_f64(),
        lines.join("\n")
    );
    assert!(kills >= 200 || kills_per_kind() < 50);
    // The kills must land inside writes, or this proves nothing.
    assert!(
        mid_write * 100 >= kills * 15,
        "only {mid_write} of {kills} kills landed mid-write"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_same_kills_tear_a_plain_write() {
    let dir = temp_dir("crash-plain");
    let tally = kill_writer("plain", 30, &dir);
    println!(
        "plain writes: {} of {} kills left a torn file",
        tally.torn, tally.kills
    );
    assert!(tally.torn > 0, "the harness cannot see a torn file");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary() {
    let dir = temp_dir("crash-fail");
    // The target is a folder: the final rename fails.
    let target = dir.join("taken");
    std::fs::create_dir_all(target.join("inside")).unwrap();
    assert!(write_atomic(&target, b"new").is_err());
    assert!(target.join("inside").is_dir());
    assert!(temporaries_in(&dir).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
