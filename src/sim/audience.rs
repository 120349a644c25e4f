//! The audience: one person per index, stored as a struct of arrays so the
//! daily step touches a million people with a few bytes each.
//!
//! People are lazy: a person's fading levels (awareness, fatigue,
//! relationship, sentiment) are stored as they stood on the last day
//! something happened to them (`Stored::stamp`) and read in closed form for
//! any later day (`decay`), so a day costs nothing for the people nobody
//! touched. Read a level with the accessors (`awareness`, `relationship`,
//! ...), which give its value today; the stored arrays are the model's own.

mod decay;
pub mod ledger;

pub use decay::{Decay, Powers};

use super::attribution::Cause;
use super::contribution::Contributions;
use super::rng::{Rng, Stream};
use super::scenario::Scenario;
use super::types::{CONTENT_TYPES, ContentType, Stage, Tone};
use rayon::prelude::*;
use std::sync::Arc;

/// Bits of `Audience::flags`.
pub mod flag {
    /// Follows the brand now.
    pub const FOLLOWS: u8 = 1;
    /// Followed the brand once and left.
    pub const LEFT: u8 = 2;
    /// Was a customer and lapsed.
    pub const CHURNED: u8 = 4;
    /// Has seen what the brand sells and how to buy it: an offer post or an
    /// ad (a call to action). A follower with a bond asks to buy at the full
    /// rate once they have; before, at `inquiry_unprompted` of it.
    pub const OFFERED: u8 = 8;
}

/// Bits of `Audience::inbox`: what reaches a person today besides the posts
/// they see in their feed. Cleared by the daily step.
pub mod inbox {
    /// An ad impression.
    pub const AD: u32 = 1;
    /// A friend shared the brand.
    pub const SHARE: u32 = 2;
    /// The brand commented on this person's own post.
    pub const PUSH: u32 = 4;
    /// The brand answered this person's comment.
    pub const REPLY: u32 = 8;
    /// A brand post surfaced outside the person's feed (explore, hashtags).
    pub const DISCOVER: u32 = 16;
    /// A complaint reached this person (a review storm).
    pub const COMPLAINT: u32 = 32;
    /// The brand asked this person to connect (it says nothing about the
    /// platform: a person who accepts follows the brand).
    pub const CONNECT: u32 = 64;
    /// The brand hosts a live session today on a platform the person uses
    /// and they may join (a follower drawn at the session's highest rate;
    /// whether they join is drawn in their day).
    pub const LIVE: u32 = 128;
    /// They saw the brand answer a friend's comment in public.
    pub const ANSWER_SEEN: u32 = 256;
    /// They saw a friend's comment left unanswered in public.
    pub const IGNORED_SEEN: u32 = 512;
    /// A review storm: they post a complaint of their own today.
    pub const STORM: u32 = 1024;
    /// Bits 16-17: the tone of the brand's answer or comment today.
    pub const TONE_SHIFT: u32 = 16;
    pub const TONE_BITS: u32 = 3 << TONE_SHIFT;
    /// Bits 20-22: the platform of the brand's comment on their post.
    pub const PLATFORM_SHIFT: u32 = 20;
    pub const PLATFORM_BITS: u32 = 7 << PLATFORM_SHIFT;
}

/// Funnel progress beyond following (`Audience::funnel`), one byte a person.
/// The byte values are part of the state hash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Funnel {
    /// Not (or no longer) in the funnel: not a lead, or a customer who lapsed.
    #[default]
    None = 0,
    Lead = 1,
    Customer = 2,
    Advocate = 3,
}

impl Funnel {
    /// Whether the person is a customer now (advocates are customers too).
    pub fn has_bought(self) -> bool {
        matches!(self, Funnel::Customer | Funnel::Advocate)
    }
}

/// A person's history with the brand, for the inspector and the notable
/// events of the week. Days are stored as day + 1 so 0 means "never".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Story {
    pub posts_seen: u16,
    pub engagements: u16,
    pub comments: u8,
    pub replies_received: u8,
    pub ignored: u8,
    pub brand_contacts: u8,
    pub followed_day: u16,
    pub unfollowed_day: u16,
    pub lead_day: u16,
    pub customer_day: u16,
}

/// One person, all of it in one cache line: what the daily step reads and
/// writes of a person arrives with a single memory access, so visiting a
/// few people of a million costs a few lines, not a dozen arrays.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(64))]
pub struct Cell {
    /// Their standing with the brand as last stored (fading levels as of
    /// `record.stamp`): read the levels with `Audience::levels`.
    pub record: ledger::Record,
    /// What reaches the person today besides their feed (`inbox` bits);
    /// cleared by their day.
    pub inbox: u32,
    /// The game day of the person's next scheduled visit (0: none): a
    /// chance that may come true, a comment running out of patience, or a
    /// level fading across a threshold the counts watch.
    pub next_visit: u16,
    /// Platform, content and tone of the last inbox item (ad, share, discovery).
    pub inbox_item: u16,
    /// What attribution credits away from an exposure (the last brand touch
    /// that moved the person, what soured them; see `attribution::touch`).
    /// Recorded only: no rule reads it and it is not in the state hash.
    pub touch: u8,
    /// The last week (counted from 1; 0 = never) something from or about
    /// the brand reached the person: what counts the people a week reached,
    /// each once. Recorded only, like `touch`.
    pub reached_week: u8,
    /// Ad impressions the person met this week (the frequency cap counts
    /// them; cleared when a week begins).
    pub ads_this_week: u8,
    pub segment: u8,
    /// Bit `p` set when the person uses platform `p`.
    pub platforms: u8,
    /// Chance of being online on a day, 0..=255 for 0.0..=1.0.
    pub activity: u8,
    /// Hidden interest in each content type, 0..=255 for 0.0..=2.0.
    pub interest: [u8; CONTENT_TYPES],
}

const _: () = assert!(std::mem::size_of::<Cell>() == 64);

#[derive(Debug, PartialEq)]
pub struct Audience {
    /// Everyone, one cell a person, in index order.
    pub(in crate::sim) cells: Vec<Cell>,
    /// The game day the audience stands at: the last day played (0 before).
    pub(in crate::sim) today: u16,
    pub(in crate::sim) decay: Arc<Decay>,
    /// What each cause built of the bond and warmth of the people the game
    /// has moved, one entry per chunk of the daily pass ([`CHUNK`])
    /// once the pass has reached it. Recorded only (`contribution`): no
    /// rule reads it and it is not in the state hash.
    pub(in crate::sim) contribution: Contributions,
}

impl Clone for Audience {
    fn clone(&self) -> Audience {
        let mut cells = huge_vec(self.cells.len());
        cells.extend_from_slice(&self.cells);
        Audience {
            cells,
            today: self.today,
            decay: Arc::clone(&self.decay),
            contribution: self.contribution.clone(),
        }
    }
}

/// An empty vector with room for `n` values, whose memory the kernel is
/// asked to back with huge pages (Linux; elsewhere an ordinary vector): a
/// day reads a few people scattered over the whole audience, and with
/// 4 KiB pages nearly every one of them also misses the address cache.
/// Only where the memory lies changes, never what it holds.
pub(in crate::sim) fn huge_vec<T>(n: usize) -> Vec<T> {
    let vec = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = (vec.as_ptr() as usize).next_multiple_of(HUGE);
        let end = (vec.as_ptr() as usize + n * std::mem::size_of::<T>()) & !(HUGE - 1);
        if end > start {
            // SAFETY: the range lies inside the vector's own allocation, not
            // yet touched; the advice changes how it is backed, not its bytes.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
    vec
}

/// Asks the processor to start bringing `value`'s cache line in, so that
/// a read soon after does not wait on memory: walking a list of people
/// spread over the audience, the next few are fetched while one is worked
/// on. A hint only: it reads and changes nothing the model sees.
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only hints at a cache line; it cannot fault and
    // reads nothing into the program.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// How many people ahead a walk over scattered people asks for their cells.
pub const PREFETCH_AHEAD: usize = 8;

/// Interest is stored as a byte: 255 is an interest of 2.0.
pub const INTEREST_SCALE: f32 = 2.0 / 255.0;

/// The chance to be online is stored as a byte: 255 is certainty.
pub const ACTIVITY_LEVELS: f32 = 255.0;

/// Turns a stored activity byte back into a chance (`1 / ACTIVITY_LEVELS`).
pub const ACTIVITY_SCALE: f32 = 1.0 / 255.0;

/// Packs a platform, a content type and a tone into one item, as
/// `Audience::inbox_item` and shares store them: content in bits 0-2, tone in
/// bits 3-4, the automated mark in bit 5, the platform from bit 8.
#[inline]
pub fn pack_item(platform: u8, content: ContentType, tone: Tone) -> u16 {
    (platform as u16) << 8 | (tone.index() as u16) << 3 | content.index() as u16 & CONTENT_BITS
}

/// The bit of an item that marks a copy of an automated (scheduled) post:
/// a discovered or shared copy keeps the automation's lower quality and
/// extra fatigue, as the post in the feed does.
pub const AUTOMATED_ITEM: u16 = 0x20;

/// The bits of an item that hold its content type (six types fit in three).
const CONTENT_BITS: u16 = 0x07;

/// An item for a post, marked when the post was automated.
#[inline]
pub fn pack_post(platform: u8, content: ContentType, tone: Tone, scheduled: bool) -> u16 {
    pack_item(platform, content, tone) | if scheduled { AUTOMATED_ITEM } else { 0 }
}

#[inline]
pub fn unpack_item(item: u16) -> (u8, ContentType, Tone) {
    (
        (item >> 8) as u8,
        ContentType::from_index((item & CONTENT_BITS) as usize),
        Tone::from_index((item >> 3 & 3) as usize),
    )
}

/// Whether an item is a copy of an automated post.
#[inline]
pub fn is_automated(item: u16) -> bool {
    item & AUTOMATED_ITEM != 0
}

/// The tone of the brand's exchange marked in an inbox.
#[inline]
pub fn inbox_tone(bits: u32) -> Tone {
    Tone::from_index(((bits & inbox::TONE_BITS) >> inbox::TONE_SHIFT) as usize)
}

/// Marks the tone of the brand's exchange in an inbox.
#[inline]
pub fn with_tone(bits: u32, tone: Tone) -> u32 {
    bits & !inbox::TONE_BITS | (tone.index() as u32) << inbox::TONE_SHIFT
}

/// The platform of the brand's comment marked in an inbox.
#[inline]
pub fn inbox_platform(bits: u32) -> u8 {
    ((bits & inbox::PLATFORM_BITS) >> inbox::PLATFORM_SHIFT) as u8
}

/// Marks the platform of the brand's comment in an inbox.
#[inline]
pub fn with_platform(bits: u32, platform: u8) -> u32 {
    bits & !inbox::PLATFORM_BITS | (platform as u32 & 7) << inbox::PLATFORM_SHIFT
}

/// One person's fading levels on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Levels {
    pub awareness: f32,
    pub relationship: f32,
    pub sentiment: f32,
    pub fatigue: f32,
}

impl Audience {
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Draws every person from their segment's description.
    pub fn generate(scenario: &Scenario, seed: u64) -> Audience {
        let n = scenario.agents as usize;
        let params = &scenario.model;
        let mut cells = huge_vec(n);
        cells.resize(n, Cell::default());
        let mut audience = Audience {
            cells,
            today: 0,
            decay: Arc::new(Decay::new(params, scenario.days())),
            contribution: Contributions::default(),
        };
        // Each person is drawn from their own keyed stream: in parallel,
        // the same at any thread count.
        let ranges = scenario.segment_ranges();
        let main_platforms: Vec<usize> = scenario
            .segments
            .iter()
            .map(|segment| {
                // The most used platform, for people who would otherwise use none.
                segment
                    .platform_use
                    .iter()
                    .enumerate()
                    .fold(
                        (0usize, -1.0f32),
                        |best, (p, &u)| if u > best.1 { (p, u) } else { best },
                    )
                    .0
            })
            .collect();
        audience
            .cells
            .par_chunks_mut(GENERATE_CHUNK)
            .enumerate()
            .for_each(|(c, cells)| {
                for (k, cell) in cells.iter_mut().enumerate() {
                    let agent = (c * GENERATE_CHUNK + k) as u32;
                    let segment_index = ranges.iter().position(|r| r.contains(&agent)).unwrap_or(0);
                    let segment = &scenario.segments[segment_index];
                    let mut rng = Rng::keyed(seed, Stream::Audience, 0, agent as u64);
                    cell.segment = segment_index as u8;
                    let mut platforms = 0u8;
                    for (p, &usage) in segment.platform_use.iter().enumerate() {
                        if rng.chance(usage) {
                            platforms |= 1 << p;
                        }
                    }
                    if platforms == 0 {
                        platforms = 1 << main_platforms[segment_index];
                    }
                    cell.platforms = platforms;
                    for c in 0..CONTENT_TYPES {
                        // Individual taste varies around the segment mean (x0.4..x1.6 by default).
                        let taste = segment.interest[c]
                            * (params.taste_spread_low + params.taste_spread_width * rng.unit_f32());
                        cell.interest[c] = (taste / INTEREST_SCALE).round().clamp(0.0, 255.0) as u8;
                    }
                    let online = segment.online_per_day * (params.online_spread_low + rng.unit_f32());
                    cell.activity = (online.clamp(0.0, 1.0) * ACTIVITY_LEVELS).round() as u8;
                    draw_standing(cell, segment, scenario, &mut rng);
                }
            });
        audience
    }

    /// Draws how person `i` stands with the brand on day one (their mood
    /// toward it, whether they follow it or know it) from the scenario's
    /// shares: for the scenario's brand, and for a rival with its own.
    pub(super) fn draw_standing(&mut self, i: usize, scenario: &Scenario, rng: &mut Rng) {
        let segment = &scenario.segments[self.cells[i].segment as usize];
        draw_standing(&mut self.cells[i], segment, scenario, rng);
    }
}

/// People drawn per task when an audience is generated.
const GENERATE_CHUNK: usize = 16_384;

/// People per chunk of the daily pass. Fixed, so that float sums are
/// grouped the same way whatever the number of threads.
pub const CHUNK: usize = 4096;

/// How a person stands with a brand on day one, drawn from the scenario's
/// shares (see `Audience::draw_standing`).
fn draw_standing(cell: &mut Cell, segment: &super::scenario::Segment, scenario: &Scenario, rng: &mut Rng) {
    {
        let params = &scenario.model;
        let record = &mut cell.record;
        *record = ledger::Record::default();
        // A draw centred on zero (unit - 0.5) spreads sentiment both ways.
        record.sentiment = (segment.initial_sentiment
            + params.initial_sentiment_spread * (rng.unit_f32() - 0.5))
            .clamp(-1.0, 1.0);
        if rng.chance(scenario.initial_followers) {
            record.flags = flag::FOLLOWS;
            record.awareness = params.initial_follower_awareness;
            record.relationship = params.initial_follower_relationship * rng.unit_f32();
        } else if rng.chance(scenario.initial_awareness) {
            record.awareness = params.initial_known_awareness;
        }
    }
}

impl Audience {
    /// The game day the audience stands at (0 before the first day).
    pub fn today(&self) -> u16 {
        self.today
    }

    /// Person `i`'s fading levels on game day `day` (at or after the day
    /// they were stored), with nothing happening to them in between.
    #[inline]
    pub fn levels_on(&self, i: usize, day: u16) -> Levels {
        self.cells[i].record.levels_on(day, &self.decay)
    }

    /// Person `i`'s fading levels today.
    #[inline]
    pub fn levels(&self, i: usize) -> Levels {
        self.levels_on(i, self.today)
    }

    /// Everything stored of person `i` that defines their standing.
    #[inline]
    pub fn record(&self, i: usize) -> ledger::Record {
        self.cells[i].record
    }

    /// Stores person `i`'s record.
    pub(in crate::sim) fn write_record(&mut self, i: usize, record: &ledger::Record) {
        self.cells[i].record = *record;
    }

    /// Whether something waits in person `i`'s inbox (between days, never:
    /// every inbox is read and cleared by the person's day).
    pub fn has_inbox(&self, i: usize) -> bool {
        self.cells[i].inbox != 0
    }

    /// How well person `i` knows the brand today (0..1).
    pub fn awareness(&self, i: usize) -> f32 {
        self.levels(i).awareness
    }

    /// The strength of person `i`'s bond with the brand today (0..1).
    pub fn relationship(&self, i: usize) -> f32 {
        self.levels(i).relationship
    }

    /// What person `i` feels about the brand today (-1..1).
    pub fn sentiment(&self, i: usize) -> f32 {
        self.levels(i).sentiment
    }

    /// How tired person `i` is of being talked at today (0..1).
    pub fn fatigue(&self, i: usize) -> f32 {
        self.levels(i).fatigue
    }

    /// The segment person `i` belongs to.
    #[inline]
    pub fn segment(&self, i: usize) -> u8 {
        self.cells[i].segment
    }

    /// The platforms person `i` uses (bit `p` for platform `p`).
    #[inline]
    pub fn platforms(&self, i: usize) -> u8 {
        self.cells[i].platforms
    }

    /// Person `i`'s hidden interest in each content type (0..=255 for 0..2).
    pub fn interest(&self, i: usize) -> [u8; CONTENT_TYPES] {
        self.cells[i].interest
    }

    /// Person `i`'s history with the brand.
    #[inline]
    pub fn story(&self, i: usize) -> &Story {
        &self.cells[i].record.story
    }

    /// Where person `i` is in the funnel.
    #[inline]
    pub fn funnel(&self, i: usize) -> Funnel {
        self.cells[i].record.funnel
    }

    /// Person `i`'s flags (`flag` bits).
    #[inline]
    pub fn flags(&self, i: usize) -> u8 {
        self.cells[i].record.flags
    }

    /// The game day person `i`'s waiting comment was posted (0: none waits).
    #[inline]
    pub fn comment_since(&self, i: usize) -> u16 {
        self.cells[i].record.comment_since
    }

    /// The game day of person `i`'s last reciprocated exchange (0: never).
    #[inline]
    pub fn last_contact(&self, i: usize) -> u16 {
        self.cells[i].record.last_contact
    }

    /// Person `i`'s recorded byte (`attribution::touch`).
    pub fn touch(&self, i: usize) -> u8 {
        self.cells[i].touch
    }

    /// What each cause built of person `i`'s bond, then of their warmth,
    /// as shares in units of 1/`CONTRIBUTION_UNIT` (`start` last, each list
    /// adding up to the unit). Recorded only.
    pub fn built(&self, i: usize) -> (Vec<(Cause, u8)>, Vec<(Cause, u8)>) {
        let built = self.contribution.get(i, CHUNK);
        (built.of_bond().collect(), built.of_warmth().collect())
    }

    /// Bytes the shares by contribution hold.
    pub fn contribution_bytes(&self) -> usize {
        self.contribution.bytes()
    }

    /// Ads person `i` met this week.
    pub fn ads_this_week(&self, i: usize) -> u8 {
        self.cells[i].ads_this_week
    }

    #[inline]
    pub fn follows(&self, agent: usize) -> bool {
        self.cells[agent].record.flags & flag::FOLLOWS != 0
    }

    #[inline]
    pub fn uses(&self, agent: usize, platform: u8) -> bool {
        self.cells[agent].platforms & (1 << platform) != 0
    }

    /// The funnel stage shown to the player, derived from the state.
    pub fn stage(&self, agent: usize, aware_threshold: f32, engaged_threshold: f32) -> Stage {
        let levels = self.levels(agent);
        let record = &self.cells[agent].record;
        stage_of(
            record.flags,
            record.funnel,
            levels.awareness,
            levels.relationship,
            aware_threshold,
            engaged_threshold,
        )
    }

    pub fn interest_of(&self, agent: usize, content: ContentType) -> f32 {
        self.cells[agent].interest[content.index()] as f32 * INTEREST_SCALE
    }
}

#[inline]
pub fn stage_of(
    flags: u8,
    funnel_stage: Funnel,
    awareness: f32,
    relationship: f32,
    aware_threshold: f32,
    engaged_threshold: f32,
) -> Stage {
    match funnel_stage {
        Funnel::Advocate => return Stage::Advocate,
        Funnel::Customer => return Stage::Customer,
        Funnel::Lead => return Stage::Lead,
        Funnel::None => {}
    }
    if flags & flag::FOLLOWS != 0 {
        if relationship >= engaged_threshold {
            Stage::Engaged
        } else {
            Stage::Follower
        }
    } else if flags & (flag::LEFT | flag::CHURNED) != 0 {
        Stage::Lapsed
    } else if awareness >= aware_threshold {
        Stage::Aware
    } else {
        Stage::Stranger
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_keeps_its_platform_content_and_tone() {
        for platform in 0..8 {
            for content in ContentType::ALL {
                for tone in Tone::ALL {
                    assert_eq!(
                        unpack_item(pack_item(platform, content, tone)),
                        (platform, content, tone)
                    );
                    for scheduled in [false, true] {
                        let item = pack_post(platform, content, tone, scheduled);
                        assert_eq!(unpack_item(item), (platform, content, tone));
                        assert_eq!(is_automated(item), scheduled);
                    }
                    assert!(!is_automated(pack_item(platform, content, tone)));
                    let bits = with_tone(inbox::REPLY | inbox::AD, tone);
                    assert_eq!(
                        (inbox_tone(bits), bits & !inbox::TONE_BITS),
                        (tone, inbox::REPLY | inbox::AD)
                    );
                    let bits = with_platform(bits, platform);
                    assert_eq!((inbox_platform(bits), inbox_tone(bits)), (platform, tone));
                }
            }
        }
    }

    #[test]
    fn funnel_bytes_are_those_the_state_hash_has_always_seen() {
        let bytes = [Funnel::None, Funnel::Lead, Funnel::Customer, Funnel::Advocate].map(|f| f as u8);
        assert_eq!(bytes, [0, 1, 2, 3]);
        assert!(Funnel::Advocate.has_bought() && Funnel::Customer.has_bought());
        assert!(!Funnel::Lead.has_bought() && !Funnel::None.has_bought());
    }

    #[test]
    fn the_funnel_comes_before_following_in_the_stage_shown() {
        assert_eq!(
            stage_of(flag::FOLLOWS, Funnel::Customer, 1.0, 1.0, 0.2, 0.2),
            Stage::Customer
        );
        assert_eq!(
            stage_of(flag::FOLLOWS, Funnel::None, 1.0, 0.3, 0.2, 0.2),
            Stage::Engaged
        );
        assert_eq!(
            stage_of(flag::LEFT, Funnel::None, 1.0, 0.0, 0.2, 0.2),
            Stage::Lapsed
        );
        assert_eq!(stage_of(0, Funnel::None, 0.1, 0.0, 0.2, 0.2), Stage::Stranger);
    }

    #[test]
    fn day_one_followers_know_the_brand_as_the_params_say() {
        let mut scenario = Scenario::for_tests(500);
        scenario.model.initial_follower_awareness = 0.7;
        let audience = Audience::generate(&scenario, 3);
        let followers: Vec<usize> = (0..audience.len()).filter(|&a| audience.follows(a)).collect();
        assert!(!followers.is_empty());
        assert!(followers.iter().all(|&a| audience.awareness(a) == 0.7));
    }
}
