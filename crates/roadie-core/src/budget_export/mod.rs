//! A summit's budget summary as a file for the people who pay: CSV for any tool, XLSX with live
//! formulas for spreadsheets, PDF to print. Each is built from the same [`Report`]: the summary,
//! every budget line and every shipment cost.

mod csv;
mod pdf;
mod xlsx;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::budget::BudgetCategory;
use crate::budget_summary::{BudgetEntry, BudgetSummary, Figures};
use crate::error::{Error, Result};
use crate::files;
use crate::money::{Currency, Money};
use crate::store::Store;
use crate::text_enum::text_enum;

text_enum!(
    /// The kinds of file a budget exports to.
    ExportFormat("export format") {
        Csv => "csv",
        Xlsx => "xlsx",
        Pdf => "pdf",
    }
);

/// One budget line as the exports list it.
#[derive(Clone, Debug)]
pub(crate) struct ReportLine {
    pub id: i64,
    pub category: BudgetCategory,
    pub description: String,
    /// The title of the gathering it pays for.
    pub gathering: Option<String>,
    pub paid_on: Option<NaiveDate>,
    /// As the summary counts them: committed includes what is paid.
    pub amounts: Figures,
}

/// Everything an export shows.
pub(crate) struct Report {
    pub summary: BudgetSummary,
    /// By category, then as entered.
    pub lines: Vec<ReportLine>,
    pub entries: Vec<BudgetEntry>,
    /// When it was made.
    pub generated: DateTime<Utc>,
}

impl Report {
    /// "2026-05-04 09:30 UTC".
    pub fn generated_text(&self) -> String {
        self.generated.format("%Y-%m-%d %H:%M UTC").to_string()
    }

    /// The lines of one category.
    pub fn lines_of(&self, category: BudgetCategory) -> impl Iterator<Item = &ReportLine> {
        let start = self.lines.partition_point(|l| l.category < category);
        self.lines[start..]
            .iter()
            .take_while(move |l| l.category == category)
    }
}

impl Store {
    /// A summit's budget summary, every line and every shipment cost, as a file in `format`;
    /// `now` is when it is made, printed in it.
    pub async fn budget_export(
        &self,
        summit_id: i64,
        format: ExportFormat,
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>> {
        let report = Report {
            summary: self.budget_summary(summit_id).await?,
            lines: self.report_lines(summit_id).await?,
            entries: self.budget_entries(summit_id).await?,
            generated: now,
        };
        tokio::task::spawn_blocking(move || match format {
            ExportFormat::Csv => Ok(csv::write(&report).into_bytes()),
            ExportFormat::Xlsx => xlsx::write(&report),
            ExportFormat::Pdf => pdf::write(&report),
        })
        .await
        .map_err(|e| Error::Io {
            path: "budget export".into(),
            source: std::io::Error::other(e),
        })?
    }

    /// Writes [`Store::budget_export`] to `path`, replacing what is there only once the new file
    /// is complete.
    pub async fn export_budget_to(
        &self,
        summit_id: i64,
        format: ExportFormat,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let bytes = self.budget_export(summit_id, format, now).await?;
        files::write_atomically(path, bytes).await
    }

    async fn report_lines(&self, summit_id: i64) -> Result<Vec<ReportLine>> {
        let rows = sqlx::query!(
            r#"SELECT b.id AS "id!", b.category, b.description, b.currency, b.planned_minor,
                      max(b.committed_minor, b.spent_minor) AS "committed!: i64", b.spent_minor,
                      b.paid_on AS "paid_on?: NaiveDate", g.title AS "gathering?: String"
               FROM budget_lines b LEFT JOIN gatherings g ON g.id = b.gathering_id
               WHERE b.summit_id = ? ORDER BY b.category, b.id"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        let mut lines: Vec<ReportLine> = Vec::with_capacity(rows.len());
        for r in rows {
            let currency = match lines.last() {
                Some(l) if l.amounts.currency().code() == r.currency => l.amounts.currency(),
                _ => Currency::parse("currency", &r.currency)?,
            };
            lines.push(ReportLine {
                id: r.id,
                category: BudgetCategory::parse("category", &r.category)?,
                description: r.description,
                gathering: r.gathering,
                paid_on: r.paid_on,
                amounts: Figures::of(r.planned_minor, r.committed, r.spent_minor, currency)
                    .ok_or_else(|| Error::invalid("budget", "an amount is too large"))?,
            });
        }
        // The query sorts by the stored word; the exports go in the categories' own order.
        lines.sort_by_key(|l| (l.category, l.id));
        Ok(lines)
    }
}

/// An amount with thousands separators and its code: "12,345.67 EUR", "150,000 JPY".
pub(crate) fn money_text(m: Money) -> String {
    format!("{} {}", grouped(&m.amount()), m.currency)
}

/// "-1234567.50" as "-1,234,567.50".
pub(crate) fn grouped(amount: &str) -> String {
    let (sign, digits) = match amount.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", amount),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(amount.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Why a sum could not be converted, as the exports say it.
pub(crate) fn missing_rate_note(currency: Currency, base: Currency) -> String {
    format!("no exchange rate from {currency} to {base} recorded: not in the totals")
}

/// A one-line report for the formats' own tests, the line's description and social `text`.
#[cfg(test)]
pub(crate) fn sample_report(text: &str) -> Report {
    use crate::budget_summary::{BudgetSource, CategorySummary, CurrencySums};
    use crate::summit::{Summit, SummitData};
    let eur = Currency::parse("currency", "EUR").expect("EUR");
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date");
    let amounts = Figures::of(100_000, 50_000, 20_000, eur).expect("small amounts");
    let summit = Summit {
        id: 1,
        data: SummitData {
            name: "Northwind".into(),
            slug: "northwind".into(),
            city: None,
            venue: None,
            tz: crate::time::Zone::parse("tz", "Europe/Paris").expect("a zone"),
            start_date: day("2026-06-10"),
            end_date: day("2026-06-12"),
            currency: eur,
            budget: None,
        },
    };
    let categories = BudgetCategory::ALL
        .iter()
        .map(|&category| {
            let socials = category == BudgetCategory::Socials;
            CategorySummary {
                category,
                records: i64::from(socials),
                figures: if socials { amounts } else { Figures::zero(eur) },
                complete: true,
            }
        })
        .collect();
    Report {
        summary: BudgetSummary {
            summit,
            base: eur,
            totals: amounts,
            complete: true,
            categories,
            sums: vec![CurrencySums {
                category: BudgetCategory::Socials,
                source: BudgetSource::Lines,
                currency: eur,
                records: 1,
                amounts,
                rate: None,
                converted: Some(amounts),
            }],
            rates: vec![],
            missing_rates: vec![],
            socials: vec![],
            travel: crate::budget_summary::TravelPoolUse {
                pool: None,
                committed: Money::zero(eur),
                spent: Money::zero(eur),
                remaining: None,
                funded_requests: 0,
                planned_in_lines: Money::zero(eur),
            },
            spending: vec![],
        },
        lines: vec![ReportLine {
            id: 1,
            category: BudgetCategory::Socials,
            description: text.to_owned(),
            gathering: Some(text.to_owned()),
            paid_on: None,
            amounts,
        }],
        entries: vec![],
        generated: DateTime::from_timestamp(1_780_000_000, 0).expect("an instant"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped("0.05"), "0.05");
        assert_eq!(grouped("999"), "999");
        assert_eq!(grouped("1000"), "1,000");
        assert_eq!(grouped("-1234567.50"), "-1,234,567.50");
        assert_eq!(grouped("123456.789"), "123,456.789");
    }
}
