//! The command line: one file per subcommand, thin over `sim`, `files` and
//! `report`. What the subcommands share (`error`, `setup`) lives in files of
//! its own, so that no subcommand imports this one.

mod balance;
mod batch;
mod bench;
mod check;
mod class;
mod compare;
mod error;
mod explain;
mod grade;
mod run;
mod scenarios;
mod serve;
mod setup;
mod sweep;
mod verify;
mod whatif;

use clap::{Parser, Subcommand};
use error::CliError;
#[cfg(feature = "window")]
use setup::load_scenario;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "rapport",
    version,
    about = "Reach & Rapport: broadcast or converse, and watch an audience respond",
    long_about = "Reach & Rapport is a training simulator about social media (broadcasting) \
                  versus social networking (conversation). With no subcommand it opens the game \
                  window; the subcommands below run games headless."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the built-in scenarios, one a line, id first.
    Scenarios(scenarios::Args),
    /// Validate scenario, strategy and replay files.
    Check(check::Args),
    /// Play one game headless with a scripted strategy and print the final KPIs.
    Run(run::Args),
    /// Run strategies over many seeds in parallel and summarise them.
    Batch(batch::Args),
    /// Time the daily step on a large audience.
    Bench(bench::Args),
    /// Every built-in scenario against every built-in strategy (docs/BALANCE.md).
    Balance(balance::Args),
    /// Draw every behavioural number from its range and see which claims still hold.
    Sweep(sweep::Args),
    /// Re-simulate replays and say whether each matches.
    Verify(verify::Args),
    /// Final KPIs of replays side by side, and charts.
    Compare(compare::Args),
    /// Verify a class's replays and rank them by the scenario's goals.
    Grade(grade::Args),
    /// Branch a replay at a week: play on with a strategy or plans and compare.
    Whatif(whatif::Args),
    /// Where a replay's results came from, what it showed, and what would have helped.
    Explain(explain::Args),
    /// A class game in teams: new, status, hand-in, advance, serve.
    Class(class::Args),
    /// Serve solo play to a class's browsers, with the instructor's dashboard.
    Serve(serve::Args),
    /// Open the window straight into a scenario.
    Play(PlayArgs),
    /// Drive the window through every screen and save screenshots.
    Tour(TourArgs),
}

#[derive(clap::Args, Debug)]
#[cfg_attr(not(feature = "window"), allow(dead_code))]
pub struct PlayArgs {
    /// A built-in scenario id or a scenario file.
    #[arg(long)]
    scenario: String,
    /// Resize the audience to this many people.
    #[arg(long)]
    agents: Option<u32>,
    /// The player's name, written into the game's replay (the choose
    /// screen asks it otherwise).
    #[arg(long)]
    player: Option<String>,
    /// The class code the instructor gave out.
    #[arg(long = "class", default_value = "")]
    class_code: String,
    /// The player's personal code from the instructor: the game's replays
    /// are sealed with it (the name form asks it otherwise).
    #[arg(long, requires = "player")]
    code: Option<String>,
}

#[derive(clap::Args, Debug)]
#[cfg_attr(not(feature = "window"), allow(dead_code))]
pub struct TourArgs {
    /// Folder for the screenshots.
    #[arg(long, default_value = "docs/screenshots")]
    out: std::path::PathBuf,
    /// Scenario to play.
    #[arg(long, default_value = "corner_bakery")]
    scenario: String,
    /// Resize the audience to this many people.
    #[arg(long)]
    agents: Option<u32>,
    /// The window's size in pixels, WIDTHxHEIGHT.
    #[arg(long, default_value = "1280x720")]
    size: WindowSize,
    /// The UI scale in per cent (80 to 200).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(80..=200))]
    scale: u32,
}

/// A window size, `WIDTHxHEIGHT` in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowSize(pub (u32, u32));

impl std::str::FromStr for WindowSize {
    type Err = String;

    fn from_str(text: &str) -> Result<WindowSize, String> {
        let parse = |part: Option<&str>| part.and_then(|p| p.trim().parse::<u32>().ok());
        let mut parts = text.split(['x', 'X']);
        match (parse(parts.next()), parse(parts.next()), parts.next()) {
            (Some(width), Some(height), None)
                if (320..=7680).contains(&width) && (240..=4320).contains(&height) =>
            {
                Ok(WindowSize((width, height)))
            }
            _ => Err(format!("`{text}` is not a window size such as 1280x720")),
        }
    }
}

/// A fresh folder for the tour's replays, so the tour never touches the
/// player's own.
#[cfg(feature = "window")]
fn tour_replays() -> Result<std::path::PathBuf, CliError> {
    let dir = std::env::temp_dir().join(format!("rapport-tour-replays-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| CliError(format!("{}: {e}", dir.display())))?;
    Ok(dir)
}

#[cfg(feature = "window")]
fn window(launch: crate::game::Launch) -> Result<ExitCode, CliError> {
    match crate::game::run(launch) {
        bevy::app::AppExit::Success => Ok(ExitCode::SUCCESS),
        bevy::app::AppExit::Error(code) => Ok(ExitCode::from(code.get())),
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli.command) {
        Ok(code) => code,
        Err(CliError(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(command: Option<Command>) -> Result<ExitCode, CliError> {
    match command {
        None => open_window(None),
        Some(Command::Play(args)) => open_window(Some(args)),
        Some(Command::Tour(args)) => tour(args),
        Some(Command::Scenarios(args)) => scenarios::run(args),
        Some(Command::Verify(args)) => verify::run(args),
        Some(Command::Compare(args)) => compare::run(args),
        Some(Command::Grade(args)) => grade::run(args),
        Some(Command::Whatif(args)) => whatif::run(args),
        Some(Command::Explain(args)) => explain::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Run(args)) => run::run(args),
        Some(Command::Batch(args)) => batch::run(args),
        Some(Command::Bench(args)) => bench::run(args),
        Some(Command::Balance(args)) => balance::run(args),
        Some(Command::Sweep(args)) => sweep::run(args),
        Some(Command::Class(args)) => class::run(args),
        Some(Command::Serve(args)) => serve::run(args),
    }
}

/// The game window: the title screen, or straight into a scenario.
#[cfg(feature = "window")]
fn open_window(play: Option<PlayArgs>) -> Result<ExitCode, CliError> {
    let (scenario, player, player_code) = match play {
        Some(args) => {
            let who = setup::PlayerArgs {
                player: args.player.clone(),
                class_code: Some(args.class_code.clone()),
                code: args.code.clone(),
            };
            who.check()?;
            let player = args.player.map(|name| (name, args.class_code));
            (
                Some((load_scenario(&args.scenario, args.agents)?, args.scenario)),
                player,
                args.code,
            )
        }
        None => (None, None, None),
    };
    window(crate::game::Launch {
        scenario,
        tour: None,
        save_path: Some(crate::files::save::autosave_path()),
        replay_dir: Some(crate::files::save::replay_dir()),
        player,
        player_code,
        settings_path: Some(crate::files::settings::settings_path()),
        ui_scale: None,
        window_size: None,
    })
}

#[cfg(feature = "window")]
fn tour(args: TourArgs) -> Result<ExitCode, CliError> {
    // Check the scenario before opening a window.
    load_scenario(&args.scenario, args.agents)?;
    window(crate::game::Launch {
        scenario: None,
        tour: Some(crate::game::TourOptions {
            out: args.out,
            agents: args.agents,
            scenario: args.scenario,
        }),
        save_path: None,
        replay_dir: Some(tour_replays()?),
        player: None,
        player_code: None,
        // The tour keeps no settings: it never touches the player's.
        settings_path: None,
        ui_scale: Some(args.scale),
        window_size: Some(args.size.0),
    })
}

/// A build without the window says so instead of opening one.
#[cfg(not(feature = "window"))]
fn open_window(_: Option<PlayArgs>) -> Result<ExitCode, CliError> {
    Err(no_window())
}

#[cfg(not(feature = "window"))]
fn tour(_: TourArgs) -> Result<ExitCode, CliError> {
    Err(no_window())
}

#[cfg(not(feature = "window"))]
fn no_window() -> CliError {
    CliError(
        "this rapport was built without the game window (--no-default-features); \
         every other command works, and `cargo run --release` builds the window"
            .into(),
    )
}
