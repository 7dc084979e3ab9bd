//! Shipments of swag to a summit, a gathering or an address.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::forms::LOCAL_FORMAT;
use crate::gathering::instant;
use crate::money::{Currency, Money};
use crate::stock::{self, Target};
use crate::store::{Store, batch_ids, batch_json, group_by, is_foreign_key_violation, only};
use crate::text_enum::text_enum;
use crate::time::Zone;

text_enum!(
    /// Where a shipment is.
    ShipmentStatus("shipment status") {
        Draft => "draft",
        Packed => "packed",
        Shipped => "shipped",
        InTransit => "in-transit",
        Delivered => "delivered",
        Lost => "lost",
        Returned => "returned",
    }
);

impl ShipmentStatus {
    /// Whether the shipment has left the warehouse: its contents are out of the stock.
    pub fn has_left(self) -> bool {
        !matches!(self, ShipmentStatus::Draft | ShipmentStatus::Packed)
    }

    /// The statuses a shipment in this one can move to. Once it has left, its contents are out of
    /// the stock: it cannot be unpacked, only delivered, lost or sent back; delivered and returned
    /// are final.
    pub fn next(self) -> &'static [ShipmentStatus] {
        use ShipmentStatus::*;
        match self {
            Draft => &[Packed, Shipped],
            Packed => &[Shipped, Draft],
            Shipped => &[InTransit, Delivered, Lost, Returned],
            InTransit => &[Delivered, Lost, Returned],
            Lost => &[Delivered, Returned],
            Delivered | Returned => &[],
        }
    }

    /// Whether a shipment in this status may move to `next` (staying put is always allowed).
    pub fn can_become(self, next: ShipmentStatus) -> bool {
        self == next || self.next().contains(&next)
    }
}

/// The longest buffer or transit time a shipment takes, in days.
pub const MAX_DAYS: i64 = 365;

/// One line of a shipment's contents: a swag variant and how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ShipmentLine {
    pub variant_id: i64,
    pub quantity: i64,
}

/// What a shipment is; the input to create or update one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ShipmentData {
    pub summit_id: Option<i64>,
    pub gathering_id: Option<i64>,
    pub destination_address: Option<String>,
    pub origin: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub ship_date: Option<NaiveDate>,
    /// Days before the destination's start by which it must arrive.
    pub buffer_days: i64,
    /// Days the carrier needs: not shipped this long before it must arrive, it is at risk.
    pub transit_days: i64,
    pub status: ShipmentStatus,
    pub shipping_cost: Option<Money>,
    pub customs_cost: Option<Money>,
    pub contents: Vec<ShipmentLine>,
}

impl ShipmentData {
    /// Checks every field and returns the cleaned-up data, contents by variant.
    pub fn validated(&self) -> Result<ShipmentData> {
        let destination_address =
            fields::optional("destination_address", self.destination_address.as_deref())?;
        if self.summit_id.is_none() && self.gathering_id.is_none() && destination_address.is_none()
        {
            return Err(Error::invalid(
                "destination",
                "a shipment needs a summit, a gathering or an address",
            ));
        }
        for (field, days) in [
            ("buffer_days", self.buffer_days),
            ("transit_days", self.transit_days),
        ] {
            fields::non_negative(field, days)?;
            if days > MAX_DAYS {
                return Err(Error::invalid(
                    field,
                    format!("must be at most {MAX_DAYS} days, got {days}"),
                ));
            }
        }
        if let Some(cost) = self.shipping_cost {
            cost.non_negative("shipping_cost")?;
        }
        if let Some(cost) = self.customs_cost {
            cost.non_negative("customs_cost")?;
        }
        let mut contents = self.contents.clone();
        contents.sort_by_key(|l| l.variant_id);
        for line in &contents {
            fields::positive("quantity", line.quantity)?;
        }
        if let Some(pair) = contents
            .windows(2)
            .find(|p| p[0].variant_id == p[1].variant_id)
        {
            return Err(Error::invalid(
                "contents",
                format!("variant {} is listed twice", pair[0].variant_id),
            ));
        }
        Ok(ShipmentData {
            destination_address,
            origin: fields::required("origin", &self.origin)?,
            contact_name: fields::optional("contact_name", self.contact_name.as_deref())?,
            contact_phone: fields::optional("contact_phone", self.contact_phone.as_deref())?,
            carrier: fields::optional("carrier", self.carrier.as_deref())?,
            tracking_number: fields::optional("tracking_number", self.tracking_number.as_deref())?,
            contents,
            ..self.clone()
        })
    }
}

/// An instant that matters to a shipment, with its wall-clock time in the destination's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Deadline {
    pub at: DateTime<Utc>,
    /// `YYYY-MM-DDTHH:MM` in `tz`.
    pub local: String,
    pub tz: Zone,
}

impl Deadline {
    fn new(at: DateTime<Utc>, tz: Zone) -> Deadline {
        Deadline {
            at,
            local: tz.local(at).format(LOCAL_FORMAT).to_string(),
            tz,
        }
    }

    /// "2026-06-07 00:00 Europe/Paris", for messages.
    pub fn text(&self) -> String {
        format!("{} {}", self.local.replace('T', " "), self.tz)
    }
}

/// A stored shipment, with the deadlines its destination sets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Shipment {
    pub id: i64,
    #[serde(flatten)]
    pub data: ShipmentData,
    /// The destination's start (a gathering's start, or 00:00 on a summit's first day, in its
    /// zone) less `buffer_days` days; none for a shipment to an address.
    pub must_arrive_by: Option<Deadline>,
    /// `must_arrive_by` less `transit_days` days: not shipped by then, it is at risk.
    pub ship_by: Option<Deadline>,
    /// The statuses it can move to from its own.
    pub next_statuses: Vec<ShipmentStatus>,
}

/// `days` calendar days before `instant` on the wall clock of `tz` (24 hours a day where the wall
/// clock does not have that time).
pub(crate) fn days_before(instant: DateTime<Utc>, tz: Zone, days: i64) -> Option<DateTime<Utc>> {
    let back = Duration::try_days(days)?;
    let local = tz.local(instant).checked_sub_signed(back)?;
    match tz.tz().from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => instant.checked_sub_signed(back),
    }
}

/// Where a shipment's destination starts: a gathering's start, or 00:00 on a summit's first day.
#[derive(Clone, Copy, Debug)]
struct DestinationStart {
    at: DateTime<Utc>,
    tz: Zone,
}

impl DestinationStart {
    fn read(
        gathering: (Option<i64>, Option<String>),
        summit: (Option<NaiveDate>, Option<String>),
    ) -> Result<Option<DestinationStart>> {
        if let (Some(start), Some(tz)) = gathering {
            return Ok(Some(DestinationStart {
                at: instant("start", start)?,
                tz: Zone::parse("tz", &tz)?,
            }));
        }
        if let (Some(day), Some(tz)) = summit {
            let tz = Zone::parse("tz", &tz)?;
            let midnight = day.and_time(NaiveTime::MIN);
            let at = tz
                .to_utc("start", midnight)
                .unwrap_or_else(|_| midnight.and_utc());
            return Ok(Some(DestinationStart { at, tz }));
        }
        Ok(None)
    }
}

impl Shipment {
    fn new(id: i64, data: ShipmentData, start: Option<DestinationStart>) -> Shipment {
        let arrive = start.and_then(|s| {
            days_before(s.at, s.tz, data.buffer_days).map(|at| Deadline::new(at, s.tz))
        });
        let ship_by = arrive.as_ref().and_then(|a| {
            days_before(a.at, a.tz, data.transit_days).map(|at| Deadline::new(at, a.tz))
        });
        Shipment {
            id,
            next_statuses: data.status.next().to_vec(),
            must_arrive_by: arrive,
            ship_by,
            data,
        }
    }
}

/// Which shipments to list.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ShipmentFilter {
    /// Shipments to this summit or to one of its gatherings.
    pub summit_id: Option<i64>,
    pub status: Option<ShipmentStatus>,
}

/// A shipment as read: its columns, then its destination's start, in the order of the JSON array
/// [`Store::list_shipments`] reads each one as.
#[derive(Deserialize)]
struct ShipmentRow {
    id: i64,
    summit_id: Option<i64>,
    gathering_id: Option<i64>,
    destination_address: Option<String>,
    origin: String,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    carrier: Option<String>,
    tracking_number: Option<String>,
    ship_date: Option<NaiveDate>,
    buffer_days: i64,
    transit_days: i64,
    status: String,
    shipping_minor: Option<i64>,
    shipping_currency: Option<String>,
    customs_minor: Option<i64>,
    customs_currency: Option<String>,
    gathering_start: Option<i64>,
    gathering_tz: Option<String>,
    summit_start: Option<NaiveDate>,
    summit_tz: Option<String>,
}

fn money(field: &str, minor: Option<i64>, code: Option<String>) -> Result<Option<Money>> {
    match (minor, code) {
        (Some(minor), Some(code)) => Ok(Some(Money::new(minor, Currency::parse(field, &code)?))),
        _ => Ok(None),
    }
}

fn to_shipment(row: ShipmentRow, contents: Vec<ShipmentLine>) -> Result<Shipment> {
    let start = DestinationStart::read(
        (row.gathering_start, row.gathering_tz),
        (row.summit_start, row.summit_tz),
    )?;
    let data = ShipmentData {
        summit_id: row.summit_id,
        gathering_id: row.gathering_id,
        destination_address: row.destination_address,
        origin: row.origin,
        contact_name: row.contact_name,
        contact_phone: row.contact_phone,
        carrier: row.carrier,
        tracking_number: row.tracking_number,
        ship_date: row.ship_date,
        buffer_days: row.buffer_days,
        transit_days: row.transit_days,
        status: ShipmentStatus::parse("status", &row.status)?,
        shipping_cost: money("shipping_cost", row.shipping_minor, row.shipping_currency)?,
        customs_cost: money("customs_cost", row.customs_minor, row.customs_currency)?,
        contents,
    };
    Ok(Shipment::new(row.id, data, start))
}

fn refused(e: sqlx::Error) -> Error {
    if is_foreign_key_violation(&e) {
        Error::invalid("destination", "no such summit, gathering or swag variant")
    } else {
        e.into()
    }
}

/// Inserts validated shipments and their contents on `conn` with two statements; returns the
/// shipments' ids, in order. Stock movements are the caller's: see [`depart`].
pub(crate) async fn insert_many(
    conn: &mut SqliteConnection,
    items: &[ShipmentData],
) -> Result<Vec<i64>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<_> = items
        .iter()
        .map(|d| {
            let cost = |m: Option<Money>| (m.map(|m| m.minor), m.map(|m| m.currency.code()));
            let ((ship_minor, ship_cur), (cust_minor, cust_cur)) =
                (cost(d.shipping_cost), cost(d.customs_cost));
            let ship_date = d.ship_date.map(|d| d.format("%F").to_string());
            (
                (
                    d.summit_id,
                    d.gathering_id,
                    &d.destination_address,
                    &d.origin,
                    &d.contact_name,
                    &d.contact_phone,
                    &d.carrier,
                    &d.tracking_number,
                ),
                (
                    ship_date,
                    d.buffer_days,
                    d.transit_days,
                    d.status.as_str(),
                    ship_minor,
                    ship_cur,
                    cust_minor,
                    cust_cur,
                ),
            )
        })
        .collect();
    let json = batch_json(&rows)?;
    let done = sqlx::query!(
        "INSERT INTO shipments (id, summit_id, gathering_id, destination_address, origin, contact_name, contact_phone,
         carrier, tracking_number, ship_date, buffer_days, transit_days, status, shipping_minor, shipping_currency,
         customs_minor, customs_currency)
         SELECT (SELECT coalesce(max(id), 0) FROM shipments) + 1 + key, value -> 0 ->> 0, value -> 0 ->> 1,
                value -> 0 ->> 2, value -> 0 ->> 3, value -> 0 ->> 4, value -> 0 ->> 5, value -> 0 ->> 6,
                value -> 0 ->> 7, value -> 1 ->> 0, value -> 1 ->> 1, value -> 1 ->> 2, value -> 1 ->> 3,
                value -> 1 ->> 4, value -> 1 ->> 5, value -> 1 ->> 6, value -> 1 ->> 7
         FROM json_each(?) ORDER BY key",
        json
    )
    .execute(&mut *conn)
    .await
    .map_err(refused)?;
    let ids: Vec<i64> = batch_ids(done, items.len())?.collect();
    let contents: Vec<_> = ids
        .iter()
        .zip(items)
        .map(|(id, d)| (*id, d.contents.as_slice()))
        .collect();
    insert_contents(conn, &contents).await?;
    Ok(ids)
}

/// Inserts the contents of shipments, given as (shipment id, lines), with one statement.
async fn insert_contents(
    conn: &mut SqliteConnection,
    shipments: &[(i64, &[ShipmentLine])],
) -> Result<()> {
    let lines: Vec<_> = shipments
        .iter()
        .flat_map(|(id, lines)| lines.iter().map(move |l| (*id, l.variant_id, l.quantity)))
        .collect();
    if lines.is_empty() {
        return Ok(());
    }
    let json = batch_json(&lines)?;
    sqlx::query!(
        "INSERT INTO shipment_items (shipment_id, variant_id, quantity)
         SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
        json
    )
    .execute(&mut *conn)
    .await
    .map_err(|e| {
        if is_foreign_key_violation(&e) {
            let ids: Vec<String> = lines.iter().map(|l| l.1.to_string()).collect();
            Error::invalid(
                "contents",
                format!("no such swag variant among {}", ids.join(", ")),
            )
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// What the stock must record as a shipment moves from `from` to `to`: its contents leave the
/// warehouse as it first leaves, and come back as it is sent back. `conn` must be in a transaction.
pub(crate) async fn depart(
    conn: &mut SqliteConnection,
    id: i64,
    data: &ShipmentData,
    from: ShipmentStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    let to = data.status;
    if !from.has_left() && to.has_left() {
        let target = Target::of_shipment(data.summit_id, data.gathering_id);
        stock::ship(conn, id, target, &data.contents, now).await?;
    }
    if from != ShipmentStatus::Returned && to == ShipmentStatus::Returned {
        stock::take_back(conn, id, now).await?;
    }
    Ok(())
}

/// The shipment's stored status and contents, as of `conn`'s transaction.
async fn stored(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<(ShipmentStatus, Vec<ShipmentLine>)> {
    let status = sqlx::query_scalar!("SELECT status FROM shipments WHERE id = ?", id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("shipment", id))?;
    let contents = sqlx::query_as!(
        ShipmentLine,
        "SELECT variant_id, quantity FROM shipment_items WHERE shipment_id = ? ORDER BY variant_id",
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok((ShipmentStatus::parse("status", &status)?, contents))
}

/// The day of `now` at the destination (in UTC for an address): the ship date a shipment gets when
/// it leaves without one.
async fn today_there(
    conn: &mut SqliteConnection,
    data: &ShipmentData,
    now: DateTime<Utc>,
) -> Result<NaiveDate> {
    let tz = sqlx::query_scalar!(
        "SELECT coalesce((SELECT tz FROM gatherings WHERE id = ?1), (SELECT tz FROM summits WHERE id = ?2))",
        data.gathering_id,
        data.summit_id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(match tz {
        Some(tz) => Zone::parse("tz", &tz)?.local(now).date(),
        None => now.date_naive(),
    })
}

impl Store {
    /// Adds a shipment with its contents, in one transaction. One that starts out shipped (or
    /// later) takes its contents from the stock at `now`, as if it had just left.
    pub async fn add_shipment(&self, data: &ShipmentData, now: DateTime<Utc>) -> Result<Shipment> {
        let mut data = data.validated()?;
        let mut tx = self.write().await?;
        if data.status.has_left() && data.ship_date.is_none() {
            data.ship_date = Some(today_there(&mut tx, &data, now).await?);
        }
        let id = only(insert_many(&mut tx, std::slice::from_ref(&data)).await?)?;
        depart(&mut tx, id, &data, ShipmentStatus::Draft, now).await?;
        tx.commit().await?;
        self.shipment(id).await
    }

    /// Replaces a shipment's data and contents, in one transaction. Its status may only move as
    /// [`ShipmentStatus::next`] allows; as it leaves, its contents are taken from the stock (and
    /// can no longer change), and as it is sent back they return to it, at `now`.
    pub async fn update_shipment(
        &self,
        id: i64,
        data: &ShipmentData,
        now: DateTime<Utc>,
    ) -> Result<Shipment> {
        let mut data = data.validated()?;
        let mut tx = self.write().await?;
        let (from, contents) = stored(&mut tx, id).await?;
        if !from.can_become(data.status) {
            let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
            return Err(Error::invalid(
                "status",
                match allowed.as_slice() {
                    [] => format!("a {from} shipment stays {from}"),
                    _ => format!(
                        "a {from} shipment cannot become {}; it can become {}",
                        data.status,
                        allowed.join(" or ")
                    ),
                },
            ));
        }
        if from.has_left() && contents != data.contents {
            return Err(Error::invalid(
                "contents",
                format!("shipment {id} has left; what it carries can no longer change"),
            ));
        }
        if !from.has_left() && data.status.has_left() && data.ship_date.is_none() {
            data.ship_date = Some(today_there(&mut tx, &data, now).await?);
        }
        let status = data.status.as_str();
        let (ship_minor, ship_cur) = (
            data.shipping_cost.map(|m| m.minor),
            data.shipping_cost.map(|m| m.currency.code()),
        );
        let (cust_minor, cust_cur) = (
            data.customs_cost.map(|m| m.minor),
            data.customs_cost.map(|m| m.currency.code()),
        );
        sqlx::query!(
            "UPDATE shipments SET summit_id = ?, gathering_id = ?, destination_address = ?, origin = ?,
             contact_name = ?, contact_phone = ?, carrier = ?, tracking_number = ?, ship_date = ?, buffer_days = ?,
             transit_days = ?, status = ?, shipping_minor = ?, shipping_currency = ?, customs_minor = ?,
             customs_currency = ? WHERE id = ?",
            data.summit_id, data.gathering_id, data.destination_address, data.origin, data.contact_name,
            data.contact_phone, data.carrier, data.tracking_number, data.ship_date, data.buffer_days,
            data.transit_days, status, ship_minor, ship_cur, cust_minor, cust_cur, id
        )
        .execute(&mut *tx)
        .await
        .map_err(refused)?;
        if contents != data.contents {
            sqlx::query!("DELETE FROM shipment_items WHERE shipment_id = ?", id)
                .execute(&mut *tx)
                .await?;
            insert_contents(&mut tx, &[(id, data.contents.as_slice())]).await?;
        }
        depart(&mut tx, id, &data, from, now).await?;
        tx.commit().await?;
        self.shipment(id).await
    }

    /// Moves a shipment to `status` (see [`Store::update_shipment`]), everything else as it is.
    pub async fn set_shipment_status(
        &self,
        id: i64,
        status: ShipmentStatus,
        now: DateTime<Utc>,
    ) -> Result<Shipment> {
        let mut data = self.shipment(id).await?.data;
        data.status = status;
        self.update_shipment(id, &data, now).await
    }

    /// The shipment with this id.
    pub async fn shipment(&self, id: i64) -> Result<Shipment> {
        self.shipments_where(&ShipmentFilter::default(), Some(id), true)
            .await?
            .pop()
            .ok_or_else(|| Error::not_found("shipment", id))
    }

    /// Shipments matching `filter`, by id.
    pub async fn list_shipments(&self, filter: &ShipmentFilter) -> Result<Vec<Shipment>> {
        self.shipments_where(filter, None, true).await
    }

    /// Shipments matching `filter`, by id, their contents left empty (for calendars, which show
    /// only their deadlines: a summit can have thousands).
    pub(crate) async fn list_shipments_without_contents(
        &self,
        filter: &ShipmentFilter,
    ) -> Result<Vec<Shipment>> {
        self.shipments_where(filter, None, false).await
    }

    async fn shipments_where(
        &self,
        filter: &ShipmentFilter,
        id: Option<i64>,
        with_contents: bool,
    ) -> Result<Vec<Shipment>> {
        let status = filter.status.map(ShipmentStatus::as_str);
        let mut tx = self.pool.begin().await?;
        // Each row as one JSON array (ShipmentRow's fields in order), all in one value: a summit
        // can have thousands of shipments, and a row at a time costs far more than the query.
        let rows = sqlx::query_scalar!(
            r#"SELECT json_group_array(json_array(s.id, s.summit_id, s.gathering_id, s.destination_address, s.origin,
               s.contact_name, s.contact_phone, s.carrier, s.tracking_number, s.ship_date, s.buffer_days,
               s.transit_days, s.status, s.shipping_minor, s.shipping_currency, s.customs_minor, s.customs_currency,
               g.starts_at, g.tz, su.start_date, su.tz)) AS "rows!: String"
               FROM shipments s
               LEFT JOIN gatherings g ON g.id = s.gathering_id
               LEFT JOIN summits su ON su.id = s.summit_id
               WHERE (?1 IS NULL OR s.summit_id = ?1 OR g.summit_id = ?1) AND (?2 IS NULL OR s.status = ?2)
                 AND (?3 IS NULL OR s.id = ?3)"#,
            filter.summit_id, status, id
        )
        .fetch_one(&mut *tx)
        .await?;
        let mut rows: Vec<ShipmentRow> =
            serde_json::from_str(&rows).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        rows.sort_unstable_by_key(|r| r.id);
        if !with_contents {
            tx.commit().await?;
            return rows
                .into_iter()
                .map(|row| to_shipment(row, Vec::new()))
                .collect();
        }
        let lines = sqlx::query!(
            "SELECT i.shipment_id, i.variant_id, i.quantity FROM shipment_items i
             JOIN shipments s ON s.id = i.shipment_id
             LEFT JOIN gatherings g ON g.id = s.gathering_id
             WHERE (?1 IS NULL OR s.summit_id = ?1 OR g.summit_id = ?1) AND (?2 IS NULL OR s.status = ?2)
               AND (?3 IS NULL OR s.id = ?3)
             ORDER BY i.shipment_id, i.variant_id",
            filter.summit_id, status, id
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut lines = group_by(lines, |l| l.shipment_id);
        rows.into_iter()
            .map(|row| {
                let contents = lines
                    .remove(&row.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|l| ShipmentLine {
                        variant_id: l.variant_id,
                        quantity: l.quantity,
                    })
                    .collect();
                to_shipment(row, contents)
            })
            .collect()
    }
}
