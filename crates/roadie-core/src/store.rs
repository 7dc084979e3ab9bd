//! The SQLite database: one file, WAL, foreign keys, a busy timeout, embedded migrations.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::error::{Error, Result};

/// The migrations compiled into the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// Every table that holds user data, parents before children (for copies, exports and checks).
pub const TABLES: [&str; 27] = [
    "summits",
    "gatherings",
    "speakers",
    "speaker_talks",
    "travel_requests",
    "travel_request_items",
    "swag_items",
    "swag_variants",
    "shipments",
    "shipment_items",
    "stock_movements",
    "budget_lines",
    "exchange_rates",
    "organisers",
    "travel_policies",
    "travel_reviews",
    "travel_approvals",
    "travel_approved_items",
    "travel_bookings",
    "travel_receipts",
    "travel_payments",
    "audit_log",
    "caldav_targets",
    "caldav_resources",
    "imported_sessions",
    "imported_speakers",
    "calendar_sequences",
];

/// Roadie's database. Cheap to clone; every operation is a method on it.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: SqlitePool,
    path: PathBuf,
}

impl Store {
    /// Opens (creating it if needed) the database file at `path` and brings its schema up to date,
    /// taking no snapshot: for tests and tools. The CLI and the app open with
    /// [`Store::open_with_snapshots`], which snapshots the database before migrating it.
    pub async fn open(path: &Path) -> Result<Store> {
        let store = Store::connect(path).await?;
        MIGRATOR.run(&store.pool).await?;
        Ok(store)
    }

    /// Opens (creating it if needed) the database file at `path` as it is, migrating nothing.
    pub(crate) async fn connect(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // Money decisions live here: a committed transaction survives power loss too.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // Two connections: a long read (an export) leaves one for everything else, and reads run
        // side by side (the dashboard's) on two cores. Each more holds its own page cache, about
        // 2 MiB once warm, which the desktop app kept for nothing.
        let pool = SqlitePoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await?;
        Ok(Store {
            pool,
            path: path.to_owned(),
        })
    }

    /// Writes a consistent copy of the whole database to `path` (`VACUUM INTO`), replacing what is
    /// there only once the copy is complete.
    pub async fn backup_to(&self, path: &Path) -> Result<()> {
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        // A leftover from an interrupted backup would make VACUUM INTO fail.
        match tokio::fs::remove_file(&partial).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(&partial)(e));
            }
            _ => {}
        }
        let target = partial.to_string_lossy().into_owned();
        sqlx::query("VACUUM INTO ?")
            .bind(&target)
            .execute(&self.pool)
            .await?;
        // On disk before it takes the place of an older copy.
        let synced = partial.clone();
        tokio::task::spawn_blocking(move || std::fs::File::open(&synced)?.sync_all())
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
            .map_err(Error::io(&partial))?;
        tokio::fs::rename(&partial, path)
            .await
            .map_err(Error::io(path))?;
        Ok(())
    }

    /// A transaction that writes: it takes the write lock as it begins (`BEGIN IMMEDIATE`), so
    /// while another process (the CLI beside the app) writes, it waits out the busy timeout; a
    /// deferred one that read first would fail at its first write with "database is locked".
    pub(crate) async fn write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection pool, for tests and diagnostics that need raw SQL; not part of the API.
    #[doc(hidden)]
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Closes every connection, checkpointing the write-ahead log.
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// The default database file in the platform's data directory
/// (`~/.local/share/roadie/roadie.db` on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("org", "Roadie", "roadie")
        .map(|dirs| dirs.data_dir().join("roadie.db"))
        .ok_or_else(|| {
            Error::invalid(
                "db",
                "no home directory to keep the database in; pass --db PATH or set ROADIE_DB",
            )
        })
}

/// Whether a database error is a UNIQUE constraint failure.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Whether a database error is a FOREIGN KEY constraint failure.
pub(crate) fn is_foreign_key_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_foreign_key_violation())
}

/// Groups child rows by their parent's id, keeping their order.
pub(crate) fn group_by<V>(
    rows: Vec<V>,
    key: impl Fn(&V) -> i64,
) -> std::collections::HashMap<i64, Vec<V>> {
    let mut groups: std::collections::HashMap<i64, Vec<V>> = std::collections::HashMap::new();
    for row in rows {
        groups.entry(key(&row)).or_default().push(row);
    }
    groups
}

/// The ids of the `count` rows a batch insert just wrote with consecutive explicit ids, the last of
/// them the statement's last insert rowid.
pub(crate) fn batch_ids(
    done: sqlx::sqlite::SqliteQueryResult,
    count: usize,
) -> Result<impl Iterator<Item = i64>> {
    let wrote = done.rows_affected();
    let n = i64::try_from(count)
        .ok()
        .filter(|&n| u64::try_from(n) == Ok(wrote));
    let Some(n) = n else {
        return Err(
            sqlx::Error::Protocol(format!("a batch insert wrote {wrote} of {count} rows")).into(),
        );
    };
    let last = done.last_insert_rowid();
    Ok(last - n + 1..=last)
}

/// The rows of a batch insert as the one JSON parameter its `json_each(?)` reads.
pub(crate) fn batch_json<T: serde::Serialize + ?Sized>(rows: &T) -> Result<String> {
    serde_json::to_string(rows).map_err(|e| sqlx::Error::Encode(Box::new(e)).into())
}

/// The one row a batch insert of a single record wrote.
pub(crate) fn only<T>(mut rows: Vec<T>) -> Result<T> {
    match (rows.pop(), rows.is_empty()) {
        (Some(row), true) => Ok(row),
        _ => Err(
            sqlx::Error::Protocol("a single-row insert did not write exactly one row".into())
                .into(),
        ),
    }
}
