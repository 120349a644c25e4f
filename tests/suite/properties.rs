//! Model invariants under random action plans (property tests).

use super::common::{check_invariants, fit_to_budget, planned_action, scenario};
use proptest::prelude::*;
use rapport::sim::{ActionKind, PlanError, PlannedAction, Simulation, Target, WeekError, WeekPlan};
use std::sync::Arc;

/// A random action; the plan keeps only those that fit the week's budget.
fn action() -> impl Strategy<Value = PlannedAction> {
    (0usize..ActionKind::ALL.len(), 0u8..7, 0u8..2, 0usize..5, 0u8..5).prop_map(
        |(kind, day, platform, content, target)| {
            let target = match target {
                0 => Target::Everyone,
                1 => Target::Followers,
                2 => Target::Influencers,
                t => Target::Segment(t - 3),
            };
            planned_action(kind, day, platform, content, target)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn random_plans_keep_the_model_sound(
        seed in 0u64..1_000_000,
        weeks in prop::collection::vec(prop::collection::vec(action(), 0..40), 1..6),
    ) {
        let scenario = Arc::new(scenario("corner_bakery").with_agents(3000));
        let mut game = Simulation::new(scenario, seed);
        for actions in weeks {
            let plan = fit_to_budget(&game, actions);
            let hours_planned = plan.total_cost(&game.scenario().actions).hours;
            let before = game.latest().followers;
            game.run_week(&plan).unwrap();
            let week = &game.history()[game.history().len() - 7..];
            let hours_spent: f64 = week.iter().map(|d| d.hours.total()).sum();
            prop_assert!((hours_spent - hours_planned).abs() < 1e-9);
            check_invariants(&game, before).map_err(TestCaseError::fail)?;
        }
    }
}

#[test]
fn a_plan_over_budget_is_refused_and_changes_nothing() {
    let scenario = Arc::new(scenario("corner_bakery").with_agents(1000));
    let mut game = Simulation::new(scenario, 1);
    let before = game.state_hash();
    let plan = WeekPlan {
        actions: vec![PlannedAction::new(ActionKind::LiveEvent, 0, 0); 5],
    };
    assert!(matches!(
        game.run_week(&plan),
        Err(WeekError::Plan(PlanError::Hours { .. }))
    ));
    let ads = WeekPlan {
        actions: vec![PlannedAction::new(ActionKind::Ad, 0, 0); 2],
    };
    assert!(matches!(
        game.run_week(&ads),
        Err(WeekError::Plan(PlanError::Money { .. }))
    ));
    let wrong_day = WeekPlan {
        actions: vec![PlannedAction::new(ActionKind::Publish, 7, 0)],
    };
    assert!(matches!(
        game.run_week(&wrong_day),
        Err(WeekError::Plan(PlanError::Day { .. }))
    ));
    let wrong_platform = WeekPlan {
        actions: vec![PlannedAction::new(ActionKind::Publish, 0, 9)],
    };
    assert!(matches!(
        game.run_week(&wrong_platform),
        Err(WeekError::Plan(PlanError::Platform { .. }))
    ));
    assert_eq!(before, game.state_hash());
    assert_eq!(game.day(), 0);
}
