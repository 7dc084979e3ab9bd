#!/usr/bin/env bash
# The app benchmarks (bench/README.md): builds the release app, the CLI and the bare window, seeds
# the large demo once into a temporary database, starts an Xvfb and runs bench/app-bench.mjs,
# which prints roadie against the bare window. Arguments go to app-bench.mjs, e.g.
#
#   bench/run.sh --reps 9
#   bench/run.sh --ready body --skip-memory --skip-filter     # before the dashboard exists
#
# BENCH_SKIP_BUILD=1 uses the binaries already built.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}
target=$(realpath -m "$CARGO_TARGET_DIR")
native_driver=${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}

die() { echo "bench: $*" >&2; exit 1; }
for tool in tauri-driver Xvfb node; do
    command -v "$tool" >/dev/null || die "$tool is missing: run scripts/setup.sh (make setup)"
done
[ -x "$native_driver" ] || die "$native_driver is missing: run scripts/setup.sh (package webkit2gtk-driver)"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    echo "bench: building the release app, the CLI and the bare window"
    cargo build -q --release -p roadie-app -p roadie-cli
    cargo build -q --release --manifest-path bench/bare-window/Cargo.toml
fi

tmp=$(mktemp -d)
xvfb=""
cleanup() {
    [ -n "$xvfb" ] && { kill -TERM "$xvfb" 2>/dev/null || true; }
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "bench: seeding the large demo"
start=$(date +%s%3N)
"$target/release/roadie" --db "$tmp/large.db" demo --scale large >/dev/null
echo "bench: seeded in $(( $(date +%s%3N) - start )) ms"

# One X server for the run, on a display it picks itself.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 1 100); do
    [ -s "$tmp/display" ] && break
    kill -0 "$xvfb" 2>/dev/null || die "Xvfb exited: $(cat "$tmp/xvfb.log")"
    sleep 0.1
done
[ -s "$tmp/display" ] || die "Xvfb did not start within 10 s"
export DISPLAY=":$(tr -d '[:space:]' <"$tmp/display")"

node "$here/app-bench.mjs" --roadie "$target/release/roadie-app" \
    --bare "$target/release/bare-window" --db "$tmp/large.db" \
    --native-driver "$native_driver" "$@"
