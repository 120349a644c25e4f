//! The plausible range of every behavioural number of the model, and where
//! each range comes from: a published figure, or the plain words "design
//! assumption: ..." with the reason. `rapport sweep` draws scenarios from
//! these ranges to test that the claims hold across the parameter space,
//! not only at the defaults; `docs/MODEL.md` prints the same table.
//!
//! A number is named by where it lives:
//! - `model.<field>`: a field of [`ModelParams`],
//! - `platform.<archetype>.<field>`: a figure of every platform of that
//!   archetype (`organic_reach`, `discovery`, `engagement`, `conversation`,
//!   `ad_cpm`, `ad_ctr`, `share_reach`),
//! - `action.<action id>.hours` and `action.<action id>.batch`: the cost and
//!   size of an action in the scenario's catalog.
//!
//! The table is in `ranges/table.rs`; [`ParamRange::UNRANGED`] lists the
//! numbers that are addressable but deliberately have no range, with the
//! reason. Ranges are sampled linearly: none spans much more than a factor of
//! ten, so a log scale would change little and is left out.

use super::action::ActionKind;
use super::scenario::{Platform, Scenario};
use super::types::Archetype;
use std::fmt;

/// One behavioural number's plausible range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamRange {
    /// Where the number lives (see the module doc).
    pub name: &'static str,
    /// The value the built-in scenarios use.
    pub default: f64,
    /// The lowest value a modeller would call plausible.
    pub low: f64,
    /// The highest value a modeller would call plausible.
    pub high: f64,
    /// A published figure and where it is published, or "design
    /// assumption: " and the reason for the range.
    pub source: &'static str,
}

mod table;

pub use table::RANGES;

impl ParamRange {
    /// Numbers a scenario can set by name that are deliberately given no
    /// range, each with the reason. They are not behaviour: they define whom
    /// the player can choose or are not used by the rules, so sweeping them
    /// would test nothing a student could learn from.
    pub const UNRANGED: &'static [(&'static str, &'static str)] = &[
        (
            "model.people_per_influencer",
            "defines who counts as an influencer (the 2% most connected), not how anyone behaves",
        ),
        (
            "model.max_influencers",
            "a bound on the brand's list of influencers, reached only by audiences above 100,000",
        ),
        (
            "action.publish.hours",
            "not used: a hand-made post costs its content type's hours (`publish_hours` in assets/actions.ron)",
        ),
    ];
}

/// A name that no number of a scenario has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownParam(pub String);

impl fmt::Display for UnknownParam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a behavioural number (expected model.<field>, platform.<archetype>.<field> or action.<id>.hours/batch)",
            self.0
        )
    }
}

impl std::error::Error for UnknownParam {}

/// The range of a named number.
pub fn range_of(name: &str) -> Option<&'static ParamRange> {
    RANGES.iter().find(|range| range.name == name)
}

/// The id an archetype has in range names.
pub fn archetype_id(archetype: Archetype) -> &'static str {
    match archetype {
        Archetype::FullNetwork => "full_network",
        Archetype::Visual => "visual",
        Archetype::Microblog => "microblog",
        Archetype::Professional => "professional",
        Archetype::Publication => "publication",
    }
}

const PLATFORM_FIELDS: [&str; 7] = [
    "organic_reach",
    "discovery",
    "engagement",
    "conversation",
    "ad_cpm",
    "ad_ctr",
    "share_reach",
];

fn action_of(id: &str) -> Option<ActionKind> {
    ActionKind::ALL.into_iter().find(|kind| kind.id() == id)
}

/// A named number of a scenario. A platform figure is read from the first
/// platform of the archetype; `None` also when the scenario has none.
pub fn get_param(scenario: &Scenario, name: &str) -> Option<f64> {
    let mut parts = name.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("model"), Some(field), None, None) => scenario.model.get(field),
        (Some("platform"), Some(archetype), Some(field), None) => scenario
            .platforms
            .iter()
            .find(|p| archetype_id(p.archetype) == archetype)
            .and_then(|p| platform_field(p, field).map(f64::from)),
        (Some("action"), Some(id), Some(field), None) => {
            let spec = scenario.actions.spec(action_of(id)?);
            match field {
                "hours" => Some(spec.hours),
                "batch" => Some(spec.batch as f64),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Sets a named number in a scenario: a platform figure on every platform
/// of the archetype (none if the scenario has no such platform), a
/// whole-number field rounded.
pub fn set_param(scenario: &mut Scenario, name: &str, value: f64) -> Result<(), UnknownParam> {
    let unknown = || UnknownParam(name.to_string());
    let mut parts = name.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("model"), Some(field), None, None) => {
            if scenario.model.set(field, value) {
                Ok(())
            } else {
                Err(unknown())
            }
        }
        (Some("platform"), Some(archetype), Some(field), None) => {
            if !PLATFORM_FIELDS.contains(&field) || !ARCHETYPE_IDS.contains(&archetype) {
                return Err(unknown());
            }
            for platform in &mut scenario.platforms {
                if archetype_id(platform.archetype) == archetype
                    && let Some(slot) = platform_field_mut(platform, field)
                {
                    *slot = value as f32;
                }
            }
            Ok(())
        }
        (Some("action"), Some(id), Some(field), None) => {
            let kind = action_of(id).ok_or_else(unknown)?;
            let spec = &mut scenario.actions.specs[kind.index()];
            match field {
                "hours" => spec.hours = value,
                "batch" => spec.batch = value.round().clamp(1.0, u32::MAX as f64) as u32,
                _ => return Err(unknown()),
            }
            Ok(())
        }
        _ => Err(unknown()),
    }
}

const ARCHETYPE_IDS: [&str; 5] = [
    "full_network",
    "visual",
    "microblog",
    "professional",
    "publication",
];

/// A platform figure by name (read through the one name-to-field map).
fn platform_field(platform: &Platform, field: &str) -> Option<f32> {
    let mut copy = platform.clone();
    platform_field_mut(&mut copy, field).map(|value| *value)
}

fn platform_field_mut<'a>(platform: &'a mut Platform, field: &str) -> Option<&'a mut f32> {
    Some(match field {
        "organic_reach" => &mut platform.organic_reach,
        "discovery" => &mut platform.discovery,
        "engagement" => &mut platform.engagement,
        "conversation" => &mut platform.conversation,
        "ad_cpm" => &mut platform.ad_cpm,
        "ad_ctr" => &mut platform.ad_ctr,
        "share_reach" => &mut platform.share_reach,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ModelParams;

    /// A scenario with one platform of every archetype, so every range name
    /// addresses a number.
    fn scenario_with_every_archetype() -> Scenario {
        let mut scenario = Scenario::for_tests(10);
        use Archetype::*;
        scenario.platforms = [FullNetwork, Visual, Microblog, Professional, Publication]
            .map(|archetype| Platform::of_archetype(archetype_id(archetype), "p", archetype))
            .to_vec();
        scenario
    }

    #[test]
    fn every_model_field_has_a_range_or_a_reason_for_none() {
        for field in ModelParams::NAMES {
            let name = format!("model.{field}");
            let ranged = range_of(&name).is_some();
            let excluded = ParamRange::UNRANGED.iter().any(|(n, _)| *n == name);
            assert!(ranged != excluded, "{name}: ranged {ranged}, excluded {excluded}");
        }
        for field in PLATFORM_FIELDS {
            for archetype in ARCHETYPE_IDS {
                let name = format!("platform.{archetype}.{field}");
                assert!(range_of(&name).is_some(), "{name} has no range");
            }
        }
    }

    #[test]
    fn every_range_holds_the_code_default_and_is_valid_for_its_field() {
        let params = ModelParams::default();
        let unit: Vec<_> = params.unit_fields().into_iter().map(|(n, _)| n).collect();
        let positive: Vec<_> = params.positive_fields().into_iter().map(|(n, _)| n).collect();
        let scenario = scenario_with_every_archetype();
        for range in RANGES {
            let name = range.name;
            assert!(
                range.low <= range.default && range.default <= range.high,
                "{name}"
            );
            assert!(range.low < range.high, "{name}: an empty range");
            assert!(range.source.len() > 20, "{name}: no source");
            if let Some(code) = get_param(&scenario, name)
                && !name.starts_with("action.")
            {
                // The table is f64, the model f32: compare at the model's precision.
                assert_eq!(
                    range.default as f32, code as f32,
                    "{name}: the code's default is {code}"
                );
            }
            if let Some(field) = name.strip_prefix("model.") {
                assert!(params.get(field).is_some(), "{name}");
                if unit.contains(&field) {
                    assert!(range.low >= 0.0 && range.high <= 1.0, "{name} is a share");
                }
                if positive.contains(&field) {
                    assert!(range.low >= 0.0, "{name} is non-negative");
                }
            } else if name.starts_with("platform.") {
                let limit = if name.ends_with(".ad_cpm") { 10_000.0 } else { 1.0 };
                assert!(range.low > 0.0 && range.high <= limit, "{name}");
            } else {
                assert!(range.low >= 0.05, "{name}");
                if name.ends_with(".batch") {
                    assert!(range.low >= 1.0 && range.low.fract() == 0.0 && range.high.fract() == 0.0);
                }
            }
        }
    }

    #[test]
    fn every_range_can_be_set_and_read_back_and_no_name_is_listed_twice() {
        for (i, range) in RANGES.iter().enumerate() {
            assert!(
                RANGES[..i].iter().all(|other| other.name != range.name),
                "{} is listed twice",
                range.name
            );
            assert!(
                ParamRange::UNRANGED.iter().all(|(n, _)| *n != range.name),
                "{}",
                range.name
            );
            for value in [range.low, range.high] {
                let mut scenario = scenario_with_every_archetype();
                set_param(&mut scenario, range.name, value).unwrap();
                let read = get_param(&scenario, range.name).unwrap();
                assert_eq!(read as f32, value as f32, "{}", range.name);
            }
        }
    }

    #[test]
    fn set_and_get_agree_and_unknown_names_are_refused() {
        let mut scenario = Scenario::for_tests(10);
        set_param(&mut scenario, "model.reply_patience_days", 4.6).unwrap();
        assert_eq!(scenario.model.reply_patience_days, 5);
        set_param(&mut scenario, "model.friend_trust", 1.5).unwrap();
        assert_eq!(get_param(&scenario, "model.friend_trust"), Some(1.5));
        for bad in [
            "model.nothing",
            "platform.full_network.nothing",
            "platform.moon.ad_ctr",
            "action.dance.hours",
            "x",
        ] {
            assert!(set_param(&mut scenario, bad, 1.0).is_err(), "{bad}");
        }
    }
}
