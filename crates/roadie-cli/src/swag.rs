//! `roadie swag`, `roadie shipment` and `roadie check`: swag items and their stock, shipments, and
//! the planning checks. Each parses its arguments into core types and makes one core call.

use clap::{Args, Subcommand};
use roadie_core::{
    Clock, Error, Finding, Money, Result, Severity, Shipment, ShipmentFilter, ShipmentForm,
    ShipmentLine, ShipmentStatus, StockFilter, StockMovementData, StockMovementKind, Store,
    SwagItemData, SystemClock,
};

use crate::table;

#[derive(Debug, Subcommand)]
pub enum SwagCommand {
    /// Add a swag item with its variants.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        description: Option<String>,
        /// Unit cost with its currency, e.g. "9.00 EUR".
        #[arg(long)]
        cost: Option<String>,
        /// A variant's label, e.g. a size (repeatable).
        #[arg(long = "variant", value_name = "LABEL")]
        variants: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// List swag items with their variants.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Each variant's stock: on hand, allocated, available, and out at events.
    Stock {
        /// Print a JSON array of objects (variant_id, item_name, label, on_hand, allocated,
        /// available, out).
        #[arg(long)]
        json: bool,
    },
    /// Record new stock in the warehouse.
    Receive(Movement),
    /// Set warehouse stock aside for a summit or a meetup.
    Allocate(Movement),
    /// Give stock set aside back to the free stock.
    Release(Movement),
    /// Record leftovers back in the warehouse from a summit or a meetup.
    Return(Movement),
    /// Record stock handed out at a summit or a meetup (from what was sent there), or, with
    /// neither, straight from the warehouse.
    Give(Movement),
    /// List stock movements, oldest first.
    Movements {
        #[arg(long, value_name = "ID")]
        variant: Option<i64>,
        /// Only those for this summit or its gatherings.
        #[arg(long, value_name = "SLUG")]
        summit: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// One stock movement's arguments.
#[derive(Debug, Args)]
pub struct Movement {
    /// The swag variant's id.
    #[arg(long, value_name = "ID")]
    pub variant: i64,
    #[arg(long, allow_negative_numbers = true)]
    pub quantity: i64,
    /// The summit it is for or from, by slug.
    #[arg(long, value_name = "SLUG", conflicts_with = "gathering")]
    pub summit: Option<String>,
    /// The gathering (a meetup, a social) it is for or from, by id.
    #[arg(long, value_name = "ID")]
    pub gathering: Option<i64>,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ShipmentCommand {
    /// Plan a shipment: where it goes, what it carries, what it costs.
    Add(Box<ShipmentAdd>),
    /// List shipments with their must-arrive-by.
    List {
        /// Only those to this summit or its gatherings.
        #[arg(long, value_name = "SLUG")]
        summit: Option<String>,
        #[arg(long)]
        status: Option<String>,
        /// Print a JSON array of objects (id, status, contents, must_arrive_by, ship_by, ...).
        #[arg(long)]
        json: bool,
    },
    /// Mark a shipment shipped: its contents leave the stock.
    Ship {
        id: i64,
        /// The day it left, YYYY-MM-DD [default: today at the destination].
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        carrier: Option<String>,
        #[arg(long)]
        tracking: Option<String>,
    },
    /// Mark a shipment delivered.
    Deliver { id: i64 },
    /// Move a shipment to a status: draft, packed, shipped, in-transit, delivered, lost or
    /// returned (a returned shipment's contents come back to the stock).
    Status { id: i64, status: String },
    /// Change a shipment's dates, carrier or tracking.
    Update(Box<ShipmentUpdate>),
}

#[derive(Debug, Args)]
pub struct ShipmentAdd {
    /// To a summit, by slug.
    #[arg(long, value_name = "SLUG")]
    pub summit: Option<String>,
    /// To a gathering (a meetup, a social), by id.
    #[arg(long, value_name = "ID")]
    pub gathering: Option<i64>,
    /// To an address.
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub origin: String,
    /// The receiving contact at the venue.
    #[arg(long)]
    pub contact: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub carrier: Option<String>,
    #[arg(long)]
    pub tracking: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub ship_date: Option<String>,
    /// Days before the destination's start by which it must arrive.
    #[arg(long, default_value_t = 3, allow_negative_numbers = true)]
    pub buffer_days: i64,
    /// Days the carrier needs.
    #[arg(long, default_value_t = 5, allow_negative_numbers = true)]
    pub transit_days: i64,
    /// draft, packed, or shipped (and later) to take the contents from the stock now.
    #[arg(long, default_value = "draft")]
    pub status: String,
    /// With its currency, e.g. "45.00 EUR".
    #[arg(long)]
    pub shipping_cost: Option<String>,
    /// In the same currency as the shipping cost.
    #[arg(long)]
    pub customs_cost: Option<String>,
    /// A line of contents, VARIANT_ID:QUANTITY (repeatable), e.g. 3:25.
    #[arg(long = "item", value_name = "VARIANT:QUANTITY")]
    pub items: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShipmentUpdate {
    pub id: i64,
    #[arg(long, allow_negative_numbers = true)]
    pub buffer_days: Option<i64>,
    #[arg(long, allow_negative_numbers = true)]
    pub transit_days: Option<i64>,
    /// YYYY-MM-DD, or "" for none.
    #[arg(long)]
    pub ship_date: Option<String>,
    #[arg(long)]
    pub carrier: Option<String>,
    #[arg(long)]
    pub tracking: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// A contents line typed as VARIANT_ID:QUANTITY.
fn contents_line(text: &str) -> Result<ShipmentLine> {
    let parse = |part: Option<&str>| part.and_then(|p| p.trim().parse::<i64>().ok());
    let mut parts = text.splitn(2, ':');
    match (parse(parts.next()), parse(parts.next())) {
        (Some(variant_id), Some(quantity)) => Ok(ShipmentLine {
            variant_id,
            quantity,
        }),
        _ => Err(Error::invalid(
            "item",
            format!("{text:?} is not VARIANT_ID:QUANTITY, e.g. 3:25"),
        )),
    }
}

pub async fn swag(store: &Store, command: SwagCommand) -> Result<()> {
    match command {
        SwagCommand::Add {
            name,
            description,
            cost,
            variants,
            json,
        } => {
            let unit_cost = cost.map(|c| Money::parse("cost", &c)).transpose()?;
            let data = SwagItemData {
                name,
                description,
                unit_cost,
            };
            let item = store.add_swag_item_with_variants(&data, &variants).await?;
            if json {
                return table::json(&item);
            }
            let labels: Vec<String> = item
                .variants
                .iter()
                .map(|v| format!("{} (variant {})", v.label, v.id))
                .collect();
            println!(
                "added swag item {} ({}){}",
                item.id,
                item.data.name,
                if labels.is_empty() {
                    String::new()
                } else {
                    format!(": {}", labels.join(", "))
                }
            );
            Ok(())
        }
        SwagCommand::List { json } => {
            let items = store.list_swag_items().await?;
            if json {
                return table::json(&items);
            }
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    let variants: Vec<String> = i
                        .variants
                        .iter()
                        .map(|v| format!("{}={}", v.id, v.label))
                        .collect();
                    vec![
                        i.id.to_string(),
                        i.data.name.clone(),
                        table::opt(&i.data.unit_cost),
                        variants.join(" "),
                    ]
                })
                .collect();
            table::print(&["ID", "ITEM", "UNIT COST", "VARIANTS (ID=LABEL)"], &rows);
            Ok(())
        }
        SwagCommand::Stock { json } => {
            let stock = store.stock_levels().await?;
            if json {
                return table::json(&stock);
            }
            let rows: Vec<Vec<String>> = stock
                .iter()
                .map(|s| {
                    vec![
                        s.variant_id.to_string(),
                        format!("{} {}", s.item_name, s.label),
                        s.on_hand.to_string(),
                        s.allocated.to_string(),
                        s.available.to_string(),
                        s.out.to_string(),
                    ]
                })
                .collect();
            table::print(
                &[
                    "VARIANT",
                    "ITEM",
                    "ON HAND",
                    "ALLOCATED",
                    "AVAILABLE",
                    "OUT AT EVENTS",
                ],
                &rows,
            );
            Ok(())
        }
        SwagCommand::Receive(m) => record(store, StockMovementKind::Received, m).await,
        SwagCommand::Allocate(m) => record(store, StockMovementKind::Allocated, m).await,
        SwagCommand::Release(m) => record(store, StockMovementKind::Released, m).await,
        SwagCommand::Return(m) => record(store, StockMovementKind::Returned, m).await,
        SwagCommand::Give(m) => record(store, StockMovementKind::GivenAway, m).await,
        SwagCommand::Movements {
            variant,
            summit,
            json,
        } => {
            let summit_id = match summit {
                Some(slug) => Some(store.summit_by_slug(&slug).await?.id),
                None => None,
            };
            let moves = store
                .list_stock_movements(&StockFilter {
                    variant_id: variant,
                    summit_id,
                    shipment_id: None,
                })
                .await?;
            if json {
                return table::json(&moves);
            }
            let rows: Vec<Vec<String>> = moves
                .iter()
                .map(|mv| {
                    let d = &mv.data;
                    let target = match (d.summit_id, d.gathering_id) {
                        (Some(id), _) => format!("summit {id}"),
                        (_, Some(id)) => format!("gathering {id}"),
                        _ => String::new(),
                    };
                    vec![
                        mv.id.to_string(),
                        mv.recorded_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                        d.kind.to_string(),
                        d.variant_id.to_string(),
                        d.quantity.to_string(),
                        target,
                        mv.shipment_id.map(|s| s.to_string()).unwrap_or_default(),
                        table::opt(&d.note),
                    ]
                })
                .collect();
            table::print(
                &[
                    "ID", "WHEN", "KIND", "VARIANT", "QUANTITY", "FOR", "SHIPMENT", "NOTE",
                ],
                &rows,
            );
            Ok(())
        }
    }
}

async fn record(store: &Store, kind: StockMovementKind, m: Movement) -> Result<()> {
    let summit_id = match &m.summit {
        Some(slug) => Some(store.summit_by_slug(slug).await?.id),
        None => None,
    };
    let data = StockMovementData {
        variant_id: m.variant,
        kind,
        quantity: m.quantity,
        summit_id,
        gathering_id: m.gathering,
        note: m.note,
    };
    let recorded = store
        .record_stock_movement(&data, SystemClock.now())
        .await?;
    if m.json {
        return table::json(&recorded);
    }
    let stock = store
        .stock_levels()
        .await?
        .into_iter()
        .find(|s| s.variant_id == m.variant);
    match stock {
        Some(s) => println!(
            "{} {} of {} {}: {} on hand, {} allocated, {} available, {} out at events",
            kind, m.quantity, s.item_name, s.label, s.on_hand, s.allocated, s.available, s.out
        ),
        None => println!("{kind} {} of variant {}", m.quantity, m.variant),
    }
    Ok(())
}

pub async fn shipment(store: &Store, command: ShipmentCommand) -> Result<()> {
    let now = SystemClock.now();
    match command {
        ShipmentCommand::Add(args) => {
            let summit_id = match &args.summit {
                Some(slug) => Some(store.summit_by_slug(slug).await?.id),
                None => None,
            };
            let currency = [&args.shipping_cost, &args.customs_cost]
                .into_iter()
                .flatten()
                .next()
                .map(|cost| Money::parse("shipping_cost", cost))
                .transpose()?
                .map(|m| m.currency.to_string())
                .unwrap_or_default();
            let data = ShipmentForm {
                summit_id,
                gathering_id: args.gathering,
                destination_address: args.address,
                origin: args.origin,
                contact_name: args.contact,
                contact_phone: args.phone,
                carrier: args.carrier,
                tracking_number: args.tracking,
                ship_date: args.ship_date,
                buffer_days: args.buffer_days,
                transit_days: args.transit_days,
                status: ShipmentStatus::parse("status", &args.status)?,
                currency,
                shipping_cost: args.shipping_cost,
                customs_cost: args.customs_cost,
                contents: args
                    .items
                    .iter()
                    .map(|i| contents_line(i))
                    .collect::<Result<_>>()?,
            }
            .parse()?;
            let s = store.add_shipment(&data, now).await?;
            if args.json {
                return table::json(&s);
            }
            println!("added shipment {} ({})", s.id, s.data.status);
            Ok(())
        }
        ShipmentCommand::List {
            summit,
            status,
            json,
        } => {
            let summit_id = match summit {
                Some(slug) => Some(store.summit_by_slug(&slug).await?.id),
                None => None,
            };
            let status = status
                .map(|s| ShipmentStatus::parse("status", &s))
                .transpose()?;
            let list = store
                .list_shipments(&ShipmentFilter { summit_id, status })
                .await?;
            if json {
                return table::json(&list);
            }
            print_shipments(&list);
            Ok(())
        }
        ShipmentCommand::Ship {
            id,
            date,
            carrier,
            tracking,
        } => {
            let mut form = ShipmentForm::from(&store.shipment(id).await?.data);
            form.status = ShipmentStatus::Shipped;
            form.ship_date = date.or(form.ship_date);
            form.carrier = carrier.or(form.carrier);
            form.tracking_number = tracking.or(form.tracking_number);
            let s = store.update_shipment(id, &form.parse()?, now).await?;
            println!(
                "shipment {} shipped on {}",
                s.id,
                table::opt(&s.data.ship_date)
            );
            Ok(())
        }
        ShipmentCommand::Deliver { id } => {
            let s = store
                .set_shipment_status(id, ShipmentStatus::Delivered, now)
                .await?;
            println!("shipment {} delivered", s.id);
            Ok(())
        }
        ShipmentCommand::Status { id, status } => {
            let status = ShipmentStatus::parse("status", &status)?;
            let s = store.set_shipment_status(id, status, now).await?;
            println!("shipment {} is {}", s.id, s.data.status);
            Ok(())
        }
        ShipmentCommand::Update(args) => {
            let mut form = ShipmentForm::from(&store.shipment(args.id).await?.data);
            form.buffer_days = args.buffer_days.unwrap_or(form.buffer_days);
            form.transit_days = args.transit_days.unwrap_or(form.transit_days);
            form.ship_date = args.ship_date.or(form.ship_date);
            form.carrier = args.carrier.or(form.carrier);
            form.tracking_number = args.tracking.or(form.tracking_number);
            let s = store.update_shipment(args.id, &form.parse()?, now).await?;
            if args.json {
                return table::json(&s);
            }
            println!(
                "updated shipment {}: must arrive by {}",
                s.id,
                s.must_arrive_by
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |d| d.text())
            );
            Ok(())
        }
    }
}

fn print_shipments(list: &[Shipment]) {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            let d = &s.data;
            let to = match (d.summit_id, d.gathering_id, &d.destination_address) {
                (_, Some(id), _) => format!("gathering {id}"),
                (Some(id), None, _) => format!("summit {id}"),
                (None, None, address) => table::opt(address),
            };
            let pieces: i64 = d.contents.iter().map(|l| l.quantity).sum();
            vec![
                s.id.to_string(),
                d.status.to_string(),
                to,
                d.origin.clone(),
                [d.carrier.as_deref(), d.tracking_number.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                table::opt(&d.ship_date),
                s.must_arrive_by
                    .as_ref()
                    .map(|a| a.local.replace('T', " "))
                    .unwrap_or_default(),
                pieces.to_string(),
            ]
        })
        .collect();
    table::print(
        &[
            "ID",
            "STATUS",
            "TO",
            "FROM",
            "CARRIER",
            "SHIPPED",
            "ARRIVE BY (LOCAL)",
            "PIECES",
        ],
        &rows,
    );
}

/// `roadie check`: the findings, exit status 0 whatever they are.
pub async fn check(store: &Store, slug: &str, json: bool) -> Result<()> {
    let summit = store.summit_by_slug(slug).await?;
    let found: Vec<Finding> = store.run_checks(summit.id, SystemClock.now()).await?;
    if json {
        return table::json(&found);
    }
    if found.is_empty() {
        println!("{}: all clear, nothing needs attention.", summit.data.name);
        return Ok(());
    }
    for f in &found {
        println!(
            "{:<8} {:<24} {}",
            f.severity.as_str(),
            f.kind.as_str(),
            f.message
        );
    }
    let count = |severity, one: &str, many: &str| {
        let n = found.iter().filter(|f| f.severity == severity).count();
        format!("{n} {}", if n == 1 { one } else { many })
    };
    println!(
        "{}: {} ({}, {})",
        summit.data.name,
        count_text(found.len()),
        count(Severity::Error, "error", "errors"),
        count(Severity::Warning, "warning", "warnings")
    );
    Ok(())
}

fn count_text(n: usize) -> String {
    format!("{n} finding{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_lines_are_variant_colon_quantity() {
        assert_eq!(
            contents_line(" 3:25").unwrap(),
            ShipmentLine {
                variant_id: 3,
                quantity: 25
            }
        );
        for bad in ["3", "3:", "x:2", "3:2.5", ""] {
            assert_eq!(
                contents_line(bad).unwrap_err().field(),
                Some("item"),
                "{bad}"
            );
        }
    }
}
