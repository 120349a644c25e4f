//! Small shared vocabularies of the model: content types, platform
//! archetypes, activity families and funnel stages.

use serde::{Deserialize, Serialize};

/// Days in a week: a plan covers one, an ad campaign runs one.
pub const DAYS_PER_WEEK: u32 = 7;

/// What a post is made of. The first five are broadcast content; the last is
/// networking content (a question, a poll, a hot topic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ContentType {
    Photo,
    Video,
    Infographic,
    Article,
    Offer,
    Conversation,
}

pub const CONTENT_TYPES: usize = 6;

impl ContentType {
    pub const ALL: [ContentType; CONTENT_TYPES] = [
        ContentType::Photo,
        ContentType::Video,
        ContentType::Infographic,
        ContentType::Article,
        ContentType::Offer,
        ContentType::Conversation,
    ];
    /// Broadcast content types a brand can publish or schedule.
    pub const BROADCAST: [ContentType; 5] = [
        ContentType::Photo,
        ContentType::Video,
        ContentType::Infographic,
        ContentType::Article,
        ContentType::Offer,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(index: usize) -> ContentType {
        Self::ALL[index.min(CONTENT_TYPES - 1)]
    }

    pub fn label(self) -> &'static str {
        match self {
            ContentType::Photo => "photo",
            ContentType::Video => "video",
            ContentType::Infographic => "infographic",
            ContentType::Article => "article",
            ContentType::Offer => "offer",
            ContentType::Conversation => "conversation",
        }
    }
}

/// Platform archetypes. Names in scenarios are fictional; the archetype sets
/// the defaults for reach, engagement and how much conversation it affords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Archetype {
    /// A full social network: profiles, groups, comments, messages.
    FullNetwork,
    /// A visual network built around photos and short video.
    Visual,
    /// Short public posts, fast and noisy.
    Microblog,
    /// A professional network: careers, companies, business buyers.
    Professional,
    /// A video or publication site: people mostly watch or read.
    Publication,
}

/// The three kinds of activity the player's hours go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Family {
    Broadcast,
    Conversation,
    Listening,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Broadcast, Family::Conversation, Family::Listening];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn label(self) -> &'static str {
        match self {
            Family::Broadcast => "broadcast",
            Family::Conversation => "conversation",
            Family::Listening => "listening",
        }
    }
}

/// Where a person stands with the brand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(u8)]
pub enum Stage {
    Stranger = 0,
    Aware = 1,
    Follower = 2,
    Engaged = 3,
    Lead = 4,
    Customer = 5,
    Advocate = 6,
    Lapsed = 7,
}

pub const STAGES: usize = 8;

impl Stage {
    pub const ALL: [Stage; STAGES] = [
        Stage::Stranger,
        Stage::Aware,
        Stage::Follower,
        Stage::Engaged,
        Stage::Lead,
        Stage::Customer,
        Stage::Advocate,
        Stage::Lapsed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Stranger => "stranger",
            Stage::Aware => "aware",
            Stage::Follower => "follower",
            Stage::Engaged => "engaged",
            Stage::Lead => "lead",
            Stage::Customer => "customer",
            Stage::Advocate => "advocate",
            Stage::Lapsed => "lapsed",
        }
    }
}

/// The voice a post or a conversation is written in. The same content
/// reads differently in each: an informative tone helps and explains, a
/// promotional one asks for the sale, a personal one talks about the people
/// behind the brand and to the person addressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tone {
    #[default]
    Informative,
    Promotional,
    Personal,
}

pub const TONES: usize = 3;

impl Tone {
    pub const ALL: [Tone; TONES] = [Tone::Informative, Tone::Promotional, Tone::Personal];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(index: usize) -> Tone {
        Self::ALL[index.min(TONES - 1)]
    }

    pub fn label(self) -> &'static str {
        match self {
            Tone::Informative => "informative",
            Tone::Promotional => "promotional",
            Tone::Personal => "personal",
        }
    }
}
