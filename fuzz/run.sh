#!/usr/bin/env bash
# Builds both fuzz targets and runs each for a bounded time (BC_INVOICE_FUZZ_SECONDS, default 60), seeded
# with every fixture of every document kind and the schema's dictionary. A crash fails the run, and the
# reproducer libFuzzer kept under fuzz/artifacts/<target>/ is printed (path and base64).
#
# With a nightly toolchain, cargo-fuzz builds with AddressSanitizer (and LeakSanitizer), as it does by
# default. Without one, it builds on the stable toolchain with `--sanitizer none`: libFuzzer's coverage
# guidance, debug assertions and overflow checks stay (they are stable codegen options); only the
# sanitizers, which need nightly flags, go. The crates have no unsafe code of their own, so what a
# sanitizer would add there is a check of their dependencies' unsafe code. BC_INVOICE_FUZZ_STABLE=1 takes
# the stable way where there is a nightly too.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BC_INVOICE_FUZZ_SECONDS:-60}"
if [ "${BC_INVOICE_FUZZ_STABLE:-}" != 1 ] && rustup run nightly rustc --version >/dev/null 2>&1; then
    fuzz=(cargo +nightly fuzz)
    sanitizer=()
    echo "fuzz: nightly toolchain, AddressSanitizer on"
else
    fuzz=(cargo fuzz)
    sanitizer=(--sanitizer none)
    echo "fuzz: no nightly toolchain: stable, coverage-guided, without sanitizers"
fi
if ! "${fuzz[@]}" --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz from crates.io"
    cargo install cargo-fuzz --version 0.13.2 --locked --quiet
fi

# The seeds: every fixture of every kind, valid, documented, legitimate and mistaken, payments included.
seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
find tests/fixtures -name '*.json' -print0 | while IFS= read -r -d '' file; do
    cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"
done
echo "fuzz: $(ls "$seeds" | wc -l) seeds from tests/fixtures"

# Built before the clock starts, both targets at once.
"${fuzz[@]}" build "${sanitizer[@]}" 2>&1 | tail -n 20

status=0
for target in validate_bytes parse_typed; do
    mkdir -p "fuzz/corpus/$target"
    rm -rf "fuzz/artifacts/$target"
    echo "fuzz: $target for ${seconds}s"
    log="fuzz/$target.log"
    set +e
    "${fuzz[@]}" run "${sanitizer[@]}" "$target" "fuzz/corpus/$target" "$seeds" -- \
        -dict=fuzz/json.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1
    code=$?
    set -e
    # libFuzzer's last lines, and a panic's message with its place, which can come well before them.
    grep -m 3 -A 4 -e "panicked at" -e "ERROR: " "$log" || true
    tail -n 12 "$log"
    if [ "$code" != 0 ] || ls "fuzz/artifacts/$target"/* >/dev/null 2>&1; then
        status=1
        echo "fuzz: $target FAILED (exit $code); reproducers kept under fuzz/artifacts/$target/:"
        for artifact in "fuzz/artifacts/$target"/*; do
            [ -f "$artifact" ] || continue
            echo "--- $artifact (base64; replay: ${fuzz[*]} run ${sanitizer[*]} $target $artifact)"
            base64 "$artifact" | head -c 20000
            echo
        done
    fi
done
exit "$status"
