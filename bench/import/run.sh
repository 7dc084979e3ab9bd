#!/usr/bin/env bash
# Importing the 36C3 schedule (c3voc/frab JSON, 1,351 events, 2.9 MB) with the release CLI, the
# whole process timed from the shell: into a fresh database (file created, migrations run, summit
# created, every session and speaker written), then again into the same database with nothing
# changed. Goals: fresh under 150 ms, re-import under 100 ms. Prints a table of median, min and
# max over IMPORT_BENCH_REPS runs (default 9). BENCH_SKIP_BUILD=1 uses the release CLI already built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}
export SQLX_OFFLINE=${SQLX_OFFLINE:-true}
roadie=$CARGO_TARGET_DIR/release/roadie
schedule=$root/crates/roadie-core/tests/fixtures/schedules/36c3-everything.schedule.json
reps=${IMPORT_BENCH_REPS:-9}

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    echo "bench/import: building the release CLI"
    cargo build -q --release -p roadie-cli
fi
[ -x "$roadie" ] || { echo "bench/import: no release CLI at $roadie" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
import() { "$roadie" --db "$1" import schedule "$schedule" --summit 36c3 --tz Europe/Berlin --json >"$work/out.json"; }

# One run of `import DB`: wall-clock, then CPU (user + system) milliseconds.
timed() {
    local TIMEFORMAT='%3R %3U %3S' t
    t=$( { time import "$1" 2>/dev/null; } 2>&1 )
    awk '{ printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$t"
}

check() { # the output's added, changed, cancelled, unchanged must be as expected
    local got
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["sessions"]["added"], d["changed"], d["cancelled"], d["sessions"]["unchanged"])' "$work/out.json")
    [ "$got" = "$1" ] || { echo "bench/import: expected sessions added/changed/cancelled/unchanged $1, got $got" >&2; exit 1; }
}

fresh=() again=() fresh_cpu=() again_cpu=()
import "$work/warm.db" # a first run to warm the file cache
for i in $(seq 1 "$reps"); do
    rm -f "$work/fresh.db"*
    read -r wall cpu < <(timed "$work/fresh.db")
    fresh+=("$wall") fresh_cpu+=("$cpu")
    check "1350 0 0 0"
done
for i in $(seq 1 "$reps"); do
    read -r wall cpu < <(timed "$work/fresh.db")
    again+=("$wall") again_cpu+=("$cpu")
    check "0 0 0 1350"
done

stats() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%8.1f %8.1f %8.1f", a[int((NR + 1) / 2)], a[1], a[NR] }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
verdict() { awk -v m="$1" -v g="$2" 'BEGIN { print (m < g ? "PASS" : "MISS") }'; }

echo
echo "Importing the 36C3 schedule (1,350 timed sessions, $(du -k "$schedule" | cut -f1) KiB), whole CLI process, $reps runs each, ms"
echo "(load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs: wall-clock time grows with the machine's load, CPU time much less)"
printf '%-26s %8s %8s %8s %9s %7s  %s\n' "run" "median" "min" "max" "CPU med." "goal" "verdict"
printf '%-26s %s %9s %7s  %s\n' "into a fresh database" "$(stats "${fresh[@]}")" "$(median "${fresh_cpu[@]}")" "< 150" "$(verdict "$(median "${fresh[@]}")" 150)"
printf '%-26s %s %9s %7s  %s\n' "again, nothing changed" "$(stats "${again[@]}")" "$(median "${again_cpu[@]}")" "< 100" "$(verdict "$(median "${again[@]}")" 100)"
