//! One way to say a count: numbers as people read them (thousands grouped,
//! rates in per cent, hours), nouns that agree with their count ("1
//! customer lapsed", "bought again once"), and spans of weeks ("weeks 1 to
//! 3", never "weeks 1 to 0").
//!
//! A leaf: it imports nothing of the crate, so every layer may use it —
//! the model's file formats (`files`), the report, the claim checker's
//! verdicts, the command line and the window — and no arrow runs back up.

/// `16206` → `16,206`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed count: `+1,204`, `-3`, `0`.
pub fn signed(n: i64) -> String {
    let magnitude = count(n.unsigned_abs());
    match n {
        0 => magnitude,
        n if n > 0 => format!("+{magnitude}"),
        _ => format!("-{magnitude}"),
    }
}

/// A share as per cent with one decimal: `0.0213` → `2.1%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Hours with at most two decimals and no trailing zeros (`3 h`, `2.5 h`,
/// `0.75 h`): actions cost quarter hours, so a plan's lines add up as shown.
pub fn hours(h: f64) -> String {
    let text = format!("{h:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    format!("{text} h")
}

/// A count and its noun, the noun agreeing: `1 lead`, `3 leads`, `1,204 leads`.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// How often something happened: `once`, `twice`, `3 times`.
pub fn times(n: u64) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{} times", count(n)),
    }
}

/// A number of weeks: `1 week`, `3 weeks`.
pub fn weeks(n: u64) -> String {
    counted(n, "week", "weeks")
}

/// The weeks `first` to `last` (both counted): `week 3`, `weeks 1 to 4`;
/// `None` when the span is empty (`last` before `first`), so no sentence
/// can say "weeks 1 to 0".
pub fn week_span(first: u32, last: u32) -> Option<String> {
    match last.checked_sub(first)? {
        0 => Some(format!("week {first}")),
        _ => Some(format!("weeks {first} to {last}")),
    }
}

/// A set of weeks in short: `weeks 1-6, 8, 10-12` for weeks 1 to 6, 8 and
/// 10 to 12 (in order); `no week` for none.
pub fn week_ranges(weeks: &[u32]) -> String {
    if weeks.is_empty() {
        return "no week".into();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut start = weeks[0];
    let mut end = weeks[0];
    for &w in &weeks[1..] {
        if w == end + 1 {
            end = w;
            continue;
        }
        parts.push(range_text(start, end));
        (start, end) = (w, w);
    }
    parts.push(range_text(start, end));
    let word = if weeks.len() == 1 { "week" } else { "weeks" };
    format!("{word} {}", parts.join(", "))
}

fn range_text(start: u32, end: u32) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start}-{end}")
    }
}

/// A text's first letter in capitals: `both together` → `Both together`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// Text wrapped to lines of at most `width` characters (a word longer
/// than a line stands alone): the first line starts with `first`, the
/// others with `rest` (a hanging indent). Lines end with a newline.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if !empty && len + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_with_a_hanging_indent() {
        let text = "one two three four five six seven eight nine ten";
        let wrapped = wrap(text, 20, "  - ", "    ");
        assert_eq!(
            wrapped,
            "  - one two three\n    four five six\n    seven eight nine\n    ten\n"
        );
        assert!(wrapped.lines().all(|l| l.chars().count() <= 20));
        assert_eq!(wrap("short", 20, "", ""), "short\n");
    }

    #[test]
    fn a_noun_agrees_with_its_count() {
        assert_eq!(
            counted(1, "customer lapsed", "customers lapsed"),
            "1 customer lapsed"
        );
        assert_eq!(counted(0, "lead", "leads"), "0 leads");
        assert_eq!(counted(1204, "lead", "leads"), "1,204 leads");
        assert_eq!(times(1), "once");
        assert_eq!(times(2), "twice");
        assert_eq!(times(1000), "1,000 times");
        assert_eq!(weeks(1), "1 week");
        assert_eq!(weeks(3), "3 weeks");
        assert_eq!(capitalize("both together"), "Both together");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn a_span_of_weeks_is_never_backwards() {
        assert_eq!(week_span(1, 0), None);
        assert_eq!(week_span(1, 1).as_deref(), Some("week 1"));
        assert_eq!(week_span(1, 3).as_deref(), Some("weeks 1 to 3"));
        assert_eq!(week_ranges(&[1, 2, 3, 5, 7, 8]), "weeks 1-3, 5, 7-8");
        assert_eq!(week_ranges(&[4]), "week 4");
        assert_eq!(week_ranges(&[]), "no week");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(16206), "16,206");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(signed(-1204), "-1,204");
        assert_eq!(signed(12), "+12");
        assert_eq!(percent(0.0213), "2.1%");
        assert_eq!(hours(3.0), "3 h");
        assert_eq!(hours(2.5), "2.5 h");
        assert_eq!(hours(0.75), "0.75 h");
        assert_eq!(hours(18.75), "18.75 h");
        assert_eq!(hours(-0.001), "0 h");
    }
}
