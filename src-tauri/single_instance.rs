//! One app per database. A second launch on a database file that an app already has open finds
//! that app (through tauri-plugin-single-instance: a name on the D-Bus session bus on Linux),
//! asks it to bring its window to the front, and exits before opening the database itself. The
//! name is made from the database's path, so another database (the about box's "Open another
//! database…", or `--db` elsewhere) still opens in a window of its own.

use std::path::{Path, PathBuf};

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};

/// The plugin for the app on the database at `db`.
pub fn plugin<R: Runtime>(db: &Path) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(db))
        .callback(|app, _args, _cwd| focus_main_window(app))
        .build()
}

/// The running app's answer to a second launch: its window shown, unminimised and focused.
pub fn focus_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        // Each is a request the window manager may ignore; the others are still worth making.
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// The app's identifier and a digest of the database's absolute path, the same however the path
/// was typed (relative, through a symbolic link): a valid D-Bus name.
pub fn instance_id(db: &Path) -> String {
    let path = canonical(db);
    let digest = roadie_core::audit::sha256_hex(path.as_os_str().as_encoded_bytes());
    format!("org.roadie.app.db{}", &digest[..24])
}

/// `db` resolved: the file itself when it exists, else its folder (the file is created on open).
fn canonical(db: &Path) -> PathBuf {
    if let Ok(path) = std::fs::canonicalize(db) {
        return path;
    }
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_owned());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|dir| dir.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_instance_is_named_for_the_database_file_however_its_path_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("roadie.db");
        let before = instance_id(&db);
        std::fs::write(&db, b"").unwrap();
        assert_eq!(instance_id(&db), before, "the same before the file exists");
        assert_eq!(instance_id(&dir.path().join(".").join("roadie.db")), before);
        #[cfg(unix)]
        {
            let link = dir.path().join("link.db");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            assert_eq!(instance_id(&link), before);
        }

        let other = instance_id(&dir.path().join("other.db"));
        assert_ne!(other, before, "another database has an app of its own");
        for id in [before, other] {
            assert!(id.starts_with("org.roadie.app.db"), "{id}");
            assert!(id.len() < 255, "{id}");
            assert!(
                id.split('.').all(|part| !part.is_empty()
                    && !part.starts_with(|c: char| c.is_ascii_digit())
                    && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')),
                "not a D-Bus name: {id}"
            );
        }
    }
}
