//! The daily pass over every person: decay, reactions to what reached them,
//! the funnel. Runs in fixed-size chunks on every core; each person's draws
//! come from `(seed, day, person)`, and chunk results are merged in chunk
//! order, so the outcome is the same at any thread count.
//!
//! `today` holds what the pass works with, `react` a person's reactions to
//! content and the funnel, `chunks` the pass's view of the arrays; this file walks the people and runs the steps of
//! a person's day in their fixed order (the order of the random draws).

mod chunks;
mod market;
mod react;
mod today;

use super::attribution::{Cause, Outcome, touch};
use super::audience::{
    ACTIVITY_SCALE, Audience, Funnel, flag, inbox, is_automated, pack_item, stage_of, unpack_item,
};
use super::params::ModelParams;
use super::rng::{Rng, Stream};
use super::trace::{Snapshot, TraceStep, Watcher};
use super::types::{ContentType, Stage};
use chunks::AgentsMut;
use rayon::prelude::*;
use react::{follow, funnel_step, react, unfollow};
use today::{Exposure, Person, Source, grow};

pub use chunks::plain_pass;
pub use market::market_pass;
pub use today::{ChunkOut, DayContext, PostToday};

/// People per chunk. Fixed, so that float sums are grouped the same way
/// whatever the number of threads.
pub const CHUNK: usize = 4096;

/// Awareness below this is forgotten altogether: it keeps people who have
/// drifted away on the pass's fast path.
const AWARENESS_FLOOR: f32 = 0.01;

/// Fatigue and relationship below this wear off altogether (same reason).
const LEVEL_FLOOR: f32 = 0.001;

/// Runs the pass over the whole audience on the current rayon pool and
/// merges the chunks' results in chunk order.
pub fn daily_pass(audience: &mut Audience, ctx: &DayContext) -> ChunkOut {
    let chunks: Vec<ChunkOut> = audience
        .chunks_mut(CHUNK)
        .into_par_iter()
        .map(|mut chunk| pass_chunk(&mut chunk, ctx))
        .collect();
    ChunkOut::merge(chunks)
}

fn pass_chunk(chunk: &mut AgentsMut, ctx: &DayContext) -> ChunkOut {
    let mut out = ChunkOut::default();
    start_watch(chunk, ctx, &mut out);
    for k in 0..chunk.segment.len() {
        if is_untouched(chunk, k) {
            forget_a_little(chunk, k, ctx.params, ctx.today(), &mut out);
        } else {
            step_person(chunk, k, ctx, &mut out, None);
        }
    }
    out
}

/// Puts the watcher in the chunk's results when the watched person is in
/// the chunk.
fn start_watch(chunk: &AgentsMut, ctx: &DayContext, out: &mut ChunkOut) {
    if let Some(watching) = ctx.watch {
        let range = chunk.start..chunk.start + chunk.segment.len();
        if range.contains(&(watching.agent as usize)) {
            out.watch = Some(Box::new(Watcher::new(
                watching,
                ctx.day,
                ctx.params.strong_threshold,
            )));
        }
    }
}

/// The day of person `k` of the chunk, who has a tie to the brand or
/// something arriving today. In a market, `market` is the share of their
/// attention left to this brand and how firmly a rival holds them.
fn step_person(
    chunk: &mut AgentsMut,
    k: usize,
    ctx: &DayContext,
    out: &mut ChunkOut,
    market: Option<[f32; 2]>,
) {
    let index = (chunk.start + k) as u32;
    let mut rng = Rng::keyed(ctx.seed, Stream::Agent, ctx.day, index as u64);
    if out.watch.is_some() {
        begin_watch(chunk, k, out);
    }
    let mut person = load_and_decay(chunk, k, ctx);
    out.note(&person, TraceStep::Cooled, Some(Cause::Cooling));
    // Alone, the person's attention is whole and nobody else holds them.
    let [attention, held] = market.unwrap_or([1.0, 0.0]);
    person.held = held;
    let online = rng.chance(chunk.activity[k] as f32 * ACTIVITY_SCALE);
    let inbox_bits = chunk.inbox[k];
    let (item_platform, item_content) = unpack_item(chunk.inbox_item[k]);

    meet_the_brand(&mut person, inbox_bits, item_platform, ctx, &mut rng, out);
    attend_live(&mut person, online, ctx, &mut rng, out);
    read_feed(&mut person, attention, ctx, &mut rng, out);
    // Posts that surfaced outside the feed, friends' shares and ads, in
    // that fixed order: the content's own appeal, with a friend's word
    // trusted more; an ad is always an offer.
    // A copy of an automated post keeps the automation's cost.
    let automated = is_automated(chunk.inbox_item[k]);
    let copy_quality = if automated {
        ctx.params.scheduled_quality
    } else {
        1.0
    };
    let shared_by = if person.touch & touch::RECOMMENDED != 0 {
        Cause::Recommendation
    } else {
        Cause::FriendShare
    };
    for (bit, source, cause, content, quality, scheduled) in [
        (
            inbox::DISCOVER,
            Source::Discovery,
            Cause::DiscoveredPost,
            item_content,
            copy_quality,
            automated,
        ),
        (
            inbox::SHARE,
            Source::Friend,
            shared_by,
            item_content,
            copy_quality,
            automated,
        ),
        (inbox::AD, Source::Ad, Cause::Ad, ContentType::Offer, 1.0, false),
    ] {
        // Crowded out by other brands' items (markets only: alone, the
        // attention is whole and no draw is made).
        if inbox_bits & bit != 0 && (attention >= 1.0 || rng.chance(attention)) {
            let seen = Exposure {
                platform: item_platform,
                content,
                quality,
                scheduled,
                source,
                cause,
            };
            react(&mut person, seen, ctx, &mut rng, out);
        }
    }
    sour_if_ignored(&mut person, ctx, &mut rng, out);
    funnel_step(&mut person, ctx, &mut rng, out);
    drift_away(&mut person, ctx, &mut rng, out);
    let reached = person.reached;
    store_and_count(person, chunk, k, ctx.params, out);
    if reached {
        count_first_reach_of_week(chunk, k, ctx.day, out);
    }
}

/// Counts a person reached today once in the week (record only: no rule
/// reads `reached_week`, and the state hash leaves it out).
fn count_first_reach_of_week(chunk: &mut AgentsMut, k: usize, day: u32, out: &mut ChunkOut) {
    // Games are at most 104 weeks long, so a byte holds the week.
    let week = (day / 7 + 1).min(u8::MAX as u32) as u8;
    if chunk.reached_week[k] != week {
        chunk.reached_week[k] = week;
        out.counts.first_reach_of_week += 1;
    }
}

/// The watched person's stored state as their day begins, if `k` is them.
fn begin_watch(chunk: &AgentsMut, k: usize, out: &mut ChunkOut) {
    let shares = out.shares.len();
    if let Some(watcher) = out.watch.as_deref_mut()
        && watcher.agent as usize == chunk.start + k
    {
        watcher.begin(stored_snapshot(chunk, k), shares);
    }
}

/// What the arrays hold for person `k` of the chunk.
fn stored_snapshot(chunk: &AgentsMut, k: usize) -> Snapshot {
    Snapshot {
        awareness: chunk.awareness[k],
        relationship: chunk.relationship[k],
        sentiment: chunk.sentiment[k],
        fatigue: chunk.fatigue[k],
        follows: chunk.flags[k] & flag::FOLLOWS != 0,
        funnel: chunk.funnel[k],
        waiting: chunk.comment_since[k] != 0,
        engagements: chunk.story[k].engagements,
        comments: chunk.story[k].comments,
    }
}

/// A person with no tie to the brand and nothing arriving today.
#[inline(always)]
fn is_untouched(chunk: &AgentsMut, k: usize) -> bool {
    chunk.inbox[k] == 0
        && chunk.flags[k] & flag::FOLLOWS == 0
        && chunk.funnel[k] == Funnel::None
        && chunk.comment_since[k] == 0
}

/// The fast path of an untouched person: they only forget a little.
#[inline(always)]
fn forget_a_little(chunk: &mut AgentsMut, k: usize, p: &ModelParams, today: u16, out: &mut ChunkOut) {
    let mut awareness = chunk.awareness[k];
    if awareness > 0.0 {
        let kept = awareness * p.awareness_keep_per_day;
        awareness = if kept < AWARENESS_FLOOR { 0.0 } else { kept };
        chunk.awareness[k] = awareness;
    }
    let fatigue = chunk.fatigue[k];
    if fatigue > 0.0 {
        let kept = fatigue * p.fatigue_keep_per_day;
        chunk.fatigue[k] = if kept < LEVEL_FLOOR { 0.0 } else { kept };
    }
    let mut relationship = chunk.relationship[k];
    if relationship > 0.0 && today.saturating_sub(chunk.last_contact[k]) > p.relationship_grace_days {
        let before = relationship;
        let kept = relationship * p.relationship_keep_per_day;
        relationship = if kept < LEVEL_FLOOR { 0.0 } else { kept };
        chunk.relationship[k] = relationship;
        if before >= p.strong_threshold && relationship < p.strong_threshold {
            out.credit(Outcome::StrongLost, Cause::Cooling);
            note_cooled(chunk, k, before, out);
        }
    }
    // `stage_of` for someone untouched (no funnel stage, not following).
    let stage = if chunk.flags[k] & (flag::LEFT | flag::CHURNED) != 0 {
        Stage::Lapsed
    } else if awareness >= p.aware_threshold {
        Stage::Aware
    } else {
        Stage::Stranger
    };
    debug_assert_eq!(
        stage,
        stage_of(
            chunk.flags[k],
            chunk.funnel[k],
            awareness,
            relationship,
            p.aware_threshold,
            p.engaged_threshold
        )
    );
    out.counts.stages[stage as usize] += 1;
    if relationship >= p.strong_threshold {
        out.counts.strong_relationships += 1;
    }
}

/// A watched person on the fast path whose bond cooled below strong.
fn note_cooled(chunk: &AgentsMut, k: usize, relationship_before: f32, out: &mut ChunkOut) {
    let shares = out.shares.len();
    if let Some(watcher) = out.watch.as_deref_mut()
        && watcher.agent as usize == chunk.start + k
    {
        let now = stored_snapshot(chunk, k);
        let before = Snapshot {
            relationship: relationship_before,
            ..now
        };
        watcher.begin(before, shares);
        watcher.note(now, TraceStep::Cooled, Some(Cause::Cooling), shares);
    }
}

/// The person's working copy, after a night: awareness and fatigue fade,
/// an unattended relationship cools, sentiment drifts toward neutral.
fn load_and_decay(chunk: &AgentsMut, k: usize, ctx: &DayContext) -> Person {
    let p = ctx.params;
    let mut person = Person {
        index: (chunk.start + k) as u32,
        segment: chunk.segment[k] as usize,
        platforms: chunk.platforms[k],
        interest: chunk.interest[k],
        awareness: chunk.awareness[k] * p.awareness_keep_per_day,
        relationship: chunk.relationship[k],
        sentiment: chunk.sentiment[k],
        fatigue: chunk.fatigue[k] * p.fatigue_keep_per_day,
        flags: chunk.flags[k],
        funnel: chunk.funnel[k],
        comment_since: chunk.comment_since[k],
        last_contact: chunk.last_contact[k],
        story: chunk.story[k],
        reached: false,
        touch: chunk.touch[k],
        strong_before: chunk.relationship[k] >= p.strong_threshold,
        raised_by: None,
        fell_by: None,
        held: 0.0,
    };
    if ctx.today().saturating_sub(person.last_contact) > p.relationship_grace_days {
        person.relationship *= p.relationship_keep_per_day;
    }
    person.sentiment -= person.sentiment * p.sentiment_drift_per_day;
    person
}

/// Two-way contact first: the brand answered, or came to talk; then a
/// friend's complaint.
fn meet_the_brand(
    person: &mut Person,
    inbox_bits: u8,
    item_platform: u8,
    ctx: &DayContext,
    rng: &mut Rng,
    out: &mut ChunkOut,
) {
    let p = ctx.params;
    let today = ctx.today();
    if inbox_bits & inbox::REPLY != 0 {
        person.relationship = grow(person.relationship, p.relationship_per_reply);
        person.sentiment = grow(person.sentiment, p.sentiment_per_reply);
        person.comment_since = 0;
        person.last_contact = today;
        person.story.replies_received = person.story.replies_received.saturating_add(1);
        person.reached = true;
        person.raised(Cause::Reply);
        out.note(person, TraceStep::Answered, Some(Cause::Reply));
    }
    if inbox_bits & inbox::PUSH != 0 {
        // Only the engagement batches set this bit: the brand's comment on
        // the person's own post (its questions reach people as posts).
        let cause = Cause::BrandComment;
        person.relationship = grow(person.relationship, p.relationship_per_push);
        person.sentiment = grow(
            person.sentiment,
            p.sentiment_per_engagement * p.push_sentiment_factor,
        );
        person.awareness = person.awareness.max(p.push_awareness);
        person.last_contact = today;
        person.story.brand_contacts = person.story.brand_contacts.saturating_add(1);
        person.reached = true;
        person.raised(cause);
        let warmth = p.push_warmth_base + person.interest(ContentType::Conversation);
        if !person.follows() && rng.chance(p.follow_back * warmth) {
            follow(person, p, today, cause, out);
        }
        if rng.chance(p.push_reciprocal_share * warmth) {
            out.share(
                person.index,
                pack_item(item_platform, ContentType::Conversation),
                false,
            );
        }
        out.note(person, TraceStep::CommentedOn, Some(cause));
    }
    if inbox_bits & inbox::CONNECT != 0 {
        // A connection request: accepting it is following, a presence in the
        // person's feed, not a bond (no relationship, no contact).
        let chance = p.connect_accept * (p.connect_accept_base + person.awareness);
        if !person.follows() && rng.chance(chance) {
            follow(person, p, today, Cause::Connection, out);
            out.counts.connections_accepted += 1;
        }
        person.awareness = grow(person.awareness, p.awareness_per_exposure);
        person.reached = true;
        out.note(person, TraceStep::AskedToConnect, Some(Cause::Connection));
    }
    if inbox_bits & inbox::COMPLAINT != 0 {
        // A friend's complaint weighs less on people who trust the brand.
        person.sentiment =
            (person.sentiment - ctx.complaint_severity * (1.0 - person.relationship)).max(-1.0);
        person.reached = true;
        person.touch = touch::with_soured_by(person.touch, Some(Cause::ReviewStorm));
        out.note(person, TraceStep::HeardComplaint, Some(Cause::ReviewStorm));
    }
}

/// A live session: followers online on that platform may join.
fn attend_live(person: &mut Person, online: bool, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    let p = ctx.params;
    let Some(live_platform) = ctx.live else {
        return;
    };
    if !(person.follows() && online && person.uses(live_platform)) {
        return;
    }
    let chance = p.live_attendance
        * person.interest(ContentType::Conversation)
        * (p.live_attendance_base + person.relationship);
    if rng.chance(chance) {
        person.relationship = grow(person.relationship, p.relationship_per_live);
        person.sentiment = grow(person.sentiment, p.sentiment_per_reply);
        person.last_contact = ctx.today();
        person.story.brand_contacts = person.story.brand_contacts.saturating_add(1);
        person.reached = true;
        person.raised(Cause::LiveSession);
        out.counts.live_attendees += 1;
        if rng.chance(p.share_per_engagement * p.live_share_factor) {
            out.share(
                person.index,
                pack_item(live_platform, ContentType::Conversation),
                false,
            );
        }
        out.note(person, TraceStep::JoinedLive, Some(Cause::LiveSession));
    }
}

/// Posts in the feed of followers. Organic reach figures are already shares
/// of all followers, so being online is part of them.
fn read_feed(person: &mut Person, attention: f32, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    if !person.follows() {
        return;
    }
    let p = ctx.params;
    for post in &ctx.posts {
        if !person.uses(post.platform) {
            continue;
        }
        let reach = post.reach * (1.0 + p.reach_boost_per_relationship * person.relationship) * attention;
        if rng.chance(reach) {
            react(person, post.in_feed(), ctx, rng, out);
        }
    }
}

/// A comment that waited too long sours the person who wrote it.
fn sour_if_ignored(person: &mut Person, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    let p = ctx.params;
    let today = ctx.today();
    if person.comment_since != 0 && today - person.comment_since >= p.reply_patience_days {
        let cause = Cause::IgnoredComment;
        let was_strong = person.relationship >= p.strong_threshold;
        person.comment_since = 0;
        person.sentiment = (person.sentiment - p.sentiment_per_unanswered).max(-1.0);
        person.relationship = (person.relationship - p.relationship_per_unanswered).max(0.0);
        if was_strong && person.relationship < p.strong_threshold {
            person.fell_by = Some(cause);
        }
        person.touch = touch::with_soured_by(person.touch, Some(cause));
        person.story.ignored = person.story.ignored.saturating_add(1);
        out.counts.unanswered += 1;
        if person.follows() && rng.chance(p.unfollow_when_ignored) {
            unfollow(person, today, cause, out);
            out.counts.ignored_unfollows += 1;
        }
        out.note(person, TraceStep::Ignored, Some(cause));
    }
}

/// Tired or unhappy followers drift away; a bond holds them. An unfollow is
/// credited to the larger of the two pulls (fatigue on a tie).
fn drift_away(person: &mut Person, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    let p = ctx.params;
    if person.follows() {
        let tired =
            p.unfollow_at_full_fatigue * person.fatigue * person.fatigue * (1.0 - person.relationship);
        let unhappy = p.unfollow_per_negative_sentiment * (-person.sentiment).max(0.0);
        let hazard = tired + unhappy;
        if rng.chance(hazard) {
            let cause = if tired >= unhappy {
                Cause::Fatigue
            } else {
                person.mood_cause()
            };
            unfollow(person, ctx.today(), cause, out);
            out.note(person, TraceStep::DriftedAway, Some(cause));
        }
    }
}

/// Writes the person back, clears their inbox, and counts them (and credits
/// a strong relationship made or lost today).
fn store_and_count(mut person: Person, chunk: &mut AgentsMut, k: usize, p: &ModelParams, out: &mut ChunkOut) {
    if person.awareness < AWARENESS_FLOOR {
        person.awareness = 0.0;
    }
    if person.fatigue < LEVEL_FLOOR {
        person.fatigue = 0.0;
    }
    chunk.awareness[k] = person.awareness;
    chunk.relationship[k] = person.relationship;
    chunk.sentiment[k] = person.sentiment.clamp(-1.0, 1.0);
    chunk.fatigue[k] = person.fatigue;
    chunk.flags[k] = person.flags;
    chunk.funnel[k] = person.funnel;
    chunk.comment_since[k] = person.comment_since;
    chunk.last_contact[k] = person.last_contact;
    chunk.inbox[k] = 0;
    chunk.story[k] = person.story;

    let strong = person.relationship >= p.strong_threshold;
    if strong != person.strong_before {
        if strong {
            // Only growth takes a bond up, and every growth names its cause.
            let cause = person.raised_by.unwrap_or_else(|| person.last_touch());
            out.credit(Outcome::StrongGained, cause);
        } else {
            out.credit(Outcome::StrongLost, person.fell_by.unwrap_or(Cause::Cooling));
        }
    }
    // A mood that is no longer sour is no longer anyone's doing.
    let soured = if chunk.sentiment[k] >= 0.0 {
        touch::with_soured_by(person.touch, None)
    } else {
        person.touch
    };
    chunk.touch[k] = soured & !touch::RECOMMENDED;

    let counts = &mut out.counts;
    if person.reached {
        counts.reach += 1;
    }
    let stage = stage_of(
        person.flags,
        person.funnel,
        person.awareness,
        person.relationship,
        p.aware_threshold,
        p.engaged_threshold,
    );
    counts.stages[stage as usize] += 1;
    if person.follows() {
        counts.followers += 1;
        out.relationship_sum += person.relationship as f64;
    }
    if strong {
        counts.strong_relationships += 1;
    }
    if person.funnel == Funnel::Advocate {
        counts.advocates += 1;
    }
    if person.follows() || person.funnel != Funnel::None {
        out.known += 1;
        out.sentiment_sum += chunk.sentiment[k] as f64;
    }
}
