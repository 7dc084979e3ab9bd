//! What calendars show beside gatherings: a speaker's booked arrival and departure (in their
//! itinerary) and each shipment's ship-by and must-arrive-by days (in the organisers' calendar).
//!
//! Items are made from their records at every export. Their UID comes from the record's own id
//! (a booking is kept by its request's id, which rebooking keeps), so it never changes; their
//! SEQUENCE is kept in the database by [`super::sequences`]. A withdrawn request's trip and a
//! shipment sent back stay in, marked cancelled. Calendars never carry travel amounts, e-mail
//! addresses or phone numbers: nothing here reads them (a shipment's contact is left out too).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::EventKind;
use crate::shipment::{Deadline, Shipment, ShipmentStatus};
use crate::summit::Summit;
use crate::time::Zone;
use crate::travel::TravelStatus;
use crate::travel::funding::Itinerary;

/// When an item happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemTime {
    /// A moment (an arrival, a departure), written at its wall-clock time in `zone` and with no
    /// DTEND: it takes no time.
    At { at: DateTime<Utc>, zone: Zone },
    /// A whole day (a deadline), written as VALUE=DATE with an exclusive DTEND the next day.
    Day(NaiveDate),
}

/// An event a calendar shows beside its gatherings.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub uid: String,
    /// Read from the database when the calendar is made ([`crate::Store::calendar`]).
    pub sequence: i64,
    pub kind: EventKind,
    /// SUMMARY.
    pub title: String,
    pub when: ItemTime,
    /// DESCRIPTION: lines of text.
    pub description: String,
    pub location: Option<String>,
    /// STATUS:CANCELLED, else CONFIRMED.
    pub cancelled: bool,
}

impl Item {
    /// Its CATEGORIES value.
    pub fn category(&self) -> &'static str {
        match self.kind {
            EventKind::Arrival | EventKind::Departure => "travel",
            EventKind::ShippingDeadline => "shipment",
            other => other.as_str(),
        }
    }

    /// The instant it starts at, for ordering: a day starts at its midnight in UTC.
    pub fn start(&self) -> DateTime<Utc> {
        match self.when {
            ItemTime::At { at, .. } => at,
            ItemTime::Day(day) => day.and_time(NaiveTime::MIN).and_utc(),
        }
    }
}

/// Where a summit is: its city, else its venue.
fn summit_place(summit: &Summit) -> Option<&str> {
    summit.data.city.as_deref().or(summit.data.venue.as_deref())
}

/// The booked arrival and departure of `trip`, `speaker`'s trip to `summit`, at their times in
/// the summit's zone (bookings keep UTC instants of arriving in and leaving the summit's city).
pub(crate) fn travel(trip: &Itinerary, summit: &Summit, speaker: &str) -> [Item; 2] {
    let s = &summit.data;
    let place = summit_place(summit);
    let town = place.unwrap_or(&s.name);
    let cancelled = trip.status == TravelStatus::Withdrawn;
    let mut details = String::new();
    if let Some(by) = &trip.flight_ref {
        details.push_str(&format!("\nBooked travel: {by}."));
    }
    if let Some(hotel) = &trip.hotel_ref {
        match trip.nights {
            Some(1) => details.push_str(&format!("\nHotel: {hotel}, 1 night.")),
            Some(n) => details.push_str(&format!("\nHotel: {hotel}, {n} nights.")),
            None => details.push_str(&format!("\nHotel: {hotel}.")),
        }
    }
    if cancelled {
        details.push_str("\nCancelled: the travel request was withdrawn.");
    }
    let item = |kind, title: String, at, first: String| Item {
        uid: format!(
            "travel-{}-{}@roadie",
            trip.request_id,
            if kind == EventKind::Arrival {
                "arrival"
            } else {
                "departure"
            }
        ),
        sequence: 0,
        kind,
        title,
        when: ItemTime::At { at, zone: s.tz },
        description: first + &details,
        location: place.map(str::to_owned),
        cancelled,
    };
    let by = trip.flight_ref.as_deref();
    [
        item(
            EventKind::Arrival,
            match by {
                Some(by) => format!("Arrive: {by} at {town}"),
                None => format!("Arrive at {town}"),
            },
            trip.arrive_at,
            format!("{speaker} arrives in {town} for {}.", s.name),
        ),
        item(
            EventKind::Departure,
            match by {
                Some(by) => format!("Depart: {by} from {town}"),
                None => format!("Depart from {town}"),
            },
            trip.depart_at,
            format!("{speaker} leaves {town} after {}.", s.name),
        ),
    ]
}

/// Where a shipment goes, as its calendar items name it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Destination<'a> {
    /// The summit's name, or the gathering's title.
    pub name: &'a str,
    /// Its venue (or city), for LOCATION.
    pub place: Option<&'a str>,
    /// Whether it is a gathering of the summit (named in the title), not the summit itself.
    pub gathering: bool,
}

impl<'a> Destination<'a> {
    /// A shipment to the summit itself.
    pub fn summit(summit: &'a Summit) -> Destination<'a> {
        Destination {
            name: &summit.data.name,
            place: summit.data.venue.as_deref().or(summit.data.city.as_deref()),
            gathering: false,
        }
    }
}

/// The day a deadline falls on: the last day on which it can still be met, so one at midnight is
/// the day before (arriving "by 00:00 on the 7th" means by the end of the 6th).
fn due_day(deadline: &Deadline) -> NaiveDate {
    let local = deadline.tz.local(deadline.at);
    if local.time() == NaiveTime::MIN {
        local.date().pred_opt().unwrap_or(local.date())
    } else {
        local.date()
    }
}

/// The ship-by and must-arrive-by days of `shipment` going to `to`, as all-day items; none for a
/// shipment to an address (it has no deadlines). A shipment sent back is cancelled: it will not
/// arrive.
pub(crate) fn shipping(shipment: &Shipment, to: Destination<'_>) -> Vec<Item> {
    let (Some(ship_by), Some(arrive_by)) = (&shipment.ship_by, &shipment.must_arrive_by) else {
        return Vec::new();
    };
    let d = &shipment.data;
    let status = d.status.as_str().replace('-', " ");
    let what = if to.gathering {
        format!("shipment {} from {} for {}", shipment.id, d.origin, to.name)
    } else {
        format!("shipment {} from {}", shipment.id, d.origin)
    };
    let mut description = format!(
        "Shipment {} from {} to {}: {status}.\nShip by {}; must arrive by {}.",
        shipment.id,
        d.origin,
        to.name,
        ship_by.text(),
        arrive_by.text()
    );
    match (&d.carrier, &d.tracking_number) {
        (Some(carrier), Some(number)) => {
            description.push_str(&format!("\nCarrier: {carrier}, tracking number {number}."));
        }
        (Some(carrier), None) => description.push_str(&format!("\nCarrier: {carrier}.")),
        (None, Some(number)) => description.push_str(&format!("\nTracking number {number}.")),
        (None, None) => {}
    }
    if let Some(day) = d.ship_date {
        description.push_str(&format!("\nShipped on {day}."));
    }
    let cancelled = d.status == ShipmentStatus::Returned;
    if cancelled {
        description.push_str("\nCancelled: the shipment was sent back and will not arrive.");
    }
    let item = |which: &str, label: &str, deadline: &Deadline, location: Option<&str>| Item {
        uid: format!("shipment-{}-{which}@roadie", shipment.id),
        sequence: 0,
        kind: EventKind::ShippingDeadline,
        title: format!("{label}: {what} ({status})"),
        when: ItemTime::Day(due_day(deadline)),
        description: description.clone(),
        location: location.map(str::to_owned),
        cancelled,
    };
    vec![
        item("ship-by", "Ship by", ship_by, Some(&d.origin)),
        item("must-arrive-by", "Must arrive by", arrive_by, to.place),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use crate::shipment::ShipmentData;
    use crate::summit::SummitData;

    fn zone() -> Zone {
        Zone::parse("tz", "Europe/Paris").unwrap()
    }

    pub(crate) fn summit() -> Summit {
        Summit {
            id: 1,
            data: SummitData {
                name: "Northwind Summit".into(),
                slug: "northwind".into(),
                city: Some("Lyon".into()),
                venue: Some("Cité Internationale".into()),
                tz: zone(),
                start_date: NaiveDate::from_ymd_opt(2026, 6, 10).unwrap(),
                end_date: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
                currency: Currency::parse("currency", "EUR").unwrap(),
                budget: None,
            },
        }
    }

    pub(crate) fn trip(status: TravelStatus) -> Itinerary {
        Itinerary {
            summit_id: 1,
            speaker_id: 3,
            request_id: 42,
            status,
            arrive_at: "2026-06-09T13:00:00Z".parse().unwrap(),
            depart_at: "2026-06-13T09:00:00Z".parse().unwrap(),
            nights: Some(4),
            flight_ref: Some("AF 7712".into()),
            hotel_ref: Some("Hôtel des Célestins #4411".into()),
        }
    }

    #[test]
    fn a_trip_is_an_arrival_and_a_departure_in_the_summits_zone() {
        let [arrive, leave] = travel(&trip(TravelStatus::Booked), &summit(), "Ada Lovelace");
        assert_eq!(arrive.uid, "travel-42-arrival@roadie");
        assert_eq!(leave.uid, "travel-42-departure@roadie");
        assert_eq!(arrive.title, "Arrive: AF 7712 at Lyon");
        assert_eq!(leave.title, "Depart: AF 7712 from Lyon");
        assert_eq!(
            arrive.description,
            "Ada Lovelace arrives in Lyon for Northwind Summit.\nBooked travel: AF 7712.\n\
             Hotel: Hôtel des Célestins #4411, 4 nights."
        );
        assert_eq!(
            arrive.when,
            ItemTime::At {
                at: "2026-06-09T13:00:00Z".parse().unwrap(),
                zone: zone()
            }
        );
        assert_eq!(arrive.location.as_deref(), Some("Lyon"));
        assert_eq!((arrive.category(), arrive.cancelled), ("travel", false));

        let mut unbooked = trip(TravelStatus::Withdrawn);
        unbooked.flight_ref = None;
        unbooked.hotel_ref = None;
        let mut nowhere = summit();
        nowhere.data.city = None;
        nowhere.data.venue = None;
        let [arrive, _] = travel(&unbooked, &nowhere, "Ada");
        assert_eq!(arrive.title, "Arrive at Northwind Summit");
        assert_eq!(arrive.location, None);
        assert!(arrive.cancelled);
        assert!(
            arrive
                .description
                .ends_with("\nCancelled: the travel request was withdrawn.")
        );
    }

    fn shipment(status: ShipmentStatus) -> Shipment {
        let at = |t: &str| Deadline {
            at: t.parse().unwrap(),
            local: String::new(),
            tz: zone(),
        };
        let mut must_arrive_by = at("2026-06-06T22:00:00Z");
        must_arrive_by.local = "2026-06-07T00:00".into();
        let mut ship_by = at("2026-06-02T16:30:00Z");
        ship_by.local = "2026-06-02T18:30".into();
        Shipment {
            id: 7,
            data: ShipmentData {
                summit_id: Some(1),
                gathering_id: None,
                destination_address: None,
                origin: "Printer, Leipzig".into(),
                contact_name: Some("Camille".into()),
                contact_phone: Some("+33 4 78 00 00 00".into()),
                carrier: Some("DHL".into()),
                tracking_number: Some("JD0146".into()),
                ship_date: None,
                buffer_days: 3,
                transit_days: 5,
                status,
                shipping_cost: None,
                customs_cost: None,
                contents: Vec::new(),
            },
            must_arrive_by: Some(must_arrive_by),
            ship_by: Some(ship_by),
            next_statuses: Vec::new(),
        }
    }

    #[test]
    fn a_shipment_has_two_whole_days() {
        let summit = summit();
        let items = shipping(
            &shipment(ShipmentStatus::InTransit),
            Destination::summit(&summit),
        );
        let [ship, arrive] = items.as_slice() else {
            panic!("{items:?}")
        };
        assert_eq!(ship.uid, "shipment-7-ship-by@roadie");
        assert_eq!(arrive.uid, "shipment-7-must-arrive-by@roadie");
        assert_eq!(
            ship.title,
            "Ship by: shipment 7 from Printer, Leipzig (in transit)"
        );
        assert_eq!(
            arrive.title,
            "Must arrive by: shipment 7 from Printer, Leipzig (in transit)"
        );
        // 18:30 on the 2nd is due that day; 00:00 on the 7th means by the end of the 6th.
        let day = |d| ItemTime::Day(NaiveDate::from_ymd_opt(2026, 6, d).unwrap());
        assert_eq!((ship.when, arrive.when), (day(2), day(6)));
        assert_eq!(ship.location.as_deref(), Some("Printer, Leipzig"));
        assert_eq!(arrive.location.as_deref(), Some("Cité Internationale"));
        assert_eq!(
            arrive.description,
            "Shipment 7 from Printer, Leipzig to Northwind Summit: in transit.\n\
             Ship by 2026-06-02 18:30 Europe/Paris; must arrive by 2026-06-07 00:00 Europe/Paris.\n\
             Carrier: DHL, tracking number JD0146."
        );
        assert!(!arrive.description.contains("+33") && !arrive.description.contains("Camille"));
        assert_eq!((arrive.category(), arrive.cancelled), ("shipment", false));

        let returned = shipping(
            &shipment(ShipmentStatus::Returned),
            Destination {
                name: "Warm-up",
                place: None,
                gathering: true,
            },
        );
        assert!(returned.iter().all(|i| i.cancelled));
        assert_eq!(
            returned[1].title,
            "Must arrive by: shipment 7 from Printer, Leipzig for Warm-up (returned)"
        );
        assert_eq!(returned[1].location, None);

        let mut to_an_address = shipment(ShipmentStatus::Draft);
        to_an_address.must_arrive_by = None;
        to_an_address.ship_by = None;
        assert!(shipping(&to_an_address, Destination::summit(&summit)).is_empty());
    }
}
