//! What must hold after every kill, checked on the database file as the next launch finds it:
//! SQLite's own integrity check and foreign keys; every write acknowledged so far (in this trial
//! and every earlier one) present and whole; the write in flight whole or absent; no record
//! anywhere half-written (the invariants below, over every row, not only the writes we tracked);
//! and the audit log's hash chain intact by `roadie audit verify`.

use std::path::Path;
use std::process::Command;

use rusqlite::Connection;

use crate::writes::{Presence, Write, one, rows};

/// Every write known to be in the database: acknowledged, or found committed after the kill.
#[derive(Default)]
pub struct Ledger {
    pub writes: Vec<Write>,
    /// Individual checks of a write made so far.
    pub checks: u64,
}

/// What the check of one trial found about the write in flight.
pub enum InFlight {
    None,
    /// Committed before the kill, though not acknowledged: kept in the ledger from now on.
    Committed,
    /// Not in the database, not even in part.
    Absent,
}

/// Checks the database after a trial and adds the trial's writes to `ledger`.
pub fn after_trial(
    db: &Path,
    roadie: &Path,
    ledger: &mut Ledger,
    acked: Vec<Write>,
    in_flight: Option<Write>,
) -> Result<InFlight, String> {
    let conn = Connection::open(db).map_err(|e| e.to_string())?;
    let integrity: Vec<String> = rows(&conn, "PRAGMA integrity_check", [])?;
    if integrity != ["ok"] {
        return Err(format!("PRAGMA integrity_check: {integrity:?}"));
    }
    let broken: Vec<String> = rows(&conn, "SELECT \"table\" FROM pragma_foreign_key_check", [])?;
    if !broken.is_empty() {
        return Err(format!("foreign keys broken in {broken:?}"));
    }
    invariants(&conn)?;

    ledger.writes.extend(acked);
    for write in &ledger.writes {
        ledger.checks += 1;
        if write.check(&conn)? != Presence::Present {
            return Err(format!("an acknowledged write is lost: {write:?}"));
        }
    }
    let in_flight = match in_flight {
        None => InFlight::None,
        Some(write) => match write.check(&conn)? {
            Presence::Present => {
                ledger.writes.push(write);
                InFlight::Committed
            }
            Presence::Absent => InFlight::Absent,
        },
    };
    drop(conn);

    let verify = Command::new(roadie)
        .arg("--db")
        .arg(db)
        .args(["audit", "verify"])
        .output()
        .map_err(|e| e.to_string())?;
    if !verify.status.success() {
        return Err(format!(
            "roadie audit verify: {}: {}{}",
            verify.status,
            String::from_utf8_lossy(&verify.stdout),
            String::from_utf8_lossy(&verify.stderr)
        ));
    }
    Ok(in_flight)
}

/// Records of several rows that are never seen in part, whoever wrote them.
const INVARIANTS: &[(&str, &str)] = &[
    (
        "travel requests without their items",
        "SELECT id FROM travel_requests r
         WHERE NOT EXISTS (SELECT 1 FROM travel_request_items WHERE request_id = r.id)",
    ),
    (
        "approvals without their amounts",
        "SELECT request_id FROM travel_approvals a
         WHERE NOT EXISTS (SELECT 1 FROM travel_approved_items WHERE request_id = a.request_id)",
    ),
    (
        "approvals whose total is not the sum of their amounts",
        "SELECT request_id FROM travel_approvals a
         WHERE total_minor <> (SELECT sum(approved_minor) FROM travel_approved_items
                               WHERE request_id = a.request_id)",
    ),
    (
        "requests approved without an approval, or an approval without its audit row",
        "SELECT id FROM travel_requests r
         WHERE (status IN ('approved', 'accepted', 'booked', 'reimbursed')
                AND NOT EXISTS (SELECT 1 FROM travel_approvals WHERE request_id = r.id))
            OR (EXISTS (SELECT 1 FROM travel_approvals WHERE request_id = r.id)
                AND NOT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'travel_request'
                                AND entity_id = r.id AND action = 'approve'))",
    ),
    (
        "requests whose status has no audit row that set it",
        "SELECT id FROM travel_requests r
         WHERE status <> 'submitted'
           AND status IS NOT (SELECT state_after FROM audit_log WHERE entity = 'travel_request'
                              AND entity_id = r.id ORDER BY id DESC LIMIT 1)",
    ),
    (
        "bookings without their audit row, or booked requests without a booking",
        "SELECT id FROM travel_requests r
         WHERE (status IN ('booked', 'reimbursed')) <> EXISTS (SELECT 1 FROM travel_bookings WHERE request_id = r.id)
            OR EXISTS (SELECT 1 FROM travel_bookings WHERE request_id = r.id)
               <> EXISTS (SELECT 1 FROM audit_log WHERE entity = 'travel_request'
                          AND entity_id = r.id AND action = 'book')",
    ),
    (
        "requests whose payments and 'pay' audit rows differ",
        "SELECT id FROM travel_requests r
         WHERE (SELECT count(*) FROM travel_payments WHERE request_id = r.id)
            <> (SELECT count(*) FROM audit_log WHERE entity = 'travel_request'
                AND entity_id = r.id AND action = 'pay')",
    ),
    (
        "shipments without contents",
        "SELECT id FROM shipments s
         WHERE NOT EXISTS (SELECT 1 FROM shipment_items WHERE shipment_id = s.id)",
    ),
    (
        "shipments gone without their contents leaving the stock, or stock gone without them",
        "SELECT id FROM shipments s
         WHERE (status IN ('shipped', 'in-transit', 'delivered', 'lost', 'returned'))
            <> EXISTS (SELECT 1 FROM stock_movements WHERE shipment_id = s.id AND kind = 'shipped')",
    ),
];

fn invariants(db: &Connection) -> Result<(), String> {
    for (what, sql) in INVARIANTS {
        let ids: Vec<i64> = rows(db, sql, [])?;
        if !ids.is_empty() {
            return Err(format!("half-written records: {what}: {ids:?}"));
        }
    }
    Ok(())
}

/// How many rows the audit log holds.
pub fn audit_rows(db: &Path) -> Result<i64, String> {
    let conn = Connection::open(db).map_err(|e| e.to_string())?;
    Ok(one(&conn, "SELECT count(*) FROM audit_log", [])?.unwrap_or(0))
}
