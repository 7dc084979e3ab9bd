//! Backups: automatic snapshots beside the database ([`snapshots`]); a backup file that holds the
//! database and its receipts in one zip ([`Store::write_backup`]), checked and restored into the
//! open database ([`restore`]); and the full export of every record as JSON and its re-import
//! ([`export`]).
//!
//! A backup file is a zip of `roadie.db` (a `VACUUM INTO` snapshot), `receipts/<stored name>` for
//! each receipt the database lists, and `manifest.json`: format `roadie-backup`, format version 1,
//! when it was made (UTC), the schema version (latest migration) and each file's SHA-256 and size.

mod archive;
pub mod export;
mod receipts;
pub mod restore;
mod schema;
pub mod snapshots;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

use crate::backup::archive::{Content, Manifest};
use crate::error::{Error, Result};
use crate::store::Store;

pub use schema::latest_version;

/// The format name in a backup's manifest.
pub const BACKUP_FORMAT: &str = "roadie-backup";
/// The database's name inside a backup.
const BACKUP_DB: &str = "roadie.db";
/// The folder of the receipts inside a backup or an export.
const RECEIPTS: &str = "receipts";

/// What [`Store::write_backup`] wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupReport {
    pub path: PathBuf,
    /// The backup file's size.
    pub size_bytes: u64,
    /// The database's size inside it, uncompressed.
    pub database_bytes: u64,
    /// Receipt files in it.
    pub receipts: usize,
    /// Receipts the database lists that were not in the receipts folder with their recorded
    /// content, so are not in the backup.
    pub missing_receipts: Vec<String>,
    pub schema_version: i64,
}

/// A database file other than the open one (a snapshot, a staged backup), on one connection, in
/// rollback-journal mode so that it stays one file. (A pool of one: sqlx's migrator runs on a
/// pool in any async context.)
async fn connect_file(path: &Path) -> std::result::Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Delete)
        .foreign_keys(true);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
}

/// A temporary folder beside `path` (on the same file system), removed when dropped.
fn stage_beside(path: &Path, prefix: &str) -> Result<tempfile::TempDir> {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_owned(),
        None => PathBuf::from("."),
    };
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(&dir)
        .map_err(Error::io(&dir))
}

/// Runs blocking file work off the async runtime.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(Error::Backup(format!("a backup task failed: {e}"))))
}

impl Store {
    /// Writes a backup file to `out` (made at `at`): a zip of a snapshot of the database, the
    /// receipt files it lists and a manifest with their SHA-256; replaces `out` only once it is
    /// complete. Receipts missing from the receipts folder (or changed there) are left out and
    /// listed in the report and the manifest.
    pub async fn write_backup(&self, out: &Path, at: DateTime<Utc>) -> Result<BackupReport> {
        let folder = out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !tokio::fs::metadata(folder).await.is_ok_and(|m| m.is_dir()) {
            return Err(Error::invalid(
                "out",
                format!("{} is not a directory", folder.display()),
            ));
        }
        let stage = stage_beside(out, ".roadie-backup-")?;
        let db = stage.path().join(BACKUP_DB);
        self.backup_to(&db).await?;
        let pool = connect_file(&db).await?;
        let mut conn = pool.acquire().await?;
        let schema_version = schema::read(&mut conn).await?.version;
        let listed = receipts::listed(&mut conn).await?;
        drop(conn);
        pool.close().await;
        let receipts_dir = self.receipts_dir();
        let (found, missing) =
            blocking(move || Ok(receipts::locate(&receipts_dir, &listed))).await?;
        let database_bytes = tokio::fs::metadata(&db)
            .await
            .map_err(Error::io(&db))?
            .len();
        let mut entries = vec![(BACKUP_DB.to_owned(), Content::File(db))];
        entries.extend(found.iter().map(|r| {
            (
                format!("{RECEIPTS}/{}", r.stored_name),
                Content::File(r.path.clone()),
            )
        }));
        let manifest = Manifest {
            format: BACKUP_FORMAT.into(),
            format_version: 1,
            created_at: at,
            schema_version,
            files: Vec::new(),
            missing_receipts: missing.clone(),
        };
        let target = out.to_owned();
        let size_bytes = blocking(move || archive::write(&target, entries, manifest)).await?;
        drop(stage);
        Ok(BackupReport {
            path: out.to_owned(),
            size_bytes,
            database_bytes,
            receipts: found.len(),
            missing_receipts: missing,
            schema_version,
        })
    }
}
