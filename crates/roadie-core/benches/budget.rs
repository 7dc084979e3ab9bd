//! Budget summary benchmark: `Store::budget_summary` of a summit with 1,000,000 budget lines, side
//! by side with the same aggregation in plain SQL through the `sqlite3` command-line tool
//! (bench/budget/summary.sql), on the same database file, both warm.
//!
//! The lines are spread over the five categories, five currencies (CHF with no rate, so the
//! summary reports what it leaves out), five socials (one line in fifty pays for one) and a year
//! of payment dates (one line in three is paid). They are written with one SQL statement: this
//! measures the summary, not the inserts (the storage benchmark measures those). No ANALYZE is
//! run, as the app never runs one: the planner picks the summary's index from its shape.
//!
//! Run with `cargo bench -p roadie-core --bench budget` (bench/budget/run.sh, in `make bench`).
//! Goal: the core's summary under 200 ms. BUDGET_BENCH_LINES changes the number of lines,
//! BUDGET_BENCH_RUNS the timed runs per side (median reported).

use std::error::Error;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use roadie_core::{
    Audience, Currency, ExchangeRateData, GatheringData, GatheringKind, GatheringStatus, Money,
    Rate, Store, SummitData, Zone,
};

type BenchResult<T> = std::result::Result<T, Box<dyn Error>>;

const GOAL: Duration = Duration::from_millis(200);

fn env_number(name: &str, default: usize) -> BenchResult<usize> {
    match std::env::var(name) {
        Ok(text) => Ok(text.parse()?),
        Err(_) => Ok(default),
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A summit with `lines` budget lines, five socials and rates for all but CHF.
async fn seed(store: &Store, lines: usize) -> BenchResult<(i64, Currency)> {
    let eur = Currency::parse("currency", "EUR")?;
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d");
    let tz = Zone::parse("tz", "Europe/Paris")?;
    let summit = store
        .create_summit(&SummitData {
            name: "Budget benchmark".into(),
            slug: "budget-bench".into(),
            city: None,
            venue: None,
            tz,
            start_date: day("2026-09-08")?,
            end_date: day("2026-09-11")?,
            currency: eur,
            budget: Some(Money::new(100_000_000_000, eur)),
        })
        .await?;
    let mut socials = Vec::new();
    for i in 0..5 {
        let start = Utc
            .with_ymd_and_hms(2026, 9, 8 + i, 18, 0, 0)
            .single()
            .ok_or("a start")?;
        let social = store
            .add_gathering(&GatheringData {
                summit_id: Some(summit.id),
                kind: GatheringKind::Social,
                title: format!("Social {}", i + 1),
                description: None,
                start,
                end: start + chrono::Duration::hours(4),
                tz,
                venue: None,
                room: None,
                track: None,
                capacity: Some(400),
                expected_headcount: Some(300),
                audience: Audience::Attendees,
                status: GatheringStatus::Confirmed,
                recurrence: None,
                url: None,
                geo: None,
            })
            .await?;
        socials.push(social.id);
    }
    let first_social = socials[0];
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO budget_lines (summit_id, category, description, currency, planned_minor, committed_minor,
                                   spent_minor, gathering_id, paid_on)
         SELECT ?1,
                CASE i % 5 WHEN 0 THEN 'socials' WHEN 1 THEN 'swag' WHEN 2 THEN 'shipping' WHEN 3 THEN 'travel'
                           ELSE 'other' END,
                'line ' || i,
                CASE i % 11 WHEN 1 THEN 'USD' WHEN 2 THEN 'GBP' WHEN 3 THEN 'JPY' WHEN 4 THEN 'CHF' ELSE 'EUR' END,
                (i * 7919) % 500000, (i * 104729) % 400000, CASE WHEN i % 3 = 0 THEN (i * 1299709) % 300000 ELSE 0 END,
                CASE WHEN i % 50 = 0 THEN ?3 + (i / 50) % 5 END,
                CASE WHEN i % 3 = 0 THEN date('2025-09-01', '+' || (i % 365) || ' days') END
         FROM n",
    )
    .bind(summit.id)
    .bind(i64::try_from(lines)?)
    .bind(first_social)
    .execute(store.pool())
    .await?;
    for (from, rate) in [("USD", "0.92"), ("GBP", "1.17"), ("JPY", "0.0061")] {
        store
            .record_rate(&ExchangeRateData {
                summit_id: Some(summit.id),
                from: Currency::parse("from", from)?,
                to: eur,
                rate: Rate::parse("rate", rate)?,
                recorded_on: day("2026-01-15")?,
                note: None,
            })
            .await?;
    }
    Ok((summit.id, eur))
}

/// The real time sqlite3 reports for each run of `sql` (statements ending in `;`), summed over its
/// statements; `.timer on` reports milliseconds.
fn sqlite3_runs(db: &Path, sql: &str, runs: usize) -> BenchResult<Vec<Duration>> {
    let statements = sql.matches(';').count();
    let mut script = String::from(".output /dev/null\n.timer on\n");
    for _ in 0..=runs {
        script.push_str(sql);
        script.push('\n');
    }
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run sqlite3 (apt package sqlite3): {e}"))?;
    child
        .stdin
        .take()
        .ok_or("no stdin for sqlite3")?
        .write_all(script.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(format!("sqlite3 failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let times: Vec<f64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("Run Time: real "))
        .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
        .collect();
    if times.len() != statements * (runs + 1) {
        return Err(format!(
            "sqlite3 printed {} timings for {} runs of {statements} statements: {}",
            times.len(),
            runs + 1,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    // The first run warms the cache, as the core's first, untimed run does.
    Ok(times
        .chunks(statements)
        .skip(1)
        .map(|run| Duration::from_secs_f64(run.iter().sum()))
        .collect())
}

fn main() -> BenchResult<()> {
    let lines = env_number("BUDGET_BENCH_LINES", 1_000_000)?;
    let runs = env_number("BUDGET_BENCH_RUNS", 7)?.max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("budget-bench.db");
    let (summit_id, base, store) = runtime.block_on(async {
        let store = Store::open(&db).await?;
        let started = Instant::now();
        let (summit_id, base) = seed(&store, lines).await?;
        eprintln!(
            "bench/budget: seeded {lines} budget lines in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        BenchResult::Ok((summit_id, base, store))
    })?;

    let (core, summary) = runtime.block_on(async {
        let summary = store.budget_summary(summit_id).await?;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            let again = store.budget_summary(summit_id).await?;
            times.push(started.elapsed());
            assert_eq!(again, summary, "the summary is the same every run");
        }
        BenchResult::Ok((times, summary))
    })?;
    runtime.block_on(store.close());

    let sql = include_str!("../../../bench/budget/summary.sql")
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(":summit", &summit_id.to_string())
        .replace(":base", &format!("'{base}'"));
    let sql = sql.trim().to_owned();
    let plain = sqlite3_runs(&db, &sql, runs)?;

    let records: i64 = summary.categories.iter().map(|c| c.records).sum();
    let (core_ms, plain_ms) = (ms(median(core)), ms(median(plain)));
    println!();
    let mut months: Vec<&Option<String>> = summary.spending.iter().map(|m| &m.month).collect();
    months.dedup();
    println!(
        "budget summary of a summit with {lines} lines ({records} records, {} sums, {} social costs, {} months)",
        summary.sums.len(),
        summary.socials.len(),
        months.len()
    );
    println!("{:<62} {:>10} {:>10}", "", "median", "runs");
    println!(
        "{:<62} {:>8.1}ms {:>10}",
        "Store::budget_summary (sums, conversion, socials, months)", core_ms, runs
    );
    println!(
        "{:<62} {:>8.1}ms {:>10}",
        "the same aggregation in plain SQL through the sqlite3 CLI", plain_ms, runs
    );
    println!(
        "ratio core / plain SQL: {:.2} (goal: the core under {} ms: {})",
        core_ms / plain_ms,
        GOAL.as_millis(),
        if core_ms < ms(GOAL) { "met" } else { "NOT MET" }
    );
    println!(
        "totals in {}: planned {}, committed {}, spent {}; left out: {}",
        summary.base,
        summary.totals.planned,
        summary.totals.committed,
        summary.totals.spent,
        summary
            .missing_rates
            .iter()
            .map(Currency::code)
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}
