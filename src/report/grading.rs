//! Grading a class's hand-ins: each verified on the class's scenario (its
//! seed and size), tied to a student of the roster when there is one,
//! scored by the scenario's rubric, ranked on hidden seeds when asked,
//! compared with every other hand-in and with the built-in strategies
//! action by action, and written as a gradebook-safe CSV. A library, so
//! that `rapport grade` and the class server call the same thing:
//! [`discover`] finds hand-in files, [`read_hand_ins`] reads them (an
//! upload is a [`HandIn`] too), [`grade_hand_ins`] grades them into a
//! [`Gradebook`], and [`Gradebook::csv`] gives the bytes of `grades.csv`.
//!
//! Ranking that luck cannot decide: with hidden seeds, every hand-in's plans
//! are played again on seeds drawn from the class secret (never in the
//! scenario file, so no one can tune a plan to them), and ranked by the
//! mean score over those seeds, with its 95% interval. Two neighbours
//! whose paired difference over the same seeds has an interval holding 0
//! are said to be not distinguishable.

use super::copies::{Actions, CopyPair, Likeness, copy_pairs, likeness};
use super::stats::{Interval, interval};
use crate::files::builtin::{STRATEGIES, find_strategy};
use crate::files::replay::{
    Mismatch, Replay, SealKind, check_class_setup, check_roster_seal, load_replay, verify_against,
};
use crate::files::roster::{Roster, Student};
use crate::files::save::scenario_hash;
use crate::files::scenario::Rubric;
use crate::sim::{Kpis, Replaying, Scenario, Shares, Simulation, WeekPlan, play};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Most hand-in files one grading reads.
pub const MAX_FILES: usize = 10_000;

/// Most hidden seeds one grading plays.
pub const MAX_HIDDEN_SEEDS: usize = 64;

/// What [`discover`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Discovered {
    /// Replay files, each once, in path order.
    pub files: Vec<PathBuf>,
    /// Inputs or folders that could not be read, and why.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// The replay files among `inputs`: files as given, folders searched
/// through every subfolder (one folder per student, as a learning platform
/// exports them) for `.ron` files in any case (`replay.RON`), hidden files
/// and temporary files left out. The same file reached twice (given twice,
/// or through a link) counts once.
pub fn discover(inputs: &[PathBuf]) -> Result<Discovered, String> {
    let mut found = Discovered::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut add = |path: PathBuf, found: &mut Discovered| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            found.files.push(path);
        }
    };
    for input in inputs {
        if input.is_dir() {
            let mut stack = vec![input.clone()];
            while let Some(dir) = stack.pop() {
                let entries = match std::fs::read_dir(&dir) {
                    Ok(entries) => entries,
                    Err(e) => {
                        found.unreadable.push((dir, e.to_string()));
                        continue;
                    }
                };
                let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                paths.sort();
                for path in paths {
                    let hidden = path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    if hidden {
                        continue;
                    }
                    if path.is_dir() {
                        stack.push(path);
                    } else if is_ron(&path) {
                        add(path, &mut found);
                    }
                }
                if found.files.len() > MAX_FILES {
                    return Err(format!("more than {MAX_FILES} replay files"));
                }
            }
        } else if input.exists() {
            add(input.clone(), &mut found);
        } else {
            found
                .unreadable
                .push((input.clone(), "no such file or folder".into()));
        }
        if found.files.len() > MAX_FILES {
            return Err(format!("more than {MAX_FILES} replay files"));
        }
    }
    found.files.sort();
    Ok(found)
}

/// `.ron` in any case.
fn is_ron(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// One hand-in: where it came from (a file's path, or an upload's name)
/// and the replay in it, or why it could not be read.
#[derive(Clone, Debug)]
pub struct HandIn {
    pub source: String,
    pub replay: Result<Replay, String>,
}

/// Reads hand-in files (a file that cannot be read is a hand-in with its
/// reason, listed and not ranked).
pub fn read_hand_ins(files: &[PathBuf]) -> Vec<HandIn> {
    files
        .iter()
        .map(|file| HandIn {
            source: file.display().to_string(),
            replay: load_replay(file).map_err(|e| e.to_string()),
        })
        .collect()
}

/// How to grade.
#[derive(Clone, Debug)]
pub struct GradeOptions<'a> {
    /// The class's roster: a hand-in ranks only when its student's own
    /// code sealed it.
    pub roster: Option<&'a Roster>,
    /// Hidden seeds to rank on (0: rank on the class's seed alone). They
    /// need the class secret: a roster.
    pub hidden_seeds: usize,
    /// Only hand-ins of this class code rank (case and spaces aside).
    pub class_code: Option<String>,
    /// How a game is scored (the scenario's rubric, or the goals alone).
    pub rubric: Rubric,
}

/// Scores over the hidden seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenScore {
    /// One rubric score a seed, in the order of the seeds.
    pub scores: Vec<f64>,
    pub interval: Interval,
}

/// One graded hand-in.
#[derive(Clone, Debug)]
pub struct Graded {
    pub source: String,
    /// The replay as handed in, when it could be read (ranked or not).
    pub replay: Option<Replay>,
    /// The final KPIs on the class's seed, or why it is not ranked.
    pub outcome: Result<Kpis, NotRanked>,
    /// The roster's student whose code sealed it.
    pub student: Option<Student>,
    /// The rubric's score on the class's seed.
    pub class_score: Option<f64>,
    /// The rubric's scores on the hidden seeds.
    pub hidden: Option<HiddenScore>,
    /// Its place (from 1) among the ranked.
    pub rank: Option<usize>,
    /// The neighbours it cannot be told apart from ("rank 3 (b.ron)").
    pub indistinct: Vec<String>,
    /// Other hand-ins with the same plans, in words.
    pub copies: Vec<String>,
    /// Built-in strategies it follows, in words.
    pub follows: Vec<String>,
    /// Other hand-ins of the same student (by `student_key`).
    pub same_student: Vec<String>,
}

/// Why a hand-in is not ranked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NotRanked {
    #[error("{0}")]
    Unverified(#[from] Mismatch),
    #[error("class code `{theirs}`; this grading ranks class `{wanted}`")]
    OtherClass { theirs: String, wanted: String },
    #[error("cannot be read: {0}")]
    Unreadable(String),
    #[error("a class game in teams: grade ranks its teams apart (one class replay at a time)")]
    ClassGame,
}

impl Graded {
    pub fn player(&self) -> &str {
        self.replay.as_ref().map_or("", |r| r.player.as_str())
    }

    /// The score it is ranked by: the mean over the hidden seeds, or the
    /// rubric's score on the class's seed.
    pub fn ranking_score(&self) -> Option<f64> {
        self.hidden.as_ref().map(|h| h.interval.mean).or(self.class_score)
    }
}

/// A graded class.
#[derive(Clone, Debug)]
pub struct Gradebook {
    /// The ranked first, best first; then the others, in source order.
    pub rows: Vec<Graded>,
    /// The rubric in words, as the CSV's header says it.
    pub rubric: String,
    /// How many hidden seeds were played (0: none).
    pub hidden_seeds: usize,
    /// Things the instructor should look at (a student's two hand-ins).
    pub warnings: Vec<String>,
}

/// The name as a gradebook matches it: trimmed, lower case, runs of
/// spaces as one ("Ada  Lovelace " -> "ada lovelace").
pub fn student_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A cell a spreadsheet shows as text, never runs: one that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front
/// (OWASP's advice against CSV injection). Every cell of text that came
/// from a hand-in goes through here.
pub fn csv_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The rubric's score of a game's own brand (brand 0).
pub fn rubric_score(rubric: &Rubric, game: &Simulation) -> f64 {
    let kpis = game.kpis_live();
    rubric.score(kpis.score, &held(game, 0))
}

/// Brand `b`'s shares of what its market holds, a share of nothing
/// counted as none (a brand alone holds everything).
fn held(game: &Simulation, b: usize) -> Shares {
    let standings = game.standings();
    let Some(own) = standings.iter().find(|s| s.brand == b) else {
        return Shares::ALONE;
    };
    super::market::held_shares(&standings)(own)
}

/// Grades hand-ins of the class's scenario.
pub fn grade_hand_ins(
    scenario: &Scenario,
    hand_ins: Vec<HandIn>,
    options: &GradeOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Gradebook, String> {
    if options.hidden_seeds > MAX_HIDDEN_SEEDS {
        return Err(format!(
            "--seeds {}: at most {MAX_HIDDEN_SEEDS}",
            options.hidden_seeds
        ));
    }
    let seeds = match (options.hidden_seeds, options.roster) {
        (0, _) => Vec::new(),
        (k, Some(roster)) => roster.secret().hidden_seeds(&scenario_hash(scenario), k),
        (_, None) => {
            return Err(
                "hidden seeds are drawn from the class secret: give the instructor's folder with --roster DIR \
                 (`rapport class roster` makes it)"
                    .into(),
            );
        }
    };
    let scenario = Arc::new(scenario.clone());
    let steps = hand_ins.len() * (1 + seeds.len());
    let done = AtomicUsize::new(0);
    let tick = || progress(done.fetch_add(1, Ordering::Relaxed) + 1, steps);
    let mut rows: Vec<Graded> = hand_ins
        .into_par_iter()
        .map(|hand_in| {
            let graded = grade_one(&scenario, hand_in, options);
            tick();
            graded
        })
        .collect();
    // Hidden seeds: every ranked hand-in's plans on every seed.
    let plans: Vec<Option<Vec<WeekPlan>>> = rows
        .iter()
        .map(|g| g.replay.as_ref().filter(|_| g.outcome.is_ok()).map(Replay::plans))
        .collect();
    let jobs: Vec<(usize, usize)> = (0..rows.len())
        .filter(|&i| plans[i].is_some())
        .flat_map(|i| (0..seeds.len()).map(move |s| (i, s)))
        .collect();
    let scores: Vec<((usize, usize), Result<f64, String>)> = jobs
        .into_par_iter()
        .map(|(i, s)| {
            let plans = plans[i].as_deref().unwrap_or_default();
            let result = Simulation::replay(Replaying::solo(&scenario, seeds[s], plans))
                .map(|game| rubric_score(&options.rubric, &game))
                .map_err(|e| e.to_string());
            tick();
            ((i, s), result)
        })
        .collect();
    let mut per_row: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    for ((i, _), result) in scores {
        match result {
            Ok(score) => per_row.entry(i).or_default().push(score),
            Err(e) => {
                rows[i].outcome = Err(NotRanked::Unverified(Mismatch::Broken(format!(
                    "its plans do not play on a hidden seed: {e}"
                ))))
            }
        }
    }
    for (i, scores) in per_row {
        if rows[i].outcome.is_ok() {
            rows[i].hidden = Some(HiddenScore {
                interval: interval(&scores),
                scores,
            });
        }
    }
    flag_copies(&mut rows, &scenario);
    let warnings = flag_same_student(&mut rows);
    rank(&mut rows);
    Ok(Gradebook {
        rows,
        rubric: options.rubric.describe(&scenario.goals),
        hidden_seeds: seeds.len(),
        warnings,
    })
}

/// One hand-in on the class's seed and size, scenario, class code and
/// roster, then re-simulated.
fn grade_one(scenario: &Arc<Scenario>, hand_in: HandIn, options: &GradeOptions) -> Graded {
    let mut graded = Graded {
        source: hand_in.source,
        replay: None,
        outcome: Err(NotRanked::ClassGame),
        student: None,
        class_score: None,
        hidden: None,
        rank: None,
        indistinct: Vec::new(),
        copies: Vec::new(),
        follows: Vec::new(),
        same_student: Vec::new(),
    };
    let replay = match hand_in.replay {
        Ok(replay) => replay,
        Err(reason) => {
            graded.outcome = Err(NotRanked::Unreadable(reason));
            return graded;
        }
    };
    match check_one(scenario, &replay, options) {
        Ok((game, student)) => {
            graded.student = student;
            graded.class_score = Some(rubric_score(&options.rubric, &game));
            graded.outcome = Ok(game.kpis());
        }
        Err(reason) => graded.outcome = Err(reason),
    }
    graded.replay = Some(replay);
    graded
}

/// A readable hand-in checked: its class code, the class's seed and size,
/// the scenario's content, re-simulation, and the roster's seal.
fn check_one(
    scenario: &Arc<Scenario>,
    replay: &Replay,
    options: &GradeOptions,
) -> Result<(Simulation, Option<Student>), NotRanked> {
    if replay.is_class() {
        return Err(NotRanked::ClassGame);
    }
    if let Some(wanted) = &options.class_code
        && student_key(&replay.class_code) != student_key(wanted)
    {
        return Err(NotRanked::OtherClass {
            theirs: replay.class_code.clone(),
            wanted: wanted.clone(),
        });
    }
    check_class_setup(replay, scenario)?;
    if replay.scenario_hash != scenario_hash(scenario) {
        return Err(Mismatch::Scenario(format!(
            "played `{}`, whose content is not the graded scenario `{}`",
            replay.scenario, scenario.id
        ))
        .into());
    }
    let game = verify_against(replay, scenario)?;
    let student = match options.roster {
        Some(roster) => Some(check_roster_seal(replay, roster)?.clone()),
        None => None,
    };
    Ok((game, student))
}

/// A hand-in as another line names it: "b.ron (bob)".
fn named(g: &Graded) -> String {
    format!("{} ({})", g.source, g.player())
}

/// Flags every pair of verified hand-ins whose plans are alike, and every
/// hand-in that follows a built-in strategy (played on the class's seed). A
/// pair that follows the same built-in is not a copy of each other: the
/// built-in is said instead.
fn flag_copies(rows: &mut [Graded], scenario: &Arc<Scenario>) {
    let actions: Vec<Option<Actions>> = rows
        .iter()
        .map(|g| {
            g.replay
                .as_ref()
                .filter(|_| g.outcome.is_ok())
                .map(|r| Actions::of(&r.weeks.iter().map(|w| w.plan.clone()).collect::<Vec<_>>()))
        })
        .collect();
    if actions.iter().all(Option::is_none) {
        return;
    }
    let builtins = builtin_actions(scenario);
    let mut follows: Vec<Vec<String>> = vec![Vec::new(); rows.len()];
    for (i, own) in actions.iter().enumerate() {
        let Some(own) = own else { continue };
        for (id, name, theirs) in &builtins {
            let l = likeness(own, theirs);
            if l.is_copy() {
                rows[i].follows.push(format!(
                    "follows the built-in `{id}` ({name}): similarity {:.2}",
                    l.similarity
                ));
                follows[i].push(id.clone());
            }
        }
    }
    let refs: Vec<Option<&Actions>> = actions.iter().map(Option::as_ref).collect();
    for CopyPair { a, b, likeness } in copy_pairs(&refs) {
        if follows[a].iter().any(|id| follows[b].contains(id)) {
            continue;
        }
        let (to_a, to_b) = (copy_text(&rows[b], &likeness), copy_text(&rows[a], &likeness));
        rows[a].copies.push(to_a);
        rows[b].copies.push(to_b);
    }
}

/// "same plans as b.ron (bob)", or "plans like b.ron (bob): similarity
/// 0.83, weeks 1-10 alike".
fn copy_text(other: &Graded, likeness: &Likeness) -> String {
    if likeness.similarity >= 1.0 {
        format!("same plans as {}", named(other))
    } else {
        format!(
            "plans like {}: similarity {:.2}, {} alike",
            named(other),
            likeness.similarity,
            likeness.weeks_text()
        )
    }
}

/// Every built-in strategy's plans on the class's scenario and seed.
fn builtin_actions(scenario: &Arc<Scenario>) -> Vec<(String, String, Actions)> {
    STRATEGIES
        .par_iter()
        .filter_map(|(id, _)| {
            let strategy = find_strategy(id).ok()?;
            let game = play(Arc::clone(scenario), scenario.seed, &strategy);
            let plans: Vec<_> = game.plans().iter().map(|p| p.actions.clone()).collect();
            Some((id.to_string(), strategy.name.clone(), Actions::of(&plans)))
        })
        .collect()
}

/// Two or more readable hand-ins of one student (the same roster student,
/// or the same `student_key`): each names the others, and a warning says so.
fn flag_same_student(rows: &mut [Graded]) -> Vec<String> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, g) in rows.iter().enumerate() {
        let key = match (&g.student, &g.replay) {
            (Some(student), _) => format!("the roster's {} ({})", student.name, student.id),
            (None, Some(replay)) => format!("the student_key `{}`", student_key(&replay.player)),
            (None, None) => continue,
        };
        groups.entry(key).or_default().push(i);
    }
    let mut warnings = Vec::new();
    for (key, members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        let sources: Vec<String> = members.iter().map(|&i| rows[i].source.clone()).collect();
        warnings.push(format!(
            "{} hand-ins are by {key}: {} (one student's two games, or two students of one name?)",
            members.len(),
            sources.join(", ")
        ));
        for &i in &members {
            rows[i].same_student = members
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| rows[j].source.clone())
                .collect();
        }
    }
    warnings
}

/// Ranks the verified by their ranking score (best first, ties by source),
/// the others after them in source order, and says which neighbours the
/// hidden seeds cannot tell apart.
fn rank(rows: &mut [Graded]) {
    rows.sort_by(|a, b| match (a.ranking_score(), b.ranking_score()) {
        (Some(x), Some(y)) if a.outcome.is_ok() && b.outcome.is_ok() => {
            y.total_cmp(&x).then_with(|| a.source.cmp(&b.source))
        }
        _ => b
            .outcome
            .is_ok()
            .cmp(&a.outcome.is_ok())
            .then_with(|| a.source.cmp(&b.source)),
    });
    let ranked = rows.iter().take_while(|g| g.outcome.is_ok()).count();
    for (i, g) in rows[..ranked].iter_mut().enumerate() {
        g.rank = Some(i + 1);
    }
    for i in 1..ranked {
        let (Some(upper), Some(lower)) = (&rows[i - 1].hidden, &rows[i].hidden) else {
            continue;
        };
        let difference: Vec<f64> = upper
            .scores
            .iter()
            .zip(&lower.scores)
            .map(|(a, b)| a - b)
            .collect();
        let d = interval(&difference);
        if d.low <= 0.0 && 0.0 <= d.high {
            let (above, below) = (
                format!("rank {} ({})", i, rows[i - 1].source),
                format!("rank {} ({})", i + 1, rows[i].source),
            );
            rows[i - 1].indistinct.push(below);
            rows[i].indistinct.push(above);
        }
    }
}

impl Gradebook {
    pub fn ranked(&self) -> usize {
        self.rows.iter().filter(|g| g.rank.is_some()).count()
    }

    /// The columns of `grades.csv`; the rubric is in the header of the
    /// ranking score's column.
    pub fn columns(&self) -> Vec<String> {
        let mut columns: Vec<String> = [
            "rank",
            "file",
            "player",
            "class_code",
            "verified",
            "score",
            "followers",
            "leads",
            "customers",
            "strong_relationships",
            "sentiment",
            "hours_broadcast",
            "hours_conversation",
            "hours_listening",
            "reason",
            "seed",
            "agents",
            "final_state_hash",
            "sealed",
            "copies",
            "student",
            "student_key",
            "grade_percent",
            "scenario",
            "seal",
            "student_id",
            "follows",
            "same_student",
        ]
        .map(String::from)
        .to_vec();
        columns.push(format!("rubric_score ({})", self.rubric));
        columns.extend(
            [
                "hidden_seeds",
                "hidden_mean",
                "hidden_low",
                "hidden_high",
                "not_distinguishable_from",
            ]
            .map(String::from),
        );
        columns
    }

    /// The bytes of `grades.csv`: one row a hand-in, ranked first. Every
    /// cell from a hand-in's text is made safe for a spreadsheet
    /// ([`csv_safe`]).
    pub fn csv(&self) -> Result<Vec<u8>, String> {
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(self.columns()).map_err(|e| e.to_string())?;
        for g in &self.rows {
            csv.write_record(self.record(g)).map_err(|e| e.to_string())?;
        }
        csv.into_inner().map_err(|e| e.to_string())
    }

    fn record(&self, g: &Graded) -> Vec<String> {
        let replay = g.replay.as_ref();
        let text = |f: fn(&Replay) -> String| replay.map_or_else(String::new, |r| csv_safe(&f(r)));
        let mut row = vec![
            g.rank.map_or_else(String::new, |r| r.to_string()),
            csv_safe(&g.source),
            text(|r| r.player.clone()),
            text(|r| r.class_code.clone()),
            if g.outcome.is_ok() { "yes" } else { "no" }.to_string(),
        ];
        match &g.outcome {
            Ok(k) => row.extend([
                format!("{:.4}", k.score),
                k.followers.to_string(),
                k.leads.to_string(),
                k.customers.to_string(),
                k.strong_relationships.to_string(),
                format!("{:.4}", k.sentiment),
                format!("{:.2}", k.hours.broadcast),
                format!("{:.2}", k.hours.conversation),
                format!("{:.2}", k.hours.listening),
                String::new(),
            ]),
            Err(reason) => {
                row.extend(std::iter::repeat_n(String::new(), 9));
                row.push(csv_safe(&reason.to_string()));
            }
        }
        let verified = g.outcome.as_ref().ok();
        let grade = g.ranking_score().filter(|_| verified.is_some());
        row.extend([
            replay.map_or_else(String::new, |r| r.seed.to_string()),
            replay.map_or_else(String::new, |r| r.agents.to_string()),
            verified.map_or_else(String::new, |k| k.state_hash.clone()),
            replay.map_or_else(String::new, |r| {
                if r.is_sealed() { "yes" } else { "no" }.to_string()
            }),
            csv_safe(&g.copies.join("; ")),
            g.student
                .as_ref()
                .map_or_else(|| text(|r| r.player.trim().to_string()), |s| csv_safe(&s.name)),
            g.student.as_ref().map_or_else(
                || text(|r| student_key(&r.player)),
                |s| csv_safe(&student_key(&s.name)),
            ),
            grade.map_or_else(String::new, |s| format!("{:.1}", s * 100.0)),
            text(|r| r.scenario.clone()),
            replay.map_or_else(String::new, |r| r.seal_kind().label().to_string()),
            g.student.as_ref().map_or_else(String::new, |s| csv_safe(&s.id)),
            csv_safe(&g.follows.join("; ")),
            csv_safe(&g.same_student.join("; ")),
            g.class_score
                .filter(|_| verified.is_some())
                .map_or_else(String::new, |s| format!("{s:.4}")),
        ]);
        match g.hidden.as_ref().filter(|_| verified.is_some()) {
            Some(h) => row.extend([
                h.scores.len().to_string(),
                format!("{:.4}", h.interval.mean),
                format!("{:.4}", h.interval.low),
                format!("{:.4}", h.interval.high),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 4)),
        }
        row.push(csv_safe(&g.indistinct.join("; ")));
        row
    }
}

/// One team of a class game, graded.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamGrade {
    pub rank: usize,
    pub team: String,
    /// Its market, from 1, and its rank there.
    pub market: usize,
    pub market_rank: usize,
    pub kpis: Kpis,
    /// Its shares of what its market holds (a share of nothing is none).
    pub shares: Shares,
    pub rubric_score: f64,
}

/// A class game's teams, graded by the rubric.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamGradebook {
    pub teams: Vec<TeamGrade>,
    pub rubric: String,
}

/// Verifies a class game's replay on the class's scenario and grades every
/// team by the rubric (by default half goal score, half market share), best
/// first.
pub fn grade_class_game(
    replay: &Replay,
    scenario: &Scenario,
    rubric: &Rubric,
) -> Result<TeamGradebook, Mismatch> {
    let games = crate::files::replay::verify_markets_against(replay, scenario)?;
    let mut teams = Vec::new();
    for (m, game) in games.iter().enumerate() {
        let standings = game.standings();
        let held = super::market::held_shares(&standings);
        for s in standings
            .iter()
            .filter(|s| s.role == crate::sim::BrandRole::Player)
        {
            let Some(side) = game.brand_side(s.brand) else {
                continue;
            };
            let kpis = side.kpis();
            let shares = held(s);
            teams.push(TeamGrade {
                rank: 0,
                team: s.name.clone(),
                market: m + 1,
                market_rank: s.rank,
                rubric_score: rubric.score(kpis.score, &shares),
                kpis,
                shares,
            });
        }
    }
    teams.sort_by(|a, b| {
        b.rubric_score
            .total_cmp(&a.rubric_score)
            .then(a.market.cmp(&b.market))
            .then(a.market_rank.cmp(&b.market_rank))
    });
    for (i, team) in teams.iter_mut().enumerate() {
        team.rank = i + 1;
    }
    Ok(TeamGradebook {
        teams,
        rubric: rubric.describe(&scenario.goals),
    })
}

impl TeamGradebook {
    /// The bytes of the per-team CSV; the rubric is in the header of the
    /// ranking score's column.
    pub fn csv(&self) -> Result<Vec<u8>, String> {
        let mut csv = csv::Writer::from_writer(Vec::new());
        let mut header: Vec<String> = [
            "rank",
            "team",
            "market",
            "market_rank",
            "followers",
            "customers",
            "strong_relationships",
            "followers_share",
            "customers_share",
            "strong_share",
            "goal_score",
        ]
        .map(String::from)
        .to_vec();
        header.push(format!("rubric_score ({})", self.rubric));
        header.push("grade_percent".into());
        csv.write_record(&header).map_err(|e| e.to_string())?;
        for t in &self.teams {
            csv.write_record([
                t.rank.to_string(),
                csv_safe(&t.team),
                t.market.to_string(),
                t.market_rank.to_string(),
                t.kpis.followers.to_string(),
                t.kpis.customers.to_string(),
                t.kpis.strong_relationships.to_string(),
                format!("{:.4}", t.shares.followers),
                format!("{:.4}", t.shares.customers),
                format!("{:.4}", t.shares.strong),
                format!("{:.4}", t.kpis.score),
                format!("{:.4}", t.rubric_score),
                format!("{:.1}", t.rubric_score * 100.0),
            ])
            .map_err(|e| e.to_string())?;
        }
        csv.into_inner().map_err(|e| e.to_string())
    }
}

/// The seal in a line of `grade`'s output, when it is worth saying.
pub fn seal_note(g: &Graded) -> Option<String> {
    let replay = g.replay.as_ref().filter(|_| g.outcome.is_ok())?;
    match (replay.seal_kind(), &g.student) {
        (_, Some(_)) => None,
        (SealKind::None, _) => Some(format!(
            "unsealed: no seal, so the name `{}` is not checked",
            replay.player
        )),
        (SealKind::Unkeyed, _) => Some(format!(
            "unkeyed seal: made without a student code, so anyone could have written the name `{}`",
            replay.player
        )),
        (SealKind::Keyed, _) => Some(format!(
            "sealed with a student code; give --roster to check it is `{}`'s",
            replay.player
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_made_text() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_safe(bad), format!("'{bad}"));
        }
        assert_eq!(csv_safe("Ada = Lovelace"), "Ada = Lovelace");
        assert_eq!(csv_safe(""), "");
    }

    #[test]
    fn a_gradebook_key_sets_case_and_spacing_aside() {
        assert_eq!(student_key("  Fay  Smith "), "fay smith");
        assert_eq!(student_key("fay smith"), student_key("Fay  Smith"));
    }
}
