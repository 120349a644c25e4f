//! Solo play in the browser: a student of the roster signs in, chooses a
//! scenario and plays it week by week. The game lives on the server, saved
//! atomically after every week (a restarted server resumes it), and when
//! it ends its replay is sealed for the student and filed in the
//! instructor's hand-in folder.

use super::form::FormData;
use super::page::Refusal;
use super::planner::{self, Field, FieldError};
use super::request::{Answer, Request};
use super::roster::{RosterError, Student, StudentId};
use super::session::Who;
use super::views;
use super::{Web, WebConfig};
use crate::claims::verdict::{judge, judge_week};
use crate::class::ClassError;
use crate::files::replay::Replay;
use crate::files::save::{RawSave, save_of};
use crate::report::market::{strategy_of, who_plays};
use crate::report::narrative::notable_events;
use crate::report::weekly::weekly_rows;
use crate::sim::{Scenario, Shares, Simulation, WeekPlan};
use crate::text::count;
use axum::http::StatusCode;
use maud::{Markup, html};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::SystemTime;

/// A scenario a student may choose, or why not.
pub struct Offer {
    /// The built-in id or file, as the save and the replay name it.
    pub source: String,
    pub scenario: Option<Arc<Scenario>>,
    /// Why it cannot be played here.
    pub refused: Option<String>,
}

/// The scenarios of the server's configuration, each checked once.
fn offers(config: &WebConfig) -> Vec<Offer> {
    let sources: Vec<String> = if config.scenarios.is_empty() {
        crate::files::builtin::SCENARIOS
            .iter()
            .map(|(id, _)| (*id).to_string())
            .collect()
    } else {
        config.scenarios.clone()
    };
    sources
        .into_iter()
        .map(|source| {
            let loaded = crate::files::builtin::find_scenario(&source).and_then(|scenario| match config.agents {
                Some(agents) => crate::files::scenario::resize(&scenario, agents),
                None => Ok(scenario),
            });
            match loaded {
                Err(e) => Offer {
                    source,
                    scenario: None,
                    refused: Some(e.to_string()),
                },
                Ok(scenario) if scenario.agents > config.max_people => Offer {
                    refused: Some(format!(
                        "{} people: more than the {} a game in the browser may have on this server (play it in the game's window instead)",
                        count(u64::from(scenario.agents)),
                        count(u64::from(config.max_people))
                    )),
                    source,
                    scenario: Some(Arc::new(scenario)),
                },
                Ok(scenario) => Offer {
                    source,
                    scenario: Some(Arc::new(scenario)),
                    refused: None,
                },
            }
        })
        .collect()
}

/// One student's game.
pub struct Game {
    pub simulation: Option<Simulation>,
    pub source: String,
    /// The plan being written for the next week.
    pub draft: WeekPlan,
    pub last_seen: SystemTime,
    /// Where the finished game's replay was filed.
    pub filed: Option<PathBuf>,
}

/// At most this many weeks play at once (the rest wait their turn).
struct Gate {
    free: Mutex<usize>,
    freed: Condvar,
}

struct Pass<'a>(&'a Gate);

impl Gate {
    fn enter(&self) -> Pass<'_> {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(|p| p.into_inner());
        }
        *free -= 1;
        Pass(self)
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}

/// Every student's game, in memory and saved in `dir`.
pub struct Store {
    dir: PathBuf,
    /// Where finished games are filed, a folder per scenario.
    handins: PathBuf,
    pub offers: Vec<Offer>,
    games: Mutex<BTreeMap<StudentId, Arc<Mutex<Game>>>>,
    gate: Gate,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Store {
    pub fn open(dir: &Path, config: &WebConfig) -> Result<Store, ClassError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| ClassError::Broken(format!("{}: cannot create: {e}", dir.display())))?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Store {
            dir: dir.to_path_buf(),
            handins: config.handins.clone(),
            offers: offers(config),
            games: Mutex::new(BTreeMap::new()),
            gate: Gate {
                free: Mutex::new(cores),
                freed: Condvar::new(),
            },
        })
    }

    fn save_path(&self, id: &StudentId) -> PathBuf {
        self.dir.join(format!("{}.ron", id.0))
    }

    /// The student's game: from memory, else from its save (re-played).
    pub fn game(&self, student: &Student) -> Result<Arc<Mutex<Game>>, Refusal> {
        if let Some(game) = lock(&self.games).get(&student.id) {
            return Ok(Arc::clone(game));
        }
        // Re-playing a save takes a while: not under the lock every student needs.
        let path = self.save_path(&student.id);
        let (simulation, source) = if path.exists() {
            let (simulation, source) = crate::files::save::load_save(&path).map_err(|e| {
                Refusal::broken(format!(
                    "Your saved game could not be resumed ({e}). Tell your instructor."
                ))
            })?;
            (Some(simulation), source)
        } else {
            (None, String::new())
        };
        let filed = simulation
            .as_ref()
            .filter(|s| s.finished())
            .map(|s| self.handin_path(&s.scenario().id, &student.id));
        let game = Arc::new(Mutex::new(Game {
            simulation,
            source,
            draft: WeekPlan::default(),
            last_seen: SystemTime::now(),
            filed,
        }));
        // Two requests of one student may have loaded it at once: keep the first.
        Ok(Arc::clone(
            lock(&self.games).entry(student.id.clone()).or_insert(game),
        ))
    }

    fn handin_path(&self, scenario: &str, id: &StudentId) -> PathBuf {
        self.handins.join(scenario).join(format!("{}.ron", id.0))
    }

    fn save(&self, student: &Student, game: &Game) -> Result<(), Refusal> {
        let Some(simulation) = &game.simulation else {
            return Ok(());
        };
        let save = RawSave {
            player: student.name.clone(),
            class_code: student.class_code.clone(),
            ..save_of(simulation, &game.source)
        };
        crate::files::save::write_raw(&self.save_path(&student.id), &save).map_err(|e| {
            Refusal::broken(format!(
                "Your game could not be saved ({e}). Tell your instructor."
            ))
        })
    }

    /// What the dashboard says of a student: scenario, weeks played of
    /// how many, score, finished, when last seen.
    pub fn status(&self, student: &Student) -> Option<StudentStatus> {
        let in_memory = lock(&self.games).get(&student.id).cloned();
        if let Some(game) = in_memory {
            let game = lock(&game);
            let simulation = game.simulation.as_ref()?;
            return Some(StudentStatus {
                scenario: simulation.scenario().id.clone(),
                played: simulation.plans().len() as u32,
                weeks: simulation.scenario().weeks,
                score: Some(simulation.kpis_live().score),
                last_seen: game.last_seen,
                filed: game.filed.clone(),
            });
        }
        let path = self.save_path(&student.id);
        let save = crate::files::save::peek(&path)?;
        let weeks = self
            .offers
            .iter()
            .find(|o| o.source == save.scenario)
            .and_then(|o| o.scenario.as_ref())
            .map_or(0, |s| s.weeks);
        Some(StudentStatus {
            scenario: save.scenario.clone(),
            played: save.weeks.len() as u32,
            weeks,
            score: None,
            last_seen: std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH),
            filed: None,
        })
    }
}

/// A student's game as the dashboard lists it.
pub struct StudentStatus {
    pub scenario: String,
    pub played: u32,
    pub weeks: u32,
    pub score: Option<f64>,
    pub last_seen: SystemTime,
    pub filed: Option<PathBuf>,
}

/// The signed-in student, or a refusal that sends them to sign in.
fn student(request: &Request) -> Result<Student, Refusal> {
    match &request.session.who {
        Who::Student(student) => Ok(student.clone()),
        _ => Err(Refusal::sign_in_first("/solo/sign-in")),
    }
}

fn sign_in_form(request: &Request, name: &str, errors: &BTreeMap<&str, String>) -> Markup {
    let error = |field: &str| errors.get(field).cloned();
    html! {
        h1 { "Sign in to play on your own" }
        p { "Type your name as your instructor wrote it in the class list, and the personal code you were given." }
        form.card method="post" action="/solo/sign-in" {
            input type="hidden" name="csrf" value=(request.session.csrf);
            label for="name" { "Your name" }
            @if let Some(message) = error("name") { p #name-error .error role="alert" { (message) } }
            input #name type="text" name="name" value=(name) autocomplete="name" required
                aria-invalid=[error("name").map(|_| "true")] aria-describedby=[error("name").map(|_| "name-error")];
            label for="code" { "Your personal code" }
            @if let Some(message) = error("code") { p #code-error .error role="alert" { (message) } }
            input #code type="password" name="code" autocomplete="off" required
                aria-invalid=[error("code").map(|_| "true")] aria-describedby=[error("code").map(|_| "code-error")];
            p { button type="submit" { "Sign in" } }
        }
    }
}

pub fn sign_in_page(web: &Web, request: &mut Request) -> Answer {
    if web.roster.is_none() {
        return Err(no_roster());
    }
    if let Who::Student(_) = request.session.who {
        return request.to("/solo");
    }
    request.ok("Sign in", sign_in_form(request, "", &BTreeMap::new()))
}

fn no_roster() -> Refusal {
    Refusal::new(
        StatusCode::NOT_FOUND,
        "Solo play is not open on this server",
        "The instructor has not given this server a class roster, so nobody can sign in to play alone yet.",
        ("/", "Back to the start page"),
    )
}

pub fn sign_in(web: &Web, request: &mut Request) -> Answer {
    let Some(roster) = &web.roster else {
        return Err(no_roster());
    };
    let name = request.form.text("name");
    let code = request.form.text("code");
    let mut errors = BTreeMap::new();
    if name.is_empty() {
        errors.insert("name", "Type your name.".to_string());
    }
    if code.is_empty() {
        errors.insert("code", "Type your personal code.".to_string());
    }
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        if !web.sign_ins.may_try(&name) || !request.session.may_sign_in() {
            status = StatusCode::TOO_MANY_REQUESTS;
            errors.insert(
                "code",
                "Too many wrong codes were tried for this name. Wait ten minutes, or ask your instructor."
                    .to_string(),
            );
        } else {
            match roster.check_student(&name, &code) {
                Ok(student) => {
                    request.sign_in(web, Who::Student(student));
                    return request.to("/solo");
                }
                Err(error) => {
                    web.sign_ins.failed(&name);
                    web.sessions.with(&request.token, |s| s.failed_sign_in());
                    let field = match error {
                        RosterError::UnknownName(_) => {
                            status = StatusCode::NOT_FOUND;
                            "name"
                        }
                        RosterError::WrongCode(_) | RosterError::NotACode => {
                            status = StatusCode::FORBIDDEN;
                            "code"
                        }
                        RosterError::Unreadable(_) => "name",
                    };
                    errors.insert(field, format!("{error}."));
                }
            }
        }
    }
    let frame = request.frame("Sign in");
    let body = sign_in_form(request, &name, &errors);
    request.with_status(status, &frame, body)
}

/// The student's own page: the scenarios to choose from, the planner, or
/// (a finished game) the debrief.
pub fn home(web: &Web, request: &mut Request) -> Answer {
    let student = student(request)?;
    let game = web.solo.game(&student)?;
    let mut game = lock(&game);
    game.last_seen = SystemTime::now();
    match &game.simulation {
        None => chooser(web, request, None),
        Some(simulation) if simulation.finished() => request.to("/solo/debrief"),
        Some(_) => planner_page(request, &game, None, StatusCode::OK),
    }
}

fn chooser(web: &Web, request: &Request, error: Option<(String, String)>) -> Answer {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = html! {
        h1 { "Choose a scenario" }
        p { "Each scenario is a brand with its audience, its weeks and its goals. You play it week by week; the game is kept on the server, so you can close the browser and come back." }
        form method="post" action="/solo/start" {
            input type="hidden" name="csrf" value=(request.session.csrf);
            fieldset aria-describedby=[error.as_ref().map(|_| "start-error")] {
                legend { "Scenarios" }
                @if let Some((_, message)) = &error {
                    p #start-error .error role="alert" { (message) }
                }
                ul.actions {
                    @for (i, offer) in web.solo.offers.iter().enumerate() {
                        @let id = format!("scenario-{i}");
                        li {
                            input type="radio" name="scenario" id=(id) value=(offer.source)
                                checked[error.as_ref().is_some_and(|(s, _)| *s == offer.source)]
                                disabled[offer.refused.is_some()];
                            label for=(id) {
                                @match &offer.scenario {
                                    Some(s) => { (s.name) " — " (s.weeks) " weeks, " (count(u64::from(s.agents))) " people" }
                                    None => { (offer.source) }
                                }
                            }
                            @if let Some(s) = &offer.scenario { span.what { (s.brief) } }
                            @if let Some(refused) = &offer.refused { span.what.error { "Not here: " (refused) "." } }
                        }
                    }
                }
            }
            p { button type="submit" { "Start this scenario" } }
        }
    };
    let frame = request.frame("Choose a scenario");
    request.with_status(status, &frame, body)
}

pub fn start(web: &Web, request: &mut Request) -> Answer {
    let student = student(request)?;
    let chosen = request.form.text("scenario");
    let Some(offer) = web.solo.offers.iter().find(|o| o.source == chosen) else {
        return chooser(
            web,
            request,
            Some((chosen, "Choose one of the scenarios in the list.".to_string())),
        );
    };
    if let Some(refused) = &offer.refused {
        return chooser(
            web,
            request,
            Some((
                chosen.clone(),
                format!("{chosen} cannot be played here: {refused}."),
            )),
        );
    }
    let Some(scenario) = offer.scenario.clone() else {
        return chooser(
            web,
            request,
            Some((chosen, "That scenario could not be read.".to_string())),
        );
    };
    let game = web.solo.game(&student)?;
    let mut game = lock(&game);
    if game.simulation.as_ref().is_some_and(|s| !s.finished()) {
        // A second tab, or the back button: the game under way goes on.
        return request.to("/solo");
    }
    let seed = scenario.seed;
    let simulation = {
        let _pass = web.solo.gate.enter();
        Simulation::new(scenario, seed)
    };
    game.simulation = Some(simulation);
    game.source = offer.source.clone();
    game.draft = WeekPlan::default();
    game.filed = None;
    web.solo.save(&student, &game)?;
    request.to("/solo")
}

fn planner_page(request: &Request, game: &Game, error: Option<&FieldError>, status: StatusCode) -> Answer {
    let Some(simulation) = &game.simulation else {
        return request.to("/solo");
    };
    let scenario = simulation.scenario();
    let week = simulation.week() + 1;
    let view = planner::View {
        scenario,
        plan: &game.draft,
        base: "/solo/plan",
        csrf: &request.session.csrf,
        choice: planner::choice_of_plan(&game.draft),
        error,
    };
    let submit_error = error.filter(|e| e.field == Field::Submit);
    let title = format!("Week {week} of {} — plan", scenario.weeks);
    let body = html! {
        h1 { (scenario.brand) ": plan week " (week) " of " (scenario.weeks) }
        @if week > 1 {
            p { a href=(format!("/solo/report/{}", week - 1)) { "Last week's report" } }
        }
        div.grid.plan {
            div { (planner::add_form(&view)) }
            div {
                section.card {
                    (planner::budget(scenario, &game.draft))
                    (planner::queue(&view))
                    form method="post" action="/solo/run" {
                        input type="hidden" name="csrf" value=(request.session.csrf);
                        input type="hidden" name="week" value=(week);
                        @if let Some(e) = submit_error { p #run-error .error role="alert" { (e.message) } }
                        button type="submit" aria-describedby=[submit_error.map(|_| "run-error")] { "Run week " (week) }
                    }
                }
                section {
                    h2 { "Where you stand" }
                    (views::kpi_table(&simulation.kpis_live(), Some(simulation.pending_comments())))
                    h3 { "Goals" }
                    (views::goals(&scenario.goals, &simulation.kpis_live()))
                }
            }
        }
    };
    let frame = request.frame(&title);
    request.with_status(status, &frame, body)
}

/// Changes the student's draft with `change`, or says why not.
fn change_draft(
    web: &Web,
    request: &mut Request,
    change: fn(&Scenario, &WeekPlan, &FormData) -> Result<WeekPlan, FieldError>,
) -> Answer {
    let student = student(request)?;
    let game = web.solo.game(&student)?;
    let mut game = lock(&game);
    game.last_seen = SystemTime::now();
    let Some(simulation) = &game.simulation else {
        return request.to("/solo");
    };
    if simulation.finished() {
        return request.to("/solo/debrief");
    }
    match change(simulation.scenario(), &game.draft, &request.form) {
        Ok(plan) => {
            game.draft = plan;
            request.to("/solo#queue-heading")
        }
        Err(error) => planner_page(request, &game, Some(&error), StatusCode::UNPROCESSABLE_ENTITY),
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

/// Plays the week with the draft, saves, and (the last week) files the replay.
pub fn run_week(web: &Web, request: &mut Request) -> Answer {
    let student = student(request)?;
    let game = web.solo.game(&student)?;
    let mut game = lock(&game);
    game.last_seen = SystemTime::now();
    let Some(simulation) = game.simulation.as_ref() else {
        return request.to("/solo");
    };
    let week = simulation.week() + 1;
    if simulation.finished() {
        return request.to("/solo/debrief");
    }
    if request.form.get("week").and_then(|w| w.parse::<u32>().ok()) != Some(week) {
        let refusal = Refusal::new(
            StatusCode::CONFLICT,
            "That week was already played",
            format!(
                "This page was for an earlier week; your game is at week {week} now. Nothing was played twice."
            ),
            ("/solo", "Go to your game"),
        );
        return Err(refusal);
    }
    let plan = game.draft.clone();
    if let Err(reason) = simulation.check_plan(&plan) {
        let error = FieldError::new(Field::Submit, format!("This plan cannot be played: {reason}."));
        return planner_page(request, &game, Some(&error), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let played = {
        let _pass = web.solo.gate.enter();
        game.simulation.as_mut().map(|s| s.run_week(&plan))
    };
    if let Some(Err(reason)) = played {
        let error = FieldError::new(Field::Submit, format!("This week could not be played: {reason}."));
        return planner_page(request, &game, Some(&error), StatusCode::UNPROCESSABLE_ENTITY);
    }
    game.draft = WeekPlan::default();
    web.solo.save(&student, &game)?;
    if let Some(simulation) = game.simulation.as_ref().filter(|s| s.finished()) {
        let path = web.solo.handin_path(&simulation.scenario().id, &student.id);
        let replay = Replay::of(simulation, &game.source, &student.name);
        // Sealed with the student's personal code: `grade --roster` and
        // the dashboard's grades tie it to them.
        let sealed = match &web.roster {
            Some(roster) => roster.seal(replay, &student).map_err(|e| {
                Refusal::broken(format!(
                    "Your finished game could not be sealed ({e}). Tell your instructor."
                ))
            })?,
            None => replay.with_class_code(&student.class_code),
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        sealed.write(&path).map_err(|e| {
            Refusal::broken(format!(
                "Your finished game could not be handed in ({e}). Tell your instructor."
            ))
        })?;
        game.filed = Some(path);
    }
    request.to(&format!("/solo/report/{week}"))
}

/// The week's report: what happened, what it shows, the hours, where the
/// results came from, and the game so far beside the ghosts.
pub fn report(web: &Web, request: &mut Request) -> Answer {
    let student = student(request)?;
    let game = web.solo.game(&student)?;
    let game = lock(&game);
    let Some(simulation) = &game.simulation else {
        return request.to("/solo");
    };
    let rows = weekly_rows(simulation.history());
    let week: usize = request.param.parse().unwrap_or(0);
    let Some(row) = week.checked_sub(1).and_then(|w| rows.get(w)) else {
        return Err(Refusal::new(
            StatusCode::NOT_FOUND,
            "No report for that week",
            format!(
                "Week {} has not been played; {} weeks have.",
                request.param,
                rows.len()
            ),
            ("/solo", "Go to your game"),
        ));
    };
    let ghosts = web.ghosts.of(simulation.scenario(), simulation.seed());
    let verdicts: Vec<String> = judge_week(simulation, week, &ghosts)
        .into_iter()
        .map(|v| v.sentence)
        .collect();
    let scenario = simulation.scenario();
    let next = if simulation.finished() {
        ("/solo/debrief", "See the debrief")
    } else {
        ("/solo", "Plan the next week")
    };
    let title = format!("Week {week} report");
    let body = html! {
        h1 { (scenario.brand) ": week " (week) " of " (scenario.weeks) }
        p { a.button href=(next.0) { (next.1) } }
        div.grid.two {
            section {
                h2 { "What happened" }
                (views::sentences(&notable_events(row), ""))
                h2 { "What this week shows" }
                (views::sentences(&verdicts, "Nothing this week that the claims can judge yet."))
                h2 { "Hours this week" }
                (views::hours_split([("broadcasting", row.hours_broadcast), ("conversation", row.hours_conversation), ("listening", row.hours_listening)], scenario.hours_per_week))
            }
            section {
                h2 { "Where you stand" }
                (views::kpi_table(&simulation.kpis_live(), Some(simulation.pending_comments())))
                h3 { "Goals" }
                (views::goals(&scenario.goals, &simulation.kpis_live()))
            }
        }
        (market(simulation))
        h2 { "Where this week's results came from" }
        (views::attribution(&row.attribution))
        h2 { "The game so far" }
        p { "Thin grey lines: the built-in strategies on the same scenario and seed, up to this week." }
        (views::game_charts("you", &simulation.history()[..(week * 7 + 1).min(simulation.history().len())], &ghosts))
        p { a.button href=(next.0) { (next.1) } }
    };
    request.ok(&title, body)
}

/// The market's standings and shares, in a game with rivals.
fn market(simulation: &Simulation) -> Markup {
    if simulation.brand_count() < 2 {
        return html! {};
    }
    let names: Vec<String> = (0..simulation.brand_count())
        .map(|b| simulation.brand_name(b).to_string())
        .collect();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let history = simulation.share_history();
    let weeks: Vec<(u32, Vec<Shares>)> = history
        .iter()
        .enumerate()
        .filter(|(day, _)| day % 7 == 0)
        .map(|(day, shares)| ((day / 7) as u32, shares.clone()))
        .collect();
    html! {
        h2 { "The market" }
        (views::standings(&simulation.standings(), &|s| who_plays(s.role, s.brand == 0, strategy_of(simulation, s.brand))))
        @if let Some(latest) = history.last() {
            (views::share_bars(&name_refs, latest, Some(0)))
        }
        (views::share_charts(&names, &weeks))
    }
}

/// The debrief: stars and score, goals, time, verdicts and advice, where
/// the results came from, and the game beside its ghosts.
pub fn debrief(web: &Web, request: &mut Request) -> Answer {
    let student = student(request)?;
    let game = web.solo.game(&student)?;
    let game = lock(&game);
    let Some(simulation) = game.simulation.as_ref().filter(|s| s.finished()) else {
        return request.to("/solo");
    };
    let ghosts = web.ghosts.of(simulation.scenario(), simulation.seed());
    let kpis = simulation.kpis_live();
    let verdicts: Vec<String> = judge(simulation, &ghosts)
        .into_iter()
        .map(|v| v.sentence)
        .collect();
    let advice: Vec<String> = web
        .ghosts
        .advice_of(simulation, &ghosts)
        .iter()
        .map(|a| a.sentence.clone())
        .collect();
    let scenario = simulation.scenario();
    let filed = game
        .filed
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let body = html! {
        h1 { "Debrief — " (scenario.name) }
        p { (views::stars_of(kpis.score)) }
        @if let Some(file) = filed {
            p.done { "Your game is handed in: the server sealed it under your name and filed it for your instructor (" (file) ")." }
        }
        div.grid.two {
            section {
                h2 { "Goals" }
                (views::goals(&scenario.goals, &kpis))
                h2 { "Your time" }
                (views::hours_split([("broadcasting", kpis.hours.broadcast), ("conversation", kpis.hours.conversation), ("listening", kpis.hours.listening)], kpis.hours.total()))
                h2 { "Where you stand" }
                (views::kpi_table(&kpis, None))
            }
            section {
                h2 { "What your run showed" }
                (views::sentences(&verdicts, "None of the claims shows clearly in this run."))
                @if !advice.is_empty() {
                    h2 { "What would have helped most" }
                    (views::sentences(&advice, ""))
                }
                h2 { "Where your results came from" }
                (views::attribution(&kpis.attribution))
            }
        }
        (market(simulation))
        h2 { "Your game beside the others" }
        p { "Thin grey lines: the built-in strategies on the same scenario and seed." }
        (views::game_charts("you", simulation.history(), &ghosts))
        form method="post" action="/solo/again" {
            input type="hidden" name="csrf" value=(request.session.csrf);
            button type="submit" { "Play another scenario" }
        }
    };
    request.ok("Debrief", body)
}

/// After a finished game: back to the scenarios (the hand-in stays filed).
pub fn again(web: &Web, request: &mut Request) -> Answer {
    let student = student(request)?;
    let game = web.solo.game(&student)?;
    let mut game = lock(&game);
    if game.simulation.as_ref().is_some_and(Simulation::finished) {
        let path = web.solo.save_path(&student.id);
        let _ = std::fs::remove_file(path);
        game.simulation = None;
        game.filed = None;
        game.draft = WeekPlan::default();
    }
    request.to("/solo")
}
