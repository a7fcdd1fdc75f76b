"""The type names work where a FastAPI or pydantic service evaluates them: a route returning
`bc_invoice.ReportDict`, or a `TypeAdapter` of it, checks the report's dict. Pydantic refuses a
`typing.TypedDict` on Python before 3.12, so the package's TypedDicts come from `typing_extensions` there."""

import sys

import pydantic
import pytest

import bc_invoice
from conftest import ROOT

PATH = ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json"


@pytest.mark.parametrize("name", ["ReportDict", "FindingDict", "RuleDict"])
def test_the_typed_dicts_are_ones_pydantic_takes(name):
    typed_dict = getattr(bc_invoice, name)
    # What pydantic checks (its error `typed-dict-version`).
    assert sys.version_info >= (3, 12) or type(typed_dict).__module__ != "typing"
    pydantic.TypeAdapter(typed_dict)


def test_a_report_dict_is_checked_by_pydantic_as_fastapi_would_check_a_route_returning_it():
    report = bc_invoice.validate(PATH.read_bytes(), deny="item-amounts")
    entry = report.to_dict()
    assert entry["errors"] and entry["errors"][0]["rule"] == "item-amounts"
    adapter = pydantic.TypeAdapter(bc_invoice.ReportDict)
    assert adapter.validate_python(entry) == entry
    assert adapter.dump_json(entry) == pydantic.TypeAdapter(dict).dump_json(entry)
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python({**entry, "valid": "maybe"})
    rules = pydantic.TypeAdapter(list[bc_invoice.RuleDict])
    assert rules.validate_python(bc_invoice.rules()) == bc_invoice.rules()
