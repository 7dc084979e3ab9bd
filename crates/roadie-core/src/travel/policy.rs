//! A summit's travel policy: the pool, the caps per category, the accept-by period and the review
//! scale. Every amount is in the summit's currency.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::audit::{self, AuditRecord};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::organiser;
use crate::store::{Store, is_foreign_key_violation};
use crate::travel::{TravelCategory, TravelRequestData};

/// The longest accept-by period a policy may set, in days.
pub const MAX_ACCEPT_BY_DAYS: i64 = 365;

/// A summit's travel policy; the input to set one and what is stored. A cap of zero means the
/// category is not funded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelPolicy {
    pub summit_id: i64,
    /// Everything approvals may commit together.
    pub pool: Money,
    /// Airfare cap when no domestic/international cap applies.
    pub airfare_cap: Money,
    /// Airfare cap for travel from `domestic_country`.
    pub airfare_domestic_cap: Option<Money>,
    /// Airfare cap for travel from anywhere else.
    pub airfare_international_cap: Option<Money>,
    /// The summit's country (two letters), for domestic vs international airfare.
    pub domestic_country: Option<String>,
    pub lodging_per_night: Money,
    /// At most this many nights are funded; none means the summit's nights plus one.
    pub lodging_max_nights: Option<i64>,
    pub ground_cap: Money,
    pub visa_cap: Money,
    pub other_cap: Money,
    /// Days after approval the speaker has to accept the offer.
    pub accept_by_days: i64,
    /// The review scale, lowest and highest score.
    pub review_min: i64,
    pub review_max: i64,
}

/// The cap of one category for one request, and how it was reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Cap {
    pub category: TravelCategory,
    /// In the summit's currency.
    pub cap: Money,
    /// For people: "international airfare", "4 nights × 150.00 USD".
    pub basis: String,
}

impl TravelPolicy {
    /// Checks every field against the summit's currency; returns the cleaned-up policy.
    pub fn validated(&self, currency: Currency) -> Result<TravelPolicy> {
        let amounts: [(&str, Option<Money>); 8] = [
            ("pool", Some(self.pool)),
            ("airfare", Some(self.airfare_cap)),
            ("airfare_domestic", self.airfare_domestic_cap),
            ("airfare_international", self.airfare_international_cap),
            ("lodging_per_night", Some(self.lodging_per_night)),
            ("ground", Some(self.ground_cap)),
            ("visa", Some(self.visa_cap)),
            ("other", Some(self.other_cap)),
        ];
        for (field, amount) in amounts {
            let Some(amount) = amount else { continue };
            amount.non_negative(field)?;
            if amount.currency != currency {
                return Err(Error::invalid(
                    field,
                    format!(
                        "must be in the summit's currency {currency}, got {}",
                        amount.currency
                    ),
                ));
            }
        }
        let domestic_country = match self.domestic_country.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) => {
                Some(code.to_ascii_uppercase())
            }
            Some(code) => {
                return Err(Error::invalid(
                    "domestic_country",
                    format!("{code:?} is not a two-letter country code such as DE"),
                ));
            }
        };
        if domestic_country.is_none()
            && (self.airfare_domestic_cap.is_some() || self.airfare_international_cap.is_some())
        {
            return Err(Error::invalid(
                "domestic_country",
                "is needed to tell domestic from international airfare",
            ));
        }
        if let Some(n) = self.lodging_max_nights {
            crate::fields::non_negative("lodging_max_nights", n)?;
        }
        if !(1..=MAX_ACCEPT_BY_DAYS).contains(&self.accept_by_days) {
            return Err(Error::invalid(
                "accept_by_days",
                format!(
                    "must be between 1 and {MAX_ACCEPT_BY_DAYS} days, got {}",
                    self.accept_by_days
                ),
            ));
        }
        if self.review_max <= self.review_min {
            return Err(Error::invalid(
                "review_max",
                format!(
                    "must be above the lowest score {}, got {}",
                    self.review_min, self.review_max
                ),
            ));
        }
        Ok(TravelPolicy {
            domestic_country,
            ..self.clone()
        })
    }

    /// The nights funded at most for a summit from `start` to `end`.
    pub fn max_nights(&self, start: NaiveDate, end: NaiveDate) -> i64 {
        self.lodging_max_nights
            .unwrap_or_else(|| (end - start).num_days() + 1)
    }

    /// The cap of `category` for `request` at a summit from `start` to `end`; an error when the
    /// product overflows.
    pub fn cap(
        &self,
        category: TravelCategory,
        request: &TravelRequestData,
        (start, end): (NaiveDate, NaiveDate),
    ) -> Result<Cap> {
        let cap = |cap: Money, basis: &str| Cap {
            category,
            cap,
            basis: basis.to_owned(),
        };
        Ok(match category {
            TravelCategory::Airfare => {
                let origin = request
                    .origin_country
                    .as_deref()
                    .map(|c| c.trim().to_ascii_uppercase());
                match (self.domestic_country.as_deref(), origin) {
                    (Some(home), Some(from)) if home == from => match self.airfare_domestic_cap {
                        Some(c) => cap(c, "domestic airfare"),
                        None => cap(self.airfare_cap, "airfare"),
                    },
                    (Some(_), Some(_)) => match self.airfare_international_cap {
                        Some(c) => cap(c, "international airfare"),
                        None => cap(self.airfare_cap, "airfare"),
                    },
                    _ => cap(self.airfare_cap, "airfare"),
                }
            }
            TravelCategory::Lodging => {
                let most = self.max_nights(start, end);
                let nights = request.lodging_nights.map_or(most, |n| n.min(most)).max(0);
                let minor = self
                    .lodging_per_night
                    .minor
                    .checked_mul(nights)
                    .ok_or_else(|| Error::invalid("lodging", "the lodging cap is too large"))?;
                let plural = if nights == 1 { "night" } else { "nights" };
                cap(
                    Money::new(minor, self.lodging_per_night.currency),
                    &format!("{nights} {plural} × {}", self.lodging_per_night),
                )
            }
            TravelCategory::Ground => cap(self.ground_cap, "ground transport"),
            TravelCategory::Visa => cap(self.visa_cap, "visa"),
            TravelCategory::Other => cap(self.other_cap, "other"),
        })
    }
}

struct PolicyRow {
    summit_id: i64,
    currency: String,
    pool_minor: i64,
    airfare_cap_minor: i64,
    airfare_domestic_cap_minor: Option<i64>,
    airfare_international_cap_minor: Option<i64>,
    domestic_country: Option<String>,
    lodging_per_night_minor: i64,
    lodging_max_nights: Option<i64>,
    ground_cap_minor: i64,
    visa_cap_minor: i64,
    other_cap_minor: i64,
    accept_by_days: i64,
    review_min: i64,
    review_max: i64,
}

impl TryFrom<PolicyRow> for TravelPolicy {
    type Error = Error;
    fn try_from(r: PolicyRow) -> Result<TravelPolicy> {
        let c = Currency::parse("currency", &r.currency)?;
        let m = |minor: i64| Money::new(minor, c);
        Ok(TravelPolicy {
            summit_id: r.summit_id,
            pool: m(r.pool_minor),
            airfare_cap: m(r.airfare_cap_minor),
            airfare_domestic_cap: r.airfare_domestic_cap_minor.map(m),
            airfare_international_cap: r.airfare_international_cap_minor.map(m),
            domestic_country: r.domestic_country,
            lodging_per_night: m(r.lodging_per_night_minor),
            lodging_max_nights: r.lodging_max_nights,
            ground_cap: m(r.ground_cap_minor),
            visa_cap: m(r.visa_cap_minor),
            other_cap: m(r.other_cap_minor),
            accept_by_days: r.accept_by_days,
            review_min: r.review_min,
            review_max: r.review_max,
        })
    }
}

/// The policy of a summit, read on `conn`; none when it has none yet.
pub(crate) async fn load(
    conn: &mut SqliteConnection,
    summit_id: i64,
) -> Result<Option<TravelPolicy>> {
    sqlx::query_as!(
        PolicyRow,
        "SELECT summit_id, currency, pool_minor, airfare_cap_minor, airfare_domestic_cap_minor,
         airfare_international_cap_minor, domestic_country, lodging_per_night_minor, lodging_max_nights,
         ground_cap_minor, visa_cap_minor, other_cap_minor, accept_by_days, review_min, review_max
         FROM travel_policies WHERE summit_id = ?",
        summit_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(TravelPolicy::try_from)
    .transpose()
}

/// Writes a validated policy on `conn`, replacing the summit's previous one.
pub(crate) async fn save(conn: &mut SqliteConnection, p: &TravelPolicy) -> Result<()> {
    let currency = p.pool.currency.code();
    let minor = |m: Option<Money>| m.map(|m| m.minor);
    let (domestic, international) = (
        minor(p.airfare_domestic_cap),
        minor(p.airfare_international_cap),
    );
    sqlx::query!(
        "INSERT INTO travel_policies (summit_id, currency, pool_minor, airfare_cap_minor, airfare_domestic_cap_minor,
         airfare_international_cap_minor, domestic_country, lodging_per_night_minor, lodging_max_nights,
         ground_cap_minor, visa_cap_minor, other_cap_minor, accept_by_days, review_min, review_max)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (summit_id) DO UPDATE SET currency = excluded.currency, pool_minor = excluded.pool_minor,
         airfare_cap_minor = excluded.airfare_cap_minor, airfare_domestic_cap_minor = excluded.airfare_domestic_cap_minor,
         airfare_international_cap_minor = excluded.airfare_international_cap_minor,
         domestic_country = excluded.domestic_country, lodging_per_night_minor = excluded.lodging_per_night_minor,
         lodging_max_nights = excluded.lodging_max_nights, ground_cap_minor = excluded.ground_cap_minor,
         visa_cap_minor = excluded.visa_cap_minor, other_cap_minor = excluded.other_cap_minor,
         accept_by_days = excluded.accept_by_days, review_min = excluded.review_min, review_max = excluded.review_max",
        p.summit_id, currency, p.pool.minor, p.airfare_cap.minor, domestic, international, p.domestic_country,
        p.lodging_per_night.minor, p.lodging_max_nights, p.ground_cap.minor, p.visa_cap.minor, p.other_cap.minor,
        p.accept_by_days, p.review_min, p.review_max
    )
    .execute(&mut *conn)
    .await
    .map_err(|e| {
        if is_foreign_key_violation(&e) {
            Error::invalid("summit", "no such summit")
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// The policy as the audit log records it.
fn audit_details(p: &TravelPolicy) -> serde_json::Value {
    let text = |m: Option<Money>| m.map(|m| m.to_string());
    serde_json::json!({
        "pool": p.pool.to_string(),
        "airfare": p.airfare_cap.to_string(),
        "airfare_domestic": text(p.airfare_domestic_cap),
        "airfare_international": text(p.airfare_international_cap),
        "domestic_country": p.domestic_country,
        "lodging_per_night": p.lodging_per_night.to_string(),
        "lodging_max_nights": p.lodging_max_nights,
        "ground": p.ground_cap.to_string(),
        "visa": p.visa_cap.to_string(),
        "other": p.other_cap.to_string(),
        "accept_by_days": p.accept_by_days,
        "review_scale": format!("{}–{}", p.review_min, p.review_max),
    })
}

/// [`Store::set_travel_policy`], inside the caller's transaction `tx`.
pub(crate) async fn set_in(
    tx: &mut SqliteConnection,
    policy: &TravelPolicy,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<TravelPolicy> {
    let who = organiser::by_name(tx, "actor", actor).await?;
    let summit = crate::travel::funding::summit_facts(tx, policy.summit_id).await?;
    let policy = policy.validated(summit.currency)?;
    let before = load(tx, policy.summit_id).await?;
    save(tx, &policy).await?;
    audit::append(
        tx,
        AuditRecord {
            actor: who.data.name,
            at,
            entity: "travel_policy",
            entity_id: policy.summit_id,
            action: if before.is_some() {
                "policy-change"
            } else {
                "policy-set"
            }
            .into(),
            amount: Some(policy.pool),
            details: Some(audit_details(&policy)),
            ..AuditRecord::default()
        },
    )
    .await?;
    Ok(policy)
}

impl Store {
    /// Sets (or replaces) a summit's travel policy as `actor`, at `at`; recorded in the audit log.
    pub async fn set_travel_policy(
        &self,
        policy: &TravelPolicy,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<TravelPolicy> {
        let mut tx = self.write().await?;
        let policy = set_in(&mut tx, policy, actor, at).await?;
        tx.commit().await?;
        Ok(policy)
    }

    /// A summit's travel policy, if it has one.
    pub async fn travel_policy(&self, summit_id: i64) -> Result<Option<TravelPolicy>> {
        load(&mut *self.pool.acquire().await?, summit_id).await
    }
}
