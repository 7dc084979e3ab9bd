//! The budget exports of the summit in `budget_summary::seed`, whose figures are worked out by
//! hand there. LibreOffice recalculating the workbook and poppler reading the PDF are checked by
//! tests/budget-export.sh.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{DateTime, Utc};
use roadie_core::ExportFormat;

use crate::budget_summary::seed;
use crate::helpers::*;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-04T09:30:00Z")
        .unwrap()
        .to_utc()
}

#[tokio::test]
async fn the_csv_holds_the_totals_every_sum_line_and_shipment_cost() {
    let store = &spawn_store().await;
    let s = seed(store).await;
    let bytes = store
        .budget_export(s.summit, ExportFormat::Csv, now())
        .await
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\r'));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let get = |row: &csv::StringRecord, column: &str| -> String {
        row[headers.iter().position(|h| h == column).unwrap()].to_owned()
    };
    let of = |record: &str| {
        rows.iter()
            .filter(|r| get(r, "record") == record)
            .collect::<Vec<_>>()
    };

    let [total] = of("total")[..] else {
        panic!("one total row")
    };
    let base: Vec<String> = [
        "planned_base",
        "committed_base",
        "spent_base",
        "remaining_base",
    ]
    .map(|c| get(total, c))
    .into();
    assert_eq!(base, ["7832.53", "2873.37", "1405.61", "4959.16"]);
    assert_eq!(get(total, "date"), "2026-05-04 09:30 UTC");
    assert!(get(total, "note").contains("CHF"), "{}", get(total, "note"));

    let categories: Vec<(String, String, String)> = of("category")
        .iter()
        .map(|r| {
            (
                get(r, "category"),
                get(r, "records"),
                get(r, "planned_base"),
            )
        })
        .collect();
    assert_eq!(
        categories[0],
        ("socials".into(), "2".into(), "1460.00".into())
    );
    assert_eq!(categories.len(), 5);

    // The CHF sum: in CHF, no rate, nothing in the base columns, and a note saying so.
    let chf = of("sum")
        .into_iter()
        .find(|r| get(r, "currency") == "CHF")
        .unwrap();
    assert_eq!(
        (
            get(chf, "planned"),
            get(chf, "planned_base"),
            get(chf, "rate")
        ),
        ("300.00".into(), "".into(), "".into())
    );
    assert_eq!(
        get(chf, "note"),
        "no exchange rate from CHF to EUR recorded: not in the totals"
    );
    let jpy = of("sum")
        .into_iter()
        .find(|r| get(r, "currency") == "JPY")
        .unwrap();
    assert_eq!(
        (
            get(jpy, "planned"),
            get(jpy, "rate"),
            get(jpy, "planned_base")
        ),
        ("151234".into(), "0.0061".into(), "922.53".into())
    );

    assert_eq!(of("line").len(), 8);
    // The five shipment costs that count; the draft's and the lost parcel's customs do not.
    assert_eq!(of("shipment").len(), 5);
    assert_eq!(of("travel").len(), 3);
    let [pool] = of("travel_pool")[..] else {
        panic!("one travel pool row")
    };
    let pool_figures: Vec<String> = [
        "planned_base",
        "committed_base",
        "spent_base",
        "remaining_base",
    ]
    .map(|c| get(pool, c))
    .into();
    assert_eq!(pool_figures, ["1000.00", "910.00", "250.00", "90.00"]);
    let party = of("social")
        .into_iter()
        .find(|r| get(r, "description") == "Boat party")
        .unwrap();
    assert_eq!(
        (get(party, "headcount"), get(party, "planned_base")),
        ("90".into(), "1460.00".into())
    );
    assert!(get(party, "note").starts_with("per head: planned 16.22, committed 10.12"));
    let months: Vec<(String, String)> = of("month")
        .iter()
        .map(|r| (get(r, "date"), get(r, "spent_base")))
        .collect();
    assert_eq!(months[0], ("2026-03".into(), "300.00".into()));
}

#[tokio::test]
async fn the_workbook_stores_the_totals_behind_its_formulas() {
    let store = &spawn_store().await;
    let s = seed(store).await;
    let bytes = store
        .budget_export(s.summit, ExportFormat::Xlsx, now())
        .await
        .unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    let formulas = book.worksheet_formula("Summary").unwrap();
    // Find the Total row by its label, then read the stored results and the formulas.
    let total_row = (0..40u32)
        .find(|&r| summary.get_value((r, 0)) == Some(&Data::String("Total".into())))
        .unwrap();
    let stored: Vec<Option<&Data>> = (2..6).map(|c| summary.get_value((total_row, c))).collect();
    let expected = [7832.53, 2873.37, 1405.61, 4959.16].map(|v| Some(Data::Float(v)));
    assert_eq!(
        stored,
        expected.iter().map(Option::as_ref).collect::<Vec<_>>()
    );
    assert!(
        formulas
            .get_value((total_row, 2))
            .unwrap()
            .starts_with("SUM(")
    );
    // Every summed amount has its rate beside it and a ROUND formula converting it.
    let rounds = formulas
        .used_cells()
        .filter(|(_, _, f)| f.starts_with("ROUND("))
        .count();
    assert_eq!(
        rounds,
        3 * 9,
        "three converted amounts for each of the nine sums with a rate"
    );
    let lines = book.worksheet_range("Other lines").unwrap();
    assert_eq!(lines.height(), 3, "a header and the two lines");
    assert_eq!(
        lines.get_value((0, 6)),
        Some(&Data::String("Committed (incl. paid)".into()))
    );
}

#[tokio::test]
async fn the_pdf_is_a_pdf_and_the_export_replaces_a_file_whole() {
    let store = &spawn_store().await;
    let s = seed(store).await;
    let pdf = store
        .budget_export(s.summit, ExportFormat::Pdf, now())
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF header");
    assert!(
        pdf.len() > 10_000 && pdf.len() < 400_000,
        "the fonts are subset: {} bytes",
        pdf.len()
    );

    let out = store.dir.path().join("budget.xlsx");
    std::fs::write(&out, "old").unwrap();
    store
        .export_budget_to(s.summit, ExportFormat::Xlsx, &out, now())
        .await
        .unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let missing = store.dir.path().join("no/such/dir/budget.csv");
    let e = store
        .export_budget_to(s.summit, ExportFormat::Csv, &missing, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "io");
    assert!(matches!(
        store.budget_export(999, ExportFormat::Csv, now()).await,
        Err(roadie_core::Error::NotFound { .. })
    ));
}
