//! The one way to play a game's plans again from its start: a replay's
//! `verify`, `grade` (on the class's seed and on hidden seeds), `whatif`,
//! `explain`, `compare`, a class's markets, a save's resume and a person's
//! timeline all come through [`Simulation::replay`], with one failure
//! policy: the first week that does not play, or does not end in the state
//! recorded, stops the re-play with a typed [`ReplayMismatch`] that names
//! the week and keeps the game as far as it went (a caller that only shows
//! a game may go on with it; one that checks a hand-in refuses it).
//!
//! Only the public `Simulation` API is used here (`new`, `with_players`,
//! `check_plan`, `run_market_week`, `week_hashes`, `watch`), so a new state
//! layout does not touch this file.

use super::super::action::WeekPlan;
use super::super::market::MarketError;
use super::super::scenario::Scenario;
use super::{Simulation, WeekError};
use std::sync::Arc;

/// A game's plans, week by week.
#[derive(Clone, Copy, Debug)]
pub enum ReplayWeeks<'a> {
    /// A game of one player: one plan a week.
    Solo(&'a [WeekPlan]),
    /// A market played by teams: every week, one plan per team in brand
    /// order.
    Market(&'a [Vec<WeekPlan>]),
}

impl ReplayWeeks<'_> {
    fn len(&self) -> usize {
        match self {
            ReplayWeeks::Solo(plans) => plans.len(),
            ReplayWeeks::Market(weeks) => weeks.len(),
        }
    }

    fn week(&self, w: usize) -> &[WeekPlan] {
        match self {
            ReplayWeeks::Solo(plans) => std::slice::from_ref(&plans[w]),
            ReplayWeeks::Market(weeks) => &weeks[w],
        }
    }
}

/// What to re-play: the game's setup, its plans, and what to check on the
/// way. Built with [`Replaying::solo`] or [`Replaying::market`].
#[derive(Clone, Copy)]
pub struct Replaying<'a> {
    scenario: &'a Arc<Scenario>,
    seed: u64,
    /// The brands played by people (a class market); `None`: the
    /// scenario's own game, as [`Simulation::new`] sets it up.
    teams: Option<&'a [String]>,
    weeks: ReplayWeeks<'a>,
    /// The state hash expected at the start, when known.
    start: Option<u64>,
    /// The state hash expected after each week (`[w - 1]` after week
    /// `w`); only the hashes given are checked.
    after: &'a [u64],
    watch: Option<u32>,
    progress: Option<&'a dyn Fn(usize, usize)>,
}

impl<'a> Replaying<'a> {
    /// The plans of a game of one player (`Simulation::new`'s game: the
    /// scenario's brand, with its rivals when it has some).
    pub fn solo(scenario: &'a Arc<Scenario>, seed: u64, plans: &'a [WeekPlan]) -> Replaying<'a> {
        Replaying {
            scenario,
            seed,
            teams: None,
            weeks: ReplayWeeks::Solo(plans),
            start: None,
            after: &[],
            watch: None,
            progress: None,
        }
    }

    /// The plans of a market played by `teams` (`Simulation::with_players`).
    pub fn market(
        scenario: &'a Arc<Scenario>,
        seed: u64,
        teams: &'a [String],
        weeks: &'a [Vec<WeekPlan>],
    ) -> Replaying<'a> {
        Replaying {
            teams: Some(teams),
            weeks: ReplayWeeks::Market(weeks),
            ..Replaying::solo(scenario, seed, &[])
        }
    }

    /// Checks the state hashes on the way: `hashes[0]` at the start,
    /// `hashes[w]` after week `w` (as `Simulation::week_hashes` gives them).
    pub fn expecting(self, hashes: &'a [u64]) -> Replaying<'a> {
        Replaying {
            start: hashes.first().copied(),
            after: hashes.get(1..).unwrap_or_default(),
            ..self
        }
    }

    /// Checks only the state hash after each week (`hashes[w - 1]` after
    /// week `w`), when the start was not recorded.
    pub fn expecting_after_weeks(self, hashes: &'a [u64]) -> Replaying<'a> {
        Replaying {
            start: None,
            after: hashes,
            ..self
        }
    }

    /// Records `agent`'s story while re-playing (`Simulation::watch`).
    pub fn watching(self, agent: u32) -> Replaying<'a> {
        Replaying {
            watch: Some(agent),
            ..self
        }
    }

    /// Told `(weeks done, weeks)` before each week and once at the end.
    pub fn reporting(self, progress: &'a dyn Fn(usize, usize)) -> Replaying<'a> {
        Replaying {
            progress: Some(progress),
            ..self
        }
    }

    fn tell(&self, done: usize) {
        if let Some(progress) = self.progress {
            progress(done, self.weeks.len());
        }
    }
}

/// Why a re-play stopped.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReplayFailure {
    /// The market cannot be set up with these teams.
    #[error("the market cannot be set up: {0}")]
    Setup(MarketError),
    /// The game does not start in the state recorded: another seed,
    /// audience size or set of teams.
    #[error("the game does not start as recorded")]
    Start,
    /// A week's plan is not a legal plan of the scenario (for a market, the
    /// error names the team).
    #[error("the plan is not legal: {0}")]
    IllegalPlan(WeekError),
    /// The week played, but the state after it is not the one recorded.
    #[error("the state after the week differs from the one recorded")]
    StateDiffers,
}

/// A re-play that stopped: at which week (1-based; 0 for the start), why,
/// and the game as far as it went (`None` when it could not be set up).
#[derive(Clone, Debug, thiserror::Error)]
#[error("week {week}: {reason}")]
pub struct ReplayMismatch {
    pub week: usize,
    pub reason: ReplayFailure,
    pub played: Option<Box<Simulation>>,
}

impl ReplayMismatch {
    /// The game as far as it went: for callers that show a game and would
    /// rather show part of it than nothing.
    pub fn into_played(self) -> Option<Simulation> {
        self.played.map(|game| *game)
    }
}

impl Simulation {
    /// Plays `replaying`'s plans again from the start, week by week,
    /// checking every plan and every expected state hash. On success the
    /// game after the last week given; its `week_hashes` are the per-week
    /// hashes of the re-play.
    pub fn replay(replaying: Replaying<'_>) -> Result<Simulation, ReplayMismatch> {
        let scenario = Arc::clone(replaying.scenario);
        let mut game = match replaying.teams {
            None => Simulation::new(scenario, replaying.seed),
            Some(teams) => {
                Simulation::with_players(scenario, replaying.seed, teams).map_err(|e| ReplayMismatch {
                    week: 0,
                    reason: ReplayFailure::Setup(e),
                    played: None,
                })?
            }
        };
        if let Some(agent) = replaying.watch {
            game.watch(agent);
        }
        let stop = |game: Simulation, week: usize, reason: ReplayFailure| ReplayMismatch {
            week,
            reason,
            played: Some(Box::new(game)),
        };
        if replaying
            .start
            .is_some_and(|start| game.week_hashes().first() != Some(&start))
        {
            return Err(stop(game, 0, ReplayFailure::Start));
        }
        for w in 0..replaying.weeks.len() {
            replaying.tell(w);
            let plans = replaying.weeks.week(w);
            if let Some(teams) = replaying.teams {
                // Each team's plan checked first, so the error names the team.
                for (team, plan) in teams.iter().zip(plans) {
                    if let Err(error) = game.check_plan(plan) {
                        let reason = WeekError::BrandPlan {
                            brand: team.clone(),
                            error,
                        };
                        return Err(stop(game, w + 1, ReplayFailure::IllegalPlan(reason)));
                    }
                }
            }
            if let Err(reason) = game.run_market_week(plans) {
                return Err(stop(game, w + 1, ReplayFailure::IllegalPlan(reason)));
            }
            if let Some(&expected) = replaying.after.get(w)
                && game.week_hashes().last() != Some(&expected)
            {
                return Err(stop(game, w + 1, ReplayFailure::StateDiffers));
            }
        }
        replaying.tell(replaying.weeks.len());
        Ok(game)
    }
}

/// A game between two weeks, to be built again on another thread: a game
/// of one player is played again there from its plans (checked against its
/// week hashes), so the caller hands over plans, not a million people's
/// state; anything else (a class market, a week under way) is copied.
pub enum Rebuild {
    Replay {
        scenario: Arc<Scenario>,
        seed: u64,
        plans: Vec<WeekPlan>,
        hashes: Vec<u64>,
    },
    Copy(Box<Simulation>),
}

impl Rebuild {
    /// The game again: equal to the one it was taken from, or `None` when
    /// the re-play did not end in its recorded state.
    pub fn build(self) -> Option<Simulation> {
        match self {
            Rebuild::Replay {
                scenario,
                seed,
                plans,
                hashes,
            } => Simulation::replay(Replaying::solo(&scenario, seed, &plans).expecting(&hashes)).ok(),
            Rebuild::Copy(game) => Some(*game),
        }
    }
}

impl Simulation {
    /// How to build this game again elsewhere (see [`Rebuild`]): cheap to
    /// take on the window's thread at any audience size for a game of one
    /// player between weeks.
    pub fn rebuild(&self) -> Rebuild {
        let between_weeks = !self.week_running() && self.week_hashes().len() == self.plans().len() + 1;
        if self.players() == 1 && between_weeks {
            Rebuild::Replay {
                scenario: Arc::clone(self.scenario()),
                seed: self.seed(),
                plans: self.plans().to_vec(),
                hashes: self.week_hashes().to_vec(),
            }
        } else {
            Rebuild::Copy(Box::new(self.clone()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{ActionKind, PlannedAction};

    fn small() -> Arc<Scenario> {
        Arc::new(Scenario::for_tests(400))
    }

    /// A few weeks of small legal plans, each a little different.
    fn some_plans(weeks: usize) -> Vec<WeekPlan> {
        (0..weeks)
            .map(|w| WeekPlan {
                actions: vec![
                    PlannedAction::new(ActionKind::Publish, (w % 7) as u8, 0),
                    PlannedAction::new(ActionKind::Reply, ((w + 3) % 7) as u8, 0),
                ],
            })
            .collect()
    }

    #[test]
    fn a_rebuilt_game_is_the_game_it_was_taken_from() {
        let scenario = small();
        let mut played = Simulation::new(Arc::clone(&scenario), 11);
        for plan in &some_plans(3) {
            played.run_week(plan).unwrap();
        }
        let rebuild = played.rebuild();
        assert!(matches!(rebuild, Rebuild::Replay { .. }));
        let again = rebuild.build().expect("the re-play ends in the recorded state");
        assert_eq!(again.state_hash(), played.state_hash());
        assert_eq!(again.week_hashes(), played.week_hashes());
        // A week under way cannot be re-played from whole plans: it is copied.
        played.begin_week(some_plans(4)[3].clone()).unwrap();
        played.step_day().unwrap();
        let copied = played.rebuild();
        assert!(matches!(copied, Rebuild::Copy(_)));
        assert_eq!(copied.build().unwrap().state_hash(), played.state_hash());
    }

    #[test]
    fn a_replay_ends_in_the_game_played_and_names_the_first_week_that_differs() {
        let scenario = small();
        let plans = some_plans(4);
        let mut played = Simulation::new(Arc::clone(&scenario), 7);
        for plan in &plans {
            played.run_week(plan).unwrap();
        }
        let again = Simulation::replay(Replaying::solo(&scenario, 7, &plans).expecting(played.week_hashes()))
            .unwrap();
        assert_eq!(again.week_hashes(), played.week_hashes());

        // Another seed: the start differs.
        let other = Simulation::replay(Replaying::solo(&scenario, 8, &plans).expecting(played.week_hashes()))
            .unwrap_err();
        assert_eq!((other.week, other.reason), (0, ReplayFailure::Start));

        // Week 3 edited: the state after week 3 differs, and the game so far
        // is kept (three weeks played).
        let mut edited = plans.clone();
        edited[2] = WeekPlan::default();
        let mismatch =
            Simulation::replay(Replaying::solo(&scenario, 7, &edited).expecting(played.week_hashes()))
                .unwrap_err();
        assert_eq!(
            (mismatch.week, &mismatch.reason),
            (3, &ReplayFailure::StateDiffers)
        );
        assert_eq!(mismatch.into_played().unwrap().plans().len(), 3);

        // Without hashes to check, legal plans play on any seed.
        let hidden = Simulation::replay(Replaying::solo(&scenario, 99, &plans)).unwrap();
        assert_eq!(hidden.plans().len(), 4);
    }

    #[test]
    fn an_illegal_plan_stops_the_replay_at_its_week_and_a_team_is_named() {
        let scenario = small();
        let too_much = WeekPlan {
            actions: vec![PlannedAction::new(ActionKind::LiveEvent, 0, 0); 400],
        };
        let plans = vec![WeekPlan::default(), too_much.clone()];
        let stop = Simulation::replay(Replaying::solo(&scenario, 1, &plans)).unwrap_err();
        assert_eq!(stop.week, 2);
        assert!(matches!(stop.reason, ReplayFailure::IllegalPlan(_)), "{stop}");

        let teams = vec!["Ann".to_string(), "Bo".to_string()];
        let weeks = vec![vec![WeekPlan::default(), too_much]];
        let stop = Simulation::replay(Replaying::market(&scenario, 1, &teams, &weeks)).unwrap_err();
        match stop.reason {
            ReplayFailure::IllegalPlan(WeekError::BrandPlan { brand, .. }) => assert_eq!(brand, "Bo"),
            other => panic!("{other:?}"),
        }
        let same = vec!["Ann".to_string(), "ann".to_string()];
        let stop = Simulation::replay(Replaying::market(&scenario, 1, &same, &[])).unwrap_err();
        assert!(matches!(stop.reason, ReplayFailure::Setup(_)) && stop.played.is_none());
    }

    #[test]
    fn progress_is_told_before_each_week_and_at_the_end() {
        let scenario = small();
        let plans = vec![WeekPlan::default(); 3];
        let told = std::sync::Mutex::new(Vec::new());
        let progress = |done: usize, of: usize| told.lock().unwrap().push((done, of));
        Simulation::replay(Replaying::solo(&scenario, 1, &plans).reporting(&progress)).unwrap();
        assert_eq!(*told.lock().unwrap(), vec![(0, 3), (1, 3), (2, 3), (3, 3)]);
    }
}
