#!/usr/bin/env bash
# The service's figures (docs/server.md): wrk on loopback at 1 and 64 connections, for the 5.4 kB
# create-invoice request (the benchmark's create-1) and the documentation's Confirm Invoice example, against
# POST /v1/validate and, in the same run and server, the floor POST /internal/floor (the body read under the
# same limits, a fixed 200, no validation; served only with --floor-route) and the read floor
# POST /internal/floor/read (the same, and the body read as JSON by serde_json into IgnoredAny: what any
# validator must do at least). Prints a Markdown table: requests per second, p50 and p99 latency, each
# route's throughput ÷ the floor's, and the server's peak memory (VmHWM) after each run. wrk runs on the
# same machine, so it takes CPU from the server: say how many cores there are.
#
#   bash crates/bc-invoice-server/bench.sh [SECONDS]     (default 10 per run; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

cargo build --quiet --release --locked -p bc-invoice-server -p bc-invoice-tests --bin bc-invoice-server --bin bench
target="${CARGO_TARGET_DIR:-target}"
work="$target/server-bench"
mkdir -p "$work"
"$target/release/bench" input create-1 >"$work/create-1.json"
cp tests/fixtures/docs/confirm-invoice.json "$work/confirm.json"

"$target/release/bc-invoice-server" --listen 127.0.0.1:0 --floor-route >"$work/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
address=""
for _ in $(seq 100); do
    address=$(sed -n 's/.*"address":"\([^"]*\)".*/\1/p' "$work/server.log" | head -1)
    [ -n "$address" ] && break
    sleep 0.1
done
[ -n "$address" ] || { echo "error: the server did not start" >&2; exit 1; }

peak() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$server/status"; }

# One wrk run: prints "rps p50 p99" (latencies in ms).
run() {
    local path=$1 body=$2 connections=$3 threads=$(( $3 > 1 ? 2 : 1 ))
    cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$body", "rb"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.3f %.3f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
LUA
    wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$work/post.lua" "http://$address$path" |
        sed -n 's/^RESULT //p'
}

# Warm-up: a second of each route.
seconds_saved=$seconds; seconds=1
run /v1/validate "$work/create-1.json" 8 >/dev/null
run /internal/floor "$work/create-1.json" 8 >/dev/null
run /internal/floor/read "$work/create-1.json" 8 >/dev/null
seconds=$seconds_saved

echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores,"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg); wrk ${seconds} s per run, on the same machine."
echo
echo "| request | connections | route | requests/s | p50 | p99 | errors | ÷ floor | peak memory after |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
for input in create-1 confirm; do
    body="$work/$input.json"
    size=$(wc -c <"$body")
    for connections in 1 64; do
        floor_rps=""
        for route in /internal/floor /internal/floor/read /v1/validate; do
            read -r rps p50 p99 errors _ < <(run "$route" "$body" "$connections")
            ratio=""
            if [ -z "$floor_rps" ]; then
                floor_rps=$rps
            else
                ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf "%.2f", a / b }')
            fi
            name=$route
            case "$route" in /internal/floor) name=floor ;; /internal/floor/read) name="read floor" ;; esac
            echo "| $input ($size B) | $connections | $name | $rps | ${p50} ms | ${p99} ms | $errors | $ratio | $(($(peak) / 1024)) MiB |"
        done
    done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$server"
wait "$server"
trap - EXIT
