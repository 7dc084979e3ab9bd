//! Budget summaries against figures worked out by hand (in the comments) on a small summit: lines
//! in EUR (the base), USD (a summit rate), JPY (no minor unit, a rate for every summit) and CHF
//! (no rate), shipments in every state, travel funding approved, booked, reimbursed and merely
//! submitted, two socials, and a second summit that must not leak in.

use roadie_core::{
    BudgetCategory, BudgetLineData, BudgetSource, BudgetSummary, Figures, GatheringKind, Money,
    ShipmentData, ShipmentStatus, Store, SummitData,
};

use crate::helpers::*;

/// What [`seed`] made.
pub struct Seeded {
    pub summit: i64,
    pub party: i64,
    pub dinner: i64,
    pub other: i64,
}

fn line(
    summit: i64,
    category: BudgetCategory,
    amounts: [&str; 3],
    currency: &str,
) -> BudgetLineData {
    let m = |a: &str| money(&format!("{a} {currency}"));
    BudgetLineData {
        planned: m(amounts[0]),
        committed: m(amounts[1]),
        spent: m(amounts[2]),
        ..budget_data(summit, category, &format!("{} {currency}", amounts[0]))
    }
}

fn shipment(
    summit: Option<i64>,
    status: ShipmentStatus,
    costs: (&str, Option<&str>),
    day: &str,
) -> ShipmentData {
    ShipmentData {
        status,
        ship_date: Some(date(day)),
        shipping_cost: Some(money(costs.0)),
        customs_cost: costs.1.map(money),
        ..shipment_data(summit, vec![])
    }
}

/// The small summit the figures below are worked out for; its base currency is EUR.
pub async fn seed(store: &Store) -> Seeded {
    let summit = store.create_summit(&summit_data("north")).await.unwrap().id;
    let social = |title: &str, start: &str, heads: Option<i64>| {
        let mut data = gathering_data(Some(summit), GatheringKind::Social, title, start, 180);
        data.expected_headcount = heads;
        data
    };
    let party = store
        .add_gathering(&social("Boat party", "2026-06-10 19:00", Some(90)))
        .await
        .unwrap()
        .id;
    let dinner = store
        .add_gathering(&social("Speakers' dinner", "2026-06-11 20:00", None))
        .await
        .unwrap()
        .id;
    let mut lines = vec![
        BudgetLineData {
            description: "Boat hire".into(),
            gathering_id: Some(party),
            paid_on: Some(date("2026-03-15")),
            ..line(
                summit,
                BudgetCategory::Socials,
                ["1000.00", "800.00", "300.00"],
                "EUR",
            )
        },
        BudgetLineData {
            description: "DJ".into(),
            gathering_id: Some(party),
            paid_on: Some(date("2026-04-02")),
            // Paid without a commitment: counts as committed too.
            ..line(
                summit,
                BudgetCategory::Socials,
                ["500.00", "0", "120.50"],
                "USD",
            )
        },
        BudgetLineData {
            paid_on: Some(date("2026-03-20")),
            ..line(
                summit,
                BudgetCategory::Swag,
                ["150000", "150000", "100000"],
                "JPY",
            )
        },
        line(summit, BudgetCategory::Swag, ["1234", "0", "0"], "JPY"),
        line(summit, BudgetCategory::Travel, ["5000", "0", "0"], "EUR"),
        BudgetLineData {
            description: "Wine".into(),
            gathering_id: Some(dinner),
            paid_on: Some(date("2026-04-10")),
            ..line(summit, BudgetCategory::Other, ["300", "300", "300"], "CHF")
        },
        line(summit, BudgetCategory::Shipping, ["400", "0", "0"], "EUR"),
        // Paid on no recorded date.
        line(summit, BudgetCategory::Other, ["50", "0", "50"], "EUR"),
    ];
    store.add_budget_lines(&lines).await.unwrap();
    for s in [
        shipment(
            Some(summit),
            ShipmentStatus::Delivered,
            ("45 EUR", Some("20 USD")),
            "2026-05-01",
        ),
        shipment(
            Some(summit),
            ShipmentStatus::Draft,
            ("30 EUR", None),
            "2026-05-01",
        ),
        shipment(
            Some(summit),
            ShipmentStatus::Lost,
            ("10 EUR", Some("5 EUR")),
            "2026-05-02",
        ),
        // To the party, with no summit of its own: the summit's all the same.
        ShipmentData {
            gathering_id: Some(party),
            ..shipment(
                None,
                ShipmentStatus::InTransit,
                ("12.34 USD", Some("3 USD")),
                "2026-05-03",
            )
        },
    ] {
        store.add_shipment(&s, now()).await.unwrap();
    }
    for rate in [
        rate_data(Some(summit), "USD", "EUR", "0.90", "2026-01-01"),
        rate_data(Some(summit), "USD", "EUR", "0.92", "2026-02-01"),
        // Newer, but for every summit: the summit's own rate comes first.
        rate_data(None, "USD", "EUR", "0.95", "2026-03-01"),
        rate_data(None, "JPY", "EUR", "0.0061", "2026-02-01"),
        rate_data(None, "GBP", "EUR", "1.17", "2026-02-01"),
        // The wrong way round for this summit: never inverted.
        rate_data(None, "EUR", "CHF", "0.94", "2026-02-01"),
    ] {
        store.record_rate(&rate).await.unwrap();
    }

    seed_travel(store, summit).await;

    // Another summit in the same year, with its own rate that must not apply to the first.
    let other = store
        .create_summit(&SummitData {
            start_date: date("2026-09-01"),
            end_date: date("2026-09-02"),
            ..summit_data("south")
        })
        .await
        .unwrap()
        .id;
    store
        .record_rate(&rate_data(Some(other), "USD", "EUR", "2", "2026-04-01"))
        .await
        .unwrap();
    lines = vec![line(other, BudgetCategory::Swag, ["100", "0", "0"], "GBP")];
    store.add_budget_lines(&lines).await.unwrap();
    Seeded {
        summit,
        party,
        dinner,
        other,
    }
}

/// Travel funding for the summit: a pool of 1,000.00 EUR; Ada approved for 500 USD (460.00 EUR at
/// the 0.92 recorded with the approval); Grace booked for 300.00 EUR and paid 100.00 on 10 May;
/// Linus reimbursed 150.00 EUR of an approved 200.00 on 20 May (closed: holds what was paid);
/// Ken only submitted. So committed 460 + 300 + 150 = 910.00 EUR, spent 250.00 EUR.
///
/// The approvals, payments and policy are written with SQL because the travel branch's approve
/// and pay operations are not merged yet; the rows are what those operations store.
async fn seed_travel(store: &Store, summit: i64) {
    let pool = store.pool();
    sqlx::query("INSERT INTO organisers (id, name) VALUES (1, 'Treasurer')")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO travel_policies (summit_id, currency, pool_minor, airfare_cap_minor, lodging_per_night_minor,
         ground_cap_minor, visa_cap_minor, other_cap_minor) VALUES (?, 'EUR', 100000, 80000, 15000, 5000, 10000, 5000)",
    )
    .bind(summit)
    .execute(pool)
    .await
    .unwrap();
    // Speaker, currency, status, approved total, in EUR, payments (EUR cents, day).
    type Request<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<i64>,
        i64,
        &'a [(i64, &'a str)],
    );
    let requests: [Request; 4] = [
        ("Ada", "USD", "approved", Some(50_000), 46_000, &[]),
        (
            "Grace",
            "EUR",
            "booked",
            Some(30_000),
            30_000,
            &[(10_000, "2026-05-10")],
        ),
        (
            "Linus",
            "EUR",
            "reimbursed",
            Some(20_000),
            20_000,
            &[(15_000, "2026-05-20")],
        ),
        ("Ken", "EUR", "submitted", None, 0, &[]),
    ];
    for (name, currency, status, approved, base, paid) in requests {
        let speaker = store.add_speaker(&speaker_data(name)).await.unwrap().id;
        let request = store
            .submit_travel_request(
                &travel_data(summit, speaker, currency),
                at("2026-02-01 10:00"),
            )
            .await
            .unwrap()
            .id;
        sqlx::query("UPDATE travel_requests SET status = ? WHERE id = ?")
            .bind(status)
            .bind(request)
            .execute(pool)
            .await
            .unwrap();
        if let Some(total) = approved {
            let rate = if currency == "USD" { "0.92" } else { "1" };
            sqlx::query(
                "INSERT INTO travel_approvals (request_id, currency, base_currency, rate, total_minor, total_base_minor,
                 accept_by, approved_by, approved_at) VALUES (?, ?, 'EUR', ?, ?, ?, '2026-03-01', 1, 0)",
            )
            .bind(request)
            .bind(currency)
            .bind(rate)
            .bind(total)
            .bind(base)
            .execute(pool)
            .await
            .unwrap();
        }
        for &(amount, day) in paid {
            sqlx::query(
                "INSERT INTO travel_payments (request_id, paid_on, amount_minor, currency, rate, base_minor, recorded_at)
                 VALUES (?, ?, ?, 'EUR', '1', ?, 0)",
            )
            .bind(request)
            .bind(day)
            .bind(amount)
            .bind(amount)
            .execute(pool)
            .await
            .unwrap();
        }
    }
}

fn eur(planned: i64, committed: i64, spent: i64) -> Figures {
    Figures::of(planned, committed, spent, cur("EUR")).unwrap()
}

fn category(summary: &BudgetSummary, category: BudgetCategory) -> (i64, Figures, bool) {
    let c = summary
        .categories
        .iter()
        .find(|c| c.category == category)
        .unwrap();
    (c.records, c.figures, c.complete)
}

#[tokio::test]
async fn the_summary_matches_the_figures_worked_out_by_hand() {
    let store = &spawn_store().await;
    let s = seed(store).await;
    let summary = store.budget_summary(s.summit).await.unwrap();
    assert_eq!(summary.base, cur("EUR"));

    // Socials: EUR 1000.00 / 800.00 / 300.00, and USD 500.00 / 120.50 / 120.50 at 0.92:
    // 460.00 / 110.86 / 110.86.
    assert_eq!(
        category(&summary, BudgetCategory::Socials),
        (2, eur(146_000, 91_086, 41_086), true)
    );
    // Swag in yen at 0.0061: 151,234 JPY is 922.5274 EUR → 922.53; 150,000 → 915.00; 100,000 → 610.00.
    assert_eq!(
        category(&summary, BudgetCategory::Swag),
        (2, eur(92_253, 91_500, 61_000), true)
    );
    // Travel: the 5000 EUR line plans it; the funding records commit 910.00 and spent 250.00
    // (three funded requests; the submitted one holds nothing).
    assert_eq!(
        category(&summary, BudgetCategory::Travel),
        (4, eur(500_000, 91_000, 25_000), true)
    );
    // Shipping: the 400 EUR line; shipments in EUR: 45 (delivered) + 10 (lost) committed and
    // spent, the draft's 30 and the lost parcel's customs not at all; in USD: customs 20
    // (delivered) and shipping 12.34 (in transit) committed and spent, customs 3 (in transit)
    // committed only: 35.34 → 32.51, spent 32.34 → 29.75. Six records: the line and the five
    // costs that count (the `shipment_costs` view).
    assert_eq!(
        category(&summary, BudgetCategory::Shipping),
        (6, eur(40_000, 8_751, 8_475), true)
    );
    // Other: the 50 EUR paid without a commitment; the 300 CHF have no rate into EUR (only one
    // from EUR into CHF, which is not inverted).
    assert_eq!(
        category(&summary, BudgetCategory::Other),
        (2, eur(5_000, 5_000, 5_000), false)
    );

    assert_eq!(
        summary.totals,
        eur(783_253, 196_337 + 91_000, 115_561 + 25_000)
    );
    assert_eq!(summary.totals.remaining.minor, 586_916 - 91_000);
    assert!(!summary.complete);
    assert_eq!(summary.missing_rates, vec![cur("CHF")]);

    // The CHF sum is reported, in CHF, and kept out of the totals.
    let chf = summary
        .sums
        .iter()
        .find(|s| s.currency == cur("CHF"))
        .unwrap();
    assert_eq!(
        (chf.category, chf.records, chf.converted, chf.rate.is_none()),
        (BudgetCategory::Other, 1, None, true)
    );
    assert_eq!(
        chf.amounts,
        Figures::of(30_000, 30_000, 30_000, cur("CHF")).unwrap()
    );

    // The rates used: the summit's latest USD rate, the JPY rate for every summit; GBP has no
    // amounts here.
    let used: Vec<(String, String)> = summary
        .rates
        .iter()
        .map(|r| (r.data.from.to_string(), r.data.rate.to_string()))
        .collect();
    assert_eq!(
        used,
        [
            ("JPY".into(), "0.0061".into()),
            ("USD".into(), "0.92".into())
        ]
    );
    let usd = summary
        .sums
        .iter()
        .find(|s| s.currency == cur("USD") && s.source == BudgetSource::Shipments)
        .unwrap();
    assert_eq!(
        usd.rate
            .as_ref()
            .map(|r| r.data.rate.to_string())
            .as_deref(),
        Some("0.92")
    );
    assert_eq!(
        (
            usd.records,
            usd.amounts.committed.minor,
            usd.amounts.spent.minor
        ),
        (3, 3_534, 3_234)
    );
    // Every sum per category, source and currency, in that order.
    let keys: Vec<String> = summary
        .sums
        .iter()
        .map(|s| format!("{} {} {}", s.category, s.source, s.currency))
        .collect();
    assert_eq!(
        keys,
        [
            "socials lines EUR",
            "socials lines USD",
            "swag lines JPY",
            "shipping lines EUR",
            "shipping shipments EUR",
            "shipping shipments USD",
            "travel lines EUR",
            "travel travel EUR",
            "other lines CHF",
            "other lines EUR",
        ]
    );
}

#[tokio::test]
async fn socials_cost_per_head_and_spending_by_month() {
    let store = &spawn_store().await;
    let s = seed(store).await;
    let summary = store.budget_summary(s.summit).await.unwrap();
    let [party, dinner] = summary.socials.as_slice() else {
        panic!("two socials: {:?}", summary.socials)
    };
    assert_eq!(
        (party.gathering_id, party.title.as_str()),
        (s.party, "Boat party")
    );
    assert_eq!(party.start_local, "2026-06-10T19:00");
    assert_eq!(
        (party.lines, party.figures),
        (2, eur(146_000, 91_086, 41_086))
    );
    // 1460.00 / 90 = 16.2222 → 16.22; 910.86 / 90 = 10.1207 → 10.12.
    assert_eq!(party.planned_per_head.map(|m| m.minor), Some(1_622));
    assert_eq!(party.committed_per_head.map(|m| m.minor), Some(1_012));
    assert!(party.missing_rates.is_empty());
    // The dinner's only line is in CHF, and it has no headcount.
    assert_eq!(dinner.gathering_id, s.dinner);
    assert_eq!(
        (dinner.lines, dinner.figures, dinner.planned_per_head),
        (1, eur(0, 0, 0), None)
    );
    assert_eq!(dinner.missing_rates, vec![cur("CHF")]);

    let months: Vec<(Option<&str>, BudgetCategory, i64)> = summary
        .spending
        .iter()
        .map(|m| (m.month.as_deref(), m.category, m.spent.minor))
        .collect();
    assert_eq!(
        months,
        [
            (Some("2026-03"), BudgetCategory::Socials, 30_000),
            (Some("2026-03"), BudgetCategory::Swag, 61_000),
            (Some("2026-04"), BudgetCategory::Socials, 11_086),
            // May's USD (20 + 12.34) converted once: 29.75.
            (Some("2026-05"), BudgetCategory::Shipping, 5_500 + 2_975),
            // Grace's and Linus's reimbursements.
            (Some("2026-05"), BudgetCategory::Travel, 25_000),
            (None, BudgetCategory::Other, 5_000),
        ]
    );
}

#[tokio::test]
async fn the_travel_pool_is_used_by_approvals_and_payments() {
    let store = &spawn_store().await;
    let s = seed(store).await;
    let travel = store.budget_summary(s.summit).await.unwrap().travel;
    let m = |minor| Money::new(minor, cur("EUR"));
    assert_eq!(travel.pool, Some(m(100_000)));
    assert_eq!((travel.committed, travel.spent), (m(91_000), m(25_000)));
    assert_eq!(travel.remaining, Some(m(9_000)));
    assert_eq!(travel.funded_requests, 3);
    assert_eq!(travel.planned_in_lines, m(500_000));
    // The records behind the figure: the three funded requests, dated by their last payment.
    let entries = store.budget_entries(s.summit).await.unwrap();
    let travel: Vec<(String, String, i64, i64, Option<String>)> = entries
        .iter()
        .filter(|e| e.source == BudgetSource::Travel)
        .map(|e| {
            (
                e.description.clone(),
                e.status.clone(),
                e.amounts.committed.minor,
                e.amounts.spent.minor,
                e.day.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        travel,
        [
            (
                "Travel funding for Ada".into(),
                "approved".into(),
                46_000,
                0,
                None
            ),
            (
                "Travel funding for Grace".into(),
                "booked".into(),
                30_000,
                10_000,
                Some("2026-05-10".into())
            ),
            (
                "Travel funding for Linus".into(),
                "reimbursed".into(),
                15_000,
                15_000,
                Some("2026-05-20".into())
            ),
        ]
    );
}

#[tokio::test]
async fn a_year_adds_up_its_summits_in_one_currency() {
    let store = &spawn_store().await;
    let s = seed(store).await;
    let year = store.budget_year(2026, None).await.unwrap();
    assert_eq!(year.currency, cur("EUR"));
    let ids: Vec<i64> = year.summits.iter().map(|y| y.summit.id).collect();
    assert_eq!(ids, [s.summit, s.other]);
    // The second summit's 100 GBP at 1.17 for every summit.
    assert_eq!(year.summits[1].figures, eur(11_700, 0, 0));
    assert!(year.summits[1].complete);
    assert_eq!(
        year.totals,
        eur(783_253 + 11_700, 196_337 + 91_000, 115_561 + 25_000)
    );
    assert_eq!(year.missing_rates, vec![cur("CHF")]);
    let swag = year
        .categories
        .iter()
        .find(|c| c.category == BudgetCategory::Swag)
        .unwrap();
    assert_eq!(
        (swag.records, swag.figures.planned.minor),
        (3, 92_253 + 11_700)
    );

    // In USD nothing converts but the USD amounts themselves: every other currency is missing.
    let usd = store.budget_year(2026, Some(cur("USD"))).await.unwrap();
    assert_eq!(
        usd.missing_rates,
        vec![cur("CHF"), cur("EUR"), cur("GBP"), cur("JPY")]
    );
    // USD 500.00 planned (socials); committed 120.50 + 35.34; spent 120.50 + 32.34.
    assert_eq!(
        usd.totals,
        Figures::of(50_000, 15_584, 15_284, cur("USD")).unwrap()
    );

    assert_invalid(
        store.budget_year(2030, None).await,
        "year",
        "no summit starts in 2030",
    );
    let empty = store.budget_year(2030, Some(cur("EUR"))).await.unwrap();
    assert!(empty.summits.is_empty() && empty.complete);
}

#[tokio::test]
async fn an_empty_summit_sums_to_zero_and_an_unknown_one_is_not_found() {
    let store = &spawn_store().await;
    let summit = store.new_summit("empty").await.id;
    let summary = store.budget_summary(summit).await.unwrap();
    assert_eq!(summary.totals, eur(0, 0, 0));
    assert!(summary.complete && summary.sums.is_empty() && summary.spending.is_empty());
    assert_eq!(summary.categories.len(), BudgetCategory::ALL.len());
    assert!(matches!(
        store.budget_summary(999).await,
        Err(roadie_core::Error::NotFound { .. })
    ));
}
