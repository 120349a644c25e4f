//! Sentences about a market: who the rivals are and how each plays, what a
//! brand did in its last week, and who holds what share of the market's
//! followers, customers and strong relationships. The window's planner,
//! week report, debrief and class screens say these, and nothing else about
//! the market.

use super::actions::{and_list, does, does_all_it_can};
use crate::sim::{
    ActionKind, BrandRole, Condition, ContentChoice, ContentType, Count, Shares, Simulation, Standing, Step,
    Strategy, TargetChoice,
};
use crate::text::{count, percent, signed};

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

/// The strategy computer-managed brand `brand` follows.
pub fn rival_strategy(simulation: &Simulation, brand: usize) -> Option<&Strategy> {
    if simulation.brand_role(brand) != BrandRole::Computer {
        return None;
    }
    let rivals = &simulation.scenario().market.rivals;
    rivals
        .get(brand.checked_sub(simulation.players())?)
        .map(|rival| &rival.strategy)
}

/// The strategy computer-managed brand `brand` follows, by its name.
pub fn strategy_of(simulation: &Simulation, brand: usize) -> Option<&str> {
    rival_strategy(simulation, brand).map(|strategy| strategy.name.as_str())
}

/// A share as people say it: "a third", "a quarter", "half", or per cent.
fn share_words(share: f32) -> String {
    let share = f64::from(share);
    let near = |x: f64| (share - x).abs() < 0.011;
    if near(1.0 / 3.0) {
        "a third".into()
    } else if near(0.25) {
        "a quarter".into()
    } else if near(0.5) {
        "half".into()
    } else if near(2.0 / 3.0) {
        "two thirds".into()
    } else {
        percent(share)
    }
}

/// When a rule holds, as the end of a sentence: "when its share of the
/// market's followers falls under a third".
pub fn condition_words(condition: Condition) -> String {
    match condition {
        Condition::Always => "every week".into(),
        Condition::PendingAbove(n) => {
            format!(
                "when more than {} comments wait for an answer",
                count(u64::from(n))
            )
        }
        Condition::SentimentBelow(x) => format!("when its community's sentiment falls below {x:+.2}"),
        Condition::FollowersBelow(n) => format!("while it has fewer than {} followers", count(n)),
        Condition::FromWeek(w) => format!("from week {w} on"),
        Condition::BeforeWeek(w) => format!("before week {w}"),
        Condition::FollowerShareBelow(x) => {
            format!(
                "when its share of the market's followers falls under {}",
                share_words(x)
            )
        }
        Condition::CustomerShareBelow(x) => {
            format!(
                "when its share of the market's customers now falls under {}",
                share_words(x)
            )
        }
    }
}

/// One step of a strategy: "buys 2 ads aimed at its largest segment".
pub fn step_words(step: &Step) -> String {
    if step.action == ActionKind::EngageOthers {
        // Whose posts it comments on says the target.
        let whose = match step.target {
            TargetChoice::Followers => "its followers' posts",
            TargetChoice::Influencers => "influencers' posts",
            TargetChoice::LargestSegment => "posts in the largest segment",
            TargetChoice::Everyone => "others' posts",
        };
        let often = match step.count {
            Count::Times(n) => crate::text::times(u64::from(n)),
            Count::Fill => "as often as its budget allows".into(),
            Count::AsNeeded => "as often as needed".into(),
        };
        return format!("comments on {whose} {often}");
    }
    let mut text = match (step.action, step.count) {
        (_, Count::Times(n)) => does(step.action, n),
        (ActionKind::Reply, Count::AsNeeded) => "answers every comment waiting".into(),
        (kind, Count::AsNeeded) => format!("{} as often as needed", super::actions::does_phrase(kind)),
        (kind, Count::Fill) => does_all_it_can(kind),
    };
    if matches!(step.action, ActionKind::Publish | ActionKind::Schedule) {
        match step.content {
            ContentChoice::Fixed(ContentType::Offer) => text.push_str(" (offers with a call to action)"),
            ContentChoice::Fixed(content) => text.push_str(&format!(" ({})", content.label())),
            ContentChoice::Rotate => text.push_str(" (content in turn)"),
            ContentChoice::BestKnown => text.push_str(" (the content it thinks fits best)"),
        }
    }
    if step.action.takes_target() {
        match step.target {
            TargetChoice::Everyone => {}
            TargetChoice::Followers => text.push_str(" aimed at its followers"),
            TargetChoice::Influencers => text.push_str(" aimed at influencers"),
            TargetChoice::LargestSegment => text.push_str(" aimed at the largest segment"),
        }
    }
    text
}

/// What a rival does and why, from its strategy's rules: its weekly plan
/// first, then each rule with when it acts. "Every week Bean There
/// schedules 1 batch of posts, publishes 2 posts and starts 1 conversation."
/// "It buys 2 ads aimed at the largest segment when its share of the
/// market's followers falls under a third."
pub fn rival_rules(name: &str, strategy: &Strategy) -> Vec<String> {
    let mut lines = Vec::new();
    let weekly: Vec<String> = strategy.weekly.iter().map(step_words).collect();
    if !weekly.is_empty() {
        lines.push(format!("Every week {name} {}.", and_list(&weekly)));
    }
    for rule in &strategy.rules {
        let then: Vec<String> = rule.then.iter().map(step_words).collect();
        if then.is_empty() {
            continue;
        }
        let line = match rule.when {
            Condition::Always => format!("Every week it also {}.", and_list(&then)),
            when => format!("It {} {}.", and_list(&then), condition_words(when)),
        };
        lines.push(line);
    }
    lines
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
    // The shares count the customers a brand has now, lapsed ones aside.
    ("customers now", |s| s.customers),
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
    "share of customers now",
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
    use crate::report::actions::{WeekSummary, plan_sentence, summarise};
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
    fn a_rival_is_described_by_what_its_rules_make_it_do() {
        let scenario = find_scenario("same_street").unwrap().with_agents(1500);
        let game = crate::sim::Simulation::new(Arc::new(scenario), 3);
        let strategy = rival_strategy(&game, 1).expect("a rival");
        let lines = rival_rules("Bean There", strategy);
        assert_eq!(lines.len(), 1 + strategy.rules.len(), "{lines:?}");
        assert!(lines[0].starts_with("Every week Bean There "), "{lines:?}");
        let reactive = crate::files::builtin::find_strategy("rival_reactive").unwrap();
        let lines = rival_rules("Bean There", &reactive);
        assert!(
            lines.iter().any(|l| l
                == "It buys 2 ads aimed at the largest segment when its share of the market's followers falls under half."),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("answers every comment waiting")),
            "{lines:?}"
        );
        assert_eq!(rival_strategy(&game, 0), None);
    }

    #[test]
    fn a_week_is_told_by_what_was_in_its_plan() {
        let scenario = find_scenario("same_street").unwrap();
        let strategy = crate::files::builtin::find_strategy("balanced").unwrap();
        let game = crate::sim::Simulation::new(Arc::new(scenario.with_agents(1500)), 3);
        let plan = strategy.plan_week(&game);
        let week = summarise(&plan, &game.scenario().actions);
        assert_eq!(week.actions() as usize, plan.actions.len());
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
