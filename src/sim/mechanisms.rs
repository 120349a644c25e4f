//! The model's mechanisms, each a switch: what a claim's control turns off
//! to show that the claim comes from that mechanism and not from the size
//! of one number. Every switch is on in a game; a scenario file may turn
//! one off (`mechanisms: (...)`) to explore, and the claim checker's
//! controls do. Each names the rule it removes; `docs/MODEL.md` says which
//! claim rests on which.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mechanisms {
    /// A reciprocated exchange (the brand answers a person, or a person
    /// answers the brand's comment, or they talk in a live session) holds a
    /// bond through a grace period and marks the person as someone the
    /// brand talked with. Off: nothing is ever reciprocated: people never
    /// answer the brand's comments and no contact holds a bond.
    pub reciprocity: bool,
    /// Only a reciprocated exchange holds a bond; a one-way gesture (a
    /// like, a comment left unanswered) does not. Off: every gesture holds
    /// a bond as an exchange does.
    pub one_way_fades: bool,
    /// The brand remembers whom it talked with and goes back to them.
    /// Off: it never remembers anyone.
    pub contact_memory: bool,
    /// The brand can aim its comments at the people it chooses (followers,
    /// a segment, influencers). Off: they reach people at random whatever
    /// it aims at.
    pub targeting: bool,
    /// The brand's answers reach the people whose comments wait. Off: they
    /// land on other followers, and the comments wait on.
    pub answers_reach_writers: bool,
    /// What the brand believes about its audience moves with listening
    /// (research, conversation, ad data). Off: beliefs never change.
    pub learning: bool,
    /// Others see how the brand answers (or ignores) people in public.
    pub onlookers: bool,
    /// Posts travel beyond followers: platforms surface them to strangers
    /// and people share them with friends. Off: a post reaches only the
    /// brand's followers.
    pub posts_travel: bool,
    /// An offer's or an ad's click can become a lead, and a follower who saw
    /// one asks to buy more readily. Off: clicks lead nowhere and nobody is
    /// prompted.
    pub calls_to_action: bool,
    /// Feeds rank and people react by the bond they have with the brand.
    /// Off: a bond changes neither reach nor reactions.
    pub ranking_by_bond: bool,
    /// People the brand talks with come closer: they follow back, pass the
    /// brand on and remember it. Off: they do none of it.
    pub talk_brings_followers: bool,
    /// People buy from, buy again from and stay with brands they are
    /// bonded to. Off: a bond changes none of it.
    pub bonds_sell: bool,
}

impl Default for Mechanisms {
    fn default() -> Mechanisms {
        Mechanisms {
            reciprocity: true,
            one_way_fades: true,
            contact_memory: true,
            targeting: true,
            answers_reach_writers: true,
            learning: true,
            onlookers: true,
            posts_travel: true,
            calls_to_action: true,
            ranking_by_bond: true,
            talk_brings_followers: true,
            bonds_sell: true,
        }
    }
}

impl Mechanisms {
    /// Every switch by name, for files and the command line.
    pub const NAMES: [&'static str; 12] = [
        "reciprocity",
        "one_way_fades",
        "contact_memory",
        "targeting",
        "answers_reach_writers",
        "learning",
        "onlookers",
        "posts_travel",
        "calls_to_action",
        "ranking_by_bond",
        "talk_brings_followers",
        "bonds_sell",
    ];

    /// Whether every mechanism is on (a game as designed).
    pub fn all_on(&self) -> bool {
        *self == Mechanisms::default()
    }
}
