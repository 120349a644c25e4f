//! `rapport serve --out DIR`: solo play in the browser for a class's
//! students (no team game), with the instructor's dashboard; and what
//! `class serve` shares with it: where to listen and what to print.

use super::error::CliError;
use crate::web::{MAX_SOLO_PEOPLE, WebConfig};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The hand-in folder: finished games are filed here, a folder per
    /// scenario (the server keeps its own state in DIR/.server).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    solo: SoloArgs,
    #[command(flatten)]
    listen: ListenArgs,
}

/// Where the server listens.
#[derive(clap::Args, Debug)]
pub struct ListenArgs {
    /// The port (0: any free port; the server prints the address).
    #[arg(long, default_value_t = 7070)]
    port: u16,
    /// The address to listen on: 127.0.0.1 (this machine only), the
    /// machine's address on the classroom's network, or 0.0.0.0 (every
    /// network the machine is on).
    #[arg(long, alias = "host", default_value = "127.0.0.1")]
    bind: String,
}

/// Solo play's options.
#[derive(clap::Args, Debug)]
pub struct SoloArgs {
    /// The instructor's folder of the class roster (`rapport class roster
    /// --names FILE --out DIR` makes it): students sign in with their name
    /// and personal code, and their hand-ins are sealed with that code
    /// (without it, nobody can sign in to play solo; `class serve` reads
    /// the class folder's own roster when it has one, `class new --roster`).
    #[arg(long)]
    roster: Option<PathBuf>,
    /// The class code written into every solo hand-in (`class serve`: the
    /// class's name).
    #[arg(long = "class", default_value = "")]
    class_code: String,
    /// A scenario students may choose (id or file; give several; default:
    /// every built-in scenario).
    #[arg(long = "scenario")]
    scenarios: Vec<String>,
    /// Play every solo game with this many people.
    #[arg(long)]
    agents: Option<u32>,
}

impl ListenArgs {
    fn address(&self) -> String {
        if self.bind.contains(':') {
            format!("[{}]:{}", self.bind, self.port)
        } else {
            format!("{}:{}", self.bind, self.port)
        }
    }
}

/// The server's configuration from the command line.
pub fn config(
    listen: &ListenArgs,
    solo: &SoloArgs,
    class_dir: Option<&Path>,
    handins: PathBuf,
    state: PathBuf,
) -> WebConfig {
    // A class folder's own roster, when there is one and no other is given.
    let roster = solo.roster.clone().or_else(|| {
        class_dir
            .filter(|dir| crate::files::roster::roster_file(dir).exists())
            .map(Path::to_path_buf)
    });
    // Hand-ins from a class's server carry the class's name unless told otherwise.
    let class_code = match (solo.class_code.is_empty(), class_dir) {
        (true, Some(dir)) => std::path::absolute(dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default(),
        _ => solo.class_code.clone(),
    };
    WebConfig {
        bind: listen.address(),
        class_dir: class_dir.map(Path::to_path_buf),
        handins,
        state,
        roster,
        class_code,
        scenarios: solo.scenarios.clone(),
        agents: solo.agents,
        max_people: MAX_SOLO_PEOPLE,
        instructor_key: None,
    }
}

/// Serves until stopped; prints `listening on http://ADDRESS` first (scripts
/// and tests read that line), then what to tell the room.
pub fn start(config: WebConfig, key_note: Option<String>) -> Result<ExitCode, CliError> {
    crate::web::serve(config, |bound: SocketAddr| {
        use std::io::Write;
        // Scripts and tests read this one line on standard output and may
        // close it then: what to tell the room goes to standard error.
        let mut out = std::io::stdout();
        let _ = writeln!(out, "listening on http://{bound}");
        let _ = out.flush();
        let mut notes = std::io::stderr();
        if bound.ip().is_loopback() {
            let _ = writeln!(
                notes,
                "this machine only; to serve the classroom, start again with --bind and this machine's address on its network"
            );
        } else if bound.ip().is_unspecified() {
            let _ = writeln!(
                notes,
                "students type http://THIS-MACHINE'S-ADDRESS:{}/ (find the address with `ip addr` or `ipconfig`)",
                bound.port()
            );
        } else {
            let _ = writeln!(notes, "students type http://{bound}/ in their browser");
        }
        let _ = writeln!(notes, "plain HTTP: codes travel unencrypted on the room's network");
        if let Some(note) = key_note {
            let _ = writeln!(notes, "{note}");
        }
    })
    .map_err(|e| CliError(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let state = args.out.join(".server");
    std::fs::create_dir_all(&state).map_err(|e| CliError(format!("{}: {e}", state.display())))?;
    let key = instructor_key(&state)?;
    let mut config = config(&args.listen, &args.solo, None, args.out.clone(), state.clone());
    config.instructor_key = Some(key);
    let note = format!(
        "instructor key in {} (the dashboard is at /instructor)",
        state.join("instructor-key.txt").display()
    );
    start(config, Some(note))
}

/// The dashboard's key for a server without a class: made once, kept
/// readable by its owner only.
fn instructor_key(state: &Path) -> Result<String, CliError> {
    let path = state.join("instructor-key.txt");
    if let Ok(text) = std::fs::read_to_string(&path)
        && !text.trim().is_empty()
    {
        return Ok(text.trim().to_string());
    }
    let key = crate::class::game::folder::fresh_code(16);
    crate::files::atomic::write_atomic(&path, format!("{key}\n").as_bytes())
        .map_err(|e| CliError(format!("{}: {e}", path.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(key)
}
