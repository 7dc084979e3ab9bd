//! Content lines (RFC 5545 §3.1): `NAME;PARAM=value:value`, ended by CRLF and folded so that no
//! line is longer than 75 octets, never inside a UTF-8 character or a backslash escape.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::error::{Error, Result};
use crate::geo::Geo;

/// The longest a physical line may be, in octets, without its CRLF.
pub(crate) const MAX_OCTETS: usize = 75;

/// A calendar being written, one content line at a time. Each line is written straight into the
/// output, then folded where it passes 75 octets: the many short lines are never copied.
pub(crate) struct Lines {
    out: String,
    /// Where the logical line being written starts in `out`.
    line_start: usize,
    /// A long line being folded, reused so folding costs no allocation.
    scratch: String,
}

impl Lines {
    pub fn with_capacity(bytes: usize) -> Lines {
        Lines {
            out: String::with_capacity(bytes),
            line_start: 0,
            scratch: String::new(),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// What is written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// Starts again from nothing, keeping the memory.
    pub fn clear(&mut self) {
        self.out.clear();
        self.line_start = 0;
    }

    /// `BEGIN:` a component.
    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", &[], component);
    }

    /// `END:` a component.
    pub fn end(&mut self, component: &str) {
        self.raw("END", &[], component);
    }

    /// A property whose value is already valid for its type (numbers, dates, durations, rules,
    /// fixed words); it is written as it is.
    pub fn raw(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        self.start(name, params);
        self.out.push_str(value);
        self.flush();
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.start(name, &[]);
        push_text(&mut self.out, value, false);
        self.flush();
    }

    /// A TEXT property on one line: its line breaks and tabs become spaces (SUMMARY).
    pub fn one_line(&mut self, name: &str, value: &str) {
        self.start(name, &[]);
        push_text(&mut self.out, value, true);
        self.flush();
    }

    /// A TEXT property made of the parts present joined by `separator`, all escaped (LOCATION,
    /// DESCRIPTION); nothing is written when no part is present.
    pub fn joined(&mut self, name: &str, parts: &[Option<&str>], separator: &str) {
        let mut present = parts.iter().flatten();
        let Some(first) = present.next() else {
            return;
        };
        self.start(name, &[]);
        push_text(&mut self.out, first, false);
        for part in present {
            push_text(&mut self.out, separator, false);
            push_text(&mut self.out, part, false);
        }
        self.flush();
    }

    /// An INTEGER property.
    pub fn integer(&mut self, name: &str, value: i64) {
        self.start(name, &[]);
        if value < 0 {
            self.out.push('-');
        }
        let n = value.unsigned_abs();
        let mut div = 1;
        while div <= n / 10 {
            div *= 10;
        }
        while div > 0 {
            self.out.push(char::from(b'0' + (n / div % 10) as u8));
            div /= 10;
        }
        self.flush();
    }

    /// A DATE-TIME property in local time (`19980118T230000`), with its TZID or other parameters.
    pub fn date_time(&mut self, name: &str, params: &[(&str, &str)], t: NaiveDateTime) {
        self.start(name, params);
        push_date(&mut self.out, t.date());
        self.out.push('T');
        push_digits(&mut self.out, t.hour(), 2);
        push_digits(&mut self.out, t.minute(), 2);
        push_digits(&mut self.out, t.second(), 2);
        self.flush();
    }

    /// A DATE property (`19980118`).
    pub fn date(&mut self, name: &str, params: &[(&str, &str)], d: NaiveDate) {
        self.start(name, params);
        push_date(&mut self.out, d);
        self.flush();
    }

    /// The GEO property of a position.
    pub fn geo(&mut self, geo: Geo) {
        self.start("GEO", &[]);
        geo.push_ical(&mut self.out);
        self.flush();
    }

    /// A multi-valued TEXT property (`CATEGORIES`): each value escaped, joined by commas. Values
    /// that are empty once cleaned are left out; nothing is written when none is left.
    pub fn texts(&mut self, name: &str, values: &[&str]) {
        self.start(name, &[]);
        let mark = self.out.len();
        for value in values {
            let before = self.out.len();
            if before > mark {
                self.out.push(',');
            }
            let value_start = self.out.len();
            push_text(&mut self.out, value, false);
            if self.out.len() == value_start {
                self.out.truncate(before);
            }
        }
        if self.out.len() == mark {
            self.out.truncate(self.line_start);
            return;
        }
        self.flush();
    }

    /// A property whose value must be one line of text with no control characters at all, such
    /// as a UID or a URI: a CR or LF there would start a new property, so it is refused, not
    /// cleaned. `field` names the value for the error. TEXT-typed values (UID) are escaped.
    pub fn checked(&mut self, name: &str, field: &str, value: &str, escape: bool) -> Result<()> {
        if has_control(value)
            && let Some(c) = value.chars().find(|c| c.is_control())
        {
            return Err(Error::invalid(
                field,
                format!(
                    "{value:?} contains the control character {c:?}, which a calendar cannot carry"
                ),
            ));
        }
        if value.trim().is_empty() {
            return Err(Error::invalid(field, "must not be empty"));
        }
        self.start(name, &[]);
        if escape {
            push_text(&mut self.out, value, false);
        } else {
            self.out.push_str(value);
        }
        self.flush();
        Ok(())
    }

    fn start(&mut self, name: &str, params: &[(&str, &str)]) {
        self.line_start = self.out.len();
        self.out.push_str(name);
        for (key, value) in params {
            self.out.push(';');
            self.out.push_str(key);
            self.out.push('=');
            push_param(&mut self.out, value);
        }
        self.out.push(':');
    }

    /// Ends the logical line: its CRLF, after folding it when it is too long.
    fn flush(&mut self) {
        if self.out.len() - self.line_start <= MAX_OCTETS {
            self.out.push_str("\r\n");
            return;
        }
        self.scratch.clear();
        self.scratch.push_str(&self.out[self.line_start..]);
        self.out.truncate(self.line_start);
        fold(&mut self.out, &self.scratch);
    }
}

/// The bytes [`push_text`] stops at: ASCII controls and DEL, the three escaped characters, and
/// 0xC2, which starts the C1 controls (U+0080 to U+009F) among other characters.
const STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        stops[b] = true;
        b += 1;
    }
    stops[b'\\' as usize] = true;
    stops[b';' as usize] = true;
    stops[b',' as usize] = true;
    stops[0x7F] = true;
    stops[0xC2] = true;
    stops
};

/// Appends `text` escaped as an RFC 5545 TEXT value: backslash, semicolon and comma escaped, every
/// line break (CRLF, CR or LF) as `\n` (or a space with `one_line`, which also makes TAB a space),
/// other control characters but TAB removed.
pub(crate) fn push_text(out: &mut String, text: &str, one_line: bool) {
    // Runs of ordinary text are copied whole; only the bytes that need something done stop the
    // scan: ASCII controls and DEL, the three escaped characters, and the C1 controls (U+0080 to
    // U+009F, encoded as 0xC2 0x80 to 0xC2 0x9F). Each stop is at a character boundary.
    let bytes = text.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if !STOPS[usize::from(b)] || (b == 0xC2 && !matches!(bytes.get(i + 1), Some(0x80..=0x9F))) {
            i += 1;
            continue;
        }
        out.push_str(&text[copied..i]);
        i += 1;
        match b {
            b'\\' => out.push_str("\\\\"),
            b';' => out.push_str("\\;"),
            b',' => out.push_str("\\,"),
            b'\n' | b'\r' | b'\t' if one_line => out.push(' '),
            b'\t' => out.push('\t'),
            b'\n' => out.push_str("\\n"),
            b'\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.push_str("\\n");
            }
            0xC2 => i += 1,
            _ => {}
        }
        copied = i;
    }
    out.push_str(&text[copied..]);
}

fn push_digits(out: &mut String, value: u32, width: u32) {
    let mut div = 10u32.pow(width.saturating_sub(1));
    while div > 0 {
        out.push(char::from(
            b'0' + u8::try_from(value / div % 10).unwrap_or(0),
        ));
        div /= 10;
    }
}

fn push_date(out: &mut String, d: NaiveDate) {
    push_digits(out, u32::try_from(d.year()).unwrap_or(0), 4);
    push_digits(out, d.month(), 2);
    push_digits(out, d.day(), 2);
}

/// Whether `text` holds a control character (what `char::is_control` finds: ASCII controls, DEL
/// and the C1 controls, U+0080 to U+009F), found a byte at a time.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b < 0x20 || b == 0x7F || (b == 0xC2 && matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
    })
}

/// Appends a parameter value: `"` and control characters removed (RFC 5545 allows neither), in
/// quotes when it holds `:`, `;` or `,`.
fn push_param(out: &mut String, value: &str) {
    let quote = value.bytes().any(|b| matches!(b, b':' | b';' | b','));
    if quote {
        out.push('"');
    }
    if value.contains('"') || has_control(value) {
        out.extend(value.chars().filter(|c| *c != '"' && !c.is_control()));
    } else {
        out.push_str(value);
    }
    if quote {
        out.push('"');
    }
}

/// Appends `line` and its CRLF to `out`, starting a continuation line (CRLF and one space) before
/// a line would pass 75 octets. A character, or a backslash and the character it escapes, is never
/// split.
pub(crate) fn fold(out: &mut String, line: &str) {
    let bytes = line.as_bytes();
    let (mut from, mut room) = (0, MAX_OCTETS);
    while bytes.len() - from > room {
        let mut cut = from + room;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        // `from` starts a character and never an escape's second half, so an odd run of
        // backslashes before the cut ends with one that escapes the character after it.
        let backslashes = bytes[from..cut]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            cut -= 1;
        }
        out.push_str(&line[from..cut]);
        out.push_str("\r\n ");
        from = cut;
        room = MAX_OCTETS - 1;
    }
    out.push_str(&line[from..]);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> String {
        let mut lines = Lines::with_capacity(0);
        lines.text("SUMMARY", value);
        lines.finish()
    }

    #[test]
    fn text_is_escaped_and_cleaned() {
        assert_eq!(
            text("a\\b;c,d\ne\r\nf\rg\u{0}\u{7}\u{1b}h\ti\u{85}"),
            "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti\r\n"
        );
        assert_eq!(text("Café: 10:00"), "SUMMARY:Café: 10:00\r\n");
    }

    #[test]
    fn one_line_text_has_spaces_for_breaks() {
        let mut lines = Lines::with_capacity(0);
        lines.one_line("SUMMARY", "Two\nlines\r\nand\ttab;\u{7}");
        assert_eq!(lines.finish(), "SUMMARY:Two lines  and tab\\;\r\n");
    }

    #[test]
    fn dates_and_numbers_are_written_in_full() {
        let mut lines = Lines::with_capacity(0);
        let t = NaiveDate::from_ymd_opt(987, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap();
        lines.date_time("DTSTART", &[("TZID", "Europe/Berlin")], t);
        lines.date("DTEND", &[("VALUE", "DATE")], t.date());
        lines.integer("SEQUENCE", 1234);
        lines.integer("X-ZERO", 0);
        lines.integer("X-MIN", i64::MIN);
        lines.joined("LOCATION", &[Some("a,b"), None, Some("c")], ", ");
        lines.joined("DESCRIPTION", &[None, None], "\n\n");
        assert_eq!(
            lines.finish(),
            "DTSTART;TZID=Europe/Berlin:09870102T030405\r\nDTEND;VALUE=DATE:09870102\r\n\
             SEQUENCE:1234\r\nX-ZERO:0\r\nX-MIN:-9223372036854775808\r\nLOCATION:a\\,b\\, c\r\n"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let folded = text(&"é".repeat(100));
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= MAX_OCTETS, "{} octets: {line}", line.len());
        }
        // "SUMMARY:" is 8 octets; 33 two-octet characters fill the first line to 74.
        let first = folded.split("\r\n").next().unwrap();
        assert_eq!(first.len(), 74);
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(100))
        );
        // Exactly 75 octets stays on one line.
        let exact = text(&"x".repeat(MAX_OCTETS - 8));
        assert_eq!(exact.matches("\r\n").count(), 1);
        assert_eq!(text(&"x".repeat(MAX_OCTETS - 7)).matches("\r\n").count(), 2);
    }

    #[test]
    fn escapes_are_not_split() {
        for n in 60..80 {
            let folded = text(&format!("{}{}", "x".repeat(n), ",;\\\n".repeat(10)));
            for line in folded.split("\r\n") {
                let trailing = line.len() - line.trim_end_matches('\\').len();
                assert_eq!(trailing % 2, 0, "an escape is split at the end of {line:?}");
            }
        }
    }

    #[test]
    fn parameter_values_are_quoted_and_cleaned() {
        let mut lines = Lines::with_capacity(0);
        lines.raw("X", &[("A", "Europe/Berlin"), ("B", "a:b\"c\r\n;d")], "v");
        assert_eq!(lines.finish(), "X;A=Europe/Berlin;B=\"a:bc;d\":v\r\n");
    }

    #[test]
    fn uids_with_line_breaks_are_refused() {
        let mut lines = Lines::with_capacity(0);
        let e = lines
            .checked("UID", "uid", "abc\r\nX-EVIL:1", true)
            .unwrap_err();
        assert_eq!(e.field(), Some("uid"));
        assert!(lines.checked("UID", "uid", " ", true).is_err());
        lines.checked("UID", "uid", "a,b@roadie", true).unwrap();
        assert_eq!(lines.finish(), "UID:a\\,b@roadie\r\n");
    }

    proptest::proptest! {
        #[test]
        fn control_characters_are_found_byte_by_byte(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(has_control(&text), text.chars().any(char::is_control));
        }
    }

    #[test]
    fn control_characters_are_found_among_others() {
        for (text, found) in [
            ("abc", false),
            ("a\u{85}b", true),
            ("é€😀", false),
            ("\u{7f}", true),
            ("\u{a0}", false),
        ] {
            assert_eq!(has_control(text), found, "{text:?}");
        }
    }

    #[test]
    fn empty_category_lists_write_nothing() {
        let mut lines = Lines::with_capacity(0);
        lines.texts("CATEGORIES", &["\u{1}", ""]);
        lines.texts("CATEGORIES", &["session", "", "a,b"]);
        assert_eq!(lines.finish(), "CATEGORIES:session,a\\,b\r\n");
    }
}
