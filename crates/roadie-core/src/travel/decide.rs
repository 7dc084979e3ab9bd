//! Every decision on a travel request, as one transaction each: read the request, check the state
//! machine and the rules, write the change and its audit row together, or nothing at all.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::audit::{self, AuditRecord};
use crate::error::{Error, Result};
use crate::fields;
use crate::money::Money;
use crate::organiser::{self, Organiser};
use crate::rates::{self, Rate};
use crate::store::Store;
use crate::time::Clock;
use crate::travel::approve::{self, ApprovalFacts, ApprovalInput, ApprovalPlan};
use crate::travel::flow::TravelAction;
use crate::travel::funding::{self, Approval, SummitFacts};
use crate::travel::policy;
use crate::travel::{self, TravelFilter, TravelRequest, TravelStatus};

/// The entity name of travel requests in the audit log.
pub const ENTITY: &str = "travel_request";

/// A request read inside a decision's transaction, with the organiser acting and its summit.
struct Decision {
    request: TravelRequest,
    who: Organiser,
    summit: SummitFacts,
}

impl Decision {
    /// Refuses a decision an organiser would take on their own request.
    fn not_own(&self, verb: &str) -> Result<()> {
        if self.who.data.speaker_id == Some(self.request.data.speaker_id) {
            return Err(Error::invalid(
                "actor",
                format!(
                    "{} is the applicant of travel request {} and cannot {verb} it; another organiser must",
                    self.who.data.name, self.request.id
                ),
            ));
        }
        Ok(())
    }

    /// An audit row about this request, from `before` to `after`.
    fn record(&self, action: &str, after: TravelStatus, at: DateTime<Utc>) -> AuditRecord {
        AuditRecord {
            actor: self.who.data.name.clone(),
            at,
            entity: ENTITY,
            entity_id: self.request.id,
            action: action.to_owned(),
            state_before: Some(self.request.status.as_str().to_owned()),
            state_after: Some(after.as_str().to_owned()),
            ..AuditRecord::default()
        }
    }

    /// Today in the summit's zone.
    fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        self.summit.tz.local(now).date()
    }
}

async fn begin(conn: &mut SqliteConnection, id: i64, actor: &str) -> Result<Decision> {
    let who = organiser::by_name(conn, "actor", actor).await?;
    let request = travel::load(conn, &TravelFilter::default(), Some(id))
        .await?
        .pop()
        .ok_or_else(|| Error::not_found("travel request", id))?;
    let summit = funding::summit_facts(conn, request.data.summit_id).await?;
    Ok(Decision {
        request,
        who,
        summit,
    })
}

/// Moves the request from the status it was read in to `to`.
async fn set_status(conn: &mut SqliteConnection, d: &Decision, to: TravelStatus) -> Result<()> {
    let (id, from, to) = (d.request.id, d.request.status.as_str(), to.as_str());
    let done = sqlx::query!(
        "UPDATE travel_requests SET status = ? WHERE id = ? AND status = ?",
        to,
        id,
        from
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(Error::invalid(
            "status",
            format!("request {id} changed meanwhile; look again"),
        ));
    }
    Ok(())
}

fn reason_required(field: &str, reason: Option<&str>, why: &str) -> Result<String> {
    fields::optional(field, reason)?.ok_or_else(|| Error::invalid(field, why.to_owned()))
}

fn approval_needed(d: &Decision, approval: Option<Approval>) -> Result<Approval> {
    approval.ok_or_else(|| {
        Error::invalid(
            "approval",
            format!("request {} has no approval", d.request.id),
        )
    })
}

/// What the speaker booked, as the input to `book`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BookingData {
    pub flight_ref: Option<String>,
    pub hotel_ref: Option<String>,
    pub arrive_at: DateTime<Utc>,
    pub depart_at: DateTime<Utc>,
    pub nights: Option<i64>,
}

impl BookingData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<BookingData> {
        if self.depart_at < self.arrive_at {
            return Err(Error::invalid(
                "depart",
                "the departure is before the arrival",
            ));
        }
        if let Some(n) = self.nights {
            fields::non_negative("nights", n)?;
        }
        Ok(BookingData {
            flight_ref: fields::optional("flight_ref", self.flight_ref.as_deref())?,
            hotel_ref: fields::optional("hotel_ref", self.hotel_ref.as_deref())?,
            ..self.clone()
        })
    }
}

/// A payment to record, as the input to `pay`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentInput {
    pub paid_on: NaiveDate,
    /// In the request's currency.
    pub amount: Money,
    /// One unit of the request's currency in the summit's; none: the newest recorded rate, else
    /// the approval's.
    pub rate: Option<Rate>,
    pub reference: Option<String>,
    /// The last payment, even if it leaves part of the approval unpaid.
    #[serde(default)]
    pub last: bool,
}

/// The rate from the request's currency to the summit's: `given`, else the newest recorded one,
/// else `fallback`; one when both are the same currency.
async fn rate_to_base(
    conn: &mut SqliteConnection,
    d: &Decision,
    given: Option<Rate>,
    fallback: Option<Rate>,
) -> Result<Rate> {
    let (from, to) = (d.request.data.currency, d.summit.currency);
    if from == to {
        return match given {
            Some(rate) if rate != Rate::one() => Err(Error::invalid(
                "rate",
                format!("the request is in the summit's currency {to}; no rate applies"),
            )),
            _ => Ok(Rate::one()),
        };
    }
    if let Some(rate) = given {
        return Ok(rate);
    }
    if let Some(rate) = rates::latest(conn, d.request.data.summit_id, from, to).await? {
        return Ok(rate);
    }
    fallback.ok_or_else(|| {
        Error::invalid(
            "rate",
            format!("no {from}/{to} rate is recorded; give one, e.g. \"{from}/{to}=1.08\""),
        )
    })
}

/// What the other requests of the summit hold from the pool, in the summit's currency.
async fn committed_by_others(conn: &mut SqliteConnection, d: &Decision) -> Result<Money> {
    let (summit, id) = (d.request.data.summit_id, d.request.id);
    let minor = sqlx::query_scalar!(
        r#"SELECT coalesce(sum(committed_base_minor), 0) AS "minor!: i64"
           FROM travel_money WHERE summit_id = ? AND request_id <> ?"#,
        summit,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Money::new(minor, d.summit.currency))
}

async fn paid_total(conn: &mut SqliteConnection, d: &Decision) -> Result<Money> {
    let id = d.request.id;
    let minor = sqlx::query_scalar!(
        r#"SELECT coalesce(sum(amount_minor), 0) AS "minor!: i64" FROM travel_payments WHERE request_id = ?"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Money::new(minor, d.request.data.currency))
}

/// Every check of an approval (or an amendment of one), on `conn`; writes nothing.
async fn plan_approval(
    conn: &mut SqliteConnection,
    id: i64,
    actor: &str,
    input: &ApprovalInput,
    now: DateTime<Utc>,
) -> Result<(Decision, Option<Approval>, ApprovalPlan)> {
    let d = begin(conn, id, actor).await?;
    let existing = funding::approval(conn, id).await?;
    let amendment = d.request.status.holds_approval();
    if !amendment {
        d.request.status.after(TravelAction::Approve)?;
    }
    d.not_own("approve")?;
    let policy = policy::load(conn, d.request.data.summit_id)
        .await?
        .ok_or_else(|| {
            Error::invalid(
                "policy",
                "the summit has no travel policy yet; set one first (roadie travel policy set)",
            )
        })?;
    let existing_rate = existing.as_ref().filter(|_| amendment).map(|a| a.rate);
    let rate = match (input.rate, existing_rate) {
        (None, Some(rate)) => rate,
        (given, _) => rate_to_base(conn, &d, given, None).await?,
    };
    let today = d.today(now);
    let accept_by = match (input.accept_by, existing.as_ref().filter(|_| amendment)) {
        (Some(date), _) => {
            if date < today {
                return Err(Error::invalid(
                    "accept_by",
                    format!("{date} is already past (today is {today})"),
                ));
            }
            date
        }
        (None, Some(a)) => a.accept_by,
        (None, None) => today + Duration::days(policy.accept_by_days),
    };
    let facts = ApprovalFacts {
        request: &d.request,
        policy: &policy,
        base: d.summit.currency,
        dates: (d.summit.start, d.summit.end),
        rate,
        committed_by_others: committed_by_others(conn, &d).await?,
        accept_by,
        amendment,
    };
    let plan = approve::plan(&facts, input)?;
    if let Some(old) = existing.as_ref().filter(|_| amendment) {
        let same = plan
            .lines
            .iter()
            .all(|l| l.approved == old.approved(l.category));
        if same && plan.rate == old.rate && plan.accept_by == old.accept_by {
            return Err(Error::invalid(
                "approval",
                format!(
                    "request {id} is already approved with these amounts; change an amount to amend it"
                ),
            ));
        }
        let paid = paid_total(conn, &d).await?;
        if plan.total.minor < paid.minor {
            return Err(Error::invalid(
                "approval",
                format!("{} is less than the {paid} already paid", plan.total),
            ));
        }
    }
    Ok((d, existing, plan))
}

fn approval_details(plan: &ApprovalPlan, pending: bool) -> serde_json::Value {
    let items: serde_json::Map<String, serde_json::Value> = plan
        .lines
        .iter()
        .filter(|l| l.approved.minor > 0 || l.requested.minor > 0)
        .map(|l| {
            (
                l.category.as_str().to_owned(),
                l.approved.to_string().into(),
            )
        })
        .collect();
    serde_json::json!({
        "approved": items,
        "rate": plan.rate.to_string(),
        "total_base": plan.total_base.to_string(),
        "pool_remaining_before": plan.remaining_before.to_string(),
        "pool_remaining_after": plan.remaining_after.to_string(),
        "over_pool": plan.over_pool,
        "accept_by": plan.accept_by.to_string(),
        "pending": pending,
    })
}

/// [`Store::approve_travel`], inside the caller's transaction `tx`.
pub(crate) async fn approve_travel_in(
    tx: &mut SqliteConnection,
    id: i64,
    actor: &str,
    input: &ApprovalInput,
    clock: &dyn Clock,
) -> Result<ApprovalPlan> {
    let now = clock.now();
    let (d, _, plan) = plan_approval(tx, id, actor, input, now).await?;
    let pending = plan.amendment;
    let (currency, base, rate) = (
        plan.total.currency.code(),
        plan.total_base.currency.code(),
        plan.rate.to_string(),
    );
    let (at, accept_by) = (now.timestamp(), plan.accept_by);
    sqlx::query!(
        "INSERT INTO travel_approvals (request_id, currency, base_currency, rate, total_minor, total_base_minor,
         accept_by, override_reason, pending, approved_by, approved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id) DO UPDATE SET currency = excluded.currency,
         base_currency = excluded.base_currency, rate = excluded.rate, total_minor = excluded.total_minor,
         total_base_minor = excluded.total_base_minor, accept_by = excluded.accept_by,
         override_reason = excluded.override_reason, pending = excluded.pending,
         approved_by = excluded.approved_by, approved_at = excluded.approved_at",
        id, currency, base, rate, plan.total.minor, plan.total_base.minor, accept_by,
        plan.override_reason, pending, d.who.id, at
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM travel_approved_items WHERE request_id = ?", id)
        .execute(&mut *tx)
        .await?;
    for line in plan
        .lines
        .iter()
        .filter(|l| l.approved.minor > 0 || l.requested.minor > 0)
    {
        let category = line.category.as_str();
        sqlx::query!(
            "INSERT INTO travel_approved_items (request_id, category, approved_minor) VALUES (?, ?, ?)",
            id,
            category,
            line.approved.minor
        )
        .execute(&mut *tx)
        .await?;
    }
    let (action, after) = if plan.amendment {
        ("amend", d.request.status)
    } else {
        let after = d.request.status.after(TravelAction::Approve)?;
        set_status(tx, &d, after).await?;
        ("approve", after)
    };
    audit::append(
        tx,
        AuditRecord {
            amount: Some(plan.total),
            details: Some(approval_details(&plan, pending)),
            reason: fields::optional("override_reason", input.override_reason.as_deref())?,
            ..d.record(action, after, now)
        },
    )
    .await?;
    Ok(plan)
}

/// [`Store::confirm_travel_approval`], inside the caller's transaction `tx`.
pub(crate) async fn confirm_travel_approval_in(
    tx: &mut SqliteConnection,
    id: i64,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<Approval> {
    let d = begin(tx, id, actor).await?;
    let approval = approval_needed(&d, funding::approval(tx, id).await?)?;
    if !approval.pending || !d.request.status.holds_approval() {
        return Err(Error::invalid(
            "approval",
            format!("request {id} has no changed amounts waiting for confirmation"),
        ));
    }
    d.not_own("confirm")?;
    if approval.approved_by.eq_ignore_ascii_case(&d.who.data.name) {
        return Err(Error::invalid(
            "actor",
            format!(
                "{} changed these amounts; another organiser must confirm them",
                d.who.data.name
            ),
        ));
    }
    sqlx::query!(
        "UPDATE travel_approvals SET pending = 0 WHERE request_id = ?",
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::append(
        tx,
        AuditRecord {
            amount: Some(approval.total),
            details: Some(serde_json::json!({
                "total_base": approval.total_base.to_string(),
                "changed_by": approval.approved_by,
            })),
            ..d.record("confirm", d.request.status, at)
        },
    )
    .await?;
    approval_needed(&d, funding::approval(tx, id).await?)
}

/// [`Store::move_travel`], inside the caller's transaction `tx`.
pub(crate) async fn move_travel_in(
    tx: &mut SqliteConnection,
    id: i64,
    action: TravelAction,
    actor: &str,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<()> {
    let mut reason = fields::optional("reason", reason)?;
    match action {
        TravelAction::StartReview | TravelAction::Waitlist | TravelAction::Decline => {}
        TravelAction::Withdraw => {}
        TravelAction::Deny => {
            reason = Some(reason_required(
                "reason",
                reason.as_deref(),
                "say why the request is denied",
            )?);
        }
        other => {
            return Err(Error::invalid(
                "action",
                format!("{other} has its own command"),
            ));
        }
    }
    let d = begin(tx, id, actor).await?;
    let after = d.request.status.after(action)?;
    if matches!(
        action,
        TravelAction::StartReview | TravelAction::Waitlist | TravelAction::Deny
    ) {
        d.not_own(action.as_str())?;
    }
    set_status(tx, &d, after).await?;
    audit::append(
        tx,
        AuditRecord {
            reason,
            ..d.record(action.as_str(), after, at)
        },
    )
    .await?;
    Ok(())
}

/// [`Store::accept_travel`], inside the caller's transaction `tx`.
pub(crate) async fn accept_travel_in(
    tx: &mut SqliteConnection,
    id: i64,
    actor: &str,
    clock: &dyn Clock,
) -> Result<()> {
    let now = clock.now();
    let d = begin(tx, id, actor).await?;
    let after = d.request.status.after(TravelAction::Accept)?;
    let approval = approval_needed(&d, funding::approval(tx, id).await?)?;
    if approval.pending {
        return Err(Error::invalid(
            "approval",
            "the approved amounts changed and wait for another organiser's confirmation",
        ));
    }
    let today = d.today(now);
    if today > approval.accept_by {
        return Err(Error::invalid(
            "accept_by",
            format!(
                "the offer had to be accepted by {} ({}); it is {today} there: expire it instead",
                approval.accept_by, d.summit.tz
            ),
        ));
    }
    set_status(tx, &d, after).await?;
    audit::append(
        tx,
        AuditRecord {
            amount: Some(approval.total),
            ..d.record("accept", after, now)
        },
    )
    .await?;
    Ok(())
}

/// [`Store::expire_travel`], inside the caller's transaction `tx`.
pub(crate) async fn expire_travel_in(
    tx: &mut SqliteConnection,
    id: i64,
    actor: &str,
    clock: &dyn Clock,
) -> Result<()> {
    let now = clock.now();
    let d = begin(tx, id, actor).await?;
    let after = d.request.status.after(TravelAction::Expire)?;
    let approval = approval_needed(&d, funding::approval(tx, id).await?)?;
    let today = d.today(now);
    if today <= approval.accept_by {
        return Err(Error::invalid(
            "accept_by",
            format!(
                "the offer is open until {} ({}); it is {today} there",
                approval.accept_by, d.summit.tz
            ),
        ));
    }
    set_status(tx, &d, after).await?;
    audit::append(
        tx,
        AuditRecord {
            amount: Some(approval.total),
            details: Some(serde_json::json!({ "accept_by": approval.accept_by.to_string() })),
            ..d.record("expire", after, now)
        },
    )
    .await?;
    Ok(())
}

/// [`Store::book_travel`], inside the caller's transaction `tx`.
pub(crate) async fn book_travel_in(
    tx: &mut SqliteConnection,
    id: i64,
    actor: &str,
    booking: &BookingData,
    at: DateTime<Utc>,
) -> Result<()> {
    let booking = booking.validated()?;
    let d = begin(tx, id, actor).await?;
    let after = d.request.status.after(TravelAction::Book)?;
    let action = if d.request.status == TravelStatus::Booked {
        "rebook"
    } else {
        "book"
    };
    let (arrive, depart, now) = (
        booking.arrive_at.timestamp(),
        booking.depart_at.timestamp(),
        at.timestamp(),
    );
    sqlx::query!(
        "INSERT INTO travel_bookings (request_id, flight_ref, hotel_ref, arrive_at, depart_at, nights, booked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id) DO UPDATE SET flight_ref = excluded.flight_ref, hotel_ref = excluded.hotel_ref,
         arrive_at = excluded.arrive_at, depart_at = excluded.depart_at, nights = excluded.nights,
         booked_at = excluded.booked_at",
        id, booking.flight_ref, booking.hotel_ref, arrive, depart, booking.nights, now
    )
    .execute(&mut *tx)
    .await?;
    if after != d.request.status {
        set_status(tx, &d, after).await?;
    }
    audit::append(
        tx,
        AuditRecord {
            details: Some(serde_json::json!({
                "flight_ref": booking.flight_ref,
                "hotel_ref": booking.hotel_ref,
                "arrive_at": booking.arrive_at.to_rfc3339(),
                "depart_at": booking.depart_at.to_rfc3339(),
                "nights": booking.nights,
            })),
            ..d.record(action, after, at)
        },
    )
    .await?;
    Ok(())
}

/// [`Store::pay_travel`], inside the caller's transaction `tx`.
pub(crate) async fn pay_travel_in(
    tx: &mut SqliteConnection,
    id: i64,
    actor: &str,
    payment: &PaymentInput,
    at: DateTime<Utc>,
) -> Result<()> {
    let d = begin(tx, id, actor).await?;
    if d.request.status != TravelStatus::Booked {
        return Err(Error::invalid(
            "status",
            format!(
                "payments are made on a booked request; request {id} is {}",
                d.request.status
            ),
        ));
    }
    d.not_own("pay")?;
    let approval = approval_needed(&d, funding::approval(tx, id).await?)?;
    if approval.pending {
        return Err(Error::invalid(
            "approval",
            "the approved amounts changed and wait for another organiser's confirmation",
        ));
    }
    let currency = d.request.data.currency;
    if payment.amount.currency != currency {
        return Err(Error::invalid(
            "amount",
            format!(
                "payments are in the request's currency {currency}, got {}",
                payment.amount.currency
            ),
        ));
    }
    if payment.amount.minor <= 0 {
        return Err(Error::invalid(
            "amount",
            format!("must be more than zero, got {}", payment.amount),
        ));
    }
    let paid = paid_total(tx, &d).await?;
    let after_paid = paid
        .checked_add(payment.amount)
        .ok_or_else(|| Error::invalid("amount", "is too large"))?;
    if after_paid.minor > approval.total.minor {
        let left = Money::new(approval.total.minor - paid.minor, currency);
        return Err(Error::invalid(
            "amount",
            format!(
                "paying {} would bring payments to {after_paid}, more than the {} approved ({left} left to pay)",
                payment.amount, approval.total
            ),
        ));
    }
    let reference = fields::optional("reference", payment.reference.as_deref())?;
    let rate = rate_to_base(tx, &d, payment.rate, Some(approval.rate)).await?;
    let base = rate
        .convert(payment.amount, d.summit.currency)
        .ok_or_else(|| Error::invalid("amount", "is too large to convert"))?;
    let (code, rate_text, now) = (currency.code(), rate.to_string(), at.timestamp());
    sqlx::query!(
        "INSERT INTO travel_payments (request_id, paid_on, amount_minor, currency, rate, base_minor, reference, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id, payment.paid_on, payment.amount.minor, code, rate_text, base.minor, reference, now
    )
    .execute(&mut *tx)
    .await?;
    let done = payment.last || after_paid.minor == approval.total.minor;
    let after = if done {
        let after = d.request.status.after(TravelAction::Reimburse)?;
        set_status(tx, &d, after).await?;
        after
    } else {
        d.request.status
    };
    audit::append(
        tx,
        AuditRecord {
            amount: Some(payment.amount),
            details: Some(serde_json::json!({
                "paid_on": payment.paid_on.to_string(),
                "rate": rate_text,
                "base": base.to_string(),
                "paid_total": after_paid.to_string(),
                "approved_total": approval.total.to_string(),
                "reference": reference,
                "last": done,
            })),
            ..d.record("pay", after, at)
        },
    )
    .await?;
    Ok(())
}

/// [`Store::score_travel`], inside the caller's transaction `tx`.
pub(crate) async fn score_travel_in(
    tx: &mut SqliteConnection,
    id: i64,
    actor: &str,
    score: i64,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<()> {
    let comment = fields::optional("comment", comment)?;
    let d = begin(tx, id, actor).await?;
    if !d.request.status.is_editable() {
        return Err(Error::invalid(
            "status",
            format!(
                "requests are scored before a decision (submitted, under review or waitlisted); request {id} is {}",
                d.request.status
            ),
        ));
    }
    d.not_own("score")?;
    let (low, high) = match policy::load(tx, d.request.data.summit_id).await? {
        Some(p) => (p.review_min, p.review_max),
        None => (1, 5),
    };
    if !(low..=high).contains(&score) {
        return Err(Error::invalid(
            "score",
            format!("must be from {low} to {high}, got {score}"),
        ));
    }
    let (who, when) = (d.who.id, at.timestamp());
    sqlx::query!(
        "INSERT INTO travel_reviews (request_id, organiser_id, score, comment, scored_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (request_id, organiser_id) DO UPDATE SET score = excluded.score,
         comment = excluded.comment, scored_at = excluded.scored_at",
        id, who, score, comment, when
    )
    .execute(&mut *tx)
    .await?;
    audit::append(
        tx,
        AuditRecord {
            details: Some(serde_json::json!({
                "score": score,
                "scale": format!("{low}–{high}"),
                "comment": comment,
            })),
            ..d.record("score", d.request.status, at)
        },
    )
    .await?;
    Ok(())
}

impl Store {
    /// The figures approving request `id` with `input` would give, checked by every rule, without
    /// writing anything: what the approve dialog shows.
    pub async fn preview_approval(
        &self,
        id: i64,
        actor: &str,
        input: &ApprovalInput,
        clock: &dyn Clock,
    ) -> Result<ApprovalPlan> {
        let mut tx = self.pool.begin().await?;
        let (_, _, plan) = plan_approval(&mut tx, id, actor, input, clock.now()).await?;
        tx.rollback().await?;
        Ok(plan)
    }

    /// Approves request `id` as `actor` (from under review or waitlisted), or amends the approved
    /// amounts of an approved, accepted or booked request, which then waits for another
    /// organiser's confirmation. One transaction with its audit row.
    pub async fn approve_travel(
        &self,
        id: i64,
        actor: &str,
        input: &ApprovalInput,
        clock: &dyn Clock,
    ) -> Result<ApprovalPlan> {
        let mut tx = self.write().await?;
        let out = approve_travel_in(&mut tx, id, actor, input, clock).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Confirms amended approved amounts as `actor`, who must be another organiser than the one
    /// who changed them (and not the applicant).
    pub async fn confirm_travel_approval(
        &self,
        id: i64,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<Approval> {
        let mut tx = self.write().await?;
        let out = confirm_travel_approval_in(&mut tx, id, actor, at).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Moves request `id` on by `action` as `actor`, for the moves that need nothing but a
    /// reason: start-review, waitlist, deny (a reason is required), decline, withdraw.
    /// Approve, accept, expire, book and reimburse have their own functions.
    pub async fn move_travel(
        &self,
        id: i64,
        action: TravelAction,
        actor: &str,
        reason: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<TravelRequest> {
        let mut tx = self.write().await?;
        move_travel_in(&mut tx, id, action, actor, reason, at).await?;
        tx.commit().await?;
        self.travel_request(id).await
    }

    /// Records that the speaker accepted their offer, by its accept-by date (in the summit's
    /// zone, on `clock`).
    pub async fn accept_travel(
        &self,
        id: i64,
        actor: &str,
        clock: &dyn Clock,
    ) -> Result<TravelRequest> {
        let mut tx = self.write().await?;
        accept_travel_in(&mut tx, id, actor, clock).await?;
        tx.commit().await?;
        self.travel_request(id).await
    }

    /// Expires an approved offer not accepted by its accept-by date (on `clock`).
    pub async fn expire_travel(
        &self,
        id: i64,
        actor: &str,
        clock: &dyn Clock,
    ) -> Result<TravelRequest> {
        let mut tx = self.write().await?;
        expire_travel_in(&mut tx, id, actor, clock).await?;
        tx.commit().await?;
        self.travel_request(id).await
    }

    /// Expires every approved offer of a summit past its accept-by date; returns their ids.
    pub async fn expire_overdue_travel(
        &self,
        summit_id: i64,
        actor: &str,
        clock: &dyn Clock,
    ) -> Result<Vec<i64>> {
        let facts = funding::summit_facts(&mut *self.pool.acquire().await?, summit_id).await?;
        let today = facts.tz.local(clock.now()).date();
        let overdue = sqlx::query_scalar!(
            r#"SELECT r.id AS "id!" FROM travel_requests r JOIN travel_approvals a ON a.request_id = r.id
               WHERE r.summit_id = ? AND r.status = 'approved' AND a.accept_by < ? ORDER BY r.id"#,
            summit_id,
            today
        )
        .fetch_all(&self.pool)
        .await?;
        for id in &overdue {
            self.expire_travel(*id, actor, clock).await?;
        }
        Ok(overdue)
    }

    /// Records the speaker's booking (or replaces it) as `actor`: accepted becomes booked.
    pub async fn book_travel(
        &self,
        id: i64,
        actor: &str,
        booking: &BookingData,
        at: DateTime<Utc>,
    ) -> Result<TravelRequest> {
        let mut tx = self.write().await?;
        book_travel_in(&mut tx, id, actor, booking, at).await?;
        tx.commit().await?;
        self.travel_request(id).await
    }

    /// Records a reimbursement paid to the speaker of a booked request as `actor`. Payments
    /// together never exceed the approved total; the request is reimbursed once they reach it,
    /// or with the payment marked last.
    pub async fn pay_travel(
        &self,
        id: i64,
        actor: &str,
        payment: &PaymentInput,
        at: DateTime<Utc>,
    ) -> Result<TravelRequest> {
        let mut tx = self.write().await?;
        pay_travel_in(&mut tx, id, actor, payment, at).await?;
        tx.commit().await?;
        self.travel_request(id).await
    }

    /// Records `actor`'s review score of request `id` (replacing their earlier one), on the
    /// summit's review scale.
    pub async fn score_travel(
        &self,
        id: i64,
        actor: &str,
        score: i64,
        comment: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<TravelRequest> {
        let mut tx = self.write().await?;
        score_travel_in(&mut tx, id, actor, score, comment, at).await?;
        tx.commit().await?;
        self.travel_request(id).await
    }
}
