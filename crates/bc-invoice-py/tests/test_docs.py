"""docs/python.md's example runs as written, given a document as `data`, and shows what its comments say."""

import re

import bc_invoice
from conftest import ROOT


def test_the_example_of_docs_python_md_runs():
    page = (ROOT / "docs/python.md").read_text()
    code = re.search(r"```python\n(.*?)```", page, re.S).group(1)
    assert "report.valid, report.kind, report.detected         # False, \"edit-invoice\", False" in code
    data = (ROOT / "tests/fixtures/mistakes/edit-invoice.version-goes-down.json").read_bytes()
    scope = {"data": data}
    exec(compile(code, "docs/python.md", "exec"), scope)
    report = scope["report"]
    assert (report.valid, report.kind, report.detected) == (False, "edit-invoice", False)
    assert scope["validator"].redact and isinstance(scope["validator"].validate(data), bc_invoice.Report)
    assert isinstance(scope["invoice"], dict)
