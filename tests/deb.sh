#!/usr/bin/env bash
# The .deb the Tauri bundler built (`make deb`): it installs with dpkg, puts the binary, the
# desktop entry and the icons where a desktop expects them, declares its libraries, and the app
# starts the way the applications menu starts it (the desktop entry's Exec line) and opens its
# window. The package is removed again at the end.
#
#   tests/deb.sh [PATH.deb]      # default: the newest .deb under $CARGO_TARGET_DIR/release/bundle/deb
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(realpath -m "${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}")
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

deb=${1:-$(ls -t "$target"/release/bundle/deb/*.deb 2>/dev/null | head -n 1 || true)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "deb: no .deb found; run make deb first" >&2; exit 1; }
echo "deb: testing $deb"

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "  ok   $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL $*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

pkg=$(dpkg-deb -f "$deb" Package)
dir=$(mktemp -d)
app="" xvfb="" installed=""
cleanup() {
    [ -n "$app" ] && { kill "$app" 2>/dev/null || true; }
    [ -n "$xvfb" ] && { kill "$xvfb" 2>/dev/null || true; }
    wait 2>/dev/null || true
    [ -n "$installed" ] && { $SUDO dpkg -r "$pkg" >/dev/null 2>&1 || true; }
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# dpkg waits for no one: retry while apt or another dpkg holds its lock.
dpkg_retry() {
    local out
    for _ in $(seq 1 60); do
        if out=$($SUDO dpkg "$@" 2>&1); then return 0; fi
        grep -q "lock" <<<"$out" || { echo "$out" >&2; return 1; }
        sleep 2
    done
    echo "$out" >&2
    return 1
}

# The control file: the libraries Tauri needs on Debian and Ubuntu.
depends=$(dpkg-deb -f "$deb" Depends)
echo "  Depends: $depends"
check "Depends names libwebkit2gtk-4.1-0" grep -Eq '(^|, )libwebkit2gtk-4\.1-0( |,|$)' <<<"$depends"
check "Depends names libgtk-3-0" grep -Eq '(^|, )libgtk-3-0( |,|$)' <<<"$depends"
# WebKit's feature API (src-tauri/webkit_features.rs) came with WebKitGTK 2.42.
check "Depends asks for WebKitGTK 2.42 or later" grep -Fq 'libwebkit2gtk-4.1-0 (>= 2.42)' <<<"$depends"

# Install.
if $SUDO dpkg -s "$pkg" >/dev/null 2>&1; then
    echo "deb: $pkg is already installed; it is replaced and removed at the end"
fi
if dpkg_retry -i "$deb"; then
    installed=1
    pass "dpkg -i installs $pkg"
else
    fail "dpkg -i installs $pkg"
    echo "deb: $passed passed, $failed failed"
    exit 1
fi
check "dpkg reports $pkg installed" bash -c "dpkg -s '$pkg' | grep -q '^Status: install ok installed'"

files=$(dpkg -L "$pkg")
binaries=$(grep '^/usr/bin/.' <<<"$files" || true)
check "a binary in /usr/bin ($(tr '\n' ' ' <<<"$binaries"))" test -n "$binaries"
for b in $binaries; do check "$b is executable" test -x "$b"; done

desktop=$(grep '^/usr/share/applications/.*\.desktop$' <<<"$files" | head -n 1 || true)
check "a desktop entry in /usr/share/applications (${desktop:-none})" test -n "$desktop" -a -f "$desktop"
entry() { sed -n "s/^$1=//p" "$desktop" 2>/dev/null | head -n 1; }
exec_line=$(entry Exec) icon=$(entry Icon) name=$(entry Name) categories=$(entry Categories)
echo "  Name=$name Exec=$exec_line Icon=$icon Categories=$categories"
check "Name is Roadie" test "$name" = "Roadie"
check "Categories is set" test -n "$categories"
check "Type is Application" test "$(entry Type)" = "Application"
icons=$(grep -E "^/usr/share/icons/hicolor/[0-9x@]+/apps/$icon\.png$" <<<"$files" || true)
check "Icon $icon has PNGs in /usr/share/icons/hicolor ($(wc -w <<<"$icons") sizes)" test -n "$icon" -a -n "$icons"
for png in $icons; do check "$png is a PNG" bash -c "file -b '$png' | grep -q '^PNG image'"; done
if command -v desktop-file-validate >/dev/null; then
    check "desktop-file-validate accepts the entry" desktop-file-validate "$desktop"
fi

# Start it as the applications menu would: the Exec line, field codes (%f, %U, ...) dropped, the
# program looked up on PATH, on a fresh database and a fresh home.
read -r -a argv <<<"$(sed -E 's/ ?%[fFuUdDnNickvm]//g' <<<"$exec_line")"
program=$(command -v "${argv[0]}" || true)
check "Exec's program ${argv[0]} resolves to $program, from the package" \
    grep -qxF "$program" <<<"$binaries"

display_file=$dir/display
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" >"$dir/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 1 100); do [ -s "$display_file" ] && break; sleep 0.1; done
display=":$(tr -d '[:space:]' <"$display_file")"
mkdir -p "$dir/home"
(
    cd "$dir/home"
    export DISPLAY=$display HOME=$dir/home ROADIE_DB=$dir/roadie.db NO_AT_BRIDGE=1
    exec "${argv[@]}"
) >"$dir/app.log" 2>&1 &
app=$!

window=""
for _ in $(seq 1 120); do
    if DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q '"Roadie"'; then window=1; break; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.5
done
if [ -n "$window" ]; then pass "a window titled Roadie appears"; else fail "a window titled Roadie appears"; cat "$dir/app.log"; fi
sleep 3
if kill -0 "$app" 2>/dev/null; then pass "the app stays up"; else fail "the app stays up"; cat "$dir/app.log"; fi
check "the app created its database at ROADIE_DB" test -f "$dir/roadie.db"
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
app=""

# Remove.
if dpkg_retry -r "$pkg"; then
    installed=""
    pass "dpkg -r removes $pkg"
else
    fail "dpkg -r removes $pkg"
fi
for b in $binaries; do check "$b is gone" test ! -e "$b"; done
check "the desktop entry is gone" test ! -e "$desktop"

echo "deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
