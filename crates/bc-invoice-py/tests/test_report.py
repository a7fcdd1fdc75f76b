"""validate() and Validator give the command's findings: Report.to_dict() is the command's --format json entry."""

import concurrent.futures
import sys
import threading
import time

import pytest

import bc_invoice
from conftest import FIXTURES, ROOT, command_entries, run_command

SETTINGS = [
    ({}, []),
    ({"redact": True}, ["--redact"]),
    ({"strict": True}, ["--strict"]),
    ({"deny": "all"}, ["--deny", "all"]),
    ({"allow": ["all"]}, ["--allow", "all"]),
    ({"deny": ("all",), "allow": ("item-amounts", "invoice-totals")}, ["--deny", "all", "--allow", "item-amounts", "--allow", "invoice-totals"]),
    ({"warn": ["version-increment", "payment-due"], "redact": True}, ["--warn", "version-increment", "--warn", "payment-due", "--redact"]),
]


def test_there_are_fixtures_of_every_sort():
    assert len(FIXTURES) >= 100
    assert {p.parent.name for p in FIXTURES} >= {"docs", "legit", "mistakes", "rules", "valid"}


@pytest.mark.parametrize(("options", "flags"), SETTINGS, ids=lambda v: repr(v))
def test_every_fixture_gives_the_commands_entry(options, flags):
    expected = command_entries(*flags)
    validator = bc_invoice.Validator(**options)
    mismatches = []
    for path in FIXTURES:
        data = path.read_bytes()
        for report in (bc_invoice.validate(data, **options), validator.validate(data), validator.validate(data.decode())):
            if report.to_dict() != expected[path]:
                mismatches.append(path.relative_to(ROOT))
    assert mismatches == []


def test_every_fixture_checked_as_the_kind_its_name_says():
    by_kind = {}
    for path in FIXTURES:
        kind = path.name.split(".")[0]
        if kind in bc_invoice.kinds():
            by_kind.setdefault(kind, []).append(path)
    assert len(by_kind) == len(bc_invoice.kinds())
    for kind, paths in by_kind.items():
        expected = command_entries("--kind", kind, files=paths)
        for path in paths:
            assert bc_invoice.validate(path.read_bytes(), kind).to_dict() == expected[path], path


def test_the_fixtures_have_errors_warnings_and_rules_to_compare():
    reports = [bc_invoice.validate(p.read_bytes()) for p in FIXTURES]
    assert sum(not r.valid for r in reports) >= 10
    assert sum(len(r.warnings) for r in reports) >= 10
    assert any(f.rule for r in reports for f in r.errors + r.warnings)


def test_findings_carry_the_reports_values_and_their_facts():
    text = b'{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}'
    report = bc_invoice.validate(text)
    assert (report.valid, report.kind, report.detected, report.omitted) == (False, "api-response", True, 0)
    assert not report
    assert report.warnings == ()
    (error,) = report.errors
    assert (error.pointer, error.keyword, error.line, error.column, error.rule, error.level) == (
        "/response_code",
        "type",
        1,
        41,
        None,
        "error",
    )
    assert error.message == '"0" is not of type integer (found string)'
    assert (error.expected, error.found) == ("integer", '"0"')
    assert str(error) == '/response_code: "0" is not of type integer (found string) (line 1, column 41)'
    redacted = bc_invoice.validate(text, "api-response", redact=True)
    assert redacted.detected is False
    assert redacted.errors[0].message == "[redacted] is not of type integer (found string)"
    assert redacted.errors[0].found is None
    assert "0" not in redacted.errors[0].message


def test_every_finding_is_its_dict_entry():
    for path in FIXTURES:
        report = bc_invoice.validate(path.read_bytes())
        entry = report.to_dict()
        assert (report.valid, report.kind, report.detected, report.omitted) == (
            entry["valid"],
            entry["kind"],
            entry["detected"],
            entry["omitted"],
        )
        for findings, dicts, level in ((report.errors, entry["errors"], "error"), (report.warnings, entry["warnings"], "warning")):
            assert len(findings) == len(dicts)
            for finding, d in zip(findings, dicts):
                assert finding.level == level
                assert (finding.pointer, finding.keyword, finding.message, finding.line, finding.column, finding.rule) == (
                    d["instanceLocation"],
                    d["keyword"],
                    d["error"],
                    d["line"],
                    d["column"],
                    d.get("rule"),
                )


def test_a_rule_finding_names_its_rule():
    path = ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json"
    (warning,) = bc_invoice.validate(path.read_bytes()).warnings
    assert (warning.rule, warning.keyword, warning.level, warning.pointer, warning.line) == (
        "item-amounts",
        "item-amounts",
        "warning",
        "/invoice/itemLists/1/assessmentAmount",
        155,
    )
    (error,) = bc_invoice.validate(path.read_bytes(), deny="item-amounts").errors
    assert (error.rule, error.level) == ("item-amounts", "error")
    assert bc_invoice.validate(path.read_bytes(), allow="all").warnings == ()
    assert bc_invoice.validate(path.read_bytes(), strict=True).errors[0].level == "error"


def test_rules_are_the_commands_list():
    assert bc_invoice.rules() == run_command("--list-rules")
    assert bc_invoice.rules(deny="all", allow=["pincode"]) == run_command("--deny", "all", "--allow", "pincode", "--list-rules")
    assert bc_invoice.Validator(warn="version-increment").rules() == run_command("--warn", "version-increment", "--list-rules")
    assert {"gstin-checksum", "item-amounts", "invoice-totals"} <= {rule["id"] for rule in bc_invoice.rules()}


def test_kinds_are_the_bundled_schemas():
    bundled = {p.name.removesuffix(".schema.json") for p in (ROOT / "schema/bundled").glob("*.schema.json")}
    assert set(bc_invoice.kinds()) == bundled
    assert len(bc_invoice.kinds()) == len(bundled)


def test_to_json_is_the_commands_text_and_reads_back_as_the_dict():
    import json

    path = ROOT / "tests/fixtures/mistakes" / sorted(p.name for p in (ROOT / "tests/fixtures/mistakes").iterdir())[0]
    report = bc_invoice.validate(path.read_bytes())
    assert json.loads(report.to_json()) == report.to_dict()


def test_a_validator_is_reused_across_threads():
    validator = bc_invoice.Validator(deny="all")
    documents = [p.read_bytes() for p in FIXTURES]
    alone = [validator.validate(d).to_dict() for d in documents]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda d: validator.validate(d).to_dict(), documents * 3))
    assert together == alone * 3
    assert "deny" in repr(validator) and repr(bc_invoice.Validator()) == "<Validator strict=False redact=False rules=[]>"


def test_the_interpreter_runs_while_a_document_is_validated():
    # 128 MB of one string: the call takes a tenth of a second or more. Holding the interpreter through it
    # would stop the counting thread for all of it: no tick could fall in the middle half of the call.
    document = b'{"payload": "' + b"x" * (128 << 20) + b'", "response_code": 0, "response_message": "m"}'
    done = threading.Event()
    ticks = []

    def count():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.05)
    started = time.perf_counter()
    report = bc_invoice.validate(document)
    ended = time.perf_counter()
    done.set()
    counter.join()
    assert report.valid
    quarter = (ended - started) / 4
    middle = [t for t in ticks if started + quarter <= t <= ended - quarter]
    assert len(middle) >= 2, (ended - started, len(middle))


def test_to_dict_and_rules_keep_the_commands_member_order():
    # json.dumps(report.to_dict(), indent=2) is the command's entry, members in the same order (they were
    # sorted by name: "column" first, "instanceLocation" after "error").
    def order(value):
        if isinstance(value, dict):
            return [(name, order(member)) for name, member in value.items()]
        if isinstance(value, list):
            return [order(item) for item in value]
        return None

    path = ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json"
    entry = run_command(files=[path])["files"][0]
    del entry["file"]
    report = bc_invoice.validate(path.read_bytes())
    assert report.warnings
    assert order(report.to_dict()) == order(entry)
    assert list(report.to_dict()) == ["kind", "detected", "valid", "errors", "warnings", "omitted"]
    assert order(bc_invoice.rules()) == order(run_command("--list-rules"))


def test_findings_and_reports_compare_by_value():
    path = ROOT / "tests/fixtures/mistakes/create-invoice.assessable-amount-without-discount.json"
    data = path.read_bytes()
    first, again = bc_invoice.validate(data), bc_invoice.Validator().validate(data.decode())
    assert first is not again and first == again and not (first != again)
    assert first.warnings == again.warnings
    assert hash(first.warnings[0]) == hash(again.warnings[0])
    assert len({*first.warnings, *again.warnings}) == len(first.warnings)
    # Everything a finding carries counts, `found` too, which the message may not show.
    assert bc_invoice.validate(data, redact=True) != first
    assert bc_invoice.validate(data, deny="item-amounts") != first
    assert bc_invoice.validate(data, strict=True).errors[0] != first.warnings[0]
    assert first != first.to_dict() and first.warnings[0] != str(first.warnings[0])
    # A report holds tuples of findings: it is not hashable, like a tuple of lists.
    with pytest.raises(TypeError):
        hash(first)


def test_repr_str_and_the_error_message_are_safe_for_a_terminal_and_a_ci_log():
    # A found value with a bidirectional override, an escape sequence, a zero-width space and a workflow
    # command: the attributes keep it, the text Python prints (repr, str, the exception) does not.
    import json
    import unicodedata

    document = json.loads((ROOT / "tests/fixtures/valid/confirm-invoice.accept.json").read_text())
    document["invoiceConfirmation"]["objectId"] = "INV\u202eX\x1b[31m\u200b##[error]fake"
    text = json.dumps(document, ensure_ascii=False)
    report = bc_invoice.validate(text)
    (error,) = report.errors
    assert "\u202e" in error.message and "\u202e" in error.found
    assert error.message == report.to_dict()["errors"][0]["error"]
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse(text)
    for shown in (repr(error), str(error), str(raised.value), repr(raised.value)):
        assert not [c for c in shown if unicodedata.category(c) in ("Cc", "Cf")], shown
        assert "##[" not in shown
        assert "\\u{202e}" in shown
    assert str(error).startswith("/invoiceConfirmation/objectId: ")
    assert str(raised.value) == f"invalid confirm-invoice: {error}"


def test_a_finding_at_the_root_is_shown_as_the_command_shows_it():
    report = bc_invoice.validate("[]", "confirm-invoice")
    (error,) = report.errors
    assert error.pointer == ""
    assert str(error) == "(root): expected object, found array (line 1, column 1)"
    with pytest.raises(bc_invoice.ValidationError) as raised:
        bc_invoice.parse("[]", "confirm-invoice")
    assert str(raised.value) == f"invalid confirm-invoice: {error}"


def test_a_finding_made_by_hand_equals_the_validators():
    report = bc_invoice.validate((ROOT / "tests/fixtures/docs/confirm-invoice.json").read_bytes())
    (error,) = report.errors
    fields = {name: getattr(error, name) for name in
              ("pointer", "keyword", "message", "line", "column", "level", "rule", "expected", "found")}
    assert bc_invoice.Finding(**fields) == error
    assert hash(bc_invoice.Finding(**fields)) == hash(error)
    plain = bc_invoice.Finding(pointer="/a", keyword="mine", message="m", line=1, column=2, level="warning")
    assert (plain.rule, plain.expected, plain.found) == (None, None, None)
    with pytest.raises(TypeError):
        bc_invoice.Finding()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        bc_invoice.Finding("/a", "mine", "m", 1, 2, "error")  # type: ignore[misc]
    with pytest.raises(ValueError, match="level"):
        bc_invoice.Finding(pointer="", keyword="k", message="m", line=1, column=1, level="fatal")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1-based"):
        bc_invoice.Finding(pointer="", keyword="k", message="m", line=0, column=1, level="error")


@pytest.mark.parametrize("position", [{"line": -1}, {"column": -5}, {"line": 2**64}, {"column": 10**30}])
def test_a_finding_made_by_hand_with_a_line_or_column_out_of_range_is_a_value_error(position):
    # As 0 is: the conversion's OverflowError is not a ValueError, which is what a caller catches.
    fields = {"pointer": "", "keyword": "k", "message": "m", "line": 1, "column": 1, "level": "error", **position}
    with pytest.raises(ValueError, match="1-based, not "):
        bc_invoice.Finding(**fields)


@pytest.mark.parametrize(
    ("line", "shown"),
    [(10**5000, f"an int past {2 * sys.maxsize + 1}"), (-(10**5000), "a negative int")],
    ids=["huge", "hugely-negative"],
)
def test_an_int_too_long_to_show_is_said_in_words(line, shown):
    # Past 4,300 digits an int has no repr (sys.set_int_max_str_digits): the message said "not ?".
    with pytest.raises(ValueError) as raised:
        bc_invoice.Finding(pointer="", keyword="k", message="m", line=line, column=1, level="error")
    assert str(raised.value) == f"a finding's line and column are 1-based, not {shown}"


def test_a_finding_made_by_hand_with_a_line_that_is_not_an_int_is_a_type_error():
    with pytest.raises(TypeError):
        bc_invoice.Finding(pointer="", keyword="k", message="m", line=1.0, column=1, level="error")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bc_invoice.Finding(pointer="", keyword="k", message="m", line=1, column="1", level="error")  # type: ignore[arg-type]
