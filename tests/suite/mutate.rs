//! The input maker of the hostile-file tests: mutations of valid files
//! (numbers, names and strings swapped for edge values, spans cut, copied
//! and spliced, bytes flipped, lines repeated, brackets nested deep,
//! truncation) and random RON documents built from the files' own words.
//! Every draw comes from a seed, so any input can be made again.

use rapport::sim::Rng;

/// Numbers at and around every limit the files have, and some that no
/// number type holds.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "-0.5",
    "2",
    "6",
    "7",
    "8",
    "49",
    "50",
    "104",
    "105",
    "200",
    "201",
    "255",
    "256",
    "500",
    "501",
    "1000",
    "1001",
    "65535",
    "65536",
    "2000000",
    "2000001",
    "4294967295",
    "4294967296",
    "-2147483649",
    "9223372036854775807",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999999",
    "1e308",
    "1e309",
    "-1e308",
    "1e-320",
    "3.4028236e38",
    "NaN",
    "inf",
    "-inf",
    "0x7f",
    "0b101",
    "1_000",
    "0.0001",
    "0.00009",
    "1.0000001",
    "0.9999",
    "168",
    "169",
    "1e9",
    "1e10",
];

/// Strings that name odd places, are empty, long, or not what the game
/// wrote.
fn strings(rng: &mut Rng) -> String {
    const FIXED: &[&str] = &[
        "\"\"",
        "\" \"",
        "\"../../../etc/passwd\"",
        "\"/dev/zero\"",
        "\"/dev/stdin\"",
        "\"/dev/null\"",
        "\"/\"",
        "\".\"",
        "\"first_steps\"",
        "\"corner_bakery\"",
        "\"national_brand\"",
        "\"nonexistent.ron\"",
        "\"assets/scenarios/first_steps.ron\"",
        "\"日本語 🎉\"",
        "\"\\u{0}\"",
        "\"a\\\"b\"",
        "\"0000000000000000\"",
        "\"ffffffffffffffff\"",
        "\"zzzzzzzzzzzzzzzz\"",
        "\"0123\"",
        "\"Scenario(\"",
    ];
    match rng.below(8) {
        0 => format!("\"{}\"", "x".repeat(rng.below(6000) as usize)),
        _ => FIXED[rng.below(FIXED.len() as u64) as usize].to_string(),
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "//",
    "/*",
    "*/",
    "'",
    "\\",
    "\n",
    "r#\"",
    "b\"",
    "Some(",
    "None",
    "true",
    "0x",
    "-",
    ".",
    "#![enable(unwrap_newtypes)]",
    "#![enable(implicit_some)]",
    "\u{feff}",
    "\0",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Token {
    Number,
    Word,
    Text,
}

/// Where the numbers, words and strings of a RON text are (byte ranges).
fn tokens(bytes: &[u8]) -> Vec<(usize, usize, Token)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            found.push((start, i, Token::Text));
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if b.is_ascii_digit()
            || ((b == b'-' || b == b'+') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || bytes[i] == b'.'
                    || bytes[i] == b'_'
                    || ((bytes[i] == b'-' || bytes[i] == b'+') && matches!(bytes[i - 1], b'e' | b'E')))
            {
                i += 1;
            }
            found.push((start, i, Token::Number));
        } else if b.is_ascii_alphabetic() || b == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            found.push((start, i, Token::Word));
        } else {
            i += 1;
        }
    }
    found
}

/// The words of the valid files: field names, variants, struct names.
pub fn vocabulary(texts: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|text| {
            tokens(text.as_bytes())
                .into_iter()
                .filter(|t| t.2 == Token::Word)
                .map(|(s, e, _)| text[s..e].to_string())
        })
        .collect();
    words.extend(
        [
            "Teleport", "Save", "Replay", "Strategy", "Scenario", "Some", "None", "false",
        ]
        .map(String::from),
    );
    words.sort();
    words.dedup();
    words
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

fn span(rng: &mut Rng, len: usize, max: usize) -> (usize, usize) {
    if len == 0 {
        return (0, 0);
    }
    let start = rng.below(len as u64) as usize;
    let end = (start + 1 + rng.below(max as u64) as usize).min(len);
    (start, end)
}

fn replace_token(
    bytes: &mut Vec<u8>,
    rng: &mut Rng,
    kind: Token,
    with: impl FnOnce(&mut Rng, &[u8]) -> String,
) {
    let found: Vec<(usize, usize, Token)> = tokens(bytes).into_iter().filter(|t| t.2 == kind).collect();
    if found.is_empty() {
        return;
    }
    let (start, end, _) = *pick(rng, &found);
    let new = with(rng, &bytes[start..end]);
    bytes.splice(start..end, new.into_bytes());
}

fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            found.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        found.push((start, bytes.len()));
    }
    found
}

/// A new value for a number: near the old one (of the same kind, whole
/// or not), or one of the edge values.
fn new_number(rng: &mut Rng, old: &[u8]) -> String {
    let text = std::str::from_utf8(old).unwrap_or("1");
    let whole = !text.contains(['.', 'e', 'E']);
    let value: f64 = text.parse().unwrap_or(1.0);
    let near = match rng.below(3) {
        0 => value * (rng.unit_f64() * 4.0 - 1.0),
        1 => value + rng.below(3) as f64 - 1.0,
        _ => return pick(rng, NUMBERS).to_string(),
    };
    if whole {
        format!("{}", near.round() as i64)
    } else {
        format!("{near}")
    }
}

/// Mutations of `text`: half the time one change of a value (the file
/// stays well formed, so its meaning is checked); otherwise one to four
/// changes of any kind. `others` are spliced from.
pub fn mutate(text: &str, rng: &mut Rng, words: &[String], others: &[&str]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    if rng.below(2) == 0 {
        match rng.below(6) {
            0..4 => replace_token(&mut bytes, rng, Token::Number, new_number),
            4 => replace_token(&mut bytes, rng, Token::Text, |rng, _| strings(rng)),
            _ => replace_token(&mut bytes, rng, Token::Word, |rng, _| pick(rng, words).clone()),
        }
        return bytes;
    }
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len();
        match rng.below(16) {
            0..=2 => replace_token(&mut bytes, rng, Token::Number, new_number),
            3 | 4 => replace_token(&mut bytes, rng, Token::Word, |rng, _| pick(rng, words).clone()),
            5 => replace_token(&mut bytes, rng, Token::Text, |rng, _| strings(rng)),
            6 => {
                let max = if rng.below(4) == 0 { len / 4 + 1 } else { 64 };
                let (start, end) = span(rng, len, max);
                bytes.drain(start..end);
            }
            7 => {
                let (start, end) = span(rng, len, 200);
                let copy = bytes[start..end].to_vec();
                let at = rng.below(len as u64 + 1) as usize;
                bytes.splice(at..at, copy);
            }
            8 => {
                let other = pick(rng, others).as_bytes();
                let (start, end) = span(rng, other.len(), 300);
                let at = rng.below(len as u64 + 1) as usize;
                bytes.splice(at..at, other[start..end].iter().copied());
            }
            9 => bytes.truncate(rng.below(len as u64 + 1) as usize),
            10 => {
                let piece = pick(rng, PIECES).as_bytes();
                let at = rng.below(len as u64 + 1) as usize;
                bytes.splice(at..at, piece.iter().copied());
            }
            11 => {
                if len > 0 {
                    let at = rng.below(len as u64) as usize;
                    bytes[at] = rng.below(256) as u8;
                }
            }
            12 => {
                let all = lines(&bytes);
                if !all.is_empty() {
                    let (start, end) = *pick(rng, &all);
                    let line = bytes[start..end].to_vec();
                    let times = 1 + rng.below(700) as usize;
                    bytes.splice(end..end, line.iter().copied().cycle().take(line.len() * times));
                }
            }
            13 => {
                let open = *pick(rng, b"([{");
                let depth = 50 + rng.below(20_000) as usize;
                let at = rng.below(len as u64 + 1) as usize;
                bytes.splice(at..at, std::iter::repeat_n(open, depth));
            }
            14 => {
                let all = lines(&bytes);
                if all.len() > 1 {
                    let (a, b) = (*pick(rng, &all), *pick(rng, &all));
                    let (first, second) = if a.0 < b.0 { (a, b) } else { (b, a) };
                    if first.1 <= second.0 {
                        let mut swapped = bytes[..first.0].to_vec();
                        swapped.extend_from_slice(&bytes[second.0..second.1]);
                        swapped.extend_from_slice(&bytes[first.1..second.0]);
                        swapped.extend_from_slice(&bytes[first.0..first.1]);
                        swapped.extend_from_slice(&bytes[second.1..]);
                        bytes = swapped;
                    }
                }
            }
            _ => {
                let all = lines(&bytes);
                if !all.is_empty() {
                    let (start, end) = *pick(rng, &all);
                    bytes.drain(start..end);
                }
            }
        }
    }
    bytes
}

/// A random RON document of the files' own words: well formed more often
/// than not, with fields, lists, maps, tuples and options of any type.
pub fn generate(rng: &mut Rng, words: &[String]) -> String {
    let mut out = String::new();
    let outer = ["Scenario", "Strategy", "Replay", "Save"];
    if rng.below(10) == 0 {
        out.push_str(pick(rng, words).as_str());
    } else {
        out.push_str(pick::<&str>(rng, &outer));
    }
    out.push('(');
    for _ in 0..rng.below(14) {
        out.push_str(pick(rng, words).as_str());
        out.push_str(": ");
        value(rng, words, 0, &mut out);
        out.push_str(", ");
    }
    out.push(')');
    out
}

fn value(rng: &mut Rng, words: &[String], depth: u32, out: &mut String) {
    let leaf = depth >= 4 || rng.below(3) == 0;
    match if leaf { rng.below(4) } else { 4 + rng.below(5) } {
        0 => out.push_str(pick::<&str>(rng, NUMBERS)),
        1 => out.push_str(&format!("{}", rng.below(200))),
        2 => out.push_str(&strings(rng)),
        3 => out.push_str(pick(rng, words).as_str()),
        4 => {
            out.push('[');
            for _ in 0..rng.below(5) {
                value(rng, words, depth + 1, out);
                out.push(',');
            }
            out.push(']');
        }
        5 => {
            out.push('{');
            for _ in 0..rng.below(4) {
                out.push_str(&strings(rng));
                out.push(':');
                value(rng, words, depth + 1, out);
                out.push(',');
            }
            out.push('}');
        }
        6 => {
            out.push_str(pick(rng, words).as_str());
            out.push('(');
            for _ in 0..rng.below(5) {
                if rng.below(2) == 0 {
                    out.push_str(pick(rng, words).as_str());
                    out.push(':');
                }
                value(rng, words, depth + 1, out);
                out.push(',');
            }
            out.push(')');
        }
        7 => {
            out.push_str("Some(");
            value(rng, words, depth + 1, out);
            out.push(')');
        }
        _ => {
            out.push('(');
            value(rng, words, depth + 1, out);
            out.push(',');
            value(rng, words, depth + 1, out);
            out.push(')');
        }
    }
}

#[test]
fn tokens_find_numbers_words_and_strings() {
    let text = "Scenario(weeks: 12, seed: -3, rate: 1.5e-3, name: \"a \\\" b\", // 99\n x: y)";
    let kinds: Vec<(&str, Token)> = tokens(text.as_bytes())
        .into_iter()
        .map(|(s, e, k)| (&text[s..e], k))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Scenario", Token::Word),
            ("weeks", Token::Word),
            ("12", Token::Number),
            ("seed", Token::Word),
            ("-3", Token::Number),
            ("rate", Token::Word),
            ("1.5e-3", Token::Number),
            ("name", Token::Word),
            ("\"a \\\" b\"", Token::Text),
            ("x", Token::Word),
            ("y", Token::Word),
        ]
    );
}
