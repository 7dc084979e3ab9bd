use roadie_core::{ExchangeRateData, Money, Rate};

use crate::helpers::*;

#[tokio::test]
async fn a_recorded_rate_reads_back() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let data = ExchangeRateData {
        note: Some("  ECB reference, 1 April ".into()),
        ..rate_data(Some(summit), "USD", "EUR", "0.92500", "2026-04-01")
    };
    let recorded = store.record_rate(&data).await.unwrap();
    assert_eq!(
        recorded.data.note.as_deref(),
        Some("ECB reference, 1 April")
    );
    assert_eq!(recorded.data.rate.to_string(), "0.925");
    let listed = store.list_rates(Some(summit)).await.unwrap();
    assert_eq!(listed, vec![recorded.clone()]);
    // The stored rate converts exactly as the recorded one.
    assert_eq!(
        listed[0].data.rate.convert(money("100 USD"), cur("EUR")),
        Some(Money::new(9250, cur("EUR")))
    );
}

#[tokio::test]
async fn rates_are_listed_newest_first_with_global_ones_for_every_summit() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await.id;
    let other = store.new_summit("other").await.id;
    let add = |data: ExchangeRateData| async move { store.record_rate(&data).await.unwrap().id };
    let old_global = add(rate_data(None, "GBP", "EUR", "1.17", "2026-01-01")).await;
    let mine = add(rate_data(Some(summit), "USD", "EUR", "0.92", "2026-03-01")).await;
    let theirs = add(rate_data(Some(other), "JPY", "EUR", "0.0061", "2026-03-01")).await;
    let new_global = add(rate_data(None, "BHD", "JPY", "398.5", "2026-04-01")).await;
    let same_day = add(rate_data(Some(summit), "INR", "EUR", "0.011", "2026-03-01")).await;
    let listed =
        |summit_id| async move { ids(&store.list_rates(summit_id).await.unwrap(), |r| r.id) };
    assert_eq!(
        listed(Some(summit)).await,
        vec![new_global, same_day, mine, old_global]
    );
    assert_eq!(
        listed(Some(other)).await,
        vec![new_global, theirs, old_global]
    );
    assert_eq!(
        listed(None).await,
        vec![new_global, same_day, theirs, mine, old_global]
    );
    let all = store.list_rates(None).await.unwrap();
    let bhd = all.iter().find(|r| r.id == new_global).unwrap();
    assert_eq!(
        bhd.data,
        rate_data(None, "BHD", "JPY", "398.5", "2026-04-01")
    );
    assert_eq!(
        bhd.data.rate.convert(money("1.001 BHD"), cur("JPY")),
        Some(Money::new(399, cur("JPY")))
    );
}

#[tokio::test]
async fn a_rate_needs_two_currencies_and_a_known_summit() {
    let store = &spawn_store().await;
    let (field, message) = invalid(
        store
            .record_rate(&rate_data(None, "EUR", "EUR", "1", "2026-04-01"))
            .await,
    );
    assert_eq!(field, "to");
    assert_eq!(
        message,
        "a rate converts between two currencies, got EUR twice"
    );
    assert_invalid(
        store
            .record_rate(&rate_data(Some(999), "USD", "EUR", "0.9", "2026-04-01"))
            .await,
        "summit",
        "no such summit",
    );
    assert_eq!(store.count("exchange_rates").await, 0);
}

#[tokio::test]
async fn rates_must_be_positive_exact_decimals() {
    for bad in ["0", "0.0", "-1", "1,08", "abc", ""] {
        let (field, _) = invalid(Rate::parse("rate", bad));
        assert_eq!(field, "rate", "{bad:?}");
    }
    assert_invalid(
        Rate::parse("rate", "0.000"),
        "rate",
        "must be greater than zero",
    );
    assert_invalid(
        Rate::parse("rate", "1.0000000000001"),
        "rate",
        "has more than 12 decimals",
    );
    assert_eq!(
        Rate::parse("rate", "1.000000000001").unwrap().to_string(),
        "1.000000000001"
    );
}
