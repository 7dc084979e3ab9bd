//! The budget as a workbook whose totals are live formulas.
//!
//! - **Summary**: the categories in the base currency, each a `SUMIFS` over the table below it;
//!   the total a `SUM`; below, every category's amounts per source and currency with the rate
//!   that converts them and the converted amounts as `ROUND(amount × rate)` formulas; then the
//!   rates, each social's cost per head (formulas), and spending by month.
//! - **One sheet per category's lines** (a sheet holds 1,048,575 rows; more continue on the
//!   next), with totals per currency as `SUMIFS` beside them.
//! - **Shipments** and **Travel**: every shipment cost and every funded travel request, as they
//!   count, with totals per currency; the travel pool's use is on the Summary.
//!
//! Every formula also stores the result Roadie computed, for viewers that do not recalculate.
//! Text is always written as text cells, so nothing a user typed can become a formula.

use std::collections::HashMap;

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};

use super::{Report, ReportLine, missing_rate_note};
use crate::budget::BudgetCategory;
use crate::budget_summary::{BudgetEntry, BudgetSource, Figures};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

/// Rows a worksheet holds, less its header.
const ROWS_PER_SHEET: usize = 1_048_575;

fn failed(e: XlsxError) -> Error {
    Error::Io {
        path: "the spreadsheet".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// "$B$7".
fn cell(row: u32, col: u16) -> String {
    format!(
        "${}${}",
        rust_xlsxwriter::column_number_to_name(col),
        row + 1
    )
}

/// "$B$7:$B$12".
fn range(first: u32, last: u32, col: u16) -> String {
    format!("{}:{}", cell(first, col), cell(last, col))
}

/// An amount as the number a spreadsheet holds: 1250.5 for 125050 EUR minor units.
fn number(m: Money) -> f64 {
    // Exact for any amount below 2^53 minor units; the text round trip keeps it exact.
    m.amount().parse().unwrap_or(f64::NAN)
}

/// The workbook's formats, one number format per currency.
struct Formats {
    title: Format,
    subtitle: Format,
    section: Format,
    header: Format,
    header_number: Format,
    total_label: Format,
    note: Format,
    money: HashMap<Currency, Format>,
    money_total: HashMap<Currency, Format>,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xE8EEF4))
            .set_border_bottom(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            subtitle: Format::new().set_font_color(Color::RGB(0x555555)),
            section: Format::new().set_bold().set_font_size(12),
            header_number: header.clone().set_align(FormatAlign::Right),
            header,
            total_label: Format::new().set_bold().set_border_top(FormatBorder::Thin),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x9A3412)),
            money: HashMap::new(),
            money_total: HashMap::new(),
        }
    }

    /// `#,##0.00 "EUR"`, with as many decimals as the currency has.
    fn money(&mut self, currency: Currency) -> &Format {
        self.money
            .entry(currency)
            .or_insert_with(|| Format::new().set_num_format(money_format(currency)))
    }

    fn money_total(&mut self, currency: Currency) -> &Format {
        self.money_total.entry(currency).or_insert_with(|| {
            Format::new()
                .set_num_format(money_format(currency))
                .set_bold()
                .set_border_top(FormatBorder::Thin)
        })
    }
}

fn money_format(currency: Currency) -> String {
    let decimals = usize::from(currency.exponent());
    let fraction = if decimals == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(decimals))
    };
    format!("#,##0{fraction} \"{}\"", currency.code())
}

/// Writes an amount, or leaves the cell empty.
fn write_money(ws: &mut Worksheet, f: &mut Formats, row: u32, col: u16, m: Money) -> Result<()> {
    ws.write_number_with_format(row, col, number(m), f.money(m.currency))
        .map_err(failed)?;
    Ok(())
}

/// Writes a formula with the result Roadie computed, as an amount in `result`'s currency.
fn write_money_formula(
    ws: &mut Worksheet,
    format: &Format,
    row: u32,
    col: u16,
    formula: &str,
    result: Money,
) -> Result<()> {
    ws.write_formula_with_format(
        row,
        col,
        Formula::new(formula).set_result(result.amount()),
        format,
    )
    .map_err(failed)?;
    Ok(())
}

fn headers(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    first: u16,
    names: &[&str],
    numbers_from: u16,
) -> Result<()> {
    for (i, name) in names.iter().enumerate() {
        let col =
            first + u16::try_from(i).map_err(|_| Error::invalid("budget", "too many columns"))?;
        let format = if col >= numbers_from {
            &f.header_number
        } else {
            &f.header
        };
        ws.write_string_with_format(row, col, *name, format)
            .map_err(failed)?;
    }
    Ok(())
}

/// The workbook's bytes.
pub(super) fn write(report: &Report) -> Result<Vec<u8>> {
    let s = &report.summary;
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Budget summary: {}", s.summit.data.name))
            .set_author("Roadie")
            .set_comment(format!("Generated {}", report.generated_text())),
    );
    let mut f = Formats::new();
    summary_sheet(workbook.add_worksheet(), &mut f, report)?;
    for &category in BudgetCategory::ALL {
        let lines: Vec<&ReportLine> = report.lines_of(category).collect();
        let chunks: Vec<&[&ReportLine]> = if lines.is_empty() {
            vec![&[]]
        } else {
            lines.chunks(ROWS_PER_SHEET).collect()
        };
        for (i, chunk) in chunks.into_iter().enumerate() {
            let name = match i {
                0 => format!("{} lines", category.label()),
                n => format!("{} lines ({})", category.label(), n + 1),
            };
            let ws = workbook
                .add_worksheet_with_constant_memory()
                .map_err(failed)?;
            ws.set_name(name).map_err(failed)?;
            lines_sheet(ws, &mut f, chunk)?;
        }
    }
    for (name, source, what) in [
        ("Shipments", BudgetSource::Shipments, "Shipment"),
        ("Travel", BudgetSource::Travel, "Request"),
    ] {
        let entries: Vec<&BudgetEntry> = report
            .entries
            .iter()
            .filter(|e| e.source == source)
            .collect();
        let ws = workbook.add_worksheet();
        ws.set_name(name).map_err(failed)?;
        entries_sheet(ws, &mut f, &entries, what)?;
    }
    workbook.save_to_buffer().map_err(failed)
}

fn summary_sheet(ws: &mut Worksheet, f: &mut Formats, report: &Report) -> Result<()> {
    let s = &report.summary;
    let d = &s.summit.data;
    let base = s.base;
    ws.set_name("Summary").map_err(failed)?;
    for (col, width) in [
        28.0, 12.0, 16.0, 16.0, 16.0, 16.0, 11.0, 13.0, 11.0, 13.0, 16.0, 16.0, 16.0, 16.0, 50.0,
    ]
    .into_iter()
    .enumerate()
    {
        ws.set_column_width(u16::try_from(col).unwrap_or(0), width)
            .map_err(failed)?;
    }
    ws.write_string_with_format(0, 0, format!("Budget summary: {}", d.name), &f.title)
        .map_err(failed)?;
    let place = d
        .city
        .as_deref()
        .map(|c| format!("{c} · "))
        .unwrap_or_default();
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{place}{} – {} · amounts in {base} · generated {} by Roadie",
            d.start_date,
            d.end_date,
            report.generated_text()
        ),
        &f.subtitle,
    )
    .map_err(failed)?;
    if !s.complete {
        let codes: Vec<&str> = s.missing_rates.iter().map(|c| c.code()).collect();
        ws.write_string_with_format(
            2,
            0,
            format!(
                "Not in the totals: the amounts in {}, which have no exchange rate into {base} (see the table below).",
                codes.join(", ")
            ),
            &f.note,
        )
        .map_err(failed)?;
    }
    ws.set_freeze_panes(2, 0).map_err(failed)?;

    // Where the tables go.
    let categories_header = 5u32;
    let first_category = categories_header + 1;
    let total_row = first_category + u32::try_from(s.categories.len()).unwrap_or(0);
    let budget_row = total_row + 1;
    let sums_title = budget_row + 3;
    let sums_header = sums_title + 1;
    let first_sum = sums_header + 1;
    let sum_count =
        u32::try_from(s.sums.len()).map_err(|_| Error::invalid("budget", "too many sums"))?;
    // SUMIFS needs a range even when there is nothing to sum.
    let last_sum = first_sum + sum_count.max(1) - 1;

    // By category: SUMIFS over the per-currency table's converted columns.
    ws.write_string_with_format(
        categories_header - 1,
        0,
        format!("By category, in {base}"),
        &f.section,
    )
    .map_err(failed)?;
    headers(
        ws,
        f,
        categories_header,
        0,
        &[
            "Category",
            "Records",
            "Planned",
            "Committed",
            "Spent",
            "Remaining",
        ],
        1,
    )?;
    let base_money = f.money(base).clone();
    let base_total = f.money_total(base).clone();
    for (i, c) in s.categories.iter().enumerate() {
        let row = first_category + u32::try_from(i).unwrap_or(0);
        ws.write_string(row, 0, c.category.label())
            .map_err(failed)?;
        let sumifs = |col: u16| {
            format!(
                "=SUMIFS({},{},{})",
                range(first_sum, last_sum, col),
                range(first_sum, last_sum, 0),
                cell(row, 0)
            )
        };
        ws.write_formula(
            row,
            1,
            Formula::new(sumifs(3)).set_result(c.records.to_string()),
        )
        .map_err(failed)?;
        for (col, source_col, result) in [
            (2, 10, c.figures.planned),
            (3, 11, c.figures.committed),
            (4, 12, c.figures.spent),
            (5, 13, c.figures.remaining),
        ] {
            write_money_formula(ws, &base_money, row, col, &sumifs(source_col), result)?;
        }
        if !c.complete {
            ws.write_string_with_format(row, 6, "not every amount converted", &f.note)
                .map_err(failed)?;
        }
    }
    ws.write_string_with_format(total_row, 0, "Total", &f.total_label)
        .map_err(failed)?;
    let records: i64 = s.categories.iter().map(|c| c.records).sum();
    let total_of = |col: u16| format!("=SUM({})", range(first_category, total_row - 1, col));
    ws.write_formula_with_format(
        total_row,
        1,
        Formula::new(total_of(1)).set_result(records.to_string()),
        &f.total_label,
    )
    .map_err(failed)?;
    for (col, result) in [
        (2, s.totals.planned),
        (3, s.totals.committed),
        (4, s.totals.spent),
        (5, s.totals.remaining),
    ] {
        write_money_formula(ws, &base_total, total_row, col, &total_of(col), result)?;
    }
    if let Some(budget) = d.budget {
        ws.write_string(budget_row, 0, "The summit's budget")
            .map_err(failed)?;
        write_money(ws, f, budget_row, 2, budget)?;
        ws.write_string(budget_row + 1, 0, "Not yet planned")
            .map_err(failed)?;
        let left = budget
            .minor
            .checked_sub(s.totals.planned.minor)
            .map(|m| Money::new(m, base))
            .unwrap_or(budget);
        let formula = format!("={}-{}", cell(budget_row, 2), cell(total_row, 2));
        write_money_formula(ws, &base_money, budget_row + 1, 2, &formula, left)?;
    }

    // Per category, source and currency, converted with ROUND(amount × rate).
    ws.write_string_with_format(
        sums_title,
        0,
        format!("By category, source and currency, converted into {base}"),
        &f.section,
    )
    .map_err(failed)?;
    headers(
        ws,
        f,
        sums_header,
        0,
        &[
            "Category",
            "Source",
            "Currency",
            "Records",
            "Planned",
            "Committed",
            "Spent",
            "Remaining",
            "Rate",
            "Rate recorded on",
            &format!("Planned ({base})"),
            &format!("Committed ({base})"),
            &format!("Spent ({base})"),
            &format!("Remaining ({base})"),
            "Note",
        ],
        3,
    )?;
    let decimals = base.exponent();
    for (i, sum) in s.sums.iter().enumerate() {
        let row = first_sum + u32::try_from(i).unwrap_or(0);
        ws.write_string(row, 0, sum.category.label())
            .map_err(failed)?;
        ws.write_string(row, 1, sum.source.as_str())
            .map_err(failed)?;
        ws.write_string(row, 2, sum.currency.code())
            .map_err(failed)?;
        ws.write_number(row, 3, sum.records as f64)
            .map_err(failed)?;
        let a = &sum.amounts;
        write_money(ws, f, row, 4, a.planned)?;
        write_money(ws, f, row, 5, a.committed)?;
        write_money(ws, f, row, 6, a.spent)?;
        let own = f.money(sum.currency).clone();
        let remaining = format!("={}-{}", cell(row, 4), cell(row, 5));
        write_money_formula(ws, &own, row, 7, &remaining, a.remaining)?;
        let Some(converted) = sum.converted else {
            ws.write_string_with_format(row, 14, missing_rate_note(sum.currency, base), &f.note)
                .map_err(failed)?;
            continue;
        };
        match &sum.rate {
            Some(rate) => {
                ws.write_number(row, 8, rate.data.rate.to_f64())
                    .map_err(failed)?;
                ws.write_string(row, 9, rate.data.recorded_on.to_string())
                    .map_err(failed)?;
            }
            // Already in the base currency.
            None => {
                ws.write_number(row, 8, 1.0).map_err(failed)?;
            }
        }
        for (col, from, result) in [
            (10, 4, converted.planned),
            (11, 5, converted.committed),
            (12, 6, converted.spent),
        ] {
            let formula = format!("=ROUND({}*{},{decimals})", cell(row, from), cell(row, 8));
            write_money_formula(ws, &base_money, row, col, &formula, result)?;
        }
        let formula = format!("={}-{}", cell(row, 10), cell(row, 11));
        write_money_formula(ws, &base_money, row, 13, &formula, converted.remaining)?;
    }

    let mut row = last_sum + 3;
    row = rates_table(ws, f, report, row)?;
    row = travel_pool_table(ws, f, report, row + 2)?;
    row = socials_table(ws, f, report, row + 2)?;
    spending_table(ws, f, report, row + 2)?;
    Ok(())
}

fn travel_pool_table(
    ws: &mut Worksheet,
    f: &mut Formats,
    report: &Report,
    title: u32,
) -> Result<u32> {
    let t = &report.summary.travel;
    ws.write_string_with_format(title, 0, "The travel pool", &f.section)
        .map_err(failed)?;
    let mut row = title + 1;
    let Some(pool) = t.pool else {
        ws.write_string(row, 0, "No travel policy: no pool to draw on.")
            .map_err(failed)?;
        return Ok(row + 1);
    };
    let pool_row = row;
    for (label, value) in [
        ("Pool", pool),
        ("Committed by approvals (paid included)", t.committed),
        ("Spent (reimbursed)", t.spent),
    ] {
        ws.write_string(row, 0, label).map_err(failed)?;
        write_money(ws, f, row, 2, value)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "Left in the pool", &f.total_label)
        .map_err(failed)?;
    let left = t.remaining.unwrap_or(pool);
    let format = f.money_total(left.currency).clone();
    let formula = format!("={}-{}", cell(pool_row, 2), cell(pool_row + 1, 2));
    if t.remaining.is_some() {
        write_money_formula(ws, &format, row, 2, &formula, left)?;
    } else {
        ws.write_string_with_format(row, 2, "pool in another currency", &f.note)
            .map_err(failed)?;
    }
    row += 1;
    ws.write_string(
        row,
        0,
        format!("Requests holding money: {}", t.funded_requests),
    )
    .map_err(failed)?;
    ws.write_string(row + 1, 0, "Planned in the travel lines")
        .map_err(failed)?;
    write_money(ws, f, row + 1, 2, t.planned_in_lines)?;
    Ok(row + 2)
}

fn rates_table(ws: &mut Worksheet, f: &mut Formats, report: &Report, title: u32) -> Result<u32> {
    let s = &report.summary;
    ws.write_string_with_format(title, 0, "Exchange rates used", &f.section)
        .map_err(failed)?;
    headers(
        ws,
        f,
        title + 1,
        0,
        &["From", "To", "Rate", "Recorded on", "Recorded for", "Note"],
        99,
    )?;
    let mut row = title + 2;
    for rate in &s.rates {
        let r = &rate.data;
        ws.write_string(row, 0, r.from.code()).map_err(failed)?;
        ws.write_string(row, 1, r.to.code()).map_err(failed)?;
        ws.write_number(row, 2, r.rate.to_f64()).map_err(failed)?;
        ws.write_string(row, 3, r.recorded_on.to_string())
            .map_err(failed)?;
        let scope = if r.summit_id.is_some() {
            "this summit"
        } else {
            "every summit"
        };
        ws.write_string(row, 4, scope).map_err(failed)?;
        ws.write_string(row, 5, r.note.clone().unwrap_or_default())
            .map_err(failed)?;
        row += 1;
    }
    for currency in &s.missing_rates {
        ws.write_string(row, 0, currency.code()).map_err(failed)?;
        ws.write_string(row, 1, s.base.code()).map_err(failed)?;
        ws.write_string_with_format(row, 5, missing_rate_note(*currency, s.base), &f.note)
            .map_err(failed)?;
        row += 1;
    }
    if s.rates.is_empty() && s.missing_rates.is_empty() {
        ws.write_string(row, 0, format!("Every amount is in {}.", s.base))
            .map_err(failed)?;
        row += 1;
    }
    Ok(row)
}

fn socials_table(ws: &mut Worksheet, f: &mut Formats, report: &Report, title: u32) -> Result<u32> {
    let s = &report.summary;
    let base = s.base;
    ws.write_string_with_format(
        title,
        0,
        format!("Cost per head of the socials, in {base}"),
        &f.section,
    )
    .map_err(failed)?;
    headers(
        ws,
        f,
        title + 1,
        0,
        &[
            "Social",
            "Starts",
            "Status",
            "Headcount",
            "Lines",
            "Planned",
            "Committed",
            "Planned per head",
            "Committed per head",
            "Note",
        ],
        3,
    )?;
    let base_money = f.money(base).clone();
    let decimals = base.exponent();
    let mut row = title + 2;
    for social in &s.socials {
        ws.write_string(row, 0, social.title.as_str())
            .map_err(failed)?;
        ws.write_string(row, 1, social.start_local.replace('T', " "))
            .map_err(failed)?;
        ws.write_string(row, 2, social.status.as_str())
            .map_err(failed)?;
        if let Some(heads) = social.expected_headcount {
            ws.write_number(row, 3, heads as f64).map_err(failed)?;
        }
        ws.write_number(row, 4, social.lines as f64)
            .map_err(failed)?;
        write_money(ws, f, row, 5, social.figures.planned)?;
        write_money(ws, f, row, 6, social.figures.committed)?;
        for (col, from, result) in [
            (7, 5, social.planned_per_head),
            (8, 6, social.committed_per_head),
        ] {
            let formula = format!(
                "=IF({heads}>0,ROUND({}/{heads},{decimals}),\"\")",
                cell(row, from),
                heads = cell(row, 3)
            );
            let result = result.map(|m| m.amount()).unwrap_or_default();
            ws.write_formula_with_format(
                row,
                col,
                Formula::new(formula).set_result(result),
                &base_money,
            )
            .map_err(failed)?;
        }
        if !social.missing_rates.is_empty() {
            let codes: Vec<&str> = social.missing_rates.iter().map(|c| c.code()).collect();
            ws.write_string_with_format(
                row,
                9,
                format!("leaves out its lines in {} (no rate)", codes.join(", ")),
                &f.note,
            )
            .map_err(failed)?;
        }
        row += 1;
    }
    if s.socials.is_empty() {
        ws.write_string(row, 0, "No socials.").map_err(failed)?;
        row += 1;
    }
    Ok(row)
}

fn spending_table(ws: &mut Worksheet, f: &mut Formats, report: &Report, title: u32) -> Result<u32> {
    let s = &report.summary;
    let base = s.base;
    ws.write_string_with_format(title, 0, format!("Spent by month, in {base}"), &f.section)
        .map_err(failed)?;
    let mut names = vec!["Month"];
    names.extend(BudgetCategory::ALL.iter().map(|c| c.label()));
    names.push("Total");
    headers(ws, f, title + 1, 0, &names, 1)?;
    let base_money = f.money(base).clone();
    let mut months: Vec<Option<&str>> = s.spending.iter().map(|m| m.month.as_deref()).collect();
    months.dedup();
    let mut row = title + 2;
    let last_col = u16::try_from(BudgetCategory::ALL.len()).unwrap_or(5);
    for month in months {
        ws.write_string(row, 0, month.unwrap_or("no date recorded"))
            .map_err(failed)?;
        let mut total = Money::zero(base);
        for (i, &category) in BudgetCategory::ALL.iter().enumerate() {
            let spent = s
                .spending
                .iter()
                .find(|m| m.month.as_deref() == month && m.category == category)
                .map_or(Money::zero(base), |m| m.spent);
            total = total.checked_add(spent).unwrap_or(total);
            write_money(ws, f, row, u16::try_from(i + 1).unwrap_or(1), spent)?;
        }
        let formula = format!("=SUM({}:{})", cell(row, 1), cell(row, last_col));
        write_money_formula(ws, &base_money, row, last_col + 1, &formula, total)?;
        row += 1;
    }
    if s.spending.is_empty() {
        ws.write_string(row, 0, "Nothing spent yet.")
            .map_err(failed)?;
        row += 1;
    }
    Ok(row)
}

/// The totals per currency beside a sheet's rows: currency in `col`, then a SUMIFS per amount
/// column over `rows` rows below the header.
struct CurrencyTotals<'a> {
    col: u16,
    currency_col: u16,
    amount_cols: &'a [u16],
    rows: u32,
}

impl CurrencyTotals<'_> {
    fn write(
        &self,
        ws: &mut Worksheet,
        f: &mut Formats,
        row: u32,
        currency: Currency,
        results: &[Money],
    ) -> Result<()> {
        ws.write_string(row, self.col, currency.code())
            .map_err(failed)?;
        let last = self.rows.max(1);
        let format = f.money(currency).clone();
        for (i, (&from, result)) in self.amount_cols.iter().zip(results).enumerate() {
            let formula = format!(
                "=SUMIFS({},{},{})",
                range(1, last, from),
                range(1, last, self.currency_col),
                cell(row, self.col)
            );
            let col = self.col + 1 + u16::try_from(i).unwrap_or(0);
            write_money_formula(ws, &format, row, col, &formula, *result)?;
        }
        Ok(())
    }
}

fn lines_sheet(ws: &mut Worksheet, f: &mut Formats, lines: &[&ReportLine]) -> Result<()> {
    for (col, width) in [
        8.0, 40.0, 24.0, 12.0, 9.0, 16.0, 16.0, 16.0, 16.0, 3.0, 9.0, 17.0, 17.0, 17.0, 17.0,
    ]
    .into_iter()
    .enumerate()
    {
        ws.set_column_width(u16::try_from(col).unwrap_or(0), width)
            .map_err(failed)?;
    }
    ws.set_freeze_panes(1, 0).map_err(failed)?;
    headers(
        ws,
        f,
        0,
        0,
        &[
            "ID",
            "Description",
            "For",
            "Paid on",
            "Currency",
            "Planned",
            "Committed (incl. paid)",
            "Spent",
            "Remaining",
        ],
        5,
    )?;
    headers(
        ws,
        f,
        0,
        10,
        &[
            "Currency",
            "Planned total",
            "Committed total",
            "Spent total",
            "Remaining total",
        ],
        11,
    )?;
    // Each currency's totals, in the order the currencies first appear.
    let mut totals: Vec<Figures> = Vec::new();
    for line in lines {
        match totals
            .iter_mut()
            .find(|t| t.currency() == line.amounts.currency())
        {
            Some(t) => *t = t.checked_add(line.amounts).unwrap_or(*t),
            None => totals.push(line.amounts),
        }
    }
    let block = CurrencyTotals {
        col: 10,
        currency_col: 4,
        amount_cols: &[5, 6, 7, 8],
        rows: u32::try_from(lines.len()).unwrap_or(u32::MAX),
    };
    let rows = lines.len().max(totals.len());
    for i in 0..rows {
        let row = u32::try_from(i + 1).map_err(|_| Error::invalid("budget", "too many lines"))?;
        if let Some(line) = lines.get(i) {
            ws.write_number(row, 0, line.id as f64).map_err(failed)?;
            ws.write_string(row, 1, line.description.as_str())
                .map_err(failed)?;
            if let Some(g) = &line.gathering {
                ws.write_string(row, 2, g.as_str()).map_err(failed)?;
            }
            if let Some(day) = line.paid_on {
                ws.write_string(row, 3, day.to_string()).map_err(failed)?;
            }
            let a = &line.amounts;
            ws.write_string(row, 4, a.currency().code())
                .map_err(failed)?;
            write_money(ws, f, row, 5, a.planned)?;
            write_money(ws, f, row, 6, a.committed)?;
            write_money(ws, f, row, 7, a.spent)?;
            write_money(ws, f, row, 8, a.remaining)?;
        }
        if let Some(t) = totals.get(i) {
            block.write(
                ws,
                f,
                row,
                t.currency(),
                &[t.planned, t.committed, t.spent, t.remaining],
            )?;
        }
    }
    Ok(())
}

/// The shipment costs or travel requests behind the figures, with totals per currency beside them.
fn entries_sheet(
    ws: &mut Worksheet,
    f: &mut Formats,
    entries: &[&BudgetEntry],
    what: &str,
) -> Result<()> {
    for (col, width) in [
        10.0, 60.0, 12.0, 12.0, 9.0, 16.0, 16.0, 3.0, 9.0, 17.0, 17.0,
    ]
    .into_iter()
    .enumerate()
    {
        ws.set_column_width(u16::try_from(col).unwrap_or(0), width)
            .map_err(failed)?;
    }
    ws.set_freeze_panes(1, 0).map_err(failed)?;
    let date = if what == "Shipment" {
        "Ship date"
    } else {
        "Last paid"
    };
    headers(
        ws,
        f,
        0,
        0,
        &[
            what,
            "Description",
            "Status",
            date,
            "Currency",
            "Committed",
            "Spent",
        ],
        5,
    )?;
    headers(
        ws,
        f,
        0,
        8,
        &["Currency", "Committed total", "Spent total"],
        9,
    )?;
    let mut totals: Vec<Figures> = Vec::new();
    for entry in entries {
        match totals
            .iter_mut()
            .find(|t| t.currency() == entry.amounts.currency())
        {
            Some(t) => *t = t.checked_add(entry.amounts).unwrap_or(*t),
            None => totals.push(entry.amounts),
        }
    }
    let block = CurrencyTotals {
        col: 8,
        currency_col: 4,
        amount_cols: &[5, 6],
        rows: u32::try_from(entries.len()).unwrap_or(u32::MAX),
    };
    for i in 0..entries.len().max(totals.len()) {
        let row = u32::try_from(i + 1).map_err(|_| Error::invalid("budget", "too many records"))?;
        if let Some(e) = entries.get(i) {
            ws.write_number(row, 0, e.id as f64).map_err(failed)?;
            ws.write_string(row, 1, e.description.as_str())
                .map_err(failed)?;
            ws.write_string(row, 2, e.status.as_str()).map_err(failed)?;
            if let Some(day) = e.day {
                ws.write_string(row, 3, day.to_string()).map_err(failed)?;
            }
            ws.write_string(row, 4, e.amounts.currency().code())
                .map_err(failed)?;
            write_money(ws, f, row, 5, e.amounts.committed)?;
            write_money(ws, f, row, 6, e.amounts.spent)?;
        }
        if let Some(t) = totals.get(i) {
            block.write(ws, f, row, t.currency(), &[t.committed, t.spent])?;
        }
    }
    if entries.is_empty() {
        ws.write_string(1, 1, "None.").map_err(failed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    use proptest::prelude::*;

    use super::*;
    use crate::budget_export::sample_report;

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook calamine can read")
    }

    /// Where a sheet has formulas, as (row, column) pairs.
    fn formula_cells(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<(u32, u32)> {
        let formulas = book.worksheet_formula(sheet).expect(sheet);
        formulas
            .cells()
            .filter(|(_, _, f)| !f.is_empty())
            .map(|(r, c, _)| {
                let (r0, c0) = formulas.start().unwrap_or((0, 0));
                (
                    r0 + u32::try_from(r).unwrap(),
                    c0 + u32::try_from(c).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn the_sheets_and_their_formulas() {
        let mut book = open(write(&sample_report("Boat hire")).unwrap());
        assert_eq!(
            book.sheet_names(),
            [
                "Summary",
                "Socials lines",
                "Swag lines",
                "Shipping lines",
                "Travel lines",
                "Other lines",
                "Shipments",
                "Travel"
            ]
        );
        // The line sheet: the amounts are numbers, the totals beside them SUMIFS formulas.
        let lines = book.worksheet_range("Socials lines").unwrap();
        assert_eq!(
            lines.get_value((1, 1)),
            Some(&Data::String("Boat hire".into()))
        );
        assert_eq!(lines.get_value((1, 5)), Some(&Data::Float(1000.0)));
        assert_eq!(
            formula_cells(&mut book, "Socials lines"),
            [(1, 11), (1, 12), (1, 13), (1, 14)]
        );
        let formulas = book.worksheet_formula("Socials lines").unwrap();
        let total = formulas.get_value((1, 11)).unwrap();
        assert_eq!(total, "SUMIFS($F$2:$F$2,$E$2:$E$2,$K$2)");
        // The summary: the Socials row sums the converted table below it, the total sums those.
        let summary = book.worksheet_formula("Summary").unwrap();
        let socials_planned = summary.get_value((6, 2)).unwrap();
        assert!(
            socials_planned.starts_with("SUMIFS($K$"),
            "{socials_planned}"
        );
        assert_eq!(summary.get_value((11, 2)).unwrap(), "SUM($C$7:$C$11)");
        let converted = summary.get_value((17, 10)).unwrap();
        assert_eq!(converted, "ROUND($E$18*$I$18,2)");
        // With Roadie's results stored for viewers that do not recalculate.
        let values = book.worksheet_range("Summary").unwrap();
        assert_eq!(values.get_value((11, 2)), Some(&Data::Float(1000.0)));
    }

    /// A report with `text` in every place a user's text reaches a sheet: the summit's name, a
    /// line's description and social, a social's title, a shipment's and a travel request's
    /// description.
    fn report_with_text_everywhere(text: &str) -> Report {
        use crate::budget_summary::{BudgetEntry, BudgetSource, SocialCost};
        let mut report = sample_report(text);
        report.summary.summit.data.name = text.to_owned();
        let eur = report.summary.base;
        let amounts = report.lines[0].amounts;
        report.summary.socials.push(SocialCost {
            gathering_id: 7,
            title: text.to_owned(),
            start_local: "2026-06-10T19:00".into(),
            tz: report.summary.summit.data.tz,
            status: crate::gathering::GatheringStatus::Confirmed,
            expected_headcount: Some(40),
            lines: 1,
            figures: amounts,
            planned_per_head: None,
            committed_per_head: None,
            missing_rates: vec![],
        });
        for (id, source, category) in [
            (3, BudgetSource::Shipments, BudgetCategory::Shipping),
            (4, BudgetSource::Travel, BudgetCategory::Travel),
        ] {
            report.entries.push(BudgetEntry {
                source,
                id,
                category,
                description: text.to_owned(),
                status: "booked".into(),
                day: None,
                amounts: Figures::zero(eur),
            });
        }
        report
    }

    /// Every cell of every sheet: its value and its formula, if any.
    fn cells(bytes: Vec<u8>) -> Vec<(String, u32, u32, Data, String)> {
        let mut book = open(bytes);
        let mut all = Vec::new();
        for sheet in book.sheet_names() {
            let values = book.worksheet_range(&sheet).expect("a sheet");
            let formulas = book.worksheet_formula(&sheet).expect("a sheet");
            let (fr, fc) = formulas.start().unwrap_or((0, 0));
            for (r, c, value) in values.used_cells() {
                let (r0, c0) = values.start().unwrap_or((0, 0));
                let (row, col) = (
                    r0 + u32::try_from(r).unwrap(),
                    c0 + u32::try_from(c).unwrap(),
                );
                let formula = formulas
                    .get_value((row.wrapping_sub(fr), col.wrapping_sub(fc)))
                    .cloned()
                    .unwrap_or_default();
                all.push((sheet.clone(), row, col, value.clone(), formula));
            }
        }
        all
    }

    /// Text that spreadsheets get wrong: formula starts, the `_xHHHH_` escapes of the sheet XML,
    /// XML's own characters, besides anything at all.
    fn spreadsheet_text() -> impl Strategy<Value = String> {
        let pieces = proptest::sample::select(vec![
            "=",
            "+",
            "-",
            "@",
            "\t",
            "\r",
            "\n",
            "=1+1",
            "=HYPERLINK(\"http://x\",\"y\")",
            "@SUM(A1)",
            "-2+3",
            "+49",
            "=cmd|'/c calc'!A0",
            "_x0041_",
            "_x000D_",
            "_x005F_x0041_",
            "_x",
            "<",
            ">",
            "&",
            "&amp;",
            "]]>",
            "\"",
            "'",
            " ",
            "é",
            "😀",
            "\u{feff}",
            "x",
        ]);
        prop_oneof![
            any::<String>(),
            proptest::collection::vec(pieces, 1..12).prop_map(|p| p.concat()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Text anywhere in the workbook: the same formulas as with plain text (none of the user's),
        /// and every cell that holds it a string cell reading back as typed.
        #[test]
        fn user_text_anywhere_is_a_string_cell_never_a_formula(text in spreadsheet_text()) {
            const PLAIN: &str = "PLAIN-TEXT";
            let plain = cells(write(&report_with_text_everywhere(PLAIN)).unwrap());
            let typed = cells(write(&report_with_text_everywhere(&text)).unwrap());
            // XML carries no other control characters, and normalises CR.
            let representable = !text.chars().any(|c| c.is_control() && c != '\t' && c != '\n');
            let mut holding = 0;
            for (sheet, row, col, value, formula) in &plain {
                holding += usize::from(matches!(value, Data::String(s) if s.contains(PLAIN)));
                let other = typed.iter().find(|t| (&t.0, t.1, t.2) == (sheet, *row, *col));
                let Some((_, _, _, got, got_formula)) = other else {
                    // Only a cell that held the text alone can be empty now.
                    prop_assert!(text.is_empty() && value == &Data::String(PLAIN.into()), "{} {}:{} is gone", sheet, row, col);
                    continue;
                };
                prop_assert_eq!(got_formula, formula, "{} {}:{}", sheet, row, col);
                match value {
                    Data::String(s) if s.contains(PLAIN) => {
                        let Data::String(read) = got else {
                            return Err(TestCaseError::fail(format!("{sheet} {row}:{col}: {text:?} became {got:?}")));
                        };
                        if representable {
                            prop_assert_eq!(read, &s.replace(PLAIN, &text), "{} {}:{}", sheet, row, col);
                        }
                    }
                    _ => prop_assert_eq!(got, value, "{} {}:{}", sheet, row, col),
                }
            }
            // The title, the line's description and social, the social, the two entries.
            prop_assert!(holding >= 6, "{} cells held the text", holding);
            prop_assert!(typed.len() <= plain.len());
        }

        /// Whatever a user typed is a text cell: never a formula, and read back as typed.
        #[test]
        fn no_text_a_user_typed_becomes_a_formula(text in any::<String>()) {
            let mut book = open(write(&sample_report(&text)).unwrap());
            prop_assert_eq!(formula_cells(&mut book, "Socials lines"), vec![(1, 11), (1, 12), (1, 13), (1, 14)]);
            let lines = book.worksheet_range("Socials lines").unwrap();
            for col in [1, 2] {
                match lines.get_value((1, col)) {
                    Some(Data::String(read)) => {
                        // XML carries no other control characters, and normalises CR.
                        if !text.chars().any(|c| c.is_control() && c != '\t' && c != '\n') {
                            prop_assert_eq!(read, &text);
                        }
                    }
                    None | Some(Data::Empty) => prop_assert!(text.is_empty()),
                    other => prop_assert!(false, "{:?} became {:?}", text, other),
                }
            }
        }
    }
}
