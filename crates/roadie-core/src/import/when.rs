//! When a talk starts, as schedules write it: an instant with its UTC offset, or a wall-clock time
//! in the conference's zone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use crate::error::Result;
use crate::time::Zone;

/// A start as the file gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// With its offset (`2019-12-27T11:00:00+01:00`): an exact instant.
    Exact(DateTime<FixedOffset>),
    /// Without one (`2026-05-02T09:30:00`): a wall-clock time in the conference's zone.
    Local(NaiveDateTime),
}

impl When {
    /// Reads an ISO 8601 date and time, with or without seconds, with or without an offset.
    pub fn parse(text: &str) -> Option<When> {
        let text = text.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Some(When::Exact(t));
        }
        for format in [
            "%Y-%m-%dT%H:%M%:z",
            "%Y-%m-%d %H:%M:%S%:z",
            "%Y-%m-%d %H:%M%:z",
        ] {
            if let Ok(t) = DateTime::parse_from_str(text, format) {
                return Some(When::Exact(t));
            }
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
                return Some(When::Local(t));
            }
        }
        None
    }

    /// The wall-clock time it was written as, for ordering talks of one file.
    pub fn sort_key(&self) -> NaiveDateTime {
        match self {
            When::Exact(t) => t.naive_local(),
            When::Local(t) => *t,
        }
    }

    /// The offset it was written with, if any.
    pub fn offset(&self) -> Option<FixedOffset> {
        match self {
            When::Exact(t) => Some(*t.offset()),
            When::Local(_) => None,
        }
    }

    /// The instant, reading a local time in `zone`; `field` names it in errors.
    pub fn to_utc(&self, field: &str, zone: Zone) -> Result<DateTime<Utc>> {
        match self {
            When::Exact(t) => Ok(t.with_timezone(&Utc)),
            When::Local(t) => zone.to_utc(field, *t),
        }
    }
}

/// A talk that a day lists at `start` o'clock: on the day's date, or on the next when the day
/// started later than that (a talk at 01:00 in a day that starts at 11:00 is after midnight).
pub fn on_day(date: NaiveDate, start: NaiveTime, day_start: Option<NaiveTime>) -> NaiveDateTime {
    let next = day_start.is_some_and(|d| start < d);
    let date = if next {
        date.checked_add_signed(TimeDelta::days(1)).unwrap_or(date)
    } else {
        date
    };
    date.and_time(start)
}

/// A time of day written `HH:MM` or `HH:MM:SS`.
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// The date of a `YYYY-MM-DD` or of an ISO date and time (its written date).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| When::parse(text).map(|w| w.sort_key().date()))
}

/// The wall-clock time of day a day starts at, from an ISO date and time such as
/// `2019-12-27T11:00:00+01:00`.
pub fn day_start(text: &str) -> Option<NaiveTime> {
    When::parse(text).map(|w| w.sort_key().time())
}
