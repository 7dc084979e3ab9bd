use chrono::Duration;
use roadie_core::{GatheringKind, GatheringStatus, TimelineFilter};

use crate::helpers::*;

#[tokio::test]
async fn the_timeline_lists_days_with_matching_counts_and_one_day_at_a_time() {
    let store = spawn_store().await;
    let summit = store.new_summit("days").await.id;
    let other = store.new_summit("other").await.id;
    let mut late = session(summit, "Late talk", "2026-06-10 23:30");
    late.room = Some("Saal Ü".into());
    let late = store.add_gathering(&late).await.unwrap();
    // 00:30 in Berlin is still the 10th in UTC: it belongs to the 11th on the venue's clock.
    let mut after_midnight = gathering_data(
        Some(summit),
        GatheringKind::Social,
        "Karaoke",
        "2026-06-11 00:30",
        120,
    );
    after_midnight.track = Some("Community".into());
    let after_midnight = store.add_gathering(&after_midnight).await.unwrap();
    let morning = store
        .add_gathering(&session(summit, "Morning ÜBER talk", "2026-06-11 09:00"))
        .await
        .unwrap();
    let party = store
        .add_gathering(&gathering_data(
            Some(summit),
            GatheringKind::Social,
            "Party",
            "2026-06-12 20:00",
            180,
        ))
        .await
        .unwrap();
    store.cancel_gathering(party.id).await.unwrap();
    store
        .add_gathering(&session(other, "Elsewhere", "2026-06-11 10:00"))
        .await
        .unwrap();

    let everything = TimelineFilter {
        summit_id: Some(summit),
        ..TimelineFilter::default()
    };
    let days = store.timeline_days(&everything).await.unwrap();
    let summary: Vec<_> = days
        .iter()
        .map(|d| (d.day.to_string(), d.gatherings, d.matching))
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-06-10".to_string(), 1, 1),
            ("2026-06-11".to_string(), 2, 2),
            ("2026-06-12".to_string(), 1, 1)
        ]
    );
    let eleventh = store
        .timeline_day(&everything, date("2026-06-11"))
        .await
        .unwrap();
    assert_eq!(
        ids(&eleventh, |g| g.gathering.id),
        [after_midnight.id, morning.id]
    );
    assert_eq!(eleventh[0].start_local, "2026-06-11T00:30");

    // Text ignores case (also beyond ASCII) and looks in the title, room, venue and track.
    let text = |t: &str| TimelineFilter {
        text: Some(t.into()),
        ..everything.clone()
    };
    let days = store.timeline_days(&text("  über ")).await.unwrap();
    let matching: Vec<_> = days.iter().map(|d| d.matching).collect();
    assert_eq!(matching, [0, 1, 0], "days stay listed with 0");
    let days = store.timeline_days(&text("saal ü")).await.unwrap();
    assert_eq!(
        days.iter().map(|d| d.matching).collect::<Vec<_>>(),
        [1, 0, 0]
    );
    let found = store
        .timeline_day(&text("community"), date("2026-06-11"))
        .await
        .unwrap();
    assert_eq!(ids(&found, |g| g.gathering.id), [after_midnight.id]);
    assert!(
        store
            .timeline_day(&text("nothing like it"), date("2026-06-10"))
            .await
            .unwrap()
            .is_empty()
    );

    // Kind and status narrow the same way.
    let cancelled = TimelineFilter {
        status: Some(GatheringStatus::Cancelled),
        ..everything.clone()
    };
    let days = store.timeline_days(&cancelled).await.unwrap();
    assert_eq!(
        days.iter().map(|d| d.matching).collect::<Vec<_>>(),
        [0, 0, 1]
    );
    let socials = TimelineFilter {
        kind: Some(GatheringKind::Social),
        ..everything.clone()
    };
    let found = store
        .timeline_day(&socials, date("2026-06-11"))
        .await
        .unwrap();
    assert_eq!(ids(&found, |g| g.gathering.id), [after_midnight.id]);
    assert_eq!(
        ids(
            &store
                .timeline_day(&everything, date("2026-06-10"))
                .await
                .unwrap(),
            |g| g.gathering.id
        ),
        [late.id]
    );
}

#[tokio::test]
async fn a_day_holds_what_starts_on_it_in_zones_far_from_utc() {
    let store = spawn_store().await;
    let mut kiritimati = gathering_data(
        None,
        GatheringKind::Meetup,
        "Dawn meetup",
        "2026-06-10 12:00",
        60,
    );
    kiritimati.tz = zone("Pacific/Kiritimati"); // UTC+14
    kiritimati.start = zone("Pacific/Kiritimati")
        .to_utc("start", parse("2026-06-11 00:00"))
        .unwrap();
    kiritimati.end = kiritimati.start + Duration::minutes(60);
    let early = store.add_gathering(&kiritimati).await.unwrap();
    let mut baker = gathering_data(
        None,
        GatheringKind::Meetup,
        "Late meetup",
        "2026-06-10 12:00",
        60,
    );
    baker.tz = zone("Etc/GMT+12"); // UTC−12
    baker.start = zone("Etc/GMT+12")
        .to_utc("start", parse("2026-06-11 23:59"))
        .unwrap();
    baker.end = baker.start + Duration::minutes(1);
    let late = store.add_gathering(&baker).await.unwrap();
    let standalone = TimelineFilter {
        standalone: true,
        ..TimelineFilter::default()
    };
    let day = store
        .timeline_day(&standalone, date("2026-06-11"))
        .await
        .unwrap();
    assert_eq!(ids(&day, |g| g.gathering.id), [early.id, late.id]);
    assert!(
        store
            .timeline_day(&standalone, date("2026-06-10"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .timeline_day(&standalone, date("2026-06-12"))
            .await
            .unwrap()
            .is_empty()
    );
    let days = store.timeline_days(&standalone).await.unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!((days[0].day, days[0].gatherings), (date("2026-06-11"), 2));
}

fn parse(local: &str) -> chrono::NaiveDateTime {
    roadie_core::time::parse_local("start", local).unwrap()
}
