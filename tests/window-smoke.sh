#!/usr/bin/env bash
# The real app window on a database the CLI seeded: it must open, be titled Roadie and stay up.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
out=test-output
mkdir -p "$out"
dir=$(mktemp -d)
app="" xvfb=""
cleanup() { kill $app $xvfb 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT

cargo build -q -p roadie-app -p roadie-cli
"$target/debug/roadie" --db "$dir/roadie.db" demo >/dev/null

display=":$((100 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=$display "$target/debug/roadie-app" --db "$dir/roadie.db" >"$dir/app.log" 2>&1 & app=$!

passed=0 failed=0
for _ in $(seq 1 120); do
    if DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q '"Roadie"'; then break; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.5
done
if DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q '"Roadie"'; then
    passed=$((passed + 1))
else
    echo "window-smoke: no window titled Roadie appeared"; cat "$dir/app.log"; failed=$((failed + 1))
fi
sleep 3 # let the page load its summits
if kill -0 "$app" 2>/dev/null; then
    passed=$((passed + 1))
    DISPLAY=$display xwd -root -silent >"$out/window-smoke.xwd" || true
else
    echo "window-smoke: the app exited"; cat "$dir/app.log"; failed=$((failed + 1))
fi
echo "window-smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
