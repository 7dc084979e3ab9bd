#!/usr/bin/env bash
# What tauri-driver launches in place of the app: the app with XDG folders of its own, so each
# test starts as on a first launch (no remembered view or summit in the webview's storage) and
# leaves the user's ~/.local/share/org.roadie.app alone.
#   app-with-own-home.sh --e2e-app APP --e2e-home DIR [--e2e-dbus ADDRESS] [app arguments...]
# The options may be anywhere among the arguments; the others go to APP unchanged. --e2e-dbus
# gives the app that D-Bus session bus (single-instance.test.js).
set -euo pipefail
app="" home="" args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --e2e-app) app=$2; shift 2 ;;
        --e2e-home) home=$2; shift 2 ;;
        --e2e-dbus) export DBUS_SESSION_BUS_ADDRESS=$2; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
[ -n "$app" ] && [ -n "$home" ] || { echo "$0: --e2e-app and --e2e-home are required" >&2; exit 2; }
mkdir -p "$home"/{data,config,state}
# The cache (fonts, shaders) is kept: it holds nothing of the app's, and is slow to rebuild.
export XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_STATE_HOME=$home/state
exec "$app" "${args[@]}"
