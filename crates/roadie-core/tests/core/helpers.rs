//! A fresh database file per test, and builders of valid record data so tests state only what
//! they are about.

use std::ops::Deref;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use roadie_core::time::parse_local;
use roadie_core::{
    Audience, BudgetCategory, BudgetLineData, Currency, Error, ExchangeRateData, GatheringData,
    GatheringKind, GatheringStatus, Money, Rate, ShipmentData, ShipmentLine, ShipmentStatus,
    SpeakerData, StockMovementData, StockMovementKind, Store, Summit, SummitData, SwagItemData,
    TravelCategory, TravelItem, TravelRequestData, VariantStock, Zone,
};
use tempfile::TempDir;

/// A store on its own database file, removed with the value.
pub struct TestStore {
    pub store: Store,
    pub dir: TempDir,
}

impl Deref for TestStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl TestStore {
    /// The database file.
    pub fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("roadie.db")
    }

    /// How many rows `table` holds.
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(self.store.pool())
            .await
            .unwrap()
    }

    /// Receives `quantity` of a swag variant into the warehouse.
    pub async fn receive(&self, variant_id: i64, quantity: i64) {
        self.record_stock_movement(
            &stock_data(variant_id, StockMovementKind::Received, quantity, None),
            now(),
        )
        .await
        .unwrap();
    }

    /// The stock of one variant.
    pub async fn stock_of(&self, variant_id: i64) -> VariantStock {
        self.stock_levels()
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.variant_id == variant_id)
            .unwrap()
    }

    /// A summit made from `summit_data(slug)`.
    pub async fn new_summit(&self, slug: &str) -> Summit {
        self.create_summit(&summit_data(slug)).await.unwrap()
    }
}

/// Opens a new database in a fresh temporary directory.
pub async fn spawn_store() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("roadie.db")).await.unwrap();
    TestStore { store, dir }
}

/// The field and message of an `Invalid` error; fails the test on anything else.
pub fn invalid<T: std::fmt::Debug>(result: Result<T, Error>) -> (String, String) {
    match result {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

/// Asserts that `result` is `Invalid` on `field` with a message containing `text`.
#[track_caller]
pub fn assert_invalid<T: std::fmt::Debug>(result: Result<T, Error>, field: &str, text: &str) {
    let (f, message) = invalid(result);
    assert_eq!(f, field, "wrong field; message: {message}");
    assert!(
        message.contains(text),
        "{field}: {message:?} does not contain {text:?}"
    );
}

pub fn cur(code: &str) -> Currency {
    Currency::parse("currency", code).unwrap()
}

/// Parses "12.50 EUR".
pub fn money(text: &str) -> Money {
    Money::parse("amount", text).unwrap()
}

pub fn zone(name: &str) -> Zone {
    Zone::parse("tz", name).unwrap()
}

pub fn berlin() -> Zone {
    zone("Europe/Berlin")
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The UTC instant of a Berlin wall-clock time "YYYY-MM-DD HH:MM".
pub fn at(local: &str) -> DateTime<Utc> {
    berlin()
        .to_utc("start", parse_local("start", local).unwrap())
        .unwrap()
}

/// The instant tests run at unless they say otherwise: 2026-05-01 12:00 in Berlin, weeks before
/// the test summit.
pub fn now() -> DateTime<Utc> {
    at("2026-05-01 12:00")
}

/// A valid summit in Berlin, 10–12 June 2026, in EUR with a 100,000 EUR budget.
pub fn summit_data(slug: &str) -> SummitData {
    SummitData {
        name: format!("Summit {slug}"),
        slug: slug.to_owned(),
        city: Some("Berlin".into()),
        venue: Some("bcc".into()),
        tz: berlin(),
        start_date: date("2026-06-10"),
        end_date: date("2026-06-12"),
        currency: cur("EUR"),
        budget: Some(money("100000 EUR")),
    }
}

/// A valid confirmed gathering of `kind` starting at Berlin time `start`, lasting `minutes`.
pub fn gathering_data(
    summit_id: Option<i64>,
    kind: GatheringKind,
    title: &str,
    start: &str,
    minutes: i64,
) -> GatheringData {
    let start = at(start);
    GatheringData {
        summit_id,
        kind,
        title: title.to_owned(),
        description: None,
        start,
        end: start + Duration::minutes(minutes),
        tz: berlin(),
        venue: Some("bcc".into()),
        room: None,
        url: None,
        geo: None,
        track: None,
        capacity: None,
        expected_headcount: None,
        audience: Audience::Attendees,
        status: GatheringStatus::Confirmed,
        recurrence: None,
    }
}

/// A one-hour session of `summit_id` on its first day.
pub fn session(summit_id: i64, title: &str, start: &str) -> GatheringData {
    gathering_data(Some(summit_id), GatheringKind::Session, title, start, 60)
}

pub fn speaker_data(name: &str) -> SpeakerData {
    SpeakerData {
        name: name.to_owned(),
        email: None,
        organisation: None,
        home_city: None,
        country: None,
        first_time: false,
    }
}

pub fn item(category: TravelCategory, amount: &str) -> TravelItem {
    TravelItem {
        category,
        requested: money(amount),
    }
}

/// A valid travel request in `currency` with one airfare item of 500 units.
pub fn travel_data(summit_id: i64, speaker_id: i64, currency: &str) -> TravelRequestData {
    TravelRequestData {
        summit_id,
        speaker_id,
        currency: cur(currency),
        origin_city: None,
        origin_country: None,
        depart_on: Some(date("2026-06-09")),
        return_on: Some(date("2026-06-13")),
        lodging_nights: Some(4),
        notes: None,
        items: vec![item(TravelCategory::Airfare, &format!("500 {currency}"))],
    }
}

pub fn swag_data(name: &str) -> SwagItemData {
    SwagItemData {
        name: name.to_owned(),
        description: None,
        unit_cost: Some(money("9.00 EUR")),
    }
}

/// A movement of `quantity` of a variant for a summit (or none).
pub fn stock_data(
    variant_id: i64,
    kind: StockMovementKind,
    quantity: i64,
    summit_id: Option<i64>,
) -> StockMovementData {
    StockMovementData {
        variant_id,
        kind,
        quantity,
        summit_id,
        gathering_id: None,
        note: None,
    }
}

pub fn line(variant_id: i64, quantity: i64) -> ShipmentLine {
    ShipmentLine {
        variant_id,
        quantity,
    }
}

/// A valid draft shipment to `summit_id` carrying `contents`.
pub fn shipment_data(summit_id: Option<i64>, contents: Vec<ShipmentLine>) -> ShipmentData {
    ShipmentData {
        summit_id,
        gathering_id: None,
        destination_address: None,
        origin: "Berlin warehouse".into(),
        contact_name: None,
        contact_phone: None,
        carrier: None,
        tracking_number: None,
        ship_date: None,
        buffer_days: 3,
        transit_days: 5,
        status: ShipmentStatus::Draft,
        shipping_cost: None,
        customs_cost: None,
        contents,
    }
}

/// A valid budget line planning `planned` with nothing committed or spent.
pub fn budget_data(summit_id: i64, category: BudgetCategory, planned: &str) -> BudgetLineData {
    let planned = money(planned);
    BudgetLineData {
        summit_id,
        category,
        description: format!("{category} line"),
        planned,
        committed: Money::zero(planned.currency),
        spent: Money::zero(planned.currency),
        gathering_id: None,
        paid_on: None,
    }
}

pub fn rate_data(
    summit_id: Option<i64>,
    from: &str,
    to: &str,
    rate: &str,
    on: &str,
) -> ExchangeRateData {
    ExchangeRateData {
        summit_id,
        from: cur(from),
        to: cur(to),
        rate: Rate::parse("rate", rate).unwrap(),
        recorded_on: date(on),
        note: None,
    }
}

/// The ids of `records`, given how to read one's id.
pub fn ids<T>(records: &[T], id: impl Fn(&T) -> i64) -> Vec<i64> {
    records.iter().map(id).collect()
}
