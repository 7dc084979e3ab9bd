use roadie_core::{SpeakerFilter, Store};

use crate::helpers::*;

#[tokio::test]
async fn a_second_store_on_the_same_file_sees_the_data() {
    let store = spawn_store().await;
    let summit = store.new_summit("s").await;
    let speaker = store.add_speaker(&speaker_data("Ada")).await.unwrap();
    let second = Store::open(&store.db_path()).await.unwrap();
    assert_eq!(second.path(), store.db_path());
    assert_eq!(second.summit(summit.id).await.unwrap(), summit);
    assert_eq!(
        second
            .list_speakers(&SpeakerFilter::default())
            .await
            .unwrap(),
        vec![speaker]
    );
    // And writes through the second are seen by the first.
    let other = second.create_summit(&summit_data("other")).await.unwrap();
    assert_eq!(store.summit(other.id).await.unwrap(), other);
    second.close().await;
}

#[tokio::test]
async fn data_survives_closing_and_reopening() {
    let store = spawn_store().await;
    let summit = store.new_summit("s").await;
    let path = store.db_path();
    let TestStore { store, dir } = store;
    store.close().await;
    let reopened = Store::open(&path).await.unwrap();
    assert_eq!(reopened.list_summits().await.unwrap(), vec![summit]);
    reopened.close().await;
    drop(dir);
}

#[tokio::test]
async fn connections_use_wal_and_enforce_foreign_keys() {
    let store = spawn_store().await;
    let mut conn = store.pool().acquire().await.unwrap();
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(foreign_keys, 1);
    let busy_timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert!(busy_timeout > 0, "busy_timeout is {busy_timeout}");
}

#[tokio::test]
async fn the_migrations_are_applied_once() {
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .filter(|f| f.as_ref().unwrap().path().extension() == Some("sql".as_ref()))
        .count() as i64;
    assert!(files >= 2, "{files} migration files");
    let store = spawn_store().await;
    assert_eq!(store.count("_sqlx_migrations").await, files);
    let ok: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success = 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(ok, files);
    // Opening again does not apply them twice.
    let second = Store::open(&store.db_path()).await.unwrap();
    assert_eq!(store.count("_sqlx_migrations").await, files);
    second.close().await;
    for table in roadie_core::store::TABLES {
        assert_eq!(store.count(table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_store_in_a_missing_directory_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("deeper").join("roadie.db");
    let store = Store::open(&path).await.unwrap();
    assert!(path.exists());
    assert!(store.list_summits().await.unwrap().is_empty());
    store.close().await;
}

#[tokio::test]
async fn a_backup_is_a_complete_database_that_replaces_the_file_it_is_saved_over() {
    let store = spawn_store().await;
    store.new_summit("kept").await;
    let target = store.dir.path().join("copy.db");
    std::fs::write(&target, b"an older file").unwrap();

    store.backup_to(&target).await.unwrap();

    let copy = roadie_core::Store::open(&target).await.unwrap();
    let slugs: Vec<_> = copy
        .list_summits()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.data.slug)
        .collect();
    assert_eq!(slugs, ["kept"]);
    assert!(!store.dir.path().join("copy.db.partial").exists());
}

#[tokio::test]
async fn a_backup_to_a_missing_folder_fails_naming_the_path() {
    let store = spawn_store().await;
    let target = store.dir.path().join("no-such-dir").join("copy.db");
    let err = store.backup_to(&target).await.unwrap_err();
    assert!(err.to_string().contains("copy.db"), "{err}");
}
