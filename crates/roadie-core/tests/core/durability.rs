//! The settings every connection gets (README, "Data safety"): SQLite applies `synchronous`,
//! `foreign_keys` and `busy_timeout` per connection, so each connection of the pool is checked,
//! held at once so that they are distinct.

use crate::helpers::*;

#[tokio::test]
async fn every_connection_is_wal_synchronous_full_with_foreign_keys_and_a_busy_timeout() {
    let store = spawn_store().await;
    let mut held = Vec::new();
    let size = store.pool().options().get_max_connections();
    assert!(size >= 2, "a pool of {size}");
    for _ in 0..size {
        held.push(store.pool().acquire().await.unwrap());
    }
    for conn in &mut held {
        let mut pragma = async |name: &str| -> i64 {
            sqlx::query_scalar(&format!("PRAGMA {name}"))
                .fetch_one(&mut **conn)
                .await
                .unwrap()
        };
        assert_eq!(pragma("synchronous").await, 2, "FULL");
        assert_eq!(pragma("foreign_keys").await, 1);
        assert_eq!(pragma("busy_timeout").await, 10_000);
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(journal, "wal");
    }
}
