//! The market drawn: who the rivals are, what their rules make them do and
//! what each did last week (planner), each brand's shares as bars and as
//! charts over the weeks (week report, debrief, class reports), and the
//! standings. Drawn only when a game has more than one brand; the words are
//! `report::market`'s and `report::actions`'.

use super::theme::palette::brand_color;
use super::theme::plot::{PlotLine, XAxis, plot_lines};
use super::theme::widgets::{bar, note, scroll_both, text};
use crate::report::actions::{hours_sentence, plan_sentence, summarise};
use crate::report::market::{
    SHARE_KINDS, STANDING_HEADINGS, movement_sentence, rival_intro, rival_rules, rival_strategy, share_lines,
    standing_cells, strategy_of, who_plays,
};
use crate::report::palette::brand_style;
use crate::sim::{Shares, Simulation, Standing};
use crate::text::count;
use bevy_egui::egui;

/// The days in a week.
const WEEK_DAYS: usize = 7;

/// A brand's colour swatch followed by its name.
pub fn brand_label(ui: &mut egui::Ui, brand: usize, name: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter()
        .circle_filled(rect.center(), 5.0, brand_color(Some(brand)));
    ui.label(egui::RichText::new(name).strong());
}

/// The planner's "Your rivals" section: who each rival is, what its rules
/// make it do and when; after week 1, what each did last week, by action,
/// and how its followers and customers moved.
pub fn rivals_week(ui: &mut egui::Ui, simulation: &Simulation) {
    ui.heading("Your rivals");
    for brand in 1..simulation.brand_count() {
        let Some(side) = simulation.brand_side(brand) else {
            continue;
        };
        let name = simulation.brand_name(brand);
        ui.horizontal_wrapped(|ui| brand_label(ui, brand, name));
        if let Some(strategy) = rival_strategy(simulation, brand) {
            text(ui, rival_intro(name, &strategy.name));
            for line in rival_rules(name, strategy) {
                note(ui, line);
            }
        }
        let Some(plan) = side.plans().last() else {
            continue;
        };
        let week = summarise(plan, &side.scenario().actions);
        text(ui, format!("Last week: {}", plan_sentence(name, &week)));
        text(ui, hours_sentence(&week));
        let history = side.history();
        if let (Some(before), Some(after)) = (
            history.get(history.len().saturating_sub(WEEK_DAYS + 1)),
            history.last(),
        ) {
            text(
                ui,
                movement_sentence(
                    (before.followers, after.followers),
                    (before.customers_now(), after.customers_now()),
                ),
            );
        }
        ui.add_space(4.0);
    }
}

/// One bar per brand and kind of share, each in the brand's colour with its
/// name and share above it (never written on the fill), and the sentences
/// under them. `names` and `shares` are in brand order.
pub fn share_bars(ui: &mut egui::Ui, names: &[&str], shares: &[Shares], you: Option<usize>) {
    let lines = share_lines(names, shares, you);
    for ((what, value), line) in SHARE_KINDS.iter().zip(lines) {
        ui.label(egui::RichText::new(format!("share of {what}")).strong());
        for (brand, (name, share)) in names.iter().zip(shares).enumerate() {
            let share = value(share);
            let who = if Some(brand) == you {
                format!("{name} (you)")
            } else {
                name.to_string()
            };
            bar(
                ui,
                share,
                brand_color(Some(brand)),
                format!("{who}: {}", crate::text::percent(share)),
            );
        }
        text(ui, line);
        ui.add_space(4.0);
    }
}

/// `share_bars` of a game as of its last day (brand 0 is the player's).
pub fn game_share_bars(ui: &mut egui::Ui, simulation: &Simulation) {
    let history = simulation.share_history();
    let Some(latest) = history.last() else { return };
    let names: Vec<&str> = (0..simulation.brand_count())
        .map(|b| simulation.brand_name(b))
        .collect();
    share_bars(ui, &names, latest, Some(0));
}

/// One chart per kind of share over the weeks, a line per brand in its style.
pub fn share_charts(ui: &mut egui::Ui, id: &str, simulation: &Simulation) {
    let history = simulation.share_history();
    for (what, value) in SHARE_KINDS {
        ui.label(egui::RichText::new(format!("share of {what}")).strong());
        let lines = (0..simulation.brand_count())
            .map(|brand| PlotLine {
                name: if brand == 0 {
                    format!("{} (you)", simulation.brand_name(brand))
                } else {
                    simulation.brand_name(brand).to_string()
                },
                points: history
                    .iter()
                    .enumerate()
                    .filter_map(|(day, shares)| {
                        let x = XAxis::Weeks.x(day as u32)?;
                        Some([x, 100.0 * value(shares.get(brand)?)])
                    })
                    .collect(),
                style: brand_style(brand),
                thin: false,
            })
            .collect();
        plot_lines(
            ui,
            &format!("{id}_{what}"),
            130.0,
            XAxis::Weeks,
            "% of the market",
            lines,
        );
    }
    note(ui, "Shares in per cent of the market's total.");
}

/// The standings, leader first; `who` says who plays each brand. A table
/// wider than its panel scrolls sideways.
pub fn standings_table(
    ui: &mut egui::Ui,
    id: &str,
    standings: &[Standing],
    who: &dyn Fn(&Standing) -> String,
) {
    scroll_both(ui, (id, "scroll"), |ui| {
        egui::Grid::new(id).striped(true).show(ui, |ui| {
            for heading in STANDING_HEADINGS {
                ui.label(egui::RichText::new(heading).strong());
            }
            ui.end_row();
            for standing in standings {
                let cells = standing_cells(standing, &who(standing));
                for (column, cell) in cells.into_iter().enumerate() {
                    if column == 1 {
                        ui.horizontal(|ui| brand_label(ui, standing.brand, &cell));
                    } else {
                        ui.label(cell);
                    }
                }
                ui.end_row();
            }
        });
    });
}

/// The standings of a game played in the window (brand 0 is "you").
pub fn game_standings(ui: &mut egui::Ui, simulation: &Simulation) {
    let standings = simulation.standings();
    standings_table(ui, "standings", &standings, &|s| {
        who_plays(s.role, s.brand == 0, strategy_of(simulation, s.brand))
    });
    if let Some(leader) = standings.first() {
        text(
            ui,
            format!(
                "Ranked by the mean of the three shares; {} leads with {} followers.",
                leader.name,
                count(leader.followers)
            ),
        );
    }
}
