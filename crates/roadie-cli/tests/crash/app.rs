//! A burst of writes through the desktop app's command layer: a child process (this program,
//! started with `--crash-app-writer`) builds the app as `roadie-app` does, on Tauri's mock runtime
//! instead of a window, on the database file, and invokes its commands through IPC as the UI
//! does, one after another, for ever. It prints `ready` once the app is built, `begin WRITE`
//! before each command and `ack WRITE` once it has answered (after its commit); the parent kills
//! it at the chosen moment and reads what it acknowledged.

use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use roadie_core::{Clock, Store, SystemClock};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

use crate::kill::{Ending, stop_and_kill};
use crate::rng::Rng;
use crate::writes::{self, Ids, Setup, Write};
use crate::{Outcome, Timing};

/// The argument that makes this program the app's writer.
pub const WRITER: &str = "--crash-app-writer";

/// When to kill the writer.
pub enum Aim {
    /// This long after it was started, while it starts.
    Starting(Duration),
    /// This long after it said it was ready to write.
    Writing(Duration),
}

/// Starts the writer on `db` and kills it as aimed.
pub fn burst(
    db: &Path,
    setup: &Setup,
    seed: u64,
    aim: Aim,
    timing: &mut Timing,
) -> Result<Outcome, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let setup_json = serde_json::to_string(setup).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = Command::new(exe)
        .arg(WRITER)
        .arg(db)
        .arg(setup_json)
        .arg(seed.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (send, received) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let exited = |child: &mut std::process::Child| -> Result<bool, String> {
        Ok(child.try_wait().map_err(|e| e.to_string())?.is_some())
    };
    let mut lines = Vec::new();
    let deadline = match aim {
        Aim::Starting(after) => started + after,
        Aim::Writing(after) => loop {
            match received.recv_timeout(Duration::from_millis(1)) {
                Ok((at, line)) => {
                    let ready = line == "ready";
                    lines.push((at, line));
                    if ready {
                        timing.app_start.add(at - started);
                        break at + after;
                    }
                }
                Err(_) if exited(&mut child)? || started.elapsed() > Duration::from_secs(120) => {
                    break Instant::now();
                }
                Err(_) => {}
            }
        },
    };
    while Instant::now() < deadline {
        if exited(&mut child)? {
            break;
        }
        std::thread::sleep(Duration::from_micros(300));
    }
    if exited(&mut child)? {
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        return Err(format!(
            "the app writer stopped by itself ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let moment = match stop_and_kill(&mut child, db)? {
        Ending::Killed(moment) => moment,
        Ending::Exited(code) => return Err(format!("the app writer exited {code} by itself")),
    };
    reader.join().map_err(|_| "the reader thread panicked")?;
    lines.extend(received.try_iter());

    let mut outcome = Outcome {
        moment,
        ..Outcome::default()
    };
    let mut begun: Option<(Instant, Write)> = None;
    for (at, line) in lines {
        if line == "ready" {
            continue;
        }
        let (word, json) = line
            .split_once(' ')
            .ok_or_else(|| format!("bad line {line:?}"))?;
        let write: Write = serde_json::from_str(json).map_err(|e| format!("{line:?}: {e}"))?;
        match word {
            "begin" => begun = Some((at, write)),
            "ack" => {
                match begun.take() {
                    Some((from, w)) if w == write => timing.app_write.add(at - from),
                    other => return Err(format!("ack of {write:?} after begin of {other:?}")),
                }
                outcome.acked.push(write);
            }
            _ => return Err(format!("bad line {line:?}")),
        }
    }
    outcome.in_flight = begun.map(|(_, w)| w);
    Ok(outcome)
}

/// The child: `--crash-app-writer DB SETUP_JSON SEED`.
pub fn writer(args: &[String]) -> ExitCode {
    match write_for_ever(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("app writer: {e}");
            ExitCode::from(3)
        }
    }
}

fn write_for_ever(args: &[String]) -> Result<(), String> {
    let [db, setup, seed] = args else {
        return Err(format!("expected DB SETUP SEED, got {args:?}"));
    };
    let setup: Setup = serde_json::from_str(setup).map_err(|e| e.to_string())?;
    let seed: u64 = seed.parse().map_err(|e| format!("seed: {e}"))?;
    let store =
        tauri::async_runtime::block_on(Store::open(Path::new(db))).map_err(|e| e.to_string())?;
    let app = roadie_app::build_app(mock_builder(), store).map_err(|e| e.to_string())?;
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .map_err(|e| e.to_string())?;
    let today = SystemClock.now().date_naive().to_string();
    let mut rng = Rng::new(seed);
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready")
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())?;
    let mut say = |word: &str, write: &Write| -> Result<(), String> {
        let json = serde_json::to_string(write).map_err(|e| e.to_string())?;
        writeln!(out, "{word} {json}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())
    };
    for chain in 0.. {
        let mut ids = Ids::default();
        for write in writes::chain(&format!("{seed}a{chain}"), &mut rng, true) {
            say("begin", &write)?;
            let (command, arguments) = write.command(&setup, &ids, &today);
            let answer = invoke(&window, command, arguments)
                .map_err(|e| format!("{command} failed: {e}"))?;
            write.note_ids(&answer, &mut ids);
            say("ack", &write)?;
        }
    }
    Ok(())
}

/// Invokes `command` from the window as the UI does, through IPC and the capability.
fn invoke(window: &WebviewWindow<MockRuntime>, command: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().map_err(|_| Value::Null)?,
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request)
        .and_then(|body| body.deserialize().map_err(|e| e.to_string().into()))
}
