//! Every tunable number of the agent rules, with its default. `docs/MODEL.md`
//! explains each one and the claim it serves. A scenario may override any of
//! them in its `model: ( ... )` block.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelParams {
    // --- awareness and attention ---
    /// Awareness gained per exposure to the brand (0..1 scale).
    pub awareness_per_exposure: f32,
    /// Awareness kept per day without exposure.
    pub awareness_keep_per_day: f32,
    /// Awareness above which a stranger counts as aware.
    pub aware_threshold: f32,

    // --- broadcasting ---
    /// Fatigue added by each broadcast exposure (posts, scheduled posts, ads).
    pub fatigue_per_broadcast: f32,
    /// Extra fatigue factor for automated (scheduled) posts.
    pub scheduled_fatigue_factor: f32,
    /// Fatigue kept per day (the rest wears off).
    pub fatigue_keep_per_day: f32,
    /// Organic reach boost for followers with a relationship (platform
    /// ranking favours accounts people interact with).
    pub reach_boost_per_relationship: f32,
    /// Quality factor of an automated post compared with a hand-made one.
    pub scheduled_quality: f32,

    // --- reactions to content ---
    /// How much relationship raises the chance of engaging with a post.
    pub engage_boost_per_relationship: f32,
    /// Chance that an engagement with a broadcast post is a comment, times
    /// the platform's conversation affordance.
    pub comment_share_broadcast: f32,
    /// The same for a conversation starter (question, poll, hot topic).
    pub comment_share_conversation: f32,
    /// Chance that an engagement is also a share, times appeal.
    pub share_per_engagement: f32,
    /// Base chance that an exposed non-follower follows, times appeal.
    pub follow_per_exposure: f32,
    /// How much more a friend's share is trusted than the brand's own post.
    pub friend_trust: f32,
    /// Daily unfollow hazard at full fatigue, for a follower with no bond.
    pub unfollow_at_full_fatigue: f32,
    /// Extra unfollow hazard per point of negative sentiment.
    pub unfollow_per_negative_sentiment: f32,
    /// Relationship gained from a one-way reaction (a like on a post).
    pub relationship_per_one_way: f32,
    /// Sentiment lost per broadcast exposure, times the person's fatigue.
    pub sentiment_per_tiring_post: f32,
    /// Sentiment gained from an engagement the person enjoyed.
    pub sentiment_per_engagement: f32,

    // --- conversation ---
    /// Relationship gained when the brand answers a person's comment.
    pub relationship_per_reply: f32,
    /// Sentiment gained when the brand answers a person's comment.
    pub sentiment_per_reply: f32,
    /// Days a comment may wait before it counts as unanswered.
    pub reply_patience_days: u16,
    /// Sentiment lost by a person whose comment went unanswered.
    pub sentiment_per_unanswered: f32,
    /// Relationship lost by a person whose comment went unanswered.
    pub relationship_per_unanswered: f32,
    /// Chance that an ignored commenter unfollows on the spot.
    pub unfollow_when_ignored: f32,
    /// Relationship gained when the brand comments on a person's own post.
    pub relationship_per_push: f32,
    /// Chance that a person the brand engaged with follows back.
    pub follow_back: f32,
    /// Chance that a person the brand engaged with shares the brand onward.
    pub push_reciprocal_share: f32,
    /// Relationship gained by attending a live session.
    pub relationship_per_live: f32,
    /// Base chance a follower joins a live session (times interest).
    pub live_attendance: f32,
    /// Relationship kept per day once a week has passed without two-way contact.
    pub relationship_keep_per_day: f32,
    /// Days of grace after a two-way contact before relationship decays.
    pub relationship_grace_days: u16,
    /// Relationship at or above which a bond counts as strong.
    pub strong_threshold: f32,
    /// Relationship above which a follower counts as engaged.
    pub engaged_threshold: f32,
    /// Sentiment drifts toward neutral by this share per day.
    pub sentiment_drift_per_day: f32,

    // --- listening ---
    /// Insight gained per research hour, spread over the segments.
    pub insight_per_research_hour: f32,
    /// Appeal bonus of content at full insight (content that fits).
    pub insight_appeal_bonus: f32,
    /// Insight lost per week as tastes move on.
    pub insight_keep_per_week: f32,

    // --- the funnel ---
    /// Clicks on an offer's call to action per reaction to an ordinary post.
    pub offer_click_per_engagement: f32,
    /// Chance a click on an offer or ad turns into a lead (landing page).
    pub lead_per_click: f32,
    /// Daily chance that a follower with a relationship asks to buy (a lead
    /// that came through the relationship), times relationship squared.
    pub inquiry_per_day: f32,
    /// Daily chance a lead buys, before relationship and sentiment.
    pub lead_conversion_per_day: f32,
    /// How much relationship multiplies a lead's chance to buy.
    pub conversion_boost_per_relationship: f32,
    /// Relationship a customer needs to become an advocate.
    pub advocate_relationship: f32,
    /// Sentiment a customer needs to become an advocate.
    pub advocate_sentiment: f32,
    /// Daily chance a qualifying customer becomes an advocate.
    pub advocate_per_day: f32,
    /// Daily chance an advocate recommends the brand to friends.
    pub advocate_share_per_day: f32,
    /// Sentiment below which customers lapse (churn).
    pub churn_sentiment: f32,
    /// Daily chance a customer below the churn sentiment lapses.
    pub churn_per_day: f32,

    // --- ads ---
    /// Ad click-through is capped at this multiple of the platform base.
    pub ad_appeal_cap: f32,
}

impl Default for ModelParams {
    fn default() -> Self {
        ModelParams {
            awareness_per_exposure: 0.25,
            awareness_keep_per_day: 0.995,
            aware_threshold: 0.2,

            fatigue_per_broadcast: 0.06,
            scheduled_fatigue_factor: 1.25,
            fatigue_keep_per_day: 0.85,
            reach_boost_per_relationship: 2.0,
            scheduled_quality: 0.85,

            engage_boost_per_relationship: 3.0,
            comment_share_broadcast: 0.2,
            comment_share_conversation: 0.45,
            share_per_engagement: 0.06,
            follow_per_exposure: 0.04,
            friend_trust: 2.5,
            unfollow_at_full_fatigue: 0.03,
            unfollow_per_negative_sentiment: 0.02,
            relationship_per_one_way: 0.004,
            sentiment_per_tiring_post: 0.03,
            sentiment_per_engagement: 0.01,

            relationship_per_reply: 0.25,
            sentiment_per_reply: 0.12,
            reply_patience_days: 3,
            sentiment_per_unanswered: 0.25,
            relationship_per_unanswered: 0.08,
            unfollow_when_ignored: 0.15,
            relationship_per_push: 0.25,
            follow_back: 0.15,
            push_reciprocal_share: 0.06,
            relationship_per_live: 0.3,
            live_attendance: 0.25,
            relationship_keep_per_day: 0.99,
            relationship_grace_days: 7,
            strong_threshold: 0.5,
            engaged_threshold: 0.2,
            sentiment_drift_per_day: 0.01,

            insight_per_research_hour: 0.12,
            insight_appeal_bonus: 0.5,
            insight_keep_per_week: 0.97,

            offer_click_per_engagement: 3.0,
            lead_per_click: 0.07,
            inquiry_per_day: 0.004,
            lead_conversion_per_day: 0.03,
            conversion_boost_per_relationship: 4.0,
            advocate_relationship: 0.55,
            advocate_sentiment: 0.3,
            advocate_per_day: 0.05,
            advocate_share_per_day: 0.08,
            churn_sentiment: -0.3,
            churn_per_day: 0.03,

            ad_appeal_cap: 2.5,
        }
    }
}

impl ModelParams {
    /// Names of fields that hold a probability or share and must lie in [0, 1].
    pub fn unit_fields(&self) -> Vec<(&'static str, f32)> {
        vec![
            ("awareness_per_exposure", self.awareness_per_exposure),
            ("awareness_keep_per_day", self.awareness_keep_per_day),
            ("aware_threshold", self.aware_threshold),
            ("fatigue_per_broadcast", self.fatigue_per_broadcast),
            ("fatigue_keep_per_day", self.fatigue_keep_per_day),
            ("scheduled_quality", self.scheduled_quality),
            ("comment_share_broadcast", self.comment_share_broadcast),
            ("comment_share_conversation", self.comment_share_conversation),
            ("share_per_engagement", self.share_per_engagement),
            ("follow_per_exposure", self.follow_per_exposure),
            ("unfollow_at_full_fatigue", self.unfollow_at_full_fatigue),
            (
                "unfollow_per_negative_sentiment",
                self.unfollow_per_negative_sentiment,
            ),
            ("relationship_per_one_way", self.relationship_per_one_way),
            ("sentiment_per_tiring_post", self.sentiment_per_tiring_post),
            ("sentiment_per_engagement", self.sentiment_per_engagement),
            ("relationship_per_reply", self.relationship_per_reply),
            ("sentiment_per_reply", self.sentiment_per_reply),
            ("sentiment_per_unanswered", self.sentiment_per_unanswered),
            ("relationship_per_unanswered", self.relationship_per_unanswered),
            ("unfollow_when_ignored", self.unfollow_when_ignored),
            ("relationship_per_push", self.relationship_per_push),
            ("follow_back", self.follow_back),
            ("push_reciprocal_share", self.push_reciprocal_share),
            ("relationship_per_live", self.relationship_per_live),
            ("live_attendance", self.live_attendance),
            ("relationship_keep_per_day", self.relationship_keep_per_day),
            ("strong_threshold", self.strong_threshold),
            ("engaged_threshold", self.engaged_threshold),
            ("sentiment_drift_per_day", self.sentiment_drift_per_day),
            ("insight_per_research_hour", self.insight_per_research_hour),
            ("insight_keep_per_week", self.insight_keep_per_week),
            ("lead_per_click", self.lead_per_click),
            ("inquiry_per_day", self.inquiry_per_day),
            ("lead_conversion_per_day", self.lead_conversion_per_day),
            ("advocate_relationship", self.advocate_relationship),
            ("advocate_per_day", self.advocate_per_day),
            ("advocate_share_per_day", self.advocate_share_per_day),
            ("churn_per_day", self.churn_per_day),
        ]
    }

    /// Fields that must be finite and non-negative but may exceed 1.
    pub fn positive_fields(&self) -> Vec<(&'static str, f32)> {
        vec![
            ("scheduled_fatigue_factor", self.scheduled_fatigue_factor),
            ("reach_boost_per_relationship", self.reach_boost_per_relationship),
            (
                "engage_boost_per_relationship",
                self.engage_boost_per_relationship,
            ),
            ("friend_trust", self.friend_trust),
            ("offer_click_per_engagement", self.offer_click_per_engagement),
            ("insight_appeal_bonus", self.insight_appeal_bonus),
            (
                "conversion_boost_per_relationship",
                self.conversion_boost_per_relationship,
            ),
            ("ad_appeal_cap", self.ad_appeal_cap),
        ]
    }
}
