//! Organisers: the people who review and decide travel funding. Every decision names one (the
//! app's "acting as" choice, the CLI's `--actor`). An organiser who also speaks is linked to their
//! speaker profile, so they cannot decide on their own request.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::audit::{self, AuditRecord};
use crate::error::{Error, Result};
use crate::fields;
use crate::store::{Store, is_foreign_key_violation, is_unique_violation};

/// Who an organiser is; the input to add one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrganiserData {
    pub name: String,
    pub email: Option<String>,
    /// Their speaker profile, when they also speak.
    pub speaker_id: Option<i64>,
}

impl OrganiserData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<OrganiserData> {
        Ok(OrganiserData {
            name: fields::required("name", &self.name)?,
            email: fields::email("email", self.email.as_deref())?,
            speaker_id: self.speaker_id,
        })
    }
}

/// A stored organiser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Organiser {
    pub id: i64,
    #[serde(flatten)]
    pub data: OrganiserData,
}

struct OrganiserRow {
    id: i64,
    name: String,
    email: Option<String>,
    speaker_id: Option<i64>,
}

impl From<OrganiserRow> for Organiser {
    fn from(r: OrganiserRow) -> Self {
        Organiser {
            id: r.id,
            data: OrganiserData {
                name: r.name,
                email: r.email,
                speaker_id: r.speaker_id,
            },
        }
    }
}

/// The organiser called `name` (case-insensitive), read on `conn`; `field` names the input.
pub(crate) async fn by_name(
    conn: &mut SqliteConnection,
    field: &str,
    name: &str,
) -> Result<Organiser> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            field,
            "name the organiser acting (e.g. --actor \"Ada Lovelace\")",
        ));
    }
    sqlx::query_as!(
        OrganiserRow,
        r#"SELECT id AS "id!", name, email, speaker_id FROM organisers WHERE name = ? COLLATE NOCASE"#,
        name
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(Organiser::from)
    .ok_or_else(|| {
        Error::invalid(
            field,
            format!("no organiser called {name:?} (add one with `roadie organiser add`)"),
        )
    })
}

/// Inserts a validated organiser on `conn` and records it in the audit log; returns its id.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    data: &OrganiserData,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO organisers (name, email, speaker_id) VALUES (?, ?, ?) RETURNING id AS "id!""#,
        data.name,
        data.email,
        data.speaker_id
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            Error::invalid(
                "name",
                format!("there is already an organiser called {:?} (or linked to that speaker)", data.name),
            )
        } else if is_foreign_key_violation(&e) {
            Error::invalid("speaker", "no such speaker")
        } else {
            e.into()
        }
    })?;
    audit::append(
        conn,
        AuditRecord {
            actor: data.name.clone(),
            at,
            entity: "organiser",
            entity_id: id,
            action: "organiser-add".into(),
            details: Some(serde_json::json!({
                "name": data.name,
                "speaker_id": data.speaker_id,
            })),
            ..AuditRecord::default()
        },
    )
    .await?;
    Ok(id)
}

impl Store {
    /// Adds an organiser at `at` (recorded in the audit log).
    pub async fn add_organiser(
        &self,
        data: &OrganiserData,
        at: DateTime<Utc>,
    ) -> Result<Organiser> {
        let data = data.validated()?;
        let mut tx = self.write().await?;
        let id = insert(&mut tx, &data, at).await?;
        tx.commit().await?;
        Ok(Organiser { id, data })
    }

    /// Every organiser, by name.
    pub async fn list_organisers(&self) -> Result<Vec<Organiser>> {
        let rows = sqlx::query_as!(
            OrganiserRow,
            r#"SELECT id AS "id!", name, email, speaker_id FROM organisers ORDER BY name COLLATE NOCASE"#
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Organiser::from).collect())
    }

    /// The organiser called `name` (case-insensitive).
    pub async fn organiser_by_name(&self, name: &str) -> Result<Organiser> {
        by_name(&mut *self.pool.acquire().await?, "actor", name).await
    }
}
