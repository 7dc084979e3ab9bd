//! `roadie`: Roadie's command line, a thin shell over roadie-core.
//!
//! Exit status: 0 on success, 2 for invalid input (with a one-line message naming the field),
//! 1 for anything else. Output read by a command that stops early (`roadie … | head`) ends there,
//! with the signal SIGPIPE, as any Unix command's does.

mod args;
mod backup;
mod budget;
mod run;
mod swag;
mod table;

use std::process::ExitCode;

use clap::Parser;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    end_quietly_on_a_closed_pipe();
    let cli = args::Cli::parse();
    match run::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let message = e.to_string().replace(['\n', '\r'], " ");
            eprintln!("roadie: {message}");
            if e.is_user_error() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// Restores SIGPIPE's default action, which Rust's start-up sets to "ignore": then a write to a
/// pipe whose reader has gone (`roadie gathering list | head -1`) ends the process quietly, as it
/// does `ls` or `grep`, rather than making `println!` panic ("failed printing to stdout: Broken
/// pipe"). Every write the CLI makes to the database is a transaction SQLite completes or rolls
/// back, so ending there loses nothing; sockets are not concerned (Rust's std and Tokio send with
/// MSG_NOSIGNAL).
#[cfg(unix)]
#[allow(unsafe_code)]
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: `signal` only sets the process's action for one signal; SIG_DFL is a valid action
    // for SIGPIPE. It runs first in `main`, on the runtime's only thread (current_thread), so no
    // other thread is writing at the time; it returns the previous action, which is not needed.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
}

#[cfg(not(unix))]
fn end_quietly_on_a_closed_pipe() {}
