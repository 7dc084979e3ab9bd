//! The app's Tauri commands: each is one call into the core.

use std::path::PathBuf;

use roadie_core::{Store, Summit};
use tauri::State;

use crate::error::IpcError;

/// Every summit in the database.
#[tauri::command]
pub async fn list_summits(store: State<'_, Store>) -> Result<Vec<Summit>, IpcError> {
    Ok(store.list_summits().await?)
}

/// The database file the app has open.
#[tauri::command]
pub fn database_path(store: State<'_, Store>) -> PathBuf {
    store.path().to_owned()
}
