//! Sentences about a market: who the rivals are and how each plays, what a
//! brand did in its last week, and who holds what share of the market's
//! followers, customers and strong relationships. The window's planner,
//! week report, debrief and class screens say these, and nothing else about
//! the market.

use super::format::{count, hours, percent, signed};
use crate::sim::{ActionCatalog, ActionKind, BrandRole, Family, Shares, Simulation, Standing, WeekPlan};

/// What a brand did in one week, counted from its plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekSummary {
    pub posts: u32,
    pub scheduled: u32,
    pub conversations: u32,
    pub replies: u32,
    pub ads: u32,
    /// Engaging with others' posts, live events, research, connection requests.
    pub other: u32,
    pub money: f64,
    /// Hours by family, in the order of `Family::ALL`.
    pub hours: [f64; 3],
}

/// Counts a week's plan by kind and sums its costs.
pub fn summarise(plan: &WeekPlan, catalog: &ActionCatalog) -> WeekSummary {
    let mut summary = WeekSummary::default();
    for action in &plan.actions {
        let counter = match action.kind {
            ActionKind::Publish => &mut summary.posts,
            ActionKind::Schedule => &mut summary.scheduled,
            ActionKind::StartConversation => &mut summary.conversations,
            ActionKind::Reply => &mut summary.replies,
            ActionKind::Ad => &mut summary.ads,
            _ => &mut summary.other,
        };
        *counter += 1;
        let cost = catalog.cost(action);
        summary.money += cost.money;
        let family = Family::ALL
            .iter()
            .position(|&f| f == action.kind.family())
            .unwrap_or(0);
        summary.hours[family] += cost.hours;
    }
    summary
}

/// `1 post`, `3 posts`.
fn times(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", count(u64::from(n)))
    }
}

/// Joins `a`, `a and b`, `a, b and c`.
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "Bean There published 3 posts, scheduled 2 posts and ran 1 ad, spending 80 money."
pub fn plan_sentence(name: &str, week: &WeekSummary) -> String {
    let mut parts = Vec::new();
    for (n, what, one, many) in [
        (week.posts, "published", "post", "posts"),
        (week.scheduled, "scheduled", "post", "posts"),
        (week.conversations, "started", "conversation", "conversations"),
        (week.replies, "answered comments", "time", "times"),
        (week.ads, "ran", "ad", "ads"),
        (week.other, "took", "other action", "other actions"),
    ] {
        if n > 0 {
            parts.push(format!("{what} {}", times(n, one, many)));
        }
    }
    if parts.is_empty() {
        return format!("{name} did nothing last week.");
    }
    let money = if week.money > 0.0 {
        format!(", spending {} money", count(week.money.round() as u64))
    } else {
        String::new()
    };
    format!("{name} {}{money}.", and_list(&parts))
}

/// "Its hours: 12 h broadcasting, 4 h conversation, 0 h listening."
pub fn hours_sentence(week: &WeekSummary) -> String {
    let parts: Vec<String> = Family::ALL
        .iter()
        .zip(week.hours)
        .map(|(family, spent)| format!("{} {}", hours(spent), family.label().to_lowercase()))
        .collect();
    format!("Its hours: {}.", parts.join(", "))
}

/// "followers went from 300 to 340 (+40)", or "followers stayed at 300".
fn moved(what: &str, before: u64, after: u64) -> String {
    if before == after {
        format!("{what} stayed at {}", count(after))
    } else {
        format!(
            "{what} went from {} to {} ({})",
            count(before),
            count(after),
            signed(after as i64 - before as i64)
        )
    }
}

/// "Its followers went from 300 to 340 (+40); its customers stayed at 20."
pub fn movement_sentence(followers: (u64, u64), customers: (u64, u64)) -> String {
    format!(
        "Its {}; its {}.",
        moved("followers", followers.0, followers.1),
        moved("customers", customers.0, customers.1)
    )
}

/// "Bean There is run by the computer and plays “Reactive rival”."
pub fn rival_intro(name: &str, strategy: &str) -> String {
    format!("{name} is run by the computer and plays “{strategy}”.")
}

/// The strategy computer-managed brand `brand` follows, by its name.
pub fn strategy_of(simulation: &Simulation, brand: usize) -> Option<&str> {
    if simulation.brand_role(brand) != BrandRole::Computer {
        return None;
    }
    let rivals = &simulation.scenario().market.rivals;
    rivals
        .get(brand.checked_sub(simulation.players())?)
        .map(|rival| rival.strategy.name.as_str())
}

/// Who plays a brand, for the standings: "you", "a team", or the computer
/// with its strategy.
pub fn who_plays(role: BrandRole, you: bool, strategy: Option<&str>) -> String {
    match (you, role, strategy) {
        (true, _, _) => "you".into(),
        (false, BrandRole::Player, _) => "a team".into(),
        (false, BrandRole::Computer, Some(strategy)) => format!("the computer ({strategy})"),
        (false, BrandRole::Computer, None) => "the computer".into(),
    }
}

/// The three kinds of share, with the words for what is shared.
pub const SHARE_KINDS: [(&str, fn(&Shares) -> f64); 3] = [
    ("followers", |s| s.followers),
    ("customers", |s| s.customers),
    ("strong relationships", |s| s.strong),
];

/// "Bean There holds 61.0% of the market's followers, you 39.0%." Brands in
/// order of their share (the larger first); `you` is the reader's brand.
pub fn share_sentence(what: &str, brands: &[(&str, f64)], you: Option<usize>) -> String {
    let mut order: Vec<usize> = (0..brands.len()).collect();
    order.sort_by(|&a, &b| brands[b].1.total_cmp(&brands[a].1).then(a.cmp(&b)));
    let Some((&first, rest)) = order.split_first() else {
        return String::new();
    };
    let name = |b: usize| {
        if Some(b) == you {
            "you".to_string()
        } else {
            brands[b].0.to_string()
        }
    };
    let lead = if Some(first) == you {
        format!("You hold {} of the market's {what}", percent(brands[first].1))
    } else {
        format!(
            "{} holds {} of the market's {what}",
            name(first),
            percent(brands[first].1)
        )
    };
    let others: Vec<String> = rest
        .iter()
        .map(|&b| format!("{} {}", name(b), percent(brands[b].1)))
        .collect();
    if others.is_empty() {
        format!("{lead}.")
    } else {
        format!("{lead}, {}.", others.join(", "))
    }
}

/// One sentence per kind of share, from each brand's shares (brand order).
pub fn share_lines(names: &[&str], shares: &[Shares], you: Option<usize>) -> Vec<String> {
    SHARE_KINDS
        .iter()
        .map(|(what, value)| {
            let brands: Vec<(&str, f64)> = names
                .iter()
                .zip(shares)
                .map(|(name, share)| (*name, value(share)))
                .collect();
            share_sentence(what, &brands, you)
        })
        .collect()
}

/// The share sentences of a game as of its last day (brand 0 is the reader's).
pub fn market_lines(simulation: &Simulation) -> Vec<String> {
    let history = simulation.share_history();
    let Some(latest) = history.last() else {
        return Vec::new();
    };
    let names: Vec<&str> = (0..simulation.brand_count())
        .map(|b| simulation.brand_name(b))
        .collect();
    share_lines(&names, latest, Some(0))
}

/// The share sentences of a class's standings, for the team `you`.
pub fn standings_lines(standings: &[Standing], you: &str) -> Vec<String> {
    let mut by_brand: Vec<&Standing> = standings.iter().collect();
    by_brand.sort_by_key(|s| s.brand);
    let names: Vec<&str> = by_brand.iter().map(|s| s.name.as_str()).collect();
    let shares: Vec<Shares> = by_brand.iter().map(|s| s.shares).collect();
    let you = by_brand.iter().position(|s| s.name == you);
    share_lines(&names, &shares, you)
}

/// A line of the standings as shown: rank, brand, who plays it, followers,
/// customers, strong relationships, revenue, the three shares.
pub fn standing_cells(standing: &Standing, who: &str) -> [String; 10] {
    [
        standing.rank.to_string(),
        standing.name.clone(),
        who.to_string(),
        count(standing.followers),
        count(standing.customers),
        count(standing.strong_relationships),
        count(standing.revenue.max(0.0).round() as u64),
        percent(standing.shares.followers),
        percent(standing.shares.customers),
        percent(standing.shares.strong),
    ]
}

/// The headings of [`standing_cells`].
pub const STANDING_HEADINGS: [&str; 10] = [
    "rank",
    "brand",
    "played by",
    "followers",
    "customers now",
    "strong relationships",
    "revenue",
    "share of followers",
    "share of customers",
    "share of strong relationships",
];

/// A brand's shares of what its market holds, a share of nothing counted
/// as none (the standings split a total of zero evenly, which would give
/// the teams of a quiet market a head start in the class's ranking).
pub fn held_shares(market: &[Standing]) -> impl Fn(&Standing) -> Shares + use<> {
    let followers: u64 = market.iter().map(|s| s.followers).sum();
    let customers: u64 = market.iter().map(|s| s.customers).sum();
    let strong: u64 = market.iter().map(|s| s.strong_relationships).sum();
    move |s: &Standing| Shares {
        followers: if followers > 0 { s.shares.followers } else { 0.0 },
        customers: if customers > 0 { s.shares.customers } else { 0.0 },
        strong: if strong > 0 { s.shares.strong } else { 0.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;
    use std::sync::Arc;

    #[test]
    fn shares_read_largest_first_and_name_the_reader_you() {
        let text = share_sentence(
            "followers",
            &[("Corner Roast", 0.39), ("Bean There", 0.61)],
            Some(0),
        );
        assert_eq!(
            text,
            "Bean There holds 61.0% of the market's followers, you 39.0%."
        );
        let text = share_sentence(
            "customers",
            &[("Corner Roast", 0.7), ("Bean There", 0.3)],
            Some(0),
        );
        assert_eq!(
            text,
            "You hold 70.0% of the market's customers, Bean There 30.0%."
        );
    }

    #[test]
    fn a_week_is_told_by_what_was_in_its_plan() {
        let scenario = find_scenario("same_street").unwrap();
        let strategy = crate::files::builtin::find_strategy("balanced").unwrap();
        let game = crate::sim::Simulation::new(Arc::new(scenario.with_agents(1500)), 3);
        let plan = strategy.plan_week(&game);
        let week = summarise(&plan, &game.scenario().actions);
        let total: u32 =
            week.posts + week.scheduled + week.conversations + week.replies + week.ads + week.other;
        assert_eq!(total as usize, plan.actions.len());
        let cost = plan.total_cost(&game.scenario().actions);
        assert!((week.hours.iter().sum::<f64>() - cost.hours).abs() < 1e-9);
        assert!(plan_sentence("Corner Roast", &week).starts_with("Corner Roast "));
        assert_eq!(
            plan_sentence("X", &WeekSummary::default()),
            "X did nothing last week."
        );
        assert_eq!(
            movement_sentence((300, 340), (20, 20)),
            "Its followers went from 300 to 340 (+40); its customers stayed at 20."
        );
    }

    #[test]
    fn the_market_s_lines_match_its_standings() {
        let scenario = find_scenario("same_street").unwrap().with_agents(1500);
        let game = crate::sim::Simulation::new(Arc::new(scenario), 3);
        assert_eq!(market_lines(&game).len(), 3);
        let standings = game.standings();
        let lines = standings_lines(&standings, game.brand_name(0));
        assert_eq!(lines, market_lines(&game));
        assert_eq!(strategy_of(&game, 0), None);
        assert!(strategy_of(&game, 1).is_some());
    }
}
