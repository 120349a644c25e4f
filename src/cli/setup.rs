//! What the subcommands that play games set up first: a scenario by id or
//! path, resized by `--agents`, and a pool of `--threads` threads.

use super::error::CliError;

/// Runs `work` on a pool of `threads` threads (all cores when `None`).
pub fn with_threads<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, CliError> {
    let threads = match threads {
        Some(0) => return Err(CliError("--threads must be at least 1".into())),
        Some(n) if n > 1024 => return Err(CliError(format!("--threads {n} is more than 1024"))),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError(format!("cannot start {threads} threads: {e}")))?;
    Ok(pool.install(work))
}

/// Loads a scenario by id or path and applies `--agents`.
pub fn load_scenario(name: &str, agents: Option<u32>) -> Result<crate::sim::Scenario, CliError> {
    let scenario = crate::files::builtin::find_scenario(name)?;
    match agents {
        Some(agents) => Ok(crate::files::scenario::resize(&scenario, agents)?),
        None => Ok(scenario),
    }
}
