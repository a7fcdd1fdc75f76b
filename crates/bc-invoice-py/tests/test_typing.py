"""The stubs are what the package has, as mypy sees both: stubtest compares them with the installed module,
and a user's script that touches every public name passes mypy --strict and runs."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SCRIPT = Path(__file__).parent / "typed" / "uses_everything.py"
ALLOWLIST = Path(__file__).parent / "stubtest-allowlist.txt"


def mypy(*args, cwd):
    result = subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def test_stubtest_finds_the_stubs_match_the_module(tmp_path):
    # From a directory without bc_invoice in it, so that the installed package is the one compared.
    # The allowlist's entries are for the Pythons before 3.12: unused on the others.
    status, out = mypy(
        "mypy.stubtest", "bc_invoice", "--allowlist", str(ALLOWLIST), "--ignore-unused-allowlist", cwd=tmp_path
    )
    assert status == 0, out


def test_a_script_using_every_public_name_passes_mypy_strict_and_runs(tmp_path):
    status, out = mypy("mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(SCRIPT), cwd=tmp_path)
    assert status == 0, out
    fixture = ROOT / "tests/fixtures/valid/create-invoice.json"
    result = subprocess.run([sys.executable, str(SCRIPT), str(fixture)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("ok\n")
