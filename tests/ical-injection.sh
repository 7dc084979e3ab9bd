#!/usr/bin/env bash
# No text can escape its property in Roadie's .ics files, as read by independent parsers: the
# core's `adversarial_calendars` example writes random calendars whose titles, descriptions,
# places, tracks, links and UIDs are arbitrary Unicode rich in line breaks, control characters,
# escapes and whole content lines (checked as the store checks them), each with the texts beside
# it in JSON; tests/ical/check_injection.py reads them with Python's strict `ical` package and
# vobject (the venv scripts/setup.sh makes). Prints PASS or FAIL lines.
#
#   tests/ical-injection.sh [COUNT] [SEED]     # 300 calendars, seed 8 by default
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}"
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
venv="${ROADIE_VENV:-$HOME/.cache/roadie-venv}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -p roadie-core --example adversarial_calendars -- "$work" "${1:-300}" "${2:-8}"
"$venv/bin/python" tests/ical/check_injection.py "$work"
