use tauri_build::{AppManifest, Attributes};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The app's own commands, declared so capabilities/ can grant them one by one.
    let manifest = AppManifest::new().commands(&["list_summits", "database_path"]);
    tauri_build::try_build(Attributes::new().app_manifest(manifest))?;
    Ok(())
}
