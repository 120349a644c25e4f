//! Verdicts and advice: each rule with a run where it must appear and one
//! where it must not, on small audiences, against the ghosts of the same
//! seed; the issue's first_steps example, which must not be told "both
//! together"; and advice that is a change that was played, told only when
//! it raised the score.

use super::common::{scenario, spread_week, strategy};
use rapport::claims::RunSummary;
use rapport::claims::ghosts::{Ghost, builtin_ghosts};
use rapport::claims::verdict::{
    ADVICE_SEEDS, Advice, MAX_ADVICE, MIN_GAIN, Proposal, UNANSWERED_SHARE, Verdict, advice_seeds, advise,
    judge, judge_summary, judge_week, judge_week_row, propose,
};
use rapport::sim::{
    ActionKind, Cause, ContentType, Outcome, PlannedAction, Replaying, Scenario, Simulation, Target, play,
};
use rapport::text::count;
use std::sync::{Arc, OnceLock};

/// The issue's example: first_steps played as its brief says — posts and
/// scheduled batches in week 1, then each week three conversation
/// starters, replies, engaging with others' posts (to everyone) and a post.
pub fn first_steps_example() -> Simulation {
    use ActionKind::*;
    let scenario = Arc::new(scenario("first_steps"));
    let mut game = Simulation::new(Arc::clone(&scenario), scenario.seed);
    let act = |kind| PlannedAction::aimed(kind, 0, ContentType::Photo, Target::Everyone);
    let first = vec![
        act(Publish),
        act(Schedule),
        act(Publish),
        act(Schedule),
        act(Publish),
        act(Schedule),
    ];
    game.run_week(&spread_week(first)).unwrap();
    while !game.finished() {
        let week = vec![
            act(StartConversation),
            act(EngageOthers),
            act(StartConversation),
            act(Reply),
            act(StartConversation),
            act(EngageOthers),
            act(Reply),
            act(Publish),
        ];
        game.run_week(&spread_week(week)).unwrap();
    }
    game
}

/// A scenario at a test size, and its ghosts on one seed: the built-in
/// strategies' games, which are also the runs judged below.
struct Lab {
    scenario: Arc<Scenario>,
    seed: u64,
    ghosts: Vec<Ghost>,
}

impl Lab {
    fn new(id: &str, agents: u32, seed: u64) -> Lab {
        let scenario = Arc::new(scenario(id).with_agents(agents));
        let ghosts = builtin_ghosts(Arc::clone(&scenario), seed, &|_, _| {});
        Lab {
            scenario,
            seed,
            ghosts,
        }
    }

    fn play(&self, id: &str) -> Simulation {
        play(Arc::clone(&self.scenario), self.seed, &strategy(id))
    }

    fn judge(&self, id: &str) -> Vec<Verdict> {
        judge(&self.play(id), &self.ghosts)
    }

    /// The changes the rules propose for a strategy's game, in words.
    fn proposed(&self, id: &str) -> Vec<String> {
        sentences(&propose(&self.play(id), &self.ghosts))
    }

    fn summary(&self, id: &str) -> RunSummary {
        RunSummary::of(&self.play(id))
    }
}

fn first_steps() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::new("first_steps", 3000, 11))
}

fn bakery() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::new("corner_bakery", 3000, 11))
}

fn b2b() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::new("b2b_launch", 3000, 11))
}

fn example_ghosts() -> &'static Vec<Ghost> {
    static GHOSTS: OnceLock<Vec<Ghost>> = OnceLock::new();
    GHOSTS.get_or_init(|| {
        let scenario = Arc::new(scenario("first_steps"));
        builtin_ghosts(Arc::clone(&scenario), scenario.seed, &|_, _| {})
    })
}

fn cites(verdicts: &[Verdict], claim: &str) -> bool {
    verdicts.iter().any(|v| v.claim == claim)
}

fn says(lines: &[String], text: &str) -> bool {
    lines.iter().any(|l| l.contains(text))
}

#[test]
fn the_issues_example_is_not_told_both_together_and_is_told_what_it_lacked() {
    let game = first_steps_example();
    let ghosts = example_ghosts();
    let kpis = game.kpis();
    assert!(
        kpis.hours.conversation > 18.0 && kpis.strong_relationships <= 1,
        "{kpis:?}"
    );
    let verdicts = judge(&game, ghosts);
    for absent in ["C20", "C5", "C13", "C16"] {
        assert!(!cites(&verdicts, absent), "{absent}: {verdicts:?}");
    }
    let proposed = sentences(&propose(&game, ghosts));
    // Contacts spread over strangers once each, and the contacts a bond
    // takes by first_steps' own numbers.
    let n = game.scenario().model.exchanges_for_strong_bond(0.0);
    assert!(
        says(
            &proposed,
            &format!(
                "different people, and none of them heard from you three times or more; a strong bond takes about {n} contacts"
            )
        ),
        "{proposed:?}"
    );
    let networker = ghosts.iter().find(|g| g.strategy == "networker").unwrap();
    assert!(
        says(
            &proposed,
            &format!(
                "the networker built {} strong relationships",
                networker.kpis.strong_relationships
            )
        ),
        "{proposed:?}"
    );
    // Told only as far as it was played and raised the score.
    check_advice(&game, &advise(&game, ghosts));
}

#[test]
fn presence_without_a_network_is_told_to_broadcasters_only_and_only_with_ghosts() {
    let lab = first_steps();
    let verdicts = lab.judge("broadcaster");
    let c16 = verdicts
        .iter()
        .find(|v| v.claim == "C16")
        .expect("the broadcaster shows it");
    assert!(
        c16.sentence
            .starts_with("Presence without a network: 100.0% of your hours went to broadcasting")
    );
    assert!(c16.sentence.contains("The networker, talking instead, had"));
    assert!(!cites(&lab.judge("networker"), "C16"));
    assert!(!cites(&lab.judge("balanced"), "C16"));
    assert!(!cites(&judge(&lab.play("broadcaster"), &[]), "C16"));
}

#[test]
fn networking_for_relationships_needs_more_bonds_an_hour_than_the_broadcaster() {
    let lab = first_steps();
    assert!(cites(&lab.judge("networker"), "C5"));
    assert!(cites(&lab.judge("balanced"), "C5"));
    assert!(!cites(&lab.judge("broadcaster"), "C5"));
    assert!(!cites(&lab.judge("advertiser"), "C5"));
    assert!(!cites(&judge(&lab.play("networker"), &[]), "C5"));
}

#[test]
fn a_network_you_can_watch_grow_needs_growth_in_most_weeks() {
    let lab = bakery();
    let verdict = lab.judge("networker");
    assert!(cites(&verdict, "C13"), "{verdict:?}");
    assert!(!cites(&lab.judge("broadcaster"), "C13"));
    assert!(!cites(&lab.judge("automator"), "C13"));
}

#[test]
fn talking_without_listening_needs_answered_people_warmer_than_ignored_ones() {
    let lab = first_steps();
    let networker = lab.summary("networker");
    // The networker answers nearly every comment: whatever its people
    // feel, it is not talking without listening.
    let t = &networker.totals;
    assert!(
        (t.unanswered as f64) < UNANSWERED_SHARE * t.comments as f64,
        "{t:?}"
    );
    assert!(!cites(
        &judge_summary(&networker, &lab.scenario, &lab.ghosts),
        "C2"
    ));
    // The same run with a third of its comments left waiting: told.
    let waiting = left_waiting(&networker);
    assert!(cites(&judge_summary(&waiting, &lab.scenario, &lab.ghosts), "C2"));
    // Nobody answered (the broadcaster): nothing to compare.
    assert!(!cites(&lab.judge("broadcaster"), "C2"));
    // The same run had the ignored felt as warm as the answered: no claim.
    let mut even = waiting.clone();
    even.people.ignored_sentiment = even.answered_sentiment() * even.people.ignored_commenters as f64;
    assert!(!cites(&judge_summary(&even, &lab.scenario, &lab.ghosts), "C2"));
}

/// `run` with a third of its comments (and one more) left waiting too long.
fn left_waiting(run: &RunSummary) -> RunSummary {
    let mut waiting = run.clone();
    waiting.totals.unanswered = waiting.totals.comments / 3 + 1;
    waiting
}

#[test]
fn talking_without_listening_needs_a_gap_beyond_the_spread_of_peoples_feelings() {
    // Three answered at +0.30 on average and three ignored at 0.00: the
    // margin is there, but whether it is chance depends on the spread.
    let lab = first_steps();
    let mut few = left_waiting(&lab.summary("networker"));
    let p = &mut few.people;
    (p.answered_commenters, p.answered_sentiment) = (3, 0.9);
    (p.ignored_commenters, p.ignored_sentiment) = (3, 0.0);
    // Feelings all over the scale (each near +1 or -1): no evidence.
    (p.answered_sentiment_squares, p.ignored_sentiment_squares) = (2.9, 2.9);
    assert!(!cites(&judge_summary(&few, &lab.scenario, &lab.ghosts), "C2"));
    // Everyone close to their group's mean: shown.
    let p = &mut few.people;
    (p.answered_sentiment_squares, p.ignored_sentiment_squares) = (0.2702, 0.0002);
    assert!(cites(&judge_summary(&few, &lab.scenario, &lab.ghosts), "C2"));
}

#[test]
fn ads_buy_reach_and_sales_needs_leads_from_the_ads() {
    let lab = first_steps();
    let advertiser = lab.summary("advertiser");
    assert!(cites(
        &judge_summary(&advertiser, &lab.scenario, &lab.ghosts),
        "C6"
    ));
    assert!(!cites(&lab.judge("networker"), "C6"));
    // The model credits the advertiser's leads to its ads.
    assert!(advertiser.kpis.attribution.get(Outcome::Lead, Cause::Ad) > 0);
    // With the attribution recorded, it decides: no lead credited to ads, no claim.
    let mut credited = advertiser.clone();
    credited.kpis.attribution = Default::default();
    credited
        .kpis
        .attribution
        .credit(Outcome::Follower, Cause::FeedPost);
    assert!(!cites(
        &judge_summary(&credited, &lab.scenario, &lab.ghosts),
        "C6"
    ));
    credited.kpis.attribution.credit(Outcome::Lead, Cause::Ad);
    let verdicts = judge_summary(&credited, &lab.scenario, &lab.ghosts);
    let c6 = verdicts
        .iter()
        .find(|v| v.claim == "C6")
        .expect("a lead from an ad");
    // Credited by the touch that tipped it (no shares recorded): one lead,
    // said as such.
    assert!(
        c6.sentence.contains("; they tipped 1 of your ")
            && c6.sentence.contains("(the touch that tipped each)"),
        "{}",
        c6.sentence
    );
}

#[test]
fn loyalty_needs_warmed_leads_buying_more_often_than_the_others() {
    let lab = bakery();
    let balanced = lab.summary("balanced");
    assert!(cites(
        &judge_summary(&balanced, &lab.scenario, &lab.ghosts),
        "C19"
    ));
    assert!(!cites(&lab.judge("advertiser"), "C19"));
    let mut even = balanced.clone();
    even.people.cold_buyers = (even.warmed_conversion() * even.people.cold_leads as f64).ceil() as u64;
    assert!(!cites(&judge_summary(&even, &lab.scenario, &lab.ghosts), "C19"));
}

#[test]
fn loyalty_is_not_told_on_the_issues_small_sample() {
    // "6 of 9 warmed leads bought vs 26 of 63": a 25-point margin, but
    // Fisher's exact test gives a one-sided p of 0.14; ten times the leads, shown.
    let lab = bakery();
    let mut small = lab.summary("balanced");
    let p = &mut small.people;
    (p.warmed_buyers, p.warmed_leads, p.cold_buyers, p.cold_leads) = (6, 9, 26, 63);
    assert!(!cites(&judge_summary(&small, &lab.scenario, &lab.ghosts), "C19"));
    let mut large = small.clone();
    let p = &mut large.people;
    (p.warmed_buyers, p.warmed_leads, p.cold_buyers, p.cold_leads) = (60, 90, 260, 630);
    assert!(cites(&judge_summary(&large, &lab.scenario, &lab.ghosts), "C19"));
}

#[test]
fn both_together_needs_mixed_hours_and_a_score_above_both_pure_ghosts() {
    // C20 is about a whole season: b2b_launch's, not the four-week tutorial.
    let lab = b2b();
    let balanced = lab.summary("balanced");
    let verdicts = judge_summary(&balanced, &lab.scenario, &lab.ghosts);
    assert!(cites(&verdicts, "C20"), "{verdicts:?}");
    for pure in ["broadcaster", "networker", "advertiser", "automator"] {
        assert!(!cites(&lab.judge(pure), "C20"), "{pure}");
    }
    // The same mix, but a score within the margin of the networker's.
    let networker = lab.ghosts.iter().find(|g| g.strategy == "networker").unwrap();
    let mut close = balanced.clone();
    close.kpis.score = networker.kpis.score + 0.01;
    assert!(!cites(&judge_summary(&close, &lab.scenario, &lab.ghosts), "C20"));
    assert!(!cites(&judge_summary(&balanced, &lab.scenario, &[]), "C20"));
}

#[test]
fn every_verdict_names_its_claim_in_words() {
    let lab = first_steps();
    for id in ["balanced", "broadcaster", "networker", "advertiser"] {
        for v in lab.judge(id) {
            let claim = rapport::claims::claim(v.claim).unwrap();
            assert_eq!(v.title, claim.title);
            assert!(
                v.sentence
                    .to_lowercase()
                    .starts_with(&format!("{}: ", claim.title)),
                "{}",
                v.sentence
            );
            assert!(!v.sentence.contains(v.claim), "{}", v.sentence);
        }
    }
}

#[test]
fn week_verdicts_hold_for_the_week_with_and_without_ghosts() {
    let lab = first_steps();
    let broadcaster = lab.play("broadcaster");
    let networker = lab.play("networker");
    // Presence without a network: the broadcaster's week, not the networker's.
    assert!(cites(&judge_week(&broadcaster, 2, &lab.ghosts), "C16"));
    assert!(!cites(&judge_week(&networker, 2, &lab.ghosts), "C16"));
    // Networking for relationships needs the broadcaster's same week.
    let talked = (1..=4).any(|w| cites(&judge_week(&networker, w, &lab.ghosts), "C5"));
    assert!(talked);
    assert!(!(1..=4).any(|w| cites(&judge_week(&networker, w, &[]), "C5")));
    assert!(!(1..=4).any(|w| cites(&judge_week(&broadcaster, w, &lab.ghosts), "C5")));
    // Ads: the advertiser's weeks, never the networker's.
    let advertiser = lab.play("advertiser");
    assert!((1..=4).any(|w| cites(&judge_week(&advertiser, w, &lab.ghosts), "C6")));
    assert!(!(1..=4).any(|w| cites(&judge_week(&networker, w, &lab.ghosts), "C6")));
    // A week not yet played says nothing.
    assert!(judge_week(&broadcaster, 5, &lab.ghosts).is_empty());
    assert!(judge_week(&broadcaster, 0, &lab.ghosts).is_empty());
    // Without ghosts, the broadcaster's weeks are judged on their own numbers.
    let rows = rapport::report::weekly::weekly_rows(broadcaster.history());
    let own = judge_week_row(&rows[1], rows[0].strong_relationships, &lab.scenario);
    assert_eq!(cites(&own, "C16"), rows[1].follower_growth > 0);
}

#[test]
fn who_feels_how_speaks_for_a_week_only_when_it_is_the_last_played() {
    let lab = first_steps();
    let networker = strategy("networker");
    let mut game = Simulation::new(Arc::clone(&lab.scenario), lab.seed);
    while !game.finished() {
        let plan = networker.plan_week(&game);
        game.run_week(&plan).unwrap();
    }
    let last = game.plans().len();
    let row = rapport::report::weekly::weekly_rows(game.history());
    let unanswered_weeks: Vec<usize> = (1..=last).filter(|&w| row[w - 1].unanswered > 0).collect();
    for w in 1..last {
        assert!(!cites(&judge_week(&game, w, &lab.ghosts), "C2"), "week {w}");
    }
    assert_eq!(
        cites(&judge_week(&game, last, &lab.ghosts), "C2"),
        unanswered_weeks.contains(&last) && cites(&judge(&game, &lab.ghosts), "C2")
    );
}

fn sentences(proposals: &[Proposal]) -> Vec<String> {
    proposals.iter().map(Proposal::sentence).collect()
}

/// What every advice told must be: at most [`MAX_ADVICE`], the largest
/// gain first, each a change that raised the score on the run's seed and
/// on average over the advice's seeds (the run's first, with the run's own
/// score), whose weeks, played from the start after the run's own before
/// them, make the score it says.
fn check_advice(run: &Simulation, advice: &[Advice]) {
    assert!(advice.len() <= MAX_ADVICE, "{advice:?}");
    let seeds = advice_seeds(run.seed());
    let score = run.kpis().score;
    for (i, a) in advice.iter().enumerate() {
        assert!(a.gain() >= MIN_GAIN && a.mean_gain() >= MIN_GAIN, "{a:?}");
        let played: Vec<u64> = a.trials.iter().map(|t| t.seed).collect();
        assert_eq!(played, seeds);
        assert_eq!(a.trials[0].original, score, "{}", a.rule);
        assert!(i == 0 || advice[i - 1].gain() >= a.gain());
        let mut plans = run.plans()[..a.from_week as usize - 1].to_vec();
        plans.extend(a.plans.iter().cloned());
        assert_eq!(plans.len(), run.plans().len());
        assert_ne!(plans, run.plans(), "{}", a.rule);
        let branch = Simulation::replay(Replaying::solo(run.scenario(), run.seed(), &plans)).unwrap();
        assert_eq!(branch.kpis().score, a.trials[0].changed, "{}", a.rule);
        assert!(
            a.sentence.contains("On your seed this would have scored")
                && a.sentence.ends_with(&format!("over {ADVICE_SEEDS} seeds).")),
            "{}",
            a.sentence
        );
    }
}

#[test]
fn scattered_contacts_are_proposed_to_runs_that_met_people_once_each() {
    let proposed = sentences(&propose(&first_steps_example(), example_ghosts()));
    assert!(says(&proposed, "a strong bond takes about"), "{proposed:?}");
    // The networker meets its followers again and again.
    assert!(!says(
        &first_steps().proposed("networker"),
        "a strong bond takes about"
    ));
    assert!(!says(
        &first_steps().proposed("broadcaster"),
        "a strong bond takes about"
    ));
}

#[test]
fn the_networkers_bonds_are_proposed_only_when_far_above_the_runs() {
    let lab = first_steps();
    let broadcaster = lab.proposed("broadcaster");
    assert!(
        says(&broadcaster, "On this seed the networker built"),
        "{broadcaster:?}"
    );
    // The broadcaster made no comments on others' posts: one batch a week is added.
    assert!(says(
        &broadcaster,
        "one batch of comments on your followers' posts in each week"
    ));
    assert!(!says(
        &lab.proposed("networker"),
        "On this seed the networker built"
    ));
    let alone = sentences(&propose(&lab.play("broadcaster"), &[]));
    assert!(!says(&alone, "networker"), "{alone:?}");
}

#[test]
fn unanswered_comments_are_proposed_only_when_some_waited() {
    let lab = first_steps();
    assert!(lab.summary("broadcaster").totals.unanswered >= 3);
    let broadcaster = lab.proposed("broadcaster");
    assert!(
        says(&broadcaster, "comments waited too long for an answer. From week"),
        "{broadcaster:?}"
    );
    assert!(says(
        &broadcaster,
        "one more round of replies on the first day of each week"
    ));
    let silent = silent(lab);
    assert_eq!(RunSummary::of(&silent).totals.unanswered, 0);
    assert!(!says(
        &sentences(&propose(&silent, &lab.ghosts)),
        "waited too long"
    ));
}

#[test]
fn hours_and_money_left_unspent_are_proposed_only_when_a_real_share_was_left() {
    let lab = first_steps();
    let automator = lab.proposed("automator");
    assert!(
        says(&automator, "You left 48 h of your 56 h unspent"),
        "{automator:?}"
    );
    assert!(!says(&lab.proposed("broadcaster"), " h unspent"));
    // The broadcaster buys no ads: one a week is proposed; the advertiser
    // spends its money.
    let broadcaster = lab.proposed("broadcaster");
    assert!(
        says(
            &broadcaster,
            "You spent none of your ad budget of 400. From week 1, one more ad in each week"
        ),
        "{broadcaster:?}"
    );
    assert!(!says(&lab.proposed("advertiser"), "ad budget"));
}

/// A brand that schedules every hour it has: followers tire of it.
fn scheduler() -> rapport::sim::Strategy {
    rapport::files::strategy::parse_strategy(
        "scheduler.ron",
        r#"Strategy(version: 1, id: "scheduler", name: "Scheduler", description: "Schedules all week.",
            weekly: [(action: Schedule, count: Fill)])"#,
    )
    .unwrap()
}

#[test]
fn followers_lost_to_fatigue_are_proposed_only_with_scheduled_batches() {
    let lab = bakery();
    let game = play(Arc::clone(&lab.scenario), lab.seed, &scheduler());
    let summary = RunSummary::of(&game);
    let tired = summary.kpis.attribution.get(Outcome::Unfollow, Cause::Fatigue);
    assert!(tired >= 3, "{tired}");
    let proposed = sentences(&propose(&game, &lab.ghosts));
    let batches = summary.played(ActionKind::Schedule);
    let weeks = game.plans().len() as u64;
    assert!(
        says(
            &proposed,
            &format!(
                "left tired of your posts while you scheduled {} batches ({} posts). From week 1, one scheduled batch fewer in each week that had one: {} in all instead of {}.",
                count(batches),
                count(batches * lab.scenario.actions.spec(ActionKind::Schedule).batch as u64),
                count(batches - weeks),
                count(batches)
            )
        ),
        "{proposed:?}"
    );
    // No batches, no such advice.
    assert!(!says(&lab.proposed("networker"), "tired of your posts"));
}

#[test]
fn ads_to_strangers_are_proposed_only_when_conversation_warmed_almost_no_one() {
    let lab = bakery();
    let advertiser = lab.proposed("advertiser");
    assert!(
        says(&advertiser, "but your conversation had warmed only"),
        "{advertiser:?}"
    );
    assert!(!says(
        &lab.proposed("balanced"),
        "but your conversation had warmed"
    ));
    assert!(!says(
        &lab.proposed("broadcaster"),
        "but your conversation had warmed"
    ));
}

#[test]
fn advice_is_a_change_that_was_played_and_raised_the_score() {
    let mut told = 0;
    for lab in [first_steps(), bakery()] {
        for id in ["balanced", "broadcaster", "networker", "advertiser", "automator"] {
            let game = lab.play(id);
            let advice = advise(&game, &lab.ghosts);
            assert!(advice.len() <= propose(&game, &lab.ghosts).len());
            check_advice(&game, &advice);
            told += advice.len();
        }
    }
    // Some of these runs left something to gain.
    assert!(told > 0);
}

#[test]
fn advice_is_the_same_at_any_thread_count() {
    let lab = first_steps();
    let game = lab.play("broadcaster");
    let many = advise(&game, &lab.ghosts);
    assert!(!many.is_empty());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    assert_eq!(pool.install(|| advise(&game, &lab.ghosts)), many);
}

/// The issue's findings: advice whose change, played, scored less or the
/// same (one fewer batch for a balanced corner_bakery run, a round of
/// replies that gained nothing) is not told. Every proposal is played here
/// on the run's seed, and none that did not raise the score is told.
#[test]
fn advice_that_lowers_the_score_or_gains_nothing_is_not_told() {
    use rapport::claims::verdict::try_out;
    // The issue's scenario at its own size and seed.
    let scenario = Arc::new(scenario("corner_bakery"));
    let ghosts = builtin_ghosts(Arc::clone(&scenario), scenario.seed, &|_, _| {});
    let game = play(Arc::clone(&scenario), scenario.seed, &strategy("balanced"));
    let proposals = propose(&game, &ghosts);
    let advice = try_out(&game, proposals.clone(), &|_, _| {});
    check_advice(&game, &advice);
    let score = game.kpis().score;
    for p in &proposals {
        let branch = Simulation::replay(Replaying::solo(&scenario, scenario.seed, &p.plans)).unwrap();
        if branch.kpis().score <= score {
            assert!(
                !advice.iter().any(|a| a.rule == p.rule),
                "{}: {}",
                p.rule,
                p.sentence()
            );
        }
    }
    // A change that changes nothing, and one that drops every week's
    // actions, are never told.
    let mut idle = game.plans().to_vec();
    for plan in &mut idle[1..] {
        plan.actions.clear();
    }
    let same = Proposal {
        rule: "same",
        reason: "Test.".into(),
        change: "Change nothing.".into(),
        from_week: 1,
        plans: game.plans().to_vec(),
    };
    let nothing = Proposal {
        rule: "nothing",
        reason: "Test.".into(),
        change: "Do nothing after week 1.".into(),
        from_week: 2,
        plans: idle,
    };
    assert!(try_out(&game, vec![same, nothing], &|_, _| {}).is_empty());
}

fn street() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::new("same_street", 6000, 11))
}

fn launch() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| Lab::new("crowded_launch", 6000, 11))
}

/// A brand that only listens, once a week: it never shows up.
fn silent(lab: &Lab) -> Simulation {
    let idle = rapport::files::strategy::parse_strategy(
        "idle.ron",
        r#"Strategy(version: 1, id: "idle", name: "Idle", description: "Listens once a week.",
            weekly: [(action: Research, count: Times(1))])"#,
    )
    .unwrap();
    play(Arc::clone(&lab.scenario), lab.seed, &idle)
}

#[test]
fn a_silent_brand_against_a_rival_is_told_it_lost_ground_and_one_that_shows_up_is_not() {
    // In the street the silent brand starts with a share to lose; at a
    // launch it starts with next to nothing, so it is told only what fell.
    for lab in [street(), launch()] {
        let verdicts = judge(&silent(lab), &lab.ghosts);
        let summary = RunSummary::of(&silent(lab));
        let fell = summary.market.shares.followers
            < summary.market.follower_share_start - rapport::claims::verdict::SCORE_MARGIN;
        if !fell {
            assert!(!cites(&verdicts, "C21"), "{}: {verdicts:?}", lab.scenario.id);
            continue;
        }
        assert!(cites(&verdicts, "C21"), "{}: {verdicts:?}", lab.scenario.id);
        let line = verdicts.iter().find(|v| v.claim == "C21").unwrap();
        assert!(
            line.sentence.contains("share of the market's followers fell"),
            "{}",
            line.sentence
        );
        for shows_up in ["balanced", "broadcaster", "networker"] {
            assert!(
                !cites(&lab.judge(shows_up), "C21"),
                "{} {shows_up}",
                lab.scenario.id
            );
        }
    }
    // A brand alone is never told about rivals.
    let verdicts = judge(&silent(bakery()), &bakery().ghosts);
    assert!(
        !cites(&verdicts, "C21") && !cites(&verdicts, "C22"),
        "{verdicts:?}"
    );
}

#[test]
fn bonds_that_hold_against_a_flood_are_named_and_a_broadcaster_without_bonds_is_not() {
    let lab = launch();
    let verdicts = lab.judge("balanced");
    assert!(cites(&verdicts, "C22"), "{verdicts:?}");
    let line = verdicts.iter().find(|v| v.claim == "C22").unwrap();
    assert!(
        line.sentence.contains("times as often as yours"),
        "{}",
        line.sentence
    );
    for no_bonds in ["broadcaster", "advertiser"] {
        assert!(!cites(&lab.judge(no_bonds), "C22"), "{no_bonds}");
    }
    assert!(!cites(&judge(&silent(lab), &lab.ghosts), "C22"));
}
