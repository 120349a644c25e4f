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
/// from one table. The `version_1` fields are those of model version 1 and
/// are always printed by `Debug`; an `added` field is printed only when it
/// differs from its default, so the `Debug` text of a scenario that uses only
/// version-1 fields (the scenario's content hash in saves and replays) stays
/// the same as before the field existed.
macro_rules! model_params {
    (
        version_1 { $( $(#[doc = $doc:literal])* $name:ident : $ty:ty = $default:expr, $check:ident; )* }
        added { $( $(#[doc = $added_doc:literal])* $added:ident : $added_ty:ty = $added_default:expr, $added_check:ident; )* }
    ) => {
        /// The numbers of the agent rules; see the module doc.
        #[derive(Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ModelParams {
            $( $(#[doc = $doc])* pub $name: $ty, )*
            $( $(#[doc = $added_doc])* pub $added: $added_ty, )*
        }

        impl Default for ModelParams {
            fn default() -> Self {
                ModelParams {
                    $( $name: $default, )*
                    $( $added: $added_default, )*
                }
            }
        }

        impl fmt::Debug for ModelParams {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut out = f.debug_struct("ModelParams");
                $( out.field(stringify!($name), &self.$name); )*
                let default = ModelParams::default();
                $(
                    if self.$added != default.$added {
                        out.field(stringify!($added), &self.$added);
                    }
                )*
                out.finish()
            }
        }

        impl ModelParams {
            /// Names of fields that hold a probability or share and must lie in [0, 1].
            pub fn unit_fields(&self) -> Vec<(&'static str, f32)> {
                let fields: [Option<(&'static str, f32)>; _] = [
                    $( model_params!(@pick unit $check, stringify!($name), self.$name), )*
                    $( model_params!(@pick unit $added_check, stringify!($added), self.$added), )*
                ];
                fields.into_iter().flatten().collect()
            }

            /// Fields that must be finite and non-negative but may exceed 1.
            pub fn positive_fields(&self) -> Vec<(&'static str, f32)> {
                let fields: [Option<(&'static str, f32)>; _] = [
                    $( model_params!(@pick positive $check, stringify!($name), self.$name), )*
                    $( model_params!(@pick positive $added_check, stringify!($added), self.$added), )*
                ];
                fields.into_iter().flatten().collect()
            }

            /// The name of every field, in table order.
            pub const NAMES: &'static [&'static str] = &[
                $( stringify!($name), )*
                $( stringify!($added), )*
            ];

            /// A field's value by name, as a float (for sweeps and tables).
            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $( stringify!($name) => Some(ParamValue::to_f64(self.$name)), )*
                    $( stringify!($added) => Some(ParamValue::to_f64(self.$added)), )*
                    _ => None,
                }
            }

            /// Sets a field by name from a float (whole-number fields are
            /// rounded). Returns false for an unknown name.
            pub fn set(&mut self, name: &str, value: f64) -> bool {
                match name {
                    $( stringify!($name) => self.$name = ParamValue::from_f64(value), )*
                    $( stringify!($added) => self.$added = ParamValue::from_f64(value), )*
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
    version_1 {
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

        // --- reactions to content ---
        /// How much relationship raises the chance of engaging with a post.
        engage_boost_per_relationship: f32 = 3.0, positive;
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
        /// Relationship gained from a one-way reaction (a like on a post), times
        /// its appeal up to `one_way_appeal_cap`.
        relationship_per_one_way: f32 = 0.004, unit;
        /// Sentiment lost per broadcast exposure, times the person's fatigue.
        sentiment_per_tiring_post: f32 = 0.03, unit;
        /// Sentiment gained from an engagement the person enjoyed.
        sentiment_per_engagement: f32 = 0.01, unit;

        // --- conversation ---
        /// Relationship gained when the brand answers a person's comment.
        relationship_per_reply: f32 = 0.25, unit;
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
        /// Relationship gained when the brand comments on a person's own post.
        relationship_per_push: f32 = 0.25, unit;
        /// Chance that a person the brand engaged with follows back.
        follow_back: f32 = 0.15, unit;
        /// Chance that a person the brand engaged with shares the brand onward.
        push_reciprocal_share: f32 = 0.06, unit;
        /// Relationship gained by attending a live session.
        relationship_per_live: f32 = 0.3, unit;
        /// Base chance a follower joins a live session (times interest).
        live_attendance: f32 = 0.25, unit;
        /// Relationship kept per day once a week has passed without two-way contact.
        relationship_keep_per_day: f32 = 0.99, unit;
        /// Days of grace after a two-way contact before relationship decays.
        relationship_grace_days: u16 = 7, free;
        /// Relationship at or above which a bond counts as strong.
        strong_threshold: f32 = 0.5, unit;
        /// Relationship above which a follower counts as engaged.
        engaged_threshold: f32 = 0.2, unit;
        /// Sentiment drifts toward neutral by this share per day.
        sentiment_drift_per_day: f32 = 0.01, unit;

        // --- listening ---
        /// Insight gained per research hour, spread over the segments.
        insight_per_research_hour: f32 = 0.12, unit;
        /// Appeal bonus of content at full insight (content that fits).
        insight_appeal_bonus: f32 = 0.5, positive;
        /// Insight lost per week as tastes move on.
        insight_keep_per_week: f32 = 0.97, unit;

        // --- the funnel ---
        /// Clicks on an offer's call to action per reaction to an ordinary post.
        offer_click_per_engagement: f32 = 3.0, positive;
        /// Chance a click on an offer or ad turns into a lead (landing page).
        lead_per_click: f32 = 0.07, unit;
        /// Daily chance that a follower with a relationship asks to buy (a lead
        /// that came through the relationship), times relationship squared.
        inquiry_per_day: f32 = 0.004, unit;
        /// Daily chance a lead buys, before relationship and sentiment.
        lead_conversion_per_day: f32 = 0.03, unit;
        /// How much relationship multiplies a lead's chance to buy.
        conversion_boost_per_relationship: f32 = 4.0, positive;
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

        // --- ads ---
        /// Ad click-through is capped at this multiple of the platform base.
        ad_appeal_cap: f32 = 2.5, positive;
    }
    added {
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

        // --- reactions to content ---
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

        // --- conversation ---
        /// Sentiment gained when the brand comments on a person's own post, in
        /// engagements' worth (times `sentiment_per_engagement`).
        push_sentiment_factor: f32 = 3.0, positive;
        /// Awareness of a person at least once the brand commented on their post.
        push_awareness: f32 = 0.6, unit;
        /// The base of a pushed person's warmth (base + interest in
        /// conversation), which multiplies following back and sharing onward.
        push_warmth_base: f32 = 0.5, positive;
        /// The base of the relationship factor on joining a live session
        /// (base + relationship): strangers to the brand join too, friends more.
        live_attendance_base: f32 = 0.5, positive;
        /// How much likelier a live attendee is to share than an ordinary
        /// engagement (times `share_per_engagement`).
        live_share_factor: f32 = 2.0, positive;

        // --- listening ---
        /// How much faster research focused on one segment learns about it.
        focused_research_factor: f32 = 3.0, positive;

        // --- the funnel ---
        /// How much likelier a click is to become a lead per point of awareness
        /// (the chance is `lead_per_click` times 1 + this x awareness).
        lead_boost_per_awareness: f32 = 1.5, positive;
        /// Highest chance of clicking an offer's call to action.
        max_offer_click_chance: f32 = 0.95, unit;
        /// Scales the sentiment factor of a lead's chance to buy (1 + sentiment,
        /// 0..2): at 0.5 a neutral lead buys at half the base rate.
        conversion_sentiment_scale: f32 = 0.5, positive;

        // --- listening through conversation ---
        /// Insight into a person's segment the brand gains from each reply it
        /// gives them (a share of what is left to learn): answering people is
        /// also hearing what they care about.
        insight_per_reply: f32 = 0.002, unit;
        /// The same for each comment the brand leaves on a person's own post.
        insight_per_push: f32 = 0.002, unit;

        // --- data from ads ---
        /// Insight into a person's segment the brand gains from each ad click
        /// of theirs: the ad platform reports who clicked.
        insight_per_ad_click: f32 = 0.001, unit;

        // --- loyalty ---
        /// Daily chance a customer buys again, before relationship, sentiment
        /// and the scenario's sales speed.
        repeat_purchase_per_day: f32 = 0.01, unit;
        /// Revenue of a repeat purchase, as a share of the customer value.
        repeat_purchase_value: f32 = 0.5, positive;
        /// Daily chance a customer without a bond drifts away (times
        /// 1 - relationship): bonded customers stay.
        customer_lapse_per_day: f32 = 0.003, unit;

        // --- connection requests ---
        /// Chance a person accepts the brand's connection request, times
        /// `connect_accept_base` + awareness.
        connect_accept: f32 = 0.4, unit;
        /// The base of the awareness factor on accepting a request: strangers
        /// accept too, people who know the brand more readily.
        connect_accept_base: f32 = 0.75, positive;

        // --- one-way bonds ---
        /// Relationship gained from a comment on a broadcast post (not on a
        /// conversation starter), times its appeal up to `one_way_appeal_cap`,
        /// on top of the reaction's own: writing to the brand is a step closer
        /// than a like.
        relationship_per_comment: f32 = 0.2, unit;
        /// Highest appeal that multiplies the relationship a reaction builds
        /// (a reaction builds `relationship_per_one_way` times appeal).
        one_way_appeal_cap: f32 = 2.0, positive;

        // --- scripted events ---
        /// Share of a review storm's severity that a complainer's friends feel.
        complaint_friend_severity: f32 = 0.3, unit;

        // --- ads ---
        /// Most ad impressions one person meets in a week, over all the
        /// brand's campaigns (a platform's frequency cap); never more than one a day.
        ad_frequency_cap: u32 = 2, free;
        /// How much dearer a thousand impressions get as the campaign's reachable
        /// pool is used up: the price is the platform's CPM times 1 + this x the
        /// share of the pool already at the frequency cap this week.
        ad_saturation_cost: f32 = 2.0, positive;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `format!("{:?}", ModelParams::default())` as `#[derive(Debug)]` printed
    /// it for model version 1, before any field was added: scenario content
    /// hashes in saves and replays are taken over this text.
    const VERSION_1_DEBUG: &str = "ModelParams { awareness_per_exposure: 0.25, awareness_keep_per_day: 0.995, \
         aware_threshold: 0.2, fatigue_per_broadcast: 0.06, scheduled_fatigue_factor: 1.25, \
         fatigue_keep_per_day: 0.85, reach_boost_per_relationship: 2.0, scheduled_quality: 0.85, \
         engage_boost_per_relationship: 3.0, comment_share_broadcast: 0.2, \
         comment_share_conversation: 0.45, share_per_engagement: 0.06, follow_per_exposure: 0.04, \
         friend_trust: 2.5, unfollow_at_full_fatigue: 0.03, unfollow_per_negative_sentiment: 0.02, \
         relationship_per_one_way: 0.004, sentiment_per_tiring_post: 0.03, \
         sentiment_per_engagement: 0.01, relationship_per_reply: 0.25, sentiment_per_reply: 0.12, \
         reply_patience_days: 3, sentiment_per_unanswered: 0.25, \
         relationship_per_unanswered: 0.08, unfollow_when_ignored: 0.15, \
         relationship_per_push: 0.25, follow_back: 0.15, push_reciprocal_share: 0.06, \
         relationship_per_live: 0.3, live_attendance: 0.25, relationship_keep_per_day: 0.99, \
         relationship_grace_days: 7, strong_threshold: 0.5, engaged_threshold: 0.2, \
         sentiment_drift_per_day: 0.01, insight_per_research_hour: 0.12, \
         insight_appeal_bonus: 0.5, insight_keep_per_week: 0.97, offer_click_per_engagement: 3.0, \
         lead_per_click: 0.07, inquiry_per_day: 0.004, lead_conversion_per_day: 0.03, \
         conversion_boost_per_relationship: 4.0, advocate_relationship: 0.55, \
         advocate_sentiment: 0.3, advocate_per_day: 0.05, advocate_share_per_day: 0.08, \
         churn_sentiment: -0.3, churn_per_day: 0.03, ad_appeal_cap: 2.5 }";

    #[test]
    fn debug_of_the_defaults_is_version_1_text() {
        assert_eq!(format!("{:?}", ModelParams::default()), VERSION_1_DEBUG);
    }

    #[test]
    fn debug_shows_an_added_field_only_when_it_is_changed() {
        let mut params = ModelParams {
            max_engage_chance: 0.9,
            ..ModelParams::default()
        };
        let text = format!("{params:?}");
        assert!(text.starts_with(VERSION_1_DEBUG.trim_end_matches(" }")));
        assert!(text.ends_with(", max_engage_chance: 0.9 }"), "{text}");
        params.awareness_per_exposure = 0.3;
        assert!(format!("{params:?}").contains("awareness_per_exposure: 0.3,"));
    }

    #[test]
    fn every_f32_field_but_the_sentiment_levels_is_range_checked() {
        let params = ModelParams::default();
        let unit = params.unit_fields();
        let positive = params.positive_fields();
        assert_eq!(unit.len(), 38 + 10 + 7);
        assert_eq!(positive.len(), 8 + 16 + 3);
        for (name, value) in &unit {
            assert!((0.0..=1.0).contains(value), "{name} = {value}");
        }
        for (name, value) in &positive {
            assert!(value.is_finite() && *value >= 0.0, "{name} = {value}");
        }
        assert!(
            unit.iter()
                .chain(&positive)
                .all(|(name, _)| *name != "churn_sentiment")
        );
    }
}
