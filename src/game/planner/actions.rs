//! The planner's left panel: what the next action is aimed at (platform,
//! content, people) and one button and key per action. Shared by the
//! planner and the class screen: it says which action was asked for, and
//! the screen adds it to its own plan.

use crate::claims::teaches;
use crate::game::session::Session;
use crate::game::theme::widgets::{note, scroll, shortcut};
use crate::report::plan::{TARGETS, target_name};
use crate::sim::{ActionKind, ContentType, Family, PlannedAction, Scenario, Target, Tone};
use crate::text::count;
use crate::text::hours;
use bevy::prelude::*;
use bevy_egui::egui;

/// What the planner adds next: the player's choices, kept between weeks.
#[derive(Resource)]
pub struct Choices {
    pub platform: u8,
    pub content: ContentType,
    pub target: Target,
    /// The voice of posts and conversation (other actions have none).
    pub tone: Tone,
}

impl Default for Choices {
    fn default() -> Choices {
        Choices {
            platform: 0,
            content: ContentType::BROADCAST[0],
            target: Target::Everyone,
            tone: Tone::default(),
        }
    }
}

impl Choices {
    /// The action of kind `kind` these choices add: aimed as chosen, in the
    /// chosen tone where the kind takes one.
    pub fn action(&self, kind: ActionKind) -> PlannedAction {
        PlannedAction::aimed(kind, self.platform, self.content, self.target).in_tone(self.tone)
    }
}

/// The keyboard shortcut of each action in the planner.
fn shortcut_of(kind: ActionKind) -> (egui::Key, &'static str) {
    match kind {
        ActionKind::Publish => (egui::Key::P, "P"),
        ActionKind::Schedule => (egui::Key::S, "S"),
        ActionKind::Ad => (egui::Key::A, "A"),
        ActionKind::StartConversation => (egui::Key::C, "C"),
        ActionKind::Reply => (egui::Key::R, "R"),
        ActionKind::EngageOthers => (egui::Key::E, "E"),
        ActionKind::LiveEvent => (egui::Key::L, "L"),
        ActionKind::Research => (egui::Key::U, "U"),
        ActionKind::Connect => (egui::Key::N, "N"),
    }
}

/// Adds an action to the week if it fits; otherwise says why not.
pub(super) fn try_add(session: &mut Session, choices: &Choices, kind: ActionKind) {
    let refused = session
        .add_action(choices.action(kind))
        .err()
        .map(|error| error.to_string());
    session.set_notice(refused);
}

/// Draws the panel; returns the action asked for (a button or its key).
pub fn panel(ui: &mut egui::Ui, scenario: &Scenario, choices: &mut Choices) -> Option<ActionKind> {
    let mut asked = None;
    // A platform chosen in an earlier game may not exist in this one.
    if choices.platform as usize >= scenario.platforms.len() {
        choices.platform = 0;
    }
    ui.heading("Actions");
    egui::Grid::new("choices").num_columns(2).show(ui, |ui| {
        ui.label("platform");
        egui::ComboBox::from_id_salt("platform")
            .selected_text(&scenario.platforms[choices.platform as usize].name)
            .show_ui(ui, |ui| {
                for (p, platform) in scenario.platforms.iter().enumerate() {
                    ui.selectable_value(&mut choices.platform, p as u8, &platform.name);
                }
            });
        ui.end_row();
        ui.label("content");
        egui::ComboBox::from_id_salt("content")
            .selected_text(choices.content.label())
            .show_ui(ui, |ui| {
                for content in ContentType::BROADCAST {
                    ui.selectable_value(&mut choices.content, content, content.label());
                }
            });
        ui.end_row();
        ui.label("people")
            .on_hover_text("Who an ad, a comment round or connection requests are aimed at.");
        egui::ComboBox::from_id_salt("people")
            .selected_text(target_name(choices.target))
            .show_ui(ui, |ui| {
                for (target, name) in TARGETS {
                    ui.selectable_value(&mut choices.target, target, name);
                }
            });
        ui.end_row();
        ui.label("tone").on_hover_text(
            "The voice of posts and conversation (ads, research and connection requests have none): \
             informative helps and explains, promotional asks for the sale, personal talks about the \
             people behind the brand. Each group and platform takes to each tone differently.",
        );
        egui::ComboBox::from_id_salt("tone")
            .selected_text(choices.tone.label())
            .show_ui(ui, |ui| {
                for tone in Tone::ALL {
                    ui.selectable_value(&mut choices.tone, tone, tone.label());
                }
            });
        ui.end_row();
    });
    ui.separator();
    scroll(ui, "action_list", |ui| {
        for family in Family::ALL {
            ui.label(egui::RichText::new(family.label().to_uppercase()).strong());
            for kind in ActionKind::ALL.into_iter().filter(|k| k.family() == family) {
                let spec = scenario.actions.spec(kind);
                // What this button would add, for its cost.
                let probe = choices.action(kind);
                let cost = scenario.actions.cost(&probe);
                let (key, key_name) = shortcut_of(kind);
                ui.horizontal_wrapped(|ui| {
                    let label = format!("[{key_name}] {}", spec.name);
                    let added = ui
                        .button(label)
                        .on_hover_text(format!("{}\n{}", spec.summary, teaches(&spec.claim)))
                        .clicked();
                    let mut price = hours(cost.hours);
                    if cost.money > 0.0 {
                        price.push_str(&format!(" · {} money", count(cost.money.round() as u64)));
                    }
                    ui.add(egui::Label::new(price).extend());
                    if added {
                        asked = Some(kind);
                    }
                });
                note(ui, &spec.summary);
                if shortcut(ui, key) {
                    asked = Some(kind);
                }
            }
            ui.add_space(6.0);
        }
    });
    asked
}
