//! The full export: every table covered; export → import into a new database → export gives the
//! same bytes, and every table's rows read back by an independent reader (rusqlite) are the same,
//! the audit chain intact and receipts carried in a zip; bad exports and databases with records
//! refused, leaving the database as it was.

use std::path::Path;

use roadie_core::import::{ScheduleOptions, parse_schedule};
use roadie_core::store::TABLES;
use rusqlite::types::Value as Sql;
use serde_json::{Value, json};

use crate::backups::{demo_with_receipts, t0};
use crate::helpers::*;

/// The tables in the database at `path` (sqlx's and SQLite's own aside), by name.
fn tables_in(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> '_sqlx_migrations'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every row of `table` in the database at `path`, in the order of its first columns.
fn rows_in(path: &Path, table: &str) -> Vec<Vec<Sql>> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
        .unwrap();
    let width = stmt.column_count();
    stmt.query_map([], |row| (0..width).map(|i| row.get::<_, Sql>(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A database with rows in every table: the small demo with receipts, an imported schedule, a
/// CalDAV collection published to, and the demo's organisers' calendar made (its shipping days'
/// sequences kept).
async fn full_database() -> TestStore {
    let store = spawn_store().await;
    demo_with_receipts(&store, store.dir.path()).await;
    let schedule = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schedules/tiny.c3voc.json"),
    )
    .unwrap();
    store
        .import_schedule(
            &parse_schedule(&schedule).unwrap(),
            &ScheduleOptions {
                summit: "tiny".into(),
                tz: None,
                currency: None,
            },
            &|_| {},
        )
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO caldav_targets (summit_id, audience, url, username)
         VALUES (1, 'public', 'https://dav.example.org/cal/', 'ada');
         INSERT INTO caldav_resources (collection_url, uid, etag, content_hash, published_at)
         VALUES ('https://dav.example.org/cal/', 'b@roadie', '\"2\"', 'x', 1775035800),
                ('https://dav.example.org/cal/', 'a@roadie', '\"1\"', 'y', 1775035800);",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let demo = store.summit_by_slug("northwind").await.unwrap();
    store
        .calendar(roadie_core::Feed::Summit {
            summit_id: demo.id,
            audience: roadie_core::CalendarAudience::Organisers,
        })
        .await
        .unwrap();
    for table in TABLES {
        assert!(store.count(table).await > 0, "{table} is empty");
    }
    store
}

#[tokio::test]
async fn every_table_is_in_the_export() {
    let store = spawn_store().await;
    let mut listed: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    listed.sort();
    assert_eq!(
        tables_in(&store.db_path()),
        listed,
        "store::TABLES must list every table, or the full export leaves its rows out"
    );
    let doc: Value = serde_json::from_str(&store.export_json().await.unwrap()).unwrap();
    let names: Vec<&str> = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, TABLES);
    assert_eq!(doc["format"], "roadie-export");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["schema_version"], roadie_core::backup::latest_version());
}

#[tokio::test]
async fn an_export_imported_into_a_new_database_gives_the_same_records() {
    let store = full_database().await;
    let audit = store.verify_audit().await.unwrap();
    assert!(audit.is_intact() && audit.rows > 10, "{audit:?}");
    let receipts: i64 = store.count("travel_receipts").await;

    let out = store.dir.path().join("all.json");
    let report = store.export_all(&out, t0()).await.unwrap();
    assert_eq!(report.tables, TABLES.len());
    assert_eq!(report.receipts, 0);
    assert_eq!(report.receipts_left_out.len() as i64, receipts);
    let exported = std::fs::read_to_string(&out).unwrap();

    let copy = spawn_store().await;
    let imported = copy.import_all(&out).await.unwrap();
    assert_eq!(imported.records, report.records);
    assert_eq!(imported.tables, TABLES.len());
    assert_eq!(
        imported.missing_receipts.len() as i64,
        receipts,
        "not in its folder"
    );

    // Exported again: the same bytes.
    assert_eq!(copy.export_json().await.unwrap(), exported);
    // Every table, read back by rusqlite from both files: the same rows.
    let tables = tables_in(&store.db_path());
    assert_eq!(tables_in(&copy.db_path()), tables);
    for table in &tables {
        let rows = rows_in(&store.db_path(), table);
        assert!(!rows.is_empty(), "{table}");
        assert_eq!(rows_in(&copy.db_path(), table), rows, "{table}");
    }
    // The audit log kept its ids and hashes: its chain verifies, to the same head.
    let copied = copy.verify_audit().await.unwrap();
    assert!(copied.is_intact(), "{copied:?}");
    assert_eq!((copied.rows, copied.head), (audit.rows, audit.head));

    // A zip export carries the receipt files.
    let zipped = store.dir.path().join("all.zip");
    let report = store.export_all(&zipped, t0()).await.unwrap();
    assert_eq!(report.receipts as i64, receipts);
    assert!(report.receipts_left_out.is_empty());
    let third = spawn_store().await;
    let imported = third.import_all(&zipped).await.unwrap();
    assert_eq!(imported.receipts_written as i64, receipts);
    assert!(imported.missing_receipts.is_empty());
    assert_eq!(third.export_json().await.unwrap(), exported);
    for receipt in store.travel_receipts(9).await.unwrap() {
        assert_eq!(
            std::fs::read(third.receipts_dir().join(&receipt.stored_name)).unwrap(),
            std::fs::read(store.receipts_dir().join(&receipt.stored_name)).unwrap()
        );
    }
}

#[tokio::test]
async fn an_import_into_a_database_with_records_is_refused() {
    let store = spawn_store().await;
    store.new_summit("source").await;
    let out = store.dir.path().join("all.json");
    store.export_all(&out, t0()).await.unwrap();
    let saved = store.export_json().await.unwrap();
    assert_invalid(
        store.import_all(&out).await,
        "db",
        "is not empty (1 records); import into a new database",
    );
    assert_eq!(store.export_json().await.unwrap(), saved);
}

#[tokio::test]
async fn bad_exports_are_refused_and_the_database_stays_empty() {
    let source = spawn_store().await;
    let summit = source.new_summit("source").await;
    source
        .add_gathering(&session(summit.id, "Opening", "2026-06-01 09:00"))
        .await
        .unwrap();
    let good: Value = serde_json::from_str(&source.export_json().await.unwrap()).unwrap();
    let backup = source.dir.path().join("backup.zip");
    source.write_backup(&backup, t0()).await.unwrap();

    let changed = |change: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        change(&mut doc);
        doc.to_string()
    };
    let table = |doc: &mut Value, name: &str| -> usize {
        doc["tables"]
            .as_array()
            .unwrap()
            .iter()
            .position(|t| t["name"] == name)
            .unwrap()
    };
    let schema = roadie_core::backup::latest_version();
    let cases: Vec<(String, &str)> =
        vec![
        ("{ not json".into(), "not a Roadie export (key must be a string"),
        (
            json!({"format": "other", "format_version": 1, "schema_version": schema, "tables": []})
                .to_string(),
            "not a Roadie export (its format is \"other\"",
        ),
        (
            changed(&|d| d["format_version"] = json!(2)),
            "export format version 2 is not one this Roadie reads (1)",
        ),
        (
            changed(&|d| d["schema_version"] = json!(schema - 1)),
            "it was exported at schema version",
        ),
        (
            changed(&|d| {
                let i = table(d, "speakers");
                d["tables"].as_array_mut().unwrap().remove(i);
            }),
            "it has no table speakers",
        ),
        (
            changed(&|d| {
                d["tables"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"name": "secrets", "columns": [], "rows": []}));
            }),
            "it has a table \"secrets\" Roadie does not know",
        ),
        (
            changed(&|d| {
                let i = table(d, "gatherings");
                d["tables"][i]["columns"].as_array_mut().unwrap().pop();
                d["tables"][i]["rows"][0].as_array_mut().unwrap().pop();
            }),
            "table gatherings has no column",
        ),
        (
            changed(&|d| {
                let i = table(d, "gatherings");
                d["tables"][i]["rows"][0].as_array_mut().unwrap().pop();
            }),
            "table gatherings, row 1: 20 values for 21 columns",
        ),
        (
            changed(&|d| {
                let i = table(d, "gatherings");
                d["tables"][i]["rows"][0][2] = json!(999);
            }),
            "its records do not fit together (FOREIGN KEY constraint failed)",
        ),
        (
            changed(&|d| {
                let i = table(d, "summits");
                d["tables"][i]["rows"][0][1] = json!(true);
            }),
            "table summits, row 1: slug: true is not a value SQLite stores",
        ),
        (
            changed(&|d| {
                let i = table(d, "summits");
                d["tables"][i]["rows"][0][9] = json!("lots");
            }),
            "table summits, row 1: cannot store TEXT value in INTEGER column summits.budget_minor",
        ),
    ];
    let store = spawn_store().await;
    for (i, (text, expected)) in cases.into_iter().enumerate() {
        let path = store.dir.path().join(format!("case-{i}.json"));
        std::fs::write(&path, text).unwrap();
        assert_invalid(store.import_all(&path).await, "file", expected);
        for table in TABLES {
            assert_eq!(store.count(table).await, 0, "case {i}: {table}");
        }
    }
    assert_invalid(
        store.import_all(&backup).await,
        "file",
        "is a Roadie backup",
    );
    assert_invalid(
        store
            .import_all(&store.dir.path().join("nothing.json"))
            .await,
        "file",
        "no such file",
    );
}
