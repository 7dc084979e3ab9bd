//! Memory the app has freed goes back to the system once it is idle. Loading a large list (the
//! timeline of a summit with 10,000 gatherings) allocates its rows and their JSON by the megabyte;
//! freed, most of that stays with malloc, scattered between blocks still in use, and would stay
//! the app's for as long as it runs (about 6 MiB after the large demo's timeline). A second after
//! the last command started, `release` (glibc's `malloc_trim`, given by `main`) hands it back.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

/// How long after the last command the memory is released.
pub const IDLE: Duration = Duration::from_secs(1);

/// Starts the thread that calls `release` once no command has started for `idle`; the sender is
/// told of every command. The thread ends when the sender is dropped.
pub fn start(release: fn(), idle: Duration) -> std::io::Result<Sender<()>> {
    let (commands, started) = mpsc::channel::<()>();
    thread::Builder::new()
        .name("idle-trim".into())
        .stack_size(64 * 1024)
        .spawn(move || {
            while started.recv().is_ok() {
                loop {
                    match started.recv_timeout(idle) {
                        Ok(()) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                release();
            }
        })?;
    Ok(commands)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    use super::*;

    static RELEASED: AtomicUsize = AtomicUsize::new(0);

    fn count() {
        RELEASED.fetch_add(1, Ordering::SeqCst);
    }

    /// How many times memory was released, once it is at least `count` or 5 s have passed.
    fn releases_reaching(count: usize) -> usize {
        let start = Instant::now();
        while RELEASED.load(Ordering::SeqCst) < count && start.elapsed() < Duration::from_secs(5) {
            thread::sleep(Duration::from_millis(10));
        }
        RELEASED.load(Ordering::SeqCst)
    }

    #[test]
    fn memory_is_released_once_after_a_burst_of_commands_and_not_before_any() {
        let idle = Duration::from_millis(100);
        let commands = start(count, idle).unwrap();
        thread::sleep(idle * 3);
        assert_eq!(
            RELEASED.load(Ordering::SeqCst),
            0,
            "no command, nothing to release"
        );

        for _ in 0..3 {
            commands.send(()).unwrap();
        }
        assert_eq!(releases_reaching(1), 1);
        thread::sleep(idle * 3);
        assert_eq!(RELEASED.load(Ordering::SeqCst), 1, "once for the burst");

        commands.send(()).unwrap();
        assert_eq!(releases_reaching(2), 2, "and again after the next command");
    }
}
