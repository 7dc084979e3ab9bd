//! iCalendar (RFC 5545) calendars of gatherings, written by our own small serialiser: CRLF line
//! ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT escaped and cleaned of
//! control characters, a UID or parameter value never able to start a new line, an embedded
//! VTIMEZONE for every zone used and never a floating time.
//!
//! Each event carries the gathering's stable UID and its SEQUENCE (raised by the store whenever a
//! calendar-visible field changes), a DTSTAMP from the clock passed in, and STATUS TENTATIVE,
//! CONFIRMED or CANCELLED: cancelled gatherings stay in every feed so clients cancel them too.
//! There is no METHOD: an iTIP method needs an ORGANIZER on every event, and Roadie publishes
//! schedules, not invitations. Which gatherings each calendar holds is decided in [`feeds`]; the
//! items some calendars show beside them (booked travel, shipping deadlines) are made in [`items`].

pub mod caldav;
mod event;
mod export;
pub mod feeds;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
mod items;
mod lines;
mod sequences;
mod timezone;

// The strict test reader, also the fuzz target's oracle: it panics on what the writer must never
// produce, so it is built for tests and fuzzing only.
#[cfg(any(test, feature = "fuzzing"))]
#[allow(clippy::unwrap_used, clippy::panic)]
mod reader;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::gathering::Gathering;
use crate::time::{Clock, Zone};

use caldav::fingerprint;
pub use caldav::{CaldavSettings, CaldavTarget, Collection, Login, PublishFailure, PublishReport};
pub use export::{CalendarOverview, EventKind, KindCount};
pub use feeds::{CalendarAudience, Feed};
pub use items::{Item, ItemTime};

/// A stretch of time, from the first instant to the last.
pub type Span = (DateTime<Utc>, DateTime<Utc>);

/// The PRODID of every calendar Roadie writes.
pub const PRODID: &str = concat!("-//Roadie//Roadie ", env!("CARGO_PKG_VERSION"), "//EN");
/// How often subscribers should fetch the calendar again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
pub const REFRESH: &str = "PT1H";

/// A calendar ready to write: its name, the zone it is meant to be read in and its gatherings.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    /// NAME and X-WR-CALNAME.
    pub name: String,
    /// DESCRIPTION and X-WR-CALDESC: what the calendar holds.
    pub description: String,
    /// X-WR-TIMEZONE, a hint for clients; its VTIMEZONE is always included, so a calendar with no
    /// event is still a valid one.
    pub zone: Zone,
    /// The span the calendar is about (a summit's days), so the zone's VTIMEZONE covers it even
    /// when no event does.
    pub span: Option<Span>,
    /// The gatherings, in time order.
    pub gatherings: Vec<Gathering>,
    /// What it shows beside gatherings (a speaker's booked travel, shipping deadlines), in time
    /// order; written after the gatherings.
    pub items: Vec<Item>,
}

impl Calendar {
    /// The calendar as iCalendar text, DTSTAMP read from `clock`.
    pub fn to_ics(&self, clock: &dyn Clock) -> Result<String> {
        let stamp = stamp(clock);
        let events = self.gatherings.len() + self.items.len();
        let mut lines = lines::Lines::with_capacity(1024 + 512 * events);
        begin(&mut lines);
        lines.text("NAME", &self.name);
        lines.text("X-WR-CALNAME", &self.name);
        lines.text("DESCRIPTION", &self.description);
        lines.text("X-WR-CALDESC", &self.description);
        lines.raw("X-WR-TIMEZONE", &[], self.zone.name());
        lines.raw("REFRESH-INTERVAL", &[("VALUE", "DURATION")], REFRESH);
        lines.raw("X-PUBLISHED-TTL", &[], REFRESH);
        for (zone, (from, to)) in self.zone_spans(clock).into_values() {
            timezone::write(&mut lines, zone, from, to);
        }
        for g in &self.gatherings {
            event::write(&mut lines, g, &stamp)?;
        }
        for item in &self.items {
            event::write_item(&mut lines, item, &stamp)?;
        }
        lines.end("VCALENDAR");
        Ok(lines.finish())
    }

    /// The UID and title of every event, in the order they are written.
    pub fn events(&self) -> impl Iterator<Item = (&str, &str)> {
        let gatherings = self.gatherings.iter().map(|g| (&*g.uid, &*g.data.title));
        gatherings.chain(self.items.iter().map(|i| (&*i.uid, &*i.title)))
    }

    /// Each event alone, as a CalDAV collection stores it (RFC 4791 §4.1): a VCALENDAR with the
    /// event and the VTIMEZONE it uses, without the calendar's own properties; in event order.
    pub fn events_alone(&self, clock: &dyn Clock) -> Result<Vec<String>> {
        let stamp = stamp(clock);
        let gatherings = self.gatherings.iter().map(|g| {
            alone(Some((g.data.tz, event::span(g))), |lines| {
                event::write(lines, g, &stamp)
            })
        });
        let items = self.items.iter().map(|item| {
            alone(item_zone(item), |lines| {
                event::write_item(lines, item, &stamp)
            })
        });
        gatherings.chain(items).collect()
    }

    /// Every zone the calendar uses, by name, with the span its VTIMEZONE must cover.
    fn zone_spans(&self, clock: &dyn Clock) -> BTreeMap<&'static str, (Zone, Span)> {
        let mut spans: BTreeMap<&'static str, (Zone, Span)> = BTreeMap::new();
        let mut add = |zone: Zone, (from, to): Span| {
            let entry = spans.entry(zone.name()).or_insert((zone, (from, to)));
            entry.1 = (entry.1.0.min(from), entry.1.1.max(to));
        };
        for g in &self.gatherings {
            add(g.data.tz, event::span(g));
        }
        for (zone, span) in self.items.iter().filter_map(item_zone) {
            add(zone, span);
        }
        match self.span {
            Some(span) => add(self.zone, span),
            None if !self.gatherings.iter().any(|g| g.data.tz == self.zone) => {
                let now = clock.now();
                add(self.zone, (now, now));
            }
            None => {}
        }
        spans
    }
}

/// One event alone in a VCALENDAR, with the VTIMEZONE its times need.
fn alone(
    zone: Option<(Zone, Span)>,
    write: impl FnOnce(&mut lines::Lines) -> Result<()>,
) -> Result<String> {
    let mut lines = lines::Lines::with_capacity(4096);
    begin(&mut lines);
    if let Some((zone, (from, to))) = zone {
        timezone::write(&mut lines, zone, from, to);
    }
    write(&mut lines)?;
    lines.end("VCALENDAR");
    Ok(lines.finish())
}

/// The zone an item's time is written in, and the instant it needs covered; none for whole days.
fn item_zone(item: &Item) -> Option<(Zone, Span)> {
    match item.when {
        ItemTime::At { at, zone } => Some((zone, (at, at))),
        ItemTime::Day(_) => None,
    }
}

/// The DTSTAMP of everything written now.
fn stamp(clock: &dyn Clock) -> String {
    clock.now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// `BEGIN:VCALENDAR` and the properties every calendar starts with.
fn begin(lines: &mut lines::Lines) {
    lines.begin("VCALENDAR");
    lines.raw("VERSION", &[], "2.0");
    lines.raw("PRODID", &[], PRODID);
    lines.raw("CALSCALE", &[], "GREGORIAN");
}
