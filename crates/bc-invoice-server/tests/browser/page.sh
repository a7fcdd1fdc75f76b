#!/usr/bin/env bash
# The page in a real browser: installs playwright-core and axe-core as pinned here (npm ci, into
# target/browser-test/), builds and starts bc-invoice-server on a free port, and runs page.cjs against it
# with Debian's chromium (/usr/bin/chromium; `apt-get install chromium`, which .ci/run does); the page's
# masked source lines are compared with the command's --redact excerpts, so it builds the command too.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../../.."

fail() {
    echo "error: $*" >&2
    exit 1
}

[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: apt-get install chromium"
command -v node >/dev/null || fail "node is not installed"
dir="${CARGO_TARGET_DIR:-target}/browser-test"
pins=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$pins" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$here/package.json" "$here/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) ||
        fail "npm ci failed: cannot install the pinned playwright-core and axe-core from the npm registry"
    echo "$pins" >"$dir/.stamp"
fi

# The command too: the page's masked source lines are compared with its --redact excerpts.
cargo build --quiet --locked -p bc-invoice-server -p bc-invoice-cli --bin bc-invoice-server --bin bc-invoice-validate
log="$dir/server.log"
# Emptied before the server starts: its own `>"$log"` runs in the background job, which may open the file
# after the first read below, and that read would then find the last run's address (a port no longer
# listening: ERR_CONNECTION_REFUSED).
: >"$log"
"${CARGO_TARGET_DIR:-target}/debug/bc-invoice-server" --listen 127.0.0.1:0 >"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
address=""
for _ in $(seq 100); do
    address=$(sed -n 's/.*"address":"\([^"]*\)".*/\1/p' "$log" | head -1)
    [ -n "$address" ] && break
    sleep 0.1
done
[ -n "$address" ] || fail "the server did not start: $(cat "$log")"

NODE_PATH="$dir/node_modules" BC_INVOICE_VALIDATE="${CARGO_TARGET_DIR:-target}/debug/bc-invoice-validate" node "$here/page.cjs" "http://$address" tests/fixtures/docs/confirm-invoice.json
kill -TERM "$server"
wait "$server" || fail "the server did not stop with status 0"
trap - EXIT
