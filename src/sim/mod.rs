//! The model of Reach & Rapport: plain Rust, no Bevy, deterministic.
//!
//! Data flows one way: a validated [`Scenario`] and a seed make a
//! [`Simulation`]; each week a [`WeekPlan`] (from the player or a
//! [`Strategy`]) drives seven daily steps; [`DayMetrics`] and [`Kpis`] come out.
//!
//! The submodules are private: the `pub use` list below is the one public
//! path of every type (`crate::sim::Audience`, never `crate::sim::audience::Audience`).

mod action;
mod attribution;
mod audience;
mod contribution;
mod graph;
mod market;
mod mechanisms;
mod metrics;
mod params;
mod profile;
mod ranges;
mod rng;
mod scenario;
mod sort;
mod step;
mod strategy;
mod trace;
mod types;
mod world;

pub use action::{
    ActionCatalog, ActionKind, ActionSpec, Cost, MAX_ACTIONS_PER_WEEK, PlanError, PlannedAction, Target,
    WeekPlan, spread_day,
};
pub use attribution::{Attribution, Cause, Outcome, possible_causes};
pub use audience::ledger::{Counts, Ledger};
pub use audience::{Audience, Funnel, Levels, Story};
pub use contribution::{BOND_CAUSES, UNIT as CONTRIBUTION_UNIT, WARMTH_CAUSES};
pub use graph::Graph;
pub use market::{BrandRole, MAX_BRANDS, MarketError, MarketParams, MarketSpec, RivalSpec, Shares, Standing};
pub use mechanisms::Mechanisms;
pub use metrics::{DayMetrics, Hours, Kpis, STAR_SCORES, goal_progress, mean_or_zero, ratio, score, stars};
pub use params::ModelParams;
pub use profile::{PhaseTimes, Time, cpu_time_ms};
pub use ranges::{
    ParamRange, RANGES, UnknownParam, archetype_id, get_param, param_names, range_of, set_param,
};
pub use rng::{Rng, Stream, mix64};
pub use scenario::{
    DEFAULT_TONE_FIT, EventKind, Goal, GoalMetric, GraphSpec, Platform, PlatformDefaults, Scenario,
    ScriptedEvent, Segment,
};
pub use step::{HAZARD_FLOOR, Purchase, plain_pass};
pub use strategy::{
    Condition, ContentChoice, Count, PlatformChoice, Rule, Step, Strategy, TargetChoice, ToneChoice,
};
pub use trace::{Snapshot, Trace, TraceEvent, TraceStep};
pub use types::{Archetype, CONTENT_TYPES, ContentType, Family, STAGES, Stage, TONES, Tone};
pub use world::{Brand, MODEL_VERSION, SHARES_SAMPLED, Simulation, Totals, WeekError};
pub use world::{
    Rebuild, ReplayFailure, ReplayMismatch, ReplayWeeks, Replaying, SNAPSHOT_VERSION, SnapshotError,
};

/// Plays a whole game with a strategy and returns it finished.
pub fn play(scenario: std::sync::Arc<Scenario>, seed: u64, strategy: &Strategy) -> Simulation {
    let mut simulation = Simulation::new(scenario, seed);
    strategy.play_out(&mut simulation);
    simulation
}
