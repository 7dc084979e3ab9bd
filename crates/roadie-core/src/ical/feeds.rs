//! Which gatherings each calendar holds.
//!
//! A summit has four calendars, one per [`CalendarAudience`], each wider than the one before:
//!
//! | calendar     | gatherings whose audience is                                     |
//! |--------------|------------------------------------------------------------------|
//! | `public`     | public                                                           |
//! | `attendees`  | public, attendees                                                |
//! | `speakers`   | public, attendees, speakers                                      |
//! | `organisers` | every audience: public, attendees, speakers, invite-only, organisers |
//!
//! Every kind counts the same way (sessions, socials, meetups and milestones alike: a milestone
//! for organisers is in the organisers' calendar only). Invite-only gatherings are in the
//! organisers' calendar only, since Roadie does not record who is invited. Cancelled gatherings
//! stay in every calendar that covers them, marked cancelled.
//!
//! Beside gatherings, the organisers' calendar holds the ship-by and must-arrive-by day of every
//! shipment to the summit or one of its gatherings (no other calendar does).
//!
//! A speaker's itinerary holds their talks (whatever their audience), the socials of the same
//! summits that the speakers' calendar covers, and their booked arrival in and departure from
//! each of those summits' cities when they have a booking. A single gathering's calendar holds it
//! alone; the meetups calendar holds every meetup that belongs to no summit.
//!
//! Every calendar's items get their SEQUENCE from the database as it is made.

use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::gathering::{Audience, Gathering, GatheringFilter, GatheringKind};
use crate::shipment::ShipmentFilter;
use crate::store::Store;
use crate::summit::Summit;
use crate::text_enum::text_enum;

use super::Calendar;
use super::items::{self, Destination, Item};

text_enum!(
    /// Who a summit's calendar is for, and so which gatherings it holds.
    CalendarAudience("calendar audience") {
        Public => "public",
        Attendees => "attendees",
        Speakers => "speakers",
        Organisers => "organisers",
    }
);

impl CalendarAudience {
    /// Whether this calendar holds gatherings meant for `audience`.
    pub fn covers(self, audience: Audience) -> bool {
        use Audience as A;
        match self {
            CalendarAudience::Public => audience == A::Public,
            CalendarAudience::Attendees => matches!(audience, A::Public | A::Attendees),
            CalendarAudience::Speakers => {
                matches!(audience, A::Public | A::Attendees | A::Speakers)
            }
            CalendarAudience::Organisers => true,
        }
    }

    /// How the calendar's name describes it.
    fn title(self) -> &'static str {
        match self {
            CalendarAudience::Public => "public schedule",
            CalendarAudience::Attendees => "attendees",
            CalendarAudience::Speakers => "speakers",
            CalendarAudience::Organisers => "organisers",
        }
    }
}

/// A calendar Roadie can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Feed {
    /// A summit's gatherings for one audience.
    Summit {
        summit_id: i64,
        audience: CalendarAudience,
    },
    /// A speaker's talks and the socials they are invited to.
    Speaker { speaker_id: i64 },
    /// One gathering.
    Gathering { gathering_id: i64 },
    /// Every meetup that belongs to no summit.
    Meetups,
}

impl Store {
    /// The calendar `feed` describes, read from the database, its items' sequences brought up to
    /// date (see [`super::sequences`]).
    pub async fn calendar(&self, feed: Feed) -> Result<Calendar> {
        let mut calendar = self.unsequenced_calendar(feed).await?;
        self.sequence_items(&mut calendar.items).await?;
        Ok(calendar)
    }

    async fn unsequenced_calendar(&self, feed: Feed) -> Result<Calendar> {
        match feed {
            Feed::Summit {
                summit_id,
                audience,
            } => self.summit_calendar(summit_id, audience).await,
            Feed::Speaker { speaker_id } => self.speaker_calendar(speaker_id).await,
            Feed::Gathering { gathering_id } => {
                let g = self.gathering(gathering_id).await?;
                Ok(Calendar {
                    name: g.data.title.clone(),
                    description: format!("{} ({})", g.data.title, g.data.kind),
                    zone: g.data.tz,
                    span: None,
                    gatherings: vec![g],
                    items: Vec::new(),
                })
            }
            Feed::Meetups => {
                let filter = GatheringFilter {
                    standalone: true,
                    kind: Some(GatheringKind::Meetup),
                    ..GatheringFilter::default()
                };
                let gatherings = self.list_gatherings(&filter).await?;
                let zone = gatherings.first().map(|g| g.data.tz).ok_or_else(|| {
                    Error::invalid("meetups", "there is no meetup outside a summit to export")
                })?;
                Ok(Calendar {
                    name: "Meetups".into(),
                    description: "Meetups that belong to no summit".into(),
                    zone,
                    span: None,
                    gatherings,
                    items: Vec::new(),
                })
            }
        }
    }

    async fn summit_calendar(
        &self,
        summit_id: i64,
        audience: CalendarAudience,
    ) -> Result<Calendar> {
        let summit = self.summit(summit_id).await?;
        let filter = GatheringFilter {
            summit_id: Some(summit_id),
            ..GatheringFilter::default()
        };
        let mut gatherings = self.list_gatherings(&filter).await?;
        gatherings.retain(|g| audience.covers(g.data.audience));
        let s = &summit.data;
        let zone = s.tz;
        // The summit's days, noon to noon (never in a DST gap), in its zone.
        let first = zone.to_utc(
            "start",
            s.start_date.and_hms_opt(12, 0, 0).unwrap_or_default(),
        )?;
        let last = zone.to_utc("end", s.end_date.and_hms_opt(12, 0, 0).unwrap_or_default())?;
        let items = match audience {
            CalendarAudience::Organisers => self.shipping_items(&summit, &gatherings).await?,
            _ => Vec::new(),
        };
        Ok(Calendar {
            name: format!("{} ({})", s.name, audience.title()),
            description: format!(
                "{}: the gatherings for {} ({} calendar)",
                s.name,
                match audience {
                    CalendarAudience::Public => "everyone",
                    CalendarAudience::Attendees => "attendees",
                    CalendarAudience::Speakers => "speakers",
                    CalendarAudience::Organisers =>
                        "organisers, everything included, shipping deadlines too",
                },
                audience
            ),
            zone,
            span: Some((first, last)),
            gatherings,
            items,
        })
    }

    /// The ship-by and must-arrive-by days of the shipments to `summit` and to its `gatherings`.
    async fn shipping_items(&self, summit: &Summit, gatherings: &[Gathering]) -> Result<Vec<Item>> {
        let filter = ShipmentFilter {
            summit_id: Some(summit.id),
            ..ShipmentFilter::default()
        };
        let shipments = self.list_shipments_without_contents(&filter).await?;
        let wanted: HashSet<i64> = shipments
            .iter()
            .filter_map(|s| s.data.gathering_id)
            .collect();
        let by_id: HashMap<i64, &Gathering> = gatherings
            .iter()
            .filter(|g| wanted.contains(&g.id))
            .map(|g| (g.id, g))
            .collect();
        let mut found = Vec::with_capacity(2 * shipments.len());
        for s in &shipments {
            let to = match s.data.gathering_id.and_then(|id| by_id.get(&id)) {
                Some(g) => Destination {
                    name: &g.data.title,
                    place: g.data.venue.as_deref(),
                    gathering: true,
                },
                None => Destination::summit(summit),
            };
            found.extend(items::shipping(s, to));
        }
        found.sort_by_key(|i| i.start());
        Ok(found)
    }

    async fn speaker_calendar(&self, speaker_id: i64) -> Result<Calendar> {
        let speaker = self.speaker(speaker_id).await?;
        let mut gatherings = Vec::with_capacity(speaker.talk_ids.len());
        for id in &speaker.talk_ids {
            gatherings.push(self.gathering(*id).await?);
        }
        let Some(zone) = gatherings.first().map(|g| g.data.tz) else {
            return Err(Error::invalid(
                "speaker",
                format!(
                    "{} (id {speaker_id}) gives no talk, so has no itinerary; link a talk first",
                    speaker.data.name
                ),
            ));
        };
        let mut summits: Vec<i64> = gatherings.iter().filter_map(|g| g.data.summit_id).collect();
        summits.sort_unstable();
        summits.dedup();
        for &summit_id in &summits {
            let filter = GatheringFilter {
                summit_id: Some(summit_id),
                kind: Some(GatheringKind::Social),
                ..GatheringFilter::default()
            };
            let socials = self.list_gatherings(&filter).await?;
            gatherings.extend(
                socials
                    .into_iter()
                    .filter(|g| CalendarAudience::Speakers.covers(g.data.audience)),
            );
        }
        let mut travel = Vec::new();
        for summit_id in &summits {
            let summit = self.summit(*summit_id).await?;
            for trip in self.travel_itineraries(*summit_id).await? {
                if trip.speaker_id == speaker_id {
                    travel.extend(items::travel(&trip, &summit, &speaker.data.name));
                }
            }
        }
        travel.sort_by_key(|i| i.start());
        gatherings.sort_by_key(|g| (g.data.start, g.id));
        gatherings.dedup_by_key(|g| g.id);
        Ok(Calendar {
            name: format!("{}: itinerary", speaker.data.name),
            description: format!(
                "The talks {} gives, the socials speakers are invited to, and their booked arrival and departure",
                speaker.data.name
            ),
            zone,
            span: None,
            gatherings,
            items: travel,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_calendar_covers_the_one_before() {
        use Audience as A;
        let covered = |c: CalendarAudience| -> Vec<Audience> {
            A::ALL.iter().copied().filter(|a| c.covers(*a)).collect()
        };
        assert_eq!(covered(CalendarAudience::Public), [A::Public]);
        assert_eq!(
            covered(CalendarAudience::Attendees),
            [A::Public, A::Attendees]
        );
        assert_eq!(
            covered(CalendarAudience::Speakers),
            [A::Public, A::Attendees, A::Speakers]
        );
        assert_eq!(covered(CalendarAudience::Organisers), A::ALL);
        assert_eq!(
            CalendarAudience::parse("audience", "invite-only")
                .unwrap_err()
                .field(),
            Some("audience")
        );
    }
}
