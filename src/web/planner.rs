//! The week's planner in the browser, for a team and a solo player alike:
//! the hours and money left, the actions with their costs and what they
//! tend to do, where and at whom the next one goes, and the week's queue
//! with move and remove. Every check is the model's (`Scenario::check_plan`),
//! every sentence `report::plan`'s; a refusal is said next to its field.
//!
//! A choice of the next action is one `Choice`: its kind, platform,
//! content, target and tone, each one field of the form.

use super::form::FormData;
use super::style::series;
use crate::claims::teaches;
use crate::report::plan::{TARGETS, describe};
use crate::sim::{ActionKind, ContentType, Family, PlannedAction, Scenario, Target, Tone, WeekPlan};
use crate::text::{count, hours};
use maud::{Markup, html};

/// What the next action is: its kind and where and at whom it goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    pub kind: ActionKind,
    pub platform: u8,
    pub content: ContentType,
    pub target: Target,
    pub tone: Tone,
}

impl Default for Choice {
    fn default() -> Choice {
        Choice {
            kind: ActionKind::Publish,
            platform: 0,
            content: ContentType::BROADCAST[0],
            target: Target::Everyone,
            tone: Tone::default(),
        }
    }
}

/// Where a refusal is said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The "add an action" form.
    Add,
    /// The queue (a move or a removal).
    Queue,
    /// The hand-in or run button.
    Submit,
}

/// A refusal and where it belongs.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    pub fn new(field: Field, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// The form's words for an action kind, a content, a target.
fn kind_of(id: &str) -> Option<ActionKind> {
    ActionKind::ALL.into_iter().find(|k| k.id() == id)
}

fn content_of(label: &str) -> Option<ContentType> {
    ContentType::BROADCAST.into_iter().find(|c| c.label() == label)
}

fn tone_of(label: &str) -> Option<Tone> {
    Tone::ALL.into_iter().find(|t| t.label() == label)
}

fn target_of(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
}

/// The "add an action" form read back, each field checked.
pub fn read_choice(form: &FormData, scenario: &Scenario) -> Result<Choice, FieldError> {
    let refuse = |message: &str| FieldError::new(Field::Add, message);
    let kind = form
        .get("kind")
        .and_then(kind_of)
        .ok_or_else(|| refuse("Choose an action from the list first."))?;
    let platform = form
        .get("platform")
        .and_then(|p| p.parse::<u8>().ok())
        .filter(|&p| (p as usize) < scenario.platforms.len())
        .ok_or_else(|| refuse("Choose one of this scenario's platforms."))?;
    let content = form
        .get("content")
        .and_then(content_of)
        .ok_or_else(|| refuse("Choose what to post: photo, video, infographic, article or offer."))?;
    let target = form
        .get("target")
        .and_then(target_of)
        .ok_or_else(|| refuse("Choose whom to engage or target: everyone, followers or influencers."))?;
    // A form of before tones (or without the field) speaks in the default tone.
    let tone = match form.get("tone") {
        None => Tone::default(),
        Some(label) => {
            tone_of(label).ok_or_else(|| refuse("Choose a tone: informative, promotional or personal."))?
        }
    };
    Ok(Choice {
        kind,
        platform,
        content,
        target,
        tone,
    })
}

/// The plan with the action added, spread over the week in queue order,
/// if the week's budget holds it; else the model's reason, in words.
pub fn add(scenario: &Scenario, plan: &WeekPlan, choice: &Choice) -> Result<WeekPlan, FieldError> {
    let mut candidate = plan.clone();
    candidate.actions.push(
        PlannedAction::aimed(choice.kind, choice.platform, choice.content, choice.target)
            .in_tone(choice.tone),
    );
    candidate.spread_in_order();
    scenario.check_plan(&candidate).map_err(|reason| {
        FieldError::new(
            Field::Add,
            format!(
                "{} does not fit: {reason}.",
                scenario.actions.spec(choice.kind).name
            ),
        )
    })?;
    Ok(candidate)
}

/// The plan with action `index` moved up or down or removed (`op` is
/// `up`, `down` or `remove`), spread again.
pub fn edit(plan: &WeekPlan, form: &FormData) -> Result<WeekPlan, FieldError> {
    let index = form
        .get("index")
        .and_then(|i| i.parse::<usize>().ok())
        .filter(|&i| i < plan.actions.len())
        .ok_or_else(|| FieldError::new(Field::Queue, "That action is no longer in the week's plan."))?;
    let mut plan = plan.clone();
    match form.get("op") {
        Some("up") if index > 0 => plan.actions.swap(index - 1, index),
        Some("down") if index + 1 < plan.actions.len() => plan.actions.swap(index, index + 1),
        Some("up" | "down") => {}
        Some("remove") => {
            plan.actions.remove(index);
        }
        _ => return Err(FieldError::new(Field::Queue, "Move up, move down or remove.")),
    }
    plan.spread_in_order();
    Ok(plan)
}

/// What the planner shows.
pub struct View<'a> {
    pub scenario: &'a Scenario,
    pub plan: &'a WeekPlan,
    /// Where its forms post: `{base}/add`, `{base}/edit`.
    pub base: &'a str,
    pub csrf: &'a str,
    pub choice: Choice,
    pub error: Option<&'a FieldError>,
}

fn error_text(view: &View, field: Field) -> Option<String> {
    view.error.filter(|e| e.field == field).map(|e| e.message.clone())
}

/// The hours and money left after the plan.
pub fn budget(scenario: &Scenario, plan: &WeekPlan) -> Markup {
    let cost = plan.total_cost(&scenario.actions);
    let hours_left = (scenario.hours_per_week - cost.hours).max(0.0);
    let money_left = (scenario.money_per_week - cost.money).max(0.0);
    let share = |left: f64, of: f64| {
        if of > 0.0 {
            (100.0 * left / of).clamp(0.0, 100.0)
        } else {
            0.0
        }
    };
    html! {
        div.budget {
            span { "Hours left" }
            div.bar {
                span.track role="presentation" { span.fill style=(format!("width:{:.0}%", share(hours_left, scenario.hours_per_week))) {} }
                span { (hours(hours_left)) " of " (hours(scenario.hours_per_week)) }
            }
            span { "Money left" }
            div.bar {
                span.track role="presentation" { span.fill style=(format!("width:{:.0}%;background:{}", share(money_left, scenario.money_per_week), series(2))) {} }
                span { (count(money_left.round() as u64)) " of " (count(scenario.money_per_week.max(0.0).round() as u64)) }
            }
        }
    }
}

/// An action's cost as the list shows it: a post's hours depend on its content.
fn cost_text(scenario: &Scenario, kind: ActionKind) -> String {
    let spec = scenario.actions.spec(kind);
    let time = if kind == ActionKind::Publish {
        let (low, high) = scenario
            .actions
            .publish_hours
            .iter()
            .take(ContentType::BROADCAST.len())
            .fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        format!("{} to {} by content", hours(low), hours(high))
    } else {
        hours(spec.hours)
    };
    if spec.money > 0.0 {
        format!("{time}, {} money", count(spec.money.round() as u64))
    } else {
        time
    }
}

/// The "add an action" form.
pub fn add_form(view: &View) -> Markup {
    let scenario = view.scenario;
    let error = error_text(view, Field::Add);
    html! {
        form method="post" action=(format!("{}/add", view.base)) aria-describedby=[error.as_ref().map(|_| "add-error")] {
            input type="hidden" name="csrf" value=(view.csrf);
            h2 #add-heading { "Add an action" }
            @if let Some(message) = &error {
                p #add-error .error role="alert" { "Not added: " (message) }
            }
            @for family in Family::ALL {
                fieldset {
                    legend { (family_heading(family)) }
                    ul.actions {
                        @for kind in ActionKind::ALL.into_iter().filter(|k| k.family() == family) {
                            @let spec = scenario.actions.spec(kind);
                            @let id = format!("kind-{}", kind.id());
                            li {
                                input type="radio" name="kind" id=(id) value=(kind.id()) checked[kind == view.choice.kind];
                                label for=(id) { (spec.name) " — " (cost_text(scenario, kind)) }
                                span.what { (spec.summary) " " (teaches(&spec.claim)) }
                            }
                        }
                    }
                }
            }
            div.grid.two {
                div {
                    label for="platform" { "Platform" }
                    select #platform name="platform" {
                        @for (p, platform) in scenario.platforms.iter().enumerate() {
                            option value=(p) selected[p == view.choice.platform as usize] { (platform.name) }
                        }
                    }
                    label for="content" { "Content to post (publish and schedule)" }
                    select #content name="content" {
                        @for content in ContentType::BROADCAST {
                            option value=(content.label()) selected[content == view.choice.content] { (content.label()) }
                        }
                    }
                }
                div {
                    label for="target" { "People to engage or target (engage, ads, research, requests)" }
                    select #target name="target" {
                        @for (target, name) in TARGETS {
                            option value=(name) selected[target == view.choice.target] { (name) }
                        }
                    }
                    label for="tone" { "Tone (posts, conversations, replies, comments, live sessions)" }
                    select #tone name="tone" {
                        @for tone in Tone::ALL {
                            option value=(tone.label()) selected[tone == view.choice.tone] { (tone.label()) }
                        }
                    }
                }
            }
            p { button type="submit" { "Add to the week" } }
        }
    }
}

fn family_heading(family: Family) -> &'static str {
    match family {
        Family::Broadcast => "Broadcasting (social media): talk at people",
        Family::Conversation => "Conversation (social networking): talk with people",
        Family::Listening => "Listening",
    }
}

/// The week's queue with move and remove.
pub fn queue(view: &View) -> Markup {
    let error = error_text(view, Field::Queue);
    let count = view.plan.actions.len();
    html! {
        h2 #queue-heading { "This week's plan" }
        @if let Some(message) = &error {
            p.error role="alert" { (message) }
        }
        @if count == 0 {
            p { "Nothing planned yet. Add actions with the form." }
        } @else {
            ol.queue aria-labelledby="queue-heading" {
                @for (i, action) in view.plan.actions.iter().enumerate() {
                    @let line = describe(view.scenario, action);
                    li {
                        (line) " "
                        @for (op, words, shown) in [("up", "Move up", i > 0), ("down", "Move down", i + 1 < count), ("remove", "Remove", true)] {
                            @if shown {
                                form method="post" action=(format!("{}/edit", view.base)) {
                                    input type="hidden" name="csrf" value=(view.csrf);
                                    input type="hidden" name="index" value=(i);
                                    input type="hidden" name="op" value=(op);
                                    button.plain.small type="submit" aria-label=(format!("{words}: {}. {line}", i + 1)) { (words) }
                                }
                                " "
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A choice as the last "add" form held it, kept for the next form.
pub fn choice_of_plan(plan: &WeekPlan) -> Choice {
    plan.actions
        .last()
        .map(|a| Choice {
            kind: a.kind,
            platform: a.platform,
            content: if a.kind.takes_content() {
                a.content
            } else {
                ContentType::BROADCAST[0]
            },
            target: if TARGETS.iter().any(|(t, _)| *t == a.target) {
                a.target
            } else {
                Target::Everyone
            },
            tone: a.tone,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::builtin::find_scenario;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn an_action_is_added_while_it_fits_and_refused_with_the_models_reason() {
        let scenario = find_scenario("first_steps").unwrap();
        let choice = read_choice(
            &form(&[
                ("kind", "live_event"),
                ("platform", "0"),
                ("content", "photo"),
                ("target", "everyone"),
            ]),
            &scenario,
        )
        .unwrap();
        let mut plan = WeekPlan::default();
        let error = loop {
            match add(&scenario, &plan, &choice) {
                Ok(bigger) => plan = bigger,
                Err(error) => break error,
            }
        };
        assert!(!plan.actions.is_empty());
        assert_eq!(error.field, Field::Add);
        assert!(
            error.message.contains("does not fit: the plan needs"),
            "{}",
            error.message
        );
        let moved = edit(&plan, &form(&[("index", "0"), ("op", "remove")])).unwrap();
        assert_eq!(moved.actions.len(), plan.actions.len() - 1);
        assert!(edit(&plan, &form(&[("index", "99"), ("op", "remove")])).is_err());
        assert!(read_choice(&form(&[("kind", "nothing")]), &scenario).is_err());
    }
}
