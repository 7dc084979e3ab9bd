#!/usr/bin/env bash
# Backups of the large demo (roadie demo --scale large) with the release CLI, each whole process
# timed from the shell: the first open of a day (a command that takes the daily VACUUM INTO
# snapshot) against the same command once it is taken; `roadie backup` (a zip of the database and
# its receipts); `roadie restore` of it; `roadie export all` as JSON and as a zip; `roadie import
# all` into a new database. Prints median, min and max over BACKUP_BENCH_REPS runs (default 5) and
# the files' sizes. No goals: the figures are for the record (and for noticing regressions).
# BENCH_SKIP_BUILD=1 uses the release CLI already built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}
export SQLX_OFFLINE=${SQLX_OFFLINE:-true}
roadie=$CARGO_TARGET_DIR/release/roadie
reps=${BACKUP_BENCH_REPS:-5}

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    echo "bench/backup: building the release CLI"
    cargo build -q --release -p roadie-cli
fi
[ -x "$roadie" ] || { echo "bench/backup: no release CLI at $roadie" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/roadie.db
echo "bench/backup: seeding the large demo"
"$roadie" --db "$db" demo --scale large >/dev/null
# 20 receipts of 256 KiB on the accepted, booked and reimbursed requests (random bytes, so they do
# not compress, as scanned PDFs and photos do not).
ids=$("$roadie" --db "$db" travel list --summit northwind-xl --json |
    python3 -c 'import json,sys; print(" ".join(str(r["id"]) for r in json.load(sys.stdin) if r["status"] in ("accepted", "booked", "reimbursed")))')
[ -n "$ids" ] || { echo "bench/backup: the large demo has no request to attach receipts to" >&2; exit 1; }
n=0
while [ "$n" -lt 20 ]; do
    for id in $ids; do
        [ "$n" -lt 20 ] || break
        head -c 262144 /dev/urandom >"$work/receipt-$n.pdf"
        "$roadie" --db "$db" travel receipt "$id" --actor "Rosa Martínez" --file "$work/receipt-$n.pdf" >/dev/null
        n=$((n + 1))
    done
done
rm -f "$work"/receipt-*.pdf

# One run of a command: wall-clock milliseconds.
timed() {
    local TIMEFORMAT='%3R' t
    t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
    awk '{ printf "%.1f\n", $1 * 1000 }' <<<"$t"
}
stats() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%9.1f %9.1f %9.1f", a[int((NR + 1) / 2)], a[1], a[NR] }'; }
kib() { du -k "$1" | cut -f1; }

first=() later=() backup=() restore=() json=() zipped=() import=()
for i in $(seq 1 "$reps"); do
    rm -rf "$work/roadie-backups"
    first+=("$(timed "$roadie" --db "$db" summit list)")
    later+=("$(timed "$roadie" --db "$db" summit list)")
    backup+=("$(timed "$roadie" --db "$db" backup --out "$work/backup.zip")")
    restore+=("$(timed "$roadie" --db "$db" restore "$work/backup.zip")")
    json+=("$(timed "$roadie" --db "$db" export all --out "$work/all.json")")
    zipped+=("$(timed "$roadie" --db "$db" export all --out "$work/all.zip")")
    rm -f "$work/copy.db"* && rm -rf "$work/copy-receipts"
    import+=("$(timed "$roadie" --db "$work/copy.db" import all "$work/all.zip")")
done
"$roadie" --db "$work/copy.db" export all --out "$work/again.json" >/dev/null 2>&1
cmp -s "$work/all.json" "$work/again.json" || { echo "bench/backup: the re-import exported different JSON" >&2; exit 1; }
records=$(python3 -c 'import json,sys; print(sum(len(t["rows"]) for t in json.load(open(sys.argv[1]))["tables"]))' "$work/all.json")

echo
echo "Backups of the large demo ($records records, $n receipts of 256 KiB), whole CLI process, $reps runs each, ms"
echo "(load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs: wall-clock time grows with the machine's load)"
printf '%-48s %9s %9s %9s\n' "" median min max
printf '%-48s %s\n' "summit list, first of the day (daily snapshot)" "$(stats "${first[@]}")"
printf '%-48s %s\n' "summit list, snapshot already taken" "$(stats "${later[@]}")"
printf '%-48s %s\n' "backup --out backup.zip" "$(stats "${backup[@]}")"
printf '%-48s %s\n' "restore backup.zip" "$(stats "${restore[@]}")"
printf '%-48s %s\n' "export all --out all.json" "$(stats "${json[@]}")"
printf '%-48s %s\n' "export all --out all.zip" "$(stats "${zipped[@]}")"
printf '%-48s %s\n' "import all all.zip (into a new database)" "$(stats "${import[@]}")"
echo
echo "Sizes, KiB: database $(kib "$db") (a snapshot $(kib "$(ls "$work"/roadie-backups/*-daily.db | head -1)")), receipts $(du -sk "$work/roadie-receipts" | cut -f1), backup.zip $(kib "$work/backup.zip"), all.json $(kib "$work/all.json"), all.zip $(kib "$work/all.zip")"
