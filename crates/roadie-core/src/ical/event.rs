//! One gathering, or one item shown beside gatherings, as a VEVENT.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::items::{Item, ItemTime};
use super::lines::Lines;
use crate::error::{Error, Result};
use crate::gathering::{Gathering, GatheringKind, GatheringStatus};
use crate::time::Zone;

/// How a gathering's times are written: in its zone, or as whole days.
enum When {
    /// DTSTART and DTEND with the zone's TZID.
    Timed {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    /// DTSTART and an exclusive DTEND as VALUE=DATE.
    AllDay { first: NaiveDate, after: NaiveDate },
}

/// Milestones are all-day: they cover the local dates from their start to their end, the end
/// date left out when the milestone ends at midnight after its start; always at least one day.
fn when(g: &Gathering) -> When {
    let d = &g.data;
    let (start, end) = (d.tz.local(d.start), d.tz.local(d.end));
    if d.kind != GatheringKind::Milestone {
        return When::Timed { start, end };
    }
    let first = start.date();
    // The day after, or chrono's last day, which no calendar can hold (`writable` refuses it).
    let next = |d: NaiveDate| d.succ_opt().unwrap_or(NaiveDate::MAX);
    let last_exclusive = if end > start && end.time() == NaiveTime::MIN {
        end.date()
    } else {
        next(end.date())
    };
    When::AllDay {
        first,
        after: last_exclusive.max(next(first)),
    }
}

/// The instants a gathering's VTIMEZONE must cover.
pub(crate) fn span(g: &Gathering) -> super::Span {
    (g.data.start, g.data.end)
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A milestone's time of day, when it has one, for its description: whole days drop it.
fn milestone_time(g: &Gathering) -> Option<String> {
    let d = &g.data;
    let start = d.tz.local(d.start);
    (d.kind == GatheringKind::Milestone && start.time() != NaiveTime::MIN)
        .then(|| format!("At {} ({}).", start.format("%H:%M"), d.tz))
}

/// An RRULE with its UNTIL in the form RFC 5545 requires beside the DTSTART: a date for all-day
/// events, else a UTC time (a date means the end of that day in the gathering's zone, a local
/// time is read in the zone).
fn rule(rule: &str, zone: Zone, all_day: bool) -> Result<String> {
    let mut parts = Vec::new();
    for part in rule.split(';') {
        let Some(until) = part.strip_prefix("UNTIL=") else {
            parts.push(part.to_owned());
            continue;
        };
        let bad = || {
            Error::invalid(
                "recurrence",
                format!("UNTIL={until} is not a date (YYYYMMDD) or a time (YYYYMMDDTHHMMSS[Z])"),
            )
        };
        let (day, time) = match until.split_once('T') {
            Some((day, time)) => (day, Some(time)),
            None => (until, None),
        };
        let day = NaiveDate::parse_from_str(day, "%Y%m%d").map_err(|_| bad())?;
        let value = if all_day {
            date(day)
        } else {
            let instant = match time {
                None => zone.to_utc(
                    "recurrence",
                    day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)),
                )?,
                Some(time) => {
                    let (clock, utc) = match time.strip_suffix('Z') {
                        Some(clock) => (clock, true),
                        None => (time, false),
                    };
                    let clock = NaiveTime::parse_from_str(clock, "%H%M%S").map_err(|_| bad())?;
                    let local = day.and_time(clock);
                    if utc {
                        local.and_utc()
                    } else {
                        zone.to_utc("recurrence", local)?
                    }
                }
            };
            instant.format("%Y%m%dT%H%M%SZ").to_string()
        };
        parts.push(format!("UNTIL={value}"));
    }
    Ok(parts.join(";"))
}

/// Whether a date can be written: iCalendar years have four digits.
fn writable(field: &str, d: NaiveDate) -> Result<()> {
    if (0..=9999).contains(&d.year()) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("{d} cannot be written in a calendar (years 0000 to 9999)"),
        ))
    }
}

/// Writes the VEVENT of `g`; `stamp` is the DTSTAMP, already formatted.
pub(crate) fn write(lines: &mut Lines, g: &Gathering, stamp: &str) -> Result<()> {
    let d = &g.data;
    lines.begin("VEVENT");
    lines.checked("UID", "uid", &g.uid, true)?;
    lines.raw("DTSTAMP", &[], stamp);
    lines.integer("SEQUENCE", g.sequence);
    let when = when(g);
    match &when {
        When::Timed { start, end } => {
            writable("start", start.date())?;
            writable("end", end.date())?;
            let tzid = [("TZID", d.tz.name())];
            lines.date_time("DTSTART", &tzid, *start);
            lines.date_time("DTEND", &tzid, *end);
        }
        When::AllDay { first, after } => {
            writable("start", *first)?;
            writable("end", *after)?;
            let value = [("VALUE", "DATE")];
            lines.date("DTSTART", &value, *first);
            lines.date("DTEND", &value, *after);
        }
    }
    if let Some(recurrence) = &d.recurrence {
        let all_day = matches!(when, When::AllDay { .. });
        lines.raw("RRULE", &[], &rule(recurrence, d.tz, all_day)?);
    }
    lines.one_line("SUMMARY", &d.title);
    // The link is repeated in the text: some clients never show URL.
    let time = milestone_time(g);
    let text = [time.as_deref(), d.description.as_deref(), d.url.as_deref()];
    lines.joined("DESCRIPTION", &text, "\n\n");
    // The venue and the room, either alone, or nothing.
    lines.joined("LOCATION", &[d.venue.as_deref(), d.room.as_deref()], ", ");
    if let Some(geo) = d.geo {
        lines.geo(geo);
    }
    if let Some(url) = &d.url {
        lines.checked("URL", "url", url, false)?;
    }
    // An empty track is left out.
    let track = d.track.as_deref().unwrap_or_default();
    lines.texts("CATEGORIES", &[d.kind.as_str(), track]);
    let status = match d.status {
        GatheringStatus::Tentative => "TENTATIVE",
        GatheringStatus::Confirmed => "CONFIRMED",
        GatheringStatus::Cancelled => "CANCELLED",
    };
    lines.raw("STATUS", &[], status);
    if d.kind == GatheringKind::Milestone {
        // A deadline does not make anyone busy.
        lines.raw("TRANSP", &[], "TRANSPARENT");
    }
    lines.end("VEVENT");
    Ok(())
}

/// Writes the VEVENT of `item`; `stamp` is the DTSTAMP, already formatted. A moment has no DTEND
/// (it ends as it starts, RFC 5545 §3.6.1); a day ends, exclusively, the next day. Items are
/// marks in a day, never busy time.
pub(crate) fn write_item(lines: &mut Lines, item: &Item, stamp: &str) -> Result<()> {
    lines.begin("VEVENT");
    lines.checked("UID", "uid", &item.uid, true)?;
    lines.raw("DTSTAMP", &[], stamp);
    lines.integer("SEQUENCE", item.sequence);
    match item.when {
        ItemTime::At { at, zone } => {
            let local = zone.local(at);
            writable("start", local.date())?;
            lines.date_time("DTSTART", &[("TZID", zone.name())], local);
        }
        ItemTime::Day(day) => {
            let after = day.succ_opt().unwrap_or(day);
            writable("start", day)?;
            writable("end", after)?;
            let value = [("VALUE", "DATE")];
            lines.date("DTSTART", &value, day);
            lines.date("DTEND", &value, after);
        }
    }
    lines.one_line("SUMMARY", &item.title);
    if !item.description.is_empty() {
        lines.text("DESCRIPTION", &item.description);
    }
    if let Some(place) = &item.location {
        lines.text("LOCATION", place);
    }
    lines.texts("CATEGORIES", &[item.category()]);
    let status = if item.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    lines.raw("STATUS", &[], status);
    lines.raw("TRANSP", &[], "TRANSPARENT");
    lines.end("VEVENT");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> Zone {
        Zone::parse("tz", "Europe/Berlin").unwrap()
    }

    #[test]
    fn until_is_written_as_rfc_5545_wants_it() {
        let z = berlin();
        assert_eq!(
            rule("FREQ=WEEKLY;UNTIL=20261231;BYDAY=TH", z, false).unwrap(),
            "FREQ=WEEKLY;UNTIL=20261231T225959Z;BYDAY=TH"
        );
        assert_eq!(
            rule("FREQ=WEEKLY;UNTIL=20260701T190000", z, false).unwrap(),
            "FREQ=WEEKLY;UNTIL=20260701T170000Z"
        );
        assert_eq!(
            rule("FREQ=WEEKLY;UNTIL=20260701T190000Z", z, false).unwrap(),
            "FREQ=WEEKLY;UNTIL=20260701T190000Z"
        );
        assert_eq!(
            rule("FREQ=YEARLY;UNTIL=20300701T190000Z", z, true).unwrap(),
            "FREQ=YEARLY;UNTIL=20300701"
        );
        assert_eq!(
            rule("FREQ=MONTHLY;BYDAY=1TH", z, false).unwrap(),
            "FREQ=MONTHLY;BYDAY=1TH"
        );
        for bad in [
            "FREQ=DAILY;UNTIL=2026",
            "FREQ=DAILY;UNTIL=20261301",
            "FREQ=DAILY;UNTIL=20260101T25",
        ] {
            assert_eq!(
                rule(bad, z, false).unwrap_err().field(),
                Some("recurrence"),
                "{bad}"
            );
        }
    }
}
