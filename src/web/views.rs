//! Pieces of pages more than one page shows: where a brand stands, its
//! goals, its hours, where its results came from, the market's standings
//! and shares, and the charts of a game beside its ghosts. The words are
//! `report::`'s and the verdicts `claims::verdict`'s.

use super::style::series;
use super::svg::{Line, chart};
use crate::claims::ghosts::Ghost;
use crate::report::attribution::{OutcomeCauses, VIEWS_NOTE, View, by_last_touch, where_from};
use crate::report::goals::goal_number;
use crate::report::market::{SHARE_KINDS, STANDING_HEADINGS, share_lines, standing_cells};
use crate::sim::{Attribution, DayMetrics, Goal, Kpis, Shares, Standing, goal_progress, stars};
use crate::text::{count, hours, percent};
use maud::{Markup, html};

/// The most stars a game earns.
const MOST_STARS: usize = 3;

/// "★★☆" and its words.
pub fn stars_of(score: f64) -> Markup {
    let earned = (stars(score) as usize).min(MOST_STARS);
    html! {
        span.stars aria-hidden="true" { ("★".repeat(earned)) ("☆".repeat(MOST_STARS - earned)) }
        span { " " (earned) " of " (MOST_STARS) " stars, score " (format!("{score:.2}")) }
    }
}

/// A bar of `share` (0..1) with its words beside it.
pub fn bar(share: f64, colour: &str, words: &str) -> Markup {
    let width = (share.clamp(0.0, 1.0) * 100.0).round();
    html! {
        div.bar {
            span.track role="presentation" {
                span.fill style=(format!("width:{width}%;background:{colour}")) {}
            }
            span { (words) }
        }
    }
}

/// The KPI table (the window's "Where you stand").
pub fn kpi_table(kpis: &Kpis, waiting_comments: Option<u64>) -> Markup {
    let mut rows: Vec<(&str, String)> = vec![
        ("followers", count(kpis.followers)),
        ("leads", count(kpis.leads)),
        ("customers", count(kpis.customers)),
        ("advocates", count(kpis.advocates)),
        ("strong relationships", count(kpis.strong_relationships)),
        ("sentiment", format!("{:+.2}", kpis.sentiment)),
        ("engagement rate", percent(kpis.engagement_rate)),
    ];
    if let Some(waiting) = waiting_comments {
        rows.push(("waiting comments", count(waiting)));
    }
    rows.push(("score", format!("{:.2}", kpis.score)));
    html! {
        table {
            tbody {
                @for (name, value) in rows {
                    tr { th scope="row" { (name) } td.num { (value) } }
                }
            }
        }
    }
}

/// One bar per goal: "followers: 289 of 900".
pub fn goals(goals: &[Goal], kpis: &Kpis) -> Markup {
    html! {
        @for goal in goals {
            (bar(goal_progress(goal, kpis), series(0), &format!(
                "{}: {} of {}",
                goal.metric.label(),
                goal_number(goal.metric, kpis.value(goal.metric)),
                goal_number(goal.metric, goal.target)
            )))
        }
    }
}

/// Hours by kind of activity, as shares of `of` hours.
pub fn hours_split(spent: [(&str, f64); 3], of: f64) -> Markup {
    let of = of.max(1e-9);
    html! {
        @for (i, (name, h)) in spent.into_iter().enumerate() {
            (bar(h / of, series(i), &format!("{name}: {} ({:.0}%)", hours(h), 100.0 * h / of)))
        }
    }
}

/// Where results came from: per outcome a bar split by cause, and the
/// causes in words.
pub fn attribution(attribution: &Attribution) -> Markup {
    let outcomes = where_from(attribution);
    let tipped: Vec<OutcomeCauses> = by_last_touch(attribution)
        .into_iter()
        .filter(|o| {
            outcomes
                .iter()
                .any(|f| f.outcome == o.outcome && f.view == View::Contribution)
        })
        .collect();
    html! {
        @if outcomes.is_empty() {
            p { "No change of anyone's standing is credited to a cause here." }
        }
        @if !tipped.is_empty() {
            p { (VIEWS_NOTE) }
        }
        @for outcome in &outcomes {
            (outcome_bar(outcome))
        }
        @if !tipped.is_empty() {
            details {
                summary { "The same by the touch that tipped each" }
                @for outcome in &tipped {
                    (outcome_bar(outcome))
                }
            }
        }
    }
}

/// One outcome's bar and legend, saying which view it is.
fn outcome_bar(outcome: &OutcomeCauses) -> Markup {
    html! {
        h3 { (outcome.label) ": " (count(outcome.total)) " (" (outcome.view.label()) ")" }
        div.stack role="presentation" {
            @for (i, cause) in outcome.causes.iter().enumerate() {
                span style=(format!("width:{:.2}%;background:{}", cause.share * 100.0, series(i))) {}
            }
        }
        ul.legend {
            @for (i, cause) in outcome.causes.iter().enumerate() {
                li {
                    span.swatch style=(format!("background:{}", series(i))) aria-hidden="true" {}
                    (cause.label) " " (cause.shown(outcome.view)) " (" (percent(cause.share)) ")"
                }
            }
        }
    }
}

/// Sentences as a list, or `none` when there are none.
pub fn sentences(lines: &[String], none: &str) -> Markup {
    html! {
        @if lines.is_empty() {
            p { (none) }
        } @else {
            ul.lines { @for line in lines { li { (line) } } }
        }
    }
}

/// A market's standings, leader first; `who` says who plays each brand.
pub fn standings(standings: &[Standing], who: &dyn Fn(&Standing) -> String) -> Markup {
    html! {
        div.scroll {
            table {
                thead { tr { @for heading in STANDING_HEADINGS { th scope="col" { (heading) } } } }
                tbody {
                    @for standing in standings {
                        tr {
                            @for (column, cell) in standing_cells(standing, &who(standing)).into_iter().enumerate() {
                                @if column == 1 {
                                    th scope="row" {
                                        span.swatch style=(format!("background:{}", series(standing.brand))) aria-hidden="true" {}
                                        (cell)
                                    }
                                } @else if column >= 3 {
                                    td.num { (cell) }
                                } @else {
                                    td { (cell) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Each brand's shares as bars in its colour, with the sentences under them.
pub fn share_bars(names: &[&str], shares: &[Shares], you: Option<usize>) -> Markup {
    let lines = share_lines(names, shares, you);
    html! {
        @for ((what, value), line) in SHARE_KINDS.iter().zip(lines) {
            h3 { "share of " (what) }
            @for (brand, (name, share)) in names.iter().zip(shares).enumerate() {
                (bar(value(share), series(brand), &format!("{name}: {}", percent(value(share)))))
            }
            p { (line) }
        }
    }
}

/// One chart per kind of share over the weeks, a line per brand.
pub fn share_charts(names: &[String], weeks: &[(u32, Vec<Shares>)]) -> Markup {
    html! {
        @for (what, value) in SHARE_KINDS {
            @let lines: Vec<Line> = names.iter().enumerate().map(|(brand, name)| Line {
                name: name.clone(),
                points: weeks.iter().filter_map(|(week, shares)| Some((f64::from(*week), 100.0 * value(shares.get(brand)?)))).collect(),
                ghost: false,
            }).collect();
            (chart(&format!("share of {what} (per cent of the market)"), "per cent", &lines))
        }
    }
}

/// The game's charts, each beside the ghosts' lines up to the same day.
pub const GAME_CHARTS: [(&str, &str, fn(&DayMetrics) -> f64); 4] = [
    ("followers", "people", |d| d.followers as f64),
    ("strong relationships", "people", |d| {
        d.strong_relationships as f64
    }),
    ("customers", "people", |d| d.customers_total as f64),
    ("community sentiment", "sentiment (-1 to 1)", |d| d.sentiment),
];

/// The charts of a game so far, with the ghosts' lines up to its last day.
pub fn game_charts(you: &str, history: &[DayMetrics], ghosts: &[Ghost]) -> Markup {
    html! {
        div.grid.two {
            @for (title, unit, value) in GAME_CHARTS {
                div { (chart(title, unit, &game_lines(you, history, ghosts, value))) }
            }
        }
    }
}

/// A game's line and its ghosts' (thin), each up to the game's last day.
fn game_lines(
    you: &str,
    history: &[DayMetrics],
    ghosts: &[Ghost],
    value: fn(&DayMetrics) -> f64,
) -> Vec<Line> {
    let days = history.len();
    let points = |history: &[DayMetrics]| -> Vec<(f64, f64)> {
        history
            .iter()
            .take(days)
            .map(|d| (f64::from(d.day) / 7.0, value(d)))
            .collect()
    };
    let mut lines = vec![Line {
        name: you.to_string(),
        points: points(history),
        ghost: false,
    }];
    lines.extend(ghosts.iter().map(|g| Line {
        name: g.name.clone(),
        points: points(&g.history),
        ghost: true,
    }));
    lines
}
