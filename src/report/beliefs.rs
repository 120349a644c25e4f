//! What the brand believes of each group of its audience: the content it
//! thinks the group cares for most, the tone it thinks goes down best with
//! it, and how much of that comes from listening. Listening (research,
//! answers, comments on people's posts) moves these toward the truth; until
//! then they are the scenario's guesses, and may be wrong. The planner
//! shows them beside the tone choice.

use crate::sim::{ContentType, Simulation, Tone};
use crate::text::percent;

/// Two beliefs closer than this read as the same.
const TIE: f32 = 0.01;

/// One line per segment: "Regulars (12.0% from listening): most interested
/// in video, then photo; a personal tone goes down best."
pub fn belief_lines(simulation: &Simulation) -> Vec<String> {
    let insight = &simulation.brand().insight;
    simulation
        .scenario()
        .segments
        .iter()
        .enumerate()
        .map(|(s, segment)| {
            let mut contents: Vec<(ContentType, f32)> = ContentType::ALL
                .iter()
                .map(|&c| (c, simulation.believed_interest(s, c)))
                .collect();
            contents.sort_by(|a, b| b.1.total_cmp(&a.1));
            let content = if contents[0].1 - contents[contents.len() - 1].1 < TIE {
                "no content stands out".to_string()
            } else if contents[0].1 - contents[1].1 < TIE {
                format!(
                    "most interested in {} and {}",
                    contents[0].0.label(),
                    contents[1].0.label()
                )
            } else {
                format!(
                    "most interested in {}, then {}",
                    contents[0].0.label(),
                    contents[1].0.label()
                )
            };
            let mut tones: Vec<(Tone, f32)> = Tone::ALL
                .iter()
                .map(|&t| (t, simulation.believed_tone(s, t)))
                .collect();
            tones.sort_by(|a, b| b.1.total_cmp(&a.1));
            let tone = if tones[0].1 - tones[1].1 < TIE {
                "no tone stands out".to_string()
            } else {
                format!("a {} tone goes down best", tones[0].0.label())
            };
            let learnt = insight.get(s).copied().unwrap_or(0.0);
            format!(
                "{} ({} from listening): {content}; {tone}.",
                segment.name,
                percent(f64::from(learnt))
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;
    use crate::sim::{ActionKind, ContentType, PlannedAction, Target, WeekPlan};
    use std::sync::Arc;

    #[test]
    fn each_group_has_a_line_and_research_raises_what_comes_from_listening() {
        let mut scenario = find_scenario("corner_bakery").unwrap();
        scenario.agents = 2_000;
        let mut simulation = Simulation::new(Arc::new(scenario), 7);
        let before = belief_lines(&simulation);
        assert_eq!(before.len(), simulation.scenario().segments.len());
        assert!(
            before.iter().all(|l| l.contains("(0.0% from listening)")),
            "{before:?}"
        );
        let research = PlannedAction::aimed(ActionKind::Research, 0, ContentType::Photo, Target::Everyone);
        let plan = WeekPlan {
            actions: vec![research],
        };
        simulation.run_week(&plan).unwrap();
        let after = belief_lines(&simulation);
        assert!(
            after.iter().all(|l| !l.contains("(0.0% from listening)")),
            "{after:?}"
        );
        for line in &after {
            assert!(
                line.ends_with('.') && line.contains("tone") && line.contains(':'),
                "{line}"
            );
        }
    }
}
