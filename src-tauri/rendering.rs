//! How the webview draws. On Linux, WebKitGTK composites the page with OpenGL by default. On a
//! machine without a GPU (no DRM render node: a VM, a container, a remote desktop, Xvfb) Mesa
//! runs that OpenGL on the CPU (llvmpipe), so compositing buys nothing and costs a great deal:
//! every layer's tiles become textures in the web process's heap (the large demo's timeline held
//! about 280 MiB in the web process against about 100 MiB drawn without compositing) and each
//! frame goes through the software GL pipeline. There the window draws without compositing.
//! A GPU keeps WebKit's default, and `WEBKIT_DISABLE_COMPOSITING_MODE` set by the user wins.

use tauri::{App, Manager, Wry};

/// Applies the choice above to the main window's webview, before its page has drawn.
pub fn choose(app: &App<Wry>) {
    if !software_only() {
        return;
    }
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    if let Err(error) = window.with_webview(draw_without_compositing) {
        eprintln!("roadie-app: warning: the window keeps compositing: {error}");
    }
}

#[cfg(target_os = "linux")]
fn draw_without_compositing(webview: tauri::webview::PlatformWebview) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if let Some(settings) = webview.inner().settings() {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
    }
}

#[cfg(not(target_os = "linux"))]
fn draw_without_compositing(_webview: tauri::webview::PlatformWebview) {}

/// True on Linux when no GPU render node exists and the user has not chosen for themselves.
fn software_only() -> bool {
    cfg!(target_os = "linux")
        && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && !has_render_node(std::path::Path::new("/dev/dri"))
}

/// Whether `dir` holds a DRM render node (`renderD128`, ...), the device a GPU's OpenGL uses.
fn has_render_node(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
        std::fs::write(dir.path().join("card0"), b"").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
