//! CSV for spreadsheets: RFC 4180 quoting, and cells that a spreadsheet would run as a formula
//! neutralised. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
//! with `'` (OWASP's advice for CSV injection), unless it is a plain number such as `-12.50`,
//! which spreadsheets read as a number and never as a formula.

use std::borrow::Cow;

/// The characters that make a spreadsheet treat a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` is a plain decimal number: an optional `-`, digits, optionally `.` and digits.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let all = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all(whole) && all(frac)
}

/// `text` made safe to open in a spreadsheet: prefixed with `'` when it would start a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(c) if TRIGGERS.contains(&c) && !is_plain_number(text) => {
            Cow::Owned(format!("'{text}"))
        }
        _ => Cow::Borrowed(text),
    }
}

/// One cell: neutralised, then quoted when it holds a comma, a quote or a line break.
pub fn cell(text: &str) -> String {
    let safe = neutralise(text);
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe.into_owned()
    }
}

/// One line of cells, ended with CRLF as RFC 4180 has it.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for (input, want) in [
            ("=1+1", "'=1+1"),
            ("+49 30 1234", "'+49 30 1234"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\tindent", "'\tindent"),
            ("\r=cmd", "'\r=cmd"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("-", "'-"),
            ("-.5", "'-.5"),
        ] {
            assert_eq!(neutralise(input), want, "{input:?}");
        }
    }

    #[test]
    fn ordinary_text_and_plain_numbers_stay() {
        for text in [
            "Ada Lovelace",
            "",
            "12.50",
            "-12.50",
            "-7",
            "0",
            "a=b",
            "São Paulo",
        ] {
            assert_eq!(neutralise(text), text);
        }
    }

    #[test]
    fn cells_are_quoted_when_needed() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        // Neutralised first, then quoted: the quote cannot hide the formula.
        assert_eq!(cell("=1,2"), "\"'=1,2\"");
        assert_eq!(cell("\r=x"), "\"'\r=x\"");
        assert_eq!(row(&["a", "=b", "-3"]), "a,'=b,-3\r\n");
    }
}
