#!/usr/bin/env bash
# The budget summary of a summit with 1,000,000 budget lines: Roadie's core against the same
# aggregation in plain SQL through the sqlite3 command-line tool, on the same database; prints a
# table and the ratio. Goal: the core under 200 ms. See crates/roadie-core/benches/budget.rs;
# BUDGET_BENCH_LINES and BUDGET_BENCH_RUNS change the size and the number of timed runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}
export SQLX_OFFLINE=${SQLX_OFFLINE:-true}
command -v sqlite3 >/dev/null || { echo "bench/budget: sqlite3 is missing: run scripts/setup.sh" >&2; exit 1; }
cargo bench -q -p roadie-core --bench budget
