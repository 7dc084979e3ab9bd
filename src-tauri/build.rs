use tauri_build::{AppManifest, Attributes};

include!("command_names.rs");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = AppManifest::new().commands(COMMAND_NAMES);
    tauri_build::try_build(Attributes::new().app_manifest(manifest))?;
    Ok(())
}
