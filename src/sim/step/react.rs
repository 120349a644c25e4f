//! One person's reactions to a piece of content: engage, comment, share,
//! click, follow; and following or leaving, which other steps share.

use super::super::attribution::{Cause, Outcome};
use super::super::audience::{Funnel, flag, pack_post};
use super::super::params::ModelParams;
use super::super::rng::Rng;
use super::super::trace::TraceStep;
use super::super::types::ContentType;
use super::today::{
    ChunkOut, DayContext, Exposure, Person, Source, grow, tone_bond, tone_clicks, tone_fatigue,
};

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
pub fn become_lead(person: &mut Person, today: u16, cause: Cause, out: &mut ChunkOut) {
    if person.funnel == Funnel::None {
        person.funnel = Funnel::Lead;
        person.story.lead_day = today;
        out.counts.new_leads += 1;
        // What the exposure that tipped it gave counts in what built them.
        person.account(cause);
        out.credit_stock(Outcome::Lead, cause, person);
        person.touched(cause);
    }
}

/// A click becomes a lead more often when the person already knows the
/// brand (and never without a call to action to follow).
fn lead_chance(ctx: &DayContext, person: &Person) -> f32 {
    let p = ctx.params;
    if !ctx.mechanisms.calls_to_action {
        return 0.0;
    }
    p.lead_per_click * (1.0 + p.lead_boost_per_awareness * person.awareness)
}

/// One person meets one piece of content (and the watched person's record
/// notes it).
pub fn react(person: &mut Person, seen: Exposure, ctx: &DayContext, rng: &mut Rng, out: &mut ChunkOut) {
    meet_content(person, seen, ctx, rng, out);
    person.account(seen.cause);
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
    let question = content == ContentType::Conversation;
    // Each exposure is counted once, as organic or as an ad.
    out.counts.impressions += 1;
    if seen.source == Source::Ad {
        out.counts.ad_impressions += 1;
    } else {
        out.counts.organic_impressions += 1;
        if question {
            out.counts.question_impressions += 1;
        } else {
            out.counts.post_impressions += 1;
        }
    }
    person.reached = true;
    person.story.posts_seen = person.story.posts_seen.saturating_add(1);
    if seen.source == Source::Ad || content == ContentType::Offer {
        person.flags |= flag::OFFERED;
    }
    let trust = if seen.source == Source::Friend {
        p.friend_trust
    } else {
        1.0
    };
    person.awareness = grow(person.awareness, (p.awareness_per_exposure * trust).min(1.0));
    if !question {
        let factor = if seen.scheduled {
            p.scheduled_fatigue_factor
        } else {
            1.0
        } * tone_fatigue(p, seen.tone);
        person.fatigue = grow(person.fatigue, (p.fatigue_per_broadcast * factor).min(1.0));
        // Being talked at when already tired sours the mood a little.
        person.sentiment -= p.sentiment_per_tiring_post * person.fatigue;
    }
    // An ad is always sales talk, and its click-through is calibrated on
    // ads as they are: its tone adds nothing to its appeal.
    let voice = if seen.source == Source::Ad {
        1.0
    } else {
        super::tone_fit(person, ctx, seen.platform, seen.tone)
    };
    let appeal = person.interest(content)
        * platform.content_fit[content.index()]
        * seen.quality
        * ctx.trend[content.index()]
        * voice;
    let mood = person.mood(p);

    if seen.source == Source::Ad {
        let click = platform.ad_ctr * appeal.min(p.ad_appeal_cap) * mood;
        if rng.chance(click) {
            out.counts.ad_clicks += 1;
            out.ad_clickers.push(person.index);
            person.touched(cause);
            if rng.chance(lead_chance(ctx, person)) {
                become_lead(person, today, cause, out);
            }
        }
        if !person.follows() && rng.chance(p.follow_per_exposure * p.ad_follow_factor * appeal * mood) {
            follow(person, p, today, cause, out);
        }
        return;
    }

    let familiar = if ctx.mechanisms.ranking_by_bond {
        1.0 + p.engage_boost_per_relationship * person.relationship
    } else {
        1.0
    };
    let engage = (platform.engagement * appeal * familiar * mood * trust).min(p.max_engage_chance);
    let engaged = rng.chance(engage);
    if engaged {
        out.counts.engagements += 1;
        if !question {
            out.counts.post_engagements += 1;
        }
        person.story.engagements = person.story.engagements.saturating_add(1);
        person.sentiment = grow(person.sentiment, p.sentiment_per_engagement);
        let comment_share = if question {
            p.comment_share_conversation
        } else {
            p.comment_share_broadcast
        } * platform.conversation;
        // One gesture, one step closer: a comment (writing to the brand) or
        // a reaction. Either is one-way until the brand answers.
        let (bond, commented) = if rng.chance(comment_share) {
            (p.relationship_per_comment, true)
        } else {
            (p.relationship_per_reaction, false)
        };
        person.relationship = grow(person.relationship, (bond * tone_bond(p, seen.tone)).min(1.0));
        person.raised(cause);
        if !ctx.mechanisms.one_way_fades {
            // Every gesture holds a bond as an exchange does (a control).
            person.last_contact = today;
        }
        if commented {
            out.counts.comments += 1;
            if question {
                out.counts.question_comments += 1;
            }
            person.story.comments = person.story.comments.saturating_add(1);
            // Every comment waits for the brand's answer.
            if person.comment_since == 0 {
                person.comment_since = today;
                person.comment_platform = seen.platform;
                out.new_comments.push((person.index, seen.platform));
            }
        }
        if ctx.mechanisms.posts_travel
            && rng
                .chance(p.share_per_engagement * appeal.min(p.share_appeal_cap) * (1.0 + person.relationship))
        {
            out.share(
                person.index,
                pack_post(seen.platform, content, seen.tone, seen.scheduled),
                false,
            );
        }
    }
    // An offer carries a call to action: following the link is easier than
    // writing a comment, so clicks come more often than reactions. Sales
    // talk asks for the click more plainly.
    if content == ContentType::Offer
        && rng.chance(
            (engage * p.offer_click_per_engagement * tone_clicks(p, seen.tone)).min(p.max_offer_click_chance),
        )
    {
        out.counts.offer_clicks += 1;
        person.touched(cause);
        if rng.chance(lead_chance(ctx, person)) {
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

#[cfg(test)]
mod tests {
    use super::super::today::testing::{context, stranger};
    use super::*;
    use crate::sim::rng::Stream;
    use crate::sim::scenario::Scenario;
    use crate::sim::types::Tone;

    fn bakery() -> Scenario {
        Scenario::for_tests(10)
    }

    fn exposure(source: Source) -> Exposure {
        Exposure {
            platform: 0,
            content: ContentType::Offer,
            tone: Tone::Informative,
            quality: 1.0,
            scheduled: false,
            source,
            cause: Cause::FeedPost,
        }
    }

    /// Meets the same content `times` times, a fresh person each time.
    fn meet_as(scenario: &Scenario, seen: Exposure, times: u64, person: Person) -> (ChunkOut, f32) {
        let ctx = context(scenario);
        let mut out = ChunkOut::default();
        let mut bond = 0.0;
        for n in 0..times {
            let mut rng = Rng::keyed(1, Stream::Agent, 0, n);
            let mut someone = person;
            react(&mut someone, seen, &ctx, &mut rng, &mut out);
            assert_eq!(
                someone.last_contact, 0,
                "content is never a reciprocated exchange"
            );
            bond += someone.relationship;
        }
        (out, bond)
    }

    fn meet(scenario: &Scenario, source: Source, times: u64) -> ChunkOut {
        meet_as(scenario, exposure(source), times, stranger()).0
    }

    #[test]
    fn an_offer_or_an_ad_shows_what_there_is_to_buy_and_other_posts_do_not() {
        let scenario = bakery();
        let ctx = context(&scenario);
        let seen_by = |content, source| {
            let mut person = stranger();
            let seen = Exposure {
                content,
                ..exposure(source)
            };
            let mut rng = Rng::keyed(1, Stream::Agent, 0, 0);
            react(&mut person, seen, &ctx, &mut rng, &mut ChunkOut::default());
            person.flags & flag::OFFERED != 0
        };
        assert!(seen_by(ContentType::Offer, Source::Feed));
        assert!(seen_by(ContentType::Photo, Source::Ad));
        assert!(!seen_by(ContentType::Photo, Source::Feed));
        assert!(!seen_by(ContentType::Conversation, Source::Feed));
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
        assert_eq!(
            (out.counts.post_impressions, out.counts.question_impressions),
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
    fn a_comment_and_a_like_are_one_step_each_and_the_comment_waits() {
        let mut scenario = bakery();
        scenario.platforms[0].engagement = 1.0;
        let fan = Person {
            flags: flag::FOLLOWS,
            ..stranger()
        };
        let seen = Exposure {
            content: ContentType::Photo,
            ..exposure(Source::Feed)
        };
        let (out, with_comments) = meet_as(&scenario, seen, 400, fan);
        assert!(out.counts.comments > 0 && out.counts.comments < out.counts.engagements);
        assert_eq!(out.new_comments.len() as u64, out.counts.comments);
        scenario.model.relationship_per_comment = scenario.model.relationship_per_reaction;
        let (_, likes_only) = meet_as(&scenario, seen, 400, fan);
        assert!(with_comments > likes_only, "{with_comments} vs {likes_only}");
        scenario.model.relationship_per_comment = 0.0;
        scenario.model.relationship_per_reaction = 0.0;
        assert_eq!(meet_as(&scenario, seen, 400, fan).1, 0.0);
    }

    /// A follower who stood at nothing before the game.
    fn newcomer() -> Person {
        Person {
            flags: flag::FOLLOWS,
            awareness: 0.0,
            counted: [0.0, 0.0],
            pending: None,
            ..stranger()
        }
    }

    /// Credits a strong relationship and a lead to `person` as they stand.
    fn credit_stocks(person: &Person) -> crate::sim::Attribution {
        let mut out = ChunkOut::default();
        out.credit_stock(Outcome::StrongGained, Cause::FeedPost, person);
        out.credit_stock(Outcome::Lead, Cause::FeedPost, person);
        out.counts.attribution
    }

    #[test]
    fn a_person_moved_by_one_cause_gives_it_all_the_credit() {
        let mut scenario = bakery();
        scenario.platforms[0].engagement = 1.0;
        let ctx = context(&scenario);
        let mut out = ChunkOut::default();
        let mut person = newcomer();
        for n in 0..40 {
            let mut rng = Rng::keyed(1, Stream::Agent, 0, n);
            react(&mut person, exposure(Source::Feed), &ctx, &mut rng, &mut out);
        }
        assert!(person.relationship > 0.3, "{}", person.relationship);
        let a = credit_stocks(&person);
        for outcome in [Outcome::StrongGained, Outcome::Lead] {
            assert_eq!(
                a.contributions_of(outcome),
                [(Cause::FeedPost, crate::sim::CONTRIBUTION_UNIT as u64)]
            );
            assert_eq!(a.contributed(outcome, Cause::FeedPost), 1.0);
        }
    }

    #[test]
    fn a_bond_built_by_conversation_gives_posts_no_credit_for_it() {
        let mut talkative = bakery();
        talkative.platforms[0].engagement = 1.0;
        let mut unmoved = bakery();
        unmoved.platforms[0].engagement = 0.0;
        let (talk, posts) = (context(&talkative), context(&unmoved));
        let question = Exposure {
            content: ContentType::Conversation,
            cause: Cause::ConversationStarter,
            ..exposure(Source::Feed)
        };
        let mut out = ChunkOut::default();
        let mut person = newcomer();
        for n in 0..40 {
            let mut rng = Rng::keyed(1, Stream::Agent, 0, n);
            // A post they see and let pass (it only makes them know the
            // brand better), then the brand's question they answer.
            react(&mut person, exposure(Source::Feed), &posts, &mut rng, &mut out);
            react(&mut person, question, &talk, &mut rng, &mut out);
        }
        assert!(person.relationship > 0.3, "{}", person.relationship);
        let a = credit_stocks(&person);
        // The post tipped nothing it did not build: none of the bond is its.
        assert_eq!(
            a.contributions_of(Outcome::StrongGained),
            [(Cause::ConversationStarter, 200)]
        );
        assert_eq!(a.contributed(Outcome::StrongGained, Cause::FeedPost), 0.0);
        // Yet it made them know the brand: a share of their warmth.
        let warmth = a.contributed(Outcome::Lead, Cause::FeedPost);
        assert!(warmth > 0.1 && warmth < 0.9, "{warmth}");
        assert_eq!(
            a.get(Outcome::StrongGained, Cause::FeedPost),
            1,
            "last touch kept"
        );
    }

    #[test]
    fn a_sales_pitch_draws_more_clicks_and_builds_less() {
        let mut scenario = bakery();
        scenario.platforms[0].engagement = 0.3;
        let seen = |tone| Exposure {
            tone,
            ..exposure(Source::Feed)
        };
        let fan = Person {
            flags: flag::FOLLOWS,
            ..stranger()
        };
        let (pitch, pitch_bond) = meet_as(&scenario, seen(Tone::Promotional), 2000, fan);
        let (help, help_bond) = meet_as(&scenario, seen(Tone::Informative), 2000, fan);
        assert!(pitch.counts.offer_clicks > help.counts.offer_clicks);
        assert!(pitch_bond < help_bond);
    }
}
