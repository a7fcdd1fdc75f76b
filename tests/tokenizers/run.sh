#!/usr/bin/env bash
# The benchmark's floor (serde_json reading into IgnoredAny) against the SIMD JSON readers sonic-rs and
# simd-json, with bc-invoice's own check beside them, on the benchmark's inputs: is there a faster token
# read for the validator to be built on? (docs/performance.md, "The floor against SIMD JSON readers").
#
#   bash tests/tokenizers/run.sh                 # the release build every dependent gets (x86-64 baseline)
#   NATIVE=1 bash tests/tokenizers/run.sh        # with -C target-cpu=native: every SIMD extension of this CPU
#
# Prints one Markdown table per input. Outside the workspace and CI (its own Cargo.lock): a measurement,
# not a test.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && cargo build --quiet --release --locked -p bc-invoice-tests --bin profile)
profile="${CARGO_TARGET_DIR:-$root/target}/release/profile"
for input in create-1 create-100 confirm pay-invoice payment-confirmation; do
    "$profile" write "$input" 1 >"$work/$input.json"
done

target="$root/target/tokenizers"
flags=""
if [ -n "${NATIVE:-}" ]; then
    target="$root/target/tokenizers-native"
    flags="-C target-cpu=native"
fi
RUSTFLAGS="$flags" CARGO_TARGET_DIR="$target" \
    cargo build --quiet --release --locked --manifest-path "$root/tests/tokenizers/Cargo.toml"
echo "Measured on $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1), $(nproc) cores, $(rustc --version | cut -d' ' -f1-2)${NATIVE:+, -C target-cpu=native}, load average $(cut -d' ' -f1-3 /proc/loadavg) before:"
"$target/release/tokenizers" \
    create-invoice="$work/create-1.json" create-invoice="$work/create-100.json" \
    confirm-invoice="$work/confirm.json" pay-invoice="$work/pay-invoice.json" \
    payment-confirmation="$work/payment-confirmation.json"
