//! Budget lines: what a summit plans, commits and spends, per category, in any currency.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::money::{Currency, Money};
use crate::store::{Store, batch_ids, batch_json, is_foreign_key_violation, only};
use crate::text_enum::text_enum;

text_enum!(
    /// What a budget line is for.
    BudgetCategory("budget category") {
        Socials => "socials",
        Swag => "swag",
        Shipping => "shipping",
        Travel => "travel",
        Other => "other",
    }
);

impl BudgetCategory {
    /// The category as a heading: "Socials", "Shipping".
    pub fn label(self) -> &'static str {
        match self {
            BudgetCategory::Socials => "Socials",
            BudgetCategory::Swag => "Swag",
            BudgetCategory::Shipping => "Shipping",
            BudgetCategory::Travel => "Travel",
            BudgetCategory::Other => "Other",
        }
    }
}

/// What a budget line is; the input to create or update one. Its three amounts share a currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BudgetLineData {
    pub summit_id: i64,
    pub category: BudgetCategory,
    pub description: String,
    pub planned: Money,
    /// Approved, ordered or booked.
    pub committed: Money,
    /// Paid.
    pub spent: Money,
    /// The gathering it pays for, e.g. a social's venue.
    pub gathering_id: Option<i64>,
    /// When it was paid (the last payment if there were several), for spending over time.
    #[serde(default)]
    pub paid_on: Option<NaiveDate>,
}

impl BudgetLineData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<BudgetLineData> {
        for (field, amount) in [
            ("planned", self.planned),
            ("committed", self.committed),
            ("spent", self.spent),
        ] {
            amount.non_negative(field)?;
            if amount.currency != self.planned.currency {
                return Err(Error::invalid(
                    field,
                    format!(
                        "is in {} but the line is in {}",
                        amount.currency, self.planned.currency
                    ),
                ));
            }
        }
        if let Some(day) = self.paid_on
            && self.spent.minor == 0
        {
            return Err(Error::invalid(
                "paid_on",
                format!("is {day} but nothing is spent: enter the amount paid under spent"),
            ));
        }
        Ok(BudgetLineData {
            description: fields::required("description", &self.description)?,
            ..self.clone()
        })
    }

    /// The line's currency.
    pub fn currency(&self) -> Currency {
        self.planned.currency
    }
}

/// A stored budget line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BudgetLine {
    pub id: i64,
    #[serde(flatten)]
    pub data: BudgetLineData,
}

/// Which budget lines to list.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct BudgetFilter {
    pub summit_id: Option<i64>,
    pub category: Option<BudgetCategory>,
    /// Only the lines that pay for this gathering.
    pub gathering_id: Option<i64>,
}

struct BudgetRow {
    id: i64,
    summit_id: i64,
    category: String,
    description: String,
    currency: String,
    planned_minor: i64,
    committed_minor: i64,
    spent_minor: i64,
    gathering_id: Option<i64>,
    paid_on: Option<NaiveDate>,
}

impl TryFrom<BudgetRow> for BudgetLine {
    type Error = Error;
    fn try_from(row: BudgetRow) -> Result<BudgetLine> {
        let currency = Currency::parse("currency", &row.currency)?;
        Ok(BudgetLine {
            id: row.id,
            data: BudgetLineData {
                summit_id: row.summit_id,
                category: BudgetCategory::parse("category", &row.category)?,
                description: row.description,
                planned: Money::new(row.planned_minor, currency),
                committed: Money::new(row.committed_minor, currency),
                spent: Money::new(row.spent_minor, currency),
                gathering_id: row.gathering_id,
                paid_on: row.paid_on,
            },
        })
    }
}

fn refused(e: sqlx::Error) -> Error {
    if is_foreign_key_violation(&e) {
        Error::invalid("summit", "no such summit or gathering")
    } else {
        e.into()
    }
}

/// Inserts validated budget lines on `conn` with one statement and returns their ids, in order.
pub(crate) async fn insert_many(
    conn: &mut SqliteConnection,
    items: &[BudgetLineData],
) -> Result<Vec<i64>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<_> = items
        .iter()
        .map(|d| {
            (
                d.summit_id,
                d.category.as_str(),
                &d.description,
                d.currency().code(),
                d.planned.minor,
                d.committed.minor,
                d.spent.minor,
                d.gathering_id,
                d.paid_on.map(|day| day.format("%F").to_string()),
            )
        })
        .collect();
    let json = batch_json(&rows)?;
    let done = sqlx::query!(
        "INSERT INTO budget_lines (id, summit_id, category, description, currency, planned_minor, committed_minor,
         spent_minor, gathering_id, paid_on)
         SELECT (SELECT coalesce(max(id), 0) FROM budget_lines) + 1 + key, value ->> 0, value ->> 1, value ->> 2,
                value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
         FROM json_each(?) ORDER BY key",
        json
    )
    .execute(&mut *conn)
    .await
    .map_err(refused)?;
    Ok(batch_ids(done, items.len())?.collect())
}

impl Store {
    /// Adds a budget line.
    pub async fn add_budget_line(&self, data: &BudgetLineData) -> Result<BudgetLine> {
        let data = data.validated()?;
        let mut conn = self.pool.acquire().await?;
        let id = only(insert_many(&mut conn, std::slice::from_ref(&data)).await?)?;
        Ok(BudgetLine { id, data })
    }

    /// Adds many budget lines in one transaction: all of them, or none if any is invalid.
    pub async fn add_budget_lines(&self, lines: &[BudgetLineData]) -> Result<Vec<i64>> {
        let valid = lines
            .iter()
            .map(BudgetLineData::validated)
            .collect::<Result<Vec<_>>>()?;
        let mut tx = self.write().await?;
        let ids = insert_many(&mut tx, &valid).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Replaces a budget line's data.
    pub async fn update_budget_line(&self, id: i64, data: &BudgetLineData) -> Result<BudgetLine> {
        let data = data.validated()?;
        let (category, currency) = (data.category.as_str(), data.currency().code());
        let done = sqlx::query!(
            "UPDATE budget_lines SET summit_id = ?, category = ?, description = ?, currency = ?, planned_minor = ?,
             committed_minor = ?, spent_minor = ?, gathering_id = ?, paid_on = ? WHERE id = ?",
            data.summit_id, category, data.description, currency, data.planned.minor, data.committed.minor,
            data.spent.minor, data.gathering_id, data.paid_on, id
        )
        .execute(&self.pool)
        .await
        .map_err(refused)?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("budget line", id));
        }
        Ok(BudgetLine { id, data })
    }

    /// The budget line with this id.
    pub async fn budget_line(&self, id: i64) -> Result<BudgetLine> {
        sqlx::query_as!(
            BudgetRow,
            r#"SELECT id, summit_id, category, description, currency, planned_minor,
                committed_minor, spent_minor, gathering_id, paid_on AS "paid_on: NaiveDate"
                FROM budget_lines WHERE id = ?"#,
            id
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found("budget line", id))?
        .try_into()
    }

    /// Budget lines matching `filter`, by category then id.
    pub async fn list_budget_lines(&self, filter: &BudgetFilter) -> Result<Vec<BudgetLine>> {
        let category = filter.category.map(BudgetCategory::as_str);
        sqlx::query_as!(
            BudgetRow,
            r#"SELECT id, summit_id, category, description, currency, planned_minor, committed_minor, spent_minor,
               gathering_id, paid_on AS "paid_on: NaiveDate"
               FROM budget_lines WHERE (?1 IS NULL OR summit_id = ?1) AND (?2 IS NULL OR category = ?2)
                 AND (?3 IS NULL OR gathering_id = ?3)
               ORDER BY category, id"#,
            filter.summit_id, category, filter.gathering_id
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(BudgetLine::try_from)
        .collect()
    }
}
