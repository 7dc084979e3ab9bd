//! The full export: every record of every table as one JSON document, and its import into an
//! empty database, giving the same records (ids, audit hashes and all). The format is documented
//! in `docs/export-format.md`:
//!
//! ```text
//! {
//!   "format": "roadie-export",
//!   "format_version": 1,
//!   "schema_version": 10,
//!   "tables": [
//!     {"name": "summits", "columns": ["id", "slug", ...], "rows": [
//!       [1, "northwind", ...]
//!     ]},
//!     ...
//!   ]
//! }
//! ```
//!
//! Tables come parents first ([`TABLES`]), rows in primary-key order, values as SQLite stores them:
//! integers and reals as JSON numbers, text as strings, null as null, blobs as
//! `{"base64": "..."}`. Written to a `.zip` name, the export is a zip of `roadie.json`, the receipt
//! files under `receipts/` and a manifest with their SHA-256.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::sqlite::SqliteConnection;
use sqlx::{Row, TypeInfo, ValueRef};
use tokio::io::AsyncReadExt;

use crate::backup::archive::{self, Content, Manifest};
use crate::backup::receipts;
use crate::backup::{RECEIPTS, blocking, schema, stage_beside};
use crate::error::{Error, Result};
use crate::store::{Store, TABLES};

/// The format name of an export.
pub const EXPORT_FORMAT: &str = "roadie-export";
/// The version of the export format this Roadie writes and reads.
pub const EXPORT_FORMAT_VERSION: u32 = 1;
/// The JSON document's name inside a zip export.
const EXPORT_JSON: &str = "roadie.json";

/// What [`Store::export_all`] wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportReport {
    pub path: PathBuf,
    pub size_bytes: u64,
    pub tables: usize,
    pub records: usize,
    pub schema_version: i64,
    /// Receipt files written into a zip export (none into a JSON one).
    pub receipts: usize,
    /// Receipts the database lists that are not in the export: all of them in a JSON export,
    /// those missing from the receipts folder in a zip.
    pub receipts_left_out: Vec<String>,
}

/// What [`Store::import_all`] did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportAllReport {
    pub tables: usize,
    pub records: usize,
    pub schema_version: i64,
    /// Receipt files written into the receipts folder (from a zip export).
    pub receipts_written: usize,
    /// Receipts the records list that are neither in the export nor in the receipts folder.
    pub missing_receipts: Vec<String>,
}

/// The export as read back.
#[derive(Deserialize)]
struct Dump {
    format: String,
    format_version: u32,
    schema_version: i64,
    tables: Vec<TableDump>,
}

#[derive(Deserialize)]
struct TableDump {
    name: String,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// A name quoted for SQL.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables in the database that [`TABLES`] does not list (sqlx's and SQLite's own aside):
/// none, or the export would leave their rows out.
pub async fn unlisted_tables(conn: &mut SqliteConnection) -> Result<Vec<String>> {
    let all: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> '_sqlx_migrations' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(all
        .into_iter()
        .filter(|t| !TABLES.contains(&t.as_str()))
        .collect())
}

/// A table's columns, in order.
async fn columns(conn: &mut SqliteConnection, table: &str) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
            .bind(table)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Every row of `table` as JSON arrays, in primary-key (else rowid) order.
async fn rows(conn: &mut SqliteConnection, table: &str, columns: &[String]) -> Result<Vec<String>> {
    let key: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk")
            .bind(table)
            .fetch_all(&mut *conn)
            .await?;
    let order = if key.is_empty() {
        "rowid".to_owned()
    } else {
        key.iter().map(|k| quoted(k)).collect::<Vec<_>>().join(", ")
    };
    let list = columns
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    let fetched = sqlx::query(&format!(
        "SELECT {list} FROM {} ORDER BY {order}",
        quoted(table)
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(fetched.len());
    for row in fetched {
        let mut values = Vec::with_capacity(columns.len());
        for (i, column) in columns.iter().enumerate() {
            let raw = row.try_get_raw(i)?;
            let value = if raw.is_null() {
                Value::Null
            } else {
                match raw.type_info().name() {
                    "INTEGER" => Value::from(row.try_get::<i64, _>(i)?),
                    "REAL" => {
                        let real = row.try_get::<f64, _>(i)?;
                        serde_json::Number::from_f64(real)
                            .map(Value::Number)
                            .ok_or_else(|| {
                                Error::Backup(format!(
                                    "{table}.{column} holds {real}, which JSON cannot carry"
                                ))
                            })?
                    }
                    "BLOB" => {
                        serde_json::json!({ "base64": BASE64.encode(row.try_get::<Vec<u8>, _>(i)?) })
                    }
                    _ => Value::from(row.try_get::<String, _>(i)?),
                }
            };
            values.push(value);
        }
        out.push(Value::Array(values).to_string());
    }
    Ok(out)
}

/// The most parameters one import statement binds (SQLite allows 32,766).
const MAX_PARAMETERS: usize = 16_000;

/// Binds one exported value to the next parameter of `query`, as SQLite stored it; what it
/// cannot be says why.
fn bind<'q>(
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    value: &'q Value,
) -> std::result::Result<
    sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    String,
> {
    Ok(match value {
        Value::Null => query.bind(None::<i64>),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => query.bind(i),
            (None, Some(f)) if !n.is_u64() => query.bind(f),
            _ => return Err(format!("{n} is out of range")),
        },
        Value::String(s) => query.bind(s.as_str()),
        Value::Object(o) => match o.get("base64").and_then(Value::as_str) {
            Some(b) if o.len() == 1 => {
                query.bind(BASE64.decode(b).map_err(|e| format!("not base64 ({e})"))?)
            }
            _ => return Err("an object other than a blob".into()),
        },
        Value::Bool(_) | Value::Array(_) => {
            return Err(format!("{value} is not a value SQLite stores"));
        }
    })
}

/// A value as JSON text.
fn json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Backup(format!("cannot write JSON: {e}")))
}

impl Store {
    /// Every record of every table as the export's JSON document (see the module's docs), read in
    /// one transaction. The same records always give the same bytes.
    pub async fn export_json(&self) -> Result<String> {
        let mut tx = self.pool.begin().await?;
        let unlisted = unlisted_tables(&mut tx).await?;
        if !unlisted.is_empty() {
            return Err(Error::Backup(format!(
                "not exporting: the table(s) {} are not in the export's list (store::TABLES) and \
                 would be left out",
                unlisted.join(", ")
            )));
        }
        let version = schema::read(&mut tx).await?.version;
        let mut out = format!(
            "{{\n  \"format\": {},\n  \"format_version\": {EXPORT_FORMAT_VERSION},\n  \"schema_version\": {version},\n  \"tables\": [",
            json(&EXPORT_FORMAT)?
        );
        for (i, table) in TABLES.iter().enumerate() {
            let columns = columns(&mut tx, table).await?;
            let rows = rows(&mut tx, table, &columns).await?;
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&format!(
                "    {{\"name\": {}, \"columns\": {}, \"rows\": [",
                json(table)?,
                json(&columns)?
            ));
            for (j, row) in rows.iter().enumerate() {
                out.push_str(if j == 0 { "\n      " } else { ",\n      " });
                out.push_str(row);
            }
            out.push_str(if rows.is_empty() { "]}" } else { "\n    ]}" });
        }
        out.push_str("\n  ]\n}\n");
        tx.rollback().await?;
        Ok(out)
    }

    /// Writes the full export to `out` (made at `at`), replacing it only once complete: the JSON
    /// document, or, when `out` ends in `.zip`, a zip of it with the receipt files and a manifest.
    pub async fn export_all(&self, out: &Path, at: DateTime<Utc>) -> Result<ExportReport> {
        let text = self.export_json().await?;
        let dump: Dump = serde_json::from_str(&text)
            .map_err(|e| Error::Backup(format!("the export does not read back: {e}")))?;
        let records = dump.tables.iter().map(|t| t.rows.len()).sum();
        let listed = receipts::listed(&mut *self.pool.acquire().await?).await?;
        let zipped = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        let (size_bytes, receipts, receipts_left_out) = if zipped {
            let receipts_dir = self.receipts_dir();
            let target = out.to_owned();
            let version = dump.schema_version;
            blocking(move || {
                let (found, missing) = receipts::locate(&receipts_dir, &listed);
                let mut entries = vec![(EXPORT_JSON.to_owned(), Content::Bytes(text.into_bytes()))];
                entries.extend(found.iter().map(|r| {
                    (
                        format!("{RECEIPTS}/{}", r.stored_name),
                        Content::File(r.path.clone()),
                    )
                }));
                let manifest = Manifest {
                    format: EXPORT_FORMAT.into(),
                    format_version: EXPORT_FORMAT_VERSION,
                    created_at: at,
                    schema_version: version,
                    files: Vec::new(),
                    missing_receipts: missing.clone(),
                };
                Ok((
                    archive::write(&target, entries, manifest)?,
                    found.len(),
                    missing,
                ))
            })
            .await?
        } else {
            let size = text.len() as u64;
            crate::files::write_atomically(out, text.into_bytes()).await?;
            let all = listed.into_iter().map(|r| r.stored_name).collect();
            (size, 0, all)
        };
        Ok(ExportReport {
            path: out.to_owned(),
            size_bytes,
            tables: dump.tables.len(),
            records,
            schema_version: dump.schema_version,
            receipts,
            receipts_left_out,
        })
    }

    /// Imports a full export (JSON, or a zip export with its receipts) into this database, which
    /// must be empty, in one transaction: the same records, ids, audit hashes and all. A bad file
    /// is an `Invalid` error on `file`, a database with records one on `db`; either changes
    /// nothing.
    pub async fn import_all(&self, file: &Path) -> Result<ImportAllReport> {
        let shown = file.display().to_string();
        let bad = |message: String| Error::invalid("file", format!("{shown}: {message}"));
        let mut head = [0u8; 4];
        let mut opened = tokio::fs::File::open(file).await.map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                bad("no such file".into())
            } else {
                Error::io(file)(e)
            }
        })?;
        let read = opened.read(&mut head).await.map_err(Error::io(file))?;
        drop(opened);
        let stage = stage_beside(self.path(), ".roadie-import-")?;
        let (bytes, staged_receipts) = if archive::is_zip(&head[..read]) {
            let (from, into) = (file.to_owned(), stage.path().to_owned());
            blocking(move || archive::extract(&from, &into, EXPORT_FORMAT)).await?;
            let json = stage.path().join(EXPORT_JSON);
            let bytes = tokio::fs::read(&json)
                .await
                .map_err(|_| bad(format!("the export holds no {EXPORT_JSON}")))?;
            (bytes, Some(stage.path().join(RECEIPTS)))
        } else {
            (tokio::fs::read(file).await.map_err(Error::io(file))?, None)
        };
        let dump: Dump = serde_json::from_slice(&bytes)
            .map_err(|e| bad(format!("not a Roadie export ({e})")))?;
        drop(bytes);
        if dump.format != EXPORT_FORMAT {
            return Err(bad(format!(
                "not a Roadie export (its format is {:?}, not {EXPORT_FORMAT:?})",
                dump.format
            )));
        }
        if dump.format_version != EXPORT_FORMAT_VERSION {
            return Err(bad(format!(
                "export format version {} is not one this Roadie reads ({EXPORT_FORMAT_VERSION}); \
                 update Roadie",
                dump.format_version
            )));
        }
        let ours = schema::latest_version();
        if dump.schema_version != ours {
            return Err(bad(format!(
                "it was exported at schema version {}, this Roadie's is {ours}: import it with \
                 the Roadie that made it and restore a backup from there instead",
                dump.schema_version
            )));
        }
        let mut names = HashSet::new();
        for table in &dump.tables {
            if !TABLES.contains(&table.name.as_str()) {
                return Err(bad(format!(
                    "it has a table {:?} Roadie does not know",
                    table.name
                )));
            }
            if !names.insert(table.name.as_str()) {
                return Err(bad(format!("it has the table {} twice", table.name)));
            }
        }
        if let Some(absent) = TABLES.iter().find(|t| !names.contains(**t)) {
            return Err(bad(format!("it has no table {absent}")));
        }

        let mut tx = self.pool.begin().await?;
        let mut held = 0;
        for table in TABLES {
            let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", quoted(table)))
                .fetch_one(&mut *tx)
                .await?;
            held += n;
        }
        if held > 0 {
            return Err(Error::invalid(
                "db",
                format!(
                    "{} is not empty ({held} records); import into a new database \
                     (e.g. roadie --db new.db import all FILE)",
                    self.path().display()
                ),
            ));
        }
        // Rows may refer to rows later in the file (or in the same table): checked at commit.
        sqlx::query("PRAGMA defer_foreign_keys = ON")
            .execute(&mut *tx)
            .await?;
        let mut records = 0;
        for name in TABLES {
            let Some(table) = dump.tables.iter().find(|t| t.name == name) else {
                continue;
            };
            let ours = columns(&mut tx, name).await?;
            let theirs: HashSet<&str> = table.columns.iter().map(String::as_str).collect();
            if let Some(extra) = table.columns.iter().find(|c| !ours.contains(c)) {
                return Err(bad(format!(
                    "table {name} has a column {extra:?} Roadie does not know"
                )));
            }
            if let Some(absent) = ours.iter().find(|c| !theirs.contains(c.as_str())) {
                return Err(bad(format!("table {name} has no column {absent}")));
            }
            if theirs.len() != table.columns.len() {
                return Err(bad(format!("table {name} names a column twice")));
            }
            // Many rows per statement (each row a tuple of parameters): far fewer round trips
            // than one statement per row, and the same row triggers, row by row.
            let width = table.columns.len();
            let per_statement = (MAX_PARAMETERS / width.max(1)).clamp(1, 256);
            let head = format!(
                "INSERT INTO {} ({}) VALUES ",
                quoted(name),
                table
                    .columns
                    .iter()
                    .map(|c| quoted(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            let tuple = format!("({})", vec!["?"; width].join(", "));
            for (c, chunk) in table.rows.chunks(per_statement).enumerate() {
                let first = c * per_statement + 1;
                let sql = format!("{head}{}", vec![tuple.as_str(); chunk.len()].join(", "));
                let mut query = sqlx::query(&sql);
                for (i, row) in chunk.iter().enumerate() {
                    let at = |message: String| {
                        bad(format!("table {name}, row {}: {message}", first + i))
                    };
                    if row.len() != width {
                        return Err(at(format!("{} values for {width} columns", row.len())));
                    }
                    for (value, column) in row.iter().zip(&table.columns) {
                        query = bind(query, value).map_err(|m| at(format!("{column}: {m}")))?;
                    }
                }
                query.execute(&mut *tx).await.map_err(|e| match e {
                    sqlx::Error::Database(d) if chunk.len() == 1 => {
                        bad(format!("table {name}, row {first}: {}", d.message()))
                    }
                    sqlx::Error::Database(d) => bad(format!(
                        "table {name}, one of rows {first}–{}: {}",
                        first + chunk.len() - 1,
                        d.message()
                    )),
                    other => other.into(),
                })?;
            }
            records += table.rows.len();
        }
        let listed = receipts::listed(&mut tx).await?;
        if let Some(odd) = listed
            .iter()
            .find(|r| receipts::relative_path(&r.stored_name).is_none())
        {
            return Err(bad(format!(
                "it lists a receipt at {:?}, outside the receipts folder",
                odd.stored_name
            )));
        }
        let receipts_dir = self.receipts_dir();
        let (receipts_written, missing_receipts) = blocking(move || {
            let (staged, not_staged) = match &staged_receipts {
                Some(dir) => receipts::locate(dir, &listed),
                None => (
                    Vec::new(),
                    listed.iter().map(|r| r.stored_name.clone()).collect(),
                ),
            };
            let written = receipts::install(&staged, &receipts_dir)?;
            let rest: Vec<_> = listed
                .into_iter()
                .filter(|r| not_staged.contains(&r.stored_name))
                .collect();
            Ok((written, receipts::locate(&receipts_dir, &rest).1))
        })
        .await?;
        tx.commit().await.map_err(|e| match e {
            sqlx::Error::Database(d) => bad(format!(
                "its records do not fit together ({}); nothing was imported",
                d.message()
            )),
            other => other.into(),
        })?;
        drop(stage);
        Ok(ImportAllReport {
            tables: dump.tables.len(),
            records,
            schema_version: dump.schema_version,
            receipts_written,
            missing_receipts,
        })
    }
}
