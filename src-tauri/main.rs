// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    choose_renderer();
    roadie_app::run()
}

/// Asks WebKit for CPU rendering on a machine without a GPU (see `roadie_app::renderer`).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn choose_renderer() {
    use roadie_app::renderer::{CPU_RENDERING_VAR, wants_cpu_rendering};
    let current = std::env::var_os(CPU_RENDERING_VAR);
    if wants_cpu_rendering(current, std::path::Path::new("/dev/dri")) {
        // SAFETY: the first thing `main` does, while the process has one thread: nothing can
        // read the environment at the same time. The web processes inherit it.
        unsafe { std::env::set_var(CPU_RENDERING_VAR, "1") };
    }
}

#[cfg(not(target_os = "linux"))]
fn choose_renderer() {}
