//! The budget as one CSV table (RFC 4180, CRLF, UTF-8), one row per figure: the `record` column
//! says which — `total`, `budget`, `category`, `sum` (a category's amounts from one source in one
//! currency, with the rate that converted it), `social`, `month`, `line`, `travel_pool` (the pool
//! as planned, what approvals commit and payments spend), `shipment` or `travel`. Amounts are decimals
//! in the currency's unit; the `*_base` columns are in the summit's base currency.

use super::{Report, missing_rate_note};
use crate::budget_summary::BudgetSource;
use crate::budget_summary::Figures;
use crate::csv_cell::row;
use crate::money::Money;

const HEADER: [&str; 23] = [
    "record",
    "category",
    "source",
    "id",
    "records",
    "description",
    "for",
    "status",
    "date",
    "currency",
    "planned",
    "committed",
    "spent",
    "remaining",
    "rate",
    "rate_recorded_on",
    "base_currency",
    "planned_base",
    "committed_base",
    "spent_base",
    "remaining_base",
    "headcount",
    "note",
];

/// One row, its cells by column name; the rest stay empty.
struct Row(Vec<(&'static str, String)>);

impl Row {
    fn new(record: &str) -> Row {
        Row(vec![("record", record.to_owned())])
    }

    fn set(mut self, column: &'static str, value: impl Into<String>) -> Self {
        self.0.push((column, value.into()));
        self
    }

    fn amounts(self, f: &Figures) -> Self {
        self.set("currency", f.currency().code())
            .set("planned", f.planned.amount())
            .set("committed", f.committed.amount())
            .set("spent", f.spent.amount())
            .set("remaining", f.remaining.amount())
    }

    fn base(self, f: &Figures) -> Self {
        self.set("base_currency", f.currency().code())
            .set("planned_base", f.planned.amount())
            .set("committed_base", f.committed.amount())
            .set("spent_base", f.spent.amount())
            .set("remaining_base", f.remaining.amount())
    }

    fn push(self, out: &mut String) {
        let cells = HEADER.map(|column| {
            self.0
                .iter()
                .rev()
                .find(|(c, _)| *c == column)
                .map_or("", |(_, v)| v.as_str())
        });
        out.push_str(&row(&cells));
    }
}

/// The whole report as CSV text.
pub(super) fn write(report: &Report) -> String {
    let s = &report.summary;
    let base = s.base;
    let mut out = String::with_capacity(256 * (report.lines.len() + 64));
    out.push_str(&row(&HEADER));
    let incomplete = (!s.complete).then(|| {
        let codes: Vec<&str> = s.missing_rates.iter().map(|c| c.code()).collect();
        format!(
            "leaves out amounts in {} (no exchange rate into {base})",
            codes.join(", ")
        )
    });
    Row::new("total")
        .set(
            "description",
            format!("{} ({})", s.summit.data.name, s.summit.data.slug),
        )
        .set("date", report.generated_text())
        .base(&s.totals)
        .set("note", incomplete.unwrap_or_default())
        .push(&mut out);
    if let Some(budget) = s.summit.data.budget {
        Row::new("budget")
            .set("description", "the summit's budget")
            .set("base_currency", base.code())
            .set("planned_base", budget.amount())
            .push(&mut out);
    }
    for c in &s.categories {
        Row::new("category")
            .set("category", c.category.as_str())
            .set("records", c.records.to_string())
            .base(&c.figures)
            .set(
                "note",
                if c.complete {
                    String::new()
                } else {
                    "not every amount converted".into()
                },
            )
            .push(&mut out);
    }
    for sum in &s.sums {
        let mut row = Row::new("sum")
            .set("category", sum.category.as_str())
            .set("source", sum.source.as_str())
            .set("records", sum.records.to_string())
            .amounts(&sum.amounts);
        if let Some(rate) = &sum.rate {
            row = row
                .set("rate", rate.data.rate.to_string())
                .set("rate_recorded_on", rate.data.recorded_on.to_string());
        }
        row = match &sum.converted {
            Some(converted) => row.base(converted),
            None => row.set("note", missing_rate_note(sum.currency, base)),
        };
        row.push(&mut out);
    }
    for social in &s.socials {
        let per_head = |m: Option<Money>| m.map(|m| m.amount()).unwrap_or_default();
        let missing: Vec<&str> = social.missing_rates.iter().map(|c| c.code()).collect();
        Row::new("social")
            .set("category", "socials")
            .set("id", social.gathering_id.to_string())
            .set("records", social.lines.to_string())
            .set("description", social.title.as_str())
            .set("status", social.status.as_str())
            .set("date", social.start_local.replace('T', " "))
            .base(&social.figures)
            .set(
                "headcount",
                social
                    .expected_headcount
                    .map(|h| h.to_string())
                    .unwrap_or_default(),
            )
            .set(
                "note",
                format!(
                    "per head: planned {}, committed {}{}",
                    per_head(social.planned_per_head),
                    per_head(social.committed_per_head),
                    if missing.is_empty() {
                        String::new()
                    } else {
                        format!("; leaves out amounts in {}", missing.join(", "))
                    }
                ),
            )
            .push(&mut out);
    }
    for month in &s.spending {
        Row::new("month")
            .set("category", month.category.as_str())
            .set("date", month.month.clone().unwrap_or_default())
            .set("base_currency", base.code())
            .set("spent_base", month.spent.amount())
            .set(
                "note",
                if month.month.is_none() {
                    "paid on no recorded date"
                } else {
                    ""
                },
            )
            .push(&mut out);
    }
    for line in &report.lines {
        Row::new("line")
            .set("category", line.category.as_str())
            .set("source", "lines")
            .set("id", line.id.to_string())
            .set("description", line.description.as_str())
            .set("for", line.gathering.clone().unwrap_or_default())
            .set(
                "date",
                line.paid_on.map(|d| d.to_string()).unwrap_or_default(),
            )
            .amounts(&line.amounts)
            .push(&mut out);
    }
    let pool = &s.travel;
    let mut row = Row::new("travel_pool")
        .set("category", "travel")
        .set("source", "travel")
        .set("records", pool.funded_requests.to_string())
        .set("description", "the travel policy's pool")
        .set("base_currency", pool.committed.currency.code())
        .set("committed_base", pool.committed.amount())
        .set("spent_base", pool.spent.amount());
    row = match (pool.pool, pool.remaining) {
        (Some(p), Some(left)) => row
            .set("planned_base", p.amount())
            .set("remaining_base", left.amount()),
        (Some(p), None) => row.set("note", format!("pool of {p}, not in the summit's currency")),
        _ => row.set("note", "no travel policy, so no pool"),
    };
    row.push(&mut out);
    for entry in &report.entries {
        let record = match entry.source {
            BudgetSource::Travel => "travel",
            _ => "shipment",
        };
        Row::new(record)
            .set("category", entry.category.as_str())
            .set("source", entry.source.as_str())
            .set("id", entry.id.to_string())
            .set("description", entry.description.as_str())
            .set("status", entry.status.as_str())
            .set("date", entry.day.map(|d| d.to_string()).unwrap_or_default())
            .amounts(&entry.amounts)
            .push(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget_export::sample_report;
    use proptest::prelude::*;

    /// The `description` and `for` cells of the one line row, as a CSV reader reads them.
    fn line_cells(csv: &str) -> (String, String) {
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().expect("a header").clone();
        let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
        let (description, gathering) = (column("description"), column("for"));
        let row = reader
            .records()
            .map(|r| r.expect("valid CSV"))
            .find(|r| r.get(0) == Some("line"))
            .expect("the line row");
        (row[description].to_owned(), row[gathering].to_owned())
    }

    #[test]
    fn a_formula_in_a_description_is_shown_as_text() {
        let out = write(&sample_report(
            "=HYPERLINK(\"http://evil.example\",\"Invoice\")",
        ));
        assert!(out.starts_with("record,category,source,id,records,description,"));
        assert!(out.ends_with("\r\n"));
        let (description, _) = line_cells(&out);
        assert_eq!(
            description,
            "'=HYPERLINK(\"http://evil.example\",\"Invoice\")"
        );
        // The amounts stay numbers: 1000.00 planned, 500.00 committed, 200.00 spent.
        assert!(out.contains(",EUR,1000.00,500.00,200.00,500.00,"), "{out}");
    }

    /// Where a spreadsheet would start a formula; a plain number is only ever a number.
    fn starts_formula(text: &str) -> bool {
        let number = text.strip_prefix('-').is_some_and(|rest| {
            let (whole, fraction) = rest.split_once('.').unwrap_or((rest, "0"));
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            digits(whole) && digits(fraction)
        });
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number
    }

    proptest! {
        /// Any cells, in a row: a CSV reader gets every one back, whole, with a spreadsheet's
        /// formula start neutralised by a leading `'`.
        #[test]
        fn any_row_reads_back_with_no_formula(texts in proptest::collection::vec(any::<String>(), 2..5)) {
            let line = row(&texts);
            prop_assert!(line.ends_with("\r\n"));
            let mut reader = ::csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
            let record = reader.records().next().expect("one record").expect("valid CSV");
            prop_assert_eq!(record.len(), texts.len());
            for (read, text) in record.iter().zip(&texts) {
                if starts_formula(text) {
                    prop_assert_eq!(read, format!("'{text}"));
                } else {
                    prop_assert_eq!(read, text.as_str());
                }
                prop_assert!(!starts_formula(read), "{:?}", read);
            }
        }

        /// The same through the budget export: a line's description and social.
        #[test]
        fn no_text_a_user_typed_reaches_a_spreadsheet_as_a_formula(text in any::<String>()) {
            let (description, gathering) = line_cells(&write(&sample_report(&text)));
            for read in [description, gathering] {
                prop_assert!(read == text || read == format!("'{text}"), "{:?} read as {:?}", text, read);
                prop_assert!(!starts_formula(&read), "{:?}", read);
            }
        }
    }
}
