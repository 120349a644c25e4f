//! The rules of the week report's verdicts: what one finished week showed,
//! on the week's own numbers and, once the ghosts are ready, against what
//! the built-in strategies did in the same week of the same seed.

use super::run::ad_leads;
use super::{
    BROADCAST_HEAVY_WEEK, MIN_GROUP, SENTIMENT_MARGIN, Verdict, answered, beats, bonds, ignored, shows_more,
    verdict,
};
use crate::claims::ghosts::Ghost;
use crate::claims::trial::RunSummary;
use crate::report::weekly::{WeekRow, weekly_rows};
use crate::sim::{DayMetrics, Simulation};
use crate::text::{count, counted, hours, percent, signed};

/// One week of a game, as the week rules read it.
#[derive(Clone, Debug)]
pub struct WeekFacts {
    pub row: WeekRow,
    /// Strong bonds at the start of the week.
    pub bonds_before: u64,
}

impl WeekFacts {
    /// Week `week` (1-based) of a history, if it is finished.
    pub fn of(history: &[DayMetrics], week: usize) -> Option<WeekFacts> {
        if week == 0 || history.len() < week * 7 + 1 {
            return None;
        }
        let rows = weekly_rows(&history[..week * 7 + 1]);
        let row = rows.last()?.clone();
        let bonds_before = history[(week - 1) * 7].strong_relationships;
        Some(WeekFacts { row, bonds_before })
    }

    pub fn new_bonds(&self) -> f64 {
        self.row.strong_relationships as f64 - self.bonds_before as f64
    }

    pub fn hours(&self) -> f64 {
        let r = &self.row;
        (r.hours_broadcast + r.hours_conversation + r.hours_listening).max(1e-9)
    }
}

pub fn judge(run: &Simulation, week: usize, ghosts: &[Ghost]) -> Vec<Verdict> {
    let Some(facts) = WeekFacts::of(run.history(), week) else {
        return Vec::new();
    };
    let ghost_weeks: Vec<(&str, WeekFacts)> = ghosts
        .iter()
        .filter_map(|g| WeekFacts::of(&g.history, week).map(|f| (g.strategy, f)))
        .collect();
    // Who feels how is known only as of now: it speaks for the week only
    // when the week is the last one played.
    let latest = (run.history().len() == week * 7 + 1).then(|| RunSummary::of(run));
    judge_facts(&facts, &ghost_weeks, latest.as_ref())
}

/// The verdicts of one week: its facts, the ghosts' same week (strategy
/// id and facts) and, when the week is the last played, the run so far.
pub fn judge_facts(
    week: &WeekFacts,
    ghosts: &[(&str, WeekFacts)],
    latest: Option<&RunSummary>,
) -> Vec<Verdict> {
    let ghost = |id: &str| ghosts.iter().find(|(s, _)| *s == id).map(|(_, f)| f);
    [
        presence_without_a_network(week, ghost("networker")),
        networking_for_relationships(week, ghost("broadcaster")),
        talking_without_listening(week, latest),
        ads_buy_reach_and_sales(week, ghost("broadcaster")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// C16: a week mostly of broadcasting that gathered followers and no
/// strong bond; with the ghosts, only if the networker made some that week.
fn presence_without_a_network(week: &WeekFacts, networker: Option<&WeekFacts>) -> Option<Verdict> {
    let r = &week.row;
    let shown = r.hours_broadcast / week.hours() > BROADCAST_HEAVY_WEEK
        && r.follower_growth > 0
        && week.new_bonds() <= 0.0
        && networker.is_none_or(|n| shows_more(n.new_bonds(), 0.0));
    let mut text = format!(
        "{} of broadcasting added {} {} this week but no strong relationship",
        hours(r.hours_broadcast),
        signed(r.follower_growth),
        if r.follower_growth == 1 {
            "follower"
        } else {
            "followers"
        }
    );
    if let Some(n) = networker {
        text.push_str(&format!(
            "; the networker made {} in the same week",
            bonds(n.new_bonds())
        ));
    }
    text.push('.');
    shown.then(|| verdict("C16", text))
}

/// C5: the week's hours built more strong bonds per hour than the
/// broadcaster's same week did (needs the ghosts).
fn networking_for_relationships(week: &WeekFacts, broadcaster: Option<&WeekFacts>) -> Option<Verdict> {
    let b = broadcaster?;
    let at_its_rate = b.new_bonds() / b.hours() * week.hours();
    let shown = week.row.hours_conversation > 0.0
        && beats(week.new_bonds(), at_its_rate)
        && super::evidence::rate_above(week.new_bonds(), week.hours(), b.new_bonds(), b.hours());
    shown.then(|| {
        verdict(
            "C5",
            format!(
                "{} of conversation helped add {} this week; the broadcaster added {} in the same week.",
                hours(week.row.hours_conversation),
                bonds(week.new_bonds()),
                bonds(b.new_bonds())
            ),
        )
    })
}

/// C2: comments waited too long this week, and (as of now) the people kept
/// waiting feel worse about the brand than the people answered.
fn talking_without_listening(week: &WeekFacts, latest: Option<&RunSummary>) -> Option<Verdict> {
    let run = latest?;
    let p = &run.people;
    let received = week.row.comments + week.row.complaints;
    let shown = week.row.unanswered > 0
        && week.row.unanswered as f64 >= super::UNANSWERED_SHARE * received.max(1) as f64
        && p.answered_commenters >= MIN_GROUP
        && p.ignored_commenters >= MIN_GROUP
        && run.answered_sentiment() - run.ignored_sentiment() >= SENTIMENT_MARGIN
        && super::evidence::mean_above(answered(p), ignored(p));
    shown.then(|| {
        verdict(
            "C2",
            format!(
                "{} comments waited too long this week; the people you have answered feel {:+.2} about you, the people you kept waiting {:+.2}.",
                count(week.row.unanswered),
                run.answered_sentiment(),
                run.ignored_sentiment()
            ),
        )
    })
}

/// C6: ads were clicked and leads came of them (by the week's attribution,
/// or more new leads than the broadcaster's same week).
fn ads_buy_reach_and_sales(week: &WeekFacts, broadcaster: Option<&WeekFacts>) -> Option<Verdict> {
    let r = &week.row;
    if !(r.ad_impressions > 0 && r.ad_clicks > 0) {
        return None;
    }
    let leads = match ad_leads(&r.attribution) {
        Some(ads) if ads.credit < 0.05 => return None,
        Some(ads) => ads.sentence(&format!(
            "the week's {}",
            counted(r.new_leads, "new lead", "new leads")
        )),
        None => {
            let b = broadcaster?;
            if !shows_more(r.new_leads as f64, b.row.new_leads as f64) {
                return None;
            }
            format!(
                "{} new leads came in, {} for the broadcaster with no ads",
                count(r.new_leads),
                count(b.row.new_leads)
            )
        }
    };
    Some(verdict(
        "C6",
        format!(
            "ads were shown {} times this week and clicked {} times ({}); {leads}.",
            count(r.ad_impressions),
            count(r.ad_clicks),
            percent(r.ctr)
        ),
    ))
}
