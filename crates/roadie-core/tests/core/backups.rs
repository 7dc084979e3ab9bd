//! Snapshots, backup files and restoring them, on real database files: a snapshot before a pending
//! migration (from a database made with an older set of migrations) and never a migration without
//! one, one a day with a fixed clock, ten kept; backups with their receipts restored into the open
//! store; bad files refused with the database untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use roadie_core::demo::Scale;
use roadie_core::{
    BackupKind, Error, FixedClock, Receipt, SnapshotReason, Store, TravelFilter, TravelStatus,
};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

use crate::helpers::*;

/// An instant written in RFC 3339.
fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// 09:30 UTC on 1 April 2026.
pub fn t0() -> DateTime<Utc> {
    utc("2026-04-01T09:30:00Z")
}

/// The small demo, with a receipt attached to each booked or reimbursed travel request.
pub async fn demo_with_receipts(store: &Store, dir: &Path) -> Vec<Receipt> {
    store
        .seed_demo(Scale::Small, date("2026-04-01"))
        .await
        .unwrap();
    let mut receipts = Vec::new();
    for request in store
        .list_travel_requests(&TravelFilter::default())
        .await
        .unwrap()
    {
        if matches!(
            request.status,
            TravelStatus::Booked | TravelStatus::Reimbursed
        ) {
            let file = dir.join(format!("taxi {}.pdf", request.id));
            std::fs::write(&file, format!("%PDF-1.4 taxi for request {}", request.id)).unwrap();
            let receipt = store
                .attach_receipt(request.id, "Rosa Martínez", &file, t0())
                .await
                .unwrap();
            receipts.push(receipt);
        }
    }
    assert!(receipts.len() >= 2, "{} receipts", receipts.len());
    receipts
}

/// The migrations' folder.
fn migrations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")
}

/// The versions of Roadie's migrations, oldest first.
fn versions() -> Vec<i64> {
    let mut all: Vec<i64> = std::fs::read_dir(migrations_dir())
        .unwrap()
        .filter_map(|f| {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            name.split('_').next()?.parse().ok()
        })
        .collect();
    all.sort();
    all
}

/// A database file at `path` as an older Roadie left it: its migrations up to `version` only
/// (applied by sqlx's Migrator from a copy of those files), holding one summit.
async fn older_database(path: &Path, version: i64) {
    let subset = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(migrations_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let v: i64 = name.split('_').next().unwrap().parse().unwrap();
        if v <= version {
            std::fs::copy(entry.path(), subset.path().join(&name)).unwrap();
        }
    }
    let migrator = sqlx::migrate::Migrator::new(subset.path()).await.unwrap();
    let pool = SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true),
    )
    .await
    .unwrap();
    migrator.run(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO summits (slug, name, tz, start_date, end_date, currency)
         VALUES ('old', 'Old Summit', 'Europe/Berlin', '2026-06-01', '2026-06-03', 'EUR')",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
}

/// The migrations applied to the database file at `path`.
async fn applied(path: &Path) -> Vec<i64> {
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(path))
        .await
        .unwrap();
    let versions = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    versions
}

/// The file names in the backups folder of `db`.
fn backup_names(db: &Path) -> Vec<String> {
    let dir = roadie_core::backup::snapshots::backups_dir(db);
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

/// A database with one summit in a fresh folder, closed; returns the folder and the file.
async fn existing_database() -> (tempfile::TempDir, PathBuf) {
    let test = spawn_store().await;
    test.new_summit("kept").await;
    let TestStore { store, dir } = test;
    let path = store.path().to_owned();
    store.close().await;
    (dir, path)
}

async fn slugs(store: &Store) -> Vec<String> {
    store
        .list_summits()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.data.slug)
        .collect()
}

#[tokio::test]
async fn a_new_database_needs_no_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roadie.db");
    let opened = Store::open_with_snapshots(&path, &FixedClock(t0()))
        .await
        .unwrap();
    assert!(opened.snapshots.is_empty());
    assert!(opened.warnings.is_empty());
    assert!(!dir.path().join("roadie-backups").exists());
    assert_eq!(applied(&path).await, versions());
    opened.store.close().await;
}

#[tokio::test]
async fn the_first_open_of_each_utc_day_takes_one_snapshot() {
    let (_dir, path) = existing_database().await;
    let open = |at: &str| {
        let path = path.clone();
        let at = utc(at);
        async move {
            let opened = Store::open_with_snapshots(&path, &FixedClock(at))
                .await
                .unwrap();
            assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
            opened.store.close().await;
            opened.snapshots
        }
    };
    let first = open("2026-04-01T09:30:00Z").await;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].reason, SnapshotReason::Daily);
    assert_eq!(first[0].at, t0());
    assert_eq!(
        first[0].path,
        path.with_file_name("roadie-backups/roadie-20260401T093000Z-daily.db")
    );
    // The snapshot is a complete database.
    let copy = Store::open(&first[0].path).await.unwrap();
    assert_eq!(slugs(&copy).await, ["kept"]);
    copy.close().await;

    assert!(
        open("2026-04-01T23:59:59Z").await.is_empty(),
        "the same day"
    );
    let next = open("2026-04-02T00:01:00Z").await;
    assert_eq!(next.len(), 1, "a new UTC day");
    assert_eq!(
        backup_names(&path),
        [
            "roadie-20260401T093000Z-daily.db",
            "roadie-20260402T000100Z-daily.db"
        ]
    );
}

#[tokio::test]
async fn only_the_last_ten_snapshots_are_kept() {
    let (_dir, path) = existing_database().await;
    let folder = roadie_core::backup::snapshots::backups_dir(&path);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    for day in 0..12 {
        let opened = Store::open_with_snapshots(&path, &FixedClock(t0() + Duration::days(day)))
            .await
            .unwrap();
        assert_eq!(opened.snapshots.len(), 1);
        opened.store.close().await;
    }
    let names = backup_names(&path);
    assert_eq!(names.len(), 11, "{names:?}");
    assert_eq!(names[0], "notes.txt", "other files are left alone");
    assert_eq!(
        names[1], "roadie-20260403T093000Z-daily.db",
        "the oldest two went"
    );
    assert_eq!(names[10], "roadie-20260412T093000Z-daily.db");
    let listed = roadie_core::backup::snapshots::list_snapshots(&path).unwrap();
    assert_eq!(listed.len(), roadie_core::backup::snapshots::KEEP_SNAPSHOTS);
    assert!(listed.windows(2).all(|w| w[0].at < w[1].at));
}

#[tokio::test]
async fn a_pending_migration_is_snapshotted_before_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roadie.db");
    let all = versions();
    let older = all[all.len() - 2];
    older_database(&path, older).await;
    assert_eq!(applied(&path).await, all[..all.len() - 1]);

    let opened = Store::open_with_snapshots(&path, &FixedClock(t0()))
        .await
        .unwrap();
    let reasons: Vec<_> = opened.snapshots.iter().map(|s| s.reason).collect();
    assert_eq!(
        reasons,
        [SnapshotReason::BeforeMigration, SnapshotReason::Daily]
    );
    assert!(
        opened.snapshots[0]
            .path
            .ends_with("roadie-20260401T093000Z-before-migration.db")
    );
    // The snapshot is the database as it was, at the older schema, with its data.
    assert_eq!(
        applied(&opened.snapshots[0].path).await,
        all[..all.len() - 1]
    );
    // The database itself is up to date and kept its data.
    assert_eq!(applied(&path).await, all);
    assert_eq!(slugs(&opened.store).await, ["old"]);
    opened.store.close().await;

    // Nothing pending the next time: no migration snapshot.
    let again = Store::open_with_snapshots(&path, &FixedClock(t0() + Duration::hours(1)))
        .await
        .unwrap();
    assert!(again.snapshots.is_empty());
    again.store.close().await;
}

#[tokio::test]
async fn a_failed_snapshot_means_no_migration_and_an_unchanged_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roadie.db");
    let all = versions();
    older_database(&path, all[all.len() - 2]).await;
    // A file where the backups folder should be: the snapshot cannot be written.
    std::fs::write(dir.path().join("roadie-backups"), "in the way").unwrap();
    let before = schema_and_summits(&path);

    let err = Store::open_with_snapshots(&path, &FixedClock(t0()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Backup(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with("not migrating"), "{message}");
    assert!(message.contains("roadie-backups"), "{message}");
    assert!(message.ends_with("the database is unchanged"), "{message}");
    assert_eq!(applied(&path).await, all[..all.len() - 1]);
    assert_eq!(schema_and_summits(&path), before);
}

/// The schema's SQL and the summits of the database at `path`, read with rusqlite.
fn schema_and_summits(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT coalesce(sql, name) FROM sqlite_master
             UNION ALL SELECT slug || name FROM summits ORDER BY 1",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test]
async fn a_failed_daily_snapshot_is_a_warning_and_the_database_opens() {
    let (dir, path) = existing_database().await;
    std::fs::write(dir.path().join("roadie-backups"), "in the way").unwrap();
    let opened = Store::open_with_snapshots(&path, &FixedClock(t0()))
        .await
        .unwrap();
    assert!(opened.snapshots.is_empty());
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    assert!(
        opened.warnings[0].starts_with("the daily snapshot of"),
        "{}",
        opened.warnings[0]
    );
    assert!(opened.warnings[0].contains("roadie-backups"));
    assert_eq!(slugs(&opened.store).await, ["kept"]);
    opened.store.close().await;
}

#[tokio::test]
async fn a_database_from_a_newer_roadie_is_refused_untouched() {
    let (_dir, path) = existing_database().await;
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&path))
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (9999, 'from the future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    assert_invalid(
        Store::open_with_snapshots(&path, &FixedClock(t0())).await,
        "db",
        "its migration 9999 is unknown to this Roadie (a newer version made it)",
    );
    assert!(backup_names(&path).is_empty());
}

/// Every record, to compare a database before and after.
async fn everything(store: &Store) -> String {
    store.export_json().await.unwrap()
}

/// The restore folders left beside the database (there should be none).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".roadie-"))
        .collect()
}

#[tokio::test]
async fn a_backup_file_restores_the_database_and_its_receipts_into_the_open_store() {
    let store = spawn_store().await;
    let receipts = demo_with_receipts(&store, store.dir.path()).await;
    let saved = everything(&store).await;
    let head = store.verify_audit().await.unwrap().head;

    let out = store.dir.path().join("roadie-backup.zip");
    let report = store.write_backup(&out, t0()).await.unwrap();
    assert_eq!(report.receipts, receipts.len());
    assert!(report.missing_receipts.is_empty());
    assert_eq!(report.schema_version, roadie_core::backup::latest_version());
    assert_eq!(report.size_bytes, std::fs::metadata(&out).unwrap().len());
    assert!(report.size_bytes < report.database_bytes, "{report:?}");

    // The zip: the database, each receipt and the manifest with their SHA-256.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    let mut expected = vec!["manifest.json".to_owned(), "roadie.db".to_owned()];
    expected.extend(
        receipts
            .iter()
            .map(|r| format!("receipts/{}", r.stored_name)),
    );
    expected.sort();
    assert_eq!(names, expected);
    let manifest: serde_json::Value =
        serde_json::from_reader(zip.by_name("manifest.json").unwrap()).unwrap();
    assert_eq!(manifest["format"], "roadie-backup");
    assert_eq!(manifest["format_version"], 1);
    assert_eq!(manifest["created_at"], "2026-04-01T09:30:00Z");
    let receipt_entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == format!("receipts/{}", receipts[0].stored_name))
        .unwrap();
    assert_eq!(receipt_entry["sha256"], receipts[0].sha256);

    // Later changes, and a receipt lost from the folder.
    store.new_summit("later").await;
    let lost = store.receipts_dir().join(&receipts[0].stored_name);
    std::fs::remove_file(&lost).unwrap();
    assert_ne!(everything(&store).await, saved);

    let restored = store
        .restore(&out, t0() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(restored.info.kind, BackupKind::Archive);
    assert_eq!(restored.info.created_at, Some(t0()));
    assert_eq!(restored.info.summits, ["Northwind Open Source Summit"]);
    assert_eq!(restored.info.receipts, receipts.len());
    assert!(restored.info.missing_receipts.is_empty());
    assert_eq!(restored.receipts_written, 1, "only the lost one");
    assert_eq!(restored.snapshot.reason, SnapshotReason::BeforeRestore);

    // The same store, its pool still open, sees the backup's records; and writes again.
    assert_eq!(everything(&store).await, saved);
    assert_eq!(store.verify_audit().await.unwrap().head, head);
    assert_eq!(
        std::fs::read(&lost).unwrap(),
        format!("%PDF-1.4 taxi for request {}", receipts[0].request_id).into_bytes()
    );
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    store.new_summit("after").await;
    // A second store on the file sees it too.
    let other = Store::open(store.path()).await.unwrap();
    assert!(slugs(&other).await.contains(&"after".to_owned()));
    other.close().await;

    // The snapshot taken first holds the database as it was, "later" and all.
    let before = Store::open(&restored.snapshot.path).await.unwrap();
    assert!(slugs(&before).await.contains(&"later".to_owned()));
    before.close().await;
    assert!(leftovers(store.dir.path()).is_empty());
}

#[tokio::test]
async fn a_snapshot_restores_too_and_an_older_one_is_brought_up_to_date() {
    let store = spawn_store().await;
    store.new_summit("now").await;
    let all = versions();
    let older = store.dir.path().join("older.db");
    older_database(&older, all[all.len() - 2]).await;

    let info = store.inspect_backup(&older).await.unwrap();
    assert_eq!(info.kind, BackupKind::Database);
    assert_eq!(info.created_at, None);
    assert_eq!(info.schema_version, all[all.len() - 2]);
    assert_eq!(info.summits, ["Old Summit"]);
    assert_eq!(slugs(&store).await, ["now"], "inspecting changes nothing");

    let restored = store.restore(&older, t0()).await.unwrap();
    assert_eq!(restored.info, info);
    assert_eq!(slugs(&store).await, ["old"]);
    assert_eq!(applied(store.path()).await, all);
    assert_eq!(
        applied(&older).await,
        all[..all.len() - 1],
        "the file is left as it was"
    );
}

/// A backup file rewritten with `change` applied to its entries (name, bytes), manifest unchanged.
fn tampered(source: &Path, target: &Path, change: impl Fn(&str, &mut Vec<u8>) -> bool) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if change(&name, &mut bytes) {
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap();
}

#[tokio::test]
async fn bad_files_are_refused_naming_the_problem_and_the_database_is_untouched() {
    let store = spawn_store().await;
    let receipts = demo_with_receipts(&store, store.dir.path()).await;
    let dir = store.dir.path();
    let good = dir.join("good.zip");
    store.write_backup(&good, t0()).await.unwrap();
    let snapshot = dir.join("snapshot.db");
    store.backup_to(&snapshot).await.unwrap();
    store.new_summit("current").await;
    let saved = everything(&store).await;

    let file = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut cases: Vec<(PathBuf, &str)> = vec![
        (dir.join("missing.zip"), "no such file"),
        (file("notes.txt", b"just some notes"), "not a Roadie backup"),
        (file("empty.zip", b""), "not a Roadie backup"),
    ];

    // A damaged database: the header intact, pages overwritten.
    let mut damaged = std::fs::read(&snapshot).unwrap();
    for byte in &mut damaged[4096 * 2..4096 * 6] {
        *byte = 0xA5;
    }
    cases.push((file("damaged.db", &damaged), "the database is damaged"));

    // A SQLite database that is not Roadie's.
    let foreign = dir.join("foreign.db");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hi');")
        .unwrap();
    drop(conn);
    cases.push((foreign, "not Roadie's (it has no migration history)"));

    // One from a newer Roadie.
    let newer = file("newer.db", &std::fs::read(&snapshot).unwrap());
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.execute_batch(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (9999, 'future', 1, x'00', 0)",
    )
    .unwrap();
    drop(conn);
    cases.push((newer, "migration 9999 is unknown to this Roadie"));

    // A backup whose receipt, or database, was changed after it was made.
    let bad_receipt = dir.join("bad-receipt.zip");
    tampered(&good, &bad_receipt, |name, bytes| {
        if name.starts_with("receipts/") {
            bytes.extend_from_slice(b" and a forged line");
        }
        true
    });
    cases.push((
        bad_receipt,
        "is damaged: its content does not match the SHA-256 in the manifest",
    ));
    let no_manifest = dir.join("no-manifest.zip");
    tampered(&good, &no_manifest, |name, _| name != "manifest.json");
    cases.push((no_manifest, "no manifest.json"));
    let no_receipt = dir.join("no-receipt.zip");
    let dropped = format!("receipts/{}", receipts[0].stored_name);
    tampered(&good, &no_receipt, |name, _| name != dropped);
    cases.push((no_receipt, "listed in the manifest but not in the file"));
    let extra = dir.join("extra.zip");
    {
        tampered(&good, &extra, |_, _| true);
        let mut zip = zip::ZipWriter::new_append(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&extra)
                .unwrap(),
        )
        .unwrap();
        zip.start_file("../escape.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"x").unwrap();
        zip.finish().unwrap();
    }
    cases.push((extra, "../escape.txt is not listed in its manifest"));
    // An export is not a backup.
    let export = dir.join("export.zip");
    store.export_all(&export, t0()).await.unwrap();
    cases.push((export, "is a Roadie export"));

    for (path, expected) in cases {
        let (field, message) = invalid(store.restore(&path, t0()).await);
        assert_eq!(field, "file", "{}", path.display());
        assert!(
            message.starts_with(&path.display().to_string()),
            "{message}"
        );
        assert!(message.contains(expected), "{}: {message}", path.display());
        assert_eq!(everything(&store).await, saved, "{}", path.display());
    }
    assert!(backup_names(store.path()).is_empty(), "no snapshot either");
    assert!(leftovers(dir).is_empty());
    assert!(!dir.parent().unwrap().join("escape.txt").exists());
}

#[tokio::test]
async fn a_failed_snapshot_refuses_the_restore() {
    let store = spawn_store().await;
    let backup = store.dir.path().join("backup.zip");
    store.new_summit("backed-up").await;
    store.write_backup(&backup, t0()).await.unwrap();
    store.new_summit("current").await;
    let saved = everything(&store).await;
    std::fs::write(store.dir.path().join("roadie-backups"), "in the way").unwrap();

    let err = store.restore(&backup, t0()).await.unwrap_err();
    assert!(matches!(err, Error::Backup(_)), "{err:?}");
    assert!(err.to_string().starts_with("not restoring"), "{err}");
    assert!(err.to_string().ends_with("nothing was changed"), "{err}");
    assert_eq!(everything(&store).await, saved);
}

#[tokio::test]
async fn a_backup_notes_receipts_missing_from_the_folder() {
    let store = spawn_store().await;
    let receipts = demo_with_receipts(&store, store.dir.path()).await;
    std::fs::remove_file(store.receipts_dir().join(&receipts[1].stored_name)).unwrap();
    // One changed behind Roadie's back counts as missing: it is not the receipt attached.
    std::fs::write(
        store.receipts_dir().join(&receipts[0].stored_name),
        b"edited",
    )
    .unwrap();
    let out = store.dir.path().join("backup.zip");
    let report = store.write_backup(&out, t0()).await.unwrap();
    assert_eq!(report.receipts, receipts.len() - 2);
    assert_eq!(
        report.missing_receipts,
        [
            receipts[0].stored_name.clone(),
            receipts[1].stored_name.clone()
        ]
    );
    // Restoring it says which receipts are nowhere.
    let info = store.inspect_backup(&out).await.unwrap();
    assert_eq!(info.missing_receipts, report.missing_receipts);
    assert_invalid(
        store
            .write_backup(&store.dir.path().join("no/such/dir/b.zip"), t0())
            .await,
        "out",
        "is not a directory",
    );
}
