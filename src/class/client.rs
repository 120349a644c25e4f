//! The blocking HTTP side of a class client (the window, `class advance
//! --server`): one request per call, with timeouts, and every failure
//! turned into a [`ClassError`] with the server's own reason.

use super::ClassError;
use super::server_api::ErrorBody;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// How long a request may take before the class counts as unreachable:
/// a round of a large class can take a few seconds to play.
const TIMEOUT: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest answer read (a class replay of 30 teams is far smaller).
const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// A request to `server` + `route` with these query parameters.
pub struct Request<'a> {
    pub server: &'a str,
    pub route: &'a str,
    pub query: Vec<(&'a str, String)>,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .timeout_connect(Some(CONNECT_TIMEOUT))
        // Refusals carry their reason in the body: read it.
        .http_status_as_error(false)
        .build()
        .into()
}

impl Request<'_> {
    fn url(&self) -> String {
        format!("{}{}", self.server.trim_end_matches('/'), self.route)
    }

    /// `GET`, the answer's body as text.
    pub fn get_text(&self) -> Result<String, ClassError> {
        let mut request = agent().get(self.url());
        for (name, value) in &self.query {
            request = request.query(*name, value);
        }
        answer(self.server, request.call())
    }

    /// `POST` with a JSON body (or none), the answer's body as text.
    pub fn post_text(&self, json: Option<Vec<u8>>) -> Result<String, ClassError> {
        let mut request = agent().post(self.url());
        for (name, value) in &self.query {
            request = request.query(*name, value);
        }
        let sent = match json {
            Some(body) => request.header("content-type", "application/json").send(&body[..]),
            None => request.send_empty(),
        };
        answer(self.server, sent)
    }

    pub fn get<T: DeserializeOwned>(&self) -> Result<T, ClassError> {
        decode(&self.get_text()?)
    }

    pub fn post<T: DeserializeOwned>(&self, json: Option<Vec<u8>>) -> Result<T, ClassError> {
        decode(&self.post_text(json)?)
    }
}

fn answer(
    server: &str,
    sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<String, ClassError> {
    let mut response = sent.map_err(|e| transport(server, e))?;
    let status = response.status();
    let text = response
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER_BYTES)
        .read_to_string()
        .map_err(|e| transport(server, e))?;
    if status.is_success() {
        return Ok(text);
    }
    let reason = serde_json::from_str::<ErrorBody>(&text)
        .map(|body| body.error)
        .unwrap_or_else(|_| format!("the server answered {status}"));
    if status.is_client_error() {
        Err(ClassError::Refused(reason))
    } else {
        Err(ClassError::Broken(format!("the class server failed: {reason}")))
    }
}

fn transport(server: &str, error: ureq::Error) -> ClassError {
    match error {
        ureq::Error::Io(_)
        | ureq::Error::Timeout(_)
        | ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed => ClassError::Unreachable(format!("{server}: {error}")),
        ureq::Error::BadUri(_) => ClassError::Refused(format!("`{server}` is not a server address: {error}")),
        other => ClassError::Broken(format!("{server}: {other}")),
    }
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ClassError> {
    serde_json::from_str(text).map_err(|e| {
        ClassError::Broken(format!(
            "the class server's answer is not what this game expects: {e}"
        ))
    })
}
