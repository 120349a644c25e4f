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
    pub low: f64,
    pub high: f64,
    /// A published figure and where it is published, or "design
    /// assumption: " and the reason for the range.
    pub source: &'static str,
}

/// Every behavioural number with its range.
pub const RANGES: &[ParamRange] = &[
    ParamRange {
        name: "model.awareness_per_exposure",
        default: 0.25,
        low: 0.1,
        high: 0.4,
        source: "design assumption: a few exposures make a stranger aware of a brand (the 'rule of seven' of advertising folklore is the high end)",
    },
    ParamRange {
        name: "platform.full_network.organic_reach",
        default: 0.06,
        low: 0.02,
        high: 0.08,
        source: "organic reach of a page post is 2-6% of its followers (Hootsuite Social Media Trends; Social Insider benchmarks)",
    },
    ParamRange {
        name: "action.reply.hours",
        default: 1.0,
        low: 0.5,
        high: 2.0,
        source: "design assumption: reading and answering a dozen comments in the brand's own voice takes half an hour to two",
    },
];

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

    #[test]
    fn every_range_names_a_number_holds_its_default_and_says_where_it_comes_from() {
        let scenario = Scenario::for_tests(10);
        for range in RANGES {
            let mut copy = scenario.clone();
            assert!(
                set_param(&mut copy, range.name, range.high).is_ok(),
                "{}",
                range.name
            );
            assert!(
                range.low <= range.default && range.default <= range.high,
                "{}",
                range.name
            );
            assert!(!range.source.is_empty(), "{}", range.name);
        }
        assert!(ModelParams::NAMES.contains(&"awareness_per_exposure"));
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
