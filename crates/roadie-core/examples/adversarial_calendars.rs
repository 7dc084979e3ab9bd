//! Writes random adversarial calendars for `tests/ical-injection.sh`: each `NNN.ics` is a calendar
//! of one to three gatherings whose texts are arbitrary Unicode rich in what breaks calendars (line
//! breaks, control characters, escapes, whole content lines, long multi-octet runs), checked as
//! the store checks them before they are saved, and written by the core's serialiser; `NNN.json`
//! beside it holds the texts that went in, so an independent parser can be compared with them.
//!
//!     cargo run -p roadie-core --example adversarial_calendars -- DIR [COUNT] [SEED]
//!
//! The same seed gives the same calendars (proptest's ChaCha generator); COUNT defaults to 300.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use roadie_core::{
    Audience, Calendar, FixedClock, Gathering, GatheringData, GatheringKind, GatheringStatus, Zone,
};
use serde_json::json;

/// Pieces that calendars get wrong, besides any character at all.
const PIECES: &[&str] = &[
    "\\",
    ";",
    ",",
    ":",
    "\"",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\0",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1e",
    "\x7f",
    "\u{85}",
    "\u{9f}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{301}",
    "é",
    "€",
    "😀",
    "日本語",
    " ",
    "\\n",
    "\\,",
    "\\;",
    "^n",
    "x",
    "'",
    "=",
    "<b>",
    "&amp;",
    "\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT\r\n",
    "\r\nEND:VCALENDAR\r\n",
    "\nATTENDEE:mailto:evil@example.org",
    "\r\n X-FOLDED:1",
    "\rSTATUS:CANCELLED",
    "<script>window.__pwned=1</script>",
    "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
    "éééééééééééééééééééééééééééééééééééééééé",
    "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
];

fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
            .prop_map(|pieces| pieces.concat()),
        proptest::collection::vec(any::<char>(), 0..300).prop_map(|cs| cs.into_iter().collect()),
    ]
}

/// A UID or link part: anything but control characters, which the writer refuses there.
fn printable() -> impl Strategy<Value = String> {
    nasty_text().prop_map(|t| t.chars().filter(|c| !c.is_control()).collect())
}

#[derive(Debug, Clone)]
struct Event {
    kind: usize,
    status: usize,
    title: String,
    description: Option<String>,
    venue: Option<String>,
    room: Option<String>,
    track: Option<String>,
    url: Option<String>,
    uid: String,
}

fn event() -> impl Strategy<Value = Event> {
    (
        (0usize..4, 0usize..3, nasty_text()),
        proptest::option::of(nasty_text()),
        proptest::option::of(nasty_text()),
        proptest::option::of(nasty_text()),
        proptest::option::of(nasty_text()),
        proptest::option::of(printable()),
        printable(),
    )
        .prop_map(
            |((kind, status, title), description, venue, room, track, url, uid)| Event {
                kind,
                status,
                title,
                description,
                venue,
                room,
                track,
                url: url.map(|u| format!("https://example.org/{u}?q={u}#{u}")),
                uid,
            },
        )
}

fn calendar() -> impl Strategy<Value = (String, String, Vec<Event>)> {
    (
        nasty_text(),
        nasty_text(),
        proptest::collection::vec(event(), 1..4),
    )
}

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap_or_default()
}

/// The gathering as the store would keep it, or none when the store would refuse it.
fn gathering(n: usize, e: &Event, zone: Zone) -> Option<Gathering> {
    let data = GatheringData {
        summit_id: Some(1),
        kind: GatheringKind::ALL[e.kind],
        title: e.title.clone(),
        description: e.description.clone(),
        // Midnight in Berlin, so a milestone has no time of day to mention.
        start: instant("2026-06-09T22:00:00Z"),
        end: instant("2026-06-09T23:30:00Z"),
        tz: zone,
        venue: e.venue.clone(),
        room: e.room.clone(),
        url: e.url.clone(),
        geo: None,
        track: e.track.clone(),
        capacity: None,
        expected_headcount: None,
        audience: Audience::Public,
        status: GatheringStatus::ALL[e.status],
        recurrence: None,
    }
    .validated()
    .ok()?;
    let uid = format!("{n}-{}@roadie", e.uid);
    Some(Gathering {
        id: i64::try_from(n).ok()?,
        uid,
        sequence: 0,
        data,
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: adversarial_calendars DIR [COUNT] [SEED]")?,
    );
    let count: usize = args.next().map_or(Ok(300), |a| a.parse())?;
    let seed: u64 = args.next().map_or(Ok(8), |a| a.parse())?;
    std::fs::create_dir_all(&dir)?;
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let zone = Zone::parse("tz", "Europe/Berlin")?;
    let clock = FixedClock(instant("2026-05-01T08:00:00Z"));
    let strategy = calendar();
    let (mut written, mut refused) = (0, 0);
    while written < count {
        let (name, description, events) = strategy
            .new_tree(&mut runner)
            .map_err(|e| format!("generating a calendar: {e}"))?
            .current();
        let gatherings: Vec<Gathering> = events
            .iter()
            .enumerate()
            .filter_map(|(n, e)| gathering(written * 10 + n, e, zone))
            .collect();
        if gatherings.is_empty() {
            refused += 1;
            continue;
        }
        let calendar = Calendar {
            name,
            description,
            zone,
            span: None,
            gatherings,
            items: Vec::new(),
        };
        let text = calendar.to_ics(&clock)?;
        let expected = json!({
            "name": calendar.name,
            "description": calendar.description,
            "events": calendar.gatherings.iter().map(|g| json!({
                "uid": g.uid,
                "kind": g.data.kind.as_str(),
                "title": g.data.title,
                "description": g.data.description,
                "venue": g.data.venue,
                "room": g.data.room,
                "track": g.data.track,
                "url": g.data.url,
            })).collect::<Vec<_>>(),
        });
        std::fs::write(dir.join(format!("{written:03}.ics")), text)?;
        std::fs::write(
            dir.join(format!("{written:03}.json")),
            serde_json::to_vec(&expected)?,
        )?;
        written += 1;
    }
    println!(
        "adversarial_calendars: {written} calendars in {} (seed {seed}; {refused} drawn with no gathering the store would keep)",
        dir.display()
    );
    Ok(())
}
