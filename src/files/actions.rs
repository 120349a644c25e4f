//! The action catalog file (`assets/actions.ron`) and a scenario's
//! overrides of it.

use super::load::{Check, LoadError, check_version, parse_ron};
use crate::sim::{ActionCatalog, ActionKind, ActionSpec, CONTENT_TYPES};
use serde::Deserialize;

/// The built-in catalog, compiled into the game.
pub const DEFAULT_ACTIONS: &str = include_str!("../../assets/actions.ron");

/// The "add connections" action of a catalog that does not list it (the
/// same as `assets/actions.ron`). LinkedIn does not publish its weekly
/// invitation limit; users report being stopped at about 100 a week, so one
/// batch is half a week's worth.
fn default_connect() -> ActionSpec {
    ActionSpec {
        name: "Add connections".to_string(),
        summary: "Ask fifty people who do not follow you yet to connect: many say yes, so your audience grows, but nobody gets to know you.".to_string(),
        claim: "C16".to_string(),
        hours: 1.0,
        money: 0.0,
        batch: 50,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Actions")]
struct RawActions {
    version: u32,
    publish: ActionSpec,
    schedule: ActionSpec,
    ad: ActionSpec,
    start_conversation: ActionSpec,
    reply: ActionSpec,
    engage_others: ActionSpec,
    live_event: ActionSpec,
    research: ActionSpec,
    /// Added after the first catalogs were written: a catalog without it
    /// gets the built-in request batch.
    #[serde(default = "default_connect")]
    connect: ActionSpec,
    publish_hours: RawPublishHours,
    content_quality: RawContentValues,
    influencers_per_batch: u32,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct RawPublishHours {
    pub photo: Option<f64>,
    pub video: Option<f64>,
    pub infographic: Option<f64>,
    pub article: Option<f64>,
    pub offer: Option<f64>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct RawContentValues {
    pub photo: Option<f32>,
    pub video: Option<f32>,
    pub infographic: Option<f32>,
    pub article: Option<f32>,
    pub offer: Option<f32>,
    pub conversation: Option<f32>,
}

impl RawContentValues {
    pub fn values(&self) -> [Option<f32>; CONTENT_TYPES] {
        [
            self.photo,
            self.video,
            self.infographic,
            self.article,
            self.offer,
            self.conversation,
        ]
    }
}

/// A value per tone, each optional (informative, promotional, personal).
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct RawToneValues {
    pub informative: Option<f32>,
    pub promotional: Option<f32>,
    pub personal: Option<f32>,
}

impl RawToneValues {
    pub fn values(&self) -> [Option<f32>; crate::sim::TONES] {
        [self.informative, self.promotional, self.personal]
    }
}

/// A scenario's partial changes to one action.
#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct RawActionOverride {
    pub hours: Option<f64>,
    pub money: Option<f64>,
    pub batch: Option<u32>,
}

/// A scenario's `actions:` block.
#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct RawActionOverrides {
    pub publish: Option<RawActionOverride>,
    pub schedule: Option<RawActionOverride>,
    pub ad: Option<RawActionOverride>,
    pub start_conversation: Option<RawActionOverride>,
    pub reply: Option<RawActionOverride>,
    pub engage_others: Option<RawActionOverride>,
    pub live_event: Option<RawActionOverride>,
    pub research: Option<RawActionOverride>,
    pub connect: Option<RawActionOverride>,
    pub publish_hours: Option<RawPublishHours>,
    pub content_quality: Option<RawContentValues>,
    pub influencers_per_batch: Option<u32>,
}

impl RawActionOverrides {
    fn for_kind(&self, kind: ActionKind) -> Option<&RawActionOverride> {
        match kind {
            ActionKind::Publish => self.publish.as_ref(),
            ActionKind::Schedule => self.schedule.as_ref(),
            ActionKind::Ad => self.ad.as_ref(),
            ActionKind::StartConversation => self.start_conversation.as_ref(),
            ActionKind::Reply => self.reply.as_ref(),
            ActionKind::EngageOthers => self.engage_others.as_ref(),
            ActionKind::LiveEvent => self.live_event.as_ref(),
            ActionKind::Research => self.research.as_ref(),
            ActionKind::Connect => self.connect.as_ref(),
        }
    }
}

/// Loads and checks an action catalog from RON text.
pub fn parse_catalog(path: &str, text: &str) -> Result<ActionCatalog, LoadError> {
    let raw: RawActions = parse_ron(path, text)?;
    let check = Check { path };
    check_version(&check, raw.version)?;
    let publish_hours = [
        raw.publish_hours.photo,
        raw.publish_hours.video,
        raw.publish_hours.infographic,
        raw.publish_hours.article,
        raw.publish_hours.offer,
    ];
    let mut hours = [0.0; CONTENT_TYPES];
    for (c, value) in publish_hours.iter().enumerate() {
        let name = crate::sim::ContentType::from_index(c).label();
        let Some(value) = value else {
            return check.fail(format!("publish_hours.{name}"), "is missing");
        };
        hours[c] = *value;
    }
    let mut quality = [1.0; CONTENT_TYPES];
    for (c, value) in raw.content_quality.values().iter().enumerate() {
        if let Some(value) = value {
            quality[c] = *value;
        }
    }
    let catalog = ActionCatalog {
        specs: vec![
            raw.publish,
            raw.schedule,
            raw.ad,
            raw.start_conversation,
            raw.reply,
            raw.engage_others,
            raw.live_event,
            raw.research,
            raw.connect,
        ],
        publish_hours: hours,
        content_quality: quality,
        influencers_per_batch: raw.influencers_per_batch,
    };
    validate_catalog(&check, "", &catalog)?;
    Ok(catalog)
}

/// The built-in catalog.
pub fn default_catalog() -> ActionCatalog {
    parse_catalog("assets/actions.ron", DEFAULT_ACTIONS).expect("the built-in action catalog is valid")
}

/// Applies a scenario's overrides to a catalog.
pub fn apply_overrides(
    check: &Check,
    mut catalog: ActionCatalog,
    overrides: &RawActionOverrides,
) -> Result<ActionCatalog, LoadError> {
    for kind in ActionKind::ALL {
        if let Some(change) = overrides.for_kind(kind) {
            let spec: &mut ActionSpec = &mut catalog.specs[kind.index()];
            if let Some(hours) = change.hours {
                spec.hours = hours;
            }
            if let Some(money) = change.money {
                spec.money = money;
            }
            if let Some(batch) = change.batch {
                spec.batch = batch;
            }
        }
    }
    if let Some(hours) = &overrides.publish_hours {
        for (c, value) in [
            hours.photo,
            hours.video,
            hours.infographic,
            hours.article,
            hours.offer,
        ]
        .iter()
        .enumerate()
        {
            if let Some(value) = value {
                catalog.publish_hours[c] = *value;
            }
        }
    }
    if let Some(quality) = &overrides.content_quality {
        for (c, value) in quality.values().iter().enumerate() {
            if let Some(value) = value {
                catalog.content_quality[c] = *value;
            }
        }
    }
    if let Some(n) = overrides.influencers_per_batch {
        catalog.influencers_per_batch = n;
    }
    validate_catalog(check, "actions.", &catalog)?;
    Ok(catalog)
}

pub(super) fn validate_catalog(
    check: &Check,
    prefix: &str,
    catalog: &ActionCatalog,
) -> Result<(), LoadError> {
    for kind in ActionKind::ALL {
        let spec = catalog.spec(kind);
        let field = |name: &str| format!("{prefix}{}.{name}", kind.id());
        // No action but reading the analytics is free of time.
        check.range(field("hours"), spec.hours, 0.05, 168.0)?;
        check.range(field("money"), spec.money, 0.0, 1e9)?;
        check.range(field("batch"), spec.batch as f64, 1.0, 1000.0)?;
        check.text(field("name"), &spec.name, 80)?;
        check.text(field("summary"), &spec.summary, 400)?;
    }
    for c in 0..5 {
        let name = crate::sim::ContentType::from_index(c).label();
        check.range(
            format!("{prefix}publish_hours.{name}"),
            catalog.publish_hours[c],
            0.05,
            168.0,
        )?;
    }
    for c in 0..CONTENT_TYPES {
        let name = crate::sim::ContentType::from_index(c).label();
        check.range(
            format!("{prefix}content_quality.{name}"),
            catalog.content_quality[c] as f64,
            0.0,
            5.0,
        )?;
    }
    check.range(
        format!("{prefix}influencers_per_batch"),
        catalog.influencers_per_batch as f64,
        1.0,
        1000.0,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_without_connections_gets_the_built_in_batch() {
        let start = DEFAULT_ACTIONS
            .find("    connect: (")
            .expect("the built-in catalog lists connect");
        let end = start
            + DEFAULT_ACTIONS[start..]
                .find("    ),\n")
                .expect("the entry closes")
            + "    ),\n".len();
        let older = format!("{}{}", &DEFAULT_ACTIONS[..start], &DEFAULT_ACTIONS[end..]);
        let catalog = parse_catalog("older.ron", &older).unwrap();
        assert_eq!(catalog, default_catalog());
        assert_eq!(catalog.spec(ActionKind::Connect), &default_connect());
    }
}
