//! The instructor's dashboard (the instructor key): the class at a glance
//! (whose plans are in, which students play, who seems stuck), the round
//! played with one button, the standings and share charts in a projector
//! view, and the grade CSV and the comparison of hand-ins one click away.

use super::page::{Frame, Refusal};
use super::request::{Answer, Request};
use super::session::Who;
use super::views;
use super::{Web, handins};
use crate::class::ClassError;
use crate::class::game::{ClassGame, ClassRank, ordinal};
use crate::report::market::who_plays;
use crate::sim::{Scenario, Shares};
use crate::text::{count, percent};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use maud::{Markup, html};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// A student idle this long in the middle of a game counts as stuck.
const STUCK_AFTER: Duration = Duration::from_secs(10 * 60);

fn instructor(request: &Request) -> Result<(), Refusal> {
    match request.session.who {
        Who::Instructor => Ok(()),
        _ => Err(Refusal::sign_in_first("/instructor/sign-in")),
    }
}

fn sign_in_form(request: &Request, error: Option<&str>) -> Markup {
    html! {
        h1 { "Instructor's dashboard" }
        p { "The instructor key is in the class folder's instructor.txt (or printed when the server started)." }
        form.card method="post" action="/instructor/sign-in" {
            input type="hidden" name="csrf" value=(request.session.csrf);
            label for="key" { "Instructor key" }
            @if let Some(message) = error { p #key-error .error role="alert" { (message) } }
            input #key type="password" name="key" autocomplete="off" required
                aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| "key-error")];
            p { button type="submit" { "Open the dashboard" } }
        }
    }
}

pub fn sign_in_page(_web: &Web, request: &mut Request) -> Answer {
    if request.session.who == Who::Instructor {
        return request.to("/instructor");
    }
    request.ok("Instructor", sign_in_form(request, None))
}

pub fn sign_in(web: &Web, request: &mut Request) -> Answer {
    let key = request.form.text("key");
    let (status, message) = if key.is_empty() {
        (StatusCode::UNPROCESSABLE_ENTITY, "Type the instructor key.")
    } else if !web.sign_ins.may_try("instructor key") || !request.session.may_sign_in() {
        (
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong keys were tried. Wait ten minutes.",
        )
    } else if web
        .key
        .as_deref()
        .is_some_and(|expected| crate::class::game::folder::same_code(&key, expected))
    {
        request.sign_in(web, Who::Instructor);
        return request.to("/instructor");
    } else {
        web.sign_ins.failed("instructor key");
        web.sessions.with(&request.token, |s| s.failed_sign_in());
        (StatusCode::FORBIDDEN, "That is not this class's instructor key.")
    };
    let frame = request.frame("Instructor");
    let body = sign_in_form(request, Some(message));
    request.with_status(status, &frame, body)
}

/// "4 min ago".
fn ago(when: SystemTime) -> String {
    let seconds = SystemTime::now().duration_since(when).map_or(0, |d| d.as_secs());
    match seconds {
        0..=59 => "just now".to_string(),
        60..=3599 => format!("{} min ago", seconds / 60),
        _ => format!("{} h ago", seconds / 3600),
    }
}

pub fn home(web: &Web, request: &mut Request) -> Answer {
    home_with(web, request, None, StatusCode::OK)
}

fn home_with(web: &Web, request: &Request, advance_error: Option<String>, status: StatusCode) -> Answer {
    instructor(request)?;
    let class = match &web.class {
        Some(game) => class_section(game, request, advance_error.as_deref())?,
        None => html! {},
    };
    let body = html! {
        h1 { "Instructor's dashboard" }
        (class)
        (students_section(web))
        (handins_section(web))
    };
    let mut frame = request.frame("Dashboard");
    frame.refresh = None;
    request.with_status(status, &frame, body)
}

fn class_section(
    game: &ClassGame,
    request: &Request,
    advance_error: Option<&str>,
) -> Result<Markup, Refusal> {
    let overview = game.overview().map_err(|e| Refusal::broken(e.to_string()))?;
    let waiting = overview.waiting_for();
    let teams = overview.markets.iter().flatten().count();
    Ok(html! {
        section {
            h2 { "The class game: " (overview.class) }
            p {
                (overview.scenario) ", seed " (overview.seed) ", " (count(u64::from(overview.agents))) " people, "
                (overview.markets.len()) (if overview.markets.len() == 1 { " market" } else { " markets" }) ". "
                @if overview.finished() { strong { "The game is over: all " (overview.weeks) " weeks are played." } }
                @else { strong { "Week " (overview.round) " of " (overview.weeks) ": " (teams - waiting.len()) " of " (teams) " plans in." } }
            }
            div.scroll {
                table {
                    thead { tr { th scope="col" { "market" } th scope="col" { "team" } th scope="col" { "plan for this week" } } }
                    tbody {
                        @for (m, market) in overview.markets.iter().enumerate() {
                            @for (name, handed_in) in market {
                                tr {
                                    td { (m + 1) }
                                    th scope="row" { (name) }
                                    td { @if overview.finished() { "—" } @else if *handed_in { span.done { "handed in" } } @else { strong { "missing" } } }
                                }
                            }
                        }
                    }
                }
            }
            @if !overview.finished() {
                form.card method="post" action="/instructor/advance" {
                    input type="hidden" name="csrf" value=(request.session.csrf);
                    @if let Some(message) = advance_error { p #advance-error .error role="alert" { (message) } }
                    p {
                        input #force type="checkbox" name="force" value="true";
                        " " label for="force" style="display:inline" { "Play missing plans as empty weeks" }
                    }
                    button type="submit" aria-describedby=[advance_error.map(|_| "advance-error")] { "Play week " (overview.round) }
                }
            }
            p {
                a href="/instructor/projector" { "Standings for the projector" } " · "
                a href="/instructor/replay" { "The class replay (replay.ron)" }
            }
        }
    })
}

fn students_section(web: &Web) -> Markup {
    let Some(roster) = &web.roster else {
        return html! {
            section {
                h2 { "Students playing solo" }
                p { "No roster was given to this server, so solo play is closed. Start the server with " code { "--roster DIR" } " (the instructor's folder of " code { "rapport class roster" } ") to open it." }
            }
        };
    };
    let students = roster.students();
    let statuses: Vec<_> = students.iter().map(|s| (s, web.solo.status(s))).collect();
    let finished = statuses
        .iter()
        .filter(|(_, s)| s.as_ref().is_some_and(|s| s.played >= s.weeks && s.weeks > 0))
        .count();
    let playing = statuses.iter().filter(|(_, s)| s.is_some()).count() - finished;
    html! {
        section {
            h2 { "Students playing solo" }
            p { (students.len()) " on the roster: " (finished) " finished, " (playing) " playing, " (students.len() - finished - playing) " not started." }
            div.scroll {
                table {
                    thead { tr { th scope="col" { "student" } th scope="col" { "scenario" } th scope="col" { "weeks played" } th scope="col" { "score now" } th scope="col" { "last seen" } th scope="col" { "" } } }
                    tbody {
                        @for (student, status) in &statuses {
                            tr {
                                th scope="row" { (student.name) }
                                @match status {
                                    None => { td { "—" } td { "not started" } td {} td {} td {} }
                                    Some(s) => {
                                        td { (s.scenario) }
                                        td.num { (s.played) " of " (s.weeks) }
                                        td.num { (s.score.map_or_else(String::new, |x| format!("{x:.2}"))) }
                                        td { (ago(s.last_seen)) }
                                        td {
                                            @if let Some(file) = s.filed.as_ref().and_then(|p| p.file_name()) { span.done { "handed in (" (file.to_string_lossy()) ")" } }
                                            @else if s.played >= s.weeks && s.weeks > 0 { span.done { "handed in" } }
                                            @else if SystemTime::now().duration_since(s.last_seen).unwrap_or_default() > STUCK_AFTER { strong.error { "stuck? idle " (ago(s.last_seen)) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The scenarios with hand-ins filed, and their files.
fn handin_folders(web: &Web) -> Vec<(String, Vec<PathBuf>)> {
    let Ok(entries) = std::fs::read_dir(&web.config.handins) else {
        return Vec::new();
    };
    let mut folders: Vec<(String, Vec<PathBuf>)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let files = crate::files::replay::replay_files_in(&e.path()).ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), files))
        })
        .filter(|(_, files)| !files.is_empty())
        .collect();
    folders.sort();
    folders
}

fn handins_section(web: &Web) -> Markup {
    let folders = handin_folders(web);
    html! {
        section {
            h2 { "Hand-ins" }
            p { "Finished solo games are sealed by the server and filed in " code { (web.config.handins.display()) } ", a folder per scenario." }
            @if folders.is_empty() { p { "None yet." } }
            @else {
                ul {
                    @for (scenario, files) in &folders {
                        li {
                            strong { (scenario) } ": " (files.len()) (if files.len() == 1 { " hand-in" } else { " hand-ins" }) " — "
                            a href=(format!("/instructor/grades/{scenario}")) { "grades.csv" } " · "
                            a href=(format!("/instructor/compare/{scenario}")) { "compare them" }
                        }
                    }
                }
            }
        }
    }
}

pub fn advance(web: &Web, request: &mut Request) -> Answer {
    instructor(request)?;
    let Some(game) = &web.class else {
        return request.to("/instructor");
    };
    let force = request.form.get("force") == Some("true");
    match game.advance(game.instructor_key(), force) {
        Ok(_) => request.to("/instructor"),
        Err(ClassError::Refused(reason)) => {
            home_with(web, request, Some(format!("{reason}.")), StatusCode::CONFLICT)
        }
        Err(other) => Err(Refusal::broken(other.to_string())),
    }
}

/// The class's ranking as a table.
pub fn ranking_table(class: &[ClassRank]) -> Markup {
    html! {
        div.scroll {
            table {
                thead { tr { th scope="col" { "rank" } th scope="col" { "team" } th scope="col" { "market" } th scope="col" { "place there" } th.num scope="col" { "market share" } } }
                tbody {
                    @for line in class {
                        tr {
                            td { (ordinal(line.rank)) }
                            th scope="row" { (line.team) }
                            td { (line.market) }
                            td { (ordinal(line.market_rank)) }
                            td.num { (percent(line.score)) }
                        }
                    }
                }
            }
        }
    }
}

/// The standings and share charts in large type, for the projector.
pub fn projector(web: &Web, request: &mut Request) -> Answer {
    instructor(request)?;
    let Some(game) = &web.class else {
        return request.to("/instructor");
    };
    let overview = game.overview().map_err(|e| Refusal::broken(e.to_string()))?;
    let closed = overview.round.saturating_sub(1).min(overview.weeks);
    let rounds: Vec<_> = (1..=closed).filter_map(|w| game.standings(w).ok()).collect();
    let body = html! {
        p { a href="/instructor" { "Back to the dashboard" } }
        @match rounds.last() {
            None => { h1 { (overview.class) ": no round played yet" } }
            Some(last) => {
                h1 { (overview.class) ": standings after week " (last.week) " of " (last.weeks) }
                @for (m, market) in last.markets.iter().enumerate() {
                    h2 { "Market " (m + 1) }
                    (views::standings(market, &|s| who_plays(s.role, false, None)))
                    div.grid.two { (market_charts(&rounds, m, market)) }
                }
                h2 { "The class's ranking" }
                (ranking_table(&last.class))
            }
        }
    };
    let frame = Frame {
        projector: true,
        refresh: Some(30),
        ..request.frame("Standings")
    };
    request.with_status(StatusCode::OK, &frame, body)
}

/// Every brand's shares of market `m` over the rounds played.
fn market_charts(
    rounds: &[crate::class::game::RoundStandings],
    m: usize,
    market: &[crate::sim::Standing],
) -> Markup {
    let mut by_brand = market.to_vec();
    by_brand.sort_by_key(|s| s.brand);
    let names: Vec<String> = by_brand.iter().map(|s| s.name.clone()).collect();
    let weeks: Vec<(u32, Vec<Shares>)> = rounds
        .iter()
        .filter_map(|r| {
            let mut standings = r.markets.get(m)?.clone();
            standings.sort_by_key(|s| s.brand);
            Some((r.week, standings.iter().map(|s| s.shares).collect()))
        })
        .collect();
    views::share_charts(&names, &weeks)
}

/// A scenario named in a path: letters, digits, `_` and `-` only.
fn scenario_param(request: &Request) -> Result<String, Refusal> {
    let name = request.param.trim_end_matches(".csv").to_string();
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        Ok(name)
    } else {
        Err(Refusal::new(
            StatusCode::NOT_FOUND,
            "No such scenario",
            "There are no hand-ins of that name.",
            ("/instructor", "Back to the dashboard"),
        ))
    }
}

/// The scenario hand-ins named `name` were played on, as this server
/// plays it (its size too), and the source it was loaded from: the offer
/// of that id, else the built-in scenario or file of that name.
fn handin_scenario(web: &Web, name: &str) -> Result<(String, Arc<Scenario>), Refusal> {
    if let Some((source, scenario)) = web.solo.offers.iter().find_map(|o| {
        o.scenario
            .as_ref()
            .filter(|s| s.id == name)
            .map(|s| (&o.source, s))
    }) {
        return Ok((source.clone(), Arc::clone(scenario)));
    }
    crate::files::builtin::find_scenario(name)
        .and_then(|scenario| match web.config.agents {
            Some(agents) => crate::files::scenario::resize(&scenario, agents),
            None => Ok(scenario),
        })
        .map(|scenario| (name.to_string(), Arc::new(scenario)))
        .map_err(|e| {
            Refusal::new(
                StatusCode::CONFLICT,
                "The hand-ins' scenario cannot be loaded",
                e.to_string(),
                ("/instructor", "Back to the dashboard"),
            )
        })
}

/// The hand-ins of a scenario graded (`report::grading`, as `rapport
/// grade --roster` grades them) as a CSV download.
pub fn grades(web: &Web, request: &mut Request) -> Answer {
    instructor(request)?;
    let scenario = scenario_param(request)?;
    let dir = web.config.handins.join(&scenario);
    let (source, played) = handin_scenario(web, &scenario)?;
    let roster = web.roster.as_ref().map(|r| r.roster());
    let csv = handins::grades_csv(&played, &source, &dir, roster).map_err(|e| {
        Refusal::new(
            StatusCode::CONFLICT,
            "The hand-ins could not be graded",
            e,
            ("/instructor", "Back to the dashboard"),
        )
    })?;
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        csv,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"grades-{scenario}.csv\"")) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    if let Some(cookie) = &request.cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie.clone());
    }
    Ok(response)
}

fn compare_dir(web: &Web, scenario: &str) -> PathBuf {
    web.config.state.join("compare").join(scenario)
}

/// The hand-ins of a scenario side by side: `rapport compare`'s charts
/// (`report::projector`) on a page.
pub fn compare(web: &Web, request: &mut Request) -> Answer {
    instructor(request)?;
    let scenario = scenario_param(request)?;
    let files =
        crate::files::replay::replay_files_in(&web.config.handins.join(&scenario)).unwrap_or_default();
    let (_, played) = handin_scenario(web, &scenario)?;
    let out = compare_dir(web, &scenario);
    let charts = handins::compare_charts(&played, &files, &out).map_err(|e| {
        Refusal::new(
            StatusCode::CONFLICT,
            "The hand-ins could not be compared",
            e,
            ("/instructor", "Back to the dashboard"),
        )
    })?;
    let names: BTreeMap<String, String> = charts
        .iter()
        .filter_map(|p| {
            Some((
                p.file_name()?.to_string_lossy().into_owned(),
                p.file_stem()?.to_string_lossy().replace('_', " "),
            ))
        })
        .collect();
    let body = html! {
        p { a href="/instructor" { "Back to the dashboard" } }
        h1 { "The hand-ins of " (scenario) " side by side" }
        p { (files.len()) " hand-ins; one line per student (the charts `rapport compare` draws)." }
        @for (file, title) in &names {
            figure {
                figcaption { (title) }
                img src=(format!("/instructor/chart/{scenario}--{file}")) alt=(format!("{title} of every hand-in, by week")) style="max-width:100%;height:auto";
            }
        }
    };
    request.ok("Compare hand-ins", body)
}

/// A chart the comparison drew.
pub fn chart(web: &Web, request: &mut Request) -> Answer {
    instructor(request)?;
    let missing = || {
        Refusal::new(
            StatusCode::NOT_FOUND,
            "No such chart",
            "Open the comparison again.",
            ("/instructor", "Back to the dashboard"),
        )
    };
    let (scenario, file) = request.param.split_once("--").ok_or_else(missing)?;
    let safe = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
            && !s.contains("..")
    };
    if !safe(scenario) || !safe(file) || !file.ends_with(".png") {
        return Err(missing());
    }
    let bytes = std::fs::read(compare_dir(web, scenario).join(file)).map_err(|_| missing())?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}

/// The class replay as a file.
pub fn class_replay(web: &Web, request: &mut Request) -> Answer {
    instructor(request)?;
    let Some(game) = &web.class else {
        return request.to("/instructor");
    };
    let text = game
        .replay()
        .map_err(|e| Refusal::broken(e.to_string()))?
        .to_text();
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"replay.ron\""),
        ],
        text,
    )
        .into_response())
}
