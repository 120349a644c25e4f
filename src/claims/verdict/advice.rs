//! The advice rules: each looks for one thing that held the run back,
//! says it with the run's own numbers, and estimates what fixing it would
//! have gained, as the score the run would have had with the KPI it moves
//! raised by the estimate. The largest gains are told first.

use super::{Advice, bonds};
use super::{COUNT_MARGIN, SCORE_MARGIN, beats};
use crate::claims::ghosts::{Ghost, ghost};
use crate::claims::trial::RunSummary;
use crate::sim::{ActionKind, Cause, Kpis, ModelParams, Outcome, Scenario, score};
use crate::text::{count, counted, hours};

/// The debrief tells at most this many changes.
pub const MAX_ADVICE: usize = 2;

/// Contacts spread this thin count as scattered: at least this many
/// people met only once...
const SCATTERED_MIN_ONCE: u64 = 8;

/// ...and at least this many times as many met once as met more often.
const SCATTERED_RATIO: u64 = 2;

/// Of the bonds that contacts could have made, the share an estimate
/// counts on: bonds cool between contacts, and not everyone answers.
const BONDS_KEPT: f64 = 0.5;

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

/// One piece of advice and the score it would have gained.
struct Candidate {
    gain: f64,
    sentence: String,
}

pub fn advise(run: &RunSummary, scenario: &Scenario, ghosts: &[Ghost]) -> Vec<Advice> {
    // Scattered contacts and the networker's bonds are one change (meet the
    // same people again): told once, the reason first, the networker's
    // numbers after it, at the larger of the two gains.
    let aim = match (
        scattered_contacts(run, scenario),
        follow_the_networker(run, scenario, ghosts),
    ) {
        (Some(why), Some(who)) => Some(Candidate {
            gain: why.gain.max(who.gain),
            sentence: format!("{} {}", why.sentence, who.sentence),
        }),
        (why, who) => why.or(who),
    };
    // A rule that rests on a claim speaks only where the claim applies.
    let on = |claim: &str, rule: Option<Candidate>| rule.filter(|_| super::applies(claim, scenario));
    let rules = [
        on("C5", aim),
        on("C2", unanswered_comments(run, scenario)),
        hours_unspent(run, scenario, ghosts),
        tired_followers(run, scenario),
        on("C19", ads_to_strangers(run, scenario, ghosts)),
    ];
    let mut found: Vec<Candidate> = rules.into_iter().flatten().collect();
    // Largest gain first; equal gains keep the order of the rules.
    found.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    found
        .into_iter()
        .take(MAX_ADVICE)
        .map(|c| Advice { sentence: c.sentence })
        .collect()
}

/// The score the run would have had with its KPIs changed.
fn gain(run: &RunSummary, scenario: &Scenario, change: impl Fn(&mut Kpis)) -> f64 {
    let mut better = run.kpis.clone();
    change(&mut better);
    score(&scenario.goals, &better) - score(&scenario.goals, &run.kpis)
}

fn more_bonds(kpis: &mut Kpis, extra: f64) {
    kpis.strong_relationships += extra.max(0.0).round() as u64;
}

/// Contacts spread over many people once each, and few bonds from them.
fn scattered_contacts(run: &RunSummary, scenario: &Scenario) -> Option<Candidate> {
    let c = &run.contacts;
    let needed = contacts_per_bond(&scenario.model, 0.0);
    let could = c.total as f64 / needed.max(1) as f64 * BONDS_KEPT;
    let scattered = c.once >= SCATTERED_MIN_ONCE && c.once >= SCATTERED_RATIO * (c.twice + c.thrice);
    if !(scattered && beats(could, run.strong_gained())) {
        return None;
    }
    let aimed = if run.pushes_at_followers > 0 {
        "aim more of your comments at your followers, the same people week after week"
    } else {
        "aim your comments at your followers, the same people week after week"
    };
    Some(Candidate {
        gain: gain(run, scenario, |k| more_bonds(k, could - run.strong_gained())),
        sentence: format!(
            "Your {} contacts with people (answers, comments on their posts, live sessions) went to {} different people, and {} heard from you {needed} times or more; a strong bond takes about {needed} contacts with the same person: {aimed}.",
            count(c.total),
            count(c.people()),
            if c.thrice == 0 {
                "none of them".to_string()
            } else {
                format!("only {} of them", count(c.thrice))
            }
        ),
    })
}

/// The networker built many more bonds on the same seed.
fn follow_the_networker(run: &RunSummary, scenario: &Scenario, ghosts: &[Ghost]) -> Option<Candidate> {
    let networker = ghost(ghosts, "networker")?;
    let theirs = networker.summary.strong();
    if !(beats(theirs, run.strong()) && networker.kpis.score >= run.kpis.score + SCORE_MARGIN) {
        return None;
    }
    Some(Candidate {
        gain: gain(run, scenario, |k| k.strong_relationships = theirs as u64),
        sentence: format!(
            "On this seed the networker built {} with {} ({} of conversation, its comments aimed at its followers first); you built {} with {}.",
            bonds(theirs),
            hours(networker.kpis.hours.total()),
            hours(networker.kpis.hours.conversation),
            bonds(run.strong()),
            hours(run.kpis.hours.total())
        ),
    })
}

/// Comments left waiting until their writers cooled.
fn unanswered_comments(run: &RunSummary, scenario: &Scenario) -> Option<Candidate> {
    let unanswered = run.totals.unanswered;
    if unanswered < MIN_UNANSWERED {
        return None;
    }
    let reply = scenario.actions.spec(ActionKind::Reply);
    // A comment waits a few days and a round of replies answers only what
    // is waiting that day: no count of rounds "over the game" answers them.
    let patience = counted(u64::from(scenario.model.reply_patience_days), "day", "days");
    let lost = run.ignored_unfollows;
    let cost = scenario.model.sentiment_per_unanswered as f64 * unanswered as f64;
    let known = run.final_week().followers.max(1) as f64;
    let left = if lost > 0 {
        format!(" and {} of their writers unfollowed you on the spot", count(lost))
    } else {
        String::new()
    };
    Some(Candidate {
        gain: gain(run, scenario, |k| {
            k.followers += lost;
            k.sentiment += cost / known;
        }),
        sentence: format!(
            "{} waited too long for an answer{left}; a comment waits {patience} for one, and a round of replies answers up to {} waiting comments for {}: reply every few days in the weeks comments come in.",
            counted(unanswered, "comment", "comments"),
            reply.batch,
            hours(reply.hours)
        ),
    })
}

/// Hours of the budget never spent.
fn hours_unspent(run: &RunSummary, scenario: &Scenario, ghosts: &[Ghost]) -> Option<Candidate> {
    let unspent = run.budget_hours - run.kpis.hours.total();
    if unspent < MIN_UNSPENT_HOURS.max(UNSPENT_SHARE * run.budget_hours) {
        return None;
    }
    // What an hour earns on this seed: the better of the run's own hours
    // and the networker's.
    // Both rates are bonds over every hour played, so the sentence names
    // whose hours they were, not "an hour of conversation".
    let networker = ghost(ghosts, "networker").map(|g| &g.summary);
    let theirs = networker.map_or(0.0, RunSummary::bonds_gained_per_hour);
    let (rate, whose) = if theirs > run.bonds_gained_per_hour() {
        (theirs, "each hour the networker played")
    } else {
        (run.bonds_gained_per_hour(), "each hour you played")
    };
    let rate = rate.max(0.0);
    let extra = rate * unspent;
    let earns = if extra >= COUNT_MARGIN {
        format!(
            "; on this seed {whose} built {:.2} strong relationships, so they were worth about {}",
            rate,
            bonds(extra)
        )
    } else {
        String::new()
    };
    Some(Candidate {
        gain: gain(run, scenario, |k| more_bonds(k, extra)),
        sentence: format!(
            "You left {} of your {} unspent{earns}: answer comments and talk with your followers in them.",
            hours(unspent),
            hours(run.budget_hours)
        ),
    })
}

/// Followers who left tired of the brand's posts, while it scheduled batches.
fn tired_followers(run: &RunSummary, scenario: &Scenario) -> Option<Candidate> {
    let tired = run.kpis.attribution.get(Outcome::Unfollow, Cause::Fatigue);
    let batches = run.played(ActionKind::Schedule);
    if tired < MIN_TIRED || batches == 0 {
        return None;
    }
    let posts = batches * scenario.actions.spec(ActionKind::Schedule).batch as u64;
    Some(Candidate {
        gain: gain(run, scenario, |k| k.followers += tired),
        sentence: format!(
            "{} followers left tired of your posts while you scheduled {} batches ({} posts): fewer, better posts keep them.",
            count(tired),
            count(batches),
            count(posts)
        ),
    })
}

/// Ads bought while conversation had warmed almost no one.
fn ads_to_strangers(run: &RunSummary, scenario: &Scenario, ghosts: &[Ghost]) -> Option<Candidate> {
    let p = &run.people;
    let ads = run.played(ActionKind::Ad);
    if ads == 0 || run.warmed.len() >= FEW_WARMED || p.cold_leads < super::MIN_GROUP {
        return None;
    }
    // What warmed leads bought at on this seed, where a ghost warmed some.
    let warm_rate = ghosts
        .iter()
        .map(|g| &g.summary)
        .filter(|s| s.people.warmed_leads >= super::MIN_GROUP)
        .map(RunSummary::warmed_conversion)
        .fold(0.0, f64::max);
    let extra = p.cold_leads as f64 * (warm_rate - run.cold_conversion()).max(0.0);
    Some(Candidate {
        gain: gain(run, scenario, |k| k.customers += extra.round() as u64),
        sentence: format!(
            "You bought {} ads, but your conversation had warmed only {} people: {} of your {} leads bought. People who know you from conversation buy more often once interested, so talk with them before you advertise.",
            count(ads),
            count(run.warmed.len() as u64),
            count(p.cold_buyers + p.warmed_buyers),
            count(p.cold_leads + p.warmed_leads)
        ),
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
}
