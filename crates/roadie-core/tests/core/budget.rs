use roadie_core::{BudgetCategory, BudgetFilter, BudgetLineData, Error, GatheringKind, Money};

use crate::helpers::*;

#[tokio::test]
async fn a_budget_line_reads_back_and_updates() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let party = store
        .add_gathering(&gathering_data(
            Some(summit),
            GatheringKind::Social,
            "Party",
            "2026-06-10 19:00",
            240,
        ))
        .await
        .unwrap();
    let data = BudgetLineData {
        description: "  Venue hire ".into(),
        committed: money("1500 EUR"),
        spent: money("500.25 EUR"),
        gathering_id: Some(party.id),
        paid_on: Some(date("2026-05-20")),
        ..budget_data(summit, BudgetCategory::Socials, "2000 EUR")
    };
    let created = store.add_budget_line(&data).await.unwrap();
    assert_eq!(created.data.description, "Venue hire");
    assert_eq!(created.data.currency(), cur("EUR"));
    assert_eq!(store.budget_line(created.id).await.unwrap(), created);

    let changed = BudgetLineData {
        category: BudgetCategory::Other,
        description: "Venue hire and catering".into(),
        planned: money("3000 USD"),
        committed: money("2999.99 USD"),
        spent: money("0 USD"),
        gathering_id: None,
        paid_on: None,
        ..data
    };
    let updated = store
        .update_budget_line(created.id, &changed)
        .await
        .unwrap();
    assert_eq!(updated.data, changed);
    assert_eq!(store.budget_line(created.id).await.unwrap(), updated);
    assert!(matches!(
        store.update_budget_line(999, &changed).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.budget_line(999).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn zero_and_three_decimal_amounts_are_stored_exactly() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let yen = store
        .add_budget_line(&BudgetLineData {
            committed: money("1 JPY"),
            spent: money("0 JPY"),
            ..budget_data(summit, BudgetCategory::Swag, "987654321 JPY")
        })
        .await
        .unwrap();
    let dinar = store
        .add_budget_line(&BudgetLineData {
            committed: money("0.001 BHD"),
            spent: money("0.001 BHD"),
            ..budget_data(summit, BudgetCategory::Travel, "12.345 BHD")
        })
        .await
        .unwrap();
    let yen = store.budget_line(yen.id).await.unwrap();
    assert_eq!(yen.data.planned, Money::new(987_654_321, cur("JPY")));
    assert_eq!(yen.data.committed, Money::new(1, cur("JPY")));
    assert_eq!(yen.data.planned.to_string(), "987654321 JPY");
    let dinar = store.budget_line(dinar.id).await.unwrap();
    assert_eq!(dinar.data.planned, Money::new(12_345, cur("BHD")));
    assert_eq!(dinar.data.spent, Money::new(1, cur("BHD")));
    assert_eq!(dinar.data.planned.to_string(), "12.345 BHD");
}

#[tokio::test]
async fn budget_lines_are_listed_with_filters() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let other = store.new_summit("other").await.id;
    let add = |data: BudgetLineData| async move { store.add_budget_line(&data).await.unwrap().id };
    let swag1 = add(budget_data(summit, BudgetCategory::Swag, "100 EUR")).await;
    let travel = add(budget_data(summit, BudgetCategory::Travel, "100 USD")).await;
    let swag2 = add(budget_data(summit, BudgetCategory::Swag, "5000 JPY")).await;
    let elsewhere = add(budget_data(other, BudgetCategory::Swag, "1 EUR")).await;
    let list = |filter: BudgetFilter| async move {
        let mut found = ids(&store.list_budget_lines(&filter).await.unwrap(), |l| l.id);
        found.sort_unstable();
        found
    };
    assert_eq!(
        list(BudgetFilter::default()).await,
        vec![swag1, travel, swag2, elsewhere]
    );
    assert_eq!(
        list(BudgetFilter {
            summit_id: Some(summit),
            category: None,
            ..BudgetFilter::default()
        })
        .await,
        vec![swag1, travel, swag2]
    );
    assert_eq!(
        list(BudgetFilter {
            summit_id: None,
            category: Some(BudgetCategory::Swag),
            ..BudgetFilter::default()
        })
        .await,
        vec![swag1, swag2, elsewhere]
    );
    assert_eq!(
        list(BudgetFilter {
            summit_id: Some(summit),
            category: Some(BudgetCategory::Swag),
            ..BudgetFilter::default()
        })
        .await,
        vec![swag1, swag2]
    );
    assert_eq!(
        list(BudgetFilter {
            summit_id: Some(other),
            category: Some(BudgetCategory::Travel),
            ..BudgetFilter::default()
        })
        .await,
        Vec::<i64>::new()
    );
    // Lines in one category keep the order they were added in.
    let swag = store
        .list_budget_lines(&BudgetFilter {
            summit_id: Some(summit),
            category: Some(BudgetCategory::Swag),
            ..BudgetFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(&swag, |l| l.id), vec![swag1, swag2]);
    assert_eq!(swag[1].data.planned, Money::new(5000, cur("JPY")));
}

#[tokio::test]
async fn amounts_must_share_a_currency_and_not_be_negative() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let base = budget_data(summit, BudgetCategory::Socials, "100 EUR");
    let cases = [
        (
            BudgetLineData {
                committed: money("50 USD"),
                ..base.clone()
            },
            "committed",
            "is in USD but the line is in EUR",
        ),
        (
            BudgetLineData {
                spent: money("5000 JPY"),
                ..base.clone()
            },
            "spent",
            "is in JPY but the line is in EUR",
        ),
        (
            BudgetLineData {
                planned: money("-100 EUR"),
                ..base.clone()
            },
            "planned",
            "must not be negative, got -100.00 EUR",
        ),
        (
            BudgetLineData {
                spent: money("-0.01 EUR"),
                ..base.clone()
            },
            "spent",
            "must not be negative, got -0.01 EUR",
        ),
        (
            BudgetLineData {
                description: "\t".into(),
                ..base.clone()
            },
            "description",
            "must not be empty",
        ),
    ];
    for (data, field, message) in cases {
        let (f, m) = invalid(store.add_budget_line(&data).await);
        assert_eq!((f.as_str(), m.as_str()), (field, message));
    }
    assert_invalid(
        store
            .add_budget_line(&BudgetLineData {
                summit_id: 999,
                ..base.clone()
            })
            .await,
        "summit",
        "no such summit or gathering",
    );
    assert_eq!(store.count("budget_lines").await, 0);
}

#[tokio::test]
async fn a_batch_of_lines_is_stored_whole_or_not_at_all() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let mut batch: Vec<BudgetLineData> = BudgetCategory::ALL
        .iter()
        .map(|c| budget_data(summit, *c, "10 EUR"))
        .collect();
    batch[3].gathering_id = Some(404);
    assert_invalid(
        store.add_budget_lines(&batch).await,
        "summit",
        "no such summit or gathering",
    );
    assert_eq!(store.count("budget_lines").await, 0);
    batch[3].gathering_id = None;
    let added = store.add_budget_lines(&batch).await.unwrap();
    assert_eq!(added.len(), BudgetCategory::ALL.len());
    for (id, data) in added.iter().zip(&batch) {
        assert_eq!(&store.budget_line(*id).await.unwrap().data, data);
    }
}
