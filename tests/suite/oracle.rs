//! The sentence oracle: random games (a random built-in scenario, one of a
//! few seeds, random legal plans every week), and what the game tells about
//! each checked against numbers this test works out itself: from the run's
//! own days and plans (hours from the plans and the action catalogue, ad
//! money and clicks from the days), and from the built-in strategies played
//! again here on the same seed, not from the ghosts the verdicts were judged
//! against. Checked, sentence by sentence and number by number:
//! - every whole-run verdict of the debrief, and every week report verdict
//!   of every week: its claim applies to the scenario, its numbers are the
//!   run's, and what it says is there is (its margin, and for C19 an exact
//!   one-sided test at 5%);
//! - every "what happened" line of every week report (seen, comments,
//!   followers, ads, leads, purchases again, lapses, requests, bonds) and
//!   its net lines (what came, what went, the net: the stock's change),
//!   and that no count of one takes a plural noun;
//! - every 40th game's advice: re-played from its week on the run's seed,
//!   it scores what it says, and it raised the score there and on average.
//!
//! 2,000 games at the full scale (CI), 45 at the quick scale;
//! national_brand is played at 20,000 people, as the claim tests do.

mod facts;

use super::common::{scenario, sized};
use facts::{Facts, expect, fisher_p, numbers};
use rapport::claims::claim;
use rapport::claims::ghosts::{Ghost, builtin_ghosts};
use rapport::claims::plans::random_week;
use rapport::claims::verdict::{self, MIN_GROUP, SCORE_MARGIN, SENTIMENT_MARGIN, UNANSWERED_SHARE, Verdict};
use rapport::files::builtin::{SCENARIOS, find_strategy};
use rapport::sim::{Rng, Scenario, Simulation, Stream, WeekPlan, play};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Seeds a scenario is played on (the ghosts are cached per scenario and seed).
const SEEDS_PER_SCENARIO: u64 = 4;

/// The built-in strategies on a scenario and seed, played here.
struct Others {
    broadcaster: Facts,
    networker: Facts,
    ghosts: Vec<Ghost>,
}

fn others(scenario: &Arc<Scenario>, seed: u64) -> Others {
    let played = |id: &str| {
        let strategy = find_strategy(id).expect("a built-in strategy");
        Facts::of(&play(Arc::clone(scenario), seed, &strategy))
    };
    Others {
        broadcaster: played("broadcaster"),
        networker: played("networker"),
        ghosts: builtin_ghosts(Arc::clone(scenario), seed, &|_, _| {}),
    }
}

fn check(verdict: &Verdict, game: &Simulation, facts: &Facts, others: &Others) {
    let scenario = game.scenario();
    let found = claim(verdict.claim).expect("a verdict names a claim");
    assert!(
        (found.applies)(scenario).is_ok(),
        "{} told in {}, where it does not apply: {}",
        verdict.claim,
        scenario.id,
        verdict.sentence
    );
    let hours = facts.total_hours();
    let share = |h: f64| h / hours;
    let per_100 = |f: &Facts| 100.0 * f.strong_end as f64 / f.followers.max(1) as f64;
    let (b, n) = (&others.broadcaster, &others.networker);
    match verdict.claim {
        "C16" => {
            expect(
                verdict,
                &[
                    Some(share(facts.hours[0])),
                    Some(facts.followers as f64),
                    Some(per_100(facts)),
                    Some(100.0),
                    Some(per_100(n)),
                    Some(100.0),
                ],
            );
            assert!(share(facts.hours[0]) > 0.6 && per_100(n) > per_100(facts));
        }
        "C5" => {
            expect(
                verdict,
                &[
                    Some(facts.hours[1]),
                    Some(facts.gained()),
                    Some(facts.gained() / hours),
                    Some(b.gained()),
                    Some(b.gained() / b.total_hours()),
                ],
            );
            assert!(facts.hours[1] > 0.0 && facts.gained() > b.gained() / b.total_hours() * hours);
        }
        "C13" => {
            let weeks = facts.weeks();
            expect(
                verdict,
                &[
                    Some(Facts::weeks_growing(&facts.weekly_followers) as f64),
                    Some(weeks as f64),
                    Some(Facts::weeks_growing(&facts.weekly_strong) as f64),
                    Some(facts.gained() / weeks as f64),
                    Some(b.gained() / b.weeks() as f64),
                ],
            );
            assert!(weeks >= 3 && facts.gained() > b.gained());
        }
        "C2" => {
            let unanswered: u64 = facts.history.iter().map(|d| d.unanswered).sum();
            let received: u64 = facts.history.iter().map(|d| d.comments + d.complaints).sum();
            let said = expect(
                verdict,
                &[
                    Some(unanswered as f64),
                    Some(received as f64),
                    None,
                    None,
                    None,
                    None,
                ],
            );
            assert!(
                said[0] >= UNANSWERED_SHARE * said[1] - 0.5,
                "{}",
                verdict.sentence
            );
            assert!(said[2] >= MIN_GROUP as f64 && said[4] >= MIN_GROUP as f64);
            assert!(
                said[3] - said[5] >= SENTIMENT_MARGIN - 0.01,
                "{}",
                verdict.sentence
            );
        }
        "C6" => {
            let mut expected = vec![
                Some(facts.ad_money),
                Some(facts.ad_impressions as f64),
                Some(facts.ad_clicks as f64),
                Some(facts.ad_clicks as f64 / facts.ad_impressions.max(1) as f64),
            ];
            let by_share = !verdict.sentence.contains("the broadcaster with no ads");
            if by_share {
                // The ads' share of what built the leads, summed from the
                // days' books (the reports' figure, not the touch that
                // tipped them), of every new lead.
                let mut books = rapport::sim::Attribution::default();
                for day in &facts.history[1..] {
                    books.add(&day.attribution);
                }
                let built = books.contributed(rapport::sim::Outcome::Lead, rapport::sim::Cause::Ad);
                // Said as the reports' bar rounds it (its tenths add up to
                // the leads), which is within a tenth of the credit.
                use rapport::report::attribution::where_from;
                let bar = where_from(&books)
                    .into_iter()
                    .find(|o| o.outcome == rapport::sim::Outcome::Lead)
                    .and_then(|o| o.causes.into_iter().find(|c| c.cause == rapport::sim::Cause::Ad))
                    .map_or(0.0, |c| c.tenths as f64 / 10.0);
                assert!((bar - built).abs() <= 0.1 + 1e-9, "{bar} against {built}");
                let new_leads: u64 = facts.history.iter().map(|d| d.new_leads).sum();
                expected.extend([Some(bar), Some(new_leads as f64)]);
            } else {
                expected.extend([Some(facts.leads as f64), Some(b.leads as f64)]);
            }
            let said = expect(verdict, &expected);
            // The ads' share of the leads: above nothing, at most all of them.
            assert!(said[4] > 0.0, "{}", verdict.sentence);
            if by_share {
                assert!(said[4] <= said[5] + 0.05, "{}", verdict.sentence);
            }
        }
        "C19" => {
            let said = expect(verdict, &[None, None, None, None, None, None]);
            let [wb, wl, wr, cb, cl, cr] = [said[0], said[1], said[2], said[3], said[4], said[5]];
            assert!(
                (wr - wb / wl).abs() < 0.0006 && (cr - cb / cl).abs() < 0.0006,
                "{}",
                verdict.sentence
            );
            assert!(wl >= MIN_GROUP as f64 && cl >= MIN_GROUP as f64);
            assert!(wb / wl - cb / cl >= 0.1 - 1e-9, "{}", verdict.sentence);
            let p = fisher_p(wb as u64, wl as u64, cb as u64, cl as u64);
            assert!(p < 0.05, "C19 told with p {p:.3}: {}", verdict.sentence);
        }
        "C20" => {
            expect(
                verdict,
                &[
                    Some(share(facts.hours[0])),
                    Some(share(facts.hours[1])),
                    Some(facts.score),
                    Some(b.score),
                    Some(n.score),
                ],
            );
            assert!(
                facts.score >= b.score + SCORE_MARGIN - 1e-9 && facts.score >= n.score + SCORE_MARGIN - 1e-9
            );
        }
        "C21" => {
            let said = expect(verdict, &[None, None, None, None, None, None]);
            assert!(said[1] > said[2] && said[5] > said[2], "{}", verdict.sentence);
        }
        "C22" => {
            // Named case: nothing measures who "kept you in their day".
            assert!(!verdict.sentence.contains("in their day"), "{}", verdict.sentence);
            let said = expect(verdict, &[None, None, None, None, None, None]);
            assert!(
                said[0] >= 2.0 - 0.05 && said[2] > said[1] && said[4] >= 0.5,
                "{}",
                verdict.sentence
            );
            assert!(said[2] > said[5], "{}", verdict.sentence);
        }
        other => panic!("no oracle for {other}: {}", verdict.sentence),
    }
}

/// The week report's verdict on week `week` (1-based) checked as the
/// debrief's are, against the week's own days and plan.
fn check_week(verdict: &Verdict, week: usize, game: &Simulation, facts: &Facts, others: &Others) {
    let found = claim(verdict.claim).expect("a verdict names a claim");
    assert!(
        (found.applies)(game.scenario()).is_ok(),
        "{} told in week {week} of {}, where it does not apply: {}",
        verdict.claim,
        game.scenario().id,
        verdict.sentence
    );
    let hours = facts.week_hours[week - 1];
    let bonds = |f: &Facts| f.week_change(week, |d| d.strong_relationships);
    let (b, n) = (&others.broadcaster, &others.networker);
    match verdict.claim {
        "C16" => {
            let followers = facts.week_change(week, |d| d.followers);
            expect(verdict, &[Some(hours[0]), Some(followers), Some(bonds(n))]);
            assert!(hours[0] / hours.iter().sum::<f64>() > 0.7 && followers > 0.0 && bonds(facts) <= 0.0);
        }
        "C5" => {
            expect(verdict, &[Some(hours[1]), Some(bonds(facts)), Some(bonds(b))]);
            assert!(bonds(facts) > bonds(b), "{}", verdict.sentence);
        }
        "C2" => {
            let said = expect(
                verdict,
                &[Some(facts.week_sum(week, |d| d.unanswered) as f64), None, None],
            );
            let received = facts.week_sum(week, |d| d.comments + d.complaints) as f64;
            assert!(
                said[0] >= UNANSWERED_SHARE * received - 0.5,
                "{}",
                verdict.sentence
            );
            assert!(
                said[0] > 0.0 && said[1] - said[2] >= SENTIMENT_MARGIN - 0.01,
                "{}",
                verdict.sentence
            );
        }
        "C6" => {
            let shown = facts.week_sum(week, |d| d.ad_impressions);
            let clicked = facts.week_sum(week, |d| d.ad_clicks);
            let mut expected = vec![
                Some(shown as f64),
                Some(clicked as f64),
                Some(clicked as f64 / shown.max(1) as f64),
            ];
            let new_leads = facts.week_sum(week, |d| d.new_leads) as f64;
            if verdict.sentence.contains("for the broadcaster with no ads") {
                expected.extend([Some(new_leads), Some(b.week_sum(week, |d| d.new_leads) as f64)]);
            } else {
                expected.extend([None, Some(new_leads)]);
            }
            let said = expect(verdict, &expected);
            assert!(said[3] > 0.0 && said[3] <= said[4] + 0.05, "{}", verdict.sentence);
        }
        other => panic!("no oracle for week verdicts of {other}: {}", verdict.sentence),
    }
}

/// The week report's "what happened" lines for week `week`, each checked
/// against the week's days: what was seen, what came of the comments,
/// followers, ads, leads, leads gone cold, purchases again, lapses,
/// requests and bonds.
fn check_events(week: usize, facts: &Facts) -> usize {
    use rapport::report::narrative::notable_events;
    use rapport::report::weekly::weekly_rows;
    let rows = weekly_rows(&facts.history[..=week * 7]);
    let row = rows.last().expect("a finished week");
    let sum = |figure: fn(&rapport::sim::DayMetrics) -> u64| facts.week_sum(week, figure) as f64;
    let last = &facts.week_days(week)[7];
    let mut checked = 0;
    for line in notable_events(row) {
        // `times` writes one and two as words.
        let read = numbers(&line.replace(" once", " 1 times").replace(" twice", " 2 times"));
        let said: Vec<f64> = read.iter().map(|(v, _)| *v).collect();
        let close = |k: usize, want: f64| {
            assert!(
                (said[k] - want).abs() <= read[k].1,
                "week {week}: number {} is {}, the days say {want}: {line}",
                k + 1,
                said[k]
            )
        };
        let lowered = line.to_lowercase();
        assert!(
            !(lowered.contains(" 1 customers")
                || lowered.contains(" 1 times")
                || lowered.contains(" 1 people")),
            "grammar: {line}"
        );
        if line.starts_with("Your posts, ads and conversation were seen") {
            close(0, sum(|d| d.impressions));
            close(1, sum(|d| d.first_reach_of_week));
            close(2, sum(|d| d.engagements));
            let rate = sum(|d| d.post_engagements) / sum(|d| d.post_impressions).max(1.0);
            close(3, rate);
        } else if line.contains(" followed you and ") {
            let start = facts.week_days(week)[0].followers as f64;
            close(0, sum(|d| d.new_followers));
            close(1, sum(|d| d.unfollows));
            close(2, last.followers as f64);
            close(3, last.followers as f64 - start);
        } else if line.starts_with("Ads were shown") {
            close(0, sum(|d| d.ad_impressions));
            close(1, sum(|d| d.ad_clicks));
            close(2, sum(|d| d.ad_clicks) / sum(|d| d.ad_impressions).max(1.0));
        } else if line.contains("new lead") && said.len() == 2 {
            close(0, sum(|d| d.new_leads));
            close(1, sum(|d| d.new_customers));
        } else if line.contains("went cold without buying") {
            close(0, sum(|d| d.cooled_leads));
        } else if line.starts_with("Customers bought again") {
            close(0, sum(|d| d.repeat_purchases));
        } else if line.contains("lapsed") || line.contains("to a rival") {
            assert!(
                said.iter().sum::<f64>() <= sum(|d| d.churned_customers) + 0.5,
                "{line}"
            );
            assert!(
                (said.iter().sum::<f64>() - sum(|d| d.churned_customers)).abs() < 0.5,
                "{line}"
            );
        } else if line.starts_with("You sent") {
            close(0, sum(|d| d.connection_requests));
            close(1, sum(|d| d.connections_accepted));
        } else if line.contains("a strong relationship with you") {
            close(0, last.strong_relationships as f64);
            close(1, last.sentiment);
        } else if line.contains("came in") {
            // The week's comments and complaints, what waited from earlier
            // weeks, and the answers, which never outnumber the two.
            let came = sum(|d| d.comments) + sum(|d| d.complaints);
            let waiting = facts.week_days(week)[0].pending_comments as f64;
            if line.starts_with(|c: char| c.is_ascii_digit()) {
                close(0, sum(|d| d.comments));
                if line.contains("complaints came in") {
                    close(1, sum(|d| d.complaints));
                }
            }
            if let Some((_, after)) = line.split_once("of these ") {
                let all = numbers(after)[0].0;
                assert!(
                    (all - (came + waiting)).abs() < 0.5,
                    "week {week}: {all} vs {came} + {waiting}: {line}"
                );
            }
            if line.contains("waited too long") {
                close(said.len() - 1, sum(|d| d.unanswered));
            }
            assert!(row.replies as f64 <= came + waiting + 0.5, "{line}");
        } else {
            panic!("week {week}: a line the oracle does not know: {line}");
        }
        checked += 1;
    }
    checked
}

/// The week's net lines ("Followers: +92 net (93 gained, 1 lost).") against
/// the week's days: what came and went, and the net, which is the change
/// of the stock over the week where the days keep the stock.
fn check_net_lines(week: usize, facts: &Facts) -> usize {
    use rapport::report::narrative::net_lines;
    use rapport::report::weekly::weekly_rows;
    let rows = weekly_rows(&facts.history[..=week * 7]);
    let row = rows.last().expect("a finished week");
    let sum = |figure: fn(&rapport::sim::DayMetrics) -> u64| facts.week_sum(week, figure) as f64;
    let lines = net_lines(&row.attribution);
    for line in &lines {
        let said: Vec<f64> = numbers(line).iter().map(|(v, _)| *v).collect();
        assert_eq!(said.len(), 3, "{line}");
        assert_eq!(
            said[0],
            said[1] - said[2],
            "the net is what came less what went: {line}"
        );
        if line.starts_with("Followers:") {
            assert_eq!(
                (said[1], said[2]),
                (sum(|d| d.new_followers), sum(|d| d.unfollows)),
                "{line}"
            );
            assert_eq!(said[0], facts.week_change(week, |d| d.followers), "{line}");
        } else if line.starts_with("Strong relationships:") {
            assert_eq!(
                said[0],
                facts.week_change(week, |d| d.strong_relationships),
                "{line}"
            );
        } else if line.starts_with("Customers now:") {
            assert_eq!(
                (said[1], said[2]),
                (sum(|d| d.new_customers), sum(|d| d.churned_customers)),
                "{line}"
            );
        } else if line.starts_with("Advocates:") {
            assert_eq!(said[0], facts.week_change(week, |d| d.advocates), "{line}");
        } else {
            panic!("week {week}: a net line the oracle does not know: {line}");
        }
    }
    lines.len()
}

/// Every this many games, the advice too (each advice plays 5 seeds).
const ADVICE_EVERY: u64 = 40;

/// An advice is told only when it raised the score on the run's seed and
/// on average; its plans, played here from its week on the run's seed,
/// score what it says.
fn check_advice(advice: &verdict::Advice, game: &Simulation, facts: &Facts) {
    assert!(
        advice.gain() > 0.0 && advice.mean_gain() > 0.0,
        "{}",
        advice.sentence
    );
    let from = advice.from_week as usize;
    let mut branch = Simulation::new(Arc::clone(game.scenario()), game.seed());
    for plan in game.plans()[..from - 1].iter().chain(&advice.plans) {
        branch.run_week(plan).expect("the advice's plans fit");
    }
    assert!(branch.finished(), "{}", advice.sentence);
    let score = branch.kpis().score;
    assert!(
        (score - (facts.score + advice.gain())).abs() < 1e-9,
        "played, the advice scores {score}, it says {} + {}: {}",
        facts.score,
        advice.gain(),
        advice.sentence
    );
    let said = numbers(&advice.sentence);
    let tail: Vec<f64> = said[said.len() - 5..].iter().map(|(v, _)| *v).collect();
    let close = |(v, unit): (f64, f64), want: f64| (v - want).abs() <= unit;
    let n = said.len();
    assert!(close(said[n - 5], score), "{}", advice.sentence);
    assert!(close(said[n - 4], facts.score), "{}", advice.sentence);
    assert!(close(said[n - 3], advice.gain()), "{}", advice.sentence);
    assert!(close(said[n - 2], advice.mean_gain()), "{}", advice.sentence);
    assert_eq!(tail[4] as usize, advice.trials.len(), "{}", advice.sentence);
}

/// One random game: its scenario and seed drawn from `k`, its plans random
/// legal weeks with random shares of hours and ad money.
fn random_game(scenarios: &[Arc<Scenario>], k: u64) -> Simulation {
    let mut rng = Rng::keyed(0x05e7_7e9c, Stream::Targets, 0, k);
    let scenario = &scenarios[rng.below(scenarios.len() as u64) as usize];
    let seed = scenario.seed + rng.below(SEEDS_PER_SCENARIO);
    let (a, b) = (rng.unit_f64(), rng.unit_f64());
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    let split = [low, high - low, 1.0 - high];
    let ad_share = rng.unit_f64();
    let mut game = Simulation::new(Arc::clone(scenario), seed);
    while !game.finished() {
        let week = random_week(scenario, &mut rng, split, ad_share);
        if game.run_week(&week).is_err() {
            game.run_week(&WeekPlan::default()).expect("an empty week fits");
        }
    }
    game
}

#[test]
fn every_verdict_told_about_a_random_game_is_true_of_it() {
    let games = sized("RAPPORT_ORACLE_GAMES", 45, 2000);
    let scenarios: Vec<Arc<Scenario>> = SCENARIOS
        .iter()
        .map(|(id, _)| {
            let s = scenario(id);
            let s = if s.agents > 20_000 {
                rapport::files::scenario::resize(&s, 20_000).expect("resized")
            } else {
                s
            };
            Arc::new(s)
        })
        .collect();
    let cache: Mutex<HashMap<(String, u64), Arc<Others>>> = Mutex::new(HashMap::new());
    let told: Vec<HashMap<&'static str, usize>> = (0..games)
        .into_par_iter()
        .map(|k| {
            let game = random_game(&scenarios, k);
            let key = (game.scenario().id.clone(), game.seed());
            let cached = cache.lock().unwrap().get(&key).cloned();
            let others = match cached {
                Some(others) => others,
                None => {
                    let made = Arc::new(others(game.scenario(), game.seed()));
                    cache.lock().unwrap().entry(key).or_insert(made).clone()
                }
            };
            let facts = Facts::of(&game);
            let mut counts = HashMap::new();
            for verdict in verdict::judge(&game, &others.ghosts) {
                check(&verdict, &game, &facts, &others);
                *counts.entry(verdict.claim).or_insert(0) += 1;
            }
            for week in 1..=game.plans().len() {
                *counts.entry("week line").or_insert(0) += check_events(week, &facts);
                *counts.entry("net line").or_insert(0) += check_net_lines(week, &facts);
                for verdict in verdict::judge_week(&game, week, &others.ghosts) {
                    check_week(&verdict, week, &game, &facts, &others);
                    *counts.entry("week").or_insert(0) += 1;
                }
            }
            if k % ADVICE_EVERY == 0 {
                for advice in verdict::advise(&game, &others.ghosts) {
                    check_advice(&advice, &game, &facts);
                    *counts.entry("advice").or_insert(0) += 1;
                }
            }
            counts
        })
        .collect();
    let mut totals: HashMap<&str, usize> = HashMap::new();
    for counts in told {
        for (claim, n) in counts {
            *totals.entry(claim).or_insert(0) += n;
        }
    }
    let mut listed: Vec<_> = totals.iter().collect();
    listed.sort();
    eprintln!("sentences checked over {games} random games: {listed:?}");
    // The oracle is not idle: random plans make the debrief speak.
    assert!(
        totals.values().sum::<usize>() >= (games as usize) / 4,
        "{listed:?}"
    );
}

#[test]
fn the_number_reader_reads_what_the_game_writes() {
    let read =
        numbers("you gave 81.0% of your hours, +0.11 and -0.05; 1,204 people (0.75 an hour) in C5 and 4 h.");
    let values: Vec<f64> = read.iter().map(|(v, _)| *v).collect();
    assert_eq!(values, vec![0.81, 0.11, -0.05, 1204.0, 0.75, 4.0]);
    assert!((fisher_p(6, 9, 26, 63) - 0.14).abs() < 0.02);
}

/// Named case: a week of comments on followers' posts alone, no post and no
/// ad, is still seen (friends share the brand's comments); the week line
/// does not call what was seen "your posts and ads".
#[test]
fn a_week_of_conversation_alone_is_not_called_posts_and_ads() {
    use rapport::report::narrative::notable_events;
    use rapport::report::weekly::weekly_rows;
    use rapport::sim::{ActionKind, ContentType, PlannedAction, Target};
    let tutorial = Arc::new(scenario("first_steps"));
    let mut game = Simulation::new(Arc::clone(&tutorial), tutorial.seed);
    let comment = PlannedAction::aimed(
        ActionKind::EngageOthers,
        0,
        ContentType::Conversation,
        Target::Followers,
    );
    let week = WeekPlan {
        actions: vec![comment; 14],
    };
    game.run_week(&week).expect("14 hours fit");
    let row = weekly_rows(game.history()).pop().expect("a week");
    assert!(
        row.impressions > 0 && row.ad_impressions == 0 && row.hours_broadcast == 0.0,
        "{row:?}"
    );
    let first = notable_events(&row).remove(0);
    assert!(
        first.starts_with("Your posts, ads and conversation were seen"),
        "{first}"
    );
}
