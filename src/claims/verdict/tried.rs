//! Advice is a what-if that was played: each change an advice rule proposes
//! is played on the run's own seed and, when it raised the score there, on
//! four other seeds, beside the run's own plans on the same seeds (in a
//! market the rivals play their own rules, as in any game of the
//! scenario); it is told only when it raised the score on the run's seed
//! and on average over the five.
//!
//! Every game is played from a start the run's plans reached: each seed's
//! game with the run's own plans is copied at the week a change starts, and
//! the copy plays on with the changed weeks, which is the game `rapport
//! whatif --from-week` plays with the same plans, to the last bit.

use super::advice::{MAX_ADVICE, Proposal};
use crate::sim::{Scenario, Simulation, WeekPlan, mix64};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Seeds each change is played on: the run's own and four more.
pub const ADVICE_SEEDS: usize = 5;

/// A change is told only when it raised the score by at least this much
/// on the run's seed and on average: a change that moved nothing (or a
/// hair) is no advice.
pub const MIN_GAIN: f64 = 0.0005;

/// Keeps the other seeds apart from other seeds drawn from the run's.
const SEED_SALT: u64 = 0xad71_ce5e_ed5a_17ed;

/// The seeds a change is played on: the run's first, then others drawn
/// from it (the same for every change, and for every run on that seed).
pub fn advice_seeds(seed: u64) -> Vec<u64> {
    let mut seeds = vec![seed];
    let mut k = 1u64;
    while seeds.len() < ADVICE_SEEDS {
        let other = mix64(seed ^ SEED_SALT.wrapping_mul(k));
        if !seeds.contains(&other) {
            seeds.push(other);
        }
        k += 1;
    }
    seeds
}

/// One seed's two games: the run's own plans and the changed ones.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trial {
    pub seed: u64,
    /// The score with the run's own plans.
    pub original: f64,
    /// The score with the changed plans.
    pub changed: f64,
}

impl Trial {
    pub fn gain(&self) -> f64 {
        self.changed - self.original
    }
}

/// A change that would have helped the run, played: why, what to change,
/// and what it did on each seed (the run's first).
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// The rule that proposed it (`more_replies`).
    pub rule: &'static str,
    /// Why, what to change, and what it did, in words.
    pub sentence: String,
    /// The first week (1-based) the change touches.
    pub from_week: u32,
    /// The changed plans from `from_week` to the end: a plans file's weeks
    /// for `rapport whatif --from-week`.
    pub plans: Vec<WeekPlan>,
    /// The games on every seed, the run's own seed first.
    pub trials: Vec<Trial>,
}

impl Advice {
    /// The score the change adds on the run's own seed.
    pub fn gain(&self) -> f64 {
        self.trials.first().map_or(0.0, Trial::gain)
    }

    /// The score the change adds on average over the seeds.
    pub fn mean_gain(&self) -> f64 {
        let sum: f64 = self.trials.iter().map(Trial::gain).sum();
        crate::sim::mean_or_zero(sum, self.trials.len() as u64)
    }
}

/// Plays every proposal on [`advice_seeds`] and keeps, largest gain on the
/// run's seed first, at most [`MAX_ADVICE`] that raised the score there and
/// on average. The run's seed is played first; only the proposals that
/// raised the score there are played on the other seeds, which play in
/// parallel (the result is the same at any thread count).
/// `progress(done, of)` counts the weeks played, from any thread; `of`
/// grows once the run's seed has said which proposals go on.
pub fn try_out(
    run: &Simulation,
    proposals: Vec<Proposal>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Advice> {
    if proposals.is_empty() {
        return Vec::new();
    }
    let plans = run.plans();
    let seeds = advice_seeds(run.seed());
    let weeks_of = |proposals: &[Proposal]| {
        plans.len()
            + proposals
                .iter()
                .map(|p| (plans.len() + 1).saturating_sub(p.from_week as usize))
                .sum::<usize>()
    };
    let (done, of) = (AtomicUsize::new(0), AtomicUsize::new(weeks_of(&proposals)));
    let tick = || {
        progress(
            done.fetch_add(1, Ordering::Relaxed) + 1,
            of.load(Ordering::Relaxed),
        )
    };
    progress(0, of.load(Ordering::Relaxed));
    let Some(own) = play_seed(run.scenario(), run.seed(), plans, &proposals, &tick) else {
        return Vec::new();
    };
    let (kept, own_trials): (Vec<Proposal>, Vec<Trial>) = proposals
        .into_iter()
        .zip(&own.changed)
        .filter_map(|(proposal, changed)| {
            let trial = Trial {
                seed: run.seed(),
                original: own.original,
                changed: (*changed)?,
            };
            (trial.gain() >= MIN_GAIN).then_some((proposal, trial))
        })
        .unzip();
    if kept.is_empty() {
        return Vec::new();
    }
    of.fetch_add(weeks_of(&kept) * (seeds.len() - 1), Ordering::Relaxed);
    let others: Vec<Option<SeedScores>> = seeds[1..]
        .par_iter()
        .map(|&seed| play_seed(run.scenario(), seed, plans, &kept, &tick))
        .collect();
    let mut told: Vec<Advice> = kept
        .into_iter()
        .zip(own_trials)
        .enumerate()
        .filter_map(|(i, (proposal, own))| {
            let mut trials = vec![own];
            for (&seed, scores) in seeds[1..].iter().zip(&others) {
                let scores = scores.as_ref()?;
                trials.push(Trial {
                    seed,
                    original: scores.original,
                    changed: scores.changed[i]?,
                });
            }
            Some(advice(proposal, trials))
        })
        .filter(|a| a.mean_gain() >= MIN_GAIN)
        .collect();
    // Largest gain on the run's seed first; equal gains keep the rules' order.
    told.sort_by(|a, b| b.gain().total_cmp(&a.gain()));
    told.truncate(MAX_ADVICE);
    told
}

/// One seed's scores: the run's plans, and each proposal's (`None` when
/// its plans did not play).
struct SeedScores {
    original: f64,
    changed: Vec<Option<f64>>,
}

/// Plays the run's plans on `seed`, and from each proposal's first week a
/// copy of that game with the proposal's weeks. `None` when the run's own
/// plans do not play (never for a run that was played).
fn play_seed(
    scenario: &Arc<Scenario>,
    seed: u64,
    plans: &[WeekPlan],
    proposals: &[Proposal],
    tick: &(dyn Fn() + Sync),
) -> Option<SeedScores> {
    let mut game = Simulation::new(Arc::clone(scenario), seed);
    let mut changed = vec![None; proposals.len()];
    for week in 1..=plans.len() {
        for (i, proposal) in proposals.iter().enumerate() {
            if proposal.from_week as usize == week {
                changed[i] = play_on(game.clone(), &proposal.plans[week - 1..], tick);
            }
        }
        game.run_week(&plans[week - 1]).ok()?;
        tick();
    }
    Some(SeedScores {
        original: game.kpis_live().score,
        changed,
    })
}

/// `game` played on with `weeks`; its score, or `None` when a week is not
/// a legal plan.
fn play_on(mut game: Simulation, weeks: &[WeekPlan], tick: &(dyn Fn() + Sync)) -> Option<f64> {
    for plan in weeks {
        game.run_week(plan).ok()?;
        tick();
    }
    Some(game.kpis_live().score)
}

/// The proposal told with what it did: "… On your seed this would have
/// scored 0.83 instead of 0.81 (+0.02; +0.03 over 5 seeds)."
fn advice(proposal: Proposal, trials: Vec<Trial>) -> Advice {
    let mut advice = Advice {
        rule: proposal.rule,
        sentence: String::new(),
        from_week: proposal.from_week,
        plans: proposal.plans[proposal.from_week as usize - 1..].to_vec(),
        trials,
    };
    let own = advice.trials[0];
    let (gain, mean) = (advice.gain(), advice.mean_gain());
    // Two decimals as the score is shown elsewhere, three when a gain
    // would round to nothing.
    let digits = if gain >= 0.01 && mean >= 0.01 { 2 } else { 3 };
    advice.sentence = format!(
        "{} On your seed this would have scored {:.digits$} instead of {:.digits$} ({:+.digits$}; {:+.digits$} over {} seeds).",
        proposal.sentence(),
        own.changed,
        own.original,
        gain,
        mean,
        advice.trials.len()
    );
    advice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_are_the_runs_first_then_four_others_all_different() {
        for seed in [0, 1, 42, u64::MAX] {
            let seeds = advice_seeds(seed);
            assert_eq!(seeds.len(), ADVICE_SEEDS);
            assert_eq!(seeds[0], seed);
            let mut unique = seeds.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), ADVICE_SEEDS, "{seeds:?}");
            assert_eq!(advice_seeds(seed), seeds);
        }
    }

    #[test]
    fn a_sentence_says_both_scores_and_both_gains() {
        let proposal = Proposal {
            rule: "test",
            reason: "Because.".into(),
            change: "Do this.".into(),
            from_week: 2,
            plans: vec![WeekPlan::default(); 4],
        };
        let trials = |own: f64, other: f64| {
            vec![
                Trial {
                    seed: 1,
                    original: 0.81,
                    changed: 0.81 + own,
                },
                Trial {
                    seed: 2,
                    original: 0.7,
                    changed: 0.7 + other,
                },
            ]
        };
        let told = advice(proposal.clone(), trials(0.02, 0.04));
        assert_eq!(
            told.sentence,
            "Because. Do this. On your seed this would have scored 0.83 instead of 0.81 (+0.02; +0.03 over 2 seeds)."
        );
        assert_eq!(told.plans.len(), 3);
        let small = advice(proposal, trials(0.004, 0.002));
        assert!(
            small
                .sentence
                .ends_with("scored 0.814 instead of 0.810 (+0.004; +0.003 over 2 seeds)."),
            "{}",
            small.sentence
        );
    }
}
