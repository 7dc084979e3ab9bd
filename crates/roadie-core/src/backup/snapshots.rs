//! Automatic snapshots: a consistent copy of the database (`VACUUM INTO`, [`Store::backup_to`])
//! taken before a migration changes it, on the first open of each UTC day and before a restore
//! replaces it, kept in `<name>-backups/` beside the database (`roadie.db` keeps them in
//! `roadie-backups/`) as `<name>-<UTC time>-<reason>.db`, the last [`KEEP_SNAPSHOTS`] of them.
//!
//! Snapshots hold the database only: receipts are files that Roadie never changes or removes
//! once attached (their names carry their SHA-256), so every receipt a snapshot lists is still in
//! the receipts folder; `roadie backup` writes both into one file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::backup::schema;
use crate::error::{Error, Result};
use crate::store::{MIGRATOR, Store};
use crate::time::Clock;

/// How many snapshots are kept; older ones are removed after each new one.
pub const KEEP_SNAPSHOTS: usize = 10;

/// The time in a snapshot's name: UTC, to the second.
const STAMP: &str = "%Y%m%dT%H%M%SZ";
const STAMP_LEN: usize = "20260401T093000Z".len();

/// Why a snapshot was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum SnapshotReason {
    /// The first open of a UTC day.
    Daily,
    /// Before migrations changed the schema.
    BeforeMigration,
    /// Before a backup replaced the database.
    BeforeRestore,
}

impl SnapshotReason {
    const ALL: [SnapshotReason; 3] = [
        SnapshotReason::Daily,
        SnapshotReason::BeforeMigration,
        SnapshotReason::BeforeRestore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotReason::Daily => "daily",
            SnapshotReason::BeforeMigration => "before-migration",
            SnapshotReason::BeforeRestore => "before-restore",
        }
    }
}

/// A snapshot file in the backups folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Snapshot {
    pub path: PathBuf,
    /// When it was taken (from its name).
    pub at: DateTime<Utc>,
    pub reason: SnapshotReason,
}

/// A database opened by [`Store::open_with_snapshots`], with what it did on the way.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    /// The snapshots taken while opening: before migrating, the day's first.
    pub snapshots: Vec<Snapshot>,
    /// What went wrong without stopping the open (a daily snapshot that failed), for the user.
    pub warnings: Vec<String>,
}

/// The stem the database's companion folders and snapshots are named after.
fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "roadie".into(), |s| s.to_string_lossy().into_owned())
}

/// The folder the database at `db` keeps its snapshots in: beside it, named after it.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.with_file_name(format!("{}-backups", stem(db)))
}

/// Reads a snapshot's time and reason from its file name, `<stem>-<time>-<reason>[-<n>].db`.
fn parse_name(stem: &str, name: &str) -> Option<(DateTime<Utc>, SnapshotReason)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let stamp = rest.get(..STAMP_LEN)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let tail = rest.get(STAMP_LEN..)?.strip_prefix('-')?;
    let reason = SnapshotReason::ALL.into_iter().find(|r| {
        tail.strip_prefix(r.as_str()).is_some_and(|n| {
            n.is_empty()
                || n.strip_prefix('-')
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        })
    })?;
    Some((at, reason))
}

/// The snapshots of the database at `db`, oldest first; none when the folder does not exist.
pub fn list_snapshots(db: &Path) -> Result<Vec<Snapshot>> {
    let dir = backups_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir)(e)),
    };
    let stem = stem(db);
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(Error::io(&dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((at, reason)) = parse_name(&stem, &name) {
            found.push((
                name,
                Snapshot {
                    path: entry.path(),
                    at,
                    reason,
                },
            ));
        }
    }
    // By time, then by name's length so that `-daily.db` comes before `-daily-2.db`.
    found.sort_by(|(a, x), (b, y)| (x.at, a.len(), a).cmp(&(y.at, b.len(), b)));
    Ok(found.into_iter().map(|(_, s)| s).collect())
}

impl Store {
    /// Opens the database file at `path` (creating it if needed) and brings its schema up to date,
    /// as the CLI and the app do: an existing database with migrations to apply is snapshotted
    /// first, and not migrated if that fails; the first open of a UTC day snapshots it too (a
    /// failure there is a warning). A new, empty database needs no snapshot. Keeps the last
    /// [`KEEP_SNAPSHOTS`].
    pub async fn open_with_snapshots(path: &Path, clock: &dyn Clock) -> Result<Opened> {
        let store = Store::connect(path).await?;
        match store.bring_up_to_date(clock).await {
            Ok((snapshots, warnings)) => Ok(Opened {
                store,
                snapshots,
                warnings,
            }),
            Err(e) => {
                store.close().await;
                Err(e)
            }
        }
    }

    async fn bring_up_to_date(&self, clock: &dyn Clock) -> Result<(Vec<Snapshot>, Vec<String>)> {
        let db = self.path().display().to_string();
        let schema = schema::read(&mut *self.pool.acquire().await?).await?;
        if let Some(problem) = schema.problem() {
            return Err(Error::invalid("db", format!("{db}: {problem}")));
        }
        let mut snapshots = Vec::new();
        let mut warnings = Vec::new();
        if schema.has_tables && !schema.pending.is_empty() {
            let taken = self
                .snapshot(SnapshotReason::BeforeMigration, clock.now())
                .await
                .map_err(|e| {
                    Error::Backup(format!(
                        "not migrating {db} to schema version {}: the snapshot before it failed \
                         ({e}); the database is unchanged",
                        schema::latest_version()
                    ))
                })?;
            snapshots.push(taken);
        }
        MIGRATOR.run(&self.pool).await?;
        if schema.has_tables {
            let now = clock.now();
            let today = now.date_naive();
            let taken_today = list_snapshots(self.path()).map(|all| {
                all.iter()
                    .any(|s| s.reason == SnapshotReason::Daily && s.at.date_naive() == today)
            });
            if !matches!(taken_today, Ok(true)) {
                match self.snapshot(SnapshotReason::Daily, now).await {
                    Ok(taken) => snapshots.push(taken),
                    Err(e) => {
                        warnings.push(format!("the daily snapshot of {db} was not taken: {e}"))
                    }
                }
            }
        }
        if !snapshots.is_empty()
            && let Err(e) = self.prune_snapshots()
        {
            warnings.push(format!("old snapshots were not removed: {e}"));
        }
        Ok((snapshots, warnings))
    }

    /// The folder this database keeps its snapshots in.
    pub fn backups_dir(&self) -> PathBuf {
        backups_dir(self.path())
    }

    /// Takes a snapshot of the database now (`at`) into the backups folder; see
    /// [`Store::prune_snapshots`] to keep their number down.
    pub async fn snapshot(&self, reason: SnapshotReason, at: DateTime<Utc>) -> Result<Snapshot> {
        let dir = self.backups_dir();
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(Error::io(&dir))?;
        let base = format!(
            "{}-{}-{}",
            stem(self.path()),
            at.format(STAMP),
            reason.as_str()
        );
        let mut path = dir.join(format!("{base}.db"));
        let mut n = 2;
        while tokio::fs::try_exists(&path)
            .await
            .map_err(Error::io(&path))?
        {
            path = dir.join(format!("{base}-{n}.db"));
            n += 1;
        }
        self.backup_to(&path).await?;
        Ok(Snapshot {
            path,
            // As the name has it, to the second.
            at: DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at),
            reason,
        })
    }

    /// Removes all but the last [`KEEP_SNAPSHOTS`] snapshots; returns the files removed.
    pub fn prune_snapshots(&self) -> Result<Vec<PathBuf>> {
        let all = list_snapshots(self.path())?;
        let surplus = all.len().saturating_sub(KEEP_SNAPSHOTS);
        let mut removed = Vec::new();
        for old in all.into_iter().take(surplus) {
            std::fs::remove_file(&old.path).map_err(Error::io(&old.path))?;
            removed.push(old.path);
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_sits_beside_the_database() {
        assert_eq!(
            backups_dir(Path::new("/data/roadie.db")),
            PathBuf::from("/data/roadie-backups")
        );
        assert_eq!(
            backups_dir(Path::new("summit")),
            PathBuf::from("summit-backups")
        );
    }

    #[test]
    fn names_carry_the_time_and_the_reason() {
        let at = |s: &str| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
                .unwrap()
                .and_utc()
        };
        assert_eq!(
            parse_name("roadie", "roadie-20260401T093005Z-daily.db"),
            Some((at("2026-04-01 09:30:05"), SnapshotReason::Daily))
        );
        assert_eq!(
            parse_name("roadie", "roadie-20260401T093005Z-before-migration-12.db"),
            Some((at("2026-04-01 09:30:05"), SnapshotReason::BeforeMigration))
        );
        assert_eq!(
            parse_name("my-db", "my-db-20260401T093005Z-before-restore.db").map(|p| p.1),
            Some(SnapshotReason::BeforeRestore)
        );
        for other in [
            "roadie-20260401T093005Z-daily.db.partial",
            "roadie-20260401T093005Z-weekly.db",
            "roadie-20260401T093005Z-daily-.db",
            "roadie-20260401T093005Z-daily-x.db",
            "roadie-2026-04-01-daily.db",
            "other-20260401T093005Z-daily.db",
            "roadie-20261301T093005Z-daily.db",
            "notes.txt",
        ] {
            assert_eq!(parse_name("roadie", other), None, "{other}");
        }
    }
}
