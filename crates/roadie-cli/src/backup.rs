//! Opening the database with its automatic snapshots, `roadie backup`, `roadie restore`,
//! `roadie export all` and `roadie import all`: parse, make one core call, print.

use std::path::{Path, PathBuf};

use clap::Args;
use roadie_core::{BackupInfo, Clock, Result, SnapshotReason, Store, SystemClock};

use crate::run::check_out;
use crate::table;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (a zip), replaced only once the new one is complete.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print what was written as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup file (roadie backup) or a database snapshot (.db).
    pub file: PathBuf,
    /// Only check the file and say what it holds; change nothing.
    #[arg(long)]
    pub check: bool,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AllExport {
    /// The file to write: JSON, or a zip of the JSON and the receipt files for a .zip name.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print what was written as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AllImport {
    /// A full export (JSON or zip) written by `roadie export all`.
    pub file: PathBuf,
    /// Print what was imported as JSON.
    #[arg(long)]
    pub json: bool,
}

fn warn(message: &str) {
    eprintln!("roadie: warning: {}", message.replace(['\n', '\r'], " "));
}

/// Opens the database as the app does: snapshotting it before migrating it and once a day.
pub async fn open(path: &Path) -> Result<Store> {
    let opened = Store::open_with_snapshots(path, &SystemClock).await?;
    for snapshot in &opened.snapshots {
        if snapshot.reason == SnapshotReason::BeforeMigration {
            eprintln!(
                "roadie: saved a snapshot of the database before migrating it: {}",
                snapshot.path.display()
            );
        }
    }
    for warning in &opened.warnings {
        warn(warning);
    }
    Ok(opened.store)
}

pub async fn backup(store: &Store, args: BackupArgs) -> Result<()> {
    check_out(&args.out)?;
    let report = store.write_backup(&args.out, SystemClock.now()).await?;
    for missing in &report.missing_receipts {
        warn(&format!(
            "receipt {missing} is not in {} as attached, so it is not in the backup",
            store.receipts_dir().display()
        ));
    }
    if args.json {
        return table::json(&report);
    }
    println!(
        "backed up {} to {}: {} bytes (the database, {} bytes, and {} receipts)",
        store.path().display(),
        report.path.display(),
        report.size_bytes,
        report.database_bytes,
        report.receipts
    );
    Ok(())
}

fn describe(info: &BackupInfo) -> String {
    let made = info.created_at.map_or_else(
        || "a database snapshot".to_owned(),
        |at| format!("a backup made {}", at.format("%Y-%m-%d %H:%M UTC")),
    );
    format!(
        "{made}, schema version {}: {} summits ({}), {} records, {} receipts",
        info.schema_version,
        info.summits.len(),
        info.summits.join(", "),
        info.records,
        info.receipts
    )
}

pub async fn restore(store: &Store, args: RestoreArgs) -> Result<()> {
    if args.check {
        let info = store.inspect_backup(&args.file).await?;
        for missing in &info.missing_receipts {
            warn(&format!(
                "receipt {missing} is neither in the backup nor in the receipts folder"
            ));
        }
        if args.json {
            return table::json(&info);
        }
        println!("{} is {}", args.file.display(), describe(&info));
        return Ok(());
    }
    let restored = store.restore(&args.file, SystemClock.now()).await?;
    for missing in &restored.info.missing_receipts {
        warn(&format!(
            "receipt {missing} is neither in the backup nor in the receipts folder"
        ));
    }
    for warning in &restored.warnings {
        warn(warning);
    }
    if args.json {
        return table::json(&restored);
    }
    println!(
        "restored {} into {} from {}; {} receipt files written",
        args.file.display(),
        store.path().display(),
        describe(&restored.info),
        restored.receipts_written
    );
    println!(
        "the database as it was is kept in {}",
        restored.snapshot.path.display()
    );
    Ok(())
}

pub async fn export(store: &Store, args: AllExport) -> Result<()> {
    check_out(&args.out)?;
    let report = store.export_all(&args.out, SystemClock.now()).await?;
    if !report.receipts_left_out.is_empty() {
        let zipped = args
            .out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        let why = if zipped {
            "they are not in the receipts folder as attached"
        } else {
            "a JSON export holds no files; export to a .zip name to include them"
        };
        warn(&format!(
            "{} receipt files are not in the export: {why}",
            report.receipts_left_out.len()
        ));
    }
    if args.json {
        return table::json(&report);
    }
    println!(
        "exported {} records of {} tables (schema version {}) and {} receipt files to {}",
        report.records,
        report.tables,
        report.schema_version,
        report.receipts,
        report.path.display()
    );
    Ok(())
}

pub async fn import(store: &Store, args: AllImport) -> Result<()> {
    let report = store.import_all(&args.file).await?;
    if !report.missing_receipts.is_empty() {
        warn(&format!(
            "{} receipts the records list are not in {}: copy them there from the old receipts \
             folder",
            report.missing_receipts.len(),
            store.receipts_dir().display()
        ));
    }
    if args.json {
        return table::json(&report);
    }
    println!(
        "imported {} records of {} tables into {}; {} receipt files written",
        report.records,
        report.tables,
        store.path().display(),
        report.receipts_written
    );
    Ok(())
}
