//! `rapport class serve`: the class game engine as an HTTP JSON service
//! (axum on tokio), for teams playing over a classroom's network.
//!
//! Every request is answered by one engine call made under one lock, on a
//! blocking thread, and answered only after the engine returned: the engine
//! writes every change atomically first, so a server killed at any moment
//! and started again on the same folder has lost nothing it acknowledged.
//! The routes are in [`super::server_api`]; every refusal is a JSON
//! `{ "error": "..." }` with a status that says which kind it is.

use super::game::{ClassGame, MAX_PLAN_BYTES};
use super::server_api::{self as api, ErrorBody, InstructorQuery, PlanQuery, ScenarioSource, TeamQuery};
use super::server_engine::Engine;
use super::{ClassError, RoundStatus};
use crate::sim::WeekPlan;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

/// Serves the class game in `dir` on `addr` (e.g. `127.0.0.1:7070`; port 0
/// takes any free port) until the process is stopped. Prints
/// `listening on http://ADDRESS` once it accepts connections.
pub fn serve(dir: &Path, addr: &str) -> Result<(), ClassError> {
    let game = ClassGame::open(dir)?;
    serve_engine(game, addr, |bound| {
        let mut out = std::io::stdout();
        // Scripts and tests wait for this line; a closed stdout must not
        // stop the server.
        let _ = writeln!(out, "listening on http://{bound}");
        let _ = out.flush();
    })
}

/// Serves any engine; `ready` is told the address once it is bound.
pub(crate) fn serve_engine<E: Engine>(
    engine: E,
    addr: &str,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ClassError> {
    let app = App::new(engine);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| ClassError::Broken(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ClassError::Unreachable(format!("cannot listen on {addr}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| ClassError::Broken(format!("cannot listen on {addr}: {e}")))?;
        ready(bound);
        axum::serve(listener, router(app))
            .await
            .map_err(|e| ClassError::Broken(format!("the server stopped: {e}")))
    })
}

fn router<E: Engine>(app: App<E>) -> Router {
    api_routes(app)
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
}

/// The JSON API's routes over `engine`, without fallbacks: the browser's
/// pages (`crate::web`) serve them beside their own and add theirs.
pub(crate) fn api_router<E: Engine>(engine: E) -> Router {
    api_routes(App::new(engine))
}

fn api_routes<E: Engine>(app: App<E>) -> Router {
    Router::new()
        .route(api::STATUS, get(status::<E>))
        .route(api::SCENARIO, get(scenario::<E>))
        .route(
            api::PLAN,
            post(plan::<E>).layer(DefaultBodyLimit::max(MAX_PLAN_BYTES)),
        )
        .route(api::REPORTS, get(reports::<E>))
        .route(api::STANDINGS, get(standings::<E>))
        .route(
            api::ADVANCE,
            post(advance::<E>).layer(DefaultBodyLimit::max(1024)),
        )
        .route(api::REPLAY, get(replay::<E>))
        .with_state(app)
}

/// The engine behind its one lock, and what it said once at the start.
struct Shared<E> {
    engine: Mutex<E>,
    teams: Option<Vec<String>>,
    scenario: Result<ScenarioSource, String>,
}

struct App<E>(Arc<Shared<E>>);

impl<E> Clone for App<E> {
    fn clone(&self) -> Self {
        App(self.0.clone())
    }
}

impl<E: Engine> App<E> {
    fn new(engine: E) -> App<E> {
        App(Arc::new(Shared {
            teams: engine.teams(),
            scenario: engine.scenario_source(),
            engine: Mutex::new(engine),
        }))
    }

    /// Runs `call` on the engine, one call at a time, off the async threads.
    async fn call<T: Send + 'static>(
        &self,
        call: impl FnOnce(&E, Option<&[String]>) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let shared = self.0.clone();
        tokio::task::spawn_blocking(move || {
            // A call that panicked left the folder as its last atomic write
            // did; the next call may go on from there.
            let engine = shared.engine.lock().unwrap_or_else(PoisonError::into_inner);
            call(&engine, shared.teams.as_deref())
        })
        .await
        .unwrap_or_else(|_| Err(Failure::broken("the class engine failed on this request")))
    }
}

/// A refusal or failure on its way to the client.
#[derive(Debug)]
struct Failure {
    status: StatusCode,
    reason: String,
}

impl Failure {
    fn new(status: StatusCode, reason: impl Into<String>) -> Failure {
        Failure {
            status,
            reason: reason.into(),
        }
    }

    fn broken(reason: impl Into<String>) -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, reason)
    }

    /// An engine error: a refusal gets `refused`; anything else is the
    /// server's fault.
    fn engine(error: ClassError, refused: StatusCode) -> Failure {
        match error {
            ClassError::Refused(reason) => Failure::new(refused, reason),
            other => Failure::broken(other.to_string()),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: self.reason })).into_response()
    }
}

fn reply<T: Serialize>(result: Result<T, Failure>) -> Response {
    match result {
        Ok(body) => Json(body).into_response(),
        Err(failure) => failure.into_response(),
    }
}

fn query<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, Failure> {
    query
        .map(|Query(value)| value)
        .map_err(|e| Failure::new(StatusCode::BAD_REQUEST, e.body_text()))
}

/// The team's own requests only: 404 for a team the class does not have,
/// 403 for a wrong join code.
fn check_team<E: Engine>(
    engine: &E,
    teams: Option<&[String]>,
    team: &str,
    code: &str,
) -> Result<(), Failure> {
    if team.is_empty() || code.is_empty() {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "give the team's name and join code (`?team=NAME&code=CODE`)",
        ));
    }
    if let Some(teams) = teams
        && !teams.iter().any(|known| known.eq_ignore_ascii_case(team.trim()))
    {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            format!("this class has no team `{team}`"),
        ));
    }
    engine
        .authorise(team, code)
        .map_err(|e| Failure::engine(e, StatusCode::FORBIDDEN))
}

fn check_key<E: Engine>(engine: &E, key: &str) -> Result<(), Failure> {
    if key.is_empty() {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "give the instructor key (`?key=KEY`)",
        ));
    }
    engine
        .check_key(key)
        .map_err(|e| Failure::engine(e, StatusCode::FORBIDDEN))
}

/// A team's own read: the query and the team's code checked, then `read`
/// under the engine's lock (a refusal there is the team's: 403).
async fn team_read<E: Engine, T: Serialize + Send + 'static>(
    app: App<E>,
    who: Result<Query<TeamQuery>, QueryRejection>,
    read: fn(&E, &str, &str) -> Result<T, ClassError>,
) -> Response {
    let result = match query(who) {
        Ok(who) => {
            app.call(move |engine, teams| {
                check_team(engine, teams, &who.team, &who.code)?;
                read(engine, &who.team, &who.code).map_err(|e| Failure::engine(e, StatusCode::FORBIDDEN))
            })
            .await
        }
        Err(failure) => Err(failure),
    };
    reply(result)
}

/// An instructor's call: the key checked, then `act` under the engine's
/// lock (a refusal there is a conflict with the class's state: 409).
async fn instructor_call<E: Engine, T: Send + 'static>(
    app: App<E>,
    who: Result<Query<InstructorQuery>, QueryRejection>,
    act: fn(&E, &InstructorQuery) -> Result<T, ClassError>,
) -> Result<T, Failure> {
    let who = query(who)?;
    app.call(move |engine, _| {
        check_key(engine, &who.key)?;
        act(engine, &who).map_err(|e| Failure::engine(e, StatusCode::CONFLICT))
    })
    .await
}

async fn status<E: Engine>(
    State(app): State<App<E>>,
    who: Result<Query<TeamQuery>, QueryRejection>,
) -> Response {
    team_read(app, who, E::status).await
}

async fn scenario<E: Engine>(
    State(app): State<App<E>>,
    who: Result<Query<TeamQuery>, QueryRejection>,
) -> Response {
    let result = match query(who) {
        Ok(who) => app
            .call(move |engine, teams| check_team(engine, teams, &who.team, &who.code))
            .await
            .and_then(|()| app.0.scenario.clone().map_err(Failure::broken)),
        Err(failure) => Err(failure),
    };
    reply(result)
}

/// Hands in a plan: a `WeekPlan` as JSON (`Content-Type:
/// application/json`) or a plans file's text (anything else). The body
/// limit refuses a plan over [`MAX_PLAN_BYTES`] before it is read whole.
async fn plan<E: Engine>(
    State(app): State<App<E>>,
    who: Result<Query<PlanQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let who = match query(who) {
        Ok(who) => who,
        Err(failure) => return failure.into_response(),
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the plan is larger than {MAX_PLAN_BYTES} bytes"),
            )
            .into_response();
        }
        Err(rejection) => return Failure::new(rejection.status(), rejection.body_text()).into_response(),
    };
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    reply(
        app.call(move |engine, teams| hand_in(engine, teams, &who, json, &body))
            .await,
    )
}

fn hand_in<E: Engine>(
    engine: &E,
    teams: Option<&[String]>,
    who: &PlanQuery,
    json: bool,
    body: &[u8],
) -> Result<RoundStatus, Failure> {
    check_team(engine, teams, &who.team, &who.code)?;
    let before = engine
        .status(&who.team, &who.code)
        .map_err(|e| Failure::engine(e, StatusCode::FORBIDDEN))?;
    if before.finished {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            "the game is over: no more plans are taken",
        ));
    }
    // Without the round it was made for, a plan that arrives after its
    // round closed would be filed into the next one: refused instead.
    let Some(round) = who.round else {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            format!(
                "say which round this plan is for (`round=N`); the class is collecting round {}, \
                 and a plan without its round could be filed into the wrong one",
                before.round
            ),
        ));
    };
    if round != before.round {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            format!(
                "this plan is for round {round}, but the class is collecting round {}",
                before.round
            ),
        ));
    }
    let illegal = |e| Failure::engine(e, StatusCode::UNPROCESSABLE_ENTITY);
    if json {
        let plan = json_plan(body)?;
        engine
            .hand_in_for(&who.team, &who.code, round, &plan)
            .map_err(illegal)?;
    } else {
        let text = std::str::from_utf8(body)
            .map_err(|_| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, "the plan is not text (UTF-8)"))?;
        engine
            .hand_in_text_for(&who.team, &who.code, round, text)
            .map_err(illegal)?;
    }
    // Under the lock nothing else changed meanwhile: no need to ask again.
    Ok(RoundStatus {
        handed_in: true,
        waiting_for: before.waiting_for.saturating_sub(u32::from(!before.handed_in)),
        ..before
    })
}

fn json_plan(body: &[u8]) -> Result<WeekPlan, Failure> {
    serde_json::from_slice(body).map_err(|e| {
        Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the plan is not a week's plan: {e}"),
        )
    })
}

async fn reports<E: Engine>(
    State(app): State<App<E>>,
    who: Result<Query<TeamQuery>, QueryRejection>,
) -> Response {
    team_read(app, who, E::reports).await
}

async fn standings<E: Engine>(
    State(app): State<App<E>>,
    who: Result<Query<TeamQuery>, QueryRejection>,
) -> Response {
    team_read(app, who, E::standings).await
}

/// Plays the round (instructor key). Refusals other than the key (plans
/// still missing, the game over) are conflicts with the class's state.
async fn advance<E: Engine>(
    State(app): State<App<E>>,
    who: Result<Query<InstructorQuery>, QueryRejection>,
) -> Response {
    reply(instructor_call(app, who, |engine, who| engine.advance(&who.key, who.force)).await)
}

/// The class replay, as the text of a replay file (instructor key).
async fn replay<E: Engine>(
    State(app): State<App<E>>,
    who: Result<Query<InstructorQuery>, QueryRejection>,
) -> Response {
    match instructor_call(app, who, |engine, _| engine.replay_text()).await {
        Ok(text) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response(),
        Err(failure) => failure.into_response(),
    }
}

pub(crate) async fn not_found() -> Response {
    Failure::new(
        StatusCode::NOT_FOUND,
        "no such route; the class API is under /api/ (status, scenario, plan, reports, standings, advance, replay)",
    )
    .into_response()
}

pub(crate) async fn wrong_method() -> Response {
    Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "wrong method for this route: hand in and advance are POST, everything else GET",
    )
    .into_response()
}
