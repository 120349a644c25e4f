//! Scripted events: trends, algorithm changes and review storms, applied at
//! the start of the day they are scripted for.

use super::super::audience::{Audience, flag, inbox};
use super::super::graph::Graph;
use super::super::params::ModelParams;
use super::super::rng::{Rng, Stream};
use super::super::scenario::{EventKind, ScriptedEvent};
use super::super::types::DAYS_PER_WEEK;
use super::brand::Brand;
use super::deliver::Marked;

/// The game day (0-based) an event is scripted for.
fn day_of(event: &ScriptedEvent) -> u32 {
    event.week * DAYS_PER_WEEK + event.day as u32
}

/// What an event reads (the seed, who hears whom) and may change.
pub(super) struct EventState<'a> {
    pub seed: u64,
    pub audience: &'a mut Audience,
    pub graph: &'a Graph,
    pub brand: &'a mut Brand,
    pub marked: &'a mut Marked,
}

/// Applies the events of `day`, in the scenario's order.
pub(super) fn apply_events(events: &[ScriptedEvent], day: u32, state: &mut EventState) {
    for (n, event) in events.iter().enumerate() {
        if day_of(event) != day {
            continue;
        }
        match event.kind {
            EventKind::ViralTrend { content, boost, days } => {
                state.brand.trend[content.index()] = (boost, day + days as u32);
            }
            EventKind::AlgorithmChange {
                platform,
                reach_factor,
            } => {
                if let Some(factor) = state.brand.reach_factor.get_mut(platform) {
                    *factor *= reach_factor;
                }
            }
            EventKind::ReviewStorm { share, .. } => review_storm(state, day, n as u64, share),
        }
    }
}

/// Sentiment a complaint takes from each friend of a complainer today (the
/// worst of the day's review storms; 0 without one).
pub(super) fn complaint_severity(events: &[ScriptedEvent], params: &ModelParams, day: u32) -> f32 {
    events
        .iter()
        .filter(|event| day_of(event) == day)
        .map(|event| match event.kind {
            EventKind::ReviewStorm { severity, .. } => severity * params.complaint_friend_severity,
            _ => 0.0,
        })
        .fold(0.0, f32::max)
}

/// Sentiment a complainer loses today (the worst of the day's storms).
pub(super) fn storm_severity(events: &[ScriptedEvent], day: u32) -> f32 {
    events
        .iter()
        .filter(|event| day_of(event) == day)
        .map(|event| match event.kind {
            EventKind::ReviewStorm { severity, .. } => severity,
            _ => 0.0,
        })
        .fold(0.0, f32::max)
}

/// Unhappy followers and customers post complaints (their day sours them
/// and leaves the complaint waiting for an answer); friends hear them.
fn review_storm(state: &mut EventState, day: u32, event: u64, share: f32) {
    let audience = &mut *state.audience;
    for agent in 0..audience.len() {
        let involved = audience.cells[agent].record.flags & flag::FOLLOWS != 0
            || audience.cells[agent].record.funnel.has_bought();
        if !involved {
            continue;
        }
        let mut rng = Rng::keyed(state.seed ^ event, Stream::Events, day, agent as u64);
        if !rng.chance(share) {
            continue;
        }
        state.marked.mark(audience, agent, inbox::STORM);
        for &friend in state.graph.contacts(agent as u32) {
            state.marked.mark(audience, friend as usize, inbox::COMPLAINT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storm(week: u32, day: u8, severity: f32) -> ScriptedEvent {
        ScriptedEvent {
            week,
            day,
            kind: EventKind::ReviewStorm { share: 0.5, severity },
        }
    }

    #[test]
    fn friends_feel_a_share_of_the_worst_storm_of_the_day() {
        let params = ModelParams::default();
        let events = [storm(1, 2, 0.5), storm(1, 2, 1.0), storm(2, 0, 2.0)];
        let day = DAYS_PER_WEEK + 2;
        assert_eq!(
            complaint_severity(&events, &params, day),
            1.0 * params.complaint_friend_severity
        );
        assert_eq!(complaint_severity(&events, &params, day + 1), 0.0);
    }
}
