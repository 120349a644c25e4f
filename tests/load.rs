//! A classroom's load on `rapport serve`, over loopback: 60 students sign
//! in within 10 seconds and each plays 4 solo weeks of `first_steps` at
//! 10,000 people to the debrief, as a browser would (cookie, CSRF token,
//! form posts, redirects). Every request must be answered; the latencies
//! (p50, p95, max per kind of request) and the server's memory are
//! reported, not asserted (the target: a week's report in under 300 ms).
//!
//! Its own test binary, so that it never shares the machine's two cores
//! with the other tests. `RAPPORT_LOAD_STUDENTS` and `RAPPORT_LOAD_PEOPLE`
//! change its size.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WEEKS: u32 = 4;
const START_WITHIN: Duration = Duration::from_secs(10);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one request took.
#[derive(Clone, Debug)]
struct Timing {
    what: &'static str,
    millis: f64,
    status: u16,
}

/// A browser as far as the server can tell: a cookie, and the form's token.
struct Student {
    base: String,
    agent: ureq::Agent,
    cookie: String,
    csrf: String,
    timings: Vec<Timing>,
}

impl Student {
    fn new(base: &str) -> Student {
        Student {
            base: base.to_string(),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_secs(300)))
                .build()
                .into(),
            cookie: String::new(),
            csrf: String::new(),
            timings: Vec::new(),
        }
    }

    fn remember(&mut self, response: &ureq::http::Response<ureq::Body>) {
        if let Some(cookie) = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()) {
            self.cookie = cookie.split(';').next().unwrap_or_default().to_string();
        }
    }

    fn get(&mut self, what: &'static str, path: &str) -> String {
        let started = Instant::now();
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if !self.cookie.is_empty() {
            request = request.header("cookie", &self.cookie);
        }
        let mut response = request
            .call()
            .unwrap_or_else(|e| panic!("GET {path} was not answered: {e}"));
        let body = response.body_mut().read_to_string().unwrap();
        let status = response.status().as_u16();
        self.timings.push(Timing {
            what,
            millis: started.elapsed().as_secs_f64() * 1000.0,
            status,
        });
        assert_eq!(status, 200, "GET {path}: {body}");
        self.remember(&response);
        if let Some(at) = body.find("name=\"csrf\" value=\"") {
            let rest = &body[at + 19..];
            self.csrf = rest[..rest.find('"').unwrap()].to_string();
        }
        body
    }

    /// A form post; its redirect's target.
    fn post(&mut self, what: &'static str, path: &str, fields: &[(&str, &str)]) -> String {
        let mut body = format!("csrf={}", self.csrf);
        for (name, value) in fields {
            body.push_str(&format!("&{name}={}", value.replace(' ', "+")));
        }
        let started = Instant::now();
        let mut response = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .send(body)
            .unwrap_or_else(|e| panic!("POST {path} was not answered: {e}"));
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        self.timings.push(Timing {
            what,
            millis: started.elapsed().as_secs_f64() * 1000.0,
            status,
        });
        assert_eq!(status, 303, "POST {path}: {text}");
        self.remember(&response);
        response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }

    /// Signs in, plays every week to the debrief.
    fn play(&mut self, name: &str, code: &str) {
        self.get("sign-in page", "/solo/sign-in");
        assert_eq!(
            self.post("sign in", "/solo/sign-in", &[("name", name), ("code", code)]),
            "/solo"
        );
        self.get("scenarios", "/solo");
        self.post("start a game", "/solo/start", &[("scenario", "first_steps")]);
        for week in 1..=WEEKS {
            self.get("planner", "/solo");
            for kind in ["start_conversation", "reply", "engage_others", "publish"] {
                self.post(
                    "add an action",
                    "/solo/plan/add",
                    &[
                        ("kind", kind),
                        ("platform", "0"),
                        ("content", "photo"),
                        ("target", "followers"),
                    ],
                );
            }
            let report = self.post("run a week", "/solo/run", &[("week", &week.to_string())]);
            assert_eq!(report, format!("/solo/report/{week}"));
            self.get("a week's report", &report);
        }
        let debrief = self.get("the debrief", "/solo/debrief");
        assert!(debrief.contains("Your game is handed in"), "{debrief}");
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The server's memory now and at its peak, from /proc (Linux).
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:") / 1024, field("VmHWM:") / 1024)
}

#[test]
fn sixty_students_play_four_solo_weeks_each_on_one_server() {
    let students = env_number("RAPPORT_LOAD_STUDENTS", 60) as usize;
    let people = env_number("RAPPORT_LOAD_PEOPLE", 10_000);
    let dir = std::env::temp_dir().join(format!("rapport-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The class roster, as `rapport class roster` makes it, and every code.
    let names: Vec<rapport::files::roster::NamedStudent> = (0..students)
        .map(|s| rapport::files::roster::NamedStudent {
            name: format!("Student {s:02}"),
            login: None,
        })
        .collect();
    let roster = dir.join("instructor");
    let (class, _) = rapport::files::roster::Roster::create_or_extend(&roster, &names).unwrap();
    let codes: Vec<String> = class.students.iter().map(|s| class.code_of(s)).collect();
    let handins = dir.join("handins");
    let mut server = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "serve",
            "--out",
            handins.to_str().unwrap(),
            "--roster",
            roster.to_str().unwrap(),
        ])
        .args([
            "--scenario",
            "first_steps",
            "--agents",
            &people.to_string(),
            "--port",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut reader = BufReader::new(server.stdout.take().unwrap());
    reader.read_line(&mut line).unwrap();
    let base = line.trim().strip_prefix("listening on ").unwrap().to_string();
    std::thread::spawn(move || for _ in reader.lines() {});
    let pid = server.id();
    let peak_seen = Arc::new(Mutex::new(0u64));
    let sampling = Arc::new(Mutex::new(true));
    let sampler = {
        let (peak_seen, sampling) = (Arc::clone(&peak_seen), Arc::clone(&sampling));
        std::thread::spawn(move || {
            while *sampling.lock().unwrap() {
                let (now, _) = memory(pid);
                let mut peak = peak_seen.lock().unwrap();
                *peak = (*peak).max(now);
                drop(peak);
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };

    let started = Instant::now();
    let players: Vec<_> = (0..students)
        .map(|s| {
            let base = base.clone();
            let code = codes[s].clone();
            let delay = START_WITHIN.mul_f64(s as f64 / students as f64);
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                let mut student = Student::new(&base);
                student.play(&format!("Student {s:02}"), &code);
                student.timings
            })
        })
        .collect();
    let mut timings: Vec<Timing> = Vec::new();
    let mut failed = 0;
    for player in players {
        match player.join() {
            Ok(done) => timings.extend(done),
            Err(_) => failed += 1,
        }
    }
    let wall = started.elapsed();
    let (rss, hwm) = memory(pid);
    *sampling.lock().unwrap() = false;
    sampler.join().unwrap();
    let _ = server.kill();
    let _ = server.wait();
    let filed = std::fs::read_dir(handins.join("first_steps")).map_or(0, |d| d.count());

    let mut by_kind: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for t in &timings {
        by_kind.entry(t.what).or_default().push(t.millis);
    }
    let mut all: Vec<f64> = timings.iter().map(|t| t.millis).collect();
    all.sort_by(f64::total_cmp);
    let mut report = format!(
        "load: {students} students, {WEEKS} weeks each at {people} people: {} requests in {:.1} s, {} answered with an error status, {filed} games filed\n",
        timings.len(),
        wall.as_secs_f64(),
        timings.iter().filter(|t| t.status >= 400).count()
    );
    report.push_str(&format!(
        "load: all requests: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms\n",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        all.last().copied().unwrap_or(0.0)
    ));
    for (what, mut millis) in by_kind {
        millis.sort_by(f64::total_cmp);
        report.push_str(&format!(
            "load:   {what:<16} n {:>4}  p50 {:>6.0} ms  p95 {:>6.0} ms  max {:>6.0} ms\n",
            millis.len(),
            percentile(&millis, 0.5),
            percentile(&millis, 0.95),
            millis.last().copied().unwrap_or(0.0)
        ));
    }
    report.push_str(&format!(
        "load: server memory: {rss} MiB at the end, {} MiB the most sampled, {hwm} MiB peak (VmHWM)\n",
        *peak_seen.lock().unwrap()
    ));
    // Written past the test harness's capture, so that CI's log shows it.
    let _ = std::io::stderr().write_all(report.as_bytes());
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(failed, 0, "{failed} students could not finish:\n{report}");
    assert_eq!(filed, students, "every finished game is filed:\n{report}");
}
