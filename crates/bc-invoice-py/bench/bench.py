"""Bytes to verdict from Python: bc_invoice against Python jsonschema, fastjsonschema and jsonschema-rs.

    python crates/bc-invoice-py/bench/bench.py [--rounds N] [--batch-ms MS] [--clock thread|wall]

Run it in a virtual environment holding the package (`pip install ./crates/bc-invoice-py`) and the pinned
contenders (`pip install -r crates/bc-invoice-py/bench/requirements.txt`). The inputs are the 5.4 kB
create-invoice request of the Rust benchmark (create-1, `bench/create-invoice-1.json`, which a test holds
equal to `corpus::create_invoice(1)`) and the confirm request (`tests/fixtures/valid/confirm-invoice.accept.json`).

Every contender starts from the document's bytes and ends with a verdict, each with what it needs built
once beforehand:

- bc_invoice: `validate(bytes, kind)`, rules at their default levels (every error with its line and column);
- jsonschema: `json.loads` + `Draft202012Validator(bundle, format_checker=FORMAT_CHECKER).is_valid`;
- fastjsonschema: `json.loads` + the validator `fastjsonschema.compile(bundle)` generated (formats on);
- jsonschema-rs: `json.loads` + `jsonschema_rs.validator_for(bundle, validate_formats=True).is_valid`;
- and, not a contender, `json.loads` alone: what the other three spend before they check anything.

The others check the bundled schema (`schema/bundled/<kind>.schema.json`) alone: no rules, no positions.
The contenders take turns: each round runs a batch of about `--batch-ms` of every contender, in turn;
the figures are the medians of the rounds' per-call times and of the rounds' ratios (with their middle half),
so that a burst of load on a shared machine falls on all contenders of a round alike. Times are the
calling thread's CPU time by default (`time.thread_time`: on a machine shared with other work, the time the
thread was not running is not counted; every contender runs on the calling thread), or wall-clock time with
`--clock wall`.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import fastjsonschema
import jsonschema
import jsonschema_rs

import bc_invoice

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
INPUTS = {
    "create-1": ("create-invoice", HERE / "create-invoice-1.json"),
    "confirm": ("confirm-invoice", ROOT / "tests/fixtures/valid/confirm-invoice.accept.json"),
}


FLOOR = "json.loads alone"


def contenders(kind: str):
    bundle = json.loads((ROOT / "schema/bundled" / f"{kind}.schema.json").read_text())
    python = jsonschema.Draft202012Validator(bundle, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    fast = fastjsonschema.compile(bundle)
    rs = jsonschema_rs.validator_for(bundle, validate_formats=True)

    def fast_valid(document) -> bool:
        try:
            fast(document)
            return True
        except fastjsonschema.JsonSchemaException:
            return False

    return {
        "bc_invoice": lambda data: bc_invoice.validate(data, kind).valid,
        "jsonschema": lambda data: python.is_valid(json.loads(data)),
        "fastjsonschema": lambda data: fast_valid(json.loads(data)),
        "jsonschema-rs": lambda data: rs.is_valid(json.loads(data)),
        # Not a contender: what the others spend before they check anything.
        FLOOR: lambda data: json.loads(data) is not None,
    }


CLOCK = time.thread_time


def batch_size(check, data: bytes, batch_seconds: float) -> int:
    n = 1
    while True:
        started = CLOCK()
        for _ in range(n):
            check(data)
        took = CLOCK() - started
        if took >= batch_seconds / 4:
            return max(1, int(n * batch_seconds / took))
        n *= 2


def measure(name: str, kind: str, data: bytes, rounds: int, batch_seconds: float):
    checks = contenders(kind)
    for contender, check in checks.items():
        if check(data) is not True:
            sys.exit(f"{contender} does not accept {name}: the comparison would be meaningless")
    # The same contenders refuse a broken document: each checks something.
    spoiled = json.loads(data)
    first = next(iter(spoiled))
    spoiled[first] = 12
    spoiled = json.dumps(spoiled).encode()
    for contender, check in checks.items():
        if contender != FLOOR and check(spoiled) is not False:
            sys.exit(f"{contender} accepts a spoiled {name}")
    sizes = {contender: batch_size(check, data, batch_seconds) for contender, check in checks.items()}
    for check in checks.values():  # warm up
        for _ in range(1000):
            check(data)
    times = {contender: [] for contender in checks}
    for _ in range(rounds):
        for contender, check in checks.items():
            n = sizes[contender]
            started = CLOCK()
            for _ in range(n):
                check(data)
            times[contender].append((CLOCK() - started) / n)
    ours = times["bc_invoice"]
    rows = []
    for contender, per_call in times.items():
        ratios = sorted(theirs / mine for theirs, mine in zip(per_call, ours))
        quartiles = statistics.quantiles(ratios, n=4)
        rows.append((contender, statistics.median(per_call), statistics.median(ratios), quartiles[0], quartiles[2]))
    return rows


def shown(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=51)
    parser.add_argument("--batch-ms", type=float, default=20.0)
    parser.add_argument("--clock", choices=["thread", "wall"], default="thread")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.thread_time if args.clock == "thread" else time.perf_counter
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"
        + (f", load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start" if load else "")
    )
    from importlib.metadata import version

    versions = {name: version(name) for name in ("bc-invoice", "jsonschema", "fastjsonschema", "jsonschema-rs")}
    print("versions: " + ", ".join(f"{name} {v}" for name, v in versions.items()))
    clock = "the thread's CPU time" if args.clock == "thread" else "wall-clock time"
    print(f"{args.rounds} rounds, batches of about {args.batch_ms:g} ms per contender, {clock}\n")
    print("| input | size | contender | time per call | contender ÷ bc_invoice (middle half) |")
    print("|---|---:|---|---:|---:|")
    for name, (kind, path) in INPUTS.items():
        data = path.read_bytes()
        for contender, per_call, ratio, low, high in measure(name, kind, data, args.rounds, args.batch_ms / 1e3):
            size = f"{len(data) / 1024:.1f} kB" if len(data) >= 1024 else f"{len(data)} B"
            print(f"| {name} | {size} | {contender} | {shown(per_call)} | {ratio:.1f}× ({low:.1f}–{high:.1f}) |")
    if load:
        end = os.getloadavg()
        print(f"\nload average {end[0]:.2f} {end[1]:.2f} {end[2]:.2f} at the end")


if __name__ == "__main__":
    main()
