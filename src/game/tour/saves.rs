//! The tour's steps around saved games: Continue of the game saved at the
//! rewound week (held until its progress is in a picture), and Continue of a
//! damaged save, refused with the reason and kept.

use super::{Flow, SETTLE, Tour, fail, open};
use crate::game::jobs::Job;
use crate::game::session::{ContinueGame, Continuing, Session, continue_game_reporting};
use crate::game::state::{Overlay, Screen};
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// Continue of the game saved at the rewound week, from the title: held
/// until its progress is in a screenshot, then let go.
pub(super) fn continue_the_saved_game(world: &mut World) -> Flow {
    world.resource_mut::<NextState<Overlay>>().set(Overlay::None);
    let gate = Arc::clone(&world.resource::<Tour>().gate);
    let save_path = world
        .get_resource::<Session>()
        .and_then(|s| s.save_path().map(std::path::Path::to_path_buf));
    let weeks = save_path
        .as_deref()
        .and_then(crate::files::save::peek)
        .map_or(0, |raw| raw.weeks.len());
    let what = "re-playing the weeks of your saved game";
    world.resource_mut::<Continuing>().0 = Some(Job::spawn(what, move |progress| {
        progress.set(0, weeks);
        while !gate.load(Ordering::Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        continue_game_reporting(save_path.as_deref(), &|done, of| progress.set(done, of))
    }));
    open(world, Screen::Title, SETTLE)
}

pub(super) fn let_continue_go(world: &mut World) -> Flow {
    world.resource::<Tour>().gate.store(true, Ordering::Relaxed);
    Flow::Next(0)
}

pub(super) fn wait_continued(world: &mut World) -> Flow {
    if world.resource::<Continuing>().0.is_some() {
        return Flow::Again(1);
    }
    // The resumed game's screen opens at the next state transition, which
    // may come a frame after the job's result was taken.
    if *world.resource::<State<Screen>>().get() == Screen::Title {
        let mut tour = world.resource_mut::<Tour>();
        tour.checks += 1;
        if tour.checks <= 3 {
            return Flow::Again(1);
        }
        return fail("the saved game was not continued");
    }
    world.resource_mut::<Tour>().checks = 0;
    Flow::Next(SETTLE)
}

pub(super) fn wait_continued_title(world: &mut World) -> Flow {
    if world.resource::<Continuing>().0.is_some() {
        Flow::Again(1)
    } else {
        Flow::Next(SETTLE)
    }
}

/// Continue with a damaged save: refused with the reason on the title
/// screen, and the file kept under another name.
pub(super) fn continue_a_damaged_save(world: &mut World) -> Flow {
    let dir = damaged_save_dir();
    let _ = std::fs::create_dir_all(&dir);
    let save_path = dir.join("autosave.ron");
    let damaged = "Save(\n    version: 1,\n    game_version: \"0.1.0\",\n    model_version: 1,\n    scenario: \"corner_bak";
    let _ = std::fs::write(&save_path, damaged);
    world.trigger(ContinueGame {
        save_path: Some(save_path),
    });
    world.resource_mut::<NextState<Overlay>>().set(Overlay::None);
    open(world, Screen::Title, SETTLE)
}

pub(super) fn remove_the_damaged_save(_world: &mut World) -> Flow {
    let _ = std::fs::remove_dir_all(damaged_save_dir());
    Flow::Next(0)
}

/// Where the tour puts the damaged save it shows (never the player's).
fn damaged_save_dir() -> PathBuf {
    std::env::temp_dir().join(format!("rapport-tour-save-{}", std::process::id()))
}
