#!/usr/bin/env python3
"""Writes a create-invoice request of about SIZE megabytes: the valid fixture with its items repeated.

    python3 tests/large-input.py 100 /tmp/create-100mb.json
    /usr/bin/time -v target/release/bc-invoice-validate --kind create-invoice /tmp/create-100mb.json

The inputs of the memory and time table in docs/cli.md ("Memory is bounded by the files being checked at
once"). The amounts of the repeated items do not add up to the invoice's totals, so the rules report that
(once per invoice); the schema check and the walk cost what they cost on any document of the size.
"""
import json
import pathlib
import sys

size_mb, out = float(sys.argv[1]), pathlib.Path(sys.argv[2])
root = pathlib.Path(__file__).resolve().parent
doc = json.loads((root / "fixtures/valid/create-invoice.json").read_text(encoding="utf-8"))
items = doc["invoice"]["itemLists"]


def written(count):
    """The document's size in bytes with `count` items."""
    doc["invoice"]["itemLists"] = [items[i % len(items)] for i in range(count)]
    return len(json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8"))


base, per = written(0), (written(100) - written(0)) / 100
count = max(1, round((size_mb * 1_000_000 - base) / per))
doc["invoice"]["itemLists"] = [items[i % len(items)] for i in range(count)]
out.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
print(f"{out}: {out.stat().st_size:,} bytes, {count:,} items")
