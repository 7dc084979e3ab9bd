#!/usr/bin/env bash
# Reads Roadie's .ics exports with independent implementations and fails on any disagreement with
# the database: strict parsers (Python's `ical` and vobject's validate(), in the venv
# scripts/setup.sh makes; libical through Debian's GObject bindings) and real clients (calcurse
# and khal, under TZ=America/New_York). The calendars are seeded and exported through the real
# `roadie` binary (tests/ical/fixture.sh). Prints a PASS or FAIL line per check.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}"
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
venv="${ROADIE_VENV:-$HOME/.cache/roadie-venv}"

cargo build --quiet -p roadie-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tests/ical/fixture.sh "$CARGO_TARGET_DIR/debug/roadie" "$work"

status=0
"$venv/bin/python" tests/ical/check_parsers.py "$work/feeds.txt" || status=1
/usr/bin/python3 tests/ical/check_libical.py "$work/feeds.txt" || status=1
"$venv/bin/python" tests/ical/check_clients.py "$work" || status=1
if [ "$status" -ne 0 ]; then
    echo "ical-validate: FAILED (see the FAIL lines above)" >&2
    exit 1
fi
echo "ical-validate: every calendar passed every validator and client"
