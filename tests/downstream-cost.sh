#!/usr/bin/env bash
# What depending on bc-invoice-validate costs a Rust service's clean build: a fresh crate outside the
# workspace (in a temporary directory, with its own target directory) that depends on
# crates/bc-invoice-validate by path, built from scratch with `cargo build` (debug, the default profile of a
# new crate), once with the default features and once with `default-features = false`, the two taking turns.
#
#   bash tests/downstream-cost.sh            # one build of each
#   RUNS=3 JOBS=2 bash tests/downstream-cost.sh
#
# Prints, per variant: the wall time of each build (and the median), the crates compiled (cargo's
# `Compiling` lines, build-time dependencies included) and the crates linked into the service (`cargo tree
# -e normal`, the service itself included), with the load average before and after each build, since
# the time depends on what else the machine runs. The registry's sources are fetched before the clock
# starts (the builds run `--offline`), and the service uses the workspace's Cargo.lock, so that the
# versions are those the workspace tests.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-1}"
jobs="${JOBS:-$(nproc)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

variants=(default no-default)

make_service() {
    local variant="$1" dir="$work/$1" features=""
    if [ "$variant" = no-default ]; then
        features=", default-features = false"
    fi
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "service"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
bc-invoice-validate = { path = "$root/crates/bc-invoice-validate"$features }

[workspace]
EOF
    cat >"$dir/src/main.rs" <<'EOF'
fn main() {
    let text = br#"{"payload": "SUCCESS", "response_code": 0, "response_message": "SUCCESS"}"#;
    let report = bc_invoice_validate::validate(None, text);
    println!("valid: {}", report.is_valid());
}
EOF
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    (cd "$dir" && cargo fetch --quiet)
}

for variant in "${variants[@]}"; do
    make_service "$variant"
done

declare -A times compiled linked
for ((run = 1; run <= runs; run++)); do
    for variant in "${variants[@]}"; do
        dir="$work/$variant"
        rm -rf "$dir/target"
        before="$(cut -d' ' -f1-3 /proc/loadavg)"
        start="$(date +%s.%N)"
        (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build --offline -j "$jobs" --color never 2>"$dir/build.log")
        end="$(date +%s.%N)"
        after="$(cut -d' ' -f1-3 /proc/loadavg)"
        seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
        count="$(grep -c '^ *Compiling ' "$dir/build.log")"
        times[$variant]+="$seconds "
        compiled[$variant]="$count"
        printf '%s run %d: %.1f s, %d crates compiled, load average %s before, %s after\n' \
            "$variant" "$run" "$seconds" "$count" "$before" "$after"
    done
done

for variant in "${variants[@]}"; do
    (cd "$work/$variant" && cargo tree --offline -e normal --prefix none | sed 's/ (\*)$//' | sort -u) >"$work/$variant.tree"
    linked[$variant]="$(wc -l <"$work/$variant.tree")"
done

echo
echo "cargo build (debug, clean, -j $jobs) of a new crate depending on bc-invoice-validate; $(nproc) cores, $(rustc --version)"
echo
echo "| features | wall time (median of $runs) | runs | crates compiled | crates linked |"
echo "|---|---:|---|---:|---:|"
for variant in "${variants[@]}"; do
    median="$(tr ' ' '\n' <<<"${times[$variant]}" | grep . | sort -n |
        awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')"
    all="$(printf '%.1f ' ${times[$variant]})"
    name="default"
    [ "$variant" = no-default ] && name='`default-features = false`'
    printf '| %s | %.1f s | %s| %d | %d |\n' "$name" "$median" "$all" "${compiled[$variant]}" "${linked[$variant]}"
done
echo
echo "Linked with the default features only: $(comm -23 "$work/default.tree" "$work/no-default.tree" | grep -v "^service " | sed 's/ (.*)$//' | tr '\n' ' ')"
