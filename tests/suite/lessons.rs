//! Each scenario's lesson says what the claim checker shows: it names the
//! claims it rests on (`lesson_claims`), and each must apply to the
//! scenario, hold there in the published claim-by-scenario table, and hold
//! in at least 80% of the published sweep's draws where the sweep measured
//! the scenario.
//!
//! Both tables are read from `docs/CLAIMS.md` and are model 3's: the
//! claim-by-scenario table (12 seeds, as shipped) and the published sweep
//! ("Across the parameter space", 32 draws of every range, all nine
//! scenarios).

use super::common::scenario;
use rapport::claims::claim;
use rapport::claims::verdict::applies;
use rapport::files::builtin::SCENARIOS;
use rapport::sim::Scenario;

/// The share of draws a lesson's claim must hold in.
const MIN_SHARE_OF_DRAWS: f64 = 0.8;

fn claims_doc() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/CLAIMS.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first table under the heading `heading`: its header cells and rows.
fn table(doc: &str, heading: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("docs/CLAIMS.md has no `{heading}`"));
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let lines: Vec<&str> = doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(lines.len() > 2, "`{heading}` has no table");
    (cells(lines[0]), lines[2..].iter().map(|l| cells(l)).collect())
}

/// The cell of claim `id` in the scenario's column, if the table has both.
fn cell<'a>(table: &'a (Vec<String>, Vec<Vec<String>>), id: &str, scenario: &str) -> Option<&'a str> {
    let (header, rows) = table;
    let column = header.iter().position(|h| h == scenario)?;
    let row = rows.iter().find(|r| r[0].split(' ').next() == Some(id))?;
    row.get(column).map(String::as_str)
}

/// The share of draws in a sweep cell: `holds (+0.4) · **62% (20/32)**`.
fn share_of_draws(cell: &str) -> Option<f64> {
    let counts = cell.rsplit('(').next()?.split(')').next()?;
    let (held, of) = counts.split_once('/')?;
    let (held, of): (f64, f64) = (held.trim().parse().ok()?, of.trim().parse().ok()?);
    (of > 0.0).then(|| held / of)
}

/// Why claim `id` cannot carry `scenario`'s lesson, if it cannot.
fn refused(id: &str, scenario: &Scenario, doc: &str) -> Option<String> {
    let Some(found) = claim(id) else {
        return Some(format!("{id} is no claim"));
    };
    if let Err(why) = (found.applies)(scenario) {
        return Some(format!("{id} does not apply: {why}"));
    }
    debug_assert!(applies(id, scenario));
    let model3 = table(doc, "## Claim by scenario");
    match cell(&model3, id, &scenario.id) {
        Some(verdict) if verdict.starts_with("holds") => {}
        Some(verdict) => return Some(format!("{id} in model 3's table: {verdict}")),
        None => return Some(format!("{id} has no cell for {} in model 3's table", scenario.id)),
    }
    let sweep = table(doc, "## Across the parameter space");
    if let Some(text) = cell(&sweep, id, &scenario.id) {
        let share = share_of_draws(text).unwrap_or(0.0);
        if share < MIN_SHARE_OF_DRAWS {
            return Some(format!(
                "{id} holds in {:.0}% of the sweep's draws: {text}",
                share * 100.0
            ));
        }
    }
    None
}

#[test]
fn every_lesson_rests_on_claims_that_apply_and_hold_where_it_is_taught() {
    let doc = claims_doc();
    for (id, _) in SCENARIOS {
        let s = scenario(id);
        assert!(!s.lesson.is_empty(), "{id} has no lesson");
        assert!(!s.lesson_claims.is_empty(), "{id}'s lesson names no claim");
        for claim_id in &s.lesson_claims {
            if let Some(why) = refused(claim_id, &s, &doc) {
                panic!("{id}'s lesson rests on {why}");
            }
        }
    }
}

#[test]
fn the_check_refuses_what_the_issue_found_unshown() {
    let doc = claims_doc();
    // Same platforms, two uses in corner_bakery: C1 holds in three
    // quarters of the sweep's draws only.
    let bakery = scenario("corner_bakery");
    let why = refused("C1", &bakery, &doc).expect("C1 is refused in corner_bakery");
    assert!(why.contains("% of the sweep's draws"), "{why}");
    // Claims that do not apply, or do not exist.
    assert!(refused("C20", &scenario("first_steps"), &doc).is_some());
    assert!(refused("C21", &bakery, &doc).is_some());
    assert!(refused("C99", &bakery, &doc).is_some());
    // And one that holds.
    assert_eq!(refused("C5", &bakery, &doc), None);
    assert_eq!(share_of_draws("holds (+0.419) · **50% (16/32)**"), Some(0.5));
}

#[test]
fn the_sentences_the_issue_found_false_are_gone() {
    for (id, _) in SCENARIOS {
        let lesson = scenario(id).lesson.to_lowercase();
        for false_claim in [
            "the best result needs both",
            "floods their feed",
            "further than any post",
        ] {
            assert!(!lesson.contains(false_claim), "{id}: {lesson}");
        }
    }
    let glossary: String = rapport::report::glossary::glossary()
        .into_iter()
        .map(|(term, text)| format!("{term}: {text}\n"))
        .collect();
    for false_claim in ["only conversation builds", "good at followers"] {
        assert!(!glossary.contains(false_claim), "{false_claim}");
    }
}
