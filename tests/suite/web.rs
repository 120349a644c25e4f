//! The classroom in a real browser: `rapport class serve` and `rapport
//! serve` on 127.0.0.1, driven through headless Chromium. A team joins
//! (a wrong code first), plans, is refused a plan over budget, hands in;
//! the instructor advances; a late plan is refused; a student signs in by
//! keyboard (a wrong code first), plays a 4-week scenario across a server
//! restart to its debrief, and finds the sealed replay filed. Every page
//! is photographed, checked not blank and checked to fit the window.
//!
//! Skipped with a message where Chromium is missing; `.ci/run` installs it
//! and sets `RAPPORT_BROWSER_TESTS=required`.

mod driver;

use super::common::{rapport, stdout, temp_dir};
use driver::{Browser, ENTER, TAB, available};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running server and the address it printed.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the server did not say where it listens: `{line}`"))
            .to_string();
        // Keep its output flowing (the grading it runs prints a table).
        std::thread::spawn(move || for _ in reader.lines() {});
        Server { child, url }
    }

    fn page(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An instructor's folder with a roster of `names` (`rapport class roster`)
/// and each student's personal code, in order.
fn roster_of(dir: &Path, names: &[&str]) -> (PathBuf, Vec<String>) {
    let list = dir.join("names.txt");
    std::fs::write(&list, names.join("\n")).unwrap();
    let folder = dir.join("instructor");
    let made = rapport(&[
        "class",
        "roster",
        "--names",
        list.to_str().unwrap(),
        "--out",
        folder.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{}", stdout(&made));
    let roster = rapport::files::roster::Roster::load(&folder).unwrap();
    let codes = names
        .iter()
        .map(|name| roster.code_of(roster.find(name).unwrap()))
        .collect();
    (folder, codes)
}

/// Where the screenshots go: `RAPPORT_WEB_SCREENSHOTS`, else a fresh folder.
fn shots_dir(name: &str) -> PathBuf {
    let dir = std::env::var("RAPPORT_WEB_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| temp_dir(name));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves the page as `NAME.png`, and checks that it is a picture of
/// something (many colours, not one) and that the page fits the window's
/// width (no sideways scrolling).
fn shot(browser: &Browser, dir: &Path, name: &str) {
    // For the docs: the whole page, not only what fits the window.
    let whole = std::env::var("RAPPORT_WEB_SCREENSHOTS").is_ok();
    let (width, height) = browser.window_size();
    if whole {
        let page_height = browser
            .script("return document.documentElement.scrollHeight;")
            .as_u64()
            .unwrap_or(720);
        browser.resize(width, (page_height as u32 + 140).clamp(height, 4000));
    }
    let png = browser.screenshot();
    if whole {
        browser.resize(width, height);
    }
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, &png).unwrap();
    let image = image::load_from_memory(&png)
        .unwrap_or_else(|e| panic!("{}: not a PNG: {e}", path.display()))
        .to_rgb8();
    let mut colours = std::collections::BTreeSet::new();
    for pixel in image.pixels().step_by(7) {
        colours.insert(pixel.0);
        if colours.len() > 50 {
            break;
        }
    }
    assert!(
        colours.len() > 20,
        "{} looks blank: {} colours",
        path.display(),
        colours.len()
    );
    let fits = browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1;");
    assert_eq!(
        fits,
        serde_json::Value::Bool(true),
        "{name}: the page is wider than the window"
    );
    // No script of the page's own: everything works without one.
    assert_eq!(
        browser.script("return document.scripts.length;"),
        serde_json::json!(0),
        "{name}"
    );
    assert_eq!(browser.count("main h1"), 1, "{name}: a page has one main heading");
}

/// The join codes and the key `class new` printed.
fn codes(text: &str, teams: &[&str]) -> (Vec<String>, String) {
    let last_word = |line: &str| line.split_whitespace().last().unwrap_or_default().to_string();
    let codes = teams
        .iter()
        .map(|team| {
            text.lines()
                .find(|line| line.trim_start().starts_with(team))
                .map(last_word)
                .unwrap_or_else(|| panic!("no code for {team} in {text}"))
        })
        .collect();
    let key = text
        .lines()
        .skip_while(|line| !line.to_lowercase().contains("instructor key"))
        .nth(1)
        .map(last_word)
        .unwrap();
    (codes, key)
}

fn submit(browser: &Browser, form_action: &str) {
    browser.follow(&format!("form[action='{form_action}'] button[type=submit]"));
}

fn add_action(browser: &Browser, base: &str, kind: &str) {
    browser.click(&format!("#kind-{kind}"));
    submit(browser, &format!("{base}/add"));
}

fn sign_out(browser: &Browser) {
    browser.follow("header form button");
    assert!(browser.text().contains("Reach & Rapport in the classroom"));
}

#[test]
fn a_team_joins_plans_hands_in_and_the_instructor_advances_in_a_browser() {
    if !available("a_team_joins_plans_hands_in_and_the_instructor_advances_in_a_browser") {
        return;
    }
    let dir = temp_dir("web-class");
    let class = dir.join("period1");
    let created = rapport(&[
        "class",
        "new",
        "--scenario",
        "first_steps",
        "--team",
        "Larks",
        "--team",
        "Owls",
        "--agents",
        "1000",
        "--out",
        class.to_str().unwrap(),
    ]);
    assert!(created.status.success());
    let (codes, key) = codes(&stdout(&created), &["Larks", "Owls"]);
    let server = Server::start(&["class", "serve", class.to_str().unwrap()]);
    let shots = shots_dir("web-class-shots");
    let browser = Browser::start(1280, 720);

    browser.goto(&server.page("/"));
    shot(&browser, &shots, "01-start");
    browser.follow("a[href='/team/join']");
    shot(&browser, &shots, "02-team-join");
    // A wrong code: refused, said next to the code's field.
    browser.type_into("#team", "Larks");
    browser.type_into("#code", "wrongcode");
    submit(&browser, "/team/join");
    assert!(
        browser
            .text_of("#code-error")
            .contains("wrong join code for team `Larks`")
    );
    shot(&browser, &shots, "03-team-wrong-code");
    browser.type_into("#code", &codes[0]);
    submit(&browser, "/team/join");
    let page = browser.text();
    assert!(page.contains("team Larks — round 1 of 4"), "{page}");
    assert!(page.contains("Your plan for week 1 is not in yet."), "{page}");

    // Plan: two actions, then one that does not fit.
    browser.click("#tone option[value='personal']");
    add_action(&browser, "/team/plan", "start_conversation");
    add_action(&browser, "/team/plan", "reply");
    assert_eq!(browser.count("ol.queue li"), 2);
    let queue = browser.text_of("ol.queue");
    assert!(queue.contains("Start a conversation (personal)"), "{queue}");
    let mut refused = false;
    for _ in 0..30 {
        add_action(&browser, "/team/plan", "live_event");
        if browser.count("#add-error") > 0 {
            refused = true;
            break;
        }
    }
    assert!(refused, "the week never ran out of hours");
    let error = browser.text_of("#add-error");
    assert!(error.contains("does not fit: the plan needs"), "{error}");
    shot(&browser, &shots, "04-team-over-budget");
    let planned = browser.count("ol.queue li");
    browser.follow("ol.queue li:last-child button[aria-label^='Remove']");
    assert_eq!(browser.count("ol.queue li"), planned - 1);
    browser.follow("ol.queue li:nth-child(2) button[aria-label^='Move up']");
    assert!(
        browser.text_of("ol.queue li:first-child").starts_with("Reply"),
        "{}",
        browser.text_of("ol.queue")
    );
    submit(&browser, "/team/hand-in");
    assert!(browser.text().contains("Your plan for week 1 is in."));
    shot(&browser, &shots, "05-team-handed-in");
    sign_out(&browser);

    // The instructor: Owls are missing, so the round waits until forced.
    browser.goto(&server.page("/instructor/sign-in"));
    browser.type_into("#key", &key);
    submit(&browser, "/instructor/sign-in");
    let page = browser.text();
    assert!(page.contains("Week 1 of 4: 1 of 2 plans in."), "{page}");
    submit(&browser, "/instructor/advance");
    assert!(
        browser
            .text_of("#advance-error")
            .contains("still waits for the plans of 1 team: Owls"),
        "{}",
        browser.text()
    );
    browser.click("#force");
    submit(&browser, "/instructor/advance");
    assert!(browser.text().contains("Week 2 of 4: 0 of 2 plans in."));
    shot(&browser, &shots, "06-dashboard");
    browser.follow("a[href='/instructor/projector']");
    assert!(browser.text().contains("standings after week 1 of 4"));
    shot(&browser, &shots, "07-projector");
    browser.goto(&server.page("/instructor"));
    sign_out(&browser);

    // Larks read their report, plan week 2 — and the round closes first.
    browser.goto(&server.page("/team/join"));
    browser.type_into("#team", "larks");
    browser.type_into("#code", &codes[0]);
    submit(&browser, "/team/join");
    let page = browser.text();
    assert!(page.contains("Week 1 of 4: your report"), "{page}");
    assert!(page.contains("Standings of your market"), "{page}");
    shot(&browser, &shots, "08-team-report");
    add_action(&browser, "/team/plan", "publish");
    let advanced = rapport(&["class", "advance", class.to_str().unwrap(), "--force"]);
    assert!(advanced.status.success());
    submit(&browser, "/team/hand-in");
    let page = browser.text();
    assert!(page.contains("Too late for that round"), "{page}");
    assert!(
        page.contains("late: week 2 is closed; week 3 is being collected"),
        "{page}"
    );
    shot(&browser, &shots, "09-team-late");
    browser.follow("main a[href='/team']");
    assert!(browser.text().contains("round 3 of 4"));
}

#[test]
fn a_student_plays_a_scenario_to_its_debrief_in_a_browser_across_a_restart() {
    if !available("a_student_plays_a_scenario_to_its_debrief_in_a_browser_across_a_restart") {
        return;
    }
    let dir = temp_dir("web-solo");
    let handins = dir.join("handins");
    let (roster, codes) = roster_of(&dir, &["Ada Lovelace", "Alan Turing"]);
    let ada = codes[0].clone();
    let args = [
        "serve",
        "--out",
        handins.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--class",
        "BUS210",
        "--scenario",
        "first_steps",
        "--scenario",
        "national_brand",
    ];
    let server = Server::start(&args);
    let shots = shots_dir("web-solo-shots");
    let browser = Browser::start(1280, 720);

    // By keyboard: the name, Tab, a wrong code, Enter.
    browser.goto(&server.page("/solo/sign-in"));
    shot(&browser, &shots, "10-solo-sign-in");
    // Alan's code, a real code but not hers.
    browser.type_and_send("#name", &format!("Ada Lovelace{TAB}{}{ENTER}", codes[1]));
    assert!(
        browser
            .text_of("#code-error")
            .contains("that is not the personal code of `Ada Lovelace`")
    );
    shot(&browser, &shots, "11-solo-wrong-code");
    // Her own, typed in capitals without dashes.
    browser.clear("#name");
    let typed = ada.replace('-', "").to_uppercase();
    browser.type_and_send("#name", &format!("ada lovelace{TAB}{typed}{ENTER}"));
    let page = browser.text();
    assert!(page.contains("Choose a scenario"), "{page}");
    assert!(
        page.contains("more than the 20,000 a game in the browser may have"),
        "{page}"
    );
    shot(&browser, &shots, "12-solo-choose");
    browser.click("#scenario-0");
    submit(&browser, "/solo/start");

    let play_week = |browser: &Browser, week: u32| {
        assert!(
            browser.text().contains(&format!("plan week {week} of 4")),
            "{}",
            browser.text()
        );
        add_action(browser, "/solo/plan", "start_conversation");
        add_action(browser, "/solo/plan", "reply");
        add_action(browser, "/solo/plan", "engage_others");
        submit(browser, "/solo/run");
        let page = browser.text();
        assert!(page.contains(&format!("week {week} of 4")), "{page}");
        assert!(
            page.contains("What happened") && page.contains("Where this week's results came from"),
            "{page}"
        );
    };
    play_week(&browser, 1);
    shot(&browser, &shots, "13-solo-report");
    browser.follow("main a.button[href='/solo']");
    shot(&browser, &shots, "14-solo-planner");
    play_week(&browser, 2);

    // The server stops; started again, the game goes on at week 3.
    drop(server);
    let server = Server::start(&args);
    browser.goto(&server.page("/solo"));
    assert!(browser.url().ends_with("/solo/sign-in") || browser.text().contains("Please sign in first"));
    browser.goto(&server.page("/solo/sign-in"));
    browser.type_and_send("#name", &format!("Ada Lovelace{TAB}{ada}{ENTER}"));
    // At a phone's width the planner fits.
    browser.resize(390, 844);
    shot(&browser, &shots, "15-solo-planner-phone");
    browser.resize(1280, 720);
    play_week(&browser, 3);
    browser.follow("main a.button[href='/solo']");
    play_week(&browser, 4);
    browser.follow("main a.button[href='/solo/debrief']");
    let page = browser.text();
    assert!(
        page.contains("Debrief — First steps") || page.contains("Debrief —"),
        "{page}"
    );
    assert!(
        page.contains("What your run showed") && page.contains("Your game is handed in"),
        "{page}"
    );
    shot(&browser, &shots, "16-solo-debrief");
    browser.resize(390, 844);
    shot(&browser, &shots, "17-solo-debrief-phone");

    // The replay is in the hand-in folder, sealed with her personal code:
    // it verifies, and the roster ties it to her.
    let filed = handins.join("first_steps").join("001-ada-lovelace.ron");
    assert!(filed.exists(), "{} was not filed", filed.display());
    let verified = rapport(&[
        "verify",
        filed.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
    ]);
    assert!(verified.status.success(), "{}", stdout(&verified));
    let replay = rapport::files::replay::load_replay(&filed).unwrap();
    assert!(rapport::files::replay::sealed_with(&replay, &ada));
    let text = std::fs::read_to_string(&filed).unwrap();
    assert!(
        text.contains("player: \"Ada Lovelace\"") && text.contains("class_code: \"BUS210\""),
        "{text}"
    );

    // The instructor sees the hand-in, compares and grades it.
    browser.resize(1280, 720);
    browser.goto(&server.page("/solo/debrief"));
    sign_out(&browser);
    let key = std::fs::read_to_string(handins.join(".server").join("instructor-key.txt")).unwrap();
    browser.goto(&server.page("/instructor/sign-in"));
    browser.type_into("#key", key.trim());
    submit(&browser, "/instructor/sign-in");
    let page = browser.text();
    assert!(page.contains("1 finished, 0 playing, 1 not started"), "{page}");
    assert!(page.contains("handed in (001-ada-lovelace.ron)"), "{page}");
    shot(&browser, &shots, "18-dashboard-solo");
    browser.follow("a[href='/instructor/compare/first_steps']");
    let drawn = browser
        .script("return Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length;");
    assert_eq!(drawn, serde_json::json!(5), "{}", browser.text());
    shot(&browser, &shots, "19-compare");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let session = format!("rr_session={}", browser.cookie("rr_session"));
    let (status, headers, csv) = http(
        &agent,
        "GET",
        &server.page("/instructor/grades/first_steps"),
        &session,
        None,
    );
    assert_eq!(status, 200, "{csv}");
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "content-type" && v.starts_with("text/csv"))
    );
    // Ranked, and tied to her by the roster's seal.
    let row = csv.lines().nth(1).unwrap_or_default();
    assert!(
        csv.starts_with("rank,file,player") && row.starts_with("1,") && row.contains("Ada Lovelace"),
        "{csv}"
    );
    assert!(row.contains(",keyed,s001,"), "{csv}");
}

/// One request as a browser would send it, its status, headers and body.
fn http(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    cookie: &str,
    body: Option<String>,
) -> (u16, Vec<(String, String)>, String) {
    let answer = match (method, body) {
        ("GET", _) => agent.get(url).header("cookie", cookie).call(),
        (_, body) => agent
            .post(url)
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .send(body.unwrap_or_default()),
    };
    let mut response = answer.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (response.status().as_u16(), headers, text)
}

#[test]
fn the_pages_refuse_what_a_shared_network_should_not_allow() {
    let dir = temp_dir("web-guards");
    let (roster, codes) = roster_of(&dir, &["Ada Lovelace"]);
    let handins = dir.join("handins");
    let server = Server::start(&[
        "serve",
        "--out",
        handins.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
    ]);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    // A session cookie scripts cannot read and other sites cannot send.
    let (status, headers, page) = http(&agent, "GET", &server.page("/solo/sign-in"), "", None);
    assert_eq!(status, 200);
    let set_cookie = headers
        .iter()
        .find(|(k, _)| k == "set-cookie")
        .map(|(_, v)| v.clone())
        .unwrap();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert!(header("content-security-policy").contains("default-src 'none'"));
    // A form without the session's token changes nothing.
    let (status, _, page) = http(
        &agent,
        "POST",
        &server.page("/solo/sign-in"),
        &cookie,
        Some(format!("name=Ada+Lovelace&code={}", codes[0])),
    );
    assert_eq!(status, 403);
    assert!(page.contains("This form has expired"), "{page}");
    // A wrong code: 403, said next to the code.
    let form = format!("csrf={csrf}&name=Ada+Lovelace&code=nope");
    let (status, _, page) = http(&agent, "POST", &server.page("/solo/sign-in"), &cookie, Some(form));
    assert_eq!(status, 403);
    assert!(page.contains("id=\"code-error\""), "{page}");
    // Too much to send: refused before it is read whole.
    let big = format!("csrf={csrf}&name={}", "a".repeat(40_000));
    let (status, _, page) = http(&agent, "POST", &server.page("/solo/sign-in"), &cookie, Some(big));
    assert_eq!(status, 413);
    assert!(page.contains("That was too much to send"), "{page}");
    // No such page, in words; the API answers in JSON.
    let (status, _, page) = http(&agent, "GET", &server.page("/nowhere"), &cookie, None);
    assert_eq!(status, 404);
    assert!(page.contains("No such page"), "{page}");
    let (status, _, page) = http(&agent, "GET", &server.page("/api/nowhere"), &cookie, None);
    assert_eq!(status, 404);
    assert!(page.starts_with("{\"error\""), "{page}");
    // Pages of a signed-in player are not for visitors.
    let (status, _, page) = http(&agent, "GET", &server.page("/solo"), &cookie, None);
    assert_eq!(status, 403);
    assert!(page.contains("Please sign in first"), "{page}");
    // One browser asking too fast is slowed down, in words.
    let refused = (0..120)
        .map(|_| http(&agent, "GET", &server.page("/"), &cookie, None).0)
        .filter(|&status| status == 429)
        .count();
    assert!(refused > 0, "120 requests at once were all served");
}
