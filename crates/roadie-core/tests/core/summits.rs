use roadie_core::{Currency, Error, Money, SummitData, Zone};

use crate::helpers::*;

#[tokio::test]
async fn a_created_summit_reads_back_cleaned_up() {
    let store = spawn_store().await;
    let data = SummitData {
        name: "  Rust Summit  ".into(),
        slug: " rust-summit-2026 ".into(),
        city: Some("   ".into()),
        venue: Some(" bcc ".into()),
        ..summit_data("ignored")
    };
    let created = store.create_summit(&data).await.unwrap();
    assert_eq!(created.data.name, "Rust Summit");
    assert_eq!(created.data.slug, "rust-summit-2026");
    assert_eq!(created.data.city, None);
    assert_eq!(created.data.venue.as_deref(), Some("bcc"));
    assert_eq!(store.summit(created.id).await.unwrap(), created);
    assert_eq!(
        store.summit_by_slug("rust-summit-2026").await.unwrap(),
        created
    );
}

#[tokio::test]
async fn an_updated_summit_shows_the_change() {
    let store = spawn_store().await;
    let summit = store.new_summit("rust-summit").await;
    let data = SummitData {
        name: "Rust Summit Lyon".into(),
        slug: "rust-summit-lyon".into(),
        tz: zone("Europe/Paris"),
        end_date: date("2026-06-13"),
        currency: cur("CHF"),
        budget: Some(money("250000.50 CHF")),
        ..summit.data.clone()
    };
    let updated = store.update_summit(summit.id, &data).await.unwrap();
    assert_eq!(updated.data, data);
    assert_eq!(store.summit(summit.id).await.unwrap(), updated);
    assert_eq!(
        store.summit(summit.id).await.unwrap().data.budget,
        Some(Money::new(25_000_050, cur("CHF")))
    );
}

#[tokio::test]
async fn missing_summits_are_not_found() {
    let store = spawn_store().await;
    assert!(matches!(
        store.summit(42).await,
        Err(Error::NotFound { kind: "summit", .. })
    ));
    assert!(matches!(
        store.update_summit(42, &summit_data("x")).await,
        Err(Error::NotFound { .. })
    ));
    assert_invalid(store.summit_by_slug("nope").await, "summit", "no summit");
}

#[tokio::test]
async fn summits_are_listed_soonest_first() {
    let store = spawn_store().await;
    let late = store
        .create_summit(&SummitData {
            start_date: date("2026-09-01"),
            end_date: date("2026-09-02"),
            ..summit_data("late")
        })
        .await
        .unwrap();
    let early = store
        .create_summit(&SummitData {
            start_date: date("2026-03-01"),
            end_date: date("2026-03-01"),
            ..summit_data("early")
        })
        .await
        .unwrap();
    let middle = store.new_summit("middle").await;
    let listed = store.list_summits().await.unwrap();
    assert_eq!(listed, vec![early, middle, late]);
}

#[tokio::test]
async fn an_empty_name_is_refused() {
    let store = spawn_store().await;
    let data = SummitData {
        name: "   ".into(),
        ..summit_data("s")
    };
    assert_invalid(
        store.create_summit(&data).await,
        "name",
        "must not be empty",
    );
    assert_eq!(store.count("summits").await, 0);
}

#[tokio::test]
async fn a_bad_slug_is_refused() {
    let store = spawn_store().await;
    for bad in ["Rust Summit", "rust--summit", "-rust", "rust_summit", ""] {
        let (field, message) = invalid(store.create_summit(&summit_data(bad)).await);
        assert_eq!(field, "slug", "{bad:?}");
        assert!(message.contains("is not a slug"), "{bad:?}: {message}");
    }
    assert_eq!(store.count("summits").await, 0);
}

#[tokio::test]
async fn a_duplicate_slug_is_refused_on_create_and_update() {
    let store = spawn_store().await;
    let first = store.new_summit("rustconf").await;
    assert_invalid(
        store.create_summit(&summit_data("rustconf")).await,
        "slug",
        "a summit with slug \"rustconf\" already exists",
    );
    let other = store.new_summit("other").await;
    assert_invalid(
        store
            .update_summit(other.id, &summit_data("rustconf"))
            .await,
        "slug",
        "already exists",
    );
    assert_eq!(store.summit(first.id).await.unwrap(), first);
    assert_eq!(store.summit(other.id).await.unwrap(), other);
}

#[tokio::test]
async fn an_end_date_before_the_start_is_refused() {
    let store = spawn_store().await;
    let data = SummitData {
        end_date: date("2026-06-09"),
        ..summit_data("s")
    };
    let (field, message) = invalid(store.create_summit(&data).await);
    assert_eq!(field, "end");
    assert_eq!(message, "2026-06-09 is before the start date 2026-06-10");
    // A one-day summit is fine.
    let one_day = SummitData {
        end_date: date("2026-06-10"),
        ..summit_data("s")
    };
    store.create_summit(&one_day).await.unwrap();
}

#[tokio::test]
async fn a_budget_must_be_non_negative_and_in_the_summit_currency() {
    let store = spawn_store().await;
    let negative = SummitData {
        budget: Some(money("-1 EUR")),
        ..summit_data("s")
    };
    assert_invalid(
        store.create_summit(&negative).await,
        "budget",
        "must not be negative, got -1.00 EUR",
    );
    let foreign = SummitData {
        budget: Some(money("1000 USD")),
        ..summit_data("s")
    };
    assert_invalid(
        store.create_summit(&foreign).await,
        "budget",
        "must be in the summit's currency EUR, got USD",
    );
    assert_eq!(store.count("summits").await, 0);
}

#[tokio::test]
async fn unknown_currencies_and_zones_are_refused() {
    assert_invalid(
        Currency::parse("currency", "XYZ"),
        "currency",
        "unknown currency code \"XYZ\"",
    );
    assert_invalid(
        Currency::parse("currency", " "),
        "currency",
        "a currency code is required",
    );
    assert_invalid(
        Money::parse("budget", "100 EURO"),
        "budget",
        "unknown currency code \"EURO\"",
    );
    assert_invalid(
        Money::parse("budget", "1.5 JPY"),
        "budget",
        "is not an amount in JPY",
    );
    let (field, message) = invalid(Zone::parse("tz", "Europe/Atlantis"));
    assert_eq!(field, "tz");
    assert_eq!(
        message,
        "unknown time zone \"Europe/Atlantis\" (expected an IANA name such as Europe/Berlin)"
    );
}

#[tokio::test]
async fn zero_and_three_decimal_currencies_are_stored_exactly() {
    let store = spawn_store().await;
    let tokyo = SummitData {
        tz: zone("Asia/Tokyo"),
        currency: cur("JPY"),
        budget: Some(money("12345678 JPY")),
        ..summit_data("tokyo")
    };
    let manama = SummitData {
        tz: zone("Asia/Bahrain"),
        currency: cur("BHD"),
        budget: Some(money("1234.567 BHD")),
        ..summit_data("manama")
    };
    let tokyo = store.create_summit(&tokyo).await.unwrap();
    let manama = store.create_summit(&manama).await.unwrap();
    let tokyo = store.summit(tokyo.id).await.unwrap();
    let manama = store.summit(manama.id).await.unwrap();
    assert_eq!(tokyo.data.budget, Some(Money::new(12_345_678, cur("JPY"))));
    assert_eq!(tokyo.data.budget.unwrap().to_string(), "12345678 JPY");
    assert_eq!(manama.data.budget, Some(Money::new(1_234_567, cur("BHD"))));
    assert_eq!(manama.data.budget.unwrap().to_string(), "1234.567 BHD");
}
