//! The advice rules: each looks for one thing that held the run back, says
//! it with the run's own numbers, and proposes a concrete change to the
//! player's own plans (which weeks, which actions). A proposal is only a
//! what-if: [`super::tried`] plays it, and the debrief tells it only where
//! it raised the score.

use super::bonds;
use super::{SCORE_MARGIN, beats};
use crate::claims::ghosts::{Ghost, ghost};
use crate::claims::trial::RunSummary;
use crate::sim::{
    ActionKind, Cause, ContentType, ModelParams, Outcome, PlannedAction, Scenario, Simulation, Target,
    WeekPlan, spread_day,
};
use crate::text::{count, counted, hours};

/// The debrief tells at most this many changes.
pub const MAX_ADVICE: usize = 2;

/// Contacts spread this thin count as scattered: at least this many
/// people met only once...
const SCATTERED_MIN_ONCE: u64 = 8;

/// ...and at least this many times as many met once as met more often.
const SCATTERED_RATIO: u64 = 2;

/// Hours left unspent count when they are at least this share of the
/// budget, and at least [`MIN_UNSPENT_HOURS`].
const UNSPENT_SHARE: f64 = 0.1;
const MIN_UNSPENT_HOURS: f64 = 2.0;

/// At least this many unanswered comments, or followers lost to fatigue,
/// make advice.
const MIN_UNANSWERED: u64 = 3;
const MIN_TIRED: u64 = 3;

/// Fewer people warmed by conversation than this count as "no one".
const FEW_WARMED: usize = 5;

/// How many two-way contacts with the same person (each a comment of the
/// brand's on their post) take a relationship from `start` to a strong
/// bond, by the scenario's own numbers (decay between contacts left out).
pub fn contacts_per_bond(params: &ModelParams, start: f32) -> u32 {
    params.exchanges_for_strong_bond(start)
}

/// A change to the player's own plans that one rule proposes, not yet
/// played.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The rule that proposes it (`more_replies`).
    pub rule: &'static str,
    /// Why, with the run's own numbers (the reasons of every rule that
    /// proposed the same change).
    pub reason: String,
    /// What to change, which weeks and which actions.
    pub change: String,
    /// The first week (1-based) whose plan the change touches.
    pub from_week: u32,
    /// The whole game's plans with the change: the run's own before
    /// `from_week`.
    pub plans: Vec<WeekPlan>,
}

impl Proposal {
    /// Why, then what to change.
    pub fn sentence(&self) -> String {
        format!("{} {}", self.reason, self.change)
    }
}

/// What the rules see of a finished run.
struct Run<'a> {
    game: &'a Simulation,
    summary: RunSummary,
    scenario: &'a Scenario,
}

impl Run<'_> {
    fn plans(&self) -> &[WeekPlan] {
        self.game.plans()
    }

    /// The days of week `week` (1-based) in the history (day 0 left out).
    fn week_days(&self, week: usize) -> &[crate::sim::DayMetrics] {
        let history = self.game.history();
        let start = (1 + 7 * (week - 1)).min(history.len());
        let end = (1 + 7 * week).min(history.len());
        &history[start..end]
    }
}

/// Every change the rules propose for the run, in the rules' order; two
/// rules that would change the plans the same way make one proposal, with
/// both reasons.
pub fn propose(game: &Simulation, ghosts: &[Ghost]) -> Vec<Proposal> {
    let run = Run {
        game,
        summary: RunSummary::of(game),
        scenario: game.scenario(),
    };
    // A rule whose reason rests on a claim speaks only where the claim
    // applies (the verdicts' own rule).
    let on = |claim: &str, rule: Option<Proposal>| rule.filter(|_| super::applies(claim, run.scenario));
    let rules = [
        on("C5", aim_at_followers(&run, ghosts)),
        on("C2", more_replies(&run)),
        spend_hours(&run),
        spend_ad_money(&run),
        fewer_batches(&run),
        on("C19", talk_before_ads(&run)),
    ];
    let mut found: Vec<Proposal> = Vec::new();
    for proposal in rules.into_iter().flatten() {
        if proposal.plans == run.plans() {
            continue;
        }
        match found.iter_mut().find(|f| f.plans == proposal.plans) {
            Some(same) => same.reason = format!("{} {}", same.reason, proposal.reason),
            None => found.push(proposal),
        }
    }
    found
}

/// The platform the run used most for `kind` (else for anything; else the
/// first).
fn usual_platform(plans: &[WeekPlan], kind: ActionKind) -> u8 {
    let mut used = [0u32; u8::MAX as usize + 1];
    let mut any = [0u32; u8::MAX as usize + 1];
    for action in plans.iter().flat_map(|p| &p.actions) {
        any[action.platform as usize] += 1;
        if action.kind == kind {
            used[action.platform as usize] += 1;
        }
    }
    let most = |counts: &[u32]| {
        (0..counts.len())
            .filter(|&p| counts[p] > 0)
            .max_by_key(|&p| (counts[p], std::cmp::Reverse(p)))
    };
    most(&used).or_else(|| most(&any)).unwrap_or(0) as u8
}

/// Adds `action` to `plan` within the week's budget. When it does not fit,
/// the week's last scheduled batch, or else its last hand-made post, makes
/// room. Returns what made room (`Some(None)`: nothing had to), or `None`
/// when the action could not be added.
fn add_within_budget(
    plan: &mut WeekPlan,
    action: PlannedAction,
    scenario: &Scenario,
) -> Option<Option<ActionKind>> {
    let mut with = plan.clone();
    with.actions.push(action);
    if scenario.check_plan(&with).is_ok() {
        *plan = with;
        return Some(None);
    }
    for kind in [ActionKind::Schedule, ActionKind::Publish] {
        if let Some(i) = with.actions.iter().rposition(|a| a.kind == kind) {
            let mut swapped = with.clone();
            swapped.actions.remove(i);
            if scenario.check_plan(&swapped).is_ok() {
                *plan = swapped;
                return Some(Some(kind));
            }
        }
    }
    None
}

/// Actions added week by week, and what made room for them.
#[derive(Default)]
struct Added {
    from_week: Option<u32>,
    /// Weeks an action was to be added to, and the first of them.
    tried: u64,
    first_tried: Option<u32>,
    count: u64,
    for_batches: u64,
    for_posts: u64,
}

impl Added {
    /// Adds `action` to week `week` (1-based) of `plans` within its budget.
    fn add(&mut self, plans: &mut [WeekPlan], week: usize, action: PlannedAction, scenario: &Scenario) {
        self.tried += 1;
        self.first_tried.get_or_insert(week as u32);
        match add_within_budget(&mut plans[week - 1], action, scenario) {
            None => return,
            Some(Some(ActionKind::Schedule)) => self.for_batches += 1,
            Some(Some(_)) => self.for_posts += 1,
            Some(None) => {}
        }
        self.count += 1;
        self.from_week.get_or_insert(week as u32);
    }

    /// `each` ("each week") when the action went into every week it was to
    /// go into, else how many of them ("10 of the 12 weeks from week 3").
    fn weeks(&self, each: &str, of: &str) -> String {
        if self.count == self.tried {
            each.to_string()
        } else {
            format!("{} of the {} {of}", count(self.count), count(self.tried))
        }
    }

    /// The weeks from the first one tried: "weeks from week 3".
    fn weeks_from_first(&self) -> String {
        format!("weeks from week {}", self.first_tried.unwrap_or(1))
    }

    /// " (3 in place of a scheduled batch, to stay within your weekly
    /// hours)", or nothing when everything fitted.
    fn room(&self) -> String {
        let mut parts = Vec::new();
        if self.for_batches > 0 {
            parts.push(format!(
                "{} in place of a scheduled batch",
                count(self.for_batches)
            ));
        }
        if self.for_posts > 0 {
            parts.push(format!("{} in place of a post", count(self.for_posts)));
        }
        if parts.is_empty() {
            return String::new();
        }
        format!(" ({}, to stay within your weekly hours)", parts.join(" and "))
    }
}

/// Contacts spread over many people once each, and few bonds from them.
fn scattered_contacts(run: &Run) -> Option<String> {
    let c = &run.summary.contacts;
    let needed = contacts_per_bond(&run.scenario.model, 0.0);
    // Of the bonds the contacts could have made, half: bonds cool between
    // contacts, and not everyone answers.
    let could = c.total as f64 / needed.max(1) as f64 * 0.5;
    let scattered = c.once >= SCATTERED_MIN_ONCE && c.once >= SCATTERED_RATIO * (c.twice + c.thrice);
    if !(scattered && beats(could, run.summary.strong_gained())) {
        return None;
    }
    Some(format!(
        "Your {} contacts with people (answers, comments on their posts, live sessions) went to {} different people, and {} heard from you three times or more; a strong bond takes about {needed} contacts with the same person.",
        count(c.total),
        count(c.people()),
        if c.thrice == 0 {
            "none of them".to_string()
        } else {
            format!("only {} of them", count(c.thrice))
        }
    ))
}

/// The networker built many more bonds on the same seed.
fn networker_bonds(run: &Run, ghosts: &[Ghost]) -> Option<String> {
    let networker = ghost(ghosts, "networker")?;
    let theirs = networker.summary.strong();
    let own = &run.summary;
    if !(beats(theirs, own.strong()) && networker.kpis.score >= own.kpis.score + SCORE_MARGIN) {
        return None;
    }
    Some(format!(
        "On this seed the networker built {} with {} ({} of conversation, its comments aimed at its followers first); you built {} with {}.",
        bonds(theirs),
        hours(networker.kpis.hours.total()),
        hours(networker.kpis.hours.conversation),
        bonds(own.strong()),
        hours(own.kpis.hours.total())
    ))
}

/// Contacts scattered, or the networker far ahead: the comments on others'
/// posts aimed at the followers instead, from the first week they went
/// elsewhere; a run that made none makes one batch a week, at its
/// followers.
fn aim_at_followers(run: &Run, ghosts: &[Ghost]) -> Option<Proposal> {
    let reason = match (scattered_contacts(run), networker_bonds(run, ghosts)) {
        (Some(why), Some(who)) => format!("{why} {who}"),
        (why, who) => why.or(who)?,
    };
    let mut plans = run.plans().to_vec();
    if run.summary.played(ActionKind::EngageOthers) == 0 {
        let platform = usual_platform(run.plans(), ActionKind::EngageOthers);
        let push = PlannedAction::aimed(
            ActionKind::EngageOthers,
            platform,
            ContentType::Photo,
            Target::Followers,
        );
        let mut added = Added::default();
        for week in 1..=plans.len() {
            added.add(&mut plans, week, push, run.scenario);
        }
        let from_week = added.from_week?;
        return Some(Proposal {
            rule: "aim_at_followers",
            reason,
            change: format!(
                "Talk with the same people week after week: from week {from_week}, one batch of comments on your followers' posts in {}, {} in all{}.",
                added.weeks("each week", &added.weeks_from_first()),
                count(added.count),
                added.room()
            ),
            from_week,
            plans,
        });
    }
    let (mut from_week, mut aimed) = (None, 0);
    for (w, plan) in plans.iter_mut().enumerate() {
        for action in &mut plan.actions {
            if action.kind == ActionKind::EngageOthers && action.target != Target::Followers {
                action.target = Target::Followers;
                aimed += 1;
                from_week.get_or_insert(w as u32 + 1);
            }
        }
    }
    let from_week = from_week?;
    Some(Proposal {
        rule: "aim_at_followers",
        reason,
        change: format!(
            "Talk with the same people week after week: from week {from_week}, aim {} of comments on others' posts at your followers instead.",
            counted(aimed, "batch", "batches")
        ),
        from_week,
        plans,
    })
}

/// Comments left waiting until their writers cooled: one more round of
/// replies each week from the first week one waited too long.
fn more_replies(run: &Run) -> Option<Proposal> {
    let unanswered = run.summary.totals.unanswered;
    if unanswered < MIN_UNANSWERED {
        return None;
    }
    let first = (1..=run.plans().len()).find(|&w| run.week_days(w).iter().any(|d| d.unanswered > 0))?;
    let tone = run
        .plans()
        .iter()
        .flat_map(|p| &p.actions)
        .find(|a| a.kind == ActionKind::Reply)
        .map(|a| a.tone)
        .unwrap_or_default();
    let reply = PlannedAction::new(
        ActionKind::Reply,
        0,
        usual_platform(run.plans(), ActionKind::Reply),
    )
    .in_tone(tone);
    let mut plans = run.plans().to_vec();
    let mut added = Added::default();
    for week in first..=plans.len() {
        added.add(&mut plans, week, reply, run.scenario);
    }
    let from_week = added.from_week?;
    let lost = run.summary.ignored_unfollows;
    let left = if lost > 0 {
        format!(" and {} of their writers unfollowed you on the spot", count(lost))
    } else {
        String::new()
    };
    Some(Proposal {
        rule: "more_replies",
        reason: format!(
            "{} waited too long for an answer{left}.",
            counted(unanswered, "comment", "comments")
        ),
        change: format!(
            "From week {from_week}, one more round of replies on the first day of {}: {} in all{}.",
            added.weeks("each week", &added.weeks_from_first()),
            counted(added.count, "round", "rounds"),
            added.room()
        ),
        from_week,
        plans,
    })
}

/// Hours of the budget never spent: comments on the followers' posts in
/// them, as many batches as each week's hours left allow.
fn spend_hours(run: &Run) -> Option<Proposal> {
    let summary = &run.summary;
    let unspent = summary.budget_hours - summary.kpis.hours.total();
    if unspent < MIN_UNSPENT_HOURS.max(UNSPENT_SHARE * summary.budget_hours) {
        return None;
    }
    let platform = usual_platform(run.plans(), ActionKind::EngageOthers);
    let push = PlannedAction::aimed(
        ActionKind::EngageOthers,
        platform,
        ContentType::Photo,
        Target::Followers,
    );
    let mut plans = run.plans().to_vec();
    let (mut from_week, mut added) = (None, 0u64);
    for (w, plan) in plans.iter_mut().enumerate() {
        let own = plan.actions.len();
        loop {
            let mut with = plan.clone();
            with.actions.push(push);
            if run.scenario.check_plan(&with).is_err() {
                break;
            }
            *plan = with;
            added += 1;
            from_week.get_or_insert(w as u32 + 1);
        }
        // The batches added go out over the week, in order.
        let new = plan.actions.len() - own;
        for (k, action) in plan.actions[own..].iter_mut().enumerate() {
            action.day = spread_day(k, new);
        }
    }
    let from_week = from_week?;
    Some(Proposal {
        rule: "spend_hours",
        reason: format!(
            "You left {} of your {} unspent.",
            hours(unspent),
            hours(summary.budget_hours)
        ),
        change: format!(
            "From week {from_week}, spend what each week leaves on comments on your followers' posts: {} more over the game.",
            counted(added, "batch", "batches")
        ),
        from_week,
        plans,
    })
}

/// Money of the budget never spent: one more ad in each week that had the
/// money for it.
fn spend_ad_money(run: &Run) -> Option<Proposal> {
    let catalog = &run.scenario.actions;
    let price = catalog.spec(ActionKind::Ad).money;
    let per_week = run.scenario.money_per_week;
    if price <= 0.0 || per_week < price {
        return None;
    }
    let budget = per_week * run.plans().len() as f64;
    let spent: f64 = run.plans().iter().map(|p| p.total_cost(catalog).money).sum();
    let unspent = budget - spent;
    if unspent < price.max(UNSPENT_SHARE * budget) {
        return None;
    }
    let ad = PlannedAction::aimed(
        ActionKind::Ad,
        usual_platform(run.plans(), ActionKind::Ad),
        ContentType::Offer,
        Target::Everyone,
    );
    let mut plans = run.plans().to_vec();
    let mut added = Added::default();
    for week in 1..=plans.len() {
        if per_week - plans[week - 1].total_cost(catalog).money >= price {
            added.add(&mut plans, week, ad, run.scenario);
        }
    }
    let from_week = added.from_week?;
    Some(Proposal {
        rule: "spend_ad_money",
        reason: if spent > 0.0 {
            format!(
                "You left {} of your ad budget of {} unspent.",
                count(unspent.round() as u64),
                count(budget.round() as u64)
            )
        } else {
            format!(
                "You spent none of your ad budget of {}.",
                count(budget.round() as u64)
            )
        },
        change: format!(
            "From week {from_week}, one more ad in {}: {}{}.",
            added.weeks(
                "each week that had the money for it",
                "weeks that had the money for it"
            ),
            counted(added.count, "ad", "ads"),
            added.room()
        ),
        from_week,
        plans,
    })
}

/// Followers who left tired of the brand's posts, while it scheduled
/// batches: one fewer batch in each week that had one.
fn fewer_batches(run: &Run) -> Option<Proposal> {
    let summary = &run.summary;
    let tired = summary.kpis.attribution.get(Outcome::Unfollow, Cause::Fatigue);
    let batches = summary.played(ActionKind::Schedule);
    if tired < MIN_TIRED || batches == 0 {
        return None;
    }
    let mut plans = run.plans().to_vec();
    let (mut from_week, mut dropped) = (None, 0u64);
    for (w, plan) in plans.iter_mut().enumerate() {
        if let Some(i) = plan.actions.iter().rposition(|a| a.kind == ActionKind::Schedule) {
            plan.actions.remove(i);
            dropped += 1;
            from_week.get_or_insert(w as u32 + 1);
        }
    }
    let from_week = from_week?;
    let posts = batches * run.scenario.actions.spec(ActionKind::Schedule).batch as u64;
    Some(Proposal {
        rule: "fewer_batches",
        reason: format!(
            "{} left tired of your posts while you scheduled {} ({}).",
            counted(tired, "follower", "followers"),
            counted(batches, "batch", "batches"),
            counted(posts, "post", "posts")
        ),
        change: format!(
            "From week {from_week}, one scheduled batch fewer in each week that had one: {} in all instead of {}.",
            count(batches - dropped),
            count(batches)
        ),
        from_week,
        plans,
    })
}

/// Ads bought while conversation had warmed almost no one: one more batch
/// of comments on the followers' posts in each week with an ad.
fn talk_before_ads(run: &Run) -> Option<Proposal> {
    let summary = &run.summary;
    let p = &summary.people;
    let ads = summary.played(ActionKind::Ad);
    if ads == 0 || summary.warmed.len() >= FEW_WARMED || p.cold_leads < super::MIN_GROUP {
        return None;
    }
    let platform = usual_platform(run.plans(), ActionKind::EngageOthers);
    let push = PlannedAction::aimed(
        ActionKind::EngageOthers,
        platform,
        ContentType::Photo,
        Target::Followers,
    );
    let mut plans = run.plans().to_vec();
    let mut added = Added::default();
    for week in 1..=plans.len() {
        if plans[week - 1].actions.iter().any(|a| a.kind == ActionKind::Ad) {
            added.add(&mut plans, week, push, run.scenario);
        }
    }
    let from_week = added.from_week?;
    Some(Proposal {
        rule: "talk_before_ads",
        reason: format!(
            "You bought {}, but your conversation had warmed only {}: {} of your {} bought.",
            counted(ads, "ad", "ads"),
            counted(summary.warmed.len() as u64, "person", "people"),
            count(p.cold_buyers + p.warmed_buyers),
            counted(p.cold_leads + p.warmed_leads, "lead", "leads")
        ),
        change: format!(
            "From week {from_week}, one more batch of comments on your followers' posts in {}: {}{}.",
            added.weeks("each week with an ad", "weeks with an ad"),
            counted(added.count, "batch", "batches"),
            added.room()
        ),
        from_week,
        plans,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strong_bond_takes_the_exchanges_the_scenarios_numbers_say() {
        let params = ModelParams::default();
        assert_eq!(
            contacts_per_bond(&params, 0.0),
            params.exchanges_for_strong_bond(0.0)
        );
        assert_eq!(contacts_per_bond(&params, 0.95), 0);
    }

    fn plan(kinds: &[ActionKind]) -> WeekPlan {
        WeekPlan {
            actions: kinds.iter().map(|&k| PlannedAction::new(k, 0, 0)).collect(),
        }
    }

    #[test]
    fn an_added_action_takes_the_place_of_a_batch_then_a_post_when_the_week_is_full() {
        use ActionKind::*;
        // 20 hours a week; every action here costs 1 hour.
        let scenario = Scenario::for_tests(100);
        assert_eq!(scenario.hours_per_week, 20.0);
        let reply = PlannedAction::new(Reply, 0, 0);
        // Room left: added as it is.
        let mut roomy = plan(&[Publish]);
        assert_eq!(add_within_budget(&mut roomy, reply, &scenario), Some(None));
        assert_eq!(roomy.actions.len(), 2);
        // A full week with a batch: the batch makes room.
        let mut kinds = vec![Publish; 19];
        kinds.insert(3, Schedule);
        let mut full = plan(&kinds);
        assert_eq!(
            add_within_budget(&mut full, reply, &scenario),
            Some(Some(Schedule))
        );
        assert!(!full.actions.iter().any(|a| a.kind == Schedule));
        assert_eq!(full.actions.len(), 20);
        // Without a batch, the last post.
        let mut posts = plan(&[Publish; 20]);
        assert_eq!(
            add_within_budget(&mut posts, reply, &scenario),
            Some(Some(Publish))
        );
        assert_eq!(posts.actions.last().map(|a| a.kind), Some(Reply));
        // Nothing to drop and no room: not added.
        let mut research = plan(&[Research; 20]);
        let before = research.clone();
        assert_eq!(add_within_budget(&mut research, reply, &scenario), None);
        assert_eq!(research, before);
    }

    #[test]
    fn the_usual_platform_is_the_one_used_most_for_the_kind_then_for_anything() {
        use ActionKind::*;
        let on = |kind, platform| PlannedAction::new(kind, 0, platform);
        let plans = vec![WeekPlan {
            actions: vec![
                on(Publish, 1),
                on(Publish, 1),
                on(Publish, 1),
                on(Reply, 0),
                on(Publish, 0),
            ],
        }];
        assert_eq!(usual_platform(&plans, Reply), 0);
        assert_eq!(usual_platform(&plans, Ad), 1);
        assert_eq!(usual_platform(&[], Ad), 0);
    }
}
