//! Shipments of swag to a summit, a gathering or an address.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::money::{Currency, Money};
use crate::store::{Store, batch_ids, batch_json, group_by, is_foreign_key_violation, only};
use crate::text_enum::text_enum;

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
        fields::non_negative("buffer_days", self.buffer_days)?;
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

/// A stored shipment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Shipment {
    pub id: i64,
    #[serde(flatten)]
    pub data: ShipmentData,
}

/// Which shipments to list.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ShipmentFilter {
    pub summit_id: Option<i64>,
    pub status: Option<ShipmentStatus>,
}

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
    status: String,
    shipping_minor: Option<i64>,
    shipping_currency: Option<String>,
    customs_minor: Option<i64>,
    customs_currency: Option<String>,
}

fn money(field: &str, minor: Option<i64>, code: Option<String>) -> Result<Option<Money>> {
    match (minor, code) {
        (Some(minor), Some(code)) => Ok(Some(Money::new(minor, Currency::parse(field, &code)?))),
        _ => Ok(None),
    }
}

fn to_shipment(row: ShipmentRow, contents: Vec<ShipmentLine>) -> Result<Shipment> {
    Ok(Shipment {
        id: row.id,
        data: ShipmentData {
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
            status: ShipmentStatus::parse("status", &row.status)?,
            shipping_cost: money("shipping_cost", row.shipping_minor, row.shipping_currency)?,
            customs_cost: money("customs_cost", row.customs_minor, row.customs_currency)?,
            contents,
        },
    })
}

fn refused(e: sqlx::Error) -> Error {
    if is_foreign_key_violation(&e) {
        Error::invalid("destination", "no such summit, gathering or swag variant")
    } else {
        e.into()
    }
}

/// Inserts validated shipments and their contents on `conn` with two statements; returns the
/// shipments' ids, in order.
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
                d.summit_id,
                d.gathering_id,
                &d.destination_address,
                &d.origin,
                &d.contact_name,
                &d.contact_phone,
                &d.carrier,
                &d.tracking_number,
                ship_date,
                d.buffer_days,
                d.status.as_str(),
                ship_minor,
                ship_cur,
                cust_minor,
                cust_cur,
            )
        })
        .collect();
    let json = batch_json(&rows)?;
    let done = sqlx::query!(
        "INSERT INTO shipments (id, summit_id, gathering_id, destination_address, origin, contact_name, contact_phone,
         carrier, tracking_number, ship_date, buffer_days, status, shipping_minor, shipping_currency,
         customs_minor, customs_currency)
         SELECT (SELECT coalesce(max(id), 0) FROM shipments) + 1 + key, value ->> 0, value ->> 1, value ->> 2,
                value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9,
                value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14
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

impl Store {
    /// Adds a shipment with its contents, in one transaction.
    pub async fn add_shipment(&self, data: &ShipmentData) -> Result<Shipment> {
        let data = data.validated()?;
        let mut tx = self.pool.begin().await?;
        let id = only(insert_many(&mut tx, std::slice::from_ref(&data)).await?)?;
        tx.commit().await?;
        Ok(Shipment { id, data })
    }

    /// Replaces a shipment's data and contents, in one transaction.
    pub async fn update_shipment(&self, id: i64, data: &ShipmentData) -> Result<Shipment> {
        let data = data.validated()?;
        let status = data.status.as_str();
        let (ship_minor, ship_cur) = (
            data.shipping_cost.map(|m| m.minor),
            data.shipping_cost.map(|m| m.currency.code()),
        );
        let (cust_minor, cust_cur) = (
            data.customs_cost.map(|m| m.minor),
            data.customs_cost.map(|m| m.currency.code()),
        );
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query!(
            "UPDATE shipments SET summit_id = ?, gathering_id = ?, destination_address = ?, origin = ?,
             contact_name = ?, contact_phone = ?, carrier = ?, tracking_number = ?, ship_date = ?, buffer_days = ?,
             status = ?, shipping_minor = ?, shipping_currency = ?, customs_minor = ?, customs_currency = ?
             WHERE id = ?",
            data.summit_id, data.gathering_id, data.destination_address, data.origin, data.contact_name,
            data.contact_phone, data.carrier, data.tracking_number, data.ship_date, data.buffer_days, status,
            ship_minor, ship_cur, cust_minor, cust_cur, id
        )
        .execute(&mut *tx)
        .await
        .map_err(refused)?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("shipment", id));
        }
        sqlx::query!("DELETE FROM shipment_items WHERE shipment_id = ?", id)
            .execute(&mut *tx)
            .await?;
        insert_contents(&mut tx, &[(id, data.contents.as_slice())]).await?;
        tx.commit().await?;
        Ok(Shipment { id, data })
    }

    /// The shipment with this id.
    pub async fn shipment(&self, id: i64) -> Result<Shipment> {
        self.shipments_where(&ShipmentFilter::default(), Some(id))
            .await?
            .pop()
            .ok_or_else(|| Error::not_found("shipment", id))
    }

    /// Shipments matching `filter`, by id.
    pub async fn list_shipments(&self, filter: &ShipmentFilter) -> Result<Vec<Shipment>> {
        self.shipments_where(filter, None).await
    }

    async fn shipments_where(
        &self,
        filter: &ShipmentFilter,
        id: Option<i64>,
    ) -> Result<Vec<Shipment>> {
        let status = filter.status.map(ShipmentStatus::as_str);
        let mut tx = self.pool.begin().await?;
        let rows = sqlx::query_as!(
            ShipmentRow,
            r#"SELECT id, summit_id, gathering_id, destination_address, origin, contact_name, contact_phone, carrier,
               tracking_number, ship_date AS "ship_date: NaiveDate", buffer_days, status, shipping_minor,
               shipping_currency, customs_minor, customs_currency
               FROM shipments
               WHERE (?1 IS NULL OR summit_id = ?1) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR id = ?3)
               ORDER BY id"#,
            filter.summit_id, status, id
        )
        .fetch_all(&mut *tx)
        .await?;
        let lines = sqlx::query!(
            "SELECT i.shipment_id, i.variant_id, i.quantity FROM shipment_items i
             JOIN shipments s ON s.id = i.shipment_id
             WHERE (?1 IS NULL OR s.summit_id = ?1) AND (?2 IS NULL OR s.status = ?2) AND (?3 IS NULL OR s.id = ?3)
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
