//! The TypeScript bindings of the app's commands and types, generated with tauri-specta into
//! `ui/src/bindings/commands.ts`: the UI never names a command or restates a type by hand.
//! `make bindings` writes the file; a test fails when the committed file is stale.

use std::path::{Path, PathBuf};

use specta_typescript::Typescript;
use tauri::Runtime;
use tauri_specta::{Builder, ErrorHandlingMode, collect_commands};

use crate::commands;

/// The generated file, relative to the repository root.
pub const PATH: &str = "ui/src/bindings/commands.ts";

/// Every command the app registers, with its types.
pub fn builder<R: Runtime>() -> Builder<R> {
    Builder::<R>::new()
        .commands(collect_commands![
            commands::app_info,
            commands::startup::<tauri::Wry>,
            commands::list_summits,
            commands::create_summit,
            commands::update_summit,
            commands::open_demo,
            commands::dashboard,
            commands::list_gatherings,
            commands::timeline_days,
            commands::timeline_day,
            commands::create_gathering,
            commands::update_gathering,
            commands::cancel_gathering,
            commands::list_speakers,
            commands::create_speaker,
            commands::update_speaker,
            commands::list_travel_requests,
            commands::create_travel_request,
            commands::update_travel_request,
            commands::list_organisers,
            commands::add_organiser,
            commands::travel_overview,
            commands::travel_detail,
            commands::travel_money,
            commands::travel_policy,
            commands::set_travel_policy,
            commands::preview_approval,
            commands::approve_travel,
            commands::confirm_travel_approval,
            commands::move_travel,
            commands::accept_travel,
            commands::expire_travel,
            commands::score_travel,
            commands::book_travel,
            commands::pay_travel,
            commands::attach_receipt,
            commands::verify_audit,
            commands::list_swag_items,
            commands::create_swag_item,
            commands::update_swag_item,
            commands::add_swag_variant,
            commands::list_shipments,
            commands::create_shipment,
            commands::update_shipment,
            commands::set_shipment_status,
            commands::run_checks,
            commands::stock_levels,
            commands::event_stock,
            commands::record_stock_movement,
            commands::list_stock_movements,
            commands::list_budget_lines,
            commands::create_budget_line,
            commands::update_budget_line,
            commands::list_rates,
            commands::budget_summary,
            commands::budget_year,
            commands::budget_entries,
            commands::export_budget,
            commands::save_backup,
            commands::inspect_backup,
            commands::restore_backup,
            commands::open_database,
            commands::caldav_settings,
            commands::calendar_overview,
            commands::export_calendar,
            commands::import_csv,
            commands::import_schedule,
            commands::preview_csv_import,
            commands::preview_schedule_import,
            commands::publish_caldav,
            commands::save_caldav_settings,
        ])
        // A failed command rejects its promise with an `IpcError`; the UI catches it.
        .error_handling(ErrorHandlingMode::Throw)
        // Ids and minor units stay far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One type per Rust type, the same going in and coming out.
        .disable_serde_phases()
}

/// Writes the bindings to `path`.
pub fn export<R: Runtime>(path: &Path) -> Result<(), String> {
    let header = "// Generated from the Rust commands by `make bindings`; do not edit.\n";
    builder::<R>()
        .export(Typescript::default().header(header), path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The committed file's location.
pub fn committed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH)
}
