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
//! - `platform.<archetype>.fit.<content type>`: how well a content type
//!   suits every platform of that archetype,
//! - `platform.<archetype>.tone.<tone>`: how well a tone suits it,
//! - `action.<action id>.hours` and `action.<action id>.batch`: the cost and
//!   size of an action in the scenario's catalog; `action.publish.hours.<content
//!   type>`: the hours of a hand-made post of that type;
//!   `action.engage_others.influencers`: influencers per engagement batch,
//! - `content.<content type>.quality`: how engaging that type is when well made,
//! - `market.<field>`: a number of the rules of competition ([`MarketParams`]:
//!   `feed_capacity`, `interaction_rank`, `loyalty_hold`, `ad_weight`); they
//!   act only in a scenario with rivals.
//!
//! The table is in `ranges/table.rs`; [`ParamRange::UNRANGED`] lists the
//! numbers that are addressable but deliberately have no range, with the
//! reason. Ranges are sampled linearly: none spans much more than a factor of
//! ten, so a log scale would change little and is left out.

use super::action::ActionKind;
use super::market::MarketParams;
use super::params::ModelParams;
use super::scenario::{Platform, Scenario};
use super::types::{Archetype, ContentType, Tone};
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
            "`{}` is not a behavioural number (expected model.<field>, platform.<archetype>.<field>, platform.<archetype>.fit.<content>, action.<id>.hours/batch, action.publish.hours.<content>, action.engage_others.influencers, content.<content>.quality or market.<field>)",
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

fn content_of(label: &str) -> Option<ContentType> {
    ContentType::ALL
        .into_iter()
        .find(|content| content.label() == label)
}

/// What a name points at, parsed once for reading and writing.
enum Address<'n> {
    Model(&'n str),
    Platform(&'n str, &'n str),
    Fit(&'n str, usize),
    ToneFit(&'n str, usize),
    Hours(ActionKind),
    Batch(ActionKind),
    PublishHours(usize),
    Influencers,
    Quality(usize),
    Market(&'n str),
}

/// The numbers of [`MarketParams`] by name (its switches are mechanisms,
/// not numbers, and have no range).
const MARKET_FIELDS: [&str; 4] = ["feed_capacity", "interaction_rank", "loyalty_hold", "ad_weight"];

fn market_field_mut<'a>(params: &'a mut MarketParams, field: &str) -> Option<&'a mut f32> {
    Some(match field {
        "feed_capacity" => &mut params.feed_capacity,
        "interaction_rank" => &mut params.interaction_rank,
        "loyalty_hold" => &mut params.loyalty_hold,
        "ad_weight" => &mut params.ad_weight,
        _ => return None,
    })
}

fn address(name: &str) -> Option<Address<'_>> {
    let parts: Vec<&str> = name.split('.').collect();
    Some(match parts[..] {
        ["model", field] => Address::Model(field),
        ["platform", archetype, field]
            if ARCHETYPE_IDS.contains(&archetype) && PLATFORM_FIELDS.contains(&field) =>
        {
            Address::Platform(archetype, field)
        }
        ["platform", archetype, "fit", content] if ARCHETYPE_IDS.contains(&archetype) => {
            Address::Fit(archetype, content_of(content)?.index())
        }
        ["platform", archetype, "tone", tone] if ARCHETYPE_IDS.contains(&archetype) => Address::ToneFit(
            archetype,
            Tone::ALL.into_iter().find(|t| t.label() == tone)?.index(),
        ),
        ["action", "publish", "hours", content] => {
            let content = content_of(content)?;
            // Conversation content is started, not published: no publish hours.
            ContentType::BROADCAST
                .contains(&content)
                .then_some(Address::PublishHours(content.index()))?
        }
        ["action", "engage_others", "influencers"] => Address::Influencers,
        ["action", id, "hours"] => Address::Hours(action_of(id)?),
        ["action", id, "batch"] => Address::Batch(action_of(id)?),
        ["content", content, "quality"] => Address::Quality(content_of(content)?.index()),
        ["market", field] if MARKET_FIELDS.contains(&field) => Address::Market(field),
        _ => return None,
    })
}

/// A named number of a scenario. A platform figure is read from the first
/// platform of the archetype; `None` also when the scenario has none.
pub fn get_param(scenario: &Scenario, name: &str) -> Option<f64> {
    let platform = |archetype: &str| {
        scenario
            .platforms
            .iter()
            .find(|p| archetype_id(p.archetype) == archetype)
    };
    let actions = &scenario.actions;
    Some(match address(name)? {
        Address::Model(field) => scenario.model.get(field)?,
        Address::Platform(archetype, field) => platform_field(platform(archetype)?, field)?.into(),
        Address::Fit(archetype, content) => platform(archetype)?.content_fit[content].into(),
        Address::ToneFit(archetype, tone) => platform(archetype)?.tone_fit[tone].into(),
        Address::Hours(kind) => actions.spec(kind).hours,
        Address::Batch(kind) => actions.spec(kind).batch.into(),
        Address::PublishHours(content) => actions.publish_hours[content],
        Address::Influencers => actions.influencers_per_batch.into(),
        Address::Quality(content) => actions.content_quality[content].into(),
        Address::Market(field) => {
            let mut params = scenario.market.params;
            (*market_field_mut(&mut params, field)?).into()
        }
    })
}

/// Sets a named number in a scenario: a platform figure on every platform
/// of the archetype (none if the scenario has no such platform), a
/// whole-number field rounded.
pub fn set_param(scenario: &mut Scenario, name: &str, value: f64) -> Result<(), UnknownParam> {
    let unknown = || UnknownParam(name.to_string());
    let count = || value.round().clamp(1.0, u32::MAX as f64) as u32;
    let actions = &mut scenario.actions;
    match address(name).ok_or_else(unknown)? {
        Address::Model(field) => {
            if !scenario.model.set(field, value) {
                return Err(unknown());
            }
        }
        Address::Platform(archetype, field) => {
            for platform in &mut scenario.platforms {
                if archetype_id(platform.archetype) == archetype
                    && let Some(slot) = platform_field_mut(platform, field)
                {
                    *slot = value as f32;
                }
            }
        }
        Address::Fit(archetype, content) => {
            for platform in &mut scenario.platforms {
                if archetype_id(platform.archetype) == archetype {
                    platform.content_fit[content] = value as f32;
                }
            }
        }
        Address::ToneFit(archetype, tone) => {
            for platform in &mut scenario.platforms {
                if archetype_id(platform.archetype) == archetype {
                    platform.tone_fit[tone] = value as f32;
                }
            }
        }
        Address::Hours(kind) => actions.specs[kind.index()].hours = value,
        Address::Batch(kind) => actions.specs[kind.index()].batch = count(),
        Address::PublishHours(content) => actions.publish_hours[content] = value,
        Address::Influencers => actions.influencers_per_batch = count(),
        Address::Quality(content) => actions.content_quality[content] = value as f32,
        Address::Market(field) => {
            *market_field_mut(&mut scenario.market.params, field).ok_or_else(unknown)? = value as f32;
        }
    }
    Ok(())
}

/// Actions whose `batch` is a size the player buys (posts, replies,
/// people, requests); every other action's batch is 1 and means nothing.
const SIZED_ACTIONS: [ActionKind; 4] = [
    ActionKind::Schedule,
    ActionKind::Reply,
    ActionKind::EngageOthers,
    ActionKind::Connect,
];

/// The name of every behavioural number a scenario has (what the range
/// table must cover, less [`ParamRange::UNRANGED`]), in a fixed order.
pub fn param_names() -> Vec<String> {
    let mut names: Vec<String> = ModelParams::NAMES.iter().map(|f| format!("model.{f}")).collect();
    for archetype in ARCHETYPE_IDS {
        names.extend(PLATFORM_FIELDS.map(|field| format!("platform.{archetype}.{field}")));
        names.extend(ContentType::ALL.map(|content| format!("platform.{archetype}.fit.{}", content.label())));
        names.extend(Tone::ALL.map(|tone| format!("platform.{archetype}.tone.{}", tone.label())));
    }
    names.extend(ContentType::ALL.map(|content| format!("content.{}.quality", content.label())));
    names.extend(ContentType::BROADCAST.map(|content| format!("action.publish.hours.{}", content.label())));
    names.push("action.engage_others.influencers".to_string());
    names.extend(ActionKind::ALL.map(|kind| format!("action.{}.hours", kind.id())));
    names.extend(SIZED_ACTIONS.map(|kind| format!("action.{}.batch", kind.id())));
    names.extend(MARKET_FIELDS.map(|field| format!("market.{field}")));
    names
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
    fn every_number_has_a_range_or_a_reason_for_none_and_every_range_a_number() {
        let names = param_names();
        for name in &names {
            let ranged = range_of(name).is_some();
            let excluded = ParamRange::UNRANGED.iter().any(|(n, _)| n == name);
            assert!(ranged != excluded, "{name}: ranged {ranged}, excluded {excluded}");
            assert!(address(name).is_some(), "{name} is not addressable");
        }
        for range in RANGES {
            assert!(
                names.iter().any(|n| n == range.name),
                "{} names no number",
                range.name
            );
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
                && (name.starts_with("model.") || name.starts_with("platform."))
            {
                // The test scenario's catalog is not the built-in one; the
                // integration test checks actions and content against
                // assets/actions.ron.
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
                // The loader's limits: a CPM up to 10,000, a fit up to 5, a
                // tone's fit up to 2, shares up to 1.
                let limit = if name.ends_with(".ad_cpm") {
                    10_000.0
                } else if name.contains(".fit.") {
                    5.0
                } else if name.contains(".tone.") {
                    2.0
                } else {
                    1.0
                };
                assert!(range.low > 0.0 && range.high <= limit, "{name}");
            } else if name.starts_with("content.") {
                assert!(range.low >= 0.0 && range.high <= 5.0, "{name}");
            } else if let Some(field) = name.strip_prefix("market.") {
                // The loader's limits: a hold is a share, the others up to 100.
                let limit = if field == "loyalty_hold" { 1.0 } else { 100.0 };
                assert!(range.low > 0.0 && range.high <= limit, "{name}");
                assert_eq!(
                    range.default as f32,
                    get_param(&scenario, name).unwrap() as f32,
                    "{name}"
                );
            } else {
                assert!(range.low >= 0.05 && range.high <= 168.0, "{name}");
                if name.ends_with(".batch") || name.ends_with(".influencers") {
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
            "action.publish.hours.conversation",
            "platform.visual.fit.smell",
            "content.photo.price",
            "x",
        ] {
            assert!(set_param(&mut scenario, bad, 1.0).is_err(), "{bad}");
        }
    }
}
