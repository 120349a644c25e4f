//! How a week's plan reads, wherever it is drawn (the window's planner, the
//! class screen, the browser's planner): an action in one line, the people
//! an action can be aimed at, and what an action teaches;
//!
//! and writing a week's plan by hand: the one rule for adding an action (it
//! joins the plan only if the plan still fits the scenario's budget and
//! shape, with the days spread again in queue order) and the edits of the
//! plan's list (move, remove). The window's planner and a team's class
//! screen both write plans through these, and the refusal is said in the
//! same words. The check itself is the model's (`Scenario::check_plan`).

use crate::sim::{ActionKind, PlanError, PlannedAction, Scenario, Target, WeekPlan};
use crate::text::hours;

/// The people an action can be aimed at from a planner, with their names.
pub const TARGETS: [(Target, &str); 3] = [
    (Target::Everyone, "everyone"),
    (Target::Followers, "followers"),
    (Target::Influencers, "influencers"),
];

/// The planner's name of a target (`everyone` for one it does not offer).
pub fn target_name(target: Target) -> &'static str {
    TARGETS
        .iter()
        .find(|(t, _)| *t == target)
        .map_or("everyone", |(_, name)| name)
}

/// One line of a plan: what, where, which day, how long.
pub fn describe(scenario: &Scenario, action: &PlannedAction) -> String {
    let spec = scenario.actions.spec(action.kind);
    let platform = scenario
        .platforms
        .get(action.platform as usize)
        .map_or("?", |p| p.name.as_str());
    let cost = scenario.actions.cost(action);
    // What the action is about: its content, its people and its tone,
    // each where the kind takes one.
    let mut about: Vec<&str> = Vec::new();
    if action.kind.takes_content() {
        about.push(action.content.label());
    }
    if matches!(
        action.kind,
        ActionKind::EngageOthers | ActionKind::Ad | ActionKind::Connect
    ) {
        about.push(match action.target {
            Target::Followers => "followers",
            Target::Influencers => "influencers",
            Target::Segment(_) => "a segment",
            Target::Everyone => "everyone",
        });
    }
    if action.kind.takes_tone() {
        about.push(action.tone.label());
    }
    let what = if about.is_empty() {
        spec.name.clone()
    } else {
        format!("{} ({})", spec.name, about.join(", "))
    };
    format!(
        "{what} on {platform}, day {} — {}",
        action.day + 1,
        hours(cost.hours)
    )
}

/// Why an action was not added to the week's plan.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AddActionError {
    #[error("{action} does not fit: {reason}.")]
    DoesNotFit { action: String, reason: PlanError },
}

/// Adds `action` to `plan` if the plan still fits `scenario`; otherwise
/// says why not and leaves the plan as it was.
pub fn add_action(
    scenario: &Scenario,
    plan: &mut WeekPlan,
    action: PlannedAction,
) -> Result<(), AddActionError> {
    let mut candidate = plan.clone();
    candidate.actions.push(action);
    candidate.spread_in_order();
    match scenario.check_plan(&candidate) {
        Ok(()) => {
            *plan = candidate;
            Ok(())
        }
        Err(reason) => Err(AddActionError::DoesNotFit {
            action: scenario.actions.spec(action.kind).name.clone(),
            reason,
        }),
    }
}

/// An edit of the plan's list asked for by the player.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanEdit {
    /// Swap the actions at these places (moving one up or down).
    Swap(usize, usize),
    Remove(usize),
    RemoveLast,
}

/// Applies an edit; the days are spread again in the new order. An edit
/// that names no action changes nothing. Removing or reordering never
/// makes a plan that fitted stop fitting.
pub fn edit(plan: &mut WeekPlan, edit: PlanEdit) {
    let count = plan.actions.len();
    match edit {
        PlanEdit::Swap(a, b) if a < count && b < count => plan.actions.swap(a, b),
        PlanEdit::Remove(i) if i < count => {
            plan.actions.remove(i);
        }
        PlanEdit::RemoveLast => {
            plan.actions.pop();
        }
        _ => {}
    }
    plan.spread_in_order();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;
    use crate::sim::ContentType;

    fn live() -> PlannedAction {
        PlannedAction::aimed(ActionKind::LiveEvent, 0, ContentType::Photo, Target::Everyone)
    }

    #[test]
    fn an_action_joins_the_plan_only_while_the_plan_fits() {
        let scenario = find_scenario("corner_bakery").unwrap();
        let mut plan = WeekPlan::default();
        let mut added = 0;
        let refused = loop {
            match add_action(&scenario, &mut plan, live()) {
                Ok(()) => added += 1,
                Err(error) => break error,
            }
            assert!(added < 100, "the budget never ran out");
        };
        assert_eq!(plan.actions.len(), added);
        assert!(scenario.check_plan(&plan).is_ok());
        assert!(refused.to_string().contains("does not fit"), "{refused}");
        let days: Vec<u8> = plan.actions.iter().map(|a| a.day).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    }

    #[test]
    fn edits_reorder_and_remove_and_ignore_what_is_not_there() {
        let scenario = find_scenario("corner_bakery").unwrap();
        let mut plan = WeekPlan::default();
        add_action(&scenario, &mut plan, live()).unwrap();
        let reply = PlannedAction::aimed(ActionKind::Reply, 0, ContentType::Photo, Target::Everyone);
        add_action(&scenario, &mut plan, reply).unwrap();
        edit(&mut plan, PlanEdit::Swap(0, 1));
        assert_eq!(plan.actions[0].kind, ActionKind::Reply);
        edit(&mut plan, PlanEdit::Swap(1, 7));
        edit(&mut plan, PlanEdit::Remove(9));
        assert_eq!(plan.actions.len(), 2);
        edit(&mut plan, PlanEdit::Remove(0));
        assert_eq!(plan.actions[0].kind, ActionKind::LiveEvent);
        edit(&mut plan, PlanEdit::RemoveLast);
        assert!(plan.actions.is_empty());
        edit(&mut plan, PlanEdit::RemoveLast);
        assert!(plan.actions.is_empty());
    }
}
