//! `rapport sweep --vary scenario`: the scenario itself drawn around each
//! scenario, because instructors write their own. Each dimension below maps
//! a unit draw `u` in `[0, 1)` (one column of the Latin hypercube) to a
//! number, the same for every scenario of the sweep (a factor, a shift or a
//! unit that picks), and that number to a change of each scenario:
//!
//! - audience size ×0.5..×2 (the lower half of the draws shrinks it, the
//!   upper half grows it, each linearly), within the loader's
//!   `MIN_AGENTS..MAX_AGENTS` and at most `--agents` when given;
//! - hours a week ×0.5..×1.5;
//! - money a week: 0 in the lowest fifth of the draws (so whether ads apply
//!   varies), else ×0.5..×1.5;
//! - starting followers and awareness ×0.5..×2 each (as the audience),
//!   within 0..1;
//! - contacts per person ×0.5..×1.5 (rounded, at least 2), homophily
//!   −0.2..+0.2 (within 0..1);
//! - a platform's archetype: in the lowest 30% of the draws one platform
//!   (picked by the draw) becomes another archetype (picked too); see
//!   [`swap_archetype`] for its figures;
//! - events: each is dropped, kept or moved a week earlier or later (a third,
//!   a third, a sixth, a sixth; a move past either end keeps it where it
//!   was): the first event's fate is read from the draw's unit, each other
//!   event's from a portable generator keyed by that unit and the event.
//!
//! Rivals keep their own budgets and starts. Goals are not rescaled: a goal
//! of 500 followers is harder in half the audience, as it would be in a
//! scenario an instructor wrote that way (the claims do not read goals).

use crate::files::scenario::{MAX_AGENTS, MAX_CONTACTS, MIN_AGENTS};
use crate::sim::{Archetype, Platform, Rng, Scenario, ScriptedEvent, Stream, mix64};

/// Every scenario dimension's name starts with this, as a column of
/// `draws.csv` (the model's numbers never do).
pub const PREFIX: &str = "scenario.";

/// A dimension of the scenario that the sweep draws.
pub struct Dimension {
    pub name: &'static str,
    /// An ordered number (a factor or a shift) rather than a unit that
    /// picks a platform or events' fates.
    pub ranked: bool,
    /// The number a unit draw stands for.
    value: fn(f64) -> f64,
}

/// Share of the draws in which the brand has no money at all.
const NO_MONEY_SHARE: f64 = 0.2;
/// Share of the draws in which a platform changes archetype.
const SWAP_SHARE: f64 = 0.3;
/// Largest shift of homophily either way.
const HOMOPHILY_SHIFT: f64 = 0.2;

/// ×0.5 at `u = 0`, ×1 at `u = 0.5`, ×2 at `u = 1`: two linear halves, so
/// that as many draws shrink as grow (and no transcendental function, so
/// every machine of a cluster draws the same numbers).
fn half_to_double(u: f64) -> f64 {
    if u < 0.5 { 0.5 + u } else { 1.0 + 2.0 * (u - 0.5) }
}

fn half_to_one_and_a_half(u: f64) -> f64 {
    0.5 + u
}

fn money_factor(u: f64) -> f64 {
    if u < NO_MONEY_SHARE {
        0.0
    } else {
        0.5 + (u - NO_MONEY_SHARE) / (1.0 - NO_MONEY_SHARE)
    }
}

fn homophily_shift(u: f64) -> f64 {
    HOMOPHILY_SHIFT * (2.0 * u - 1.0)
}

fn unit(u: f64) -> f64 {
    u
}

/// The dimensions, in the order of their columns.
pub const DIMENSIONS: [Dimension; 9] = [
    Dimension {
        name: "scenario.agents",
        ranked: true,
        value: half_to_double,
    },
    Dimension {
        name: "scenario.hours_per_week",
        ranked: true,
        value: half_to_one_and_a_half,
    },
    Dimension {
        name: "scenario.money_per_week",
        ranked: true,
        value: money_factor,
    },
    Dimension {
        name: "scenario.initial_followers",
        ranked: true,
        value: half_to_double,
    },
    Dimension {
        name: "scenario.initial_awareness",
        ranked: true,
        value: half_to_double,
    },
    Dimension {
        name: "scenario.contacts_per_agent",
        ranked: true,
        value: half_to_one_and_a_half,
    },
    Dimension {
        name: "scenario.homophily",
        ranked: true,
        value: homophily_shift,
    },
    Dimension {
        name: "scenario.archetype_swap",
        ranked: false,
        value: unit,
    },
    Dimension {
        name: "scenario.events",
        ranked: false,
        value: unit,
    },
];

/// The numbers of one draw, from its unit draws (one per dimension).
pub fn values(units: &[f64]) -> Vec<f64> {
    DIMENSIONS.iter().zip(units).map(|(d, &u)| (d.value)(u)).collect()
}

/// Whether a dimension acts in a scenario: money drawn for a scenario
/// without any has nothing to scale, events for one without any nothing to
/// move.
pub fn acts(dimension: &Dimension, scenario: &Scenario) -> bool {
    match dimension.name {
        "scenario.money_per_week" => scenario.money_per_week > 0.0,
        "scenario.events" => !scenario.events.is_empty(),
        _ => true,
    }
}

/// The scenario under one draw's numbers (as [`values`] gives them, in the
/// order of [`DIMENSIONS`]); `cap` is `--agents`. Not checked: the caller
/// holds it to a file's limits.
pub fn apply(scenario: &Scenario, values: &[f64], cap: Option<u32>) -> Scenario {
    let [
        agents,
        hours,
        money,
        followers,
        awareness,
        contacts,
        homophily,
        swap,
        events,
    ] = values.try_into().expect("one value per scenario dimension");
    let mut drawn = scenario.clone();
    let most = cap.unwrap_or(MAX_AGENTS).min(MAX_AGENTS);
    drawn.agents = (scenario.agents as f64 * agents)
        .round()
        .clamp(MIN_AGENTS as f64, most.max(MIN_AGENTS) as f64) as u32;
    drawn.hours_per_week = scenario.hours_per_week * hours;
    drawn.money_per_week = scenario.money_per_week * money;
    drawn.initial_followers = (scenario.initial_followers as f64 * followers).clamp(0.0, 1.0) as f32;
    drawn.initial_awareness = (scenario.initial_awareness as f64 * awareness).clamp(0.0, 1.0) as f32;
    drawn.graph.contacts_per_agent = (scenario.graph.contacts_per_agent as f64 * contacts)
        .round()
        .clamp(2.0, MAX_CONTACTS as f64) as u32;
    drawn.graph.homophily = (scenario.graph.homophily as f64 + homophily).clamp(0.0, 1.0) as f32;
    if let Some((platform, archetype)) = archetype_swap(swap, &scenario.platforms) {
        drawn.platforms[platform] = swap_archetype(&scenario.platforms[platform], archetype);
    }
    drawn.events = vary_events(events, scenario);
    drawn
}

/// Every archetype, in a fixed order.
const ARCHETYPES: [Archetype; 5] = [
    Archetype::FullNetwork,
    Archetype::Visual,
    Archetype::Microblog,
    Archetype::Professional,
    Archetype::Publication,
];

/// An archetype's place in [`ARCHETYPES`]; written as a match so that an
/// archetype added to the model fails to compile here until it is listed.
const fn archetype_index(archetype: Archetype) -> usize {
    match archetype {
        Archetype::FullNetwork => 0,
        Archetype::Visual => 1,
        Archetype::Microblog => 2,
        Archetype::Professional => 3,
        Archetype::Publication => 4,
    }
}

/// Which platform becomes which archetype, if any: below [`SWAP_SHARE`] the
/// unit, stretched to `[0, 1)`, picks the platform and what is left of it
/// picks one of the other archetypes.
fn archetype_swap(u: f64, platforms: &[Platform]) -> Option<(usize, Archetype)> {
    if u >= SWAP_SHARE || platforms.is_empty() {
        return None;
    }
    let stretched = u / SWAP_SHARE * platforms.len() as f64;
    let platform = (stretched as usize).min(platforms.len() - 1);
    let others: Vec<Archetype> = ARCHETYPES
        .into_iter()
        .filter(|&a| archetype_index(a) != archetype_index(platforms[platform].archetype))
        .collect();
    let pick = ((stretched - platform as f64) * others.len() as f64) as usize;
    Some((platform, others[pick.min(others.len() - 1)]))
}

/// A platform rebuilt as another archetype: its id and name are kept, its
/// figures are the new archetype's defaults (`Platform::of_archetype`). A
/// scenario's override of a market figure (organic reach, discovery,
/// engagement, ad price and click rate, share reach) keeps its ratio to the
/// old archetype's default: a platform the scenario made twice as
/// discoverable as a full network is twice as discoverable as the new
/// archetype. Room for conversation, content fit and tone fit are what an
/// archetype is, so they come from the new one whatever the scenario said.
pub fn swap_archetype(platform: &Platform, archetype: Archetype) -> Platform {
    let old = Platform::archetype_defaults(platform.archetype);
    let mut swapped = Platform::of_archetype(&platform.id, &platform.name, archetype);
    let keep_ratio = |value: f32, old_default: f32, new_default: f32| {
        if value == old_default || old_default <= 0.0 {
            new_default
        } else {
            new_default * (value / old_default)
        }
    };
    for (slot, value, old_default) in [
        (
            &mut swapped.organic_reach,
            platform.organic_reach,
            old.organic_reach,
        ),
        (&mut swapped.discovery, platform.discovery, old.discovery),
        (&mut swapped.engagement, platform.engagement, old.engagement),
        (&mut swapped.ad_ctr, platform.ad_ctr, old.ad_ctr),
        (&mut swapped.share_reach, platform.share_reach, old.share_reach),
    ] {
        *slot = keep_ratio(value, old_default, *slot).clamp(0.0, 1.0);
    }
    swapped.ad_cpm = keep_ratio(platform.ad_cpm, old.ad_cpm, swapped.ad_cpm).clamp(0.01, 10_000.0);
    swapped
}

/// The events under a draw: each dropped, kept, or moved a week.
fn vary_events(u: f64, scenario: &Scenario) -> Vec<ScriptedEvent> {
    let mut events = Vec::with_capacity(scenario.events.len());
    for (index, event) in scenario.events.iter().enumerate() {
        // The first event's fate is the hypercube's unit itself; the
        // others' are keyed by it, each its own.
        let fate = match index {
            0 => u,
            _ => Rng::keyed(mix64(u.to_bits()), Stream::Events, 0, index as u64).unit_f64(),
        };
        let week = if fate < 1.0 / 3.0 {
            continue;
        } else if fate < 2.0 / 3.0 {
            Some(event.week)
        } else if fate < 5.0 / 6.0 {
            event.week.checked_sub(1)
        } else {
            Some(event.week + 1).filter(|&week| week < scenario.weeks)
        };
        events.push(ScriptedEvent {
            week: week.unwrap_or(event.week),
            ..event.clone()
        });
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::EventKind;

    #[test]
    fn every_dimension_maps_its_unit_onto_the_stated_range() {
        let at = |name: &str, u: f64| {
            let d = DIMENSIONS.iter().find(|d| d.name == name).unwrap();
            (d.value)(u)
        };
        assert_eq!(at("scenario.agents", 0.0), 0.5);
        assert_eq!(at("scenario.agents", 0.5), 1.0);
        assert!((at("scenario.agents", 0.999_999) - 2.0).abs() < 1e-5);
        assert_eq!(at("scenario.hours_per_week", 0.0), 0.5);
        assert_eq!(at("scenario.money_per_week", 0.1), 0.0);
        assert_eq!(at("scenario.money_per_week", NO_MONEY_SHARE), 0.5);
        assert!((at("scenario.homophily", 0.0) + 0.2).abs() < 1e-12);
        assert!(DIMENSIONS.iter().all(|d| d.name.starts_with(PREFIX)));
        // Every dimension is monotone in its unit.
        for d in &DIMENSIONS {
            let values: Vec<f64> = (0..100).map(|i| (d.value)(i as f64 / 100.0)).collect();
            assert!(values.windows(2).all(|w| w[0] <= w[1]), "{}", d.name);
        }
    }

    #[test]
    fn a_draw_changes_the_scenario_within_its_limits() {
        let scenario = Scenario::for_tests(1_000);
        let drawn = apply(
            &scenario,
            &values(&[0.999, 0.0, 0.6, 0.999, 0.999, 0.0, 0.999, 0.5, 0.5]),
            None,
        );
        assert_eq!(drawn.agents, 1_998);
        assert_eq!(drawn.hours_per_week, 10.0);
        assert_eq!(drawn.money_per_week, 200.0);
        assert!((drawn.initial_followers - 0.2).abs() < 1e-3);
        assert!((drawn.initial_awareness - 0.4).abs() < 1e-3);
        assert_eq!(drawn.graph.contacts_per_agent, 5);
        assert!((drawn.graph.homophily - 0.9).abs() < 1e-3);
        assert_eq!(drawn.platforms, scenario.platforms, "0.5 swaps nothing");
        // `--agents` caps the audience; the loader's floor holds it up.
        assert_eq!(apply(&scenario, &values(&[0.999; 9]), Some(1_200)).agents, 1_200);
        let tiny = Scenario::for_tests(60);
        assert_eq!(apply(&tiny, &values(&[0.0; 9]), None).agents, MIN_AGENTS);
        // No money at all in the lowest fifth of the draws.
        assert_eq!(apply(&scenario, &values(&[0.1; 9]), None).money_per_week, 0.0);
        // Contacts stay at least two.
        let mut sparse = scenario.clone();
        sparse.graph.contacts_per_agent = 3;
        assert_eq!(
            apply(&sparse, &values(&[0.0; 9]), None).graph.contacts_per_agent,
            2
        );
    }

    #[test]
    fn a_swapped_platform_keeps_its_name_and_its_market_overrides_as_ratios() {
        let scenario = Scenario::for_tests(1_000);
        // u = 0 picks the first platform (a full network) and the first
        // other archetype (visual).
        let (platform, archetype) = archetype_swap(0.0, &scenario.platforms).unwrap();
        assert_eq!((platform, archetype), (0, Archetype::Visual));
        // Just under the share picks the last platform.
        assert_eq!(
            archetype_swap(SWAP_SHARE - 1e-9, &scenario.platforms).unwrap().0,
            1
        );
        assert_eq!(archetype_swap(SWAP_SHARE, &scenario.platforms), None);

        let mut network = Platform::of_archetype("circle", "Circle", Archetype::FullNetwork);
        network.discovery *= 2.0;
        network.conversation = 0.1;
        let swapped = swap_archetype(&network, Archetype::Publication);
        let publication = Platform::of_archetype("circle", "Circle", Archetype::Publication);
        assert_eq!((swapped.id.as_str(), swapped.name.as_str()), ("circle", "Circle"));
        assert_eq!(swapped.archetype, Archetype::Publication);
        assert!((swapped.discovery - 2.0 * publication.discovery).abs() < 1e-6);
        assert_eq!(swapped.organic_reach, publication.organic_reach);
        assert_eq!(swapped.conversation, publication.conversation);
        assert_eq!(swapped.content_fit, publication.content_fit);
    }

    #[test]
    fn events_are_dropped_kept_or_moved_a_week_within_the_game() {
        let mut scenario = Scenario::for_tests(1_000);
        let trend = |week| ScriptedEvent {
            week,
            day: 2,
            kind: EventKind::ViralTrend {
                content: crate::sim::ContentType::Video,
                boost: 1.5,
                days: 3,
            },
        };
        // Weeks 0 to 3: a move past either end keeps the event in place.
        for (week, fates) in [
            (1, vec![vec![], vec![0], vec![1], vec![2]]),
            (0, vec![vec![], vec![0], vec![1]]),
            (3, vec![vec![], vec![2], vec![3]]),
        ] {
            scenario.events = vec![trend(week)];
            let seen: std::collections::BTreeSet<Vec<u32>> = (0..600)
                .map(|i| {
                    let events = vary_events(i as f64 / 600.0, &scenario);
                    assert!(
                        events
                            .iter()
                            .all(|e| e.day == 2 && e.kind == scenario.events[0].kind)
                    );
                    events.iter().map(|e| e.week).collect()
                })
                .collect();
            assert_eq!(seen.into_iter().collect::<Vec<_>>(), fates, "week {week}");
        }
        // Two events fare each their own way: both kept, both dropped and
        // one of each all happen.
        scenario.events = vec![trend(1), trend(2)];
        let counts: std::collections::BTreeSet<usize> = (0..600)
            .map(|i| vary_events(i as f64 / 600.0, &scenario).len())
            .collect();
        assert_eq!(counts.into_iter().collect::<Vec<_>>(), [0, 1, 2]);
    }
}
