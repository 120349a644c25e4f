//! The coach's move for the week about to be planned: the goal furthest
//! from its target, and one change to the player's plan that closes part
//! of the gap, in this game's numbers.
//!
//! Every move is checked before it is said: the game is played on as a
//! branch (the same seed, so the same draws) with the move this week and
//! then the player's current plan every week after, against the current
//! plan every week, and a move is offered only if it ends with more of the
//! goal it names and no lower score, or a higher score. Among the moves
//! that help, the coach offers the one whose plan, kept, goes furthest
//! (with one more move on top of it next week): a tutorial is won by moves
//! that add up. The current plan
//! is the last week the player played (the planner starts each week
//! empty); a move the current plan already makes is never offered again.

pub use super::move_kinds::{Advice, Ending, Move, MoveKind};
use super::move_words::{describe, on_track};
use crate::sim::{
    ActionKind, ContentType, GoalMetric, Kpis, PlannedAction, Simulation, Target, WeekPlan, goal_progress,
    spread_day,
};

/// The plan the coach starts from: the last week played (none in week 1).
pub fn current_plan(simulation: &Simulation) -> WeekPlan {
    simulation.plans().last().cloned().unwrap_or_default()
}

/// Plays `simulation` on: `first` this week, then `then` every week left.
fn play_on(simulation: &Simulation, first: &WeekPlan, then: &WeekPlan) -> Kpis {
    let mut game = simulation.clone();
    let mut plan = first;
    while !game.finished() {
        if game.run_week(plan).is_err() {
            // Plans built here fit the budget; should one not, the week
            // is played empty so the check still ends.
            let _ = game.run_week(&WeekPlan::default());
        }
        plan = then;
    }
    game.kpis()
}

/// The coach's advice for the week about to be planned in `simulation`
/// (between weeks; a game that is over or mid-week gets nothing).
pub fn advise(simulation: &Simulation) -> Advice {
    if simulation.finished() || simulation.week_running() {
        return Advice::Nothing;
    }
    let scenario = simulation.scenario();
    let current = current_plan(simulation);
    let baseline = play_on(simulation, &current, &current);
    let mut gaps: Vec<(usize, f64)> = scenario
        .goals
        .iter()
        .enumerate()
        .map(|(i, goal)| (i, goal_progress(goal, &baseline)))
        .filter(|&(_, progress)| progress < 1.0)
        .collect();
    if gaps.is_empty() {
        return Advice::OnTrack {
            text: on_track(simulation, &current, &baseline),
            plan: current,
        };
    }
    // Furthest from its target first; a heavier goal first on a tie.
    gaps.sort_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then(scenario.goals[b.0].weight.total_cmp(&scenario.goals[a.0].weight))
            .then(a.0.cmp(&b.0))
    });
    for (index, _) in gaps {
        let goal = scenario.goals[index].clone();
        let without = Ending::of(&scenario.goals, goal.metric, &baseline);
        let mut best: Option<Move> = None;
        for &kind in MoveKind::for_goal(goal.metric) {
            for (added, plan, dropped) in candidates(simulation, &current, kind) {
                let kpis = play_on(simulation, &plan, &current);
                let with = Ending::of(&scenario.goals, goal.metric, &kpis);
                let helps = with.score > without.score + 1e-9
                    || (with.goal > without.goal + 1e-9 && with.score >= without.score - 1e-9);
                if !helps {
                    continue;
                }
                let prospect = look_ahead(simulation, &plan, goal.metric);
                if best.as_ref().is_none_or(|b| better(&prospect, &b.prospect)) {
                    best = Some(Move {
                        prospect,
                        kind,
                        goal: goal.clone(),
                        plan,
                        added,
                        dropped,
                        with,
                        without,
                        text: String::new(),
                    });
                }
            }
        }
        if let Some(mut found) = best {
            found.text = describe(simulation, &current, &found);
            return Advice::Move(found);
        }
    }
    Advice::Nothing
}

/// How far `plan` can take the game if it is kept: the better of the plan
/// played every week left, and the plan this week with the best next move
/// on top of it kept from next week on. A move that leaves room for the
/// next one is worth more than one that is best alone.
fn look_ahead(simulation: &Simulation, plan: &WeekPlan, metric: GoalMetric) -> Ending {
    let goals = &simulation.scenario().goals;
    let mut next = simulation.clone();
    if next.run_week(plan).is_err() {
        return Ending::of(goals, metric, &play_on(simulation, plan, plan));
    }
    // The plan kept, played on from the week it was played in.
    let mut best = Ending::of(goals, metric, &play_on(&next, plan, plan));
    if next.finished() {
        return best;
    }
    for kind in MoveKind::ALL {
        for (_, then, _) in candidates(&next, plan, kind) {
            let ending = Ending::of(goals, metric, &play_on(&next, &then, &then));
            if better(&ending, &best) {
                best = ending;
            }
        }
    }
    best
}

/// More goals met wins; then the goal furthest behind further along; then
/// the higher score; then more of the goal named.
fn better(a: &Ending, b: &Ending) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9;
    if a.met != b.met {
        return a.met > b.met;
    }
    if !close(a.worst, b.worst) {
        return a.worst > b.worst;
    }
    if !close(a.score, b.score) {
        return a.score > b.score;
    }
    a.goal > b.goal + 1e-9
}

/// Whether a plan makes a move.
fn followed(plan: &WeekPlan, kind: MoveKind) -> bool {
    let has = |test: &dyn Fn(&PlannedAction) -> bool| plan.actions.iter().any(test);
    match kind {
        MoveKind::LiveSession => has(&|a| a.kind == ActionKind::LiveEvent),
        MoveKind::TalkWithFollowers => {
            has(&|a| a.kind == ActionKind::EngageOthers && a.target == Target::Followers)
        }
        MoveKind::AskQuestions => has(&|a| a.kind == ActionKind::StartConversation),
        MoveKind::AnswerComments => false,
        MoveKind::Connect => has(&|a| a.kind == ActionKind::Connect),
        MoveKind::Advertise => has(&|a| a.kind == ActionKind::Ad),
        MoveKind::Post => has(&|a| matches!(a.kind, ActionKind::Publish | ActionKind::Schedule)),
    }
}

/// Reply batches that answer the comments expected next week (as many as
/// last week brought, or as wait now), less those the plan has.
fn replies_needed(simulation: &Simulation, plan: &WeekPlan, extra_comments: u64) -> usize {
    let catalog = &simulation.scenario().actions;
    let last_week: u64 = simulation
        .history()
        .iter()
        .rev()
        .take(7)
        .map(|d| d.comments)
        .sum();
    let expected = last_week.max(simulation.pending_comments()) + extra_comments;
    let batch = u64::from(catalog.spec(ActionKind::Reply).batch.max(1));
    let planned = plan
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::Reply)
        .count() as u64;
    expected.div_ceil(batch).saturating_sub(planned) as usize
}

/// The ways to make a move on top of `current`: its actions, the plan with
/// them, and what was dropped to fit. Sizes vary where the move has one.
fn candidates(
    simulation: &Simulation,
    current: &WeekPlan,
    kind: MoveKind,
) -> Vec<(Vec<PlannedAction>, WeekPlan, Vec<PlannedAction>)> {
    // A move made once (the current plan is the last one played) is not
    // offered again, even if a later move made room by leaving part of it out.
    if simulation.plans().iter().any(|p| followed(p, kind)) {
        return Vec::new();
    }
    let scenario = simulation.scenario();
    let free = (scenario.hours_per_week - current.total_cost(&scenario.actions).hours).max(0.0);
    let action = |kind: ActionKind, content: ContentType, target: Target| {
        let platform = simulation.best_platform(kind, content);
        let planned = PlannedAction::aimed(kind, platform, content, target);
        planned.in_tone(simulation.best_known_tone(kind, planned.content, platform, planned.target))
    };
    let times = |a: PlannedAction, n: usize| vec![a; n];
    let reply = action(ActionKind::Reply, ContentType::Conversation, Target::Everyone);
    // A few, the hours left, or half the week's hours (what gives way to
    // make room is dropped): the check picks the size.
    let sizes = |per_hour: f64| {
        let mut sizes = vec![3usize];
        for hours in [free, scenario.hours_per_week / 2.0] {
            let n = ((hours / per_hour).floor() as usize).min(14);
            if n > 3 && !sizes.contains(&n) {
                sizes.push(n);
            }
        }
        sizes
    };
    let sets: Vec<Vec<PlannedAction>> = match kind {
        MoveKind::LiveSession => {
            let live = action(
                ActionKind::LiveEvent,
                ContentType::Conversation,
                Target::Followers,
            );
            let mut set = vec![live];
            let replies = replies_needed(simulation, current, 0).max(2);
            set.extend(times(reply, replies));
            vec![set]
        }
        MoveKind::TalkWithFollowers => {
            let push = action(
                ActionKind::EngageOthers,
                ContentType::Conversation,
                Target::Followers,
            );
            let hours = scenario.actions.spec(ActionKind::EngageOthers).hours.max(0.25);
            sizes(hours).into_iter().map(|n| times(push, n)).collect()
        }
        MoveKind::AskQuestions => {
            let ask = action(
                ActionKind::StartConversation,
                ContentType::Conversation,
                Target::Everyone,
            );
            let mut set = times(ask, 2);
            set.extend(times(reply, replies_needed(simulation, current, 0).max(1)));
            vec![set]
        }
        MoveKind::AnswerComments => match replies_needed(simulation, current, 0) {
            0 => Vec::new(),
            n => vec![times(reply, n)],
        },
        MoveKind::Connect => {
            let ask = action(ActionKind::Connect, ContentType::Photo, Target::Everyone);
            let hours = scenario.actions.spec(ActionKind::Connect).hours.max(0.25);
            sizes(hours).into_iter().map(|n| times(ask, n)).collect()
        }
        MoveKind::Advertise => {
            let segment = largest_segment(simulation);
            let ad = action(ActionKind::Ad, ContentType::Offer, segment);
            let affordable = (scenario.money_per_week / scenario.actions.spec(ActionKind::Ad).money.max(1.0))
                .floor() as usize;
            if affordable == 0 {
                return Vec::new();
            }
            (1..=affordable.min(2))
                .flat_map(|ads| {
                    [1, 3].map(|offers| {
                        let mut set = times(ad, ads);
                        let offer = action(ActionKind::Publish, ContentType::Offer, Target::Everyone);
                        set.extend(times(offer, offers));
                        set
                    })
                })
                .collect()
        }
        MoveKind::Post => {
            let post = action(
                ActionKind::Publish,
                simulation.best_known_content(),
                Target::Everyone,
            );
            vec![times(post, 2)]
        }
    };
    // What gives way is part of the move: the cheapest first, or first of
    // each kind the plan holds, whichever the check finds best.
    let mut kinds: Vec<Option<ActionKind>> = vec![None];
    for action in &current.actions {
        if !kinds.contains(&Some(action.kind)) {
            kinds.push(Some(action.kind));
        }
    }
    let mut moves: Vec<(Vec<PlannedAction>, WeekPlan, Vec<PlannedAction>)> = Vec::new();
    for added in sets {
        for &first in &kinds {
            if let Some(made) = fit(simulation, current, added.clone(), first)
                && !moves.iter().any(|m| m.1 == made.1)
            {
                moves.push(made);
            }
        }
    }
    moves
}

fn largest_segment(simulation: &Simulation) -> Target {
    let ranges = simulation.segment_ranges();
    let largest = (0..ranges.len())
        .max_by_key(|&s| (ranges[s].len(), usize::MAX - s))
        .unwrap_or(0);
    Target::Segment(largest as u8)
}

/// The order in which the current plan's actions give way to a move: the
/// cheapest to lose first, answers last.
fn give_way_rank(action: &PlannedAction) -> u8 {
    match (action.kind, action.target) {
        (ActionKind::Schedule, _) => 0,
        (ActionKind::Publish, _) if action.content != ContentType::Offer => 1,
        (ActionKind::EngageOthers, Target::Everyone) => 2,
        (ActionKind::Research, _) => 3,
        (ActionKind::Connect, _) => 4,
        (ActionKind::Publish, _) => 5,
        (ActionKind::StartConversation, _) => 6,
        (ActionKind::EngageOthers, _) => 7,
        (ActionKind::Ad, _) => 8,
        (ActionKind::LiveEvent, _) => 9,
        (ActionKind::Reply, _) => 10,
    }
}

/// `current` with `added`, dropping what must give way to fit the week's
/// hours and money (never an action of a kind the move adds); `None` when
/// it cannot fit.
fn fit(
    simulation: &Simulation,
    current: &WeekPlan,
    added: Vec<PlannedAction>,
    first: Option<ActionKind>,
) -> Option<(Vec<PlannedAction>, WeekPlan, Vec<PlannedAction>)> {
    let scenario = simulation.scenario();
    let mut kept = current.actions.clone();
    let mut dropped = Vec::new();
    let over = |kept: &[PlannedAction]| {
        let plan = WeekPlan {
            actions: kept.iter().chain(&added).copied().collect(),
        };
        let cost = plan.total_cost(&scenario.actions);
        cost.hours > scenario.hours_per_week + 1e-9 || cost.money > scenario.money_per_week + 1e-9
    };
    while over(&kept) {
        let candidate = kept
            .iter()
            .enumerate()
            .filter(|(_, a)| !added.iter().any(|b| b.kind == a.kind))
            .min_by_key(|(i, a)| (Some(a.kind) != first, give_way_rank(a), usize::MAX - i))
            .map(|(i, _)| i)?;
        dropped.push(kept.remove(candidate));
    }
    let mut actions: Vec<PlannedAction> = kept.into_iter().chain(added.iter().copied()).collect();
    place_days(&mut actions);
    let plan = WeekPlan { actions };
    simulation.check_plan(&plan).ok()?;
    Some((added, plan, dropped))
}

/// Answers and research from the first day; every other kind spread over
/// the week in order (as the model's strategies place them).
fn place_days(actions: &mut [PlannedAction]) {
    for kind in ActionKind::ALL {
        let total = actions.iter().filter(|a| a.kind == kind).count();
        for (k, action) in actions.iter_mut().filter(|a| a.kind == kind).enumerate() {
            action.day = match kind {
                ActionKind::Reply | ActionKind::Research => 0,
                _ => spread_day(k, total),
            };
        }
    }
}
