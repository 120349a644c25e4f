//! How a brand's side plays a strategy: the rules that hold this week, and
//! the weekly plan built from the strategy's steps within the budget, from
//! what the brand can see (its own side and its share of the market).

use super::super::action::{ActionKind, BUDGET_TOLERANCE, PlannedAction, Target, WeekPlan, spread_day};
use super::super::strategy::{
    Condition, ContentChoice, Count, PlatformChoice, Step, Strategy, TargetChoice, ToneChoice,
};
use super::super::types::{ContentType, DAYS_PER_WEEK, Tone};
use super::Simulation;

impl Condition {
    fn holds(self, simulation: &Simulation) -> bool {
        let week = simulation.week() + 1;
        match self {
            Condition::Always => true,
            Condition::PendingAbove(n) => simulation.pending_comments() > n as u64,
            Condition::SentimentBelow(x) => simulation.latest().sentiment < x as f64,
            Condition::FollowersBelow(n) => simulation.latest().followers < n,
            Condition::FromWeek(w) => week >= w,
            Condition::BeforeWeek(w) => week < w,
            Condition::FollowerShareBelow(x) => simulation.shares().followers < x as f64,
            Condition::CustomerShareBelow(x) => simulation.shares().customers < x as f64,
        }
    }
}

impl Strategy {
    /// Plays the rest of a game: first the days left of a week already
    /// begun, then every remaining week with this strategy's plans. A
    /// strategy's plan is built within the budget, so it fits; should one
    /// not, that week is played with an empty plan.
    pub fn play_out(&self, simulation: &mut Simulation) {
        while simulation.step_day().is_ok() {}
        while !simulation.finished() {
            let plan = self.plan_week(simulation);
            if simulation.run_week(&plan).is_err() {
                simulation
                    .run_week(&WeekPlan::default())
                    .expect("an empty plan always fits");
            }
        }
    }

    /// This week's plan for the game as it stands.
    pub fn plan_week(&self, simulation: &Simulation) -> WeekPlan {
        let scenario = simulation.scenario();
        let mut builder = PlanBuilder {
            simulation,
            hours_left: scenario.hours_per_week,
            money_left: scenario.money_per_week,
            actions: Vec::new(),
            rotation: 0,
        };
        for rule in &self.rules {
            if rule.when.holds(simulation) {
                for step in &rule.then {
                    builder.book(step);
                }
            }
        }
        for step in &self.weekly {
            builder.book(step);
        }
        builder.finish()
    }
}

/// Shortest publishing time the belief about content is divided by, so a
/// content type that costs no time does not win by a division by zero.
const MIN_PUBLISH_HOURS: f64 = 0.1;

struct PlanBuilder<'a> {
    simulation: &'a Simulation,
    hours_left: f64,
    money_left: f64,
    actions: Vec<PlannedAction>,
    rotation: usize,
}

impl PlanBuilder<'_> {
    fn book(&mut self, step: &Step) {
        let catalog = &self.simulation.scenario().actions;
        let wanted = match step.count {
            Count::Times(n) => n as usize,
            Count::Fill => usize::MAX,
            Count::AsNeeded => {
                let last_week: u64 = self
                    .simulation
                    .history()
                    .iter()
                    .rev()
                    .take(DAYS_PER_WEEK as usize)
                    .map(|d| d.comments)
                    .sum();
                let booked: u32 = self
                    .actions
                    .iter()
                    .filter(|a| a.kind == ActionKind::Reply)
                    .map(|a| catalog.spec(a.kind).batch)
                    .sum();
                let expected = last_week.max(self.simulation.pending_comments());
                let batch = catalog.spec(ActionKind::Reply).batch.max(1) as u64;
                (expected.saturating_sub(booked as u64)).div_ceil(batch) as usize
            }
        };
        let mut booked = 0;
        while booked < wanted && self.actions.len() < super::super::action::MAX_ACTIONS_PER_WEEK {
            let content = self.content(step);
            let platform = self.platform(step, content);
            let target = self.target(step.target);
            let tone = match step.tone {
                ToneChoice::Fixed(tone) => tone,
                ToneChoice::BestKnown => {
                    self.simulation
                        .best_known_tone(step.action, content, platform, target)
                }
            };
            let action = PlannedAction::aimed(step.action, platform, content, target).in_tone(tone);
            let cost = catalog.cost(&action);
            if cost.hours > self.hours_left + BUDGET_TOLERANCE
                || cost.money > self.money_left + BUDGET_TOLERANCE
            {
                break;
            }
            self.hours_left -= cost.hours;
            self.money_left -= cost.money;
            self.actions.push(action);
            booked += 1;
        }
    }

    fn content(&mut self, step: &Step) -> ContentType {
        match step.content {
            ContentChoice::Fixed(content) => content,
            ContentChoice::BestKnown => self.simulation.best_known_content(),
            ContentChoice::Rotate => {
                const CYCLE: [ContentType; 4] = [
                    ContentType::Photo,
                    ContentType::Video,
                    ContentType::Infographic,
                    ContentType::Article,
                ];
                self.rotation += 1;
                CYCLE[(self.rotation - 1) % CYCLE.len()]
            }
        }
    }

    fn platform(&mut self, step: &Step, content: ContentType) -> u8 {
        let platforms = &self.simulation.scenario().platforms;
        match step.platform {
            PlatformChoice::Auto => self.simulation.best_platform(step.action, content),
            PlatformChoice::Archetype(archetype) => platforms
                .iter()
                .position(|p| p.archetype == archetype)
                .map(|p| p as u8)
                .unwrap_or_else(|| self.simulation.best_platform(step.action, content)),
            PlatformChoice::Each => {
                let same = self.actions.iter().filter(|a| a.kind == step.action).count();
                (same % platforms.len()) as u8
            }
        }
    }

    fn target(&self, choice: TargetChoice) -> Target {
        match choice {
            TargetChoice::Everyone => Target::Everyone,
            TargetChoice::Followers => Target::Followers,
            TargetChoice::Influencers => Target::Influencers,
            TargetChoice::LargestSegment => {
                let ranges = self.simulation.segment_ranges();
                let largest = (0..ranges.len())
                    .max_by_key(|&s| (ranges[s].len(), usize::MAX - s))
                    .unwrap_or(0);
                Target::Segment(largest as u8)
            }
        }
    }

    /// Spreads each kind of action evenly over the week.
    fn finish(mut self) -> WeekPlan {
        for kind in ActionKind::ALL {
            let total = self.actions.iter().filter(|a| a.kind == kind).count();
            for (k, action) in self.actions.iter_mut().filter(|a| a.kind == kind).enumerate() {
                action.day = match kind {
                    // Capacity and insight are most useful from the first day.
                    ActionKind::Reply | ActionKind::Research => 0,
                    _ => spread_day(k, total),
                };
            }
        }
        WeekPlan {
            actions: self.actions,
        }
    }
}

impl Simulation {
    /// The platform that suits an action best: for posts, the most people
    /// who would see and like that content; for conversation, the most
    /// room to talk; for ads, the most clicks per money; for research and
    /// connection requests, the most users.
    pub fn best_platform(&self, kind: ActionKind, content: ContentType) -> u8 {
        let scenario = self.scenario();
        let total = scenario.agents.max(1) as f64;
        let mut best = (0u8, f64::MIN);
        for (p, platform) in scenario.platforms.iter().enumerate() {
            let users = self.platform_users()[p] as f64 / total;
            let value = match kind {
                ActionKind::Publish | ActionKind::Schedule => {
                    users * platform.content_fit[content.index()] as f64 * platform.engagement as f64
                }
                ActionKind::Ad => users * platform.ad_ctr as f64 / platform.ad_cpm as f64,
                // Requests find most people where most people are.
                ActionKind::Research | ActionKind::Connect => users,
                _ => users * platform.conversation as f64,
            };
            if value > best.1 {
                best = (p as u8, value);
            }
        }
        best.0
    }

    /// What the brand believes segment `segment` likes of a content type
    /// (its starting belief, moved by listening).
    pub fn believed_interest(&self, segment: usize, content: ContentType) -> f32 {
        self.brand()
            .beliefs
            .get(segment)
            .map_or(1.0, |b| b[content.index()])
    }

    /// What the brand believes of segment `segment`'s taste in a tone.
    pub fn believed_tone(&self, segment: usize, tone: Tone) -> f32 {
        self.brand()
            .tone_beliefs
            .get(segment)
            .map_or(1.0, |b| b[tone.index()])
    }

    /// The share of the audience in each segment a target reaches, as the
    /// brand sees it (segment sizes are public).
    fn segment_weights(&self, target: Target) -> Vec<f32> {
        let total = self.scenario().agents.max(1) as f32;
        self.segment_ranges()
            .iter()
            .enumerate()
            .map(|(s, range)| match target {
                Target::Segment(t) if t as usize != s => 0.0,
                Target::Segment(_) => 1.0,
                _ => range.len() as f32 / total,
            })
            .collect()
    }

    /// The tone the brand believes suits an action best: its belief of the
    /// audience's taste in tone (weighted by the segments the action
    /// reaches), the platform's fit, and what the action is for: bonds for
    /// conversation, clicks for an offer, appeal for other posts.
    pub fn best_known_tone(
        &self,
        kind: ActionKind,
        content: ContentType,
        platform: u8,
        target: Target,
    ) -> Tone {
        if !kind.takes_tone() {
            return Tone::default();
        }
        let scenario = self.scenario();
        let p = &scenario.model;
        let weights = self.segment_weights(target);
        let fit = scenario
            .platforms
            .get(platform as usize)
            .map_or([1.0; super::super::types::TONES], |pl| pl.tone_fit);
        let mut best = (Tone::default(), f32::MIN);
        for tone in Tone::ALL {
            let believed: f32 = weights
                .iter()
                .enumerate()
                .map(|(s, w)| w * self.believed_tone(s, tone))
                .sum();
            let purpose = match (kind.family(), content) {
                (super::super::types::Family::Conversation, _) => super::super::step::tone_bond(p, tone),
                (_, ContentType::Offer) => super::super::step::tone_clicks(p, tone),
                _ => 1.0,
            };
            let value = believed * fit[tone.index()] * purpose;
            if value > best.1 {
                best = (tone, value);
            }
        }
        best.0
    }

    /// The broadcast content (not offers) the brand believes brings the
    /// most engagement per hour.
    pub fn best_known_content(&self) -> ContentType {
        let scenario = self.scenario();
        let total = scenario.agents.max(1) as f32;
        let mut best = (ContentType::Photo, f32::MIN);
        for content in [
            ContentType::Photo,
            ContentType::Video,
            ContentType::Infographic,
            ContentType::Article,
        ] {
            let believed: f32 = self
                .segment_ranges()
                .iter()
                .enumerate()
                .map(|(s, range)| range.len() as f32 / total * self.believed_interest(s, content))
                .sum();
            // Posts go out in the tone the brand believes suits them.
            let platform_index = self.best_platform(ActionKind::Publish, content);
            let tone = self.best_known_tone(ActionKind::Publish, content, platform_index, Target::Everyone);
            let tone_value: f32 = self
                .segment_ranges()
                .iter()
                .enumerate()
                .map(|(s, range)| range.len() as f32 / total * self.believed_tone(s, tone))
                .sum::<f32>()
                * scenario.platforms[platform_index as usize].tone_fit[tone.index()];
            let platform = self.best_platform(ActionKind::Publish, content) as usize;
            let value = believed
                * tone_value
                * scenario.platforms[platform].content_fit[content.index()]
                * scenario.actions.content_quality[content.index()]
                / scenario.actions.publish_hours[content.index()].max(MIN_PUBLISH_HOURS) as f32;
            if value > best.1 {
                best = (content, value);
            }
        }
        best.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::Scenario;
    use std::sync::Arc;

    /// A strategy that fills the week with conversation starters.
    fn talker() -> Strategy {
        let step = |action| Step {
            action,
            count: Count::Fill,
            content: ContentChoice::BestKnown,
            platform: PlatformChoice::Auto,
            target: TargetChoice::Everyone,
            tone: ToneChoice::BestKnown,
        };
        Strategy {
            id: "talker".into(),
            name: "Talker".into(),
            description: String::new(),
            rules: Vec::new(),
            weekly: vec![step(ActionKind::StartConversation)],
        }
    }

    #[test]
    fn playing_out_a_half_played_week_ends_where_a_whole_game_does() {
        let scenario = Arc::new(Scenario::for_tests(500));
        let strategy = talker();
        let whole = crate::sim::play(Arc::clone(&scenario), 9, &strategy);

        let mut game = Simulation::new(scenario, 9);
        game.begin_week(strategy.plan_week(&game)).unwrap();
        game.step_day().unwrap();
        game.step_day().unwrap();
        strategy.play_out(&mut game);
        assert!(game.finished() && !game.week_running());
        assert_eq!(game.state_hash(), whole.state_hash());
        assert_eq!(game.week_hashes(), whole.week_hashes());
    }
}
