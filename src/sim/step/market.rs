//! The daily pass of a market: every brand's side of the audience walked
//! together, person by person, so that each person's day can be shared out
//! between the brands that reach them, from where every brand stood before
//! the person's day began (no brand goes first).
//!
//! Only people some brand visits today are walked, and for each of them
//! only the sides with something today: a rival that does not reach a
//! person costs nothing for that person. For a person walked: what each
//! brand puts in front of them today (feed posts of the brands they follow,
//! ads, shares and discoveries, weighted up by their bond with the brand)
//! makes that brand's load; a brand's items get the attention
//! `1 / (1 + others' load / (capacity x its own favour))`. Then each brand's
//! day is played for them, then a person who bought from two brands keeps
//! only the newer purchase, and last each side that changed, or that a
//! change elsewhere concerns (a lead held by a rival's customer), files its
//! next visit.

use super::super::attribution::{Cause, Outcome};
use super::super::audience::ledger::Record;
use super::super::audience::{Audience, Funnel, PREFETCH_AHEAD, flag, inbox, prefetch};
use super::super::market::{MAX_BRANDS, MarketParams};
use super::chunks::AgentsMut;
use super::{CHUNK, ChunkOut, DayContext, InMarket, Visits, schedule, start_watch, take_feed, visit};

use rayon::prelude::*;

/// One brand's side for a market's day.
pub struct MarketSide<'a> {
    pub audience: &'a mut Audience,
    pub ctx: &'a DayContext<'a>,
    pub visits: &'a Visits,
}

/// Runs one day of every brand's pass over their sides of the audience and
/// returns each brand's results, merged in chunk order. `marks`: everyone's
/// market marks (see [`market_marks`]), kept up to date by the pass.
pub fn market_pass(sides: Vec<MarketSide>, marks: &mut [u32], params: &MarketParams) -> Vec<ChunkOut> {
    let brands = sides.len();
    // Feed posts of each brand today that a person sees on the platforms
    // they use, for every set of platforms (a person's platforms are a byte).
    let posts: Vec<[f32; 256]> = sides.iter().map(|side| posts_per_set(side.ctx)).collect();
    let contexts: Vec<&DayContext> = sides.iter().map(|side| side.ctx).collect();
    let visits: Vec<&Visits> = sides.iter().map(|side| side.visits).collect();
    // Chunk c of every brand, side by side.
    let mut by_brand: Vec<std::vec::IntoIter<AgentsMut>> = sides
        .into_iter()
        .map(|side| side.audience.chunks_mut(CHUNK).into_iter())
        .collect();
    let mut marks = marks.chunks_mut(CHUNK);
    let mut together: Vec<(Vec<AgentsMut>, &mut [u32])> = Vec::new();
    'chunks: loop {
        let mut chunk = Vec::with_capacity(brands);
        for side in &mut by_brand {
            match side.next() {
                Some(part) => chunk.push(part),
                None => break 'chunks,
            }
        }
        let Some(marks) = marks.next() else {
            break;
        };
        together.push((chunk, marks));
    }
    let results: Vec<Vec<ChunkOut>> = together
        .into_par_iter()
        .filter_map(|(mut chunk, marks)| pass_together(&mut chunk, marks, &contexts, &visits, params, &posts))
        .collect();
    let mut merged: Vec<Vec<ChunkOut>> = (0..brands).map(|_| Vec::with_capacity(results.len())).collect();
    for outs in results {
        for (b, out) in outs.into_iter().enumerate() {
            merged[b].push(out);
        }
    }
    merged.into_iter().map(ChunkOut::merge).collect()
}

/// How many of a brand's posts today a follower using each set of
/// platforms could meet.
fn posts_per_set(ctx: &DayContext) -> [f32; 256] {
    let mut per_platform = [0u32; 8];
    for post in &ctx.posts {
        if let Some(n) = per_platform.get_mut(post.platform as usize) {
            *n += 1;
        }
    }
    let mut per_set = [0.0f32; 256];
    for (set, posts) in per_set.iter_mut().enumerate() {
        let seen: u32 = (0..8)
            .filter(|p| set & (1 << p) != 0)
            .map(|p| per_platform[p])
            .sum();
        *posts = seen as f32;
    }
    per_set
}

/// One chunk of people, every brand's side of them: the people some brand
/// visits today, each walked through the sides that have something for
/// them. `marks`: the chunk's people's market marks, kept up to date.
/// `None` when nobody in the chunk is visited.
fn pass_together(
    chunk: &mut [AgentsMut],
    marks: &mut [u32],
    contexts: &[&DayContext],
    visits: &[&Visits],
    params: &MarketParams,
    posts: &[[f32; 256]],
) -> Option<Vec<ChunkOut>> {
    let brands = chunk.len();
    let start = chunk[0].start;
    let range = start..start + chunk[0].len();
    let eager = contexts[0].eager;
    let watched = contexts[0]
        .watch
        .is_some_and(|w| range.contains(&(w.agent as usize)));
    let parts: Vec<(&[u32], &[(u32, u8)])> = visits.iter().map(|v| v.within(range.clone())).collect();
    let mut people: Vec<u32> = if eager {
        range.clone().map(|i| i as u32).collect()
    } else {
        parts
            .iter()
            .flat_map(|(people, _)| people.iter().copied())
            .collect()
    };
    if people.is_empty() && !watched {
        return None;
    }
    people.sort_unstable();
    people.dedup();
    let mut outs: Vec<ChunkOut> = (0..brands).map(|_| ChunkOut::default()).collect();
    for (b, out) in outs.iter_mut().enumerate() {
        start_watch(&chunk[b], contexts[b], out);
    }
    let mut scratch = ChunkOut::default();
    // Which sides visit each person of the chunk today (eagerly: all).
    let all = (1u32 << brands) - 1;
    let mut due_of = vec![if eager { all as u8 } else { 0u8 }; chunk[0].len()];
    for (b, (list, _)) in parts.iter().enumerate() {
        for &p in *list {
            due_of[p as usize - start] |= 1 << b;
        }
    }
    let mut feed_at = [0usize; MAX_BRANDS];
    // The sides a person's day reads (see below), from their marks.
    let reads = |k: usize, m: u32| {
        let mut read = u32::from(due_of[k]);
        let platforms = (m >> mark::PLATFORMS) as usize;
        for b in ones(m >> mark::FOLLOWS & all & !read) {
            if posts[b][platforms] > 0.0 {
                read |= 1 << b;
            }
        }
        if params.exclusive_purchase {
            read |= m >> mark::BOUGHT & all;
        }
        read
    };
    // People's cells are asked for ahead of their day: their marks twice
    // as far ahead, then the cells of the sides their day reads.
    for &ahead in people.iter().take(2 * PREFETCH_AHEAD) {
        prefetch(&marks[ahead as usize - start]);
    }
    for &ahead in people.iter().take(PREFETCH_AHEAD) {
        let ahead = ahead as usize - start;
        for b in ones(reads(ahead, marks[ahead])) {
            chunk[b].prefetch(ahead);
        }
    }
    for (n, &person) in people.iter().enumerate() {
        let k = person as usize - start;
        if let Some(&ahead) = people.get(n + 2 * PREFETCH_AHEAD) {
            prefetch(&marks[ahead as usize - start]);
        }
        if let Some(&ahead) = people.get(n + PREFETCH_AHEAD) {
            let ahead = ahead as usize - start;
            for b in ones(reads(ahead, marks[ahead])) {
                chunk[b].prefetch(ahead);
            }
        }
        // Their shares by contribution once the slots are at hand (see
        // `pass_chunk`).
        if let Some(&near) = people.get(n + PREFETCH_AHEAD / 2) {
            let near = near as usize - start;
            for b in ones(reads(near, marks[near])) {
                chunk[b].prefetch_shares(near);
            }
        }
        let due = u32::from(due_of[k]);
        let m = marks[k];
        debug_assert_eq!(m, marks_of_person(chunk, k), "person {person}'s market marks");
        let platforms = (m >> mark::PLATFORMS) as u8;
        let bought = m >> mark::BOUGHT & all;
        // The sides whose standing enters the person's day: those that
        // visit them, those whose posts today they follow, and (one
        // purchase at a time) those they buy from. Any other side puts
        // nothing before them and holds nothing of them: it is not read.
        let mut read = reads(k, m);
        let mut before = [Record::default(); MAX_BRANDS];
        for b in ones(read) {
            before[b] = chunk[b].record(k);
            debug_assert!(due & 1 << b != 0 || chunk[b].cells[k].inbox == 0);
        }
        let shared = share_out(chunk, k, &before, read, due, platforms, contexts, params, posts);
        let mut tonight: [Option<(Record, super::Person)>; MAX_BRANDS] = [None; MAX_BRANDS];
        let mut refile = [false; MAX_BRANDS];
        for b in ones(due) {
            // A side's feed draws are all of people it visits.
            let feed = take_feed(parts[b].1, &mut feed_at[b], person);
            let market = InMarket {
                attention: shared[b][0],
                held: shared[b][1],
            };
            let (record, tonight_b, again) =
                visit(&mut chunk[b], k, contexts[b], &mut outs[b], feed, Some(market));
            tonight[b] = Some((record, tonight_b));
            refile[b] = again;
        }
        if params.exclusive_purchase {
            one_purchase_at_a_time(chunk, k, due | bought, contexts, &mut outs, &mut tonight);
        }
        // Only the sides read can have changed (a side that loses a customer
        // bought from it, so was read).
        let mut after = before;
        let mut changed = 0u32;
        for b in ones(read) {
            after[b] = chunk[b].record(k);
            if after[b] != before[b] {
                changed |= 1 << b;
            }
        }
        if !eager {
            // Every side that changed files its next visit; so does a side
            // whose lead a rival's customer record concerns, when a rival
            // changed.
            let lead = m >> mark::LEAD & all;
            for b in 0..brands {
                let is_lead = if read & 1 << b != 0 {
                    after[b].funnel == Funnel::Lead
                } else {
                    lead & 1 << b != 0
                };
                let walked = refile[b] || changed & 1 << b != 0 || (is_lead && changed & !(1 << b) != 0);
                if !walked {
                    continue;
                }
                if read & 1 << b == 0 {
                    after[b] = chunk[b].record(k);
                    read |= 1 << b;
                }
                // Only a rival's customer record holds the person: the others
                // are left out of the walk (they would add nothing).
                let mut rivals = [Record::default(); MAX_BRANDS];
                let mut count = 0;
                for c in (0..brands).filter(|&c| c != b) {
                    let buys = if read & 1 << c != 0 {
                        after[c].funnel.has_bought()
                    } else {
                        bought & 1 << c != 0
                    };
                    if buys {
                        if read & 1 << c == 0 {
                            after[c] = chunk[c].record(k);
                            read |= 1 << c;
                        }
                        rivals[count] = after[c];
                        count += 1;
                    }
                }
                let person = match tonight[b] {
                    Some((_, person)) => person,
                    None => super::person_of(&chunk[b], k, contexts[b], &after[b]),
                };
                let (record, ctx) = (after[b], contexts[b]);
                schedule(
                    &mut chunk[b],
                    k,
                    &record,
                    &person,
                    ctx,
                    &rivals[..count],
                    &mut outs[b],
                    &mut scratch,
                );
            }
        }
        let mut m = m;
        for b in ones(read) {
            m = m & !brand_marks(b, u32::MAX) | brand_marks(b, marks_of_record(&after[b]));
        }
        marks[k] = m;
    }
    Some(outs)
}

/// The brands of a set (bit `b` for brand `b`), lowest first.
fn ones(mut set: u32) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let b = set.trailing_zeros() as usize;
            set &= set - 1;
            b
        })
    })
}

/// Person `k`'s `[attention, hold]` for every brand, from where each
/// brand stands with them before their day (`records`, read for the
/// brands of `read`: every other brand puts nothing before them today and
/// holds nothing of them).
#[allow(clippy::too_many_arguments)]
fn share_out(
    chunk: &[AgentsMut],
    k: usize,
    records: &[Record],
    read: u32,
    due: u32,
    platforms: u8,
    contexts: &[&DayContext],
    params: &MarketParams,
    posts: &[[f32; 256]],
) -> [[f32; 2]; MAX_BRANDS] {
    let mut load = [0.0f32; MAX_BRANDS];
    let mut favour = [1.0f32; MAX_BRANDS];
    let mut held = [0.0f32; MAX_BRANDS];
    let mut total = 0.0f32;
    for b in ones(read) {
        let side = &chunk[b];
        let ctx = contexts[b];
        let levels = records[b].levels_on(ctx.today(), &ctx.decay);
        let bond = levels.relationship;
        if params.rank_by_bond {
            favour[b] = 1.0 + params.interaction_rank * bond;
        }
        let mut items = 0.0f32;
        if records[b].flags & flag::FOLLOWS != 0 {
            items += posts[b][platforms as usize];
        }
        let bits = side.cells[k].inbox;
        if bits & inbox::AD != 0 {
            items += params.ad_weight;
        }
        if bits & (inbox::SHARE | inbox::DISCOVER) != 0 {
            items += 1.0;
        }
        // A brand left unread adds a load of (+)0 to the total: the sum is
        // the same with it or without it.
        load[b] = items * favour[b];
        total += load[b];
        if params.exclusive_purchase && records[b].funnel.has_bought() {
            held[b] = ctx.hold(bond, levels.sentiment);
        }
    }
    // The firmest hold and the brand with it, and the next firmest: the
    // firmest of every brand but one is one of the two.
    let (mut first, mut firmest, mut second) = (usize::MAX, 0.0f32, 0.0f32);
    for b in ones(read) {
        if held[b] > firmest {
            (second, firmest, first) = (firmest, held[b], b);
        } else {
            second = second.max(held[b]);
        }
    }
    // Only the sides that visit the person use theirs.
    let mut shared = [[1.0f32, 0.0]; MAX_BRANDS];
    for b in ones(due) {
        let others = total - load[b];
        if params.shared_attention && others > 0.0 {
            shared[b][0] = 1.0 / (1.0 + others / (params.feed_capacity.max(0.01) * favour[b]));
        }
        shared[b][1] = if b == first { second } else { firmest };
    }
    shared
}

/// Where in a person's market marks each brand's bits are: bit `b` from
/// each of these for brand `b` (a word holds six brands), and the person's
/// platforms in the top byte.
pub mod mark {
    /// The person follows the brand.
    pub const FOLLOWS: u32 = 0;
    /// The person is the brand's lead.
    pub const LEAD: u32 = 8;
    /// The person buys from the brand (a customer or an advocate).
    pub const BOUGHT: u32 = 16;
    /// The platforms the person uses (the same with every brand).
    pub const PLATFORMS: u32 = 24;
}

/// A brand's marks for a person standing as `record`, at brand 0's place.
#[inline]
fn marks_of_record(record: &Record) -> u32 {
    u32::from(record.follows()) << mark::FOLLOWS
        | u32::from(record.funnel == Funnel::Lead) << mark::LEAD
        | u32::from(record.funnel.has_bought()) << mark::BOUGHT
}

/// `bits` (at brand 0's place) moved to brand `b`'s place.
#[inline]
fn brand_marks(b: usize, bits: u32) -> u32 {
    (bits & (1 << mark::FOLLOWS | 1 << mark::LEAD | 1 << mark::BOUGHT)) << b
}

/// Person `k`'s market marks from every side's cell.
fn marks_of_person(chunk: &[AgentsMut], k: usize) -> u32 {
    let mut m = u32::from(chunk[0].cells[k].platforms) << mark::PLATFORMS;
    for (b, side) in chunk.iter().enumerate() {
        m |= brand_marks(b, marks_of_record(&side.cells[k].record));
    }
    m
}

/// Everyone's market marks, from every brand's side (brand 0 first): what
/// lets a market's day walk a person without reading the sides that have
/// nothing for them. Kept by the market's pass as people change; taken
/// afresh when a market is set up or restored, or a person is changed
/// from outside a day.
pub fn market_marks(sides: &[&Audience]) -> Vec<u32> {
    let n = sides.first().map_or(0, |a| a.len());
    (0..n).into_par_iter().map(|i| person_marks(sides, i)).collect()
}

/// Person `i`'s market marks from every side.
pub fn person_marks(sides: &[&Audience], i: usize) -> u32 {
    let mut m = u32::from(sides[0].cells[i].platforms) << mark::PLATFORMS;
    for (b, side) in sides.iter().enumerate() {
        m |= brand_marks(b, marks_of_record(&side.cells[i].record));
    }
    m
}

/// A person buys from one brand at a time: one who became a customer of a
/// brand today stops being any other brand's (credited there to the
/// rival). Two new purchases on one day go to the closer bond, then to the
/// lower brand.
fn one_purchase_at_a_time(
    chunk: &mut [AgentsMut],
    k: usize,
    candidates: u32,
    contexts: &[&DayContext],
    outs: &mut [ChunkOut],
    tonight: &mut [Option<(Record, super::Person)>],
) {
    // Only a side that visited the person or that they bought from can
    // hold them as a customer tonight.
    let bought = ones(candidates)
        .filter(|&b| chunk[b].cells[k].record.funnel.has_bought())
        .count();
    if bought < 2 {
        return;
    }
    let mut winner: Option<(usize, f32)> = None;
    for b in ones(candidates) {
        let side = &chunk[b];
        let today = contexts[b].today();
        if side.cells[k].record.funnel.has_bought() && side.cells[k].record.story.customer_day == today {
            let bond = side.record(k).levels_on(today, &contexts[b].decay).relationship;
            match winner {
                Some((_, best)) if best >= bond => {}
                _ => winner = Some((b, bond)),
            }
        }
    }
    let Some((winner, _)) = winner else {
        return;
    };
    for b in ones(candidates) {
        if b != winner && chunk[b].cells[k].record.funnel.has_bought() {
            let person = lose_customer(&mut chunk[b], k, contexts[b], &mut outs[b]);
            tonight[b] = Some(person);
        }
    }
}

/// Person `k` stopped buying from this brand for a rival's sake: stored
/// tonight as a lapsed customer, the counts following.
fn lose_customer(
    side: &mut AgentsMut,
    k: usize,
    ctx: &DayContext,
    out: &mut ChunkOut,
) -> (Record, super::Person) {
    let today = ctx.today();
    let index = (side.start + k) as u32;
    let stored = side.record(k);
    // The counts already hold where they stand tonight (visited or not).
    let before = stored.standing_on(today, &ctx.decay, ctx.thresholds);
    let was_advocate = stored.funnel == Funnel::Advocate;
    let mut person = super::person_of(side, k, ctx, &stored);
    person.funnel = Funnel::None;
    person.flags |= flag::CHURNED;
    let record = super::chances::record_of(&person, today);
    side.write(k, &record);
    out.ledger.rewrite(index, &stored, &record, &ctx.decay);
    let after = record.standing_on(today, &ctx.decay, ctx.thresholds);
    out.ledger.restand(before, after);
    out.counts.churned_customers += 1;
    if was_advocate {
        out.credit(Outcome::AdvocateLost, Cause::Rival);
    }
    out.credit(Outcome::Lapse, Cause::Rival);
    (record, person)
}
