//! The screens of the game, one state each, drawn with egui. Every screen
//! only reads the session and hands plans to the model.

use super::Launch;
use super::audience_view;
use super::session::{self, SPEEDS, Session};
use crate::files::builtin;
use crate::report::weekly::{WeekRow, weekly_rows};
use crate::sim::action::{ActionKind, PlannedAction, Target};
use crate::sim::metrics::{goal_progress, stars};
use crate::sim::types::{ContentType, Family};
use crate::sim::{DayMetrics, Scenario, Simulation};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};

#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    Choose,
    Plan,
    Running,
    Report,
    Debrief,
    Help,
    Replays,
    Compare,
}

/// What the planner adds next, and who the inspector shows.
#[derive(Resource, Default)]
pub struct PlannerForm {
    pub platform: u8,
    pub content: usize,
    pub target: usize,
    pub inspected: Option<u32>,
    /// Where Help returns to.
    pub back: Option<Screen>,
    /// A message for the title screen (a save that could not be loaded).
    pub notice: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.init_resource::<PlannerForm>();
    app.add_systems(Startup, open_launch_scenario);
    app.add_systems(
        EguiPrimaryContextPass,
        (
            title.run_if(in_state(Screen::Title)),
            choose.run_if(in_state(Screen::Choose)),
            plan.run_if(in_state(Screen::Plan)),
            running.run_if(in_state(Screen::Running)),
            report.run_if(in_state(Screen::Report)),
            debrief.run_if(in_state(Screen::Debrief)),
            help.run_if(in_state(Screen::Help)),
        ),
    );
}

fn open_launch_scenario(mut commands: Commands, launch: Res<Launch>, mut next: ResMut<NextState<Screen>>) {
    if let Some((scenario, source)) = &launch.scenario {
        commands.insert_resource(new_session(&launch, scenario.clone(), source));
        next.set(Screen::Plan);
    }
}

fn new_session(launch: &Launch, scenario: Scenario, source: &str) -> Session {
    let seed = scenario.seed;
    let mut session = Session::new(scenario, seed, source);
    session.save_path = launch.save_path.clone();
    // The new game's first autosave would write over the old file: keep a
    // file that is not a readable save (the player may want it back).
    if let Some(path) = &launch.save_path
        && path.exists()
        && !crate::files::save::looks_loadable(path)
        && let Err(error) = crate::files::save::set_aside(path)
    {
        session.save_error = Some(format!(
            "the old save {} cannot be read nor moved aside ({error}); this game is not saved, \
             so as not to write over it",
            path.display()
        ));
        session.save_path = None;
    }
    session
}

/// Loads the autosave into a session, or says why it cannot.
pub fn continue_game(launch: &Launch) -> Result<(Session, Screen), String> {
    let Some(path) = &launch.save_path else {
        return Err("saving is off in this window".into());
    };
    let (simulation, source) = crate::files::save::resume(path).map_err(|e| e.to_string())?;
    let screen = if simulation.finished() {
        Screen::Debrief
    } else {
        Screen::Plan
    };
    let mut session = Session::resume(simulation, &source);
    session.save_path = launch.save_path.clone();
    Ok((session, screen))
}

/// Continue: resumes the saved game, or tells the player on the title
/// screen why it cannot.
pub(super) fn try_continue(
    launch: &Launch,
    commands: &mut Commands,
    form: &mut PlannerForm,
    next: &mut NextState<Screen>,
) {
    match continue_game(launch) {
        Ok((session, screen)) => {
            commands.insert_resource(session);
            form.notice = None;
            next.set(screen);
        }
        Err(error) => form.notice = Some(format!("The saved game cannot be loaded: {error}")),
    }
}

/// A root `Ui` covering the window, for panels.
pub(super) fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new("root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.content_rect()),
    )
}

fn big_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add_sized(
        [260.0, 44.0],
        egui::Button::new(egui::RichText::new(label).size(20.0)),
    )
}

fn title(
    mut contexts: EguiContexts,
    mut commands: Commands,
    launch: Res<Launch>,
    mut next: ResMut<NextState<Screen>>,
    mut form: ResMut<PlannerForm>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(90.0);
            ui.label(egui::RichText::new("Reach & Rapport").size(56.0).strong());
            ui.label(
                egui::RichText::new("Broadcast to be seen. Talk to be trusted. Which will your brand do?")
                    .size(20.0)
                    .italics(),
            );
            ui.add_space(50.0);
            if big_button(ui, "New game").clicked() {
                next.set(Screen::Choose);
            }
            ui.add_space(8.0);
            let has_save = launch.save_path.as_ref().is_some_and(|p| p.exists());
            let resume = ui
                .add_enabled(
                    has_save,
                    egui::Button::new(egui::RichText::new("Continue").size(20.0))
                        .min_size([260.0, 44.0].into()),
                )
                .on_disabled_hover_text("No saved game yet: the game saves itself after every week.");
            if resume.clicked() {
                try_continue(&launch, &mut commands, &mut form, &mut next);
            }
            ui.add_space(8.0);
            if big_button(ui, "Replays").clicked() {
                next.set(Screen::Replays);
            }
            ui.add_space(8.0);
            if big_button(ui, "Compare").clicked() {
                next.set(Screen::Compare);
            }
            ui.add_space(8.0);
            if big_button(ui, "Help and glossary").clicked() {
                form.back = Some(Screen::Title);
                next.set(Screen::Help);
            }
            ui.add_space(8.0);
            if big_button(ui, "Quit").clicked() {
                exit.write(AppExit::Success);
            }
            if let Some(notice) = &form.notice {
                ui.add_space(16.0);
                ui.colored_label(egui::Color32::from_rgb(240, 150, 90), notice);
            }
        });
    });
    Ok(())
}

fn choose(
    mut contexts: EguiContexts,
    // Parsed once, not every frame.
    mut scenarios: Local<Option<Vec<Scenario>>>,
    mut commands: Commands,
    launch: Res<Launch>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::Panel::top("choose_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Title);
            }
            ui.heading("Choose a scenario");
        });
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            for scenario in scenarios.get_or_insert_with(builtin::scenarios).iter() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new(&scenario.name).size(22.0).strong());
                        ui.label(format!("— {}", scenario.brand));
                    });
                    ui.label(format!(
                        "{} weeks · {} people · {} hours and {} money a week · platforms: {}",
                        scenario.weeks,
                        scenario.agents,
                        scenario.hours_per_week,
                        scenario.money_per_week,
                        scenario
                            .platforms
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    ui.label(&scenario.brief);
                    ui.label(
                        egui::RichText::new(format!(
                            "Goals: {}",
                            scenario
                                .goals
                                .iter()
                                .map(|g| format!("{} {}", g.metric.label(), g.target))
                                .collect::<Vec<_>>()
                                .join(" · ")
                        ))
                        .italics(),
                    );
                    if ui
                        .button(egui::RichText::new("Play this scenario").size(16.0))
                        .clicked()
                    {
                        let id = scenario.id.clone();
                        commands.insert_resource(new_session(&launch, scenario.clone(), &id));
                        next.set(Screen::Plan);
                    }
                });
                ui.add_space(6.0);
            }
        });
    });
    Ok(())
}

/// The keyboard shortcut of each action in the planner.
fn shortcut(kind: ActionKind) -> (egui::Key, &'static str) {
    match kind {
        ActionKind::Publish => (egui::Key::P, "P"),
        ActionKind::Schedule => (egui::Key::S, "S"),
        ActionKind::Ad => (egui::Key::A, "A"),
        ActionKind::StartConversation => (egui::Key::C, "C"),
        ActionKind::Reply => (egui::Key::R, "R"),
        ActionKind::EngageOthers => (egui::Key::E, "E"),
        ActionKind::LiveEvent => (egui::Key::L, "L"),
        ActionKind::Research => (egui::Key::U, "U"),
    }
}

const TARGETS: [&str; 3] = ["everyone", "followers", "influencers"];

fn target_of(index: usize) -> Target {
    match index {
        1 => Target::Followers,
        2 => Target::Influencers,
        _ => Target::Everyone,
    }
}

/// Adds an action to the week if it fits; otherwise says why not.
fn try_add(session: &mut Session, form: &PlannerForm, kind: ActionKind) {
    let content = ContentType::BROADCAST[form.content.min(4)];
    session.notice = session
        .add_action(kind, form.platform, content, target_of(form.target))
        .err();
}

fn budget_bars(ui: &mut egui::Ui, session: &Session) {
    let scenario = &session.simulation.scenario;
    let cost = session.plan.total_cost(&scenario.actions);
    let hours_left = scenario.hours_per_week - cost.hours;
    let money_left = scenario.money_per_week - cost.money;
    ui.add(
        egui::ProgressBar::new((hours_left / scenario.hours_per_week) as f32)
            .text(format!(
                "{hours_left:.1} of {} hours left",
                scenario.hours_per_week
            ))
            .desired_width(320.0),
    );
    let money_share = if scenario.money_per_week > 0.0 {
        money_left / scenario.money_per_week
    } else {
        0.0
    };
    ui.add(
        egui::ProgressBar::new(money_share as f32)
            .text(format!(
                "{money_left:.0} of {} money left",
                scenario.money_per_week
            ))
            .desired_width(320.0),
    );
}

fn plan(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut form: ResMut<PlannerForm>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(mut session) = session else {
        next.set(Screen::Choose);
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let week = session.simulation.week() + 1;
    let weeks = session.simulation.scenario.weeks;
    egui::Panel::top("plan_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!(
                "{} — plan week {week} of {weeks}",
                session.simulation.scenario.brand
            ));
            ui.separator();
            budget_bars(ui, &session);
            ui.separator();
            if ui.button("Help (F1)").clicked() || ui.input(|i| i.key_pressed(egui::Key::F1)) {
                form.back = Some(Screen::Plan);
                next.set(Screen::Help);
            }
        });
    });
    let scenario = session.simulation.scenario.clone();
    // A platform chosen in an earlier game may not exist in this one.
    if form.platform as usize >= scenario.platforms.len() {
        form.platform = 0;
    }
    egui::Panel::left("actions")
        .exact_size(470.0)
        .show(&mut ui, |ui| {
            ui.heading("Actions");
            egui::Grid::new("choices").num_columns(2).show(ui, |ui| {
                ui.label("platform");
                egui::ComboBox::from_id_salt("platform")
                    .selected_text(&scenario.platforms[form.platform as usize].name)
                    .show_ui(ui, |ui| {
                        for (p, platform) in scenario.platforms.iter().enumerate() {
                            ui.selectable_value(&mut form.platform, p as u8, &platform.name);
                        }
                    });
                ui.end_row();
                ui.label("content to post");
                egui::ComboBox::from_id_salt("content")
                    .selected_text(ContentType::BROADCAST[form.content].label())
                    .show_ui(ui, |ui| {
                        for (c, content) in ContentType::BROADCAST.iter().enumerate() {
                            ui.selectable_value(&mut form.content, c, content.label());
                        }
                    });
                ui.end_row();
                ui.label("people to engage or target");
                egui::ComboBox::from_id_salt("people")
                    .selected_text(TARGETS[form.target])
                    .show_ui(ui, |ui| {
                        for (t, name) in TARGETS.iter().enumerate() {
                            ui.selectable_value(&mut form.target, t, *name);
                        }
                    });
                ui.end_row();
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for family in Family::ALL {
                    ui.label(
                        egui::RichText::new(family.label().to_uppercase())
                            .strong()
                            .size(13.0),
                    );
                    for kind in ActionKind::ALL.into_iter().filter(|k| k.family() == family) {
                        let spec = scenario.actions.spec(kind);
                        let mut probe = PlannedAction::new(kind, 0, form.platform);
                        if kind.takes_content() {
                            probe.content = ContentType::BROADCAST[form.content];
                        }
                        let cost = scenario.actions.cost(&probe);
                        let (key, key_name) = shortcut(kind);
                        ui.horizontal(|ui| {
                            let label = format!("[{key_name}] {}", spec.name);
                            let added = ui
                                .button(label)
                                .on_hover_text(format!("{}\nTeaches {}.", spec.summary, spec.claim))
                                .clicked();
                            ui.label(format!("{:.2} h", cost.hours));
                            if cost.money > 0.0 {
                                ui.label(format!("{:.0} money", cost.money));
                            }
                            if added {
                                try_add(&mut session, &form, kind);
                            }
                        });
                        ui.label(egui::RichText::new(&spec.summary).small().weak());
                        if ctx.input(|i| i.key_pressed(key)) && !ctx.egui_wants_keyboard_input() {
                            try_add(&mut session, &form, kind);
                        }
                    }
                    ui.add_space(6.0);
                }
            });
        });
    egui::Panel::right("plan_side")
        .exact_size(300.0)
        .show(&mut ui, |ui| {
            kpi_summary(ui, &session.simulation);
        });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.heading("This week");
        if let Some(error) = &session.save_error {
            ui.colored_label(egui::Color32::from_rgb(240, 90, 90), error);
        }
        if let Some(notice) = &session.notice {
            ui.colored_label(egui::Color32::from_rgb(240, 150, 90), notice);
        }
        let mut remove = None;
        let mut swap = None;
        let count = session.plan.actions.len();
        egui::ScrollArea::vertical()
            .max_height(ui.available_height() - 60.0)
            .show(ui, |ui| {
                for (i, action) in session.plan.actions.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(format!("{}. {}", i + 1, describe(&scenario, action)));
                        if ui
                            .small_button("up")
                            .on_hover_text("Move earlier in the week")
                            .clicked()
                            && i > 0
                        {
                            swap = Some((i - 1, i));
                        }
                        if ui
                            .small_button("down")
                            .on_hover_text("Move later in the week")
                            .clicked()
                            && i + 1 < count
                        {
                            swap = Some((i, i + 1));
                        }
                        if ui.small_button("x").clicked() {
                            remove = Some(i);
                        }
                    });
                }
                if count == 0 {
                    ui.label("Nothing planned yet. Add actions from the left (or press their keys).");
                }
            });
        if let Some((a, b)) = swap {
            session.plan.actions.swap(a, b);
        }
        if let Some(i) = remove {
            session.plan.actions.remove(i);
        }
        if ctx.input(|i| i.key_pressed(egui::Key::Backspace)) && !ctx.egui_wants_keyboard_input() {
            session.plan.actions.pop();
        }
        session.plan.spread_in_order();
        ui.separator();
        let run = ui
            .button(egui::RichText::new("Run the week ▶  (Enter)").size(18.0))
            .clicked()
            || ctx.input(|i| i.key_pressed(egui::Key::Enter));
        if run {
            match session::start_week(&mut session) {
                Ok(()) => next.set(Screen::Running),
                Err(error) => session.notice = Some(error),
            }
        }
    });
    Ok(())
}

fn describe(scenario: &Scenario, action: &PlannedAction) -> String {
    let spec = scenario.actions.spec(action.kind);
    let platform = &scenario.platforms[action.platform as usize].name;
    let cost = scenario.actions.cost(action);
    let what = match action.kind {
        ActionKind::Publish | ActionKind::Schedule => format!("{} ({})", spec.name, action.content.label()),
        ActionKind::EngageOthers | ActionKind::Ad => format!(
            "{} ({})",
            spec.name,
            match action.target {
                Target::Followers => "followers",
                Target::Influencers => "influencers",
                Target::Segment(_) => "a segment",
                Target::Everyone => "everyone",
            }
        ),
        _ => spec.name.clone(),
    };
    format!(
        "{what} on {platform}, day {} — {:.2} h",
        action.day + 1,
        cost.hours
    )
}

fn kpi_summary(ui: &mut egui::Ui, simulation: &Simulation) {
    let kpis = simulation.kpis_live();
    ui.heading("Where you stand");
    egui::Grid::new("kpis").striped(true).show(ui, |ui| {
        let rows: [(&str, String); 9] = [
            ("followers", kpis.followers.to_string()),
            ("leads", kpis.leads.to_string()),
            ("customers", kpis.customers.to_string()),
            ("advocates", kpis.advocates.to_string()),
            ("strong relationships", kpis.strong_relationships.to_string()),
            ("sentiment", format!("{:+.2}", kpis.sentiment)),
            ("engagement rate", format!("{:.1}%", kpis.engagement_rate * 100.0)),
            ("waiting comments", simulation.pending_comments().to_string()),
            ("score", format!("{:.2}", kpis.score)),
        ];
        for (name, value) in rows {
            ui.label(name);
            ui.label(value);
            ui.end_row();
        }
    });
    ui.separator();
    ui.label(egui::RichText::new("Goals").strong());
    for goal in &simulation.scenario.goals {
        ui.add(
            egui::ProgressBar::new(goal_progress(goal, &kpis) as f32).text(format!(
                "{} {:.2} / {}",
                goal.metric.label(),
                kpis.value(goal.metric),
                goal.target
            )),
        );
    }
}

fn running(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut form: ResMut<PlannerForm>,
    mut cost: ResMut<super::tour::OwnCost>,
) -> Result {
    let started = std::time::Instant::now();
    let Some(mut session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if ctx.input(|i| i.key_pressed(egui::Key::Space)) {
        session.paused = !session.paused;
    }
    for (key, speed) in [(egui::Key::Num1, 0), (egui::Key::Num2, 1), (egui::Key::Num3, 2)] {
        if ctx.input(|i| i.key_pressed(key)) {
            session.speed = speed;
        }
    }
    if ctx.input(|i| i.key_pressed(egui::Key::Enter)) {
        session::skip_week(&mut session);
    }
    let simulation = &session.simulation;
    let (week, day) = if simulation.week_running() {
        (simulation.week() + 1, simulation.days_played())
    } else {
        (simulation.week(), 7)
    };
    egui::Panel::top("running_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("Week {week} — day {day} of 7"));
            ui.separator();
            let label = if session.paused {
                "▶ Play (Space)"
            } else {
                "⏸ Pause (Space)"
            };
            if ui.button(label).clicked() {
                session.paused = !session.paused;
            }
            for (s, speed) in SPEEDS.iter().enumerate() {
                if ui
                    .selectable_label(session.speed == s, format!("{speed}× ({})", s + 1))
                    .clicked()
                {
                    session.speed = s;
                }
            }
            if ui.button("⏭ End of week (Enter)").clicked() {
                session::skip_week(&mut session);
            }
        });
        audience_view::legend(ui);
    });
    egui::Panel::right("today").exact_size(320.0).show(&mut ui, |ui| {
        let today = *session.simulation.latest();
        ui.heading("Today");
        egui::Grid::new("today_grid").striped(true).show(ui, |ui| {
            for (name, value) in [
                ("posts out", today.posts),
                ("people reached", today.reach),
                ("impressions", today.impressions + today.ad_impressions),
                ("reactions", today.engagements),
                ("comments", today.comments),
                ("replies sent", today.replies),
                ("went unanswered", today.unanswered),
                ("shares", today.shares),
                ("new followers", today.new_followers),
                ("unfollows", today.unfollows),
                ("new leads", today.new_leads),
                ("new customers", today.new_customers),
            ] {
                ui.label(name);
                ui.label(value.to_string());
                ui.end_row();
            }
        });
        ui.separator();
        inspector(ui, &session.simulation, form.inspected);
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        if let Some(agent) = audience_view::draw(ui, &session.simulation, &session.sample) {
            form.inspected = Some(agent);
        }
    });
    cost.add(started);
    Ok(())
}

/// One person's state and story, in plain words.
fn inspector(ui: &mut egui::Ui, simulation: &Simulation, agent: Option<u32>) {
    ui.heading("Inspector");
    let Some(agent) = agent else {
        ui.label("Click a point to see who it is and what happened to them.");
        return;
    };
    let a = &simulation.audience;
    let i = agent as usize;
    let params = &simulation.scenario.model;
    let stage = a.stage(i, params.aware_threshold, params.engaged_threshold);
    let segment = &simulation.scenario.segments[a.segment[i] as usize].name;
    ui.label(format!("Person #{agent}, {segment}: {}", stage.label()));
    ui.label(format!(
        "awareness {:.2} · relationship {:.2} · sentiment {:+.2} · fatigue {:.2}",
        a.awareness[i], a.relationship[i], a.sentiment[i], a.fatigue[i]
    ));
    let s = &a.story[i];
    let mut story = format!(
        "Saw {} of your posts, reacted {} times, commented {} times; {} got an answer, {} were ignored; you reached out {} times.",
        s.posts_seen, s.engagements, s.comments, s.replies_received, s.ignored, s.brand_contacts
    );
    for (day, what) in [
        (s.followed_day, "followed you"),
        (s.unfollowed_day, "unfollowed"),
        (s.lead_day, "asked about buying"),
        (s.customer_day, "bought"),
    ] {
        if day > 0 {
            story.push_str(&format!(" {} on day {day}.", capitalize(what)));
        }
    }
    if a.comment_since[i] > 0 {
        story.push_str(" A comment of theirs is waiting for an answer.");
    }
    ui.label(story);
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// A chart of daily metrics over the weeks so far (x in weeks).
fn chart(ui: &mut egui::Ui, id: &str, history: &[DayMetrics], series: &[(&str, fn(&DayMetrics) -> f64)]) {
    let lines: Vec<(&str, &[DayMetrics], fn(&DayMetrics) -> f64)> = series
        .iter()
        .map(|&(name, value)| (name, history, value))
        .collect();
    daily_plot(ui, id, 170.0, &lines);
}

/// Lines of daily metrics over the weeks (x in weeks): one per (name,
/// history, value). Shared by the week report and the compare view.
pub(super) fn daily_plot(
    ui: &mut egui::Ui,
    id: &str,
    height: f32,
    lines: &[(&str, &[DayMetrics], fn(&DayMetrics) -> f64)],
) {
    Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .x_axis_label("week")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            for &(name, history, value) in lines {
                let points: PlotPoints = history.iter().map(|d| [d.day as f64 / 7.0, value(d)]).collect();
                plot.line(Line::new(name, points));
            }
        });
}

/// The week's notable events, in sentences.
pub fn notable_events(row: &WeekRow) -> Vec<String> {
    let mut lines = vec![format!(
        "Your brand was seen {} times by {} people; they reacted {} times ({:.1}% of organic impressions).",
        row.impressions,
        row.reach,
        row.engagements,
        row.engagement_rate * 100.0
    )];
    if row.comments > 0 {
        let mut line = format!("{} comments came in; you answered {}.", row.comments, row.replies);
        if row.unanswered > 0 {
            line.push_str(&format!(
                " {} waited too long for an answer and their writers cooled on you.",
                row.unanswered
            ));
        }
        lines.push(line);
    }
    lines.push(format!(
        "{} people followed you and {} left: {} followers now ({:+}).",
        row.new_followers, row.unfollows, row.followers, row.follower_growth
    ));
    if row.ad_impressions > 0 {
        lines.push(format!(
            "Ads were shown {} times and clicked {} times ({:.2}%).",
            row.ad_impressions,
            row.ad_clicks,
            row.ctr * 100.0
        ));
    }
    if row.new_leads + row.new_customers > 0 {
        lines.push(format!(
            "{} new leads and {} new customers.",
            row.new_leads, row.new_customers
        ));
    }
    lines.push(format!(
        "{} people now have a strong relationship with you; community sentiment is {:+.2}.",
        row.strong_relationships, row.sentiment
    ));
    lines
}

/// The claims this week illustrated, with the week's numbers.
pub fn claims_of_week(row: &WeekRow, previous: Option<&WeekRow>) -> Vec<String> {
    let mut lines = Vec::new();
    let hours = row.hours_broadcast + row.hours_conversation + row.hours_listening;
    let new_bonds = row.strong_relationships as i64 - previous.map_or(0, |p| p.strong_relationships as i64);
    if row.unanswered > 0 {
        lines.push(format!(
            "C2 — talking without listening: {} comments went unanswered this week.",
            row.unanswered
        ));
    }
    if hours > 0.0 && row.hours_broadcast / hours > 0.7 && new_bonds <= 0 {
        lines.push(format!(
            "C16 — a presence, not a network: {:.0} hours of broadcasting added {:+} followers but no strong bond.",
            row.hours_broadcast, row.follower_growth
        ));
    }
    if row.hours_conversation > 0.0 && new_bonds > 0 {
        lines.push(format!(
            "C5 and C8 — {:.0} hours of conversation added {new_bonds} strong relationships.",
            row.hours_conversation
        ));
    }
    if row.ad_impressions > 0 {
        lines.push(format!(
            "C6 — ads bought {} impressions; {:.2}% were clicked.",
            row.ad_impressions,
            row.ctr * 100.0
        ));
    }
    if row.hours_listening > 0.0 {
        lines.push(format!(
            "C15 — {:.0} hours of listening: what you post from now on fits your audience better.",
            row.hours_listening
        ));
    }
    lines
}

fn report(
    mut contexts: EguiContexts,
    session: Option<ResMut<Session>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(mut session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let rows = weekly_rows(&session.simulation.history);
    let Some(last) = rows.last().cloned() else {
        return Ok(());
    };
    egui::Panel::top("report_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("Week {} report", last.week));
            ui.separator();
            let label = if session.simulation.finished() {
                "See the debrief ▶ (Enter)"
            } else {
                "Plan next week ▶ (Enter)"
            };
            if ui.button(label).clicked() || ctx.input(|i| i.key_pressed(egui::Key::Enter)) {
                let screen = session::next_week(&mut session);
                session.plan.actions.clear();
                next.set(screen);
            }
        });
    });
    egui::Panel::left("events").exact_size(430.0).show(&mut ui, |ui| {
        ui.heading("What happened");
        for line in notable_events(&last) {
            ui.label(format!("• {line}"));
        }
        let previous = rows.len().checked_sub(2).map(|i| &rows[i]);
        let claims = claims_of_week(&last, previous);
        if !claims.is_empty() {
            ui.add_space(4.0);
            ui.label(egui::RichText::new("What this week shows").strong());
            for line in claims {
                ui.label(format!("• {line}"));
            }
        }
        ui.separator();
        ui.heading("Hours this week");
        for (name, hours) in [
            ("broadcasting", last.hours_broadcast),
            ("conversation", last.hours_conversation),
            ("listening", last.hours_listening),
        ] {
            ui.add(
                egui::ProgressBar::new((hours / session.simulation.scenario.hours_per_week) as f32)
                    .text(format!("{name}: {hours:.1} h")),
            );
        }
        ui.separator();
        kpi_summary(ui, &session.simulation);
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let history = &session.simulation.history;
            chart(ui, "followers", history, &[("followers", |d| d.followers as f64)]);
            chart(
                ui,
                "relationships",
                history,
                &[
                    ("strong relationships", |d| d.strong_relationships as f64),
                    ("advocates", |d| d.advocates as f64),
                ],
            );
            chart(
                ui,
                "funnel",
                history,
                &[
                    ("leads", |d| d.leads_total as f64),
                    ("customers", |d| d.customers_total as f64),
                ],
            );
            chart(
                ui,
                "sentiment",
                history,
                &[
                    ("community sentiment", |d| d.sentiment),
                    ("relationship index", |d| d.relationship_index),
                ],
            );
            chart(
                ui,
                "hours",
                history,
                &[
                    ("broadcast hours", |d| d.hours[0]),
                    ("conversation hours", |d| d.hours[1]),
                    ("listening hours", |d| d.hours[2]),
                ],
            );
        });
    });
    Ok(())
}

/// The claims this run illustrated, each with the run's own numbers.
pub fn claims_illustrated(simulation: &Simulation) -> Vec<String> {
    let kpis = simulation.kpis_live();
    let hours = kpis.hours;
    let total = hours.total().max(1e-9);
    let mut lines = Vec::new();
    let strong_per_100 = 100.0 * kpis.strong_relationships as f64 / kpis.followers.max(1) as f64;
    if hours.broadcast / total > 0.6 {
        lines.push(format!(
            "C16 — presence without a network: {:.0}% of your hours went to broadcasting; you reached {} followers but only {:.1} in 100 have a strong bond with you.",
            100.0 * hours.broadcast / total, kpis.followers, strong_per_100
        ));
    }
    if hours.conversation > 0.0 {
        lines.push(format!(
            "C5 and C8 — relationships take time: {:.0} hours of conversation built {} strong relationships ({:.1} per hour).",
            hours.conversation,
            kpis.strong_relationships,
            kpis.strong_relationships as f64 / hours.conversation
        ));
    }
    let scheduled = simulation
        .plans
        .iter()
        .flat_map(|p| &p.actions)
        .filter(|a| a.kind == ActionKind::Schedule)
        .count();
    if scheduled > 0 {
        let batch = simulation.scenario.actions.spec(ActionKind::Schedule).batch as usize;
        lines.push(format!(
            "C7 — automation saves time: {} scheduled posts cost you {} hours.",
            scheduled * batch,
            scheduled
        ));
    }
    if kpis.money_spent > 0.0 {
        lines.push(format!(
            "C6 — ads are measured: {:.2}% of ad impressions were clicked; return on spend was {:+.2}.",
            kpis.ctr * 100.0,
            kpis.roi
        ));
    }
    if hours.listening > 0.0 {
        lines.push(format!(
            "C15 — listening helps: {:.0} hours of research made everything you posted fit better.",
            hours.listening
        ));
    }
    let unanswered: u64 = simulation.history.iter().map(|d| d.unanswered).sum();
    if unanswered > 0 {
        lines.push(format!("C2 — talking without listening: {unanswered} comments went unanswered, and each cost you some goodwill."));
    }
    if hours.broadcast / total > 0.15 && hours.conversation / total > 0.3 {
        lines.push(format!(
            "C17 and C20 — both together: you broadcast to be seen and talked to be trusted, for a score of {:.2}.",
            kpis.score
        ));
    }
    lines
}

fn debrief(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let simulation = &session.simulation;
    let kpis = simulation.kpis_live();
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.heading(egui::RichText::new(format!("Debrief — {}", simulation.scenario.name)).size(30.0));
            let star_count = stars(kpis.score) as usize;
            ui.label(
                egui::RichText::new(format!(
                    "{}{}",
                    "★".repeat(star_count),
                    "☆".repeat(3 - star_count)
                ))
                .size(44.0)
                .color(egui::Color32::from_rgb(250, 200, 60)),
            );
            ui.label(format!("score {:.2}", kpis.score));
        });
        ui.separator();
        ui.columns(2, |columns| {
            columns[0].heading("Goals");
            for goal in &simulation.scenario.goals {
                columns[0].add(
                    egui::ProgressBar::new(goal_progress(goal, &kpis) as f32).text(format!(
                        "{}: {:.2} of {}",
                        goal.metric.label(),
                        kpis.value(goal.metric),
                        goal.target
                    )),
                );
            }
            columns[0].add_space(10.0);
            columns[0].heading("Your time");
            let total = kpis.hours.total().max(1e-9);
            for (name, hours) in [
                ("broadcasting", kpis.hours.broadcast),
                ("conversation", kpis.hours.conversation),
                ("listening", kpis.hours.listening),
            ] {
                columns[0].add(
                    egui::ProgressBar::new((hours / total) as f32)
                        .text(format!("{name}: {hours:.0} h ({:.0}%)", 100.0 * hours / total)),
                );
            }
            columns[1].heading("What your run showed");
            for line in claims_illustrated(simulation) {
                columns[1].label(format!("• {line}"));
            }
        });
        ui.separator();
        if ui
            .button(egui::RichText::new("Back to the title").size(18.0))
            .clicked()
        {
            next.set(Screen::Title);
        }
    });
    Ok(())
}

/// The glossary, in our own words.
pub const GLOSSARY: &[(&str, &str)] = &[
    (
        "Presence vs network",
        "A presence is being visible: an account that posts and is seen. A network is people who know you and talk with you. Posting builds the first; only conversation builds the second.",
    ),
    (
        "Broadcasting (social media)",
        "Using a platform to talk at an audience: posts, scheduled batches, ads. Cheap per person reached, good at followers and leads, poor at trust.",
    ),
    (
        "Networking (social networking)",
        "Using the same platforms to talk with people: questions, answers, comments on their posts, live sessions. Slow and personal, it builds relationships.",
    ),
    (
        "Pull and push",
        "Pull: put out something worth answering (a question, a poll) and let people come. Push: go to people and comment on what they posted.",
    ),
    (
        "Reach",
        "How many different people saw something from or about you.",
    ),
    (
        "Impressions",
        "How many times your content was seen, counting repeats.",
    ),
    (
        "Engagement rate",
        "Reactions (likes, comments, shares) per organic impression. A sign that content interests people, not that they trust you.",
    ),
    (
        "Click-through rate (CTR)",
        "Clicks per ad impression. Typical ads are clicked less than once in a hundred views.",
    ),
    (
        "Lead",
        "Someone who showed they might buy: clicked an offer, asked about a product.",
    ),
    (
        "Conversion",
        "A lead becoming a customer. People who trust you convert faster.",
    ),
    (
        "Return on spend (ROI)",
        "What ad money brought back: (revenue − money spent) ÷ money spent.",
    ),
    (
        "Relationship",
        "How strong a person's bond with your brand is, from 0 to 1. It grows with two-way contact and fades without it. From 0.5 it counts as strong.",
    ),
    (
        "Sentiment",
        "What people who follow or buy from you feel about you, from −1 to +1. Answers raise it; ignored comments and tiring feeds lower it.",
    ),
    (
        "Fatigue",
        "How tired someone is of your posts. Too many posts make people react less and leave.",
    ),
    ("Churn", "People leaving: unfollowing, or customers lapsing."),
    (
        "Advocate",
        "A happy customer with a strong bond who recommends you to friends, who trust a friend more than any ad.",
    ),
    (
        "Listening",
        "Audience research: reading what people say so you learn what each group cares about.",
    ),
];

fn help(mut contexts: EguiContexts, form: Res<PlannerForm>, mut next: ResMut<NextState<Screen>>) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    egui::Panel::top("help_top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Back (Esc)").clicked() || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
                next.set(form.back.unwrap_or(Screen::Title));
            }
            ui.heading("How to play, and what the words mean");
        });
    });
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label("Each week you get hours and money. Queue actions in the planner, run the week, read the report, and repeat until the debrief. Broadcasting gets you seen; conversation gets you trusted; listening makes both work better.");
            ui.label("Planner keys: P publish, S schedule, A ad, C start a conversation, R reply, E engage with others' posts, L live session, U audience research, Backspace remove the last action, Enter run the week. Running week: Space pause, 1/2/3 speed, Enter end of week.");
            ui.separator();
            egui::Grid::new("glossary").striped(true).num_columns(2).show(ui, |ui| {
                for (term, meaning) in GLOSSARY {
                    ui.label(egui::RichText::new(*term).strong());
                    ui.label(*meaning);
                    ui.end_row();
                }
            });
            ui.separator();
            ui.label("Funnel stages and their colours in the audience view:");
            audience_view::legend(ui);
        });
    });
    Ok(())
}
