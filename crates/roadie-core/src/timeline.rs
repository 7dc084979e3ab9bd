//! The timeline, a day at a time: which days have gatherings (and how many match a filter), and
//! one day's matching gatherings. A summit can hold 10,000 gatherings; the app keeps only the day
//! it shows, so filtering and day-counting happen here.

use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::gathering::{
    Audience, Gathering, GatheringFilter, GatheringKind, GatheringStatus, GatheringView,
};
use crate::store::Store;

/// What the timeline shows: a summit's gatherings (or the standalone meetups), narrowed by kind,
/// audience, status and a text found in the title, room, venue or track (ignoring case).
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TimelineFilter {
    pub summit_id: Option<i64>,
    /// The gatherings of no summit (standalone meetups) instead of a summit's.
    pub standalone: bool,
    pub kind: Option<GatheringKind>,
    pub audience: Option<Audience>,
    pub status: Option<GatheringStatus>,
    pub text: Option<String>,
}

/// A day of the timeline: its date in the gatherings' zone, how many gatherings start on it and
/// how many of those match the filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimelineDay {
    pub day: NaiveDate,
    pub gatherings: i64,
    pub matching: i64,
}

impl TimelineFilter {
    fn listing(&self) -> GatheringFilter {
        GatheringFilter {
            summit_id: self.summit_id,
            standalone: self.standalone,
            kind: self.kind,
            audience: self.audience,
            status: self.status,
            ..GatheringFilter::default()
        }
    }

    fn text(&self) -> Option<String> {
        self.text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
    }
}

/// Whether `g` holds `text` (already lower-case) in its title, room, venue or track.
fn mentions(g: &Gathering, text: &str) -> bool {
    let d = &g.data;
    [
        Some(&d.title),
        d.room.as_ref(),
        d.venue.as_ref(),
        d.track.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|field| field.to_lowercase().contains(text))
}

/// The date a gathering starts on, on the wall clock of its zone.
fn start_day(g: &Gathering) -> NaiveDate {
    g.data.tz.local(g.data.start).date()
}

impl Store {
    /// Every day on which a gathering of the timeline starts, in date order, with how many match
    /// `filter` (days where none match are listed too, with 0).
    pub async fn timeline_days(&self, filter: &TimelineFilter) -> Result<Vec<TimelineDay>> {
        let everything = TimelineFilter {
            summit_id: filter.summit_id,
            standalone: filter.standalone,
            ..TimelineFilter::default()
        };
        let text = filter.text();
        let mut days: Vec<TimelineDay> = Vec::new();
        for g in self.list_gatherings(&everything.listing()).await? {
            let matches =
                matches_enums(filter, &g) && text.as_deref().is_none_or(|t| mentions(&g, t));
            let day = start_day(&g);
            match days.iter_mut().find(|d| d.day == day) {
                Some(d) => {
                    d.gatherings += 1;
                    d.matching += i64::from(matches);
                }
                None => days.push(TimelineDay {
                    day,
                    gatherings: 1,
                    matching: i64::from(matches),
                }),
            }
        }
        days.sort_by_key(|d| d.day);
        Ok(days)
    }

    /// The gatherings that start on `day` (on their zone's wall clock) and match `filter`, in
    /// time order.
    pub async fn timeline_day(
        &self,
        filter: &TimelineFilter,
        day: NaiveDate,
    ) -> Result<Vec<GatheringView>> {
        // Every zone's `day` lies within UTC−12 … UTC+14 of the UTC day: ask for what overlaps
        // that window and keep what starts on the day.
        let midnight = day.and_time(NaiveTime::MIN).and_utc();
        let listing = GatheringFilter {
            from: Some(midnight - Duration::hours(14) - Duration::seconds(1)),
            to: Some(midnight + Duration::hours(24 + 12)),
            ..filter.listing()
        };
        let text = filter.text();
        Ok(self
            .list_gatherings(&listing)
            .await?
            .into_iter()
            .filter(|g| start_day(g) == day && text.as_deref().is_none_or(|t| mentions(g, t)))
            .map(GatheringView::from)
            .collect())
    }
}

fn matches_enums(filter: &TimelineFilter, g: &Gathering) -> bool {
    let d = &g.data;
    filter.kind.is_none_or(|k| k == d.kind)
        && filter.audience.is_none_or(|a| a == d.audience)
        && filter.status.is_none_or(|s| s == d.status)
}
