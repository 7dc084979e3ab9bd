//! Summits: the main events, each with its zone, dates, base currency and total budget.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::money::{Currency, Money};
use crate::store::{Store, is_unique_violation};
use crate::time::Zone;

/// What a summit is; the input to create or update one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SummitData {
    pub name: String,
    pub slug: String,
    pub city: Option<String>,
    pub venue: Option<String>,
    pub tz: Zone,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The base currency every amount is summarised in.
    pub currency: Currency,
    /// The total budget, in the base currency.
    pub budget: Option<Money>,
}

impl SummitData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<SummitData> {
        if self.end_date < self.start_date {
            return Err(Error::invalid(
                "end",
                format!(
                    "{} is before the start date {}",
                    self.end_date, self.start_date
                ),
            ));
        }
        if let Some(budget) = self.budget {
            budget.non_negative("budget")?;
            if budget.currency != self.currency {
                return Err(Error::invalid(
                    "budget",
                    format!(
                        "must be in the summit's currency {}, got {}",
                        self.currency, budget.currency
                    ),
                ));
            }
        }
        Ok(SummitData {
            name: fields::required("name", &self.name)?,
            slug: fields::slug("slug", &self.slug)?,
            city: fields::optional("city", self.city.as_deref())?,
            venue: fields::optional("venue", self.venue.as_deref())?,
            ..self.clone()
        })
    }
}

/// A stored summit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Summit {
    pub id: i64,
    #[serde(flatten)]
    pub data: SummitData,
}

struct SummitRow {
    id: i64,
    name: String,
    slug: String,
    city: Option<String>,
    venue: Option<String>,
    tz: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    currency: String,
    budget_minor: Option<i64>,
}

impl TryFrom<SummitRow> for Summit {
    type Error = Error;
    fn try_from(row: SummitRow) -> Result<Summit> {
        let currency = Currency::parse("currency", &row.currency)?;
        Ok(Summit {
            id: row.id,
            data: SummitData {
                name: row.name,
                slug: row.slug,
                city: row.city,
                venue: row.venue,
                tz: Zone::parse("tz", &row.tz)?,
                start_date: row.start_date,
                end_date: row.end_date,
                currency,
                budget: row.budget_minor.map(|m| Money::new(m, currency)),
            },
        })
    }
}

fn slug_taken(slug: &str) -> impl Fn(sqlx::Error) -> Error + '_ {
    move |e| {
        if is_unique_violation(&e) {
            Error::invalid(
                "slug",
                format!("a summit with slug {slug:?} already exists"),
            )
        } else {
            e.into()
        }
    }
}

/// Inserts one validated summit on `conn`.
pub(crate) async fn insert(conn: &mut SqliteConnection, data: &SummitData) -> Result<i64> {
    let (tz, currency, budget) = (
        data.tz.name(),
        data.currency.code(),
        data.budget.map(|b| b.minor),
    );
    sqlx::query_scalar!(
            "INSERT INTO summits (slug, name, city, venue, tz, start_date, end_date, currency, budget_minor)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS \"id!\"",
            data.slug, data.name, data.city, data.venue, tz, data.start_date, data.end_date, currency, budget
        )
        .fetch_one(&mut *conn)
        .await
        .map_err(slug_taken(&data.slug))
}

impl Store {
    /// Creates a summit.
    pub async fn create_summit(&self, data: &SummitData) -> Result<Summit> {
        let data = data.validated()?;
        let id = insert(&mut *self.pool.acquire().await?, &data).await?;
        Ok(Summit { id, data })
    }

    /// Replaces a summit's data.
    pub async fn update_summit(&self, id: i64, data: &SummitData) -> Result<Summit> {
        let data = data.validated()?;
        let (tz, currency, budget) = (
            data.tz.name(),
            data.currency.code(),
            data.budget.map(|b| b.minor),
        );
        let done = sqlx::query!(
            "UPDATE summits SET slug = ?, name = ?, city = ?, venue = ?, tz = ?, start_date = ?, end_date = ?,
             currency = ?, budget_minor = ? WHERE id = ?",
            data.slug, data.name, data.city, data.venue, tz, data.start_date, data.end_date, currency, budget, id
        )
        .execute(&self.pool)
        .await
        .map_err(slug_taken(&data.slug))?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("summit", id));
        }
        Ok(Summit { id, data })
    }

    /// The summit with this id.
    pub async fn summit(&self, id: i64) -> Result<Summit> {
        sqlx::query_as!(
            SummitRow,
            r#"SELECT id AS "id!", name, slug, city, venue, tz, start_date AS "start_date: NaiveDate",
               end_date AS "end_date: NaiveDate", currency, budget_minor FROM summits WHERE id = ?"#,
            id
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found("summit", id))?
        .try_into()
    }

    /// The summit with this slug.
    pub async fn summit_by_slug(&self, slug: &str) -> Result<Summit> {
        sqlx::query_as!(
            SummitRow,
            r#"SELECT id AS "id!", name, slug, city, venue, tz, start_date AS "start_date: NaiveDate",
               end_date AS "end_date: NaiveDate", currency, budget_minor FROM summits WHERE slug = ?"#,
            slug
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::invalid("summit", format!("no summit with slug {slug:?}")))?
        .try_into()
    }

    /// Every summit, soonest first.
    pub async fn list_summits(&self) -> Result<Vec<Summit>> {
        sqlx::query_as!(
            SummitRow,
            r#"SELECT id AS "id!", name, slug, city, venue, tz, start_date AS "start_date: NaiveDate",
               end_date AS "end_date: NaiveDate", currency, budget_minor FROM summits
               ORDER BY start_date, slug"#
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(Summit::try_from)
        .collect()
    }
}
