//! The rest of the claims of `../shared/CLAIMS.md` (C1-C3, C6, C9-C15,
//! C17-C19). As in `claims.rs`, each is measured over many seeds with a
//! margin, and checked again with the rule behind it switched off.

use super::common::{
    Verdict, bakery, balanced_without_ads, mean, paired_difference, play_fixed, scenario, spread_week,
    strategy, verdict,
};
use rapport::sim::{
    ActionKind, Archetype, CONTENT_TYPES, ContentType, PlannedAction, Platform, Scenario, Simulation,
    Strategy, Target, WeekPlan,
};
use rayon::prelude::*;
use std::sync::Arc;

const SEEDS: u64 = 20;

/// Plays `weeks` weeks of a fixed plan over many seeds.
fn fixed(scenario: &Arc<Scenario>, plan: &WeekPlan, weeks: u32) -> Vec<Simulation> {
    (0..SEEDS)
        .into_par_iter()
        .map(|i| play_fixed(scenario, 900 + i, plan, weeks))
        .collect()
}

fn strategic(scenario: &Arc<Scenario>, strategy: &Strategy) -> Vec<Simulation> {
    (0..SEEDS)
        .into_par_iter()
        .map(|i| rapport::sim::play(Arc::clone(scenario), 900 + i, strategy))
        .collect()
}

fn values(games: &[Simulation], f: impl Fn(&Simulation) -> f64) -> Vec<f64> {
    games.iter().map(f).collect()
}

fn strong(game: &Simulation) -> f64 {
    game.latest().strong_relationships as f64
}

fn impressions(game: &Simulation) -> f64 {
    game.brand().totals.impressions as f64
}

/// C1: the same platform serves both uses; the use decides the outcome.
fn c1_use_not_platform(s: &Arc<Scenario>) -> Verdict {
    let circle = 1;
    let broadcast = spread_week(vec![
        PlannedAction::aimed(ActionKind::Schedule, circle, ContentType::Photo, Target::Everyone),
        PlannedAction::aimed(ActionKind::Schedule, circle, ContentType::Photo, Target::Everyone),
        PlannedAction::aimed(ActionKind::Publish, circle, ContentType::Video, Target::Everyone),
        PlannedAction::aimed(ActionKind::Publish, circle, ContentType::Photo, Target::Everyone),
        PlannedAction::aimed(ActionKind::Publish, circle, ContentType::Photo, Target::Everyone),
        PlannedAction::aimed(
            ActionKind::Publish,
            circle,
            ContentType::Infographic,
            Target::Everyone,
        ),
    ]);
    let engage = PlannedAction::aimed(
        ActionKind::EngageOthers,
        circle,
        ContentType::Photo,
        Target::Followers,
    );
    let reply = PlannedAction::aimed(ActionKind::Reply, circle, ContentType::Photo, Target::Everyone);
    let mut conversation = vec![
        PlannedAction::aimed(
            ActionKind::StartConversation,
            circle,
            ContentType::Conversation,
            Target::Everyone,
        ),
        reply,
    ];
    conversation.extend(std::iter::repeat_n(engage, 6));
    conversation.push(reply);
    let converse = spread_week(conversation);
    let a = fixed(s, &broadcast, 8);
    let b = fixed(s, &converse, 8);
    let reach = paired_difference(&values(&a, impressions), &values(&b, impressions));
    let bonds = paired_difference(&values(&b, strong), &values(&a, strong));
    verdict(
        reach.low > 0.0 && bonds.low > 20.0,
        format!(
            "same platform, 10 hours a week: broadcasting +{:.0} impressions, conversation +{:.1} strong relationships",
            reach.mean, bonds.mean
        ),
    )
}

#[test]
fn c1_the_same_platform_serves_both_uses() {
    assert!(c1_use_not_platform(&bakery(|_| {})).is_ok());
    let off = c1_use_not_platform(&bakery(|m| {
        m.relationship_per_push = 0.0;
        m.relationship_per_reply = 0.0;
        m.relationship_per_one_way = 0.0;
    }));
    assert!(off.is_err(), "{off:?}");
}

/// C2: talking without listening sours people; answering warms them.
fn c2_two_way(s: &Arc<Scenario>) -> Verdict {
    let talk: Vec<PlannedAction> = (0..6)
        .map(|_| PlannedAction::aimed(ActionKind::Publish, 1, ContentType::Photo, Target::Everyone))
        .chain((0..4).map(|_| {
            PlannedAction::aimed(
                ActionKind::StartConversation,
                1,
                ContentType::Conversation,
                Target::Everyone,
            )
        }))
        .collect();
    let mut listen = talk.clone();
    listen.extend(
        (0..4).map(|_| PlannedAction::aimed(ActionKind::Reply, 1, ContentType::Photo, Target::Everyone)),
    );
    let a = fixed(s, &spread_week(talk), 8);
    let b = fixed(s, &spread_week(listen), 8);
    // How the people who commented feel at the end.
    let commenters = |g: &Simulation| {
        let a = g.audience();
        let feel: Vec<f64> = (0..a.len())
            .filter(|&i| a.story[i].comments > 0)
            .map(|i| a.sentiment[i] as f64)
            .collect();
        mean(&feel)
    };
    let sentiment = paired_difference(&values(&b, commenters), &values(&a, commenters));
    let ignored = mean(&values(&a, |g| g.brand().totals.unanswered as f64));
    verdict(
        sentiment.low > 0.1 && ignored > 20.0,
        format!(
            "people who commented feel {:+.3} better when answered; talking only left {ignored:.0} comments unanswered",
            sentiment.mean
        ),
    )
}

#[test]
fn c2_broadcasting_is_one_way_networking_listens() {
    assert!(c2_two_way(&bakery(|_| {})).is_ok());
    let off = c2_two_way(&bakery(|m| {
        m.sentiment_per_reply = 0.0;
        m.sentiment_per_unanswered = 0.0;
        m.relationship_per_reply = 0.0;
        m.relationship_per_unanswered = 0.0;
    }));
    assert!(off.is_err(), "{off:?}");
}

/// A lab with a full network and a publication site that everyone uses.
fn two_platforms(conversation: Option<f32>) -> Arc<Scenario> {
    let mut s = scenario("corner_bakery").with_agents(8000);
    let platform = |archetype: Archetype, id: &str| {
        let d = Platform::archetype_defaults(archetype);
        Platform {
            id: id.into(),
            name: id.into(),
            archetype,
            organic_reach: 0.08,
            discovery: 0.004,
            engagement: 0.03,
            conversation: conversation.unwrap_or(d.conversation),
            content_fit: [1.0; CONTENT_TYPES],
            ad_cpm: d.ad_cpm,
            ad_ctr: d.ad_ctr,
            share_reach: 0.25,
        }
    };
    s.platforms = vec![
        platform(Archetype::FullNetwork, "full"),
        platform(Archetype::Publication, "pub"),
    ];
    for segment in &mut s.segments {
        segment.platform_use = vec![1.0, 1.0];
    }
    Arc::new(s)
}

/// C3: the more a platform affords interaction, the better networking works.
fn c3_affordance(s: &Arc<Scenario>) -> Verdict {
    let plan = |p: u8| {
        spread_week(
            (0..6)
                .map(|_| {
                    PlannedAction::aimed(
                        ActionKind::StartConversation,
                        p,
                        ContentType::Conversation,
                        Target::Everyone,
                    )
                })
                .chain((0..5).map(|_| {
                    PlannedAction::aimed(ActionKind::Reply, p, ContentType::Photo, Target::Everyone)
                }))
                .collect(),
        )
    };
    let full = fixed(s, &plan(0), 6);
    let publication = fixed(s, &plan(1), 6);
    let comments = |g: &Simulation| g.brand().totals.comments as f64;
    let more = paired_difference(&values(&full, comments), &values(&publication, comments));
    let bonds = paired_difference(&values(&full, strong), &values(&publication, strong));
    verdict(
        more.low > 0.0
            && mean(&values(&full, comments)) > 2.0 * mean(&values(&publication, comments))
            && bonds.low > 0.0,
        format!(
            "conversation on a full network vs a publication site: {:.0} vs {:.0} comments, +{:.1} strong relationships",
            mean(&values(&full, comments)),
            mean(&values(&publication, comments)),
            bonds.mean
        ),
    )
}

#[test]
fn c3_platforms_that_afford_interaction_suit_networking() {
    assert!(c3_affordance(&two_platforms(None)).is_ok());
    let off = c3_affordance(&two_platforms(Some(0.6)));
    assert!(off.is_err(), "{off:?}");
}

/// C6: ads buy reach and conversions, measured by CTR, conversion and ROI.
fn c6_ads(s: &Arc<Scenario>) -> Verdict {
    let base = vec![PlannedAction::aimed(
        ActionKind::Schedule,
        0,
        ContentType::Photo,
        Target::Everyone,
    )];
    let mut with_ads = base.clone();
    with_ads.push(PlannedAction::aimed(
        ActionKind::Ad,
        0,
        ContentType::Offer,
        Target::Everyone,
    ));
    let a = fixed(s, &spread_week(with_ads), 8);
    let b = fixed(s, &spread_week(base), 8);
    let reach = paired_difference(&values(&a, impressions), &values(&b, impressions));
    let leads = paired_difference(
        &values(&a, |g| g.brand().totals.leads as f64),
        &values(&b, |g| g.brand().totals.leads as f64),
    );
    let ctr = mean(&values(&a, |g| g.kpis().ctr));
    let roi = mean(&values(&a, |g| g.kpis().roi));
    verdict(
        reach.low > 1000.0 && leads.low > 5.0 && ctr > 0.002 && roi.is_finite(),
        format!(
            "100 a week in ads: +{:.0} impressions, +{:.1} leads, CTR {:.2}%, ROI {roi:+.2}",
            reach.mean,
            leads.mean,
            ctr * 100.0
        ),
    )
}

#[test]
fn c6_ads_buy_reach_and_conversions_measured_by_ctr_and_roi() {
    assert!(c6_ads(&bakery(|_| {})).is_ok());
    let mut no_clicks = scenario("corner_bakery");
    for p in &mut no_clicks.platforms {
        p.ad_ctr = 0.0;
    }
    let off = c6_ads(&Arc::new(no_clicks));
    assert!(off.is_err(), "{off:?}");
}

/// C9: richer broadcast content engages more.
fn c9_rich_content(s: &Arc<Scenario>) -> Verdict {
    let posts = |c: ContentType| {
        spread_week(
            (0..4)
                .map(|_| PlannedAction::aimed(ActionKind::Publish, 0, c, Target::Everyone))
                .collect(),
        )
    };
    let video = fixed(s, &posts(ContentType::Video), 4);
    let photo = fixed(s, &posts(ContentType::Photo), 4);
    let per_post = |g: &Simulation| {
        g.brand().totals.engagements as f64 / g.history().iter().map(|d| d.posts).sum::<u64>().max(1) as f64
    };
    let d = paired_difference(&values(&video, per_post), &values(&photo, per_post));
    verdict(
        d.low > 0.0 && mean(&values(&video, per_post)) > 1.05 * mean(&values(&photo, per_post)),
        format!(
            "reactions per post: video {:.1}, photo {:.1}",
            mean(&values(&video, per_post)),
            mean(&values(&photo, per_post))
        ),
    )
}

#[test]
fn c9_richer_content_engages_more() {
    assert!(c9_rich_content(&bakery(|_| {})).is_ok());
    let mut flat = scenario("corner_bakery");
    flat.actions.content_quality = [1.0; CONTENT_TYPES];
    for p in &mut flat.platforms {
        p.content_fit = [1.0; CONTENT_TYPES];
    }
    for segment in &mut flat.segments {
        segment.interest = [1.0; CONTENT_TYPES];
    }
    let off = c9_rich_content(&Arc::new(flat));
    assert!(off.is_err(), "{off:?}");
}

/// C10: questions and polls draw conversation, which the brand must answer.
fn c10_conversation_content(s: &Arc<Scenario>) -> Verdict {
    let posts = |kind: ActionKind, c: ContentType| {
        spread_week(
            (0..4)
                .map(|_| PlannedAction::aimed(kind, 1, c, Target::Everyone))
                .collect(),
        )
    };
    let questions = fixed(
        s,
        &posts(ActionKind::StartConversation, ContentType::Conversation),
        4,
    );
    let photos = fixed(s, &posts(ActionKind::Publish, ContentType::Photo), 4);
    let per_post = |g: &Simulation| {
        g.brand().totals.comments as f64 / g.history().iter().map(|d| d.posts).sum::<u64>().max(1) as f64
    };
    let d = paired_difference(&values(&questions, per_post), &values(&photos, per_post));
    verdict(
        d.low > 0.0 && mean(&values(&questions, per_post)) > 2.0 * mean(&values(&photos, per_post)),
        format!(
            "comments per post: questions {:.2}, photos {:.2}",
            mean(&values(&questions, per_post)),
            mean(&values(&photos, per_post))
        ),
    )
}

#[test]
fn c10_questions_and_polls_draw_conversation() {
    assert!(c10_conversation_content(&bakery(|_| {})).is_ok());
    let mut same = scenario("corner_bakery");
    same.model.comment_share_conversation = same.model.comment_share_broadcast;
    same.actions.content_quality[ContentType::Conversation.index()] = 1.0;
    for p in &mut same.platforms {
        p.content_fit[ContentType::Conversation.index()] = p.content_fit[ContentType::Photo.index()];
    }
    for segment in &mut same.segments {
        segment.interest[ContentType::Conversation.index()] = segment.interest[ContentType::Photo.index()];
    }
    let off = c10_conversation_content(&Arc::new(same));
    assert!(off.is_err(), "{off:?}");
}

/// C11: pull draws comments; push builds bonds with the people reached.
fn c11_pull_and_push(s: &Arc<Scenario>) -> Verdict {
    let pull = fixed(
        s,
        &spread_week(
            (0..8)
                .map(|_| {
                    PlannedAction::aimed(
                        ActionKind::StartConversation,
                        1,
                        ContentType::Conversation,
                        Target::Everyone,
                    )
                })
                .collect(),
        ),
        4,
    );
    let push = fixed(
        s,
        &spread_week(
            (0..6)
                .map(|_| {
                    PlannedAction::aimed(ActionKind::EngageOthers, 1, ContentType::Photo, Target::Everyone)
                })
                .collect(),
        ),
        4,
    );
    let comments = |g: &Simulation| g.brand().totals.comments as f64;
    let follow_backs = |g: &Simulation| g.latest().followers as f64 - g.history()[0].followers as f64;
    let drew = paired_difference(&values(&pull, comments), &values(&push, comments));
    let gained = mean(&values(&push, follow_backs));
    let bonded = mean(&values(&push, |g| {
        let a = g.audience();
        (0..a.len())
            .filter(|&i| a.story[i].brand_contacts > 0 && a.relationship[i] > 0.15)
            .count() as f64
    }));
    verdict(
        drew.low > 0.0 && gained > 20.0 && bonded > 60.0,
        format!(
            "pull drew +{:.0} comments over push; push won {gained:.0} follow-backs and {bonded:.0} warm bonds",
            drew.mean
        ),
    )
}

#[test]
fn c11_networking_has_pull_and_push() {
    assert!(c11_pull_and_push(&bakery(|_| {})).is_ok());
    let off = c11_pull_and_push(&bakery(|m| {
        m.follow_back = 0.0;
        m.relationship_per_push = 0.0;
    }));
    assert!(off.is_err(), "{off:?}");
}

/// C12: sales from social media are real but indirect: they lag the
/// clicks that started them.
fn c12_indirect_returns(s: &Arc<Scenario>) -> Verdict {
    let games = strategic(s, &strategy("broadcaster"));
    let lag = |g: &Simulation| {
        let a = g.audience();
        let lags: Vec<f64> = (0..a.len())
            .filter(|&i| a.story[i].customer_day > 0 && a.story[i].lead_day > 0)
            .map(|i| a.story[i].customer_day as f64 - a.story[i].lead_day as f64)
            .collect();
        mean(&lags)
    };
    let lags = values(&games, lag);
    verdict(
        mean(&lags) > 5.0,
        format!("a lead took {:.1} days on average to buy", mean(&lags)),
    )
}

#[test]
fn c12_social_media_returns_are_indirect() {
    assert!(c12_indirect_returns(&bakery(|_| {})).is_ok());
    let mut instant = scenario("corner_bakery");
    instant.model.lead_conversion_per_day = 1.0;
    instant.sales_speed = 10.0;
    let off = c12_indirect_returns(&Arc::new(instant));
    assert!(off.is_err(), "{off:?}");
}

/// C13: networking's return is simple to read: the network grows week by week.
fn c13_network_growth(s: &Arc<Scenario>) -> Verdict {
    let games = strategic(s, &strategy("networker"));
    let growing = values(&games, |g| {
        let weekly: Vec<u64> = g.history().iter().step_by(7).map(|d| d.followers).collect();
        weekly.windows(2).filter(|w| w[1] > w[0]).count() as f64 / (weekly.len() - 1) as f64
    });
    verdict(
        mean(&growing) > 0.9,
        format!(
            "the networker's following grew in {:.0}% of weeks",
            100.0 * mean(&growing)
        ),
    )
}

#[test]
fn c13_networking_returns_show_as_a_growing_network() {
    assert!(c13_network_growth(&bakery(|_| {})).is_ok());
    let off = c13_network_growth(&bakery(|m| {
        m.follow_back = 0.0;
        m.push_reciprocal_share = 0.0;
        m.share_per_engagement = 0.0;
        m.follow_per_exposure = 0.0;
    }));
    assert!(off.is_err(), "{off:?}");
}

/// C14: networking moves engagement and sentiment; marketing moves CTR,
/// conversion and ROI.
fn c14_metrics(s: &Arc<Scenario>) -> Verdict {
    let networker = strategic(s, &strategy("networker"));
    let advertiser = strategic(s, &strategy("advertiser"));
    let engagement = paired_difference(
        &values(&networker, |g| g.kpis().engagement_rate),
        &values(&advertiser, |g| g.kpis().engagement_rate),
    );
    let sentiment = paired_difference(
        &values(&networker, |g| g.kpis().sentiment),
        &values(&advertiser, |g| g.kpis().sentiment),
    );
    let roi = mean(&values(&advertiser, |g| g.kpis().roi));
    let networker_ads = mean(&values(&networker, |g| g.kpis().ctr));
    verdict(
        engagement.low > 0.02 && sentiment.low > 0.05 && roi != 0.0 && networker_ads == 0.0,
        format!(
            "networker minus advertiser: engagement rate {:+.3}, sentiment {:+.3}; the advertiser's ROI {roi:+.2}",
            engagement.mean, sentiment.mean
        ),
    )
}

#[test]
fn c14_each_has_its_own_metrics() {
    assert!(c14_metrics(&bakery(|_| {})).is_ok());
    let off = c14_metrics(&bakery(|m| {
        m.engage_boost_per_relationship = 0.0;
        m.relationship_per_push = 0.0;
        m.relationship_per_reply = 0.0;
        m.relationship_per_live = 0.0;
        m.sentiment_per_reply = 0.0;
        m.sentiment_per_unanswered = 0.0;
        m.sentiment_per_tiring_post = 0.0;
    }));
    assert!(off.is_err(), "{off:?}");
}

/// C15: listening makes the rest of the strategy work better.
fn c15_listening(s: &Arc<Scenario>) -> Verdict {
    let posts: Vec<PlannedAction> = (0..6)
        .map(|_| PlannedAction::aimed(ActionKind::Publish, 0, ContentType::Photo, Target::Everyone))
        .collect();
    let mut listening = vec![PlannedAction::aimed(
        ActionKind::Research,
        0,
        ContentType::Photo,
        Target::Everyone,
    )];
    listening.extend(posts.clone());
    let a = fixed(s, &spread_week(listening), 6);
    let b = fixed(s, &spread_week(posts), 6);
    let rate = |g: &Simulation| g.kpis().engagement_rate;
    let d = paired_difference(&values(&a, rate), &values(&b, rate));
    verdict(
        d.low > 0.003,
        format!(
            "two hours of research a week: engagement rate {:+.4} ({:.4}..{:.4})",
            d.mean, d.low, d.high
        ),
    )
}

#[test]
fn c15_listening_makes_everything_fit_better() {
    assert!(c15_listening(&bakery(|_| {})).is_ok());
    let off = c15_listening(&bakery(|m| m.insight_appeal_bonus = 0.0));
    assert!(off.is_err(), "{off:?}");
}

/// C17: presence and networking reinforce each other: the bonds that
/// conversation builds make the brand's posts reach those people more often
/// (platforms show people more of the accounts they talk with), and the
/// bigger the presence, the more people conversation can reach.
fn c17_reinforce(s: &Arc<Scenario>) -> Verdict {
    let games = strategic(s, &balanced_without_ads());
    let days = s.days() as f64;
    // Posts seen per day of following, for bonded and other followers.
    let seen_per_day = |g: &Simulation, bonded: bool| {
        let a = g.audience();
        let rates: Vec<f64> = (0..a.len())
            .filter(|&i| a.follows(i) && (a.relationship[i] >= 0.5) == bonded)
            .map(|i| {
                let since = a.story[i].followed_day as f64;
                a.story[i].posts_seen as f64 / (days - since).max(7.0)
            })
            .collect();
        mean(&rates)
    };
    let bonded = values(&games, |g| seen_per_day(g, true));
    let others = values(&games, |g| seen_per_day(g, false));
    let d = paired_difference(&bonded, &others);
    verdict(
        d.low > 0.0 && mean(&bonded) > 1.15 * mean(&others),
        format!(
            "followers with a strong bond saw {:.2} posts a day, the others {:.2}",
            mean(&bonded),
            mean(&others)
        ),
    )
}

#[test]
fn c17_presence_and_network_reinforce_each_other() {
    assert!(c17_reinforce(&bakery(|_| {})).is_ok());
    let off = c17_reinforce(&bakery(|m| m.reach_boost_per_relationship = 0.0));
    assert!(off.is_err(), "{off:?}");
}

/// C18: networking is communication with the people you choose.
fn c18_chosen(s: &Arc<Scenario>) -> Verdict {
    let plan = spread_week(
        (0..10)
            .map(|_| {
                PlannedAction::aimed(
                    ActionKind::EngageOthers,
                    1,
                    ContentType::Photo,
                    Target::Segment(2),
                )
            })
            .collect(),
    );
    let games = fixed(s, &plan, 4);
    let by_segment = |g: &Simulation, chosen: bool| {
        let a = g.audience();
        let (sum, n) = (0..a.len())
            .filter(|&i| (a.segment[i] == 2) == chosen)
            .fold((0.0, 0usize), |(s, n), i| (s + a.relationship[i] as f64, n + 1));
        sum / n.max(1) as f64
    };
    let chosen = values(&games, |g| by_segment(g, true));
    let others = values(&games, |g| by_segment(g, false));
    let d = paired_difference(&chosen, &others);
    verdict(
        d.low > 0.005 && mean(&chosen) > 5.0 * mean(&others),
        format!(
            "mean relationship in the chosen segment {:.4}, elsewhere {:.4}",
            mean(&chosen),
            mean(&others)
        ),
    )
}

#[test]
fn c18_networking_reaches_the_people_you_choose() {
    assert!(c18_chosen(&bakery(|_| {})).is_ok());
    let off = c18_chosen(&bakery(|m| m.relationship_per_push = 0.0));
    assert!(off.is_err(), "{off:?}");
}

/// C19: relationships bring loyalty (people who buy) and a wider audience
/// (their friends, through recommendations).
fn c19_loyalty_and_reach(s: &Arc<Scenario>) -> Verdict {
    let games = strategic(s, &strategy("networker"));
    // Pooled over every game: how often leads with and without a bond bought.
    let pooled = |bonded: bool| {
        let (bought, leads) = games.iter().fold((0usize, 0usize), |(b, l), g| {
            let a = g.audience();
            let these: Vec<usize> = (0..a.len())
                .filter(|&i| a.story[i].lead_day > 0 && (a.relationship[i] >= 0.3) == bonded)
                .collect();
            (
                b + these.iter().filter(|&&i| a.story[i].customer_day > 0).count(),
                l + these.len(),
            )
        });
        bought as f64 / leads.max(1) as f64
    };
    let loyal_rate = pooled(true);
    let other_rate = pooled(false);
    let shares = mean(&values(&games, |g| {
        g.history().iter().map(|d| d.shares).sum::<u64>() as f64
    }));
    verdict(
        loyal_rate > other_rate + 0.05 && shares > 50.0,
        format!(
            "leads with a bond bought in {:.0}% of cases, the others in {:.0}%; {shares:.0} shares carried the brand to friends",
            100.0 * loyal_rate,
            100.0 * other_rate
        ),
    )
}

#[test]
fn c19_relationships_bring_loyalty_and_a_wider_audience() {
    assert!(c19_loyalty_and_reach(&bakery(|_| {})).is_ok());
    let off = c19_loyalty_and_reach(&bakery(|m| {
        m.conversion_boost_per_relationship = 0.0;
        m.advocate_share_per_day = 0.0;
        m.push_reciprocal_share = 0.0;
        m.share_per_engagement = 0.0;
    }));
    assert!(off.is_err(), "{off:?}");
}

/// Prints what every claim test here measures.
#[test]
#[ignore]
fn print_more_claim_measurements() {
    let s = bakery(|_| {});
    println!("C1  {:?}", c1_use_not_platform(&s));
    println!("C2  {:?}", c2_two_way(&s));
    println!("C3  {:?}", c3_affordance(&two_platforms(None)));
    println!("C6  {:?}", c6_ads(&s));
    println!("C9  {:?}", c9_rich_content(&s));
    println!("C10 {:?}", c10_conversation_content(&s));
    println!("C11 {:?}", c11_pull_and_push(&s));
    println!("C12 {:?}", c12_indirect_returns(&s));
    println!("C13 {:?}", c13_network_growth(&s));
    println!("C14 {:?}", c14_metrics(&s));
    println!("C15 {:?}", c15_listening(&s));
    println!("C17 {:?}", c17_reinforce(&s));
    println!("C18 {:?}", c18_chosen(&s));
    println!("C19 {:?}", c19_loyalty_and_reach(&s));
}
