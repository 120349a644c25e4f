//! Every tunable number of the agent rules, with its default. `docs/MODEL.md`
//! explains each one and the claim it serves. A scenario may override any of
//! them in its `model: ( ... )` block.
//!
//! The fields are declared once, in the table of `model_params!` below: each
//! with its doc, type, default and range check (`unit`: a probability or share
//! in [0, 1]; `positive`: finite and non-negative, may exceed 1; `free`: checked
//! elsewhere or not at all). Adding a rule number is adding one line there.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Builds `ModelParams`, its `Default`, its `Debug` and the range-check lists
/// from one table. `Debug` prints every field in table order: a scenario's
/// content hash in saves and replays is taken over that text, so it changes
/// with the model version (model 3 began a new text).
macro_rules! model_params {
    ( $( $(#[doc = $doc:literal])* $name:ident : $ty:ty = $default:expr, $check:ident; )* ) => {
        /// The numbers of the agent rules; see the module doc.
        #[derive(Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ModelParams {
            $( $(#[doc = $doc])* pub $name: $ty, )*
        }

        impl Default for ModelParams {
            fn default() -> Self {
                ModelParams {
                    $( $name: $default, )*
                }
            }
        }

        impl fmt::Debug for ModelParams {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut out = f.debug_struct("ModelParams");
                $( out.field(stringify!($name), &self.$name); )*
                out.finish()
            }
        }

        impl ModelParams {
            /// Names of fields that hold a probability or share and must lie in [0, 1].
            pub fn unit_fields(&self) -> Vec<(&'static str, f32)> {
                let fields: [Option<(&'static str, f32)>; _] = [
                    $( model_params!(@pick unit $check, stringify!($name), self.$name), )*
                ];
                fields.into_iter().flatten().collect()
            }

            /// Fields that must be finite and non-negative but may exceed 1.
            pub fn positive_fields(&self) -> Vec<(&'static str, f32)> {
                let fields: [Option<(&'static str, f32)>; _] = [
                    $( model_params!(@pick positive $check, stringify!($name), self.$name), )*
                ];
                fields.into_iter().flatten().collect()
            }

            /// The name of every field, in table order.
            pub const NAMES: &'static [&'static str] = &[
                $( stringify!($name), )*
            ];

            /// A field's value by name, as a float (for sweeps and tables).
            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $( stringify!($name) => Some(ParamValue::to_f64(self.$name)), )*
                    _ => None,
                }
            }

            /// Sets a field by name from a float (whole-number fields are
            /// rounded). Returns false for an unknown name.
            pub fn set(&mut self, name: &str, value: f64) -> bool {
                match name {
                    $( stringify!($name) => self.$name = ParamValue::from_f64(value), )*
                    _ => return false,
                }
                true
            }
        }
    };
    (@pick unit unit, $name:expr, $value:expr) => { Some(($name, $value)) };
    (@pick positive positive, $name:expr, $value:expr) => { Some(($name, $value)) };
    (@pick $wanted:ident $check:ident, $name:expr, $value:expr) => { None };
}

/// A rule number read and written as a float by name.
trait ParamValue: Copy {
    fn to_f64(self) -> f64;
    fn from_f64(value: f64) -> Self;
}

impl ParamValue for f32 {
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn from_f64(value: f64) -> Self {
        value as f32
    }
}

impl ParamValue for u16 {
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn from_f64(value: f64) -> Self {
        value.round().clamp(0.0, u16::MAX as f64) as u16
    }
}

impl ParamValue for u32 {
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn from_f64(value: f64) -> Self {
        value.round().clamp(0.0, u32::MAX as f64) as u32
    }
}

model_params! {
    // --- awareness and attention ---
    /// Awareness gained per exposure to the brand (0..1 scale).
    awareness_per_exposure: f32 = 0.25, unit;
    /// Awareness kept per day without exposure.
    awareness_keep_per_day: f32 = 0.995, unit;
    /// Awareness above which a stranger counts as aware.
    aware_threshold: f32 = 0.2, unit;

    // --- broadcasting ---
    /// Fatigue added by each broadcast exposure (posts, scheduled posts, ads).
    fatigue_per_broadcast: f32 = 0.06, unit;
    /// Extra fatigue factor for automated (scheduled) posts.
    scheduled_fatigue_factor: f32 = 1.25, positive;
    /// Fatigue kept per day (the rest wears off).
    fatigue_keep_per_day: f32 = 0.85, unit;
    /// Organic reach boost for followers with a relationship (platform
    /// ranking favours accounts people interact with).
    reach_boost_per_relationship: f32 = 2.0, positive;
    /// Quality factor of an automated post compared with a hand-made one.
    scheduled_quality: f32 = 0.85, unit;
    /// Followers on a platform at which the platform shows a brand's posts
    /// to strangers at half its full rate: discovery is multiplied by
    /// followers / (followers + this). A new account with no following is
    /// shown to almost nobody beyond the people it is connected with.
    social_proof_followers: f32 = 100.0, free;

    // --- reactions to content ---
    /// How much relationship raises the chance of engaging with a post.
    engage_boost_per_relationship: f32 = 1.0, positive;
    /// Chance that an engagement with a broadcast post is a comment, times
    /// the platform's conversation affordance.
    comment_share_broadcast: f32 = 0.2, unit;
    /// The same for a conversation starter (question, poll, hot topic).
    comment_share_conversation: f32 = 0.45, unit;
    /// Chance that an engagement is also a share, times appeal.
    share_per_engagement: f32 = 0.06, unit;
    /// Base chance that an exposed non-follower follows, times appeal.
    follow_per_exposure: f32 = 0.04, unit;
    /// How much more a friend's share is trusted than the brand's own post.
    friend_trust: f32 = 2.5, positive;
    /// Daily unfollow hazard at full fatigue, for a follower with no bond.
    unfollow_at_full_fatigue: f32 = 0.03, unit;
    /// Extra unfollow hazard per point of negative sentiment.
    unfollow_per_negative_sentiment: f32 = 0.02, unit;
    /// Sentiment lost per broadcast exposure, times the person's fatigue.
    sentiment_per_tiring_post: f32 = 0.03, unit;
    /// Sentiment gained from an engagement the person enjoyed.
    sentiment_per_engagement: f32 = 0.01, unit;
    /// Lowest sentiment factor of a person's mood (1 + sentiment, which
    /// runs 0..2): even an unhappy person reacts a little.
    mood_floor: f32 = 0.2, unit;
    /// Highest chance of engaging with one post, however appealing.
    max_engage_chance: f32 = 0.95, unit;
    /// Appeal above which a post is no more likely to be shared.
    share_appeal_cap: f32 = 2.0, positive;
    /// How much likelier a non-follower who engaged with a post is to follow.
    engaged_follow_warmth: f32 = 3.0, positive;
    /// The base of the awareness factor on following (base + awareness):
    /// strangers follow too, people who know the brand more readily.
    follow_awareness_base: f32 = 0.5, positive;
    /// Awareness of a person at least once they follow.
    follow_awareness: f32 = 0.5, unit;
    /// Chance to follow from an ad, as a share of the chance from a post.
    ad_follow_factor: f32 = 0.1, positive;

    // --- bonds: one increment per exchange ---
    /// Relationship gained when a person reacts to the brand's content (a
    /// like): a one-way gesture.
    relationship_per_reaction: f32 = 0.05, unit;
    /// Relationship gained when a person writes to the brand (a comment, or
    /// an answer to the brand's comment on their post).
    relationship_per_comment: f32 = 0.08, unit;
    /// Relationship gained when the brand answers a person's comment.
    relationship_per_reply: f32 = 0.12, unit;
    /// Relationship gained when the brand comments on a person's own post.
    relationship_per_push: f32 = 0.12, unit;
    /// Relationship gained by taking part in a live session.
    relationship_per_live: f32 = 0.15, unit;
    /// Relationship kept per day once the grace after the last reciprocated
    /// exchange has passed (a bond never reciprocated fades at
    /// `one_way_keep_per_day` instead, from the day it was last stored).
    relationship_keep_per_day: f32 = 0.99, unit;
    /// Days a reciprocated exchange holds a bond before it starts to cool.
    relationship_grace_days: u16 = 7, free;
    /// Relationship kept per day by a one-sided attachment: a bond no
    /// exchange ever went both ways on (reactions, unanswered comments,
    /// the brand's comments nobody answered).
    one_way_keep_per_day: f32 = 0.95, unit;
    /// Chance that a person the brand commented on answers it (times the
    /// platform's `conversation` and their warmth): what makes the
    /// brand's comment an exchange.
    push_response: f32 = 0.5, unit;
    /// How much of an exchange's bond survives on a platform with no room
    /// for conversation: replies, comments on people's posts and live
    /// sessions bond by base + (1 - base) x the platform's conversation.
    room_base: f32 = 0.5, unit;
    /// Relationship at or above which a bond counts as strong.
    strong_threshold: f32 = 0.5, unit;
    /// Relationship above which a follower counts as engaged.
    engaged_threshold: f32 = 0.2, unit;

    // --- whom the brand talks with again ---
    /// People the brand remembers having talked with (the most recent).
    contact_memory_size: u32 = 60, free;
    /// Chance that a comment aimed at followers or a segment goes back to
    /// someone the brand remembers (if any fits) rather than someone new.
    contact_recall: f32 = 0.8, unit;

    // --- conversation ---
    /// Sentiment gained when the brand answers a person's comment.
    sentiment_per_reply: f32 = 0.12, unit;
    /// Days a comment may wait before it counts as unanswered.
    reply_patience_days: u16 = 3, free;
    /// Sentiment lost by a person whose comment went unanswered.
    sentiment_per_unanswered: f32 = 0.25, unit;
    /// Relationship lost by a person whose comment went unanswered.
    relationship_per_unanswered: f32 = 0.08, unit;
    /// Chance that an ignored commenter unfollows on the spot.
    unfollow_when_ignored: f32 = 0.15, unit;
    /// Chance that a person the brand engaged with follows back.
    follow_back: f32 = 0.15, unit;
    /// Chance that a person the brand engaged with shares the brand onward.
    push_reciprocal_share: f32 = 0.06, unit;
    /// Sentiment gained when the brand comments on a person's own post, in
    /// engagements' worth (times `sentiment_per_engagement`).
    push_sentiment_factor: f32 = 3.0, positive;
    /// Awareness of a person at least once the brand commented on their post.
    push_awareness: f32 = 0.6, unit;
    /// The base of a pushed person's warmth (base + interest in
    /// conversation), which multiplies answering, following back and sharing.
    push_warmth_base: f32 = 0.5, positive;
    /// Base chance a follower joins a live session (times interest).
    live_attendance: f32 = 0.25, unit;
    /// The base of the relationship factor on joining a live session
    /// (base + relationship): strangers to the brand join too, friends more.
    live_attendance_base: f32 = 0.5, positive;
    /// How much likelier a live attendee is to share than an ordinary
    /// engagement (times `share_per_engagement`).
    live_share_factor: f32 = 2.0, positive;
    /// Sentiment drifts toward neutral by this share per day.
    sentiment_drift_per_day: f32 = 0.01, unit;

    // --- an open image ---
    /// Chance that a friend of a commenter who uses the platform sees the
    /// brand's public answer (or the comment left unanswered), times the
    /// platform's `conversation`.
    onlooker_reach: f32 = 0.1, unit;
    /// Sentiment an onlooker gains on seeing the brand answer someone.
    sentiment_per_answer_seen: f32 = 0.02, unit;
    /// Sentiment an onlooker loses on seeing a comment left unanswered.
    sentiment_per_ignored_seen: f32 = 0.03, unit;

    // --- tone ---
    /// Bond of an exchange in a personal tone, relative to an informative one.
    tone_bond_personal: f32 = 1.15, positive;
    /// Bond of an exchange in a promotional tone, relative to an informative one.
    tone_bond_promotional: f32 = 0.5, positive;
    /// Clicks on an offer or ad in a promotional tone, relative to informative.
    tone_click_promotional: f32 = 1.5, positive;
    /// Clicks in a personal tone, relative to informative.
    tone_click_personal: f32 = 0.85, positive;
    /// Fatigue of a promotional post, relative to an informative one.
    tone_fatigue_promotional: f32 = 1.3, positive;

    // --- listening: what the brand believes about each segment ---
    /// How far a research hour moves the brand's beliefs about every
    /// segment toward what the segment really likes (a share of the gap).
    insight_per_research_hour: f32 = 0.25, unit;
    /// How much faster research focused on one segment learns about it.
    focused_research_factor: f32 = 3.0, positive;
    /// How far one conversation (an answer, a comment on someone's post)
    /// moves the belief about that person's segment toward what that person
    /// likes: a sample of one.
    learn_per_conversation: f32 = 0.04, unit;
    /// How far one ad click moves the belief about the clicker's segment's
    /// taste for offers toward the clicker's own.
    learn_per_click: f32 = 0.01, unit;
    /// Confidence in what the brand knows of a segment kept per week (it
    /// only says how recent the knowledge is; beliefs stay).
    insight_keep_per_week: f32 = 0.97, unit;

    // --- the funnel ---
    /// Clicks on an offer's call to action per reaction to an ordinary post.
    offer_click_per_engagement: f32 = 4.0, positive;
    /// Highest chance of clicking an offer's call to action.
    max_offer_click_chance: f32 = 0.95, unit;
    /// Chance a click on an offer or ad turns into a lead (landing page).
    lead_per_click: f32 = 0.09, unit;
    /// How much likelier a click is to become a lead per point of awareness
    /// (the chance is `lead_per_click` times 1 + this x awareness).
    lead_boost_per_awareness: f32 = 1.5, positive;
    /// Daily chance that a follower with a relationship asks to buy (a lead
    /// that came through the relationship), times relationship squared,
    /// once they have seen an offer or an ad from the brand.
    inquiry_per_day: f32 = 0.002, unit;
    /// The share of that chance for a follower who has never seen an offer
    /// or an ad from the brand: nothing told them what to buy or how.
    inquiry_unprompted: f32 = 0.2, unit;
    /// Daily chance a lead buys, before relationship and sentiment.
    lead_conversion_per_day: f32 = 0.03, unit;
    /// Daily chance a lead who has not bought goes cold, times 1 - bond.
    lead_cooling_per_day: f32 = 0.03, unit;
    /// How much relationship multiplies a lead's chance to buy.
    conversion_boost_per_relationship: f32 = 4.0, positive;
    /// Scales the sentiment factor of a lead's chance to buy (1 + sentiment,
    /// 0..2): at 0.5 a neutral lead buys at half the base rate.
    conversion_sentiment_scale: f32 = 0.5, positive;
    /// Relationship a customer needs to become an advocate.
    advocate_relationship: f32 = 0.55, unit;
    /// Sentiment a customer needs to become an advocate.
    advocate_sentiment: f32 = 0.3, free;
    /// Daily chance a qualifying customer becomes an advocate.
    advocate_per_day: f32 = 0.05, unit;
    /// Daily chance an advocate recommends the brand to friends.
    advocate_share_per_day: f32 = 0.08, unit;
    /// Sentiment below which customers lapse (churn).
    churn_sentiment: f32 = -0.3, free;
    /// Daily chance a customer below the churn sentiment lapses.
    churn_per_day: f32 = 0.03, unit;
    /// Daily chance a customer buys again, before relationship, sentiment
    /// and the scenario's sales speed.
    repeat_purchase_per_day: f32 = 0.01, unit;
    /// Revenue of a repeat purchase, as a share of the customer value.
    repeat_purchase_value: f32 = 0.5, positive;
    /// Daily chance a customer without a bond drifts away (times
    /// 1 - relationship): bonded customers stay.
    customer_lapse_per_day: f32 = 0.008, unit;
    /// Chance that someone who buys for the first time follows the brand
    /// (if they do not yet): customers come to the brand's own pages.
    follow_after_purchase: f32 = 0.4, unit;

    // --- the audience on day one ---
    /// Lowest individual taste, as a multiple of the segment's mean interest.
    taste_spread_low: f32 = 0.4, positive;
    /// Width of the individual taste range: a person's taste lies between
    /// `taste_spread_low` and `taste_spread_low + taste_spread_width` times the mean.
    taste_spread_width: f32 = 1.2, positive;
    /// Lowest individual chance to be online, as a multiple of the
    /// segment's; the range is one wide (x0.5..x1.5 by default).
    online_spread_low: f32 = 0.5, positive;
    /// Width of the initial sentiment spread, centred on the segment's.
    initial_sentiment_spread: f32 = 0.2, positive;
    /// Awareness of a person who follows the brand on day one.
    initial_follower_awareness: f32 = 0.6, unit;
    /// Highest relationship of a day-one follower (drawn from 0 up to this).
    initial_follower_relationship: f32 = 0.05, unit;
    /// Awareness of a person who knows the brand on day one without following it.
    initial_known_awareness: f32 = 0.3, unit;

    // --- who hears whom ---
    /// Chance that a new tie goes to an earlier joiner picked uniformly
    /// rather than by popularity; a little mixing keeps newcomers reachable.
    uniform_tie_chance: f32 = 0.1, unit;
    /// People per influencer: the audience divided by this is how many of
    /// the most connected people the brand can approach as influencers.
    people_per_influencer: u32 = 50, free;
    /// Most influencers the brand keeps on its list.
    max_influencers: u32 = 2000, free;

    // --- connection requests ---
    /// Chance a person accepts the brand's connection request, times
    /// `connect_accept_base` + awareness.
    connect_accept: f32 = 0.4, unit;
    /// The base of the awareness factor on accepting a request: strangers
    /// accept too, people who know the brand more readily.
    connect_accept_base: f32 = 0.75, positive;

    // --- scripted events ---
    /// Share of a review storm's severity that a complainer's friends feel.
    complaint_friend_severity: f32 = 0.3, unit;

    // --- ads ---
    /// Ad click-through is capped at this multiple of the platform base.
    ad_appeal_cap: f32 = 2.5, positive;
    /// Most ad impressions one person meets in a week, over all the
    /// brand's campaigns (a platform's frequency cap); never more than one a day.
    ad_frequency_cap: u32 = 2, free;
    /// How much dearer a thousand impressions get as the campaign's reachable
    /// pool is used up: the price is the platform's CPM times 1 + this x the
    /// share of the pool already at the frequency cap this week.
    ad_saturation_cost: f32 = 2.0, positive;
}

impl ModelParams {
    /// Reciprocated exchanges (the brand's gesture, the person's answer)
    /// that take a bond from `start` to strong with nothing lost between
    /// them, at full room and in an informative tone: what the coach and
    /// the advice say a strong bond takes.
    pub fn exchanges_for_strong_bond(&self, start: f32) -> u32 {
        let brand = self
            .relationship_per_reply
            .min(self.relationship_per_push)
            .clamp(0.0, 1.0);
        let person = self.relationship_per_comment.clamp(0.0, 1.0);
        let threshold = self.strong_threshold.clamp(0.0, 1.0);
        let mut relationship = start;
        let mut exchanges = 0;
        while relationship < threshold && exchanges < 100 {
            relationship += brand * (1.0 - relationship);
            relationship += person * (1.0 - relationship);
            exchanges += 1;
        }
        exchanges
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strong_bond_takes_the_exchanges_the_numbers_say() {
        let mut params = ModelParams::default();
        // 0.12 then 0.08 a exchange toward 0.5: 0.19, 0.35, 0.47, 0.57.
        assert_eq!(params.exchanges_for_strong_bond(0.0), 4);
        assert_eq!(params.exchanges_for_strong_bond(0.95), 0);
        params.relationship_per_push = 0.5;
        params.relationship_per_reply = 0.5;
        assert_eq!(params.exchanges_for_strong_bond(0.0), 1);
        params.relationship_per_reply = 0.0;
        params.relationship_per_comment = 0.0;
        assert_eq!(params.exchanges_for_strong_bond(0.0), 100);
    }

    #[test]
    fn debug_names_every_field_in_table_order() {
        let text = format!("{:?}", ModelParams::default());
        let mut at = 0;
        for name in ModelParams::NAMES {
            let found = text[at..].find(&format!("{name}: ")).expect(name);
            at += found;
        }
        let changed = ModelParams {
            max_engage_chance: 0.9,
            ..ModelParams::default()
        };
        assert!(format!("{changed:?}").contains("max_engage_chance: 0.9,"));
    }

    #[test]
    fn every_f32_field_but_the_sentiment_levels_is_range_checked() {
        let params = ModelParams::default();
        let unit = params.unit_fields();
        let positive = params.positive_fields();
        for (name, value) in &unit {
            assert!((0.0..=1.0).contains(value), "{name} = {value}");
        }
        for (name, value) in &positive {
            assert!(value.is_finite() && *value >= 0.0, "{name} = {value}");
        }
        // Every field is checked but the whole-number ones (day counts,
        // sizes, the cap) and the two sentiment levels, which may be negative.
        let free = [
            "social_proof_followers",
            "relationship_grace_days",
            "contact_memory_size",
            "reply_patience_days",
            "advocate_sentiment",
            "churn_sentiment",
            "people_per_influencer",
            "max_influencers",
            "ad_frequency_cap",
        ];
        assert_eq!(unit.len() + positive.len(), ModelParams::NAMES.len() - free.len());
        assert!(
            unit.iter()
                .chain(&positive)
                .all(|(name, _)| *name != "churn_sentiment" && *name != "advocate_sentiment")
        );
    }
}
