//! What calendars show beside gatherings, read from a real database file: a speaker's booked
//! arrival and departure in their itinerary, each shipment's ship-by and must-arrive-by days in
//! the organisers' calendar; their UIDs across re-exports, their SEQUENCE raised exactly when what
//! they show changes, cancellations kept in; and no e-mail address, phone number or travel amount
//! in any calendar.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use roadie_core::{
    ApprovalInput, Audience, BookingData, CalendarAudience, EventKind, Feed, FixedClock,
    GatheringKind, OrganiserData, ShipmentData, ShipmentStatus, SpeakerData, TravelAction,
    TravelCategory, TravelPolicy, TravelRequestData,
};

use crate::helpers::*;

const ORGANISER: &str = "Olu";

fn clock() -> FixedClock {
    FixedClock("2026-05-01T08:00:00Z".parse::<DateTime<Utc>>().unwrap())
}

/// An event as written: its properties by name (parameters kept in the name), unfolded.
type Event = BTreeMap<String, String>;

/// The events of a calendar by UID.
fn events(ics: &str) -> BTreeMap<String, Event> {
    let unfolded = ics.replace("\r\n ", "");
    let mut found = BTreeMap::new();
    for block in unfolded.split("BEGIN:VEVENT\r\n").skip(1) {
        let block = block.split("END:VEVENT\r\n").next().unwrap();
        let event: Event = block
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, value) = l.split_once(':').unwrap();
                (name.to_owned(), value.to_owned())
            })
            .collect();
        found.insert(event["UID"].clone(), event);
    }
    found
}

async fn export(store: &TestStore, feed: Feed) -> String {
    store
        .calendar(feed)
        .await
        .unwrap()
        .to_ics(&clock())
        .unwrap()
}

fn sequence(event: &Event) -> i64 {
    event["SEQUENCE"].parse().unwrap()
}

/// Every calendar of `summit_id`, and the itinerary of `speaker_id`.
async fn every_calendar(store: &TestStore, summit_id: i64, speaker_id: i64) -> Vec<String> {
    let mut all = Vec::new();
    for audience in CalendarAudience::ALL {
        let feed = Feed::Summit {
            summit_id,
            audience: *audience,
        };
        all.push(export(store, feed).await);
    }
    all.push(export(store, Feed::Speaker { speaker_id }).await);
    all
}

/// What must never be in a calendar: the speaker's and the organiser's e-mail addresses, the
/// shipment contact's phone number, and every travel amount (requested, approved, paid).
fn assert_nothing_personal(ics: &str) {
    for secret in [
        "ada@example.org",
        "olu@example.org",
        "+49 30 1234567",
        "1234567",
        "731.37",
        "731,37",
        "EUR",
        "@example",
    ] {
        assert!(!ics.contains(secret), "{secret:?} is in a calendar:\n{ics}");
    }
}

/// A summit with a talk given by Ada (who asks for travel money), organisers, a travel policy,
/// and Ada's request approved and accepted; returns (summit, Ada, her request).
async fn summit_with_a_funded_speaker(store: &TestStore) -> (i64, i64, i64) {
    let summit = store.new_summit("s").await.id;
    let talk = store
        .add_gathering(&gathering_data(
            Some(summit),
            GatheringKind::Session,
            "Ada's talk",
            "2026-06-10 10:00",
            60,
        ))
        .await
        .unwrap();
    let ada = store
        .add_speaker(&SpeakerData {
            email: Some("ada@example.org".into()),
            ..speaker_data("Ada Lovelace")
        })
        .await
        .unwrap()
        .id;
    store.link_talk(ada, talk.id).await.unwrap();
    store
        .add_organiser(
            &OrganiserData {
                name: ORGANISER.into(),
                email: Some("olu@example.org".into()),
                speaker_id: None,
            },
            now(),
        )
        .await
        .unwrap();
    let eur = |text: &str| money(text);
    store
        .set_travel_policy(
            &TravelPolicy {
                summit_id: summit,
                pool: eur("10000 EUR"),
                airfare_cap: eur("2000 EUR"),
                airfare_domestic_cap: None,
                airfare_international_cap: None,
                domestic_country: None,
                lodging_per_night: eur("200 EUR"),
                lodging_max_nights: None,
                ground_cap: eur("100 EUR"),
                visa_cap: eur("100 EUR"),
                other_cap: eur("100 EUR"),
                accept_by_days: 14,
                review_min: 1,
                review_max: 5,
            },
            ORGANISER,
            now(),
        )
        .await
        .unwrap();
    let request = store
        .submit_travel_request(
            &TravelRequestData {
                items: vec![item(TravelCategory::Airfare, "731.37 EUR")],
                ..travel_data(summit, ada, "EUR")
            },
            now(),
        )
        .await
        .unwrap()
        .id;
    store
        .move_travel(request, TravelAction::StartReview, ORGANISER, None, now())
        .await
        .unwrap();
    store
        .approve_travel(request, ORGANISER, &ApprovalInput::default(), &clock())
        .await
        .unwrap();
    store
        .accept_travel(request, ORGANISER, &clock())
        .await
        .unwrap();
    (summit, ada, request)
}

fn booking(arrive: &str) -> BookingData {
    BookingData {
        flight_ref: Some("LH 123".into()),
        hotel_ref: Some("Hotel Adlon #42".into()),
        arrive_at: at(arrive),
        depart_at: at("2026-06-13 10:00"),
        nights: Some(4),
    }
}

#[tokio::test]
async fn an_itinerary_holds_the_booked_arrival_and_departure() {
    let store = &spawn_store().await;
    let (summit, ada, request) = summit_with_a_funded_speaker(store).await;
    let itinerary = Feed::Speaker { speaker_id: ada };
    // Not booked yet: the talk alone.
    assert_eq!(events(&export(store, itinerary).await).len(), 1);

    store
        .book_travel(request, ORGANISER, &booking("2026-06-09 15:00"), now())
        .await
        .unwrap();
    let first = export(store, itinerary).await;
    let read = events(&first);
    let arrival_uid = format!("travel-{request}-arrival@roadie");
    let departure_uid = format!("travel-{request}-departure@roadie");
    assert_eq!(read.len(), 3, "{first}");
    let arrive = &read[&arrival_uid];
    assert_eq!(arrive["SUMMARY"], "Arrive: LH 123 at Berlin");
    // At its time in the summit's zone, a moment: no DTEND.
    assert_eq!(arrive["DTSTART;TZID=Europe/Berlin"], "20260609T150000");
    assert!(!arrive.contains_key("DTEND;TZID=Europe/Berlin"));
    assert_eq!(arrive["LOCATION"], "Berlin");
    assert_eq!(
        arrive["DESCRIPTION"],
        "Ada Lovelace arrives in Berlin for Summit s.\\nBooked travel: LH 123.\\nHotel: Hotel Adlon #42\\, 4 nights."
    );
    assert_eq!(arrive["CATEGORIES"], "travel");
    assert_eq!(arrive["STATUS"], "CONFIRMED");
    assert_eq!(sequence(arrive), 0);
    let leave = &read[&departure_uid];
    assert_eq!(leave["SUMMARY"], "Depart: LH 123 from Berlin");
    assert_eq!(leave["DTSTART;TZID=Europe/Berlin"], "20260613T100000");

    // What the dialog counts is what the file holds.
    let overview = store.calendar_overview(itinerary).await.unwrap();
    assert_eq!(overview.events, 3);
    let kinds: Vec<(EventKind, usize)> = overview.kinds.iter().map(|k| (k.kind, k.count)).collect();
    assert_eq!(
        kinds,
        [
            (EventKind::Session, 1),
            (EventKind::Arrival, 1),
            (EventKind::Departure, 1)
        ]
    );

    // Exported again unchanged, or rebooked the same: nothing rises.
    assert_eq!(events(&export(store, itinerary).await), read);
    store
        .book_travel(request, ORGANISER, &booking("2026-06-09 15:00"), now())
        .await
        .unwrap();
    assert_eq!(events(&export(store, itinerary).await), read);

    // A later flight: the arrival's sequence rises, the departure and the talk keep theirs.
    store
        .book_travel(request, ORGANISER, &booking("2026-06-09 21:30"), now())
        .await
        .unwrap();
    let later = events(&export(store, itinerary).await);
    assert_eq!(
        later.keys().collect::<Vec<_>>(),
        read.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        later[&arrival_uid]["DTSTART;TZID=Europe/Berlin"],
        "20260609T213000"
    );
    assert_eq!(sequence(&later[&arrival_uid]), 1);
    assert_eq!(later[&departure_uid], read[&departure_uid]);
    let talk_uid = read.keys().find(|u| !u.starts_with("travel-")).unwrap();
    assert_eq!(later[talk_uid], read[talk_uid]);

    // Withdrawn: both stay, cancelled, each one sequence higher.
    store
        .move_travel(request, TravelAction::Withdraw, ORGANISER, None, now())
        .await
        .unwrap();
    let gone = events(&export(store, itinerary).await);
    assert_eq!(gone.len(), 3);
    for (uid, before) in [(&arrival_uid, 1), (&departure_uid, 0)] {
        assert_eq!(gone[uid]["STATUS"], "CANCELLED", "{uid}");
        assert_eq!(sequence(&gone[uid]), before + 1, "{uid}");
    }
    assert_eq!(
        store.calendar_overview(itinerary).await.unwrap().cancelled,
        2
    );
    // The summit's calendars never hold anyone's travel.
    for audience in CalendarAudience::ALL {
        let feed = Feed::Summit {
            summit_id: summit,
            audience: *audience,
        };
        assert!(
            events(&export(store, feed).await)
                .keys()
                .all(|u| !u.starts_with("travel-"))
        );
    }
    for ics in every_calendar(store, summit, ada).await {
        assert_nothing_personal(&ics);
    }
}

#[tokio::test]
async fn the_organisers_calendar_holds_each_shipments_days() {
    let store = &spawn_store().await;
    let (summit, ada, request) = summit_with_a_funded_speaker(store).await;
    store
        .book_travel(request, ORGANISER, &booking("2026-06-09 15:00"), now())
        .await
        .unwrap();
    let warm_up = store
        .add_gathering(&roadie_core::GatheringData {
            audience: Audience::Public,
            venue: Some("Café Olé".into()),
            ..gathering_data(
                Some(summit),
                GatheringKind::Meetup,
                "Warm-up",
                "2026-06-08 18:30",
                120,
            )
        })
        .await
        .unwrap();
    let to_summit = store
        .add_shipment(
            &ShipmentData {
                contact_name: Some("Dock".into()),
                contact_phone: Some("+49 30 1234567".into()),
                shipping_cost: Some(money("731.37 EUR")),
                ..shipment_data(Some(summit), Vec::new())
            },
            now(),
        )
        .await
        .unwrap()
        .id;
    let to_warm_up = store
        .add_shipment(
            &ShipmentData {
                summit_id: None,
                gathering_id: Some(warm_up.id),
                origin: "Printer, Leipzig".into(),
                buffer_days: 1,
                transit_days: 2,
                ..shipment_data(None, Vec::new())
            },
            now(),
        )
        .await
        .unwrap()
        .id;
    // To an address: no deadlines, nothing in any calendar.
    store
        .add_shipment(
            &ShipmentData {
                summit_id: None,
                destination_address: Some("1 Main Street".into()),
                ..shipment_data(None, Vec::new())
            },
            now(),
        )
        .await
        .unwrap();
    let organisers = Feed::Summit {
        summit_id: summit,
        audience: CalendarAudience::Organisers,
    };
    let read = events(&export(store, organisers).await);
    let uid = |id: i64, which: &str| format!("shipment-{id}-{which}@roadie");
    assert_eq!(read.len(), 2 + 4, "{:?}", read.keys());

    // The summit starts on 10 June: due in Berlin by 00:00 on the 7th (three days' buffer), so
    // on the 6th, and shipped by 00:00 on the 2nd (five in transit), so on the 1st.
    let arrive = &read[&uid(to_summit, "must-arrive-by")];
    assert_eq!(
        arrive["SUMMARY"],
        "Must arrive by: shipment 1 from Berlin warehouse (draft)"
    );
    assert_eq!(arrive["DTSTART;VALUE=DATE"], "20260606");
    assert_eq!(arrive["DTEND;VALUE=DATE"], "20260607");
    assert_eq!(arrive["LOCATION"], "bcc");
    assert_eq!(arrive["STATUS"], "CONFIRMED");
    assert_eq!(arrive["TRANSP"], "TRANSPARENT");
    assert_eq!(arrive["CATEGORIES"], "shipment");
    assert!(arrive["DESCRIPTION"].contains("must arrive by 2026-06-07 00:00 Europe/Berlin"));
    let ship = &read[&uid(to_summit, "ship-by")];
    assert_eq!(ship["DTSTART;VALUE=DATE"], "20260601");
    assert_eq!(ship["DTEND;VALUE=DATE"], "20260602");
    assert_eq!(ship["LOCATION"], "Berlin warehouse");
    // The warm-up starts at 18:30 on the 8th: due by 18:30 on the 7th, shipped by the 5th.
    let arrive = &read[&uid(to_warm_up, "must-arrive-by")];
    assert_eq!(
        arrive["SUMMARY"],
        "Must arrive by: shipment 2 from Printer\\, Leipzig for Warm-up (draft)"
    );
    assert_eq!(arrive["DTSTART;VALUE=DATE"], "20260607");
    assert_eq!(arrive["LOCATION"], "Café Olé");
    assert_eq!(
        read[&uid(to_warm_up, "ship-by")]["DTSTART;VALUE=DATE"],
        "20260605"
    );
    assert!(read.values().all(|e| sequence(e) == 0));

    // Only the organisers' calendar holds them.
    for audience in [
        CalendarAudience::Public,
        CalendarAudience::Attendees,
        CalendarAudience::Speakers,
    ] {
        let feed = Feed::Summit {
            summit_id: summit,
            audience,
        };
        assert!(
            events(&export(store, feed).await)
                .keys()
                .all(|u| !u.starts_with("shipment-"))
        );
        let kinds = store.calendar_overview(feed).await.unwrap().kinds;
        assert!(kinds.iter().all(|k| k.kind != EventKind::ShippingDeadline));
    }
    let overview = store.calendar_overview(organisers).await.unwrap();
    assert_eq!(overview.events, 6);
    assert!(
        overview
            .kinds
            .iter()
            .any(|k| (k.kind, k.count) == (EventKind::ShippingDeadline, 4))
    );

    // Shipped: its two days say so, one sequence higher; the other shipment's stay as they were.
    store
        .set_shipment_status(to_summit, ShipmentStatus::Shipped, now())
        .await
        .unwrap();
    let shipped = events(&export(store, organisers).await);
    for which in ["ship-by", "must-arrive-by"] {
        let e = &shipped[&uid(to_summit, which)];
        assert!(e["SUMMARY"].ends_with("(shipped)"), "{e:?}");
        assert_eq!(sequence(e), 1);
        assert_eq!(
            shipped[&uid(to_warm_up, which)],
            read[&uid(to_warm_up, which)]
        );
    }

    // The warm-up moves a day later: its shipment's days move with it, one sequence higher.
    let mut later = warm_up.data.clone();
    later.start += Duration::days(1);
    later.end += Duration::days(1);
    store.update_gathering(warm_up.id, &later).await.unwrap();
    let moved = events(&export(store, organisers).await);
    let arrive = &moved[&uid(to_warm_up, "must-arrive-by")];
    assert_eq!(arrive["DTSTART;VALUE=DATE"], "20260608");
    assert_eq!(sequence(arrive), 1);
    assert_eq!(
        moved[&uid(to_summit, "ship-by")],
        shipped[&uid(to_summit, "ship-by")]
    );

    // Sent back: it will not arrive; both days stay in, cancelled, one sequence higher.
    store
        .set_shipment_status(to_summit, ShipmentStatus::Returned, now())
        .await
        .unwrap();
    let returned = events(&export(store, organisers).await);
    assert_eq!(returned.len(), 6);
    for which in ["ship-by", "must-arrive-by"] {
        let e = &returned[&uid(to_summit, which)];
        assert_eq!(e["STATUS"], "CANCELLED");
        assert_eq!(sequence(e), 2);
    }
    assert_eq!(
        store.calendar_overview(organisers).await.unwrap().cancelled,
        2
    );

    for ics in every_calendar(store, summit, ada).await {
        assert_nothing_personal(&ics);
    }
}
