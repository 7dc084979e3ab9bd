//! Integration tests of roadie-core against real SQLite files: one binary, shared helpers, one
//! module per record kind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;

mod budget;
mod budget_export;
mod budget_summary;
mod calendars;
mod dashboard;
mod demo;
mod gatherings;
mod rates;
mod shipments;
mod speakers;
mod storage;
mod summits;
mod swag;
mod travel;
