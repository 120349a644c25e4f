//! Phase A of a day: marking what reaches people outside their feed before
//! the daily pass: friends' shares, ads, posts that surface through
//! discovery, the brand's comments on people's own posts (pushes), and its
//! replies to waiting comments. Each delivery draws from its own keyed
//! stream, in a fixed order, so it never depends on the pass.

use super::super::action::Target;
use super::super::attribution::touch;
use super::super::audience::{Audience, inbox, pack_item, pack_post, unpack_item};
use super::super::graph::Graph;
use super::super::params::ModelParams;
use super::super::rng::{Rng, Stream};
use super::super::scenario::Platform;
use super::super::step::PostToday;
use super::super::types::{CONTENT_TYPES, ContentType};
use super::brand::{Brand, RunningAd};
use std::ops::Range;

/// Tries to find someone a platform would show an ad or a discovered post
/// to, per impression: a bound on the search, so that a platform with few
/// users does not loop; impressions that find nobody are lost.
const TRIES_PER_IMPRESSION: usize = 4;

/// Tries per person the brand wants to engage with: a bound on the search
/// for people of the target who use the platform.
const PUSH_TRIES_PER_PERSON: u64 = 200;

/// Other followers the brand comes across and compares per push: with
/// followers it engages the warmest of eight, so it talks again with people
/// it knows.
const FOLLOWERS_COMPARED_PER_PUSH: usize = 7;

/// Ad prices are per thousand impressions.
const IMPRESSIONS_PER_CPM: f64 = 1000.0;

/// What the deliveries of one day read.
pub(super) struct Delivery<'a> {
    pub seed: u64,
    pub day: u32,
    pub platforms: &'a [Platform],
    pub graph: &'a Graph,
    pub segment_ranges: &'a [Range<u32>],
    pub platform_users: &'a [u64],
    /// Most connected people, most connected first.
    pub influencers: &'a [u32],
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
        shares: &[(u32, u8)],
        recommended: &[bool],
        seen: &mut SharesSeen,
    ) {
        for (n, &(sharer, item)) in shares.iter().enumerate() {
            let (platform, _) = unpack_item(item);
            let Some(reach) = self.platforms.get(platform as usize).map(|p| p.share_reach) else {
                continue;
            };
            let from_advocate = recommended.get(n).copied().unwrap_or(false);
            let mut rng = Rng::keyed(self.seed, Stream::Share, self.day, n as u64);
            for &friend in self.graph.contacts(sharer) {
                let f = friend as usize;
                if audience.uses(f, platform) && rng.chance(reach) {
                    audience.inbox[f] |= inbox::SHARE;
                    audience.inbox_item[f] = item;
                    // The last share delivered is the one met, as its item is.
                    audience.touch[f] = if from_advocate {
                        audience.touch[f] | touch::RECOMMENDED
                    } else {
                        audience.touch[f] & !touch::RECOMMENDED
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
    /// which the person meets in today's pass.
    pub fn ads(&self, audience: &mut Audience, brand: &mut Brand, params: &ModelParams) -> u64 {
        let mut delivered = 0;
        let ads = std::mem::take(&mut brand.ads);
        let cap = params.ad_frequency_cap.min(u8::MAX as u32) as u8;
        // Each pool is measured once a day, before any of today's ads, in
        // the order the campaigns were bought: one scan per distinct pool,
        // not one per impression.
        let mut pools: Vec<(u8, Range<u32>, f64)> = Vec::new();
        for ad in &ads {
            let range = self.target_range(audience, ad.target);
            if !pools.iter().any(|(p, r, _)| *p == ad.platform && *r == range) {
                let used = used_share(audience, ad.platform, range.clone(), cap);
                pools.push((ad.platform, range, used));
            }
        }
        for (n, ad) in ads.iter().enumerate() {
            let platform = &self.platforms[ad.platform as usize];
            let range = self.target_range(audience, ad.target);
            if range.is_empty() {
                continue;
            }
            let used = pools
                .iter()
                .find(|(p, r, _)| *p == ad.platform && *r == range)
                .map_or(0.0, |pool| pool.2);
            let cpm = ad_price(platform.ad_cpm as f64, params.ad_saturation_cost as f64, used);
            let mut rng = Rng::keyed(self.seed, Stream::Ads, self.day, n as u64);
            let impressions = rng.round_stochastic(ad.money_per_day / cpm * IMPRESSIONS_PER_CPM);
            for _ in 0..impressions {
                for _ in 0..TRIES_PER_IMPRESSION {
                    let agent = (range.start as u64 + rng.below(range.len() as u64)) as usize;
                    if reachable(audience, agent, ad.platform)
                        && audience.inbox[agent] & inbox::AD == 0
                        && audience.ads_this_week[agent] < cap
                    {
                        audience.inbox[agent] |= inbox::AD;
                        audience.inbox_item[agent] = pack_item(ad.platform, ContentType::Offer);
                        audience.ads_this_week[agent] += 1;
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

    /// Posts surface beyond followers in proportion to their appeal.
    pub fn discovery(
        &self,
        audience: &mut Audience,
        posts: &[PostToday],
        trend: &[f32; CONTENT_TYPES],
        reach_factor: &[f32],
    ) {
        for (n, post) in posts.iter().enumerate() {
            let platform = &self.platforms[post.platform as usize];
            let mut rng = Rng::keyed(self.seed, Stream::Discovery, self.day, n as u64);
            let expected = platform.discovery as f64
                * self.platform_users[post.platform as usize] as f64
                * (post.quality * platform.content_fit[post.content.index()] * trend[post.content.index()])
                    as f64
                * reach_factor[post.platform as usize] as f64;
            let impressions = rng.round_stochastic(expected);
            let n_agents = audience.len() as u64;
            for _ in 0..impressions {
                for _ in 0..TRIES_PER_IMPRESSION {
                    let agent = rng.below(n_agents) as usize;
                    if audience.uses(agent, post.platform) && !audience.follows(agent) {
                        audience.inbox[agent] |= inbox::DISCOVER;
                        audience.inbox_item[agent] = pack_post(post.platform, post.content, post.scheduled);
                        break;
                    }
                }
            }
        }
    }

    /// The brand comments on chosen people's own posts (the `batch`-th
    /// engagement batch of the day), and learns a little about each one's
    /// segment (`insight_per_push`). Returns how many people it reached.
    pub fn pushes(
        &self,
        audience: &mut Audience,
        brand: &mut Brand,
        batch: u64,
        push: Push,
        insight_per_push: f32,
    ) -> u64 {
        let Push {
            target,
            platform,
            people,
        } = push;
        let mut rng = Rng::keyed(self.seed, Stream::Targets, self.day, batch);
        let mut reached = 0u64;
        let mark = |audience: &mut Audience, brand: &mut Brand, agent: usize| {
            audience.inbox[agent] |= inbox::PUSH;
            audience.inbox_item[agent] = pack_item(platform, ContentType::Conversation);
            brand.learn(audience.segment[agent] as usize, insight_per_push);
        };
        if target == Target::Influencers {
            let len = self.influencers.len();
            let mut looked = 0;
            while reached < people as u64 && looked < len {
                let agent = self.influencers[brand.influencer_cursor % len] as usize;
                brand.influencer_cursor = (brand.influencer_cursor + 1) % len;
                looked += 1;
                if audience.uses(agent, platform) {
                    mark(audience, brand, agent);
                    reached += 1;
                }
            }
            return reached;
        }
        let range = self.target_range(audience, target);
        if range.is_empty() {
            return 0;
        }
        let want_followers = target == Target::Followers;
        let draw = |rng: &mut Rng| (range.start as u64 + rng.below(range.len() as u64)) as usize;
        let mut tries = 0u64;
        let max_tries = people as u64 * PUSH_TRIES_PER_PERSON;
        while reached < people as u64 && tries < max_tries {
            tries += 1;
            let agent = draw(&mut rng);
            let pushable = |audience: &Audience, agent: usize| {
                audience.uses(agent, platform) && audience.inbox[agent] & inbox::PUSH == 0
            };
            if !pushable(audience, agent) || (want_followers && !audience.follows(agent)) {
                continue;
            }
            // With followers the brand picks the warmest of a few it comes
            // across: it talks again with people it knows.
            let agent = if want_followers {
                let mut best = agent;
                for _ in 0..FOLLOWERS_COMPARED_PER_PUSH {
                    let other = draw(&mut rng);
                    if audience.follows(other)
                        && pushable(audience, other)
                        && audience.relationship[other] > audience.relationship[best]
                    {
                        best = other;
                    }
                }
                best
            } else {
                agent
            };
            mark(audience, brand, agent);
            reached += 1;
        }
        reached
    }

    /// The brand asks `people` of the target who use the platform and do not
    /// follow it to connect (the `batch`-th batch of requests of the day).
    /// Whether each accepts is drawn in the daily pass. Returns the requests
    /// sent.
    pub fn connections(&self, audience: &mut Audience, batch: u64, request: Push) -> u64 {
        let Push {
            target,
            platform,
            people,
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
                && audience.inbox[agent] & inbox::CONNECT == 0
            {
                audience.inbox[agent] |= inbox::CONNECT;
                sent += 1;
            }
        }
        sent
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

/// The share of a campaign's reachable pool (people of `range` it can
/// reach on `platform`) already at the weekly frequency cap; 0 for an
/// empty pool.
fn used_share(audience: &Audience, platform: u8, range: Range<u32>, cap: u8) -> f64 {
    let (mut pool, mut capped) = (0u64, 0u64);
    for agent in range.map(|a| a as usize) {
        if reachable(audience, agent, platform) {
            pool += 1;
            capped += u64::from(audience.ads_this_week[agent] >= cap);
        }
    }
    if pool == 0 {
        0.0
    } else {
        capped as f64 / pool as f64
    }
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
    /// A live session on this platform.
    pub live: Option<u8>,
    /// Engagement batches, in plan order.
    pub pushes: Vec<Push>,
    /// Batches of connection requests, in plan order.
    pub connections: Vec<Push>,
}

/// One engagement batch (or batch of connection requests): whom the brand
/// comments on (or asks), where, and how many.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Push {
    pub target: Target,
    pub platform: u8,
    pub people: u32,
}

/// The brand answers waiting comments, oldest first, as far as this
/// week's reply capacity goes, and learns a little about each writer's
/// segment (`insight_per_reply`). Returns how many it answered.
pub(super) fn replies(audience: &mut Audience, brand: &mut Brand, insight_per_reply: f32) -> u64 {
    let mut answered = 0;
    while brand.reply_capacity > 0 {
        let Some((agent, since)) = brand.pending.pop_front() else {
            break;
        };
        if audience.comment_since[agent as usize] != since {
            continue;
        }
        audience.inbox[agent as usize] |= inbox::REPLY;
        brand.learn(audience.segment[agent as usize] as usize, insight_per_reply);
        brand.reply_capacity -= 1;
        answered += 1;
    }
    answered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::Scenario;

    #[test]
    fn the_price_rises_with_the_share_of_the_reachable_pool_at_the_cap() {
        let scenario = Scenario::for_tests(40);
        let mut audience = Audience::generate(&scenario, 1);
        audience.platforms.fill(1);
        audience.flags.fill(0);
        // Half the pool is at the cap; followers are out of the pool
        // whatever they met.
        for agent in 0..20 {
            audience.ads_this_week[agent] = 2;
        }
        assert_eq!(used_share(&audience, 0, 0..40, 2), 0.5);
        audience.flags[30..40].fill(crate::sim::audience::flag::FOLLOWS);
        assert_eq!(used_share(&audience, 0, 0..40, 2), 20.0 / 30.0);
        assert_eq!(used_share(&audience, 1, 0..40, 2), 0.0, "nobody uses platform 1");
        assert_eq!(ad_price(10.0, 2.0, 0.0), 10.0);
        assert_eq!(ad_price(10.0, 2.0, 0.5), 20.0);
        assert_eq!(ad_price(10.0, 0.0, 1.0), 10.0);
    }

    #[test]
    fn replies_answer_the_oldest_still_waiting_as_far_as_capacity_goes() {
        let scenario = Scenario::for_tests(50);
        let mut audience = Audience::generate(&scenario, 1);
        let mut brand = Brand::new(scenario.segments.len(), scenario.platforms.len());
        // Person 1's comment was answered or expired since: its entry is stale.
        audience.comment_since[2] = 3;
        audience.comment_since[3] = 4;
        audience.comment_since[4] = 4;
        brand.pending.extend([(1, 2), (2, 3), (3, 4), (4, 4)]);
        brand.reply_capacity = 2;
        assert_eq!(replies(&mut audience, &mut brand, 0.0), 2);
        assert_eq!(brand.reply_capacity, 0);
        assert!(audience.inbox[2] & inbox::REPLY != 0 && audience.inbox[3] & inbox::REPLY != 0);
        assert_eq!(audience.inbox[4] & inbox::REPLY, 0);
        assert_eq!(brand.pending, [(4, 4)]);
    }

    #[test]
    fn a_reply_teaches_the_brand_about_the_writers_segment() {
        let scenario = Scenario::for_tests(50);
        let mut audience = Audience::generate(&scenario, 1);
        let mut brand = Brand::new(scenario.segments.len(), scenario.platforms.len());
        audience.comment_since[7] = 2;
        brand.pending.push_back((7, 2));
        brand.reply_capacity = 1;
        assert_eq!(replies(&mut audience, &mut brand, 0.1), 1);
        let segment = audience.segment[7] as usize;
        for (s, &insight) in brand.insight.iter().enumerate() {
            assert_eq!(insight, if s == segment { 0.1 } else { 0.0 });
        }
    }

    #[test]
    fn connection_requests_skip_followers_and_people_off_the_platform() {
        let scenario = Scenario::for_tests(400);
        let mut audience = Audience::generate(&scenario, 1);
        let graph = Graph::generate(&scenario.graph, 0.1, &scenario.segment_ranges(), 1);
        let ranges = scenario.segment_ranges();
        let delivery = Delivery {
            seed: 1,
            day: 0,
            platforms: &scenario.platforms,
            graph: &graph,
            segment_ranges: &ranges,
            platform_users: &[],
            influencers: &[],
        };
        let request = Push {
            target: Target::Everyone,
            platform: 0,
            people: 30,
        };
        assert_eq!(delivery.connections(&mut audience, 0, request), 30);
        let asked: Vec<usize> = (0..audience.len())
            .filter(|&a| audience.inbox[a] & inbox::CONNECT != 0)
            .collect();
        assert_eq!(asked.len(), 30);
        assert!(asked.iter().all(|&a| !audience.follows(a) && audience.uses(a, 0)));
    }
}
