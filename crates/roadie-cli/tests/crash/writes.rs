//! The writes the crash test makes, each as a `roadie` command line and as the desktop app's
//! command with its arguments, and what each leaves in the database: all of it (present), none of
//! it (absent), or anything else, which is a half-written record and fails the test.
//!
//! Writes come in chains that a user would make: a speaker, their travel request, its review,
//! approval, acceptance, booking and a first reimbursement; stock received, a shipment planned and
//! shipped; and, through the app, a budget line. Each is one transaction in the core; the ones
//! that write several rows (a request and its items, a decision and its audit row, a shipment and
//! the stock movement it takes) are checked to be all there or not at all.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::rng::Rng;

/// The records every chain builds on, made once before the trials.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Setup {
    pub slug: String,
    pub summit_id: i64,
    pub actor: String,
    pub variant_id: i64,
}

/// The ids a chain's later writes need, from the answers to its earlier ones.
#[derive(Clone, Debug, Default)]
pub struct Ids {
    speaker: Option<i64>,
    request: Option<i64>,
    shipment: Option<i64>,
}

/// One write. Money is in euro cents; names are unique per chain, so each record is found by them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "write", rename_all = "kebab-case")]
pub enum Write {
    Speaker {
        name: String,
        email: String,
    },
    Submit {
        speaker: String,
        airfare: i64,
        lodging: i64,
    },
    Review {
        speaker: String,
    },
    Approve {
        speaker: String,
        airfare: i64,
        lodging: i64,
    },
    Accept {
        speaker: String,
    },
    Book {
        speaker: String,
        flight: String,
    },
    Pay {
        speaker: String,
        amount: i64,
        reference: String,
    },
    Receive {
        note: String,
        quantity: i64,
    },
    Shipment {
        origin: String,
        quantity: i64,
        shipping: i64,
    },
    Ship {
        origin: String,
        quantity: i64,
    },
    BudgetLine {
        description: String,
        planned: i64,
        committed: i64,
        spent: i64,
    },
}

/// What a write left in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Present,
    Absent,
}

/// The writes of one chain named `tag`, amounts drawn from `rng` within the policy's caps.
pub fn chain(tag: &str, rng: &mut Rng, budget_line: bool) -> Vec<Write> {
    let speaker = format!("Crash speaker {tag}");
    let airfare = 80_000 + rng.below(10_000) as i64; // the cap is 900.00
    let lodging = 50_000 + rng.below(20_000) as i64; // 5 nights at 150.00
    let quantity = 1 + rng.below(9) as i64;
    let origin = format!("Crash depot {tag}");
    let mut writes = vec![
        Write::Speaker {
            name: speaker.clone(),
            email: format!("speaker-{tag}@crash.example"),
        },
        Write::Submit {
            speaker: speaker.clone(),
            airfare,
            lodging,
        },
        Write::Review {
            speaker: speaker.clone(),
        },
        Write::Approve {
            speaker: speaker.clone(),
            airfare: airfare - rng.below(5_000) as i64,
            lodging: lodging - rng.below(5_000) as i64,
        },
        Write::Accept {
            speaker: speaker.clone(),
        },
        Write::Book {
            speaker: speaker.clone(),
            flight: format!("LH {}", 100 + rng.below(9_000)),
        },
        Write::Pay {
            speaker,
            amount: 1 + rng.below(40_000) as i64,
            reference: format!("crash-pay-{tag}"),
        },
        Write::Receive {
            note: format!("crash delivery {tag}"),
            quantity: quantity + rng.below(20) as i64,
        },
        Write::Shipment {
            origin: origin.clone(),
            quantity,
            shipping: 1 + rng.below(20_000) as i64,
        },
        Write::Ship { origin, quantity },
    ];
    if budget_line {
        let planned = rng.below(1_000_000) as i64;
        writes.push(Write::BudgetLine {
            description: format!("Crash line {tag}"),
            planned,
            committed: rng.below(planned as u64 + 1) as i64,
            spent: rng.below(1_000) as i64,
        });
    }
    writes
}

/// Cents as the decimal text both shells read, e.g. 85012 → "850.12".
fn amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn id(id: Option<i64>, what: &str) -> i64 {
    id.unwrap_or_else(|| panic!("the chain has no {what} yet"))
}

impl Write {
    /// The `roadie` arguments (after `--db PATH`) that make this write.
    pub fn cli_args(&self, setup: &Setup, ids: &Ids) -> Vec<String> {
        let request = || id(ids.request, "travel request").to_string();
        let actor = setup.actor.clone();
        let args: Vec<String> = match self {
            Write::Speaker { name, email } => vec![
                "speaker".into(),
                "add".into(),
                "--name".into(),
                name.clone(),
                "--email".into(),
                email.clone(),
                "--country".into(),
                "DE".into(),
                "--json".into(),
            ],
            Write::Submit {
                airfare, lodging, ..
            } => vec![
                "travel".into(),
                "submit".into(),
                "--summit".into(),
                setup.slug.clone(),
                "--speaker".into(),
                id(ids.speaker, "speaker").to_string(),
                "--currency".into(),
                "EUR".into(),
                "--airfare".into(),
                amount(*airfare),
                "--lodging".into(),
                amount(*lodging),
                "--nights".into(),
                "5".into(),
                "--json".into(),
            ],
            Write::Review { .. } => {
                vec![
                    "travel".into(),
                    "review".into(),
                    request(),
                    "--actor".into(),
                    actor,
                ]
            }
            Write::Approve {
                airfare, lodging, ..
            } => vec![
                "travel".into(),
                "approve".into(),
                request(),
                "--actor".into(),
                actor,
                "--airfare".into(),
                format!("{} EUR", amount(*airfare)),
                "--lodging".into(),
                format!("{} EUR", amount(*lodging)),
            ],
            Write::Accept { .. } => {
                vec![
                    "travel".into(),
                    "accept".into(),
                    request(),
                    "--actor".into(),
                    actor,
                ]
            }
            Write::Book { flight, .. } => vec![
                "travel".into(),
                "book".into(),
                request(),
                "--actor".into(),
                actor,
                "--arrive".into(),
                "2030-06-09 18:00".into(),
                "--depart".into(),
                "2030-06-13 10:00".into(),
                "--flight".into(),
                flight.clone(),
            ],
            Write::Pay {
                amount: cents,
                reference,
                ..
            } => vec![
                "travel".into(),
                "pay".into(),
                request(),
                "--actor".into(),
                actor,
                "--amount".into(),
                format!("{} EUR", amount(*cents)),
                "--reference".into(),
                reference.clone(),
            ],
            Write::Receive { note, quantity } => vec![
                "swag".into(),
                "receive".into(),
                "--variant".into(),
                setup.variant_id.to_string(),
                "--quantity".into(),
                quantity.to_string(),
                "--note".into(),
                note.clone(),
            ],
            Write::Shipment {
                origin,
                quantity,
                shipping,
            } => vec![
                "shipment".into(),
                "add".into(),
                "--summit".into(),
                setup.slug.clone(),
                "--origin".into(),
                origin.clone(),
                "--item".into(),
                format!("{}:{quantity}", setup.variant_id),
                "--shipping-cost".into(),
                format!("{} EUR", amount(*shipping)),
                "--json".into(),
            ],
            Write::Ship { .. } => vec![
                "shipment".into(),
                "ship".into(),
                id(ids.shipment, "shipment").to_string(),
                "--carrier".into(),
                "DHL".into(),
            ],
            Write::BudgetLine { .. } => panic!("budget lines are written through the app only"),
        };
        args
    }

    /// The desktop app's command and its arguments that make this write.
    pub fn command(&self, setup: &Setup, ids: &Ids, today: &str) -> (&'static str, Value) {
        let request = || id(ids.request, "travel request");
        let actor = &setup.actor;
        match self {
            Write::Speaker { name, email } => (
                "create_speaker",
                json!({ "data": { "name": name, "email": email, "organisation": null,
                                  "home_city": null, "country": "DE", "first_time": false } }),
            ),
            Write::Submit {
                airfare, lodging, ..
            } => (
                "create_travel_request",
                json!({ "form": {
                    "summit_id": setup.summit_id, "speaker_id": id(ids.speaker, "speaker"),
                    "currency": "EUR", "origin_city": null, "origin_country": null,
                    "depart_on": null, "return_on": null, "lodging_nights": 5, "notes": null,
                    "items": [{ "category": "airfare", "amount": amount(*airfare) },
                              { "category": "lodging", "amount": amount(*lodging) }],
                } }),
            ),
            Write::Review { .. } => (
                "move_travel",
                json!({ "id": request(), "action": "start-review", "actor": actor, "reason": null }),
            ),
            Write::Approve {
                airfare, lodging, ..
            } => (
                "approve_travel",
                json!({ "id": request(), "actor": actor, "form": {
                    "amounts": [{ "category": "airfare", "amount": amount(*airfare) },
                                { "category": "lodging", "amount": amount(*lodging) }],
                    "rate": null, "override_reason": null, "accept_by": null,
                } }),
            ),
            Write::Accept { .. } => ("accept_travel", json!({ "id": request(), "actor": actor })),
            Write::Book { flight, .. } => (
                "book_travel",
                json!({ "id": request(), "actor": actor, "form": {
                    "flight_ref": flight, "hotel_ref": null, "arrive": "2030-06-09T18:00",
                    "depart": "2030-06-13T10:00", "tz": "Europe/Berlin", "nights": 4,
                } }),
            ),
            Write::Pay {
                amount: cents,
                reference,
                ..
            } => (
                "pay_travel",
                json!({ "id": request(), "actor": actor, "form": {
                    "paid_on": today, "amount": amount(*cents), "rate": null,
                    "reference": reference, "last": false,
                } }),
            ),
            Write::Receive { note, quantity } => (
                "record_stock_movement",
                json!({ "data": { "variant_id": setup.variant_id, "kind": "received",
                                  "quantity": quantity, "summit_id": null, "gathering_id": null,
                                  "note": note } }),
            ),
            Write::Shipment {
                origin,
                quantity,
                shipping,
            } => (
                "create_shipment",
                json!({ "form": {
                    "summit_id": setup.summit_id, "gathering_id": null,
                    "destination_address": null, "origin": origin, "contact_name": null,
                    "contact_phone": null, "carrier": null, "tracking_number": null,
                    "ship_date": null, "buffer_days": 3, "transit_days": 5, "status": "draft",
                    "currency": "EUR", "shipping_cost": amount(*shipping), "customs_cost": null,
                    "contents": [{ "variant_id": setup.variant_id, "quantity": quantity }],
                } }),
            ),
            Write::Ship { .. } => (
                "set_shipment_status",
                json!({ "id": id(ids.shipment, "shipment"), "status": "shipped" }),
            ),
            Write::BudgetLine {
                description,
                planned,
                committed,
                spent,
            } => (
                "create_budget_line",
                json!({ "form": {
                    "summit_id": setup.summit_id, "category": "socials",
                    "description": description, "currency": "EUR", "planned": amount(*planned),
                    "committed": amount(*committed), "spent": amount(*spent), "gathering_id": null,
                } }),
            ),
        }
    }

    /// Notes the id of the record this write made, from its answer (the CLI's `--json` output or
    /// the command's result: the same object).
    pub fn note_ids(&self, answer: &Value, ids: &mut Ids) {
        let made = answer["id"].as_i64();
        match self {
            Write::Speaker { .. } => ids.speaker = made,
            Write::Submit { .. } => ids.request = made,
            Write::Shipment { .. } => ids.shipment = made,
            _ => {}
        }
    }

    /// Whether this write is in the database, wholly or not at all; a description of what is
    /// there when it is neither.
    pub fn check(&self, db: &Connection) -> Result<Presence, String> {
        let whole = |parts: &[(&str, bool)]| whole(self, parts);
        match self {
            Write::Speaker { name, email } => {
                let emails: Vec<Option<String>> = rows(
                    db,
                    "SELECT email FROM speakers WHERE name = ?1",
                    params![name],
                )?;
                match emails.as_slice() {
                    [] => Ok(Presence::Absent),
                    [Some(e)] if e == email => Ok(Presence::Present),
                    other => Err(format!("{self:?}: speakers named so: {other:?}")),
                }
            }
            Write::Submit {
                speaker,
                airfare,
                lodging,
            } => {
                let Some(request) = request_of(db, speaker)? else {
                    return Ok(Presence::Absent);
                };
                let items: Vec<(String, i64)> = rows(
                    db,
                    "SELECT category, requested_minor FROM travel_request_items
                     WHERE request_id = ?1 ORDER BY category",
                    params![request],
                )?;
                let expected = vec![("airfare".into(), *airfare), ("lodging".into(), *lodging)];
                whole(&[("request", true), ("its items", items == expected)])
            }
            Write::Review { speaker } => decision(db, self, speaker, "start-review", &[]),
            Write::Approve {
                speaker,
                airfare,
                lodging,
            } => {
                let request = must_request(db, self, speaker)?;
                let items: Vec<(String, i64)> = rows(
                    db,
                    "SELECT category, approved_minor FROM travel_approved_items
                     WHERE request_id = ?1 ORDER BY category",
                    params![request],
                )?;
                let total: Option<i64> = one(
                    db,
                    "SELECT total_minor FROM travel_approvals WHERE request_id = ?1",
                    params![request],
                )?;
                let expected = vec![("airfare".into(), *airfare), ("lodging".into(), *lodging)];
                whole(&[
                    ("the approval", total == Some(airfare + lodging)),
                    ("its amounts", items == expected),
                    ("the status", status_is(db, request, AFTER_APPROVE)?),
                    ("its audit row", audit_rows(db, request, "approve")? == 1),
                ])
            }
            Write::Accept { speaker } => decision(
                db,
                self,
                speaker,
                "accept",
                &["accepted", "booked", "reimbursed"],
            ),
            Write::Book { speaker, flight } => {
                let request = must_request(db, self, speaker)?;
                let booked: Option<Option<String>> = one(
                    db,
                    "SELECT flight_ref FROM travel_bookings WHERE request_id = ?1",
                    params![request],
                )?;
                whole(&[
                    ("the booking", booked == Some(Some(flight.clone()))),
                    (
                        "the status",
                        status_is(db, request, &["booked", "reimbursed"])?,
                    ),
                    ("its audit row", audit_rows(db, request, "book")? == 1),
                ])
            }
            Write::Pay {
                speaker,
                amount,
                reference,
            } => {
                let request = must_request(db, self, speaker)?;
                let paid: Vec<(i64, String)> = rows(
                    db,
                    "SELECT amount_minor, currency FROM travel_payments WHERE reference = ?1",
                    params![reference],
                )?;
                let audited: i64 = one(
                    db,
                    "SELECT count(*) FROM audit_log WHERE entity = 'travel_request'
                     AND entity_id = ?1 AND action = 'pay' AND amount_minor = ?2",
                    params![request, amount],
                )?
                .unwrap_or(0);
                whole(&[
                    ("the payment", paid == [(*amount, "EUR".to_owned())]),
                    ("its audit row", audited == 1),
                ])
            }
            Write::Receive { note, quantity } => {
                let moved: Vec<(String, i64)> = rows(
                    db,
                    "SELECT kind, quantity FROM stock_movements WHERE note = ?1",
                    params![note],
                )?;
                match moved.as_slice() {
                    [] => Ok(Presence::Absent),
                    [(kind, q)] if kind == "received" && q == quantity => Ok(Presence::Present),
                    other => Err(format!("{self:?}: movements with that note: {other:?}")),
                }
            }
            Write::Shipment {
                origin,
                quantity,
                shipping,
            } => {
                let Some((shipment, cost)) = shipment_of(db, origin)? else {
                    return Ok(Presence::Absent);
                };
                let items: Vec<i64> = rows(
                    db,
                    "SELECT quantity FROM shipment_items WHERE shipment_id = ?1",
                    params![shipment],
                )?;
                whole(&[
                    ("the shipment", cost == Some(*shipping)),
                    ("its contents", items == [*quantity]),
                ])
            }
            Write::Ship { origin, quantity } => {
                let Some((shipment, _)) = shipment_of(db, origin)? else {
                    return Err(format!("{self:?}: the shipment is missing"));
                };
                let status: Option<String> = one(
                    db,
                    "SELECT status FROM shipments WHERE id = ?1",
                    params![shipment],
                )?;
                let shipped: Vec<i64> = rows(
                    db,
                    "SELECT quantity FROM stock_movements WHERE shipment_id = ?1 AND kind = 'shipped'",
                    params![shipment],
                )?;
                whole(&[
                    ("the status", status.as_deref() == Some("shipped")),
                    ("its stock movement", shipped == [*quantity]),
                ])
            }
            Write::BudgetLine {
                description,
                planned,
                committed,
                spent,
            } => {
                let lines: Vec<(String, i64, i64, i64)> = rows(
                    db,
                    "SELECT currency, planned_minor, committed_minor, spent_minor
                     FROM budget_lines WHERE description = ?1",
                    params![description],
                )?;
                match lines.as_slice() {
                    [] => Ok(Presence::Absent),
                    [line] if *line == ("EUR".to_owned(), *planned, *committed, *spent) => {
                        Ok(Presence::Present)
                    }
                    other => Err(format!("{self:?}: lines so described: {other:?}")),
                }
            }
        }
    }
}

/// The statuses a request may have once approved, as the chain goes on.
const AFTER_APPROVE: &[&str] = &["approved", "accepted", "booked", "reimbursed"];

/// Present when every part is there, absent when none is; otherwise names what is half there.
fn whole(write: &Write, parts: &[(&str, bool)]) -> Result<Presence, String> {
    if parts.iter().all(|(_, there)| *there) {
        Ok(Presence::Present)
    } else if parts.iter().all(|(_, there)| !*there) {
        Ok(Presence::Absent)
    } else {
        let there: Vec<_> = parts.iter().filter(|p| p.1).map(|p| p.0).collect();
        let missing: Vec<_> = parts.iter().filter(|p| !p.1).map(|p| p.0).collect();
        Err(format!(
            "half-written: {write:?} has {there:?} but not {missing:?}"
        ))
    }
}

/// A decision that moves a request on and writes its audit row: both there or neither.
fn decision(
    db: &Connection,
    write: &Write,
    speaker: &str,
    action: &str,
    statuses: &[&str],
) -> Result<Presence, String> {
    let request = must_request(db, write, speaker)?;
    let moved = if statuses.is_empty() {
        !status_is(db, request, &["submitted"])?
    } else {
        status_is(db, request, statuses)?
    };
    whole(
        write,
        &[
            ("the status", moved),
            ("its audit row", audit_rows(db, request, action)? == 1),
        ],
    )
}

/// Every row `sql` finds.
pub fn rows<T: RowValue, P: rusqlite::Params>(
    db: &Connection,
    sql: &str,
    params: P,
) -> Result<Vec<T>, String> {
    let mut statement = db.prepare(sql).map_err(|e| format!("{sql}: {e}"))?;
    statement
        .query_map(params, T::read)
        .map_err(|e| format!("{sql}: {e}"))?
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| format!("{sql}: {e}"))
}

/// The first row `sql` finds, if any.
pub fn one<T: RowValue, P: rusqlite::Params>(
    db: &Connection,
    sql: &str,
    params: P,
) -> Result<Option<T>, String> {
    db.query_row(sql, params, T::read)
        .optional()
        .map_err(|e| format!("{sql}: {e}"))
}

/// A value read from a row's columns, from the first on.
pub trait RowValue: Sized {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self>;
}

impl RowValue for i64 {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        row.get(0)
    }
}

impl RowValue for String {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        row.get(0)
    }
}

impl RowValue for Option<String> {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        row.get(0)
    }
}

impl RowValue for (String, i64) {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?))
    }
}

impl RowValue for (i64, String) {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?))
    }
}

impl RowValue for (i64, Option<i64>) {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?))
    }
}

impl RowValue for (String, i64, i64, i64) {
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
    }
}

/// The travel request of the speaker named `speaker`, if both exist.
fn request_of(db: &Connection, speaker: &str) -> Result<Option<i64>, String> {
    one(
        db,
        "SELECT r.id FROM travel_requests r JOIN speakers s ON s.id = r.speaker_id
         WHERE s.name = ?1",
        params![speaker],
    )
}

/// The request a decision is about: it was acknowledged before the decision was made.
fn must_request(db: &Connection, write: &Write, speaker: &str) -> Result<i64, String> {
    request_of(db, speaker)?.ok_or_else(|| format!("{write:?}: the travel request is missing"))
}

fn status_is(db: &Connection, request: i64, statuses: &[&str]) -> Result<bool, String> {
    let status: Option<String> = one(
        db,
        "SELECT status FROM travel_requests WHERE id = ?1",
        params![request],
    )?;
    Ok(status.is_some_and(|s| statuses.contains(&s.as_str())))
}

fn audit_rows(db: &Connection, request: i64, action: &str) -> Result<i64, String> {
    Ok(one(
        db,
        "SELECT count(*) FROM audit_log WHERE entity = 'travel_request' AND entity_id = ?1
         AND action = ?2",
        params![request, action],
    )?
    .unwrap_or(0))
}

/// The shipment from `origin` and its shipping cost.
fn shipment_of(db: &Connection, origin: &str) -> Result<Option<(i64, Option<i64>)>, String> {
    one(
        db,
        "SELECT id, shipping_minor FROM shipments WHERE origin = ?1",
        params![origin],
    )
}
