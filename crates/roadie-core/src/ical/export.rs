//! A calendar at a glance (what it holds, before it is saved or published) and written to a file.

use std::path::Path;

use serde::Serialize;

use super::{Calendar, Feed};
use crate::error::Result;
use crate::files;
use crate::gathering::{GatheringKind, GatheringStatus};
use crate::store::Store;
use crate::text_enum::text_enum;
use crate::time::Clock;

text_enum!(
    /// What a calendar's event is, as its overview counts it: a gathering of some kind, or an item
    /// shown beside gatherings (a speaker's booked arrival or departure, a shipment's ship-by or
    /// must-arrive-by day).
    EventKind("event kind") {
        Session => "session",
        Social => "social",
        Meetup => "meetup",
        Milestone => "milestone",
        Arrival => "arrival",
        Departure => "departure",
        ShippingDeadline => "shipping-deadline",
    }
);

impl From<GatheringKind> for EventKind {
    fn from(kind: GatheringKind) -> EventKind {
        match kind {
            GatheringKind::Session => EventKind::Session,
            GatheringKind::Social => EventKind::Social,
            GatheringKind::Meetup => EventKind::Meetup,
            GatheringKind::Milestone => EventKind::Milestone,
        }
    }
}

/// What a calendar holds: its name, how many events of each kind, how many are cancelled (they
/// stay in, marked cancelled), and a file name to suggest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CalendarOverview {
    pub feed: Feed,
    pub name: String,
    pub description: String,
    /// Every event it holds: gatherings, and the items beside them.
    pub events: usize,
    /// How many of each kind (session, social, meetup, milestone, arrival, departure, shipping
    /// deadline), kinds it does not hold left out.
    pub kinds: Vec<KindCount>,
    pub cancelled: usize,
    /// A file name for it, e.g. `northwind-public.ics`.
    pub file_name: String,
}

/// How many events of one kind a calendar holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KindCount {
    pub kind: EventKind,
    pub count: usize,
}

impl CalendarOverview {
    fn of(feed: Feed, calendar: &Calendar, file_stem: &str) -> CalendarOverview {
        let mut counts = vec![0; EventKind::ALL.len()];
        let mut cancelled = 0;
        let gatherings = calendar.gatherings.iter().map(|g| {
            let gone = g.data.status == GatheringStatus::Cancelled;
            (EventKind::from(g.data.kind), gone)
        });
        let items = calendar.items.iter().map(|i| (i.kind, i.cancelled));
        for (kind, gone) in gatherings.chain(items) {
            if let Some(n) = EventKind::ALL
                .iter()
                .position(|k| *k == kind)
                .and_then(|i| counts.get_mut(i))
            {
                *n += 1;
            }
            cancelled += usize::from(gone);
        }
        CalendarOverview {
            feed,
            name: calendar.name.clone(),
            description: calendar.description.clone(),
            events: calendar.gatherings.len() + calendar.items.len(),
            kinds: EventKind::ALL
                .iter()
                .zip(counts)
                .filter(|(_, count)| *count > 0)
                .map(|(&kind, count)| KindCount { kind, count })
                .collect(),
            cancelled,
            file_name: format!("{}.ics", file_name_part(file_stem)),
        }
    }
}

/// Lowercase ASCII letters and digits, anything else one hyphen: a file name any system takes.
fn file_name_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "calendar".into()
    } else {
        out.into()
    }
}

impl Store {
    /// What the calendar `feed` describes holds.
    pub async fn calendar_overview(&self, feed: Feed) -> Result<CalendarOverview> {
        let calendar = self.calendar(feed).await?;
        let stem = self.file_stem(feed, &calendar).await?;
        Ok(CalendarOverview::of(feed, &calendar, &stem))
    }

    /// Writes the calendar `feed` describes to `path`, replacing the file only once the new one
    /// is complete; returns what it holds.
    pub async fn export_calendar(
        &self,
        feed: Feed,
        path: &Path,
        clock: &dyn Clock,
    ) -> Result<CalendarOverview> {
        let calendar = self.calendar(feed).await?;
        let ics = calendar.to_ics(clock)?;
        let stem = self.file_stem(feed, &calendar).await?;
        let overview = CalendarOverview::of(feed, &calendar, &stem);
        // A calendar of 100,000 events takes a while to free: it is freed while the file is
        // written (on another thread), not after.
        let (written, ()) = tokio::join!(
            files::write_atomically(path, ics.into_bytes()),
            async move { drop(calendar) }
        );
        written?;
        Ok(overview)
    }

    async fn file_stem(&self, feed: Feed, calendar: &Calendar) -> Result<String> {
        Ok(match feed {
            Feed::Summit {
                summit_id,
                audience,
            } => format!("{}-{audience}", self.summit(summit_id).await?.data.slug),
            Feed::Speaker { speaker_id } => {
                format!("{}-itinerary", self.speaker(speaker_id).await?.data.name)
            }
            Feed::Gathering { .. } | Feed::Meetups => calendar.name.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(file_name_part("northwind-public"), "northwind-public");
        assert_eq!(
            file_name_part("Søren Kierkegaard-itinerary"),
            "s-ren-kierkegaard-itinerary"
        );
        assert_eq!(file_name_part("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_name_part("日本語"), "calendar");
    }
}
