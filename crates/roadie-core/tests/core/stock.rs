use std::collections::HashMap;

use proptest::prelude::*;
use roadie_core::{
    Error, EventStock, GatheringKind, ShipmentData, ShipmentStatus, StockFilter, StockMovementData,
    StockMovementKind as Kind,
};

use crate::helpers::*;

/// A summit, a meetup of it, and two variants with nothing in stock.
async fn setup(store: &TestStore) -> (i64, i64, [i64; 2]) {
    let summit = store.new_summit("s").await.id;
    let meetup = store
        .add_gathering(&gathering_data(
            Some(summit),
            GatheringKind::Meetup,
            "Warm-up meetup",
            "2026-06-08 18:30",
            150,
        ))
        .await
        .unwrap()
        .id;
    let shirt = store.add_swag_item(&swag_data("T-shirt")).await.unwrap().id;
    let m = store.add_swag_variant(shirt, "M", None).await.unwrap().id;
    let l = store.add_swag_variant(shirt, "L", None).await.unwrap().id;
    (summit, meetup, [m, l])
}

fn figures(store_stock: &roadie_core::VariantStock) -> (i64, i64, i64, i64) {
    (
        store_stock.on_hand,
        store_stock.allocated,
        store_stock.available,
        store_stock.out,
    )
}

#[tokio::test]
async fn received_allocated_shipped_handed_out_and_returned_stock_is_derived() {
    let store = &spawn_store().await;
    let (summit, _, [m, _]) = setup(store).await;
    let record = |kind, quantity, summit_id| async move {
        store
            .record_stock_movement(&stock_data(m, kind, quantity, summit_id), now())
            .await
            .unwrap()
    };
    record(Kind::Received, 100, None).await;
    record(Kind::Allocated, 60, Some(summit)).await;
    record(Kind::Released, 10, Some(summit)).await;
    assert_eq!(figures(&store.stock_of(m).await), (100, 50, 50, 0));
    record(Kind::GivenAway, 5, None).await;
    assert_eq!(figures(&store.stock_of(m).await), (95, 50, 45, 0));

    let shipment = store
        .add_shipment(
            &ShipmentData {
                status: ShipmentStatus::Shipped,
                ..shipment_data(Some(summit), vec![line(m, 40)])
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!(figures(&store.stock_of(m).await), (55, 10, 45, 40));
    record(Kind::GivenAway, 30, Some(summit)).await;
    let back = record(Kind::Returned, 10, Some(summit)).await;
    assert_eq!(back.data.note, None);
    assert_eq!(back.recorded_at, now());
    assert_eq!(figures(&store.stock_of(m).await), (65, 10, 55, 0));
    assert_eq!(
        store.event_stock(summit).await.unwrap(),
        vec![EventStock {
            variant_id: m,
            summit_id: Some(summit),
            gathering_id: None,
            allocated: 10,
            shipped: 40,
            given_away: 30,
            returned: 10,
            out: 0,
        }]
    );
    let kinds: Vec<Kind> = store
        .list_stock_movements(&StockFilter {
            variant_id: Some(m),
            ..StockFilter::default()
        })
        .await
        .unwrap()
        .iter()
        .map(|mv| mv.data.kind)
        .collect();
    use Kind::*;
    assert_eq!(
        kinds,
        [
            Received, Allocated, Released, GivenAway, Shipped, GivenAway, Returned
        ]
    );
    let by_shipment = store
        .list_stock_movements(&StockFilter {
            shipment_id: Some(shipment.id),
            ..StockFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(by_shipment.len(), 1);
    assert_eq!(by_shipment[0].data.quantity, 40);
}

#[tokio::test]
async fn a_movement_that_would_go_below_zero_is_refused_saying_what_there_is() {
    let store = &spawn_store().await;
    let (summit, meetup, [m, l]) = setup(store).await;
    store.receive(m, 10).await;
    let try_record =
        |data: StockMovementData| async move { store.record_stock_movement(&data, now()).await };
    store
        .record_stock_movement(&stock_data(m, Kind::Allocated, 4, Some(summit)), now())
        .await
        .unwrap();
    assert_invalid(
        try_record(stock_data(m, Kind::Allocated, 7, Some(summit))).await,
        "quantity",
        "cannot allocate 7 of T-shirt M: there are only 6 available (10 on hand, 4 allocated)",
    );
    assert_invalid(
        try_record(stock_data(m, Kind::GivenAway, 7, None)).await,
        "quantity",
        "there are only 6 available",
    );
    assert_invalid(
        try_record(stock_data(m, Kind::Released, 5, Some(summit))).await,
        "quantity",
        &format!("cannot release 5 of T-shirt M: there are only 4 allocated to summit {summit}"),
    );
    assert_invalid(
        try_record(StockMovementData {
            gathering_id: Some(meetup),
            ..stock_data(m, Kind::Released, 1, None)
        })
        .await,
        "quantity",
        &format!("only 0 allocated to gathering {meetup}"),
    );
    assert_invalid(
        try_record(stock_data(m, Kind::Returned, 1, Some(summit))).await,
        "quantity",
        &format!("only 0 sent to summit {summit} and not handed out or back"),
    );
    assert_invalid(
        try_record(stock_data(l, Kind::GivenAway, 1, None)).await,
        "quantity",
        "cannot give away 1 of T-shirt L: there are only 0 available",
    );
    assert_invalid(
        try_record(stock_data(999, Kind::Received, 1, None)).await,
        "variant",
        "no swag variant with id 999",
    );
    assert_invalid(
        try_record(stock_data(m, Kind::Allocated, 1, Some(999))).await,
        "target",
        "no such swag variant, summit, gathering or shipment",
    );
    assert_eq!(store.count("stock_movements").await, 2);
    assert_eq!(figures(&store.stock_of(m).await), (10, 4, 6, 0));
}

#[tokio::test]
async fn the_database_refuses_what_slips_past_the_core_and_never_changes_a_movement() {
    let store = &spawn_store().await;
    let (summit, _, [m, _]) = setup(store).await;
    store.receive(m, 3).await;
    let raw = |sql: String| async move { sqlx::query(&sql).execute(store.pool()).await };
    let below = raw(format!(
        "INSERT INTO stock_movements (variant_id, kind, quantity, recorded_at) VALUES ({m}, 'given-away', 4, 0)"
    ))
    .await
    .unwrap_err();
    assert!(below.to_string().contains("below zero"), "{below}");
    let over_allocated = raw(format!(
        "INSERT INTO stock_movements (variant_id, kind, quantity, summit_id, recorded_at)
         VALUES ({m}, 'allocated', 4, {summit}, 0)"
    ))
    .await
    .unwrap_err();
    assert!(over_allocated.to_string().contains("below zero"));
    let released = raw(format!(
        "INSERT INTO stock_movements (variant_id, kind, quantity, summit_id, recorded_at)
         VALUES ({m}, 'released', 1, {summit}, 0)"
    ))
    .await
    .unwrap_err();
    assert!(released.to_string().contains("below zero"));
    let changed = raw("UPDATE stock_movements SET quantity = 1".into())
        .await
        .unwrap_err();
    assert!(changed.to_string().contains("never changed"), "{changed}");
    let removed = raw("DELETE FROM stock_movements".into()).await.unwrap_err();
    assert!(removed.to_string().contains("never removed"), "{removed}");
    assert_eq!(figures(&store.stock_of(m).await), (3, 0, 3, 0));
}

#[tokio::test]
async fn shipped_stock_is_recorded_by_shipments_only() {
    let store = &spawn_store().await;
    let (summit, _, [m, _]) = setup(store).await;
    store.receive(m, 3).await;
    assert_invalid(
        store
            .record_stock_movement(&stock_data(m, Kind::Shipped, 1, Some(summit)), now())
            .await,
        "kind",
        "by marking a shipment shipped",
    );
}

// ---- the property: whatever happens, no figure goes below zero ----------------------------------

/// Where a movement goes: nowhere (the warehouse or an address), the summit, or its meetup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Place {
    Warehouse,
    Summit,
    Meetup,
}

#[derive(Clone, Debug)]
enum Op {
    Receive(usize, i64),
    Allocate(usize, Place, i64),
    Release(usize, Place, i64),
    GiveAway(usize, Place, i64),
    Return(usize, Place, i64),
    /// A shipment to a place with (variant, quantity) lines, created already shipped.
    Ship(Place, Vec<(usize, i64)>),
    /// Sends back the n-th shipment made so far (modulo their number).
    SendBack(usize),
}

fn place() -> impl Strategy<Value = Place> {
    prop_oneof![
        Just(Place::Warehouse),
        Just(Place::Summit),
        Just(Place::Meetup)
    ]
}

fn event() -> impl Strategy<Value = Place> {
    prop_oneof![Just(Place::Summit), Just(Place::Meetup)]
}

fn op() -> impl Strategy<Value = Op> {
    let v = 0..2usize;
    let q = 1..25i64;
    prop_oneof![
        2 => (v.clone(), q.clone()).prop_map(|(v, q)| Op::Receive(v, q)),
        2 => (v.clone(), event(), q.clone()).prop_map(|(v, p, q)| Op::Allocate(v, p, q)),
        1 => (v.clone(), event(), q.clone()).prop_map(|(v, p, q)| Op::Release(v, p, q)),
        2 => (v.clone(), place(), q.clone()).prop_map(|(v, p, q)| Op::GiveAway(v, p, q)),
        1 => (v.clone(), event(), q.clone()).prop_map(|(v, p, q)| Op::Return(v, p, q)),
        3 => (place(), prop::sample::subsequence(vec![0usize, 1], 1..=2), q.clone(), q)
            .prop_map(|(p, vs, a, b)| Op::Ship(p, vs.into_iter().zip([a, b]).collect())),
        1 => any::<usize>().prop_map(Op::SendBack),
    ]
}

/// A shipment made: its id, place, lines, and whether it was sent back.
type Made = (i64, Place, Vec<(usize, i64)>, bool);

/// What the stock should be, kept by hand from the operations the store accepted.
#[derive(Default, Debug)]
struct Model {
    on_hand: [i64; 2],
    allocated: HashMap<(usize, Place), i64>,
    out: HashMap<(usize, Place), i64>,
    shipments: Vec<Made>,
}

impl Model {
    fn allocated(&self, v: usize, p: Place) -> i64 {
        self.allocated.get(&(v, p)).copied().unwrap_or(0)
    }
    fn out(&self, v: usize, p: Place) -> i64 {
        self.out.get(&(v, p)).copied().unwrap_or(0)
    }
    fn available(&self, v: usize) -> i64 {
        self.on_hand[v]
            - [Place::Summit, Place::Meetup]
                .iter()
                .map(|p| self.allocated(v, *p))
                .sum::<i64>()
    }

    /// Applies `op` when the stock allows it; whether it did.
    fn apply(&mut self, op: &Op) -> bool {
        match *op {
            Op::Receive(v, q) => self.on_hand[v] += q,
            Op::Allocate(v, p, q) => {
                if q > self.available(v) {
                    return false;
                }
                *self.allocated.entry((v, p)).or_default() += q;
            }
            Op::Release(v, p, q) => {
                if q > self.allocated(v, p) {
                    return false;
                }
                *self.allocated.entry((v, p)).or_default() -= q;
            }
            Op::GiveAway(v, Place::Warehouse, q) => {
                if q > self.available(v) {
                    return false;
                }
                self.on_hand[v] -= q;
            }
            Op::GiveAway(v, p, q) => {
                if q > self.out(v, p) {
                    return false;
                }
                *self.out.entry((v, p)).or_default() -= q;
            }
            Op::Return(v, p, q) => {
                if q > self.out(v, p) {
                    return false;
                }
                *self.out.entry((v, p)).or_default() -= q;
                self.on_hand[v] += q;
            }
            Op::Ship(p, ref lines) => {
                let reserved = |v| {
                    if p == Place::Warehouse {
                        0
                    } else {
                        self.allocated(v, p)
                    }
                };
                if lines
                    .iter()
                    .any(|&(v, q)| q > self.available(v) + reserved(v))
                {
                    return false;
                }
                for &(v, q) in lines {
                    self.on_hand[v] -= q;
                    if p != Place::Warehouse {
                        let a = self.allocated.entry((v, p)).or_default();
                        *a = (*a - q).max(0);
                        *self.out.entry((v, p)).or_default() += q;
                    }
                }
            }
            Op::SendBack(_) => unreachable!("resolved by the caller"),
        }
        true
    }
}

async fn run_ops(ops: Vec<Op>) {
    let store = &spawn_store().await;
    let (summit, meetup, variants) = setup(store).await;
    let target = |p: Place| match p {
        Place::Warehouse => (None, None),
        Place::Summit => (Some(summit), None),
        Place::Meetup => (None, Some(meetup)),
    };
    let mut model = Model::default();
    for op in &ops {
        let movement = |v: usize, kind, q, p| {
            let (summit_id, gathering_id) = target(p);
            StockMovementData {
                variant_id: variants[v],
                kind,
                quantity: q,
                summit_id,
                gathering_id,
                note: None,
            }
        };
        let (expected, result) = match *op {
            Op::Receive(v, q) => (
                model.apply(op),
                store
                    .record_stock_movement(&movement(v, Kind::Received, q, Place::Warehouse), now())
                    .await
                    .map(drop),
            ),
            Op::Allocate(v, p, q)
            | Op::Release(v, p, q)
            | Op::GiveAway(v, p, q)
            | Op::Return(v, p, q) => {
                let kind = match op {
                    Op::Allocate(..) => Kind::Allocated,
                    Op::Release(..) => Kind::Released,
                    Op::GiveAway(..) => Kind::GivenAway,
                    _ => Kind::Returned,
                };
                (
                    model.apply(op),
                    store
                        .record_stock_movement(&movement(v, kind, q, p), now())
                        .await
                        .map(drop),
                )
            }
            Op::Ship(p, ref lines) => {
                let (summit_id, gathering_id) = target(p);
                let data = ShipmentData {
                    gathering_id,
                    destination_address: (p == Place::Warehouse).then(|| "1 Main St".into()),
                    status: ShipmentStatus::Shipped,
                    contents: lines.iter().map(|&(v, q)| line(variants[v], q)).collect(),
                    ..shipment_data(summit_id, vec![])
                };
                let ok = model.apply(op);
                let result = store.add_shipment(&data, now()).await;
                if let Ok(s) = &result {
                    model.shipments.push((s.id, p, lines.clone(), false));
                }
                (ok, result.map(drop))
            }
            Op::SendBack(n) => {
                if model.shipments.is_empty() {
                    continue;
                }
                let at = n % model.shipments.len();
                let (id, p, lines, sent_back) = model.shipments[at].clone();
                // Sending back again changes nothing: a returned shipment stays returned.
                let ok = sent_back
                    || p == Place::Warehouse
                    || lines.iter().all(|&(v, q)| q <= model.out(v, p));
                if ok && !sent_back {
                    for (v, q) in lines {
                        model.on_hand[v] += q;
                        if p != Place::Warehouse {
                            *model.out.entry((v, p)).or_default() -= q;
                        }
                    }
                    model.shipments[at].3 = true;
                }
                let result = store
                    .set_shipment_status(id, ShipmentStatus::Returned, now())
                    .await;
                (ok, result.map(drop))
            }
        };
        match result {
            Ok(()) => assert!(
                expected,
                "{op:?} was accepted but the model refuses it: {model:?}"
            ),
            Err(Error::Invalid { .. }) => {
                assert!(
                    !expected,
                    "{op:?} was refused ({result:?}) but the model accepts it"
                )
            }
            Err(other) => panic!("{op:?} failed with {other:?}"),
        }
        for (v, variant) in variants.iter().enumerate() {
            let s = store.stock_of(*variant).await;
            assert!(
                s.on_hand >= 0 && s.allocated >= 0 && s.available >= 0 && s.out >= 0,
                "{s:?}"
            );
            let allocated = model.allocated(v, Place::Summit) + model.allocated(v, Place::Meetup);
            let out = model.out(v, Place::Summit) + model.out(v, Place::Meetup);
            assert_eq!(
                figures(&s),
                (model.on_hand[v], allocated, model.available(v), out),
                "after {op:?}"
            );
        }
        for e in store.event_stock(summit).await.unwrap() {
            assert!(e.allocated >= 0 && e.out >= 0, "{e:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn stock_never_goes_below_zero(ops in proptest::collection::vec(op(), 1..40)) {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(run_ops(ops));
    }
}
