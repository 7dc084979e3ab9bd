//! The travel report for the treasurer: one CSV line per request with its amounts requested,
//! approved and paid, per category and in total, in the request's and the summit's currency.
//! The first line marks it internal; every cell goes through [`crate::csv_cell`].

use chrono::{DateTime, Utc};

use crate::csv_cell;
use crate::error::Result;
use crate::money::Money;
use crate::store::Store;
use crate::travel::{TravelCategory, TravelFilter};

fn amount(m: Option<Money>) -> String {
    m.map(|m| m.amount()).unwrap_or_default()
}

impl Store {
    /// The travel report of a summit as CSV text, generated at `at`.
    pub async fn travel_report_csv(&self, summit_id: i64, at: DateTime<Utc>) -> Result<String> {
        let summit = self.summit(summit_id).await?;
        let rows = self.travel_overview(summit_id, None).await?;
        let requests = self
            .list_travel_requests(&TravelFilter {
                summit_id: Some(summit_id),
                ..TravelFilter::default()
            })
            .await?;
        let base = summit.data.currency;
        let mut out = csv_cell::row(&[format!(
            "INTERNAL - travel funding report for {} ({}) generated {} UTC - personal data for the organisers and the treasurer only",
            summit.data.name,
            summit.data.slug,
            at.format("%Y-%m-%d %H:%M")
        )]);
        let mut header: Vec<String> = [
            "rank",
            "id",
            "speaker",
            "country",
            "first_time",
            "status",
            "score",
            "reviews",
            "currency",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for c in TravelCategory::ALL {
            header.push(format!("requested_{c}"));
        }
        header.push("requested_total".into());
        for c in TravelCategory::ALL {
            header.push(format!("approved_{c}"));
        }
        header.extend(
            [
                "approved_total",
                "rate",
                "base_currency",
                "approved_base",
                "pending",
                "override_reason",
                "accept_by",
                "paid_total",
                "paid_base",
                "receipts",
            ]
            .map(str::to_owned),
        );
        out.push_str(&csv_cell::row(&header));
        for row in &rows {
            let Some(request) = requests.iter().find(|r| r.id == row.id) else {
                continue;
            };
            let approval = self.travel_approval(row.id).await?;
            let payments = self.travel_payments(row.id).await?;
            let receipts = self.travel_receipts(row.id).await?;
            let paid_base = payments
                .iter()
                .map(|p| p.base.minor)
                .try_fold(0i64, i64::checked_add)
                .map(|m| Money::new(m, base));
            let mut cells = vec![
                row.rank.to_string(),
                row.id.to_string(),
                row.speaker.clone(),
                row.country.clone().unwrap_or_default(),
                if row.first_time { "yes" } else { "no" }.to_owned(),
                row.status.to_string(),
                row.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
                row.reviews.to_string(),
                request.data.currency.to_string(),
            ];
            for c in TravelCategory::ALL {
                let requested = request.data.items.iter().find(|i| i.category == *c);
                cells.push(amount(requested.map(|i| i.requested)));
            }
            cells.push(row.requested.amount());
            for c in TravelCategory::ALL {
                cells.push(amount(approval.as_ref().map(|a| a.approved(*c))));
            }
            cells.extend([
                amount(row.approved),
                approval
                    .as_ref()
                    .map(|a| a.rate.to_string())
                    .unwrap_or_default(),
                base.to_string(),
                amount(row.approved_base),
                if row.pending { "yes" } else { "no" }.to_owned(),
                approval
                    .as_ref()
                    .and_then(|a| a.override_reason.clone())
                    .unwrap_or_default(),
                approval
                    .as_ref()
                    .map(|a| a.accept_by.to_string())
                    .unwrap_or_default(),
                row.reimbursed.amount(),
                amount(paid_base),
                receipts.len().to_string(),
            ]);
            out.push_str(&csv_cell::row(&cells));
        }
        Ok(out)
    }
}
