//! What happens to a request after it is submitted, as stored: review scores, the approval (with
//! the rate recorded at approval), the booking, receipts and payments; and the travel money and
//! itineraries per summit that budgets and planning checks read.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::rates::Rate;
use crate::store::Store;
use crate::time::Zone;
use crate::travel::{TravelCategory, TravelStatus};

/// One reviewer's score of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Review {
    pub request_id: i64,
    pub organiser_id: i64,
    pub organiser: String,
    pub score: i64,
    pub comment: Option<String>,
    pub scored_at: DateTime<Utc>,
}

/// One approved amount, in the request's currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApprovedItem {
    pub category: TravelCategory,
    pub approved: Money,
}

/// A request's approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Approval {
    pub request_id: i64,
    /// Per category, in the request's currency, in category order.
    pub items: Vec<ApprovedItem>,
    /// The sum of the items, in the request's currency.
    pub total: Money,
    /// One unit of the request's currency in the summit's, recorded at approval.
    pub rate: Rate,
    /// The total in the summit's currency at `rate`: what the approval holds from the pool.
    pub total_base: Money,
    /// The last day (in the summit's zone) the speaker may accept.
    pub accept_by: NaiveDate,
    /// Why the approval was allowed past the pool's remaining figure.
    pub override_reason: Option<String>,
    /// The amounts changed after approval and wait for another organiser to confirm them.
    pub pending: bool,
    pub approved_by: String,
    pub approved_at: DateTime<Utc>,
}

impl Approval {
    /// The approved amount of `category` (zero when not approved).
    pub fn approved(&self, category: TravelCategory) -> Money {
        self.items
            .iter()
            .find(|i| i.category == category)
            .map_or(Money::zero(self.total.currency), |i| i.approved)
    }
}

/// What the speaker booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Booking {
    pub request_id: i64,
    pub flight_ref: Option<String>,
    pub hotel_ref: Option<String>,
    /// When the speaker arrives (UTC).
    pub arrive_at: DateTime<Utc>,
    /// When the speaker leaves (UTC).
    pub depart_at: DateTime<Utc>,
    pub nights: Option<i64>,
    pub booked_at: DateTime<Utc>,
}

/// A receipt kept in the receipts folder beside the database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Receipt {
    pub id: i64,
    pub request_id: i64,
    /// The name the file had when attached.
    pub file_name: String,
    /// Its name inside the receipts folder.
    pub stored_name: String,
    /// Hex SHA-256 of its bytes.
    pub sha256: String,
    pub size_bytes: i64,
    pub added_at: DateTime<Utc>,
}

/// A reimbursement paid to the speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Payment {
    pub id: i64,
    pub request_id: i64,
    pub paid_on: NaiveDate,
    /// In the request's currency.
    pub amount: Money,
    /// One unit of the payment's currency in the summit's.
    pub rate: Rate,
    /// The amount in the summit's currency.
    pub base: Money,
    pub reference: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// When a funded speaker arrives and leaves, from their booking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Itinerary {
    pub summit_id: i64,
    pub speaker_id: i64,
    pub request_id: i64,
    pub status: TravelStatus,
    pub arrive_at: DateTime<Utc>,
    pub depart_at: DateTime<Utc>,
    pub nights: Option<i64>,
    pub flight_ref: Option<String>,
    pub hotel_ref: Option<String>,
}

/// A summit's travel money, in its currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelMoney {
    pub summit_id: i64,
    /// The policy's pool; none without a policy.
    pub pool: Option<Money>,
    /// What approved, accepted and booked requests hold, plus what closed ones were paid.
    pub committed: Money,
    /// What was paid.
    pub spent: Money,
    /// The pool minus what is committed (negative after an override); none without a policy.
    pub remaining: Option<Money>,
}

/// The facts about a summit travel decisions need.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SummitFacts {
    pub currency: Currency,
    pub tz: Zone,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Reads a summit's currency, zone and dates on `conn`.
pub(crate) async fn summit_facts(
    conn: &mut SqliteConnection,
    summit_id: i64,
) -> Result<SummitFacts> {
    let row = sqlx::query!(
        r#"SELECT currency, tz, start_date AS "start: NaiveDate", end_date AS "end: NaiveDate"
           FROM summits WHERE id = ?"#,
        summit_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("summit", summit_id))?;
    Ok(SummitFacts {
        currency: Currency::parse("currency", &row.currency)?,
        tz: Zone::parse("tz", &row.tz)?,
        start: row.start,
        end: row.end,
    })
}

fn instant(field: &str, seconds: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| Error::invalid(field, "outside the supported time range"))
}

/// The committed and spent money of a summit, read on `conn`.
pub(crate) async fn money(conn: &mut SqliteConnection, summit_id: i64) -> Result<TravelMoney> {
    let facts = summit_facts(conn, summit_id).await?;
    let sums = sqlx::query!(
        r#"SELECT coalesce(sum(committed_base_minor), 0) AS "committed!: i64",
                  coalesce(sum(spent_base_minor), 0) AS "spent!: i64"
           FROM travel_money WHERE summit_id = ?"#,
        summit_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let pool = crate::travel::policy::load(conn, summit_id)
        .await?
        .map(|p| p.pool);
    let committed = Money::new(sums.committed, facts.currency);
    let remaining = match pool {
        Some(pool) if pool.currency == facts.currency => Some(Money::new(
            pool.minor.checked_sub(committed.minor).ok_or_else(|| {
                Error::invalid("pool", "the travel figures are too large to add up")
            })?,
            facts.currency,
        )),
        _ => None,
    };
    Ok(TravelMoney {
        summit_id,
        pool,
        committed,
        spent: Money::new(sums.spent, facts.currency),
        remaining,
    })
}

/// The approval of a request, read on `conn`.
pub(crate) async fn approval(
    conn: &mut SqliteConnection,
    request_id: i64,
) -> Result<Option<Approval>> {
    let Some(row) = sqlx::query!(
        r#"SELECT a.request_id, a.currency, a.base_currency, a.rate, a.total_minor, a.total_base_minor,
                  a.accept_by AS "accept_by: NaiveDate", a.override_reason, a.pending, o.name AS approved_by,
                  a.approved_at
           FROM travel_approvals a JOIN organisers o ON o.id = a.approved_by WHERE a.request_id = ?"#,
        request_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let currency = Currency::parse("currency", &row.currency)?;
    let items = sqlx::query!(
        "SELECT category, approved_minor FROM travel_approved_items WHERE request_id = ? ORDER BY category",
        request_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut items = items
        .into_iter()
        .map(|i| {
            Ok(ApprovedItem {
                category: TravelCategory::parse("category", &i.category)?,
                approved: Money::new(i.approved_minor, currency),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    items.sort_by_key(|i| i.category);
    Ok(Some(Approval {
        request_id: row.request_id,
        items,
        total: Money::new(row.total_minor, currency),
        rate: Rate::parse("rate", &row.rate)?,
        total_base: Money::new(
            row.total_base_minor,
            Currency::parse("base_currency", &row.base_currency)?,
        ),
        accept_by: row.accept_by,
        override_reason: row.override_reason,
        pending: row.pending != 0,
        approved_by: row.approved_by,
        approved_at: instant("approved_at", row.approved_at)?,
    }))
}

/// The reviews of a request, read on `conn`, oldest first.
pub(crate) async fn reviews(conn: &mut SqliteConnection, request_id: i64) -> Result<Vec<Review>> {
    let rows = sqlx::query!(
        "SELECT v.request_id, v.organiser_id, o.name, v.score, v.comment, v.scored_at
         FROM travel_reviews v JOIN organisers o ON o.id = v.organiser_id
         WHERE v.request_id = ? ORDER BY v.scored_at, o.name",
        request_id
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Review {
                request_id: r.request_id,
                organiser_id: r.organiser_id,
                organiser: r.name,
                score: r.score,
                comment: r.comment,
                scored_at: instant("scored_at", r.scored_at)?,
            })
        })
        .collect()
}

/// The booking of a request, read on `conn`.
pub(crate) async fn booking(
    conn: &mut SqliteConnection,
    request_id: i64,
) -> Result<Option<Booking>> {
    let Some(r) = sqlx::query!(
        "SELECT request_id, flight_ref, hotel_ref, arrive_at, depart_at, nights, booked_at
         FROM travel_bookings WHERE request_id = ?",
        request_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(Booking {
        request_id: r.request_id,
        flight_ref: r.flight_ref,
        hotel_ref: r.hotel_ref,
        arrive_at: instant("arrive_at", r.arrive_at)?,
        depart_at: instant("depart_at", r.depart_at)?,
        nights: r.nights,
        booked_at: instant("booked_at", r.booked_at)?,
    }))
}

/// The receipts of a request, read on `conn`, in the order they were added.
pub(crate) async fn receipts(conn: &mut SqliteConnection, request_id: i64) -> Result<Vec<Receipt>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", request_id, file_name, stored_name, sha256, size_bytes, added_at
         FROM travel_receipts WHERE request_id = ? ORDER BY id"#,
        request_id
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Receipt {
                id: r.id,
                request_id: r.request_id,
                file_name: r.file_name,
                stored_name: r.stored_name,
                sha256: r.sha256,
                size_bytes: r.size_bytes,
                added_at: instant("added_at", r.added_at)?,
            })
        })
        .collect()
}

/// The payments of a request, read on `conn`, in the order they were recorded.
pub(crate) async fn payments(conn: &mut SqliteConnection, request_id: i64) -> Result<Vec<Payment>> {
    let rows = sqlx::query!(
        r#"SELECT p.id AS "id!", p.request_id, p.paid_on AS "paid_on: NaiveDate", p.amount_minor, p.currency, p.rate,
                  p.base_minor, s.currency AS base_currency, p.reference, p.recorded_at
           FROM travel_payments p JOIN travel_requests r ON r.id = p.request_id
           JOIN summits s ON s.id = r.summit_id
           WHERE p.request_id = ? ORDER BY p.id"#,
        request_id
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Payment {
                id: r.id,
                request_id: r.request_id,
                paid_on: r.paid_on,
                amount: Money::new(r.amount_minor, Currency::parse("currency", &r.currency)?),
                rate: Rate::parse("rate", &r.rate)?,
                base: Money::new(
                    r.base_minor,
                    Currency::parse("base_currency", &r.base_currency)?,
                ),
                reference: r.reference,
                recorded_at: instant("recorded_at", r.recorded_at)?,
            })
        })
        .collect()
}

/// Average review score per request of a summit, with the number of reviews.
pub(crate) async fn scores(
    conn: &mut SqliteConnection,
    summit_id: i64,
) -> Result<std::collections::HashMap<i64, (f64, i64)>> {
    let rows = sqlx::query!(
        r#"SELECT v.request_id, avg(v.score) AS "average!: f64", count(*) AS "count!: i64"
           FROM travel_reviews v JOIN travel_requests r ON r.id = v.request_id
           WHERE r.summit_id = ? GROUP BY v.request_id"#,
        summit_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.request_id, (r.average, r.count)))
        .collect())
}

impl Store {
    /// A summit's travel money: pool, committed, spent and remaining, in its currency.
    pub async fn travel_money(&self, summit_id: i64) -> Result<TravelMoney> {
        money(&mut *self.pool.acquire().await?, summit_id).await
    }

    /// The approval of a request, if it has one.
    pub async fn travel_approval(&self, request_id: i64) -> Result<Option<Approval>> {
        approval(&mut *self.pool.acquire().await?, request_id).await
    }

    /// The review scores of a request.
    pub async fn travel_reviews(&self, request_id: i64) -> Result<Vec<Review>> {
        reviews(&mut *self.pool.acquire().await?, request_id).await
    }

    /// The booking of a request, if it has one.
    pub async fn travel_booking(&self, request_id: i64) -> Result<Option<Booking>> {
        booking(&mut *self.pool.acquire().await?, request_id).await
    }

    /// The receipts of a request.
    pub async fn travel_receipts(&self, request_id: i64) -> Result<Vec<Receipt>> {
        receipts(&mut *self.pool.acquire().await?, request_id).await
    }

    /// The payments of a request.
    pub async fn travel_payments(&self, request_id: i64) -> Result<Vec<Payment>> {
        payments(&mut *self.pool.acquire().await?, request_id).await
    }

    /// When each funded speaker of a summit arrives and leaves (every booking, whatever the
    /// request's status; filter on `status` to drop withdrawn ones), by arrival.
    pub async fn travel_itineraries(&self, summit_id: i64) -> Result<Vec<Itinerary>> {
        let rows = sqlx::query!(
            r#"SELECT summit_id AS "summit_id!", speaker_id AS "speaker_id!", request_id AS "request_id!",
                      status AS "status!", arrive_at AS "arrive_at!", depart_at AS "depart_at!", nights,
                      flight_ref, hotel_ref
               FROM travel_itineraries WHERE summit_id = ? ORDER BY arrive_at, speaker_id"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Itinerary {
                    summit_id: r.summit_id,
                    speaker_id: r.speaker_id,
                    request_id: r.request_id,
                    status: TravelStatus::parse("status", &r.status)?,
                    arrive_at: instant("arrive_at", r.arrive_at)?,
                    depart_at: instant("depart_at", r.depart_at)?,
                    nights: r.nights,
                    flight_ref: r.flight_ref,
                    hotel_ref: r.hotel_ref,
                })
            })
            .collect()
    }
}
