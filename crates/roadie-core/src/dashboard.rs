//! A summit at a glance: what is next, what waits on someone, and the budget's totals.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::budget::BudgetCategory;
use crate::checks::Finding;
use crate::error::Result;
use crate::gathering::{GatheringFilter, GatheringView};
use crate::money::{Currency, Money};
use crate::store::Store;
use crate::summit::Summit;

/// How many upcoming gatherings the dashboard lists.
const NEXT: i64 = 8;

/// A summit's dashboard, as of the instant it was asked for.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dashboard {
    pub summit: Summit,
    /// The gatherings that have not ended yet, earliest first.
    pub next: Vec<GatheringView>,
    pub counts: Counts,
    /// Planned, committed and spent per category and currency, unconverted; shipments' costs
    /// count in the shipping category.
    pub budget: Vec<BudgetTotals>,
    /// What the planning checks find as of the same instant, worst first.
    pub findings: Vec<Finding>,
}

/// How many records a summit has, and how many wait on someone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    pub sessions: i64,
    pub socials: i64,
    pub milestones: i64,
    pub cancelled: i64,
    pub speakers: i64,
    pub travel_requests: i64,
    /// Submitted or under review: waiting for a decision.
    pub travel_to_review: i64,
    /// To the summit or to one of its gatherings.
    pub shipments: i64,
    /// Draft or packed: not on its way yet.
    pub shipments_not_sent: i64,
}

/// One category's budget entries (its lines, and shipments' costs) in one currency, summed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BudgetTotals {
    pub category: BudgetCategory,
    /// How many entries: budget lines and shipments' shipping or customs costs.
    pub lines: i64,
    pub planned: Money,
    pub committed: Money,
    pub spent: Money,
}

impl Store {
    /// The dashboard of a summit as of `now`.
    pub async fn dashboard(&self, summit_id: i64, now: DateTime<Utc>) -> Result<Dashboard> {
        let summit = self.summit(summit_id).await?;
        let next = async {
            let next = self
                .list_gatherings(&GatheringFilter {
                    summit_id: Some(summit_id),
                    from: Some(now),
                    limit: Some(NEXT),
                    ..GatheringFilter::default()
                })
                .await?
                .into_iter()
                .map(GatheringView::from)
                .collect::<Vec<_>>();
            Ok(next)
        };
        let counts = sqlx::query_as!(
            Counts,
            // The gatherings are counted in one pass over the summit's rows.
            r#"SELECT
                 count(*) FILTER (WHERE kind = 'session') AS "sessions!: i64",
                 count(*) FILTER (WHERE kind = 'social') AS "socials!: i64",
                 count(*) FILTER (WHERE kind = 'milestone') AS "milestones!: i64",
                 count(*) FILTER (WHERE status = 'cancelled') AS "cancelled!: i64",
                 (SELECT count(DISTINCT t.speaker_id) FROM speaker_talks t
                    JOIN gatherings g ON g.id = t.gathering_id WHERE g.summit_id = ?1) AS "speakers!: i64",
                 (SELECT count(*) FROM travel_requests WHERE summit_id = ?1) AS "travel_requests!: i64",
                 (SELECT count(*) FROM travel_requests WHERE summit_id = ?1
                    AND status IN ('submitted', 'under-review')) AS "travel_to_review!: i64",
                 (SELECT count(*) FROM shipments s LEFT JOIN gatherings g ON g.id = s.gathering_id
                    WHERE s.summit_id = ?1 OR g.summit_id = ?1) AS "shipments!: i64",
                 (SELECT count(*) FROM shipments s LEFT JOIN gatherings g ON g.id = s.gathering_id
                    WHERE (s.summit_id = ?1 OR g.summit_id = ?1)
                      AND s.status IN ('draft', 'packed')) AS "shipments_not_sent!: i64"
               FROM gatherings WHERE summit_id = ?1"#,
            summit_id
        )
        .fetch_one(&self.pool);
        // The checks are the slowest part; the rest reads alongside them.
        let (next, counts, (findings, budget)) = tokio::try_join!(
            next,
            async { Ok(counts.await?) },
            self.checks_and_budget(&summit, now),
        )?;
        Ok(Dashboard {
            summit,
            next,
            counts,
            budget,
            findings,
        })
    }

    /// Planned, committed and spent per category and currency, by category then currency: the
    /// budget lines (summed from their covering index) and the shipments' costs (the
    /// `shipment_costs` view), unconverted.
    pub async fn budget_totals(&self, summit_id: i64) -> Result<Vec<BudgetTotals>> {
        let lines = sqlx::query!(
            r#"SELECT category, currency, count(*) AS "entries!: i64", sum(planned_minor) AS "planned!: i64",
                      sum(committed_minor) AS "committed!: i64", sum(spent_minor) AS "spent!: i64"
               FROM budget_lines WHERE summit_id = ? GROUP BY category, currency"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| (r.category, r.currency, r.entries, r.planned, r.committed, r.spent));
        let costs = sqlx::query!(
            r#"SELECT category AS "category!: String", currency AS "currency!: String", count(*) AS "entries!: i64",
                      sum(committed_minor) AS "committed!: i64", sum(spent_minor) AS "spent!: i64"
               FROM shipment_costs WHERE summit_id = ? GROUP BY category, currency"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| (r.category, r.currency, r.entries, 0, r.committed, r.spent));
        let mut sums: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
        for (category, currency, entries, planned, committed, spent) in lines.chain(costs) {
            let sum = sums.entry((category, currency)).or_default();
            for (total, add) in sum.iter_mut().zip([entries, planned, committed, spent]) {
                *total += add;
            }
        }
        sums.into_iter()
            .map(
                |((category, currency), [lines, planned, committed, spent])| {
                    let currency = Currency::parse("currency", &currency)?;
                    Ok(BudgetTotals {
                        category: BudgetCategory::parse("category", &category)?,
                        lines,
                        planned: Money::new(planned, currency),
                        committed: Money::new(committed, currency),
                        spent: Money::new(spent, currency),
                    })
                },
            )
            .collect()
    }
}
