//! One person's reactions: to a piece of content (engage, comment, share,
//! click, follow), and the funnel steps of a day (leads buy, customers turn
//! advocates or lapse, advocates recommend).

use super::super::attribution::{Cause, Outcome};
use super::super::audience::{Funnel, flag, pack_item, pack_post};
use super::super::params::ModelParams;
use super::super::rng::Rng;
use super::super::trace::TraceStep;
use super::super::types::ContentType;
use super::today::{ChunkOut, DayContext, Exposure, Person, Source, grow};

/// The highest bit of a person's platform set: the last platform there is.
const LAST_PLATFORM: u32 = 7;

/// The person follows; `cause` tipped it (and moved them).
pub fn follow(person: &mut Person, params: &ModelParams, today: u16, cause: Cause, out: &mut ChunkOut) {
    person.flags |= flag::FOLLOWS;
    person.story.followed_day = today;
    person.awareness = person.awareness.max(params.follow_awareness);
    out.counts.new_followers += 1;
    out.credit(Outcome::Follower, cause);
    person.touched(cause);
}

/// The person stops following; `cause` tipped it.
pub fn unfollow(person: &mut Person, today: u16, cause: Cause, out: &mut ChunkOut) {
    person.flags = (person.flags & !flag::FOLLOWS) | flag::LEFT;
    person.story.unfollowed_day = today;
    out.counts.unfollows += 1;
    out.credit(Outcome::Unfollow, cause);
}

/// A person not yet in the funnel becomes a lead; `cause` tipped it.
fn become_lead(person: &mut Person, today: u16, cause: Cause, out: &mut ChunkOut) {
    if person.funnel == Funnel::None {
        person.funnel = Funnel::Lead;
        person.story.lead_day = today;
        out.counts.new_leads += 1;
        out.credit(Outcome::Lead, cause);
        person.touched(cause);
    }
}

/// A click becomes a lead more often when the person already knows the brand.
fn lead_chance(p: &ModelParams, person: &Person) -> f32 {
    p.lead_per_click * (1.0 + p.lead_boost_per_awareness * person.awareness)
}

/// One person meets one piece of content (and the watched person's record
/// notes it).
pub fn react(person: &mut Person, seen: Exposure, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    meet_content(person, seen, ctx, rng, out);
    out.note(person, TraceStep::Saw, Some(seen.cause));
}

fn meet_content(person: &mut Person, seen: Exposure, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    let p = ctx.params;
    let cause = seen.cause;
    let today = ctx.today();
    let Some(platform) = ctx.platforms.get(seen.platform as usize) else {
        return;
    };
    let content = seen.content;
    // Each exposure is counted once, as organic or as an ad.
    out.counts.impressions += 1;
    if seen.source == Source::Ad {
        out.counts.ad_impressions += 1;
    } else {
        out.counts.organic_impressions += 1;
    }
    person.reached = true;
    person.story.posts_seen = person.story.posts_seen.saturating_add(1);
    let trust = if seen.source == Source::Friend {
        p.friend_trust
    } else {
        1.0
    };
    person.awareness = grow(person.awareness, (p.awareness_per_exposure * trust).min(1.0));
    if content != ContentType::Conversation {
        let factor = if seen.scheduled {
            p.scheduled_fatigue_factor
        } else {
            1.0
        };
        person.fatigue = grow(person.fatigue, (p.fatigue_per_broadcast * factor).min(1.0));
        // Being talked at when already tired sours the mood a little.
        person.sentiment -= p.sentiment_per_tiring_post * person.fatigue;
    }
    let appeal = person.interest(content)
        * platform.content_fit[content.index()]
        * seen.quality
        * ctx.trend[content.index()]
        * ctx.insight_mult[person.segment];
    let mood = person.mood(p);

    if seen.source == Source::Ad {
        let click = platform.ad_ctr * appeal.min(p.ad_appeal_cap) * mood;
        if rng.chance(click) {
            out.counts.ad_clicks += 1;
            out.ad_clickers.push(person.index);
            person.touched(cause);
            if rng.chance(lead_chance(p, person)) {
                become_lead(person, today, cause, out);
            }
        }
        if !person.follows() && rng.chance(p.follow_per_exposure * p.ad_follow_factor * appeal * mood) {
            follow(person, p, today, cause, out);
        }
        return;
    }

    let engage = (platform.engagement
        * appeal
        * (1.0 + p.engage_boost_per_relationship * person.relationship)
        * mood
        * trust)
        .min(p.max_engage_chance);
    let engaged = rng.chance(engage);
    if engaged {
        out.counts.engagements += 1;
        person.story.engagements = person.story.engagements.saturating_add(1);
        // A reaction to a post the person really likes is a step closer
        // than a like given in passing: one-way bonds grow with fit.
        let fondness = appeal.min(p.one_way_appeal_cap);
        person.relationship = grow(
            person.relationship,
            (p.relationship_per_one_way * fondness).min(1.0),
        );
        person.raised(cause);
        person.sentiment = grow(person.sentiment, p.sentiment_per_engagement);
        let comment_share = if content == ContentType::Conversation {
            p.comment_share_conversation
        } else {
            p.comment_share_broadcast
        } * platform.conversation;
        if rng.chance(comment_share) {
            // A comment on a broadcast post is one-way too (only an answer
            // makes it two-way, and only two-way contact keeps a bond from
            // cooling), but a bigger step toward the brand than a like. An
            // answer to the brand's own question waits for the brand's reply:
            // that reply is what builds the bond.
            if content != ContentType::Conversation {
                person.relationship = grow(
                    person.relationship,
                    (p.relationship_per_comment * fondness).min(1.0),
                );
            }
            out.counts.comments += 1;
            person.story.comments = person.story.comments.saturating_add(1);
            if person.comment_since == 0 {
                person.comment_since = today;
                out.new_comments.push(person.index);
            }
        }
        if rng.chance(p.share_per_engagement * appeal.min(p.share_appeal_cap) * (1.0 + person.relationship)) {
            out.share(
                person.index,
                pack_post(seen.platform, content, seen.scheduled),
                false,
            );
        }
    }
    // An offer carries a call to action: following the link is easier than
    // writing a comment, so clicks come more often than reactions.
    if content == ContentType::Offer
        && rng.chance((engage * p.offer_click_per_engagement).min(p.max_offer_click_chance))
    {
        out.counts.offer_clicks += 1;
        person.touched(cause);
        if rng.chance(lead_chance(p, person)) {
            become_lead(person, today, cause, out);
        }
    }
    if !person.follows() {
        let warmth = if engaged { p.engaged_follow_warmth } else { 1.0 };
        let chance = p.follow_per_exposure
            * appeal
            * trust
            * (p.follow_awareness_base + person.awareness)
            * mood
            * warmth;
        if rng.chance(chance) {
            follow(person, p, today, cause, out);
        }
    }
}

/// Leads buy, customers turn advocates or lapse, advocates recommend.
pub fn funnel_step(person: &mut Person, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    let p = ctx.params;
    let today = ctx.today();
    match person.funnel {
        Funnel::None => {
            if person.follows() && person.relationship > 0.0 {
                let chance = p.inquiry_per_day * person.relationship * person.relationship * ctx.sales_speed;
                if rng.chance(chance) {
                    // They ask of their own accord: the last touch tipped it.
                    become_lead(person, today, person.last_touch(), out);
                    out.note(person, TraceStep::Funnel, Some(person.last_touch()));
                }
            }
        }
        Funnel::Lead => {
            // 1 + sentiment runs 0..2 over the sentiment scale.
            let chance = p.lead_conversion_per_day
                * ctx.sales_speed
                * (1.0 + p.conversion_boost_per_relationship * person.relationship)
                * (1.0 + person.sentiment).clamp(0.0, 2.0)
                * p.conversion_sentiment_scale
                // A happy customer of a rival is hard to win (markets only).
                * (1.0 - person.held);
            if rng.chance(chance) {
                person.funnel = Funnel::Customer;
                person.story.customer_day = today;
                out.counts.new_customers += 1;
                out.credit(Outcome::Customer, person.last_touch());
                out.note(person, TraceStep::Funnel, Some(person.last_touch()));
            }
        }
        Funnel::Customer | Funnel::Advocate => {
            // Unhappy customers lapse; so, slowly, do customers without a
            // bond, who have no reason to come back to this brand.
            let unhappy = person.sentiment < p.churn_sentiment && rng.chance(p.churn_per_day);
            let drifted =
                !unhappy && rng.chance(p.customer_lapse_per_day * (1.0 - person.relationship).max(0.0));
            if unhappy || drifted {
                let cause = if unhappy {
                    person.mood_cause()
                } else {
                    Cause::Drift
                };
                if person.funnel == Funnel::Advocate {
                    out.credit(Outcome::AdvocateLost, cause);
                }
                person.funnel = Funnel::None;
                person.flags |= flag::CHURNED;
                out.counts.churned_customers += 1;
                out.credit(Outcome::Lapse, cause);
                if unhappy && person.follows() {
                    unfollow(person, today, cause, out);
                }
                out.note(person, TraceStep::Funnel, Some(cause));
                return;
            }
            // Loyal customers buy again, the more so the closer the bond.
            let repeat = p.repeat_purchase_per_day
                * ctx.sales_speed
                * (1.0 + p.conversion_boost_per_relationship * person.relationship)
                * (1.0 + person.sentiment).clamp(0.0, 2.0)
                * p.conversion_sentiment_scale;
            if rng.chance(repeat) {
                out.counts.repeat_purchases += 1;
            }
            if person.funnel == Funnel::Customer
                && person.relationship >= p.advocate_relationship
                && person.sentiment >= p.advocate_sentiment
                && rng.chance(p.advocate_per_day)
            {
                person.funnel = Funnel::Advocate;
                out.credit(Outcome::Advocate, person.last_touch());
                out.note(person, TraceStep::Funnel, Some(person.last_touch()));
            } else if person.funnel == Funnel::Advocate && rng.chance(p.advocate_share_per_day) {
                // Advocates recommend the brand on a platform they use.
                let platform = person.platforms.trailing_zeros().min(LAST_PLATFORM) as u8;
                out.share(person.index, pack_item(platform, ContentType::Conversation), true);
                out.note(person, TraceStep::Funnel, Some(Cause::Recommendation));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::attribution::touch;
    use crate::sim::audience::Story;
    use crate::sim::rng::Stream;
    use crate::sim::scenario::Scenario;
    use crate::sim::types::CONTENT_TYPES;

    fn bakery() -> Scenario {
        Scenario::for_tests(10)
    }

    fn context(scenario: &Scenario) -> DayContext<'_> {
        DayContext {
            day: 3,
            seed: 9,
            params: &scenario.model,
            platforms: &scenario.platforms,
            posts: Vec::new(),
            live: None,
            insight_mult: vec![1.0; scenario.segments.len()],
            trend: [1.0; CONTENT_TYPES],
            sales_speed: 1.0,
            complaint_severity: 0.0,
            watch: None,
        }
    }

    /// A keen stranger who uses every platform.
    fn stranger() -> Person {
        Person {
            index: 0,
            segment: 0,
            platforms: 0xFF,
            interest: [255; CONTENT_TYPES],
            awareness: 0.5,
            relationship: 0.0,
            sentiment: 0.5,
            fatigue: 0.0,
            flags: 0,
            funnel: Funnel::None,
            comment_since: 0,
            last_contact: 0,
            story: Story::default(),
            reached: false,
            touch: 0,
            strong_before: false,
            raised_by: None,
            fell_by: None,
            held: 0.0,
        }
    }

    fn exposure(source: Source) -> Exposure {
        Exposure {
            platform: 0,
            content: ContentType::Offer,
            quality: 1.0,
            scheduled: false,
            source,
            cause: Cause::FeedPost,
        }
    }

    /// Meets the same content `times` times, a fresh person each time.
    fn meet(scenario: &Scenario, source: Source, times: u64) -> ChunkOut {
        let ctx = context(scenario);
        let mut out = ChunkOut::default();
        for n in 0..times {
            let mut rng = Rng::keyed(1, Stream::Agent, 0, n);
            react(&mut stranger(), exposure(source), &ctx, &mut rng, &mut out);
        }
        out
    }

    #[test]
    fn no_post_is_engaged_with_above_the_engagement_cap() {
        let mut scenario = bakery();
        scenario.platforms[0].engagement = 1.0;
        assert!(meet(&scenario, Source::Feed, 500).counts.engagements > 300);
        scenario.model.max_engage_chance = 0.0;
        let out = meet(&scenario, Source::Feed, 500);
        assert_eq!((out.counts.impressions, out.counts.engagements), (500, 0));
        assert_eq!(
            (out.counts.organic_impressions, out.counts.ad_impressions),
            (500, 0)
        );
    }

    #[test]
    fn an_ad_follows_at_its_share_of_a_posts_follow_chance() {
        let mut scenario = bakery();
        scenario.model.follow_per_exposure = 1.0;
        scenario.model.ad_follow_factor = 0.0;
        let out = meet(&scenario, Source::Ad, 500);
        assert_eq!((out.counts.new_followers, out.counts.engagements), (0, 0));
        assert_eq!(
            (out.counts.ad_impressions, out.counts.organic_impressions),
            (500, 0)
        );
        scenario.model.ad_follow_factor = 1.0;
        assert!(meet(&scenario, Source::Ad, 500).counts.new_followers > 100);
    }

    #[test]
    fn a_lead_buys_by_the_sentiment_scale() {
        let mut scenario = bakery();
        scenario.model.lead_conversion_per_day = 1.0;
        let buyers = |scenario: &Scenario| {
            let ctx = context(scenario);
            let mut out = ChunkOut::default();
            for n in 0..200 {
                let mut lead = Person {
                    funnel: Funnel::Lead,
                    ..stranger()
                };
                funnel_step(&mut lead, &ctx, &mut Rng::keyed(2, Stream::Agent, 0, n), &mut out);
            }
            out.counts.new_customers
        };
        // 1 x (1 + sentiment 0.5) x the scale: three in four at the default.
        let at_default = buyers(&scenario);
        assert!((120..180).contains(&at_default), "{at_default}");
        scenario.model.conversion_sentiment_scale = 1.0;
        assert_eq!(buyers(&scenario), 200);
        scenario.model.conversion_sentiment_scale = 0.0;
        assert_eq!(buyers(&scenario), 0);
    }

    /// `count` customers with a bond of `relationship` through one funnel
    /// step each (draws keyed by `key`); `check` sees each one after it.
    fn customers_after_a_day(
        scenario: &Scenario,
        relationship: f32,
        count: u64,
        key: u64,
        check: impl Fn(&Person),
    ) -> ChunkOut {
        let ctx = context(scenario);
        let mut out = ChunkOut::default();
        for n in 0..count {
            let mut customer = Person {
                funnel: Funnel::Customer,
                relationship,
                ..stranger()
            };
            funnel_step(
                &mut customer,
                &ctx,
                &mut Rng::keyed(key, Stream::Agent, 0, n),
                &mut out,
            );
            check(&customer);
        }
        out
    }

    #[test]
    fn customers_without_a_bond_drift_away_and_bonded_ones_stay() {
        let mut scenario = bakery();
        scenario.model.customer_lapse_per_day = 1.0;
        scenario.model.repeat_purchase_per_day = 0.0;
        let lapsed = |scenario: &Scenario, relationship: f32| {
            customers_after_a_day(scenario, relationship, 200, 3, |customer| {
                assert_eq!(
                    customer.funnel == Funnel::None,
                    customer.flags & flag::CHURNED != 0
                );
            })
            .counts
            .churned_customers
        };
        assert_eq!(lapsed(&scenario, 0.0), 200);
        let bonded = lapsed(&scenario, 0.9);
        assert!((5..45).contains(&bonded), "{bonded}");
        scenario.model.customer_lapse_per_day = 0.0;
        assert_eq!(lapsed(&scenario, 0.0), 0);
    }

    #[test]
    fn a_customer_buys_again_by_the_bond() {
        let mut scenario = bakery();
        scenario.model.customer_lapse_per_day = 0.0;
        scenario.model.repeat_purchase_per_day = 0.2;
        let repeats = |scenario: &Scenario, relationship: f32| {
            customers_after_a_day(scenario, relationship, 500, 4, |_| {})
                .counts
                .repeat_purchases
        };
        // 0.2 x (1 + sentiment 0.5) x 0.5: about 15% without a bond.
        let stranger_rate = repeats(&scenario, 0.0);
        assert!((45..110).contains(&stranger_rate), "{stranger_rate}");
        assert!(repeats(&scenario, 0.5) > 2 * stranger_rate);
        scenario.model.repeat_purchase_per_day = 0.0;
        assert_eq!(repeats(&scenario, 1.0), 0);
    }

    #[test]
    fn a_comment_builds_more_than_a_like_and_neither_is_contact() {
        let mut scenario = bakery();
        scenario.platforms[0].engagement = 1.0;
        let after = |scenario: &Scenario| {
            let ctx = context(scenario);
            let mut out = ChunkOut::default();
            let mut total = 0.0;
            for n in 0..300 {
                let mut fan = stranger();
                fan.flags |= flag::FOLLOWS;
                let seen = Exposure {
                    content: ContentType::Photo,
                    ..exposure(Source::Feed)
                };
                react(
                    &mut fan,
                    seen,
                    &ctx,
                    &mut Rng::keyed(5, Stream::Agent, 0, n),
                    &mut out,
                );
                assert_eq!(fan.last_contact, 0);
                total += fan.relationship;
            }
            (total, out.counts.comments)
        };
        let (with_comments, comments) = after(&scenario);
        assert!(comments > 0);
        scenario.model.relationship_per_comment = 0.0;
        let (likes_only, _) = after(&scenario);
        assert!(
            with_comments > 2.0 * likes_only,
            "{with_comments} vs {likes_only}"
        );
        scenario.model.one_way_appeal_cap = 0.0;
        assert_eq!(after(&scenario).0, 0.0);
    }

    #[test]
    fn a_purchase_goes_to_the_last_touch_and_a_lapse_to_what_soured_them() {
        let mut scenario = bakery();
        scenario.model.lead_conversion_per_day = 1.0;
        scenario.model.conversion_sentiment_scale = 1.0;
        scenario.model.churn_per_day = 1.0;
        let ctx = context(&scenario);
        let mut out = ChunkOut::default();
        let mut rng = Rng::keyed(6, Stream::Agent, 0, 0);
        let mut lead = Person {
            funnel: Funnel::Lead,
            touch: touch::with_last(0, Cause::Reply),
            ..stranger()
        };
        funnel_step(&mut lead, &ctx, &mut rng, &mut out);
        assert_eq!(lead.funnel, Funnel::Customer);
        assert_eq!(out.counts.attribution.get(Outcome::Customer, Cause::Reply), 1);
        let mut advocate = Person {
            funnel: Funnel::Advocate,
            flags: flag::FOLLOWS,
            sentiment: -1.0,
            touch: touch::with_soured_by(0, Some(Cause::ReviewStorm)),
            ..stranger()
        };
        funnel_step(&mut advocate, &ctx, &mut rng, &mut out);
        let a = &out.counts.attribution;
        for outcome in [Outcome::Lapse, Outcome::AdvocateLost, Outcome::Unfollow] {
            assert_eq!(a.get(outcome, Cause::ReviewStorm), 1, "{outcome:?}");
        }
        assert_eq!((out.counts.churned_customers, out.counts.unfollows), (1, 1));
        // Untouched by the game, a lead who buys is credited to how they stood.
        let mut untouched = Person {
            funnel: Funnel::Lead,
            ..stranger()
        };
        funnel_step(&mut untouched, &ctx, &mut rng, &mut out);
        assert_eq!(out.counts.attribution.get(Outcome::Customer, Cause::Start), 1);
    }
}
