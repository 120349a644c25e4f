//! `rapport grade --scenario S FILES_OR_DIRS [--roster DIR] [--seeds K]
//! [--class-code C] [--out FILE]`: verifies every replay handed in, ranks
//! the verified ones by the scenario's rubric (on hidden seeds with
//! `--seeds`), lists the others apart with the reason, and flags copies and
//! games that follow a built-in strategy. The grading itself is
//! `report::grading`; this file reads the arguments and prints.
//!
//! Given the replay of a class game in teams, it grades the teams instead
//! (a per-team CSV).

use super::error::CliError;
use super::setup::load_scenario;
use crate::files::atomic::write_atomic;
use crate::files::builtin::find_rubric;
use crate::files::replay::load_replay;
use crate::files::roster::Roster;
use crate::files::scenario::Rubric;
use crate::report::grading::{
    GradeOptions, Gradebook, Graded, TeamGradebook, discover, grade_class_game, grade_hand_ins,
    read_hand_ins, seal_note,
};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The scenario the class played (id or file): its seed and audience
    /// size are the class's; its rubric, if it has one, ranks.
    #[arg(long)]
    scenario: String,
    /// Replay files, or folders of them (searched through subfolders).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The ranked CSV (default: grades.csv).
    #[arg(long, default_value = "grades.csv")]
    out: PathBuf,
    /// The instructor's folder of the class's roster (`rapport class
    /// roster`): a hand-in ranks only when its student's own code sealed it.
    #[arg(long)]
    roster: Option<PathBuf>,
    /// Rank by the mean score over this many hidden seeds drawn from the
    /// class secret (needs --roster), each with a 95% interval.
    #[arg(long, default_value_t = 0)]
    seeds: usize,
    /// Rank only the hand-ins of this class code (others are listed apart).
    #[arg(long)]
    class_code: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let found = discover(&args.inputs).map_err(CliError)?;
    for (path, why) in &found.unreadable {
        eprintln!("skipped {}: {why}", path.display());
    }
    if found.files.is_empty() {
        return Err(CliError(format!(
            "no replay files found in {} (looked for .ron files in any case, through subfolders)",
            args.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let scenario = load_scenario(&args.scenario, None)?;
    let rubric = find_rubric(&args.scenario)?;
    let class_games: Vec<&PathBuf> = found
        .files
        .iter()
        .filter(|f| load_replay(f).is_ok_and(|r| r.is_class()))
        .collect();
    match class_games.as_slice() {
        [] => {}
        [one] if found.files.len() == 1 => {
            return grade_teams(one, &scenario, &rubric.unwrap_or(Rubric::TEAMS), &args.out);
        }
        _ => {
            return Err(CliError(format!(
                "{}: is the replay of a class game in teams; grade it alone (its teams are graded \
                 into a per-team CSV), apart from the replays of single players",
                class_games[0].display()
            )));
        }
    }
    let roster = args
        .roster
        .as_deref()
        .map(Roster::load)
        .transpose()
        .map_err(|e| CliError(e.to_string()))?;
    if args.seeds > 0 && roster.is_none() {
        return Err(CliError(
            "--seeds: the hidden seeds are drawn from the class secret; give the instructor's folder \
             with --roster DIR (`rapport class roster` makes it)"
                .into(),
        ));
    }
    let options = GradeOptions {
        roster: roster.as_ref(),
        hidden_seeds: args.seeds,
        class_code: args.class_code.clone(),
        rubric: rubric.unwrap_or(Rubric::GOALS),
    };
    // indicatif draws on stderr only when it is a terminal.
    let bar = (args.seeds > 0).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} games",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |done: usize, of: usize| {
        if let Some(bar) = &bar {
            bar.set_length(of as u64);
            bar.set_position(done as u64);
        }
    };
    let book =
        grade_hand_ins(&scenario, read_hand_ins(&found.files), &options, &progress).map_err(CliError)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let bytes = book.csv().map_err(CliError)?;
    write_atomic(&args.out, &bytes).map_err(|e| CliError(format!("{}: {e}", args.out.display())))?;
    print_book(&book, &args.out);
    Ok(ExitCode::SUCCESS)
}

/// The class's ranking in lines that fit 100 columns.
fn print_book(book: &Gradebook, out: &std::path::Path) {
    println!("ranked by {}", book.rubric);
    if book.hidden_seeds > 0 {
        println!(
            "on {} hidden seeds (mean and 95% interval); the class seed's score is shown apart",
            book.hidden_seeds
        );
        println!(
            "{:>4}  {:<30} {:<18} {:>7}  {:>21}",
            "rank", "file", "player", "class", "hidden seeds (95%)"
        );
    } else {
        println!("{:>4}  {:<30} {:<18} {:>7}", "rank", "file", "player", "score");
    }
    for g in &book.rows {
        print_row(g);
    }
    for warning in &book.warnings {
        println!("warning: {warning}");
    }
    let copies = book.rows.iter().filter(|g| !g.copies.is_empty()).count();
    let follow = book.rows.iter().filter(|g| !g.follows.is_empty()).count();
    println!(
        "\n{} ranked, {} not ranked, {copies} flagged as copies, {follow} following a built-in strategy; wrote {}",
        book.ranked(),
        book.rows.len() - book.ranked(),
        out.display()
    );
}

fn print_row(g: &Graded) {
    let file = fit(&g.source, 30);
    let player = fit(g.student.as_ref().map_or(g.player(), |s| s.name.as_str()), 18);
    match (&g.outcome, g.rank) {
        (Ok(_), Some(rank)) => match (&g.hidden, g.class_score) {
            (Some(h), Some(class)) => println!(
                "{rank:>4}  {file:<30} {player:<18} {class:>7.3}  {:>5.3} [{:.3}, {:.3}]",
                h.interval.mean, h.interval.low, h.interval.high
            ),
            _ => println!(
                "{rank:>4}  {file:<30} {player:<18} {:>7.3}",
                g.class_score.unwrap_or_default()
            ),
        },
        (outcome, _) => {
            let reason = outcome
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default();
            println!("   -  {file:<30} not ranked: {reason}");
        }
    }
    if let Some(note) = seal_note(g) {
        println!("      {note}");
    }
    if !g.indistinct.is_empty() {
        println!("      not distinguishable from {}", g.indistinct.join(" or "));
    }
    for copy in &g.copies {
        println!("      COPY? {copy}");
    }
    for follows in &g.follows {
        println!("      {follows}");
    }
}

/// Text cut to `most` characters, an ellipsis at the end when cut.
fn fit(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_string()
    } else {
        text.chars().take(most - 1).collect::<String>() + "…"
    }
}

/// A class game's teams, graded into a per-team CSV.
fn grade_teams(
    file: &std::path::Path,
    scenario: &crate::sim::Scenario,
    rubric: &Rubric,
    out: &std::path::Path,
) -> Result<ExitCode, CliError> {
    let replay = load_replay(file)?;
    let book: TeamGradebook = grade_class_game(&replay, scenario, rubric)
        .map_err(|m| CliError(format!("{}: class game: {m}", file.display())))?;
    let bytes = book.csv().map_err(CliError)?;
    write_atomic(out, &bytes).map_err(|e| CliError(format!("{}: {e}", out.display())))?;
    println!("teams ranked by {}", book.rubric);
    println!(
        "{:>4}  {:<24} {:>6} {:>10} {:>10} {:>8} {:>7} {:>7}",
        "rank", "team", "market", "followers", "customers", "strong", "goals", "grade"
    );
    for t in &book.teams {
        println!(
            "{:>4}  {:<24} {:>6} {:>10} {:>10} {:>8} {:>7.3} {:>6.1}%",
            t.rank,
            fit(&t.team, 24),
            t.market,
            t.kpis.followers,
            t.kpis.customers,
            t.kpis.strong_relationships,
            t.kpis.score,
            t.rubric_score * 100.0
        );
    }
    println!("\n{} teams graded; wrote {}", book.teams.len(), out.display());
    Ok(ExitCode::SUCCESS)
}
