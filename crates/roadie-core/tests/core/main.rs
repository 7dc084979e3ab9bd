//! Integration tests of roadie-core against real SQLite files: one binary, shared helpers, one
//! module per record kind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;

mod backups;
mod budget;
mod budget_export;
mod budget_summary;
mod caldav;
mod calendar_items;
mod calendars;
mod checks;
mod dashboard;
mod demo;
mod durability;
mod export_all;
mod funding;
mod gatherings;
mod imports;
mod personal_data;
mod rates;
mod schema_fixtures;
mod shipments;
mod speakers;
mod stock;
mod storage;
mod summits;
mod swag;
mod timeline;
mod travel;
