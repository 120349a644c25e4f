//! The frame of every page (the top bar with who is signed in, the skip
//! link, the main region) and the refusal pages: every 4xx the server
//! gives is a page that says what happened and what to do next.

use super::session::Who;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

/// A page's frame.
pub struct Frame<'a> {
    pub title: &'a str,
    /// Who is signed in (the top bar says so and offers to sign out).
    pub who: &'a Who,
    /// The session's CSRF token, for the sign-out form.
    pub csrf: &'a str,
    /// Reload every so many seconds (a page that waits for a round).
    pub refresh: Option<u32>,
    /// Large type for a projector.
    pub projector: bool,
}

/// A whole page.
pub fn page(frame: &Frame, body: Markup) -> Markup {
    let signed_in = match frame.who {
        Who::Visitor => None,
        Who::Team { name, .. } => Some(format!("team {name}")),
        Who::Student(student) => Some(student.name.clone()),
        Who::Instructor => Some("the instructor".to_string()),
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(seconds) = frame.refresh {
                    meta http-equiv="refresh" content=(seconds);
                }
                title { (frame.title) " — Reach & Rapport" }
                link rel="stylesheet" href="/style.css";
            }
            body class=[frame.projector.then_some("projector")] {
                a.skip href="#main" { "Skip to the page's content" }
                header.top {
                    div.inner {
                        a.brand href="/" { "Reach & Rapport" }
                        @if let Some(who) = signed_in {
                            span {
                                "Signed in as " strong { (who) } " "
                                form method="post" action="/sign-out" {
                                    input type="hidden" name="csrf" value=(frame.csrf);
                                    button.plain.small type="submit" { "Sign out" }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" {
                    (body)
                }
            }
        }
    }
}

/// An HTML answer with a status, and the session cookie when it is new.
pub fn respond(status: StatusCode, markup: Markup, cookie: Option<HeaderValue>) -> Response {
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    if let Some(cookie) = cookie {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `303 See Other` to `to` (after a form was taken), with the cookie.
pub fn redirect(to: &str, cookie: Option<HeaderValue>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(to) {
        headers.insert(header::LOCATION, location);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(cookie) = cookie {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

/// A refusal, as a page: what happened, in words, and where to go next.
#[derive(Clone, Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub title: String,
    pub message: String,
    /// (link, its words).
    pub next: (String, String),
}

impl Refusal {
    pub fn new(status: StatusCode, title: &str, message: impl Into<String>, next: (&str, &str)) -> Refusal {
        Refusal {
            status,
            title: title.to_string(),
            message: message.into(),
            next: (next.0.to_string(), next.1.to_string()),
        }
    }

    /// Not signed in as who the page is for.
    pub fn sign_in_first(to: &str) -> Refusal {
        Refusal::new(
            StatusCode::FORBIDDEN,
            "Please sign in first",
            "This page belongs to someone who has signed in. Sign in with your name and code, then come back.",
            (to, "Go to the sign-in page"),
        )
    }

    /// The server's own failure.
    pub fn broken(message: impl Into<String>) -> Refusal {
        Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on the server",
            message,
            ("/", "Back to the start page"),
        )
    }

    /// What the status means, for someone who has never heard of HTTP.
    fn what(&self) -> &'static str {
        match self.status.as_u16() {
            400 => "The request was incomplete.",
            403 => "Not allowed with the name or code given.",
            404 => "There is nothing at this address.",
            405 => "This address does not take that kind of request.",
            409 => "Too late, or not yet: the class has moved on.",
            413 => "What was sent is too large.",
            422 => "What was sent cannot be used as it is.",
            429 => "Too many requests, too fast.",
            _ => "The server could not finish this.",
        }
    }

    /// The refusal's page.
    pub fn page(&self, who: &Who, csrf: &str) -> Markup {
        let frame = Frame {
            title: &self.title,
            who,
            csrf,
            refresh: None,
            projector: false,
        };
        page(
            &frame,
            html! {
                h1 { (self.title) }
                div.error-box role="alert" {
                    p.error { (self.message) }
                }
                p.muted { (self.what()) " (The server answered " (self.status.as_u16()) ".)" }
                p { a href=(self.next.0) { (self.next.1) } }
            },
        )
    }
}
