// The app's own commands, by name: the one list that build.rs declares to Tauri (so that
// capabilities/ can grant them one by one) and that the tests check against the registered
// commands and the capability. Included by build.rs and lib.rs.

/// Every command the UI may call.
pub const COMMAND_NAMES: &[&str] = &[
    "app_info",
    "list_summits",
    "create_summit",
    "update_summit",
    "open_demo",
    "dashboard",
    "list_gatherings",
    "timeline_days",
    "timeline_day",
    "create_gathering",
    "update_gathering",
    "cancel_gathering",
    "list_speakers",
    "create_speaker",
    "update_speaker",
    "list_travel_requests",
    "create_travel_request",
    "update_travel_request",
    "list_swag_items",
    "create_swag_item",
    "update_swag_item",
    "add_swag_variant",
    "list_shipments",
    "create_shipment",
    "update_shipment",
    "list_budget_lines",
    "create_budget_line",
    "update_budget_line",
    "list_rates",
    "save_backup",
    "open_database",
];
