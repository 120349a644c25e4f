//! Choosing a scenario to play: who is playing (a name, required, and an
//! optional class code), then the built-in scenarios with their brief,
//! budget, goals and whether the coach helps.

use super::coach::{Coach, TUTORIAL};
use super::jobs::{Job, progress_bar};
use super::launch::Launch;
use super::player::Player;
use super::profiling::GameSystems;
use super::session::Continuing;
use super::state::{Screen, showing};
use super::theme::widgets::{back_bar, note, root, scroll, text};
use crate::files::builtin;
use crate::report::goals::{goal_name, goal_number};
use crate::sim::Scenario;
use crate::text::count;
use crate::text::hours;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        choose.run_if(showing(Screen::Choose)).in_set(GameSystems::Draw),
    );
}

/// Longest name or class code the fields take (they go into replay files
/// and grade tables).
const NAME_LIMIT: usize = 60;

/// The "who is playing" fields; true when a name is given.
fn player_fields(ui: &mut egui::Ui, player: &mut Player) -> bool {
    egui::Grid::new("player").num_columns(2).show(ui, |ui| {
        ui.label("Your name");
        ui.add(
            egui::TextEdit::singleline(&mut player.name)
                .hint_text("needed to start")
                .char_limit(NAME_LIMIT),
        );
        ui.end_row();
        ui.label("Class code");
        ui.add(
            egui::TextEdit::singleline(&mut player.class_code)
                .hint_text("optional")
                .char_limit(NAME_LIMIT),
        )
        .on_hover_text("The code your instructor gave out; it is written in your replays.");
        ui.end_row();
        ui.label("Personal code");
        ui.add(
            egui::TextEdit::singleline(&mut player.code)
                .hint_text("optional")
                .char_limit(NAME_LIMIT),
        )
        .on_hover_text(
            "Your own code from your instructor (like abcd-efgh-jkmn): your replays are sealed with it, \
             so they count as yours. Keep it to yourself.",
        );
        ui.end_row();
    });
    if let Some(Err(why)) = player.checked_code() {
        ui.colored_label(super::theme::palette::ERROR, why);
        return false;
    }
    // Said whether or not a name is given yet, so that typing one never
    // moves the scenarios under the pointer.
    note(ui, "Your name is needed to start: it names your replays.");
    !player.name.trim().is_empty()
}

/// What the player asked for on the choose screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChooseAsk {
    Back,
    /// Play the scenario at this place of the list.
    Play(usize),
}

/// Draws the choose screen: who plays, then each scenario with its coach
/// switch; returns what the player asked for.
/// `starting`: the game chosen, being set up in the background (its
/// progress shows, and nothing else can be started meanwhile).
pub(crate) fn draw<T>(
    ui: &mut egui::Ui,
    player: &mut Player,
    scenarios: &mut [(Scenario, bool)],
    starting: Option<&Job<T>>,
) -> Option<ChooseAsk> {
    let mut asked = None;
    if back_bar(ui, "choose_top", "Choose a scenario", None) && starting.is_none() {
        asked = Some(ChooseAsk::Back);
    }
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let named = player_fields(ui, player) && starting.is_none();
        if let Some(job) = starting {
            progress_bar(ui, job);
        }
        ui.separator();
        scroll(ui, "scenarios", |ui| {
            for (index, (scenario, coached)) in scenarios.iter_mut().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(&scenario.name).size(21.0).strong());
                        ui.label(format!("— {}", scenario.brand));
                    });
                    text(
                        ui,
                        format!(
                            "{} weeks · {} people · {} and {} money a week · platforms: {}",
                            scenario.weeks,
                            count(u64::from(scenario.agents)),
                            hours(scenario.hours_per_week),
                            count(scenario.money_per_week.round() as u64),
                            scenario
                                .platforms
                                .iter()
                                .map(|p| p.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                    text(ui, &scenario.brief);
                    text(
                        ui,
                        egui::RichText::new(format!(
                            "Goals: {}",
                            scenario
                                .goals
                                .iter()
                                .map(|g| format!(
                                    "{} {}",
                                    goal_name(g.metric),
                                    goal_number(g.metric, g.target)
                                ))
                                .collect::<Vec<_>>()
                                .join(" · ")
                        ))
                        .italics(),
                    );
                    let coach_help = if scenario.id == TUTORIAL {
                        "Hints that respond to your game; on by default in this tutorial."
                    } else {
                        "Hints that respond to your game, as in the tutorial."
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.checkbox(coached, "Coach me").on_hover_text(coach_help);
                        let play = ui
                            .add_enabled(
                                named,
                                egui::Button::new(egui::RichText::new("Play this scenario").strong()),
                            )
                            .on_disabled_hover_text(if starting.is_some() {
                                "A game is being set up (at the top)."
                            } else {
                                "Enter your name first (at the top)."
                            });
                        if play.clicked() {
                            asked = Some(ChooseAsk::Play(index));
                        }
                    });
                });
                ui.add_space(6.0);
            }
        });
    });
    asked
}

/// The built-in scenarios, with whether each one's coach is on.
pub(crate) fn scenario_list(coach: &Coach) -> Vec<(Scenario, bool)> {
    builtin::scenarios()
        .into_iter()
        .map(|s| {
            let on = coach.enabled(&s.id);
            (s, on)
        })
        .collect()
}

fn choose(
    mut contexts: EguiContexts,
    // Parsed once, not every frame; with whether each one's coach is on.
    mut scenarios: Local<Option<Vec<(Scenario, bool)>>>,
    launch: Res<Launch>,
    mut player: ResMut<Player>,
    mut coach: ResMut<Coach>,
    mut starting: ResMut<Continuing>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx);
    let scenarios = scenarios.get_or_insert_with(|| scenario_list(&coach));
    match draw(&mut ui, &mut player, scenarios, starting.0.as_ref()) {
        Some(ChooseAsk::Back) => next.set(Screen::Title),
        Some(ChooseAsk::Play(index)) => {
            let (scenario, coached) = &scenarios[index];
            coach.new_game(&scenario.id, *coached);
            // Set up on its own thread; the planner opens when it is done,
            // as after Continue.
            starting.start_new(scenario.clone(), launch.save_path.clone());
        }
        None => {}
    }
    Ok(())
}
