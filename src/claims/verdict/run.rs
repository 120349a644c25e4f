//! The rules of the whole-run verdicts, one function a claim: each cites
//! its claim only when the run's own numbers, and where the claim compares
//! strategies the ghosts on the same seed, show it with a margin.

use super::evidence::{rate_above, share_above};
use super::{
    BOTH_BROADCAST_SHARE, BOTH_CONVERSATION_SHARE, BROADCAST_HEAVY_RUN, CONVERSION_MARGIN, MIN_GROUP,
    SCORE_MARGIN, SENTIMENT_MARGIN, Verdict, answered, bonds, ignored, shows_more, verdict,
};
use crate::claims::ghosts::{Ghost, ghost};
use crate::claims::network::{C13_MIN_GROWING_WEEKS, C16_BOND_SHARE_RATIO};
use crate::claims::trial::RunSummary;
use crate::report::attribution::{View, where_from};
use crate::sim::{Attribution, Cause, Outcome};
use crate::text::{count, counted, hours, percent};

pub fn judge(run: &RunSummary, ghosts: &[Ghost]) -> Vec<Verdict> {
    [
        presence_without_a_network(run, ghosts),
        networking_for_relationships(run, ghosts),
        a_network_you_can_watch_grow(run, ghosts),
        talking_without_listening(run),
        ads_buy_reach_and_sales(run, ghosts),
        loyalty(run),
        both_together(run, ghosts),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// "Talking without listening" is told of a run only when at least this
/// share of the comments it received waited too long for an answer.
pub const UNANSWERED_SHARE: f64 = 0.2;

/// Strong bonds per 100 followers, as people read it.
fn per_100(share: f64) -> String {
    format!("{:.1} in 100", 100.0 * share)
}

/// C16: mostly broadcast, and the networker's bonds per follower on the
/// same seed are the claim's ratio above the run's.
fn presence_without_a_network(run: &RunSummary, ghosts: &[Ghost]) -> Option<Verdict> {
    let networker = &ghost(ghosts, "networker")?.summary;
    let share = run.bonds_per_follower();
    let shown = run.broadcast_share() > BROADCAST_HEAVY_RUN
        && networker.bonds_per_follower() > C16_BOND_SHARE_RATIO * share
        && shows_more(networker.strong_gained(), run.strong_gained());
    shown.then(|| {
        verdict(
            "C16",
            format!(
                "{} of your hours went to broadcasting; {} people follow you, but only {} have a strong bond with you. The networker, talking instead, had {} on the same seed.",
                percent(run.broadcast_share()),
                count(run.final_week().followers),
                per_100(share),
                per_100(networker.bonds_per_follower())
            ),
        )
    })
}

/// C5: the run's hours built more strong bonds per hour than the
/// broadcaster's did on the same seed.
fn networking_for_relationships(run: &RunSummary, ghosts: &[Ghost]) -> Option<Verdict> {
    let broadcaster = &ghost(ghosts, "broadcaster")?.summary;
    let at_its_rate = broadcaster.bonds_gained_per_hour() * run.hours();
    let shown = run.kpis.hours.conversation > 0.0
        && super::beats(run.strong_gained(), at_its_rate)
        && rate_above(
            run.strong_gained(),
            run.hours(),
            broadcaster.strong_gained(),
            broadcaster.hours(),
        );
    shown.then(|| {
        verdict(
            "C5",
            format!(
                "with {} of conversation you gained {} ({:.2} an hour of your time); the broadcaster gained {} ({:.2} an hour) on the same seed.",
                hours(run.kpis.hours.conversation),
                bonds(run.strong_gained()),
                run.bonds_gained_per_hour(),
                bonds(broadcaster.strong_gained()),
                broadcaster.bonds_gained_per_hour()
            ),
        )
    })
}

/// C13: followers and bonds grew in most weeks, and bonds grew faster
/// than the broadcaster's on the same seed.
fn a_network_you_can_watch_grow(run: &RunSummary, ghosts: &[Ghost]) -> Option<Verdict> {
    let broadcaster = &ghost(ghosts, "broadcaster")?.summary;
    let weeks = run.weeks.len() - 1;
    let followers = run.share_of_weeks_growing(|w| w.followers);
    let strong = run.share_of_weeks_growing(|w| w.strong);
    let shown = weeks >= 3
        && run.kpis.hours.conversation > 0.0
        && followers >= C13_MIN_GROWING_WEEKS
        && strong >= C13_MIN_GROWING_WEEKS
        && shows_more(run.strong_gained(), broadcaster.strong_gained());
    let of_weeks = |share: f64| (share * weeks as f64).round() as usize;
    shown.then(|| {
        verdict(
            "C13",
            format!(
                "your followers grew in {} of {weeks} weeks and your strong relationships in {}, {:.1} more a week; the broadcaster's grew {:.1} a week.",
                of_weeks(followers),
                of_weeks(strong),
                run.bonds_gained_per_week(),
                broadcaster.bonds_gained_per_week()
            ),
        )
    })
}

/// C2: a good share of the comments went unanswered (a brand that answered
/// nearly all of them is not "talking without listening"), and the people
/// kept waiting feel worse about the brand than the people it answered.
fn talking_without_listening(run: &RunSummary) -> Option<Verdict> {
    let p = &run.people;
    let t = &run.totals;
    let received = t.comments + run.complaints;
    let shown = t.unanswered > 0
        && t.unanswered as f64 >= UNANSWERED_SHARE * received.max(1) as f64
        && p.answered_commenters >= MIN_GROUP
        && p.ignored_commenters >= MIN_GROUP
        && run.answered_sentiment() - run.ignored_sentiment() >= SENTIMENT_MARGIN
        && super::evidence::mean_above(answered(p), ignored(p));
    shown.then(|| {
        verdict(
            "C2",
            format!(
                "{} of the {} comments and complaints you received waited too long for an answer. The {} people whose comments you answered feel {:+.2} about you on average; the {} you kept waiting, {:+.2}.",
                count(t.unanswered),
                count(received),
                count(p.answered_commenters),
                run.answered_sentiment(),
                count(p.ignored_commenters),
                run.ignored_sentiment()
            ),
        )
    })
}

/// Leads credited to ads, as the reports show them.
#[derive(Clone, Debug, PartialEq)]
pub struct AdLeads {
    /// The ads' credit (a share of what built the leads, or a count of
    /// the leads they tipped).
    pub credit: f64,
    /// The credit as the reports' bar writes it ("2.6", or "2").
    pub shown: String,
    pub view: View,
}

impl AdLeads {
    /// "they built 2.6 of your 3 leads (the ads' share of what built
    /// them)", or, in files written before there were shares, "they tipped
    /// 2 of your 3 leads (the touch that tipped each)"; `leads` is what
    /// they are a part of.
    pub fn sentence(&self, leads: &str) -> String {
        match self.view {
            View::Contribution => format!(
                "they built {} of {leads} (the ads' share of what built them)",
                self.shown
            ),
            View::LastTouch => format!(
                "they tipped {} of {leads} (the touch that tipped each)",
                self.shown
            ),
        }
    }
}

/// Leads credited to ads when the run's attribution was recorded (an
/// all-zero attribution is one that was not): the figure and the view of
/// the reports' "where from" ([`where_from`]), so that a sentence and the
/// bar beside it say the same number in the same terms.
pub fn ad_leads(attribution: &Attribution) -> Option<AdLeads> {
    let recorded = Outcome::ALL.iter().any(|&o| attribution.total(o) > 0);
    recorded.then(|| {
        let leads = where_from(attribution)
            .into_iter()
            .find(|o| o.outcome == Outcome::Lead);
        let ads = leads.as_ref().and_then(|o| {
            o.causes
                .iter()
                .find(|c| c.cause == Cause::Ad)
                .map(|c| (c, o.view))
        });
        match ads {
            Some((share, view)) => AdLeads {
                credit: share.credit,
                shown: share.shown(view),
                view,
            },
            None => AdLeads {
                credit: 0.0,
                shown: "0".to_string(),
                view: leads.map_or(View::Contribution, |o| o.view),
            },
        }
    })
}

/// C6: the run bought ads, they were clicked, and leads came of them
/// (by the attribution, or failing it, more leads than the broadcaster got
/// without ads on the same seed).
fn ads_buy_reach_and_sales(run: &RunSummary, ghosts: &[Ghost]) -> Option<Verdict> {
    let t = &run.totals;
    if !(run.kpis.money_spent > 0.0 && t.ad_impressions > 0 && t.ad_clicks > 0) {
        return None;
    }
    let leads = match ad_leads(&run.kpis.attribution) {
        Some(ads) if ads.credit < 0.05 => return None,
        Some(ads) => ads.sentence(&format!("your {}", counted(t.leads, "lead", "leads"))),
        None => {
            let broadcaster = &ghost(ghosts, "broadcaster")?.summary;
            if !shows_more(t.leads as f64, broadcaster.totals.leads as f64) {
                return None;
            }
            format!(
                "you ended with {} leads, the broadcaster with no ads {}",
                count(t.leads),
                count(broadcaster.totals.leads)
            )
        }
    };
    Some(verdict(
        "C6",
        format!(
            "{:.0} spent on ads bought {} impressions and {} clicks ({} of them clicked); {leads}.",
            run.kpis.money_spent,
            count(t.ad_impressions),
            count(t.ad_clicks),
            percent(run.kpis.ctr)
        ),
    ))
}

/// C19: leads the brand's conversation had warmed bought more often than
/// the others (by the margin and by Fisher's exact test), and people
/// carried the brand to friends.
fn loyalty(run: &RunSummary) -> Option<Verdict> {
    let p = &run.people;
    let shown = p.warmed_leads >= MIN_GROUP
        && p.cold_leads >= MIN_GROUP
        && run.shares > 0
        && run.warmed_conversion() - run.cold_conversion() >= CONVERSION_MARGIN
        && share_above(p.warmed_buyers, p.warmed_leads, p.cold_buyers, p.cold_leads);
    shown.then(|| {
        verdict(
            "C19",
            format!(
                "{} of the {} leads your conversation had warmed bought ({}), against {} of the {} others ({}).",
                count(p.warmed_buyers),
                count(p.warmed_leads),
                percent(run.warmed_conversion()),
                count(p.cold_buyers),
                count(p.cold_leads),
                percent(run.cold_conversion())
            ),
        )
    })
}

/// C20: the run mixed its hours and beat both the broadcaster and the
/// networker on score, on the same seed.
fn both_together(run: &RunSummary, ghosts: &[Ghost]) -> Option<Verdict> {
    let broadcaster = &ghost(ghosts, "broadcaster")?.kpis;
    let networker = &ghost(ghosts, "networker")?.kpis;
    let score = run.kpis.score;
    let shown = run.broadcast_share() > BOTH_BROADCAST_SHARE
        && run.conversation_share() > BOTH_CONVERSATION_SHARE
        && score >= broadcaster.score + SCORE_MARGIN
        && score >= networker.score + SCORE_MARGIN;
    shown.then(|| {
        verdict(
            "C20",
            format!(
                "you gave {} of your hours to broadcasting and {} to conversation and scored {:.2}, above the broadcaster ({:.2}) and the networker ({:.2}) on the same seed.",
                percent(run.broadcast_share()),
                percent(run.conversation_share()),
                score,
                broadcaster.score,
                networker.score
            ),
        )
    })
}
