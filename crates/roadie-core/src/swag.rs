//! Swag: items (a t-shirt, a sticker) and their variants (sizes, designs).

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::money::{Currency, Money};
use crate::store::{Store, group_by, is_foreign_key_violation, is_unique_violation};

/// What a swag item is; the input to create or update one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SwagItemData {
    pub name: String,
    pub description: Option<String>,
    pub unit_cost: Option<Money>,
}

impl SwagItemData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<SwagItemData> {
        if let Some(cost) = self.unit_cost {
            cost.non_negative("unit_cost")?;
        }
        Ok(SwagItemData {
            name: fields::required("name", &self.name)?,
            description: fields::optional("description", self.description.as_deref())?,
            unit_cost: self.unit_cost,
        })
    }
}

/// A variant of an item: a size, a colour, a design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SwagVariant {
    pub id: i64,
    pub item_id: i64,
    pub label: String,
    pub sku: Option<String>,
}

/// A stored swag item with its variants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SwagItem {
    pub id: i64,
    #[serde(flatten)]
    pub data: SwagItemData,
    pub variants: Vec<SwagVariant>,
}

fn name_taken(name: &str) -> impl Fn(sqlx::Error) -> Error + '_ {
    move |e| {
        if is_unique_violation(&e) {
            Error::invalid("name", format!("a swag item named {name:?} already exists"))
        } else {
            e.into()
        }
    }
}

/// Inserts one validated swag item on `conn`.
pub(crate) async fn insert_item(conn: &mut SqliteConnection, data: &SwagItemData) -> Result<i64> {
    let (cost, currency) = (
        data.unit_cost.map(|m| m.minor),
        data.unit_cost.map(|m| m.currency.code()),
    );
    sqlx::query_scalar!(
            "INSERT INTO swag_items (name, description, unit_cost_minor, unit_cost_currency) VALUES (?, ?, ?, ?)
             RETURNING id AS \"id!\"",
            data.name, data.description, cost, currency
        )
        .fetch_one(&mut *conn)
        .await
        .map_err(name_taken(&data.name))
}

/// Inserts a variant of an item on `conn`; `label` and `sku` must be validated.
pub(crate) async fn insert_variant(
    conn: &mut SqliteConnection,
    item_id: i64,
    label: &str,
    sku: Option<&str>,
) -> Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO swag_variants (item_id, label, sku) VALUES (?, ?, ?) RETURNING id AS \"id!\"",
        item_id,
        label,
        sku
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            Error::invalid(
                "label",
                format!("item {item_id} already has a variant {label:?}"),
            )
        } else if is_foreign_key_violation(&e) {
            Error::invalid("item", format!("no swag item with id {item_id}"))
        } else {
            e.into()
        }
    })
}

impl Store {
    /// Adds a swag item.
    pub async fn add_swag_item(&self, data: &SwagItemData) -> Result<SwagItem> {
        let data = data.validated()?;
        let id = insert_item(&mut *self.pool.acquire().await?, &data).await?;
        Ok(SwagItem {
            id,
            data,
            variants: Vec::new(),
        })
    }

    /// Adds a swag item with its variants (sizes, designs) in one transaction: all, or nothing.
    pub async fn add_swag_item_with_variants(
        &self,
        data: &SwagItemData,
        labels: &[String],
    ) -> Result<SwagItem> {
        let data = data.validated()?;
        let labels = labels
            .iter()
            .map(|l| fields::required("label", l))
            .collect::<Result<Vec<_>>>()?;
        let mut tx = self.write().await?;
        let id = insert_item(&mut tx, &data).await?;
        let mut variants = Vec::with_capacity(labels.len());
        for label in labels {
            let variant_id = insert_variant(&mut tx, id, &label, None).await?;
            variants.push(SwagVariant {
                id: variant_id,
                item_id: id,
                label,
                sku: None,
            });
        }
        tx.commit().await?;
        Ok(SwagItem { id, data, variants })
    }

    /// Replaces a swag item's data (its variants stay).
    pub async fn update_swag_item(&self, id: i64, data: &SwagItemData) -> Result<SwagItem> {
        let data = data.validated()?;
        let (cost, currency) = (
            data.unit_cost.map(|m| m.minor),
            data.unit_cost.map(|m| m.currency.code()),
        );
        let done = sqlx::query!(
            "UPDATE swag_items SET name = ?, description = ?, unit_cost_minor = ?, unit_cost_currency = ? WHERE id = ?",
            data.name, data.description, cost, currency, id
        )
        .execute(&self.pool)
        .await
        .map_err(name_taken(&data.name))?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("swag item", id));
        }
        self.swag_item(id).await
    }

    /// Adds a variant (a size, a design) to an item.
    pub async fn add_swag_variant(
        &self,
        item_id: i64,
        label: &str,
        sku: Option<&str>,
    ) -> Result<SwagVariant> {
        let label = fields::required("label", label)?;
        let sku = fields::optional("sku", sku)?;
        let id = insert_variant(
            &mut *self.pool.acquire().await?,
            item_id,
            &label,
            sku.as_deref(),
        )
        .await?;
        Ok(SwagVariant {
            id,
            item_id,
            label,
            sku,
        })
    }

    /// The swag item with this id, with its variants.
    pub async fn swag_item(&self, id: i64) -> Result<SwagItem> {
        self.swag_items_where(Some(id))
            .await?
            .pop()
            .ok_or_else(|| Error::not_found("swag item", id))
    }

    /// Every swag item with its variants, by name.
    pub async fn list_swag_items(&self) -> Result<Vec<SwagItem>> {
        self.swag_items_where(None).await
    }

    async fn swag_items_where(&self, id: Option<i64>) -> Result<Vec<SwagItem>> {
        let mut tx = self.pool.begin().await?;
        let items = sqlx::query!(
            r#"SELECT id AS "id!", name, description, unit_cost_minor, unit_cost_currency FROM swag_items
             WHERE ?1 IS NULL OR id = ?1 ORDER BY name"#,
            id
        )
        .fetch_all(&mut *tx)
        .await?;
        let variants = sqlx::query_as!(
            SwagVariant,
            r#"SELECT id AS "id!", item_id, label, sku FROM swag_variants WHERE ?1 IS NULL OR item_id = ?1 ORDER BY id"#,
            id
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut variants = group_by(variants, |v| v.item_id);
        items
            .into_iter()
            .map(|row| {
                let unit_cost = match (row.unit_cost_minor, row.unit_cost_currency) {
                    (Some(minor), Some(code)) => {
                        Some(Money::new(minor, Currency::parse("unit_cost", &code)?))
                    }
                    _ => None,
                };
                Ok(SwagItem {
                    id: row.id,
                    data: SwagItemData {
                        name: row.name,
                        description: row.description,
                        unit_cost,
                    },
                    variants: variants.remove(&row.id).unwrap_or_default(),
                })
            })
            .collect()
    }
}
