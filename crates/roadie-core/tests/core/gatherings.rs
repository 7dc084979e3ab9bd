use chrono::{Duration, Timelike};
use roadie_core::time::parse_local;
use roadie_core::{
    Audience, Error, Gathering, GatheringData, GatheringFilter, GatheringKind, GatheringStatus, Geo,
};

use crate::helpers::*;

fn gathering_ids(list: &[Gathering]) -> Vec<i64> {
    ids(list, |g| g.id)
}

#[tokio::test]
async fn a_created_gathering_reads_back_cleaned_up() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let data = GatheringData {
        title: "  Welcome party ".into(),
        description: Some("  ".into()),
        room: Some(" Hall A ".into()),
        track: Some("".into()),
        capacity: Some(300),
        expected_headcount: Some(250),
        audience: Audience::Public,
        status: GatheringStatus::Tentative,
        ..gathering_data(
            Some(summit.id),
            GatheringKind::Social,
            "x",
            "2026-06-10 19:00",
            240,
        )
    };
    let created = store.add_gathering(&data).await.unwrap();
    assert_eq!(created.data.title, "Welcome party");
    assert_eq!(created.data.description, None);
    assert_eq!(created.data.room.as_deref(), Some("Hall A"));
    assert_eq!(created.data.track, None);
    assert_eq!(created.sequence, 0);
    assert!(created.uid.ends_with("@roadie"), "{}", created.uid);
    assert_eq!(store.gathering(created.id).await.unwrap(), created);
}

#[tokio::test]
async fn missing_gatherings_are_not_found() {
    let store = &spawn_store().await;
    assert!(matches!(
        store.gathering(7).await,
        Err(Error::NotFound {
            kind: "gathering",
            ..
        })
    ));
    let summit = store.new_summit("s").await;
    let data = session(summit.id, "Talk", "2026-06-10 10:00");
    assert!(matches!(
        store.update_gathering(7, &data).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.cancel_gathering(7).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn sub_second_times_round_trip() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let mut data = session(summit.id, "Talk", "2026-06-10 10:00");
    data.start += Duration::milliseconds(250);
    data.end += Duration::milliseconds(750);
    let created = store.add_gathering(&data).await.unwrap();
    assert_eq!(created.data.start.nanosecond(), 0);
    assert_eq!(store.gathering(created.id).await.unwrap(), created);
    // Saving the same times again is no calendar change.
    let again = store.update_gathering(created.id, &data).await.unwrap();
    assert_eq!(again.sequence, 0);
    // Less than a second apart is no length at all.
    let blink = GatheringData {
        end: created.data.start + Duration::milliseconds(900),
        ..data
    };
    assert_invalid(
        store.add_gathering(&blink).await,
        "end",
        "is not after the start",
    );
}

#[tokio::test]
async fn times_across_dst_round_trip_in_berlin() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    // Winter (UTC+1), summer (UTC+2), over the spring-forward night and the repeated autumn hour.
    let cases = [
        ("2026-01-15 10:00", 60, "2026-01-15T09:00:00+00:00"),
        ("2026-07-15 10:00", 60, "2026-07-15T08:00:00+00:00"),
        ("2026-03-28 23:00", 300, "2026-03-28T22:00:00+00:00"),
        ("2026-10-25 02:30", 30, "2026-10-25T00:30:00+00:00"),
    ];
    for (local, minutes, utc) in cases {
        let created = store
            .add_gathering(&session(summit.id, local, local))
            .await
            .unwrap();
        let mut data = created.data.clone();
        data.end = data.start + Duration::minutes(minutes);
        let created = store.update_gathering(created.id, &data).await.unwrap();
        let read = store.gathering(created.id).await.unwrap();
        assert_eq!(read, created);
        assert_eq!(read.data.start.to_rfc3339(), utc);
        assert_eq!(read.data.tz, berlin());
        assert_eq!(
            read.data.tz.local(read.data.start),
            parse_local("x", local).unwrap()
        );
    }
    // Over the spring-forward night a five-hour span ends at 05:00 local, not 04:00.
    let night = store
        .list_gatherings(&GatheringFilter {
            from: Some(at("2026-03-28 00:00")),
            to: Some(at("2026-03-30 00:00")),
            ..GatheringFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(night.len(), 1);
    assert_eq!(
        berlin().local(night[0].data.end),
        parse_local("x", "2026-03-29 05:00").unwrap()
    );
}

#[tokio::test]
async fn a_link_and_a_map_position_are_kept_and_checked() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let data = GatheringData {
        url: Some(" https://example.org/party ".into()),
        geo: Some(Geo {
            latitude: 45.75781234,
            longitude: -4.8,
        }),
        ..session(summit.id, "Party", "2026-06-10 19:00")
    };
    let created = store.add_gathering(&data).await.unwrap();
    assert_eq!(
        created.data.url.as_deref(),
        Some("https://example.org/party")
    );
    assert_eq!(
        created.data.geo,
        Some(Geo {
            latitude: 45.757812,
            longitude: -4.8
        })
    );
    assert_eq!(store.gathering(created.id).await.unwrap(), created);
    let listed = store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap();
    assert_eq!(listed, std::slice::from_ref(&created));

    for (bad, field) in [
        (
            GatheringData {
                url: Some("javascript:alert(1)".into()),
                ..data.clone()
            },
            "url",
        ),
        (
            GatheringData {
                geo: Some(Geo {
                    latitude: 91.0,
                    longitude: 0.0,
                }),
                ..data.clone()
            },
            "geo",
        ),
    ] {
        assert_eq!(
            store.add_gathering(&bad).await.unwrap_err().field(),
            Some(field)
        );
        assert_eq!(
            store
                .update_gathering(created.id, &bad)
                .await
                .unwrap_err()
                .field(),
            Some(field)
        );
    }
    assert_eq!(store.gathering(created.id).await.unwrap(), created);
}

#[tokio::test]
async fn sequence_rises_by_one_for_calendar_changes_only() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let created = store
        .add_gathering(&session(summit.id, "Talk", "2026-06-10 10:00"))
        .await
        .unwrap();
    assert_eq!(created.sequence, 0);
    assert_eq!(store.gathering(created.id).await.unwrap().sequence, 0);

    let mut data = created.data.clone();
    data.title = "Better talk".into();
    let updated = store.update_gathering(created.id, &data).await.unwrap();
    assert_eq!(updated.sequence, 1);

    data.start += Duration::minutes(30);
    data.end += Duration::minutes(30);
    let updated = store.update_gathering(created.id, &data).await.unwrap();
    assert_eq!(updated.sequence, 2);

    data.status = GatheringStatus::Tentative;
    let updated = store.update_gathering(created.id, &data).await.unwrap();
    assert_eq!(updated.sequence, 3);

    // Capacity, headcount and audience are not shown in a calendar entry.
    data.capacity = Some(80);
    let updated = store.update_gathering(created.id, &data).await.unwrap();
    assert_eq!(updated.sequence, 3);
    data.expected_headcount = Some(70);
    data.audience = Audience::Speakers;
    let updated = store.update_gathering(created.id, &data).await.unwrap();
    assert_eq!(updated.sequence, 3);

    // The track and the kind are: they are its CATEGORIES. So are its link and map position.
    let mut sequence = 3;
    let changes: [&dyn Fn(&mut GatheringData); 5] = [
        &|d| d.track = Some("systems".into()),
        &|d| d.kind = GatheringKind::Social,
        &|d| d.url = Some("https://example.org/talk".into()),
        &|d| d.geo = Some(Geo::new("geo", 45.7578, 4.832).unwrap()),
        &|d| d.geo = Some(Geo::new("geo", 45.7578, 4.8321).unwrap()),
    ];
    for change in changes {
        change(&mut data);
        sequence += 1;
        let updated = store.update_gathering(created.id, &data).await.unwrap();
        assert_eq!(updated.sequence, sequence, "{:?}", updated.data);
    }

    // The same data again changes nothing.
    let same = store.update_gathering(created.id, &data).await.unwrap();
    assert_eq!(same.sequence, sequence);

    let read = store.gathering(created.id).await.unwrap();
    assert_eq!(read, same);
    assert_eq!(read.data.capacity, Some(80));
    assert_eq!(read.uid, created.uid);
}

#[tokio::test]
async fn cancelling_keeps_the_gathering_and_raises_sequence_once() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let created = store
        .add_gathering(&session(summit.id, "Talk", "2026-06-10 10:00"))
        .await
        .unwrap();
    let cancelled = store.cancel_gathering(created.id).await.unwrap();
    assert_eq!(cancelled.data.status, GatheringStatus::Cancelled);
    assert_eq!(cancelled.sequence, 1);
    assert_eq!(cancelled.uid, created.uid);
    let again = store.cancel_gathering(created.id).await.unwrap();
    assert_eq!(again.sequence, 1);
    let read = store.gathering(created.id).await.unwrap();
    assert_eq!(read, again);
    assert_eq!(
        read.data,
        GatheringData {
            status: GatheringStatus::Cancelled,
            ..created.data
        }
    );
}

#[tokio::test]
async fn the_uid_never_changes() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let other = store.new_summit("other").await;
    let a = store
        .add_gathering(&session(summit.id, "A", "2026-06-10 10:00"))
        .await
        .unwrap();
    let b = store
        .add_gathering(&session(summit.id, "B", "2026-06-10 10:00"))
        .await
        .unwrap();
    assert_ne!(a.uid, b.uid);
    let mut data = a.data.clone();
    for (i, title) in ["A1", "A2", "A3"].into_iter().enumerate() {
        data.title = title.into();
        data.summit_id = Some(if i % 2 == 0 { other.id } else { summit.id });
        let updated = store.update_gathering(a.id, &data).await.unwrap();
        assert_eq!(updated.uid, a.uid);
    }
    store.cancel_gathering(a.id).await.unwrap();
    assert_eq!(store.gathering(a.id).await.unwrap().uid, a.uid);
    assert_eq!(store.gathering(b.id).await.unwrap().uid, b.uid);
}

/// Two summits' worth of gatherings with distinct kinds, audiences, statuses and times.
struct Timeline {
    summit: i64,
    other: i64,
    keynote: i64,
    party: i64,
    dinner: i64,
    deadline: i64,
    lone_meetup: i64,
    summit_meetup: i64,
    other_talk: i64,
}

async fn timeline(store: &TestStore) -> Timeline {
    let summit = store.new_summit("s").await.id;
    let other = store.new_summit("other").await.id;
    let add = |data: GatheringData| async move { store.add_gathering(&data).await.unwrap().id };
    let keynote = add(session(summit, "Keynote", "2026-06-10 09:00")).await;
    let party = add(GatheringData {
        audience: Audience::Public,
        ..gathering_data(
            Some(summit),
            GatheringKind::Social,
            "Party",
            "2026-06-10 19:00",
            240,
        )
    })
    .await;
    let dinner = add(GatheringData {
        audience: Audience::Speakers,
        status: GatheringStatus::Tentative,
        ..gathering_data(
            Some(summit),
            GatheringKind::Social,
            "Dinner",
            "2026-06-11 19:30",
            180,
        )
    })
    .await;
    let deadline = add(GatheringData {
        audience: Audience::Organisers,
        ..gathering_data(
            Some(summit),
            GatheringKind::Milestone,
            "CfP closes",
            "2026-04-01 00:00",
            0,
        )
    })
    .await;
    let lone_meetup = add(GatheringData {
        audience: Audience::Public,
        recurrence: Some("FREQ=MONTHLY;BYDAY=1TH".into()),
        ..gathering_data(
            None,
            GatheringKind::Meetup,
            "Berlin Rust",
            "2026-05-07 18:30",
            150,
        )
    })
    .await;
    let summit_meetup = add(GatheringData {
        audience: Audience::Public,
        ..gathering_data(
            Some(summit),
            GatheringKind::Meetup,
            "Newcomers",
            "2026-06-09 18:00",
            120,
        )
    })
    .await;
    let other_talk = add(session(other, "Elsewhere", "2026-06-10 11:00")).await;
    store.cancel_gathering(party).await.unwrap();
    Timeline {
        summit,
        other,
        keynote,
        party,
        dinner,
        deadline,
        lone_meetup,
        summit_meetup,
        other_talk,
    }
}

async fn listed(store: &TestStore, filter: GatheringFilter) -> Vec<i64> {
    gathering_ids(&store.list_gatherings(&filter).await.unwrap())
}

#[tokio::test]
async fn gatherings_are_listed_in_time_order_with_every_filter() {
    let store = &spawn_store().await;
    let t = timeline(store).await;
    let all = GatheringFilter::default();
    assert_eq!(
        listed(store, all.clone()).await,
        vec![
            t.deadline,
            t.lone_meetup,
            t.summit_meetup,
            t.keynote,
            t.other_talk,
            t.party,
            t.dinner
        ]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                summit_id: Some(t.summit),
                ..all.clone()
            }
        )
        .await,
        vec![t.deadline, t.summit_meetup, t.keynote, t.party, t.dinner]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                summit_id: Some(t.other),
                ..all.clone()
            }
        )
        .await,
        vec![t.other_talk]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                standalone: true,
                ..all.clone()
            }
        )
        .await,
        vec![t.lone_meetup]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                kind: Some(GatheringKind::Social),
                ..all.clone()
            }
        )
        .await,
        vec![t.party, t.dinner]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                kind: Some(GatheringKind::Meetup),
                ..all.clone()
            }
        )
        .await,
        vec![t.lone_meetup, t.summit_meetup]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                kind: Some(GatheringKind::Session),
                summit_id: Some(t.summit),
                ..all.clone()
            }
        )
        .await,
        vec![t.keynote]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                audience: Some(Audience::Public),
                ..all.clone()
            }
        )
        .await,
        vec![t.lone_meetup, t.summit_meetup, t.party]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                audience: Some(Audience::InviteOnly),
                ..all.clone()
            }
        )
        .await,
        Vec::<i64>::new()
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                status: Some(GatheringStatus::Cancelled),
                ..all.clone()
            }
        )
        .await,
        vec![t.party]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                status: Some(GatheringStatus::Tentative),
                ..all.clone()
            }
        )
        .await,
        vec![t.dinner]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                status: Some(GatheringStatus::Confirmed),
                summit_id: Some(t.summit),
                ..all.clone()
            }
        )
        .await,
        vec![t.deadline, t.summit_meetup, t.keynote]
    );
}

#[tokio::test]
async fn from_and_to_select_what_overlaps_the_window() {
    let store = &spawn_store().await;
    let t = timeline(store).await;
    let all = GatheringFilter::default();
    // `from`: those that end after it. The keynote ends at 10:00 exactly, so it is out.
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                from: Some(at("2026-06-10 10:00")),
                ..all.clone()
            }
        )
        .await,
        vec![t.other_talk, t.party, t.dinner]
    );
    // `to`: those that start before it. The dinner starts at 19:30 exactly, so it is out.
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                to: Some(at("2026-06-11 19:30")),
                summit_id: Some(t.summit),
                ..all.clone()
            }
        )
        .await,
        vec![t.deadline, t.summit_meetup, t.keynote, t.party]
    );
    // A window over the first evening catches the party that runs through it.
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                from: Some(at("2026-06-10 21:00")),
                to: Some(at("2026-06-10 22:00")),
                ..all.clone()
            }
        )
        .await,
        vec![t.party]
    );
    assert_eq!(
        listed(
            store,
            GatheringFilter {
                from: Some(at("2026-06-10 09:30")),
                to: Some(at("2026-06-10 11:30")),
                kind: Some(GatheringKind::Session),
                ..all.clone()
            }
        )
        .await,
        vec![t.keynote, t.other_talk]
    );
}

#[tokio::test]
async fn an_empty_title_is_refused() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let data = session(summit.id, " ", "2026-06-10 10:00");
    let (field, message) = invalid(store.add_gathering(&data).await);
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("title", "must not be empty")
    );
    assert_eq!(store.count("gatherings").await, 0);
}

#[tokio::test]
async fn the_end_must_follow_the_start_except_for_milestones() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let before = session(summit.id, "Talk", "2026-06-10 10:00");
    let before = GatheringData {
        end: before.start - Duration::minutes(15),
        ..before
    };
    let (field, message) = invalid(store.add_gathering(&before).await);
    assert_eq!(field, "end");
    assert_eq!(
        message,
        "2026-06-10 09:45 is not after the start 2026-06-10 10:00 (Europe/Berlin)"
    );
    let equal = gathering_data(
        Some(summit.id),
        GatheringKind::Social,
        "Toast",
        "2026-06-10 10:00",
        0,
    );
    assert_invalid(
        store.add_gathering(&equal).await,
        "end",
        "is not after the start",
    );
    let milestone_before = GatheringData {
        kind: GatheringKind::Milestone,
        ..before.clone()
    };
    assert_invalid(
        store.add_gathering(&milestone_before).await,
        "end",
        "is not after the start",
    );
    assert_eq!(store.count("gatherings").await, 0);

    let milestone = GatheringData {
        kind: GatheringKind::Milestone,
        ..equal
    };
    let created = store.add_gathering(&milestone).await.unwrap();
    assert_eq!(created.data.start, created.data.end);
    assert_eq!(store.gathering(created.id).await.unwrap(), created);

    // The rule holds on update too.
    let created = store
        .add_gathering(&session(summit.id, "Talk", "2026-06-10 10:00"))
        .await
        .unwrap();
    assert_invalid(
        store
            .update_gathering(
                created.id,
                &GatheringData {
                    end: created.data.start,
                    ..created.data.clone()
                },
            )
            .await,
        "end",
        "is not after the start",
    );
    assert_eq!(store.gathering(created.id).await.unwrap(), created);
}

#[tokio::test]
async fn only_meetups_stand_alone() {
    let store = &spawn_store().await;
    for kind in [
        GatheringKind::Session,
        GatheringKind::Social,
        GatheringKind::Milestone,
    ] {
        let data = gathering_data(None, kind, "Lonely", "2026-06-10 10:00", 60);
        let (field, message) = invalid(store.add_gathering(&data).await);
        assert_eq!(field, "summit");
        assert_eq!(
            message,
            format!("a {kind} must belong to a summit; only meetups stand alone")
        );
    }
    assert_eq!(store.count("gatherings").await, 0);
    let meetup = gathering_data(
        None,
        GatheringKind::Meetup,
        "Meetup",
        "2026-06-10 18:00",
        60,
    );
    let created = store.add_gathering(&meetup).await.unwrap();
    assert_eq!(created.data.summit_id, None);
}

#[tokio::test]
async fn an_unknown_summit_is_refused() {
    let store = &spawn_store().await;
    let data = session(404, "Talk", "2026-06-10 10:00");
    assert_invalid(store.add_gathering(&data).await, "summit", "no such summit");
    assert_eq!(store.count("gatherings").await, 0);
}

#[tokio::test]
async fn negative_capacity_and_headcount_are_refused() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let base = session(summit.id, "Talk", "2026-06-10 10:00");
    let (field, message) = invalid(
        store
            .add_gathering(&GatheringData {
                capacity: Some(-1),
                ..base.clone()
            })
            .await,
    );
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("capacity", "must not be negative, got -1")
    );
    let (field, message) = invalid(
        store
            .add_gathering(&GatheringData {
                expected_headcount: Some(-5),
                ..base.clone()
            })
            .await,
    );
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("expected_headcount", "must not be negative, got -5")
    );
    // Zero is allowed.
    store
        .add_gathering(&GatheringData {
            capacity: Some(0),
            expected_headcount: Some(0),
            ..base
        })
        .await
        .unwrap();
    assert_eq!(store.count("gatherings").await, 1);
}

#[tokio::test]
async fn recurrence_rules_are_checked_and_normalised() {
    let store = &spawn_store().await;
    let base = gathering_data(
        None,
        GatheringKind::Meetup,
        "Meetup",
        "2026-06-04 18:30",
        120,
    );
    let cases = [
        (
            "FREQ=HOURLY",
            "FREQ=HOURLY is not DAILY, WEEKLY, MONTHLY or YEARLY",
        ),
        ("BYDAY=MO", "a rule needs FREQ"),
        ("FREQ=WEEKLY;FOO=1", "unsupported rule part \"FOO\""),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ appears twice"),
        (
            "FREQ=DAILY;COUNT=3;UNTIL=20261231",
            "COUNT and UNTIL cannot both be given",
        ),
        ("FREQ=WEEKLY;BYDAY", "is not KEY=VALUE"),
        ("FREQ=WEEKLY;BYDAY=MO:X", "BYDAY has an invalid value"),
    ];
    for (rule, expected) in cases {
        let data = GatheringData {
            recurrence: Some(rule.into()),
            ..base.clone()
        };
        assert_invalid(store.add_gathering(&data).await, "recurrence", expected);
    }
    assert_eq!(store.count("gatherings").await, 0);
    let created = store
        .add_gathering(&GatheringData {
            recurrence: Some(" freq=monthly;byday=1th ".into()),
            ..base
        })
        .await
        .unwrap();
    assert_eq!(
        created.data.recurrence.as_deref(),
        Some("FREQ=MONTHLY;BYDAY=1TH")
    );
    assert_eq!(store.gathering(created.id).await.unwrap(), created);
}

#[tokio::test]
async fn a_batch_is_stored_whole_or_not_at_all() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let mut batch: Vec<GatheringData> = (0..5)
        .map(|i| session(summit.id, &format!("Talk {i}"), "2026-06-10 10:00"))
        .collect();
    // The third has a valid shape but names a summit that does not exist.
    batch[2].summit_id = Some(summit.id + 100);
    assert_invalid(
        store.add_gatherings(&batch).await,
        "summit",
        "no such summit",
    );
    assert_eq!(store.count("gatherings").await, 0);
    // An invalid shape is refused before anything is written.
    batch[2].summit_id = Some(summit.id);
    batch[4].title = String::new();
    assert_invalid(
        store.add_gatherings(&batch).await,
        "title",
        "must not be empty",
    );
    assert_eq!(store.count("gatherings").await, 0);

    batch[4].title = "Talk 4".into();
    let added = store.add_gatherings(&batch).await.unwrap();
    assert_eq!(added.len(), 5);
    let listed = store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap();
    assert_eq!(gathering_ids(&listed), added);
    for (g, data) in listed.iter().zip(&batch) {
        assert_eq!(&g.data, data);
        assert_eq!(g.sequence, 0);
    }
    assert!(store.add_gatherings(&[]).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_updates_all_succeed() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let batch: Vec<GatheringData> = (0..16)
        .map(|i| session(summit.id, &format!("Talk {i}"), "2026-06-10 10:00"))
        .collect();
    let added = store.add_gatherings(&batch).await.unwrap();
    let mut tasks = Vec::new();
    for (round, id) in added.iter().copied().enumerate() {
        let store = store.store.clone();
        tasks.push(tokio::spawn(async move {
            let mut data = store.gathering(id).await?.data;
            for n in 0..5 {
                data.title = format!("Talk {round} v{n}");
                store.update_gathering(id, &data).await?;
            }
            store.cancel_gathering(id).await
        }));
    }
    for task in tasks {
        let cancelled = task.await.unwrap().unwrap();
        assert_eq!(cancelled.sequence, 6);
    }
}
