//! The team's class screen: the join form, then the round (which round,
//! whether the team's plan is in, how many teams are still missing), the
//! week's plan with "Hand in this week", and the reports of closed rounds.

use super::{ClassRoom, Joined};
use crate::game::jobs::progress_bar;
use crate::game::market::{share_bars, standings_table};
use crate::game::planner::{Choices, action_panel, budget_bars, plan_list};
use crate::game::state::Screen;
use crate::game::theme::palette::{ERROR, NOTICE};
use crate::game::theme::widgets::{back_bar, bullet, pressed_once, root, scroll, side_width, text};
use crate::report::market::who_plays;
use crate::sim::{ActionKind, Shares, WeekPlan};
use crate::text::{count, percent};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

pub(super) fn screen(
    mut contexts: EguiContexts,
    mut room: ResMut<ClassRoom>,
    mut choices: ResMut<Choices>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    if draw(&mut ui, &mut room, &mut choices) {
        next.set(Screen::Title);
    }
    Ok(())
}

/// Draws the class screen (the join form until joined); acts on the room
/// at once (joining, writing and handing in the plan). True when the player
/// asked to leave.
pub(crate) fn draw(ui: &mut egui::Ui, room: &mut ClassRoom, choices: &mut Choices) -> bool {
    if room.joined.is_none() {
        return form(ui, room);
    }
    let mut leave = false;
    let Some(joined) = room.joined.as_mut() else {
        return false;
    };
    egui::Panel::top("class_top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui.button("Leave the class (Esc)").clicked() || pressed_once(ui.ctx(), egui::Key::Escape) {
                leave = true;
            }
            ui.heading(round_heading(joined));
            ui.separator();
            if let Some(status) = &joined.status {
                let plan_in = if status.handed_in {
                    "your plan is in"
                } else {
                    "your plan is not in yet"
                };
                ui.label(plan_in);
                ui.separator();
                ui.label(match status.waiting_for {
                    0 => "every team's plan is in".to_string(),
                    1 => "1 team still to hand in".to_string(),
                    n => format!("{n} teams still to hand in"),
                });
            }
        });
    });
    let scenario = joined.scenario.clone();
    let open = joined.status.as_ref().is_some_and(|s| !s.finished);
    if open {
        let left = side_width(ui, 0.34, 250.0, 430.0);
        egui::Panel::left("class_actions")
            .exact_size(left)
            .show(ui, |ui| {
                if let Some(kind) = action_panel(ui, &scenario, choices) {
                    add(joined, choices, kind);
                }
            });
    }
    let right = if open {
        side_width(ui, 0.4, 260.0, 420.0)
    } else {
        side_width(ui, 0.6, 300.0, 640.0)
    };
    egui::Panel::right("class_reports")
        .exact_size(right)
        .show(ui, |ui| {
            scroll(ui, "class_reports", |ui| reports(ui, joined));
        });
    egui::CentralPanel::default_margins().show(ui, |ui| {
        if let Some(error) = &joined.poll_error {
            text(ui, egui::RichText::new(error).color(ERROR));
        }
        if let Some(notice) = &joined.notice {
            text(ui, egui::RichText::new(notice).color(NOTICE));
        }
        if let Some(job) = &joined.handing_in {
            progress_bar(ui, job);
        }
        let Some(status) = joined.status.clone() else {
            if let Some(job) = &joined.polling {
                progress_bar(ui, job);
            }
            return;
        };
        if status.finished {
            ui.heading("The class game is over.");
            text(ui, "The last report, on the right, has the final standings.");
            return;
        }
        ui.heading(format!("Your plan for week {}", status.round));
        ui.horizontal_wrapped(|ui| budget_bars(ui, &scenario, &joined.plan));
        let label = if status.handed_in {
            "Hand in this week again (replaces the plan handed in)"
        } else {
            "Hand in this week"
        };
        egui::Panel::bottom("class_hand_in").show(ui, |ui| {
            let hand_in = ui
                .add_enabled(
                    joined.handing_in.is_none(),
                    egui::Button::new(egui::RichText::new(label).size(17.0)).wrap_mode(egui::TextWrapMode::Wrap),
                )
                .clicked();
            if hand_in {
                match check(joined, &joined.plan) {
                    Ok(()) => joined.hand_in(),
                    Err(reason) => joined.notice = Some(format!("This plan cannot be handed in: {reason}.")),
                }
            }
            if joined.handed && status.handed_in {
                text(
                    ui,
                    "Handed in. The round closes when the instructor plays it; until then you may hand in again.",
                );
            }
        });
        if let Some(edit) = plan_list(ui, &scenario, &joined.plan) {
            crate::report::plan::edit(&mut joined.plan, edit);
        }
    });
    leave
}

/// "Class 'Tuesday' — team Oat Milk — round 3 of 12".
fn round_heading(joined: &Joined) -> String {
    match &joined.status {
        Some(status) if status.finished => {
            format!("{} — team {} — the game is over", status.class, status.team)
        }
        Some(status) => format!(
            "{} — team {} — round {} of {}",
            status.class, status.team, status.round, status.weeks
        ),
        None => format!("team {}", joined.client.team),
    }
}

/// The join form; true when the player asked to go back.
fn form(ui: &mut egui::Ui, room: &mut ClassRoom) -> bool {
    let back = back_bar(ui, "join_top", "Join a class", None);
    egui::CentralPanel::default_margins().show(ui, |ui| {
        scroll(ui, "join_form", |ui| {
            ui.add_space(12.0);
            text(
                ui,
                "Your instructor gives you the class's address, your team's name and its join code.",
            );
            ui.add_space(10.0);
            let width = (ui.available_width() - 160.0).clamp(160.0, 420.0);
            egui::Grid::new("join_form")
                .num_columns(2)
                .spacing([12.0, 10.0])
                .show(ui, |ui| {
                    ui.label("class address");
                    ui.add(
                        egui::TextEdit::singleline(&mut room.address)
                            .hint_text("http://host:port, or a class folder")
                            .desired_width(width),
                    );
                    ui.end_row();
                    ui.label("team name");
                    ui.add(egui::TextEdit::singleline(&mut room.team).desired_width(width));
                    ui.end_row();
                    ui.label("join code");
                    ui.add(egui::TextEdit::singleline(&mut room.code).desired_width(width));
                    ui.end_row();
                });
            ui.add_space(10.0);
            let ready = !room.address.trim().is_empty()
                && !room.team.trim().is_empty()
                && !room.code.trim().is_empty();
            if ui
                .add_enabled(ready && room.joining.is_none(), egui::Button::new("Join"))
                .clicked()
            {
                room.join();
            }
            if let Some(job) = &room.joining {
                progress_bar(ui, job);
            }
            if let Some(notice) = &room.notice {
                text(ui, egui::RichText::new(notice).color(ERROR));
            }
        });
    });
    back
}

/// Whether `plan` fits the class's scenario (its budget and shape).
fn check(joined: &Joined, plan: &WeekPlan) -> Result<(), crate::sim::PlanError> {
    joined.scenario.check_plan(plan)
}

/// Adds an action to the team's plan if it fits (the one rule,
/// `report::plan::add_action`); otherwise says why not.
fn add(joined: &mut Joined, choices: &Choices, kind: ActionKind) {
    joined.notice = crate::report::plan::add_action(&joined.scenario, &mut joined.plan, choices.action(kind))
        .err()
        .map(|error| error.to_string());
}

/// The reports of closed rounds, the newest first and open.
fn reports(ui: &mut egui::Ui, joined: &Joined) {
    ui.heading("Your reports");
    if joined.reports.is_empty() {
        text(
            ui,
            "No round has closed yet: your first report comes when the instructor plays round 1.",
        );
    }
    for (i, report) in joined.reports.iter().enumerate().rev() {
        let newest = i + 1 == joined.reports.len();
        egui::CollapsingHeader::new(format!("Week {} of {}", report.week, report.weeks))
            .id_salt(("class_report", report.week))
            .default_open(newest)
            .show(ui, |ui| one_report(ui, report));
    }
}

fn one_report(ui: &mut egui::Ui, report: &crate::class::TeamReport) {
    for line in &report.lines {
        bullet(ui, line);
    }
    let kpis = &report.kpis;
    egui::Grid::new(("report_kpis", report.week))
        .striped(true)
        .show(ui, |ui| {
            let rows: [(&str, String); 8] = [
                ("followers", count(kpis.followers)),
                ("leads, all time", count(kpis.leads)),
                ("customers now", count(kpis.customers)),
                ("bought, all time", count(kpis.customers_ever)),
                ("strong relationships", count(kpis.strong_relationships)),
                ("sentiment", format!("{:+.2}", kpis.sentiment)),
                ("engagement rate, so far", percent(kpis.engagement_rate)),
                ("score", format!("{:.2}", kpis.score)),
            ];
            for (name, value) in rows {
                ui.label(name);
                ui.label(value);
                ui.end_row();
            }
        });
    let mut by_brand: Vec<&crate::sim::Standing> = report.standings.iter().collect();
    by_brand.sort_by_key(|s| s.brand);
    let names: Vec<&str> = by_brand.iter().map(|s| s.name.as_str()).collect();
    let shares: Vec<Shares> = by_brand.iter().map(|s| s.shares).collect();
    let you = by_brand.iter().position(|s| s.name == report.team);
    share_bars(ui, &names, &shares, you);
    ui.label(egui::RichText::new("Standings").strong());
    standings_table(
        ui,
        &format!("class_standings_{}", report.week),
        &report.standings,
        &|s| who_plays(s.role, s.name == report.team, None),
    );
}
