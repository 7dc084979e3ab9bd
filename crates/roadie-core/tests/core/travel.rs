use chrono::{DateTime, Utc};
use roadie_core::{
    Error, Money, TravelCategory, TravelFilter, TravelRequest, TravelRequestData, TravelStatus,
};

use crate::helpers::*;

fn submitted_at() -> DateTime<Utc> {
    at("2026-04-01 12:00")
}

/// A summit and two speakers.
async fn setup(store: &TestStore) -> (i64, i64, i64) {
    let summit = store.new_summit("s").await.id;
    let ada = store.add_speaker(&speaker_data("Ada")).await.unwrap().id;
    let grace = store.add_speaker(&speaker_data("Grace")).await.unwrap().id;
    (summit, ada, grace)
}

async fn set_status(store: &TestStore, id: i64, status: TravelStatus) {
    sqlx::query("UPDATE travel_requests SET status = ? WHERE id = ?")
        .bind(status.as_str())
        .bind(id)
        .execute(store.pool())
        .await
        .unwrap();
}

fn request_ids(list: &[TravelRequest]) -> Vec<i64> {
    ids(list, |r| r.id)
}

#[tokio::test]
async fn a_submitted_request_reads_back_with_its_items_in_category_order() {
    let store = &spawn_store().await;
    let (summit, ada, _) = setup(store).await;
    let data = TravelRequestData {
        origin_city: Some(" Tokyo ".into()),
        origin_country: Some("JP".into()),
        notes: Some("  ".into()),
        items: vec![
            item(TravelCategory::Visa, "3000 JPY"),
            item(TravelCategory::Airfare, "180000 JPY"),
            item(TravelCategory::Lodging, "64000 JPY"),
        ],
        ..travel_data(summit, ada, "JPY")
    };
    let request = store
        .submit_travel_request(&data, submitted_at())
        .await
        .unwrap();
    assert_eq!(request.status, TravelStatus::Submitted);
    assert_eq!(request.submitted_at, submitted_at());
    assert_eq!(request.data.origin_city.as_deref(), Some("Tokyo"));
    assert_eq!(request.data.notes, None);
    assert_eq!(
        request.data.items,
        vec![
            item(TravelCategory::Airfare, "180000 JPY"),
            item(TravelCategory::Lodging, "64000 JPY"),
            item(TravelCategory::Visa, "3000 JPY"),
        ]
    );
    assert_eq!(request.data, data.validated().unwrap());
    assert_eq!(
        request.data.total_requested(),
        Some(Money::new(247_000, cur("JPY")))
    );
    assert_eq!(store.travel_request(request.id).await.unwrap(), request);
}

#[tokio::test]
async fn three_decimal_amounts_are_stored_exactly() {
    let store = &spawn_store().await;
    let (summit, ada, _) = setup(store).await;
    let data = TravelRequestData {
        items: vec![
            item(TravelCategory::Airfare, "123.456 BHD"),
            item(TravelCategory::Ground, "0.005 BHD"),
        ],
        ..travel_data(summit, ada, "BHD")
    };
    let request = store
        .submit_travel_request(&data, submitted_at())
        .await
        .unwrap();
    let read = store.travel_request(request.id).await.unwrap();
    assert_eq!(
        read.data.items[0].requested,
        Money::new(123_456, cur("BHD"))
    );
    assert_eq!(read.data.items[1].requested, Money::new(5, cur("BHD")));
    assert_eq!(read.data.items[1].requested.to_string(), "0.005 BHD");
}

#[tokio::test]
async fn an_updated_request_replaces_its_items() {
    let store = &spawn_store().await;
    let (summit, ada, _) = setup(store).await;
    let data = TravelRequestData {
        items: vec![
            item(TravelCategory::Airfare, "400 EUR"),
            item(TravelCategory::Lodging, "300 EUR"),
        ],
        ..travel_data(summit, ada, "EUR")
    };
    let request = store
        .submit_travel_request(&data, submitted_at())
        .await
        .unwrap();
    let changed = TravelRequestData {
        currency: cur("GBP"),
        origin_city: Some("Leeds".into()),
        lodging_nights: Some(2),
        items: vec![
            item(TravelCategory::Other, "20 GBP"),
            item(TravelCategory::Airfare, "350.99 GBP"),
        ],
        ..data
    };
    let updated = store
        .update_travel_request(request.id, &changed)
        .await
        .unwrap();
    assert_eq!(updated.data, changed.validated().unwrap());
    assert_eq!(updated.submitted_at, request.submitted_at);
    assert_eq!(updated.status, request.status);
    assert_eq!(store.travel_request(request.id).await.unwrap(), updated);
    assert_eq!(store.count("travel_request_items").await, 2);
    assert!(matches!(
        store.update_travel_request(999, &changed).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.travel_request(999).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn requests_are_listed_oldest_first_with_filters() {
    let store = &spawn_store().await;
    let (summit, ada, grace) = setup(store).await;
    let other = store.new_summit("other").await.id;
    let t = |local: &str| at(local);
    let submit = |data: TravelRequestData, when| async move {
        store.submit_travel_request(&data, when).await.unwrap().id
    };
    let ada_here = submit(travel_data(summit, ada, "EUR"), t("2026-04-02 09:00")).await;
    let grace_here = submit(travel_data(summit, grace, "USD"), t("2026-04-01 09:00")).await;
    let ada_there = submit(travel_data(other, ada, "GBP"), t("2026-04-03 09:00")).await;
    set_status(store, grace_here, TravelStatus::Approved).await;
    set_status(store, ada_there, TravelStatus::Approved).await;

    let list = |filter: TravelFilter| async move {
        request_ids(&store.list_travel_requests(&filter).await.unwrap())
    };
    let all = TravelFilter::default();
    assert_eq!(
        list(all.clone()).await,
        vec![grace_here, ada_here, ada_there]
    );
    assert_eq!(
        list(TravelFilter {
            summit_id: Some(summit),
            ..all.clone()
        })
        .await,
        vec![grace_here, ada_here]
    );
    assert_eq!(
        list(TravelFilter {
            speaker_id: Some(ada),
            ..all.clone()
        })
        .await,
        vec![ada_here, ada_there]
    );
    assert_eq!(
        list(TravelFilter {
            status: Some(TravelStatus::Approved),
            ..all.clone()
        })
        .await,
        vec![grace_here, ada_there]
    );
    assert_eq!(
        list(TravelFilter {
            status: Some(TravelStatus::Submitted),
            ..all.clone()
        })
        .await,
        vec![ada_here]
    );
    assert_eq!(
        list(TravelFilter {
            status: Some(TravelStatus::Approved),
            speaker_id: Some(ada),
            summit_id: Some(other),
        })
        .await,
        vec![ada_there]
    );
    assert_eq!(
        list(TravelFilter {
            status: Some(TravelStatus::Denied),
            ..all.clone()
        })
        .await,
        Vec::<i64>::new()
    );
    // Listed requests carry their own items, in their own currency.
    for request in store.list_travel_requests(&all).await.unwrap() {
        assert_eq!(request.data.items.len(), 1);
        assert_eq!(
            request.data.items[0].requested.currency,
            request.data.currency
        );
        assert_eq!(request, store.travel_request(request.id).await.unwrap());
    }
}

#[tokio::test]
async fn a_second_request_for_the_same_summit_is_refused_and_changes_nothing() {
    let store = &spawn_store().await;
    let (summit, ada, _) = setup(store).await;
    let first = store
        .submit_travel_request(&travel_data(summit, ada, "EUR"), submitted_at())
        .await
        .unwrap();
    let second = TravelRequestData {
        items: vec![
            item(TravelCategory::Airfare, "900 EUR"),
            item(TravelCategory::Lodging, "400 EUR"),
            item(TravelCategory::Visa, "80 EUR"),
        ],
        ..travel_data(summit, ada, "EUR")
    };
    assert_invalid(
        store.submit_travel_request(&second, submitted_at()).await,
        "speaker",
        &format!("speaker {ada} already has a request for this summit"),
    );
    assert_eq!(store.count("travel_requests").await, 1);
    assert_eq!(store.count("travel_request_items").await, 1);
    assert_eq!(store.travel_request(first.id).await.unwrap(), first);
}

#[tokio::test]
async fn an_unknown_summit_or_speaker_is_refused() {
    let store = &spawn_store().await;
    let (summit, ada, _) = setup(store).await;
    assert_invalid(
        store
            .submit_travel_request(&travel_data(summit, 999, "EUR"), submitted_at())
            .await,
        "speaker",
        "no such summit or speaker",
    );
    assert_invalid(
        store
            .submit_travel_request(&travel_data(999, ada, "EUR"), submitted_at())
            .await,
        "speaker",
        "no such summit or speaker",
    );
    assert_eq!(store.count("travel_requests").await, 0);
    assert_eq!(store.count("travel_request_items").await, 0);
}

#[tokio::test]
async fn an_update_that_fails_keeps_the_old_items() {
    let store = &spawn_store().await;
    let (summit, ada, grace) = setup(store).await;
    let mine = store
        .submit_travel_request(&travel_data(summit, ada, "EUR"), submitted_at())
        .await
        .unwrap();
    store
        .submit_travel_request(&travel_data(summit, grace, "EUR"), submitted_at())
        .await
        .unwrap();
    // Moving Ada's request to Grace collides with Grace's own.
    let moved = TravelRequestData {
        items: vec![item(TravelCategory::Lodging, "10 EUR")],
        ..travel_data(summit, grace, "EUR")
    };
    assert_invalid(
        store.update_travel_request(mine.id, &moved).await,
        "speaker",
        "already has a request",
    );
    assert_eq!(store.travel_request(mine.id).await.unwrap(), mine);
    assert_eq!(store.count("travel_request_items").await, 2);
}

#[tokio::test]
async fn items_must_be_present_unique_non_negative_and_in_the_request_currency() {
    let store = &spawn_store().await;
    let (summit, ada, _) = setup(store).await;
    let base = travel_data(summit, ada, "EUR");
    let cases = [
        (
            vec![],
            "items",
            "a request needs at least one amount".to_owned(),
        ),
        (
            vec![
                item(TravelCategory::Lodging, "100 EUR"),
                item(TravelCategory::Airfare, "200 EUR"),
                item(TravelCategory::Lodging, "50 EUR"),
            ],
            "lodging",
            "is listed twice".to_owned(),
        ),
        (
            vec![item(TravelCategory::Airfare, "-1 EUR")],
            "airfare",
            "must not be negative, got -1.00 EUR".to_owned(),
        ),
        (
            vec![
                item(TravelCategory::Airfare, "200 EUR"),
                item(TravelCategory::Visa, "60 USD"),
            ],
            "visa",
            "is in USD but the request is in EUR".to_owned(),
        ),
    ];
    for (items, field, message) in cases {
        let data = TravelRequestData {
            items,
            ..base.clone()
        };
        let (f, m) = invalid(store.submit_travel_request(&data, submitted_at()).await);
        assert_eq!((f.as_str(), m.as_str()), (field, message.as_str()));
    }
    assert_eq!(store.count("travel_requests").await, 0);
}

#[tokio::test]
async fn the_return_must_not_precede_the_departure() {
    let store = &spawn_store().await;
    let (summit, ada, _) = setup(store).await;
    let data = TravelRequestData {
        depart_on: Some(date("2026-06-09")),
        return_on: Some(date("2026-06-08")),
        ..travel_data(summit, ada, "EUR")
    };
    let (field, message) = invalid(store.submit_travel_request(&data, submitted_at()).await);
    assert_eq!(field, "return_on");
    assert_eq!(message, "2026-06-08 is before the departure 2026-06-09");
    let negative = TravelRequestData {
        lodging_nights: Some(-1),
        ..travel_data(summit, ada, "EUR")
    };
    assert_invalid(
        store.submit_travel_request(&negative, submitted_at()).await,
        "lodging_nights",
        "must not be negative, got -1",
    );
    assert_eq!(store.count("travel_requests").await, 0);
    // Same-day trips, and open-ended ones, are fine.
    let same_day = TravelRequestData {
        return_on: Some(date("2026-06-09")),
        ..data.clone()
    };
    store
        .submit_travel_request(&same_day, submitted_at())
        .await
        .unwrap();
    let grace = store.add_speaker(&speaker_data("Grace")).await.unwrap().id;
    let open = TravelRequestData {
        speaker_id: grace,
        return_on: None,
        ..data
    };
    let open = store
        .submit_travel_request(&open, submitted_at())
        .await
        .unwrap();
    assert_eq!(open.data.return_on, None);
}
