//! Attribution: every change of a person's standing with the brand (a new
//! follower, lead, customer, advocate or strong relationship, an unfollow, a
//! lapse, a bond lost) is credited to the one cause that tipped it, so that
//! the player can see where each result came from.
//!
//! That is the *last-touch* view. The stocks (strong relationships, leads,
//! customers) are also credited by *contribution*: each cause in
//! proportion to what it built of the person's bond or warmth
//! (`contribution`). Both views are kept; readers say which they show.
//!
//! The counts live beside the daily metrics and never feed back into the
//! model: they are not part of the state hash.

use serde::{Deserialize, Serialize};

/// The units of one whole: a person's shares of what built their bond or
/// warmth add up to it (`contribution`), and a stock credited by shares
/// adds it to its outcome. 200 makes a credit an exact decimal (to 0.005),
/// so that it reads back from JSON as it was written.
pub const UNIT: u8 = 200;
use std::collections::BTreeMap;

/// What a person's change of standing is counted as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Follower,
    Unfollow,
    Lead,
    Customer,
    Advocate,
    /// An advocate who lapsed (as a customer does): with it the advocates
    /// at the start, plus those made, less those lost, are those at the end.
    AdvocateLost,
    StrongGained,
    StrongLost,
    Lapse,
}

impl Outcome {
    /// The stocks: what a person comes to be and stays for a while (a
    /// strong relationship, a lead, a customer), credited also by
    /// contribution. Their shares are of the bond for a strong
    /// relationship, of warmth for a lead or a customer.
    pub const STOCKS: [Outcome; 3] = [Outcome::StrongGained, Outcome::Lead, Outcome::Customer];

    /// The stock's place in [`Outcome::STOCKS`], if it is one.
    pub fn stock_index(self) -> Option<usize> {
        Outcome::STOCKS.iter().position(|&o| o == self)
    }

    pub const ALL: [Outcome; 9] = [
        Outcome::Follower,
        Outcome::Unfollow,
        Outcome::Lead,
        Outcome::Customer,
        Outcome::Advocate,
        Outcome::AdvocateLost,
        Outcome::StrongGained,
        Outcome::StrongLost,
        Outcome::Lapse,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The name in files (`run --json`, CSV column prefixes).
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Follower => "followers",
            Outcome::Unfollow => "unfollows",
            Outcome::Lead => "leads",
            Outcome::Customer => "customers",
            Outcome::Advocate => "advocates",
            Outcome::AdvocateLost => "advocates_lost",
            Outcome::StrongGained => "strong_gained",
            Outcome::StrongLost => "strong_lost",
            Outcome::Lapse => "lapses",
        }
    }

    /// The name for players.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Follower => "new followers",
            Outcome::Unfollow => "unfollows",
            Outcome::Lead => "new leads",
            Outcome::Customer => "new customers",
            Outcome::Advocate => "new advocates",
            Outcome::AdvocateLost => "advocates lost",
            Outcome::StrongGained => "strong relationships made",
            Outcome::StrongLost => "strong relationships lost",
            Outcome::Lapse => "customers lapsed",
        }
    }
}

/// The one cause a change is credited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// A post met in the feed of a follower.
    FeedPost,
    /// The brand's question (a conversation starter) met in the feed.
    ConversationStarter,
    /// A post that surfaced outside the feed (search, recommendations).
    DiscoveredPost,
    /// A friend's share.
    FriendShare,
    Ad,
    /// An advocate's recommendation to a friend.
    Recommendation,
    /// The brand's comment on the person's own post (engaging with others).
    BrandComment,
    /// The brand's answer to the person's comment.
    Reply,
    LiveSession,
    /// A connection request.
    Connection,
    /// A friend's complaint in a review storm.
    ReviewStorm,
    /// Too many broadcasts: tired of the brand.
    Fatigue,
    /// A comment that waited too long for an answer.
    IgnoredComment,
    /// A low mood toward the brand.
    BadMood,
    /// A bond left without two-way contact, fading.
    Cooling,
    /// A customer with no bond drifting away.
    Drift,
    /// What they thought of the brand before the game began (no touch of
    /// the game moved them since).
    Start,
    /// A rival brand won the customer away (markets only).
    Rival,
    /// They saw the brand answer someone in public (an open image).
    AnswerSeen,
    /// They saw someone's comment left unanswered in public.
    IgnoredSeen,
}

impl Cause {
    pub const ALL: [Cause; 20] = [
        Cause::FeedPost,
        Cause::ConversationStarter,
        Cause::DiscoveredPost,
        Cause::FriendShare,
        Cause::Ad,
        Cause::Recommendation,
        Cause::BrandComment,
        Cause::Reply,
        Cause::LiveSession,
        Cause::Connection,
        Cause::ReviewStorm,
        Cause::Fatigue,
        Cause::IgnoredComment,
        Cause::BadMood,
        Cause::Cooling,
        Cause::Drift,
        Cause::Start,
        Cause::Rival,
        Cause::AnswerSeen,
        Cause::IgnoredSeen,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The name in files.
    pub fn key(self) -> &'static str {
        match self {
            Cause::FeedPost => "feed_post",
            Cause::ConversationStarter => "conversation_starter",
            Cause::DiscoveredPost => "discovered_post",
            Cause::FriendShare => "friend_share",
            Cause::Ad => "ad",
            Cause::Recommendation => "recommendation",
            Cause::BrandComment => "brand_comment",
            Cause::Reply => "reply",
            Cause::LiveSession => "live_session",
            Cause::Connection => "connection",
            Cause::ReviewStorm => "review_storm",
            Cause::Fatigue => "fatigue",
            Cause::IgnoredComment => "ignored_comment",
            Cause::BadMood => "bad_mood",
            Cause::Cooling => "cooling",
            Cause::Drift => "drift",
            Cause::Start => "start",
            Cause::Rival => "rival",
            Cause::AnswerSeen => "answer_seen",
            Cause::IgnoredSeen => "ignored_seen",
        }
    }

    /// The name for players.
    pub fn label(self) -> &'static str {
        match self {
            Cause::FeedPost => "a post in their feed",
            Cause::ConversationStarter => "your question in their feed",
            Cause::DiscoveredPost => "a post they discovered",
            Cause::FriendShare => "a friend's share",
            Cause::Ad => "an ad",
            Cause::Recommendation => "an advocate's recommendation",
            Cause::BrandComment => "your comment on their post",
            Cause::Reply => "your reply",
            Cause::LiveSession => "a live session",
            Cause::Connection => "a connection request",
            Cause::ReviewStorm => "a review storm",
            Cause::Fatigue => "fatigue",
            Cause::IgnoredComment => "an ignored comment",
            Cause::BadMood => "a bad mood",
            Cause::Cooling => "a bond left to cool",
            Cause::Drift => "drifting away",
            Cause::Start => "how they stood before the game",
            Cause::Rival => "a rival brand",
            Cause::AnswerSeen => "seeing you answer someone",
            Cause::IgnoredSeen => "seeing a comment left unanswered",
        }
    }
}

impl Cause {
    /// The cause at `index` of [`Cause::ALL`].
    pub fn from_index(index: usize) -> Option<Cause> {
        Cause::ALL.get(index).copied()
    }
}

/// The causes each outcome can be credited to by the model's rules, in the
/// order of [`Cause::ALL`]: the columns of the weekly CSV. (Posts in the
/// feed reach only followers, so they never make one; an ad never builds a
/// bond; a recommendation is a question, never an offer, but once it has
/// moved someone it is their last touch.)
pub fn possible_causes(outcome: Outcome) -> &'static [Cause] {
    use Cause::*;
    const TOUCHES: &[Cause] = &[
        FeedPost,
        ConversationStarter,
        DiscoveredPost,
        FriendShare,
        Ad,
        Recommendation,
        BrandComment,
        Reply,
        LiveSession,
        Connection,
        Start,
    ];
    const SOURED: &[Cause] = &[ReviewStorm, IgnoredComment, BadMood, Drift, Rival, IgnoredSeen];
    match outcome {
        // A new customer may follow: then the purchase's last touch is the cause.
        Outcome::Follower => &[
            FeedPost,
            ConversationStarter,
            DiscoveredPost,
            FriendShare,
            Ad,
            Recommendation,
            BrandComment,
            Reply,
            LiveSession,
            Connection,
            Start,
            AnswerSeen,
        ],
        Outcome::Unfollow => &[ReviewStorm, Fatigue, IgnoredComment, BadMood, IgnoredSeen],
        Outcome::Lead | Outcome::Customer | Outcome::Advocate => TOUCHES,
        Outcome::AdvocateLost | Outcome::Lapse => SOURED,
        Outcome::StrongGained => &[
            FeedPost,
            ConversationStarter,
            DiscoveredPost,
            FriendShare,
            Recommendation,
            BrandComment,
            Reply,
            LiveSession,
        ],
        Outcome::StrongLost => &[IgnoredComment, Cooling],
    }
}

/// One person's recorded byte (`Audience::touch`): the last brand touch
/// that moved them (bits 0-4: its cause's index + 1, 0 for none), what
/// soured their mood while it stays sour (bits 5-6: none, an ignored
/// comment, a review storm), and whether the share in today's inbox came
/// from an advocate (bit 7, cleared by the daily pass). It is written by the
/// model but never read by its rules, and is not in the state hash.
pub mod touch {
    use super::Cause;

    const CAUSE_BITS: u8 = 0x1F;
    const SOUR_SHIFT: u8 = 5;
    const SOUR_BITS: u8 = 0x60;
    /// The share in today's inbox is an advocate's recommendation.
    pub const RECOMMENDED: u8 = 0x80;

    /// The last brand touch that moved the person.
    #[inline]
    pub fn last(byte: u8) -> Option<Cause> {
        match byte & CAUSE_BITS {
            0 => None,
            n => Cause::from_index(n as usize - 1),
        }
    }

    #[inline]
    pub fn with_last(byte: u8, cause: Cause) -> u8 {
        (byte & !CAUSE_BITS) | (cause.index() as u8 + 1)
    }

    /// What soured the person's mood (an ignored comment, a review storm).
    #[inline]
    pub fn soured_by(byte: u8) -> Option<Cause> {
        match (byte & SOUR_BITS) >> SOUR_SHIFT {
            1 => Some(Cause::IgnoredComment),
            2 => Some(Cause::ReviewStorm),
            3 => Some(Cause::IgnoredSeen),
            _ => None,
        }
    }

    /// Records what soured the mood; any other cause (or none) clears it.
    #[inline]
    pub fn with_soured_by(byte: u8, cause: Option<Cause>) -> u8 {
        let code = match cause {
            Some(Cause::IgnoredComment) => 1,
            Some(Cause::ReviewStorm) => 2,
            Some(Cause::IgnoredSeen) => 3,
            _ => 0,
        };
        (byte & !SOUR_BITS) | code << SOUR_SHIFT
    }
}

/// Counts of changes by outcome and cause: by last touch for every
/// outcome, and by contribution for the stocks ([`Outcome::STOCKS`], in
/// units of 1/[`UNIT`] of a change).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    counts: [[u64; Cause::ALL.len()]; Outcome::ALL.len()],
    contribution: [[u64; Cause::ALL.len()]; Outcome::STOCKS.len()],
}

impl Attribution {
    pub fn credit(&mut self, outcome: Outcome, cause: Cause) {
        self.counts[outcome.index()][cause.index()] += 1;
    }

    pub fn get(&self, outcome: Outcome, cause: Cause) -> u64 {
        self.counts[outcome.index()][cause.index()]
    }

    /// Every change of this outcome, whatever its cause.
    pub fn total(&self, outcome: Outcome) -> u64 {
        self.counts[outcome.index()].iter().sum()
    }

    pub fn add(&mut self, other: &Attribution) {
        let mine = self.counts.iter_mut().chain(self.contribution.iter_mut());
        for (mine, theirs) in mine.zip(other.counts.iter().chain(&other.contribution)) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
    }

    /// Credits one change of a stock to the causes of a person's shares
    /// (units adding up to [`UNIT`]); nothing for an outcome that is no stock.
    pub fn credit_shares(&mut self, outcome: Outcome, shares: impl Iterator<Item = (Cause, u8)>) {
        if let Some(stock) = outcome.stock_index() {
            for (cause, units) in shares {
                self.contribution[stock][cause.index()] += units as u64;
            }
        }
    }

    /// Whether any stock was credited by contribution (files written
    /// before there were two views hold none).
    pub fn has_contribution(&self) -> bool {
        self.contribution.iter().flatten().any(|&units| units > 0)
    }

    /// Takes `other`'s credits by contribution, keeping its own last touch.
    pub fn take_contribution_of(&mut self, other: &Attribution) {
        self.contribution = other.contribution;
    }

    /// What a cause contributed to a stock's changes, in units of 1/[`UNIT`]
    /// of a change (0 for an outcome that is no stock).
    pub fn contributed_units(&self, outcome: Outcome, cause: Cause) -> u64 {
        outcome
            .stock_index()
            .map_or(0, |stock| self.contribution[stock][cause.index()])
    }

    /// What a cause contributed to a stock's changes, in changes (a share
    /// of each).
    pub fn contributed(&self, outcome: Outcome, cause: Cause) -> f64 {
        self.contributed_units(outcome, cause) as f64 / UNIT as f64
    }

    /// The causes that contributed to a stock, in units, largest first
    /// (ties in the order of [`Cause::ALL`]); none for an outcome that is
    /// no stock. They add up to [`UNIT`] times the stock's count.
    pub fn contributions_of(&self, outcome: Outcome) -> Vec<(Cause, u64)> {
        let mut causes: Vec<(Cause, u64)> = Cause::ALL
            .iter()
            .map(|&c| (c, self.contributed_units(outcome, c)))
            .filter(|&(_, n)| n > 0)
            .collect();
        causes.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        causes
    }

    /// The causes of one outcome with a count above zero, largest first
    /// (ties in the order of [`Cause::ALL`]).
    pub fn causes_of(&self, outcome: Outcome) -> Vec<(Cause, u64)> {
        let mut causes: Vec<(Cause, u64)> = Cause::ALL
            .iter()
            .map(|&c| (c, self.get(outcome, c)))
            .filter(|&(_, n)| n > 0)
            .collect();
        causes.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        causes
    }
}

/// `{"last_touch": {"followers": {"feed_post": 12, ...}, ...},
/// "contribution": {"strong_gained": {"reply": 212.355, ...}, ...}}`:
/// outcomes and causes by key, zero counts left out. Contributions are in
/// changes, exact to 1/[`UNIT`] (a decimal of at most three places), so
/// they read back as they were and add up to the count.
impl Serialize for Attribution {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let last_touch: BTreeMap<&str, BTreeMap<&str, u64>> = Outcome::ALL
            .iter()
            .map(|&outcome| {
                let causes = self.causes_of(outcome).into_iter().map(|(c, n)| (c.key(), n));
                (outcome.key(), causes.collect())
            })
            .collect();
        let contribution: BTreeMap<&str, BTreeMap<&str, f64>> = Outcome::STOCKS
            .iter()
            .map(|&outcome| {
                let causes = self
                    .contributions_of(outcome)
                    .into_iter()
                    .map(|(c, n)| (c.key(), n as f64 / UNIT as f64));
                (outcome.key(), causes.collect())
            })
            .collect();
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("last_touch", &last_touch)?;
        map.serialize_entry("contribution", &contribution)?;
        map.end()
    }
}

type ByKey<N> = BTreeMap<String, BTreeMap<String, N>>;

/// Reads the two views, or (files written before there were two) the
/// last-touch counts alone, outcome by outcome.
struct Written;

impl<'de> serde::de::Visitor<'de> for Written {
    type Value = (ByKey<u64>, ByKey<f64>);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("attribution by last touch and by contribution")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut last_touch, mut contribution) = (ByKey::new(), ByKey::new());
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "last_touch" => last_touch = map.next_value()?,
                "contribution" => contribution = map.next_value()?,
                _ => {
                    last_touch.insert(key, map.next_value()?);
                }
            }
        }
        Ok((last_touch, contribution))
    }
}

impl<'de> Deserialize<'de> for Attribution {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let (last_touch, contribution) = deserializer.deserialize_map(Written)?;
        let outcome_of = |key: &str| {
            Outcome::ALL
                .into_iter()
                .find(|o| o.key() == key)
                .ok_or_else(|| D::Error::custom(format!("unknown outcome `{key}`")))
        };
        let cause_of = |key: &str| {
            Cause::ALL
                .into_iter()
                .find(|c| c.key() == key)
                .ok_or_else(|| D::Error::custom(format!("unknown cause `{key}`")))
        };
        let mut attribution = Attribution::default();
        for (outcome_key, causes) in last_touch {
            let outcome = outcome_of(&outcome_key)?;
            for (cause_key, n) in causes {
                attribution.counts[outcome.index()][cause_of(&cause_key)?.index()] = n;
            }
        }
        for (outcome_key, causes) in contribution {
            let stock = outcome_of(&outcome_key)?
                .stock_index()
                .ok_or_else(|| D::Error::custom(format!("`{outcome_key}` is no stock")))?;
            for (cause_key, changes) in causes {
                let units = (changes * UNIT as f64).round();
                if !(0.0..=u64::MAX as f64).contains(&units) {
                    return Err(D::Error::custom(format!("`{cause_key}`: {changes} is no credit")));
                }
                attribution.contribution[stock][cause_of(&cause_key)?.index()] = units as u64;
            }
        }
        Ok(attribution)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persons_byte_keeps_the_last_touch_the_souring_and_the_share_apart() {
        assert_eq!((touch::last(0), touch::soured_by(0)), (None, None));
        for cause in Cause::ALL {
            let byte = touch::with_last(touch::RECOMMENDED, cause);
            let byte = touch::with_soured_by(byte, Some(Cause::ReviewStorm));
            assert_eq!(touch::last(byte), Some(cause));
            assert_eq!(touch::soured_by(byte), Some(Cause::ReviewStorm));
            assert_ne!(byte & touch::RECOMMENDED, 0);
            let cleared = touch::with_soured_by(byte, None);
            assert_eq!(
                (touch::last(cleared), touch::soured_by(cleared)),
                (Some(cause), None)
            );
        }
        let ignored = touch::with_soured_by(0, Some(Cause::IgnoredComment));
        assert_eq!(touch::soured_by(ignored), Some(Cause::IgnoredComment));
        assert_eq!(
            touch::soured_by(touch::with_soured_by(ignored, Some(Cause::Ad))),
            None
        );
    }

    #[test]
    fn counts_read_back_from_their_json() {
        let mut attribution = Attribution::default();
        attribution.credit(Outcome::Follower, Cause::FriendShare);
        attribution.credit(Outcome::Follower, Cause::FriendShare);
        attribution.credit(Outcome::Follower, Cause::Ad);
        attribution.credit(Outcome::StrongLost, Cause::Cooling);
        attribution.credit_shares(Outcome::Lead, [(Cause::Ad, 150), (Cause::Start, 50)].into_iter());
        attribution.credit_shares(Outcome::Lead, [(Cause::Ad, 1), (Cause::Reply, 199)].into_iter());
        let json = serde_json::to_value(attribution).unwrap();
        let last = &json["last_touch"];
        assert_eq!(last["followers"]["friend_share"], 2);
        assert_eq!(last["strong_lost"]["cooling"], 1);
        assert!(last["leads"].as_object().unwrap().is_empty());
        let by_contribution = &json["contribution"]["leads"];
        assert_eq!(by_contribution["ad"], 0.755);
        assert_eq!(by_contribution["reply"], 0.995);
        assert_eq!(by_contribution["start"], 0.25);
        assert!(json["contribution"]["customers"].as_object().unwrap().is_empty());
        assert!(
            json["contribution"].get("followers").is_none(),
            "flows have no contribution"
        );
        let back: Attribution = serde_json::from_value(json).unwrap();
        assert_eq!(back, attribution);
        assert_eq!(back.contributions_of(Outcome::Lead)[0], (Cause::Reply, 199));
        // A file from before the two views: its counts are last touch.
        let old = serde_json::json!({"followers": {"ad": 3}});
        let old: Attribution = serde_json::from_value(old).unwrap();
        assert_eq!(
            (
                old.get(Outcome::Follower, Cause::Ad),
                old.total(Outcome::Follower)
            ),
            (3, 3)
        );
        assert!(old.contributions_of(Outcome::Lead).is_empty());
        assert_eq!(back.total(Outcome::Follower), 3);
        assert_eq!(
            back.causes_of(Outcome::Follower),
            [(Cause::FriendShare, 2), (Cause::Ad, 1)]
        );
        let unknown = serde_json::json!({"followers": {"telepathy": 1}});
        assert!(serde_json::from_value::<Attribution>(unknown).is_err());
        let flow = serde_json::json!({"last_touch": {}, "contribution": {"followers": {"ad": 1.0}}});
        assert!(serde_json::from_value::<Attribution>(flow).is_err());
    }

    #[test]
    fn every_outcome_has_causes_and_keys_are_unique() {
        for outcome in Outcome::ALL {
            assert!(!possible_causes(outcome).is_empty(), "{outcome:?}");
            let mut causes = possible_causes(outcome).to_vec();
            causes.sort();
            assert_eq!(
                causes,
                possible_causes(outcome),
                "{outcome:?}: in the order of Cause::ALL"
            );
        }
        for (i, cause) in Cause::ALL.iter().enumerate() {
            assert_eq!(cause.index(), i);
            assert_eq!(Cause::from_index(i), Some(*cause));
        }
        let mut keys: Vec<&str> = Cause::ALL.iter().map(|c| c.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Cause::ALL.len());
    }
}
