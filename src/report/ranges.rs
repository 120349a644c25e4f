//! The table of every behavioural number's plausible range, for people:
//! the Markdown section of `docs/MODEL.md` and the `rapport scenarios
//! --ranges` listing. Both are printed from `sim::RANGES`, so the doc and
//! the command line cannot drift from the code (a test compares the doc's
//! section with [`ranges_markdown`]).

use crate::sim::{ParamRange, RANGES, Scenario, get_param};
use std::fmt::Write;

/// The parts of the table, by the first piece of a number's name.
const PARTS: [(&str, &str); 5] = [
    ("model.", "Rules of the model (`model: (...)` in a scenario)"),
    (
        "platform.",
        "Platform figures and content fit by archetype (per platform in a scenario)",
    ),
    (
        "action.",
        "Action costs and sizes (`actions: (...)` in a scenario)",
    ),
    (
        "content.",
        "How engaging each content type is (`actions: (content_quality: (...))`)",
    ),
    (
        "market.",
        "Competition between brands (`market: (...)` in a scenario with rivals)",
    ),
];

/// A number as the table prints it: as short as it reads back exactly.
pub fn number(value: f64) -> String {
    format!("{value}")
}

/// The Markdown text between the `<!-- ranges:start -->` and
/// `<!-- ranges:end -->` markers of `docs/MODEL.md`.
pub fn ranges_markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "Generated from `src/sim/ranges/table.rs` (`sim::RANGES`); `rapport scenarios --ranges` \
         prints the same table. A source that is not a published figure says \
         \"design assumption\" and why the range is plausible; \"derived\" marks a range \
         computed from published figures.\n",
    );
    for (prefix, title) in PARTS {
        let _ = write!(
            out,
            "\n**{title}**\n\n| number | default | low | high | source |\n|---|---|---|---|---|\n"
        );
        for range in RANGES.iter().filter(|r| r.name.starts_with(prefix)) {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                range.name,
                number(range.default),
                number(range.low),
                number(range.high),
                range.source.replace('|', "\\|")
            );
        }
    }
    out.push_str("\n**Numbers with no range**, and why:\n\n");
    for (name, reason) in ParamRange::UNRANGED {
        let _ = writeln!(out, "- `{name}`: {reason}.");
    }
    out
}

/// One line per range for a terminal: name, default, low, high and the
/// source; with a scenario, also its value and a mark where it differs from
/// the default (`*`) or lies outside the range (`!`). A `-` value means the
/// scenario has no platform of that archetype.
pub fn ranges_text(scenario: Option<&Scenario>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{:<44} {:>8} {:>8} {:>8}",
        "number", "default", "low", "high"
    );
    if let Some(scenario) = scenario {
        let _ = write!(out, " {:>10}", scenario.id);
    }
    out.push_str("  source\n");
    for range in RANGES {
        let _ = write!(
            out,
            "{:<44} {:>8} {:>8} {:>8}",
            range.name,
            number(range.default),
            number(range.low),
            number(range.high)
        );
        if let Some(scenario) = scenario {
            let cell = match get_param(scenario, range.name) {
                Some(value) => format!("{}{}", number_f32(value), mark(range, value)),
                None => "-".to_string(),
            };
            let _ = write!(out, " {cell:>10}");
        }
        let _ = writeln!(out, "  {}", range.source);
    }
    out
}

/// A scenario's value at the model's own precision (f32 fields would
/// otherwise print as 0.05999999865889549).
fn number_f32(value: f64) -> String {
    format!("{}", value as f32)
}

/// `!` outside the range, `*` changed from the default, else nothing.
pub fn mark(range: &ParamRange, value: f64) -> &'static str {
    let value = value as f32;
    if value < range.low as f32 || value > range.high as f32 {
        "!"
    } else if value != range.default as f32 {
        "*"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_lists_every_range_once_in_one_table_per_part() {
        let text = ranges_markdown();
        for range in RANGES {
            assert_eq!(
                text.matches(&format!("| `{}` |", range.name)).count(),
                1,
                "{}",
                range.name
            );
        }
        assert_eq!(text.matches("|---|---|---|---|---|").count(), PARTS.len());
        let listed: usize = PARTS
            .iter()
            .map(|(prefix, _)| RANGES.iter().filter(|r| r.name.starts_with(prefix)).count())
            .sum();
        assert_eq!(listed, RANGES.len(), "a range outside every part of the table");
        assert!(text.contains("`model.people_per_influencer`"));
    }

    #[test]
    fn the_text_marks_what_a_scenario_changes() {
        let mut scenario = Scenario::for_tests(10);
        scenario.model.fatigue_per_broadcast = 0.07;
        scenario.model.churn_per_day = 0.5;
        let text = ranges_text(Some(&scenario));
        let line = |name: &str| text.lines().find(|l| l.starts_with(name)).unwrap().to_string();
        assert!(line("model.fatigue_per_broadcast ").contains("0.07*"));
        assert!(line("model.churn_per_day ").contains("0.5!"));
        assert!(line("model.awareness_per_exposure ").contains(" 0.25 "));
        assert_eq!(text.lines().count(), RANGES.len() + 1);
    }
}
