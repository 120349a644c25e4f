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
use super::super::audience::{Audience, Funnel, flag, inbox};
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
/// returns each brand's results, merged in chunk order.
pub fn market_pass(sides: Vec<MarketSide>, params: &MarketParams) -> Vec<ChunkOut> {
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
    let mut together: Vec<Vec<AgentsMut>> = Vec::new();
    'chunks: loop {
        let mut chunk = Vec::with_capacity(brands);
        for side in &mut by_brand {
            match side.next() {
                Some(part) => chunk.push(part),
                None => break 'chunks,
            }
        }
        together.push(chunk);
    }
    let results: Vec<Vec<ChunkOut>> = together
        .into_par_iter()
        .filter_map(|mut chunk| pass_together(&mut chunk, &contexts, &visits, params, &posts))
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
/// visits today, each walked through every side that has something for
/// them. `None` when nobody in the chunk is visited.
fn pass_together(
    chunk: &mut [AgentsMut],
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
    let mut at = vec![0usize; brands];
    let mut feed_at = vec![0usize; brands];
    for &person in &people {
        let k = person as usize - start;
        // Which sides visit the person today.
        let mut due = [false; MAX_BRANDS];
        for b in 0..brands {
            let list = parts[b].0;
            while at[b] < list.len() && list[at[b]] < person {
                at[b] += 1;
            }
            due[b] = eager || (at[b] < list.len() && list[at[b]] == person);
        }
        let before: Vec<Record> = chunk.iter().map(|side| side.record(k)).collect();
        let shared = share_out(chunk, k, &before, contexts, params, posts);
        let mut tonight: Vec<Option<(Record, super::Person)>> = vec![None; brands];
        let mut refile = [false; MAX_BRANDS];
        for b in 0..brands {
            let feed = take_feed(parts[b].1, &mut feed_at[b], person);
            if due[b] {
                let market = InMarket {
                    attention: shared[b][0],
                    held: shared[b][1],
                };
                let (record, tonight_b, again) =
                    visit(&mut chunk[b], k, contexts[b], &mut outs[b], feed, Some(market));
                tonight[b] = Some((record, tonight_b));
                refile[b] = again;
            }
        }
        if params.exclusive_purchase {
            one_purchase_at_a_time(chunk, k, contexts, &mut outs, &mut tonight);
        }
        if eager {
            continue;
        }
        // Every side that changed files its next visit; so does a side whose
        // lead a rival's customer record concerns, when a rival changed.
        let records: Vec<Record> = chunk.iter().map(|side| side.record(k)).collect();
        let rival_changed = |b: usize| (0..brands).any(|c| c != b && records[c] != before[c]);
        for b in 0..brands {
            let walked = refile[b]
                || records[b] != before[b]
                || (records[b].funnel == Funnel::Lead && rival_changed(b));
            if !walked {
                continue;
            }
            let rivals: Vec<Record> = (0..brands).filter(|&c| c != b).map(|c| records[c]).collect();
            let person = match tonight[b] {
                Some((_, person)) => person,
                None => super::person_of(&chunk[b], k, contexts[b], &records[b]),
            };
            let (record, ctx) = (records[b], contexts[b]);
            schedule(
                &mut chunk[b],
                k,
                &record,
                &person,
                ctx,
                &rivals,
                &mut outs[b],
                &mut scratch,
            );
        }
    }
    Some(outs)
}

/// Person `k`'s `[attention, hold]` for every brand, from where each
/// brand stands with them before their day.
fn share_out(
    chunk: &[AgentsMut],
    k: usize,
    records: &[Record],
    contexts: &[&DayContext],
    params: &MarketParams,
    posts: &[[f32; 256]],
) -> [[f32; 2]; MAX_BRANDS] {
    let brands = chunk.len();
    let platforms = chunk[0].cells[k].platforms;
    let mut load = [0.0f32; MAX_BRANDS];
    let mut favour = [1.0f32; MAX_BRANDS];
    let mut held = [0.0f32; MAX_BRANDS];
    let mut total = 0.0f32;
    for (b, side) in chunk.iter().enumerate() {
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
        load[b] = items * favour[b];
        total += load[b];
        if params.exclusive_purchase && records[b].funnel.has_bought() {
            held[b] = ctx.hold(bond, levels.sentiment);
        }
    }
    let mut shared = [[1.0f32, 0.0]; MAX_BRANDS];
    for b in 0..brands {
        let others = total - load[b];
        if params.shared_attention && others > 0.0 {
            shared[b][0] = 1.0 / (1.0 + others / (params.feed_capacity.max(0.01) * favour[b]));
        }
        for (c, &h) in held[..brands].iter().enumerate() {
            if c != b {
                shared[b][1] = shared[b][1].max(h);
            }
        }
    }
    shared
}

/// A person buys from one brand at a time: one who became a customer of a
/// brand today stops being any other brand's (credited there to the
/// rival). Two new purchases on one day go to the closer bond, then to the
/// lower brand.
fn one_purchase_at_a_time(
    chunk: &mut [AgentsMut],
    k: usize,
    contexts: &[&DayContext],
    outs: &mut [ChunkOut],
    tonight: &mut [Option<(Record, super::Person)>],
) {
    let bought = chunk
        .iter()
        .filter(|side| side.cells[k].record.funnel.has_bought())
        .count();
    if bought < 2 {
        return;
    }
    let mut winner: Option<(usize, f32)> = None;
    for (b, side) in chunk.iter().enumerate() {
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
    for b in 0..chunk.len() {
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
