//! The writer's output read back with the test-only reader: structure, values and, over
//! arbitrary Unicode text, that every value comes back as it went in.

use chrono::{DateTime, Utc};
use proptest::prelude::*;

use super::reader::{self, Component};
use super::{Calendar, lines};
use crate::gathering::{Audience, Gathering, GatheringData, GatheringKind, GatheringStatus};
use crate::time::{FixedClock, Zone};

fn zone(name: &str) -> Zone {
    Zone::parse("tz", name).unwrap()
}

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn clock() -> FixedClock {
    FixedClock(instant("2026-05-01T08:00:00Z"))
}

pub fn gathering(id: i64, kind: GatheringKind, title: &str, start: &str, end: &str) -> Gathering {
    Gathering {
        id,
        uid: format!("g{id}@roadie"),
        sequence: 0,
        data: GatheringData {
            summit_id: Some(1),
            kind,
            title: title.into(),
            description: None,
            start: instant(start),
            end: instant(end),
            tz: zone("Europe/Berlin"),
            venue: None,
            room: None,
            url: None,
            geo: None,
            track: None,
            capacity: None,
            expected_headcount: None,
            audience: Audience::Public,
            status: GatheringStatus::Confirmed,
            recurrence: None,
        },
    }
}

fn calendar(gatherings: Vec<Gathering>) -> Calendar {
    Calendar {
        name: "Test".into(),
        description: "A test calendar".into(),
        zone: zone("Europe/Berlin"),
        span: None,
        gatherings,
        items: Vec::new(),
    }
}

fn render(gatherings: Vec<Gathering>) -> (String, Component) {
    let text = calendar(gatherings).to_ics(&clock()).unwrap();
    let parsed = reader::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    (text, parsed)
}

#[test]
fn a_calendar_reads_as_expected() {
    let mut talk = gathering(
        1,
        GatheringKind::Session,
        "Keynote: Rust, safely; at scale",
        "2026-06-10T07:00:00Z",
        "2026-06-10T08:00:00Z",
    );
    talk.sequence = 2;
    talk.data.venue = Some("bcc".into());
    talk.data.room = Some("Hall A".into());
    talk.data.track = Some("plenary".into());
    talk.data.description = Some("Line one\nLine two".into());
    talk.data.url = Some("https://example.org/talks/1?day=1&room=a".into());
    talk.data.geo = Some(crate::geo::Geo::new("geo", 52.5208, 13.4163).unwrap());
    let mut deadline = gathering(
        2,
        GatheringKind::Milestone,
        "CfP closes",
        "2026-04-30T22:00:00Z",
        "2026-04-30T22:00:00Z",
    );
    deadline.data.status = GatheringStatus::Tentative;
    let mut gone = gathering(
        3,
        GatheringKind::Social,
        "Boat party",
        "2026-06-10T17:00:00Z",
        "2026-06-10T21:00:00Z",
    );
    gone.data.status = GatheringStatus::Cancelled;
    gone.sequence = 1;
    let mut meetup = gathering(
        4,
        GatheringKind::Meetup,
        "Rust Berlin",
        "2026-07-01T16:30:00Z",
        "2026-07-01T19:00:00Z",
    );
    meetup.data.recurrence = Some("FREQ=MONTHLY;BYDAY=1WE;UNTIL=20261231".into());
    let (text, _) = render(vec![deadline, talk, gone, meetup]);
    let expected = "BEGIN:VCALENDAR
VERSION:2.0
PRODID:{prodid}
CALSCALE:GREGORIAN
NAME:Test
X-WR-CALNAME:Test
DESCRIPTION:A test calendar
X-WR-CALDESC:A test calendar
X-WR-TIMEZONE:Europe/Berlin
REFRESH-INTERVAL;VALUE=DURATION:PT1H
X-PUBLISHED-TTL:PT1H
BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
DTSTART:20260329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20261025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:g2@roadie
DTSTAMP:20260501T080000Z
SEQUENCE:0
DTSTART;VALUE=DATE:20260501
DTEND;VALUE=DATE:20260502
SUMMARY:CfP closes
CATEGORIES:milestone
STATUS:TENTATIVE
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:g1@roadie
DTSTAMP:20260501T080000Z
SEQUENCE:2
DTSTART;TZID=Europe/Berlin:20260610T090000
DTEND;TZID=Europe/Berlin:20260610T100000
SUMMARY:Keynote: Rust\\, safely\\; at scale
DESCRIPTION:Line one\\nLine two\\n\\nhttps://example.org/talks/1?day=1&room=a
LOCATION:bcc\\, Hall A
GEO:52.5208;13.4163
URL:https://example.org/talks/1?day=1&room=a
CATEGORIES:session,plenary
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
UID:g3@roadie
DTSTAMP:20260501T080000Z
SEQUENCE:1
DTSTART;TZID=Europe/Berlin:20260610T190000
DTEND;TZID=Europe/Berlin:20260610T230000
SUMMARY:Boat party
CATEGORIES:social
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:g4@roadie
DTSTAMP:20260501T080000Z
SEQUENCE:0
DTSTART;TZID=Europe/Berlin:20260701T183000
DTEND;TZID=Europe/Berlin:20260701T210000
RRULE:FREQ=MONTHLY;BYDAY=1WE;UNTIL=20261231T225959Z
SUMMARY:Rust Berlin
CATEGORIES:meetup
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
"
    .replace('\n', "\r\n")
    .replace("{prodid}", super::PRODID);
    assert_eq!(text, expected, "got:\n{text}");
}

#[test]
fn milestones_with_a_time_keep_it_in_the_description() {
    let mut m = gathering(
        1,
        GatheringKind::Milestone,
        "Swag order due",
        "2026-05-20T15:59:00Z",
        "2026-05-20T15:59:00Z",
    );
    m.data.description = Some("Order from the printer".into());
    let mut two_days = gathering(
        2,
        GatheringKind::Milestone,
        "Venue setup",
        "2026-06-08T22:00:00Z",
        "2026-06-10T22:00:00Z",
    );
    two_days.data.tz = zone("Europe/Berlin");
    let (_, cal) = render(vec![m, two_days]);
    let events = cal.children("VEVENT");
    assert_eq!(events[0].one("DTSTART").value, "20260520");
    assert_eq!(events[0].one("DTEND").value, "20260521");
    assert_eq!(
        events[0].text("DESCRIPTION"),
        "At 17:59 (Europe/Berlin).\n\nOrder from the printer"
    );
    // Midnight 9 June to midnight 11 June: the 9th and the 10th.
    assert_eq!(events[1].one("DTSTART").value, "20260609");
    assert_eq!(events[1].one("DTEND").value, "20260611");
}

#[test]
fn every_zone_used_gets_one_vtimezone() {
    let mut kolkata = gathering(
        1,
        GatheringKind::Session,
        "Talk",
        "2026-10-20T13:00:00Z",
        "2026-10-20T14:00:00Z",
    );
    kolkata.data.tz = zone("Asia/Kolkata");
    let mut chatham = kolkata.clone();
    chatham.id = 2;
    chatham.uid = "g2@roadie".into();
    chatham.data.tz = zone("Pacific/Chatham");
    let berlin = gathering(
        3,
        GatheringKind::Session,
        "Talk",
        "2026-10-24T08:00:00Z",
        "2026-10-24T09:00:00Z",
    );
    let (_, cal) = render(vec![kolkata, chatham, berlin.clone(), berlin]);
    let zones: Vec<String> = cal
        .children("VTIMEZONE")
        .iter()
        .map(|z| z.one("TZID").value.clone())
        .collect();
    assert_eq!(zones, ["Asia/Kolkata", "Europe/Berlin", "Pacific/Chatham"]);
    let events = cal.children("VEVENT");
    assert_eq!(events[0].one("DTSTART").param("TZID"), Some("Asia/Kolkata"));
    assert_eq!(events[0].one("DTSTART").value, "20261020T183000");
    assert_eq!(events[1].one("DTSTART").value, "20261021T024500");
}

#[test]
fn an_empty_calendar_still_holds_its_zone() {
    let (_, cal) = render(Vec::new());
    assert_eq!(cal.children("VTIMEZONE").len(), 1);
    assert_eq!(cal.children("VEVENT").len(), 0);
}

#[test]
fn the_link_is_repeated_in_the_description() {
    let mut party = gathering(
        1,
        GatheringKind::Social,
        "Boat party",
        "2026-06-10T17:00:00Z",
        "2026-06-10T21:00:00Z",
    );
    party.data.url = Some("https://example.org/boat".into());
    let mut deadline = gathering(
        2,
        GatheringKind::Milestone,
        "Swag order due",
        "2026-05-20T15:59:00Z",
        "2026-05-20T15:59:00Z",
    );
    deadline.data.description = Some("Order from the printer".into());
    deadline.data.url = Some("https://example.org/swag".into());
    let (_, cal) = render(vec![deadline, party]);
    let events = cal.children("VEVENT");
    assert_eq!(
        events[0].text("DESCRIPTION"),
        "At 17:59 (Europe/Berlin).\n\nOrder from the printer\n\nhttps://example.org/swag"
    );
    assert_eq!(events[0].one("URL").value, "https://example.org/swag");
    assert_eq!(events[1].text("DESCRIPTION"), "https://example.org/boat");
    assert_eq!(events[1].one("URL").value, "https://example.org/boat");
    assert!(events[1].get("GEO").is_none());
}

#[test]
fn a_url_with_a_line_break_is_refused() {
    let mut g = gathering(
        1,
        GatheringKind::Session,
        "Talk",
        "2026-06-10T07:00:00Z",
        "2026-06-10T08:00:00Z",
    );
    g.data.url = Some("https://example.org/\r\nATTENDEE:mailto:evil@example.org".into());
    let e = calendar(vec![g]).to_ics(&clock()).unwrap_err();
    assert_eq!(e.field(), Some("url"));
}

#[test]
fn a_uid_with_a_line_break_is_refused() {
    let mut g = gathering(
        1,
        GatheringKind::Session,
        "Talk",
        "2026-06-10T07:00:00Z",
        "2026-06-10T08:00:00Z",
    );
    g.uid = "x@roadie\r\nATTENDEE:mailto:evil@example.org".into();
    let e = calendar(vec![g]).to_ics(&clock()).unwrap_err();
    assert_eq!(e.field(), Some("uid"));
}

/// TEXT as the writer promises to keep it: line breaks as LF, other controls but TAB gone.
fn cleaned(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// A summary as the writer promises it: one line.
fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Text rich in what calendars get wrong: escapes, line breaks, controls and multi-octet
/// characters, besides anything at all.
fn nasty_text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        Just('\\'),
        Just(';'),
        Just(','),
        Just(':'),
        Just('"'),
        Just('\n'),
        Just('\r'),
        Just('\t'),
        Just('\u{0}'),
        Just('\u{7f}'),
        Just('\u{85}'),
        Just('é'),
        Just('€'),
        Just('😀'),
        Just('\u{301}'),
        Just('\u{2028}'),
        Just('x'),
    ];
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(tricky, 0..200).prop_map(|cs| cs.into_iter().collect()),
        proptest::collection::vec(any::<char>(), 0..400).prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn texts() -> impl Strategy<
    Value = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
> {
    (
        nasty_text(),
        proptest::option::of(nasty_text()),
        proptest::option::of(nasty_text()),
        proptest::option::of(nasty_text()),
        proptest::option::of(nasty_text()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_comes_back_unchanged(
        events in proptest::collection::vec(texts(), 1..5),
        kinds in proptest::collection::vec(0usize..4, 5),
    ) {
        let gatherings: Vec<Gathering> = events
            .iter()
            .enumerate()
            .map(|(i, (title, description, venue, room, track))| {
                let kind = GatheringKind::ALL[kinds[i]];
                let mut g = gathering(
                    i64::try_from(i).unwrap(),
                    kind,
                    title,
                    // Midnight in Berlin, so a milestone has no time of day to mention.
                    "2026-06-09T22:00:00Z",
                    "2026-06-09T23:00:00Z",
                );
                g.data.description = description.clone();
                g.data.venue = venue.clone();
                g.data.room = room.clone();
                g.data.track = track.clone();
                g
            })
            .collect();
        // The reader checks CRLF everywhere and that no line passes 75 octets.
        let (_, cal) = render(gatherings.clone());
        let parsed = cal.children("VEVENT");
        prop_assert_eq!(parsed.len(), gatherings.len());
        for (event, g) in parsed.iter().zip(&gatherings) {
            let d = &g.data;
            prop_assert_eq!(event.text("SUMMARY"), one_line(&d.title));
            prop_assert_eq!(event.get("DESCRIPTION").map(|p| reader::unescape(&p.value)), d.description.as_deref().map(cleaned));
            let location = match (&d.venue, &d.room) {
                (Some(v), Some(r)) => Some(format!("{v}, {r}")),
                (Some(one), None) | (None, Some(one)) => Some(one.clone()),
                (None, None) => None,
            };
            prop_assert_eq!(event.get("LOCATION").map(|p| reader::unescape(&p.value)), location.as_deref().map(cleaned));
            let categories: Vec<String> = [Some(d.kind.as_str().to_owned()), d.track.as_deref().map(cleaned)]
                .into_iter()
                .flatten()
                .filter(|c| !c.is_empty())
                .collect();
            prop_assert_eq!(reader::list(&event.one("CATEGORIES").value), categories);
            // Nothing in the text can add or remove a property.
            let expected = 7
                + usize::from(d.kind == GatheringKind::Milestone)
                + usize::from(d.description.is_some())
                + usize::from(location.is_some())
                + 1; // DTEND
            prop_assert_eq!(event.properties.len(), expected, "{:?}", event.properties);
            prop_assert_eq!(event.components.len(), 0);
        }
    }

    #[test]
    fn folding_keeps_every_octet(line in any::<String>()) {
        let mut out = String::new();
        lines::fold(&mut out, &line);
        prop_assert!(out.ends_with("\r\n"));
        for physical in out[..out.len() - 2].split("\r\n") {
            prop_assert!(physical.len() <= lines::MAX_OCTETS, "{} octets", physical.len());
        }
        if !line.contains('\r') && !line.contains('\n') {
            prop_assert_eq!(out[..out.len() - 2].replace("\r\n ", ""), line);
        }
    }
}
