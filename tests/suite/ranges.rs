//! The range table against the code and the files: every behavioural number
//! has a range (or a stated reason for none), every range's default is the
//! value the game really uses (model defaults, archetype defaults and the
//! built-in action catalog of `assets/actions.ron`), and a scenario file
//! that sets a number to either end of its range still passes the loader's
//! checks (what `rapport check` runs). Also: the table in `docs/MODEL.md` is
//! the one the code prints.

use super::common::{rapport, scenario, scenario_text, stdout};
use rapport::files::builtin::SCENARIOS;
use rapport::files::scenario::parse_scenario;
use rapport::report::ranges::ranges_markdown;
use rapport::sim::{
    Archetype, ModelParams, ParamRange, Platform, RANGES, Scenario, archetype_id, get_param, param_names,
    range_of, set_param,
};

const ARCHETYPES: [Archetype; 5] = [
    Archetype::FullNetwork,
    Archetype::Visual,
    Archetype::Microblog,
    Archetype::Professional,
    Archetype::Publication,
];

fn excluded(name: &str) -> bool {
    ParamRange::UNRANGED.iter().any(|(n, _)| *n == name)
}

#[test]
fn every_behavioural_number_has_a_range_or_a_stated_reason_for_none() {
    let mut missing = Vec::new();
    // Every number the game has, as `sim::param_names` lists them.
    let names = param_names();
    for name in &names {
        match (range_of(name).is_some(), excluded(name)) {
            (true, false) | (false, true) => {}
            (false, false) => missing.push(name.clone()),
            (true, true) => panic!("{name} has a range and is listed as unranged"),
        }
    }
    assert!(
        missing.is_empty(),
        "no range (add one to src/sim/ranges/table.rs, or a reason to ParamRange::UNRANGED): {missing:?}"
    );
    // And nothing in the table that the game does not have.
    for range in RANGES {
        assert!(
            names.iter().any(|n| n == range.name),
            "{} names no number",
            range.name
        );
    }
    for (i, range) in RANGES.iter().enumerate() {
        assert!(
            RANGES[..i].iter().all(|r| r.name != range.name),
            "{} twice",
            range.name
        );
        assert!(
            range.low <= range.default && range.default <= range.high,
            "{}",
            range.name
        );
    }
}

#[test]
fn every_default_is_the_value_the_game_uses() {
    let model = ModelParams::default();
    // The built-in catalog, as the files layer loads it for every scenario.
    let with_catalog = scenario("corner_bakery");
    let mut wrong = Vec::new();
    for range in RANGES {
        let parts: Vec<&str> = range.name.split('.').collect();
        let code = match parts[..] {
            ["model", field] => model.get(field),
            ["platform", archetype, ..] => {
                let archetype = ARCHETYPES
                    .into_iter()
                    .find(|a| archetype_id(*a) == archetype)
                    .unwrap();
                let mut platform = Scenario::clone(&with_catalog);
                platform.platforms = vec![Platform::of_archetype("p", "p", archetype)];
                get_param(&platform, range.name)
            }
            ["action", ..] | ["content", ..] | ["market", _] => get_param(&with_catalog, range.name),
            _ => None,
        };
        match code {
            Some(value) if value as f32 == range.default as f32 => {}
            other => wrong.push(format!("{}: table {}, game {other:?}", range.name, range.default)),
        }
    }
    assert!(
        wrong.is_empty(),
        "defaults that differ from the game's: {wrong:#?}"
    );
}

/// A number as RON text: whole-number fields (the ones `set_param` rounds)
/// as integers, the others as floats.
fn ron_number(whole: bool, value: f64) -> String {
    if whole {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:?}")
    }
}

/// Whether `set_param` rounds this number (a count or a number of days).
fn is_whole(base: &Scenario, name: &str) -> bool {
    let mut probe = base.clone();
    set_param(&mut probe, name, 1.4).unwrap();
    get_param(&probe, name) == Some(1.0)
}

/// A built-in scenario's text with `name` set to `value` the way an
/// instructor would write it in the file.
fn scenario_text_with(name: &str, value: f64) -> (String, String) {
    let parts: Vec<&str> = name.split('.').collect();
    let (id, text) = match parts[..] {
        ["platform", archetype, ..] => {
            let variant = format!(
                "{:?}",
                ARCHETYPES
                    .into_iter()
                    .find(|a| archetype_id(*a) == archetype)
                    .unwrap()
            );
            let (id, _) = SCENARIOS
                .iter()
                .find(|(_, text)| text.contains(&format!("archetype: {variant})")))
                .unwrap_or_else(|| panic!("no built-in scenario has a {variant} platform"));
            (id.to_string(), scenario_text(id).to_string())
        }
        _ => (
            "corner_bakery".to_string(),
            scenario_text("corner_bakery").to_string(),
        ),
    };
    let base = scenario(&id);
    let number = ron_number(is_whole(&base, name), value);
    let text = match parts[..] {
        ["model", field] => {
            assert!(!text.contains("\n    model:"), "{id} already has a model block");
            with_last_field(&text, &format!("model: ({field}: {number})"))
        }
        ["market", field] => {
            assert!(!text.contains("\n    market:"), "{id} already has a market block");
            with_last_field(&text, &format!("market: ({field}: {number})"))
        }
        ["action", ..] | ["content", ..] => {
            assert!(
                !text.contains("\n    actions:"),
                "{id} already has an actions block"
            );
            let change = match parts[..] {
                ["action", "publish", "hours", content] => format!("publish_hours: ({content}: {number})"),
                ["action", "engage_others", "influencers"] => format!("influencers_per_batch: {number}"),
                ["action", action, field] => format!("{action}: ({field}: {number})"),
                ["content", content, "quality"] => format!("content_quality: ({content}: {number})"),
                _ => unreachable!("{name}"),
            };
            with_last_field(&text, &format!("actions: ({change})"))
        }
        ["platform", _, ..] => {
            let (field, setting) = match parts[..] {
                ["platform", _, "fit", content] => {
                    ("content_fit", format!("content_fit: ({content}: {number})"))
                }
                ["platform", _, "tone", tone] => ("tone_fit", format!("tone_fit: ({tone}: {number})")),
                ["platform", _, field] => (field, format!("{field}: {number}")),
                _ => unreachable!("{name}"),
            };
            let variant = text
                .split("archetype: ")
                .skip(1)
                .map(|rest| rest.split(')').next().unwrap().to_string())
                .find(|v| archetype_id_of(v) == Some(parts[1]))
                .unwrap();
            let platform_lines = text
                .lines()
                .filter(|l| l.contains(&format!("archetype: {variant}")));
            assert!(
                platform_lines.clone().all(|l| !l.contains(&format!("{field}:"))),
                "{id} already sets {field}"
            );
            assert!(platform_lines.count() > 0);
            text.replace(
                &format!("archetype: {variant})"),
                &format!("archetype: {variant}, {setting})"),
            )
        }
        _ => unreachable!("{name}"),
    };
    (id, text)
}

fn archetype_id_of(variant: &str) -> Option<&'static str> {
    ARCHETYPES
        .into_iter()
        .find(|a| format!("{a:?}") == variant)
        .map(archetype_id)
}

/// The file's text with one more top-level field before its closing `)`.
fn with_last_field(text: &str, field: &str) -> String {
    let body = text
        .trim_end()
        .strip_suffix(')')
        .expect("a scenario file ends with `)`")
        .trim_end();
    let comma = if body.ends_with(',') { "" } else { "," };
    format!("{body}{comma}\n    {field},\n)\n")
}

#[test]
fn every_range_end_set_in_a_scenario_file_passes_the_loaders_checks() {
    let mut refused = Vec::new();
    for range in RANGES {
        for value in [range.low, range.high] {
            let (id, text) = scenario_text_with(range.name, value);
            match parse_scenario(&format!("{id}.ron"), &text) {
                Ok(loaded) => {
                    // The file and set_param mean the same thing.
                    let mut set = scenario(&id);
                    set_param(&mut set, range.name, value).unwrap();
                    assert_eq!(loaded, set, "{} = {value} in {id}", range.name);
                    assert_eq!(
                        get_param(&loaded, range.name).map(|v| v as f32),
                        Some(value as f32)
                    );
                }
                Err(error) => refused.push(format!("{} = {value}: {error}", range.name)),
            }
        }
    }
    assert!(refused.is_empty(), "range ends the loader refuses: {refused:#?}");
}

/// The part of `docs/MODEL.md` between the range markers.
const START: &str = "<!-- ranges:start -->\n";
const END: &str = "<!-- ranges:end -->";

#[test]
fn model_md_has_the_range_table_the_code_prints() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/MODEL.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let start = doc
        .find(START)
        .expect("docs/MODEL.md has a `<!-- ranges:start -->` line")
        + START.len();
    let end = start
        + doc[start..]
            .find(END)
            .expect("docs/MODEL.md has a `<!-- ranges:end -->` line");
    let fresh = ranges_markdown();
    if doc[start..end] == fresh {
        return;
    }
    if std::env::var("RAPPORT_BLESS").as_deref() == Ok("1") {
        let updated = format!("{}{fresh}{}", &doc[..start], &doc[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "the range table in docs/MODEL.md differs from the code's. Run \
         `RAPPORT_BLESS=1 cargo test model_md_has_the_range_table` to rewrite the section \
         between the markers, or paste this:\n\n{fresh}"
    );
}

#[test]
fn the_command_line_prints_the_table_with_a_scenarios_values() {
    let output = rapport(&["scenarios", "--ranges", "--scenario", "b2b_launch"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for range in RANGES {
        assert!(text.contains(range.name), "{}", range.name);
    }
    let header = text.lines().next().unwrap();
    assert!(header.contains("b2b_launch"), "{header}");
    // b2b_launch has no visual platform: its figures print as `-`.
    let visual = text
        .lines()
        .find(|l| l.starts_with("platform.visual.ad_ctr "))
        .unwrap();
    assert!(visual.split_whitespace().nth(4) == Some("-"), "{visual}");
    let json = rapport(&["scenarios", "--ranges", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), RANGES.len());
}
