//! Restoring: a backup file (or a snapshot) is checked in a folder of its own beside the database
//! (integrity, a Roadie schema this Roadie knows, references that hold, the files' SHA-256), brought
//! up to date there, and only then copied into the open database by SQLite's online backup API, in
//! one write transaction: the open connections stay valid and see the restored data, and a failure
//! at any point leaves the database as it was. A snapshot of the database is taken first.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqlitePool;
use tokio::io::AsyncReadExt;

use crate::backup::archive;
use crate::backup::receipts::{self, Found};
use crate::backup::snapshots::{Snapshot, SnapshotReason};
use crate::backup::{
    BACKUP_DB, BACKUP_FORMAT, RECEIPTS, blocking, connect_file, schema, stage_beside,
};
use crate::error::{Error, Result};
use crate::store::{MIGRATOR, Store, TABLES};

/// What kind of file a backup is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum BackupKind {
    /// A backup file (zip): the database and its receipts.
    Archive,
    /// A database file alone (an automatic snapshot, a copy).
    Database,
}

/// What a backup file holds, checked; what the user is asked about before restoring it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    pub file: PathBuf,
    pub kind: BackupKind,
    /// When it was made (backup files say so; a database file does not).
    pub created_at: Option<DateTime<Utc>>,
    /// Its schema version (latest migration), before it is brought up to date.
    pub schema_version: i64,
    /// Its summits' names.
    pub summits: Vec<String>,
    /// Rows in all its tables.
    pub records: i64,
    /// The receipt files it lists.
    pub receipts: usize,
    /// Receipts it lists that are neither in it nor in the receipts folder.
    pub missing_receipts: Vec<String>,
}

/// What [`Store::restore`] did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Restored {
    pub info: BackupInfo,
    /// The snapshot of the database as it was before.
    pub snapshot: Snapshot,
    /// Receipt files written into the receipts folder.
    pub receipts_written: usize,
    /// What went wrong without stopping the restore.
    pub warnings: Vec<String>,
}

/// A backup unpacked and checked in a temporary folder beside the database.
struct Staged {
    /// Removed with the value.
    _dir: tempfile::TempDir,
    db: PathBuf,
    receipts: Vec<Found>,
    info: BackupInfo,
}

/// How long a restore waits for other writers to finish.
const BUSY_WAIT: Duration = Duration::from_secs(10);

impl Store {
    /// Checks the backup file (or database snapshot) at `file` and says what it holds; changes
    /// nothing. A file that is not a sound Roadie backup is an `Invalid` error on `file`.
    pub async fn inspect_backup(&self, file: &Path) -> Result<BackupInfo> {
        Ok(self.stage(file).await?.info)
    }

    /// Replaces everything in the database with the backup file (or database snapshot) at `file`,
    /// after checking it and taking a snapshot of the database (at `at`); receipts in the backup
    /// are added to the receipts folder. A bad file is an `Invalid` error on `file` and changes
    /// nothing; so does a failed snapshot.
    pub async fn restore(&self, file: &Path, at: DateTime<Utc>) -> Result<Restored> {
        let staged = self.stage(file).await?;
        let snapshot = self
            .snapshot(SnapshotReason::BeforeRestore, at)
            .await
            .map_err(|e| {
                Error::Backup(format!(
                    "not restoring {}: the snapshot of {} before it failed ({e}); nothing was changed",
                    file.display(),
                    self.path().display()
                ))
            })?;
        let mut warnings = Vec::new();
        if let Err(e) = self.prune_snapshots() {
            warnings.push(format!("old snapshots were not removed: {e}"));
        }
        let receipts_dir = self.receipts_dir();
        let found = staged.receipts.clone();
        let receipts_written = blocking(move || receipts::install(&found, &receipts_dir)).await?;
        let (from, to) = (staged.db.clone(), self.path().to_owned());
        blocking(move || {
            copy_database(&from, &to).map_err(|e| {
                Error::Backup(format!(
                    "restoring into {} failed ({e}); the database is unchanged",
                    to.display()
                ))
            })
        })
        .await?;
        Ok(Restored {
            info: staged.info,
            snapshot,
            receipts_written,
            warnings,
        })
    }

    /// Unpacks `file` beside the database and checks it.
    async fn stage(&self, file: &Path) -> Result<Staged> {
        let shown = file.display().to_string();
        let bad = |message: &str| Error::invalid("file", format!("{shown}: {message}"));
        let mut head = [0u8; 16];
        let mut opened = tokio::fs::File::open(file).await.map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                bad("no such file")
            } else {
                Error::io(file)(e)
            }
        })?;
        let read = opened.read(&mut head).await.map_err(Error::io(file))?;
        drop(opened);
        let head = &head[..read];
        let dir = stage_beside(self.path(), ".roadie-restore-")?;
        let db = dir.path().join(BACKUP_DB);
        let (kind, manifest) = if archive::is_zip(head) {
            let (from, into) = (file.to_owned(), dir.path().to_owned());
            let manifest = blocking(move || archive::extract(&from, &into, BACKUP_FORMAT)).await?;
            if !manifest.files.iter().any(|f| f.path == BACKUP_DB) {
                return Err(bad(&format!("the backup holds no {BACKUP_DB}")));
            }
            (BackupKind::Archive, Some(manifest))
        } else if head == b"SQLite format 3\0" {
            tokio::fs::copy(file, &db).await.map_err(Error::io(file))?;
            (BackupKind::Database, None)
        } else {
            return Err(bad(
                "not a Roadie backup: neither a backup file (.zip) nor a database (.db)",
            ));
        };
        let checked = check_database(&db, &shown).await?;
        let in_backup = dir.path().join(RECEIPTS);
        let current = self.receipts_dir();
        let listed = checked.receipts.clone();
        let (staged, missing) = blocking(move || {
            let (staged, elsewhere) = receipts::locate(&in_backup, &listed);
            let not_staged: Vec<_> = listed
                .into_iter()
                .filter(|r| elsewhere.contains(&r.stored_name))
                .collect();
            let (_, missing) = receipts::locate(&current, &not_staged);
            Ok((staged, missing))
        })
        .await?;
        Ok(Staged {
            info: BackupInfo {
                file: file.to_owned(),
                kind,
                created_at: manifest.map(|m| m.created_at),
                schema_version: checked.schema_version,
                summits: checked.summits,
                records: checked.records,
                receipts: checked.receipts.len(),
                missing_receipts: missing,
            },
            _dir: dir,
            db,
            receipts: staged,
        })
    }
}

/// What [`check_database`] found.
struct Checked {
    schema_version: i64,
    summits: Vec<String>,
    records: i64,
    receipts: Vec<receipts::Listed>,
}

/// Checks the database file at `db` (a staged copy of `shown`): SQLite's integrity check, a Roadie
/// migration history this Roadie knows, references that hold and receipts' paths that stay in their
/// folder; then brings it up to date.
async fn check_database(db: &Path, shown: &str) -> Result<Checked> {
    let bad = |message: String| Error::invalid("file", format!("{shown}: {message}"));
    let pool = connect_file(db)
        .await
        .map_err(|e| bad(format!("not a readable database ({e})")))?;
    let checked = check_pool(&pool, bad).await;
    pool.close().await;
    checked
}

async fn check_pool(pool: &SqlitePool, bad: impl Fn(String) -> Error) -> Result<Checked> {
    let mut conn = pool.acquire().await?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| bad(format!("the database is damaged ({e})")))?;
    if integrity != ["ok"] {
        let first: Vec<_> = integrity.into_iter().take(3).collect();
        return Err(bad(format!(
            "the database is damaged ({})",
            first.join("; ")
        )));
    }
    let found = schema::read(&mut conn)
        .await
        .map_err(|e| bad(format!("the database cannot be read ({e})")))?;
    if !found.has_history {
        return Err(bad(
            "a SQLite database, but not Roadie's (it has no migration history)".into(),
        ));
    }
    if let Some(problem) = found.problem() {
        return Err(bad(problem));
    }
    let dangling: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| bad(format!("the database cannot be read ({e})")))?;
    if let Some((table,)) = dangling.first() {
        return Err(bad(format!(
            "{} records refer to records that are not there (the first in {table})",
            dangling.len()
        )));
    }
    drop(conn);
    MIGRATOR
        .run(pool)
        .await
        .map_err(|e| bad(format!("the database cannot be brought up to date ({e})")))?;
    let mut conn = pool.acquire().await?;
    let summits: Vec<String> = sqlx::query_scalar("SELECT name FROM summits ORDER BY name")
        .fetch_all(&mut *conn)
        .await?;
    let mut records = 0;
    for table in TABLES {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut *conn)
            .await?;
        records += n;
    }
    let listed = receipts::listed(&mut conn).await?;
    if let Some(odd) = listed
        .iter()
        .find(|r| receipts::relative_path(&r.stored_name).is_none())
    {
        return Err(bad(format!(
            "it lists a receipt at {:?}, outside the receipts folder",
            odd.stored_name
        )));
    }
    Ok(Checked {
        schema_version: found.version,
        summits,
        records,
        receipts: listed,
    })
}

/// Copies the database at `from` over the one at `to` with SQLite's online backup API: all pages
/// in one step, one write transaction on `to` (rolled back on failure). Blocking.
fn copy_database(from: &Path, to: &Path) -> rusqlite::Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    use rusqlite::{Connection, OpenFlags};

    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut target = Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    target.busy_timeout(BUSY_WAIT)?;
    let backup = Backup::new(&source, &mut target)?;
    let started = Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Busy or locked: another program is writing.
            _ if started.elapsed() < BUSY_WAIT => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("another program is writing to the database".into()),
                ));
            }
        }
    }
}
