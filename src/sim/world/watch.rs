//! Watching one person through a game: what the day's loop adds to their
//! trace around the daily pass (the friend whose share reached them, the
//! pass's own record). Watching only records; see `sim::trace`.

use super::super::step::ChunkOut;
use super::super::trace::{Trace, Watching};
use super::deliver::SharesSeen;

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
