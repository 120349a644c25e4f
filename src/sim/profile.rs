//! Where a day's time goes, for `rapport bench`: the wall-clock and CPU
//! time (all threads) of each phase of the last day played. Recorded only:
//! nothing in the model reads it, and it is not part of the state.

use std::time::Instant;

/// The phases of a day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PhaseTimes {
    /// Scripted events, the brand's actions and phase A (who is reached).
    pub actions: Time,
    /// The pass over the people visited.
    pub pass: Time,
    /// Phase C: the ledger, the day's metrics and the brand's books.
    pub books: Time,
    /// The state hash taken when a week closes (zero on other days).
    pub hash: Time,
}

/// Milliseconds of wall clock and of CPU (all threads).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Time {
    pub wall_ms: f64,
    pub cpu_ms: f64,
}

impl std::ops::AddAssign for Time {
    fn add_assign(&mut self, other: Time) {
        self.wall_ms += other.wall_ms;
        self.cpu_ms += other.cpu_ms;
    }
}

/// A running stopwatch of both clocks.
pub struct Stopwatch {
    wall: Instant,
    cpu: f64,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch {
            wall: Instant::now(),
            cpu: cpu_time_ms(),
        }
    }

    /// The time since the last lap (or the start), and a new lap begins.
    pub fn lap(&mut self) -> Time {
        let cpu = cpu_time_ms();
        let time = Time {
            wall_ms: self.wall.elapsed().as_secs_f64() * 1000.0,
            cpu_ms: cpu - self.cpu,
        };
        self.wall = Instant::now();
        self.cpu = cpu;
        time
    }
}

/// CPU time this process has used so far (user and system, all threads).
pub fn cpu_time_ms() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}
