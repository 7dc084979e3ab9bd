//! Swag stock, kept as movements: what was received, set aside for a summit or a meetup (and given
//! back), shipped, handed out and returned. Every figure is derived from the movements, and none
//! can go below zero: each movement is checked here inside its transaction, and the database's
//! trigger refuses any that slips through (see `migrations/0003_stock_and_checks.sql`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::gathering::instant;
use crate::store::{Store, batch_json, is_foreign_key_violation};
use crate::text_enum::text_enum;

text_enum!(
    /// What a movement does to the stock of a variant.
    StockMovementKind("movement") {
        /// New stock in the warehouse.
        Received => "received",
        /// Warehouse stock set aside for a summit or a meetup.
        Allocated => "allocated",
        /// Stock set aside given back to the free stock.
        Released => "released",
        /// Left the warehouse in a shipment; recorded by the shipment, never by hand.
        Shipped => "shipped",
        /// Back in the warehouse: leftovers after an event, or a shipment sent back.
        Returned => "returned",
        /// Handed out at an event (from what was sent there), or from the warehouse.
        GivenAway => "given-away",
    }
);

/// Where stock is set aside for, sent to, handed out at or comes back from: a summit or one of its
/// gatherings (a meetup, a social), or nowhere in particular (the warehouse, an address).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Target {
    pub summit_id: Option<i64>,
    pub gathering_id: Option<i64>,
}

impl Target {
    /// The target of a movement with these fields: a gathering, a summit, or none.
    pub fn of(summit_id: Option<i64>, gathering_id: Option<i64>) -> Result<Target> {
        if summit_id.is_some() && gathering_id.is_some() {
            return Err(Error::invalid(
                "target",
                "give a summit or a meetup, not both",
            ));
        }
        Ok(Target {
            summit_id,
            gathering_id,
        })
    }

    /// Where a shipment's stock goes: its gathering if it has one, else its summit, else none.
    pub fn of_shipment(summit_id: Option<i64>, gathering_id: Option<i64>) -> Target {
        match gathering_id {
            Some(_) => Target {
                summit_id: None,
                gathering_id,
            },
            None => Target {
                summit_id,
                gathering_id: None,
            },
        }
    }

    pub fn is_some(&self) -> bool {
        self.summit_id.is_some() || self.gathering_id.is_some()
    }

    /// "summit 3", "gathering 12" or "the warehouse", for messages.
    fn describe(&self) -> String {
        match (self.summit_id, self.gathering_id) {
            (_, Some(id)) => format!("gathering {id}"),
            (Some(id), None) => format!("summit {id}"),
            (None, None) => "the warehouse".into(),
        }
    }
}

/// A movement as recorded by hand; shipments record their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StockMovementData {
    pub variant_id: i64,
    pub kind: StockMovementKind,
    pub quantity: i64,
    /// The summit it is set aside for, handed out at or back from (or none).
    pub summit_id: Option<i64>,
    /// The gathering (a meetup, a social) instead of a summit.
    pub gathering_id: Option<i64>,
    pub note: Option<String>,
}

impl StockMovementData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<StockMovementData> {
        fields::positive("quantity", self.quantity)?;
        let target = Target::of(self.summit_id, self.gathering_id)?;
        match self.kind {
            StockMovementKind::Shipped => {
                return Err(Error::invalid(
                    "kind",
                    "stock is shipped by marking a shipment shipped, not by hand",
                ));
            }
            StockMovementKind::Allocated | StockMovementKind::Released if !target.is_some() => {
                return Err(Error::invalid(
                    "target",
                    format!("say which summit or meetup the stock is {}", self.kind),
                ));
            }
            StockMovementKind::Returned if !target.is_some() => {
                return Err(Error::invalid(
                    "target",
                    "say which summit or meetup the stock comes back from (new stock is received)",
                ));
            }
            _ => {}
        }
        Ok(StockMovementData {
            note: fields::optional("note", self.note.as_deref())?,
            ..self.clone()
        })
    }
}

/// A stored movement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StockMovement {
    pub id: i64,
    #[serde(flatten)]
    pub data: StockMovementData,
    /// The shipment that recorded it, for shipped stock and shipments sent back.
    pub shipment_id: Option<i64>,
    pub recorded_at: DateTime<Utc>,
}

/// One variant's stock, derived from its movements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VariantStock {
    pub variant_id: i64,
    pub item_id: i64,
    pub item_name: String,
    pub label: String,
    /// In the warehouse.
    pub on_hand: i64,
    /// In the warehouse, set aside for summits and meetups.
    pub allocated: i64,
    /// In the warehouse and free: on hand minus allocated.
    pub available: i64,
    /// Sent to summits and meetups and neither handed out nor back yet.
    pub out: i64,
}

/// One variant's stock for one summit or gathering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventStock {
    pub variant_id: i64,
    pub summit_id: Option<i64>,
    pub gathering_id: Option<i64>,
    /// Set aside for it and still in the warehouse.
    pub allocated: i64,
    /// Shipped to it in all.
    pub shipped: i64,
    pub given_away: i64,
    pub returned: i64,
    /// Leftovers: shipped, and neither handed out nor back yet.
    pub out: i64,
}

/// Which movements to list.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct StockFilter {
    pub variant_id: Option<i64>,
    /// Movements for this summit or any of its gatherings.
    pub summit_id: Option<i64>,
    pub shipment_id: Option<i64>,
}

/// A variant's figures that bound a movement for one target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Balance {
    pub on_hand: i64,
    pub available: i64,
    /// Set aside for the target.
    pub allocated: i64,
    /// Out at the target.
    pub out: i64,
}

impl Balance {
    /// How many a movement of `kind` for a target (or none) can move at most; `None` for no limit.
    /// A shipment to a target takes what is set aside for it, then free stock.
    fn limit(&self, kind: StockMovementKind, targeted: bool) -> Option<i64> {
        use StockMovementKind::*;
        match (kind, targeted) {
            (Received, _) => None,
            (Allocated, _) | (Shipped | GivenAway, false) => Some(self.available),
            (Shipped, true) => Some(self.available + self.allocated),
            (Released, _) => Some(self.allocated),
            (GivenAway | Returned, true) => Some(self.out),
            // A shipment sent back from an address: what it took comes back.
            (Returned, false) => None,
        }
    }
}

/// A movement about to be written.
#[derive(Clone, Debug)]
pub(crate) struct NewMovement<'a> {
    pub variant_id: i64,
    pub kind: StockMovementKind,
    pub quantity: i64,
    pub target: Target,
    pub shipment_id: Option<i64>,
    pub note: Option<&'a str>,
    pub at: DateTime<Utc>,
}

/// The figures of `variant_id` that bound a movement for `target`, as of now in `conn`'s
/// transaction.
pub(crate) async fn balance(
    conn: &mut SqliteConnection,
    variant_id: i64,
    target: Target,
) -> Result<Balance> {
    let row = sqlx::query!(
        r#"SELECT coalesce(sum(on_hand), 0) AS "on_hand!: i64", coalesce(sum(available), 0) AS "available!: i64",
                  coalesce(sum(CASE WHEN summit_id IS ?2 AND gathering_id IS ?3 THEN allocated END), 0)
                      AS "allocated!: i64",
                  coalesce(sum(CASE WHEN summit_id IS ?2 AND gathering_id IS ?3 THEN out END), 0) AS "out!: i64"
           FROM stock_deltas WHERE variant_id = ?1"#,
        variant_id,
        target.summit_id,
        target.gathering_id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Balance {
        on_hand: row.on_hand,
        available: row.available,
        allocated: if target.is_some() { row.allocated } else { 0 },
        out: if target.is_some() { row.out } else { 0 },
    })
}

/// "Summit t-shirt M" for messages; "variant 7" when it cannot be read.
pub(crate) async fn variant_name(conn: &mut SqliteConnection, variant_id: i64) -> Result<String> {
    let name = sqlx::query_scalar!(
        r#"SELECT i.name || ' ' || v.label AS "name!: String" FROM swag_variants v
           JOIN swag_items i ON i.id = v.item_id WHERE v.id = ?"#,
        variant_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    name.ok_or_else(|| Error::invalid("variant", format!("no swag variant with id {variant_id}")))
}

/// Refuses a movement that would take a figure below zero, with a message saying what there is.
async fn check(conn: &mut SqliteConnection, field: &str, m: &NewMovement<'_>) -> Result<()> {
    let name = variant_name(conn, m.variant_id).await?;
    let b = balance(conn, m.variant_id, m.target).await?;
    let Some(limit) = b.limit(m.kind, m.target.is_some()) else {
        return Ok(());
    };
    if m.quantity <= limit {
        return Ok(());
    }
    use StockMovementKind::*;
    let there = m.target.describe();
    let what = match (m.kind, m.target.is_some()) {
        (Allocated, _) | (Shipped | GivenAway, false) => format!(
            "{} available ({} on hand, {} allocated)",
            b.available,
            b.on_hand,
            b.on_hand - b.available
        ),
        (Shipped, true) => format!(
            "{} available and {} allocated to {there}",
            b.available, b.allocated
        ),
        (Released, _) => format!("{} allocated to {there}", b.allocated),
        _ => format!("{} sent to {there} and not handed out or back", b.out),
    };
    Err(Error::invalid(
        field,
        format!(
            "cannot {} {} of {name}: there are only {what}",
            verb(m.kind),
            m.quantity
        ),
    ))
}

fn verb(kind: StockMovementKind) -> &'static str {
    match kind {
        StockMovementKind::Received => "receive",
        StockMovementKind::Allocated => "allocate",
        StockMovementKind::Released => "release",
        StockMovementKind::Shipped => "ship",
        StockMovementKind::Returned => "return",
        StockMovementKind::GivenAway => "give away",
    }
}

fn refused(e: sqlx::Error) -> Error {
    if is_foreign_key_violation(&e) {
        return Error::invalid(
            "target",
            "no such swag variant, summit, gathering or shipment",
        );
    }
    match &e {
        sqlx::Error::Database(d) if d.message().starts_with("stock:") => Error::invalid(
            "quantity",
            d.message().trim_start_matches("stock:").trim().to_owned(),
        ),
        _ => e.into(),
    }
}

/// Checks and writes one movement on `conn`, which must be inside a transaction (begun
/// IMMEDIATE, so nothing changes between the check and the write); returns its id.
pub(crate) async fn record(conn: &mut SqliteConnection, m: &NewMovement<'_>) -> Result<i64> {
    check(conn, "quantity", m).await?;
    insert(conn, m).await
}

/// Takes a shipment's contents out of the warehouse as it leaves for `target`: for each line, what
/// is set aside for the target first (setting aside the rest from free stock), else free stock.
/// Refuses, naming the variant, when there is not enough; `conn` must be in a transaction.
pub(crate) async fn ship(
    conn: &mut SqliteConnection,
    shipment_id: i64,
    target: Target,
    contents: &[crate::shipment::ShipmentLine],
    at: DateTime<Utc>,
) -> Result<()> {
    for line in contents {
        let shipped = NewMovement {
            variant_id: line.variant_id,
            kind: StockMovementKind::Shipped,
            quantity: line.quantity,
            target,
            shipment_id: Some(shipment_id),
            note: None,
            at,
        };
        check(conn, "contents", &shipped).await?;
        if target.is_some() {
            let set_aside = balance(conn, line.variant_id, target).await?.allocated;
            if set_aside < line.quantity {
                let note = format!("set aside as shipment {shipment_id} left");
                insert(
                    conn,
                    &NewMovement {
                        kind: StockMovementKind::Allocated,
                        quantity: line.quantity - set_aside,
                        note: Some(&note),
                        ..shipped.clone()
                    },
                )
                .await?;
            }
        }
        insert(conn, &shipped).await?;
    }
    Ok(())
}

/// Brings back to the warehouse what a shipment took, as it is sent back; `conn` must be in a
/// transaction.
pub(crate) async fn take_back(
    conn: &mut SqliteConnection,
    shipment_id: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    let shipped = sqlx::query!(
        "SELECT variant_id, quantity, summit_id, gathering_id FROM stock_movements
         WHERE shipment_id = ? AND kind = 'shipped' ORDER BY id",
        shipment_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for row in shipped {
        let back = NewMovement {
            variant_id: row.variant_id,
            kind: StockMovementKind::Returned,
            quantity: row.quantity,
            target: Target::of(row.summit_id, row.gathering_id)?,
            shipment_id: Some(shipment_id),
            note: None,
            at,
        };
        check(conn, "status", &back).await?;
        insert(conn, &back).await?;
    }
    Ok(())
}

/// Writes one movement without the core's check; the trigger still refuses one that would take
/// the stock below zero.
pub(crate) async fn insert(conn: &mut SqliteConnection, m: &NewMovement<'_>) -> Result<i64> {
    let (kind, at) = (m.kind.as_str(), m.at.timestamp());
    sqlx::query_scalar!(
        "INSERT INTO stock_movements (variant_id, kind, quantity, summit_id, gathering_id, shipment_id, note,
         recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS \"id!\"",
        m.variant_id,
        kind,
        m.quantity,
        m.target.summit_id,
        m.target.gathering_id,
        m.shipment_id,
        m.note,
        at
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(refused)
}

/// Writes many movements with one statement, in order, without the core's check (for seeding);
/// the trigger still refuses any that would take the stock below zero.
pub(crate) async fn insert_many(
    conn: &mut SqliteConnection,
    items: &[NewMovement<'_>],
) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = items
        .iter()
        .map(|m| {
            (
                m.variant_id,
                m.kind.as_str(),
                m.quantity,
                m.target.summit_id,
                m.target.gathering_id,
                m.shipment_id,
                m.note,
                m.at.timestamp(),
            )
        })
        .collect();
    let json = batch_json(&rows)?;
    sqlx::query!(
        "INSERT INTO stock_movements (variant_id, kind, quantity, summit_id, gathering_id, shipment_id, note,
         recorded_at)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                value ->> 7
         FROM json_each(?) ORDER BY key",
        json
    )
    .execute(&mut *conn)
    .await
    .map_err(refused)?;
    Ok(())
}

struct MovementRow {
    id: i64,
    variant_id: i64,
    kind: String,
    quantity: i64,
    summit_id: Option<i64>,
    gathering_id: Option<i64>,
    shipment_id: Option<i64>,
    note: Option<String>,
    recorded_at: i64,
}

impl TryFrom<MovementRow> for StockMovement {
    type Error = Error;
    fn try_from(row: MovementRow) -> Result<StockMovement> {
        Ok(StockMovement {
            id: row.id,
            data: StockMovementData {
                variant_id: row.variant_id,
                kind: StockMovementKind::parse("kind", &row.kind)?,
                quantity: row.quantity,
                summit_id: row.summit_id,
                gathering_id: row.gathering_id,
                note: row.note,
            },
            shipment_id: row.shipment_id,
            recorded_at: instant("recorded_at", row.recorded_at)?,
        })
    }
}

impl Store {
    /// Records a movement by hand (received, allocated, released, returned, given away) at `now`,
    /// refusing one that would take any figure below zero.
    pub async fn record_stock_movement(
        &self,
        data: &StockMovementData,
        now: DateTime<Utc>,
    ) -> Result<StockMovement> {
        let data = data.validated()?;
        let mut tx = self.write().await?;
        let id = record(
            &mut tx,
            &NewMovement {
                variant_id: data.variant_id,
                kind: data.kind,
                quantity: data.quantity,
                target: Target::of(data.summit_id, data.gathering_id)?,
                shipment_id: None,
                note: data.note.as_deref(),
                at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(StockMovement {
            id,
            data,
            shipment_id: None,
            recorded_at: instant("recorded_at", now.timestamp())?,
        })
    }

    /// Every variant's stock, by item name then variant.
    pub async fn stock_levels(&self) -> Result<Vec<VariantStock>> {
        Ok(sqlx::query_as!(
            VariantStock,
            r#"SELECT v.id AS "variant_id!", v.item_id, i.name AS item_name, v.label,
                      coalesce(sum(d.on_hand), 0) AS "on_hand!: i64",
                      coalesce(sum(d.allocated), 0) AS "allocated!: i64",
                      coalesce(sum(d.available), 0) AS "available!: i64",
                      coalesce(sum(d.out), 0) AS "out!: i64"
               FROM swag_variants v JOIN swag_items i ON i.id = v.item_id
               LEFT JOIN stock_deltas d ON d.variant_id = v.id
               GROUP BY v.id ORDER BY i.name, v.id"#
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Each variant's stock for a summit and each of its gatherings that has any.
    pub async fn event_stock(&self, summit_id: i64) -> Result<Vec<EventStock>> {
        Ok(sqlx::query_as!(
            EventStock,
            r#"SELECT d.variant_id AS "variant_id!: i64", d.summit_id AS "summit_id?: i64",
                      d.gathering_id AS "gathering_id?: i64",
                      sum(d.allocated) AS "allocated!: i64",
                      sum(CASE WHEN d.kind = 'shipped' THEN d.quantity ELSE 0 END) AS "shipped!: i64",
                      sum(CASE WHEN d.kind = 'given-away' THEN d.quantity ELSE 0 END) AS "given_away!: i64",
                      sum(CASE WHEN d.kind = 'returned' THEN d.quantity ELSE 0 END) AS "returned!: i64",
                      sum(d.out) AS "out!: i64"
               FROM stock_deltas d LEFT JOIN gatherings g ON g.id = d.gathering_id
               WHERE d.summit_id = ?1 OR g.summit_id = ?1
               GROUP BY d.variant_id, d.summit_id, d.gathering_id
               ORDER BY d.gathering_id IS NOT NULL, d.gathering_id, d.variant_id"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Movements matching `filter`, oldest first.
    pub async fn list_stock_movements(&self, filter: &StockFilter) -> Result<Vec<StockMovement>> {
        sqlx::query_as!(
            MovementRow,
            r#"SELECT m.id AS "id!", m.variant_id, m.kind, m.quantity, m.summit_id, m.gathering_id, m.shipment_id,
                      m.note, m.recorded_at
               FROM stock_movements m LEFT JOIN gatherings g ON g.id = m.gathering_id
               WHERE (?1 IS NULL OR m.variant_id = ?1) AND (?2 IS NULL OR m.summit_id = ?2 OR g.summit_id = ?2)
                 AND (?3 IS NULL OR m.shipment_id = ?3)
               ORDER BY m.id"#,
            filter.variant_id,
            filter.summit_id,
            filter.shipment_id
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(StockMovement::try_from)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_bounded_by_the_figure_it_takes_from() {
        let b = Balance {
            on_hand: 10,
            available: 6,
            allocated: 3,
            out: 2,
        };
        use StockMovementKind::*;
        assert_eq!(b.limit(Received, false), None);
        assert_eq!(b.limit(Allocated, true), Some(6));
        assert_eq!(b.limit(Released, true), Some(3));
        assert_eq!(b.limit(Shipped, true), Some(9));
        assert_eq!(b.limit(Shipped, false), Some(6));
        assert_eq!(b.limit(GivenAway, false), Some(6));
        assert_eq!(b.limit(GivenAway, true), Some(2));
        assert_eq!(b.limit(Returned, true), Some(2));
    }

    #[test]
    fn shipped_is_never_recorded_by_hand_and_allocations_need_a_target() {
        let data = |kind, summit_id| StockMovementData {
            variant_id: 1,
            kind,
            quantity: 1,
            summit_id,
            gathering_id: None,
            note: None,
        };
        let field = |d: StockMovementData| d.validated().unwrap_err().field().map(str::to_owned);
        assert_eq!(
            field(data(StockMovementKind::Shipped, Some(1))),
            Some("kind".into())
        );
        assert_eq!(
            field(data(StockMovementKind::Allocated, None)),
            Some("target".into())
        );
        assert_eq!(
            field(data(StockMovementKind::Returned, None)),
            Some("target".into())
        );
        assert_eq!(
            field(StockMovementData {
                quantity: 0,
                ..data(StockMovementKind::Received, None)
            }),
            Some("quantity".into())
        );
        assert_eq!(
            field(StockMovementData {
                gathering_id: Some(2),
                ..data(StockMovementKind::GivenAway, Some(1))
            }),
            Some("target".into())
        );
        assert!(data(StockMovementKind::GivenAway, None).validated().is_ok());
    }
}
