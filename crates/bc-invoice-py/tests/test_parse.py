"""parse() gives the validated document as Python objects with exact amounts, or ValidationError with the report."""

import copy
import json
from decimal import Decimal

import pytest

import bc_invoice
from conftest import FIXTURES, ROOT

CREATE = ROOT / "tests/fixtures/valid/create-invoice.json"


def numbers(value, path=""):
    """Every number of a JSON value by its JSON Pointer."""
    if isinstance(value, dict):
        for name, member in value.items():
            yield from numbers(member, f"{path}/{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from numbers(item, f"{path}/{index}")
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        yield path, value


def dumps(value):
    """JSON text of a value read by as_written: every Decimal written with its digits."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(name)}: {dumps(member)}" for name, member in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(item) for item in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value)


def as_written(text):
    """The document as json reads it, every number with a fraction or exponent a Decimal of its digits."""
    return json.loads(text, parse_float=Decimal)


def test_every_amount_is_a_decimal_with_every_digit_and_every_integer_an_int():
    text = CREATE.read_text()
    parsed = bc_invoice.parse(text)
    written = dict(numbers(as_written(text)))
    got = dict(numbers(parsed))
    assert got.keys() == written.keys()
    for pointer, value in got.items():
        # Digit for digit: the text of the number as the document writes it.
        assert str(value) == str(written[pointer]), pointer
    kinds = {pointer: type(value) for pointer, value in got.items()}
    assert kinds["/invoice/itemLists/0/unitPrice"] is Decimal
    assert str(got["/invoice/itemLists/0/unitPrice"]) == "185.50"
    # Amounts written as integers are Decimals too: the schema's `number` members are amounts.
    assert kinds["/invoice/advancePaymentDetails/paidAmount"] is Decimal
    assert kinds["/invoice/itemLists/0/quantity"] is Decimal
    assert kinds["/invoice/itemLists/2/otherTaxes/0/amount"] is Decimal
    # The schema's `integer` members are ints.
    assert kinds["/invoice/objectVersion/currentVersion"] is int
    assert kinds["/invoice/advancePaymentDetails/creditDays"] is int
    assert kinds["/invoice/ewayBillDetail/distance"] is int


def test_big_and_long_amounts_keep_every_digit():
    document = as_written(CREATE.read_text())
    value = document["invoice"]["valueDetails"]
    for written in ["99999999999999.99", "0.10", "1.500", "0", "100", "1234567890123456789012.345678", "-0.01", "1E+3"]:
        value["totalInvoiceValue"] = Decimal(written)
        text = dumps(document)
        assert f'"totalInvoiceValue": {written}' in text
        parsed = bc_invoice.parse(text, "create-invoice")
        got = parsed["invoice"]["valueDetails"]["totalInvoiceValue"]
        assert isinstance(got, Decimal)
        assert got == Decimal(written)
        if "E" not in written:
            assert str(got) == written


def test_every_valid_fixture_parses_to_its_own_values():
    parsed_any = 0
    for path in FIXTURES:
        text = path.read_bytes()
        report = bc_invoice.validate(text)
        if not report.valid:
            with pytest.raises(bc_invoice.ValidationError):
                bc_invoice.parse(text)
            continue
        parsed = bc_invoice.parse(text)
        parsed_any += 1
        if "received" in path.name or "response" in path.name:
            continue  # received documents leave unknown members out
        assert normal(parsed) == normal(as_written(text)), path
    assert parsed_any >= 40


def normal(value):
    """Numbers compared by value (an integer amount is a Decimal after parse, an int in json)."""
    if isinstance(value, dict):
        return {name: normal(member) for name, member in value.items()}
    if isinstance(value, list):
        return [normal(item) for item in value]
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return ("number", Decimal(value))
    return value


def test_an_invalid_document_raises_validation_error_with_the_report():
    text = b'{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}'
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(text)
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.report.to_dict() == bc_invoice.validate(text).to_dict()
    assert str(error) == 'invalid api-response: /response_code: "0" is not of type integer (found string) (line 1, column 41)'
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(b"{}")
    assert raised.value.report.kind is None
    assert raised.value.report.errors[0].keyword == "kind"


def test_a_rule_at_deny_refuses_and_a_warning_does_not():
    path = ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json"
    assert bc_invoice.parse(path.read_bytes())["invoice"]["itemLists"][1]["assessmentAmount"] == Decimal("26324.00")
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(path.read_bytes(), deny=["item-amounts"])
    assert [f.rule for f in raised.value.report.errors] == ["item-amounts"]
    with pytest.raises(bc_invoice.ValidationError):
        bc_invoice.Validator(strict=True).parse(path.read_bytes())


def test_the_kind_given_is_the_schema_used():
    edit = ROOT / "tests/fixtures/valid/edit-invoice.json"
    document = bc_invoice.parse(edit.read_bytes(), "edit-invoice")
    assert isinstance(document["invoice"]["objectVersion"]["newVersion"], int)
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(edit.read_bytes(), "confirm-invoice")
    assert raised.value.report.kind == "confirm-invoice"
    assert raised.value.report.detected is False


def test_a_redacted_report_in_the_error_shows_no_value():
    document = as_written(CREATE.read_text())
    document["invoice"]["itemLists"][0]["unitPrice"] = "SECRET-9"
    text = dumps(document)
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(text, redact=True)
    assert "SECRET" not in str(raised.value)
    assert "SECRET" not in json.dumps(raised.value.report.to_dict())


def test_a_typed_finding_shows_no_value_when_redacted():
    # serde's message quotes the number it refused (`2.0`, or `15.0` for 1.5e1): a document value.
    text = (ROOT / "tests/fixtures/valid/confirm-invoice.accept.json").read_text()
    for written in ("2.0", "1.5e1"):
        document = text.replace('"currentVersion": 2,', f'"currentVersion": {written},')
        with pytest.raises(bc_invoice.ValidationError) as raised:
            bc_invoice.parse(document, redact=True)
        (error,) = raised.value.report.errors
        assert error.keyword == "typed"
        assert error.message == "valid against the schema, but the typed document cannot hold it"
        assert str(raised.value) == (
            "invalid confirm-invoice: /invoiceConfirmation/objectVersion/currentVersion: "
            "valid against the schema, but the typed document cannot hold it (line 16, column 25)"
        )
        with pytest.raises(bc_invoice.ValidationError) as raised:
            bc_invoice.parse(document)
        assert "floating point `" in raised.value.report.errors[0].message


def test_the_error_is_named_where_it_is_imported_from():
    import traceback

    assert bc_invoice.ValidationError.__module__ == "bc_invoice"
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(b"{}")
    shown = "".join(traceback.format_exception_only(type(raised.value), raised.value))
    assert shown.startswith("bc_invoice.ValidationError: invalid document of unknown kind")


def test_a_negative_zero_amount_is_zero():
    # docs/python.md: "A negative zero is zero": the Rust typed document holds no negative zero.
    text = CREATE.read_text().replace('"freeQuantity": 0,', '"freeQuantity": -0.0,', 1)
    assert '"freeQuantity": -0.0,' in text
    got = bc_invoice.parse(text, "create-invoice")["invoice"]["itemLists"][0]["freeQuantity"]
    assert (str(got), got.is_signed()) == ("0.0", False)


def test_an_edit_is_detected_as_a_create_and_read_as_an_edit_when_given():
    # docs/python.md: an edit's body is a create's, so the kind detected is create-invoice.
    edit = (ROOT / "tests/fixtures/valid/edit-invoice.json").read_bytes()
    assert (bc_invoice.validate(edit).kind, bc_invoice.validate(edit, "edit-invoice").kind) == (
        "create-invoice",
        "edit-invoice",
    )
