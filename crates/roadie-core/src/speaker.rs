//! Speakers and the talks (session gatherings) they give.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::store::{
    Store, batch_ids, batch_json, is_foreign_key_violation, is_unique_violation, only,
};

/// Who a speaker is; the input to create or update one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpeakerData {
    pub name: String,
    pub email: Option<String>,
    pub organisation: Option<String>,
    pub home_city: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. `DE`.
    pub country: Option<String>,
    /// Speaking at one of our summits for the first time.
    #[serde(default)]
    pub first_time: bool,
}

impl SpeakerData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<SpeakerData> {
        Ok(SpeakerData {
            name: fields::required("name", &self.name)?,
            email: fields::email("email", self.email.as_deref())?,
            organisation: fields::optional("organisation", self.organisation.as_deref())?,
            home_city: fields::optional("home_city", self.home_city.as_deref())?,
            country: country("country", self.country.as_deref())?,
            first_time: self.first_time,
        })
    }
}

/// A two-letter country code, upper-cased.
fn country(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(code) = fields::optional(field, text)? else {
        return Ok(None);
    };
    if code.len() != 2 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(Error::invalid(
            field,
            format!("{code:?} is not a two-letter country code such as DE"),
        ));
    }
    Ok(Some(code.to_ascii_uppercase()))
}

/// A stored speaker with the ids of their talks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Speaker {
    pub id: i64,
    #[serde(flatten)]
    pub data: SpeakerData,
    pub talk_ids: Vec<i64>,
}

/// Which speakers to list.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SpeakerFilter {
    /// Only those giving a talk at this summit.
    pub summit_id: Option<i64>,
    /// Only those whose name or organisation contains this text (case-insensitive).
    pub search: Option<String>,
}

struct SpeakerRow {
    id: i64,
    name: String,
    email: Option<String>,
    organisation: Option<String>,
    home_city: Option<String>,
    country: Option<String>,
    first_time: i64,
    talks: Option<String>,
}

impl TryFrom<SpeakerRow> for Speaker {
    type Error = Error;
    fn try_from(row: SpeakerRow) -> Result<Speaker> {
        let talk_ids = row
            .talks
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<i64>()
                    .map_err(|_| Error::invalid("talks", format!("bad talk id {s:?}")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Speaker {
            id: row.id,
            data: SpeakerData {
                name: row.name,
                email: row.email,
                organisation: row.organisation,
                home_city: row.home_city,
                country: row.country,
                first_time: row.first_time != 0,
            },
            talk_ids,
        })
    }
}

/// Inserts validated speakers on `conn` with one statement and returns their ids, in order.
pub(crate) async fn insert_many(
    conn: &mut SqliteConnection,
    items: &[SpeakerData],
) -> Result<Vec<i64>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<_> = items
        .iter()
        .map(|d| {
            (
                &d.name,
                &d.email,
                &d.organisation,
                &d.home_city,
                &d.country,
                d.first_time,
            )
        })
        .collect();
    let json = batch_json(&rows)?;
    let done = sqlx::query!(
        "INSERT INTO speakers (id, name, email, organisation, home_city, country, first_time)
         SELECT (SELECT coalesce(max(id), 0) FROM speakers) + 1 + key, value ->> 0, value ->> 1, value ->> 2,
                value ->> 3, value ->> 4, value ->> 5
         FROM json_each(?) ORDER BY key",
        json
    )
    .execute(&mut *conn)
    .await?;
    Ok(batch_ids(done, items.len())?.collect())
}

/// Links speakers to talks, `(speaker_id, gathering_id)` pairs, on `conn` with one statement.
pub(crate) async fn insert_talks(conn: &mut SqliteConnection, links: &[(i64, i64)]) -> Result<()> {
    if links.is_empty() {
        return Ok(());
    }
    let json = batch_json(links)?;
    sqlx::query!(
        "INSERT INTO speaker_talks (speaker_id, gathering_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)",
        json
    )
    .execute(&mut *conn)
    .await
    .map_err(|e| {
        if is_foreign_key_violation(&e) {
            Error::invalid("speaker", "no such speaker")
        } else if is_unique_violation(&e) {
            Error::invalid("talk", "the speaker already gives this talk")
        } else {
            e.into()
        }
    })?;
    Ok(())
}

impl Store {
    /// Adds a speaker.
    pub async fn add_speaker(&self, data: &SpeakerData) -> Result<Speaker> {
        let data = data.validated()?;
        let id = only(
            insert_many(
                &mut *self.pool.acquire().await?,
                std::slice::from_ref(&data),
            )
            .await?,
        )?;
        Ok(Speaker {
            id,
            data,
            talk_ids: Vec::new(),
        })
    }

    /// Replaces a speaker's data (their talks stay).
    pub async fn update_speaker(&self, id: i64, data: &SpeakerData) -> Result<Speaker> {
        let data = data.validated()?;
        let done = sqlx::query!(
            "UPDATE speakers SET name = ?, email = ?, organisation = ?, home_city = ?, country = ?, first_time = ?
             WHERE id = ?",
            data.name, data.email, data.organisation, data.home_city, data.country, data.first_time, id
        )
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("speaker", id));
        }
        self.speaker(id).await
    }

    /// The speaker with this id.
    pub async fn speaker(&self, id: i64) -> Result<Speaker> {
        sqlx::query_as!(
            SpeakerRow,
            r#"SELECT s.id, s.name, s.email, s.organisation, s.home_city, s.country, s.first_time,
               (SELECT group_concat(gathering_id) FROM speaker_talks WHERE speaker_id = s.id) AS "talks: String"
               FROM speakers s WHERE s.id = ?"#,
            id
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found("speaker", id))?
        .try_into()
    }

    /// Speakers matching `filter`, by name.
    pub async fn list_speakers(&self, filter: &SpeakerFilter) -> Result<Vec<Speaker>> {
        let search = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase);
        sqlx::query_as!(
            SpeakerRow,
            r#"SELECT s.id, s.name, s.email, s.organisation, s.home_city, s.country, s.first_time,
               (SELECT group_concat(gathering_id) FROM speaker_talks WHERE speaker_id = s.id) AS "talks: String"
               FROM speakers s
               WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM speaker_talks t JOIN gatherings g ON g.id = t.gathering_id
                                            WHERE t.speaker_id = s.id AND g.summit_id = ?1))
               ORDER BY s.name, s.id"#,
            filter.summit_id
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        // The search runs here: SQLite's lower() folds ASCII letters only, so "émile" missed "Émile".
        .filter(|row| {
            let found = |text: &str| search.as_deref().is_none_or(|q| text.to_lowercase().contains(q));
            found(&row.name) || row.organisation.as_deref().is_some_and(found)
        })
        .map(Speaker::try_from)
        .collect()
    }

    /// Records that a speaker gives a talk (a session gathering).
    pub async fn link_talk(&self, speaker_id: i64, gathering_id: i64) -> Result<()> {
        let kind = sqlx::query_scalar!("SELECT kind FROM gatherings WHERE id = ?", gathering_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| {
                Error::invalid("talk", format!("no gathering with id {gathering_id}"))
            })?;
        if kind != "session" {
            return Err(Error::invalid(
                "talk",
                format!("gathering {gathering_id} is a {kind}, not a session"),
            ));
        }
        insert_talks(
            &mut *self.pool.acquire().await?,
            &[(speaker_id, gathering_id)],
        )
        .await
    }
}
