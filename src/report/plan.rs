//! How a week's plan reads, wherever it is drawn (the window's planner, the
//! class screen, the browser's planner): an action in one line, the people
//! an action can be aimed at, and what an action teaches.

use super::format::hours;
use crate::claims;
use crate::sim::{ActionKind, PlannedAction, Scenario, Target};

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

/// What an action teaches, by the titles of its claims (`"C4, C9"` in the
/// catalogue); an id that names no claim is left out rather than shown.
pub fn teaches(ids: &str) -> String {
    let titles: Vec<&str> = ids
        .split([',', ' '])
        .filter(|id| !id.is_empty())
        .filter_map(claims::claim)
        .map(|claim| claim.title)
        .collect();
    match titles.as_slice() {
        [] => String::new(),
        [one] => format!("It teaches: {one}."),
        many => format!("It teaches: {}.", many.join("; ")),
    }
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

#[cfg(test)]
mod tests {
    use super::teaches;
    use crate::claims::claim;

    #[test]
    fn actions_teach_claims_by_their_titles_not_their_codes() {
        let text = teaches("C4, C9");
        assert!(text.contains(claim("C4").unwrap().title), "{text}");
        assert!(text.contains(claim("C9").unwrap().title), "{text}");
        assert!(!text.contains("C4") && !text.contains("C9"), "{text}");
        assert_eq!(teaches("C99"), "");
        let scenario = crate::files::builtin::find_scenario("first_steps").unwrap();
        for spec in &scenario.actions.specs {
            assert!(!teaches(&spec.claim).is_empty(), "{} teaches nothing", spec.name);
        }
    }
}
