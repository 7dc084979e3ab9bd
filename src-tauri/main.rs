// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    one_malloc_arena();
    choose_renderer();
    roadie_app::run(release_freed_memory)
}

/// Keeps glibc to one malloc arena. By default every thread that allocates while another holds
/// the lock gets an arena of its own, up to eight per core, and keeps what it freed: the app's
/// threads (GTK's, the async runtime's, one per database connection) held about 9 MiB more that
/// way, for no speed the app could measure (glibc's per-thread caches take small allocations
/// without the lock).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn one_malloc_arena() {
    // SAFETY: mallopt takes two integers and only sets a malloc parameter; M_ARENA_MAX is one it
    // knows. It returns 0 if it refused, which leaves the default, so there is nothing to check.
    unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) };
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}

/// Hands the memory malloc holds free back to the system; the app calls it once idle
/// (`roadie_app` `idle_trim`): after the large demo's timeline, about 6 MiB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn release_freed_memory() {
    // SAFETY: malloc_trim takes a size to keep and only releases free memory, under malloc's own
    // lock; it returns whether it released any, which changes nothing here.
    unsafe { libc::malloc_trim(0) };
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// Asks WebKit for CPU rendering on a machine without a GPU (see `roadie_app::renderer`).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn choose_renderer() {
    use roadie_app::renderer::{CPU_RENDERING_VAR, wants_cpu_rendering};
    let user_chose = std::env::var_os(CPU_RENDERING_VAR).is_some();
    if wants_cpu_rendering(user_chose, std::path::Path::new("/dev/dri")) {
        // SAFETY: the first thing `main` does, while the process has one thread: nothing can
        // read the environment at the same time. The web processes inherit it.
        unsafe { std::env::set_var(CPU_RENDERING_VAR, "1") };
    }
}

#[cfg(not(target_os = "linux"))]
fn choose_renderer() {}
