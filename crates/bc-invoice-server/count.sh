#!/usr/bin/env bash
# Instructions per request, by route and document: the release server runs under callgrind (with
# --floor-route, logs to a file); for each route and body, count.py sends WARM requests on one kept-alive
# connection, the counters are zeroed (callgrind_control -z), N more are sent and the counters dumped
# (callgrind_control -d). The dump's total over N is the server's instructions per request (every thread:
# hyper, axum, the middleware, the log line, the validation), system calls' kernel work not included.
# Prints a Markdown table; the dumps stay in target/server-count/ for callgrind_annotate.
#
#   bash crates/bc-invoice-server/count.sh [N]     (default 1000; needs valgrind and python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
warm=200
command -v valgrind >/dev/null || { echo "error: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }

cargo build --quiet --release --locked -p bc-invoice-server -p bc-invoice-tests --bin bc-invoice-server --bin bench
target="${CARGO_TARGET_DIR:-target}"
work="$target/server-count"
rm -rf "$work"
mkdir -p "$work"
"$target/release/bench" input create-1 >"$work/create-1.json"
cp tests/fixtures/docs/confirm-invoice.json "$work/confirm.json"

valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
    "$target/release/bc-invoice-server" --listen 127.0.0.1:0 --floor-route >"$work/server.log" 2>"$work/valgrind.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
address=""
for _ in $(seq 600); do
    address=$(sed -n 's/.*"address":"\([^"]*\)".*/\1/p' "$work/server.log" | head -1)
    [ -n "$address" ] && break
    sleep 0.1
done
[ -n "$address" ] || { echo "error: the server did not start" >&2; exit 1; }

echo "| request | route | answer bytes | instructions per request |"
echo "|---|---|---:|---:|"
dump=0
for input in create-1 confirm; do
    for path in /internal/floor /v1/validate; do
        python3 crates/bc-invoice-server/count.py "$address" "$path" "$work/$input.json" "$warm" >/dev/null
        callgrind_control -z "$server" >/dev/null 2>&1
        answer=$(python3 crates/bc-invoice-server/count.py "$address" "$path" "$work/$input.json" "$count")
        callgrind_control -d "$input$path" "$server" >/dev/null 2>&1
        dump=$((dump + 1))
        file="$work/callgrind.out.$dump"
        for _ in $(seq 100); do [ -s "$file" ] && grep -q '^totals:' "$file" && break; sleep 0.1; done
        total=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$file")
        echo "| $input | $path | $answer | $((total / count)) |"
    done
done
kill -TERM "$server"
wait "$server" || true
trap - EXIT
