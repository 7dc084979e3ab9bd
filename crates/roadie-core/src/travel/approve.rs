//! The approval rules, as one pure function: every approved amount at most what was requested and
//! at most its cap, and the total (in the summit's currency, at the rate recorded at approval)
//! within what is left of the pool unless an organiser overrides it with a reason. The approve
//! dialog previews exactly what this computes; approving writes it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::rates::Rate;
use crate::travel::funding::ApprovedItem;
use crate::travel::policy::{Cap, TravelPolicy};
use crate::travel::{TravelCategory, TravelRequest};

/// What an organiser approves. Amounts are in the request's currency; a category left out is
/// approved as requested.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ApprovalInput {
    pub amounts: Vec<ApprovedItem>,
    /// One unit of the request's currency in the summit's; none: the newest recorded rate (or
    /// the approval's own rate when amending).
    pub rate: Option<Rate>,
    /// Why the approval may go past what is left of the pool.
    pub override_reason: Option<String>,
    /// The last day to accept; none: the policy's accept-by period from today.
    pub accept_by: Option<NaiveDate>,
}

/// One category of an approval, against its request and its cap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApprovalLine {
    pub category: TravelCategory,
    /// In the request's currency.
    pub requested: Money,
    /// In the request's currency.
    pub approved: Money,
    /// `approved` in the summit's currency at the approval's rate.
    pub approved_base: Money,
    /// In the summit's currency.
    pub cap: Cap,
}

/// Every figure of an approval before it is written: what the approve dialog shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApprovalPlan {
    pub request_id: i64,
    /// Every category, in order.
    pub lines: Vec<ApprovalLine>,
    /// In the request's currency.
    pub total: Money,
    pub rate: Rate,
    /// In the summit's currency: what the approval holds from the pool.
    pub total_base: Money,
    pub pool: Money,
    /// What the pool has left without this request.
    pub remaining_before: Money,
    /// What it has left once this approval holds its total.
    pub remaining_after: Money,
    /// Whether the approval goes past the pool (allowed only with an override reason).
    pub over_pool: bool,
    pub override_reason: Option<String>,
    pub accept_by: NaiveDate,
    /// Whether this changes an existing approval (which then waits for confirmation).
    pub amendment: bool,
}

/// The facts an approval is decided on, read in the approval's transaction.
pub(crate) struct ApprovalFacts<'a> {
    pub request: &'a TravelRequest,
    pub policy: &'a TravelPolicy,
    pub base: Currency,
    pub dates: (NaiveDate, NaiveDate),
    pub rate: Rate,
    /// What other requests hold from the pool, in `base`.
    pub committed_by_others: Money,
    pub accept_by: NaiveDate,
    pub amendment: bool,
}

fn overflow(field: &str) -> Error {
    Error::invalid(field, "the amount is too large to convert")
}

/// Applies the approval rules to `input`; the plan, or the first rule it breaks.
pub(crate) fn plan(facts: &ApprovalFacts<'_>, input: &ApprovalInput) -> Result<ApprovalPlan> {
    let request = facts.request;
    let currency = request.data.currency;
    if facts.policy.pool.currency != facts.base {
        return Err(Error::invalid(
            "policy",
            format!(
                "the travel policy is in {} but the summit is now in {}; set the policy again",
                facts.policy.pool.currency, facts.base
            ),
        ));
    }
    for (i, item) in input.amounts.iter().enumerate() {
        if input.amounts[..i]
            .iter()
            .any(|o| o.category == item.category)
        {
            return Err(Error::invalid(item.category.as_str(), "is given twice"));
        }
    }
    let mut lines = Vec::with_capacity(TravelCategory::ALL.len());
    for &category in TravelCategory::ALL {
        let field = category.as_str();
        let requested = request
            .data
            .items
            .iter()
            .find(|i| i.category == category)
            .map_or(Money::zero(currency), |i| i.requested);
        let approved = input
            .amounts
            .iter()
            .find(|i| i.category == category)
            .map_or(requested, |i| i.approved);
        if approved.currency != currency {
            return Err(Error::invalid(
                field,
                format!(
                    "must be in the request's currency {currency}, got {}",
                    approved.currency
                ),
            ));
        }
        approved.non_negative(field)?;
        if approved.minor > requested.minor {
            return Err(Error::invalid(
                field,
                format!("{approved} is more than the {requested} requested"),
            ));
        }
        let cap = facts.policy.cap(category, &request.data, facts.dates)?;
        let approved_base = facts
            .rate
            .convert(approved, facts.base)
            .ok_or_else(|| overflow(field))?;
        if approved_base.minor > cap.cap.minor {
            let at_rate = if currency == facts.base {
                String::new()
            } else {
                format!(" ({approved_base} at {})", facts.rate)
            };
            return Err(Error::invalid(
                field,
                format!(
                    "{approved}{at_rate} is over the cap of {} ({})",
                    cap.cap, cap.basis
                ),
            ));
        }
        lines.push(ApprovalLine {
            category,
            requested,
            approved,
            approved_base,
            cap,
        });
    }
    let total = lines
        .iter()
        .try_fold(Money::zero(currency), |sum, l| sum.checked_add(l.approved))
        .ok_or_else(|| overflow("total"))?;
    let total_base = facts
        .rate
        .convert(total, facts.base)
        .ok_or_else(|| overflow("total"))?;
    let pool = facts.policy.pool;
    let remaining_before = Money::new(
        pool.minor
            .checked_sub(facts.committed_by_others.minor)
            .ok_or_else(|| overflow("pool"))?,
        facts.base,
    );
    let remaining_after = Money::new(
        remaining_before
            .minor
            .checked_sub(total_base.minor)
            .ok_or_else(|| overflow("pool"))?,
        facts.base,
    );
    let over_pool = remaining_after.minor < 0;
    let reason = crate::fields::optional("override_reason", input.override_reason.as_deref())?;
    if over_pool && reason.is_none() {
        return Err(Error::invalid(
            "pool",
            format!(
                "approving {total_base} is over what is left of the {pool} pool ({remaining_before} left, \
                 {remaining_after} after); give an override reason to approve it anyway"
            ),
        ));
    }
    Ok(ApprovalPlan {
        request_id: request.id,
        lines,
        total,
        rate: facts.rate,
        total_base,
        pool,
        remaining_before,
        remaining_after,
        over_pool,
        // A reason is recorded only when it overrides the pool.
        override_reason: if over_pool { reason } else { None },
        accept_by: facts.accept_by,
        amendment: facts.amendment,
    })
}
