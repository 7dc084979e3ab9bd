//! The crash test (issue 8): Roadie keeps every write it has acknowledged and never shows one half
//! done, however its process dies.
//!
//! Each trial makes a burst of writes, money tables included (travel requests, approvals,
//! bookings and payments with their audit rows, stock and shipments, budget lines), either through
//! the real `roadie` binary (every other trial) or through the desktop app's commands (the app
//! built on Tauri's mock runtime in a child process, commands invoked through IPC as the UI does),
//! and kills the writing process with SIGKILL at a random moment. Then the database must pass
//! `PRAGMA integrity_check` and the foreign-key check, hold every write acknowledged in this and
//! every earlier trial, show the write in flight whole or not at all, show no record half-written
//! anywhere, and pass `roadie audit verify`. A CLI write is acknowledged when `roadie` exited 0; an
//! app write when its command answered (the child prints `ack` after it).
//!
//! ```sh
//! cargo test -p roadie-cli --test crash                         # 200 trials, under a minute
//! ROADIE_CRASH_TRIALS=20 ROADIE_CRASH_SEED=42 cargo test -p roadie-cli --test crash
//! ```
//!
//! It prints the trials run, the writes acknowledged and checked, and how many kills landed inside
//! a write transaction or a checkpoint (see `kill.rs` for how that is known). On a failure it
//! names the seed and keeps the database. SIGKILL is a process crash: what the operating system
//! has been given survives it. Power loss is what `synchronous=FULL` is for (README, "Data
//! safety"); SQLite's own test suite simulates that, this one does not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[cfg(target_os = "linux")]
mod app;
#[cfg(target_os = "linux")]
mod check;
#[cfg(target_os = "linux")]
mod cli;
#[cfg(target_os = "linux")]
mod kill;
#[cfg(target_os = "linux")]
mod rng;
#[cfg(target_os = "linux")]
mod writes;

use std::process::ExitCode;
#[cfg(target_os = "linux")]
use std::time::Duration;

#[cfg(not(target_os = "linux"))]
fn main() -> ExitCode {
    println!("crash: skipped (it stops and kills processes the Linux way)");
    ExitCode::SUCCESS
}

#[cfg(target_os = "linux")]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(app::WRITER) {
        return app::writer(&args[1..]);
    }
    // As a test binary, cargo may pass libtest's options and a name filter.
    if args.iter().any(|a| a == "--list") {
        println!("crash: test");
        return ExitCode::SUCCESS;
    }
    if let Some(filter) = args.iter().find(|a| !a.starts_with('-'))
        && !"crash".contains(filter.as_str())
    {
        return ExitCode::SUCCESS;
    }
    let trials = env_number("ROADIE_CRASH_TRIALS", 200);
    let seed = std::env::var("ROADIE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::UNIX_EPOCH
                .elapsed()
                .map_or(1, |d| d.as_secs())
        });
    match trial::run(trials, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crash: FAILED (ROADIE_CRASH_SEED={seed}): {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(target_os = "linux")]
fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// What one trial's burst left: the writes acknowledged, the one in flight when the writer was
/// killed (none if it died between two), and what it was doing then.
#[cfg(target_os = "linux")]
#[derive(Default)]
pub struct Outcome {
    pub acked: Vec<writes::Write>,
    pub in_flight: Option<writes::Write>,
    pub moment: kill::Moment,
}

/// A running mean of a duration, to aim the kills where the writes happen.
#[cfg(target_os = "linux")]
pub struct Mean {
    total: Duration,
    count: u32,
    default: Duration,
}

#[cfg(target_os = "linux")]
impl Mean {
    fn new(default_ms: u64) -> Mean {
        Mean {
            total: Duration::ZERO,
            count: 0,
            default: Duration::from_millis(default_ms),
        }
    }

    pub fn add(&mut self, d: Duration) {
        self.total += d;
        self.count += 1;
    }

    pub fn get(&self) -> Duration {
        if self.count == 0 {
            self.default
        } else {
            self.total / self.count
        }
    }
}

/// How long the writers take, as seen so far.
#[cfg(target_os = "linux")]
pub struct Timing {
    /// One `roadie` process, start to exit.
    pub cli: Mean,
    /// The app writer's start, until it is ready to write.
    pub app_start: Mean,
    /// One command of the app writer.
    pub app_write: Mean,
}

#[cfg(target_os = "linux")]
mod trial {
    use std::path::{Path, PathBuf};
    use std::time::Instant;

    use serde_json::Value;

    use crate::check::{self, InFlight, Ledger};
    use crate::kill::Moment;
    use crate::rng::Rng;
    use crate::writes::Setup;
    use crate::{Mean, Timing, app, cli};

    /// The `roadie` binary cargo built for this test.
    fn roadie() -> PathBuf {
        PathBuf::from(env!("CARGO_BIN_EXE_roadie"))
    }

    /// A summit whose travel pool will not run out, an organiser, a swag variant with stock.
    fn setup(roadie: &Path, db: &Path) -> Result<Setup, String> {
        let run = |args: &[&str]| cli::run(roadie, db, args);
        run(&[
            "summit",
            "create",
            "--name",
            "Crash Summit",
            "--slug",
            "crash",
            "--tz",
            "Europe/Berlin",
            "--start",
            "2030-06-10",
            "--end",
            "2030-06-12",
            "--currency",
            "EUR",
        ])?;
        run(&["organiser", "add", "--name", "Rosa"])?;
        run(&[
            "travel",
            "policy",
            "set",
            "--summit",
            "crash",
            "--actor",
            "Rosa",
            "--pool",
            "100000000 EUR",
            "--airfare",
            "900",
            "--lodging-per-night",
            "150",
            "--max-nights",
            "5",
        ])?;
        let item: Value = serde_json::from_str(&run(&[
            "swag",
            "add",
            "--name",
            "Crash t-shirt",
            "--variant",
            "M",
            "--json",
        ])?)
        .map_err(|e| e.to_string())?;
        let variant_id = item["variants"][0]["id"].as_i64().ok_or("no variant id")?;
        let summits: Value = serde_json::from_str(&run(&["summit", "list", "--json"])?)
            .map_err(|e| e.to_string())?;
        Ok(Setup {
            slug: "crash".into(),
            summit_id: summits[0]["id"].as_i64().ok_or("no summit id")?,
            actor: "Rosa".into(),
            variant_id,
        })
    }

    #[derive(Default)]
    struct Figures {
        trials: [u64; 2],
        acked: [u64; 2],
        in_flight_committed: u64,
        in_flight_absent: u64,
        between_writes: u64,
        /// Per shell (roadie, app), the kills outside a transaction, inside one, in a checkpoint.
        moments: [[u64; 3]; 2],
    }

    /// Runs the trials on a database in a temporary folder, kept if a trial fails.
    pub fn run(trials: u64, seed: u64) -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let db = dir.path().join("crash.db");
        run_on(&db, trials, seed).map_err(|e| {
            let kept = dir.keep();
            format!("{e} (the database is kept in {})", kept.display())
        })
    }

    fn run_on(db: &Path, trials: u64, seed: u64) -> Result<(), String> {
        let started = Instant::now();
        let roadie = roadie();
        let setup = setup(&roadie, db)?;
        let mut rng = Rng::new(seed);
        let mut timing = Timing {
            cli: Mean::new(60),
            app_start: Mean::new(300),
            app_write: Mean::new(15),
        };
        let mut ledger = Ledger::default();
        let mut figures = Figures::default();
        println!("crash: {trials} trials, seed {seed}");
        for trial in 0..trials {
            let via_app = trial % 2 == 1;
            let tag = format!("t{trial}");
            // Aimed to land anywhere in the first dozen writes, or one time in five while the
            // writer starts.
            let outcome = if via_app {
                let aim = if rng.below(5) == 0 {
                    app::Aim::Starting(timing.app_start.get().mul_f64(rng.fraction()))
                } else {
                    app::Aim::Writing((timing.app_write.get() * 12).mul_f64(rng.fraction()))
                };
                app::burst(db, &setup, rng.next() >> 12, aim, &mut timing)
            } else {
                let kill_after = (timing.cli.get() * 5).mul_f64(rng.fraction());
                cli::burst(&roadie, db, &setup, &tag, &mut rng, kill_after, &mut timing)
            };
            let outcome = outcome.map_err(|e| format!("trial {trial}: {e}"))?;
            let via = usize::from(via_app);
            figures.trials[via] += 1;
            figures.acked[via] += outcome.acked.len() as u64;
            figures.moments[via][match outcome.moment {
                Moment::Outside => 0,
                Moment::MidTransaction => 1,
                Moment::Checkpoint => 2,
            }] += 1;
            let in_flight =
                check::after_trial(db, &roadie, &mut ledger, outcome.acked, outcome.in_flight)
                    .map_err(|e| format!("trial {trial}: {e}"))?;
            match in_flight {
                InFlight::None => figures.between_writes += 1,
                InFlight::Committed => figures.in_flight_committed += 1,
                InFlight::Absent => figures.in_flight_absent += 1,
            }
        }
        let audit = check::audit_rows(db)?;
        let f = figures;
        println!(
            "crash: {} trials in {:.1} s: {} through roadie (one process per command), {} through \
             the app's commands (mock runtime, IPC)",
            f.trials[0] + f.trials[1],
            started.elapsed().as_secs_f64(),
            f.trials[0],
            f.trials[1]
        );
        println!(
            "crash: {} writes acknowledged ({} by roadie exiting 0, {} by the app's commands \
             answering); {} checks of a write, every acknowledged one present and whole after its \
             trial and after every later one; {} writes in the database at the end",
            f.acked[0] + f.acked[1],
            f.acked[0],
            f.acked[1],
            ledger.checks,
            ledger.writes.len()
        );
        let [cli, app] = f.moments;
        println!(
            "crash: {} kills with SIGKILL: {} inside a write transaction (roadie {}, app {}), {} \
             during a checkpoint (roadie {}, app {}), {} elsewhere (starting, reading, between \
             transactions)",
            trials,
            cli[1] + app[1],
            cli[1],
            app[1],
            cli[2] + app[2],
            cli[2],
            app[2],
            cli[0] + app[0]
        );
        println!(
            "crash: the write in flight: committed and whole {} times, absent {} times, between \
             two writes {} times; half-written never; integrity_check ok, foreign keys ok, \
             roadie audit verify intact ({audit} audit rows) after every trial",
            f.in_flight_committed, f.in_flight_absent, f.between_writes
        );
        Ok(())
    }
}
