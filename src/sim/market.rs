//! A market: several brands in one audience. The scenario's own brand (or
//! the first team of a class) is brand 0; the others are computer-managed
//! rivals that follow a strategy, or further teams whose plans are handed in.
//!
//! Each brand keeps its own side of every person (bond, awareness,
//! sentiment, follow state, funnel stage), while a person's day has room for
//! only so much: brands' posts and ads compete for the same feed, and the
//! feed ranks first the brands a person has a bond with. A customer buys
//! from one brand at a time, and a happy customer is hard to win away.
//! With one brand none of this acts and the game plays as it always has.

use super::strategy::Strategy;
use serde::{Deserialize, Serialize};

/// At most this many brands share one audience.
pub const MAX_BRANDS: usize = 6;

/// The rules of competition between brands (they act only when a market has
/// more than one brand).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarketParams {
    /// Items from other brands a person's day takes in before they start
    /// to crowd a brand's post out of the feed.
    pub feed_capacity: f32,
    /// How much a bond lifts a brand in a person's feed: its items count
    /// `1 + interaction_rank x relationship` times.
    pub interaction_rank: f32,
    /// How firmly a happy customer stays with the brand they buy from: a
    /// rival's chance to win them is cut by `loyalty_hold x their bond`.
    pub loyalty_hold: f32,
    /// How much an ad weighs in a person's day against a post.
    pub ad_weight: f32,
    /// Mechanism: brands share each person's limited attention (off: every
    /// brand has the person's whole day, as if alone).
    pub shared_attention: bool,
    /// Mechanism: the feed ranks first the brands a person has a bond with
    /// (off: a bond does not lift a brand's items above the others').
    pub rank_by_bond: bool,
    /// Mechanism: a person buys from one brand at a time, and a rival's
    /// happy customer resists (off: customers of several brands at once).
    pub exclusive_purchase: bool,
}

impl Default for MarketParams {
    fn default() -> MarketParams {
        MarketParams {
            feed_capacity: 2.0,
            interaction_rank: 4.0,
            loyalty_hold: 0.8,
            ad_weight: 1.0,
            shared_attention: true,
            rank_by_bond: true,
            exclusive_purchase: true,
        }
    }
}

/// A computer-managed rival, as a scenario describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct RivalSpec {
    pub name: String,
    /// The strategy it follows (its rules can react to the market).
    pub strategy: Strategy,
    /// Where the strategy came from: a built-in id or a file path.
    pub strategy_source: String,
    pub initial_followers: f32,
    pub initial_awareness: f32,
    pub hours_per_week: f64,
    pub money_per_week: f64,
}

/// The brands a scenario puts in its market besides its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarketSpec {
    pub rivals: Vec<RivalSpec>,
    pub params: MarketParams,
}

impl MarketSpec {
    /// Whether the scenario's brand is alone.
    pub fn is_solo(&self) -> bool {
        self.rivals.is_empty()
    }
}

/// A brand's part of the market's totals (each 0..1; 1 when it is alone).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shares {
    pub followers: f64,
    pub customers: f64,
    pub strong: f64,
}

impl Shares {
    /// One number for a standing: the mean of the three shares.
    pub fn score(&self) -> f64 {
        (self.followers + self.customers + self.strong) / 3.0
    }
}

/// Who a brand is in a market.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BrandRole {
    /// Played by a person (the player, or a team of a class).
    Player,
    /// Managed by the computer with a strategy.
    Computer,
}

/// One line of the market's standings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// 1 for the leader.
    pub rank: usize,
    pub brand: usize,
    pub name: String,
    pub role: BrandRole,
    pub followers: u64,
    /// Customers now (people who bought and have not lapsed).
    pub customers: u64,
    pub strong_relationships: u64,
    pub revenue: f64,
    pub shares: Shares,
}

/// Why a market cannot be set up.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MarketError {
    #[error("a market holds 1 to {MAX_BRANDS} brands; this one would have {0}")]
    Size(usize),
    #[error("a team needs a name")]
    BlankName,
    #[error("two brands are called `{0}`")]
    SameName(String),
}
