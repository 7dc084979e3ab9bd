//! How the web view draws. Without a GPU, WebKitGTK still composites through OpenGL, emulated on
//! the CPU by Mesa's llvmpipe, which keeps a software GL context and its tile textures in every
//! web process. Skia's own CPU rasteriser draws the same pages with far less memory (about 70 MiB
//! less on the timeline of the large demo) at the same speed, so Roadie asks for it when the
//! machine has no GPU render node. A choice already made in the environment is kept.

use std::path::Path;

/// The variable WebKitGTK reads to draw with Skia on the CPU.
pub const CPU_RENDERING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Whether to ask WebKit for CPU rendering: only when the user has not chosen either way (the
/// variable is unset) and no render node exists under `dri` (normally `/dev/dri`).
#[must_use]
pub fn wants_cpu_rendering(user_chose: bool, dri: &Path) -> bool {
    !user_chose && !has_render_node(dri)
}

fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_for_cpu_rendering_only_without_a_render_node_or_a_choice() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("dri");
        assert!(wants_cpu_rendering(false, &missing));
        std::fs::create_dir(&missing).unwrap();
        std::fs::write(missing.join("card0"), "").unwrap();
        assert!(
            wants_cpu_rendering(false, &missing),
            "a card without a render node"
        );
        std::fs::write(missing.join("renderD128"), "").unwrap();
        assert!(!wants_cpu_rendering(false, &missing));
        assert!(!wants_cpu_rendering(true, &dir.path().join("none")));
    }
}
