#!/usr/bin/env bash
# A short, bounded fuzz run of every target with cargo-fuzz (libFuzzer + AddressSanitizer),
# each target seeded with its committed corpus (fuzz/corpus/<target>/, left as it is: new inputs go
# to a temporary folder). Fails on the first crash, leaving the input in fuzz/artifacts/<target>/.
#
#   fuzz/run.sh                 # every target, FUZZ_SECONDS (default 60) each
#   fuzz/run.sh frab_xml csv    # some targets
#
# cargo-fuzz needs a nightly compiler for -Zsanitizer. It uses the nightly toolchain when rustup has
# one (scripts/setup.sh installs it); otherwise the stable compiler with RUSTC_BOOTSTRAP=1, which
# unlocks the same flags (the sanitizer runtimes ship with stable too).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
seconds=${FUZZ_SECONDS:-60}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}/fuzz
export SQLX_OFFLINE=true

command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz is missing: run scripts/setup.sh (make setup)" >&2; exit 1; }
if rustup run nightly rustc --version >/dev/null 2>&1; then
    toolchain=(+nightly)
    echo "fuzz: $(rustup run nightly rustc --version)"
else
    toolchain=()
    export RUSTC_BOOTSTRAP=1
    echo "fuzz: no nightly toolchain; $(rustc --version) with RUSTC_BOOTSTRAP=1"
fi

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo "${toolchain[@]}" fuzz list)

echo "fuzz: building the targets (AddressSanitizer) into $CARGO_TARGET_DIR"
cargo "${toolchain[@]}" fuzz build --release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for target in "${targets[@]}"; do
    mkdir -p "$work/$target" "artifacts/$target"
    start=$SECONDS
    if cargo "${toolchain[@]}" fuzz run --release "$target" "$work/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"$work/$target.log" 2>&1; then
        runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$work/$target.log" | grep -oE '[0-9]+$' || echo '?')
        echo "fuzz: $target: PASS, $runs runs in $((SECONDS - start)) s"
    else
        status=1
        echo "fuzz: $target: FAIL"
        tail -n 40 "$work/$target.log"
        ls -1 "artifacts/$target" 2>/dev/null | sed "s|^|fuzz: crashing input: fuzz/artifacts/$target/|"
    fi
done
exit "$status"
