//! What the subcommands that play games set up first: a scenario by id or
//! path, resized by `--agents`, a pool of `--threads` threads, and who
//! plays (`--player`, `--class`, `--code`).

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

/// Who plays a game written as a replay: `--player NAME --class CODE
/// --code PERSONAL_CODE`, as the game's name form asks them.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PlayerArgs {
    /// The player's name, written into the replay (as on the class roster).
    #[arg(long)]
    pub player: Option<String>,
    /// The class code the instructor gave out.
    #[arg(long = "class")]
    pub class_code: Option<String>,
    /// The player's personal code from the instructor: the replay is sealed
    /// with it, so the instructor's roster can tell it is theirs.
    #[arg(long)]
    pub code: Option<String>,
}

impl PlayerArgs {
    /// Checks what was given before a game is played: a name that is not
    /// blank, neither text over 200 characters, a code that is one (a typo
    /// is caught here, not at grading).
    pub fn check(&self) -> Result<(), CliError> {
        if let Some(name) = &self.player
            && name.trim().is_empty()
        {
            return Err(CliError("--player: must not be blank".to_string()));
        }
        for (flag, text) in [("--player", &self.player), ("--class", &self.class_code)] {
            if let Some(text) = text
                && (text.chars().count() > 200 || text.chars().any(char::is_control))
            {
                return Err(CliError(format!(
                    "{flag}: at most 200 characters, and no control characters"
                )));
            }
        }
        if let Some(code) = &self.code {
            crate::files::roster::normalize_code(code).map_err(|e| CliError(format!("--code: {e}")))?;
        }
        Ok(())
    }

    /// `replay` named, classed and sealed as asked (what was not given is
    /// kept); sealed with the personal code when one is given.
    pub fn apply(
        &self,
        replay: crate::files::replay::Replay,
    ) -> Result<crate::files::replay::Replay, CliError> {
        let mut replay = replay;
        if let Some(name) = &self.player {
            replay.player = name.trim().to_string();
        }
        if let Some(class) = &self.class_code {
            replay.class_code = class.trim().to_string();
        }
        replay
            .sealed_for(self.code.as_deref())
            .map_err(|e| CliError(format!("--code: {e}")))
    }
}
