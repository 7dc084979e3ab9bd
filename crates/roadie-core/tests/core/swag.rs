use roadie_core::{Error, Money, SwagItemData, SwagVariant};

use crate::helpers::*;

#[tokio::test]
async fn an_item_with_variants_reads_back() {
    let store = spawn_store().await;
    let data = SwagItemData {
        name: " T-shirt ".into(),
        description: Some(" Organic cotton ".into()),
        unit_cost: Some(money("8.50 EUR")),
    };
    let item = store.add_swag_item(&data).await.unwrap();
    assert_eq!(item.data.name, "T-shirt");
    assert_eq!(item.data.description.as_deref(), Some("Organic cotton"));
    assert!(item.variants.is_empty());
    let s = store
        .add_swag_variant(item.id, " S ", Some(" TS-S "))
        .await
        .unwrap();
    let m = store
        .add_swag_variant(item.id, "M", Some(""))
        .await
        .unwrap();
    assert_eq!(
        s,
        SwagVariant {
            id: s.id,
            item_id: item.id,
            label: "S".into(),
            sku: Some("TS-S".into())
        }
    );
    assert_eq!(m.sku, None);
    let read = store.swag_item(item.id).await.unwrap();
    assert_eq!(read.data, item.data);
    assert_eq!(read.variants, vec![s, m]);
}

#[tokio::test]
async fn an_updated_item_keeps_its_variants() {
    let store = spawn_store().await;
    let item = store.add_swag_item(&swag_data("Hoodie")).await.unwrap();
    let xl = store.add_swag_variant(item.id, "XL", None).await.unwrap();
    let data = SwagItemData {
        name: "Zip hoodie".into(),
        description: Some("Black".into()),
        unit_cost: None,
    };
    let updated = store.update_swag_item(item.id, &data).await.unwrap();
    assert_eq!(updated.data, data);
    assert_eq!(updated.variants, vec![xl]);
    assert_eq!(store.swag_item(item.id).await.unwrap(), updated);
    assert!(matches!(
        store.update_swag_item(999, &data).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.swag_item(999).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn items_are_listed_by_name_each_with_its_own_variants() {
    let store = spawn_store().await;
    let stickers = store.add_swag_item(&swag_data("Stickers")).await.unwrap();
    let hoodie = store.add_swag_item(&swag_data("Hoodie")).await.unwrap();
    let mug = store
        .add_swag_item(&SwagItemData {
            unit_cost: Some(money("300 JPY")),
            ..swag_data("Mug")
        })
        .await
        .unwrap();
    let ferris = store
        .add_swag_variant(stickers.id, "Ferris", None)
        .await
        .unwrap();
    let m = store.add_swag_variant(hoodie.id, "M", None).await.unwrap();
    let logo = store
        .add_swag_variant(stickers.id, "Logo", None)
        .await
        .unwrap();
    let l = store.add_swag_variant(hoodie.id, "L", None).await.unwrap();
    let list = store.list_swag_items().await.unwrap();
    assert_eq!(ids(&list, |i| i.id), vec![hoodie.id, mug.id, stickers.id]);
    assert_eq!(list[0].variants, vec![m, l]);
    assert!(list[1].variants.is_empty());
    assert_eq!(list[1].data.unit_cost, Some(Money::new(300, cur("JPY"))));
    assert_eq!(list[2].variants, vec![ferris, logo]);
}

#[tokio::test]
async fn names_and_labels_are_checked() {
    let store = spawn_store().await;
    assert_invalid(
        store.add_swag_item(&swag_data(" ")).await,
        "name",
        "must not be empty",
    );
    let shirt = store.add_swag_item(&swag_data("T-shirt")).await.unwrap();
    let mug = store.add_swag_item(&swag_data("Mug")).await.unwrap();
    assert_invalid(
        store.add_swag_item(&swag_data("T-shirt")).await,
        "name",
        "a swag item named \"T-shirt\" already exists",
    );
    assert_invalid(
        store.update_swag_item(mug.id, &swag_data("T-shirt")).await,
        "name",
        "already exists",
    );
    assert_invalid(
        store
            .add_swag_item(&SwagItemData {
                unit_cost: Some(money("-0.01 EUR")),
                ..swag_data("Pin")
            })
            .await,
        "unit_cost",
        "must not be negative",
    );
    store.add_swag_variant(shirt.id, "M", None).await.unwrap();
    assert_invalid(
        store.add_swag_variant(shirt.id, " M ", None).await,
        "label",
        &format!("item {} already has a variant \"M\"", shirt.id),
    );
    assert_invalid(
        store.add_swag_variant(shirt.id, "", None).await,
        "label",
        "must not be empty",
    );
    assert_invalid(
        store.add_swag_variant(999, "M", None).await,
        "item",
        "no swag item with id 999",
    );
    // The same label on another item is fine.
    store.add_swag_variant(mug.id, "M", None).await.unwrap();
    assert_eq!(store.count("swag_items").await, 2);
    assert_eq!(store.count("swag_variants").await, 2);
    assert_eq!(store.swag_item(mug.id).await.unwrap().data.name, "Mug");
}
