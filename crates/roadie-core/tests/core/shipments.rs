use roadie_core::{Error, GatheringKind, Money, ShipmentData, ShipmentFilter, ShipmentStatus};

use crate::helpers::*;

/// A summit and three variants (two of one item, one of another), 1,000 of each in stock.
async fn setup(store: &TestStore) -> (i64, [i64; 3]) {
    let summit = store.new_summit("s").await.id;
    let shirt = store.add_swag_item(&swag_data("T-shirt")).await.unwrap().id;
    let stickers = store
        .add_swag_item(&swag_data("Stickers"))
        .await
        .unwrap()
        .id;
    let s = store.add_swag_variant(shirt, "S", None).await.unwrap().id;
    let m = store.add_swag_variant(shirt, "M", None).await.unwrap().id;
    let ferris = store
        .add_swag_variant(stickers, "Ferris", None)
        .await
        .unwrap()
        .id;
    for variant in [s, m, ferris] {
        store.receive(variant, 1000).await;
    }
    (summit, [s, m, ferris])
}

#[tokio::test]
async fn a_shipment_with_contents_reads_back() {
    let store = &spawn_store().await;
    let (summit, [s, m, ferris]) = setup(store).await;
    let data = ShipmentData {
        contact_name: Some(" Loading dock ".into()),
        carrier: Some("DHL".into()),
        tracking_number: Some("".into()),
        ship_date: Some(date("2026-06-01")),
        status: ShipmentStatus::Packed,
        shipping_cost: Some(money("45.00 EUR")),
        customs_cost: Some(money("1.234 BHD")),
        ..shipment_data(
            Some(summit),
            vec![line(ferris, 500), line(s, 20), line(m, 30)],
        )
    };
    let created = store.add_shipment(&data, now()).await.unwrap();
    assert_eq!(created.data.contact_name.as_deref(), Some("Loading dock"));
    assert_eq!(created.data.tracking_number, None);
    assert_eq!(
        created.data.contents,
        vec![line(s, 20), line(m, 30), line(ferris, 500)]
    );
    assert_eq!(store.shipment(created.id).await.unwrap(), created);
    assert_eq!(
        created.data.customs_cost,
        Some(Money::new(1234, cur("BHD")))
    );
    assert!(matches!(
        store.shipment(999).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn shipments_go_to_a_gathering_or_an_address_too() {
    let store = &spawn_store().await;
    let (summit, [s, ..]) = setup(store).await;
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
    let to_meetup = store
        .add_shipment(
            &ShipmentData {
                gathering_id: Some(meetup.id),
                ..shipment_data(None, vec![line(s, 5)])
            },
            now(),
        )
        .await
        .unwrap();
    let to_address = store
        .add_shipment(
            &ShipmentData {
                destination_address: Some(" 1 Rue de la République, Lyon ".into()),
                ..shipment_data(None, vec![])
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .shipment(to_meetup.id)
            .await
            .unwrap()
            .data
            .gathering_id,
        Some(meetup.id)
    );
    let read = store.shipment(to_address.id).await.unwrap();
    assert_eq!(
        read.data.destination_address.as_deref(),
        Some("1 Rue de la République, Lyon")
    );
    assert!(read.data.contents.is_empty());
    assert_invalid(
        store
            .add_shipment(
                &ShipmentData {
                    gathering_id: Some(999),
                    ..shipment_data(Some(summit), vec![])
                },
                now(),
            )
            .await,
        "destination",
        "no such summit, gathering or swag variant",
    );
}

#[tokio::test]
async fn an_updated_shipment_replaces_its_contents() {
    let store = &spawn_store().await;
    let (summit, [s, m, ferris]) = setup(store).await;
    let created = store
        .add_shipment(
            &shipment_data(Some(summit), vec![line(s, 10), line(m, 10)]),
            now(),
        )
        .await
        .unwrap();
    let data = ShipmentData {
        status: ShipmentStatus::Packed,
        carrier: Some("UPS".into()),
        tracking_number: Some("1Z999".into()),
        shipping_cost: Some(money("60 EUR")),
        contents: vec![line(ferris, 100), line(m, 12)],
        ..created.data.clone()
    };
    let updated = store
        .update_shipment(created.id, &data, now())
        .await
        .unwrap();
    assert_eq!(updated.data.contents, vec![line(m, 12), line(ferris, 100)]);
    assert_eq!(store.shipment(created.id).await.unwrap(), updated);
    assert_eq!(store.count("shipment_items").await, 2);
    assert!(matches!(
        store.update_shipment(999, &data, now()).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn shipments_are_listed_by_id_with_filters() {
    let store = &spawn_store().await;
    let (summit, [s, m, ferris]) = setup(store).await;
    let other = store.new_summit("other").await.id;
    let add =
        |data: ShipmentData| async move { store.add_shipment(&data, now()).await.unwrap().id };
    let a = add(shipment_data(Some(summit), vec![line(s, 1)])).await;
    let b = add(ShipmentData {
        status: ShipmentStatus::Shipped,
        ..shipment_data(Some(summit), vec![line(m, 2), line(ferris, 3)])
    })
    .await;
    let c = add(ShipmentData {
        status: ShipmentStatus::Shipped,
        ..shipment_data(Some(other), vec![line(ferris, 4)])
    })
    .await;
    let d = add(ShipmentData {
        destination_address: Some("Somewhere".into()),
        status: ShipmentStatus::Lost,
        ..shipment_data(None, vec![])
    })
    .await;
    let list = |filter: ShipmentFilter| async move { store.list_shipments(&filter).await.unwrap() };
    let all = list(ShipmentFilter::default()).await;
    assert_eq!(ids(&all, |x| x.id), vec![a, b, c, d]);
    for shipment in &all {
        assert_eq!(shipment, &store.shipment(shipment.id).await.unwrap());
    }
    assert_eq!(all[1].data.contents, vec![line(m, 2), line(ferris, 3)]);
    let listed = |filter| async move { ids(&list(filter).await, |x| x.id) };
    assert_eq!(
        listed(ShipmentFilter {
            summit_id: Some(summit),
            status: None
        })
        .await,
        vec![a, b]
    );
    assert_eq!(
        listed(ShipmentFilter {
            summit_id: None,
            status: Some(ShipmentStatus::Shipped)
        })
        .await,
        vec![b, c]
    );
    assert_eq!(
        listed(ShipmentFilter {
            summit_id: Some(other),
            status: Some(ShipmentStatus::Shipped)
        })
        .await,
        vec![c]
    );
    assert_eq!(
        listed(ShipmentFilter {
            summit_id: None,
            status: Some(ShipmentStatus::Lost)
        })
        .await,
        vec![d]
    );
    assert_eq!(
        listed(ShipmentFilter {
            summit_id: None,
            status: Some(ShipmentStatus::Delivered)
        })
        .await,
        Vec::<i64>::new()
    );
    // A filtered list carries the full contents of what it lists.
    let shipped = list(ShipmentFilter {
        summit_id: None,
        status: Some(ShipmentStatus::Shipped),
    })
    .await;
    assert_eq!(shipped[0].data.contents, vec![line(m, 2), line(ferris, 3)]);
    assert_eq!(shipped[1].data.contents, vec![line(ferris, 4)]);
}

#[tokio::test]
async fn quantities_must_be_positive_and_variants_listed_once() {
    let store = &spawn_store().await;
    let (summit, [s, m, _]) = setup(store).await;
    let (field, message) = invalid(
        store
            .add_shipment(
                &shipment_data(Some(summit), vec![line(s, 1), line(m, -3)]),
                now(),
            )
            .await,
    );
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("quantity", "must be at least 1, got -3")
    );
    let (field, message) = invalid(
        store
            .add_shipment(&shipment_data(Some(summit), vec![line(s, 0)]), now())
            .await,
    );
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("quantity", "must be at least 1, got 0")
    );
    let (field, message) = invalid(
        store
            .add_shipment(
                &shipment_data(Some(summit), vec![line(s, 1), line(m, 2), line(s, 3)]),
                now(),
            )
            .await,
    );
    assert_eq!(field, "contents");
    assert_eq!(message, format!("variant {s} is listed twice"));
    assert_eq!(store.count("shipments").await, 0);
    assert_eq!(store.count("shipment_items").await, 0);
}

#[tokio::test]
async fn a_shipment_needs_a_destination_an_origin_and_sane_costs() {
    let store = &spawn_store().await;
    let (summit, [s, ..]) = setup(store).await;
    let (field, message) = invalid(
        store
            .add_shipment(
                &ShipmentData {
                    destination_address: Some("   ".into()),
                    ..shipment_data(None, vec![line(s, 1)])
                },
                now(),
            )
            .await,
    );
    assert_eq!(field, "destination");
    assert_eq!(
        message,
        "a shipment needs a summit, a gathering or an address"
    );
    let base = shipment_data(Some(summit), vec![line(s, 1)]);
    let cases = [
        (
            ShipmentData {
                origin: " ".into(),
                ..base.clone()
            },
            "origin",
            "must not be empty",
        ),
        (
            ShipmentData {
                buffer_days: -1,
                ..base.clone()
            },
            "buffer_days",
            "must not be negative, got -1",
        ),
        (
            ShipmentData {
                shipping_cost: Some(money("-5 EUR")),
                ..base.clone()
            },
            "shipping_cost",
            "must not be negative, got -5.00 EUR",
        ),
        (
            ShipmentData {
                customs_cost: Some(money("-5 JPY")),
                ..base.clone()
            },
            "customs_cost",
            "must not be negative, got -5 JPY",
        ),
    ];
    for (data, field, message) in cases {
        let (f, m) = invalid(store.add_shipment(&data, now()).await);
        assert_eq!((f.as_str(), m.as_str()), (field, message));
    }
    assert_eq!(store.count("shipments").await, 0);
}

#[tokio::test]
async fn an_unknown_variant_leaves_no_shipment_behind() {
    let store = &spawn_store().await;
    let (summit, [s, ..]) = setup(store).await;
    let data = shipment_data(Some(summit), vec![line(s, 1), line(9999, 2)]);
    assert_invalid(
        store.add_shipment(&data, now()).await,
        "contents",
        "no such swag variant among 1, 9999",
    );
    assert_eq!(store.count("shipments").await, 0);
    assert_eq!(store.count("shipment_items").await, 0);
}

#[tokio::test]
async fn an_update_with_an_unknown_variant_keeps_the_old_shipment() {
    let store = &spawn_store().await;
    let (summit, [s, m, _]) = setup(store).await;
    let created = store
        .add_shipment(
            &shipment_data(Some(summit), vec![line(s, 10), line(m, 20)]),
            now(),
        )
        .await
        .unwrap();
    let data = ShipmentData {
        status: ShipmentStatus::Shipped,
        carrier: Some("DHL".into()),
        contents: vec![line(s, 11), line(9999, 1)],
        ..created.data.clone()
    };
    assert_invalid(
        store.update_shipment(created.id, &data, now()).await,
        "contents",
        "no such swag variant among 1, 9999",
    );
    assert_eq!(store.shipment(created.id).await.unwrap(), created);
    assert_eq!(store.count("shipment_items").await, 2);
}

#[tokio::test]
async fn a_shipment_moves_only_along_its_legal_statuses() {
    let store = &spawn_store().await;
    let (summit, [s, ..]) = setup(store).await;
    let shipment = store
        .add_shipment(&shipment_data(Some(summit), vec![line(s, 1)]), now())
        .await
        .unwrap();
    assert_eq!(
        shipment.next_statuses,
        [ShipmentStatus::Packed, ShipmentStatus::Shipped]
    );
    let set = |status| async move { store.set_shipment_status(shipment.id, status, now()).await };
    assert_invalid(
        set(ShipmentStatus::Delivered).await,
        "status",
        "a draft shipment cannot become delivered; it can become packed or shipped",
    );
    set(ShipmentStatus::Packed).await.unwrap();
    set(ShipmentStatus::Draft).await.unwrap();
    set(ShipmentStatus::Shipped).await.unwrap();
    assert_invalid(
        set(ShipmentStatus::Packed).await,
        "status",
        "a shipped shipment cannot become packed; it can become in-transit or delivered or lost or returned",
    );
    set(ShipmentStatus::InTransit).await.unwrap();
    set(ShipmentStatus::Lost).await.unwrap();
    let delivered = set(ShipmentStatus::Delivered).await.unwrap();
    assert!(delivered.next_statuses.is_empty());
    assert_invalid(
        set(ShipmentStatus::Returned).await,
        "status",
        "a delivered shipment stays delivered",
    );
    // Staying put is always allowed, and other fields still change.
    let tracked = store
        .update_shipment(
            shipment.id,
            &ShipmentData {
                tracking_number: Some("JD99".into()),
                ..delivered.data.clone()
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!(tracked.data.tracking_number.as_deref(), Some("JD99"));
}

#[tokio::test]
async fn shipping_takes_the_contents_from_the_stock_set_aside_first_and_fails_whole() {
    let store = &spawn_store().await;
    let (summit, [s, m, ferris]) = setup(store).await;
    store
        .record_stock_movement(
            &stock_data(
                s,
                roadie_core::StockMovementKind::Allocated,
                30,
                Some(summit),
            ),
            now(),
        )
        .await
        .unwrap();
    let shipment = store
        .add_shipment(
            &shipment_data(
                Some(summit),
                vec![line(s, 50), line(m, 1000), line(ferris, 1001)],
            ),
            now(),
        )
        .await
        .unwrap();
    // Not enough stickers: nothing leaves, the status stays.
    assert_invalid(
        store
            .set_shipment_status(shipment.id, ShipmentStatus::Shipped, now())
            .await,
        "contents",
        "cannot ship 1001 of Stickers Ferris: there are only 1000 available and 0 allocated to summit",
    );
    assert_eq!(
        store.shipment(shipment.id).await.unwrap().data.status,
        ShipmentStatus::Draft
    );
    assert_eq!(store.stock_of(s).await.on_hand, 1000);
    let data = ShipmentData {
        contents: vec![line(s, 50), line(m, 1000), line(ferris, 1)],
        status: ShipmentStatus::Shipped,
        ..shipment.data.clone()
    };
    let shipped = store
        .update_shipment(shipment.id, &data, at("2026-05-02 23:30"))
        .await
        .unwrap();
    // The ship date is the day it left in the destination's zone.
    assert_eq!(shipped.data.ship_date, Some(date("2026-05-02")));
    let stock = store.stock_of(s).await;
    assert_eq!(
        (stock.on_hand, stock.allocated, stock.available, stock.out),
        (950, 0, 950, 50)
    );
    assert_eq!(store.stock_of(m).await.on_hand, 0);
    let moves = store
        .list_stock_movements(&roadie_core::StockFilter {
            shipment_id: Some(shipment.id),
            ..Default::default()
        })
        .await
        .unwrap();
    let summary: Vec<_> = moves
        .iter()
        .map(|mv| (mv.data.variant_id, mv.data.kind.as_str(), mv.data.quantity))
        .collect();
    assert_eq!(
        summary,
        [
            (s, "allocated", 20),
            (s, "shipped", 50),
            (m, "allocated", 1000),
            (m, "shipped", 1000),
            (ferris, "allocated", 1),
            (ferris, "shipped", 1)
        ]
    );
    // What it carries is fixed once it has left.
    assert_invalid(
        store
            .update_shipment(
                shipment.id,
                &ShipmentData {
                    contents: vec![line(s, 49)],
                    ..shipped.data.clone()
                },
                now(),
            )
            .await,
        "contents",
        "has left; what it carries can no longer change",
    );
    // Sent back, it all returns to the warehouse.
    store
        .set_shipment_status(shipment.id, ShipmentStatus::Returned, now())
        .await
        .unwrap();
    let stock = store.stock_of(s).await;
    assert_eq!((stock.on_hand, stock.out), (1000, 0));
    assert_eq!(store.stock_of(m).await.on_hand, 1000);
}

#[tokio::test]
async fn a_shipment_created_as_delivered_takes_its_stock_and_an_address_takes_free_stock() {
    let store = &spawn_store().await;
    let (summit, [s, m, _]) = setup(store).await;
    store
        .record_stock_movement(
            &stock_data(
                m,
                roadie_core::StockMovementKind::Allocated,
                995,
                Some(summit),
            ),
            now(),
        )
        .await
        .unwrap();
    let delivered = store
        .add_shipment(
            &ShipmentData {
                status: ShipmentStatus::Delivered,
                ..shipment_data(Some(summit), vec![line(s, 10)])
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!(delivered.data.ship_date, Some(date("2026-05-01")));
    assert_eq!(store.stock_of(s).await.on_hand, 990);
    // Stock set aside for the summit cannot go to an address.
    assert_invalid(
        store
            .add_shipment(
                &ShipmentData {
                    destination_address: Some("1 Main St".into()),
                    status: ShipmentStatus::Shipped,
                    ..shipment_data(None, vec![line(m, 6)])
                },
                now(),
            )
            .await,
        "contents",
        "cannot ship 6 of T-shirt M: there are only 5 available (1000 on hand, 995 allocated)",
    );
    assert_eq!(store.count("shipments").await, 1);
}

#[tokio::test]
async fn buffer_and_transit_days_are_bounded() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store).await;
    assert_invalid(
        store
            .add_shipment(
                &ShipmentData {
                    transit_days: 366,
                    ..shipment_data(Some(summit), vec![])
                },
                now(),
            )
            .await,
        "transit_days",
        "must be at most 365 days, got 366",
    );
    assert_invalid(
        store
            .add_shipment(
                &ShipmentData {
                    transit_days: -1,
                    ..shipment_data(Some(summit), vec![])
                },
                now(),
            )
            .await,
        "transit_days",
        "must not be negative",
    );
}
