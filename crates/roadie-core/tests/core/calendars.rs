//! Calendars read from the database: which gatherings each one holds, and what a re-export after
//! edits shows. (The writer's output itself is tested in the crate, and by real validators and
//! clients in tests/ical-validate.sh.)

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use roadie_core::{
    Audience, CalendarAudience, Error, Feed, FixedClock, GatheringData, GatheringKind,
    GatheringStatus, Store,
};

use crate::helpers::*;

fn clock() -> FixedClock {
    FixedClock("2026-05-01T08:00:00Z".parse::<DateTime<Utc>>().unwrap())
}

/// An event as the calendar shows it: UID, SEQUENCE, STATUS and SUMMARY.
#[derive(Clone, Debug, PartialEq)]
struct Event {
    sequence: i64,
    status: String,
    summary: String,
}

/// The events of a calendar by UID, read from its unfolded lines.
fn events(ics: &str) -> BTreeMap<String, Event> {
    let unfolded = ics.replace("\r\n ", "");
    let mut events = BTreeMap::new();
    for block in unfolded.split("BEGIN:VEVENT\r\n").skip(1) {
        let value = |name: &str| {
            block
                .split("\r\n")
                .find_map(|l| l.strip_prefix(name).and_then(|l| l.strip_prefix(':')))
                .unwrap_or_else(|| panic!("no {name} in {block}"))
                .to_owned()
        };
        events.insert(
            value("UID"),
            Event {
                sequence: value("SEQUENCE").parse().unwrap(),
                status: value("STATUS"),
                summary: value("SUMMARY"),
            },
        );
    }
    events
}

async fn export(store: &Store, feed: Feed) -> String {
    store
        .calendar(feed)
        .await
        .unwrap()
        .to_ics(&clock())
        .unwrap()
}

fn titles(ics: &str) -> Vec<String> {
    let mut titles: Vec<String> = events(ics).into_values().map(|e| e.summary).collect();
    titles.sort();
    titles
}

/// One gathering of each audience (its title the audience's name), a milestone for organisers
/// and a cancelled public social.
async fn summit_with_every_audience(store: &TestStore) -> i64 {
    let summit = store.new_summit("s").await;
    for (i, audience) in Audience::ALL.iter().enumerate() {
        let mut g = gathering_data(
            Some(summit.id),
            GatheringKind::Social,
            audience.as_str(),
            &format!("2026-06-10 1{i}:00"),
            60,
        );
        g.audience = *audience;
        store.add_gathering(&g).await.unwrap();
    }
    let mut milestone = gathering_data(
        Some(summit.id),
        GatheringKind::Milestone,
        "deadline",
        "2026-05-20 00:00",
        0,
    );
    milestone.audience = Audience::Organisers;
    store.add_gathering(&milestone).await.unwrap();
    let mut gone = gathering_data(
        Some(summit.id),
        GatheringKind::Social,
        "gone",
        "2026-06-11 19:00",
        60,
    );
    gone.audience = Audience::Public;
    let gone = store.add_gathering(&gone).await.unwrap();
    store.cancel_gathering(gone.id).await.unwrap();
    summit.id
}

#[tokio::test]
async fn each_audience_gets_exactly_the_gatherings_it_covers() {
    let store = &spawn_store().await;
    let summit_id = summit_with_every_audience(store).await;
    let calendar = |audience| Feed::Summit {
        summit_id,
        audience,
    };
    let public = export(store, calendar(CalendarAudience::Public)).await;
    assert_eq!(titles(&public), ["gone", "public"]);
    assert_eq!(
        titles(&export(store, calendar(CalendarAudience::Attendees)).await),
        ["attendees", "gone", "public"]
    );
    assert_eq!(
        titles(&export(store, calendar(CalendarAudience::Speakers)).await),
        ["attendees", "gone", "public", "speakers"]
    );
    assert_eq!(
        titles(&export(store, calendar(CalendarAudience::Organisers)).await),
        [
            "attendees",
            "deadline",
            "gone",
            "invite-only",
            "organisers",
            "public",
            "speakers"
        ]
    );
    // The cancelled social stays, cancelled, with its sequence raised.
    let gone = events(&public)
        .into_values()
        .find(|e| e.summary == "gone")
        .unwrap();
    assert_eq!((gone.status.as_str(), gone.sequence), ("CANCELLED", 1));
    assert!(
        public.contains("NAME:Summit s (public schedule)\r\n"),
        "{public}"
    );
    assert!(public.contains("X-WR-TIMEZONE:Europe/Berlin\r\n"));
    assert!(!public.contains("ATTENDEE"));
    assert!(!public.contains("METHOD"));
}

#[tokio::test]
async fn a_reexport_keeps_uids_and_raises_sequence_only_for_changes() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let mut ids = Vec::new();
    for (i, title) in ["Opening", "Lunch", "Party", "Closing"].iter().enumerate() {
        let mut g = session(summit.id, title, &format!("2026-06-10 1{i}:00"));
        g.audience = Audience::Public;
        ids.push(store.add_gathering(&g).await.unwrap());
    }
    let feed = Feed::Summit {
        summit_id: summit.id,
        audience: CalendarAudience::Public,
    };
    let before = events(&export(store, feed).await);

    // Move one, rename one, cancel one, and save the fourth unchanged.
    let mut moved: GatheringData = ids[0].data.clone();
    moved.start += chrono::Duration::minutes(30);
    moved.end += chrono::Duration::minutes(30);
    store.update_gathering(ids[0].id, &moved).await.unwrap();
    let mut renamed = ids[1].data.clone();
    renamed.title = "Long lunch".into();
    store.update_gathering(ids[1].id, &renamed).await.unwrap();
    store.cancel_gathering(ids[2].id).await.unwrap();
    store
        .update_gathering(ids[3].id, &ids[3].data)
        .await
        .unwrap();
    let after = events(&export(store, feed).await);

    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let sequence = |events: &BTreeMap<String, Event>, i: usize| events[&ids[i].uid].sequence;
    assert_eq!(
        (0..4).map(|i| sequence(&before, i)).collect::<Vec<_>>(),
        [0, 0, 0, 0]
    );
    assert_eq!(
        (0..4).map(|i| sequence(&after, i)).collect::<Vec<_>>(),
        [1, 1, 1, 0]
    );
    assert_eq!(after[&ids[1].uid].summary, "Long lunch");
    assert_eq!(after[&ids[2].uid].status, "CANCELLED");
    assert_eq!(after[&ids[3].uid], before[&ids[3].uid]);
}

#[tokio::test]
async fn a_speaker_gets_their_talks_and_the_socials_for_speakers() {
    let store = &spawn_store().await;
    let summit_id = summit_with_every_audience(store).await;
    let other = store.new_summit("other").await;
    let mine = store
        .add_gathering(&session(summit_id, "My talk", "2026-06-11 10:00"))
        .await
        .unwrap();
    let mut internal = session(summit_id, "My organisers' briefing", "2026-06-11 12:00");
    internal.audience = Audience::Organisers;
    let internal = store.add_gathering(&internal).await.unwrap();
    store
        .add_gathering(&session(
            summit_id,
            "Someone else's talk",
            "2026-06-11 11:00",
        ))
        .await
        .unwrap();
    let mut elsewhere = gathering_data(
        Some(other.id),
        GatheringKind::Social,
        "Other party",
        "2026-06-10 20:00",
        60,
    );
    elsewhere.audience = Audience::Public;
    store.add_gathering(&elsewhere).await.unwrap();
    let speaker = store.add_speaker(&speaker_data("Ada")).await.unwrap();
    store.link_talk(speaker.id, mine.id).await.unwrap();
    store.link_talk(speaker.id, internal.id).await.unwrap();

    let calendar = store
        .calendar(Feed::Speaker {
            speaker_id: speaker.id,
        })
        .await
        .unwrap();
    assert_eq!(calendar.name, "Ada: itinerary");
    let ics = calendar.to_ics(&clock()).unwrap();
    assert_eq!(
        titles(&ics),
        [
            "My organisers' briefing",
            "My talk",
            "attendees",
            "gone",
            "public",
            "speakers"
        ]
    );
    // In time order.
    let starts: Vec<_> = calendar.gatherings.iter().map(|g| g.data.start).collect();
    assert!(starts.is_sorted());

    let lonely = store.add_speaker(&speaker_data("Bo")).await.unwrap();
    let e = store
        .calendar(Feed::Speaker {
            speaker_id: lonely.id,
        })
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("speaker"), "{e}");
    assert!(matches!(
        store.calendar(Feed::Speaker { speaker_id: 999 }).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn single_gatherings_and_standalone_meetups_have_calendars() {
    let store = &spawn_store().await;
    let e = store.calendar(Feed::Meetups).await.unwrap_err();
    assert_eq!(e.field(), Some("meetups"));

    let summit = store.new_summit("s").await;
    let talk = store
        .add_gathering(&session(summit.id, "Talk", "2026-06-10 10:00"))
        .await
        .unwrap();
    let mut meetup = gathering_data(
        None,
        GatheringKind::Meetup,
        "Rust Berlin",
        "2026-06-03 19:00",
        120,
    );
    meetup.recurrence = Some("FREQ=MONTHLY;BYDAY=1WE".into());
    meetup.status = GatheringStatus::Tentative;
    store.add_gathering(&meetup).await.unwrap();
    let tied = gathering_data(
        Some(summit.id),
        GatheringKind::Meetup,
        "Summit meetup",
        "2026-06-09 19:00",
        120,
    );
    store.add_gathering(&tied).await.unwrap();

    let one = export(
        store,
        Feed::Gathering {
            gathering_id: talk.id,
        },
    )
    .await;
    assert_eq!(titles(&one), ["Talk"]);
    let meetups = export(store, Feed::Meetups).await;
    assert_eq!(titles(&meetups), ["Rust Berlin"]);
    assert!(
        meetups.contains("RRULE:FREQ=MONTHLY;BYDAY=1WE\r\n"),
        "{meetups}"
    );
    assert!(meetups.contains("STATUS:TENTATIVE\r\n"));
    assert!(matches!(
        store.calendar(Feed::Gathering { gathering_id: 999 }).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn the_demo_summit_exports_for_every_audience() {
    let store = &spawn_store().await;
    let counts = store
        .seed_demo(roadie_core::demo::Scale::Small, date("2026-05-01"))
        .await
        .unwrap();
    let summit = store.summit_by_slug(&counts.summit_slug).await.unwrap();
    let mut sizes = Vec::new();
    for audience in CalendarAudience::ALL {
        let ics = export(
            store,
            Feed::Summit {
                summit_id: summit.id,
                audience: *audience,
            },
        )
        .await;
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        sizes.push(events(&ics).len());
    }
    assert!(sizes.is_sorted(), "{sizes:?}");
    let all = store
        .list_gatherings(&roadie_core::GatheringFilter {
            summit_id: Some(summit.id),
            ..Default::default()
        })
        .await
        .unwrap();
    // The organisers' calendar also holds two days (ship by, must arrive by) per shipment.
    let shipments = store
        .list_shipments(&roadie_core::ShipmentFilter {
            summit_id: Some(summit.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(shipments.iter().all(|s| s.must_arrive_by.is_some()));
    assert_eq!(sizes[3], all.len() + 2 * shipments.len());
    assert_eq!(
        sizes[2],
        all.iter()
            .filter(|g| CalendarAudience::Speakers.covers(g.data.audience))
            .count()
    );
}
