//! CSV cells and rows per RFC 4180 that are safe to open in a spreadsheet.
//!
//! A cell is quoted when it holds a comma, a double quote, CR or LF (quotes doubled inside). A cell
//! a spreadsheet would run as a formula — one that begins with `=`, `+`, `-`, `@`, a tab or CR —
//! gets a leading `'` so it shows as the text it is (the OWASP advice against CSV injection). A
//! plain decimal number such as `-12.50` is left alone: spreadsheets read it as a number, and no
//! number is a formula. Rows end with CRLF.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that
/// spreadsheets strip before doing so).
pub(crate) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as one CSV cell: neutralised if a spreadsheet would run it, quoted if it needs to be.
pub fn cell(text: &str) -> Cow<'_, str> {
    let neutral = if text.starts_with(FORMULA_STARTS) && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", neutral.replace('"', "\"\"")))
    } else {
        neutral
    }
}

/// Appends one row of cells to `out`, ending it with CRLF. A row of one empty cell is written
/// `""`, so that readers do not take it for a blank line and skip it.
pub fn push_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    let start = out.len();
    for (i, text) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell(text.as_ref()));
    }
    if out.len() == start {
        out.push_str("\"\"");
    }
    out.push_str("\r\n");
}

/// `-12.50`, `7`: an optional minus, digits, and optionally a point and more digits.
pub(crate) fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(cell("Venue hire"), "Venue hire");
        assert_eq!(cell("Lyon, France"), "\"Lyon, France\"");
        assert_eq!(cell("the \"Boat\""), "\"the \"\"Boat\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn neutralises_formulas_but_not_numbers() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+33 1 23"), "'+33 1 23");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\r=x"), "\"'\r=x\"");
        assert_eq!(
            cell("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(cell("-12.50"), "-12.50");
        assert_eq!(cell("-7"), "-7");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("-.5"), "'-.5");
        assert_eq!(cell("-1."), "'-1.");
        assert_eq!(cell("a=b"), "a=b");
    }

    #[test]
    fn rows_end_with_crlf() {
        let mut out = String::new();
        push_row(&mut out, ["id", "description"]);
        push_row(&mut out, ["1".to_owned(), "=cmd|' /C calc'!A0".to_owned()]);
        push_row(&mut out, [""]);
        assert_eq!(out, "id,description\r\n1,'=cmd|' /C calc'!A0\r\n\"\"\r\n");
    }

    proptest! {
        /// Whatever the text, a CSV reader gets it back whole, and a spreadsheet never sees a
        /// formula: the cell it reads begins with none of = + - @ tab CR unless it is a number.
        #[test]
        fn any_text_reads_back_and_never_starts_a_formula(texts in proptest::collection::vec(any::<String>(), 1..4)) {
            let mut out = String::new();
            push_row(&mut out, &texts);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(false)
                .from_reader(out.as_bytes());
            let record = reader.records().next().expect("one row").expect("valid CSV");
            prop_assert_eq!(record.len(), texts.len());
            for (read, text) in record.iter().zip(&texts) {
                let starts_formula = read.starts_with(FORMULA_STARTS);
                prop_assert!(!starts_formula || is_plain_number(read), "{:?} reads as {:?}", text, read);
                if text.starts_with(FORMULA_STARTS) && !is_plain_number(text) {
                    prop_assert_eq!(read, format!("'{text}"));
                } else {
                    prop_assert_eq!(read, text.as_str());
                }
            }
        }
    }
}
