//! A small WebDriver client (W3C WebDriver over HTTP, through `ureq`, which
//! the game already depends on) and headless Chromium behind Debian's
//! `chromedriver`. Small on purpose: a maintained client crate (fantoccini)
//! brought ~40 more crates and 174 s more to every fresh test build on two
//! cores, for the dozen commands these tests use.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The key W3C WebDriver sends for Tab and Enter.
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where Debian puts them.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The environment flag that makes the browser tests required (CI sets it).
pub const REQUIRED: &str = "RAPPORT_BROWSER_TESTS";

/// Why the browser tests cannot run here, if they cannot.
pub fn missing() -> Option<String> {
    [CHROMIUM, CHROMEDRIVER]
        .iter()
        .find(|path| !Path::new(path).exists())
        .map(|path| format!("{path} is not installed (apt-get install chromium chromium-driver)"))
}

/// Skips (returns false) where Chromium is missing, unless the flag asks
/// for the browser tests: then a missing browser fails the test.
pub fn available(test: &str) -> bool {
    match missing() {
        None => true,
        Some(reason) if std::env::var(REQUIRED).is_ok_and(|v| v == "required") => {
            panic!("{test}: {REQUIRED}=required, but {reason}")
        }
        Some(reason) => {
            eprintln!("skipped {test}: {reason}; set {REQUIRED}=required to make this a failure");
            false
        }
    }
}

/// A headless Chromium driven through chromedriver.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    profile: PathBuf,
}

impl Browser {
    /// Starts chromedriver on a free port and a headless Chromium with a
    /// fresh profile, at `width` x `height`.
    pub fn start(width: u32, height: u32) -> Browser {
        let mut driver = Command::new(CHROMEDRIVER)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        // "ChromeDriver was started successfully on port 45678."
        let mut reader = BufReader::new(driver.stdout.take().unwrap());
        let mut port = None;
        let mut line = String::new();
        let started = Instant::now();
        while port.is_none() && started.elapsed() < Duration::from_secs(20) {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            if let Some(rest) = line.split("on port ").nth(1) {
                port = rest
                    .trim()
                    .trim_end_matches('.')
                    .parse::<u16>()
                    .ok()
                    .filter(|&p| p != 0);
            }
        }
        let port = port.unwrap_or_else(|| panic!("chromedriver did not say its port: `{line}`"));
        // Keep reading its output so that it never blocks on a full pipe.
        std::thread::spawn(move || for _ in reader.lines() {});
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let profile = std::env::temp_dir().join(format!("rapport-chromium-{}-{}", std::process::id(), port));
        let _ = std::fs::remove_dir_all(&profile);
        let mut browser = Browser {
            driver,
            base: format!("http://127.0.0.1:{port}"),
            session: String::new(),
            agent,
            profile,
        };
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars",
                    format!("--user-data-dir={}", browser.profile.display()),
                    format!("--window-size={width},{height}"),
                ],
            },
        }}});
        let answer = browser.call("POST", "/session", Some(capabilities));
        browser.session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {answer}"))
            .to_string();
        browser
    }

    /// One WebDriver command; its `value`, or a panic with the driver's error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|error| panic!("WebDriver {method} {path}: {error}"))
    }

    /// One WebDriver command; its `value`, or the driver's error.
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let answer = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("content-type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let mut response = answer.map_err(|e| e.to_string())?;
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(|e| e.to_string())?;
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if !response.status().is_success() {
            return Err(format!("{}: {}", response.status(), value["value"]["message"]));
        }
        Ok(value["value"].clone())
    }

    /// Runs `command` on the element `css` finds, finding it again while
    /// the page is still changing (a stale or missing element), for up to
    /// ten seconds.
    fn on_element(&self, css: &str, command: impl Fn(&str) -> Result<Value, String>) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .try_call(
                    "POST",
                    &self.at("/element"),
                    Some(json!({"using": "css selector", "value": css})),
                )
                .and_then(|found| {
                    found[ELEMENT]
                        .as_str()
                        .map(str::to_string)
                        .ok_or_else(|| format!("no element in {found}"))
                })
                .and_then(|element| command(&element));
            match found {
                Ok(value) => return value,
                Err(error) if Instant::now() > deadline => {
                    panic!("`{css}` on {}: {error}\n{}", self.url(), self.text())
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Waits until the page that was shown when `mark` ran is gone and the
    /// next one has loaded.
    fn wait_for_next_page(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            let ready = self
                .try_call(
                    "POST",
                    &self.at("/execute/sync"),
                    Some(json!({"script": "return window.__rapportOld !== true && document.readyState === 'complete';", "args": []})),
                )
                .map(|v| v == Value::Bool(true))
                .unwrap_or(false);
            if ready {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the next page did not load within a minute");
    }

    fn at(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    /// Opens a page and waits for it.
    pub fn goto(&self, url: &str) {
        self.call("POST", &self.at("/url"), Some(json!({ "url": url })));
        self.wait_for_next_page();
    }

    pub fn url(&self) -> String {
        self.call("GET", &self.at("/url"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            &self.at("/window/rect"),
            Some(json!({"width": width, "height": height})),
        );
    }

    /// The window's width and height.
    pub fn window_size(&self) -> (u32, u32) {
        let rect = self.call("GET", &self.at("/window/rect"), None);
        let size = |key: &str| rect[key].as_u64().unwrap_or(0) as u32;
        (size("width"), size("height"))
    }

    /// How many elements match a CSS selector.
    pub fn count(&self, css: &str) -> usize {
        self.call(
            "POST",
            &self.at("/elements"),
            Some(json!({"using": "css selector", "value": css})),
        )
        .as_array()
        .map_or(0, Vec::len)
    }

    /// Clicks an element that does not leave the page (a radio, a box).
    pub fn click(&self, css: &str) {
        self.on_element(css, |element| {
            self.try_call("POST", &self.at(&format!("/element/{element}/click")), None)
        });
    }

    /// Clicks a button or link that opens the next page, and waits for it.
    pub fn follow(&self, css: &str) {
        self.script("window.__rapportOld = true;");
        self.click(css);
        self.wait_for_next_page();
    }

    /// Types into an element (keys included: [`TAB`], [`ENTER`]).
    pub fn type_into(&self, css: &str, text: &str) {
        self.on_element(css, |element| {
            self.try_call(
                "POST",
                &self.at(&format!("/element/{element}/value")),
                Some(json!({ "text": text })),
            )
        });
    }

    /// Types keys that send a form (ending in [`ENTER`]), and waits for the
    /// next page.
    pub fn type_and_send(&self, css: &str, text: &str) {
        self.script("window.__rapportOld = true;");
        self.type_into(css, text);
        self.wait_for_next_page();
    }

    /// Empties a text field.
    pub fn clear(&self, css: &str) {
        self.on_element(css, |element| {
            self.try_call("POST", &self.at(&format!("/element/{element}/clear")), None)
        });
    }

    /// The visible text of the page's body.
    pub fn text(&self) -> String {
        self.try_call(
            "POST",
            &self.at("/execute/sync"),
            Some(json!({"script": "return document.body ? document.body.innerText : '';", "args": []})),
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
    }

    /// The visible text of an element.
    pub fn text_of(&self, css: &str) -> String {
        self.on_element(css, |element| {
            self.try_call("GET", &self.at(&format!("/element/{element}/text")), None)
        })
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Runs a script in the page and returns what it returns.
    pub fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.at("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
    }

    /// A cookie's value (HttpOnly ones too: the driver sees them all).
    pub fn cookie(&self, name: &str) -> String {
        let cookie = self.call("GET", &self.at(&format!("/cookie/{name}")), None);
        cookie["value"].as_str().unwrap_or_default().to_string()
    }

    /// The page as a PNG.
    pub fn screenshot(&self) -> Vec<u8> {
        let encoded = self.call("GET", &self.at("/screenshot"), None);
        base64_decode(encoded.as_str().unwrap_or_default())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.base, self.session);
            let _ = self.agent.delete(&url).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Standard base64 (what WebDriver sends screenshots in).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for sextet in text.bytes().filter_map(value) {
        buffer = buffer << 6 | u32::from(sextet);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8gd29ybGQ="), b"hello world");
    assert_eq!(base64_decode("YQ=="), b"a");
}
