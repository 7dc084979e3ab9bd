#!/usr/bin/env bash
# Exporting 100,000 gatherings to .ics: the whole `roadie export ical` process, database read
# included, against Python's icalendar building and serialising the same events (same fields,
# same zones) from a JSON dump of them. The database is the large demo (about 10,400 gatherings)
# brought to 100,000 with synthetic.sql; the organisers' calendar exported also holds the ship-by
# and must-arrive-by days of the demo's 5,000 shipments (10,000 more events, in both exports).
# Prints a table and the ratio; the goals are Roadie under 1 s and at least 20 times faster. BENCH_SKIP_BUILD=1 uses the release CLI already built;
# ICAL_BENCH_REPS (5) and ICAL_BENCH_PYTHON_REPS (3) set the timed runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}
export SQLX_OFFLINE=${SQLX_OFFLINE:-true}
venv=${ROADIE_VENV:-$HOME/.cache/roadie-venv}
roadie=$CARGO_TARGET_DIR/release/roadie

[ -x "$venv/bin/python" ] || { echo "bench/ical: no venv at $venv: run scripts/setup.sh" >&2; exit 1; }
if ! cmp -s "$here/requirements.txt" "$venv/roadie-bench-requirements.txt"; then
    echo "bench/ical: installing Python's icalendar into $venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$venv/roadie-bench-requirements.txt"
fi
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    echo "bench/ical: building the release CLI"
    cargo build -q --release -p roadie-cli
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/bench.db
echo "bench/ical: seeding the large demo and 100,000 gatherings in all"
"$roadie" --db "$db" demo --scale large >/dev/null
sqlite3 "$db" <"$here/synthetic.sql"
"$roadie" --db "$db" gathering list --summit northwind-xl --json >"$work/dump.json"
"$roadie" --db "$db" shipment list --summit northwind-xl --json >"$work/shipments.json"
"$venv/bin/python" "$here/compare.py" "$roadie" "$db" "$work/dump.json" "$work/shipments.json" "$work" \
    "${ICAL_BENCH_REPS:-5}" "${ICAL_BENCH_PYTHON_REPS:-3}"
