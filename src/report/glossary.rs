//! The glossary, in our own words: the terms of the game, then every goal a
//! scenario can set, the score and the stars (worded by `goals`). The
//! window's Help and the browser pages show the same list.

use super::goals::{METRICS, goal_meaning, goal_name, score_explanation, stars_explanation};

/// The terms, in the order Help lists them.
pub const TERMS: &[(&str, &str)] = &[
    (
        "Presence vs network",
        "A presence is being visible: an account that posts and is seen. A network is people who know you and talk with you. Posting builds the first; conversation builds the second, and posting alone builds next to none of it.",
    ),
    (
        "Broadcasting (social media)",
        "Using a platform to talk at an audience: posts, scheduled batches, ads. Reaches many more people per hour than conversation and brings leads; poor at trust. Followers come of both.",
    ),
    (
        "Networking (social networking)",
        "Using the same platforms to talk with people: questions, answers, comments on their posts, live sessions. Slow and personal, it builds relationships.",
    ),
    (
        "Pull and push",
        "Pull: put out something worth answering (a question, a poll) and let people come. Push: go to people and comment on what they posted.",
    ),
    (
        "Reach",
        "How many different people saw something from or about you.",
    ),
    (
        "Impressions",
        "How many times your brand was seen, counting repeats: organic impressions (your posts in feeds, found by strangers or passed on by friends) plus ad impressions, each counted once.",
    ),
    (
        "Engagement rate",
        "Reactions (likes, comments, shares) per impression of your posts, questions and ads left out: what public benchmarks call engagement by reach. A sign that content interests people, not that they trust you.",
    ),
    (
        "Response rate",
        "Answers to your conversation per person you addressed that way: comments on your questions per impression of them, and answers to your comments on people's posts per person you commented on.",
    ),
    (
        "Click-through rate (CTR)",
        "Clicks per ad impression. Typical ads are clicked less than once in a hundred views.",
    ),
    (
        "Frequency cap and cost per click",
        "Ad platforms show one person your ads only a few times a week. On a small market the same money then buys fewer new views at a higher price, so each click costs more.",
    ),
    (
        "Lead",
        "Someone who showed they might buy: clicked an offer, asked about a product. Followers who feel close ask on their own, far more often once an offer or an ad has shown them what you sell. A lead who does not buy soon goes cold unless you are in touch with them.",
    ),
    (
        "Conversion",
        "A lead becoming a customer. People who trust you convert faster, and stay warm longer.",
    ),
    (
        "Return on spend (ROI)",
        "What ad money brought back: (revenue − money spent) ÷ money spent.",
    ),
    (
        "Relationship",
        "How strong a person's bond with your brand is, from 0 to 1. Exchanges build it: your gesture (an answer, a comment on their post, a live session) and their answer back. A recent exchange holds a bond for a while; without one it fades. From 0.5 it counts as strong.",
    ),
    (
        "Sentiment",
        "What the people who know your brand (everyone who follows you or has at least become aware of you) feel about you on average, from −1 to +1. Answers raise it; ignored comments and tiring feeds lower it.",
    ),
    (
        "Fatigue",
        "How tired someone is of your posts. Too many posts make people react less and leave.",
    ),
    (
        "Churn",
        "People leaving: unfollowing, or customers lapsing. Unhappy customers leave; customers with no bond slowly drift away.",
    ),
    (
        "Repeat purchase",
        "A customer buying again. Bonded, happy customers buy again more often: that is what loyalty looks like in sales.",
    ),
    (
        "Connections",
        "People who accepted your connection request and now follow you. A connection sees your posts, but it is not yet a relationship.",
    ),
    (
        "Advocate",
        "A happy customer with a strong bond who recommends you to friends, who trust a friend more than any ad.",
    ),
    (
        "Where it came from (attribution)",
        "Strong relationships, leads and customers are split by the share of what built them: each thing you did gets its part of the bond (for leads and customers, of how well they knew you and how close they felt) that it built, so a post that only tipped a bond your conversations built gets little. Every other change (a new follower, an unfollow, a customer lapsing, ...) is credited to the one thing that tipped it, the last touch before the change: for example a post they saw, a friend's share, an ad, your answer or an ignored comment; read those as \"what tipped them\", not \"everything that helped\". Every result can also be shown by the touch that tipped it.",
    ),
    (
        "Rivals and the market",
        "In some scenarios other brands court the same people: rivals run by the computer, each with a way of playing of its own, or other teams in a class. Everyone's day has room for only so much, so their posts and ads crowd yours out of the feed, less so with the people who have a bond with you. A person buys from one brand at a time, and a happy customer is hard to win away.",
    ),
    (
        "Share of the market",
        "Your part of all the followers, customers or strong relationships that the brands in the market have between them. The standings rank brands by the mean of the three shares.",
    ),
    (
        "Ghosts",
        "What each built-in strategy (the broadcaster, the networker, the all-rounder, the advertiser) reached on your scenario and the same seed: the same people and the same luck, played differently. They show what another way of playing would have done in your game, not in general. A ghost is not a rival: it plays in a copy of your game of its own, in your place, and never meets you in the market.",
    ),
    (
        "Rewind",
        "Going back to the start of an earlier week of a game or a replay, planning differently from there and playing on. The branch keeps the weeks before it as they were, so you can compare it with the original side by side.",
    ),
    (
        "The coach",
        "Hints in the planner (and a few while a week plays) that respond to your game: comments waiting for an answer, comments on others' posts that reach strangers only once, hours left unspent, followers tiring of scheduled posts, not having listened yet. Each gives its reason in your numbers. Hide one for the week, or turn the coach off in the planner's top bar; it is on in the tutorial and an option on the choose screen for every other scenario.",
    ),
    (
        "A person's timeline",
        "In the running week, click a point: the inspector shows that person's numbers, their ties (drawn as lines to their friends), which friend's share brought them if one did, and what happened to them day by day and why. The timeline is worked out by playing your game again up to today, so on a big audience it takes a moment.",
    ),
    (
        "Listening",
        "Learning what each group cares about and which tone suits it: by research, and a little with every answer you give, every comment on someone's post and every ad click you are told about. What you believe of each group starts as a guess, which may be wrong; listening moves it toward the truth, and the planner shows it.",
    ),
    (
        "Tone",
        "The voice a post or a conversation is written in: informative (helps and explains), promotional (asks for the sale) or personal (the people behind the brand, talking to the person addressed). Each group and each platform takes to each tone differently. A personal tone tends to bond more in conversation; a promotional one draws more clicks on an offer but tires people sooner. Choose it in the planner; ads, research and connection requests have none.",
    ),
];

/// Terms for the labels the window puts on its numbers.
pub const LABELS: &[(&str, &str)] = &[
    (
        "This week, so far, now, all time",
        "A number marked \"this week\" counts the week just played; \"so far\" counts every week since the game began; \"now\" is where things stand at the end of the last day played; \"all time\" counts everyone it ever applied to, even those who have since moved on.",
    ),
    (
        "Customers now and bought, all time",
        "Customers now are the people who bought and have not lapsed (advocates are customers too): the market's shares of customers and the customers goal count these. Bought, all time counts everyone who ever bought from you, lapsed or not.",
    ),
    (
        "Net and gross",
        "Gross counts each way on its own (62 new followers, 22 unfollows); net is what is left when both are counted (+40 followers).",
    ),
];

/// Every entry of the glossary: the terms, the labels, then the score, the
/// stars and each goal.
pub fn glossary() -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = TERMS
        .iter()
        .chain(LABELS)
        .map(|&(term, meaning)| (term.to_string(), meaning.to_string()))
        .collect();
    entries.push(("Score".into(), score_explanation()));
    entries.push(("Stars".into(), stars_explanation()));
    for metric in METRICS {
        entries.push((
            format!("Goal: {}", goal_name(metric)),
            goal_meaning(metric).to_string(),
        ));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glossary_explains_every_goal_the_score_the_stars_and_the_labels() {
        let entries = glossary();
        let terms: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
        for metric in METRICS {
            assert!(terms.contains(&format!("Goal: {}", goal_name(metric)).as_str()));
        }
        for term in ["Score", "Stars", "Relationship", "Ghosts", "Net and gross"] {
            assert!(terms.contains(&term), "{term} is missing");
        }
        for (term, meaning) in &entries {
            assert!(!meaning.trim().is_empty(), "{term} has no meaning");
        }
    }
}
