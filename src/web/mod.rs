//! The classroom in a browser: `rapport class serve` and `rapport serve`
//! answer browsers with pages rendered here, from the same binary, with
//! every asset inside it (a style sheet, SVG charts; no script, nothing
//! fetched from anywhere). Teams play their class game, students play
//! solo under the roster's names, and the instructor runs the class from
//! a dashboard. The JSON API of `class::server` is served beside them.
//!
//! Every page calls the model, the class engine and `report::`'s sentences
//! as the window and `explain` do; nothing here decides a rule. Heavy work
//! (a week, a round, a page with charts) runs on blocking threads, never
//! on the server's I/O thread.

mod dashboard;
mod form;
mod ghosts;
mod handins;
mod page;
mod planner;
mod request;
pub mod roster;
mod routes;
mod session;
mod solo;
mod style;
mod svg;
mod team;
mod views;

use crate::class::ClassError;
use crate::class::game::ClassGame;
use roster::ClassRoster;
use session::Sessions;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// The largest audience a solo game in the browser may have: a week of a
/// larger one would hold a request too long and the server's memory with it.
pub const MAX_SOLO_PEOPLE: u32 = 20_000;

/// Most bytes a form may send.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// What the server serves.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Where to listen (`127.0.0.1:7070`; port 0 takes any free port).
    pub bind: String,
    /// The class game in teams, when there is one.
    pub class_dir: Option<PathBuf>,
    /// Where finished solo games are filed, one folder per scenario.
    pub handins: PathBuf,
    /// The server's own state: solo games in progress.
    pub state: PathBuf,
    /// The instructor's folder of the class roster (`rapport class
    /// roster`; or its `roster.ron`): solo players sign in with their
    /// name and personal code, and their hand-ins are sealed with it.
    pub roster: Option<PathBuf>,
    /// The class code written into solo replays.
    pub class_code: String,
    /// The scenarios a student may choose (built-in ids or files).
    pub scenarios: Vec<String>,
    /// Every solo game at this size instead of the scenario's own.
    pub agents: Option<u32>,
    /// The largest solo game.
    pub max_people: u32,
    /// The instructor key when there is no class (a class has its own).
    pub instructor_key: Option<String>,
}

/// Everything the pages share.
pub(crate) struct Web {
    pub config: WebConfig,
    pub class: Option<ClassGame>,
    pub roster: Option<ClassRoster>,
    pub sessions: Sessions,
    pub solo: solo::Store,
    pub ghosts: ghosts::Cache,
    pub key: Option<String>,
    pub sign_ins: handins::FailedSignIns,
}

impl Web {
    fn open(config: WebConfig) -> Result<Web, ClassError> {
        let class = config.class_dir.as_deref().map(ClassGame::open).transpose()?;
        // A roster that cannot be read stops the server before it starts.
        let roster = config
            .roster
            .as_deref()
            .map(|path| ClassRoster::load(path, &config.class_code))
            .transpose()
            .map_err(|e| ClassError::Refused(e.to_string()))?;
        let key = class
            .as_ref()
            .map(|c| c.instructor_key().to_string())
            .or_else(|| config.instructor_key.clone());
        let solo = solo::Store::open(&config.state.join("solo"), &config)?;
        Ok(Web {
            class,
            roster,
            sessions: Sessions::default(),
            solo,
            ghosts: ghosts::Cache::default(),
            key,
            sign_ins: handins::FailedSignIns::default(),
            config,
        })
    }
}

/// Serves the pages (and the class API when there is a class) until the
/// process stops; `ready` is told the address once it listens.
pub fn serve(config: WebConfig, ready: impl FnOnce(SocketAddr)) -> Result<(), ClassError> {
    // A browser that goes away in the middle of an answer, or a closed
    // standard output, must not stop the server (the command line lets
    // SIGPIPE end `rapport ... | head`; a server ignores it).
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore"; no handler runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    let bind = config.bind.clone();
    let web = Arc::new(Web::open(config)?);
    let api = web
        .class
        .as_ref()
        .map(|game| ClassGame::open(game.dir()))
        .transpose()?;
    let router = routes::router(web, api);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .max_blocking_threads(64)
        .build()
        .map_err(|e| ClassError::Broken(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&bind)
            .await
            .map_err(|e| ClassError::Unreachable(format!("cannot listen on {bind}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| ClassError::Broken(format!("cannot listen on {bind}: {e}")))?;
        ready(bound);
        axum::serve(listener, router)
            .await
            .map_err(|e| ClassError::Broken(format!("the server stopped: {e}")))
    })
}
