//! Planning checks across a summit's records, run on demand as of an instant passed in: what will
//! go wrong unless someone acts. Each finding has a stable kind, a severity, a plain-language
//! message and the records involved.
//!
//! - `shipment-late` (error): a shipment not delivered when its must-arrive-by has come.
//! - `shipment-at-risk` (warning): a shipment still draft or packed when its ship-by (must-arrive-by
//!   less its transit days) has come.
//! - `shipment-lost` (error): a shipment marked lost.
//! - `social-overlaps-plenary` (warning): a social that overlaps a plenary or keynote session of the
//!   same summit; cancelled socials and sessions do not count, nor does one ending as the other
//!   starts. A session is plenary when its track is `plenary` or `keynote`, or when its title
//!   contains the word "keynote" or "plenary" (any case).
//! - `speaker-arrives-late` (error): a speaker whose booked arrival (their travel booking, unless the
//!   request was withdrawn) is after one of their talks at the summit starts;
//!   `speaker-leaves-early` (error): whose booked departure is before one ends. Cancelled talks do
//!   not count; arriving as the talk starts, or leaving as it ends, is not a finding.
//! - `travel-without-talk` (warning): travel approved (approved, accepted, booked or reimbursed) for
//!   a speaker with no talk at that summit, cancelled ones aside.
//! - `over-capacity` (warning): a gathering, not cancelled, expecting more people than it holds.
//! - `budget-over-plan`: a budget category, per currency, with more committed (warning) or spent
//!   (error) than planned, shipments' costs included (the `shipment_costs` view), unconverted.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::dashboard::BudgetTotals;
use crate::error::Result;
use crate::gathering::{Gathering, GatheringKind, GatheringStatus};
use crate::shipment::{Shipment, ShipmentFilter, ShipmentStatus};
use crate::store::Store;
use crate::summit::Summit;
use crate::text_enum::text_enum;
use crate::travel::TravelStatus;

text_enum!(
    /// What a finding is about; the names are stable.
    FindingKind("finding kind") {
        ShipmentLate => "shipment-late",
        ShipmentLost => "shipment-lost",
        ShipmentAtRisk => "shipment-at-risk",
        SpeakerArrivesLate => "speaker-arrives-late",
        SpeakerLeavesEarly => "speaker-leaves-early",
        SocialOverlapsPlenary => "social-overlaps-plenary",
        TravelWithoutTalk => "travel-without-talk",
        OverCapacity => "over-capacity",
        BudgetOverPlan => "budget-over-plan",
    }
);

text_enum!(
    /// How bad a finding is.
    Severity("severity") {
        /// Already wrong: act now.
        Error => "error",
        /// Will go wrong unless someone acts.
        Warning => "warning",
        Info => "info",
    }
);

text_enum!(
    /// The kind of a record a finding involves.
    RecordKind("record kind") {
        Shipment => "shipment",
        Gathering => "gathering",
        Speaker => "speaker",
        TravelRequest => "travel-request",
        BudgetLine => "budget-line",
    }
);

/// A record a finding involves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: i64,
}

impl RecordRef {
    fn new(kind: RecordKind, id: i64) -> RecordRef {
        RecordRef { kind, id }
    }
}

/// One thing that needs attention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    pub message: String,
    /// The records involved, the one to act on first.
    pub records: Vec<RecordRef>,
}

impl Store {
    /// Every check on a summit's records as of `now`: errors first, then warnings.
    pub async fn run_checks(&self, summit_id: i64, now: DateTime<Utc>) -> Result<Vec<Finding>> {
        let summit = self.summit(summit_id).await?;
        Ok(self.checks_and_budget(&summit, now).await?.0)
    }

    /// The checks, and the budget totals they compare with the plan (the dashboard shows them
    /// too). Independent reads run side by side on the pool's connections.
    pub(crate) async fn checks_and_budget(
        &self,
        summit: &Summit,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Finding>, Vec<BudgetTotals>)> {
        let summit_id = summit.id;
        let shipments = ShipmentFilter {
            summit_id: Some(summit_id),
            status: None,
        };
        let (gatherings, shipments, budget) = tokio::try_join!(
            self.gatherings_to_check(summit_id),
            // The checks look at deadlines and status, never at what a shipment holds.
            self.list_shipments_without_contents(&shipments),
            self.budget_totals(summit_id),
        )?;
        let mut found = shipment_findings(summit, &gatherings, &shipments, now);
        found.extend(overlap_findings(&gatherings));
        found.extend(capacity_findings(&gatherings));
        let (travel, over_plan) = tokio::try_join!(
            self.travel_findings(summit, &gatherings),
            self.budget_findings(summit_id, &budget),
        )?;
        found.extend(travel);
        found.extend(over_plan);
        found.sort_by(|a, b| {
            (a.severity, a.kind, &a.records).cmp(&(b.severity, b.kind, &b.records))
        });
        Ok((found, budget))
    }

    /// The gatherings any check looks at, rather than a summit's every session: its socials and
    /// the sessions they overlap, those expecting more than they hold, the talks of speakers with
    /// funded or booked travel, and shipments' destinations. Cancelled ones are in; each check
    /// leaves them out itself.
    async fn gatherings_to_check(&self, summit_id: i64) -> Result<Vec<Gathering>> {
        let ids = sqlx::query_scalar!(
            r#"WITH socials AS (SELECT id, starts_at, ends_at FROM gatherings WHERE summit_id = ?1 AND kind = 'social')
               SELECT id AS "id!: i64" FROM socials
               UNION
               SELECT g.id FROM socials s JOIN gatherings g
                 ON g.summit_id = ?1 AND g.starts_at < s.ends_at AND s.starts_at < g.ends_at AND g.kind = 'session'
               UNION
               SELECT id FROM gatherings WHERE summit_id = ?1 AND expected_headcount > capacity
               UNION
               SELECT t.gathering_id FROM speaker_talks t JOIN gatherings g ON g.id = t.gathering_id
               WHERE g.summit_id = ?1 AND t.speaker_id IN (
                   SELECT speaker_id FROM travel_requests WHERE summit_id = ?1
                     AND (status IN ('approved', 'accepted', 'booked', 'reimbursed')
                          OR id IN (SELECT request_id FROM travel_bookings)))
               UNION
               SELECT s.gathering_id FROM shipments s JOIN gatherings g ON g.id = s.gathering_id
               WHERE g.summit_id = ?1"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        self.gatherings_by_id(&ids).await
    }

    /// Speakers whose booked travel misses their talks, and approved travel without a talk.
    async fn travel_findings(
        &self,
        summit: &Summit,
        gatherings: &[Gathering],
    ) -> Result<Vec<Finding>> {
        let talks: HashMap<i64, &Gathering> = gatherings
            .iter()
            .filter(|g| g.data.status != GatheringStatus::Cancelled)
            .map(|g| (g.id, g))
            .collect();
        let links = sqlx::query!(
            "SELECT t.speaker_id, t.gathering_id FROM speaker_talks t JOIN gatherings g ON g.id = t.gathering_id
             WHERE g.summit_id = ? ORDER BY g.starts_at, g.id",
            summit.id
        )
        .fetch_all(&self.pool)
        .await?;
        let mut talks_of: HashMap<i64, Vec<&Gathering>> = HashMap::new();
        for link in links {
            if let Some(talk) = talks.get(&link.gathering_id) {
                talks_of.entry(link.speaker_id).or_default().push(talk);
            }
        }
        let names: HashMap<i64, String> = sqlx::query!(
            r#"SELECT s.id AS "id!", s.name FROM speakers s
             WHERE s.id IN (SELECT speaker_id FROM travel_requests WHERE summit_id = ?)"#,
            summit.id
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
        let name = |id: i64| {
            names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("Speaker {id}"))
        };
        let local = |t: DateTime<Utc>| summit.data.tz.local(t).format("%Y-%m-%d %H:%M").to_string();
        let mut found = Vec::new();
        for trip in self.travel_itineraries(summit.id).await? {
            if trip.status == TravelStatus::Withdrawn {
                continue;
            }
            for talk in talks_of.get(&trip.speaker_id).into_iter().flatten() {
                let t = &talk.data;
                let records = vec![
                    RecordRef::new(RecordKind::Speaker, trip.speaker_id),
                    RecordRef::new(RecordKind::Gathering, talk.id),
                    RecordRef::new(RecordKind::TravelRequest, trip.request_id),
                ];
                if trip.arrive_at > t.start {
                    found.push(Finding {
                        kind: FindingKind::SpeakerArrivesLate,
                        severity: Severity::Error,
                        message: format!(
                            "{} arrives {} ({}), after their talk “{}” starts at {}.",
                            name(trip.speaker_id),
                            local(trip.arrive_at),
                            summit.data.tz,
                            t.title,
                            local(t.start)
                        ),
                        records: records.clone(),
                    });
                }
                if trip.depart_at < t.end {
                    found.push(Finding {
                        kind: FindingKind::SpeakerLeavesEarly,
                        severity: Severity::Error,
                        message: format!(
                            "{} leaves {} ({}), before their talk “{}” ends at {}.",
                            name(trip.speaker_id),
                            local(trip.depart_at),
                            summit.data.tz,
                            t.title,
                            local(t.end)
                        ),
                        records,
                    });
                }
            }
        }
        let funded = sqlx::query!(
            r#"SELECT id AS "id!", speaker_id, status FROM travel_requests
             WHERE summit_id = ? AND status IN ('approved', 'accepted', 'booked', 'reimbursed') ORDER BY id"#,
            summit.id
        )
        .fetch_all(&self.pool)
        .await?;
        for request in funded
            .into_iter()
            .filter(|r| !talks_of.contains_key(&r.speaker_id))
        {
            found.push(Finding {
                kind: FindingKind::TravelWithoutTalk,
                severity: Severity::Warning,
                message: format!(
                    "{}'s travel is {} but they have no talk at {}.",
                    name(request.speaker_id),
                    request.status,
                    summit.data.name
                ),
                records: vec![
                    RecordRef::new(RecordKind::Speaker, request.speaker_id),
                    RecordRef::new(RecordKind::TravelRequest, request.id),
                ],
            });
        }
        Ok(found)
    }

    /// Categories, per currency, with more committed or spent than planned; the records are the
    /// lines and shipments behind each.
    async fn budget_findings(
        &self,
        summit_id: i64,
        budget: &[BudgetTotals],
    ) -> Result<Vec<Finding>> {
        let mut found = Vec::new();
        for t in budget
            .iter()
            .filter(|t| t.committed.minor > t.planned.minor || t.spent.minor > t.planned.minor)
        {
            let (category, currency) = (t.category.as_str(), t.planned.currency);
            let code = currency.code();
            let lines = sqlx::query_scalar!(
                r#"SELECT id AS "id!" FROM budget_lines WHERE summit_id = ? AND category = ? AND currency = ?
                   ORDER BY id"#,
                summit_id,
                category,
                code
            )
            .fetch_all(&self.pool)
            .await?;
            let shipments = sqlx::query_scalar!(
                r#"SELECT DISTINCT shipment_id AS "id!: i64" FROM shipment_costs
                   WHERE summit_id = ? AND category = ? AND currency = ? ORDER BY shipment_id"#,
                summit_id,
                category,
                code
            )
            .fetch_all(&self.pool)
            .await?;
            let records = lines
                .into_iter()
                .map(|id| RecordRef::new(RecordKind::BudgetLine, id))
                .chain(
                    shipments
                        .into_iter()
                        .map(|id| RecordRef::new(RecordKind::Shipment, id)),
                )
                .collect();
            let (severity, what, amount) = if t.spent.minor > t.planned.minor {
                (Severity::Error, "spent", t.spent)
            } else {
                (Severity::Warning, "committed", t.committed)
            };
            let label = capitalised(category);
            let message = if t.planned.minor == 0 {
                format!(
                    "{label}: {amount} {what} in {currency}, and nothing is planned in {currency}."
                )
            } else {
                format!("{label}: {amount} {what}, over the {} planned.", t.planned)
            };
            found.push(Finding {
                kind: FindingKind::BudgetOverPlan,
                severity,
                message,
                records,
            });
        }
        Ok(found)
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "shipment 3 (DHL RD000100003FR) to Northwind Summit".
fn shipment_name(s: &Shipment, summit: &Summit, gatherings: &HashMap<i64, &Gathering>) -> String {
    let d = &s.data;
    let via: Vec<&str> = [d.carrier.as_deref(), d.tracking_number.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let via = if via.is_empty() {
        String::new()
    } else {
        format!(" ({})", via.join(" "))
    };
    let to = match d.gathering_id.and_then(|id| gatherings.get(&id)) {
        Some(g) => format!("“{}”", g.data.title),
        None => summit.data.name.clone(),
    };
    format!("Shipment {}{via} to {to}", s.id)
}

fn shipment_findings(
    summit: &Summit,
    gatherings: &[Gathering],
    shipments: &[Shipment],
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let by_id: HashMap<i64, &Gathering> = gatherings.iter().map(|g| (g.id, g)).collect();
    let mut found = Vec::new();
    for s in shipments {
        let records = vec![RecordRef::new(RecordKind::Shipment, s.id)];
        let name = shipment_name(s, summit, &by_id);
        let status = s.data.status;
        let Some(arrive) = &s.must_arrive_by else {
            if status == ShipmentStatus::Lost {
                found.push(Finding {
                    kind: FindingKind::ShipmentLost,
                    severity: Severity::Error,
                    message: format!("{name} is lost."),
                    records,
                });
            }
            continue;
        };
        let where_it_is = match status {
            ShipmentStatus::Draft => "is still a draft",
            ShipmentStatus::Packed => "is packed but not shipped",
            ShipmentStatus::Shipped | ShipmentStatus::InTransit => "is not delivered yet",
            ShipmentStatus::Lost => {
                found.push(Finding {
                    kind: FindingKind::ShipmentLost,
                    severity: Severity::Error,
                    message: format!("{name} is lost; it must arrive by {}.", arrive.text()),
                    records,
                });
                continue;
            }
            ShipmentStatus::Delivered | ShipmentStatus::Returned => continue,
        };
        if now >= arrive.at {
            found.push(Finding {
                kind: FindingKind::ShipmentLate,
                severity: Severity::Error,
                message: format!(
                    "{name} {where_it_is}; it had to arrive by {}.",
                    arrive.text()
                ),
                records,
            });
        } else if let Some(ship_by) = s
            .ship_by
            .as_ref()
            .filter(|b| !status.has_left() && now >= b.at)
        {
            found.push(Finding {
                kind: FindingKind::ShipmentAtRisk,
                severity: Severity::Warning,
                message: format!(
                    "{name} {where_it_is}; to arrive by {} with {} in transit it had to leave by {}.",
                    arrive.text(),
                    days(s.data.transit_days),
                    ship_by.text()
                ),
                records,
            });
        }
    }
    found
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// Whether a session is plenary: its track is plenary or keynote, or its title says so.
pub fn is_plenary(g: &Gathering) -> bool {
    let d = &g.data;
    let track = d.track.as_deref().map(|t| t.trim().to_lowercase());
    let title = d.title.to_lowercase();
    d.kind == GatheringKind::Session
        && (matches!(track.as_deref(), Some("plenary" | "keynote"))
            || title.contains("keynote")
            || title.contains("plenary"))
}

/// "2026-06-09 08:30–09:30" in the gathering's zone.
fn when(g: &Gathering) -> String {
    let d = &g.data;
    let (start, end) = (d.tz.local(d.start), d.tz.local(d.end));
    let end_format = if start.date() == end.date() {
        "%H:%M"
    } else {
        "%Y-%m-%d %H:%M"
    };
    format!(
        "{}–{}",
        start.format("%Y-%m-%d %H:%M"),
        end.format(end_format)
    )
}

fn overlap_findings(gatherings: &[Gathering]) -> Vec<Finding> {
    let live = |g: &&Gathering| g.data.status != GatheringStatus::Cancelled;
    let plenaries: Vec<&Gathering> = gatherings
        .iter()
        .filter(live)
        .filter(|g| is_plenary(g))
        .collect();
    let mut found = Vec::new();
    for social in gatherings
        .iter()
        .filter(live)
        .filter(|g| g.data.kind == GatheringKind::Social)
    {
        let s = &social.data;
        for plenary in plenaries
            .iter()
            .filter(|p| p.data.start < s.end && s.start < p.data.end)
        {
            found.push(Finding {
                kind: FindingKind::SocialOverlapsPlenary,
                severity: Severity::Warning,
                message: format!(
                    "The social “{}” ({}) overlaps the plenary session “{}” ({}).",
                    s.title,
                    when(social),
                    plenary.data.title,
                    when(plenary)
                ),
                records: vec![
                    RecordRef::new(RecordKind::Gathering, social.id),
                    RecordRef::new(RecordKind::Gathering, plenary.id),
                ],
            });
        }
    }
    found
}

fn capacity_findings(gatherings: &[Gathering]) -> Vec<Finding> {
    gatherings
        .iter()
        .filter(|g| g.data.status != GatheringStatus::Cancelled)
        .filter_map(|g| {
            let (capacity, expected) = (g.data.capacity?, g.data.expected_headcount?);
            (expected > capacity).then(|| Finding {
                kind: FindingKind::OverCapacity,
                severity: Severity::Warning,
                message: format!(
                    "“{}” ({}) expects {expected} people but holds {capacity}.",
                    g.data.title,
                    when(g)
                ),
                records: vec![RecordRef::new(RecordKind::Gathering, g.id)],
            })
        })
        .collect()
}
