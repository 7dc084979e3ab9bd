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

/// One line of cells, ended with CRLF as RFC 4180 has it. A row of one empty cell is written `""`:
/// an empty line would read as no row at all.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    if line.is_empty() && !cells.is_empty() {
        line.push_str("\"\"");
    }
    line.push_str("\r\n");
    line
}

/// The entry point of the `csv_cell` fuzz target (`fuzz/`), also replayed over its committed
/// corpus by a plain test. Panics when a promise of this module is broken.
#[cfg(any(test, feature = "fuzzing"))]
#[allow(clippy::panic)] // a broken promise must panic, for the fuzzer to see it
pub mod fuzzing {
    use super::row;

    /// Where a spreadsheet would start a formula (OWASP's list); a plain number is only ever a
    /// number. Written out again here, so the check does not trust the code it checks.
    fn starts_formula(text: &str) -> bool {
        let number = {
            let digits = text.strip_prefix('-').unwrap_or(text);
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
            let all = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            all(whole) && all(fraction)
        };
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number
    }

    /// The bytes as text (invalid UTF-8 as U+FFFD), written as one cell and as a row of the cells
    /// cut at U+001F, twice, after a header row as the exports have one: a CSV reader (the `csv`
    /// crate) must read exactly three records, each row with as many fields as cells went in, each
    /// field the text as it went in or with a `'` before it when, and only when, it would start a
    /// formula, and no field starting one.
    pub fn cells(bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        check(&[text.as_ref()]);
        check(&text.split('\u{1f}').collect::<Vec<_>>());
    }

    fn check(cells: &[&str]) {
        let one = row(cells);
        assert!(one.ends_with("\r\n"), "{one:?} does not end with CRLF");
        let file = [row(&["record", "text"]), one.clone(), one].concat();
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(file.as_bytes());
        let records: Vec<::csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{file:?} is not CSV: {e}"));
        assert_eq!(records.len(), 3, "{cells:?} became {records:?}");
        for record in &records[1..] {
            assert_eq!(record.len(), cells.len(), "{cells:?} became {record:?}");
            for (read, text) in record.iter().zip(cells) {
                if starts_formula(text) {
                    assert_eq!(read, format!("'{text}"));
                } else {
                    assert_eq!(read, *text);
                }
                assert!(!starts_formula(read), "{read:?} starts a formula");
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_check_knows_a_formula() {
            for formula in ["=1", "+1", "-1+1", "@A1", "\tx", "\r", "-", "-1.", "--1"] {
                assert!(starts_formula(formula), "{formula:?}");
            }
            for text in ["", "'=1", "-12.50", "12", "a=b", " =1", "-0.5"] {
                assert!(!starts_formula(text), "{text:?}");
            }
        }
    }
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
        assert_eq!(row(&[""]), "\"\"\r\n");
        assert_eq!(row(&["", ""]), ",\r\n");
    }

    #[test]
    fn the_fuzz_corpus_replays_with_every_check() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/csv_cell");
        let inputs: Vec<_> = std::fs::read_dir(&corpus)
            .expect("fuzz/corpus/csv_cell")
            .map(|entry| entry.unwrap().path())
            .collect();
        assert!(!inputs.is_empty(), "fuzz/corpus/csv_cell is empty");
        for input in inputs {
            fuzzing::cells(&std::fs::read(input).unwrap());
        }
    }
}
