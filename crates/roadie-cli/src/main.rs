//! `roadie`: Roadie's command line, a thin shell over roadie-core.
//!
//! Exit status: 0 on success, 2 for invalid input (with a one-line message naming the field),
//! 1 for anything else.

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
