//! Phase A of a day: marking what reaches whom before the daily pass:
//! friends' shares, ads, posts that surface through discovery, the feed's
//! posts and a live session among followers, the brand's comments on
//! people's own posts (pushes), its replies to waiting comments, and the
//! onlookers who see it answer (or not) in public. Each delivery draws from
//! its own keyed stream, in a fixed order, so it never depends on the pass.
//! Everyone marked is listed, so the pass visits only them.

use super::super::action::Target;
use super::super::attribution::touch;
use super::super::audience::ledger::{FollowerList, Ledger, ads_hash};
use super::super::audience::{
    Audience, INTEREST_SCALE, PREFETCH_AHEAD, inbox, pack_item, pack_post, prefetch, unpack_item,
    with_platform, with_tone,
};
use super::super::graph::Graph;
use super::super::params::ModelParams;
use super::super::rng::{Rng, Stream};
use super::super::scenario::{Platform, Scenario};
use super::super::step::{LiveToday, PostToday};
use super::super::types::{CONTENT_TYPES, ContentType, Tone};
use super::brand::{Brand, RunningAd};
use std::ops::Range;

/// Tries to find someone a platform would show an ad or a discovered post
/// to, per impression: a bound on the search, so that a platform with few
/// users does not loop; impressions that find nobody are lost.
const TRIES_PER_IMPRESSION: usize = 4;

/// Tries per person the brand wants to engage with: a bound on the search
/// for people of the target who use the platform.
const PUSH_TRIES_PER_PERSON: u64 = 200;

/// Tries to find, among the people it remembers, one who fits a comment.
const MEMORY_TRIES: usize = 8;

/// Ad prices are per thousand impressions.
const IMPRESSIONS_PER_CPM: f64 = 1000.0;

/// What the deliveries of one day read.
pub(super) struct Delivery<'a> {
    pub seed: u64,
    pub day: u32,
    pub scenario: &'a Scenario,
    pub platforms: &'a [Platform],
    pub graph: &'a Graph,
    pub segment_ranges: &'a [Range<u32>],
    pub platform_users: &'a [u64],
    /// Most connected people, most connected first.
    pub influencers: &'a [u32],
}

/// The people marked today, in the order first marked (sorted later).
#[derive(Debug, Default)]
pub(super) struct Marked {
    pub people: Vec<u32>,
}

impl Marked {
    /// Adds `bits` to person `i`'s inbox, listing them the first time.
    #[inline]
    pub fn mark(&mut self, audience: &mut Audience, i: usize, bits: u32) {
        if audience.cells[i].inbox == 0 {
            self.people.push(i as u32);
        }
        audience.cells[i].inbox |= bits;
    }
}

/// The draws of a search for people at random (`start + below(len)`, one
/// draw a try), made again a few tries ahead so that the cells of the
/// people to be tried are asked for before they are read. It draws from a
/// copy of the search's generator: the search's own draws are untouched.
struct Scout {
    rng: Rng,
    start: u64,
    len: u64,
}

impl Scout {
    fn new(rng: &Rng, audience: &Audience, start: u64, len: u64) -> Scout {
        let mut scout = Scout {
            rng: rng.clone(),
            start,
            len,
        };
        for _ in 1..PREFETCH_AHEAD {
            scout.step(audience);
        }
        scout
    }

    /// Asks for the cell of the person a try `PREFETCH_AHEAD` ahead draws.
    #[inline]
    fn step(&mut self, audience: &Audience) {
        if self.len > 0 {
            let agent = (self.start + self.rng.below(self.len)) as usize;
            if let Some(cell) = audience.cells.get(agent) {
                prefetch(cell);
            }
        }
    }
}

/// How many draws are skipped before the next success of a chance `q`
/// (a geometric draw): walking a list this way costs the successes, not
/// the list. `log_miss` is `log1p(-q)`, taken once for a list.
#[inline]
fn skip(rng: &mut Rng, q: f64, log_miss: f64) -> usize {
    if q >= 1.0 {
        return 0;
    }
    // 1 - unit is in (0, 1]: its logarithm is finite, and at or below 0,
    // as the logarithm of the miss is below 0: the quotient is at or above
    // 0 (or -0), so truncating it is taking its floor.
    let u = 1.0 - rng.unit_f64();
    (libm::log(u) / log_miss).min(u32::MAX as f64) as usize
}

/// Each person of `list` drawn with chance `q`, in list order.
fn sample(list: &[u32], q: f64, rng: &mut Rng, mut each: impl FnMut(u32)) {
    if q <= 0.0 {
        return;
    }
    let log_miss = libm::log1p(-q);
    let mut at = skip(rng, q, log_miss);
    while at < list.len() {
        each(list[at]);
        at += 1 + skip(rng, q, log_miss);
    }
}

impl Delivery<'_> {
    /// The people an action aimed at `target` is drawn from.
    fn target_range(&self, audience: &Audience, target: Target) -> Range<u32> {
        match target {
            Target::Segment(s) => self.segment_ranges.get(s as usize).cloned().unwrap_or(0..0),
            _ => 0..audience.len() as u32,
        }
    }

    /// Yesterday's shares reach the sharers' friends who use the platform
    /// (`recommended`: beside each share, whether an advocate made it). What
    /// `seen` records is never read by the model.
    pub fn shares(
        &self,
        audience: &mut Audience,
        marked: &mut Marked,
        shares: &[(u32, u16)],
        recommended: &[bool],
        seen: &mut SharesSeen,
    ) {
        for (n, &(sharer, item)) in shares.iter().enumerate() {
            let (platform, _, _) = unpack_item(item);
            let Some(reach) = self.platforms.get(platform as usize).map(|p| p.share_reach) else {
                continue;
            };
            let from_advocate = recommended.get(n).copied().unwrap_or(false);
            for &friend in self.graph.contacts(sharer) {
                prefetch(&audience.cells[friend as usize]);
            }
            let mut rng = Rng::keyed(self.seed, Stream::Share, self.day, n as u64);
            for &friend in self.graph.contacts(sharer) {
                let f = friend as usize;
                if audience.uses(f, platform) && rng.chance(reach) {
                    marked.mark(audience, f, inbox::SHARE);
                    audience.cells[f].inbox_item = item;
                    // The last share delivered is the one met, as its item is.
                    audience.cells[f].touch = if from_advocate {
                        audience.cells[f].touch | touch::RECOMMENDED
                    } else {
                        audience.cells[f].touch & !touch::RECOMMENDED
                    };
                    seen.delivered(sharer, friend);
                }
            }
        }
    }

    /// Ad impressions go to random people of the target who use the
    /// platform and do not follow yet, as an ad platform delivers them: a
    /// person meets at most one ad a day and `ad_frequency_cap` a week, and
    /// a thousand impressions cost more as the campaign's reachable pool is
    /// used up (see `ad_price`). The day's money is spent whatever it buys;
    /// impressions that find nobody under the cap are lost. Campaigns that
    /// end today are dropped. Returns the impressions delivered, each of
    /// which the person meets in today's pass (alone).
    pub fn ads(
        &self,
        audience: &mut Audience,
        marked: &mut Marked,
        brand: &mut Brand,
        ledger: &mut Ledger,
    ) -> u64 {
        let mut delivered = 0;
        let ads = std::mem::take(&mut brand.ads);
        let cap = ledger.ad_cap;
        // Each pool's used share is taken once a day, before any of today's
        // ads, from the ledger's running counts.
        let used: Vec<f64> = ads
            .iter()
            .map(|ad| {
                ledger
                    .pools
                    .used_share(ad.platform, self.target_segments(ad.target))
            })
            .collect();
        for (n, ad) in ads.iter().enumerate() {
            let platform = &self.platforms[ad.platform as usize];
            let range = self.target_range(audience, ad.target);
            if range.is_empty() {
                continue;
            }
            let cpm = ad_price(
                platform.ad_cpm as f64,
                self.scenario.model.ad_saturation_cost as f64,
                used[n],
            );
            let mut rng = Rng::keyed(self.seed, Stream::Ads, self.day, n as u64);
            let impressions = rng.round_stochastic(ad.money_per_day / cpm * IMPRESSIONS_PER_CPM);
            let mut scout = Scout::new(&rng, audience, range.start as u64, range.len() as u64);
            for _ in 0..impressions {
                for _ in 0..TRIES_PER_IMPRESSION {
                    scout.step(audience);
                    let agent = (range.start as u64 + rng.below(range.len() as u64)) as usize;
                    if reachable(audience, agent, ad.platform)
                        && audience.cells[agent].inbox & inbox::AD == 0
                        && audience.cells[agent].ads_this_week < cap
                    {
                        marked.mark(audience, agent, inbox::AD);
                        audience.cells[agent].inbox_item =
                            pack_item(ad.platform, ContentType::Offer, Tone::Promotional);
                        count_ad(audience, ledger, agent);
                        delivered += 1;
                        break;
                    }
                }
            }
        }
        brand.ads = ads
            .into_iter()
            .filter(|ad: &RunningAd| self.day + 1 < ad.until_day)
            .collect();
        delivered
    }

    /// The segments a target covers.
    fn target_segments(&self, target: Target) -> Range<usize> {
        match target {
            Target::Segment(s) => s as usize..s as usize + 1,
            _ => 0..self.segment_ranges.len(),
        }
    }

    /// Posts surface beyond followers in proportion to their appeal and to
    /// how much of a following the brand has on the platform (platforms
    /// show strangers the accounts people already follow; a new account is
    /// shown to almost nobody).
    #[allow(clippy::too_many_arguments)]
    pub fn discovery(
        &self,
        audience: &mut Audience,
        marked: &mut Marked,
        posts: &[PostToday],
        trend: &[f32; CONTENT_TYPES],
        reach_factor: &[f32],
        followers_on: &[u64],
        params: &ModelParams,
    ) {
        if !self.scenario.mechanisms.posts_travel {
            return;
        }
        for (n, post) in posts.iter().enumerate() {
            let platform = &self.platforms[post.platform as usize];
            let mut rng = Rng::keyed(self.seed, Stream::Discovery, self.day, n as u64);
            let following = followers_on.get(post.platform as usize).copied().unwrap_or(0) as f64;
            let proof = following / (following + params.social_proof_followers.max(1e-6) as f64);
            let expected = platform.discovery as f64
                * self.platform_users[post.platform as usize] as f64
                * (post.quality * platform.content_fit[post.content.index()] * trend[post.content.index()])
                    as f64
                * reach_factor[post.platform as usize] as f64
                * proof;
            let impressions = rng.round_stochastic(expected);
            let n_agents = audience.len() as u64;
            let mut scout = Scout::new(&rng, audience, 0, n_agents);
            for _ in 0..impressions {
                for _ in 0..TRIES_PER_IMPRESSION {
                    scout.step(audience);
                    let agent = rng.below(n_agents) as usize;
                    if audience.uses(agent, post.platform) && !audience.follows(agent) {
                        marked.mark(audience, agent, inbox::DISCOVER);
                        audience.cells[agent].inbox_item =
                            pack_post(post.platform, post.content, post.tone, post.scheduled);
                        break;
                    }
                }
            }
        }
    }

    /// The day's posts in the feed: followers who use the platform are drawn
    /// for each post at its highest reach; each sees it at their own chance
    /// over that in their day. Returns (person, post) in person order.
    pub fn feed(&self, followers: &FollowerList, posts: &[PostToday], params: &ModelParams) -> Vec<(u32, u8)>
    where
        Self: Sized,
    {
        let mut feed = Vec::new();
        for (j, post) in posts.iter().enumerate() {
            let mut rng = Rng::keyed(self.seed, Stream::Feed, self.day, j as u64);
            let q = post.top_reach(params) as f64;
            sample(&followers.people, q, &mut rng, |person| {
                feed.push((person, j as u8));
            });
        }
        // Drawn post by post, so a stable sort by person puts them in
        // (person, post) order; no pair is drawn twice.
        super::super::sort::sort_by_person(&mut feed, |&(person, _)| person);
        debug_assert!(feed.windows(2).all(|w| w[0] < w[1]));
        feed
    }

    /// A live session: followers who use the platform are drawn at the
    /// highest chance any follower has of joining and offered a place;
    /// whether each joins is drawn in their day.
    pub fn live(
        &self,
        audience: &mut Audience,
        marked: &mut Marked,
        followers: &FollowerList,
        live: &LiveToday,
    ) {
        let mut rng = Rng::keyed(self.seed, Stream::Feed, self.day, u32::MAX as u64);
        let mut offered = Vec::new();
        sample(&followers.people, live.top_chance as f64, &mut rng, |person| {
            offered.push(person);
        });
        for person in offered {
            if audience.uses(person as usize, live.platform) {
                marked.mark(audience, person as usize, inbox::LIVE);
            }
        }
    }

    /// The brand comments on chosen people's own posts (the `batch`-th
    /// engagement batch of the day), and learns a little about each one's
    /// segment from what that person likes. Comments aimed at followers or
    /// a segment go back, as far as its recall allows, to people the brand
    /// remembers talking with. Returns how many people it reached.
    #[allow(clippy::too_many_arguments)]
    pub fn pushes(
        &self,
        audience: &mut Audience,
        marked: &mut Marked,
        brand: &mut Brand,
        followers: &FollowerList,
        batch: u64,
        push: Push,
    ) -> u64 {
        let params = &self.scenario.model;
        let mechanisms = self.scenario.mechanisms;
        let Push {
            target,
            platform,
            people,
            tone,
        } = push;
        // Without targeting the brand's comments reach people at random.
        let target = if mechanisms.targeting {
            target
        } else {
            Target::Everyone
        };
        let mut rng = Rng::keyed(self.seed, Stream::Targets, self.day, batch);
        let mut reached = 0u64;
        let mark = |audience: &mut Audience, marked: &mut Marked, brand: &mut Brand, agent: usize| {
            let bits = with_platform(with_tone(inbox::PUSH, tone), platform);
            marked.mark(audience, agent, bits);
            // The tone and platform of today's last comment.
            audience.cells[agent].inbox =
                with_platform(with_tone(audience.cells[agent].inbox, tone), platform);
            learn_from(
                self.scenario,
                brand,
                audience,
                agent,
                params.learn_per_conversation,
            );
        };
        let pushable = |audience: &Audience, agent: usize| {
            audience.uses(agent, platform) && audience.cells[agent].inbox & inbox::PUSH == 0
        };
        if target == Target::Influencers {
            let len = self.influencers.len();
            let mut looked = 0;
            while reached < people as u64 && looked < len {
                let agent = self.influencers[brand.influencer_cursor % len] as usize;
                brand.influencer_cursor = (brand.influencer_cursor + 1) % len;
                looked += 1;
                if pushable(audience, agent) {
                    mark(audience, marked, brand, agent);
                    reached += 1;
                }
            }
            return reached;
        }
        let range = self.target_range(audience, target);
        if range.is_empty() {
            return 0;
        }
        let fits = |audience: &Audience, agent: usize| match target {
            Target::Followers => audience.follows(agent),
            Target::Segment(_) => range.contains(&(agent as u32)),
            _ => true,
        };
        let aimed = mechanisms.contact_memory && matches!(target, Target::Followers | Target::Segment(_));
        let mut tries = 0u64;
        let max_tries = people as u64 * PUSH_TRIES_PER_PERSON;
        while reached < people as u64 && tries < max_tries {
            tries += 1;
            // Someone the brand remembers, when it recalls one who fits.
            if aimed && !brand.memory.is_empty() && rng.chance(params.contact_recall) {
                let mut found = None;
                for _ in 0..MEMORY_TRIES {
                    let agent = brand.memory[rng.below(brand.memory.len() as u64) as usize] as usize;
                    if fits(audience, agent) && pushable(audience, agent) {
                        found = Some(agent);
                        break;
                    }
                }
                if let Some(agent) = found {
                    mark(audience, marked, brand, agent);
                    reached += 1;
                    continue;
                }
            }
            // Someone new: a follower, or anyone of the target.
            let agent = if target == Target::Followers {
                if followers.is_empty() {
                    break;
                }
                followers.people[rng.below(followers.len() as u64) as usize] as usize
            } else {
                (range.start as u64 + rng.below(range.len() as u64)) as usize
            };
            if fits(audience, agent) && pushable(audience, agent) {
                mark(audience, marked, brand, agent);
                reached += 1;
            }
        }
        reached
    }

    /// The brand asks `people` of the target who use the platform and do not
    /// follow it to connect (the `batch`-th batch of requests of the day).
    /// Whether each accepts is drawn in the daily pass. Returns the requests
    /// sent.
    pub fn connections(
        &self,
        audience: &mut Audience,
        marked: &mut Marked,
        batch: u64,
        request: Push,
    ) -> u64 {
        let Push {
            target,
            platform,
            people,
            ..
        } = request;
        // Requests go to people who do not follow yet; influencers are
        // approached by engaging with them, not by a request.
        let range = match target {
            Target::Influencers | Target::Followers => 0..audience.len() as u32,
            _ => self.target_range(audience, target),
        };
        if range.is_empty() {
            return 0;
        }
        let mut rng = Rng::keyed(self.seed, Stream::Targets, self.day, CONNECTION_BATCHES + batch);
        let mut sent = 0u64;
        let mut tries = 0u64;
        let max_tries = people as u64 * PUSH_TRIES_PER_PERSON;
        while sent < people as u64 && tries < max_tries {
            tries += 1;
            let agent = (range.start as u64 + rng.below(range.len() as u64)) as usize;
            if audience.uses(agent, platform)
                && !audience.follows(agent)
                && audience.cells[agent].inbox & inbox::CONNECT == 0
            {
                marked.mark(audience, agent, inbox::CONNECT);
                sent += 1;
            }
        }
        sent
    }

    /// Friends of each person in `people` (with the platform the comment
    /// was on) who use that platform may see what happened to the comment
    /// in public: `bit` marks what they saw. `key` keeps the draws of
    /// answers and silences apart.
    pub fn onlookers(
        &self,
        audience: &mut Audience,
        marked: &mut Marked,
        people: &[(u32, u8)],
        bit: u32,
        key: u64,
    ) {
        let params = &self.scenario.model;
        if !self.scenario.mechanisms.onlookers {
            return;
        }
        for (n, &(person, platform)) in people.iter().enumerate() {
            let Some(spec) = self.platforms.get(platform as usize) else {
                continue;
            };
            let chance = params.onlooker_reach * spec.conversation;
            if chance <= 0.0 {
                continue;
            }
            let mut rng = Rng::keyed(self.seed, Stream::Onlookers, self.day, key << 32 | n as u64);
            for &friend in self.graph.contacts(person) {
                prefetch(&audience.cells[friend as usize]);
            }
            for &friend in self.graph.contacts(person) {
                if audience.uses(friend as usize, platform) && rng.chance(chance) {
                    marked.mark(audience, friend as usize, bit);
                }
            }
        }
    }
}

/// The brand learns from one person it talks with: what they like moves
/// the belief about their segment a step (`gain`) toward it.
fn learn_from(scenario: &Scenario, brand: &mut Brand, audience: &Audience, agent: usize, gain: f32) {
    if !scenario.mechanisms.learning {
        return;
    }
    let segment = audience.cells[agent].segment as usize;
    let Some(truth) = scenario.segments.get(segment) else {
        return;
    };
    let mut interest = [0.0f32; CONTENT_TYPES];
    for (c, value) in interest.iter_mut().enumerate() {
        *value = audience.cells[agent].interest[c] as f32 * INTEREST_SCALE;
    }
    brand.learn(segment, gain, &interest, &truth.tone_fit);
}

/// One more ad met this week by person `agent`: the count, the state hash's
/// share of it, and the pools once they meet the cap.
fn count_ad(audience: &mut Audience, ledger: &mut Ledger, agent: usize) {
    let before = audience.cells[agent].ads_this_week;
    let after = before.saturating_add(1);
    audience.cells[agent].ads_this_week = after;
    ledger.hash_sum = ledger
        .hash_sum
        .wrapping_sub(ads_hash(agent as u32, before))
        .wrapping_add(ads_hash(agent as u32, after));
    if before == 0 {
        ledger.ad_counted.push(agent as u32);
    }
    if before < ledger.ad_cap && after >= ledger.ad_cap {
        ledger.pools.cap(
            audience.cells[agent].segment as usize,
            audience.cells[agent].platforms,
            1,
        );
    }
}

/// A new week: everyone's ad count goes back to 0 (the frequency cap
/// counts per week).
pub(super) fn new_ad_week(audience: &mut Audience, ledger: &mut Ledger) {
    for agent in std::mem::take(&mut ledger.ad_counted) {
        let i = agent as usize;
        let ads = audience.cells[i].ads_this_week;
        ledger.hash_sum = ledger.hash_sum.wrapping_sub(ads_hash(agent, ads));
        if ads >= ledger.ad_cap && !audience.follows(i) {
            ledger.pools.cap(
                audience.cells[i].segment as usize,
                audience.cells[i].platforms,
                -1,
            );
        }
        audience.cells[i].ads_this_week = 0;
    }
}

/// Shares delivered today along ties, as (sharer, friend) pairs, this many
/// at most: enough for the window to draw them travelling.
pub const SHARES_SAMPLED: usize = 256;

/// What the day's share deliveries record (never read by the model): the
/// first deliveries in delivery order, and who shared to the watched person.
#[derive(Debug, Default)]
pub(super) struct SharesSeen {
    pub sample: Vec<(u32, u32)>,
    pub watched: Option<u32>,
    /// The first and the last friend whose share reached the watched person.
    pub first_sharer: Option<u32>,
    pub last_sharer: Option<u32>,
}

impl SharesSeen {
    fn delivered(&mut self, sharer: u32, friend: u32) {
        if self.sample.len() < SHARES_SAMPLED {
            self.sample.push((sharer, friend));
        }
        if self.watched == Some(friend) {
            self.first_sharer.get_or_insert(sharer);
            self.last_sharer = Some(sharer);
        }
    }
}

/// Whether an ad campaign on `platform` can reach the person: they use it
/// and do not follow the brand yet.
fn reachable(audience: &Audience, agent: usize, platform: u8) -> bool {
    audience.uses(agent, platform) && !audience.follows(agent)
}

/// The price of a thousand impressions when `used` of the campaign's pool
/// has met its weekly cap: the auction for the people left gets dearer, by
/// `saturation_cost` times the used share (x3 for a used-up pool at the
/// default 2).
fn ad_price(cpm: f64, saturation_cost: f64, used: f64) -> f64 {
    cpm * (1.0 + saturation_cost * used)
}

/// Offset of the keys of connection batches in the targets stream: far
/// from the engagement batches' keys (0, 1, ...), so the two never share draws.
const CONNECTION_BATCHES: u64 = 1 << 32;

/// What the brand's actions send out today.
#[derive(Default)]
pub(super) struct Today {
    pub posts: Vec<PostToday>,
    /// A live session on this platform, in this tone.
    pub live: Option<(u8, Tone)>,
    /// Engagement batches, in plan order.
    pub pushes: Vec<Push>,
    /// Batches of connection requests, in plan order.
    pub connections: Vec<Push>,
}

/// One engagement batch (or batch of connection requests): whom the brand
/// comments on (or asks), where, how many, and in what tone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Push {
    pub target: Target,
    pub platform: u8,
    pub people: u32,
    pub tone: Tone,
}

/// The brand answers waiting comments, oldest first, as far as this week's
/// reply batches go (each in its tone), and learns a little about each
/// writer's segment. Returns the people answered, with the platform each
/// comment was on (their friends may see the answer).
pub(super) fn replies(
    scenario: &Scenario,
    audience: &mut Audience,
    marked: &mut Marked,
    brand: &mut Brand,
) -> Vec<(u32, u8)> {
    let gain = scenario.model.learn_per_conversation;
    let mut answered = Vec::new();
    if !scenario.mechanisms.answers_reach_writers {
        misdirected_replies(scenario, audience, marked, brand);
        return answered;
    }
    while let Some(&(left, tone)) = brand.reply_batches.front() {
        if left == 0 {
            brand.reply_batches.pop_front();
            continue;
        }
        let Some((agent, since)) = brand.pending.pop_front() else {
            break;
        };
        let i = agent as usize;
        if audience.cells[i].record.comment_since != since {
            continue;
        }
        marked.mark(audience, i, inbox::REPLY);
        audience.cells[i].inbox = with_tone(audience.cells[i].inbox, tone);
        learn_from(scenario, brand, audience, i, gain);
        if let Some(batch) = brand.reply_batches.front_mut() {
            batch.0 -= 1;
        }
        answered.push((agent, audience.cells[i].record.comment_platform));
    }
    answered
}

/// Answers that do not reach the people whose comments wait (a control):
/// each lands on a follower who wrote nothing, the comments wait on.
fn misdirected_replies(scenario: &Scenario, audience: &mut Audience, marked: &mut Marked, brand: &mut Brand) {
    let mut rng = Rng::keyed(
        scenario.seed,
        Stream::Targets,
        u32::MAX,
        brand.pending.len() as u64,
    );
    let n = audience.len() as u64;
    while let Some(&(left, tone)) = brand.reply_batches.front() {
        if left == 0 || n == 0 {
            brand.reply_batches.pop_front();
            if n == 0 {
                break;
            }
            continue;
        }
        let agent = rng.below(n) as usize;
        if audience.follows(agent) && audience.cells[agent].record.comment_since == 0 {
            marked.mark(audience, agent, inbox::REPLY);
            audience.cells[agent].inbox = with_tone(audience.cells[agent].inbox, tone);
        }
        if let Some(batch) = brand.reply_batches.front_mut() {
            batch.0 -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::Scenario;

    #[test]
    fn the_price_rises_with_the_share_of_the_reachable_pool_at_the_cap() {
        assert_eq!(ad_price(10.0, 2.0, 0.0), 10.0);
        assert_eq!(ad_price(10.0, 2.0, 0.5), 20.0);
        assert_eq!(ad_price(10.0, 0.0, 1.0), 10.0);
    }

    #[test]
    fn a_geometric_walk_draws_each_of_a_list_at_its_chance() {
        let list: Vec<u32> = (0..200_000).collect();
        for q in [0.01, 0.1, 0.5] {
            let mut rng = Rng::keyed(3, Stream::Feed, 0, 0);
            let mut drawn = Vec::new();
            sample(&list, q, &mut rng, |p| drawn.push(p));
            let expected = q * list.len() as f64;
            let sd = (expected * (1.0 - q)).sqrt();
            assert!(
                (drawn.len() as f64 - expected).abs() < 5.0 * sd,
                "{q}: {}",
                drawn.len()
            );
            assert!(drawn.windows(2).all(|w| w[0] < w[1]), "in list order, each once");
            // The gaps are geometric: the share of gaps of 0 is about q.
            let zeros = drawn.windows(2).filter(|w| w[1] == w[0] + 1).count() as f64;
            let share = zeros / (drawn.len() - 1) as f64;
            assert!(
                (share - q).abs() < 0.02 + 5.0 * (q * (1.0 - q) / drawn.len() as f64).sqrt(),
                "{share}"
            );
        }
        let mut rng = Rng::keyed(3, Stream::Feed, 0, 0);
        let mut all = 0;
        sample(&list[..10], 1.0, &mut rng, |_| all += 1);
        assert_eq!(all, 10);
    }

    #[test]
    fn replies_answer_the_oldest_still_waiting_as_far_as_the_batches_go() {
        let scenario = Scenario::for_tests(50);
        let mut audience = Audience::generate(&scenario, 1);
        let mut brand = Brand::new(&scenario);
        let mut marked = Marked::default();
        // Person 1's comment was answered or expired since: its entry is stale.
        audience.cells[2].record.comment_since = 3;
        audience.cells[3].record.comment_since = 4;
        audience.cells[4].record.comment_since = 4;
        brand.pending.extend([(1, 2), (2, 3), (3, 4), (4, 4)]);
        brand.reply_batches.push_back((1, Tone::Personal));
        brand.reply_batches.push_back((1, Tone::Informative));
        let answered = replies(&scenario, &mut audience, &mut marked, &mut brand);
        assert_eq!(answered.len(), 2);
        assert_eq!(brand.reply_capacity(), 0);
        assert!(audience.cells[2].inbox & inbox::REPLY != 0 && audience.cells[3].inbox & inbox::REPLY != 0);
        assert_eq!(
            crate::sim::audience::inbox_tone(audience.cells[2].inbox),
            Tone::Personal
        );
        assert_eq!(
            crate::sim::audience::inbox_tone(audience.cells[3].inbox),
            Tone::Informative
        );
        assert_eq!(audience.cells[4].inbox & inbox::REPLY, 0);
        assert_eq!(brand.pending, [(4, 4)]);
        assert_eq!(marked.people, [2, 3]);
    }

    #[test]
    fn an_answer_teaches_the_brand_about_the_writers_segment() {
        let mut scenario = Scenario::for_tests(50);
        scenario.segments[0].believed_interest = [2.0; CONTENT_TYPES];
        scenario.segments[1].believed_interest = [2.0; CONTENT_TYPES];
        let mut audience = Audience::generate(&scenario, 1);
        let mut brand = Brand::new(&scenario);
        audience.cells[7].record.comment_since = 2;
        brand.pending.push_back((7, 2));
        brand.reply_batches.push_back((1, Tone::Informative));
        replies(&scenario, &mut audience, &mut Marked::default(), &mut brand);
        let segment = audience.cells[7].segment as usize;
        for (s, beliefs) in brand.beliefs.iter().enumerate() {
            let moved = beliefs.iter().any(|&b| b != 2.0);
            assert_eq!(moved, s == segment);
        }
    }
}
