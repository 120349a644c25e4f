//! Background jobs: work that re-simulates (Continue, the replay browser,
//! ghosts, rewind) runs on its own thread, so that a million-person game
//! never freezes the window. A job reports its progress through a shared
//! value, a system takes its result when it is done, and the screens draw
//! its progress with [`progress_bar`]. The UI thread only ever polls, and
//! a job's parallel work runs in a rayon pool of its own.

use super::theme::widgets::{bar, bar_fill};
use bevy_egui::egui;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

/// How far a job has got: `done` of `of` steps; `of == 0` while the job
/// cannot tell how much is left.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    of: AtomicU64,
}

impl Progress {
    /// Records `done` of `of` steps (from the job's thread, or any of its
    /// workers).
    pub fn set(&self, done: usize, of: usize) {
        self.of.store(of as u64, Ordering::Relaxed);
        self.done.store(done as u64, Ordering::Relaxed);
    }

    /// `(done, of)`, or `None` when the job cannot tell how much is left.
    pub fn get(&self) -> Option<(u64, u64)> {
        let of = self.of.load(Ordering::Relaxed);
        (of > 0).then(|| (self.done.load(Ordering::Relaxed).min(of), of))
    }
}

/// The job's thread ended without a result (it panicked).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the background work ({0}) stopped unexpectedly")]
pub struct JobFailed(pub String);

/// Work running on its own thread, with its result to take when it is done.
pub struct Job<T> {
    /// What is being done, for the player ("re-playing the weeks of your saved game").
    what: String,
    progress: Arc<Progress>,
    started: Instant,
    state: State<T>,
}

enum State<T> {
    Running(JoinHandle<T>),
    /// No thread could be started: the work never ran.
    NotStarted,
    Taken,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; it reports through the `Progress` it
    /// is given.
    pub fn spawn(what: impl Into<String>, work: impl FnOnce(&Progress) -> T + Send + 'static) -> Job<T> {
        let what = what.into();
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let handle = std::thread::Builder::new()
            .name(format!("rapport job: {what}"))
            .spawn(move || {
                yield_to_the_window();
                in_own_pool(move || work(&shared))
            });
        Job {
            what,
            progress,
            started: Instant::now(),
            state: handle.map_or(State::NotStarted, State::Running),
        }
    }

    /// The result once the work is done (once: later calls return `None`).
    /// Never waits.
    pub fn take(&mut self) -> Option<Result<T, JobFailed>> {
        if let State::Running(handle) = &self.state
            && !handle.is_finished()
        {
            return None;
        }
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Running(handle) => Some(handle.join().map_err(|_| JobFailed(self.what.clone()))),
            State::NotStarted => Some(Err(JobFailed(self.what.clone()))),
            State::Taken => None,
        }
    }

    /// Waits for the result (tests and the command line; never a system).
    pub fn wait(mut self) -> Result<T, JobFailed> {
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Running(handle) => handle.join().map_err(|_| JobFailed(self.what.clone())),
            _ => Err(JobFailed(self.what)),
        }
    }
}

impl<T> Job<T> {
    pub fn what(&self) -> &str {
        &self.what
    }

    pub fn progress(&self) -> Option<(u64, u64)> {
        self.progress.get()
    }

    pub fn seconds(&self) -> f32 {
        self.started.elapsed().as_secs_f32()
    }
}

/// Runs `work` with a rayon pool of its own, so that what it runs in
/// parallel never queues in the global pool, where the running week's day
/// (on the UI thread) would wait behind it for seconds.
fn in_own_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("rapport job worker {i}"))
        .start_handler(|_| yield_to_the_window())
        .build()
    {
        Ok(pool) => pool.install(work),
        // Without a pool of its own the work still runs, in the global one.
        Err(_) => work(),
    }
}

/// Lets go of `value` on a thread of its own: freeing a game of a million
/// people (a few hundred megabytes handed back to the system) takes
/// milliseconds that no frame of the window should wait for. If no thread
/// can be started it is freed here.
pub fn let_go<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("rapport: letting go".into())
        .spawn(move || drop(value));
}

/// Lowers the calling thread's priority (a niceness of 10 on Linux), so
/// that on a machine with few cores the window's frame (a day of the
/// running week, on the UI thread and the global pool) gets a core before
/// a re-play running beside it. Elsewhere the thread runs as it is.
fn yield_to_the_window() {
    #[cfg(target_os = "linux")]
    // SAFETY: `setpriority` only reads its arguments; on Linux a `who` of 0
    // with `PRIO_PROCESS` names the calling thread alone.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// The text under a job's progress bar: what it does, how far, how long.
pub fn progress_text(what: &str, progress: Option<(u64, u64)>, seconds: f32) -> String {
    match progress {
        Some((done, of)) => format!("{what}… {done} of {of} ({seconds:.1} s)"),
        None => format!("{what}… ({seconds:.1} s)"),
    }
}

/// A job's progress: what it does, wrapped within the panel, over a bar
/// (a spinner while the job cannot tell how far it is).
pub fn progress_bar<T>(ui: &mut egui::Ui, job: &Job<T>) {
    let progress = job.progress();
    let text = progress_text(job.what(), progress, job.seconds());
    match progress {
        Some((done, of)) => bar(ui, done as f64 / of as f64, bar_fill(), text),
        None => {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.add(egui::Label::new(text).wrap());
            });
        }
    }
    // Keep drawing while the job runs, so the bar moves.
    ui.ctx().request_repaint();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_hands_over_its_result_once_and_reports_progress() {
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let mut job = Job::spawn("counting", move |progress| {
            progress.set(1, 2);
            let _ = wait.recv();
            progress.set(2, 2);
            42
        });
        assert!(job.take().is_none(), "not done before it is let go");
        go.send(()).unwrap();
        let result = loop {
            if let Some(result) = job.take() {
                break result;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        assert_eq!(result, Ok(42));
        assert_eq!(job.progress(), Some((2, 2)));
        assert!(job.take().is_none(), "the result is taken once");
    }

    /// The job's thread and its pool's workers run below the window's
    /// priority; the calling thread keeps its own.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_job_runs_below_the_window() {
        let niceness = || unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let before = niceness();
        let job = Job::spawn("measuring", move |_| {
            let workers: Vec<i32> = rayon::broadcast(|_| niceness());
            (niceness(), workers)
        });
        let (own, workers) = job.wait().unwrap();
        assert!(own >= 10, "the job's thread runs at niceness {own}");
        assert!(workers.iter().all(|&n| n >= 10), "its workers: {workers:?}");
        assert_eq!(niceness(), before, "the caller keeps its priority");
    }

    #[test]
    fn a_job_that_panics_says_so() {
        let job = Job::spawn("failing", |_| -> u32 { panic!("on purpose") });
        assert_eq!(job.wait(), Err(JobFailed("failing".into())));
    }

    #[test]
    fn progress_text_says_what_how_far_and_how_long() {
        assert_eq!(
            progress_text("re-playing", Some((3, 5)), 1.25),
            "re-playing… 3 of 5 (1.2 s)"
        );
        assert_eq!(progress_text("loading", None, 0.0), "loading… (0.0 s)");
    }
}
