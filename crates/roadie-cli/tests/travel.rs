//! `roadie travel`, `roadie organiser`, `roadie audit` and `roadie export travel`, run as users
//! script them: the real binary on a real database file, a whole travel-support round.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions; a failure here is a failed test

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
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

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("roadie.db")
    }

    fn roadie(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("roadie")
            .unwrap()
            .arg("--db")
            .arg(self.db())
            .args(args)
            .assert()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.roadie(args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Runs `args`, expecting exit 2 with `message` on stderr.
    fn refused(&self, args: &[&str], message: &str) {
        self.roadie(args)
            .code(2)
            .stderr(predicate::str::contains(message));
    }

    /// A summit in USD (8–11 September: three nights, four funded), speakers Ada (FR) and Sam,
    /// organisers Olu, Mia and Sam (Sam is also speaker 2), a policy, and Ada's request 1 in EUR,
    /// under review.
    fn round(&self) {
        self.ok(&[
            "summit",
            "create",
            "--name",
            "Rust Summit",
            "--slug",
            "rs",
            "--tz",
            "Europe/Berlin",
            "--start",
            "2026-09-08",
            "--end",
            "2026-09-11",
            "--currency",
            "USD",
        ]);
        self.ok(&["speaker", "add", "--name", "Ada", "--country", "FR"]);
        self.ok(&["speaker", "add", "--name", "Sam"]);
        self.ok(&["organiser", "add", "--name", "Olu"]);
        self.ok(&["organiser", "add", "--name", "Mia"]);
        self.ok(&["organiser", "add", "--name", "Sam", "--speaker", "2"]);
        self.ok(&[
            "travel",
            "policy",
            "set",
            "--summit",
            "rs",
            "--actor",
            "Olu",
            "--pool",
            "3000 USD",
            "--airfare",
            "900",
            "--lodging-per-night",
            "150",
            "--ground",
            "50",
            "--visa",
            "100",
        ]);
        self.ok(&[
            "travel",
            "submit",
            "--summit",
            "rs",
            "--speaker",
            "1",
            "--currency",
            "EUR",
            "--airfare",
            "850",
            "--lodging",
            "700",
            "--nights",
            "5",
            "--from-country",
            "FR",
        ]);
        self.ok(&["travel", "review", "1", "--actor", "Olu"]);
    }

    fn request(&self) -> Value {
        let list = self.json(&["travel", "list", "--summit", "rs", "--json"]);
        list.as_array().unwrap()[0].clone()
    }
}

fn minor(v: &Value) -> i64 {
    v["minor"].as_i64().unwrap()
}

#[test]
fn a_whole_round_from_application_to_the_last_reimbursement() {
    let env = Env::new();
    env.round();
    env.ok(&["travel", "score", "1", "--actor", "Mia", "--score", "4"]);
    let r = env.request();
    assert_eq!(r["status"], "under-review");
    assert_eq!(r["requested"]["currency"], "EUR");
    assert_eq!(minor(&r["requested"]), 155_000);
    assert_eq!(r["approved"], Value::Null);
    assert_eq!(minor(&r["pool_remaining"]), 300_000);
    assert_eq!(r["score"], 4.0);

    // Over a cap: refused with the core's message, nothing changes.
    env.refused(
        &["travel", "approve", "1", "--actor", "Olu", "--airfare", "800 EUR", "--rate", "EUR/USD=1.08"],
        "roadie: lodging: 700.00 EUR (756.00 USD at 1.08) is over the cap of 600.00 USD (4 nights × 150.00 USD)",
    );
    assert_eq!(env.request(), r);
    // A dry run prints the figures and changes nothing either.
    let preview = env.ok(&[
        "travel",
        "approve",
        "1",
        "--actor",
        "Olu",
        "--airfare",
        "800 EUR",
        "--lodging",
        "550 EUR",
        "--rate",
        "EUR/USD=1.08",
        "--dry-run",
    ]);
    assert!(
        preview.contains("would approve 1350.00 EUR (1458.00 USD at 1.08)"),
        "{preview}"
    );
    assert_eq!(env.request(), r);
    let done = env.ok(&[
        "travel",
        "approve",
        "1",
        "--actor",
        "Olu",
        "--airfare",
        "800 EUR",
        "--lodging",
        "550 EUR",
        "--rate",
        "EUR/USD=1.08",
    ]);
    assert!(done.contains("approved 1350.00 EUR (1458.00 USD at 1.08); pool 3000.00 USD: 3000.00 USD left before, 1542.00 USD after"), "{done}");
    let r = env.request();
    assert_eq!(r["status"], "approved");
    assert_eq!(minor(&r["approved"]), 135_000);
    assert_eq!(minor(&r["approved_base"]), 145_800);
    assert_eq!(minor(&r["pool_remaining"]), 154_200);

    env.ok(&["travel", "accept", "1", "--actor", "Olu"]);
    env.refused(
        &[
            "travel",
            "book",
            "1",
            "--actor",
            "Olu",
            "--arrive",
            "2026-09-07 18:00",
            "--depart",
            "2026-09-06 10:00",
        ],
        "roadie: depart: the departure is before the arrival",
    );
    env.ok(&[
        "travel",
        "book",
        "1",
        "--actor",
        "Olu",
        "--arrive",
        "2026-09-07 18:00",
        "--depart",
        "2026-09-12 10:00",
        "--flight",
        "AF 1234",
        "--hotel",
        "H-77",
        "--nights",
        "5",
    ]);
    let receipt = env.dir.path().join("flight.pdf");
    std::fs::write(&receipt, b"%PDF flight 800 EUR").unwrap();
    let out = env.ok(&[
        "travel",
        "receipt",
        "1",
        "--actor",
        "Olu",
        "--file",
        receipt.to_str().unwrap(),
    ]);
    assert!(out.contains("sha256 "), "{out}");
    assert!(env.dir.path().join("roadie-receipts/request-1").is_dir());

    env.refused(
        &[
            "travel", "pay", "1", "--actor", "Mia", "--amount", "100 USD",
        ],
        "roadie: amount: must be in EUR, got USD",
    );
    env.ok(&[
        "travel",
        "pay",
        "1",
        "--actor",
        "Mia",
        "--amount",
        "800 EUR",
        "--on",
        "2026-09-20",
    ]);
    env.refused(
        &["travel", "pay", "1", "--actor", "Mia", "--amount", "550.01 EUR"],
        "roadie: amount: paying 550.01 EUR would bring payments to 1350.01 EUR, more than the 1350.00 EUR approved (550.00 EUR left to pay)",
    );
    let r = env.request();
    assert_eq!(
        (r["status"].as_str(), minor(&r["reimbursed"])),
        (Some("booked"), 80_000)
    );
    env.ok(&[
        "travel",
        "pay",
        "1",
        "--actor",
        "Mia",
        "--amount",
        "550 EUR",
        "--on",
        "2026-09-21",
    ]);
    let r = env.request();
    assert_eq!(r["status"], "reimbursed");
    assert_eq!(minor(&r["reimbursed"]), 135_000);

    // The request's full record and the audit trail.
    let detail = env.json(&["travel", "show", "1", "--json"]);
    let actions: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "start-review",
            "score",
            "approve",
            "accept",
            "book",
            "receipt",
            "pay",
            "pay"
        ]
    );
    assert_eq!(detail["booking"]["arrive_at"], "2026-09-07T16:00:00Z");
    assert_eq!(detail["receipts"][0]["file_name"], "flight.pdf");
    let out = env.ok(&["audit", "verify"]);
    assert!(out.starts_with("audit log intact: 12 rows"), "{out}");
}

#[test]
fn the_other_decisions_and_their_refusals() {
    let env = Env::new();
    env.round();
    env.refused(
        &["travel", "deny", "1", "--actor", "Olu", "--reason", " "],
        "roadie: reason: say why the request is denied",
    );
    env.refused(
        &["travel", "accept", "1", "--actor", "Olu"],
        "roadie: status: cannot accept a request that is under-review",
    );
    env.refused(
        &["travel", "approve", "1", "--actor", "Nobody"],
        "roadie: actor: no organiser called \"Nobody\"",
    );
    env.ok(&[
        "travel",
        "waitlist",
        "1",
        "--actor",
        "Olu",
        "--reason",
        "pool is tight",
    ]);
    env.ok(&[
        "travel",
        "deny",
        "1",
        "--actor",
        "Mia",
        "--reason",
        "pool exhausted",
    ]);
    assert_eq!(env.request()["status"], "denied");
    env.refused(
        &["travel", "withdraw", "1", "--actor", "Olu"],
        "a denied request is closed",
    );

    // Sam applies and cannot approve his own request; Olu can, and the amended amounts wait for
    // another organiser.
    env.ok(&[
        "travel",
        "submit",
        "--summit",
        "rs",
        "--speaker",
        "2",
        "--currency",
        "USD",
        "--airfare",
        "500",
    ]);
    env.ok(&["travel", "review", "2", "--actor", "Olu"]);
    env.refused(
        &["travel", "approve", "2", "--actor", "Sam"],
        "roadie: actor: Sam is the applicant of travel request 2 and cannot approve it",
    );
    env.ok(&["travel", "approve", "2", "--actor", "Olu"]);
    let out = env.ok(&[
        "travel",
        "approve",
        "2",
        "--actor",
        "Olu",
        "--airfare",
        "450",
    ]);
    assert!(out.contains("another organiser must confirm them"), "{out}");
    env.refused(
        &["travel", "accept", "2", "--actor", "Sam"],
        "wait for another organiser's confirmation",
    );
    env.refused(
        &["travel", "confirm", "2", "--actor", "Olu"],
        "Olu changed these amounts",
    );
    env.ok(&["travel", "confirm", "2", "--actor", "Mia"]);
    env.ok(&[
        "travel",
        "decline",
        "2",
        "--actor",
        "Sam",
        "--reason",
        "cannot travel",
    ]);
    let list = env.json(&[
        "travel", "list", "--summit", "rs", "--status", "declined", "--json",
    ]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    // A declined offer holds nothing from the pool.
    assert_eq!(minor(&list[0]["pool_remaining"]), 300_000);
    env.refused(
        &["travel", "list", "--summit", "rs", "--status", "lost"],
        "roadie: status: unknown travel status \"lost\"",
    );
    env.refused(
        &["travel", "expire", "--summit", "nope", "--actor", "Olu"],
        "no summit with slug",
    );
    let log = env.json(&["audit", "log", "--request", "2", "--json"]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["start-review", "approve", "amend", "confirm", "decline"]
    );
    assert_eq!(log[4]["reason"], "cannot travel");
    env.ok(&["audit", "verify"]);
}

#[test]
fn a_tampered_audit_row_makes_verify_fail_naming_the_row() {
    let env = Env::new();
    env.round();
    env.ok(&[
        "travel",
        "approve",
        "1",
        "--actor",
        "Olu",
        "--airfare",
        "800",
        "--lodging",
        "500",
        "--rate",
        "1.08",
    ]);
    env.ok(&["audit", "verify"]);
    // The triggers refuse a plain UPDATE; drop them, then edit the approval's amount.
    let db = rusqlite::Connection::open(env.db()).unwrap();
    let refused = db.execute(
        "UPDATE audit_log SET amount_minor = 1 WHERE action = 'approve'",
        [],
    );
    assert!(refused.unwrap_err().to_string().contains("append-only"));
    db.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET amount_minor = 1, actor = 'Mallory' WHERE action = 'approve';",
    )
    .unwrap();
    let row: i64 = db
        .query_row(
            "SELECT id FROM audit_log WHERE action = 'approve'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(db);
    let out = env
        .roadie(&["audit", "verify"])
        .code(2)
        .stderr(predicate::str::contains(format!(
            "roadie: audit_log: the hash chain is broken in 1 place(s), first at row {row}: its content does not match its hash"
        )))
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains(&format!("row {row}:"))
    );
    let report = env
        .roadie(&["audit", "verify", "--json"])
        .code(2)
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(report["breaks"][0]["id"], row);
}

#[test]
fn the_report_is_written_whole_marked_internal_with_formulas_neutralised() {
    let env = Env::new();
    env.round();
    env.ok(&["speaker", "add", "--name", "=cmd|' /C calc'!A0"]);
    env.ok(&[
        "travel",
        "submit",
        "--summit",
        "rs",
        "--speaker",
        "3",
        "--currency",
        "USD",
        "--airfare",
        "300",
        "--notes",
        "@SUM(1)",
    ]);
    let out = env.dir.path().join("travel.csv");
    env.ok(&[
        "export",
        "travel",
        "--summit",
        "rs",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("INTERNAL - travel funding report for Rust Summit (rs)"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("rank,id,speaker,"), "{}", lines[1]);
    assert!(csv.contains("'=cmd|' /C calc'!A0"), "{csv}");
    assert!(!csv.contains(",=cmd"), "{csv}");
    assert_eq!(lines.len(), 4);
    env.roadie(&[
        "export",
        "travel",
        "--summit",
        "rs",
        "--out",
        env.dir.path().join("no/such/dir.csv").to_str().unwrap(),
    ])
    .code(1)
    .stderr(predicate::str::contains("no/such/dir.csv"));
}
