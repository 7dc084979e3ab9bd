#!/usr/bin/env bash
# End-to-end tests of the real app window: builds the debug app and CLI, starts one Xvfb and one
# tauri-driver (in front of WebKitWebDriver) for the run, runs the specs with node's test runner
# (each test launches the app in its own WebDriver session on its own database), then stops
# everything. Screenshots and logs go to test-output/e2e/.
#
#   tests/e2e/run.sh                                   # every spec
#   tests/e2e/run.sh specs/window.test.js              # some spec files
#   tests/e2e/run.sh --test-name-pattern=screenshot    # tests whose name matches
#
# E2E_SKIP_BUILD=1 uses the binaries already built (E2E_APP and E2E_CLI name others' paths);
# E2E_TIMEOUT (seconds, default 600) bounds the test run; E2E_KEEP=1 keeps each test's database;
# WEBKIT_WEBDRIVER overrides the native driver.
set -euo pipefail

caller=$PWD
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# The Makefile's build folder, also when run directly.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}
target=$(realpath -m "$CARGO_TARGET_DIR")
out=$root/test-output/e2e
budget=${E2E_TIMEOUT:-600}
native_driver=${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}

die() { echo "e2e: $*" >&2; exit 1; }
for tool in tauri-driver Xvfb xwininfo xdotool dbus-daemon curl node npm; do
    command -v "$tool" >/dev/null || die "$tool is missing: run scripts/setup.sh (make setup)"
done
[ -x "$native_driver" ] || die "$native_driver is missing: run scripts/setup.sh (package webkit2gtk-driver)"

# The suite's packages, exactly as locked.
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd "$here" && npx --no-install tsc -p .) || die "the specs do not type-check"

if [ -z "${E2E_SKIP_BUILD:-}" ]; then
    cargo build -q -p roadie-app -p roadie-cli
fi
app=${E2E_APP:-$target/debug/roadie-app}
cli=${E2E_CLI:-$target/debug/roadie}
[ -x "$app" ] && [ -x "$cli" ] || die "no app or CLI binary: $app, $cli"

rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d)
xvfb="" driver=""
cleanup() {
    # tauri-driver leads its own process group: WebKitWebDriver and any app it launched go with it.
    [ -n "$driver" ] && { kill -TERM -- "-$driver" 2>/dev/null || true; }
    [ -n "$xvfb" ] && { kill -TERM "$xvfb" 2>/dev/null || true; }
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One X server on a display it picks itself.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$out/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 1 100); do
    [ -s "$tmp/display" ] && break
    kill -0 "$xvfb" 2>/dev/null || die "Xvfb exited: $(cat "$out/xvfb.log")"
    sleep 0.1
done
[ -s "$tmp/display" ] || die "Xvfb did not start within 10 s"
export DISPLAY=":$(tr -d '[:space:]' <"$tmp/display")"

free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
        console.log(s.address().port); s.close(); });'
}
port=$(free_port)
native_port=$(free_port)
while [ "$native_port" = "$port" ]; do native_port=$(free_port); done

# One tauri-driver for the whole run, in its own session so cleanup can end its process group.
NO_AT_BRIDGE=1 setsid tauri-driver --port "$port" --native-port "$native_port" \
    --native-driver "$native_driver" >"$out/tauri-driver.log" 2>&1 &
driver=$!
# Ready once WebKitWebDriver answers (asking tauri-driver earlier makes it log a backtrace).
for _ in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$native_port/status" >/dev/null 2>&1 &&
        curl -sf "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break
    kill -0 "$driver" 2>/dev/null || die "tauri-driver exited: $(cat "$out/tauri-driver.log")"
    sleep 0.1
done
curl -sf "http://127.0.0.1:$port/status" >/dev/null 2>&1 || die "tauri-driver did not answer within 20 s"

# Spec files (relative to where run.sh was called, or to tests/e2e) default to all of specs/;
# other arguments go to node --test.
options=() files=()
for a in "$@"; do
    if [[ "$a" == *.js ]]; then
        if [[ "$a" != /* ]] && [ -f "$caller/$a" ]; then a=$caller/$a; fi
        { [[ "$a" == /* ]] && [ -f "$a" ]; } || [ -f "$here/$a" ] || die "no spec file $a"
        files+=("$a")
    else
        options+=("$a")
    fi
done
[ ${#files[@]} -gt 0 ] || files=("$here"/specs/*.test.js)

echo "e2e: display $DISPLAY, tauri-driver on port $port, app $app"
start=$SECONDS
status=0
(
    cd "$here"
    E2E_APP="$app" E2E_CLI="$cli" E2E_DRIVER_PORT="$port" \
        E2E_OUT="$out" NO_AT_BRIDGE=1 \
        timeout --kill-after=10 "$budget" node --test --test-concurrency=1 \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=./lib/summary-reporter.js --test-reporter-destination="$tmp/summary" \
        "${options[@]}" "${files[@]}"
) || status=$?

if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "e2e: timed out after ${budget} s; logs in $out"
    exit 1
fi
summary=$(cat "$tmp/summary" 2>/dev/null || true)
[ -n "$summary" ] || summary="e2e: no summary (node exited with $status)"
if [ "$status" -ne 0 ]; then
    echo "--- last lines of $out/tauri-driver.log"
    tail -n 30 "$out/tauri-driver.log" || true
fi
echo "$summary in $((SECONDS - start)) s; screenshots in ${out#"$root"/}"
[[ "$summary" =~ ^e2e:\ ([0-9]+)\ passed ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] || status=1
exit "$status"
