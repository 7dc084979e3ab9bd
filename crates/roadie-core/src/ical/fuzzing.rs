//! The entry point of the `ical_text` fuzz target (`fuzz/`), also replayed over its committed
//! corpus by a plain test: arbitrary bytes made into a calendar of up to four gatherings, written
//! by the serialiser, and every promise of the writer checked on the text with the strict
//! [`reader`]. A broken promise panics, which is what the fuzzer reports.
//!
//! The bytes: 24 control bytes (how many events, each one's kind, status and zone, the times,
//! a map position), then UTF-8 text (invalid sequences become U+FFFD) cut at U+001F into fields:
//! the calendar's name and description, then for each event its title, description, venue, room,
//! track, link, UID and recurrence. A field left out is none; the texts go to the writer as they
//! are, not cleaned up first, so the writer must cope with anything.
//!
//! What is checked on the text: CRLF line ends only, no bare CR or LF, no physical line over 75
//! octets and each one valid UTF-8 (so folding split no character), one VCALENDAR holding exactly
//! the properties and components expected (no text can add or remove one), every text read back
//! equal to what went in (cleaned as the writer promises), every TZID defined; each event written
//! alone (CalDAV) is a calendar of its own. The writer may refuse a calendar only with an error
//! naming the UID, link, start, end or recurrence, and only for a UID or link that holds a control
//! character or is blank, a year outside 0000 to 9999, or a recurrence.

// A broken promise must panic, for the fuzzer to see it; built for tests and fuzzing only.
#![allow(clippy::panic)]

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::Calendar;
use super::lines::MAX_OCTETS;
use super::reader::{self, Component};
use crate::gathering::{Audience, Gathering, GatheringData, GatheringKind, GatheringStatus};
use crate::geo::Geo;
use crate::time::{FixedClock, Zone};

const CONTROL: usize = 24;
/// Zones with and without daylight saving time, quarter hours, southern summers, changed rules.
const ZONES: [&str; 8] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Africa/Casablanca",
];
/// 2026-01-01T00:00:00Z, where ordinary times start from.
const BASE: i64 = 1_767_225_600;
const TWENTY_YEARS: i64 = 20 * 366 * 86_400;

fn zone(byte: u8) -> Zone {
    let name = ZONES[usize::from(byte) % ZONES.len()];
    Zone::parse("tz", name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// `t` plus `d`, or `t` itself past chrono's last instant.
fn later(t: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    t.checked_add_signed(d).unwrap_or(t)
}

/// The calendar the bytes describe.
fn calendar(bytes: &[u8]) -> Calendar {
    let mut control = [0u8; CONTROL];
    let split = bytes.len().min(CONTROL);
    control[..split].copy_from_slice(&bytes[..split]);
    let text = String::from_utf8_lossy(&bytes[split..]);
    let mut fields = text.split('\u{1f}').map(str::to_owned);
    let mut next = || fields.next();

    let wide = control[13] & 1 == 1;
    let offset = i64::from_le_bytes(control[5..13].try_into().unwrap_or_default());
    let start = if wide {
        // Anywhere chrono can hold, to find what years the writer cannot cope with.
        let range = DateTime::<Utc>::MAX_UTC.timestamp() - DateTime::<Utc>::MIN_UTC.timestamp();
        instant(DateTime::<Utc>::MIN_UTC.timestamp() + offset.rem_euclid(range))
    } else {
        instant(BASE + offset.rem_euclid(TWENTY_YEARS))
    };
    let geo = (control[19] & 1 == 1)
        .then(|| {
            let degrees = |hi: u8, lo: u8, limit: f64| {
                f64::from(u16::from_be_bytes([hi, lo])) / f64::from(u16::MAX) * 2.0 * limit - limit
            };
            Geo::new(
                "geo",
                degrees(control[20], control[21], 90.0),
                degrees(control[22], control[23], 180.0),
            )
            .ok()
        })
        .flatten();

    let name = next().unwrap_or_default();
    let description = next().unwrap_or_default();
    let count = usize::from(control[0] % 5);
    let gatherings = (0..count)
        .map(|i| {
            let choice = control[1 + i];
            let kind = GatheringKind::ALL[usize::from(choice & 3)];
            let status = GatheringStatus::ALL[usize::from((choice >> 2) & 3) % 3];
            let from = later(start, Duration::minutes(90 * i64::try_from(i).unwrap_or(0)));
            let to = later(from, Duration::minutes(15 * i64::from(control[14 + i])));
            let title = next().unwrap_or_default();
            let description = next();
            let venue = next();
            let room = next();
            let track = next();
            // An empty link or UID is none, as the store keeps it; a blank one is kept.
            let url = next().filter(|u| !u.is_empty());
            let uid = next()
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| format!("g{i}@roadie"));
            let recurrence = next().and_then(|rule| valid_recurrence(&rule, from, to));
            Gathering {
                id: i64::try_from(i).unwrap_or(0),
                uid,
                sequence: i64::from(control[18]),
                data: GatheringData {
                    summit_id: Some(1),
                    kind,
                    title,
                    description,
                    start: from,
                    end: to,
                    tz: zone(choice >> 4),
                    venue,
                    room,
                    url,
                    geo: geo.filter(|_| i % 2 == 0),
                    track,
                    capacity: None,
                    expected_headcount: None,
                    audience: Audience::Public,
                    status,
                    recurrence,
                },
            }
        })
        .collect();
    Calendar {
        name,
        description,
        zone: zone(control[17]),
        span: (control[13] & 2 == 2).then(|| (start, later(start, Duration::days(3)))),
        gatherings,
        items: Vec::new(),
    }
}

/// A recurrence as the store keeps it: checked the way a gathering is before it is saved (the
/// writer trusts the rule's syntax, not its UNTIL), else none.
fn valid_recurrence(rule: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<String> {
    GatheringData {
        summit_id: None,
        kind: GatheringKind::Meetup,
        title: "rule".into(),
        description: None,
        start,
        end: end.max(later(start, Duration::seconds(1))),
        tz: zone(0),
        venue: None,
        room: None,
        url: None,
        geo: None,
        track: None,
        capacity: None,
        expected_headcount: None,
        audience: Audience::Public,
        status: GatheringStatus::Confirmed,
        recurrence: Some(rule.to_owned()),
    }
    .validated()
    .ok()
    .and_then(|d| d.recurrence)
}

/// TEXT as the writer promises to keep it: line breaks as LF, other controls but TAB gone.
fn cleaned(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// A summary as the writer promises it: one line, breaks and tabs as spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Whether a UID or link is one the writer must refuse.
fn unwritable(value: &str) -> bool {
    value.chars().any(char::is_control) || value.trim().is_empty()
}

/// The physical lines: CRLF only, none empty, over 75 octets or cut inside a character.
fn check_lines(text: &str) {
    assert!(text.ends_with("\r\n"), "the text does not end with CRLF");
    let mut lines: Vec<&[u8]> = text.as_bytes().split(|&b| b == b'\n').collect();
    lines.pop(); // after the last LF
    for (n, line) in lines.into_iter().enumerate() {
        let line = line
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("line {n} ends with a bare LF"));
        assert!(!line.contains(&b'\r'), "line {n} holds a bare CR");
        assert!(!line.is_empty(), "line {n} is empty");
        assert!(
            line.len() <= MAX_OCTETS,
            "line {n} is {} octets",
            line.len()
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "line {n} is not UTF-8 on its own: folding split a character"
        );
    }
}

fn text_of(component: &Component, name: &str) -> Option<String> {
    let found: Vec<_> = component
        .properties
        .iter()
        .filter(|p| p.name == name)
        .collect();
    assert!(
        found.len() <= 1,
        "{} has {} {name}",
        component.name,
        found.len()
    );
    component.get(name).map(|p| reader::unescape(&p.value))
}

/// The expected VEVENT, checked property by property.
fn check_event(event: &Component, g: &Gathering) {
    let d = &g.data;
    let milestone = d.kind == GatheringKind::Milestone;
    assert_eq!(event.name, "VEVENT");
    assert!(event.components.is_empty(), "a VEVENT holds components");
    assert_eq!(event.text("UID"), g.uid);
    assert_eq!(event.text("SUMMARY"), one_line(&d.title));

    let local = d.tz.local(d.start);
    let time = (milestone && local.time() != NaiveTime::MIN)
        .then(|| format!("At {} ({}).", local.format("%H:%M"), d.tz));
    let parts: Vec<String> = [time, d.description.as_deref().map(cleaned), d.url.clone()]
        .into_iter()
        .flatten()
        .collect();
    let description = (!parts.is_empty()).then(|| parts.join("\n\n"));
    assert_eq!(text_of(event, "DESCRIPTION"), description);
    let place: Vec<String> = [&d.venue, &d.room]
        .into_iter()
        .flatten()
        .map(|p| cleaned(p))
        .collect();
    let location = (!place.is_empty()).then(|| place.join(", "));
    assert_eq!(text_of(event, "LOCATION"), location);
    let categories: Vec<String> = [
        Some(d.kind.as_str().to_owned()),
        d.track.as_deref().map(cleaned),
    ]
    .into_iter()
    .flatten()
    .filter(|c| !c.is_empty())
    .collect();
    let written = event.one("CATEGORIES");
    assert_eq!(reader::list(&written.value), categories);
    if let Some(url) = &d.url {
        assert_eq!(&event.one("URL").value, url);
    }
    let tzid = event.one("DTSTART").param("TZID");
    if milestone {
        assert_eq!(event.one("DTSTART").param("VALUE"), Some("DATE"));
    } else {
        assert_eq!(tzid, Some(d.tz.name()));
    }

    // Nothing in the text can add or remove a property.
    let mut expected = vec![
        "UID",
        "DTSTAMP",
        "SEQUENCE",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "CATEGORIES",
        "STATUS",
    ];
    let optional = [
        ("RRULE", d.recurrence.is_some()),
        ("DESCRIPTION", description.is_some()),
        ("LOCATION", location.is_some()),
        ("GEO", d.geo.is_some()),
        ("URL", d.url.is_some()),
        ("TRANSP", milestone),
    ];
    expected.extend(optional.iter().filter(|(_, on)| *on).map(|(name, _)| name));
    expected.sort_unstable();
    let mut names: Vec<&str> = event.properties.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, expected, "the properties of {:?}", g.uid);
}

/// Every VTIMEZONE names a zone once and holds observances; every TZID used is one of them.
fn check_zones(calendar: &Component, expected: &[&str]) {
    let mut zones: Vec<String> = calendar
        .children("VTIMEZONE")
        .iter()
        .map(|z| {
            assert!(!z.components.is_empty(), "a VTIMEZONE without observances");
            for observance in &z.components {
                assert!(matches!(observance.name.as_str(), "STANDARD" | "DAYLIGHT"));
                for name in ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"] {
                    observance.one(name);
                }
            }
            z.one("TZID").value.clone()
        })
        .collect();
    zones.sort_unstable();
    let mut want: Vec<&str> = expected.to_vec();
    want.sort_unstable();
    want.dedup();
    assert_eq!(zones, want, "the VTIMEZONEs");
    for event in calendar.children("VEVENT") {
        for p in &event.properties {
            if let Some(tzid) = p.param("TZID") {
                assert!(want.contains(&tzid), "{tzid} has no VTIMEZONE");
            }
        }
    }
}

/// Writes the calendar the bytes describe and checks everything the writer promises; returns the
/// text when the writer wrote one. Panics when a promise is broken.
pub fn calendar_text(bytes: &[u8]) -> Option<String> {
    let calendar = calendar(bytes);
    let clock = FixedClock(instant(BASE));
    let refusable = calendar.gatherings.iter().any(|g| {
        unwritable(&g.uid)
            || g.data.url.as_deref().is_some_and(unwritable)
            || {
                let year = |t| chrono::Datelike::year(&g.data.tz.local(t));
                !(1..=9998).contains(&year(g.data.start)) || !(1..=9998).contains(&year(g.data.end))
            }
            || g.data.recurrence.is_some()
    });
    let text = match calendar.to_ics(&clock) {
        Ok(text) => text,
        Err(e) => {
            let field = e.field().unwrap_or_default();
            assert!(refusable, "refused a calendar it can write: {e}");
            assert!(
                ["uid", "url", "start", "end", "recurrence"].contains(&field),
                "refused with an error on no field it holds: {e}"
            );
            let bad = |g: &Gathering| match field {
                "uid" => unwritable(&g.uid),
                "url" => g.data.url.as_deref().is_some_and(unwritable),
                _ => true,
            };
            assert!(
                calendar.gatherings.iter().any(bad),
                "refused a good {field}: {e}"
            );
            return None;
        }
    };

    check_lines(&text);
    let cal = reader::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cal.name, "VCALENDAR");
    assert_eq!(text_of(&cal, "NAME"), Some(cleaned(&calendar.name)));
    assert_eq!(text_of(&cal, "X-WR-CALNAME"), Some(cleaned(&calendar.name)));
    assert_eq!(
        text_of(&cal, "DESCRIPTION"),
        Some(cleaned(&calendar.description))
    );
    assert_eq!(
        text_of(&cal, "X-WR-CALDESC"),
        Some(cleaned(&calendar.description))
    );
    assert_eq!(cal.properties.len(), 10, "the calendar's own properties");
    let events = cal.children("VEVENT");
    assert_eq!(events.len(), calendar.gatherings.len());
    assert_eq!(
        cal.components.len(),
        events.len() + cal.children("VTIMEZONE").len(),
        "components other than VEVENT and VTIMEZONE"
    );
    for (event, g) in events.iter().zip(&calendar.gatherings) {
        check_event(event, g);
    }
    let mut zones: Vec<&str> = calendar
        .gatherings
        .iter()
        .map(|g| g.data.tz.name())
        .collect();
    if calendar.span.is_some() || !zones.contains(&calendar.zone.name()) {
        zones.push(calendar.zone.name());
    }
    check_zones(&cal, &zones);

    // Each event alone, as CalDAV stores it.
    let alone = calendar
        .events_alone(&clock)
        .unwrap_or_else(|e| panic!("a calendar written whole but not event by event: {e}"));
    assert_eq!(alone.len(), calendar.gatherings.len());
    for (one, g) in alone.iter().zip(&calendar.gatherings) {
        check_lines(one);
        let cal = reader::parse(one).unwrap_or_else(|e| panic!("{e}"));
        let events = cal.children("VEVENT");
        assert_eq!(events.len(), 1);
        check_event(events[0], g);
        check_zones(&cal, &[g.data.tz.name()]);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_fuzz_corpus_replays_with_every_check() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/ical_text");
        let mut written = 0;
        for entry in std::fs::read_dir(&corpus).expect("fuzz/corpus/ical_text") {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            written += usize::from(calendar_text(&bytes).is_some());
        }
        assert!(
            written > 0,
            "no seed in fuzz/corpus/ical_text makes a calendar"
        );
    }

    #[test]
    fn the_bytes_say_what_goes_in() {
        let mut bytes = vec![0u8; CONTROL];
        bytes[0] = 2;
        bytes[1] = 3 | 0x10; // a tentative milestone in New York
        bytes[2] = 1 | 0x08; // a cancelled social in Berlin
        bytes.extend_from_slice(
            "Cal\u{1f}Desc\u{1f}Due\u{1f}\u{1f}\u{1f}\u{1f}\u{1f}\u{1f} \u{1f}\u{1f}Party\r\nX:1"
                .as_bytes(),
        );
        let c = calendar(&bytes);
        assert_eq!((c.name.as_str(), c.description.as_str()), ("Cal", "Desc"));
        assert_eq!(c.gatherings.len(), 2);
        let (due, party) = (&c.gatherings[0].data, &c.gatherings[1].data);
        assert_eq!(due.kind, GatheringKind::Milestone);
        assert_eq!(due.tz.name(), "America/New_York");
        assert_eq!(due.description.as_deref(), Some(""));
        assert_eq!(c.gatherings[0].uid, " ");
        assert_eq!(due.url, None);
        assert_eq!(party.kind, GatheringKind::Social);
        assert_eq!(party.status, GatheringStatus::Cancelled);
        assert_eq!(party.title, "Party\r\nX:1");
        assert_eq!(party.description, None);
        assert_eq!(c.gatherings[1].uid, "g1@roadie");
        // The blank UID is refused, by name.
        assert_eq!(calendar_text(&bytes), None);
    }

    /// The first crash the fuzzer found: an event in year -262143 in a zone west of Greenwich
    /// (possible to store then) overflowed chrono working out its VTIMEZONE. Refused now, by field.
    #[test]
    fn events_at_the_ends_of_time_are_refused_not_a_panic() {
        let mut bytes = vec![0u8; CONTROL];
        bytes[0] = 1;
        bytes[1] = 0x10; // a session in New York
        bytes[13] = 1; // anywhere in time: offset 0 is chrono's first instant
        bytes[14] = 4;
        assert_eq!(
            calendar(&bytes).gatherings[0].data.start,
            DateTime::<Utc>::MIN_UTC
        );
        assert_eq!(calendar_text(&bytes), None);
        let c = calendar(&bytes);
        let e = c.to_ics(&FixedClock(instant(BASE))).unwrap_err();
        assert_eq!(e.field(), Some("start"));
        // The second: a milestone on chrono's last day had no day after it.
        let range = DateTime::<Utc>::MAX_UTC.timestamp() - DateTime::<Utc>::MIN_UTC.timestamp();
        for offset in [0, range - 1800, range] {
            bytes[5..13].copy_from_slice(&offset.to_le_bytes());
            for kind in 0..4 {
                for zone in [0x00, 0x10, 0x20, 0x40] {
                    bytes[1] = kind | zone;
                    assert_eq!(calendar_text(&bytes), None, "{offset} {kind} {zone}");
                }
            }
        }
        // A summit's span at either end of time still gets its VTIMEZONE.
        for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            for name in ZONES {
                let zone = Zone::parse("tz", name).unwrap();
                let mut lines = super::super::lines::Lines::with_capacity(0);
                super::super::timezone::write(&mut lines, zone, at, at);
                assert!(lines.finish().contains("END:VTIMEZONE"), "{name} at {at}");
            }
        }
    }

    #[test]
    #[should_panic(expected = "bare")]
    fn a_bare_line_feed_is_caught() {
        check_lines("BEGIN:VCALENDAR\nEND:VCALENDAR\r\n");
    }

    #[test]
    #[should_panic(expected = "octets")]
    fn a_long_line_is_caught() {
        check_lines(&format!("X:{}\r\n", "é".repeat(40)));
    }
}
