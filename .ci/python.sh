#!/usr/bin/env bash
# The Python package (crates/bc-invoice-py) as a Python user gets it: a fresh virtual environment, the
# package installed with `pip install ./crates/bc-invoice-py` (maturin from PyPI builds it, in release
# mode, into the workspace's target/), pytest from the pins in crates/bc-invoice-py/tests/requirements.txt,
# then the package's tests, held to the command built here. Then the benchmark script runs a few rounds with
# its pinned contenders, to prove it runs (its figures are in docs/python.md, measured apart; nothing here
# is timed). PYTHON_VENV_DIR moves the environment elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
venv=$(realpath -m "${PYTHON_VENV_DIR:-target/python-venv}")
pip_flags=(--quiet --disable-pip-version-check --no-cache-dir)

fail() {
    echo "error: $*" >&2
    exit 1
}

command -v python3 >/dev/null || fail "python3 is not installed: the Python package needs CPython 3.9 or newer"
echo "== python: a fresh virtual environment in $venv ($(python3 --version))"
rm -rf "$venv"
python3 -m venv "$venv" || fail "python3 -m venv failed (on Debian: apt-get install python3-venv)"
"$venv/bin/pip" install "${pip_flags[@]}" -r crates/bc-invoice-py/tests/requirements.txt ||
    fail "pip install failed: cannot install the pinned pytest from PyPI (is it reachable?)"

echo "== python: pip install ./crates/bc-invoice-py"
"$venv/bin/pip" install "${pip_flags[@]}" ./crates/bc-invoice-py ||
    fail "pip install ./crates/bc-invoice-py failed (maturin comes from PyPI: is it reachable?)"

echo "== python: the command the package's findings are held to"
cargo build --quiet --locked --bin bc-invoice-validate
export BC_INVOICE_VALIDATE="${CARGO_TARGET_DIR:-$PWD/target}/debug/bc-invoice-validate"

echo "== python: pytest"
status=0
(cd crates/bc-invoice-py && "$venv/bin/python" -m pytest -q -p no:cacheprovider tests) || status=$?
case $status in
    0) ;;
    5) fail "pytest collected no tests in crates/bc-invoice-py/tests: the package's tests did not run" ;;
    *) fail "the Python package's tests failed (pytest exit status $status)" ;;
esac

echo "== python: the benchmark script runs (a few short rounds; the figures come from a full run)"
"$venv/bin/pip" install "${pip_flags[@]}" -r crates/bc-invoice-py/bench/requirements.txt ||
    fail "pip install failed: cannot install the benchmark's pinned contenders from PyPI (is it reachable?)"
"$venv/bin/python" crates/bc-invoice-py/bench/bench.py --rounds 3 --batch-ms 2 >/dev/null

echo "== python: done in $(($(date +%s) - started)) s"
