//! The daily pass: the day of every person something happens to (a
//! post in their feed, something in their inbox, a chance of theirs that
//! comes true today, a comment running out of patience, a level fading
//! across a threshold the counts watch). Nobody else is visited: their
//! levels fade in closed form (`audience::decay`) and the ledger keeps the
//! counts without them.
//!
//! The pass runs in fixed chunks of people on every core; each person's
//! draws come from `(seed, day, person)`, and chunk results are merged in
//! chunk order, so the outcome is the same at any thread count. With
//! `DayContext::eager` every person is visited every day instead (the check
//! that visiting only those who need it changes nothing).
//!
//! `today` holds what the pass works with, `react` a person's reactions to
//! content, `chances` what may happen to a person on their own and when
//! they next need a visit, `chunks` the pass's view of the arrays; this
//! file walks the people and runs the steps of a person's day in their
//! fixed order (the order of the random draws).

mod chances;
mod chunks;
mod market;
mod react;
mod today;

use super::attribution::{Cause, Outcome, touch};
use super::audience::ledger::Record;
use super::audience::{
    ACTIVITY_SCALE, Audience, PREFETCH_AHEAD, inbox, inbox_platform, inbox_tone, is_automated, pack_item,
    unpack_item,
};
use super::rng::Rng;
use super::trace::{Snapshot, TraceStep, Watcher};
use super::types::ContentType;
use chunks::AgentsMut;
use rayon::prelude::*;
use react::{follow, react};
use today::{Exposure, Person, Source, grow};

pub use chances::HAZARD_FLOOR;
pub use chunks::plain_pass;
pub use market::{MarketSide, market_marks, market_pass, person_marks};
pub use today::{ChunkOut, DayContext, DayKeys, LiveToday, PostToday, Purchase, tone_bond, tone_clicks};

pub use super::audience::CHUNK;

/// Who the pass visits today on one brand's side: people in index order,
/// each once, and the feed's draws (person, post) in person then post order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Visits {
    pub people: Vec<u32>,
    pub feed: Vec<(u32, u8)>,
}

impl Visits {
    /// The part of the visits in people `range` (sorted lists, so two
    /// binary searches each).
    fn within(&self, range: std::ops::Range<usize>) -> (&[u32], &[(u32, u8)]) {
        let (start, end) = (range.start as u32, range.end as u32);
        let people = {
            let a = self.people.partition_point(|&p| p < start);
            let b = self.people.partition_point(|&p| p < end);
            &self.people[a..b]
        };
        let feed = {
            let a = self.feed.partition_point(|&(p, _)| p < start);
            let b = self.feed.partition_point(|&(p, _)| p < end);
            &self.feed[a..b]
        };
        (people, feed)
    }
}

/// Runs the pass over today's visits on the current rayon pool and merges
/// the chunks' results in chunk order.
pub fn daily_pass(audience: &mut Audience, ctx: &DayContext, visits: &Visits) -> ChunkOut {
    let chunks: Vec<ChunkOut> = audience
        .chunks_mut(CHUNK)
        .into_par_iter()
        .filter_map(|mut chunk| {
            let range = chunk.start..chunk.start + chunk.len();
            let (people, feed) = visits.within(range.clone());
            let watched = ctx.watch.is_some_and(|w| range.contains(&(w.agent as usize)));
            if people.is_empty() && !ctx.eager && !watched {
                return None;
            }
            Some(pass_chunk(&mut chunk, ctx, people, feed))
        })
        .collect();
    ChunkOut::merge(chunks)
}

fn pass_chunk(chunk: &mut AgentsMut, ctx: &DayContext, people: &[u32], feed: &[(u32, u8)]) -> ChunkOut {
    let mut out = ChunkOut::default();
    start_watch(chunk, ctx, &mut out);
    let mut scratch = ChunkOut::default();
    let mut feed_at = 0;
    let start = chunk.start;
    let everyone: Vec<u32>;
    let people = if ctx.eager {
        everyone = (start..start + chunk.len()).map(|i| i as u32).collect();
        &everyone[..]
    } else {
        people
    };
    // The cells of the first people are asked for at once, then each
    // person's a few people ahead of their day; their shares by
    // contribution in two steps (the slot, then what it points to), as
    // each is a line of its own.
    for &ahead in people.iter().take(PREFETCH_AHEAD) {
        chunk.prefetch(ahead as usize - start);
    }
    for (n, &person) in people.iter().enumerate() {
        if let Some(&ahead) = people.get(n + PREFETCH_AHEAD) {
            chunk.prefetch(ahead as usize - start);
        }
        if let Some(&near) = people.get(n + PREFETCH_AHEAD / 2) {
            chunk.prefetch_shares(near as usize - start);
        }
        let k = person as usize - start;
        let posts = take_feed(feed, &mut feed_at, person);
        let (record, tonight, refile) = visit(chunk, k, ctx, &mut out, posts, None);
        if refile {
            schedule(chunk, k, &record, &tonight, ctx, &[], &mut out, &mut scratch);
        }
    }
    out
}

/// The feed draws of `person` from a list in person order, read from `at` on.
fn take_feed<'f>(feed: &'f [(u32, u8)], at: &mut usize, person: u32) -> &'f [(u32, u8)] {
    while *at < feed.len() && feed[*at].0 < person {
        *at += 1;
    }
    let from = *at;
    while *at < feed.len() && feed[*at].0 == person {
        *at += 1;
    }
    &feed[from..*at]
}

/// Puts the watcher in the chunk's results when the watched person is in
/// the chunk.
fn start_watch(chunk: &AgentsMut, ctx: &DayContext, out: &mut ChunkOut) {
    if let Some(watching) = ctx.watch {
        let range = chunk.start..chunk.start + chunk.len();
        if range.contains(&(watching.agent as usize)) {
            out.watch = Some(Box::new(Watcher::new(
                watching,
                ctx.day,
                ctx.params.strong_threshold,
            )));
        }
    }
}

/// What a market adds to a person's day with one brand: the share of their
/// attention left to it, and how firmly a rival holds them as its customer.
#[derive(Clone, Copy, Debug)]
pub struct InMarket {
    pub attention: f32,
    pub held: f32,
}

/// The day of person `k` of the chunk: whatever reached them (`posts`: the
/// feed posts they were drawn for) and what happens to them on their own.
/// Someone nothing happened to is not stored (their levels keep fading
/// from where they were stored); the ledger follows any change of where
/// they stand. Returns their record tonight, their working copy, and
/// whether their next visit must be filed anew (they changed, or today was
/// the visit filed).
///
/// A follower drawn for a feed post who does not see it, with nothing else
/// today, is left as they were: the walk that filed their next visit
/// already showed that no chance of theirs comes true before it.
fn visit(
    chunk: &mut AgentsMut,
    k: usize,
    ctx: &DayContext,
    out: &mut ChunkOut,
    posts: &[(u32, u8)],
    market: Option<InMarket>,
) -> (Record, Person, bool) {
    let index = (chunk.start + k) as u32;
    let today = ctx.today();
    let stored = chunk.record(k);
    let inbox_bits = chunk.cells[k].inbox;
    let touched = inbox_bits != 0 || !posts.is_empty();
    let due = chunk.cells[k].next_visit == today;
    out.visited += 1;
    let mut person = person_of(chunk, k, ctx, &stored);
    if out.watch.is_some() {
        begin_watch(chunk, k, out, &stored, ctx, &person);
    }
    let InMarket { attention, held } = market.unwrap_or(InMarket {
        attention: 1.0,
        held: 0.0,
    });
    person.held = held;
    if touched {
        let mut rng = ctx.agent_rng(index);
        let item = chunk.cells[k].inbox_item;
        meet_the_brand(&mut person, inbox_bits, ctx, &mut rng, out);
        if inbox_bits & inbox::LIVE != 0 {
            attend_live(&mut person, ctx, &mut rng, out);
        }
        read_feed(&mut person, posts, attention, ctx, &mut rng, out);
        read_inbox(&mut person, inbox_bits, item, attention, ctx, &mut rng, out);
        chunk.cells[k].inbox = 0;
    }
    let changed = inbox_bits != 0 || person.reached;
    let looked_at = changed || due || ctx.eager;
    if !looked_at {
        return (stored, person, false);
    }
    let before = stored.standing_on(today - 1, &ctx.decay, ctx.thresholds);
    chances::sour_if_ignored(&mut person, ctx, out);
    let mut hazard = chances::hazard_rng(ctx, today, index);
    chances::chances(&mut person, ctx, today, &mut hazard, out);

    let stores = changed || person.fired;
    let record = if stores {
        let record = chances::record_of(&person, today);
        chunk.write(k, &record);
        out.ledger.rewrite(index, &stored, &record, &ctx.decay);
        chunk.cells[k].touch = settle_touch(&person);
        person.settle();
        chunk.write_built(k, person.built);
        record
    } else {
        stored
    };
    let after = record.standing_on(today, &ctx.decay, ctx.thresholds);
    out.ledger.restand(before, after);
    credit_strong(&person, before.strong, after.strong, out);
    if person.reached {
        out.counts.reach += 1;
        count_first_reach_of_week(chunk, k, ctx.day, out);
    }
    (record, person, stores || due)
}

/// Files person `k`'s next visit (lazy people only: eagerly, everyone is
/// visited every day). `rivals`: their records with the market's other
/// brands tonight.
#[allow(clippy::too_many_arguments)]
fn schedule(
    chunk: &mut AgentsMut,
    k: usize,
    record: &Record,
    person: &Person,
    ctx: &DayContext,
    rivals: &[Record],
    out: &mut ChunkOut,
    scratch: &mut ChunkOut,
) {
    if ctx.eager {
        return;
    }
    let next = chances::next_visit(record, person, ctx, ctx.today(), rivals, scratch);
    chunk.cells[k].next_visit = next;
    if next != 0 {
        out.ledger.schedule.push((next, person.index));
    }
}

/// The person's working copy for today: their stored record read for today.
fn person_of(chunk: &AgentsMut, k: usize, ctx: &DayContext, stored: &Record) -> Person {
    person_on(chunk, k, ctx, stored, ctx.today())
}

/// The person's working copy for day `day`: their stored record read then.
fn person_on(chunk: &AgentsMut, k: usize, ctx: &DayContext, stored: &Record, day: u16) -> Person {
    let levels = stored.levels_on(day, &ctx.decay);
    Person {
        index: (chunk.start + k) as u32,
        segment: chunk.cells[k].segment as usize,
        platforms: chunk.cells[k].platforms,
        interest: chunk.cells[k].interest,
        activity: chunk.cells[k].activity,
        awareness: levels.awareness,
        relationship: levels.relationship,
        sentiment: levels.sentiment,
        fatigue: levels.fatigue,
        flags: stored.flags,
        funnel: stored.funnel,
        comment_since: stored.comment_since,
        comment_platform: stored.comment_platform,
        last_contact: stored.last_contact,
        story: stored.story,
        reached: false,
        touch: chunk.cells[k].touch,
        raised_by: None,
        fell_by: None,
        built: chunk.built.get(k),
        counted: [levels.awareness, levels.relationship],
        pending: None,
        held: 0.0,
        fired: false,
    }
}

/// Files the first visit of everyone as the game begins (day 0 as stored):
/// day-one followers' chances, known strangers forgetting the brand.
/// Returns the (day, person) visits; eagerly, none.
pub fn schedule_everyone(audience: &mut Audience, ctx: &DayContext) -> Vec<(u16, u32)> {
    if ctx.eager {
        return Vec::new();
    }
    let lists: Vec<Vec<(u16, u32)>> = audience
        .chunks_mut(CHUNK)
        .into_par_iter()
        .map(|chunk| {
            let mut scratch = ChunkOut::default();
            let mut filed = Vec::new();
            for k in 0..chunk.len() {
                let record = chunk.record(k);
                let person = person_on(&chunk, k, ctx, &record, 0);
                let next = chances::next_visit(&record, &person, ctx, 0, &[], &mut scratch);
                chunk.cells[k].next_visit = next;
                if next != 0 {
                    filed.push((next, person.index));
                }
            }
            filed
        })
        .collect();
    lists.concat()
}

/// The next visit of person `agent` standing as stored, on day `today`
/// (as stored), nothing else happening (see `change_person`).
pub fn next_visit_of(audience: &Audience, agent: usize, ctx: &DayContext, today: u16) -> u16 {
    let record = audience.record(agent);
    let levels = record.levels_on(today, &ctx.decay);
    let cell = &audience.cells[agent];
    let person = Person {
        index: agent as u32,
        segment: cell.segment as usize,
        platforms: cell.platforms,
        interest: cell.interest,
        activity: cell.activity,
        awareness: levels.awareness,
        relationship: levels.relationship,
        sentiment: levels.sentiment,
        fatigue: levels.fatigue,
        flags: record.flags,
        funnel: record.funnel,
        comment_since: record.comment_since,
        comment_platform: record.comment_platform,
        last_contact: record.last_contact,
        story: record.story,
        reached: false,
        touch: cell.touch,
        raised_by: None,
        fell_by: None,
        built: Default::default(),
        counted: [levels.awareness, levels.relationship],
        pending: None,
        held: 0.0,
        fired: false,
    };
    chances::next_visit(&record, &person, ctx, today, &[], &mut ChunkOut::default())
}

/// Credits a strong relationship made or lost today (net over the day:
/// from where it stood yesterday to where it stands tonight).
fn credit_strong(person: &Person, strong_before: bool, strong_after: bool, out: &mut ChunkOut) {
    if strong_before == strong_after {
        return;
    }
    if strong_after {
        // Only growth takes a bond up, and every growth names its cause.
        let cause = person.raised_by.unwrap_or_else(|| person.last_touch());
        out.credit_stock(Outcome::StrongGained, cause, person);
    } else {
        out.credit(Outcome::StrongLost, person.fell_by.unwrap_or(Cause::Cooling));
    }
}

/// The recorded byte after the day: a mood that is no longer sour is no
/// longer anyone's doing, and today's share mark is spent.
fn settle_touch(person: &Person) -> u8 {
    let soured = if person.sentiment >= 0.0 {
        touch::with_soured_by(person.touch, None)
    } else {
        person.touch
    };
    soured & !touch::RECOMMENDED
}

/// Counts a person reached today once in the week (record only: no rule
/// reads `reached_week`, and the state hash leaves it out).
fn count_first_reach_of_week(chunk: &mut AgentsMut, k: usize, day: u32, out: &mut ChunkOut) {
    // Games are at most 104 weeks long, so a byte holds the week.
    let week = (day / 7 + 1).min(u8::MAX as u32) as u8;
    if chunk.cells[k].reached_week != week {
        chunk.cells[k].reached_week = week;
        out.counts.first_reach_of_week += 1;
    }
}

/// The watched person as their day begins (as they stood last night), and
/// the night's cooling when it cost a strong bond.
fn begin_watch(
    chunk: &AgentsMut,
    k: usize,
    out: &mut ChunkOut,
    stored: &Record,
    ctx: &DayContext,
    now: &Person,
) {
    let shares = out.shares.len();
    if let Some(watcher) = out.watch.as_deref_mut()
        && watcher.agent as usize == chunk.start + k
    {
        let last_night = stored.levels_on(ctx.today() - 1, &ctx.decay);
        let start = Snapshot {
            awareness: last_night.awareness,
            relationship: last_night.relationship,
            sentiment: last_night.sentiment,
            fatigue: last_night.fatigue,
            ..now.snapshot()
        };
        watcher.begin(start, shares);
        watcher.note(now.snapshot(), TraceStep::Cooled, Some(Cause::Cooling), shares);
    }
}

/// The growth of a bond by an exchange of the brand's, in its tone, on a
/// platform with its room for conversation, with this person's taste.
fn exchange_bond(
    person: &Person,
    ctx: &DayContext,
    platform: u8,
    tone: super::types::Tone,
    base: f32,
) -> f32 {
    let p = ctx.params;
    let room = ctx
        .platforms
        .get(platform as usize)
        .map_or(1.0, |pl| pl.room(p.room_base));
    let fit = tone_fit(person, ctx, platform, tone);
    (base * room * tone_bond(p, tone) * fit).min(1.0)
}

/// How well a tone goes down with the person's segment on a platform.
pub(super) fn tone_fit(person: &Person, ctx: &DayContext, platform: u8, tone: super::types::Tone) -> f32 {
    let segment = ctx
        .segments
        .get(person.segment)
        .map_or(1.0, |s| s.tone_fit_of(tone));
    let platform = ctx
        .platforms
        .get(platform as usize)
        .map_or(1.0, |pl| pl.tone_fit[tone.index()]);
    segment * platform
}

/// What came to the person today from the brand or about it, outside the
/// content they see: their own complaint in a storm, the brand's answer,
/// its comment on their post, a connection request, a friend's complaint,
/// the brand seen answering (or not answering) someone in public.
fn meet_the_brand(person: &mut Person, bits: u32, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    let p = ctx.params;
    let today = ctx.today();
    let tone = inbox_tone(bits);
    if bits & inbox::STORM != 0 {
        person.sentiment = (person.sentiment - ctx.storm_severity).max(-1.0);
        person.touch = touch::with_soured_by(person.touch, Some(Cause::ReviewStorm));
        if person.comment_since == 0 {
            person.comment_since = today;
            person.comment_platform = person.platforms.trailing_zeros().min(7) as u8;
            out.new_comments.push((person.index, person.comment_platform));
            out.counts.complaints += 1;
        }
        person.reached = true;
        out.note(person, TraceStep::Complained, Some(Cause::ReviewStorm));
    }
    if bits & inbox::REPLY != 0 {
        let platform = person.comment_platform;
        let gain = exchange_bond(person, ctx, platform, tone, p.relationship_per_reply);
        person.relationship = grow(person.relationship, gain);
        person.sentiment = grow(
            person.sentiment,
            (p.sentiment_per_reply * tone_fit(person, ctx, platform, tone)).min(1.0),
        );
        // They wrote and the brand answered: a reciprocated exchange.
        person.comment_since = 0;
        if ctx.mechanisms.reciprocity {
            person.last_contact = today;
            out.exchanged.push(person.index);
        }
        person.story.replies_received = person.story.replies_received.saturating_add(1);
        person.reached = true;
        person.raised(Cause::Reply);
        person.account(Cause::Reply);
        out.note(person, TraceStep::Answered, Some(Cause::Reply));
    }
    if bits & inbox::PUSH != 0 {
        let cause = Cause::BrandComment;
        let platform = inbox_platform(bits);
        let gain = exchange_bond(person, ctx, platform, tone, p.relationship_per_push);
        person.relationship = grow(person.relationship, gain);
        person.sentiment = grow(
            person.sentiment,
            p.sentiment_per_engagement * p.push_sentiment_factor,
        );
        let closer = ctx.mechanisms.talk_brings_followers;
        if closer {
            person.awareness = person.awareness.max(p.push_awareness);
        }
        person.story.brand_contacts = person.story.brand_contacts.saturating_add(1);
        person.reached = true;
        person.raised(cause);
        let warmth = p.push_warmth_base + person.interest(ContentType::Conversation);
        let room = ctx
            .platforms
            .get(platform as usize)
            .map_or(1.0, |pl| pl.conversation);
        if ctx.mechanisms.reciprocity && rng.chance(p.push_response * warmth * room) {
            // They answer the brand's comment: the exchange is reciprocated.
            person.relationship = grow(person.relationship, p.relationship_per_comment);
            person.last_contact = today;
            person.story.comments = person.story.comments.saturating_add(1);
            out.counts.push_responses += 1;
            out.exchanged.push(person.index);
        }
        if closer && !person.follows() && rng.chance(p.follow_back * warmth) {
            follow(person, p, today, cause, out);
        }
        if closer && rng.chance(p.push_reciprocal_share * warmth) {
            out.share(
                person.index,
                pack_item(platform, ContentType::Conversation, tone),
                false,
            );
        }
        person.account(cause);
        out.note(person, TraceStep::CommentedOn, Some(cause));
    }
    if bits & inbox::CONNECT != 0 {
        // A connection request: accepting it is following, a presence in the
        // person's feed, not a bond (no relationship, no contact).
        let chance = p.connect_accept * (p.connect_accept_base + person.awareness);
        if !person.follows() && rng.chance(chance) {
            follow(person, p, today, Cause::Connection, out);
            out.counts.connections_accepted += 1;
        }
        person.awareness = grow(person.awareness, p.awareness_per_exposure);
        person.reached = true;
        person.account(Cause::Connection);
        out.note(person, TraceStep::AskedToConnect, Some(Cause::Connection));
    }
    if bits & inbox::COMPLAINT != 0 {
        // A friend's complaint weighs less on people who trust the brand.
        person.sentiment =
            (person.sentiment - ctx.complaint_severity * (1.0 - person.relationship)).max(-1.0);
        person.reached = true;
        person.touch = touch::with_soured_by(person.touch, Some(Cause::ReviewStorm));
        out.note(person, TraceStep::HeardComplaint, Some(Cause::ReviewStorm));
    }
    if bits & inbox::ANSWER_SEEN != 0 {
        // An open image: the brand seen answering a friend in public.
        person.awareness = grow(person.awareness, p.awareness_per_exposure);
        person.sentiment = grow(person.sentiment, p.sentiment_per_answer_seen);
        person.reached = true;
        out.counts.answers_seen += 1;
        if !person.follows() {
            let chance =
                p.follow_per_exposure * (p.follow_awareness_base + person.awareness) * person.mood(p);
            if rng.chance(chance) {
                follow(person, p, today, Cause::AnswerSeen, out);
            }
        }
        person.account(Cause::AnswerSeen);
        out.note(person, TraceStep::SawAnswer, Some(Cause::AnswerSeen));
    }
    if bits & inbox::IGNORED_SEEN != 0 {
        person.sentiment = (person.sentiment - p.sentiment_per_ignored_seen).max(-1.0);
        person.touch = touch::with_soured_by(person.touch, Some(Cause::IgnoredSeen));
        person.reached = true;
        out.counts.ignored_seen += 1;
        out.note(person, TraceStep::SawIgnored, Some(Cause::IgnoredSeen));
    }
}

/// A live session: the person, a follower drawn at the session's highest
/// rate, joins at their own chance over it (online, keen on talk, the
/// closer the bond the likelier).
fn attend_live(person: &mut Person, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    let p = ctx.params;
    let Some(live) = ctx.live else {
        return;
    };
    if !person.follows() || !person.uses(live.platform) || live.top_chance <= 0.0 {
        return;
    }
    let chance = person.activity as f32
        * ACTIVITY_SCALE
        * p.live_attendance
        * person.interest(ContentType::Conversation)
        * (p.live_attendance_base + person.relationship);
    if rng.chance(chance / live.top_chance) {
        let gain = exchange_bond(person, ctx, live.platform, live.tone, p.relationship_per_live);
        person.relationship = grow(person.relationship, gain);
        person.sentiment = grow(person.sentiment, p.sentiment_per_reply);
        // An hour together, talking both ways: reciprocated.
        if ctx.mechanisms.reciprocity {
            person.last_contact = ctx.today();
            out.exchanged.push(person.index);
        }
        person.story.brand_contacts = person.story.brand_contacts.saturating_add(1);
        person.reached = true;
        person.raised(Cause::LiveSession);
        out.counts.live_attendees += 1;
        if rng.chance(p.share_per_engagement * p.live_share_factor) {
            out.share(
                person.index,
                pack_item(live.platform, ContentType::Conversation, live.tone),
                false,
            );
        }
        person.account(Cause::LiveSession);
        out.note(person, TraceStep::JoinedLive, Some(Cause::LiveSession));
    }
}

/// Posts in the feed: the person was drawn for these posts at each post's
/// highest reach, and sees each at their own chance over it (ranking
/// favours accounts people interact with; in a market other brands crowd
/// the feed).
fn read_feed(
    person: &mut Person,
    posts: &[(u32, u8)],
    attention: f32,
    ctx: &DayContext,
    rng: &mut Rng,
    out: &mut ChunkOut,
) {
    let p = ctx.params;
    for &(_, j) in posts {
        let Some(post) = ctx.posts.get(j as usize) else {
            continue;
        };
        if !person.follows() || !person.uses(post.platform) {
            continue;
        }
        let top = post.top_reach(p);
        let boost = if ctx.mechanisms.ranking_by_bond {
            p.reach_boost_per_relationship * person.relationship
        } else {
            0.0
        };
        let reach = (post.reach * (1.0 + boost)).min(1.0) * attention;
        if top > 0.0 && rng.chance(reach / top) {
            react(person, post.in_feed(), ctx, rng, out);
        }
    }
}

/// Posts that surfaced outside the feed, friends' shares and ads, in that
/// fixed order: the content's own appeal, with a friend's word trusted
/// more; an ad is always an offer. A copy of an automated post keeps the
/// automation's cost.
#[allow(clippy::too_many_arguments)]
fn read_inbox(
    person: &mut Person,
    bits: u32,
    item: u16,
    attention: f32,
    ctx: &DayContext,
    rng: &mut Rng,
    out: &mut ChunkOut,
) {
    let (platform, content, tone) = unpack_item(item);
    let automated = is_automated(item);
    let quality = if automated {
        ctx.params.scheduled_quality
    } else {
        1.0
    };
    let shared_by = if person.touch & touch::RECOMMENDED != 0 {
        Cause::Recommendation
    } else {
        Cause::FriendShare
    };
    for (bit, source, cause, content, tone, quality, scheduled) in [
        (
            inbox::DISCOVER,
            Source::Discovery,
            Cause::DiscoveredPost,
            content,
            tone,
            quality,
            automated,
        ),
        (
            inbox::SHARE,
            Source::Friend,
            shared_by,
            content,
            tone,
            quality,
            automated,
        ),
        (
            inbox::AD,
            Source::Ad,
            Cause::Ad,
            ContentType::Offer,
            super::types::Tone::Promotional,
            1.0,
            false,
        ),
    ] {
        // Crowded out by other brands' items (markets only: alone, the
        // attention is whole and no draw is made).
        if bits & bit != 0 && (attention >= 1.0 || rng.chance(attention)) {
            let seen = Exposure {
                platform,
                content,
                tone,
                quality,
                scheduled,
                source,
                cause,
            };
            react(person, seen, ctx, rng, out);
        }
    }
}
