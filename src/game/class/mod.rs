//! A class game in the window, for a team: "Join a class" (the class's
//! address, the team's name and join code), then round by round the week's
//! plan written with the planner's action panel and handed in, and the
//! team's reports as rounds close. Every call to the class blocks (a folder
//! or a server), so each runs in a `Job`; the status is polled every few
//! seconds while the screen is shown. The instructor's side is `instructor`.

mod instructor;
mod team;

use super::jobs::Job;
use super::profiling::{GameSystems, GameUpdate};
use super::state::{Screen, showing};
use crate::class::{Address, ClassClient, ClassError, RoundStatus, TeamReport};
use crate::sim::{Scenario, WeekPlan};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use instructor::Instructing;
#[cfg(test)]
pub(crate) use instructor::draw as instructor_screen;
#[cfg(test)]
pub(crate) use team::draw as team_screen;

/// How often the round's status is asked for while the screen is shown.
const POLL_EVERY: Duration = Duration::from_secs(3);

/// What the status and reports poll brings back.
type Polled = Result<(RoundStatus, Vec<TeamReport>), ClassError>;

/// The team's side of a class game in the window.
#[derive(Resource, Default)]
pub struct ClassRoom {
    /// What the player typed: a server `http://host:port` or a class folder.
    pub address: String,
    pub team: String,
    pub code: String,
    joining: Option<Job<Result<(ClassClient, Scenario), ClassError>>>,
    pub joined: Option<Joined>,
    /// Why joining failed.
    pub notice: Option<String>,
}

/// A team in its class game.
pub struct Joined {
    client: ClassClient,
    scenario: Arc<Scenario>,
    status: Option<RoundStatus>,
    reports: Vec<TeamReport>,
    /// The plan being written for the round being collected.
    plan: WeekPlan,
    polling: Option<Job<Polled>>,
    last_poll: Option<Instant>,
    handing_in: Option<Job<Result<(), ClassError>>>,
    /// Why the class did not take the last plan (or the plan does not fit).
    notice: Option<String>,
    /// Why the last poll failed (cleared by the next that works).
    poll_error: Option<String>,
    /// The last hand-in was taken.
    handed: bool,
}

impl ClassRoom {
    /// Starts joining with the address, team and code typed (ignored while
    /// a join runs).
    pub fn join(&mut self) {
        if self.joining.is_some() {
            return;
        }
        self.notice = None;
        let address = Address::parse(&self.address);
        let (team, code) = (self.team.trim().to_string(), self.code.trim().to_string());
        self.joining = Some(Job::spawn("joining the class", move |_| {
            let client = ClassClient::join(address, &team, &code)?;
            let scenario = client.scenario()?;
            Ok((client, scenario))
        }));
    }

    /// Joining, or joined and waiting for the class's first answer with a
    /// report in it (the tour's picture waits for it).
    pub fn waiting(&self) -> bool {
        self.joining.is_some()
            || self
                .joined
                .as_ref()
                .is_some_and(|j| j.poll_error.is_none() && (j.status.is_none() || j.reports.is_empty()))
    }
}

impl Joined {
    /// Joined, with the round's status and reports already told (the layout
    /// test, which polls nothing).
    #[cfg(test)]
    pub(crate) fn told(
        client: ClassClient,
        scenario: Scenario,
        status: RoundStatus,
        reports: Vec<TeamReport>,
    ) -> Joined {
        Joined {
            status: Some(status),
            reports,
            last_poll: Some(Instant::now()),
            ..Joined::new(client, scenario)
        }
    }

    fn new(client: ClassClient, scenario: Scenario) -> Joined {
        Joined {
            client,
            scenario: Arc::new(scenario),
            status: None,
            reports: Vec::new(),
            plan: WeekPlan::default(),
            polling: None,
            last_poll: None,
            handing_in: None,
            notice: None,
            poll_error: None,
            handed: false,
        }
    }

    /// Asks for the status and the reports, unless a poll is running.
    fn poll(&mut self) {
        if self.polling.is_some() {
            return;
        }
        let client = self.client.clone();
        self.last_poll = Some(Instant::now());
        self.polling = Some(Job::spawn("asking the class for the round", move |_| {
            Ok((client.status()?, client.reports()?))
        }));
    }

    /// Hands the plan in, unless a hand-in is running.
    fn hand_in(&mut self) {
        if self.handing_in.is_some() {
            return;
        }
        let (client, plan) = (self.client.clone(), self.plan.clone());
        self.notice = None;
        self.handing_in = Some(Job::spawn("handing in this week", move |_| client.hand_in(&plan)));
    }

    /// Takes what the class's jobs brought back.
    fn settle(&mut self) {
        if let Some(done) = self.polling.as_mut().and_then(Job::take) {
            self.polling = None;
            match done
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|e| e.to_string()))
            {
                Ok((status, reports)) => {
                    // A new round starts from an empty plan.
                    if self.status.as_ref().is_some_and(|old| old.round != status.round) {
                        self.plan = WeekPlan::default();
                        self.handed = false;
                    }
                    self.status = Some(status);
                    self.reports = reports;
                    self.poll_error = None;
                }
                Err(error) => self.poll_error = Some(format!("The class did not answer: {error}")),
            }
        }
        if let Some(done) = self.handing_in.as_mut().and_then(Job::take) {
            self.handing_in = None;
            match done
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|e| e.to_string()))
            {
                Ok(()) => self.handed = true,
                Err(error) => self.notice = Some(format!("The class did not take the plan: {error}")),
            }
            // Whatever the answer, the status says where the round stands now.
            self.polling = None;
            self.poll();
        }
        if self.last_poll.is_none_or(|at| at.elapsed() >= POLL_EVERY) {
            self.poll();
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ClassRoom>();
    app.init_resource::<Instructing>();
    app.add_systems(
        GameUpdate,
        (
            settle_class.run_if(in_state(Screen::JoinClass)),
            instructor::settle.run_if(in_state(Screen::RunClass)),
        )
            .in_set(GameSystems::Collect),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (
            team::screen.run_if(showing(Screen::JoinClass)),
            instructor::screen.run_if(showing(Screen::RunClass)),
        )
            .in_set(GameSystems::Draw),
    );
}

/// Takes the results of the class's jobs and polls the round.
fn settle_class(mut room: ResMut<ClassRoom>) {
    if let Some(done) = room.joining.as_mut().and_then(Job::take) {
        room.joining = None;
        match done
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()))
        {
            Ok((client, scenario)) => room.joined = Some(Joined::new(client, scenario)),
            Err(error) => room.notice = Some(format!("Could not join the class: {error}")),
        }
    }
    if let Some(joined) = &mut room.joined {
        joined.settle();
    }
}
