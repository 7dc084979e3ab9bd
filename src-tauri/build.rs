use tauri_build::{AppManifest, Attributes};

include!("command_names.rs");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The built UI is embedded in the binary: a new build of it must make a new binary.
    println!("cargo:rerun-if-changed=ui/dist");
    let manifest = AppManifest::new().commands(COMMAND_NAMES);
    tauri_build::try_build(Attributes::new().app_manifest(manifest))?;
    Ok(())
}
