//! A request as a page maker sees it (its session, form and path
//! parameter) and what a maker answers: a page, a redirect or a refusal.

use super::Web;
use super::form::FormData;
use super::page::{Frame, Refusal, page, redirect, respond};
use super::session::{Session, Who, set_cookie};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

/// A request as a page sees it.
pub struct Request {
    /// The session's token (changed by a sign-in).
    pub token: String,
    /// The session as the request began.
    pub session: Session,
    /// The cookie to set with the answer, if any.
    pub cookie: Option<HeaderValue>,
    /// A form's fields (empty for a GET).
    pub form: FormData,
    /// A path parameter (a week, a scenario), when the route has one.
    pub param: String,
}

impl Request {
    /// The frame of a page for this session.
    pub fn frame<'a>(&'a self, title: &'a str) -> Frame<'a> {
        Frame {
            title,
            who: &self.session.who,
            csrf: &self.session.csrf,
            refresh: None,
            projector: false,
        }
    }

    /// A page with status 200.
    pub fn ok(&self, title: &str, body: maud::Markup) -> Answer {
        Ok(respond(
            StatusCode::OK,
            page(&self.frame(title), body),
            self.cookie.clone(),
        ))
    }

    /// A page with a status of its own (a form refused: 409, 422).
    pub fn with_status(&self, status: StatusCode, frame: &Frame, body: maud::Markup) -> Answer {
        Ok(respond(status, page(frame, body), self.cookie.clone()))
    }

    /// `303 See Other` after a form was taken.
    pub fn to(&self, to: &str) -> Answer {
        Ok(redirect(to, self.cookie.clone()))
    }

    /// Signs the session in: a new token, and its cookie with the answer.
    pub fn sign_in(&mut self, web: &Web, who: Who) {
        self.token = web.sessions.sign_in(&self.token, who.clone());
        self.cookie = Some(set_cookie(&self.token));
        self.session = web.sessions.with(&self.token, |s| s.clone());
    }
}

pub type Answer = Result<Response, Refusal>;

/// A page's maker: runs on a blocking thread.
pub type Maker = fn(&Web, &mut Request) -> Answer;
