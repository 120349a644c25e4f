//! What a run tells of the market it was played in: the brand's shares and
//! its rivals' figures at the end, and, for a game with a turn, what the
//! brand's bonded and other followers did after it (C21, C22 and the
//! market verdicts read these).

use crate::sim::{Shares, Simulation};

/// The market at the end of a run: the brand's shares and its rivals'
/// figures summed (a brand alone has the whole market and no rivals).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rivalry {
    pub shares: Shares,
    /// The brand's own followers on day one, and the brand's share of the
    /// market's followers then.
    pub followers_start: u64,
    pub follower_share_start: f64,
    /// The rivals' followers at the start and at the end, their customers
    /// now and their strong bonds at the end.
    pub rival_followers_start: u64,
    pub rival_followers: u64,
    pub rival_customers: u64,
    pub rival_strong: u64,
    /// Everything the rivals' posts and ads were seen, and their posts.
    pub rival_impressions: u64,
    pub rival_posts: u64,
}

impl Default for Rivalry {
    fn default() -> Rivalry {
        Rivalry {
            shares: Shares::ALONE,
            followers_start: 0,
            follower_share_start: 1.0,
            rival_followers_start: 0,
            rival_followers: 0,
            rival_customers: 0,
            rival_strong: 0,
            rival_impressions: 0,
            rival_posts: 0,
        }
    }
}

impl Rivalry {
    pub(super) fn of(game: &Simulation) -> Rivalry {
        let mut rivalry = Rivalry {
            shares: game.shares(),
            followers_start: game.history()[0].followers,
            follower_share_start: game.share_history().first().map_or(1.0, |day| day[0].followers),
            ..Rivalry::default()
        };
        for side in game.brand_sides().into_iter().skip(1) {
            let history = side.history();
            let latest = side.latest();
            rivalry.rival_followers_start += history[0].followers;
            rivalry.rival_followers += latest.followers;
            rivalry.rival_customers += latest.customers_now();
            rivalry.rival_strong += latest.strong_relationships;
            rivalry.rival_impressions += side.brand().totals.impressions;
            rivalry.rival_posts += history.iter().map(|d| d.posts).sum::<u64>();
        }
        rivalry
    }
}

/// What one group of people did from the turn of a game on (see [`Split`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Group {
    pub people: u64,
    /// The brand's posts they saw and their reactions to the brand, from the turn on.
    pub seen: u64,
    pub reactions: u64,
    /// Customers among them at the turn, and how many of those still are at the end.
    pub customers: u64,
    pub customers_kept: u64,
}

/// The brand's followers at the turn of a `Arm::Versus` game (half way),
/// split by whether they had a strong bond with it then, and what each group
/// did afterwards: the same people in every arm of a seed, since the games
/// are the same until the turn. Zero for the other arms.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Split {
    pub bonded: Group,
    pub others: Group,
}

/// Who the followers were at the turn, and where they stood.
pub(super) struct AtTurn {
    /// (person, strongly bonded, posts seen, reactions, customer).
    people: Vec<(u32, bool, u16, u16, bool)>,
}

impl AtTurn {
    pub(super) fn of(game: &Simulation) -> AtTurn {
        let a = game.audience();
        let strong = game.scenario().model.strong_threshold;
        let people = (0..a.len())
            .filter(|&i| a.follows(i))
            .map(|i| {
                let story = &a.story(i);
                (
                    i as u32,
                    a.relationship(i) >= strong,
                    story.posts_seen,
                    story.engagements,
                    a.funnel(i).has_bought(),
                )
            })
            .collect();
        AtTurn { people }
    }

    pub(super) fn split(&self, game: &Simulation) -> Split {
        let a = game.audience();
        let mut split = Split::default();
        for &(i, bonded, seen, reactions, customer) in &self.people {
            let group = if bonded {
                &mut split.bonded
            } else {
                &mut split.others
            };
            let story = &a.story(i as usize);
            group.people += 1;
            group.seen += story.posts_seen.saturating_sub(seen) as u64;
            group.reactions += story.engagements.saturating_sub(reactions) as u64;
            if customer {
                group.customers += 1;
                group.customers_kept += a.funnel(i as usize).has_bought() as u64;
            }
        }
        split
    }
}
