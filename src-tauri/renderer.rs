//! How the web view draws. Without a GPU, WebKitGTK still composites through OpenGL, emulated on
//! the CPU by Mesa's llvmpipe, which keeps a software GL context and its tile textures in every
//! web process. Skia's own CPU rasteriser draws the same pages with far less memory (about 70 MiB
//! less on the timeline of the large demo) at the same speed, so Roadie asks for it when the
//! machine has no GPU render node. A choice already made in the environment is kept.
//!
//! When WebKit paints on the CPU, Roadie also turns off its compositor-driven scrolling of boxes
//! that scroll (`AsyncOverflowScrolling`). That gives every scrolling list a layer of its own,
//! and on the CPU a change inside such a layer costs far more than the same change painted in
//! place: in the large demo's socials list (10,413 rows), a filter keystroke that refills the
//! rows took a median 15 ms a frame with it and 9 without, and scrolling costs the same either
//! way. The page then scrolls those boxes itself, as it does with every other change.

use std::ffi::OsStr;
use std::path::Path;

/// The variable WebKitGTK reads to draw with Skia on the CPU.
pub const CPU_RENDERING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// WebKit's feature for scrolling boxes on its compositor thread, each with a layer of its own.
pub const COMPOSITED_SCROLLING: &str = "AsyncOverflowScrolling";

/// Whether to ask WebKit for CPU rendering: only when the user has not chosen either way (the
/// variable is unset) and no render node exists under `dri` (normally `/dev/dri`).
#[must_use]
pub fn wants_cpu_rendering(user_chose: bool, dri: &Path) -> bool {
    !user_chose && !has_render_node(dri)
}

/// Whether WebKit paints on the CPU, given the value of `CPU_RENDERING_VAR`: set to anything but
/// "0", as WebKit reads it.
#[must_use]
pub fn paints_on_cpu(value: Option<&OsStr>) -> bool {
    value.is_some_and(|value| value != "0")
}

/// Turns compositor-driven scrolling off in every web view as it is made, when WebKit paints on
/// the CPU (see the module's notes). The settings reach the web process before the page is laid
/// out: the web process is still starting when the web view is made.
#[cfg(target_os = "linux")]
pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("roadie-renderer")
        .on_webview_ready(|webview| {
            if !paints_on_cpu(std::env::var_os(CPU_RENDERING_VAR).as_deref()) {
                return;
            }
            let _ = webview.with_webview(|platform| {
                use webkit2gtk::WebViewExt as _;
                let Some(settings) = platform.inner().settings() else {
                    return;
                };
                if !crate::webkit_features::set_feature(&settings, COMPOSITED_SCROLLING, false) {
                    eprintln!(
                        "roadie-app: warning: this WebKit has no feature {COMPOSITED_SCROLLING}; \
                         lists scroll on the compositor"
                    );
                }
            });
        })
        .build()
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

    #[test]
    fn paints_on_the_cpu_when_the_variable_is_set_to_anything_but_zero() {
        assert!(!paints_on_cpu(None));
        assert!(!paints_on_cpu(Some(OsStr::new("0"))));
        assert!(paints_on_cpu(Some(OsStr::new("1"))));
        assert!(paints_on_cpu(Some(OsStr::new(""))));
        assert!(paints_on_cpu(Some(OsStr::new("yes"))));
    }
}
