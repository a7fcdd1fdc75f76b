"""Shared by the package's tests: where the repository, its fixtures and the built command are."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.json"))


def command() -> Path:
    """The bc-invoice-validate command whose output the package is held to: $BC_INVOICE_VALIDATE, else the
    debug build in the repository's target directory (`.ci/run` builds it first)."""
    given = os.environ.get("BC_INVOICE_VALIDATE")
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    path = Path(given) if given else target / "debug" / "bc-invoice-validate"
    if not path.is_file():
        pytest.fail(f"{path} is missing: build it with `cargo build --bin bc-invoice-validate`", pytrace=False)
    return path


def run_command(*args: str, files=()) -> dict | list:
    """The command's JSON output for `files` with these flags (no bc-invoice.toml read)."""
    result = subprocess.run(
        [str(command()), "--format", "json", "--no-config", *args, *map(str, files)],
        capture_output=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr.decode(errors="replace")
    return json.loads(result.stdout)


def command_entries(*args: str, files=FIXTURES) -> dict:
    """The command's `--format json` entry of each file, less its name, by path."""
    out = run_command(*args, files=files)
    entries = {}
    for entry in out["files"]:
        entries[Path(entry.pop("file")).resolve()] = entry
    assert len(entries) == len(files)
    return entries


@pytest.fixture(scope="session")
def fixtures():
    return FIXTURES
