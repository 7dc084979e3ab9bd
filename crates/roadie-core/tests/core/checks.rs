use chrono::Duration;
use roadie_core::{
    BudgetCategory, BudgetLineData, Finding, FindingKind, GatheringData, GatheringKind, RecordKind,
    RecordRef, Severity, ShipmentData, ShipmentStatus,
};

use crate::helpers::*;

/// The kinds of the findings, in order, with the ids of their first record.
fn kinds(found: &[Finding]) -> Vec<(FindingKind, i64)> {
    found.iter().map(|f| (f.kind, f.records[0].id)).collect()
}

/// A summit (Berlin, from 10 June 2026) and a variant with plenty in stock.
async fn setup(store: &TestStore) -> (i64, i64) {
    let summit = store.new_summit("s").await.id;
    let item = store
        .add_swag_item(&swag_data("Stickers"))
        .await
        .unwrap()
        .id;
    let variant = store.add_swag_variant(item, "Logo", None).await.unwrap().id;
    store.receive(variant, 1000).await;
    (summit, variant)
}

#[tokio::test]
async fn a_shipment_is_at_risk_when_its_ship_by_comes_and_late_when_its_must_arrive_by_does() {
    let store = &spawn_store().await;
    let (summit, variant) = setup(store).await;
    // Doors open 2026-06-10 00:00 in Berlin; three days' buffer, five in transit.
    let s = store
        .add_shipment(&shipment_data(Some(summit), vec![line(variant, 10)]), now())
        .await
        .unwrap();
    let arrive = s.must_arrive_by.clone().unwrap();
    assert_eq!(arrive.at, at("2026-06-07 00:00"));
    assert_eq!(
        (arrive.local.as_str(), arrive.tz),
        ("2026-06-07T00:00", berlin())
    );
    assert_eq!(s.ship_by.clone().unwrap().at, at("2026-06-02 00:00"));
    let check =
        |when: &'static str| async move { store.run_checks(summit, at(when)).await.unwrap() };

    assert_eq!(kinds(&check("2026-06-01 23:59").await), []);
    let risky = check("2026-06-02 00:00").await;
    assert_eq!(kinds(&risky), [(FindingKind::ShipmentAtRisk, s.id)]);
    assert_eq!(risky[0].severity, Severity::Warning);
    assert_eq!(
        risky[0].message,
        format!(
            "Shipment {} to Summit s is still a draft; to arrive by 2026-06-07 00:00 Europe/Berlin with 5 days \
             in transit it had to leave by 2026-06-02 00:00 Europe/Berlin.",
            s.id
        )
    );
    assert_eq!(
        kinds(&check("2026-06-06 23:59").await),
        [(FindingKind::ShipmentAtRisk, s.id)]
    );
    let late = check("2026-06-07 00:00").await;
    assert_eq!(kinds(&late), [(FindingKind::ShipmentLate, s.id)]);
    assert_eq!(late[0].severity, Severity::Error);
    assert_eq!(
        late[0].message,
        format!(
            "Shipment {} to Summit s is still a draft; it had to arrive by 2026-06-07 00:00 Europe/Berlin.",
            s.id
        )
    );

    // Once it has left it is no longer at risk, only late if it has not arrived in time.
    let shipped = store
        .set_shipment_status(s.id, ShipmentStatus::Shipped, at("2026-06-03 10:00"))
        .await
        .unwrap();
    assert_eq!(shipped.data.ship_date, Some(date("2026-06-03")));
    assert_eq!(kinds(&check("2026-06-06 23:59").await), []);
    let late = check("2026-06-07 00:00").await;
    assert!(
        late[0].message.contains("is not delivered yet"),
        "{}",
        late[0].message
    );
    store
        .set_shipment_status(s.id, ShipmentStatus::Delivered, at("2026-06-08 10:00"))
        .await
        .unwrap();
    assert_eq!(kinds(&check("2026-06-08 10:00").await), []);
}

#[tokio::test]
async fn a_shipment_to_a_gathering_must_arrive_its_buffer_before_the_gathering_starts() {
    let store = &spawn_store().await;
    let (summit, variant) = setup(store).await;
    let party = store
        .add_gathering(&gathering_data(
            Some(summit),
            GatheringKind::Social,
            "Party",
            "2026-06-10 20:00",
            180,
        ))
        .await
        .unwrap();
    let s = store
        .add_shipment(
            &ShipmentData {
                gathering_id: Some(party.id),
                buffer_days: 1,
                transit_days: 0,
                status: ShipmentStatus::InTransit,
                carrier: Some("DHL".into()),
                tracking_number: Some("JD1".into()),
                ..shipment_data(None, vec![line(variant, 10)])
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!(s.must_arrive_by.clone().unwrap().at, at("2026-06-09 20:00"));
    // It goes to a gathering of the summit, so the summit's checks see it.
    assert_eq!(
        kinds(
            &store
                .run_checks(summit, at("2026-06-09 19:59"))
                .await
                .unwrap()
        ),
        []
    );
    let late = store
        .run_checks(summit, at("2026-06-09 20:00"))
        .await
        .unwrap();
    assert_eq!(
        late[0].message,
        format!(
            "Shipment {} (DHL JD1) to “Party” is not delivered yet; it had to arrive by 2026-06-09 20:00 \
             Europe/Berlin.",
            s.id
        )
    );
    // A shipment to an address has no must-arrive-by.
    let elsewhere = store
        .add_shipment(
            &ShipmentData {
                destination_address: Some("1 Main St".into()),
                ..shipment_data(None, vec![])
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!((elsewhere.must_arrive_by, elsewhere.ship_by), (None, None));
}

#[tokio::test]
async fn the_must_arrive_by_counts_days_on_the_venues_wall_clock_across_a_clock_change() {
    let store = &spawn_store().await;
    let summit = store
        .create_summit(&roadie_core::SummitData {
            start_date: date("2026-03-30"),
            end_date: date("2026-03-31"),
            ..summit_data("spring")
        })
        .await
        .unwrap();
    let s = store
        .add_shipment(
            &ShipmentData {
                buffer_days: 2,
                transit_days: 1,
                ..shipment_data(Some(summit.id), vec![])
            },
            now(),
        )
        .await
        .unwrap();
    // Berlin moves to summer time on 29 March: 00:00 on the 28th is still midnight there.
    let arrive = s.must_arrive_by.unwrap();
    assert_eq!(arrive.local, "2026-03-28T00:00");
    assert_eq!(arrive.at.to_rfc3339(), "2026-03-27T23:00:00+00:00");
    assert_eq!(s.ship_by.unwrap().local, "2026-03-27T00:00");
}

#[tokio::test]
async fn a_lost_shipment_is_an_error_at_once() {
    let store = &spawn_store().await;
    let (summit, variant) = setup(store).await;
    let s = store
        .add_shipment(
            &ShipmentData {
                status: ShipmentStatus::Lost,
                ..shipment_data(Some(summit), vec![line(variant, 1)])
            },
            now(),
        )
        .await
        .unwrap();
    let found = store.run_checks(summit, now()).await.unwrap();
    assert_eq!(kinds(&found), [(FindingKind::ShipmentLost, s.id)]);
    assert_eq!(found[0].severity, Severity::Error);
    // Found again and delivered, it is fine.
    store
        .set_shipment_status(s.id, ShipmentStatus::Delivered, now())
        .await
        .unwrap();
    assert_eq!(kinds(&store.run_checks(summit, now()).await.unwrap()), []);
}

fn social(summit: i64, title: &str, start: &str, minutes: i64) -> GatheringData {
    gathering_data(Some(summit), GatheringKind::Social, title, start, minutes)
}

#[tokio::test]
async fn a_social_overlapping_a_plenary_is_found_from_the_first_shared_minute() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let other = store.new_summit("other").await.id;
    let add = |data: GatheringData| async move { store.add_gathering(&data).await.unwrap().id };
    let keynote = add(GatheringData {
        track: Some("Plenary".into()),
        ..session(summit, "Welcome", "2026-06-10 09:00")
    })
    .await;
    let titled = add(session(summit, "Closing keynote", "2026-06-12 17:00")).await;
    add(session(summit, "A talk in room 2", "2026-06-11 09:00")).await;
    add(session(other, "Keynote elsewhere", "2026-06-11 09:00")).await;
    // Ends as the keynote starts, starts as it ends: no overlap.
    add(social(summit, "Breakfast", "2026-06-10 08:00", 60)).await;
    add(social(summit, "Coffee", "2026-06-10 10:00", 30)).await;
    let breakfast_late = add(social(summit, "Late breakfast", "2026-06-10 08:01", 60)).await;
    let coffee_early = add(social(summit, "Early coffee", "2026-06-10 09:59", 30)).await;
    // Beside a talk that is not plenary, or another summit's keynote: no finding.
    add(social(summit, "Brunch", "2026-06-11 09:00", 60)).await;
    let drinks = add(social(summit, "Drinks", "2026-06-12 17:30", 120)).await;
    let cancelled = add(social(summit, "Cancelled drinks", "2026-06-12 17:30", 60)).await;
    store.cancel_gathering(cancelled).await.unwrap();

    let found = store.run_checks(summit, now()).await.unwrap();
    let pairs: Vec<Vec<i64>> = found
        .iter()
        .inspect(|f| {
            assert_eq!(
                (f.kind, f.severity),
                (FindingKind::SocialOverlapsPlenary, Severity::Warning)
            )
        })
        .map(|f| f.records.iter().map(|r| r.id).collect())
        .collect();
    assert_eq!(
        pairs,
        [
            vec![breakfast_late, keynote],
            vec![coffee_early, keynote],
            vec![drinks, titled]
        ]
    );
    assert_eq!(
        found[0].message,
        "The social “Late breakfast” (2026-06-10 08:01–09:01) overlaps the plenary session “Welcome” \
         (2026-06-10 09:00–10:00)."
    );
    assert!(
        found[0]
            .records
            .iter()
            .all(|r| r.kind == RecordKind::Gathering)
    );

    // A cancelled plenary does not count either.
    store.cancel_gathering(keynote).await.unwrap();
    let found = store.run_checks(summit, now()).await.unwrap();
    assert_eq!(
        kinds(&found),
        [(FindingKind::SocialOverlapsPlenary, drinks)]
    );
}

#[tokio::test]
async fn a_gathering_is_over_capacity_from_one_person_too_many() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let add = |capacity, headcount| async move {
        store
            .add_gathering(&GatheringData {
                capacity,
                expected_headcount: headcount,
                ..social(summit, "Dinner", "2026-06-10 19:00", 120)
            })
            .await
            .unwrap()
            .id
    };
    add(Some(100), Some(100)).await;
    add(None, Some(500)).await;
    add(Some(100), None).await;
    let over = add(Some(100), Some(101)).await;
    let cancelled = add(Some(10), Some(11)).await;
    store.cancel_gathering(cancelled).await.unwrap();
    let found = store.run_checks(summit, now()).await.unwrap();
    assert_eq!(kinds(&found), [(FindingKind::OverCapacity, over)]);
    assert_eq!(
        found[0].message,
        "“Dinner” (2026-06-10 19:00–21:00) expects 101 people but holds 100."
    );
}

#[tokio::test]
async fn a_budget_category_is_over_plan_from_one_minor_unit_committed_too_many() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let line_with = |category, planned: &str, committed: &str, spent: &str| BudgetLineData {
        committed: money(committed),
        spent: money(spent),
        ..budget_data(summit, category, planned)
    };
    let at_plan = store
        .add_budget_line(&line_with(
            BudgetCategory::Socials,
            "1000 EUR",
            "1000 EUR",
            "0 EUR",
        ))
        .await
        .unwrap();
    let check = || async { store.run_checks(summit, now()).await.unwrap() };
    assert_eq!(kinds(&check().await), []);
    let one_more = store
        .add_budget_line(&line_with(
            BudgetCategory::Socials,
            "0 EUR",
            "0.01 EUR",
            "0 EUR",
        ))
        .await
        .unwrap();
    let found = check().await;
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].kind, found[0].severity),
        (FindingKind::BudgetOverPlan, Severity::Warning)
    );
    assert_eq!(
        found[0].message,
        "Socials: 1000.01 EUR committed, over the 1000.00 EUR planned."
    );
    assert_eq!(
        found[0].records,
        [
            RecordRef {
                kind: RecordKind::BudgetLine,
                id: at_plan.id
            },
            RecordRef {
                kind: RecordKind::BudgetLine,
                id: one_more.id
            }
        ]
    );
    // Spent over plan is an error; other currencies are compared on their own.
    store
        .add_budget_line(&line_with(
            BudgetCategory::Travel,
            "500 USD",
            "500 USD",
            "500.01 USD",
        ))
        .await
        .unwrap();
    store
        .add_budget_line(&line_with(
            BudgetCategory::Socials,
            "10 USD",
            "10 USD",
            "0 USD",
        ))
        .await
        .unwrap();
    let found = check().await;
    assert_eq!(
        found
            .iter()
            .map(|f| (f.severity, f.message.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                Severity::Error,
                "Travel: 500.01 USD spent, over the 500.00 USD planned."
            ),
            (
                Severity::Warning,
                "Socials: 1000.01 EUR committed, over the 1000.00 EUR planned."
            ),
        ]
    );
}

#[tokio::test]
async fn a_shipments_costs_count_in_the_budget_and_its_checks() {
    let store = &spawn_store().await;
    let (summit, variant) = setup(store).await;
    let s = store
        .add_shipment(
            &ShipmentData {
                shipping_cost: Some(money("45.00 EUR")),
                customs_cost: Some(money("20.00 EUR")),
                ..shipment_data(Some(summit), vec![line(variant, 10)])
            },
            now(),
        )
        .await
        .unwrap();
    let shipping = |dash: &roadie_core::Dashboard| {
        dash.budget
            .iter()
            .find(|b| b.category == BudgetCategory::Shipping)
            .map(|b| (b.lines, b.planned.minor, b.committed.minor, b.spent.minor))
    };
    // Nothing counts before the parcel leaves.
    let dash = store.dashboard(summit, now()).await.unwrap();
    assert_eq!(shipping(&dash), None);
    assert_eq!(dash.findings, []);
    // Once it has left, the carrier is paid and customs are owed: spent with nothing planned.
    store
        .set_shipment_status(s.id, ShipmentStatus::Shipped, now())
        .await
        .unwrap();
    let dash = store.dashboard(summit, now()).await.unwrap();
    assert_eq!(shipping(&dash), Some((2, 0, 6_500, 4_500)));
    assert_eq!(
        dash.findings
            .iter()
            .map(|f| (f.severity, f.message.as_str()))
            .collect::<Vec<_>>(),
        [(
            Severity::Error,
            "Shipping: 45.00 EUR spent in EUR, and nothing is planned in EUR."
        )]
    );
    assert_eq!(
        dash.findings[0].records,
        [RecordRef {
            kind: RecordKind::Shipment,
            id: s.id
        }]
    );
    // Planned for; customs are spent once it is delivered.
    store
        .add_budget_line(&budget_data(summit, BudgetCategory::Shipping, "100 EUR"))
        .await
        .unwrap();
    store
        .set_shipment_status(s.id, ShipmentStatus::Delivered, now())
        .await
        .unwrap();
    let dash = store.dashboard(summit, now()).await.unwrap();
    assert_eq!(shipping(&dash), Some((3, 10_000, 6_500, 6_500)));
    assert_eq!(dash.findings, []);
    // A standalone meetup's shipment is in no summit's budget.
    let meetup = store
        .add_gathering(&gathering_data(
            None,
            GatheringKind::Meetup,
            "Meetup",
            "2026-05-07 18:30",
            120,
        ))
        .await
        .unwrap();
    store
        .add_shipment(
            &ShipmentData {
                gathering_id: Some(meetup.id),
                shipping_cost: Some(money("1000 EUR")),
                status: ShipmentStatus::Delivered,
                ..shipment_data(None, vec![])
            },
            now(),
        )
        .await
        .unwrap();
    let dash = store.dashboard(summit, now()).await.unwrap();
    assert_eq!(shipping(&dash), Some((3, 10_000, 6_500, 6_500)));
}

#[tokio::test]
async fn findings_are_worst_first_and_serialise_with_stable_names() {
    let store = &spawn_store().await;
    let (summit, variant) = setup(store).await;
    let dinner = store
        .add_gathering(&GatheringData {
            capacity: Some(10),
            expected_headcount: Some(12),
            ..social(summit, "Dinner", "2026-06-10 19:00", 120)
        })
        .await
        .unwrap();
    let s = store
        .add_shipment(&shipment_data(Some(summit), vec![line(variant, 1)]), now())
        .await
        .unwrap();
    let when = s.must_arrive_by.unwrap().at + Duration::minutes(1);
    let found = store.run_checks(summit, when).await.unwrap();
    assert_eq!(
        kinds(&found),
        [
            (FindingKind::ShipmentLate, s.id),
            (FindingKind::OverCapacity, dinner.id)
        ]
    );
    let json = serde_json::to_value(&found[0]).unwrap();
    assert_eq!(json["kind"], "shipment-late");
    assert_eq!(json["severity"], "error");
    assert_eq!(
        json["records"],
        serde_json::json!([{ "kind": "shipment", "id": s.id }])
    );
    assert!(json["message"].as_str().unwrap().starts_with("Shipment "));
    // The dashboard shows the same findings as of the same instant.
    assert_eq!(store.dashboard(summit, when).await.unwrap().findings, found);
}

/// Books travel for a speaker to the summit: a request set to `status` with a booking arriving and
/// leaving at the Berlin times given. (The travel branch's decisions are not on this branch yet,
/// so the rows go in as those decisions would leave them.)
async fn book(
    store: &TestStore,
    summit: i64,
    speaker: i64,
    status: &str,
    stay: Option<(&str, &str)>,
) -> i64 {
    let request = store
        .submit_travel_request(&travel_data(summit, speaker, "EUR"), now())
        .await
        .unwrap()
        .id;
    sqlx::query("UPDATE travel_requests SET status = ? WHERE id = ?")
        .bind(status)
        .bind(request)
        .execute(store.pool())
        .await
        .unwrap();
    if let Some((arrive, depart)) = stay {
        sqlx::query("INSERT INTO travel_bookings (request_id, arrive_at, depart_at, booked_at) VALUES (?, ?, ?, ?)")
            .bind(request)
            .bind(at(arrive).timestamp())
            .bind(at(depart).timestamp())
            .bind(now().timestamp())
            .execute(store.pool())
            .await
            .unwrap();
    }
    request
}

/// A summit with a speaker giving a talk on 10 June, 09:00–10:00 (and a cancelled one at 14:00).
async fn with_talk(store: &TestStore) -> (i64, i64, i64) {
    let summit = store.new_summit("s").await.id;
    let talk = store
        .add_gathering(&session(summit, "Fuzzing everything", "2026-06-10 09:00"))
        .await
        .unwrap()
        .id;
    let gone = store
        .add_gathering(&session(summit, "Dropped talk", "2026-06-10 14:00"))
        .await
        .unwrap()
        .id;
    store.cancel_gathering(gone).await.unwrap();
    let ada = store
        .add_speaker(&speaker_data("Ada Lovelace"))
        .await
        .unwrap()
        .id;
    store.link_talk(ada, talk).await.unwrap();
    store.link_talk(ada, gone).await.unwrap();
    (summit, ada, talk)
}

#[tokio::test]
async fn a_speaker_landing_after_their_talk_starts_is_found_from_one_second_after() {
    let store = &spawn_store().await;
    let (summit, ada, talk) = with_talk(store).await;
    let request = book(
        store,
        summit,
        ada,
        "booked",
        Some(("2026-06-10 09:00", "2026-06-12 18:00")),
    )
    .await;
    assert_eq!(kinds(&store.run_checks(summit, now()).await.unwrap()), []);
    let shift = |seconds: i64| async move {
        sqlx::query("UPDATE travel_bookings SET arrive_at = arrive_at + ?")
            .bind(seconds)
            .execute(store.pool())
            .await
            .unwrap();
    };
    shift(1).await;
    assert_eq!(
        kinds(&store.run_checks(summit, now()).await.unwrap()),
        [(FindingKind::SpeakerArrivesLate, ada)]
    );
    shift(59).await;
    let found = store.run_checks(summit, now()).await.unwrap();
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(
        found[0].records,
        [
            RecordRef {
                kind: RecordKind::Speaker,
                id: ada
            },
            RecordRef {
                kind: RecordKind::Gathering,
                id: talk
            },
            RecordRef {
                kind: RecordKind::TravelRequest,
                id: request
            }
        ]
    );
    assert_eq!(
        found[0].message,
        "Ada Lovelace arrives 2026-06-10 09:01 (Europe/Berlin), after their talk “Fuzzing everything” starts at \
         2026-06-10 09:00."
    );
    // A withdrawn request's booking no longer counts.
    sqlx::query("UPDATE travel_requests SET status = 'withdrawn'")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(kinds(&store.run_checks(summit, now()).await.unwrap()), []);
}

#[tokio::test]
async fn a_speaker_leaving_before_their_talk_ends_is_found_from_one_second_before() {
    let store = &spawn_store().await;
    let (summit, ada, _) = with_talk(store).await;
    book(
        store,
        summit,
        ada,
        "reimbursed",
        Some(("2026-06-09 12:00", "2026-06-10 10:00")),
    )
    .await;
    assert_eq!(kinds(&store.run_checks(summit, now()).await.unwrap()), []);
    sqlx::query("UPDATE travel_bookings SET depart_at = depart_at - 1")
        .execute(store.pool())
        .await
        .unwrap();
    let found = store.run_checks(summit, now()).await.unwrap();
    assert_eq!(kinds(&found), [(FindingKind::SpeakerLeavesEarly, ada)]);
    assert!(
        found[0]
            .message
            .contains("before their talk “Fuzzing everything” ends at 2026-06-10 10:00")
    );
}

#[tokio::test]
async fn approved_travel_for_a_speaker_without_a_talk_at_that_summit_is_found() {
    let store = &spawn_store().await;
    let (summit, ada, talk) = with_talk(store).await;
    let other = store.new_summit("other").await.id;
    let grace = store
        .add_speaker(&speaker_data("Grace Hopper"))
        .await
        .unwrap()
        .id;
    let elsewhere = store
        .add_gathering(&session(other, "Elsewhere", "2026-06-11 09:00"))
        .await
        .unwrap()
        .id;
    store.link_talk(grace, elsewhere).await.unwrap();
    // Submitted or denied travel is no finding; approved is.
    let pending = book(store, summit, grace, "submitted", None).await;
    assert_eq!(kinds(&store.run_checks(summit, now()).await.unwrap()), []);
    sqlx::query("UPDATE travel_requests SET status = 'approved' WHERE id = ?")
        .bind(pending)
        .execute(store.pool())
        .await
        .unwrap();
    book(store, summit, ada, "accepted", None).await;
    let found = store.run_checks(summit, now()).await.unwrap();
    assert_eq!(kinds(&found), [(FindingKind::TravelWithoutTalk, grace)]);
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].message,
        "Grace Hopper's travel is approved but they have no talk at Summit s."
    );
    assert_eq!(
        found[0].records[1],
        RecordRef {
            kind: RecordKind::TravelRequest,
            id: pending
        }
    );
    // A speaker whose only talk is cancelled has none either.
    store.cancel_gathering(talk).await.unwrap();
    let found = store.run_checks(summit, now()).await.unwrap();
    assert_eq!(
        kinds(&found),
        [
            (FindingKind::TravelWithoutTalk, ada),
            (FindingKind::TravelWithoutTalk, grace)
        ]
    );
}
