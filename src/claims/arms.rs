//! The arms a claim compares: the built-in strategies over a whole game,
//! the "presence, then network" story, and fixed weekly plans built in code,
//! each on one platform and at one budget of hours, so that two plans
//! compare at equal hours; and, in a market, a fixed plan against rivals
//! that play as the scenario ships them, sit silent, or flood the feed.

use crate::files::builtin::find_strategy;
use crate::sim::{
    ActionKind, Archetype, Condition, ContentChoice, ContentType, Count, PlannedAction, PlatformChoice, Rule,
    Scenario, Simulation, Step, Strategy, Target, TargetChoice, ToneChoice, WeekPlan,
};
use std::sync::Arc;

/// A whole game played by a built-in strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Broadcaster,
    Networker,
    /// The balanced strategy without its ads, so that it spends what the
    /// pure strategies spend (nothing) and compares with them on equal terms.
    Balanced,
    Advertiser,
    /// The broadcaster, with every week's money on ads shown to everyone
    /// who does not follow yet: broadcasting for reach with all it can use
    /// (C4). Unlike the advertiser it aims at no one segment.
    BroadcasterWithAds,
}

/// A fixed week, played for the first `fixed_weeks` weeks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Scheduled batches of the best-liked content.
    Scheduled,
    /// Scheduled batches holding as many posts as `ByHand` makes: the same
    /// posts, automated (and the posting half of `Mix`).
    ScheduledFew,
    /// `ScheduledFew`, with comments on followers' posts in the hours left.
    Mix,
    /// Hand-made posts of the best-liked content.
    ByHand,
    /// Hand-made posts of the least-liked content.
    WorstContent,
    /// Comments on the own posts of random people.
    PushEveryone,
    /// Comments on the own posts of the brand's followers.
    PushFollowers,
    /// The same comments in half the hours (the rest of the week idle).
    PushFollowersHalf,
    /// Questions, each followed by a round of replies.
    Pull,
    /// The same questions, never answered.
    PullSilent,
    /// One round of research in the first week, then scheduled batches in
    /// the hours left (every later week schedules only): `Scheduled` with
    /// some of its hours spent listening.
    ResearchThenPosts,
    /// The scheduled batches, with ads bought on top.
    ScheduledWithAds,
    /// One hand-made post of the best-liked content a week, nothing else:
    /// a brand that is barely there.
    Token,
}

/// What the scenario's rivals do in a market arm (their names, followings
/// and budgets stay as the scenario has them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rivals {
    /// Each follows the strategy the scenario gives it.
    AsShipped,
    /// None of them does anything.
    Silent,
    /// None of them does anything for the first half of the game (up to
    /// [`story_turn`]); from then on every one floods the feed
    /// (`rival_flood`: posts and ads with every hour and coin, no answers).
    /// Until the turn the game is the one with silent rivals.
    LateFlood,
}

/// Something to run over the seeds of a trial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arm {
    Strategy(Builtin),
    /// Broadcasts for the first half of the game, then listens and talks.
    Story,
    /// A fixed plan on one platform.
    Fixed(Plan, u8),
    /// A fixed plan on one platform, with the scenario's rivals playing as
    /// told (`AsShipped` is the same game as `Fixed`).
    Market(Plan, u8, Rivals),
    /// A built-in strategy's whole game (without the quiet tail), with the
    /// scenario's rivals playing as told.
    Versus(Builtin, Rivals),
}

impl Builtin {
    pub fn id(self) -> &'static str {
        match self {
            Builtin::Broadcaster => "broadcaster",
            Builtin::Networker => "networker",
            Builtin::Balanced => "balanced",
            Builtin::Advertiser => "advertiser",
            Builtin::BroadcasterWithAds => "broadcaster_with_ads",
        }
    }
}

impl Plan {
    pub const ALL: [Plan; 13] = [
        Plan::Scheduled,
        Plan::ScheduledFew,
        Plan::Mix,
        Plan::ByHand,
        Plan::WorstContent,
        Plan::PushEveryone,
        Plan::PushFollowers,
        Plan::PushFollowersHalf,
        Plan::Pull,
        Plan::PullSilent,
        Plan::ResearchThenPosts,
        Plan::ScheduledWithAds,
        Plan::Token,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Plan::Scheduled => "scheduled",
            Plan::ScheduledFew => "scheduled_few",
            Plan::Mix => "mix",
            Plan::ByHand => "by_hand",
            Plan::WorstContent => "worst_content",
            Plan::PushEveryone => "push_everyone",
            Plan::PushFollowers => "push_followers",
            Plan::PushFollowersHalf => "push_followers_half",
            Plan::Pull => "pull",
            Plan::PullSilent => "pull_silent",
            Plan::ResearchThenPosts => "research_then_posts",
            Plan::ScheduledWithAds => "scheduled_with_ads",
            Plan::Token => "token",
        }
    }
}

impl Rivals {
    pub fn id(self) -> &'static str {
        match self {
            Rivals::AsShipped => "rivals",
            Rivals::Silent => "silent_rivals",
            Rivals::LateFlood => "rivals_flooding_late",
        }
    }
}

impl Arm {
    /// The arm's name in the sweep's CSV: `networker`, `pull@circle`,
    /// `token@circle+silent_rivals`, ...
    pub fn name(self, scenario: &Scenario) -> String {
        let on = |platform: u8| {
            scenario
                .platforms
                .get(platform as usize)
                .map_or("?", |p| p.id.as_str())
                .to_string()
        };
        match self {
            Arm::Strategy(builtin) => builtin.id().to_string(),
            Arm::Story => "story".to_string(),
            Arm::Fixed(plan, platform) => format!("{}@{}", plan.id(), on(platform)),
            Arm::Market(plan, platform, rivals) => {
                format!("{}@{}+{}", plan.id(), on(platform), rivals.id())
            }
            Arm::Versus(builtin, rivals) => format!("{}+{}", builtin.id(), rivals.id()),
        }
    }

    /// The one arm that plays the same game: in a scenario with rivals of
    /// its own, a market arm whose rivals play as shipped is the fixed plan
    /// itself, so the two share their runs.
    pub fn canonical(self, scenario: &Scenario) -> Arm {
        match self {
            Arm::Market(plan, platform, Rivals::AsShipped) if !scenario.market.rivals.is_empty() => {
                Arm::Fixed(plan, platform)
            }
            other => other,
        }
    }
}

/// A strategy that never does anything: a rival that sits the game out.
fn silent_strategy() -> Strategy {
    Strategy {
        id: "silent".into(),
        name: "Silent rival".into(),
        description: "Does nothing at all.".into(),
        rules: Vec::new(),
        weekly: Vec::new(),
    }
}

/// `rival_flood`, every step of it held back until [`story_turn`] (it has
/// weekly steps only, which become rules from the turn on, in order).
fn late_flood(scenario: &Scenario) -> Strategy {
    let flood = find_strategy("rival_flood").expect("a built-in rival strategy loads");
    let turn = story_turn(scenario);
    let rules = flood
        .weekly
        .iter()
        .map(|step| Rule {
            when: Condition::FromWeek(turn),
            then: vec![step.clone()],
        })
        .collect();
    Strategy {
        id: "rival_flood_late".into(),
        name: "Flooding rival, from half way".into(),
        description: "Sits still for the first half of the game, then floods the feed.".into(),
        rules,
        weekly: Vec::new(),
    }
}

/// A rival for a scenario that has none, so that the claims about a market
/// can be checked in any audience: a brand like the scenario's own (its
/// following, hours and money) that posts steadily.
fn standard_rival(scenario: &Scenario) -> crate::sim::RivalSpec {
    crate::sim::RivalSpec {
        name: "Rival".to_string(),
        strategy: find_strategy("rival_steady").expect("a built-in rival strategy loads"),
        strategy_source: "rival_steady".to_string(),
        initial_followers: scenario.initial_followers,
        initial_awareness: scenario.initial_awareness,
        hours_per_week: scenario.hours_per_week,
        money_per_week: scenario.money_per_week,
    }
}

/// The scenario with its rivals playing as told (the same scenario when
/// they play as shipped). A scenario without rivals gets one steady rival
/// like its own brand first.
pub fn with_rivals(scenario: &Arc<Scenario>, rivals: Rivals) -> Arc<Scenario> {
    let scenario = if scenario.market.rivals.is_empty() {
        let mut with_one = Scenario::clone(scenario);
        with_one.market.rivals.push(standard_rival(scenario));
        Arc::new(with_one)
    } else {
        Arc::clone(scenario)
    };
    let (strategy, source) = match rivals {
        Rivals::AsShipped => return scenario,
        Rivals::Silent => (silent_strategy(), "silent"),
        Rivals::LateFlood => (late_flood(&scenario), "rival_flood, from half way"),
    };
    let mut changed = Scenario::clone(&scenario);
    for rival in &mut changed.market.rivals {
        rival.strategy = strategy.clone();
        rival.strategy_source = source.to_string();
    }
    Arc::new(changed)
}

/// Marketing as the scenario's money allows it (C14): the
/// advertiser (ads first, then posts) where a week's money buys at least
/// one ad, the broadcaster (posts only) where it does not. Ads are part of
/// broadcasting (GAME.md, seed 002), and conversation has nothing to spend
/// money on, so each approach plays with all it can use.
pub fn marketer(scenario: &Scenario) -> Arm {
    if super::affords_an_ad(scenario) {
        Arm::Strategy(Builtin::Advertiser)
    } else {
        Arm::Strategy(Builtin::Broadcaster)
    }
}

/// How many weeks a fixed plan is played: long enough for bonds to form,
/// short enough to stay cheap, and never longer than the scenario.
pub fn fixed_weeks(scenario: &Scenario) -> u32 {
    scenario.weeks.min(6)
}

/// The hours a fixed plan fills each week: the same for every plan, so
/// plans compare at equal hours.
pub fn fixed_hours(scenario: &Scenario) -> f64 {
    scenario.hours_per_week.min(10.0)
}

/// A built-in strategy as the arm plays it.
pub fn strategy(builtin: Builtin) -> Strategy {
    if builtin == Builtin::BroadcasterWithAds {
        return broadcaster_with_ads();
    }
    let mut strategy = find_strategy(builtin.id()).expect("a built-in strategy loads");
    if builtin == Builtin::Balanced {
        strategy.weekly.retain(|step| step.action != ActionKind::Ad);
        for rule in &mut strategy.rules {
            rule.then.retain(|step| step.action != ActionKind::Ad);
        }
    }
    strategy
}

/// The broadcaster's week behind the advertiser's campaign, aimed at
/// everyone instead of the largest segment.
fn broadcaster_with_ads() -> Strategy {
    let mut strategy = find_strategy(Builtin::Broadcaster.id()).expect("a built-in strategy loads");
    let advertiser = find_strategy(Builtin::Advertiser.id()).expect("a built-in strategy loads");
    let mut ads = advertiser
        .weekly
        .into_iter()
        .find(|step| step.action == ActionKind::Ad)
        .expect("the advertiser buys ads");
    ads.target = TargetChoice::Everyone;
    strategy.weekly.insert(0, ads);
    strategy.id = Builtin::BroadcasterWithAds.id().to_string();
    strategy.name = "Broadcaster with ads".to_string();
    strategy
}

/// The week on which the story turns from posting to talking (1-based):
/// half way through the game.
pub fn story_turn(scenario: &Scenario) -> u32 {
    scenario.weeks / 2 + 1
}

/// Broadcasts like the broadcaster until half way, then plays like the
/// networker and researches once: the story of the fourth article.
pub fn story(scenario: &Scenario) -> Strategy {
    let turn = story_turn(scenario);
    let broadcaster = strategy(Builtin::Broadcaster);
    let networker = strategy(Builtin::Networker);
    let mut rules: Vec<Rule> = broadcaster
        .weekly
        .iter()
        .map(|step| Rule {
            when: Condition::BeforeWeek(turn),
            then: vec![step.clone()],
        })
        .collect();
    for rule in networker.rules.iter().filter(|r| r.when == Condition::Always) {
        rules.push(Rule {
            when: Condition::FromWeek(turn),
            then: rule.then.clone(),
        });
    }
    rules.push(Rule {
        when: Condition::FromWeek(turn),
        then: vec![Step {
            action: ActionKind::Research,
            count: Count::Times(1),
            content: ContentChoice::BestKnown,
            platform: PlatformChoice::Auto,
            target: TargetChoice::Everyone,
            tone: ToneChoice::BestKnown,
        }],
    });
    for step in &networker.weekly {
        rules.push(Rule {
            when: Condition::FromWeek(turn),
            then: vec![step.clone()],
        });
    }
    Strategy {
        id: "story".into(),
        name: "Presence, then network".into(),
        description: "Broadcasts for the first half of the game, then starts to listen and talk.".into(),
        rules,
        weekly: Vec::new(),
    }
}

/// How much the audience likes a broadcast content type: interest weighted
/// by segment size, times the content's quality and the platform's fit.
fn appeal(scenario: &Scenario, platform: u8, content: ContentType) -> f64 {
    let c = content.index();
    let fit = scenario.platforms[platform as usize].content_fit[c] as f64;
    let quality = scenario.actions.content_quality[c] as f64;
    let interest: f64 = scenario
        .segments
        .iter()
        .map(|s| s.share * s.interest[c] as f64)
        .sum();
    interest * fit * quality
}

/// The broadcast content the audience likes most on a platform (offers
/// left out: they are a call to action, not content of interest).
pub fn best_content(scenario: &Scenario, platform: u8) -> ContentType {
    pick_content(scenario, platform, |a, b| a > b)
}

/// The broadcast content the audience likes least on a platform.
pub fn worst_content(scenario: &Scenario, platform: u8) -> ContentType {
    pick_content(scenario, platform, |a, b| a < b)
}

fn pick_content(scenario: &Scenario, platform: u8, better: fn(f64, f64) -> bool) -> ContentType {
    let mut chosen = ContentType::Photo;
    let mut chosen_appeal = appeal(scenario, platform, chosen);
    for content in ContentType::BROADCAST {
        if content == ContentType::Offer {
            continue;
        }
        let a = appeal(scenario, platform, content);
        // Strictly better only, so equal appeal keeps the first: with flat
        // tastes the best and the worst are the same content.
        if better(a, chosen_appeal) {
            chosen = content;
            chosen_appeal = a;
        }
    }
    chosen
}

/// The share of people who use platform `p` (weighted by segment size).
fn users(scenario: &Scenario, p: usize) -> f64 {
    scenario
        .segments
        .iter()
        .map(|s| s.share * s.platform_use.get(p).copied().unwrap_or(0.0) as f64)
        .sum()
}

/// The platform most people use (weighted by segment size): where fixed
/// plans run unless a claim compares platforms.
pub fn home_platform(scenario: &Scenario) -> u8 {
    let users = |p: usize| users(scenario, p);
    (0..scenario.platforms.len())
        .max_by(|&a, &b| users(a).total_cmp(&users(b)).then(b.cmp(&a)))
        .unwrap_or(0) as u8
}

/// The platform a brand holds its conversations on: the most users
/// weighted by the room each leaves for talk, as the planner chooses for
/// questions, comments and live sessions. Fixed plans of conversation run
/// there when a claim measures what talk does.
pub fn talk_platform(scenario: &Scenario) -> u8 {
    let value = |p: usize| users(scenario, p) * scenario.platforms[p].conversation as f64;
    (0..scenario.platforms.len())
        .max_by(|&a, &b| value(a).total_cmp(&value(b)).then(b.cmp(&a)))
        .unwrap_or(0) as u8
}

/// The scenario's full social network (the first, if it has several) and
/// the platform that leaves the least room for conversation (among equals,
/// the first that is not that network); `None` when the scenario has no
/// full network or no other platform.
pub fn full_network_and_least_roomy(scenario: &Scenario) -> Option<(u8, u8)> {
    let platforms = &scenario.platforms;
    let full = platforms
        .iter()
        .position(|p| p.archetype == Archetype::FullNetwork)?;
    let least = (0..platforms.len()).filter(|&p| p != full).min_by(|&a, &b| {
        platforms[a]
            .conversation
            .total_cmp(&platforms[b].conversation)
            .then(a.cmp(&b))
    })?;
    Some((full as u8, least as u8))
}

/// Adds copies of `cycle`, in turn, while they fit in `hours`.
fn fill(scenario: &Scenario, actions: &mut Vec<PlannedAction>, cycle: &[PlannedAction], hours: f64) {
    let catalog = &scenario.actions;
    let mut used: f64 = actions.iter().map(|a| catalog.cost(a).hours).sum();
    'outer: loop {
        for action in cycle {
            let cost = catalog.cost(action).hours;
            if used + cost > hours + 1e-9 || actions.len() >= 200 {
                break 'outer;
            }
            used += cost;
            actions.push(*action);
        }
    }
}

/// How many posts `ByHand` makes in a week.
fn posts_by_hand(game: &Simulation, platform: u8) -> usize {
    week_plan(game, Plan::ByHand, platform, 0).actions.len()
}

/// The broadcast content the brand believes does best on a platform (offers
/// left out): what it would post, knowing what it knows.
pub fn believed_best_content(game: &Simulation, platform: u8) -> ContentType {
    let scenario = game.scenario();
    let c = |content: ContentType| content.index();
    let weights: Vec<f64> = scenario.segments.iter().map(|s| s.share).collect();
    let value = |content: ContentType| -> f64 {
        let believed: f64 = weights
            .iter()
            .enumerate()
            .map(|(s, w)| w * game.believed_interest(s, content) as f64)
            .sum();
        believed
            * scenario.platforms[platform as usize].content_fit[c(content)] as f64
            * scenario.actions.content_quality[c(content)] as f64
    };
    let mut chosen = ContentType::Photo;
    for content in ContentType::BROADCAST {
        if content != ContentType::Offer && value(content) > value(chosen) {
            chosen = content;
        }
    }
    chosen
}

/// Scheduled batches enough for `posts` posts.
fn scheduled_batches(game: &Simulation, platform: u8, posts: usize) -> Vec<PlannedAction> {
    let scenario = game.scenario();
    let batch = scenario.actions.spec(ActionKind::Schedule).batch.max(1) as usize;
    let action = in_known_tone(
        game,
        PlannedAction::aimed(
            ActionKind::Schedule,
            platform,
            believed_best_content(game, platform),
            Target::Everyone,
        ),
    );
    vec![action; posts.div_ceil(batch)]
}

/// An action in the tone the brand believes suits it.
fn in_known_tone(game: &Simulation, action: PlannedAction) -> PlannedAction {
    let tone = game.best_known_tone(action.kind, action.content, action.platform, action.target);
    action.in_tone(tone)
}

/// The week (0-based) of a fixed plan on a platform, as the brand of `game`
/// plans it now: the content and tone it believes best (listening changes
/// them), the hours the plan fills.
pub fn week_plan(game: &Simulation, plan: Plan, platform: u8, week: u32) -> WeekPlan {
    let scenario = game.scenario();
    let hours = fixed_hours(scenario);
    let aimed =
        |kind, content, target| in_known_tone(game, PlannedAction::aimed(kind, platform, content, target));
    let best = believed_best_content(game, platform);
    let question = aimed(
        ActionKind::StartConversation,
        ContentType::Conversation,
        Target::Everyone,
    );
    let reply = aimed(ActionKind::Reply, ContentType::Conversation, Target::Everyone);
    let mut actions = Vec::new();
    match plan {
        Plan::Scheduled => fill(
            scenario,
            &mut actions,
            &[aimed(ActionKind::Schedule, best, Target::Everyone)],
            hours,
        ),
        Plan::ScheduledFew => {
            actions = scheduled_batches(game, platform, posts_by_hand(game, platform));
        }
        Plan::Mix => {
            actions = scheduled_batches(game, platform, posts_by_hand(game, platform));
            fill(
                scenario,
                &mut actions,
                &[aimed(ActionKind::EngageOthers, best, Target::Followers)],
                hours,
            );
        }
        Plan::ByHand => fill(
            scenario,
            &mut actions,
            &[aimed(
                ActionKind::Publish,
                best_content(scenario, platform),
                Target::Everyone,
            )],
            hours,
        ),
        Plan::WorstContent => fill(
            scenario,
            &mut actions,
            &[aimed(
                ActionKind::Publish,
                worst_content(scenario, platform),
                Target::Everyone,
            )],
            hours,
        ),
        Plan::PushEveryone => fill(
            scenario,
            &mut actions,
            &[aimed(ActionKind::EngageOthers, best, Target::Everyone)],
            hours,
        ),
        Plan::PushFollowers => fill(
            scenario,
            &mut actions,
            &[aimed(ActionKind::EngageOthers, best, Target::Followers)],
            hours,
        ),
        Plan::PushFollowersHalf => fill(
            scenario,
            &mut actions,
            &[aimed(ActionKind::EngageOthers, best, Target::Followers)],
            hours / 2.0,
        ),
        Plan::Pull => fill(scenario, &mut actions, &[question, reply], hours),
        Plan::PullSilent => {
            let mut pull = Vec::new();
            fill(scenario, &mut pull, &[question, reply], hours);
            actions = pull
                .into_iter()
                .filter(|a| a.kind == ActionKind::StartConversation)
                .collect();
        }
        Plan::ResearchThenPosts => {
            if week == 0 {
                actions.push(aimed(ActionKind::Research, best, Target::Everyone));
            }
            fill(
                scenario,
                &mut actions,
                &[aimed(ActionKind::Schedule, best, Target::Everyone)],
                hours,
            );
        }
        Plan::ScheduledWithAds => {
            fill(
                scenario,
                &mut actions,
                &[aimed(ActionKind::Schedule, best, Target::Everyone)],
                hours,
            );
            let ad = aimed(ActionKind::Ad, ContentType::Offer, Target::Everyone);
            let cost = scenario.actions.cost(&ad);
            let used: f64 = actions.iter().map(|a| scenario.actions.cost(a).hours).sum();
            let by_money = if cost.money > 0.0 {
                (scenario.money_per_week / cost.money).floor() as usize
            } else {
                3
            };
            let by_hours = ((scenario.hours_per_week - used) / cost.hours.max(1e-9)).floor() as usize;
            actions.extend(std::iter::repeat_n(ad, by_money.min(by_hours).min(3)));
        }
        Plan::Token => actions.push(aimed(ActionKind::Publish, best, Target::Everyone)),
    }
    let mut week = WeekPlan { actions };
    week.spread_in_order();
    week
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::{SCENARIOS, find_scenario};
    use crate::sim::Simulation;
    use std::sync::Arc;

    #[test]
    fn every_fixed_plan_is_a_legal_week_in_every_built_in_scenario() {
        for (id, _) in SCENARIOS {
            let scenario = Arc::new(find_scenario(id).unwrap().with_agents(500));
            let game = Simulation::new(Arc::clone(&scenario), 1);
            for plan in Plan::ALL {
                for platform in 0..scenario.platforms.len() as u8 {
                    for week in [0, 1] {
                        let actions = week_plan(&game, plan, platform, week);
                        assert!(!actions.actions.is_empty(), "{id}: {plan:?} is empty");
                        let hours = actions.total_cost(&scenario.actions).hours;
                        assert!(hours <= fixed_hours(&scenario) + 1e-9 || plan == Plan::ScheduledWithAds);
                        if let Err(e) = game.check_plan(&actions) {
                            panic!("{id}: {plan:?} on platform {platform}, week {week}: {e}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn fixed_plans_compare_at_equal_hours() {
        let scenario = Arc::new(find_scenario("corner_bakery").unwrap().with_agents(500));
        let game = Simulation::new(Arc::clone(&scenario), 1);
        let hours = |plan| week_plan(&game, plan, 0, 0).total_cost(&scenario.actions).hours;
        let budget = fixed_hours(&scenario);
        // Each fills the budget up to less than its dearest action.
        for plan in [
            Plan::Scheduled,
            Plan::ByHand,
            Plan::PushEveryone,
            Plan::PushFollowers,
            Plan::Pull,
        ] {
            assert!(
                hours(plan) > budget - 3.0 && hours(plan) <= budget,
                "{plan:?}: {}",
                hours(plan)
            );
        }
        assert_eq!(
            week_plan(&game, Plan::ResearchThenPosts, 0, 1),
            week_plan(&game, Plan::Scheduled, 0, 1),
            "research happens in the first week only"
        );
        let half = hours(Plan::PushFollowersHalf);
        assert!(half <= budget / 2.0 && half > budget / 2.0 - 1.5, "{half}");
    }
}
