//! `rapport class new|roster|status|hand-in|advance|serve`: a class game in
//! teams, from the instructor's class folder (offline) or a class server,
//! and a class's roster of personal codes.

use super::error::CliError;
use crate::class::game::{ClassGame, RoundStandings, ordinal};
use crate::class::{Address, ClassError};
use crate::files::roster::{Roster, RosterError, codes_file, read_names};
use crate::text::{count, percent};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Create a class game: teams dealt into markets, a join code each.
    New(NewArgs),
    /// Give each student of a class a personal code (a roster and its secret).
    Roster(RosterArgs),
    /// Where the class stands: the round, and whose plans are in.
    Status(StatusArgs),
    /// Hand in a team's plan for the round (a plans file of one week).
    HandIn(HandInArgs),
    /// Play the round (the instructor): from the class folder, or on a server.
    Advance(AdvanceArgs),
    /// Serve the class game over HTTP (JSON) for teams to join.
    Serve(ServeArgs),
}

#[derive(clap::Args, Debug)]
struct NewArgs {
    /// A built-in scenario id or a scenario file.
    #[arg(long)]
    scenario: String,
    /// A team's name (give one --team per team).
    #[arg(long = "team", required_unless_present = "roster")]
    teams: Vec<String>,
    /// A names file or a learning platform's CSV export: each student plays
    /// as a team of one, joining with their personal code; the roster and
    /// its secret are kept in the class folder.
    #[arg(long, conflicts_with = "teams")]
    roster: Option<PathBuf>,
    /// Most teams in one market (default: 6, less the scenario's rivals).
    #[arg(long)]
    per_market: Option<usize>,
    /// The seed every market plays (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Resize the audience to this many people.
    #[arg(long)]
    agents: Option<u32>,
    /// The class folder to create.
    #[arg(long)]
    out: PathBuf,
}

#[derive(clap::Args, Debug)]
struct RosterArgs {
    /// A names file (one name a line) or a learning platform's CSV export
    /// (a name column, or first and last name columns, and a login column).
    /// Students already on the roster keep their codes.
    #[arg(long)]
    names: Option<PathBuf>,
    /// The instructor's folder: the roster, the class secret, the codes.
    #[arg(long)]
    out: PathBuf,
    /// Print one student's code again (by name or id): the same code.
    #[arg(long, conflicts_with = "new_code")]
    reissue: Option<String>,
    /// Give one student (by name or id) a new code: the old one stops
    /// sealing for them (a code given away).
    #[arg(long)]
    new_code: Option<String>,
}

#[derive(clap::Args, Debug)]
struct StatusArgs {
    /// The class folder.
    dir: PathBuf,
}

#[derive(clap::Args, Debug)]
struct HandInArgs {
    /// The class folder.
    dir: PathBuf,
    #[arg(long)]
    team: String,
    /// The team's join code.
    #[arg(long)]
    code: String,
    /// A plans file of one week (see docs/CLASSROOM.md).
    #[arg(long)]
    plan: PathBuf,
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("where").required(true).args(["dir", "server"])))]
struct AdvanceArgs {
    /// The class folder (the key is read from it).
    dir: Option<PathBuf>,
    /// A class server's address (`http://host:port`).
    #[arg(long, requires = "key")]
    server: Option<String>,
    /// The instructor key (with --server).
    #[arg(long)]
    key: Option<String>,
    /// Play the round even if plans are missing (a missing plan is an empty week).
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// The class folder.
    dir: PathBuf,
    #[command(flatten)]
    listen: super::serve::ListenArgs,
    /// Solo play beside the team game (students of a roster).
    #[command(flatten)]
    solo: super::serve::SoloArgs,
}

fn failed(error: ClassError) -> CliError {
    CliError(error.to_string())
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.command {
        Command::New(args) => new(args),
        Command::Roster(args) => roster(args),
        Command::Status(args) => status(args),
        Command::HandIn(args) => hand_in(args),
        Command::Advance(args) => advance(args),
        Command::Serve(args) => {
            ClassGame::open(&args.dir).map_err(failed)?;
            // Solo hand-ins go into the class folder, the server's own state beside them.
            let config = super::serve::config(
                &args.listen,
                &args.solo,
                Some(&args.dir),
                args.dir.join("handins"),
                args.dir.join("web"),
            );
            super::serve::start(config, None)
        }
    }
}

fn new(args: NewArgs) -> Result<ExitCode, CliError> {
    let (game, created) = match &args.roster {
        Some(names) => {
            let named = read_names(names).map_err(|e| CliError(e.to_string()))?;
            if args.out.join("class.ron").exists() {
                return Err(CliError(format!(
                    "{} already holds a class game",
                    args.out.display()
                )));
            }
            let (roster, _) =
                Roster::create_or_extend(&args.out, &named).map_err(|e| CliError(e.to_string()))?;
            ClassGame::create_with_roster(
                &args.out,
                &args.scenario,
                &roster,
                args.per_market,
                args.seed,
                args.agents,
            )
        }
        None => ClassGame::create_in_markets(
            &args.out,
            &args.scenario,
            &args.teams,
            args.per_market,
            args.seed,
            args.agents,
        ),
    }
    .map_err(failed)?;
    print!("{}", game.instructor_text());
    println!(
        "\nWrote {} ({} teams); the codes and the key are also in {}.",
        args.out.display(),
        created.teams.len(),
        game.dir().join("instructor.txt").display()
    );
    Ok(ExitCode::SUCCESS)
}

fn roster(args: RosterArgs) -> Result<ExitCode, CliError> {
    let refused = |e: RosterError| CliError(e.to_string());
    let mut roster = match &args.names {
        Some(names) => {
            let named = read_names(names).map_err(refused)?;
            let (roster, added) = Roster::create_or_extend(&args.out, &named).map_err(refused)?;
            println!(
                "{} students on the roster ({added} new); codes in {}",
                roster.students.len(),
                codes_file(&args.out).display()
            );
            roster
        }
        None => Roster::load(&args.out).map_err(refused)?,
    };
    if let Some(who) = &args.reissue {
        let student = roster
            .find(who)
            .ok_or_else(|| CliError(format!("no student `{who}` on the roster")))?;
        println!("{} ({}): {}", student.name, student.id, roster.code_of(student));
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(who) = &args.new_code {
        let student = roster.replace_code(&args.out, who).map_err(refused)?;
        println!(
            "{} ({}): new code {} (hand-ins sealed with the old code no longer count as theirs)",
            student.name,
            student.id,
            roster.code_of(&student)
        );
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", roster.codes_sheet());
    Ok(ExitCode::SUCCESS)
}

fn status(args: StatusArgs) -> Result<ExitCode, CliError> {
    let game = ClassGame::open(&args.dir).map_err(failed)?;
    let overview = game.overview().map_err(failed)?;
    println!(
        "class {} on {} (seed {}, {} people), {} market{}",
        overview.class,
        overview.scenario,
        overview.seed,
        count(u64::from(overview.agents)),
        overview.markets.len(),
        if overview.markets.len() == 1 { "" } else { "s" }
    );
    if overview.finished() {
        println!("the game is over: all {} weeks are played", overview.weeks);
    } else {
        let waiting = overview.waiting_for();
        println!(
            "week {} of {}: {} of {} plans in",
            overview.round,
            overview.weeks,
            overview.markets.iter().flatten().count() - waiting.len(),
            overview.markets.iter().flatten().count()
        );
        for (m, teams) in overview.markets.iter().enumerate() {
            let line: Vec<String> = teams
                .iter()
                .map(|(name, handed_in)| format!("{name} ({})", if *handed_in { "in" } else { "missing" }))
                .collect();
            println!("  market {}: {}", m + 1, line.join(", "));
        }
    }
    if overview.round > 1 {
        let standings = game.standings(overview.round - 1).map_err(failed)?;
        println!();
        print_standings(&standings);
    }
    Ok(ExitCode::SUCCESS)
}

fn hand_in(args: HandInArgs) -> Result<ExitCode, CliError> {
    let game = ClassGame::open(&args.dir).map_err(failed)?;
    game.authorise(&args.team, &args.code).map_err(failed)?;
    let limit = crate::class::game::MAX_PLAN_BYTES as u64;
    let text = match crate::files::read_limited(&args.plan, limit) {
        Ok(text) => text,
        Err(crate::files::LoadError::TooLarge { bytes, .. }) => {
            return Err(CliError(format!(
                "{}: the plan is too large: {bytes} bytes, at most {limit}",
                args.plan.display()
            )));
        }
        Err(e) => return Err(CliError(e.to_string())),
    };
    let name = args.plan.display().to_string();
    game.hand_in_named(&args.team, &args.code, &name, &text)
        .map_err(failed)?;
    let status = game.status(&args.team, &args.code).map_err(failed)?;
    println!(
        "handed in {}'s plan for week {} of {}; {}",
        status.team,
        status.round,
        status.weeks,
        match status.waiting_for {
            0 => "every team's plan is in".to_string(),
            1 => "1 team's plan is still missing".to_string(),
            n => format!("{n} teams' plans are still missing"),
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn advance(args: AdvanceArgs) -> Result<ExitCode, CliError> {
    if let Some(url) = &args.server {
        let key = args.key.as_deref().unwrap_or_default();
        let status = crate::class::advance(&Address::Server(url.clone()), key, args.force).map_err(failed)?;
        print_advanced(status.round, status.weeks, status.finished);
        return Ok(ExitCode::SUCCESS);
    }
    let Some(dir) = &args.dir else {
        return Err(CliError("give the class folder or --server".into()));
    };
    let game = ClassGame::open(dir).map_err(failed)?;
    let status = game.advance(game.instructor_key(), args.force).map_err(failed)?;
    let standings = game.standings(status.round - 1).map_err(failed)?;
    print_advanced(status.round, status.weeks, status.finished);
    println!();
    print_standings(&standings);
    if status.finished {
        println!("\nthe class replay: {}", dir.join("replay.ron").display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_advanced(round: u32, weeks: u32, finished: bool) {
    if finished {
        println!("played week {weeks} of {weeks}: the game is over");
    } else {
        println!(
            "played week {} of {weeks}; week {round} is open for plans",
            round - 1
        );
    }
}

/// Every market's standings and the class's ranking.
pub fn print_standings(standings: &RoundStandings) {
    println!("standings after week {} of {}", standings.week, standings.weeks);
    for (m, market) in standings.markets.iter().enumerate() {
        // A share of a total of nothing is shown as none.
        let totals = [
            market.iter().map(|s| s.followers).sum::<u64>(),
            market.iter().map(|s| s.customers).sum(),
            market.iter().map(|s| s.strong_relationships).sum(),
        ];
        let share = |total: u64, value: f64| {
            if total > 0 {
                percent(value)
            } else {
                "-".to_string()
            }
        };
        println!("  market {}", m + 1);
        println!(
            "    {:<4} {:<24} {:>10} {:>10} {:>8} {:>8} {:>8}",
            "", "brand", "followers", "customers", "follow%", "cust%", "strong%"
        );
        for s in market {
            let who = match s.role {
                crate::sim::BrandRole::Player => s.name.clone(),
                crate::sim::BrandRole::Computer => format!("{} (computer)", s.name),
            };
            println!(
                "    {:<4} {:<24} {:>10} {:>10} {:>8} {:>8} {:>8}",
                ordinal(s.rank),
                who,
                count(s.followers),
                count(s.customers),
                share(totals[0], s.shares.followers),
                share(totals[1], s.shares.customers),
                share(totals[2], s.shares.strong)
            );
        }
    }
    println!("  class ranking by market share (the mean of the three shares; a share of nothing is 0)");
    for line in &standings.class {
        println!(
            "    {:<4} {:<24} market {} ({} there), {}",
            ordinal(line.rank),
            line.team,
            line.market,
            ordinal(line.market_rank),
            percent(line.score)
        );
    }
}
