//! VTIMEZONE components generated from the tz database (chrono-tz) for the span a calendar uses.
//!
//! The zone's transitions are found around the span and written the way the large calendar
//! providers write them: each yearly-repeating transition (the same month, weekday of the month,
//! local time and offsets, year after year) as one STANDARD or DAYLIGHT observance with a yearly
//! RRULE, open-ended while the rule is still in force two years after the span, else ending
//! (UNTIL, in UTC) at its last transition; any other transition as an observance of its own. A
//! zone without transitions around the span is a single STANDARD observance.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

use super::lines::Lines;
use crate::time::Zone;

/// How far before the span to look for the transition that began the observance in force.
const LOOK_BACK_DAYS: i64 = 2 * 366;
/// How far after the span to look, to tell a rule still in force from one that has ended.
const LOOK_AHEAD_DAYS: i64 = 2 * 366;
const DAY: i64 = 86_400;
/// The years a calendar can hold, 0000 to 9999, as instants: a VTIMEZONE is worked out within
/// them, so no date arithmetic comes near chrono's limits (which it would overflow).
const FIRST: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

/// What a zone's clocks show for a while: the offset from UTC and whether it is daylight saving
/// time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Observance {
    offset: i32,
    dst: bool,
}

fn offset_at(tz: Tz, at: i64) -> chrono_tz::TzOffset {
    let utc = DateTime::from_timestamp(at, 0).unwrap_or_default();
    tz.offset_from_utc_datetime(&utc.naive_utc())
}

fn observance(tz: Tz, at: i64) -> Observance {
    let offset = offset_at(tz, at);
    Observance {
        offset: offset.fix().local_minus_utc(),
        dst: !offset.dst_offset().is_zero(),
    }
}

/// The zone's abbreviation at an instant (`CEST`, `+0530`).
fn name_at(tz: Tz, at: i64) -> String {
    offset_at(tz, at).to_string()
}

/// A change from one observance to another at an instant (seconds since the epoch, UTC).
#[derive(Clone, Debug)]
struct Transition {
    at: i64,
    from: Observance,
    to: Observance,
    /// The abbreviation from the transition on.
    name: String,
}

impl Transition {
    /// The wall-clock time the change happens at, read in the observance it ends.
    fn local(&self) -> NaiveDateTime {
        let utc = DateTime::from_timestamp(self.at, 0).unwrap_or_default();
        utc.naive_utc() + Duration::seconds(self.from.offset.into())
    }

    /// What makes it repeat yearly: offsets, names, month, weekday of the month and local time.
    fn rule(&self) -> (Observance, Observance, &str, u32, String, chrono::NaiveTime) {
        let local = self.local();
        (
            self.from,
            self.to,
            &self.name,
            local.month(),
            by_day(local),
            local.time(),
        )
    }
}

/// The RRULE BYDAY of a date: `-1SU` when it falls in its month's last seven days, else `2SU`.
fn by_day(local: NaiveDateTime) -> String {
    let date = local.date();
    let weekday = &date.weekday().to_string().to_ascii_uppercase()[..2];
    let next_week = date + Duration::days(7);
    if next_week.month() != date.month() {
        format!("-1{weekday}")
    } else {
        format!("{}{weekday}", (date.day() - 1) / 7 + 1)
    }
}

/// The first instant in `(low, high]` whose observance differs from `before` (which holds at
/// `low`), given that it differs at `high`.
fn first_change(tz: Tz, before: &Observance, mut low: i64, mut high: i64) -> i64 {
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if observance(tz, mid) == *before {
            low = mid;
        } else {
            high = mid;
        }
    }
    high
}

/// The transitions in `(from, to]`, found a day at a time, each then pinned to the second.
fn transitions(tz: Tz, from: i64, to: i64) -> Vec<Transition> {
    let mut found = Vec::new();
    let mut at = from;
    let mut current = observance(tz, at);
    while at < to {
        let next = (at + DAY).min(to);
        let there = observance(tz, next);
        if there == current {
            at = next;
            continue;
        }
        let change = first_change(tz, &current, at, next);
        let to_observance = observance(tz, change);
        found.push(Transition {
            at: change,
            from: current,
            to: to_observance,
            name: name_at(tz, change),
        });
        current = to_observance;
        at = change;
    }
    found
}

/// The latest transition at or before `at`, within the look-back.
fn previous_transition(tz: Tz, at: i64) -> Option<Transition> {
    let now = observance(tz, at);
    let mut high = at;
    for _ in 0..LOOK_BACK_DAYS {
        let low = high - DAY;
        let then = observance(tz, low);
        if then != now {
            return transitions(tz, low, at).pop();
        }
        high = low;
    }
    None
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn local_time(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc_time(at: i64) -> String {
    DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// One STANDARD or DAYLIGHT observance.
fn observance_component(
    lines: &mut Lines,
    start: NaiveDateTime,
    (from, to): (Observance, Observance),
    name: &str,
    rule: Option<String>,
) {
    let kind = if to.dst { "DAYLIGHT" } else { "STANDARD" };
    lines.begin(kind);
    lines.raw("DTSTART", &[], &local_time(start));
    lines.raw("TZOFFSETFROM", &[], &utc_offset(from.offset));
    lines.raw("TZOFFSETTO", &[], &utc_offset(to.offset));
    lines.text("TZNAME", name);
    if let Some(rule) = rule {
        lines.raw("RRULE", &[], &rule);
    }
    lines.end(kind);
}

/// Writes the VTIMEZONE of `zone` for the instants from `from` to `to`; its TZID is the zone's
/// IANA name.
pub(crate) fn write(lines: &mut Lines, zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) {
    let tz = zone.tz();
    let to = to.timestamp().clamp(FIRST, LAST);
    let from = from.timestamp().clamp(FIRST, LAST).min(to);
    lines.begin("VTIMEZONE");
    lines.raw("TZID", &[], zone.name());
    lines.text("X-LIC-LOCATION", zone.name());

    let mut all: Vec<Transition> = previous_transition(tz, from).into_iter().collect();
    all.extend(transitions(tz, from, to + LOOK_AHEAD_DAYS * DAY));
    if all.is_empty() {
        // No change around the span: one observance since 1970, as the big providers write it.
        let now = observance(tz, from);
        let epoch = DateTime::<Utc>::UNIX_EPOCH.naive_utc();
        observance_component(lines, epoch, (now, now), &name_at(tz, from), None);
        lines.end("VTIMEZONE");
        return;
    }

    // Chains of the same rule in consecutive years, in the order they begin.
    let mut chains: Vec<Vec<&Transition>> = Vec::new();
    for t in &all {
        let rule = t.rule();
        let year = t.local().year();
        let chain = chains.iter_mut().find(|chain| {
            chain.last().is_some_and(|last: &&Transition| {
                last.rule() == rule && last.local().year() + 1 == year
            })
        });
        match chain {
            Some(chain) => chain.push(t),
            None => chains.push(vec![t]),
        }
    }
    let in_force_after = to + (LOOK_AHEAD_DAYS - 366) * DAY;
    for chain in &chains {
        let (Some(first), Some(last)) = (chain.first(), chain.last()) else {
            continue;
        };
        let rule = (chain.len() > 1).then(|| {
            let local = first.local();
            let mut rule = format!(
                "FREQ=YEARLY;BYMONTH={};BYDAY={}",
                local.month(),
                by_day(local)
            );
            if last.at <= in_force_after {
                rule.push_str(";UNTIL=");
                rule.push_str(&utc_time(last.at));
            }
            rule
        });
        observance_component(
            lines,
            first.local(),
            (first.from, first.to),
            &first.name,
            rule,
        );
    }
    lines.end("VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vtimezone(name: &str, from: &str, to: &str) -> String {
        let zone = Zone::parse("tz", name).unwrap();
        let instant = |t: &str| format!("{t}T00:00:00Z").parse::<DateTime<Utc>>().unwrap();
        let mut lines = Lines::with_capacity(0);
        write(&mut lines, zone, instant(from), instant(to));
        lines.finish()
    }

    #[test]
    fn berlin_has_yearly_standard_and_daylight_rules() {
        let text = vtimezone("Europe/Berlin", "2026-06-10", "2026-10-30");
        assert_eq!(
            text,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
             TZNAME:CEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
             TZNAME:CET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn new_york_uses_the_second_and_first_sunday() {
        let text = vtimezone("America/New_York", "2026-01-10", "2026-01-12");
        assert!(text.contains("DTSTART:20251102T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"), "{text}");
        assert!(text.contains("DTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"), "{text}");
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1, "{text}");
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 1, "{text}");
    }

    #[test]
    fn zones_without_dst_are_one_standard_observance() {
        let text = vtimezone("Asia/Kolkata", "2026-06-10", "2026-06-12");
        assert_eq!(
            text,
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata\r\nX-LIC-LOCATION:Asia/Kolkata\r\n\
             BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n\
             TZNAME:IST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
        assert!(vtimezone("UTC", "2026-01-01", "2026-12-31").contains("TZOFFSETTO:+0000\r\n"));
    }

    #[test]
    fn chatham_keeps_its_quarter_hours() {
        let text = vtimezone("Pacific/Chatham", "2026-07-01", "2026-10-30");
        assert!(text.contains("DTSTART:20260405T034500\r\nTZOFFSETFROM:+1345\r\nTZOFFSETTO:+1245\r\nTZNAME:+1245\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\n"), "{text}");
        assert!(text.contains("DTSTART:20260927T024500\r\nTZOFFSETFROM:+1245\r\nTZOFFSETTO:+1345\r\nTZNAME:+1345\r\nRRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU\r\n"), "{text}");
    }

    #[test]
    fn a_rule_that_ended_gets_an_until() {
        // Mexico City stopped daylight saving time after October 2022.
        let text = vtimezone("America/Mexico_City", "2021-06-01", "2022-12-01");
        assert!(
            text.contains("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20220403T080000Z\r\n"),
            "{text}"
        );
        assert!(
            text.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20221030T070000Z\r\n"),
            "{text}"
        );
    }

    #[test]
    fn offsets_are_written_with_seconds_only_when_needed() {
        assert_eq!(utc_offset(19_800), "+0530");
        assert_eq!(utc_offset(-12_600), "-0330");
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(3_208), "+005328");
    }
}
