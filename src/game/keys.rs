//! Enter, pressed once: the key that runs the week, ends it and closes
//! the report acts once per press. A key held down sends repeats, and a
//! press that opened a screen is still down when that screen first draws;
//! neither may act again, or a report would be skipped.

use super::state::Screen;
use super::theme::widgets::pressed_once;
use bevy::prelude::*;
use bevy_egui::egui;

/// Which screen last asked for Enter, and whether the key was already down
/// when it did (then it must be let go before it acts there).
#[derive(Resource, Default)]
pub struct EnterLatch {
    screen: Option<Screen>,
    held: bool,
}

impl EnterLatch {
    /// Whether Enter acts on `screen` this frame: a fresh press, not a
    /// repeat, and not the press that was down when the screen opened.
    pub fn pressed(&mut self, ctx: &egui::Context, screen: Screen) -> bool {
        let down = ctx.input(|i| i.key_down(egui::Key::Enter));
        if self.screen != Some(screen) {
            self.screen = Some(screen);
            self.held = down;
        }
        if self.held {
            self.held = down;
            return false;
        }
        pressed_once(ctx, egui::Key::Enter) && !ctx.egui_wants_keyboard_input()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EnterLatch>();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(ctx: &egui::Context, events: Vec<egui::Event>, act: impl FnOnce(&egui::Context)) {
        let input = egui::RawInput {
            events,
            ..Default::default()
        };
        ctx.begin_pass(input);
        act(ctx);
        ctx.end_pass().textures_delta.clear();
    }

    fn enter(pressed: bool, repeat: bool) -> egui::Event {
        egui::Event::Key {
            key: egui::Key::Enter,
            physical_key: None,
            pressed,
            repeat,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn enter_acts_once_per_press_and_not_on_the_screen_it_opened() {
        let ctx = egui::Context::default();
        let mut latch = EnterLatch::default();
        let mut acted = Vec::new();
        // Pressed on the planner, shown for a frame already: it acts.
        frame(&ctx, vec![], |ctx| acted.push(latch.pressed(ctx, Screen::Plan)));
        frame(&ctx, vec![enter(true, false)], |ctx| {
            acted.push(latch.pressed(ctx, Screen::Plan))
        });
        // Still held as the running week opens, then repeats: nothing.
        frame(&ctx, vec![], |ctx| {
            acted.push(latch.pressed(ctx, Screen::Running))
        });
        frame(&ctx, vec![enter(true, true)], |ctx| {
            acted.push(latch.pressed(ctx, Screen::Running))
        });
        // Let go, pressed again: it acts once.
        frame(&ctx, vec![enter(false, false)], |ctx| {
            acted.push(latch.pressed(ctx, Screen::Running))
        });
        frame(&ctx, vec![enter(true, false)], |ctx| {
            acted.push(latch.pressed(ctx, Screen::Running))
        });
        assert_eq!(acted, vec![false, true, false, false, false, true]);
    }
}
