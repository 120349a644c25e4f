//! Numbers as people read them: thousands grouped, rates in per cent.

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
