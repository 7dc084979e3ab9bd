//! The requests of a summit as organisers rank them (review score, cost in the summit's currency,
//! first-time speakers, country), and one request with everything about it: amounts against the
//! caps, the pool, the reviews, booking, receipts, payments and its audit history.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::audit::AuditEntry;
use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::rates::{self, Rate};
use crate::store::Store;
use crate::travel::decide::ENTITY;
use crate::travel::flow::TravelAction;
use crate::travel::funding::{self, Approval, Booking, Payment, Receipt, Review, TravelMoney};
use crate::travel::policy::{self, Cap};
use crate::travel::{self, TravelFilter, TravelRequest, TravelStatus};

/// One request in the ranked list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelRow {
    pub id: i64,
    /// 1 for the request that ranks first.
    pub rank: i64,
    pub status: TravelStatus,
    pub summit_id: i64,
    pub speaker_id: i64,
    pub speaker: String,
    pub first_time: bool,
    /// Where they travel from (the request's origin, else the speaker's country).
    pub country: Option<String>,
    pub origin_city: Option<String>,
    /// The average review score, with how many reviews it averages.
    pub score: Option<f64>,
    pub reviews: i64,
    /// What was asked for, in the request's currency.
    pub requested: Money,
    /// The same in the summit's currency (at the approval's rate, else the newest recorded
    /// one); none when no rate is known.
    pub requested_base: Option<Money>,
    pub approved: Option<Money>,
    pub approved_base: Option<Money>,
    /// Amended approved amounts wait for confirmation.
    pub pending: bool,
    /// Paid so far, in the request's currency.
    pub reimbursed: Money,
    /// What is left of the summit's pool (the same on every row); none without a policy.
    pub pool_remaining: Option<Money>,
    pub submitted_at: DateTime<Utc>,
}

/// A request with everything about it: what the request page shows and `travel show --json`
/// prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelDetail {
    pub row: TravelRow,
    pub request: TravelRequest,
    /// The cap of every category for this request, in the summit's currency; empty without a
    /// policy.
    pub caps: Vec<Cap>,
    pub approval: Option<Approval>,
    pub reviews: Vec<Review>,
    pub booking: Option<Booking>,
    pub receipts: Vec<Receipt>,
    pub payments: Vec<Payment>,
    pub money: TravelMoney,
    /// Its audit history, oldest first.
    pub history: Vec<AuditEntry>,
    /// The moves its status allows.
    pub actions: Vec<TravelAction>,
}

struct SpeakerFacts {
    name: String,
    first_time: bool,
    country: Option<String>,
}

/// Ranks rows: best score first (unscored last), then first-time speakers, then the cheapest in
/// the summit's currency (unknown cost last), then the earliest submitted.
fn ranking(a: &TravelRow, b: &TravelRow) -> Ordering {
    let score = |r: &TravelRow| r.score.unwrap_or(f64::NEG_INFINITY);
    score(b)
        .partial_cmp(&score(a))
        .unwrap_or(Ordering::Equal)
        .then(b.first_time.cmp(&a.first_time))
        .then_with(|| {
            let cost = |r: &TravelRow| r.requested_base.map_or(i64::MAX, |m| m.minor);
            cost(a).cmp(&cost(b))
        })
        .then(a.submitted_at.cmp(&b.submitted_at))
        .then(a.id.cmp(&b.id))
}

/// The ranked rows of `requests` (all of one summit), read on `conn`.
async fn rows(
    conn: &mut SqliteConnection,
    summit_id: i64,
    requests: &[TravelRequest],
    money: &TravelMoney,
) -> Result<Vec<TravelRow>> {
    let base = money.committed.currency;
    let speakers: HashMap<i64, SpeakerFacts> = sqlx::query!(
        r#"SELECT s.id AS "id!", s.name, s.first_time, s.country FROM speakers s
         WHERE s.id IN (SELECT speaker_id FROM travel_requests WHERE summit_id = ?)"#,
        summit_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|s| {
        (
            s.id,
            SpeakerFacts {
                name: s.name,
                first_time: s.first_time != 0,
                country: s.country,
            },
        )
    })
    .collect();
    let approvals: HashMap<i64, (i64, i64, String, bool)> = sqlx::query!(
        r#"SELECT a.request_id AS "request_id!", a.total_minor, a.total_base_minor, a.rate, a.pending FROM travel_approvals a
         JOIN travel_requests r ON r.id = a.request_id WHERE r.summit_id = ?"#,
        summit_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|a| {
        (
            a.request_id,
            (a.total_minor, a.total_base_minor, a.rate, a.pending != 0),
        )
    })
    .collect();
    let paid: HashMap<i64, i64> = sqlx::query!(
        r#"SELECT p.request_id, sum(p.amount_minor) AS "paid!: i64" FROM travel_payments p
           JOIN travel_requests r ON r.id = p.request_id WHERE r.summit_id = ? GROUP BY p.request_id"#,
        summit_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|p| (p.request_id, p.paid))
    .collect();
    let scores = funding::scores(conn, summit_id).await?;
    let mut latest: HashMap<Currency, Option<Rate>> = HashMap::new();
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        let currency = r.data.currency;
        let requested = r
            .data
            .total_requested()
            .ok_or_else(|| Error::invalid("requested", "the amounts are too large to add up"))?;
        let approval = approvals.get(&r.id);
        let rate = match approval {
            Some((_, _, rate, _)) => Some(Rate::parse("rate", rate)?),
            None if currency == base => Some(Rate::one()),
            None => match latest.get(&currency) {
                Some(rate) => *rate,
                None => {
                    let rate = rates::latest(conn, summit_id, currency, base).await?;
                    latest.insert(currency, rate);
                    rate
                }
            },
        };
        let speaker = speakers.get(&r.data.speaker_id);
        let (score, reviews) = scores
            .get(&r.id)
            .map_or((None, 0), |(avg, n)| (Some(*avg), *n));
        out.push(TravelRow {
            id: r.id,
            rank: 0,
            status: r.status,
            summit_id,
            speaker_id: r.data.speaker_id,
            speaker: speaker.map(|s| s.name.clone()).unwrap_or_default(),
            first_time: speaker.is_some_and(|s| s.first_time),
            country: r
                .data
                .origin_country
                .clone()
                .or_else(|| speaker.and_then(|s| s.country.clone())),
            origin_city: r.data.origin_city.clone(),
            score,
            reviews,
            requested,
            requested_base: rate.and_then(|rate| rate.convert(requested, base)),
            approved: approval.map(|a| Money::new(a.0, currency)),
            approved_base: approval.map(|a| Money::new(a.1, base)),
            pending: approval.is_some_and(|a| a.3),
            reimbursed: Money::new(paid.get(&r.id).copied().unwrap_or(0), currency),
            pool_remaining: money.remaining,
            submitted_at: r.submitted_at,
        });
    }
    out.sort_by(ranking);
    for (i, row) in out.iter_mut().enumerate() {
        row.rank = i64::try_from(i + 1).unwrap_or(i64::MAX);
    }
    Ok(out)
}

impl Store {
    /// A summit's travel requests, ranked (best first), with their amounts and the pool's
    /// remaining figure; `status` keeps only requests in it.
    pub async fn travel_overview(
        &self,
        summit_id: i64,
        status: Option<TravelStatus>,
    ) -> Result<Vec<TravelRow>> {
        let mut tx = self.pool.begin().await?;
        let money = funding::money(&mut tx, summit_id).await?;
        let filter = TravelFilter {
            summit_id: Some(summit_id),
            ..TravelFilter::default()
        };
        let requests = travel::load(&mut tx, &filter, None).await?;
        let mut rows = rows(&mut tx, summit_id, &requests, &money).await?;
        tx.commit().await?;
        // Ranks are over the whole summit, so they stay the same when filtering.
        rows.retain(|r| status.is_none_or(|s| r.status == s));
        Ok(rows)
    }

    /// One request with everything about it.
    pub async fn travel_detail(&self, id: i64) -> Result<TravelDetail> {
        let mut tx = self.pool.begin().await?;
        let request = travel::load(&mut tx, &TravelFilter::default(), Some(id))
            .await?
            .pop()
            .ok_or_else(|| Error::not_found("travel request", id))?;
        let summit_id = request.data.summit_id;
        let money = funding::money(&mut tx, summit_id).await?;
        let all = travel::load(
            &mut tx,
            &TravelFilter {
                summit_id: Some(summit_id),
                ..TravelFilter::default()
            },
            None,
        )
        .await?;
        let row = rows(&mut tx, summit_id, &all, &money)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::not_found("travel request", id))?;
        let facts = funding::summit_facts(&mut tx, summit_id).await?;
        let caps = match policy::load(&mut tx, summit_id).await? {
            Some(p) => crate::travel::TravelCategory::ALL
                .iter()
                .map(|c| p.cap(*c, &request.data, (facts.start, facts.end)))
                .collect::<Result<Vec<_>>>()?,
            None => Vec::new(),
        };
        let detail = TravelDetail {
            caps,
            approval: funding::approval(&mut tx, id).await?,
            reviews: funding::reviews(&mut tx, id).await?,
            booking: funding::booking(&mut tx, id).await?,
            receipts: funding::receipts(&mut tx, id).await?,
            payments: funding::payments(&mut tx, id).await?,
            money,
            history: Vec::new(),
            actions: request.status.actions(),
            row,
            request,
        };
        tx.commit().await?;
        Ok(TravelDetail {
            history: self.audit_history(ENTITY, id).await?,
            ..detail
        })
    }
}
