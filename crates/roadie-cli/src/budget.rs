//! `roadie budget`, `roadie rate` and `roadie export budget`: parse, make one core call, print.

use roadie_core::{
    BudgetCategory, BudgetLineForm, BudgetSummary, Clock, Currency, ExchangeRateForm, ExportFormat,
    Figures, Result, Store, SystemClock, YearSummary,
};

use crate::args::{BudgetAdd, BudgetCommand, BudgetExport, RateCommand};
use crate::run::{check_out, write_out};
use crate::table;

pub async fn budget(store: &Store, command: BudgetCommand) -> Result<()> {
    match command {
        BudgetCommand::Add(args) => add(store, *args).await,
        BudgetCommand::Summary { summit, json } => {
            let summit = store.summit_by_slug(&summit).await?;
            let summary = store.budget_summary(summit.id).await?;
            if json {
                return table::json(&summary);
            }
            print_summary(&summary);
            Ok(())
        }
        BudgetCommand::Year {
            year,
            currency,
            json,
        } => {
            let currency = currency
                .map(|c| Currency::parse("currency", &c))
                .transpose()?;
            let summary = store.budget_year(year, currency).await?;
            if json {
                return table::json(&summary);
            }
            print_year(&summary);
            Ok(())
        }
    }
}

async fn add(store: &Store, args: BudgetAdd) -> Result<()> {
    let summit = store.summit_by_slug(&args.summit).await?;
    let data = BudgetLineForm {
        summit_id: summit.id,
        category: BudgetCategory::parse("category", &args.category)?,
        description: args.description,
        currency: args
            .currency
            .unwrap_or_else(|| summit.data.currency.to_string()),
        planned: args.planned,
        committed: args.committed,
        spent: args.spent,
        gathering_id: args.gathering,
        paid_on: args.paid_on,
    }
    .parse()?;
    let line = store.add_budget_line(&data).await?;
    if args.json {
        return table::json(&line);
    }
    println!(
        "added budget line {} ({}, {} planned) to {}",
        line.id, line.data.category, line.data.planned, summit.data.slug
    );
    Ok(())
}

pub async fn rate(store: &Store, command: RateCommand) -> Result<()> {
    let RateCommand::Record {
        from,
        to,
        rate,
        on,
        summit,
        note,
    } = command;
    let summit_id = match summit {
        Some(slug) => Some(store.summit_by_slug(&slug).await?.id),
        None => None,
    };
    let data = ExchangeRateForm {
        summit_id,
        from,
        to,
        rate,
        recorded_on: on,
        note,
    }
    .parse()?;
    let recorded = store.record_rate(&data).await?;
    let d = &recorded.data;
    println!(
        "recorded rate {}: 1 {} = {} {} as of {}",
        recorded.id, d.from, d.rate, d.to, d.recorded_on
    );
    Ok(())
}

pub async fn export(store: &Store, args: BudgetExport) -> Result<()> {
    let format = ExportFormat::parse("format", &args.format)?;
    check_out(&args.out)?;
    let summit = store.summit_by_slug(&args.summit).await?;
    let bytes = store
        .budget_export(summit.id, format, SystemClock.now())
        .await?;
    let size = bytes.len();
    if write_out(&args.out, bytes).await? {
        println!(
            "wrote the {format} budget summary of \"{}\" ({size} bytes) to {}",
            summit.data.name,
            args.out.display()
        );
    }
    Ok(())
}

fn figures_row(label: String, records: i64, f: &Figures) -> Vec<String> {
    vec![
        label,
        records.to_string(),
        f.planned.to_string(),
        f.committed.to_string(),
        f.spent.to_string(),
        f.remaining.to_string(),
    ]
}

const HEADER: [&str; 6] = [
    "CATEGORY",
    "RECORDS",
    "PLANNED",
    "COMMITTED",
    "SPENT",
    "REMAINING",
];

fn print_summary(s: &BudgetSummary) {
    println!(
        "{} ({}): budget in {}",
        s.summit.data.name, s.summit.data.slug, s.base
    );
    let mut rows: Vec<Vec<String>> = s
        .categories
        .iter()
        .map(|c| {
            let mark = if c.complete { "" } else { " *" };
            figures_row(format!("{}{mark}", c.category), c.records, &c.figures)
        })
        .collect();
    let records = s.categories.iter().map(|c| c.records).sum();
    rows.push(figures_row("total".into(), records, &s.totals));
    table::print(&HEADER, &rows);
    for rate in &s.rates {
        let r = &rate.data;
        let scope = if r.summit_id.is_some() {
            "this summit"
        } else {
            "every summit"
        };
        println!(
            "rate: 1 {} = {} {} (recorded {} for {scope})",
            r.from, r.rate, r.to, r.recorded_on
        );
    }
    for sum in s.sums.iter().filter(|x| x.converted.is_none()) {
        println!(
            "* not in the totals: {} {} from {}: {} planned, {} committed, {} spent (no rate from {} to {})",
            sum.category,
            sum.currency,
            sum.source,
            sum.amounts.planned,
            sum.amounts.committed,
            sum.amounts.spent,
            sum.currency,
            s.base
        );
    }
    for social in &s.socials {
        let per_head = social
            .planned_per_head
            .map(|m| format!(", {m} planned per head"))
            .unwrap_or_default();
        let heads = social
            .expected_headcount
            .map(|h| format!("{h} expected, "))
            .unwrap_or_default();
        println!(
            "social {} \"{}\": {heads}{} planned{per_head}",
            social.gathering_id, social.title, social.figures.planned
        );
    }
}

fn print_year(y: &YearSummary) {
    println!("{}: {} summits, in {}", y.year, y.summits.len(), y.currency);
    let mut rows: Vec<Vec<String>> = y
        .summits
        .iter()
        .map(|s| {
            let mark = if s.complete { "" } else { " *" };
            figures_row(format!("{}{mark}", s.summit.data.slug), 0, &s.figures)
        })
        .collect();
    rows.extend(y.categories.iter().map(|c| {
        let mark = if c.complete { "" } else { " *" };
        figures_row(format!("{}{mark}", c.category), c.records, &c.figures)
    }));
    let records = y.categories.iter().map(|c| c.records).sum();
    rows.push(figures_row("total".into(), records, &y.totals));
    let mut header = HEADER;
    header[0] = "SUMMIT / CATEGORY";
    table::print(&header, &rows);
    if !y.complete {
        let codes: Vec<&str> = y.missing_rates.iter().map(|c| c.code()).collect();
        println!(
            "* not in the totals: amounts in {} (no rate into {})",
            codes.join(", "),
            y.currency
        );
    }
}
