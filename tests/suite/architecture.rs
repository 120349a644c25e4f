//! Nothing lower imports anything higher: the crate's top modules stand on
//! floors (the house as `farm-studio look` draws it, which CI does not
//! have), and every `crate::X` a module names must stand on a lower floor
//! than the module itself. A module that is not in the table fails too:
//! a new one must be given its floor here.
//!
//! Test code (`#[cfg(test)]` modules, `tests.rs` and `*_tests.rs` files)
//! is left out: a test may build a whole game to check a small rule.

use std::path::{Path, PathBuf};

/// The floors, from the ground up. `text` is the leaf that says counts,
/// plurals and weeks (any module may use it); `sim` is the model; `files`
/// reads and writes its formats; `report` turns runs into numbers and
/// sentences; `claims` judges runs against the claims; `class` plays a
/// classroom's markets; the window (`game`), the browser (`web`) and the
/// command line (`cli`) sit on top.
const FLOORS: &[(&str, u32)] = &[
    ("text", 0),
    ("sim", 1),
    ("files", 2),
    ("report", 3),
    ("claims", 4),
    ("class", 5),
    ("web", 6),
    ("game", 6),
    ("cli", 7),
];

fn floor(module: &str) -> Option<u32> {
    FLOORS.iter().find(|(m, _)| *m == module).map(|(_, f)| *f)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top modules a file's code (tests and comments left out) names as
/// `crate::X`, including those in `use crate::{X, Y}`, with their lines.
fn crate_references(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = &rest[..at];
            rest = &rest[at + "crate::".len()..];
            // `rapport::crate::` does not exist; `$crate::` is a macro's own.
            if before.ends_with('$') || before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or("");
                group
                    .split(',')
                    .map(|part| part.trim().split("::").next().unwrap_or(""))
                    .collect()
            } else {
                vec![
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or(""),
                ]
            };
            for name in names.into_iter().filter(|n| !n.is_empty()) {
                found.push((n + 1, name.to_string()));
            }
        }
    }
    found
}

fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "tests.rs" || name.ends_with("_tests.rs")
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    let mut arrows = 0;
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let top = relative.iter().next().unwrap().to_str().unwrap();
        let module = top.trim_end_matches(".rs");
        if matches!(module, "lib" | "main") || is_test_file(path) {
            continue;
        }
        let Some(own) = floor(module) else {
            wrong.push(format!(
                "{}: module `{module}` has no floor in the table",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for (line, target) in crate_references(&text) {
            if target == module || matches!(target.as_str(), "self" | "super") {
                continue;
            }
            arrows += 1;
            match floor(&target) {
                Some(theirs) if theirs < own => {}
                Some(theirs) => wrong.push(format!(
                    "{}:{line}: `{module}` (floor {own}) imports `{target}` (floor {theirs})",
                    relative.display()
                )),
                None => wrong.push(format!(
                    "{}:{line}: `{target}` has no floor in the table",
                    relative.display()
                )),
            }
        }
    }
    assert!(arrows > 100, "only {arrows} imports found: is the reader broken?");
    assert!(
        wrong.is_empty(),
        "imports that run back up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_finds_grouped_and_plain_imports_and_skips_tests_and_comments() {
    let text = "use crate::report::weekly::WeekRow;\n\
                use crate::{sim::Scenario, text};\n\
                // crate::cli in a comment\n\
                let x = crate::files::builtin::scenarios(); // crate::game\n\
                #[cfg(test)]\n\
                use crate::cli;\n";
    let names: Vec<String> = crate_references(text).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["report", "sim", "text", "files"]);
}
