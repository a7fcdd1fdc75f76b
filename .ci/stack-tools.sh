#!/usr/bin/env bash
# The schema as other stacks use it: installs the JavaScript and Python tools pinned in tests/stack-tools/
# (ajv-cli, ajv-formats, @redocly/cli, @microsoft/sarif-multitool from the npm registry; check-jsonschema,
# openapi-spec-validator, jsonschema[format], regress from PyPI) into target/stack-tools/, then runs
# tests/stack-tools/check.py: every tool on every bundle and every fixture, held to bc-invoice-validate's
# verdicts, the OpenAPI description through openapi-spec-validator, redocly lint and ajv, and the command's
# SARIF logs through the SARIF multitool's validate and check-jsonschema with the SARIF 2.1.0 schema. The
# multitool is a self-contained .NET program (its npm package holds the Linux build, about 100 MB).
#
# The Rust tools are opt-in, since building them takes minutes of both cores (measured on this 2-core
# machine while others built: jsonschema-cli 0.60.2 11 min wall, 8 CPU-minutes; cargo-typify 0.8.0 6.5 min
# wall, 3.6 CPU-minutes): STACK_TOOLS_CARGO=1 installs both into target/stack-tools/cargo/. Ones already
# there are used either way.
#
# An install that fails (a registry unreachable) stops the run with a message saying which registry; nothing
# is skipped silently. Reinstalls only when a pin changes. STACK_TOOLS_DIR moves the installs elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
tools="${STACK_TOOLS_DIR:-target/stack-tools}"
pins=tests/stack-tools
mkdir -p "$tools"

fail() {
    echo "error: $*" >&2
    exit 1
}

# A stamp holds the hash of the pins an install was made from.
fresh() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

echo "== stack tools: npm packages (ajv-cli, ajv-formats, @redocly/cli, @microsoft/sarif-multitool)"
command -v node >/dev/null || fail "node is not installed: the stack-tools check needs Node 20 or newer and npm"
node_pins=$(cat "$pins/package.json" "$pins/package-lock.json" | sha256sum | cut -d' ' -f1)
if ! fresh "$tools/node/.stamp" "$node_pins"; then
    rm -rf "$tools/node"
    mkdir -p "$tools/node"
    cp "$pins/package.json" "$pins/package-lock.json" "$tools/node/"
    if ! (cd "$tools/node" && npm ci --no-audit --no-fund --loglevel=error); then
        fail "npm ci failed: cannot install the pinned ajv-cli, ajv-formats, @redocly/cli and @microsoft/sarif-multitool from the npm registry (is it reachable? npm config get registry: $(npm config get registry))"
    fi
    echo "$node_pins" >"$tools/node/.stamp"
fi

echo "== stack tools: PyPI packages (check-jsonschema, openapi-spec-validator, jsonschema[format], regress)"
command -v python3 >/dev/null || fail "python3 is not installed: the stack-tools check needs Python 3.9 or newer"
python_pins=$( (cat "$pins/requirements.txt"; python3 --version) | sha256sum | cut -d' ' -f1)
if ! fresh "$tools/venv/.stamp" "$python_pins"; then
    rm -rf "$tools/venv"
    python3 -m venv "$tools/venv" || fail "python3 -m venv failed (on Debian: apt-get install python3-venv)"
    if ! "$tools/venv/bin/pip" install --quiet --disable-pip-version-check -r "$pins/requirements.txt"; then
        fail "pip install failed: cannot install the pinned check-jsonschema, openapi-spec-validator, jsonschema[format] and regress from PyPI (is it reachable?)"
    fi
    echo "$python_pins" >"$tools/venv/.stamp"
fi

if [ "${STACK_TOOLS_CARGO:-0}" = 1 ]; then
    for crate in jsonschema-cli@0.60.2 cargo-typify@0.8.0; do
        if [ ! -x "$tools/cargo/bin/${crate%@*}" ]; then
            echo "== stack tools: $crate from crates.io (STACK_TOOLS_CARGO=1)"
            cargo install --quiet --locked "$crate" --root "$tools/cargo" ||
                fail "cargo install $crate failed (is crates.io reachable?)"
        fi
    done
fi

echo "== stack tools: the validator whose verdicts the tools are held to"
cargo build --quiet --locked --bin bc-invoice-validate
validator="${CARGO_TARGET_DIR:-target}/debug/bc-invoice-validate"

echo "== stack tools: ready in $(($(date +%s) - started)) s; checking"
exec "$tools/venv/bin/python" "$pins/check.py" --tools "$tools" --validator "$validator" --started "$started"
