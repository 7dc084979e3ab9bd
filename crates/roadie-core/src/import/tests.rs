//! The parsers against real published schedules (36C3, 31C3) and small hand-made files.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schedules")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(name: &str) -> Schedule {
    parse_schedule(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn local(text: &str) -> When {
    When::Local(NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap())
}

fn exact_utc(w: When) -> DateTime<Utc> {
    match w {
        When::Exact(t) => t.with_timezone(&Utc),
        When::Local(t) => panic!("expected an instant, got local {t}"),
    }
}

fn invalid(bytes: &[u8]) -> (String, String) {
    match parse_schedule(bytes) {
        Err(Error::Invalid { field, message }) => (field, message),
        Err(other) => panic!("expected an invalid-input error, got {other}"),
        Ok(s) => panic!("expected an error, parsed {} talks", s.talks.len()),
    }
}

#[test]
fn the_36c3_schedule_reads_as_frab_json() {
    let s = parse("36c3-everything.schedule.json");
    assert_eq!(s.format, ScheduleFormat::FrabJson);
    assert_eq!(
        s.conference.title.as_deref(),
        Some("36th Chaos Communication Congress")
    );
    assert_eq!(s.conference.start, NaiveDate::from_ymd_opt(2019, 12, 27));
    assert_eq!(s.conference.end, NaiveDate::from_ymd_opt(2019, 12, 30));
    assert_eq!(s.conference.time_zone, None);
    // 1,351 events; one lasts 00:00 and is left out with a warning.
    assert_eq!(s.talks.len(), 1350);
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("Kerbal") && w.contains("lasts no time")),
        "{:?}",
        s.warnings
    );
    let keys: HashSet<&str> = s.talks.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys.len(), s.talks.len(), "keys are unique");
    // Three guids are used twice (a workshop held twice): the later one gets #2.
    assert_eq!(s.talks.iter().filter(|t| t.key.ends_with("#2")).count(), 3);
    assert_eq!(
        s.warnings
            .iter()
            .filter(|w| w.contains("share the key"))
            .count(),
        3
    );

    let opening = s
        .talks
        .iter()
        .find(|t| t.title == "Opening Ceremony")
        .unwrap();
    assert_eq!(opening.key, "guid:6a32cb72-a69d-423c-91b5-60d88eb8e6c7");
    assert_eq!(opening.title, "Opening Ceremony");
    assert_eq!(exact_utc(opening.start), utc("2019-12-27T10:00:00Z"));
    assert_eq!(opening.duration, TimeDelta::minutes(30));
    assert_eq!(opening.room.as_deref(), Some("Ada"));
    assert_eq!(opening.track.as_deref(), Some("CCC"));
    assert_eq!(opening.session_type.as_deref(), Some("lecture"));
    assert_eq!(opening.language.as_deref(), Some("de"));
    assert_eq!(opening.summary.as_deref(), Some("Welcome!"));
    assert_eq!(
        opening.persons,
        vec![
            Person {
                key: "id:9891".into(),
                name: "bleeptrack".into()
            },
            Person {
                key: "id:6697".into(),
                name: "blinry".into()
            },
        ]
    );
    assert_eq!(opening.at, "schedule.conference.days[0].rooms.Ada[0]");
    // The event's own room name wins over the key it is listed under.
    assert!(s.talks.iter().any(|t| t.room.as_deref() == Some("headnut")));
    // Ids that name several people in this merged file are not identities: those go by name.
    let chaos_west: Vec<&Person> = s
        .talks
        .iter()
        .flat_map(|t| &t.persons)
        .filter(|p| p.name == "Chaos-West")
        .collect();
    assert!(!chaos_west.is_empty());
    assert!(
        chaos_west.iter().all(|p| p.key == "code:XVCJLF"),
        "{chaos_west:?}"
    );
    assert!(
        s.talks
            .iter()
            .flat_map(|t| &t.persons)
            .any(|p| p.key == "name:régine débatty"),
        "id 127 names several people, so its people without a code are keyed by name"
    );
    // Durations written H:MM and HH:MM both read.
    assert!(
        s.talks
            .iter()
            .any(|t| t.duration == TimeDelta::minutes(12 * 60 + 59))
    );
}

#[test]
fn the_31c3_schedule_reads_as_frab_xml() {
    let s = parse("31c3.schedule.xml");
    assert_eq!(s.format, ScheduleFormat::FrabXml);
    assert_eq!(
        s.conference.title.as_deref(),
        Some("31. Chaos Communication Congress")
    );
    assert_eq!(s.conference.acronym.as_deref(), Some("31c3"));
    assert_eq!(s.talks.len(), 138);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let first = &s.talks[0];
    assert_eq!(first.key, "guid:29aecfd7-2e44-4f49-ab86-29b5e0877325");
    assert_eq!(first.title, "31C3 Opening Event");
    assert_eq!(exact_utc(first.start), utc("2014-12-27T10:00:00Z"));
    assert_eq!(first.duration, TimeDelta::minutes(30));
    assert_eq!(first.room.as_deref(), Some("Saal 1"));
    assert_eq!(first.summary, None, "an empty abstract and description");
    assert_eq!(
        first
            .persons
            .iter()
            .map(|p| (p.key.as_str(), p.name.as_str()))
            .collect::<Vec<_>>(),
        [("id:1544", "erdgeist"), ("id:3874", "Geraldine de Bastion")]
    );
    assert_eq!(first.at, "line 14, column 1");
    // Entities decode; a guid need not be a UUID.
    let agenda = s
        .talks
        .iter()
        .find(|t| t.key == "guid:HOqeNIb6G7M4hYFKFRkCmQ")
        .unwrap();
    assert_eq!(agenda.track.as_deref(), Some("Ethics, Society & Politics"));
    assert!(agenda.title.starts_with('„'));
    let keys: HashSet<&str> = s.talks.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys.len(), 138);
}

#[test]
fn a_c3voc_file_names_its_zone_and_a_talk_may_cross_midnight() {
    let s = parse("tiny.c3voc.json");
    assert_eq!(s.format, ScheduleFormat::C3voc);
    let tz = s.conference.time_zone.as_ref().unwrap();
    assert_eq!(tz.value, "Europe/Berlin");
    assert_eq!(tz.at, "schedule.conference.time_zone_name");
    assert_eq!(s.talks.len(), 4);
    let midnight = s
        .talks
        .iter()
        .find(|t| t.title == "Midnight hacking")
        .unwrap();
    assert_eq!(exact_utc(midnight.start), utc("2026-05-01T21:30:00Z"));
    assert_eq!(midnight.duration, TimeDelta::hours(1));
    assert_eq!(midnight.track, None);
    // A blank abstract falls back to the description.
    assert_eq!(midnight.summary.as_deref(), Some("Across midnight."));
    // pretalx people go by their code.
    assert_eq!(midnight.persons[0].key, "code:P1");
    // Rooms listed under their key come out in file order.
    assert_eq!(s.talks[2].room.as_deref(), Some("Hall B"));
}

#[test]
fn an_old_frab_file_without_dates_places_talks_by_the_days_start() {
    let s = parse("old-frab.json");
    assert_eq!(s.format, ScheduleFormat::FrabJson);
    assert_eq!(s.conference.time_zone, None);
    let late = s.talks.iter().find(|t| t.key.ends_with("5002")).unwrap();
    assert_eq!(
        late.start,
        local("2013-12-28T01:30"),
        "01:30 in a day starting at 10:00 is the next date"
    );
    assert_eq!(
        late.persons[1],
        Person {
            key: "id:1".into(),
            name: "Alice Example".into()
        }
    );
    assert_eq!(
        late.summary.as_deref(),
        Some("Listed under the 27th at 01:30: it is the 28th.")
    );
    let lightning = s
        .talks
        .iter()
        .find(|t| t.title == "Lightning talks")
        .unwrap();
    assert_eq!(lightning.duration, TimeDelta::minutes(30));
}

#[test]
fn a_pentabarf_file_with_local_times_and_a_day_starting_at_two() {
    let s = parse("pentabarf-local.xml");
    assert_eq!(s.format, ScheduleFormat::FrabXml);
    let by_key = |k: &str| s.talks.iter().find(|t| t.key == k).unwrap();
    // The day starts at 02:00: a talk at 02:30 is on the day's own date…
    assert_eq!(by_key("id:9001").start, local("2026-08-14T02:30"));
    assert_eq!(by_key("id:9002").start, local("2026-08-14T23:45"));
    // …and one at 01:00 is after midnight, on the next.
    let one = by_key("id:9003");
    assert_eq!(one.start, local("2026-08-15T01:00"));
    assert_eq!(one.title, "One o'clock & after");
    assert_eq!(
        one.summary.as_deref(),
        Some("Before the day's 02:00 start: the <b>15th</b>.")
    );
    assert_eq!(one.persons.len(), 2);
    // No <room> in the event: the room it is listed in.
    assert_eq!(by_key("id:9004").room.as_deref(), Some("Meadow"));
    assert_eq!(by_key("id:9004").duration, TimeDelta::hours(2));
}

#[test]
fn a_sessionize_all_view() {
    let s = parse("sessionize-all.json");
    assert_eq!(s.format, ScheduleFormat::Sessionize);
    assert_eq!(s.talks.len(), 3, "the session without a slot is left out");
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("1 session without a time slot")),
        "{:?}",
        s.warnings
    );
    let rust = &s.talks[0];
    assert_eq!(rust.key, "id:412001");
    assert_eq!(rust.start, local("2026-09-09T09:00"));
    assert_eq!(rust.duration, TimeDelta::minutes(45));
    assert_eq!(rust.room.as_deref(), Some("Main Hall"));
    assert_eq!(rust.track.as_deref(), Some("Systems"));
    assert_eq!(rust.session_type.as_deref(), Some("Talk"));
    assert_eq!(
        rust.persons
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Ferris Crab", "Jane Async"],
        "a blank fullName falls back to first and last name"
    );
    assert_eq!(
        rust.persons[0].key,
        "guid:8d2f1c4e-1111-4a8b-9c1d-aaaaaaaaaaaa"
    );
    let late = &s.talks[1];
    assert_eq!(late.duration, TimeDelta::minutes(45), "across midnight");
    assert_eq!(late.session_type.as_deref(), Some("Workshop"));
    let lunch = &s.talks[2];
    assert_eq!(lunch.session_type.as_deref(), Some("service"));
    assert!(lunch.persons.is_empty());
}

#[test]
fn a_duration_of_banana_names_its_json_path() {
    let (field, message) = invalid(&fixture("banana-duration.c3voc.json"));
    assert_eq!(
        field,
        "schedule.conference.days[0].rooms[\"Hall B\"][0].duration"
    );
    assert!(
        message.contains("\"banana\" is not a duration"),
        "{message}"
    );
}

#[test]
fn truncated_files_name_where_they_end() {
    let (field, message) = invalid(&fixture("truncated.c3voc.json"));
    assert!(field.starts_with("line "), "{field}");
    assert!(message.contains("truncated"), "{message}");
    let (field, message) = invalid(&fixture("truncated.xml"));
    let text = String::from_utf8(fixture("truncated.xml")).unwrap();
    let last_line = text.lines().count();
    assert!(
        field.starts_with(&format!("line {last_line}, column ")),
        "{field}"
    );
    assert!(message.contains("truncated"), "{message}");
}

#[test]
fn an_impossible_date_names_its_line_and_column() {
    let (field, message) = invalid(&fixture("bad-date.xml"));
    let text = String::from_utf8(fixture("bad-date.xml")).unwrap();
    let line = text.lines().position(|l| l.contains("2026-02-30")).unwrap() + 1;
    assert_eq!(field, format!("line {line}, column 9"));
    assert!(
        message.starts_with("<date> \"2026-02-30T23:45:00+02:00\" is not a date"),
        "{message}"
    );
}

#[test]
fn other_files_are_refused_with_what_was_expected() {
    assert_eq!(invalid(b"").1, "the file is empty");
    assert!(
        invalid(b"name,email\nAda,ada@example.org\n")
            .1
            .contains("neither JSON nor XML")
    );
    assert!(invalid(b"{\"hello\": 1}").1.contains("found hello"));
    assert!(
        invalid(b"[{\"groupId\": 1, \"sessions\": []}]")
            .1
            .contains("\"All\" view")
    );
    let (field, message) = invalid(b"<html><body/></html>");
    assert_eq!(field, "line 1, column 1");
    assert!(message.contains("not <schedule>"), "{message}");
    let (field, message) = invalid(b"{\"schedule\": {\"conference\": {\"days\": [{\"rooms\": {\"A\": [{\"title\": \"x\"}]}}]}}}");
    assert_eq!(field, "schedule.conference.days[0].rooms.A[0]");
    assert!(message.contains("no guid, code or id"), "{message}");
    let (field, message) = invalid(b"{\"schedule\": {\"conference\": {\"days\": []}}}");
    assert_eq!(field, "file");
    assert!(message.contains("no timed sessions"), "{message}");
    let (field, message) = invalid(b"{\"schedule\": {\"conference\": {\"days\": [{\"rooms\": {\"A\": [{\"id\": 1, \"title\": \"x\", \"date\": \"2026-01-01T10:00:00Z\", \"duration\": 90}]}}]}}}");
    assert_eq!(field, "schedule.conference.days[0].rooms.A[0].duration");
    assert_eq!(message, "expected text, found a number");
    let (field, _) = invalid(b"<schedule><day date='2026-01-01'><room name='A'><event id='1'><title>x</title><start>10:00</start></event></room></day></schedule>");
    assert_eq!(field, "line 1, column 49");
    let (field, message) = invalid(b"\xff\xfe<schedule/>");
    assert_eq!(
        (field.as_str(), message.as_str()),
        (
            "file",
            "not a schedule: it is neither JSON nor XML (expected c3voc/pretalx or frab JSON, frab schedule.xml, or Sessionize JSON)"
        )
    );
    let (field, message) = invalid(b"<schedule>\n<x>\xff</x></schedule>");
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("line 2, column 4", "the file is not UTF-8 text")
    );
}

#[test]
fn durations_are_hours_and_minutes() {
    assert_eq!(parse_duration("1:30"), Some(TimeDelta::minutes(90)));
    assert_eq!(parse_duration("00:05"), Some(TimeDelta::minutes(5)));
    assert_eq!(parse_duration("10:00:30"), Some(TimeDelta::seconds(36_030)));
    assert_eq!(parse_duration("0:00"), Some(TimeDelta::zero()));
    for bad in [
        "banana", "", "1", "1:5", "1:60", "-1:30", "1:30:60", "1::30", "1:30:", "99999:00", "+1:30",
    ] {
        assert_eq!(parse_duration(bad), None, "{bad}");
    }
}

#[test]
fn starts_read_with_or_without_an_offset() {
    assert_eq!(
        When::parse("2026-05-01T10:00:00+02:00").map(exact_utc),
        Some(utc("2026-05-01T08:00:00Z"))
    );
    assert_eq!(
        When::parse("2026-05-01T10:00+02:00").map(exact_utc),
        Some(utc("2026-05-01T08:00:00Z"))
    );
    assert_eq!(
        When::parse("2026-05-01T10:00:00Z").map(exact_utc),
        Some(utc("2026-05-01T10:00:00Z"))
    );
    assert_eq!(
        When::parse("2026-05-01T10:00:00"),
        Some(local("2026-05-01T10:00"))
    );
    assert_eq!(
        When::parse("2026-05-01 10:00"),
        Some(local("2026-05-01T10:00"))
    );
    for bad in ["2026-02-30T10:00:00", "tomorrow", "2026-05-01", "10:00"] {
        assert_eq!(When::parse(bad), None, "{bad}");
    }
}

#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    type Target = (&'static str, fn(&[u8]));
    let targets: [Target; 5] = [
        ("schedule", fuzzing::schedule),
        ("c3voc_json", fuzzing::c3voc_json),
        ("frab_xml", fuzzing::frab_xml),
        ("sessionize_json", fuzzing::sessionize_json),
        ("csv", fuzzing::csv),
    ];
    for (target, run) in targets {
        let inputs: Vec<_> = std::fs::read_dir(corpus.join(target))
            .unwrap_or_else(|e| panic!("fuzz/corpus/{target}: {e}"))
            .map(|entry| entry.unwrap().path())
            .collect();
        assert!(!inputs.is_empty(), "fuzz/corpus/{target} is empty");
        for input in inputs {
            run(&std::fs::read(&input).unwrap());
        }
    }
}
