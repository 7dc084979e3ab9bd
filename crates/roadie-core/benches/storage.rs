//! Storage benchmark: Roadie's sqlx path side by side with a plain rusqlite baseline.
//!
//! - insert: `Store::seed_demo(Scale::Large)` in one transaction, against rusqlite inserting exactly
//!   the rows sqlx wrote (read back out of the sqlx database beforehand) into a fresh file with the
//!   same schema and pragmas, through cached prepared statements in one transaction.
//! - list: `Store::list_gatherings` for the demo summit, against a rusqlite SELECT of the same
//!   columns in the same order mapped into a struct; the median of several runs.
//!
//! Run with `cargo bench -p roadie-core --bench storage`. The goal is for the sqlx insert path to
//! reach at least half the baseline's throughput.

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use roadie_core::demo::Scale;
use roadie_core::store::TABLES;
use roadie_core::{GatheringFilter, Store};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

type BenchResult<T> = std::result::Result<T, Box<dyn Error>>;

/// The store's migrations, in the order `sqlx::migrate!` applies them (by version, the file names'
/// numeric prefix), so the baseline gets exactly the store's schema.
fn migrations() -> BenchResult<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "sql"));
    files.sort();
    Ok(files
        .iter()
        .map(std::fs::read_to_string)
        .collect::<std::io::Result<_>>()?)
}

/// Seeding runs per side, each into a fresh file; the median is reported.
const INSERT_RUNS: usize = 3;

/// Listing runs per side, after a warm-up; the median is reported.
const LIST_RUNS: usize = 5;

/// One table's rows, read back from the sqlx database.
struct TableRows {
    name: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// The gathering columns, as the baseline reads them.
#[allow(dead_code)] // Read only to make the baseline pay for the mapping, as sqlx does.
struct GatheringRow {
    id: i64,
    uid: String,
    summit_id: Option<i64>,
    kind: String,
    title: String,
    description: Option<String>,
    starts_at: i64,
    ends_at: i64,
    tz: String,
    venue: Option<String>,
    room: Option<String>,
    url: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    track: Option<String>,
    capacity: Option<i64>,
    expected_headcount: Option<i64>,
    audience: String,
    status: String,
    recurrence: Option<String>,
    sequence: i64,
}

/// One line of the results table.
struct Line {
    operation: &'static str,
    rows: usize,
    sqlx: Duration,
    baseline: Duration,
}

impl Line {
    /// sqlx throughput over baseline throughput (the same rows, so the inverse ratio of times).
    fn ratio(&self) -> f64 {
        self.baseline.as_secs_f64() / self.sqlx.as_secs_f64()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn per_second(rows: usize, d: Duration) -> f64 {
    rows as f64 / d.as_secs_f64()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs.get(runs.len() / 2).copied().unwrap_or_default()
}

/// The same pragmas `Store::open` sets.
fn open_baseline(path: &Path) -> BenchResult<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(Duration::from_secs(10))?;
    Ok(conn)
}

/// Every row of every demo table, in rowid (or primary key) order.
fn read_back(path: &Path) -> BenchResult<Vec<TableRows>> {
    let conn = Connection::open(path)?;
    let mut tables = Vec::with_capacity(TABLES.len());
    for name in TABLES {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {name}"))?;
        let columns: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
        let width = columns.len();
        let rows = stmt
            .query_map([], |row| {
                (0..width)
                    .map(|i| row.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        tables.push(TableRows {
            name,
            columns,
            rows,
        });
    }
    Ok(tables)
}

/// Inserts `tables` into a fresh database at `path`; returns the time the inserts took.
fn baseline_insert(path: &Path, tables: &[TableRows]) -> BenchResult<Duration> {
    let mut conn = open_baseline(path)?;
    for migration in migrations()? {
        conn.execute_batch(&migration)?;
    }
    let started = Instant::now();
    let tx = conn.transaction()?;
    for table in tables {
        let placeholders = vec!["?"; table.columns.len()].join(", ");
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({placeholders})",
            table.name,
            table.columns.join(", ")
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        for row in &table.rows {
            stmt.execute(params_from_iter(row.iter()))?;
        }
    }
    tx.commit()?;
    Ok(started.elapsed())
}

/// The baseline's listing: the same columns, the same order, mapped into a struct.
fn baseline_list(conn: &Connection, summit_id: i64) -> BenchResult<Vec<GatheringRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uid, summit_id, kind, title, description, starts_at, ends_at, tz, venue, room, track,
                capacity, expected_headcount, audience, status, recurrence, sequence, url, latitude, longitude
         FROM gatherings WHERE summit_id = ?1 ORDER BY starts_at, id",
    )?;
    let rows = stmt
        .query_map([summit_id], |r| {
            Ok(GatheringRow {
                id: r.get(0)?,
                uid: r.get(1)?,
                summit_id: r.get(2)?,
                kind: r.get(3)?,
                title: r.get(4)?,
                description: r.get(5)?,
                starts_at: r.get(6)?,
                ends_at: r.get(7)?,
                tz: r.get(8)?,
                venue: r.get(9)?,
                room: r.get(10)?,
                track: r.get(11)?,
                capacity: r.get(12)?,
                expected_headcount: r.get(13)?,
                audience: r.get(14)?,
                status: r.get(15)?,
                recurrence: r.get(16)?,
                sequence: r.get(17)?,
                url: r.get(18)?,
                latitude: r.get(19)?,
                longitude: r.get(20)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Seeds the large demo into a fresh store at `path`: the time it took, and the summit's id.
async fn sqlx_seed(path: &Path, today: NaiveDate) -> BenchResult<(Duration, Store, i64)> {
    let store = Store::open(path).await?;
    let started = Instant::now();
    let counts = store.seed_demo(Scale::Large, today).await?;
    let elapsed = started.elapsed();
    let summit = store.summit_by_slug(&counts.summit_slug).await?;
    Ok((elapsed, store, summit.id))
}

/// Lists the summit's gatherings once to warm up, then `LIST_RUNS` times: their count and times.
async fn sqlx_list(store: &Store, summit_id: i64) -> BenchResult<(usize, Vec<Duration>)> {
    let filter = GatheringFilter {
        summit_id: Some(summit_id),
        ..GatheringFilter::default()
    };
    let listed = store.list_gatherings(&filter).await?.len();
    let mut times = Vec::with_capacity(LIST_RUNS);
    for _ in 0..LIST_RUNS {
        let started = Instant::now();
        std::hint::black_box(store.list_gatherings(&filter).await?);
        times.push(started.elapsed());
    }
    Ok((listed, times))
}

fn main() -> BenchResult<()> {
    let dir = tempfile::tempdir()?;
    // A fixed "today", so every run seeds the same dates.
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("bad date")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;

    // Each run seeds a fresh file both ways, sqlx first (its rows feed the baseline), so that
    // background load falls on both sides alike; the listings run on the first run's files.
    let mut tables = Vec::new();
    let (mut sqlx_seeds, mut baseline_seeds) = (Vec::new(), Vec::new());
    let (mut sqlx_lists, mut baseline_lists) = (Vec::new(), Vec::new());
    let mut listed = 0;
    for run in 0..INSERT_RUNS {
        let sqlx_path = dir.path().join(format!("sqlx-{run}.db"));
        let baseline_path = dir.path().join(format!("rusqlite-{run}.db"));
        let first = run == 0;
        let summit_id = runtime.block_on(async {
            let (elapsed, store, summit_id) = sqlx_seed(&sqlx_path, today).await?;
            sqlx_seeds.push(elapsed);
            if first {
                (listed, sqlx_lists) = sqlx_list(&store, summit_id).await?;
            }
            store.close().await;
            BenchResult::Ok(summit_id)
        })?;
        if first {
            tables = read_back(&sqlx_path)?;
        }
        baseline_seeds.push(baseline_insert(&baseline_path, &tables)?);
        if first {
            let conn = open_baseline(&baseline_path)?;
            let baseline_listed = baseline_list(&conn, summit_id)?.len(); // warm-up
            if baseline_listed != listed {
                return Err(
                    format!("sqlx listed {listed} gatherings, rusqlite {baseline_listed}").into(),
                );
            }
            for _ in 0..LIST_RUNS {
                let started = Instant::now();
                std::hint::black_box(baseline_list(&conn, summit_id)?);
                baseline_lists.push(started.elapsed());
            }
        }
    }
    let inserted: usize = tables.iter().map(|t| t.rows.len()).sum();

    let lines = [
        Line {
            operation: "insert large demo",
            rows: inserted,
            sqlx: median(sqlx_seeds),
            baseline: median(baseline_seeds),
        },
        Line {
            operation: "list summit gatherings",
            rows: listed,
            sqlx: median(sqlx_lists),
            baseline: median(baseline_lists),
        },
    ];
    let breakdown: Vec<String> = tables
        .iter()
        .map(|t| format!("{} {}", t.name, t.rows.len()))
        .collect();
    println!(
        "storage benchmark (SQLite, WAL, synchronous=FULL; median of {INSERT_RUNS} insert and \
         {LIST_RUNS} listing runs)"
    );
    println!("rows inserted: {}", breakdown.join(", "));
    println!();
    println!(
        "| {:<24} | {:>7} | {:>9} | {:>11} | {:>11} | {:>15} | {:>5} |",
        "operation", "rows", "sqlx ms", "rusqlite ms", "sqlx rows/s", "rusqlite rows/s", "ratio"
    );
    println!(
        "|{:-<26}|{:->9}|{:->11}|{:->13}|{:->13}|{:->17}|{:->7}|",
        ":", ":", ":", ":", ":", ":", ":"
    );
    for line in &lines {
        println!(
            "| {:<24} | {:>7} | {:>9.1} | {:>11.1} | {:>11.0} | {:>15.0} | {:>5.2} |",
            line.operation,
            line.rows,
            ms(line.sqlx),
            ms(line.baseline),
            per_second(line.rows, line.sqlx),
            per_second(line.rows, line.baseline),
            line.ratio()
        );
    }
    println!();
    let insert_ratio = lines[0].ratio();
    if insert_ratio >= 0.5 {
        println!(
            "goal met: the sqlx insert path runs at {insert_ratio:.2}x the baseline's throughput (goal: at least 0.50)"
        );
    } else {
        println!(
            "goal NOT met: the sqlx insert path runs at {insert_ratio:.2}x the baseline's throughput (goal: at least 0.50)"
        );
    }
    Ok(())
}
