//! The daily pass of a market: every brand's side of the audience walked
//! together, person by person, so that each person's day can be shared out
//! between the brands that reach them, from where every brand stood before
//! the person's day began (no brand goes first).
//!
//! For a person a brand does not reach, its side only forgets a little,
//! exactly as in a brand's own pass. For anyone a brand reaches: what each brand puts
//! in front of them today (feed posts of the brands they follow, ads,
//! shares and discoveries, weighted up by their bond with the brand) makes
//! that brand's load; a brand's items get the attention
//! `1 / (1 + others' load / (capacity x its own favour))`. Then each brand's
//! day is played for them, and last a person who bought from two brands
//! keeps only the newer purchase.

use super::super::attribution::{Cause, Outcome};
use super::super::audience::{Audience, Funnel, flag, inbox, stage_of};
use super::super::market::{MAX_BRANDS, MarketParams};
use super::chunks::AgentsMut;
use super::{CHUNK, ChunkOut, DayContext, forget_a_little, is_untouched, start_watch, step_person};

use rayon::prelude::*;

/// Runs one day of every brand's pass over their sides of the audience
/// (`audiences[b]` with `contexts[b]`) and returns each brand's results,
/// merged in chunk order.
pub fn market_pass(
    audiences: Vec<&mut Audience>,
    contexts: &[DayContext],
    params: &MarketParams,
) -> Vec<ChunkOut> {
    let brands = audiences.len();
    // Feed posts of each brand today that a person sees on the platforms
    // they use, for every set of platforms (a person's platforms are a byte).
    let posts: Vec<[f32; 256]> = contexts
        .iter()
        .map(|ctx| {
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
        })
        .collect();
    // Chunk c of every brand, side by side.
    let mut by_brand: Vec<std::vec::IntoIter<AgentsMut>> = audiences
        .into_iter()
        .map(|a| a.chunks_mut(CHUNK).into_iter())
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
        .map(|mut chunk| pass_together(&mut chunk, contexts, params, &posts))
        .collect();
    let mut merged: Vec<Vec<ChunkOut>> = (0..brands).map(|_| Vec::with_capacity(results.len())).collect();
    for outs in results {
        for (b, out) in outs.into_iter().enumerate() {
            merged[b].push(out);
        }
    }
    merged.into_iter().map(ChunkOut::merge).collect()
}

/// One chunk of people, every brand's side of them. Who each brand reaches
/// and how each person's attention is shared out are worked out first for
/// the whole chunk, from where every brand stood; then each brand's pass
/// runs over the chunk in turn (a brand's day for a person reads and writes
/// only its own side, so the order of brands does not matter, and walking
/// one side at a time keeps the memory traffic of one pass); then the
/// customers who bought from two brands keep one.
fn pass_together(
    chunk: &mut [AgentsMut],
    contexts: &[DayContext],
    params: &MarketParams,
    posts: &[[f32; 256]],
) -> Vec<ChunkOut> {
    let brands = chunk.len();
    let people = chunk[0].segment.len();
    // Bit b: brand b reaches the person today (see `is_untouched`).
    let mut reached = vec![0u8; people];
    for (b, side) in chunk.iter().enumerate() {
        for (k, bits) in reached.iter_mut().enumerate() {
            if !is_untouched(side, k) {
                *bits |= 1 << b;
            }
        }
    }
    // The shares of the people reached, in person order.
    let shared: Vec<[[f32; 2]; MAX_BRANDS]> = reached
        .iter()
        .enumerate()
        .filter(|&(_, &bits)| bits != 0)
        .map(|(k, _)| share_out(chunk, k, params, posts))
        .collect();
    let mut outs: Vec<ChunkOut> = (0..brands).map(|_| ChunkOut::default()).collect();
    for (b, (side, out)) in chunk.iter_mut().zip(outs.iter_mut()).enumerate() {
        let ctx = &contexts[b];
        start_watch(side, ctx, out);
        let mut next = shared.iter();
        for (k, &bits) in reached.iter().enumerate() {
            let person = if bits != 0 { next.next() } else { None };
            match person {
                Some(person) if bits & (1 << b) != 0 => step_person(side, k, ctx, out, Some(person[b])),
                _ => forget_a_little(side, k, ctx.params, ctx.today(), out),
            }
        }
    }
    if params.exclusive_purchase {
        // Only people two brands reach can have bought from both.
        for (k, &bits) in reached.iter().enumerate() {
            if bits.count_ones() >= 2 {
                one_purchase_at_a_time(chunk, k, contexts, &mut outs);
            }
        }
    }
    outs
}

/// Person `k`'s `[attention, hold]` for every brand, from where each
/// brand stands with them before their day.
fn share_out(
    chunk: &[AgentsMut],
    k: usize,
    params: &MarketParams,
    posts: &[[f32; 256]],
) -> [[f32; 2]; MAX_BRANDS] {
    let brands = chunk.len();
    let platforms = chunk[0].platforms[k];
    let mut load = [0.0f32; MAX_BRANDS];
    let mut favour = [1.0f32; MAX_BRANDS];
    let mut held = [0.0f32; MAX_BRANDS];
    let mut total = 0.0f32;
    for (b, side) in chunk.iter().enumerate() {
        let bond = side.relationship[k];
        if params.rank_by_bond {
            favour[b] = 1.0 + params.interaction_rank * bond;
        }
        let mut items = 0.0f32;
        if side.flags[k] & flag::FOLLOWS != 0 {
            items += posts[b][platforms as usize];
        }
        let bits = side.inbox[k];
        if bits & inbox::AD != 0 {
            items += params.ad_weight;
        }
        if bits & (inbox::SHARE | inbox::DISCOVER) != 0 {
            items += 1.0;
        }
        load[b] = items * favour[b];
        total += load[b];
        if params.exclusive_purchase && side.funnel[k].has_bought() {
            held[b] = (params.loyalty_hold * bond * (1.0 + side.sentiment[k]) * 0.5).clamp(0.0, 1.0);
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
fn one_purchase_at_a_time(chunk: &mut [AgentsMut], k: usize, contexts: &[DayContext], outs: &mut [ChunkOut]) {
    let bought = chunk.iter().filter(|side| side.funnel[k].has_bought()).count();
    if bought < 2 {
        return;
    }
    let mut winner: Option<usize> = None;
    for (b, side) in chunk.iter().enumerate() {
        if side.funnel[k].has_bought() && side.story[k].customer_day == contexts[b].today() {
            match winner {
                Some(w) if chunk[w].relationship[k] >= side.relationship[k] => {}
                _ => winner = Some(b),
            }
        }
    }
    let Some(winner) = winner else {
        return;
    };
    for b in 0..chunk.len() {
        if b != winner && chunk[b].funnel[k].has_bought() {
            lose_customer(&mut chunk[b], k, &contexts[b], &mut outs[b]);
        }
    }
}

/// Person `k` stopped buying from this brand for a rival's sake: their
/// standing and the day's counts (already taken) move with them.
fn lose_customer(side: &mut AgentsMut, k: usize, ctx: &DayContext, out: &mut ChunkOut) {
    let p = ctx.params;
    let stage = |side: &AgentsMut| {
        stage_of(
            side.flags[k],
            side.funnel[k],
            side.awareness[k],
            side.relationship[k],
            p.aware_threshold,
            p.engaged_threshold,
        )
    };
    let before = stage(side);
    let was_advocate = side.funnel[k] == Funnel::Advocate;
    side.funnel[k] = Funnel::None;
    side.flags[k] |= flag::CHURNED;
    let after = stage(side);
    let counts = &mut out.counts;
    counts.stages[before as usize] -= 1;
    counts.stages[after as usize] += 1;
    counts.churned_customers += 1;
    if was_advocate {
        counts.advocates -= 1;
        out.credit(Outcome::AdvocateLost, Cause::Rival);
    }
    out.credit(Outcome::Lapse, Cause::Rival);
    // Someone who neither follows nor buys no longer counts as knowing the
    // brand for its community's mood.
    if side.flags[k] & flag::FOLLOWS == 0 {
        out.known -= 1;
        out.sentiment_sum -= side.sentiment[k] as f64;
    }
}
