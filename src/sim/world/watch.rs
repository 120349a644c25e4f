//! Watching one person through a game: what the day's loop adds to their
//! trace around the daily pass (a complaint of their own in a review storm,
//! the friend whose share reached them, the pass's own record). Watching
//! only records; see `sim::trace`.

use super::super::attribution::Cause;
use super::super::audience::Audience;
use super::super::step::ChunkOut;
use super::super::trace::{Snapshot, Trace, TraceEvent, TraceStep, Watching};
use super::deliver::SharesSeen;

/// The watched person's state before the day's scripted events.
pub(super) fn before_events(trace: Option<&Trace>, audience: &Audience) -> Option<Snapshot> {
    trace.map(|trace| Snapshot::of_audience(audience, trace.agent as usize))
}

/// Records a complaint the watched person posted in today's review storm
/// (the storm lowered their sentiment and left their complaint waiting).
pub(super) fn after_events(trace: &mut Trace, before: Snapshot, audience: &Audience, day: u32) {
    let after = Snapshot::of_audience(audience, trace.agent as usize);
    if after != before {
        trace.events.push(TraceEvent {
            day: day + 1,
            step: TraceStep::Complained,
            cause: Some(Cause::ReviewStorm),
            before,
            after,
            shared: false,
            friend: None,
        });
    }
}

/// What today's pass needs to know of the watched person.
pub(super) fn watching(trace: &mut Trace, seen: &SharesSeen) -> Watching {
    if trace.brought_by.is_none() {
        trace.brought_by = seen.first_sharer;
    }
    Watching {
        agent: trace.agent,
        sharer: seen.last_sharer,
    }
}

/// Keeps what the pass recorded of the watched person.
pub(super) fn after_pass(trace: &mut Trace, pass: &mut ChunkOut) {
    if let Some(watcher) = pass.watch.take() {
        trace.events.extend(watcher.events);
    }
}
