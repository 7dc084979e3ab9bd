//! Budget summaries: for a summit, what was planned, committed and spent and what is left, by
//! category and by currency, converted to the summit's base currency with the rates the user
//! recorded; each social's cost per head; spending month by month; and a year across summits.
//!
//! How amounts count:
//! - **Budget lines**, as entered. Money paid was committed, so a line counts as committed the
//!   larger of its committed and spent amounts, and what remains is planned − committed.
//! - **Shipments**, in the shipping category, with nothing planned (the shipping lines plan for
//!   them). The shipping cost is committed and spent once the parcel has left (shipped, in transit,
//!   delivered, lost or returned): carriers are paid when they take it. Customs are committed once
//!   it has left and spent once it is delivered; a lost or returned parcel owes none. Both are
//!   dated by the ship date (Roadie records no delivery date).
//! - **Travel**, in the travel category, with nothing planned (the travel lines plan for it): what
//!   the travel funding records hold, as the `travel_money` view counts it in the summit's
//!   currency at the rates recorded when each approval and payment was made — approved, accepted
//!   and booked requests commit their approved total, closed ones what they were paid; every
//!   payment is spent, dated by its payment date. The travel pool's use is reported beside it.
//! - **Conversion**: the database sums each category's amounts per source and currency (SQL
//!   `GROUP BY`); each of those sums is converted once, with the rate [`Store::rates_into`] picks,
//!   rounded half away from zero to the base currency's minor unit. A sum in a currency with no
//!   rate into the base currency stays out of the totals and is listed under `missing_rates`:
//!   never dropped silently, never guessed.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::budget::BudgetCategory;
use crate::error::{Error, Result};
use crate::gathering::GatheringStatus;
use crate::money::{Currency, Money};
use crate::rates::ExchangeRate;
use crate::store::Store;
use crate::summit::Summit;
use crate::text_enum::text_enum;
use crate::time::Zone;

text_enum!(
    /// Which records an amount comes from.
    BudgetSource("budget source") {
        Lines => "lines",
        Shipments => "shipments",
        Travel => "travel",
    }
);

text_enum!(
    /// Which of a shipment's costs.
    ShipmentCost("shipment cost") {
        Shipping => "shipping",
        Customs => "customs",
    }
);

/// Planned, committed (including what is paid), spent and remaining (planned − committed), in one
/// currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Figures {
    pub planned: Money,
    pub committed: Money,
    pub spent: Money,
    pub remaining: Money,
}

impl Figures {
    /// Nothing, in `currency`.
    pub fn zero(currency: Currency) -> Figures {
        Figures {
            planned: Money::zero(currency),
            committed: Money::zero(currency),
            spent: Money::zero(currency),
            remaining: Money::zero(currency),
        }
    }

    /// The figures of sums in minor units of `currency`; none on overflow.
    pub fn of(planned: i64, committed: i64, spent: i64, currency: Currency) -> Option<Figures> {
        Some(Figures {
            planned: Money::new(planned, currency),
            committed: Money::new(committed, currency),
            spent: Money::new(spent, currency),
            remaining: Money::new(planned.checked_sub(committed)?, currency),
        })
    }

    /// The currency of every figure.
    pub fn currency(&self) -> Currency {
        self.planned.currency
    }

    /// The sum, refusing different currencies and overflow.
    pub fn checked_add(self, other: Figures) -> Option<Figures> {
        Some(Figures {
            planned: self.planned.checked_add(other.planned)?,
            committed: self.committed.checked_add(other.committed)?,
            spent: self.spent.checked_add(other.spent)?,
            remaining: self.remaining.checked_add(other.remaining)?,
        })
    }

    /// Converted into `to` at `rate`: planned, committed and spent each converted and rounded;
    /// remaining is planned − committed of the converted figures, so they still add up.
    pub fn convert(self, rate: &ExchangeRate, to: Currency) -> Option<Figures> {
        let convert = |m: Money| rate.data.rate.convert(m, to).map(|m| m.minor);
        Figures::of(
            convert(self.planned)?,
            convert(self.committed)?,
            convert(self.spent)?,
            to,
        )
    }
}

/// The sums of one category's amounts from one source in one currency, and the same converted.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CurrencySums {
    pub category: BudgetCategory,
    pub source: BudgetSource,
    pub currency: Currency,
    /// How many budget lines, shipment costs or travel requests were summed.
    pub records: i64,
    /// In `currency`.
    pub amounts: Figures,
    /// The rate it was converted with; none when it is in the base currency already, or when no
    /// rate is recorded (then `converted` is none too).
    pub rate: Option<ExchangeRate>,
    /// In the base currency; none when it could not be converted.
    pub converted: Option<Figures>,
}

/// One category in the base currency.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CategorySummary {
    pub category: BudgetCategory,
    pub records: i64,
    /// Of the amounts that could be converted.
    pub figures: Figures,
    /// Whether every amount of the category could be converted.
    pub complete: bool,
}

/// A social's cost, in the base currency, and per expected head.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SocialCost {
    pub gathering_id: i64,
    pub title: String,
    /// Its start as a wall-clock time in `tz`, `YYYY-MM-DDTHH:MM`.
    pub start_local: String,
    pub tz: Zone,
    pub status: GatheringStatus,
    pub expected_headcount: Option<i64>,
    /// Budget lines that pay for it.
    pub lines: i64,
    /// Of the lines that could be converted.
    pub figures: Figures,
    /// Planned ÷ expected headcount, rounded; none without a headcount.
    pub planned_per_head: Option<Money>,
    /// Committed ÷ expected headcount, rounded; none without a headcount.
    pub committed_per_head: Option<Money>,
    /// Currencies of its lines that have no rate: their amounts are not in the figures.
    pub missing_rates: Vec<Currency>,
}

/// What was spent in one month (or with no date) in one category, in the base currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpendingMonth {
    /// `YYYY-MM`; none for what was spent on no recorded date.
    pub month: Option<String>,
    pub category: BudgetCategory,
    /// Each currency's sum for the month converted on its own; amounts with no rate are left out
    /// (the summary lists their currencies).
    pub spent: Money,
}

/// How much of the travel pool is used, in the summit's currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelPoolUse {
    /// The travel policy's pool; none without a policy.
    pub pool: Option<Money>,
    /// What approved, accepted and booked requests hold, and what closed ones were paid.
    pub committed: Money,
    /// What was paid.
    pub spent: Money,
    /// The pool less what is committed (negative after an override); none without a policy.
    pub remaining: Option<Money>,
    /// Requests that hold or were paid money.
    pub funded_requests: i64,
    /// What the travel budget lines plan, converted like every other sum: to compare with the pool.
    pub planned_in_lines: Money,
}

/// A summit's budget summary in its base currency.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BudgetSummary {
    pub summit: Summit,
    pub base: Currency,
    /// Of every amount that could be converted.
    pub totals: Figures,
    /// Whether every amount could be converted: if not, `missing_rates` says which currencies
    /// are left out.
    pub complete: bool,
    /// Every category, in order, with or without amounts.
    pub categories: Vec<CategorySummary>,
    /// Per category, source and currency, in that order.
    pub sums: Vec<CurrencySums>,
    /// The rates used, one per foreign currency that has one, by currency.
    pub rates: Vec<ExchangeRate>,
    /// Currencies with amounts but no rate into the base currency.
    pub missing_rates: Vec<Currency>,
    /// The summit's socials, in time order.
    pub socials: Vec<SocialCost>,
    /// The travel pool's use.
    pub travel: TravelPoolUse,
    /// By month, then category; the undated last.
    pub spending: Vec<SpendingMonth>,
}

/// One summit in a year's view, in the year's currency.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct YearSummit {
    pub summit: Summit,
    /// Of the amounts that could be converted into the year's currency.
    pub figures: Figures,
    pub complete: bool,
    /// The rates used for this summit.
    pub rates: Vec<ExchangeRate>,
    pub missing_rates: Vec<Currency>,
}

/// Every summit starting in a year, in one currency.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct YearSummary {
    pub year: i32,
    pub currency: Currency,
    /// In start order.
    pub summits: Vec<YearSummit>,
    pub categories: Vec<CategorySummary>,
    pub totals: Figures,
    pub complete: bool,
    /// Currencies left out for at least one summit.
    pub missing_rates: Vec<Currency>,
}

/// A shipment's cost or a travel request as the summary counts it: the records behind the figures
/// that do not come from budget lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BudgetEntry {
    pub source: BudgetSource,
    /// The shipment's or travel request's id.
    pub id: i64,
    pub category: BudgetCategory,
    pub description: String,
    /// The record's status, as stored ("in-transit").
    pub status: String,
    /// A shipment's ship date; a travel request's last payment.
    pub day: Option<NaiveDate>,
    /// In the record's currency, as the summary counts them.
    pub amounts: Figures,
}

/// Sums as the database grouped them.
#[derive(Clone, Debug)]
struct Group {
    category: BudgetCategory,
    source: BudgetSource,
    currency: Currency,
    gathering_id: Option<i64>,
    day: Option<NaiveDate>,
    records: i64,
    planned: i64,
    committed: i64,
    spent: i64,
}

/// Sums in minor units.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    records: i64,
    planned: i64,
    committed: i64,
    spent: i64,
}

impl Sums {
    fn add(&mut self, g: &Group) -> Result<()> {
        let add = |a: i64, b: i64| a.checked_add(b).ok_or_else(too_large);
        self.records = add(self.records, g.records)?;
        self.planned = add(self.planned, g.planned)?;
        self.committed = add(self.committed, g.committed)?;
        self.spent = add(self.spent, g.spent)?;
        Ok(())
    }

    fn figures(&self, currency: Currency) -> Result<Figures> {
        Figures::of(self.planned, self.committed, self.spent, currency).ok_or_else(too_large)
    }
}

fn too_large() -> Error {
    Error::invalid("budget", "the amounts are too large to add up")
}

/// Converts into one currency with one rate per foreign currency.
struct Converter {
    to: Currency,
    rates: BTreeMap<Currency, ExchangeRate>,
}

impl Converter {
    fn new(to: Currency, rates: Vec<ExchangeRate>) -> Converter {
        Converter {
            to,
            rates: rates.into_iter().map(|r| (r.data.from, r)).collect(),
        }
    }

    /// The rate for `from`, none for the target currency itself.
    fn rate(&self, from: Currency) -> Option<&ExchangeRate> {
        self.rates.get(&from).filter(|_| from != self.to)
    }

    fn figures(&self, f: Figures) -> Option<Figures> {
        if f.currency() == self.to {
            return Some(f);
        }
        f.convert(self.rate(f.currency())?, self.to)
    }

    fn money(&self, m: Money) -> Option<Money> {
        if m.currency == self.to {
            return Some(m);
        }
        self.rate(m.currency)?.data.rate.convert(m, self.to)
    }
}

/// A summit's sums converted: per category, source and currency, per category, and in all.
struct Converted {
    sums: Vec<CurrencySums>,
    categories: Vec<CategorySummary>,
    totals: Figures,
    complete: bool,
    rates: Vec<ExchangeRate>,
    missing_rates: Vec<Currency>,
}

fn convert_sums(groups: &[Group], converter: &Converter) -> Result<Converted> {
    let mut by_key: BTreeMap<(BudgetCategory, BudgetSource, Currency), Sums> = BTreeMap::new();
    for g in groups {
        by_key
            .entry((g.category, g.source, g.currency))
            .or_default()
            .add(g)?;
    }
    let to = converter.to;
    let mut categories: Vec<CategorySummary> = BudgetCategory::ALL
        .iter()
        .map(|&category| CategorySummary {
            category,
            records: 0,
            figures: Figures::zero(to),
            complete: true,
        })
        .collect();
    let mut sums = Vec::with_capacity(by_key.len());
    let mut used = BTreeMap::new();
    let mut missing = std::collections::BTreeSet::new();
    for ((category, source, currency), s) in by_key {
        let amounts = s.figures(currency)?;
        let converted = converter.figures(amounts);
        let rate = converter.rate(currency).cloned();
        if let Some(rate) = &rate {
            used.insert(currency, rate.clone());
        }
        let summary = categories
            .iter_mut()
            .find(|c| c.category == category)
            .ok_or_else(|| Error::invalid("category", format!("unknown category {category}")))?;
        summary.records = summary
            .records
            .checked_add(s.records)
            .ok_or_else(too_large)?;
        match converted {
            Some(c) => {
                summary.figures = summary.figures.checked_add(c).ok_or_else(too_large)?;
            }
            None => {
                summary.complete = false;
                missing.insert(currency);
            }
        }
        sums.push(CurrencySums {
            category,
            source,
            currency,
            records: s.records,
            amounts,
            rate: converted.and(rate),
            converted,
        });
    }
    let mut totals = Figures::zero(to);
    for c in &categories {
        totals = totals.checked_add(c.figures).ok_or_else(too_large)?;
    }
    Ok(Converted {
        complete: missing.is_empty(),
        sums,
        categories,
        totals,
        rates: used.into_values().collect(),
        missing_rates: missing.into_iter().collect(),
    })
}

/// `total` ÷ `heads`, rounded half away from zero; none without heads.
fn per_head(total: Money, heads: Option<i64>) -> Option<Money> {
    let heads = i128::from(heads.filter(|&h| h > 0)?);
    let minor = i128::from(total.minor);
    let rounded = (2 * minor + minor.signum() * heads) / (2 * heads);
    Some(Money::new(i64::try_from(rounded).ok()?, total.currency))
}

impl Store {
    /// A summit's budget summary in its base currency.
    pub async fn budget_summary(&self, summit_id: i64) -> Result<BudgetSummary> {
        let summit = self.summit(summit_id).await?;
        let base = summit.data.currency;
        let groups = self.budget_groups(summit_id).await?;
        let converter = Converter::new(base, self.rates_into(summit_id, base).await?);
        let converted = convert_sums(&groups, &converter)?;
        let socials = self.social_costs(summit_id, &groups, &converter).await?;
        let spending = spending(&groups, &converter)?;
        let travel = self.travel_pool_use(summit_id, &groups, &converted).await?;
        Ok(BudgetSummary {
            summit,
            base,
            totals: converted.totals,
            complete: converted.complete,
            categories: converted.categories,
            sums: converted.sums,
            rates: converted.rates,
            missing_rates: converted.missing_rates,
            socials,
            travel,
            spending,
        })
    }

    /// Every summit starting in `year`, in `currency`; by default in the base currency most of
    /// them share (the first in A–Z order on a tie). Each summit's amounts are converted with the
    /// rates [`Store::rates_into`] picks for it.
    pub async fn budget_year(&self, year: i32, currency: Option<Currency>) -> Result<YearSummary> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or_else(|| Error::invalid("year", format!("{year} is not a supported year")))?;
        let summits: Vec<Summit> = self
            .list_summits()
            .await?
            .into_iter()
            .filter(|s| s.data.start_date.year() == first.year())
            .collect();
        let currency = match currency {
            Some(c) => c,
            None => most_common_base(&summits)
                .ok_or_else(|| Error::invalid("year", format!("no summit starts in {year}")))?,
        };
        let mut rows = Vec::with_capacity(summits.len());
        let mut categories: Vec<CategorySummary> = BudgetCategory::ALL
            .iter()
            .map(|&category| CategorySummary {
                category,
                records: 0,
                figures: Figures::zero(currency),
                complete: true,
            })
            .collect();
        let mut missing = std::collections::BTreeSet::new();
        for summit in summits {
            let groups = self.budget_groups(summit.id).await?;
            let converter = Converter::new(currency, self.rates_into(summit.id, currency).await?);
            let converted = convert_sums(&groups, &converter)?;
            for (all, one) in categories.iter_mut().zip(&converted.categories) {
                all.records = all.records.checked_add(one.records).ok_or_else(too_large)?;
                all.figures = all.figures.checked_add(one.figures).ok_or_else(too_large)?;
                all.complete &= one.complete;
            }
            missing.extend(converted.missing_rates.iter().copied());
            rows.push(YearSummit {
                summit,
                figures: converted.totals,
                complete: converted.complete,
                rates: converted.rates,
                missing_rates: converted.missing_rates,
            });
        }
        let mut totals = Figures::zero(currency);
        for c in &categories {
            totals = totals.checked_add(c.figures).ok_or_else(too_large)?;
        }
        Ok(YearSummary {
            year,
            currency,
            complete: missing.is_empty(),
            summits: rows,
            categories,
            totals,
            missing_rates: missing.into_iter().collect(),
        })
    }

    /// A summit's amounts from every source, summed by the database per category, currency,
    /// gathering and day.
    async fn budget_groups(&self, summit_id: i64) -> Result<Vec<Group>> {
        let mut groups = self.budget_line_groups(summit_id).await?;
        groups.extend(self.shipment_groups(summit_id).await?);
        groups.extend(self.travel_groups(summit_id).await?);
        Ok(groups)
    }

    /// The budget lines: one query per category, run at once on the pool's connections (each
    /// on its own thread), each an ordered pass over its range of the `budget_lines_summary`
    /// index — no sort, no table lookups.
    async fn budget_line_groups(&self, summit_id: i64) -> Result<Vec<Group>> {
        let mut queries = tokio::task::JoinSet::new();
        for &category in BudgetCategory::ALL {
            let store = self.clone();
            queries.spawn(async move { store.category_line_groups(summit_id, category).await });
        }
        let mut groups = Vec::new();
        while let Some(done) = queries.join_next().await {
            let found = done.map_err(|e| {
                Error::Database(sqlx::Error::Protocol(format!(
                    "a budget query stopped: {e}"
                )))
            })??;
            groups.extend(found);
        }
        // In the categories' order, whichever query finished first.
        groups.sort_by_key(|g| g.category);
        Ok(groups)
    }

    /// One category's budget lines, summed per currency, gathering and payment date.
    async fn category_line_groups(
        &self,
        summit_id: i64,
        category: BudgetCategory,
    ) -> Result<Vec<Group>> {
        let word = category.as_str();
        let rows = sqlx::query!(
            r#"SELECT currency, gathering_id, paid_on AS "paid_on?: NaiveDate",
                      count(*) AS "records!: i64", sum(planned_minor) AS "planned!: i64",
                      sum(CASE WHEN spent_minor > committed_minor THEN spent_minor ELSE committed_minor END)
                        AS "committed!: i64",
                      sum(spent_minor) AS "spent!: i64"
               FROM budget_lines WHERE summit_id = ? AND category = ?
               GROUP BY currency, gathering_id, paid_on"#,
            summit_id,
            word
        )
        .fetch_all(&self.pool)
        .await?;
        let mut groups = Vec::with_capacity(rows.len());
        let mut last: Option<(String, Currency)> = None;
        for r in rows {
            // Rows come grouped by currency: parse each code only when it changes.
            let currency = match &last {
                Some((code, currency)) if *code == r.currency => *currency,
                _ => {
                    let currency = Currency::parse("currency", &r.currency)?;
                    last = Some((r.currency, currency));
                    currency
                }
            };
            groups.push(Group {
                category,
                source: BudgetSource::Lines,
                currency,
                gathering_id: r.gathering_id,
                day: r.paid_on,
                records: r.records,
                planned: r.planned,
                committed: r.committed,
                spent: r.spent,
            });
        }
        Ok(groups)
    }

    /// The shipments' shipping and customs costs as the `shipment_costs` view counts them (only
    /// parcels that have left), per currency and ship date.
    async fn shipment_groups(&self, summit_id: i64) -> Result<Vec<Group>> {
        let rows = sqlx::query!(
            r#"SELECT c.currency AS "currency!: String", s.ship_date AS "ship_date?: NaiveDate",
                      count(*) AS "records!: i64", sum(c.committed_minor) AS "committed!: i64",
                      sum(c.spent_minor) AS "spent!: i64"
               FROM shipment_costs c JOIN shipments s ON s.id = c.shipment_id
               WHERE c.summit_id = ?
               GROUP BY c.currency, s.ship_date"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Group {
                    category: BudgetCategory::Shipping,
                    source: BudgetSource::Shipments,
                    currency: Currency::parse("currency", &r.currency)?,
                    gathering_id: None,
                    day: r.ship_date,
                    records: r.records,
                    planned: 0,
                    committed: r.committed,
                    spent: r.spent,
                })
            })
            .collect()
    }

    /// The travel funding records: one group with what the requests commit, and what was paid per
    /// payment date (committed includes it already, so those groups commit nothing more).
    async fn travel_groups(&self, summit_id: i64) -> Result<Vec<Group>> {
        let held = sqlx::query!(
            r#"SELECT base_currency AS "currency!: String", count(*) AS "records!: i64",
                      sum(committed_base_minor) AS "committed!: i64"
               FROM travel_money
               WHERE summit_id = ? AND (committed_base_minor > 0 OR spent_base_minor > 0)
               GROUP BY base_currency"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        let paid = sqlx::query!(
            r#"SELECT s.currency AS "currency!: String", p.paid_on AS "paid_on!: NaiveDate",
                      sum(p.base_minor) AS "spent!: i64"
               FROM travel_payments p JOIN travel_requests r ON r.id = p.request_id
               JOIN summits s ON s.id = r.summit_id
               WHERE r.summit_id = ? GROUP BY s.currency, p.paid_on"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        let group = |currency: &str, day, records, committed, spent| -> Result<Group> {
            Ok(Group {
                category: BudgetCategory::Travel,
                source: BudgetSource::Travel,
                currency: Currency::parse("currency", currency)?,
                gathering_id: None,
                day,
                records,
                planned: 0,
                committed,
                spent,
            })
        };
        let mut groups = Vec::with_capacity(held.len() + paid.len());
        for h in held {
            groups.push(group(&h.currency, None, h.records, h.committed, 0)?);
        }
        for p in paid {
            groups.push(group(&p.currency, Some(p.paid_on), 0, 0, p.spent)?);
        }
        Ok(groups)
    }

    /// The travel pool against what the travel funding records commit and spend.
    async fn travel_pool_use(
        &self,
        summit_id: i64,
        groups: &[Group],
        converted: &Converted,
    ) -> Result<TravelPoolUse> {
        let money = self.travel_money(summit_id).await?;
        let funded_requests = groups
            .iter()
            .filter(|g| g.source == BudgetSource::Travel)
            .map(|g| g.records)
            .sum();
        let mut planned_in_lines = Money::zero(converted.totals.currency());
        for sum in converted
            .sums
            .iter()
            .filter(|s| s.category == BudgetCategory::Travel && s.source == BudgetSource::Lines)
        {
            if let Some(c) = sum.converted {
                planned_in_lines = planned_in_lines
                    .checked_add(c.planned)
                    .ok_or_else(too_large)?;
            }
        }
        Ok(TravelPoolUse {
            pool: money.pool,
            committed: money.committed,
            spent: money.spent,
            remaining: money.remaining,
            funded_requests,
            planned_in_lines,
        })
    }

    /// The records behind the figures that do not come from budget lines: each shipment cost that
    /// counts (the `shipment_costs` view), in shipment order, shipping before customs; then each
    /// travel request that holds or was paid money, in the summit's currency, dated by its last
    /// payment.
    pub async fn budget_entries(&self, summit_id: i64) -> Result<Vec<BudgetEntry>> {
        let rows = sqlx::query!(
            r#"SELECT s.id, c.cost AS "cost!: String", c.currency AS "currency!: String",
                      c.committed_minor AS "committed!: i64", c.spent_minor AS "spent!: i64",
                      s.origin, s.status, s.ship_date AS "ship_date?: NaiveDate", s.carrier,
                      s.tracking_number, s.destination_address, g.title AS "gathering?: String"
               FROM shipment_costs c JOIN shipments s ON s.id = c.shipment_id
               LEFT JOIN gatherings g ON g.id = s.gathering_id
               WHERE c.summit_id = ?
               ORDER BY s.id, c.cost DESC"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        let mut entries = Vec::new();
        for r in rows {
            let to = r
                .gathering
                .or(r.destination_address)
                .unwrap_or_else(|| "the summit".to_owned());
            let via = match (r.carrier, r.tracking_number) {
                (Some(c), Some(t)) => format!(" ({c} {t})"),
                (Some(c), None) => format!(" ({c})"),
                (None, Some(t)) => format!(" ({t})"),
                (None, None) => String::new(),
            };
            let what = match ShipmentCost::parse("cost", &r.cost)? {
                ShipmentCost::Shipping => "Shipping",
                ShipmentCost::Customs => "Customs",
            };
            let currency = Currency::parse("currency", &r.currency)?;
            entries.push(BudgetEntry {
                source: BudgetSource::Shipments,
                id: r.id,
                category: BudgetCategory::Shipping,
                description: format!("{what}: {} to {to}{via}", r.origin),
                status: r.status,
                day: r.ship_date,
                amounts: Figures::of(0, r.committed, r.spent, currency).ok_or_else(too_large)?,
            });
        }
        let requests = sqlx::query!(
            r#"SELECT m.request_id AS "id!: i64", m.status, m.base_currency AS "currency!: String",
                      m.committed_base_minor AS "committed!: i64", m.spent_base_minor AS "spent!: i64",
                      sp.name AS "speaker!: String",
                      (SELECT max(p.paid_on) FROM travel_payments p WHERE p.request_id = m.request_id)
                        AS "last_paid?: NaiveDate"
               FROM travel_money m JOIN speakers sp ON sp.id = m.speaker_id
               WHERE m.summit_id = ? AND (m.committed_base_minor > 0 OR m.spent_base_minor > 0)
               ORDER BY m.request_id"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        for r in requests {
            let currency = Currency::parse("currency", &r.currency)?;
            entries.push(BudgetEntry {
                source: BudgetSource::Travel,
                id: r.id,
                category: BudgetCategory::Travel,
                description: format!("Travel funding for {}", r.speaker),
                status: r.status,
                day: r.last_paid,
                amounts: Figures::of(0, r.committed, r.spent, currency).ok_or_else(too_large)?,
            });
        }
        Ok(entries)
    }

    /// The cost of each of a summit's socials from the budget lines that pay for it.
    async fn social_costs(
        &self,
        summit_id: i64,
        groups: &[Group],
        converter: &Converter,
    ) -> Result<Vec<SocialCost>> {
        let mut by_social: BTreeMap<i64, BTreeMap<Currency, Sums>> = BTreeMap::new();
        for g in groups.iter().filter(|g| g.source == BudgetSource::Lines) {
            if let Some(id) = g.gathering_id {
                by_social
                    .entry(id)
                    .or_default()
                    .entry(g.currency)
                    .or_default()
                    .add(g)?;
            }
        }
        let rows = sqlx::query!(
            r#"SELECT id AS "id!", title, starts_at, tz, status, expected_headcount FROM gatherings
               WHERE summit_id = ? AND kind = 'social' ORDER BY starts_at, id"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        let to = converter.to;
        rows.into_iter()
            .map(|r| {
                let tz = Zone::parse("tz", &r.tz)?;
                let start = DateTime::<Utc>::from_timestamp(r.starts_at, 0)
                    .ok_or_else(|| Error::invalid("start", "outside the supported time range"))?;
                let mut figures = Figures::zero(to);
                let mut lines = 0i64;
                let mut missing_rates = Vec::new();
                for (currency, s) in by_social.get(&r.id).into_iter().flatten() {
                    lines = lines.checked_add(s.records).ok_or_else(too_large)?;
                    match converter.figures(s.figures(*currency)?) {
                        Some(c) => figures = figures.checked_add(c).ok_or_else(too_large)?,
                        None => missing_rates.push(*currency),
                    }
                }
                Ok(SocialCost {
                    gathering_id: r.id,
                    title: r.title,
                    start_local: tz
                        .local(start)
                        .format(crate::forms::LOCAL_FORMAT)
                        .to_string(),
                    tz,
                    status: GatheringStatus::parse("status", &r.status)?,
                    expected_headcount: r.expected_headcount,
                    lines,
                    planned_per_head: per_head(figures.planned, r.expected_headcount),
                    committed_per_head: per_head(figures.committed, r.expected_headcount),
                    figures,
                    missing_rates,
                })
            })
            .collect()
    }
}

/// What was spent per month and category, each month's sum per currency converted on its own.
fn spending(groups: &[Group], converter: &Converter) -> Result<Vec<SpendingMonth>> {
    let mut by_month: BTreeMap<(Option<String>, BudgetCategory, Currency), i64> = BTreeMap::new();
    for g in groups.iter().filter(|g| g.spent != 0) {
        let month = g.day.map(|d| d.format("%Y-%m").to_string());
        let sum = by_month.entry((month, g.category, g.currency)).or_default();
        *sum = sum.checked_add(g.spent).ok_or_else(too_large)?;
    }
    let mut out: BTreeMap<(Option<String>, BudgetCategory), Money> = BTreeMap::new();
    for ((month, category, currency), spent) in by_month {
        if let Some(converted) = converter.money(Money::new(spent, currency)) {
            let sum = out
                .entry((month, category))
                .or_insert(Money::zero(converter.to));
            *sum = sum.checked_add(converted).ok_or_else(too_large)?;
        }
    }
    let mut months: Vec<SpendingMonth> = out
        .into_iter()
        .map(|((month, category), spent)| SpendingMonth {
            month,
            category,
            spent,
        })
        .collect();
    // Dated months in order, then what has no date.
    months.sort_by(|a, b| {
        (a.month.is_none(), &a.month, a.category).cmp(&(b.month.is_none(), &b.month, b.category))
    });
    Ok(months)
}

/// The base currency most of `summits` share, the first in A–Z order on a tie.
fn most_common_base(summits: &[Summit]) -> Option<Currency> {
    let mut counts: BTreeMap<Currency, usize> = BTreeMap::new();
    for s in summits {
        *counts.entry(s.data.currency).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse("c", code).unwrap()
    }

    #[test]
    fn per_head_rounds_half_away_from_zero() {
        let eur = cur("EUR");
        assert_eq!(
            per_head(Money::new(100_000, eur), Some(3)),
            Some(Money::new(33_333, eur))
        );
        assert_eq!(
            per_head(Money::new(5, eur), Some(2)),
            Some(Money::new(3, eur))
        );
        assert_eq!(
            per_head(Money::new(-5, eur), Some(2)),
            Some(Money::new(-3, eur))
        );
        assert_eq!(per_head(Money::new(5, eur), Some(0)), None);
        assert_eq!(per_head(Money::new(5, eur), None), None);
    }
}
