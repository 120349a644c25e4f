//! Who is at the other end of a browser: a session kept on the server
//! behind a random cookie (HttpOnly, SameSite=Strict), with a CSRF token
//! every form carries back, and rate limits per session (a classroom may
//! share one address, so never per address).

use crate::sim::WeekPlan;
use axum::http::{HeaderMap, HeaderValue, header};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::roster::Student;

/// The session cookie's name.
pub const COOKIE: &str = "rr_session";

/// Most sessions kept at once; past it the longest idle is dropped.
const MAX_SESSIONS: usize = 5_000;

/// A session idle this long is forgotten (its player signs in again).
const IDLE: Duration = Duration::from_secs(12 * 3600);

/// Requests a session may make: a burst, then so many a second.
const REQUESTS_BURST: f64 = 60.0;
const REQUESTS_PER_SECOND: f64 = 10.0;

/// Failed sign-ins a session may make: a few, then one a minute.
const FAILED_SIGN_INS_BURST: f64 = 5.0;
const FAILED_SIGN_INS_PER_SECOND: f64 = 1.0 / 60.0;

/// Who a session belongs to.
#[derive(Clone, Debug, PartialEq)]
pub enum Who {
    /// Not signed in yet.
    Visitor,
    /// A team of the class game, with its join code (checked again on
    /// every request: a code changed on disk locks the team out).
    Team { name: String, code: String },
    /// A student of the roster, playing solo.
    Student(Student),
    /// The instructor (the key was given).
    Instructor,
}

/// A token bucket.
#[derive(Clone, Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
    burst: f64,
    per_second: f64,
}

impl Bucket {
    fn new(burst: f64, per_second: f64) -> Bucket {
        Bucket {
            tokens: burst,
            last: Instant::now(),
            burst,
            per_second,
        }
    }

    /// Takes a token if one is left.
    fn take(&mut self) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// One browser's session.
#[derive(Clone, Debug)]
pub struct Session {
    /// Every form's hidden `csrf` field must equal this.
    pub csrf: String,
    pub who: Who,
    /// A team's plan being written, and the round it is written for.
    pub draft: WeekPlan,
    pub draft_round: u32,
    last_seen: Instant,
    requests: Bucket,
    failed_sign_ins: Bucket,
}

impl Session {
    fn new() -> Session {
        Session {
            csrf: fresh_token(),
            who: Who::Visitor,
            draft: WeekPlan::default(),
            draft_round: 0,
            last_seen: Instant::now(),
            requests: Bucket::new(REQUESTS_BURST, REQUESTS_PER_SECOND),
            failed_sign_ins: Bucket::new(FAILED_SIGN_INS_BURST, FAILED_SIGN_INS_PER_SECOND),
        }
    }

    /// Counts a failed sign-in; false once the session has made too many.
    pub fn failed_sign_in(&mut self) -> bool {
        self.failed_sign_ins.take()
    }

    /// Whether another failed sign-in would still be heard.
    pub fn may_sign_in(&self) -> bool {
        let mut probe = self.failed_sign_ins.clone();
        probe.take()
    }
}

/// Every session, by its cookie's token.
#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

/// A request's session: its token, and whether the cookie must be set.
#[derive(Clone, Debug)]
pub struct Opened {
    pub token: String,
    pub set_cookie: bool,
    /// The session's state as the request began.
    pub session: Session,
    /// Over the session's rate: answer 429.
    pub too_fast: bool,
}

impl Sessions {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.map.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The session the request's cookie names, or a new one.
    pub fn open(&self, headers: &HeaderMap) -> Opened {
        let mut map = self.lock();
        let now = Instant::now();
        let token = cookie_token(headers).filter(|t| map.contains_key(t));
        let (token, set_cookie) = match token {
            Some(token) => (token, false),
            None => {
                if map.len() >= MAX_SESSIONS {
                    map.retain(|_, s| now.duration_since(s.last_seen) < IDLE);
                    if map.len() >= MAX_SESSIONS
                        && let Some(oldest) = map
                            .iter()
                            .min_by_key(|(_, s)| s.last_seen)
                            .map(|(t, _)| t.clone())
                    {
                        map.remove(&oldest);
                    }
                }
                let token = fresh_token();
                map.insert(token.clone(), Session::new());
                (token, true)
            }
        };
        let session = map.get_mut(&token).expect("inserted above");
        session.last_seen = now;
        let too_fast = !session.requests.take();
        Opened {
            token,
            set_cookie,
            session: session.clone(),
            too_fast,
        }
    }

    /// Runs `change` on the session (a session dropped meanwhile is
    /// changed as a new one would be, then forgotten).
    pub fn with<T>(&self, token: &str, change: impl FnOnce(&mut Session) -> T) -> T {
        let mut map = self.lock();
        match map.get_mut(token) {
            Some(session) => change(session),
            None => change(&mut Session::new()),
        }
    }

    /// Signs the session in as `who` under a new token (the old one is
    /// dropped, so a token seen before sign-in is worth nothing after it).
    pub fn sign_in(&self, token: &str, who: Who) -> String {
        let mut map = self.lock();
        let mut session = map.remove(token).unwrap_or_else(Session::new);
        session.who = who;
        session.csrf = fresh_token();
        session.draft = WeekPlan::default();
        let fresh = fresh_token();
        map.insert(fresh.clone(), session);
        fresh
    }

    /// Forgets the session.
    pub fn sign_out(&self, token: &str) {
        self.lock().remove(token);
    }
}

/// The session token of a request's `Cookie` header.
fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_string())
        .filter(|value| value.len() == TOKEN_HEX && value.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `Set-Cookie` header of a session: not readable from scripts, never
/// sent with a request another site starts.
pub fn set_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"))
        .expect("a token is hexadecimal")
}

/// The `Set-Cookie` header that forgets the session.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("rr_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// Hex digits of a token (128 bits).
const TOKEN_HEX: usize = 32;

/// 128 random bits as hex: from the system's random source where there is
/// one, else from std's randomly keyed hasher (as join codes are).
pub fn fresh_token() -> String {
    use std::io::Read;
    let mut bytes = [0u8; TOKEN_HEX / 2];
    let from_system = std::fs::File::open("/dev/urandom")
        .and_then(|mut file| file.read_exact(&mut bytes))
        .is_ok();
    if !from_system {
        use std::hash::{BuildHasher, Hasher};
        for (n, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_usize(n);
            hasher.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            chunk.copy_from_slice(&hasher.finish().to_le_bytes()[..chunk.len()]);
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_found_by_its_cookie_and_rotated_on_sign_in() {
        let sessions = Sessions::default();
        let first = sessions.open(&HeaderMap::new());
        assert!(first.set_cookie);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("theme=dark; {COOKIE}={}", first.token)).unwrap(),
        );
        let again = sessions.open(&headers);
        assert!(!again.set_cookie);
        assert_eq!(again.token, first.token);
        assert_eq!(again.session.csrf, first.session.csrf);
        let signed = sessions.sign_in(&first.token, Who::Instructor);
        assert_ne!(signed, first.token);
        // The old token now opens a new, empty session.
        let stale = sessions.open(&headers);
        assert!(stale.set_cookie);
        assert_eq!(stale.session.who, Who::Visitor);
    }

    #[test]
    fn a_session_over_its_rate_is_told_so() {
        let sessions = Sessions::default();
        let first = sessions.open(&HeaderMap::new());
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, set_cookie(&first.token));
        let refused = (0..200).filter(|_| sessions.open(&headers).too_fast).count();
        assert!(refused > 100, "{refused}");
    }

    #[test]
    fn tokens_are_random_hex() {
        let (a, b) = (fresh_token(), fresh_token());
        assert_eq!(a.len(), TOKEN_HEX);
        assert_ne!(a, b);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
