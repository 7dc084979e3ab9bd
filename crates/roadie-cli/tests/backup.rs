//! `roadie backup`, `roadie restore`, `roadie export all`, `roadie import all` and the automatic
//! snapshots, run as users script them: the real binary on real database files, exit codes and
//! messages. A database "made by an older Roadie" is built with rusqlite from all but the latest
//! migration file, recorded as sqlx records them (checksum: SHA-384 of the file).
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions; a failure here is a failed test

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha384};
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("roadie.db")
    }

    fn roadie_on(&self, db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("roadie")
            .unwrap()
            .arg("--db")
            .arg(db)
            .args(args)
            .assert()
    }

    fn roadie(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.roadie_on(&self.db(), args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.roadie(args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    fn slugs(&self) -> Vec<String> {
        let list: Value = serde_json::from_str(&self.ok(&["summit", "list", "--json"])).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .map(|s| s["slug"].as_str().unwrap().to_owned())
            .collect()
    }

    fn summit(&self, slug: &str) {
        self.ok(&[
            "summit",
            "create",
            "--name",
            &format!("Summit {slug}"),
            "--slug",
            slug,
            "--tz",
            "Europe/Berlin",
            "--start",
            "2026-06-01",
            "--end",
            "2026-06-03",
            "--currency",
            "EUR",
        ]);
    }

    /// The file names in the backups folder.
    fn backups(&self) -> Vec<String> {
        let mut names: Vec<String> = match std::fs::read_dir(self.path("roadie-backups")) {
            Ok(entries) => entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
    }
}

/// Roadie's migration files, oldest first.
fn migrations() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../roadie-core/migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

/// A database at `path` as the Roadie before the latest migration left it, with one summit.
fn older_database(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,
         installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL,
         checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)",
    )
    .unwrap();
    let files = migrations();
    for file in &files[..files.len() - 1] {
        let sql = std::fs::read_to_string(file).unwrap();
        conn.execute_batch(&sql).unwrap();
        let name = file.file_stem().unwrap().to_str().unwrap();
        let (version, description) = name.split_once('_').unwrap();
        conn.execute(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES (?1, ?2, 1, ?3, 0)",
            rusqlite::params![
                version.parse::<i64>().unwrap(),
                description.replace('_', " "),
                Sha384::digest(sql.as_bytes()).to_vec()
            ],
        )
        .unwrap();
    }
    conn.execute_batch(
        "INSERT INTO summits (slug, name, tz, start_date, end_date, currency)
         VALUES ('old', 'Old Summit', 'Europe/Berlin', '2026-06-01', '2026-06-03', 'EUR')",
    )
    .unwrap();
    files.len() as i64 - 1
}

fn migrations_applied(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM _sqlx_migrations", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_file_is_restored_over_later_changes() {
    let env = Env::new();
    env.summit("kept");
    let backup = env.path("roadie-backup.zip");
    env.roadie(&["backup", "--out", backup.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("backed up").and(predicate::str::contains("0 receipts")));
    let report: Value =
        serde_json::from_str(&env.ok(&["backup", "--out", backup.to_str().unwrap(), "--json"]))
            .unwrap();
    assert_eq!(report["receipts"], 0);
    assert!(report["size_bytes"].as_u64().unwrap() > 0);
    env.summit("later");

    let info: Value =
        serde_json::from_str(&env.ok(&["restore", backup.to_str().unwrap(), "--check", "--json"]))
            .unwrap();
    assert_eq!(info["kind"], "archive");
    assert_eq!(info["summits"], serde_json::json!(["Summit kept"]));
    assert_eq!(env.slugs(), ["kept", "later"], "--check changes nothing");

    env.roadie(&["restore", backup.to_str().unwrap()])
        .success()
        .stdout(
            predicate::str::contains("restored").and(predicate::str::contains(
                "the database as it was is kept in",
            )),
        );
    assert_eq!(env.slugs(), ["kept"]);
    assert!(
        env.backups()
            .iter()
            .any(|n| n.ends_with("-before-restore.db")),
        "{:?}",
        env.backups()
    );
}

#[test]
fn a_bad_backup_is_refused_with_exit_2_and_the_database_untouched() {
    let env = Env::new();
    env.summit("kept");
    let notes = env.path("notes.db");
    std::fs::write(&notes, "not a database").unwrap();
    env.roadie(&["restore", notes.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "roadie: file: {}: not a Roadie backup",
            notes.display()
        )));
    let missing = env.path("missing.zip");
    env.roadie(&["restore", missing.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(format!(
            "roadie: file: {}: no such file",
            missing.display()
        )));
    let foreign = env.path("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    env.roadie(&["restore", foreign.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(
            "not Roadie's (it has no migration history)",
        ));
    assert_eq!(env.slugs(), ["kept"]);
    assert!(
        !env.backups().iter().any(|n| n.contains("before-restore")),
        "{:?}",
        env.backups()
    );
}

#[test]
fn the_full_export_imports_into_a_new_database_and_exports_the_same() {
    let env = Env::new();
    env.ok(&["demo"]);
    let export = env.path("all.json");
    env.roadie(&["export", "all", "--out", export.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("records of 27 tables"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(doc["format"], "roadie-export");
    assert_eq!(doc["format_version"], 1);

    let copy = env.path("copy.db");
    env.roadie_on(&copy, &["import", "all", export.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("imported"));
    let again = env.path("again.json");
    env.roadie_on(&copy, &["export", "all", "--out", again.to_str().unwrap()])
        .success();
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&export).unwrap()
    );
    env.roadie_on(&copy, &["audit", "verify"])
        .success()
        .stdout(predicate::str::contains("audit log intact"));

    // Not into a database with records.
    env.roadie_on(&copy, &["import", "all", export.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(format!(
            "roadie: db: {} is not empty",
            copy.display()
        )));
    let bad = env.path("bad.json");
    std::fs::write(&bad, r#"{"format": "roadie-export"}"#).unwrap();
    env.roadie_on(
        &env.path("empty.db"),
        &["import", "all", bad.to_str().unwrap()],
    )
    .code(2)
    .stderr(predicate::str::starts_with(format!(
        "roadie: file: {}: not a Roadie export",
        bad.display()
    )));
}

#[test]
fn one_snapshot_a_day_and_a_warning_when_it_fails() {
    let env = Env::new();
    env.summit("kept");
    assert!(env.backups().is_empty(), "a new database needs none");
    env.ok(&["summit", "list"]);
    env.ok(&["summit", "list"]);
    let taken = env.backups();
    assert_eq!(taken.len(), 1, "{taken:?}");
    assert!(taken[0].ends_with("-daily.db"), "{taken:?}");

    let other = Env::new();
    other.summit("kept");
    std::fs::write(other.path("roadie-backups"), "in the way").unwrap();
    other
        .roadie(&["summit", "list"])
        .success()
        .stdout(predicate::str::contains("kept"))
        .stderr(predicate::str::starts_with(format!(
            "roadie: warning: the daily snapshot of {} was not taken",
            other.db().display()
        )));
}

#[test]
fn a_migration_runs_only_after_its_snapshot() {
    let env = Env::new();
    let older = older_database(&env.db());
    std::fs::write(env.path("roadie-backups"), "in the way").unwrap();
    env.roadie(&["summit", "list"]).code(1).stderr(
        predicate::str::starts_with(format!("roadie: not migrating {}", env.db().display()))
            .and(predicate::str::contains("the database is unchanged")),
    );
    assert_eq!(migrations_applied(&env.db()), older);

    std::fs::remove_file(env.path("roadie-backups")).unwrap();
    env.roadie(&["summit", "list"])
        .success()
        .stdout(predicate::str::contains("old"))
        .stderr(predicate::str::contains(
            "roadie: saved a snapshot of the database before migrating it: ",
        ));
    assert_eq!(migrations_applied(&env.db()), older + 1);
    let taken = env.backups();
    assert!(
        taken.iter().any(|n| n.ends_with("-before-migration.db")),
        "{taken:?}"
    );
    let snapshot = taken
        .iter()
        .find(|n| n.ends_with("-before-migration.db"))
        .unwrap();
    assert_eq!(
        migrations_applied(&env.path("roadie-backups").join(snapshot)),
        older
    );
}
