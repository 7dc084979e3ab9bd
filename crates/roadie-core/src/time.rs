//! Time zones, local wall-clock times and the clock. Instants are stored in UTC; every local time
//! carries the IANA zone it is read in.

use std::fmt;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An IANA time zone name checked against the tz database, e.g. `Europe/Berlin`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(Tz);

impl Zone {
    /// Parses an IANA zone name; `field` names the input for errors.
    pub fn parse(field: &str, name: &str) -> Result<Self> {
        let name = name.trim();
        name.parse::<Tz>().map(Zone).map_err(|_| {
            Error::invalid(
                field,
                format!("unknown time zone {name:?} (expected an IANA name such as Europe/Berlin)"),
            )
        })
    }

    pub fn tz(&self) -> Tz {
        self.0
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The UTC instant of a wall-clock time in this zone. A time that the zone skips (a DST gap) is
    /// an error; a time it repeats (DST end) means its first occurrence.
    pub fn to_utc(&self, field: &str, local: NaiveDateTime) -> Result<DateTime<Utc>> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
            LocalResult::None => Err(Error::invalid(
                field,
                format!(
                    "{} does not exist in {} (the clocks skip it)",
                    local.format("%Y-%m-%d %H:%M"),
                    self.name()
                ),
            )),
        }
    }

    /// The wall-clock time of `instant` in this zone; at chrono's very limits, where the offset
    /// would take it out of range (chrono panics there), the limit itself.
    pub fn local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        let utc = instant.naive_utc();
        let offset = self.0.offset_from_utc_datetime(&utc).fix();
        utc.checked_add_offset(offset)
            .unwrap_or(if offset.local_minus_utc() < 0 {
                NaiveDateTime::MIN
            } else {
                NaiveDateTime::MAX
            })
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<String> for Zone {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Zone::parse("tz", &value)
    }
}

impl From<Zone> for String {
    fn from(value: Zone) -> Self {
        value.name().to_owned()
    }
}

/// Parses a wall-clock time written `YYYY-MM-DD HH:MM` (or with a `T`, or with seconds).
pub fn parse_local(field: &str, text: &str) -> Result<NaiveDateTime> {
    let text = text.trim();
    [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .ok_or_else(|| {
        Error::invalid(
            field,
            format!("{text:?} is not a date and time (expected YYYY-MM-DD HH:MM)"),
        )
    })
}

/// Parses a calendar date written `YYYY-MM-DD`.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            format!("{text:?} is not a date (expected YYYY-MM-DD)"),
        )
    })
}

/// Where the current time comes from. Business logic takes a clock; only the shells read the
/// system's.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock, for the CLI and the app.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the system clock
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant, for tests and reproducible runs.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_at_the_ends_of_time_stop_there() {
        // chrono's with_timezone().naive_local() panics here (found by fuzzing ical_text).
        let new_york = Zone::parse("tz", "America/New_York").unwrap();
        let tokyo = Zone::parse("tz", "Asia/Tokyo").unwrap();
        assert_eq!(new_york.local(DateTime::<Utc>::MIN_UTC), NaiveDateTime::MIN);
        assert_eq!(tokyo.local(DateTime::<Utc>::MAX_UTC), NaiveDateTime::MAX);
        let t: DateTime<Utc> = "2026-06-10T12:00:00Z".parse().unwrap();
        assert_eq!(tokyo.local(t).to_string(), "2026-06-10 21:00:00");
        assert_eq!(new_york.local(t).to_string(), "2026-06-10 08:00:00");
    }

    #[test]
    fn zones_are_iana_names() {
        assert_eq!(
            Zone::parse("tz", "Europe/Berlin").unwrap().name(),
            "Europe/Berlin"
        );
        let e = Zone::parse("tz", "Mars/Olympus").unwrap_err();
        assert_eq!(
            e.to_string(),
            "tz: unknown time zone \"Mars/Olympus\" (expected an IANA name such as Europe/Berlin)"
        );
    }

    #[test]
    fn local_times_convert_through_dst() {
        let berlin = Zone::parse("tz", "Europe/Berlin").unwrap();
        let winter = berlin
            .to_utc("start", parse_local("start", "2026-02-01 10:00").unwrap())
            .unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-02-01T09:00:00+00:00");
        let summer = berlin
            .to_utc("start", parse_local("start", "2026-07-01 10:00").unwrap())
            .unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-07-01T08:00:00+00:00");
        let gap = berlin
            .to_utc("start", parse_local("start", "2026-03-29 02:30").unwrap())
            .unwrap_err();
        assert!(
            gap.to_string()
                .starts_with("start: 2026-03-29 02:30 does not exist"),
            "{gap}"
        );
        let repeated = berlin
            .to_utc("start", parse_local("start", "2026-10-25 02:30").unwrap())
            .unwrap();
        assert_eq!(repeated.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        assert_eq!(
            berlin.local(summer),
            parse_local("x", "2026-07-01T10:00").unwrap()
        );
    }

    #[test]
    fn odd_offsets_convert() {
        let chatham = Zone::parse("tz", "Pacific/Chatham").unwrap();
        let t = chatham
            .to_utc("start", parse_local("s", "2026-07-01 12:45").unwrap())
            .unwrap();
        assert_eq!(t.to_rfc3339(), "2026-07-01T00:00:00+00:00");
    }

    #[test]
    fn bad_times_name_the_field() {
        let e = parse_local("end", "tomorrow").unwrap_err();
        assert_eq!(e.field(), Some("end"));
        assert!(parse_local("end", "2026-02-30 10:00").is_err());
        assert!(parse_date("start", "2026-13-01").is_err());
        assert_eq!(
            parse_date("start", " 2026-01-31 ").unwrap().to_string(),
            "2026-01-31"
        );
    }
}
