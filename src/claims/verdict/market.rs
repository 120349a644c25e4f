//! The verdicts of a run against rivals (the market claims): each cites its
//! claim only when the run's own market numbers, and a ghost playing the
//! same market on the same seed, show it with a margin. Nothing is said of
//! a brand alone.

use super::{SCORE_MARGIN, Verdict, shows_more, verdict};
use crate::claims::ghosts::{Ghost, ghost, ghost_name};
use crate::claims::trial::RunSummary;
use crate::text::{capitalize, count, percent};

/// A run is near-silent when its posts and ads were seen at most this share
/// of what the all-rounder's were on the same seed.
pub const SILENT_PRESENCE: f64 = 0.5;

/// The rivals out-shout a run when their posts and ads were seen at least
/// this many times as often as the run's.
pub const FLOODED: f64 = 2.0;

/// A run whose bonds hold: at least this share of the market's strong
/// relationships.
pub const BONDED_MARKET: f64 = 0.5;

pub fn judge(run: &RunSummary, ghosts: &[Ghost]) -> Vec<Verdict> {
    if run.market.rival_followers_start == 0
        && run.market.rival_posts == 0
        && run.market.rival_impressions == 0
    {
        return Vec::new();
    }
    [
        silent_brand_loses_ground(run, ghosts),
        bonds_hold_attention(run, ghosts),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// C21: the run was near-silent, its share of the market's followers fell
/// over the game, and the all-rounder, who kept showing up against the same
/// rivals on the same seed, ended with a clearly larger share.
fn silent_brand_loses_ground(run: &RunSummary, ghosts: &[Ghost]) -> Option<Verdict> {
    let all_rounder = &ghost(ghosts, "balanced")?.summary;
    let start = run.market.follower_share_start;
    let end = run.market.shares.followers;
    let held = all_rounder.market.shares.followers;
    let shown = (run.kpis.impressions as f64) <= SILENT_PRESENCE * all_rounder.kpis.impressions as f64
        && end < start - SCORE_MARGIN
        && held >= end + SCORE_MARGIN
        && held >= end * 1.2;
    shown.then(|| {
        verdict(
            "C21",
            format!(
                "your posts, ads and conversation were seen {} times in all, and your share of the market's followers fell from {} to {} while your rivals went from {} to {} followers. {}, who kept posting every week against the same rivals on the same seed, ended with {}.",
                count(run.kpis.impressions),
                percent(start),
                percent(end),
                count(run.market.rival_followers_start),
                count(run.market.rival_followers),
                capitalize(&ghost_name("balanced")),
                percent(held)
            ),
        )
    })
}

/// C22: the rivals were seen far more often than the run, yet its share of
/// the market's customers is clearly above its share of the followers, it
/// holds most of the market's strong relationships, and the broadcaster
/// (no bonds) kept clearly fewer of the customers on the same seed.
fn bonds_hold_attention(run: &RunSummary, ghosts: &[Ghost]) -> Option<Verdict> {
    let broadcaster = &ghost(ghosts, "broadcaster")?.summary;
    let shares = run.market.shares;
    let rivals_seen = run.market.rival_impressions as f64;
    let own_seen = run.kpis.impressions.max(1) as f64;
    let shown = rivals_seen >= FLOODED * own_seen
        && shares.strong >= BONDED_MARKET
        && shares.customers >= shares.followers + SCORE_MARGIN
        && shares.customers >= broadcaster.market.shares.customers + SCORE_MARGIN
        && shows_more(
            run.kpis.strong_relationships as f64,
            broadcaster.kpis.strong_relationships as f64,
        );
    shown.then(|| {
        verdict(
            "C22",
            format!(
                "your rivals' posts, ads and conversation were seen {:.1} times as often as yours, yet with {} of the market's followers you have {} of its customers, and {} people have a strong bond with you ({} of the market's strong relationships). The broadcaster kept {} of the customers on the same seed.",
                rivals_seen / own_seen,
                percent(shares.followers),
                percent(shares.customers),
                count(run.kpis.strong_relationships),
                percent(shares.strong),
                percent(broadcaster.market.shares.customers)
            ),
        )
    })
}
