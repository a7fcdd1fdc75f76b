"""Bharat Connect B2B invoice documents validated from Python.

The bc-invoice validator (Rust) with the findings of the ``bc-invoice-validate`` command: JSON Pointer,
keyword or rule, message, line and column; the GST rules; exact amounts as :class:`decimal.Decimal`.

>>> import bc_invoice
>>> report = bc_invoice.validate(b'{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}')
>>> report.valid, report.kind, report.errors[0].pointer, report.errors[0].keyword
(False, 'api-response', '/response_code', 'type')
"""

from bc_invoice._errors import ValidationError
from bc_invoice._types import Document, FindingDict, ReportDict, RuleDict, RuleIds
from bc_invoice._native import Finding, Report, Validator, __version__, kinds, parse, rules, validate

__all__ = ["Finding", "Report", "ValidationError", "Validator", "kinds", "parse", "rules", "validate"]
