"""A user's script that touches every public name of bc_invoice, for mypy --strict (test_typing.py) and to
run: its annotations are evaluated at run time (no `from __future__ import annotations`), so every type
name the stubs offer must exist in the package too."""

import sys
from decimal import Decimal
from typing import Any, get_type_hints

import bc_invoice
from bc_invoice import Finding, Report, ValidationError, Validator, kinds, parse, rules, validate


def check(data: bytes) -> bc_invoice.ReportDict:
    report: Report = validate(data)
    validate(data.decode(), "create-invoice", strict=True, redact=False, deny=["gstin-checksum"], warn="pincode", allow=())
    validate(bytearray(data), None, deny=None, warn=None, allow=None)
    validate(memoryview(data))
    findings: tuple[Finding, ...] = report.errors + report.warnings
    for finding in findings:
        where: tuple[str, str, str, int, int] = (finding.pointer, finding.keyword, finding.message, finding.line, finding.column)
        facts: tuple[str | None, str, str | None, str | None] = (finding.rule, finding.level, finding.expected, finding.found)
        print(where, facts)
        mine = Finding(pointer=finding.pointer, keyword=finding.keyword, message=finding.message, line=finding.line,
                       column=finding.column, level=finding.level, rule=finding.rule, expected=finding.expected,
                       found=finding.found)
        assert mine == finding
    summary: tuple[bool, str | None, bool, int, str, bool] = (
        report.valid,
        report.kind,
        report.detected,
        report.omitted,
        report.to_json(),
        bool(report),
    )
    print(summary[:4])
    entry: bc_invoice.ReportDict = report.to_dict()
    for item in entry["errors"] + entry["warnings"]:
        one: bc_invoice.FindingDict = item
        print(one["instanceLocation"], one["keyword"], one["error"], one["line"], one["column"], one.get("rule"))
    return entry


def settings(deny: bc_invoice.RuleIds) -> list[bc_invoice.RuleDict]:
    validator = Validator(strict=False, redact=True, deny=deny, warn=[], allow=("pincode",))
    flags: tuple[bool, bool] = (validator.strict, validator.redact)
    print(flags)
    listed: list[bc_invoice.RuleDict] = validator.rules() + rules(deny="all", warn=None, allow=["pincode"])
    return [rule for rule in listed if rule["level"] != rule["defaultLevel"]]


def read(data: bc_invoice.Document) -> dict[str, Any]:
    try:
        document: dict[str, Any] = parse(data, None, strict=False, redact=False, deny=(), warn=(), allow=())
        Validator().parse(data, "create-invoice")
        return document
    except ValidationError as error:
        report: Report = error.report
        raise ValueError(report.to_json()) from error


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as file:
        data = file.read()
    check(data)
    print(len(settings("all")), len(kinds()))
    amount = read(data)["invoice"]["valueDetails"]["totalInvoiceValue"]
    assert isinstance(amount, Decimal)
    for function in (check, settings, read):
        get_type_hints(function)
    print("ok")
