//! Which of Roadie's migrations a database has, which it lacks, and whether this Roadie can use it.

use sqlx::SqliteConnection;

use crate::error::Result;
use crate::store::MIGRATOR;

/// What a database's migration history says.
#[derive(Clone, Debug)]
pub(crate) struct Schema {
    /// Whether the database holds any table at all (a new, empty file holds none).
    pub has_tables: bool,
    /// Whether it has sqlx's migration history.
    pub has_history: bool,
    /// The latest migration applied, 0 for none.
    pub version: i64,
    /// This Roadie's migrations the database lacks, oldest first.
    pub pending: Vec<i64>,
    applied: Vec<Applied>,
}

#[derive(Clone, Debug)]
struct Applied {
    version: i64,
    checksum: Vec<u8>,
    success: bool,
}

/// The latest migration this Roadie has: the schema version of the databases it writes.
pub fn latest_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Reads the migration history of the database on `conn`.
pub(crate) async fn read(conn: &mut SqliteConnection) -> Result<Schema> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .fetch_all(&mut *conn)
    .await?;
    let has_history = tables.iter().any(|t| t == "_sqlx_migrations");
    let applied: Vec<(i64, Vec<u8>, bool)> = if has_history {
        sqlx::query_as("SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await?
    } else {
        Vec::new()
    };
    let applied: Vec<Applied> = applied
        .into_iter()
        .map(|(version, checksum, success)| Applied {
            version,
            checksum,
            success,
        })
        .collect();
    let pending = MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| m.version)
        .filter(|v| !applied.iter().any(|a| a.version == *v))
        .collect();
    Ok(Schema {
        has_tables: !tables.is_empty(),
        has_history,
        version: applied
            .iter()
            .filter(|a| a.success)
            .map(|a| a.version)
            .max()
            .unwrap_or(0),
        pending,
        applied,
    })
}

impl Schema {
    /// Why this Roadie cannot use the database: a migration it does not know (a newer Roadie made
    /// it), one whose content differs from its own, or one that did not complete.
    pub fn problem(&self) -> Option<String> {
        self.applied.iter().find_map(|a| {
            let Some(ours) = MIGRATOR.iter().find(|m| m.version == a.version) else {
                return Some(format!(
                    "its migration {} is unknown to this Roadie (a newer version made it); \
                     update Roadie to open it",
                    a.version
                ));
            };
            if !a.success {
                Some(format!("its migration {} did not complete", a.version))
            } else if *ours.checksum != *a.checksum {
                Some(format!(
                    "its migration {} differs from this Roadie's ({})",
                    a.version, ours.description
                ))
            } else {
                None
            }
        })
    }
}
