//! What a side of the audience keeps about everyone at once, kept up to
//! date as people change rather than recounted: the counts of each stage,
//! of followers, strong bonds and advocates; the sums behind the mean
//! relationship of followers and the mean mood of the people who know the
//! brand; the state hash's share of the people; the calendar of visits
//! (the day each person next needs one); the list of followers; and the ad
//! platforms' pools. The daily pass changes people in parallel chunks and
//! hands back a [`LedgerDelta`] per chunk; the deltas are integers, so
//! their sum does not depend on the order or the number of threads.

use super::super::rng::mix64;
use super::super::types::{STAGES, Stage};
use super::{Audience, Decay, Funnel, Levels, PREFETCH_AHEAD, Story, flag, prefetch, stage_of};

/// Levels are summed as whole numbers of 2^-40: the sums are exact, so a
/// person's share can be taken out exactly as it was put in.
const FIXED_ONE: f64 = (1u64 << 40) as f64;

/// A level as a whole number of 2^-40 (deterministic; the few bits below
/// 2^-40 are dropped the same way every time).
#[inline]
pub fn fixed(value: f32) -> i64 {
    (value as f64 * FIXED_ONE) as i64
}

/// Everything that defines a person's standing with the brand and enters
/// the state hash: their stored levels, when they were stored, and the rest
/// of their state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C)]
pub struct Record {
    pub awareness: f32,
    pub relationship: f32,
    pub sentiment: f32,
    pub fatigue: f32,
    pub story: Story,
    /// The game day (1 for the first; 0 before the game) the levels hold for.
    pub stamp: u16,
    /// Game day of the last reciprocated exchange with the brand; 0 if none.
    pub last_contact: u16,
    /// Game day on which the person's waiting comment was posted; 0 if none.
    pub comment_since: u16,
    pub flags: u8,
    pub funnel: Funnel,
    /// The platform the waiting comment was written on.
    pub comment_platform: u8,
}

/// Where a person stands for the counts on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub stage: Option<Stage>,
    pub follows: bool,
    pub strong: bool,
    pub advocate: bool,
    /// Follows or is in the funnel: their mood counts in the community's.
    pub known: bool,
}

/// The thresholds the counts are taken at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    pub aware: f32,
    pub engaged: f32,
    pub strong: f32,
}

impl Record {
    /// The levels on `day`, nothing happening in between.
    #[inline]
    pub fn levels_on(&self, day: u16, decay: &Decay) -> Levels {
        let nights = day.saturating_sub(self.stamp) as u32;
        let cooling = day.saturating_sub(decay.cooling_from(self.stamp, self.last_contact)) as u32;
        Levels {
            awareness: self.awareness * decay.awareness.at(nights),
            relationship: self.relationship * decay.bond_fading(self.last_contact).at(cooling),
            sentiment: self.sentiment * decay.sentiment.at(nights),
            fatigue: self.fatigue * decay.fatigue.at(nights),
        }
    }

    pub fn follows(&self) -> bool {
        self.flags & flag::FOLLOWS != 0
    }

    /// Whether the person counts as knowing the brand (their mood counts).
    pub fn known(&self) -> bool {
        self.follows() || self.funnel != Funnel::None
    }

    /// Where they stand on `day` for the counts.
    #[inline]
    pub fn standing_on(&self, day: u16, decay: &Decay, at: Thresholds) -> Standing {
        let levels = self.levels_on(day, decay);
        Standing {
            stage: Some(stage_of(
                self.flags,
                self.funnel,
                levels.awareness,
                levels.relationship,
                at.aware,
                at.engaged,
            )),
            follows: self.follows(),
            strong: levels.relationship >= at.strong,
            advocate: self.funnel == Funnel::Advocate,
            known: self.known(),
        }
    }

    /// A follower's stored bond and where its sum is kept: the slot is
    /// twice the day it starts (or started) to cool, plus one for a bond
    /// never reciprocated (it fades at its own rate).
    #[inline]
    pub fn bond_entry(&self, decay: &Decay) -> Option<(u16, i64)> {
        self.follows().then(|| {
            let from = decay.cooling_from(self.stamp, self.last_contact);
            (
                from.saturating_mul(2) + u16::from(self.last_contact == 0),
                fixed(self.relationship),
            )
        })
    }

    /// A known person's stored mood and the day it was stored.
    #[inline]
    pub fn mood_entry(&self) -> Option<(u16, i64)> {
        self.known().then(|| (self.stamp, fixed(self.sentiment)))
    }

    /// The person's share of the state hash (`index` keeps equal people
    /// at different places apart). Shares are added up (wrapping), so the
    /// hash follows each change in constant time.
    pub fn hash(&self, index: u32) -> u64 {
        let story = &self.story;
        let mut h = mix64(index as u64 ^ 0x7065_6F70_6C65);
        for word in [
            self.awareness.to_bits() as u64 | (self.relationship.to_bits() as u64) << 32,
            self.sentiment.to_bits() as u64 | (self.fatigue.to_bits() as u64) << 32,
            self.stamp as u64
                | (self.flags as u64) << 16
                | (self.funnel as u64) << 24
                | (self.comment_since as u64) << 32
                | (self.comment_platform as u64) << 48,
            self.last_contact as u64,
            story.posts_seen as u64
                | (story.engagements as u64) << 16
                | (story.comments as u64) << 32
                | (story.replies_received as u64) << 40
                | (story.ignored as u64) << 48
                | (story.brand_contacts as u64) << 56,
            story.followed_day as u64
                | (story.unfollowed_day as u64) << 16
                | (story.lead_day as u64) << 32
                | (story.customer_day as u64) << 48,
        ] {
            h = mix64(h ^ word);
        }
        h
    }
}

/// The state hash's share of one person's ad count this week (kept apart
/// from the record: the ad platforms change it before the person's day).
#[inline]
pub fn ads_hash(index: u32, ads: u8) -> u64 {
    if ads == 0 {
        0
    } else {
        mix64((index as u64) << 8 ^ ads as u64 ^ 0xAD5)
    }
}

/// Counts of the people by where they stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub stages: [u64; STAGES],
    pub followers: u64,
    pub strong: u64,
    pub advocates: u64,
    pub known: u64,
}

/// The change a chunk of the pass makes to the ledger.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LedgerDelta {
    pub stages: [i64; STAGES],
    pub followers: i64,
    pub strong: i64,
    pub advocates: i64,
    pub known: i64,
    /// (slot of the bond: twice the day it cools from, plus one if it was
    /// never reciprocated; change of the sum).
    pub bonds: Vec<(u16, i64)>,
    /// (day the mood was stored, change of the sum).
    pub moods: Vec<(u16, i64)>,
    /// Change of the hash's sum over people (wrapping).
    pub hash: u64,
    /// (day, person): visits to schedule.
    pub schedule: Vec<(u16, u32)>,
    /// People who followed and who left today, in index order.
    pub followed: Vec<u32>,
    pub unfollowed: Vec<u32>,
}

impl LedgerDelta {
    /// A person's standing moved from `before` to `after`.
    #[inline]
    pub fn restand(&mut self, before: Standing, after: Standing) {
        if before == after {
            return;
        }
        if let Some(stage) = before.stage {
            self.stages[stage as usize] -= 1;
        }
        if let Some(stage) = after.stage {
            self.stages[stage as usize] += 1;
        }
        let step = |a: bool, b: bool| i64::from(b) - i64::from(a);
        self.followers += step(before.follows, after.follows);
        self.strong += step(before.strong, after.strong);
        self.advocates += step(before.advocate, after.advocate);
        self.known += step(before.known, after.known);
    }

    /// A person's record was rewritten from `before` to `after`.
    #[inline]
    pub fn rewrite(&mut self, index: u32, before: &Record, after: &Record, decay: &Decay) {
        self.hash = self
            .hash
            .wrapping_sub(before.hash(index))
            .wrapping_add(after.hash(index));
        let (old, new) = (before.bond_entry(decay), after.bond_entry(decay));
        if old != new {
            if let Some((day, sum)) = old {
                self.bonds.push((day, -sum));
            }
            if let Some((day, sum)) = new {
                self.bonds.push((day, sum));
            }
        }
        let (old, new) = (before.mood_entry(), after.mood_entry());
        if old != new {
            if let Some((day, sum)) = old {
                self.moods.push((day, -sum));
            }
            if let Some((day, sum)) = new {
                self.moods.push((day, sum));
            }
        }
        match (before.follows(), after.follows()) {
            (false, true) => self.followed.push(index),
            (true, false) => self.unfollowed.push(index),
            _ => {}
        }
    }

    /// Another chunk's change, after this one's.
    pub fn add(&mut self, other: &LedgerDelta) {
        for (a, b) in self.stages.iter_mut().zip(other.stages) {
            *a += b;
        }
        self.followers += other.followers;
        self.strong += other.strong;
        self.advocates += other.advocates;
        self.known += other.known;
        self.bonds.extend_from_slice(&other.bonds);
        self.moods.extend_from_slice(&other.moods);
        self.hash = self.hash.wrapping_add(other.hash);
        self.schedule.extend_from_slice(&other.schedule);
        self.followed.extend_from_slice(&other.followed);
        self.unfollowed.extend_from_slice(&other.unfollowed);
    }
}

/// The brand's followers in a list that can be sampled: the feed and a
/// live session reach followers drawn from it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowerList {
    pub people: Vec<u32>,
    /// Each person's place in `people` (`u32::MAX`: not a follower).
    pub(in crate::sim) slot: Vec<u32>,
    /// How many of the followers use each platform (bit `p` of a person's
    /// platforms counts at `p`).
    pub(in crate::sim) on_platform: [u64; 8],
}

impl FollowerList {
    fn of(audience: &Audience) -> FollowerList {
        let mut list = FollowerList {
            people: Vec::new(),
            slot: vec![u32::MAX; audience.len()],
            on_platform: [0; 8],
        };
        for i in 0..audience.len() {
            if audience.follows(i) {
                list.add(i as u32, audience.cells[i].platforms);
            }
        }
        list
    }

    /// The list of `people` in their order, for an audience of `size`
    /// (`None` when someone is listed twice).
    pub(in crate::sim) fn of_people(people: Vec<u32>, audience: &Audience) -> Option<FollowerList> {
        let mut list = FollowerList {
            people: Vec::with_capacity(people.len()),
            slot: vec![u32::MAX; audience.len()],
            on_platform: [0; 8],
        };
        for person in people {
            if list.slot[person as usize] != u32::MAX {
                return None;
            }
            list.add(person, audience.cells[person as usize].platforms);
        }
        Some(list)
    }

    fn add(&mut self, person: u32, platforms: u8) {
        if self.slot[person as usize] == u32::MAX {
            self.slot[person as usize] = self.people.len() as u32;
            self.people.push(person);
            self.count(platforms, 1);
        }
    }

    fn remove(&mut self, person: u32, platforms: u8) {
        let at = self.slot[person as usize];
        if at == u32::MAX {
            return;
        }
        self.people.swap_remove(at as usize);
        if let Some(&moved) = self.people.get(at as usize) {
            self.slot[moved as usize] = at;
        }
        self.slot[person as usize] = u32::MAX;
        self.count(platforms, -1);
    }

    fn count(&mut self, platforms: u8, step: i64) {
        for (p, count) in self.on_platform.iter_mut().enumerate() {
            if platforms >> p & 1 != 0 {
                *count = count.wrapping_add_signed(step);
            }
        }
    }

    /// How many followers use each of the first `platforms` platforms.
    pub fn on_platforms(&self, platforms: usize) -> Vec<u64> {
        (0..platforms)
            .map(|p| self.on_platform.get(p).copied().unwrap_or(0))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

/// The ad platforms' pools: per platform and segment, the people a
/// campaign can reach (users who do not follow) and how many of them met
/// the week's frequency cap. Kept as people follow, leave and meet ads, so
/// the price of the day's impressions needs no scan of the audience.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AdPools {
    /// `[platform][segment]`.
    pub reachable: Vec<Vec<u64>>,
    pub capped: Vec<Vec<u64>>,
}

impl AdPools {
    fn of(audience: &Audience, platforms: usize, segments: usize) -> AdPools {
        let mut pools = AdPools {
            reachable: vec![vec![0; segments]; platforms],
            capped: vec![vec![0; segments]; platforms],
        };
        for i in 0..audience.len() {
            if !audience.follows(i) {
                pools.count(audience, i, 1);
            }
        }
        pools
    }

    /// Person `i` enters (`+1`) or leaves (`-1`) the pools of the platforms they use.
    fn count(&mut self, audience: &Audience, i: usize, step: i64) {
        let segment = audience.cells[i].segment as usize;
        for p in 0..self.reachable.len() {
            if audience.uses(i, p as u8)
                && let Some(pool) = self.reachable[p].get_mut(segment)
            {
                *pool = pool.wrapping_add_signed(step);
            }
        }
    }

    /// Person `i` met the week's cap (`+1`) or the week began (`-1`).
    pub fn cap(&mut self, segment: usize, platforms: u8, step: i64) {
        for p in 0..self.capped.len() {
            if platforms & (1 << p) != 0
                && let Some(capped) = self.capped[p].get_mut(segment)
            {
                *capped = capped.wrapping_add_signed(step);
            }
        }
    }

    /// The share of the pool of `platform` over `segments` already at the cap.
    pub fn used_share(&self, platform: u8, segments: std::ops::Range<usize>) -> f64 {
        let (Some(reachable), Some(capped)) = (
            self.reachable.get(platform as usize),
            self.capped.get(platform as usize),
        ) else {
            return 0.0;
        };
        let pool: u64 = segments.clone().filter_map(|s| reachable.get(s)).sum();
        let used: u64 = segments.filter_map(|s| capped.get(s)).sum();
        if pool == 0 {
            0.0
        } else {
            used.min(pool) as f64 / pool as f64
        }
    }
}

/// The side's running book of everyone (see the module doc).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ledger {
    pub counts: Counts,
    pub(in crate::sim) bonds: Vec<i64>,
    pub(in crate::sim) moods: Vec<i64>,
    /// The sum of every person's share of the state hash (and of their ads).
    pub hash_sum: u64,
    /// `calendar[day]`: people with a visit due that day (stale entries are
    /// skipped: a person's own `next_visit` says which entry holds).
    pub(in crate::sim) calendar: Vec<Vec<u32>>,
    pub followers: FollowerList,
    pub pools: AdPools,
    /// People who met an ad this week (their counts go back to 0 when the
    /// next week begins).
    pub ad_counted: Vec<u32>,
    /// Most ads a person meets in a week (the model's frequency cap).
    pub ad_cap: u8,
}

impl Ledger {
    /// The book of an audience as it stands, taken from scratch.
    pub fn of(
        audience: &Audience,
        at: Thresholds,
        platforms: usize,
        segments: usize,
        days: u32,
        ad_cap: u8,
    ) -> Ledger {
        let mut ledger = Ledger {
            ad_cap,
            calendar: vec![Vec::new(); days as usize + 2],
            followers: FollowerList::of(audience),
            pools: AdPools::of(audience, platforms, segments),
            ..Ledger::default()
        };
        ledger.recount(audience, at);
        for (i, cell) in audience.cells.iter().enumerate() {
            if cell.ads_this_week > 0 {
                ledger.ad_counted.push(i as u32);
            }
        }
        ledger
    }

    /// Counts, sums and the hash taken afresh from every person (what the
    /// deltas keep up to date; the eager check compares the two).
    pub fn recount(&mut self, audience: &Audience, at: Thresholds) {
        let day = audience.today;
        let decay = &*audience.decay;
        let mut counts = Counts::default();
        let mut bonds = Vec::new();
        let mut moods = Vec::new();
        let mut hash_sum = 0u64;
        for i in 0..audience.len() {
            let record = audience.record(i);
            let standing = record.standing_on(day, decay, at);
            if let Some(stage) = standing.stage {
                counts.stages[stage as usize] += 1;
            }
            counts.followers += u64::from(standing.follows);
            counts.strong += u64::from(standing.strong);
            counts.advocates += u64::from(standing.advocate);
            counts.known += u64::from(standing.known);
            if let Some((d, sum)) = record.bond_entry(decay) {
                add_at(&mut bonds, d, sum);
            }
            if let Some((d, sum)) = record.mood_entry() {
                add_at(&mut moods, d, sum);
            }
            hash_sum = hash_sum
                .wrapping_add(record.hash(i as u32))
                .wrapping_add(ads_hash(i as u32, audience.cells[i].ads_this_week));
        }
        self.counts = counts;
        self.bonds = bonds;
        self.moods = moods;
        self.hash_sum = hash_sum;
    }

    /// Applies the pass's change (every chunk's, merged) and files the
    /// followers who came and went; `audience` is the side after the pass.
    pub fn apply(&mut self, delta: LedgerDelta, audience: &Audience) {
        let c = &mut self.counts;
        for (count, change) in c.stages.iter_mut().zip(delta.stages) {
            *count = count.wrapping_add_signed(change);
        }
        c.followers = c.followers.wrapping_add_signed(delta.followers);
        c.strong = c.strong.wrapping_add_signed(delta.strong);
        c.advocates = c.advocates.wrapping_add_signed(delta.advocates);
        c.known = c.known.wrapping_add_signed(delta.known);
        for &(day, sum) in &delta.bonds {
            add_at(&mut self.bonds, day, sum);
        }
        for &(day, sum) in &delta.moods {
            add_at(&mut self.moods, day, sum);
        }
        self.hash_sum = self.hash_sum.wrapping_add(delta.hash);
        for &(day, person) in &delta.schedule {
            self.schedule(day, person);
        }
        self.apply_followers(&delta, audience);
    }

    /// Files the followers who came and went today (the list and the ad
    /// pools follow them).
    pub fn apply_followers(&mut self, delta: &LedgerDelta, audience: &Audience) {
        for &person in &delta.unfollowed {
            self.followers
                .remove(person, audience.cells[person as usize].platforms);
            self.pools.count(audience, person as usize, 1);
            let cell = &audience.cells[person as usize];
            if cell.ads_this_week >= self.ad_cap {
                self.pools.cap(cell.segment as usize, cell.platforms, 1);
            }
        }
        for &person in &delta.followed {
            self.followers
                .add(person, audience.cells[person as usize].platforms);
            self.pools.count(audience, person as usize, -1);
            let cell = &audience.cells[person as usize];
            if cell.ads_this_week >= self.ad_cap {
                self.pools.cap(cell.segment as usize, cell.platforms, -1);
            }
        }
    }

    /// Files a visit for `person` on `day` (past the calendar: none needed).
    pub fn schedule(&mut self, day: u16, person: u32) {
        if let Some(list) = self.calendar.get_mut(day as usize) {
            list.push(person);
        }
    }

    /// The people due on `day`, in index order, each once.
    pub fn due(&mut self, day: u16, audience: &Audience) -> Vec<u32> {
        let mut due = self
            .calendar
            .get_mut(day as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        // The people filed are spread over the audience: each one's cell is
        // asked for a few people ahead of its reading.
        let mut kept = 0;
        for n in 0..due.len() {
            if let Some(&ahead) = due.get(n + PREFETCH_AHEAD) {
                prefetch(&audience.cells[ahead as usize]);
            }
            let person = due[n];
            if audience.cells[person as usize].next_visit == day {
                due[kept] = person;
                kept += 1;
            }
        }
        due.truncate(kept);
        due.sort_unstable();
        due.dedup();
        due
    }

    /// The mean relationship of followers and the mean sentiment of the
    /// people who know the brand on `day`, from the sums: each sum is its
    /// stored levels times the fading since, added by the day they fade
    /// from.
    pub fn means(&self, day: u16, decay: &Decay) -> (f64, f64) {
        let mut bonds = 0.0f64;
        for (slot, &sum) in self.bonds.iter().enumerate() {
            if sum != 0 {
                let nights = (day as u32).saturating_sub((slot / 2) as u32);
                let fading = if slot % 2 == 1 {
                    &decay.one_way
                } else {
                    &decay.relationship
                };
                bonds += sum as f64 / FIXED_ONE * fading.at(nights) as f64;
            }
        }
        let mut moods = 0.0f64;
        for (stamp, &sum) in self.moods.iter().enumerate() {
            if sum != 0 {
                let nights = (day as u32).saturating_sub(stamp as u32);
                moods += sum as f64 / FIXED_ONE * decay.sentiment.at(nights) as f64;
            }
        }
        let mean = |sum: f64, count: u64| if count == 0 { 0.0 } else { sum / count as f64 };
        (mean(bonds, self.counts.followers), mean(moods, self.counts.known))
    }
}

/// Adds `sum` at `day` of a list of sums by day, growing it as needed.
fn add_at(sums: &mut Vec<i64>, day: u16, sum: i64) {
    let day = day as usize;
    if sums.len() <= day {
        sums.resize(day + 1, 0);
    }
    sums[day] += sum;
}
