//! Roadie's desktop shell: a window on the same database the CLI uses. The database is opened
//! before the app is built, so every command finds its state ready.

mod commands;
mod error;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use roadie_core::Store;
use tauri::{App, Builder, Runtime};

pub use error::IpcError;

/// The desktop app's command line.
#[derive(Debug, Parser)]
#[command(name = "roadie-app", version, about = "Roadie's desktop app")]
struct Args {
    /// The database file [default: roadie.db in the platform's data directory]
    #[arg(long, env = "ROADIE_DB", value_name = "PATH")]
    db: Option<PathBuf>,
}

/// Opens the database, then shows the window until it is closed.
pub fn run() -> ExitCode {
    let args = Args::parse();
    let path = match args.db.map_or_else(roadie_core::default_db_path, Ok) {
        Ok(path) => path,
        Err(error) => return fail(&error),
    };
    let store = match tauri::async_runtime::block_on(Store::open(&path)) {
        Ok(store) => store,
        Err(error) => {
            return fail(&format!(
                "cannot open the database {}: {error}",
                path.display()
            ));
        }
    };
    match build_app(Builder::default(), store) {
        Ok(app) => {
            app.run(|_, _| {});
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("roadie-app: {error}");
    ExitCode::FAILURE
}

/// The app on any runtime with its state in place: the real window from `run`, a mock in tests.
pub fn build_app<R: Runtime>(builder: Builder<R>, store: Store) -> tauri::Result<App<R>> {
    builder
        .manage(store)
        .invoke_handler(tauri::generate_handler![
            commands::list_summits,
            commands::database_path
        ])
        .build(tauri::generate_context!())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
    use tauri::webview::InvokeRequest;
    use tauri::{Manager, WebviewWindowBuilder};

    /// Invokes `cmd` from the window `label`, as the UI does, and returns the JSON reply.
    fn invoke_from(app: &App<MockRuntime>, label: &str, cmd: &str) -> Result<Value, Value> {
        let window = match app.get_webview_window(label) {
            Some(window) => window,
            None => WebviewWindowBuilder::new(app, label, Default::default())
                .build()
                .unwrap(),
        };
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::default(),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&window, request).map(|body| body.deserialize().unwrap())
    }

    fn invoke(app: &App<MockRuntime>, cmd: &str) -> Result<Value, Value> {
        invoke_from(app, "main", cmd)
    }

    fn app_on(path: &std::path::Path, summits: Vec<Value>) -> App<MockRuntime> {
        let store = tauri::async_runtime::block_on(async {
            let store = Store::open(path).await.unwrap();
            for summit in summits {
                let data = serde_json::from_value(summit).unwrap();
                store.create_summit(&data).await.unwrap();
            }
            store
        });
        build_app(mock_builder(), store).unwrap()
    }

    #[test]
    fn list_summits_returns_the_database_summits() {
        let dir = tempfile::tempdir().unwrap();
        let summit = json!({
            "name": "RustConf Europe", "slug": "rce-2026", "city": "Lisbon", "venue": "LX Factory",
            "tz": "Europe/Lisbon", "start_date": "2026-09-14", "end_date": "2026-09-16",
            "currency": "EUR", "budget": { "minor": 5_000_000, "currency": "EUR" }
        });
        let app = app_on(&dir.path().join("roadie.db"), vec![summit.clone()]);

        let mut expected = summit;
        expected["id"] = json!(1);
        assert_eq!(invoke(&app, "list_summits"), Ok(json!([expected])));
    }

    #[test]
    fn an_empty_database_has_no_summits_and_reports_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        let app = app_on(&path, vec![]);

        assert_eq!(invoke(&app, "list_summits"), Ok(json!([])));
        assert_eq!(invoke(&app, "database_path"), Ok(json!(path)));
    }

    #[test]
    fn the_capability_grants_no_more_than_it_lists() {
        let dir = tempfile::tempdir().unwrap();
        let app = app_on(&dir.path().join("roadie.db"), vec![]);

        let refused = invoke_from(&app, "elsewhere", "list_summits").unwrap_err();
        assert!(refused.to_string().contains("not allowed"), "{refused}");
        let refused = invoke(&app, "plugin:window|close").unwrap_err();
        assert!(refused.to_string().contains("not allowed"), "{refused}");
    }
}
