//! What the coach says, as data: the kinds of move, where a game ends as
//! the check reads it, a move checked, and the week's advice. The search
//! (`moves`) makes them; the words (`move_words`) tell them.

use crate::sim::{Goal, GoalMetric, Kpis, PlannedAction, WeekPlan, goal_progress};

/// What a move does, in the order the coach tries them for a goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MoveKind {
    /// Host a live session for followers, and answer what it brings.
    LiveSession,
    /// Comment on followers' own posts.
    TalkWithFollowers,
    /// Ask questions and answer the comments.
    AskQuestions,
    /// Answer the comments that would wait.
    AnswerComments,
    /// Send connection requests to people who do not follow yet.
    Connect,
    /// Run an ad among the largest group and post an offer.
    Advertise,
    /// Hand-make posts of the content believed to fit best.
    Post,
}

impl MoveKind {
    pub(super) const ALL: [MoveKind; 7] = [
        MoveKind::LiveSession,
        MoveKind::TalkWithFollowers,
        MoveKind::AskQuestions,
        MoveKind::AnswerComments,
        MoveKind::Connect,
        MoveKind::Advertise,
        MoveKind::Post,
    ];

    /// The moves that work on `metric`, most direct first.
    pub(super) fn for_goal(metric: GoalMetric) -> &'static [MoveKind] {
        use MoveKind::*;
        match metric {
            GoalMetric::StrongRelationships | GoalMetric::Advocates => {
                &[LiveSession, TalkWithFollowers, AskQuestions, AnswerComments]
            }
            GoalMetric::RelationshipIndex | GoalMetric::Sentiment => {
                &[TalkWithFollowers, LiveSession, AskQuestions, AnswerComments]
            }
            GoalMetric::Followers => &[Connect, Post, LiveSession],
            GoalMetric::Leads | GoalMetric::Customers | GoalMetric::Roi => &[Advertise, Post],
            GoalMetric::EngagementRate => &[Post, AskQuestions],
        }
    }
}

/// Where a game ends, as far as the coach's check reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ending {
    /// The value of the goal the move names.
    pub goal: f64,
    pub score: f64,
    /// Goals met, and the progress (0..1) of the goal furthest from its
    /// target: a move that meets every goal is worth more than one that
    /// only adds to the score.
    pub met: usize,
    pub worst: f64,
}

impl Ending {
    pub(super) fn of(goals: &[Goal], metric: GoalMetric, kpis: &Kpis) -> Ending {
        let progress: Vec<f64> = goals.iter().map(|g| goal_progress(g, kpis)).collect();
        Ending {
            goal: kpis.value(metric),
            score: kpis.score,
            met: progress.iter().filter(|&&p| p >= 1.0).count(),
            worst: progress.iter().copied().fold(1.0, f64::min),
        }
    }
}

/// One move the coach checked and offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    pub kind: MoveKind,
    /// The goal it names: the one furthest from its target.
    pub goal: Goal,
    /// The week's plan with the move: the current plan, the move's actions
    /// added, and what had to give way to fit the budget dropped.
    pub plan: WeekPlan,
    pub added: Vec<PlannedAction>,
    pub dropped: Vec<PlannedAction>,
    /// The game played on with the move this week, and without it.
    pub with: Ending,
    pub without: Ending,
    /// Where the move's plan can take the game if kept, with one more move
    /// next week: how the coach chooses among the moves that help.
    pub prospect: Ending,
    /// The gap, the move and what the check found, for the player.
    pub text: String,
}

/// The coach's word for a week.
#[derive(Clone, Debug, PartialEq)]
pub enum Advice {
    /// A move that helps.
    Move(Move),
    /// The current plan, played every week left, meets every goal: the
    /// plan to keep.
    OnTrack { text: String, plan: WeekPlan },
    /// No move the coach knows helps (or the game is over).
    Nothing,
}

impl Advice {
    pub fn text(&self) -> Option<&str> {
        match self {
            Advice::Move(m) => Some(&m.text),
            Advice::OnTrack { text, .. } => Some(text),
            Advice::Nothing => None,
        }
    }

    /// The plan the advice asks for, given the current one.
    pub fn plan(&self, current: &WeekPlan) -> WeekPlan {
        match self {
            Advice::Move(m) => m.plan.clone(),
            Advice::OnTrack { plan, .. } => plan.clone(),
            Advice::Nothing => current.clone(),
        }
    }
}
