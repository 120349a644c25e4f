//! The daily pass over every person: decay, reactions to what reached them,
//! the funnel. Runs in fixed-size chunks on every core; each person's draws
//! come from `(seed, day, person)`, and chunk results are merged in chunk
//! order, so the outcome is the same at any thread count.

use super::audience::{Audience, INTEREST_SCALE, Story, flag, funnel, inbox, stage_of, unpack_item};
use super::params::ModelParams;
use super::rng::{Rng, Stream};
use super::scenario::Platform;
use super::types::{CONTENT_TYPES, ContentType, STAGES};
use rayon::prelude::*;

/// People per chunk. Fixed, so that float sums are grouped the same way
/// whatever the number of threads.
pub const CHUNK: usize = 4096;

/// A post that goes out today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PostToday {
    pub platform: u8,
    pub content: ContentType,
    /// Craft quality (content quality, automation) times trend.
    pub quality: f32,
    pub scheduled: bool,
    /// Chance a follower on the platform sees it before relationship boost.
    pub reach: f32,
}

/// Everything the pass needs to know about today.
pub struct DayContext<'a> {
    pub day: u32,
    pub seed: u64,
    pub params: &'a ModelParams,
    pub platforms: &'a [Platform],
    pub posts: Vec<PostToday>,
    /// A live session today on this platform.
    pub live: Option<u8>,
    /// Appeal multiplier per segment from listening (1 + bonus x insight).
    pub insight_mult: Vec<f32>,
    /// Appeal multiplier per content type from trends.
    pub trend: [f32; CONTENT_TYPES],
    pub sales_speed: f32,
    /// Sentiment lost by a friend of a complainer (review storm).
    pub complaint_severity: f32,
}

/// What one chunk produced.
#[derive(Clone, Debug, Default)]
pub struct ChunkOut {
    pub followers: u64,
    pub new_followers: u64,
    pub unfollows: u64,
    pub reach: u64,
    pub impressions: u64,
    pub engagements: u64,
    pub comments: u64,
    pub unanswered: u64,
    pub ignored_unfollows: u64,
    pub ad_clicks: u64,
    pub offer_clicks: u64,
    pub new_leads: u64,
    pub new_customers: u64,
    pub churned_customers: u64,
    pub live_attendees: u64,
    pub advocates: u64,
    pub strong: u64,
    pub relationship_sum: f64,
    pub known: u64,
    pub sentiment_sum: f64,
    pub stages: [u64; STAGES],
    /// People whose new comment now waits for an answer, in index order.
    pub new_comments: Vec<u32>,
    /// Shares made today: (person, packed platform and content).
    pub shares: Vec<(u32, u8)>,
}

/// Mutable view of a contiguous range of people.
pub struct AgentsMut<'a> {
    pub start: usize,
    pub segment: &'a [u8],
    pub platforms: &'a [u8],
    pub interest: &'a [[u8; CONTENT_TYPES]],
    pub activity: &'a [u8],
    pub awareness: &'a mut [f32],
    pub relationship: &'a mut [f32],
    pub sentiment: &'a mut [f32],
    pub fatigue: &'a mut [f32],
    pub flags: &'a mut [u8],
    pub funnel: &'a mut [u8],
    pub comment_since: &'a mut [u16],
    pub last_contact: &'a mut [u16],
    pub inbox: &'a mut [u8],
    pub inbox_item: &'a mut [u8],
    pub story: &'a mut [Story],
}

impl Audience {
    /// Splits the audience into disjoint chunks of `size` people.
    pub fn chunks_mut(&mut self, size: usize) -> Vec<AgentsMut<'_>> {
        let segment = self.segment.chunks(size);
        let mut platforms = self.platforms.chunks(size);
        let mut interest = self.interest.chunks(size);
        let mut activity = self.activity.chunks(size);
        let mut awareness = self.awareness.chunks_mut(size);
        let mut relationship = self.relationship.chunks_mut(size);
        let mut sentiment = self.sentiment.chunks_mut(size);
        let mut fatigue = self.fatigue.chunks_mut(size);
        let mut flags = self.flags.chunks_mut(size);
        let mut funnel_stage = self.funnel.chunks_mut(size);
        let mut comment_since = self.comment_since.chunks_mut(size);
        let mut last_contact = self.last_contact.chunks_mut(size);
        let mut inbox_bits = self.inbox.chunks_mut(size);
        let mut inbox_item = self.inbox_item.chunks_mut(size);
        let mut story = self.story.chunks_mut(size);
        let mut chunks = Vec::with_capacity(self.segment.len().div_ceil(size.max(1)));
        let mut start = 0;
        for segment in segment {
            let len = segment.len();
            // Every array has the same length, so every iterator yields here.
            let (
                Some(platforms),
                Some(interest),
                Some(activity),
                Some(awareness),
                Some(relationship),
                Some(sentiment),
                Some(fatigue),
                Some(flags),
                Some(funnel_stage),
                Some(comment_since),
                Some(last_contact),
                Some(inbox_bits),
                Some(inbox_item),
                Some(story),
            ) = (
                platforms.next(),
                interest.next(),
                activity.next(),
                awareness.next(),
                relationship.next(),
                sentiment.next(),
                fatigue.next(),
                flags.next(),
                funnel_stage.next(),
                comment_since.next(),
                last_contact.next(),
                inbox_bits.next(),
                inbox_item.next(),
                story.next(),
            )
            else {
                break;
            };
            chunks.push(AgentsMut {
                start,
                segment,
                platforms,
                interest,
                activity,
                awareness,
                relationship,
                sentiment,
                fatigue,
                flags,
                funnel: funnel_stage,
                comment_since,
                last_contact,
                inbox: inbox_bits,
                inbox_item,
                story,
            });
            start += len;
        }
        chunks
    }
}

/// Runs the pass over the whole audience on the current rayon pool.
pub fn daily_pass(audience: &mut Audience, ctx: &DayContext) -> Vec<ChunkOut> {
    audience
        .chunks_mut(CHUNK)
        .into_par_iter()
        .map(|mut chunk| pass_chunk(&mut chunk, ctx))
        .collect()
}

/// Where an exposure came from; it sets how much it is trusted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Feed,
    Discovery,
    Friend,
    Ad,
}

/// The working copy of one person's mutable state.
struct Person {
    index: u32,
    segment: usize,
    platforms: u8,
    interest: [u8; CONTENT_TYPES],
    awareness: f32,
    relationship: f32,
    sentiment: f32,
    fatigue: f32,
    flags: u8,
    funnel: u8,
    comment_since: u16,
    last_contact: u16,
    story: Story,
    reached: bool,
}

impl Person {
    fn follows(&self) -> bool {
        self.flags & flag::FOLLOWS != 0
    }

    fn uses(&self, platform: u8) -> bool {
        self.platforms & (1 << platform) != 0
    }

    fn interest(&self, content: ContentType) -> f32 {
        self.interest[content.index()] as f32 * INTEREST_SCALE
    }

    fn mood(&self) -> f32 {
        (1.0 - self.fatigue) * (1.0 + self.sentiment).clamp(0.2, 2.0)
    }
}

fn grow(value: f32, gain: f32) -> f32 {
    value + gain * (1.0 - value)
}

fn pass_chunk(chunk: &mut AgentsMut, ctx: &DayContext) -> ChunkOut {
    let p = ctx.params;
    let today = (ctx.day + 1) as u16;
    let mut out = ChunkOut::default();
    for k in 0..chunk.segment.len() {
        let inbox_bits = chunk.inbox[k];
        let flags = chunk.flags[k];
        let funnel_stage = chunk.funnel[k];
        let comment_since = chunk.comment_since[k];

        // Fast path: a person with no tie to the brand and nothing arriving
        // today only forgets a little.
        if inbox_bits == 0 && flags & flag::FOLLOWS == 0 && funnel_stage == funnel::NONE && comment_since == 0
        {
            let awareness = chunk.awareness[k];
            if awareness > 0.0 {
                let kept = awareness * p.awareness_keep_per_day;
                chunk.awareness[k] = if kept < 0.01 { 0.0 } else { kept };
            }
            let fatigue = chunk.fatigue[k];
            if fatigue > 0.0 {
                let kept = fatigue * p.fatigue_keep_per_day;
                chunk.fatigue[k] = if kept < 0.001 { 0.0 } else { kept };
            }
            let relationship = chunk.relationship[k];
            if relationship > 0.0 && today.saturating_sub(chunk.last_contact[k]) > p.relationship_grace_days {
                let kept = relationship * p.relationship_keep_per_day;
                chunk.relationship[k] = if kept < 0.001 { 0.0 } else { kept };
            }
            let stage = stage_of(
                flags,
                funnel_stage,
                chunk.awareness[k],
                chunk.relationship[k],
                p.aware_threshold,
                p.engaged_threshold,
            );
            out.stages[stage as usize] += 1;
            if chunk.relationship[k] >= p.strong_threshold {
                out.strong += 1;
            }
            continue;
        }

        let index = (chunk.start + k) as u32;
        let mut rng = Rng::keyed(ctx.seed, Stream::Agent, ctx.day, index as u64);
        let mut person = Person {
            index,
            segment: chunk.segment[k] as usize,
            platforms: chunk.platforms[k],
            interest: chunk.interest[k],
            awareness: chunk.awareness[k] * p.awareness_keep_per_day,
            relationship: chunk.relationship[k],
            sentiment: chunk.sentiment[k],
            fatigue: chunk.fatigue[k] * p.fatigue_keep_per_day,
            flags,
            funnel: funnel_stage,
            comment_since,
            last_contact: chunk.last_contact[k],
            story: chunk.story[k],
            reached: false,
        };
        if today.saturating_sub(person.last_contact) > p.relationship_grace_days {
            person.relationship *= p.relationship_keep_per_day;
        }
        person.sentiment -= person.sentiment * p.sentiment_drift_per_day;
        let online = rng.chance(chunk.activity[k] as f32 * (1.0 / 255.0));
        let (item_platform, item_content) = unpack_item(chunk.inbox_item[k]);
        let item_content = ContentType::from_index(item_content as usize);

        // Two-way contact first: the brand answered, or came to talk.
        if inbox_bits & inbox::REPLY != 0 {
            person.relationship = grow(person.relationship, p.relationship_per_reply);
            person.sentiment = grow(person.sentiment, p.sentiment_per_reply);
            person.comment_since = 0;
            person.last_contact = today;
            person.story.replies_received = person.story.replies_received.saturating_add(1);
            person.reached = true;
        }
        if inbox_bits & inbox::PUSH != 0 {
            person.relationship = grow(person.relationship, p.relationship_per_push);
            person.sentiment = grow(person.sentiment, p.sentiment_per_engagement * 3.0);
            person.awareness = person.awareness.max(0.6);
            person.last_contact = today;
            person.story.brand_contacts = person.story.brand_contacts.saturating_add(1);
            person.reached = true;
            let warmth = 0.5 + person.interest(ContentType::Conversation);
            if !person.follows() && rng.chance(p.follow_back * warmth) {
                follow(&mut person, today, &mut out);
            }
            if rng.chance(p.push_reciprocal_share * warmth) {
                out.shares.push((
                    index,
                    super::audience::pack_item(item_platform, ContentType::Conversation as u8),
                ));
            }
        }
        if inbox_bits & inbox::COMPLAINT != 0 {
            // A friend's complaint weighs less on people who trust the brand.
            person.sentiment =
                (person.sentiment - ctx.complaint_severity * (1.0 - person.relationship)).max(-1.0);
            person.reached = true;
        }

        // A live session: followers online on that platform may join.
        if let Some(live_platform) = ctx.live
            && person.follows()
            && online
            && person.uses(live_platform)
        {
            let chance =
                p.live_attendance * person.interest(ContentType::Conversation) * (0.5 + person.relationship);
            if rng.chance(chance) {
                person.relationship = grow(person.relationship, p.relationship_per_live);
                person.sentiment = grow(person.sentiment, p.sentiment_per_reply);
                person.last_contact = today;
                person.story.brand_contacts = person.story.brand_contacts.saturating_add(1);
                person.reached = true;
                out.live_attendees += 1;
                if rng.chance(p.share_per_engagement * 2.0) {
                    out.shares.push((
                        index,
                        super::audience::pack_item(live_platform, ContentType::Conversation as u8),
                    ));
                }
            }
        }

        // Posts in the feed of followers. Organic reach figures are already
        // shares of all followers, so being online is part of them.
        if person.follows() {
            for post in &ctx.posts {
                if !person.uses(post.platform) {
                    continue;
                }
                let reach = post.reach * (1.0 + p.reach_boost_per_relationship * person.relationship);
                if rng.chance(reach) {
                    react(
                        &mut person,
                        ctx,
                        &mut rng,
                        &mut out,
                        post.platform,
                        post.content,
                        post.quality,
                        post.scheduled,
                        Source::Feed,
                        today,
                    );
                }
            }
        }
        // Posts that surfaced outside the feed, friends' shares and ads, in
        // that fixed order: the content's own appeal, with a friend's word
        // trusted more; an ad is always an offer.
        for (bit, source, content) in [
            (inbox::DISCOVER, Source::Discovery, item_content),
            (inbox::SHARE, Source::Friend, item_content),
            (inbox::AD, Source::Ad, ContentType::Offer),
        ] {
            if inbox_bits & bit != 0 {
                react(
                    &mut person,
                    ctx,
                    &mut rng,
                    &mut out,
                    item_platform,
                    content,
                    1.0,
                    false,
                    source,
                    today,
                );
            }
        }

        // A comment that waited too long sours the person who wrote it.
        if person.comment_since != 0 && today - person.comment_since >= p.reply_patience_days {
            person.comment_since = 0;
            person.sentiment = (person.sentiment - p.sentiment_per_unanswered).max(-1.0);
            person.relationship = (person.relationship - p.relationship_per_unanswered).max(0.0);
            person.story.ignored = person.story.ignored.saturating_add(1);
            out.unanswered += 1;
            if person.follows() && rng.chance(p.unfollow_when_ignored) {
                unfollow(&mut person, today, &mut out);
                out.ignored_unfollows += 1;
            }
        }

        funnel_step(&mut person, ctx, &mut rng, &mut out, today);

        // Tired or unhappy followers drift away; a bond holds them.
        if person.follows() {
            let hazard =
                p.unfollow_at_full_fatigue * person.fatigue * person.fatigue * (1.0 - person.relationship)
                    + p.unfollow_per_negative_sentiment * (-person.sentiment).max(0.0);
            if rng.chance(hazard) {
                unfollow(&mut person, today, &mut out);
            }
        }

        // Write back and count.
        if person.awareness < 0.01 {
            person.awareness = 0.0;
        }
        if person.fatigue < 0.001 {
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

        if person.reached {
            out.reach += 1;
        }
        let stage = stage_of(
            person.flags,
            person.funnel,
            person.awareness,
            person.relationship,
            p.aware_threshold,
            p.engaged_threshold,
        );
        out.stages[stage as usize] += 1;
        if person.follows() {
            out.followers += 1;
            out.relationship_sum += person.relationship as f64;
        }
        if person.relationship >= p.strong_threshold {
            out.strong += 1;
        }
        if person.funnel == funnel::ADVOCATE {
            out.advocates += 1;
        }
        if person.follows() || person.funnel != funnel::NONE {
            out.known += 1;
            out.sentiment_sum += chunk.sentiment[k] as f64;
        }
    }
    out
}

fn follow(person: &mut Person, today: u16, out: &mut ChunkOut) {
    person.flags |= flag::FOLLOWS;
    person.story.followed_day = today;
    person.awareness = person.awareness.max(0.5);
    out.new_followers += 1;
}

fn unfollow(person: &mut Person, today: u16, out: &mut ChunkOut) {
    person.flags = (person.flags & !flag::FOLLOWS) | flag::LEFT;
    person.story.unfollowed_day = today;
    out.unfollows += 1;
}

fn become_lead(person: &mut Person, today: u16, out: &mut ChunkOut) {
    if person.funnel == funnel::NONE {
        person.funnel = funnel::LEAD;
        person.story.lead_day = today;
        out.new_leads += 1;
    }
}

/// A click becomes a lead more often when the person already knows the brand.
fn lead_chance(p: &ModelParams, person: &Person) -> f32 {
    p.lead_per_click * (1.0 + 1.5 * person.awareness)
}

/// One person meets one piece of content.
fn react(
    person: &mut Person,
    ctx: &DayContext,
    rng: &mut Rng,
    out: &mut ChunkOut,
    platform_index: u8,
    content: ContentType,
    quality: f32,
    scheduled: bool,
    source: Source,
    today: u16,
) {
    let p = ctx.params;
    let Some(platform) = ctx.platforms.get(platform_index as usize) else {
        return;
    };
    out.impressions += 1;
    person.reached = true;
    person.story.posts_seen = person.story.posts_seen.saturating_add(1);
    let trust = if source == Source::Friend {
        p.friend_trust
    } else {
        1.0
    };
    person.awareness = grow(person.awareness, (p.awareness_per_exposure * trust).min(1.0));
    if content != ContentType::Conversation {
        let factor = if scheduled {
            p.scheduled_fatigue_factor
        } else {
            1.0
        };
        person.fatigue = grow(person.fatigue, (p.fatigue_per_broadcast * factor).min(1.0));
        // Being talked at when already tired sours the mood a little.
        person.sentiment -= p.sentiment_per_tiring_post * person.fatigue;
    }
    let appeal = person.interest(content)
        * platform.content_fit[content.index()]
        * quality
        * ctx.trend[content.index()]
        * ctx.insight_mult[person.segment];
    let mood = person.mood();

    if source == Source::Ad {
        let click = platform.ad_ctr * appeal.min(p.ad_appeal_cap) * mood;
        if rng.chance(click) {
            out.ad_clicks += 1;
            if rng.chance(lead_chance(p, person)) {
                become_lead(person, today, out);
            }
        }
        if !person.follows() && rng.chance(p.follow_per_exposure * 0.1 * appeal * mood) {
            follow(person, today, out);
        }
        return;
    }

    let engage = (platform.engagement
        * appeal
        * (1.0 + p.engage_boost_per_relationship * person.relationship)
        * mood
        * trust)
        .min(0.95);
    let engaged = rng.chance(engage);
    if engaged {
        out.engagements += 1;
        person.story.engagements = person.story.engagements.saturating_add(1);
        person.relationship = grow(person.relationship, p.relationship_per_one_way);
        person.sentiment = grow(person.sentiment, p.sentiment_per_engagement);
        let comment_share = if content == ContentType::Conversation {
            p.comment_share_conversation
        } else {
            p.comment_share_broadcast
        } * platform.conversation;
        if rng.chance(comment_share) {
            out.comments += 1;
            person.story.comments = person.story.comments.saturating_add(1);
            if person.comment_since == 0 {
                person.comment_since = today;
                out.new_comments.push(person.index);
            }
        }
        if rng.chance(p.share_per_engagement * appeal.min(2.0) * (1.0 + person.relationship)) {
            out.shares.push((
                person.index,
                super::audience::pack_item(platform_index, content as u8),
            ));
        }
    }
    // An offer carries a call to action: following the link is easier than
    // writing a comment, so clicks come more often than reactions.
    if content == ContentType::Offer && rng.chance((engage * p.offer_click_per_engagement).min(0.95)) {
        out.offer_clicks += 1;
        if rng.chance(lead_chance(p, person)) {
            become_lead(person, today, out);
        }
    }
    if !person.follows() {
        let warmth = if engaged { 3.0 } else { 1.0 };
        let chance = p.follow_per_exposure * appeal * trust * (0.5 + person.awareness) * mood * warmth;
        if rng.chance(chance) {
            follow(person, today, out);
        }
    }
}

/// Leads buy, customers turn advocates or lapse, advocates recommend.
fn funnel_step(person: &mut Person, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut, today: u16) {
    let p = ctx.params;
    match person.funnel {
        funnel::NONE => {
            if person.follows() && person.relationship > 0.0 {
                let chance = p.inquiry_per_day * person.relationship * person.relationship * ctx.sales_speed;
                if rng.chance(chance) {
                    become_lead(person, today, out);
                }
            }
        }
        funnel::LEAD => {
            let chance = p.lead_conversion_per_day
                * ctx.sales_speed
                * (1.0 + p.conversion_boost_per_relationship * person.relationship)
                * (1.0 + person.sentiment).clamp(0.0, 2.0)
                * 0.5;
            if rng.chance(chance) {
                person.funnel = funnel::CUSTOMER;
                person.story.customer_day = today;
                out.new_customers += 1;
            }
        }
        _ => {
            if person.sentiment < p.churn_sentiment && rng.chance(p.churn_per_day) {
                person.funnel = funnel::NONE;
                person.flags |= flag::CHURNED;
                out.churned_customers += 1;
                if person.follows() {
                    unfollow(person, today, out);
                }
            } else if person.funnel == funnel::CUSTOMER
                && person.relationship >= p.advocate_relationship
                && person.sentiment >= p.advocate_sentiment
                && rng.chance(p.advocate_per_day)
            {
                person.funnel = funnel::ADVOCATE;
            } else if person.funnel == funnel::ADVOCATE && rng.chance(p.advocate_share_per_day) {
                // Advocates recommend the brand on a platform they use.
                let platform = person.platforms.trailing_zeros().min(7) as u8;
                out.shares.push((
                    person.index,
                    super::audience::pack_item(platform, ContentType::Conversation as u8),
                ));
            }
        }
    }
}

/// One plain pass over the same arrays the daily step owns (every field of
/// every person and every tie), doing nothing but summing them: the floor
/// that `rapport bench` compares the daily step with.
pub fn plain_pass(audience: &Audience, graph: &super::graph::Graph) -> u64 {
    let n = audience.len();
    (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let range = c * CHUNK..((c + 1) * CHUNK).min(n);
            let mut sum = 0u64;
            for i in range.clone() {
                let story = &audience.story[i];
                sum = sum
                    .wrapping_add(audience.segment[i] as u64)
                    .wrapping_add(audience.platforms[i] as u64)
                    .wrapping_add(audience.interest[i].iter().map(|&x| x as u64).sum::<u64>())
                    .wrapping_add(audience.activity[i] as u64)
                    .wrapping_add(audience.awareness[i].to_bits() as u64)
                    .wrapping_add(audience.relationship[i].to_bits() as u64)
                    .wrapping_add(audience.sentiment[i].to_bits() as u64)
                    .wrapping_add(audience.fatigue[i].to_bits() as u64)
                    .wrapping_add(audience.flags[i] as u64)
                    .wrapping_add(audience.funnel[i] as u64)
                    .wrapping_add(audience.comment_since[i] as u64)
                    .wrapping_add(audience.last_contact[i] as u64)
                    .wrapping_add(audience.inbox[i] as u64)
                    .wrapping_add(audience.inbox_item[i] as u64)
                    .wrapping_add(
                        story.posts_seen as u64 + story.followed_day as u64 + story.customer_day as u64,
                    );
            }
            let start = graph.offsets[range.start] as usize;
            let end = graph.offsets[range.end] as usize;
            for &neighbor in &graph.neighbors[start..end] {
                sum = sum.wrapping_add(neighbor as u64);
            }
            sum
        })
        .reduce(|| 0, u64::wrapping_add)
}
