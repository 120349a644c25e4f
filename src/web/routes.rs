//! The browser's routes and what every request goes through first: its
//! session (a cookie), its rate, and for a form its size and CSRF token;
//! then its page is made on a blocking thread. A refusal is a page.

use super::form::FormData;
use super::page::{Refusal, redirect, respond};
use super::request::{Answer, Maker, Request};
use super::session::{Session, Who, clear_cookie, set_cookie};
use super::{MAX_FORM_BYTES, Web, dashboard, solo, style, team};
use crate::class::game::ClassGame;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::html;
use std::sync::Arc;

type App = State<Arc<Web>>;

/// Every route of the browser's pages, and the class API beside them.
pub fn router(web: Arc<Web>, api: Option<ClassGame>) -> Router {
    let pages = Router::new()
        .route("/", get(|s: App, h: HeaderMap| got(s, h, String::new(), home)))
        .route("/style.css", get(stylesheet))
        .route(
            "/sign-out",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, sign_out)),
        )
        .route(
            "/team/join",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), team::join_page)),
        )
        .route(
            "/team/join",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, team::join)),
        )
        .route(
            "/team",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), team::home)),
        )
        .route(
            "/team/plan/add",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, team::add)),
        )
        .route(
            "/team/plan/edit",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, team::edit)),
        )
        .route(
            "/team/hand-in",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, team::hand_in)),
        )
        .route(
            "/team/report/{week}",
            get(|s: App, h: HeaderMap, Path(week): Path<String>| got(s, h, week, team::report)),
        )
        .route(
            "/solo/sign-in",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), solo::sign_in_page)),
        )
        .route(
            "/solo/sign-in",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, solo::sign_in)),
        )
        .route(
            "/solo",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), solo::home)),
        )
        .route(
            "/solo/start",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, solo::start)),
        )
        .route(
            "/solo/plan/add",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, solo::add)),
        )
        .route(
            "/solo/plan/edit",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, solo::edit)),
        )
        .route(
            "/solo/run",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, solo::run_week)),
        )
        .route(
            "/solo/report/{week}",
            get(|s: App, h: HeaderMap, Path(week): Path<String>| got(s, h, week, solo::report)),
        )
        .route(
            "/solo/debrief",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), solo::debrief)),
        )
        .route(
            "/solo/again",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, solo::again)),
        )
        .route(
            "/instructor/sign-in",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), dashboard::sign_in_page)),
        )
        .route(
            "/instructor/sign-in",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, dashboard::sign_in)),
        )
        .route(
            "/instructor",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), dashboard::home)),
        )
        .route(
            "/instructor/advance",
            post(|s: App, h: HeaderMap, b| posted(s, h, b, dashboard::advance)),
        )
        .route(
            "/instructor/projector",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), dashboard::projector)),
        )
        .route(
            "/instructor/grades/{scenario}",
            get(|s: App, h: HeaderMap, Path(p): Path<String>| got(s, h, p, dashboard::grades)),
        )
        .route(
            "/instructor/compare/{scenario}",
            get(|s: App, h: HeaderMap, Path(p): Path<String>| got(s, h, p, dashboard::compare)),
        )
        .route(
            "/instructor/chart/{file}",
            get(|s: App, h: HeaderMap, Path(p): Path<String>| got(s, h, p, dashboard::chart)),
        )
        .route(
            "/instructor/replay",
            get(|s: App, h: HeaderMap| got(s, h, String::new(), dashboard::class_replay)),
        )
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .with_state(web.clone());
    let api = match api {
        Some(game) => crate::class::server::api_router(game),
        None => Router::new(),
    };
    api.merge(pages)
        .fallback(move |h: HeaderMap, uri: Uri| not_found(web.clone(), h, uri))
        .method_not_allowed_fallback(wrong_method)
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        style::css(),
    )
        .into_response()
}

/// A GET: the session, its rate, then the page.
async fn got(State(web): App, headers: HeaderMap, param: String, make: Maker) -> Response {
    serve(web, &headers, Method::GET, None, param, make).await
}

/// A POST: the session, its rate, the form's size and CSRF token, then the page.
async fn posted(
    State(web): App,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
    make: Maker,
) -> Response {
    serve(web, &headers, Method::POST, Some(body), String::new(), make).await
}

async fn serve(
    web: Arc<Web>,
    headers: &HeaderMap,
    method: Method,
    body: Option<Result<Bytes, BytesRejection>>,
    param: String,
    make: Maker,
) -> Response {
    let opened = web.sessions.open(headers);
    let cookie = opened.set_cookie.then(|| set_cookie(&opened.token));
    let refuse = |refusal: Refusal, session: &Session| {
        respond(
            refusal.status,
            refusal.page(&session.who, &session.csrf),
            cookie.clone(),
        )
    };
    if opened.too_fast {
        let refusal = Refusal::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Please slow down",
            "This browser sent more requests than the server takes from one player in a few seconds. Wait a moment, then go on.",
            ("/", "Back to the start page"),
        );
        return refuse(refusal, &opened.session);
    }
    let mut form = FormData::default();
    if method == Method::POST {
        let bytes = match body {
            Some(Ok(bytes)) => bytes,
            Some(Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                let refusal = Refusal::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "That was too much to send",
                    format!(
                        "A form here sends at most {MAX_FORM_BYTES} bytes; this one sent more, so none of it was taken."
                    ),
                    ("/", "Back to the start page"),
                );
                return refuse(refusal, &opened.session);
            }
            _ => {
                let refusal = Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "The form did not arrive whole",
                    "Send it again from the page.",
                    ("/", "Back to the start page"),
                );
                return refuse(refusal, &opened.session);
            }
        };
        form = match serde_urlencoded_pairs(&bytes) {
            Some(form) => form,
            None => {
                let refusal = Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "The form did not arrive whole",
                    "Its fields could not be read. Send it again from the page.",
                    ("/", "Back to the start page"),
                );
                return refuse(refusal, &opened.session);
            }
        };
        if !form.carries(&opened.session.csrf) {
            let refusal = Refusal::new(
                StatusCode::FORBIDDEN,
                "This form has expired",
                "It was opened before you signed in or out, before the server restarted, or in another tab that has since moved on. Nothing was changed. Open the page again and send the form from there.",
                ("/", "Back to the start page"),
            );
            return refuse(refusal, &opened.session);
        }
    }
    let mut request = Request {
        token: opened.token,
        session: opened.session,
        cookie: cookie.clone(),
        form,
        param,
    };
    let outcome = tokio::task::spawn_blocking(move || {
        let answer = make(&web, &mut request);
        (answer, request)
    })
    .await;
    match outcome {
        Ok((Ok(response), _)) => response,
        Ok((Err(refusal), request)) => respond(
            refusal.status,
            refusal.page(&request.session.who, &request.session.csrf),
            request.cookie,
        ),
        Err(_) => {
            let refusal = Refusal::broken(
                "The page failed while it was being made. Try again; if it fails again, tell your instructor.",
            );
            respond(refusal.status, refusal.page(&Who::Visitor, ""), cookie)
        }
    }
}

/// A form body's fields.
fn serde_urlencoded_pairs(bytes: &[u8]) -> Option<FormData> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut fields = Vec::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        fields.push((decode(name)?, decode(value)?));
    }
    Some(FormData(fields))
}

/// `a+b%21` -> `a b!`.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The start page: the doors into the class.
fn home(web: &Web, request: &mut Request) -> Answer {
    let body = html! {
        h1 { "Reach & Rapport in the classroom" }
        p { "Run a brand's social presence week by week: broadcast to people, or talk with them, and see what each does." }
        div.grid.two {
            @if web.class.is_some() {
                section.card {
                    h2 { "Play with your team" }
                    p { "Your instructor gave your team a name and a join code." }
                    p { a.button href="/team/join" { "Join your team" } }
                }
            }
            section.card {
                h2 { "Play on your own" }
                @if web.roster.is_some() {
                    p { "Sign in with your name and the personal code your instructor gave you, choose a scenario and play it to its debrief. Your game is kept on this server; when it ends it is handed in for you." }
                    p { a.button href="/solo/sign-in" { "Sign in to play" } }
                } @else {
                    p.muted { "Solo play needs the class roster; the instructor starts the server with one (see the classroom guide)." }
                }
            }
            section.card {
                h2 { "Instructor" }
                p { "The class at a glance, the rounds, the standings for the projector, grades and the comparison of hand-ins." }
                p { a.button href="/instructor/sign-in" { "Instructor's dashboard" } }
            }
        }
        p.muted { "This server speaks plain HTTP on the room's network: codes travel unencrypted, so treat them as classroom codes, not passwords." }
    };
    request.ok("Welcome", body)
}

fn sign_out(web: &Web, request: &mut Request) -> Answer {
    web.sessions.sign_out(&request.token);
    Ok(redirect("/", Some(clear_cookie())))
}

async fn not_found(web: Arc<Web>, headers: HeaderMap, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::class::server::not_found().await;
    }
    let opened = web.sessions.open(&headers);
    let refusal = Refusal::new(
        StatusCode::NOT_FOUND,
        "No such page",
        format!(
            "There is no page at {}. Perhaps the address was mistyped.",
            uri.path()
        ),
        ("/", "Go to the start page"),
    );
    respond(
        refusal.status,
        refusal.page(&opened.session.who, &opened.session.csrf),
        opened.set_cookie.then(|| set_cookie(&opened.token)),
    )
}

async fn wrong_method(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::class::server::wrong_method().await;
    }
    let refusal = Refusal::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "Use the page's buttons",
        "This address takes a form sent from its page. Go back and use the button there.",
        ("/", "Go to the start page"),
    );
    respond(refusal.status, refusal.page(&Who::Visitor, ""), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_body_decodes() {
        let form = serde_urlencoded_pairs(b"name=Ada+Lovelace&code=k7%2Fm&empty=&flag").unwrap();
        assert_eq!(form.get("name"), Some("Ada Lovelace"));
        assert_eq!(form.get("code"), Some("k7/m"));
        assert_eq!(form.get("empty"), Some(""));
        assert_eq!(form.get("flag"), Some(""));
        assert!(serde_urlencoded_pairs(b"bad=%zz").is_none());
    }
}
