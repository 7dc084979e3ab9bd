//! The commands as the UI reaches them: through IPC on a mock runtime, with the real
//! capability and a real database file.

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindowBuilder};
use tempfile::TempDir;

use super::*;

struct TestApp {
    app: App<MockRuntime>,
    dir: TempDir,
}

impl TestApp {
    fn new() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let store =
            tauri::async_runtime::block_on(Store::open(&dir.path().join("roadie.db"))).unwrap();
        TestApp {
            app: build_app(mock_builder(), store).unwrap(),
            dir,
        }
    }

    /// Invokes `cmd` with `args` from the window `label`, as the UI does.
    fn invoke_from(&self, label: &str, cmd: &str, args: Value) -> Result<Value, Value> {
        let window = match self.app.get_webview_window(label) {
            Some(window) => window,
            None => WebviewWindowBuilder::new(&self.app, label, Default::default())
                .build()
                .unwrap(),
        };
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&window, request).map(|body| body.deserialize().unwrap())
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_from("main", cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

fn summit_form(slug: &str) -> Value {
    json!({
        "name": "RustConf Europe", "slug": slug, "city": "Lisbon", "venue": "LX Factory",
        "tz": "Europe/Lisbon", "start": "2026-09-14", "end": "2026-09-16",
        "currency": "EUR", "budget": "50000"
    })
}

fn social_form(summit_id: &Value, start: &str, end: &str) -> Value {
    json!({
        "summit_id": summit_id, "kind": "social", "title": "Harbour party", "description": null,
        "start": start, "end": end, "tz": "Europe/Lisbon", "venue": "Doca", "room": null,
        "track": null, "capacity": 120, "expected_headcount": 90, "audience": "attendees",
        "status": "confirmed", "recurrence": null
    })
}

#[test]
fn a_summit_created_through_ipc_is_listed_with_its_money_in_minor_units() {
    let t = TestApp::new();
    let summit = t.ok("create_summit", json!({ "form": summit_form("rce-2026") }));
    assert_eq!(
        summit["budget"],
        json!({ "minor": 5_000_000, "currency": "EUR" })
    );
    assert_eq!(t.ok("list_summits", json!({})), json!([summit]));
}

#[test]
fn app_info_names_the_open_database_and_the_version() {
    let t = TestApp::new();
    let info = t.ok("app_info", json!({}));
    assert_eq!(info["database_path"], json!(t.dir.path().join("roadie.db")));
    assert_eq!(info["version"], json!(env!("CARGO_PKG_VERSION")));
    assert_eq!(info["warnings"], json!([]));
}

#[test]
fn a_social_ending_before_it_starts_is_refused_on_its_end_field_and_not_saved() {
    let t = TestApp::new();
    let summit = t.ok("create_summit", json!({ "form": summit_form("rce-2026") }));
    let id = &summit["id"];
    let refused = t
        .invoke(
            "create_gathering",
            json!({ "form": social_form(id, "2026-09-14T21:00", "2026-09-14T19:00") }),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "invalid");
    assert_eq!(refused["field"], "end");
    let filter = json!({ "filter": { "summit_id": id } });
    assert_eq!(t.ok("list_gatherings", filter.clone()), json!([]));

    let saved = t.ok(
        "create_gathering",
        json!({ "form": social_form(id, "2026-09-14T19:00", "2026-09-14T23:30") }),
    );
    assert_eq!(saved["start_local"], "2026-09-14T19:00");
    assert_eq!(
        saved["start"], "2026-09-14T18:00:00Z",
        "Lisbon is UTC+1 in September"
    );
    let listed = t.ok("list_gatherings", filter);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["title"], "Harbour party");
}

#[test]
fn the_demo_opens_once_and_its_dashboard_has_data() {
    let t = TestApp::new();
    let demo = t.ok("open_demo", json!({}));
    assert_eq!(t.ok("open_demo", json!({})), demo);
    let dash = t.ok("dashboard", json!({ "summitId": demo["id"] }));
    assert_eq!(dash["summit"]["slug"], "northwind");
    assert!(dash["counts"]["socials"].as_i64().unwrap() > 0);
    assert!(!dash["budget"].as_array().unwrap().is_empty());
    assert!(!dash["next"].as_array().unwrap().is_empty());
}

#[test]
fn the_demo_budget_is_summarised_and_exported_to_the_chosen_path() {
    let t = TestApp::new();
    let demo = t.ok("open_demo", json!({}));
    let summary = t.ok("budget_summary", json!({ "summitId": demo["id"] }));
    assert_eq!(summary["base"], "EUR");
    assert_eq!(summary["categories"].as_array().map(Vec::len), Some(5));
    assert!(summary["totals"]["planned"]["minor"].as_i64().unwrap() > 0);
    assert!(!summary["socials"].as_array().unwrap().is_empty());
    let entries = t.ok("budget_entries", json!({ "summitId": demo["id"] }));
    assert_eq!(entries[0]["source"], "shipments");
    let year = summary["summit"]["start_date"].as_str().unwrap()[..4]
        .parse::<i32>()
        .unwrap();
    let year = t.ok("budget_year", json!({ "year": year, "currency": null }));
    assert_eq!(year["totals"], summary["totals"]);

    let target = t.dir.path().join("budget.xlsx");
    t.ok(
        "export_budget",
        json!({ "summitId": demo["id"], "format": "xlsx", "path": target }),
    );
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
    let refused = t
        .invoke(
            "export_budget",
            json!({ "summitId": demo["id"], "format": "docx", "path": target }),
        )
        .unwrap_err();
    assert!(refused.to_string().contains("docx"), "{refused}");
}

#[test]
fn a_backup_is_written_checked_and_restored_into_the_open_database() {
    let t = TestApp::new();
    t.ok("create_summit", json!({ "form": summit_form("kept") }));
    let target = t.dir.path().join("roadie-backup.zip");
    let report = t.ok("save_backup", json!({ "path": target }));
    assert_eq!(report["receipts"], 0);
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
    t.ok("create_summit", json!({ "form": summit_form("later") }));

    let info = t.ok("inspect_backup", json!({ "path": target }));
    assert_eq!(info["kind"], "archive");
    assert_eq!(info["summits"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        t.ok("list_summits", json!({})).as_array().map(Vec::len),
        Some(2)
    );

    let restored = t.ok("restore_backup", json!({ "path": target }));
    assert_eq!(restored["info"], info);
    assert_eq!(restored["snapshot"]["reason"], "before-restore");
    let summits = t.ok("list_summits", json!({}));
    assert_eq!(summits.as_array().map(Vec::len), Some(1));
    assert_eq!(summits[0]["slug"], "kept");

    let bad = t.dir.path().join("notes.txt");
    std::fs::write(&bad, "notes").unwrap();
    let refused = t
        .invoke("restore_backup", json!({ "path": bad }))
        .unwrap_err();
    assert_eq!(refused["code"], "invalid");
    assert_eq!(refused["field"], "file");
    assert_eq!(t.ok("list_summits", json!({})), summits);
}

#[test]
fn a_calendar_is_counted_then_saved_to_the_chosen_path() {
    let t = TestApp::new();
    let demo = t.ok("open_demo", json!({}));
    let mut counts = Vec::new();
    for audience in ["public", "attendees", "speakers", "organisers"] {
        let feed = json!({ "summit": { "summit_id": demo["id"], "audience": audience } });
        let overview = t.ok("calendar_overview", json!({ "feed": feed }));
        assert_eq!(overview["file_name"], format!("northwind-{audience}.ics"));
        counts.push(overview["events"].as_u64().unwrap());
    }
    assert!(
        counts.windows(2).all(|w| w[0] < w[1]),
        "each wider: {counts:?}"
    );

    let feed = json!({ "summit": { "summit_id": demo["id"], "audience": "attendees" } });
    let path = t.dir.path().join("attendees.ics");
    let saved = t.ok("export_calendar", json!({ "feed": feed, "path": path }));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches("BEGIN:VEVENT\r\n").count() as u64,
        saved["events"].as_u64().unwrap()
    );
    assert_eq!(saved["events"].as_u64(), Some(counts[1]));

    let refused = t
        .invoke(
            "export_calendar",
            json!({ "feed": feed, "path": "attendees.ics" }),
        )
        .unwrap_err();
    assert_eq!(refused["field"], "path");
    let speaker = json!({ "speaker": { "speaker_id": 1 } });
    let path = t.dir.path().join("itinerary.ics");
    let saved = t.ok("export_calendar", json!({ "feed": speaker, "path": path }));
    assert!(
        saved["file_name"]
            .as_str()
            .unwrap()
            .ends_with("-itinerary.ics")
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("BEGIN:VEVENT")
    );
}

#[test]
fn caldav_settings_are_checked_and_kept_without_a_password() {
    let t = TestApp::new();
    let demo = t.ok("open_demo", json!({}));
    let id = &demo["id"];
    let settings = t.ok("caldav_settings", json!({ "summitId": id }));
    assert_eq!(settings["target"], Value::Null);
    let refused = t.invoke(
        "publish_caldav",
        json!({ "summitId": id, "overwrite": false }),
    );
    assert_eq!(refused.unwrap_err()["field"], "url");

    let target = |url: &str, user: Value| json!({ "summit_id": id, "audience": "public", "url": url, "user": user });
    let bad = t.invoke(
        "save_caldav_settings",
        json!({ "target": target("http://dav.example.org/cal/", Value::Null), "password": null }),
    );
    assert_eq!(bad.unwrap_err()["field"], "url");
    let no_user = t.invoke(
        "save_caldav_settings",
        json!({ "target": target("https://dav.example.org/cal/", Value::Null), "password": "pw" }),
    );
    assert_eq!(no_user.unwrap_err()["field"], "user");
    assert_eq!(
        t.ok("caldav_settings", json!({ "summitId": id }))["target"],
        Value::Null
    );

    // Nobody listens there: publishing fails with the server named, after the settings are kept.
    let saved = t.ok(
        "save_caldav_settings",
        json!({ "target": target("http://127.0.0.1:1/cal", Value::Null), "password": null }),
    );
    assert_eq!(saved["target"]["url"], "http://127.0.0.1:1/cal/");
    assert_eq!(saved["password_saved"], false);
    let failed = t
        .invoke(
            "publish_caldav",
            json!({ "summitId": id, "overwrite": false }),
        )
        .unwrap_err();
    assert_eq!(failed["code"], "remote");
    assert!(failed["message"].as_str().unwrap().contains("127.0.0.1:1"));
}

#[test]
fn a_bad_argument_is_an_error_not_a_crash() {
    let t = TestApp::new();
    let refused = t
        .invoke("create_summit", json!({ "form": { "name": 3 } }))
        .unwrap_err();
    assert!(refused.to_string().contains("form"), "{refused}");
    let missing = t
        .invoke("dashboard", json!({ "summitId": 999 }))
        .unwrap_err();
    assert_eq!(missing["code"], "not_found");
}

#[test]
fn every_named_command_is_registered_and_granted_and_nothing_else_is() {
    let t = TestApp::new();
    for name in COMMAND_NAMES {
        // Without arguments most commands fail on a missing argument; none may be unknown or
        // forbidden. (open_database and save_backup stop at their missing path.)
        if let Err(e) = t.invoke(name, json!({})) {
            let e = e.to_string();
            assert!(
                !e.contains("not found") && !e.contains("not allowed"),
                "{name}: {e}"
            );
        }
    }
    let refused = t
        .invoke_from("elsewhere", "list_summits", json!({}))
        .unwrap_err();
    assert!(refused.to_string().contains("not allowed"), "{refused}");
    for foreign in [
        "plugin:window|close",
        "plugin:fs|read_file",
        "plugin:shell|open",
    ] {
        let refused = t.invoke(foreign, json!({})).unwrap_err();
        assert!(
            refused.to_string().contains("not allowed"),
            "{foreign}: {refused}"
        );
    }
}

#[test]
fn the_capability_grants_exactly_the_app_commands_and_the_dialogs() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json"),
    )
    .unwrap();
    let capability: Value = serde_json::from_str(&text).unwrap();
    let mut expected: Vec<String> = COMMAND_NAMES
        .iter()
        .map(|n| format!("allow-{}", n.replace('_', "-")))
        .collect();
    expected.extend(["dialog:allow-open".into(), "dialog:allow-save".into()]);
    assert_eq!(capability["permissions"], json!(expected));
}

// The lockdown (issue 8): what the window may call and load, checked in the files that decide it,
// so that loosening any of them fails here.

fn project_file(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_capability_grants_only_the_app_commands_core_defaults_and_dialogs_to_the_main_window() {
    let own: Vec<String> = COMMAND_NAMES
        .iter()
        .map(|n| format!("allow-{}", n.replace('_', "-")))
        .collect();
    let files: Vec<_> = std::fs::read_dir(project_file("capabilities"))
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    assert!(!files.is_empty());
    for file in files {
        let name = file.display();
        assert_eq!(
            file.extension().and_then(|e| e.to_str()),
            Some("json"),
            "{name}: capabilities are JSON here, so that this test reads them"
        );
        let capability = read_json(&file);
        assert_eq!(capability["windows"], json!(["main"]), "{name}: windows");
        for key in ["remote", "webviews"] {
            assert!(
                capability.get(key).is_none(),
                "{name}: no {key} may use IPC"
            );
        }
        for permission in capability["permissions"].as_array().unwrap() {
            // A permission is a name, or an object naming it with scopes.
            let id = permission
                .as_str()
                .or_else(|| permission["identifier"].as_str())
                .unwrap();
            for banned in ["fs:", "shell:", "http:", "opener:", "process:", "updater:"] {
                assert!(
                    !id.starts_with(banned),
                    "{name}: {id}: the window gets no {banned} permission; a Rust command does \
                     the work at the path the user chose"
                );
            }
            assert!(
                own.contains(&id.to_owned()) || id == "core:default" || id.starts_with("dialog:"),
                "{name}: {id} is neither one of the app's commands (command_names.rs), \
                 core:default nor a dialog permission"
            );
        }
    }
}

/// The CSP's directives, each with its sources.
fn csp_directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

#[test]
fn the_content_security_policy_allows_only_the_apps_own_files_and_ipc() {
    let config = read_json(&project_file("tauri.conf.json"));
    let security = &config["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    for key in [
        "dangerousDisableAssetCspModification",
        "assetProtocol",
        "devCsp",
    ] {
        assert!(security.get(key).is_none(), "app.security.{key} is not set");
    }
    let csp = security["csp"]
        .as_str()
        .expect("app.security.csp is one string (null would disable the CSP)");
    let directives = csp_directives(csp);
    assert!(
        directives.contains(&("default-src".into(), vec!["'self'".into()])),
        "default-src 'self': {csp}"
    );
    for (name, sources) in &directives {
        for source in sources {
            let allowed = matches!(source.as_str(), "'self'" | "'none'" | "ipc:")
                || source == "http://ipc.localhost";
            assert!(
                allowed,
                "{name} {source}: only the app's own files and its IPC may be loaded ({csp})"
            );
        }
    }
    assert!(
        !csp.contains("unsafe-eval") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
}

/// Every string in `value` (object keys' values and array items), with where it is.
fn strings<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(s) => out.push((at, s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{at}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                strings(item, format!("{at}.{key}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_config_names_no_remote_address_and_the_release_build_has_no_devtools() {
    let config = read_json(&project_file("tauri.conf.json"));
    let mut found = Vec::new();
    strings(&config, String::new(), &mut found);
    for (at, text) in found {
        if at == ".$schema" {
            continue; // the editor's schema, never loaded by the app
        }
        for (i, _) in text.match_indices("://") {
            let scheme = text[..i]
                .rsplit(|c: char| !c.is_ascii_alphanumeric())
                .next();
            let host = text[i + 3..].split(['/', ' ', ';', '"']).next();
            if matches!(scheme, Some("http" | "https" | "ws" | "wss")) {
                assert_eq!(
                    host,
                    Some("ipc.localhost"),
                    "{at}: {text}: no remote address"
                );
            }
        }
    }
    assert!(
        config["build"].get("devUrl").is_none(),
        "the UI is the embedded ui/dist"
    );
    for window in config["app"]["windows"].as_array().unwrap() {
        assert_ne!(window.get("devtools"), Some(&json!(true)), "{window}");
        assert!(
            window.get("url").is_none(),
            "windows show the app's own page: {window}"
        );
    }
    // Tauri turns the web inspector on in debug builds only, unless its `devtools` feature is
    // enabled: nothing in the app's manifest may enable it.
    let manifest = std::fs::read_to_string(project_file("Cargo.toml")).unwrap();
    for line in manifest.lines() {
        let code = line.split('#').next().unwrap_or_default();
        assert!(!code.contains("devtools"), "Cargo.toml: {line}");
    }
}

#[test]
fn the_generated_bindings_call_exactly_the_named_commands() {
    let text = std::fs::read_to_string(bindings::committed_path()).unwrap();
    let mut called: Vec<&str> = text
        .split("__TAURI_INVOKE<")
        .skip(1)
        .filter_map(|rest| rest.split_once(">(\"")?.1.split('"').next())
        .collect();
    called.sort_unstable();
    let mut named = COMMAND_NAMES.to_vec();
    named.sort_unstable();
    assert_eq!(called, named);
}

/// Regenerates the bindings into a temporary file and compares them with the committed ones.
/// `make bindings` (UPDATE_BINDINGS=1) writes them instead.
#[test]
fn the_committed_bindings_are_fresh() {
    let committed = bindings::committed_path();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
        bindings::export::<MockRuntime>(&committed).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("commands.ts");
    bindings::export::<MockRuntime>(&fresh).unwrap();
    let fresh = std::fs::read_to_string(fresh).unwrap();
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        old == fresh,
        "{} is stale: run `make bindings` and commit it",
        bindings::PATH
    );
}

#[test]
fn a_travel_approval_over_a_cap_is_refused_on_its_field_then_approved_and_audited() {
    let t = TestApp::new();
    let summit = t.ok(
        "create_summit",
        json!({ "form": summit_form("rce-travel") }),
    );
    let speaker = t.ok(
        "create_speaker",
        json!({ "data": { "name": "Ada", "email": null, "organisation": null, "home_city": null,
                          "country": "GB", "first_time": true } }),
    );
    t.ok(
        "add_organiser",
        json!({ "data": { "name": "Olu", "email": null, "speaker_id": null } }),
    );
    let policy = json!({
        "summit_id": summit["id"], "currency": "EUR", "pool": "2000", "airfare": "500",
        "airfare_domestic": null, "airfare_international": null, "domestic_country": null,
        "lodging_per_night": "100", "lodging_max_nights": null, "ground": "0", "visa": "0",
        "other": "0", "accept_by_days": 14, "review_min": 1, "review_max": 5
    });
    t.ok(
        "set_travel_policy",
        json!({ "form": policy, "actor": "Olu" }),
    );
    let request = t.ok(
        "create_travel_request",
        json!({ "form": {
            "summit_id": summit["id"], "speaker_id": speaker["id"], "currency": "EUR",
            "origin_city": null, "origin_country": "GB", "depart_on": null, "return_on": null,
            "lodging_nights": null, "notes": null,
            "items": [{ "category": "airfare", "amount": "600" }]
        } }),
    );
    let id = &request["id"];
    t.ok(
        "move_travel",
        json!({ "id": id, "action": "start-review", "actor": "Olu", "reason": null }),
    );
    let over = json!({ "amounts": [{ "category": "airfare", "amount": "500.01" }],
                       "rate": null, "override_reason": null, "accept_by": null });
    for cmd in ["preview_approval", "approve_travel"] {
        let refused = t
            .invoke(cmd, json!({ "id": id, "actor": "Olu", "form": over }))
            .unwrap_err();
        assert_eq!(refused["code"], "invalid");
        assert_eq!(refused["field"], "airfare");
        assert_eq!(
            refused["message"],
            "airfare: 500.01 EUR is over the cap of 500.00 EUR (airfare)"
        );
    }
    let detail = t.ok("travel_detail", json!({ "id": id }));
    assert_eq!(detail["request"]["status"], "under-review");
    assert_eq!(detail["history"].as_array().unwrap().len(), 1);
    let within = json!({ "amounts": [{ "category": "airfare", "amount": "500" }],
                         "rate": null, "override_reason": null, "accept_by": null });
    let plan = t.ok(
        "approve_travel",
        json!({ "id": id, "actor": "Olu", "form": within }),
    );
    assert_eq!(
        plan["total_base"],
        json!({ "minor": 50000, "currency": "EUR" })
    );
    assert_eq!(
        plan["remaining_after"],
        json!({ "minor": 150000, "currency": "EUR" })
    );
    let rows = t.ok(
        "travel_overview",
        json!({ "summitId": summit["id"], "status": null }),
    );
    assert_eq!(rows[0]["status"], "approved");
    assert_eq!(rows[0]["pool_remaining"]["minor"], 150000);
    let detail = t.ok("travel_detail", json!({ "id": id }));
    let actions: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["start-review", "approve"]);
    assert_eq!(t.ok("verify_audit", json!({}))["breaks"], json!([]));
}

fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/roadie-core/tests/fixtures/schedules")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn a_schedule_is_previewed_then_imported_through_ipc() {
    let t = TestApp::new();
    let args = |file: &str| {
        json!({
            "path": fixture(file),
            "options": { "summit": "tinyconf", "tz": null, "currency": null },
            "onProgress": "__CHANNEL__:7",
        })
    };
    let plan = t.ok("preview_schedule_import", args("tiny.c3voc.json"));
    assert_eq!(plan["applied"], false);
    assert_eq!(plan["sessions"]["added"], 4);
    assert_eq!(t.ok("list_summits", json!({})), json!([]));
    let done = t.ok("import_schedule", args("tiny.c3voc.json"));
    assert_eq!(done["applied"], true);
    assert_eq!(done["summit"]["name"], "TinyConf 2026");
    let again = t.ok("preview_schedule_import", args("tiny.c3voc.json"));
    assert_eq!(
        (&again["added"], &again["unchanged"]),
        (&json!(0), &json!(7))
    );

    let bad = t
        .invoke(
            "preview_schedule_import",
            args("banana-duration.c3voc.json"),
        )
        .unwrap_err();
    assert_eq!(bad["code"], "invalid");
    assert_eq!(
        bad["field"],
        "schedule.conference.days[0].rooms[\"Hall B\"][0].duration"
    );
}

#[test]
fn a_csv_with_a_bad_row_is_reported_not_imported_through_ipc() {
    let t = TestApp::new();
    let path = t.dir.path().join("speakers.csv");
    std::fs::write(
        &path,
        "name,email\nAda Lovelace,ada@example.org\nGrace,not-an-address\n",
    )
    .unwrap();
    let args =
        json!({ "path": path, "options": { "kind": "speakers", "summit": null, "columns": [] } });
    let report = t.ok("import_csv", args.clone());
    assert_eq!(report["applied"], false);
    assert_eq!(report["problems"][0]["line"], 3);
    assert_eq!(report["problems"][0]["field"], "email");
    assert_eq!(t.ok("list_speakers", json!({ "filter": {} })), json!([]));
}

#[test]
fn a_database_that_cannot_be_opened_is_named_untouched_and_opened_when_it_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roadie.db");
    let not_a_database = b"these are someone's notes, not a Roadie database\n".repeat(200);
    std::fs::write(&path, &not_a_database).unwrap();
    let app = assemble(mock_builder(), || {}).unwrap();
    let database = Database::at(path.clone());
    let failed = tauri::async_runtime::block_on(database.open(app.handle())).unwrap_err();
    app.manage(database);
    assert!(
        failed
            .message
            .starts_with(&format!("cannot open the database {}: ", path.display())),
        "{}",
        failed.message
    );
    let t = TestApp { app, dir };

    // The page starts: it is told why, and nothing else of the app is there to reach.
    let error = t.invoke("startup", json!({ "summit": null })).unwrap_err();
    assert_eq!(error["message"], json!(failed.message));
    assert!(t.invoke("list_summits", json!({})).is_err());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        not_a_database,
        "the file is untouched"
    );

    // The notes move away; "Try again" opens a new database there.
    std::fs::rename(&path, t.dir.path().join("notes.txt")).unwrap();
    let start = t.ok("startup", json!({ "summit": null }));
    assert_eq!(start["info"]["database_path"], json!(path));
    assert_eq!(start["summits"], json!([]));
    assert_eq!(t.ok("list_summits", json!({})), json!([]));
}

#[test]
fn startup_brings_the_info_the_summits_and_the_dashboard_of_the_summit_asked_for() {
    let t = TestApp::new();
    let empty = t.ok("startup", json!({ "summit": null }));
    assert_eq!(empty["summits"], json!([]));
    assert_eq!(empty["dashboard"], Value::Null);
    assert_eq!(
        empty["info"]["database_path"],
        json!(t.dir.path().join("roadie.db"))
    );

    let first = t.ok("create_summit", json!({ "form": summit_form("rce-2026") }));
    let second = t.ok("create_summit", json!({ "form": summit_form("rce-2027") }));
    let start = t.ok("startup", json!({ "summit": null }));
    assert_eq!(start["summits"], t.ok("list_summits", json!({})));
    assert_eq!(start["dashboard"]["summit"], first);
    let asked = t.ok("startup", json!({ "summit": second["id"] }));
    assert_eq!(asked["dashboard"]["summit"], second);
    // A summit this database does not have (remembered from another file): the first.
    let unknown = t.ok("startup", json!({ "summit": 999 }));
    assert_eq!(unknown["dashboard"]["summit"], first);
}
