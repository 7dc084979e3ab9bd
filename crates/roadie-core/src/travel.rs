//! Travel requests: a speaker's application for travel funding to one summit, itemised by category
//! in the applicant's currency. (Review and approval build on these records.)

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::money::{Currency, Money};
use crate::store::{
    Store, batch_ids, batch_json, group_by, is_foreign_key_violation, is_unique_violation, only,
};
use crate::text_enum::text_enum;

pub mod approve;
pub mod decide;
pub mod flow;
pub mod funding;
pub mod overview;
pub mod policy;
pub mod receipts;
pub mod report;

text_enum!(
    /// Where a request is in its review, approval, booking and reimbursement.
    TravelStatus("travel status") {
        Submitted => "submitted",
        UnderReview => "under-review",
        Approved => "approved",
        Waitlisted => "waitlisted",
        Denied => "denied",
        Accepted => "accepted",
        Declined => "declined",
        Expired => "expired",
        Booked => "booked",
        Reimbursed => "reimbursed",
        Withdrawn => "withdrawn",
    }
);

text_enum!(
    /// What a travel amount pays for.
    TravelCategory("travel category") {
        Airfare => "airfare",
        Lodging => "lodging",
        Ground => "ground",
        Visa => "visa",
        Other => "other",
    }
);

/// One requested amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelItem {
    pub category: TravelCategory,
    pub requested: Money,
}

/// What a speaker applies for; the input to submit or update a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelRequestData {
    pub summit_id: i64,
    pub speaker_id: i64,
    /// The applicant's currency; every item is in it.
    pub currency: Currency,
    pub origin_city: Option<String>,
    pub origin_country: Option<String>,
    pub depart_on: Option<NaiveDate>,
    pub return_on: Option<NaiveDate>,
    pub lodging_nights: Option<i64>,
    pub notes: Option<String>,
    pub items: Vec<TravelItem>,
}

impl TravelRequestData {
    /// Checks every field and returns the cleaned-up data, items in category order.
    pub fn validated(&self) -> Result<TravelRequestData> {
        if let (Some(depart), Some(ret)) = (self.depart_on, self.return_on)
            && ret < depart
        {
            return Err(Error::invalid(
                "return_on",
                format!("{ret} is before the departure {depart}"),
            ));
        }
        if let Some(n) = self.lodging_nights {
            fields::non_negative("lodging_nights", n)?;
        }
        if self.items.is_empty() {
            return Err(Error::invalid(
                "items",
                "a request needs at least one amount",
            ));
        }
        let mut items = self.items.clone();
        items.sort_by_key(|i| i.category);
        for pair in items.windows(2) {
            if pair[0].category == pair[1].category {
                return Err(Error::invalid(pair[0].category.as_str(), "is listed twice"));
            }
        }
        for item in &items {
            let field = item.category.as_str();
            item.requested.non_negative(field)?;
            if item.requested.currency != self.currency {
                return Err(Error::invalid(
                    field,
                    format!(
                        "is in {} but the request is in {}",
                        item.requested.currency, self.currency
                    ),
                ));
            }
        }
        Ok(TravelRequestData {
            origin_city: fields::optional("origin_city", self.origin_city.as_deref())?,
            origin_country: fields::optional("origin_country", self.origin_country.as_deref())?,
            notes: fields::optional("notes", self.notes.as_deref())?,
            items,
            ..self.clone()
        })
    }

    /// The sum of the requested amounts.
    pub fn total_requested(&self) -> Option<Money> {
        self.items
            .iter()
            .try_fold(Money::zero(self.currency), |sum, i| {
                sum.checked_add(i.requested)
            })
    }
}

/// A stored travel request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelRequest {
    pub id: i64,
    pub status: TravelStatus,
    pub submitted_at: DateTime<Utc>,
    #[serde(flatten)]
    pub data: TravelRequestData,
}

/// Which requests to list.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TravelFilter {
    pub summit_id: Option<i64>,
    pub speaker_id: Option<i64>,
    pub status: Option<TravelStatus>,
}

struct RequestRow {
    id: i64,
    summit_id: i64,
    speaker_id: i64,
    currency: String,
    status: String,
    origin_city: Option<String>,
    origin_country: Option<String>,
    depart_on: Option<NaiveDate>,
    return_on: Option<NaiveDate>,
    lodging_nights: Option<i64>,
    notes: Option<String>,
    submitted_at: i64,
}

fn to_request(row: RequestRow, items: Vec<(String, i64)>) -> Result<TravelRequest> {
    let currency = Currency::parse("currency", &row.currency)?;
    let items = items
        .into_iter()
        .map(|(category, minor)| {
            Ok(TravelItem {
                category: TravelCategory::parse("category", &category)?,
                requested: Money::new(minor, currency),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut items = items;
    items.sort_by_key(|i: &TravelItem| i.category);
    Ok(TravelRequest {
        id: row.id,
        status: TravelStatus::parse("status", &row.status)?,
        submitted_at: DateTime::from_timestamp(row.submitted_at, 0)
            .ok_or_else(|| Error::invalid("submitted_at", "outside the supported time range"))?,
        data: TravelRequestData {
            summit_id: row.summit_id,
            speaker_id: row.speaker_id,
            currency,
            origin_city: row.origin_city,
            origin_country: row.origin_country,
            depart_on: row.depart_on,
            return_on: row.return_on,
            lodging_nights: row.lodging_nights,
            notes: row.notes,
            items,
        },
    })
}

fn request_refused(data: &TravelRequestData) -> impl Fn(sqlx::Error) -> Error + '_ {
    move |e| {
        if is_unique_violation(&e) {
            Error::invalid(
                "speaker",
                format!(
                    "speaker {} already has a request for this summit",
                    data.speaker_id
                ),
            )
        } else if is_foreign_key_violation(&e) {
            Error::invalid("speaker", "no such summit or speaker")
        } else {
            e.into()
        }
    }
}

/// Inserts validated requests, each with the instant it was submitted, and their items on `conn`
/// with two statements; returns the requests' ids, in order.
pub(crate) async fn insert_many(
    conn: &mut SqliteConnection,
    items: &[(TravelRequestData, DateTime<Utc>)],
) -> Result<Vec<i64>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let status = TravelStatus::Submitted.as_str();
    let rows: Vec<_> = items
        .iter()
        .map(|(d, at)| {
            let date = |d: Option<NaiveDate>| d.map(|d| d.format("%F").to_string());
            (
                d.summit_id,
                d.speaker_id,
                d.currency.code(),
                status,
                &d.origin_city,
                &d.origin_country,
                date(d.depart_on),
                date(d.return_on),
                d.lodging_nights,
                &d.notes,
                at.timestamp(),
            )
        })
        .collect();
    let json = batch_json(&rows)?;
    let done = sqlx::query!(
        "INSERT INTO travel_requests (id, summit_id, speaker_id, currency, status, origin_city, origin_country,
         depart_on, return_on, lodging_nights, notes, submitted_at)
         SELECT (SELECT coalesce(max(id), 0) FROM travel_requests) + 1 + key, value ->> 0, value ->> 1, value ->> 2,
                value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10
         FROM json_each(?) ORDER BY key",
        json
    )
    .execute(&mut *conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            let who = match items {
                [(one, _)] => format!("speaker {}", one.speaker_id),
                _ => "a speaker".to_owned(),
            };
            Error::invalid("speaker", format!("{who} already has a request for this summit"))
        } else if is_foreign_key_violation(&e) {
            Error::invalid("speaker", "no such summit or speaker")
        } else {
            e.into()
        }
    })?;
    let ids: Vec<i64> = batch_ids(done, items.len())?.collect();
    let items: Vec<_> = ids
        .iter()
        .zip(items)
        .map(|(id, (d, _))| (*id, d.items.as_slice()))
        .collect();
    insert_items(conn, &items).await?;
    Ok(ids)
}

/// Inserts the items of requests, given as (request id, items), with one statement.
async fn insert_items(
    conn: &mut SqliteConnection,
    requests: &[(i64, &[TravelItem])],
) -> Result<()> {
    let lines: Vec<_> = requests
        .iter()
        .flat_map(|(id, items)| {
            items
                .iter()
                .map(move |i| (*id, i.category.as_str(), i.requested.minor))
        })
        .collect();
    if lines.is_empty() {
        return Ok(());
    }
    let json = batch_json(&lines)?;
    sqlx::query!(
        "INSERT INTO travel_request_items (request_id, category, requested_minor)
         SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
        json
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Submits a travel request at `at`, with its items, in one transaction.
    pub async fn submit_travel_request(
        &self,
        data: &TravelRequestData,
        at: DateTime<Utc>,
    ) -> Result<TravelRequest> {
        let data = data.validated()?;
        let mut tx = self.write().await?;
        let id = only(insert_many(&mut tx, &[(data, at)]).await?)?;
        tx.commit().await?;
        self.travel_request(id).await
    }

    /// Replaces a request's details and items, in one transaction.
    pub async fn update_travel_request(
        &self,
        id: i64,
        data: &TravelRequestData,
    ) -> Result<TravelRequest> {
        let data = data.validated()?;
        let mut tx = self.write().await?;
        let status = sqlx::query_scalar!("SELECT status FROM travel_requests WHERE id = ?", id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| Error::not_found("travel request", id))?;
        let status = TravelStatus::parse("status", &status)?;
        if !status.is_editable() {
            return Err(Error::invalid(
                "status",
                format!(
                    "request {id} is {status}: what it asks for can change only before a decision \
                     (submitted, under review or waitlisted); organisers amend approved amounts instead"
                ),
            ));
        }
        let currency = data.currency.code();
        let done = sqlx::query!(
            "UPDATE travel_requests SET summit_id = ?, speaker_id = ?, currency = ?, origin_city = ?,
             origin_country = ?, depart_on = ?, return_on = ?, lodging_nights = ?, notes = ? WHERE id = ?",
            data.summit_id, data.speaker_id, currency, data.origin_city, data.origin_country, data.depart_on,
            data.return_on, data.lodging_nights, data.notes, id
        )
        .execute(&mut *tx)
        .await
        .map_err(request_refused(&data))?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("travel request", id));
        }
        sqlx::query!("DELETE FROM travel_request_items WHERE request_id = ?", id)
            .execute(&mut *tx)
            .await?;
        insert_items(&mut tx, &[(id, data.items.as_slice())]).await?;
        tx.commit().await?;
        self.travel_request(id).await
    }

    /// The request with this id.
    pub async fn travel_request(&self, id: i64) -> Result<TravelRequest> {
        let filter = TravelFilter::default();
        let mut tx = self.pool.begin().await?;
        let mut found = load(&mut tx, &filter, Some(id)).await?;
        tx.commit().await?;
        found
            .pop()
            .ok_or_else(|| Error::not_found("travel request", id))
    }

    /// Requests matching `filter`, oldest first.
    pub async fn list_travel_requests(&self, filter: &TravelFilter) -> Result<Vec<TravelRequest>> {
        let mut tx = self.pool.begin().await?;
        let found = load(&mut tx, filter, None).await?;
        tx.commit().await?;
        Ok(found)
    }
}

/// Requests matching `filter` (and `id`, when given), read on `conn`, oldest first.
pub(crate) async fn load(
    conn: &mut SqliteConnection,
    filter: &TravelFilter,
    id: Option<i64>,
) -> Result<Vec<TravelRequest>> {
    let status = filter.status.map(TravelStatus::as_str);
    let rows = sqlx::query_as!(
            RequestRow,
            r#"SELECT id, summit_id, speaker_id, currency, status, origin_city, origin_country,
               depart_on AS "depart_on: NaiveDate", return_on AS "return_on: NaiveDate", lodging_nights, notes,
               submitted_at
               FROM travel_requests
               WHERE (?1 IS NULL OR summit_id = ?1) AND (?2 IS NULL OR speaker_id = ?2)
                 AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR id = ?4)
               ORDER BY submitted_at, id"#,
            filter.summit_id, filter.speaker_id, status, id
        )
        .fetch_all(&mut *conn)
        .await?;
    let item_rows = sqlx::query!(
        "SELECT i.request_id, i.category, i.requested_minor FROM travel_request_items i
             JOIN travel_requests r ON r.id = i.request_id
             WHERE (?1 IS NULL OR r.summit_id = ?1) AND (?2 IS NULL OR r.speaker_id = ?2)
               AND (?3 IS NULL OR r.status = ?3) AND (?4 IS NULL OR r.id = ?4)
             ORDER BY i.request_id, i.category",
        filter.summit_id,
        filter.speaker_id,
        status,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut items = group_by(item_rows, |i| i.request_id);
    rows.into_iter()
        .map(|row| {
            let mine = items.remove(&row.id).unwrap_or_default();
            to_request(
                row,
                mine.into_iter()
                    .map(|i| (i.category, i.requested_minor))
                    .collect(),
            )
        })
        .collect()
}
