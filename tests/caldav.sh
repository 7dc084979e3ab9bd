#!/usr/bin/env bash
# Publishes the demo summit's calendar to a real CalDAV server, Radicale (Debian's package),
# started on 127.0.0.1 with a throw-away configuration, through the real `roadie` binary, and reads
# it back over HTTP: created, unchanged, updated after an edit and a cancellation (SEQUENCE raised,
# STATUS:CANCELLED), conflicts left alone, nothing deleted, the password from a real Secret
# Service and never in the database (tests/caldav/publish.py). Prints a PASS or FAIL line per check.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}"
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"

cargo build --quiet -p roadie-cli
if ! /usr/bin/python3 tests/caldav/publish.py "$CARGO_TARGET_DIR/debug/roadie"; then
    echo "caldav: FAILED (see the FAIL lines above)" >&2
    exit 1
fi
echo "caldav: published to Radicale and read back as stored"
