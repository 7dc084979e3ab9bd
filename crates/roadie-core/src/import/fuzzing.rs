//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in tests: each
//! parser on arbitrary bytes, then what an import works out from the result before it touches the
//! database. None may panic; every failure must be an error.

use chrono::{NaiveDate, TimeZone, Utc};

use super::csv::{CsvKind, CsvOptions};
use super::{ScheduleFormat, c3voc, frab_xml, json, parse_schedule, plan, sessionize};
use crate::error::Result;
use crate::money::Currency;
use crate::summit::{Summit, SummitData};
use crate::time::Zone;

fn then_convert(parsed: Result<super::Schedule>) {
    if let Ok(schedule) = parsed {
        let _ = plan::convert(&schedule);
    }
}

/// Any schedule, told apart by content.
pub fn schedule(bytes: &[u8]) {
    then_convert(parse_schedule(bytes));
}

/// c3voc/pretalx and frab JSON, whatever the content looks like.
pub fn c3voc_json(bytes: &[u8]) {
    if let Ok(value) = json::parse(bytes) {
        then_convert(c3voc::parse(&value, ScheduleFormat::C3voc));
    }
}

/// frab/pentabarf XML.
pub fn frab_xml(bytes: &[u8]) {
    then_convert(frab_xml::parse(bytes));
}

/// Sessionize JSON.
pub fn sessionize_json(bytes: &[u8]) {
    if let Ok(value) = json::parse(bytes) {
        then_convert(sessionize::parse(&value));
    }
}

/// CSV of speakers and of travel applications, read and checked row by row.
pub fn csv(bytes: &[u8]) {
    let Ok(eur) = Currency::parse("currency", "EUR") else {
        return;
    };
    let Ok(tz) = Zone::parse("tz", "Europe/Berlin") else {
        return;
    };
    let Some(day) = NaiveDate::from_ymd_opt(2026, 6, 10) else {
        return;
    };
    let summit = Summit {
        id: 1,
        data: SummitData {
            name: "Fuzz".into(),
            slug: "fuzz".into(),
            city: None,
            venue: None,
            tz,
            start_date: day,
            end_date: day,
            currency: eur,
            budget: None,
        },
    };
    let now = Utc
        .timestamp_opt(1_780_000_000, 0)
        .single()
        .unwrap_or_default();
    for kind in [CsvKind::Speakers, CsvKind::Travel] {
        let options = CsvOptions {
            kind,
            summit: Some("fuzz".into()),
            columns: Vec::new(),
        };
        let _ = super::csv::check(bytes, &options, &summit, now);
    }
}
