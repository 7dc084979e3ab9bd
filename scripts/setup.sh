#!/usr/bin/env bash
# Installs what building, running and testing Roadie needs on Debian/Ubuntu, skipping what is there.
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# System packages: WebKitGTK and friends for Tauri; Xvfb for the headless app checks.
packages=(build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev
          libxdo-dev xvfb xauth x11-utils x11-apps sqlite3)
# WebKitWebDriver, which tauri-driver drives, for the end-to-end tests (tests/e2e).
packages+=(webkit2gtk-driver)
# The single-instance spec hides the window and finds it by name with xdotool.
packages+=(xdotool)
# Calendar checks (tests/ical-validate.sh): libical's GObject bindings for Debian's python3, the
# calcurse and khal clients, and venv for the pinned Python parsers.
packages+=(gir1.2-ical-3.0 python3-gi calcurse khal python3-venv)
# CalDAV publishing: libdbus for the keyring crate's Secret Service client; for tests/caldav.sh the
# Radicale server and a Secret Service (gnome-keyring in a private D-Bus session).
packages+=(libdbus-1-dev radicale gnome-keyring dbus-daemon)
# Budget export checks (tests/budget-export.sh): LibreOffice recalculates the XLSX, poppler reads
# and renders the PDF.
packages+=(libreoffice-calc-nogui poppler-utils)
# A Node.js installed outside apt (newer than Debian's) is kept.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
    echo "setup: Rust is missing; install it with rustup (https://rustup.rs) and run this again" >&2
    exit 1
fi

# sqlx-cli checks the committed query metadata against the migrations.
if ! command -v sqlx >/dev/null || ! sqlx --version | grep -q "sqlx-cli 0.8"; then
    echo "setup: installing sqlx-cli"
    cargo install sqlx-cli --version 0.8.6 --no-default-features --features sqlite --locked
fi

# tauri-driver puts the app's window behind WebDriver for the end-to-end tests (tests/e2e).
if ! cargo install --list | grep '^tauri-driver v2\.1\.0:' >/dev/null; then
    echo "setup: installing tauri-driver"
    cargo install tauri-driver --version 2.1.0 --locked
fi

# cargo-fuzz and a nightly compiler (for its sanitizer flags) for the importers' fuzz run
# (fuzz/run.sh). Without a nightly toolchain the run uses stable with RUSTC_BOOTSTRAP=1.
if ! cargo install --list | grep '^cargo-fuzz v0\.13\.' >/dev/null; then
    echo "setup: installing cargo-fuzz"
    cargo install cargo-fuzz --version 0.13.2 --locked
fi
if command -v rustup >/dev/null && ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "setup: installing a nightly Rust toolchain for cargo-fuzz"
    rustup toolchain install nightly --profile minimal ||
        echo "setup: no nightly toolchain; fuzz/run.sh will use stable with RUSTC_BOOTSTRAP=1" >&2
fi

# The strict .ics parsers (Python's ical and vobject), pinned, in their own venv.
venv="${ROADIE_VENV:-$HOME/.cache/roadie-venv}"
if [ ! -x "$venv/bin/python" ] || ! cmp -s tests/ical/requirements.txt "$venv/roadie-requirements.txt"; then
    echo "setup: installing the calendar checks' Python packages into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/ical/requirements.txt
    cp tests/ical/requirements.txt "$venv/roadie-requirements.txt"
fi

# The front end's packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm ci --no-audit --no-fund)
fi
