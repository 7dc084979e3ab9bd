//! A burst of writes through the real `roadie` binary: one process per command, run one after
//! another, the one running at the chosen moment killed. A command that exited 0 has reported
//! success to its caller: its write is acknowledged.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::kill::{Ending, stop_and_kill};
use crate::rng::Rng;
use crate::writes::{self, Ids, Setup};
use crate::{Outcome, Timing};

/// Runs `roadie ARGS` on `db` to the end (for the setup); its stdout.
pub fn run(roadie: &Path, db: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(roadie)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .map_err(|e| format!("{}: {e}", roadie.display()))?;
    if !out.status.success() {
        return Err(format!(
            "roadie {}: {}: {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Writes chains named after `tag` through `roadie` until `kill_after` has passed, then kills the
/// command running (or, between two, the next one as it starts).
pub fn burst(
    roadie: &Path,
    db: &Path,
    setup: &Setup,
    tag: &str,
    rng: &mut Rng,
    kill_after: Duration,
    timing: &mut Timing,
) -> Result<Outcome, String> {
    let deadline = Instant::now() + kill_after;
    let mut outcome = Outcome::default();
    let mut chain = 0;
    loop {
        chain += 1;
        let mut ids = Ids::default();
        for write in writes::chain(&format!("{tag}c{chain}"), rng, false) {
            let args = write.cli_args(setup, &ids);
            let began = Instant::now();
            let mut child = Command::new(roadie)
                .arg("--db")
                .arg(db)
                .args(&args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|e| format!("{}: {e}", roadie.display()))?;
            loop {
                if child.try_wait().map_err(|e| e.to_string())?.is_some() {
                    let out = child.wait_with_output().map_err(|e| e.to_string())?;
                    if !out.status.success() {
                        return Err(format!(
                            "roadie {} failed ({}): {}",
                            args.join(" "),
                            out.status,
                            String::from_utf8_lossy(&out.stderr)
                        ));
                    }
                    timing.cli.add(began.elapsed());
                    let answer: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
                    write.note_ids(&answer, &mut ids);
                    outcome.acked.push(write);
                    break;
                }
                if Instant::now() >= deadline {
                    match stop_and_kill(&mut child, db)? {
                        Ending::Killed(moment) => {
                            outcome.in_flight = Some(write);
                            outcome.moment = moment;
                            return Ok(outcome);
                        }
                        // It finished as it was stopped: acknowledged, and the next one is killed.
                        Ending::Exited(0) => {
                            let mut answer = Vec::new();
                            if let Some(mut out) = child.stdout.take() {
                                out.read_to_end(&mut answer).map_err(|e| e.to_string())?;
                            }
                            let answer = serde_json::from_slice(&answer).unwrap_or(Value::Null);
                            write.note_ids(&answer, &mut ids);
                            outcome.acked.push(write);
                            break;
                        }
                        Ending::Exited(code) => {
                            return Err(format!("roadie {} exited {code}", args.join(" ")));
                        }
                    }
                }
                std::thread::sleep(Duration::from_micros(300));
            }
        }
    }
}
