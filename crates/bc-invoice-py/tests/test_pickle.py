"""Reports, findings and ValidationError survive pickle and copy: a process pool can return a report or raise
ValidationError from a worker."""

import concurrent.futures
import copy
import pickle

import pytest

import bc_invoice
from conftest import FIXTURES, ROOT

RESPONSE = b'{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}'


def same(report, other):
    assert type(other) is bc_invoice.Report
    assert other == report
    assert other.to_dict() == report.to_dict() and list(other.to_dict()) == list(report.to_dict())
    assert other.to_json() == report.to_json()
    assert repr(other) == repr(report) and bool(other) == bool(report)
    for mine, theirs in zip(report.errors + report.warnings, other.errors + other.warnings):
        assert (mine.expected, mine.found, mine.level, repr(mine)) == (theirs.expected, theirs.found, theirs.level, repr(theirs))


@pytest.mark.parametrize("redact", [False, True])
def test_every_fixtures_report_pickles_and_copies(redact):
    for path in FIXTURES:
        report = bc_invoice.validate(path.read_bytes(), redact=redact)
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            same(report, pickle.loads(pickle.dumps(report, protocol)))
        same(report, copy.copy(report))
        same(report, copy.deepcopy(report))


def test_a_capped_report_keeps_its_count():
    document = b'{"payload": "SUCCESS", "response_code": 0, "response_message": "m", ' + b", ".join(
        b'"x%d": 1' % i for i in range(1500)
    ) + b"}"
    report = bc_invoice.validate(document)
    restored = pickle.loads(pickle.dumps(report))
    same(report, restored)
    assert restored.omitted == 500


def test_validation_error_pickles_and_copies_with_its_report():
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(RESPONSE)
    error = raised.value
    for other in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(other) is bc_invoice.ValidationError
        assert str(other) == str(error) and other.args == error.args
        same(error.report, other.report)


def test_a_process_pool_returns_reports_and_raises_validation_error():
    path = ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json"
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        report = pool.submit(bc_invoice.validate, path.read_bytes()).result()
        with pytest.raises(bc_invoice.ValidationError) as raised:
            pool.submit(bc_invoice.parse, RESPONSE).result()
    same(bc_invoice.validate(path.read_bytes()), report)
    same(bc_invoice.validate(RESPONSE), raised.value.report)


def test_a_forged_pickle_is_refused():
    restore, args = bc_invoice.validate(RESPONSE).__reduce__()
    with pytest.raises(ValueError, match="unknown document kind"):
        restore("invoice", *args[1:])
    with pytest.raises(TypeError):
        restore(*args[:-1], ("not a finding",))


@pytest.mark.parametrize(
    "options",
    [{}, {"strict": True, "redact": True}, {"deny": "all", "allow": ["pincode"]}, {"warn": ["version-increment"], "allow": "gstin-checksum"}],
    ids=repr,
)
def test_a_validator_pickles_and_copies_with_its_settings(options):
    validator = bc_invoice.Validator(**options)
    data = (ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json").read_bytes()
    for other in (pickle.loads(pickle.dumps(validator)), copy.copy(validator), copy.deepcopy(validator)):
        assert type(other) is bc_invoice.Validator
        assert repr(other) == repr(validator) and other.rules() == validator.rules()
        assert (other.strict, other.redact) == (validator.strict, validator.redact)
        assert other.validate(data) == validator.validate(data)


def test_a_process_pool_runs_a_validators_method():
    validator = bc_invoice.Validator(deny="item-amounts", redact=True)
    data = (ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json").read_bytes()
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        (report,) = pool.map(validator.validate, [data])
    assert report == validator.validate(data) and [f.rule for f in report.errors] == ["item-amounts"]
