//! Roadie's desktop shell: a window on the same database the CLI uses. The database is opened
//! before the window is made, so every command finds its state ready; one app per database.

pub mod bindings;
mod commands;
mod error;
mod first_dashboard;
mod idle_trim;
pub mod renderer;
mod single_instance;
#[cfg(target_os = "linux")]
mod webkit_features;

include!("command_names.rs");

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use roadie_core::{Store, SystemClock};
use tauri::{App, AppHandle, Builder, Manager, Runtime};

pub use error::IpcError;
pub use first_dashboard::FirstDashboard;

/// The desktop app's command line.
#[derive(Debug, Parser)]
#[command(name = "roadie-app", version, about = "Roadie's desktop app")]
struct Args {
    /// The database file [default: roadie.db in the platform's data directory]
    #[arg(long, env = "ROADIE_DB", value_name = "PATH")]
    db: Option<PathBuf>,
}

/// Opens the database, then shows the window until it is closed. A second launch on the same
/// database file hands over to the running app, which brings its window to the front, and exits
/// before it opens the database (see `single_instance`). `release_memory` hands memory the app
/// freed back to the system; it is called once the app is idle (see `idle_trim`).
pub fn run(release_memory: fn()) -> ExitCode {
    let args = Args::parse();
    let path = match args.db.map_or_else(roadie_core::default_db_path, Ok) {
        Ok(path) => path,
        Err(error) => return fail(&error),
    };
    // Registered first: the plugin ends a second instance while the app is built, before the
    // other plugins start and before the database below is opened.
    let builder = Builder::default().plugin(single_instance::plugin(&path));
    #[cfg(target_os = "linux")]
    let builder = builder.plugin(renderer::plugin());
    let commands = match idle_trim::start(release_memory, idle_trim::IDLE) {
        Ok(commands) => commands,
        Err(error) => return fail(&error),
    };
    let app = match assemble(builder, move || {
        // The thread is gone only if it panicked; the app runs on without it.
        let _ = commands.send(());
    }) {
        Ok(app) => app,
        Err(error) => return fail(&error),
    };
    let database = Database::at(path);
    if let Err(error) = tauri::async_runtime::block_on(database.open(app.handle())) {
        // The window still opens and says why; its "Try again" opens the file again (`startup`).
        eprintln!("roadie-app: {}", error.message);
    }
    app.manage(database);
    app.run(|_, _| {});
    ExitCode::SUCCESS
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("roadie-app: {error}");
    ExitCode::FAILURE
}

/// The app on any runtime with its state in place: the real window from `run`, a mock in tests.
pub fn build_app<R: Runtime>(builder: Builder<R>, store: Store) -> tauri::Result<App<R>> {
    let app = assemble(builder, || {})?;
    app.manage(Database::at(store.path().to_owned()));
    app.manage(store);
    app.manage(FirstDashboard::default());
    Ok(app)
}

/// The database file the app works on. It is opened before the window is made; when that fails
/// (a file that is not Roadie's, a folder it cannot write, a disk not mounted), the window still
/// opens and says why, and each start of the page (`startup`, its "Try again") opens it again.
pub struct Database {
    path: PathBuf,
    /// One opening at a time: two pages starting at once open the file once.
    opening: tauri::async_runtime::Mutex<()>,
}

impl Database {
    pub fn at(path: PathBuf) -> Self {
        Self {
            path,
            opening: tauri::async_runtime::Mutex::new(()),
        }
    }

    /// Opens the database unless it is open, and hands the app its store, the early read of the
    /// first dashboard and what went wrong without stopping it. The file is snapshotted before
    /// any migration (which is refused if that fails) and once a day.
    pub async fn open<R: Runtime>(&self, app: &AppHandle<R>) -> Result<(), IpcError> {
        let _one_at_a_time = self.opening.lock().await;
        if app.try_state::<Store>().is_some() {
            return Ok(());
        }
        let opened = Store::open_with_snapshots(&self.path, &SystemClock)
            .await
            .map_err(|error| IpcError {
                code: error.code().to_owned(),
                message: format!("cannot open the database {}: {error}", self.path.display()),
                field: None,
            })?;
        for warning in &opened.warnings {
            eprintln!("roadie-app: warning: {warning}");
        }
        app.manage(FirstDashboard::start(opened.store.clone()));
        app.manage(opened.store);
        app.state::<StartupWarnings>().set(opened.warnings);
        Ok(())
    }
}

/// The app's plugins and commands on `builder`, built; its database is managed by the caller.
/// `on_command` is told of every command as it starts.
fn assemble<R: Runtime>(
    builder: Builder<R>,
    on_command: impl Fn() + Send + Sync + 'static,
) -> tauri::Result<App<R>> {
    let handle = bindings::builder().invoke_handler();
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(StartupWarnings::default())
        .invoke_handler(move |invoke| {
            on_command();
            handle(invoke)
        })
        .build(tauri::generate_context!())
}

/// What went wrong while opening the database without stopping it, shown by the UI at start-up.
#[derive(Debug, Default)]
pub struct StartupWarnings(std::sync::Mutex<Vec<String>>);

impl StartupWarnings {
    fn set(&self, warnings: Vec<String>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = warnings;
    }

    fn get(&self) -> Vec<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Starts another instance of the app on the database at `path`.
fn open_in_new_process(path: &Path) -> Result<(), IpcError> {
    let exe = std::env::current_exe().map_err(|e| IpcError::io("the app's own program", &e))?;
    std::process::Command::new(exe)
        .arg("--db")
        .arg(path)
        .spawn()
        .map(drop)
        .map_err(|e| IpcError::io(&path.display().to_string(), &e))
}

#[cfg(test)]
mod tests;
