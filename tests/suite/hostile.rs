//! Hostile files. Every loader (scenario, strategy, replay, save; `check`,
//! `run`, `verify` and the window's Continue and replay browser all go
//! through them) gets thousands of mutated and generated inputs a run.
//! None may panic. Every refusal names its place: `path:line:col` within
//! the text for syntax, the field for meaning. Every input that is accepted
//! must be safe to play. Limits refuse absurd sizes fast, without
//! allocating them, and no loader changes or loses the file it read.
//!
//! The inputs number 120,000 at `RAPPORT_TEST_SCALE=full` and 12,000 at the
//! default quick scale (see `common`); `RAPPORT_FUZZ_CASES` sets the number
//! outright and `RAPPORT_FUZZ_SEED` the seed (fixed by default, so runs
//! repeat); every failing input is written to a file named in the failure.

use super::alloc::bytes_asked_during;
use super::common::{
    check_invariants, env_number, random_plan, rapport, scenario, scenario_text, sized, stderr, stdout,
    strategy, temp_dir,
};
use super::mutate::{generate, mutate, vocabulary};
use rapport::files::builtin::{SCENARIOS, STRATEGIES};
use rapport::files::replay::{Mismatch, Replay, verify};
use rapport::files::save::{restore, save_of, to_text};
use rapport::files::{AnyFile, LoadError, load_any, parse_any};
use rapport::sim::{Rng, Simulation, Stream, play};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

const KINDS: [&str; 4] = ["scenario", "strategy", "replay", "save"];

/// Valid files of every kind to mutate: the built-in scenarios and
/// strategies, and replays and saves of small games (cheap to re-play),
/// some naming their scenario by id and some by a file path.
struct Corpus {
    samples: Vec<(usize, String)>,
    words: Vec<String>,
}

impl Corpus {
    /// A mutation of one of the corpus's files of `kind`.
    fn mutant(&self, kind: usize, rng: &mut Rng) -> Vec<u8> {
        let own: Vec<&str> = self
            .samples
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, text)| text.as_str())
            .collect();
        let others: Vec<&str> = self.samples.iter().map(|(_, text)| text.as_str()).collect();
        let original = own[rng.below(own.len() as u64) as usize];
        mutate(original, rng, &self.words, &others)
    }
}

fn corpus(dir: &Path) -> Corpus {
    let mut samples: Vec<(usize, String)> = Vec::new();
    samples.extend(SCENARIOS.iter().map(|(_, text)| (0, text.to_string())));
    samples.extend(STRATEGIES.iter().map(|(_, text)| (1, text.to_string())));
    let custom = dir.join("custom.ron");
    std::fs::write(&custom, SCENARIOS[0].1.replace("first_steps", "custom_steps")).unwrap();
    let custom = custom.display().to_string();
    for (source, agents) in [
        ("first_steps", 60),
        ("corner_bakery", 60),
        ("review_storm", 80),
        (custom.as_str(), 50),
    ] {
        let game_scenario = Arc::new(
            rapport::files::builtin::find_scenario(source)
                .unwrap()
                .with_agents(agents),
        );
        for player in ["balanced", "networker", "advertiser"] {
            let played = play(Arc::clone(&game_scenario), 5, &strategy(player));
            samples.push((2, Replay::of(&played, source, player).to_text()));
            let mut partial = Simulation::new(Arc::clone(&game_scenario), 9);
            for _ in 0..2 {
                let plan = strategy(player).plan_week(&partial);
                partial.run_week(&plan).unwrap();
            }
            samples.push((3, to_text(&save_of(&partial, source))));
        }
    }
    let texts: Vec<&str> = samples.iter().map(|(_, text)| text.as_str()).collect();
    let words = vocabulary(&texts);
    Corpus { samples, words }
}

/// What became of one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Syntax,
    Meaning,
    Unreadable,
    Accepted,
    /// A replay that reads well but does not verify (tampered).
    Unverified,
}

/// Checks that a refusal is well formed: the path first, then a line and
/// column inside the text, or a field.
fn judge_error(error: &LoadError, path: &str, text: &[u8]) -> Result<Outcome, String> {
    let message = error.to_string();
    if !message.starts_with(path) {
        return Err(format!("the message does not start with the path: {message}"));
    }
    if message.contains('\n') {
        return Err(format!("the message is more than one line: {message}"));
    }
    match error {
        LoadError::Syntax {
            line, col, message, ..
        } => {
            let lines = text.split(|&b| b == b'\n').count();
            if *line == 0 || *col == 0 || *line > lines + 1 {
                return Err(format!(
                    "line {line}, column {col} is not in a text of {lines} lines"
                ));
            }
            if message.trim().is_empty() {
                return Err("a syntax error without a message".into());
            }
            Ok(Outcome::Syntax)
        }
        LoadError::Invalid { field, message, .. } => {
            if field.trim().is_empty() || message.trim().is_empty() {
                return Err(format!("a meaning error without a field or message: {error:?}"));
            }
            Ok(Outcome::Meaning)
        }
        LoadError::UnknownKind { .. } => Ok(Outcome::Syntax),
        LoadError::Io { .. } | LoadError::TooLarge { .. } => Ok(Outcome::Unreadable),
        LoadError::NotFound { .. } => Err(format!("a file's error does not name the file: {message}")),
    }
}

/// An accepted file must be safe to use: a scenario plays a week of random
/// legal actions on a small audience with its invariants kept, and a
/// built-in strategy's plan fits it; a strategy only ever plans legal
/// weeks; a replay re-simulates to verified or to a named mismatch.
fn judge_accepted(file: AnyFile, rng: &mut Rng) -> Result<Outcome, String> {
    match file {
        AnyFile::Scenario(scenario) => {
            let small = rapport::files::scenario::resize(&scenario, 60).map_err(|e| e.to_string())?;
            let mut game = Simulation::new(Arc::new(small), rng.next_u64());
            let plan = random_plan(&game, rng);
            game.run_week(&plan)
                .map_err(|e| format!("a random legal plan was refused: {e}"))?;
            check_invariants(&game, game.history()[0].followers)?;
            let planned = strategy("balanced").plan_week(&game);
            game.check_plan(&planned)
                .map_err(|e| format!("the balanced strategy planned an illegal week: {e}"))?;
            Ok(Outcome::Accepted)
        }
        AnyFile::Strategy(plan_maker) => {
            let mut game = Simulation::new(
                Arc::new(scenario("corner_bakery").with_agents(60)),
                rng.next_u64(),
            );
            for _ in 0..2 {
                let plan = plan_maker.plan_week(&game);
                game.run_week(&plan)
                    .map_err(|e| format!("the strategy planned an illegal week: {e}"))?;
            }
            Ok(Outcome::Accepted)
        }
        AnyFile::Replay(replay) => match verify(&replay) {
            Ok(_) => Ok(Outcome::Accepted),
            Err(mismatch) if mismatch.to_string().trim().is_empty() => Err("an empty mismatch".into()),
            Err(_) => Ok(Outcome::Unverified),
        },
        AnyFile::Save(game, _) => {
            if game.week() > game.scenario().weeks {
                return Err(format!("a save past its last week: {}", game.week()));
            }
            Ok(Outcome::Accepted)
        }
    }
}

/// One input: made from the seed and the case number alone.
fn run_case(corpus: &Corpus, seed: u64, case: u64, dir: &Path) -> (usize, Result<Outcome, String>, Vec<u8>) {
    let mut rng = Rng::keyed(seed, Stream::Events, 0, case);
    let kind = (case % 4) as usize;
    let bytes = if rng.below(10) == 0 {
        generate(&mut rng, &corpus.words).into_bytes()
    } else {
        corpus.mutant(kind, &mut rng)
    };
    let through_file = case.is_multiple_of(16) || std::str::from_utf8(&bytes).is_err();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (path, loaded) = if through_file {
            // One file per case: a case that waits for the model's threads
            // may see another case run on its own thread meanwhile.
            let path = dir.join(format!("case-{case}.ron"));
            std::fs::write(&path, &bytes).map_err(|e| e.to_string())?;
            let loaded = load_any(&path);
            let unchanged = std::fs::read(&path).map_err(|e| e.to_string())? == bytes;
            let _ = std::fs::remove_file(&path);
            if !unchanged {
                return Err("loading changed the file".to_string());
            }
            (path.display().to_string(), loaded)
        } else {
            let path = format!("hostile-{case}.ron");
            let loaded = parse_any(&path, std::str::from_utf8(&bytes).unwrap());
            (path, loaded)
        };
        match loaded {
            Ok(file) => judge_accepted(file, &mut rng),
            Err(error) => judge_error(&error, &path, &bytes),
        }
    }))
    .unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("PANIC: {message}"))
    });
    (kind, outcome, bytes)
}

#[test]
fn a_hundred_thousand_hostile_files_get_clear_errors_and_no_panic() {
    let cases = sized("RAPPORT_FUZZ_CASES", 12_000, 120_000);
    let seed = env_number("RAPPORT_FUZZ_SEED", 0x5EED_F11E);
    let dir = temp_dir("hostile");
    let corpus = corpus(&dir);
    let started = Instant::now();
    let results: Vec<(usize, Outcome)> = (0..cases)
        .into_par_iter()
        .filter_map(|case| {
            let (kind, outcome, bytes) = run_case(&corpus, seed, case, &dir);
            match outcome {
                Ok(outcome) => Some((kind, outcome)),
                Err(problem) => {
                    let kept = dir.join(format!("failure-{case}.ron"));
                    let _ = std::fs::write(&kept, &bytes);
                    panic!(
                        "case {case} ({}) failed: {problem}\n  input kept in {}\n  again: RAPPORT_FUZZ_SEED={seed} RAPPORT_FUZZ_CASES={} cargo test hundred_thousand",
                        KINDS[kind],
                        kept.display(),
                        case + 1
                    );
                }
            }
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(results.len() as u64, cases);

    println!("hostile inputs: {cases} in {seconds:.1} s (seed {seed:#x})");
    println!("  kind      syntax  meaning  unreadable  accepted  unverified");
    for (k, kind) in KINDS.iter().enumerate() {
        let count = |outcome| results.iter().filter(|&&(kk, o)| kk == k && o == outcome).count();
        let total = results.iter().filter(|&&(kk, _)| kk == k).count();
        let (syntax, meaning, accepted) = (
            count(Outcome::Syntax),
            count(Outcome::Meaning),
            count(Outcome::Accepted) + count(Outcome::Unverified),
        );
        println!(
            "  {kind:<9} {syntax:>6}  {meaning:>7}  {:>10}  {:>8}  {:>10}",
            count(Outcome::Unreadable),
            count(Outcome::Accepted),
            count(Outcome::Unverified)
        );
        // The inputs must reach every stage of every loader, or the run
        // proves little: the parser, the checks of meaning, and beyond.
        for (stage, n) in [
            ("syntax errors", syntax),
            ("meaning errors", meaning),
            ("accepted", accepted),
        ] {
            assert!(
                n * 100 >= total,
                "{kind}: only {n} of {total} inputs were {stage}; the mutations miss a stage"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A scenario that asks for absurd sizes is refused at once, from the
/// numbers, before anything of that size exists.
#[test]
fn absurd_sizes_are_refused_fast_without_allocating_them() {
    let bakery = scenario_text("corner_bakery");
    let scenario_cases: [(&[(&str, &str)], &str); 5] = [
        (&[("agents: 10000,", "agents: 2000001,")], "`agents`"),
        (&[("agents: 10000,", "agents: 4294967295,")], "`agents`"),
        (&[("weeks: 12,", "weeks: 4000000,")], "`weeks`"),
        (
            &[("contacts_per_agent: 10,", "contacts_per_agent: 4000000000,")],
            "`graph.contacts_per_agent`",
        ),
        (
            &[
                ("agents: 10000,", "agents: 2000000,"),
                ("contacts_per_agent: 10,", "contacts_per_agent: 200,"),
            ],
            "`graph.contacts_per_agent`",
        ),
    ];
    for (changes, field) in scenario_cases {
        let mut text = bakery.to_string();
        for (from, to) in changes {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            text = changed;
        }
        assert_refused_fast(changes[0].1, field, 200, 1 << 20, || {
            rapport::files::scenario::parse_scenario("big.ron", &text)
        });
    }

    // A replay of 20,000 weeks and one with a week of 13,000 actions: both
    // fit in the file-size limit; both are refused before any re-play.
    let week = "(plan: [], state_hash: \"0000000000000000\"),";
    let action = "(kind: Publish, day: 0, platform: 0, content: Photo, target: Everyone),";
    let replay = |weeks: &str| {
        format!(
            "Replay(version: 1, game_version: \"0.1.0\", model_version: 1, player: \"p\", \
             scenario: \"first_steps\", scenario_hash: \"0000000000000000\", agents: 2000000, seed: 1, \
             start_hash: \"0000000000000000\", weeks: [{weeks}], kpis: (followers: 0, leads: 0, \
             customers: 0, advocates: 0, strong_relationships: 0, relationship_index: 0, sentiment: 0, \
             engagement_rate: 0, ctr: 0, roi: 0, revenue: 0, impressions: 0, hours: (broadcast: 0, \
             conversation: 0, listening: 0), money_spent: 0, score: 0, state_hash: \"0000000000000000\"))"
        )
    };
    let long = replay(&week.repeat(20_000));
    let crowded = replay(&format!(
        "(plan: [{}], state_hash: \"0000000000000000\")",
        action.repeat(13_000)
    ));
    for (name, text, field) in [
        ("weeks", long, "`weeks`"),
        ("actions", crowded, "`weeks[0].plan`"),
    ] {
        assert!(text.len() < 1 << 20, "{name}: {} bytes", text.len());
        // Parsing a file of under a megabyte may take a few megabytes; the
        // two million people it names would take hundreds.
        assert_refused_fast(&format!("replay {name}"), field, 500, 16 << 20, || {
            parse_any("big.ron", &text)
        });
    }

    // A save that names two million people and 1,000 weeks of plans.
    let game = Simulation::new(Arc::new(scenario("first_steps").with_agents(60)), 1);
    let text = to_text(&save_of(&game, "first_steps"));
    for (from, to, field) in [
        ("agents: 60,", "agents: 2000000,", "`scenario_hash`"),
        ("agents: 60,", "agents: 3000000,", "`agents`"),
        ("weeks: [", &format!("weeks: [{}", "[],".repeat(1000)), "`weeks`"),
    ] {
        let tampered = text.replacen(from, to, 1);
        assert_ne!(tampered, text);
        assert_refused_fast(&format!("save {to:.20}"), field, 200, 1 << 20, || {
            restore("big.ron", &tampered)
        });
    }
}

/// CPU time this thread has used: unlike the clock on the wall, it does
/// not count the time other tests of the suite hold the cores.
fn thread_cpu_time() -> std::time::Duration {
    #[cfg(unix)]
    {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid pointer to a timespec for the call to fill.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0 {
            return std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// Runs a load that must be refused for `field`, within `max_ms` of this
/// thread's CPU time and `max_bytes` of allocation on this thread, and
/// prints what it took.
fn assert_refused_fast<T>(
    name: &str,
    field: &str,
    max_ms: u128,
    max_bytes: u64,
    load: impl FnOnce() -> Result<T, LoadError>,
) {
    let started = thread_cpu_time();
    let (result, bytes) = bytes_asked_during(load);
    let elapsed = thread_cpu_time() - started;
    let message = result.err().map(|e| e.to_string()).unwrap_or_default();
    println!("{name:<30} refused in {elapsed:?} after {bytes} bytes: {message}");
    assert!(message.contains(field), "{name}: {message}");
    assert!(elapsed.as_millis() < max_ms, "{name}: slow refusal");
    assert!(bytes < max_bytes, "{name}: {bytes} bytes asked to refuse it");
}

/// Mutated files of every kind, and a few nasty ones, written to `dir`.
fn hostile_files(dir: &Path, per_kind: u64) -> Vec<(usize, PathBuf)> {
    std::fs::create_dir_all(dir).unwrap();
    let corpus = corpus(dir);
    let mut files = Vec::new();
    for case in 0..per_kind * 4 {
        let mut rng = Rng::keyed(77, Stream::Events, 1, case);
        let kind = (case % 4) as usize;
        let bytes = corpus.mutant(kind, &mut rng);
        let path = dir.join(format!("{}-{case}.ron", KINDS[kind]));
        std::fs::write(&path, bytes).unwrap();
        files.push((kind, path));
    }
    let nasty: [(&str, Vec<u8>); 6] = [
        ("empty.ron", Vec::new()),
        (
            "binary.ron",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("bom.ron", "\u{feff}".into()),
        (
            "deep.ron",
            format!("Scenario({}", "[".repeat(100_000)).into_bytes(),
        ),
        (
            "huge.ron",
            format!("Scenario(brief: \"{}\")", "x".repeat(2 << 20)).into_bytes(),
        ),
        ("nul.ron", b"Replay(\0\0\0)".to_vec()),
    ];
    for (name, bytes) in nasty {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        files.push((0, path));
    }
    let folder = dir.join("folder.ron");
    std::fs::create_dir_all(&folder).unwrap();
    files.push((0, folder));
    #[cfg(unix)]
    {
        // A named pipe: opening it would wait for a writer forever.
        let pipe = dir.join("pipe.ron");
        let name = std::ffi::CString::new(pipe.display().to_string()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        files.push((0, pipe));
    }
    files
}

/// Every regular file's bytes (a pipe is not read: it would wait).
fn snapshot(files: &[(usize, PathBuf)]) -> Vec<Option<Vec<u8>>> {
    files
        .iter()
        .map(|(_, path)| {
            let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
            regular.then(|| std::fs::read(path).ok()).flatten()
        })
        .collect()
}

/// `check`, `verify`, `grade` and `run` over hostile files: clear errors,
/// exit status 1 or 2, no panic, and every file as it was.
#[test]
fn the_command_line_refuses_hostile_files_clearly_and_loses_nothing() {
    let dir = temp_dir("hostile-cli");
    let files = hostile_files(&dir, 60);
    let before = snapshot(&files);
    let names: Vec<String> = files.iter().map(|(_, p)| p.display().to_string()).collect();

    let mut args = vec!["check"];
    args.extend(names.iter().map(String::as_str));
    let output = rapport(&args);
    let printed = stdout(&output);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(!errors.contains("panicked"), "{errors}");
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), files.len(), "one line per file:\n{printed}");
    let mut failed = 0;
    for (line, name) in lines.iter().zip(&names) {
        if let Some(rest) = line.strip_prefix("FAILED ") {
            failed += 1;
            let after = rest
                .strip_prefix(name.as_str())
                .unwrap_or_else(|| panic!("does not name {name}: {line}"));
            let placed = after.starts_with(": field `")
                || after.starts_with(": cannot read")
                || after.starts_with(": file is ")
                || {
                    let mut parts = after.splitn(4, ':');
                    parts.next() == Some("")
                        && parts
                            .next()
                            .is_some_and(|l| l.parse::<usize>().is_ok_and(|l| l > 0))
                        && parts
                            .next()
                            .is_some_and(|c| c.parse::<usize>().is_ok_and(|c| c > 0))
                };
            assert!(placed, "no place in: {line}");
        } else {
            assert!(line.starts_with(&format!("ok     {name}: ")), "{line}");
        }
    }
    assert!(
        failed * 2 > files.len(),
        "only {failed} of {} refused",
        files.len()
    );

    let replays: Vec<&str> = files
        .iter()
        .zip(&names)
        .filter(|((kind, _), _)| *kind == 2)
        .map(|(_, name)| name.as_str())
        .collect();
    let mut args = vec!["verify"];
    args.extend(&replays);
    let output = rapport(&args);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(!errors.contains("panicked"), "{errors}");
    assert_eq!(stdout(&output).lines().count(), replays.len());

    let grades = dir.join("grades.csv");
    let output = rapport(&[
        "grade",
        "--scenario",
        "first_steps",
        &dir.display().to_string(),
        "--out",
        &grades.display().to_string(),
    ]);
    let errors = stderr(&output);
    assert!(output.status.success(), "{errors}");
    assert!(!errors.contains("panicked"), "{errors}");

    // `run` on broken scenarios: an error, and the CSV it was asked to
    // write keeps what it had.
    let csv = dir.join("weekly.csv");
    std::fs::write(&csv, "kept\n").unwrap();
    let scenarios: Vec<&String> = files
        .iter()
        .zip(&names)
        .filter(|((kind, _), _)| *kind == 0)
        .map(|(_, name)| name)
        .take(25)
        .collect();
    for name in scenarios {
        let output = rapport(&[
            "run",
            "--scenario",
            name,
            "--strategy",
            "balanced",
            "--agents",
            "60",
            "--csv",
            &csv.display().to_string(),
        ]);
        let errors = stderr(&output);
        assert!(!errors.contains("panicked"), "{name}: {errors}");
        if output.status.success() {
            std::fs::write(&csv, "kept\n").unwrap();
        } else {
            assert_eq!(output.status.code(), Some(2), "{name}: {errors}");
            assert!(errors.starts_with("error: "), "{name}: {errors}");
            assert_eq!(std::fs::read_to_string(&csv).unwrap(), "kept\n", "{name}");
        }
    }
    assert_eq!(snapshot(&files), before, "a command changed an input file");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The window's loaders: Continue refuses a hostile save with the reason
/// and keeps the file, byte for byte, under another name; the replay
/// browser lists a folder of hostile replays without a panic.
#[test]
fn the_window_refuses_hostile_saves_and_keeps_them() {
    let dir = temp_dir("hostile-window");
    let files = hostile_files(&dir.join("inputs"), 40);
    let save = dir.join("save").join("autosave.ron");
    std::fs::create_dir_all(save.parent().unwrap()).unwrap();
    let mut refused = 0;
    for (_, path) in files.iter().filter(|(kind, _)| *kind == 3) {
        let bytes = std::fs::read(path).unwrap();
        std::fs::write(&save, &bytes).unwrap();
        match rapport::files::save::resume(&save) {
            Ok(_) => assert!(save.exists(), "a loaded save is left in place"),
            Err(error) => {
                let message = error.to_string();
                refused += 1;
                assert!(message.contains("autosave.ron"), "{message}");
                assert!(!save.exists(), "the refused save is moved aside");
                let kept: Vec<PathBuf> = std::fs::read_dir(save.parent().unwrap())
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                assert_eq!(kept.len(), 1, "{kept:?}");
                assert!(message.contains(&kept[0].display().to_string()), "{message}");
                assert_eq!(
                    std::fs::read(&kept[0]).unwrap(),
                    bytes,
                    "the refused save changed"
                );
                std::fs::remove_file(&kept[0]).unwrap();
            }
        }
    }
    assert!(refused > 20, "only {refused} refused");

    let browser = rapport::files::replay::verify_folder(&dir.join("inputs"));
    let listed = rapport::files::replay::replay_files_in(&dir.join("inputs")).unwrap();
    assert_eq!(
        browser.len(),
        listed.len().min(rapport::files::replay::MAX_LISTED)
    );
    assert!(browser.iter().any(|(_, outcome)| outcome.is_err()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_replay_of_another_model_version_says_so() {
    let game = play(
        Arc::new(scenario("first_steps").with_agents(60)),
        3,
        &strategy("balanced"),
    );
    let mut replay = Replay::of(&game, "first_steps", "balanced");
    replay.model_version = rapport::sim::MODEL_VERSION + 1;
    replay.game_version = "9.9.9".into();
    let mismatch = verify(&replay).unwrap_err();
    assert!(matches!(mismatch, Mismatch::GameVersion { .. }));
    let message = mismatch.to_string();
    assert!(
        message.contains("9.9.9") && message.contains("model version"),
        "{message}"
    );
}
