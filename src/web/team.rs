//! A team's class game in the browser: join with the team's name and
//! code; plan the round's week and hand it in (again, to replace it,
//! until the round closes); wait with who has handed in; read each
//! closed round's report with the standings and share charts; and the
//! debrief when the game is over. Every call is the class engine's
//! (`ClassGame`), as `class hand-in` and the JSON API make them.

use super::page::Refusal;
use super::planner::{self, Field, FieldError};
use super::request::{Answer, Request};
use super::session::Who;
use super::svg::{Line, chart};
use super::views;
use super::{Web, form::FormData};
use crate::class::game::ClassGame;
use crate::class::{ClassError, RoundStatus, TeamReport};
use crate::report::market::who_plays;
use crate::report::plan::describe;
use crate::sim::{Scenario, Shares, WeekPlan};
use axum::http::StatusCode;
use maud::{Markup, html};
use std::collections::BTreeMap;

fn class(web: &Web) -> Result<&ClassGame, Refusal> {
    web.class.as_ref().ok_or_else(|| {
        Refusal::new(
            StatusCode::NOT_FOUND,
            "No class game on this server",
            "This server runs no class game in teams. Ask your instructor for the right address.",
            ("/", "Back to the start page"),
        )
    })
}

/// The signed-in team, its code checked again by the engine.
fn team(web: &Web, request: &Request) -> Result<(String, String, RoundStatus), Refusal> {
    let game = class(web)?;
    let Who::Team { name, code } = &request.session.who else {
        return Err(Refusal::sign_in_first("/team/join"));
    };
    let status = game
        .status(name, code)
        .map_err(|e| engine_refusal(e, StatusCode::FORBIDDEN))?;
    Ok((name.clone(), code.clone(), status))
}

fn engine_refusal(error: ClassError, status: StatusCode) -> Refusal {
    match error {
        ClassError::Refused(reason) => Refusal::new(
            status,
            "The class refused this",
            reason,
            ("/team", "Back to your team's page"),
        ),
        other => Refusal::broken(other.to_string()),
    }
}

fn join_form(request: &Request, team: &str, errors: &BTreeMap<&str, String>) -> Markup {
    let error = |field: &str| errors.get(field).cloned();
    html! {
        h1 { "Join your team" }
        p { "Your instructor gave each team its name and a join code." }
        form.card method="post" action="/team/join" {
            input type="hidden" name="csrf" value=(request.session.csrf);
            label for="team" { "Team name" }
            @if let Some(message) = error("team") { p #team-error .error role="alert" { (message) } }
            input #team type="text" name="team" value=(team) required
                aria-invalid=[error("team").map(|_| "true")] aria-describedby=[error("team").map(|_| "team-error")];
            label for="code" { "Join code" }
            @if let Some(message) = error("code") { p #code-error .error role="alert" { (message) } }
            input #code type="password" name="code" autocomplete="off" required
                aria-invalid=[error("code").map(|_| "true")] aria-describedby=[error("code").map(|_| "code-error")];
            p { button type="submit" { "Join" } }
        }
    }
}

pub fn join_page(web: &Web, request: &mut Request) -> Answer {
    class(web)?;
    if matches!(request.session.who, Who::Team { .. }) {
        return request.to("/team");
    }
    request.ok("Join your team", join_form(request, "", &BTreeMap::new()))
}

pub fn join(web: &Web, request: &mut Request) -> Answer {
    let game = class(web)?;
    let team = request.form.text("team");
    let code = request.form.text("code");
    let mut errors = BTreeMap::new();
    if team.is_empty() {
        errors.insert("team", "Type your team's name.".to_string());
    }
    if code.is_empty() {
        errors.insert("code", "Type your team's join code.".to_string());
    }
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        let known = game
            .teams()
            .into_iter()
            .find(|t| t.name.eq_ignore_ascii_case(&team));
        if !web.sign_ins.may_try(&team) || !request.session.may_sign_in() {
            status = StatusCode::TOO_MANY_REQUESTS;
            errors.insert(
                "code",
                "Too many wrong codes were tried for this team. Wait ten minutes, or ask your instructor."
                    .to_string(),
            );
        } else if known.is_none() {
            status = StatusCode::NOT_FOUND;
            errors.insert(
                "team",
                format!("This class has no team called `{team}`. Check the spelling on the board."),
            );
        } else {
            match game.authorise(&team, &code) {
                Ok(()) => {
                    let name = known.map_or(team, |t| t.name);
                    request.sign_in(web, Who::Team { name, code });
                    return request.to("/team");
                }
                Err(error) => {
                    web.sign_ins.failed(&team);
                    web.sessions.with(&request.token, |s| s.failed_sign_in());
                    status = StatusCode::FORBIDDEN;
                    errors.insert(
                        "code",
                        format!("{error}: check the code your instructor gave your team."),
                    );
                }
            }
        }
    }
    let frame = request.frame("Join your team");
    let body = join_form(request, &team, &errors);
    request.with_status(status, &frame, body)
}

/// The team's draft for the round being collected (a new round starts
/// with an empty plan).
fn draft(web: &Web, request: &Request, round: u32) -> WeekPlan {
    web.sessions.with(&request.token, |session| {
        if session.draft_round != round {
            session.draft = WeekPlan::default();
            session.draft_round = round;
        }
        session.draft.clone()
    })
}

pub fn home(web: &Web, request: &mut Request) -> Answer {
    page(web, request, None, StatusCode::OK)
}

/// The team's page: the round, the planner (while the game runs), the
/// latest report, and at the end the debrief.
fn page(web: &Web, request: &Request, error: Option<&FieldError>, status: StatusCode) -> Answer {
    let game = class(web)?;
    let (name, code, round) = team(web, request)?;
    let scenario = game.scenario().map_err(|e| Refusal::broken(e.to_string()))?;
    let reports = game
        .reports(&name, &code)
        .map_err(|e| engine_refusal(e, StatusCode::FORBIDDEN))?;
    let overview = game.overview().map_err(|e| Refusal::broken(e.to_string()))?;
    let market: Vec<(String, bool)> = overview
        .markets
        .iter()
        .find(|teams| teams.iter().any(|(n, _)| *n == name))
        .cloned()
        .unwrap_or_default();
    let plan = draft(web, request, round.round);
    let heading = if round.finished {
        format!("{}: team {} — the game is over", round.class, name)
    } else {
        format!(
            "{}: team {} — round {} of {}",
            round.class, name, round.round, round.weeks
        )
    };
    let waiting = round.handed_in && plan.actions.is_empty() && !round.finished;
    let body = html! {
        h1 { (heading) }
        @if let Some(last) = reports.last().filter(|_| !round.finished) {
            p { a href=(format!("#report-{}", last.week)) { "Read your report of week " (last.week) } }
        }
        @if !round.finished {
            p {
                @if round.handed_in { span.done { "Your plan for week " (round.round) " is in." } }
                @else { strong { "Your plan for week " (round.round) " is not in yet." } }
                " "
                (match round.waiting_for { 0 => "Every team's plan is in: the round closes when your instructor plays it.".to_string(), 1 => "1 team still has to hand in.".to_string(), n => format!("{n} teams still have to hand in.") })
            }
            p {
                "Your market: "
                @for (i, (team, handed_in)) in market.iter().enumerate() {
                    @if i > 0 { ", " }
                    (team) " (" (if *handed_in { "handed in" } else { "not yet" }) ")"
                }
                "."
                @if waiting { " This page checks again every 20 seconds; " a href="/team" { "check now" } "." }
            }
            (planner_section(request, &scenario, &plan, round.round, round.handed_in, error))
        } @else {
            p { "The last round has been played. Your final report and the standings are below." }
        }
        @if let Some(last) = reports.last() {
            (report_section(last, &scenario))
            h2 { "Your weeks so far" }
            (charts(&reports))
            @if reports.len() > 1 {
                h3 { "Earlier reports" }
                ul { @for r in reports.iter().rev().skip(1) { li { a href=(format!("/team/report/{}", r.week)) { "Week " (r.week) } } } }
            }
        } @else {
            p { "No round has closed yet: your first report comes when your instructor plays round 1." }
        }
        @if round.finished {
            (class_ranking(game, round.weeks))
        }
    };
    let title = if round.finished {
        "Your team: the debrief".to_string()
    } else {
        format!("Your team: round {}", round.round)
    };
    let mut frame = request.frame(&title);
    if waiting {
        frame.refresh = Some(20);
    }
    request.with_status(status, &frame, body)
}

fn planner_section(
    request: &Request,
    scenario: &Scenario,
    plan: &WeekPlan,
    round: u32,
    handed_in: bool,
    error: Option<&FieldError>,
) -> Markup {
    let view = planner::View {
        scenario,
        plan,
        base: "/team/plan",
        csrf: &request.session.csrf,
        choice: planner::choice_of_plan(plan),
        error,
    };
    let submit_error = error.filter(|e| e.field == Field::Submit);
    html! {
        div.grid.plan {
            div { (planner::add_form(&view)) }
            div {
                section.card {
                    (planner::budget(scenario, plan))
                    (planner::queue(&view))
                    form method="post" action="/team/hand-in" {
                        input type="hidden" name="csrf" value=(request.session.csrf);
                        input type="hidden" name="round" value=(round);
                        @if let Some(e) = submit_error { p #hand-in-error .error role="alert" { "Not handed in: " (e.message) } }
                        button type="submit" aria-describedby=[submit_error.map(|_| "hand-in-error")] {
                            @if handed_in { "Hand in week " (round) " again (replaces your plan)" } @else { "Hand in week " (round) }
                        }
                    }
                }
            }
        }
    }
}

fn change_draft(
    web: &Web,
    request: &mut Request,
    change: fn(&Scenario, &WeekPlan, &FormData) -> Result<WeekPlan, FieldError>,
) -> Answer {
    let game = class(web)?;
    let (_, _, round) = team(web, request)?;
    if round.finished {
        return request.to("/team");
    }
    let scenario = game.scenario().map_err(|e| Refusal::broken(e.to_string()))?;
    let plan = draft(web, request, round.round);
    match change(&scenario, &plan, &request.form) {
        Ok(plan) => {
            web.sessions.with(&request.token, |s| s.draft = plan);
            request.to("/team#queue-heading")
        }
        Err(error) => page(web, request, Some(&error), StatusCode::UNPROCESSABLE_ENTITY),
    }
}

pub fn add(web: &Web, request: &mut Request) -> Answer {
    change_draft(web, request, |scenario, plan, form| {
        let choice = planner::read_choice(form, scenario)?;
        planner::add(scenario, plan, &choice)
    })
}

pub fn edit(web: &Web, request: &mut Request) -> Answer {
    change_draft(web, request, |_, plan, form| planner::edit(plan, form))
}

/// Hands in the draft for the round it was made for: a round that closed
/// meanwhile refuses it as late (409), the engine's check of the budget
/// as not legal (422).
pub fn hand_in(web: &Web, request: &mut Request) -> Answer {
    let game = class(web)?;
    let (name, code, before) = team(web, request)?;
    let round = request
        .form
        .get("round")
        .and_then(|r| r.parse::<u32>().ok())
        .unwrap_or(0);
    let plan = web.sessions.with(&request.token, |s| {
        if s.draft_round == round {
            s.draft.clone()
        } else {
            WeekPlan::default()
        }
    });
    match game.hand_in_for(&name, &code, round, &plan) {
        Ok(()) => {
            web.sessions
                .with(&request.token, |s| s.draft = WeekPlan::default());
            request.to("/team")
        }
        Err(ClassError::Refused(reason)) => {
            let status = if before.finished || round != before.round {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let error = FieldError::new(Field::Submit, format!("{reason}."));
            if status == StatusCode::CONFLICT {
                // The planner now shows the new round; the refusal stays with it.
                return late_page(&error);
            }
            page(web, request, Some(&error), status)
        }
        Err(other) => Err(Refusal::broken(other.to_string())),
    }
}

fn late_page(error: &FieldError) -> Answer {
    Err(Refusal::new(
        StatusCode::CONFLICT,
        "Too late for that round",
        format!("Your plan was not taken: {}", error.message),
        ("/team", "Go to the round being played now"),
    ))
}

/// One closed round's report: the sentences, the figures, the shares,
/// the standings, and the team's own plan.
fn report_section(report: &TeamReport, scenario: &Scenario) -> Markup {
    let mut by_brand: Vec<&crate::sim::Standing> = report.standings.iter().collect();
    by_brand.sort_by_key(|s| s.brand);
    let names: Vec<&str> = by_brand.iter().map(|s| s.name.as_str()).collect();
    let shares: Vec<Shares> = by_brand.iter().map(|s| s.shares).collect();
    let you = by_brand.iter().position(|s| s.name == report.team);
    html! {
        h2 id=(format!("report-{}", report.week)) { "Week " (report.week) " of " (report.weeks) ": your report" }
        div.grid.two {
            section {
                (views::sentences(&report.lines, ""))
                h3 { "Your figures" }
                (views::kpi_table(&report.kpis, None))
            }
            section { (views::share_bars(&names, &shares, you)) }
        }
        h3 { "Standings of your market" }
        (views::standings(&report.standings, &|s| who_plays(s.role, s.name == report.team, None)))
        h3 { "Your plan that week" }
        @if report.plan.actions.is_empty() { p { "Nothing was planned: an empty week." } }
        @else { ol { @for a in &report.plan.actions { li { (describe(scenario, a)) } } } }
    }
}

/// The team's figures over the weeks, and every brand's shares.
fn charts(reports: &[TeamReport]) -> Markup {
    let Some(last) = reports.last() else {
        return html! {};
    };
    let mut brands: Vec<&crate::sim::Standing> = last.standings.iter().collect();
    brands.sort_by_key(|s| s.brand);
    let names: Vec<String> = brands.iter().map(|s| s.name.clone()).collect();
    let weeks: Vec<(u32, Vec<Shares>)> = reports
        .iter()
        .map(|r| {
            let mut by_brand = r.standings.clone();
            by_brand.sort_by_key(|s| s.brand);
            (r.week, by_brand.iter().map(|s| s.shares).collect())
        })
        .collect();
    let own = |title: &str, value: fn(&TeamReport) -> f64| {
        chart(
            title,
            "people",
            &[Line {
                name: last.team.clone(),
                points: reports.iter().map(|r| (f64::from(r.week), value(r))).collect(),
                ghost: false,
            }],
        )
    };
    html! {
        div.grid.two {
            div { (own("your followers", |r| r.kpis.followers as f64)) }
            div { (own("your strong relationships", |r| r.kpis.strong_relationships as f64)) }
            div { (own("your customers", |r| r.kpis.customers as f64)) }
        }
        h3 { "Shares of your market" }
        div.grid.two { (views::share_charts(&names, &weeks)) }
    }
}

/// The class's ranking of teams after the last round.
fn class_ranking(game: &ClassGame, week: u32) -> Markup {
    let Ok(standings) = game.standings(week) else {
        return html! {};
    };
    html! {
        h2 { "The class's ranking" }
        p { "Every team by its market share (the mean of its three shares)." }
        (super::dashboard::ranking_table(&standings.class))
    }
}

/// An earlier week's report.
pub fn report(web: &Web, request: &mut Request) -> Answer {
    let game = class(web)?;
    let (name, code, _) = team(web, request)?;
    let reports = game
        .reports(&name, &code)
        .map_err(|e| engine_refusal(e, StatusCode::FORBIDDEN))?;
    let week: u32 = request.param.parse().unwrap_or(0);
    let Some(report) = reports.iter().find(|r| r.week == week) else {
        return Err(Refusal::new(
            StatusCode::NOT_FOUND,
            "No report for that week",
            format!(
                "Week {} has not closed yet; {} have.",
                request.param,
                reports.len()
            ),
            ("/team", "Back to your team's page"),
        ));
    };
    let scenario = game.scenario().map_err(|e| Refusal::broken(e.to_string()))?;
    let title = format!("Week {week} report");
    let body = html! {
        p { a href="/team" { "Back to your team's page" } }
        (report_section(report, &scenario))
    };
    request.ok(&title, body)
}
