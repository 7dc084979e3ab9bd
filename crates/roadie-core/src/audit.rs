//! The audit log: an append-only record of every decision (who, when in UTC, what, the state
//! before and after, amounts, why). Rows are written in the same transaction as the decision they
//! record; SQLite triggers refuse UPDATE and DELETE; each row carries the SHA-256 of its content
//! and of the previous row's hash, so [`Store::verify_audit`] finds a row changed or removed behind
//! the triggers' back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::store::Store;

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One decision to record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditRecord {
    /// The organiser's name.
    pub actor: String,
    pub at: DateTime<Utc>,
    /// What the decision is about, e.g. `travel_request`.
    pub entity: &'static str,
    pub entity_id: i64,
    /// What was decided, e.g. `approve`.
    pub action: String,
    pub state_before: Option<String>,
    pub state_after: Option<String>,
    /// The decision's total.
    pub amount: Option<Money>,
    /// A JSON object with the particulars (amounts per category, the rate...).
    pub details: Option<serde_json::Value>,
    pub reason: Option<String>,
}

/// A stored audit row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub state_before: Option<String>,
    pub state_after: Option<String>,
    pub amount: Option<Money>,
    /// A JSON object with the particulars, as text.
    pub details: Option<String>,
    pub reason: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// A row where the chain is broken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditBreak {
    pub id: i64,
    pub problem: String,
}

/// What [`Store::verify_audit`] found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditReport {
    /// Rows checked.
    pub rows: i64,
    /// The hash of the last row (what an auditor notes down to detect a truncated log later).
    pub head: String,
    pub breaks: Vec<AuditBreak>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.breaks.is_empty()
    }
}

struct Row {
    id: i64,
    at: i64,
    actor: String,
    entity: String,
    entity_id: i64,
    action: String,
    state_before: Option<String>,
    state_after: Option<String>,
    amount_minor: Option<i64>,
    currency: Option<String>,
    details: Option<String>,
    reason: Option<String>,
    prev_hash: String,
    hash: String,
}

impl Row {
    /// The row's hash: SHA-256 over a JSON array of every column but `hash`, in order.
    fn digest(&self) -> String {
        let content = serde_json::json!([
            self.id,
            self.at,
            self.actor,
            self.entity,
            self.entity_id,
            self.action,
            self.state_before,
            self.state_after,
            self.amount_minor,
            self.currency,
            self.details,
            self.reason,
            self.prev_hash,
        ]);
        sha256_hex(content.to_string().as_bytes())
    }
}

/// The lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Appends `record` to the log on `conn`, which must be inside the decision's transaction.
pub(crate) async fn append(conn: &mut SqliteConnection, record: AuditRecord) -> Result<i64> {
    let last = sqlx::query!(r#"SELECT id AS "id!", hash FROM audit_log ORDER BY id DESC LIMIT 1"#)
        .fetch_optional(&mut *conn)
        .await?;
    let (id, prev_hash) = match last {
        Some(last) => (last.id + 1, last.hash),
        None => (1, GENESIS.to_owned()),
    };
    let mut row = Row {
        id,
        at: record.at.timestamp(),
        actor: record.actor,
        entity: record.entity.to_owned(),
        entity_id: record.entity_id,
        action: record.action,
        state_before: record.state_before,
        state_after: record.state_after,
        amount_minor: record.amount.map(|m| m.minor),
        currency: record.amount.map(|m| m.currency.code().to_owned()),
        details: record.details.map(|d| d.to_string()),
        reason: record.reason,
        prev_hash,
        hash: String::new(),
    };
    row.hash = row.digest();
    sqlx::query!(
        "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, state_before, state_after,
         amount_minor, currency, details, reason, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.id,
        row.at,
        row.actor,
        row.entity,
        row.entity_id,
        row.action,
        row.state_before,
        row.state_after,
        row.amount_minor,
        row.currency,
        row.details,
        row.reason,
        row.prev_hash,
        row.hash
    )
    .execute(&mut *conn)
    .await?;
    Ok(row.id)
}

fn to_entry(row: Row) -> Result<AuditEntry> {
    let amount = match (row.amount_minor, row.currency.as_deref()) {
        (Some(minor), Some(code)) => Some(Money::new(minor, Currency::parse("currency", code)?)),
        _ => None,
    };
    Ok(AuditEntry {
        id: row.id,
        at: DateTime::from_timestamp(row.at, 0)
            .ok_or_else(|| Error::invalid("at", "outside the supported time range"))?,
        actor: row.actor,
        entity: row.entity,
        entity_id: row.entity_id,
        action: row.action,
        state_before: row.state_before,
        state_after: row.state_after,
        amount,
        details: row.details,
        reason: row.reason,
        prev_hash: row.prev_hash,
        hash: row.hash,
    })
}

impl Store {
    /// The audit history of one record (e.g. `travel_request` 7), oldest first.
    pub async fn audit_history(&self, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query_as!(
            Row,
            r#"SELECT id AS "id!", at, actor, entity, entity_id, action, state_before, state_after, amount_minor,
             currency, details, reason, prev_hash, hash
             FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id"#,
            entity,
            entity_id
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(to_entry).collect()
    }

    /// The whole log, oldest first.
    pub async fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query_as!(
            Row,
            r#"SELECT id AS "id!", at, actor, entity, entity_id, action, state_before, state_after, amount_minor,
             currency, details, reason, prev_hash, hash
             FROM audit_log ORDER BY id"#
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(to_entry).collect()
    }

    /// Checks the whole chain: every row's hash matches its content and every row points at the
    /// hash of the row before it (the first at [`GENESIS`]).
    pub async fn verify_audit(&self) -> Result<AuditReport> {
        let rows = sqlx::query_as!(
            Row,
            r#"SELECT id AS "id!", at, actor, entity, entity_id, action, state_before, state_after, amount_minor,
             currency, details, reason, prev_hash, hash
             FROM audit_log ORDER BY id"#
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(verify_rows(&rows))
    }
}

fn verify_rows(rows: &[Row]) -> AuditReport {
    let mut breaks = Vec::new();
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_id = 1;
    for row in rows {
        if row.id != expected_id {
            breaks.push(AuditBreak {
                id: row.id,
                problem: format!("row {expected_id} is missing (ids must follow each other)"),
            });
        }
        if row.prev_hash != expected_prev {
            breaks.push(AuditBreak {
                id: row.id,
                problem: "does not point at the previous row's hash (a row before it was removed or changed)".into(),
            });
        }
        if row.digest() != row.hash {
            breaks.push(AuditBreak {
                id: row.id,
                problem: "its content does not match its hash (the row was changed)".into(),
            });
        }
        expected_prev = row.hash.clone();
        expected_id = row.id + 1;
    }
    AuditReport {
        rows: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        head: expected_prev,
        breaks,
    }
}
