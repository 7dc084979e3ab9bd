//! Receipts: files the speaker sends for reimbursement, copied into a folder beside the database
//! (`roadie.db` keeps them in `roadie-receipts/`) with the SHA-256 of their bytes recorded, so a
//! receipt can be shown to an auditor and checked to be the one attached.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::audit::{self, AuditRecord, sha256_hex};
use crate::error::{Error, Result};
use crate::files;
use crate::organiser;
use crate::store::Store;
use crate::travel::decide::ENTITY;
use crate::travel::funding::{self, Receipt};
use crate::travel::{self, TravelFilter, TravelStatus};

/// The largest receipt Roadie keeps.
pub const MAX_RECEIPT_BYTES: u64 = 50 * 1024 * 1024;

/// The receipts folder of the database at `db`: beside it, named after it.
pub fn receipts_dir(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "roadie".into(), |s| s.to_string_lossy().into_owned());
    db.with_file_name(format!("{stem}-receipts"))
}

/// A file name reduced to letters, digits, `.`, `-` and `_`, at most 80 characters.
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    let short: String = trimmed
        .chars()
        .rev()
        .take(80)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if short.is_empty() {
        "receipt".into()
    } else {
        short
    }
}

impl Store {
    /// The folder this database keeps its receipts in.
    pub fn receipts_dir(&self) -> PathBuf {
        receipts_dir(self.path())
    }

    /// Copies the file at `source` into the receipts folder and attaches it to request `id` (an
    /// accepted, booked or reimbursed one) as `actor`, with its SHA-256; recorded in the audit
    /// log. The copy is removed again if the database refuses the receipt.
    pub async fn attach_receipt(
        &self,
        id: i64,
        actor: &str,
        source: &Path,
        at: DateTime<Utc>,
    ) -> Result<Receipt> {
        let mut tx = self.write().await?;
        let who = organiser::by_name(&mut tx, "actor", actor).await?;
        let request = travel::load(&mut tx, &TravelFilter::default(), Some(id))
            .await?
            .pop()
            .ok_or_else(|| Error::not_found("travel request", id))?;
        if !matches!(
            request.status,
            TravelStatus::Accepted | TravelStatus::Booked | TravelStatus::Reimbursed
        ) {
            return Err(Error::invalid(
                "status",
                format!(
                    "receipts belong to accepted, booked or reimbursed requests; request {id} is {}",
                    request.status
                ),
            ));
        }
        let meta = tokio::fs::metadata(source)
            .await
            .map_err(Error::io(source))?;
        if !meta.is_file() {
            return Err(Error::invalid(
                "file",
                format!("{} is not a file", source.display()),
            ));
        }
        if meta.len() > MAX_RECEIPT_BYTES {
            return Err(Error::invalid(
                "file",
                format!(
                    "{} is {} bytes; receipts may be at most {MAX_RECEIPT_BYTES} bytes",
                    source.display(),
                    meta.len()
                ),
            ));
        }
        let bytes = tokio::fs::read(source).await.map_err(Error::io(source))?;
        let sha256 = sha256_hex(&bytes);
        if let Some(other) = sqlx::query_scalar!(
            r#"SELECT id AS "id!" FROM travel_receipts WHERE request_id = ? AND sha256 = ?"#,
            id,
            sha256
        )
        .fetch_optional(&mut *tx)
        .await?
        {
            return Err(Error::invalid(
                "file",
                format!("this file is already attached to request {id} (receipt {other})"),
            ));
        }
        let file_name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                Error::invalid("file", format!("{} has no file name", source.display()))
            })?;
        let stored_name = format!("request-{id}/{}-{}", &sha256[..16], safe_name(&file_name));
        let target = self.receipts_dir().join(&stored_name);
        if let Some(dir) = target.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(Error::io(dir))?;
        }
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        files::write_atomically(&target, bytes).await?;
        let written: Result<Receipt> = async {
            let when = at.timestamp();
            let receipt_id = sqlx::query_scalar!(
                r#"INSERT INTO travel_receipts (request_id, file_name, stored_name, sha256, size_bytes, added_at)
                   VALUES (?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
                id, file_name, stored_name, sha256, size, when
            )
            .fetch_one(&mut *tx)
            .await?;
            audit::append(
                &mut tx,
                AuditRecord {
                    actor: who.data.name.clone(),
                    at,
                    entity: ENTITY,
                    entity_id: id,
                    action: "receipt".into(),
                    state_before: Some(request.status.as_str().to_owned()),
                    state_after: Some(request.status.as_str().to_owned()),
                    details: Some(serde_json::json!({
                        "file_name": file_name,
                        "stored_name": stored_name,
                        "sha256": sha256,
                        "size_bytes": size,
                    })),
                    ..AuditRecord::default()
                },
            )
            .await?;
            let receipt = funding::receipts(&mut tx, id)
                .await?
                .into_iter()
                .find(|r| r.id == receipt_id)
                .ok_or_else(|| Error::not_found("receipt", receipt_id))?;
            tx.commit().await?;
            Ok(receipt)
        }
        .await;
        if written.is_err() {
            // Best effort: the database has no row for the copy, so it must not stay.
            let _ = tokio::fs::remove_file(&target).await;
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_sits_beside_the_database() {
        assert_eq!(
            receipts_dir(Path::new("/data/roadie.db")),
            PathBuf::from("/data/roadie-receipts")
        );
        assert_eq!(
            receipts_dir(Path::new("summit")),
            PathBuf::from("summit-receipts")
        );
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("taxi receipt (1).pdf"), "taxi_receipt__1_.pdf");
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("...."), "receipt");
        assert_eq!(safe_name(&"a".repeat(200)).len(), 80);
        assert_eq!(safe_name("Zürich.png"), "Z_rich.png");
    }
}
