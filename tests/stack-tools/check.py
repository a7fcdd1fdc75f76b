#!/usr/bin/env python3
"""Runs other stacks' JSON Schema and OpenAPI tools on what this project ships, and holds them to our
validator.

For every single-file schema in schema/bundled/ and every fixture in tests/fixtures/*/ of its kind, each tool
must give the verdict our validator gives (bc-invoice-validate --allow all, the schema alone): a valid
document accepted, an invalid one rejected at the same instance paths. The tools:

- ajv-cli (ajv 8, strict mode, --spec=draft2020, ajv-formats, the project's keyword plugin);
- check-jsonschema (its defaults: formats checked, ECMA-262 regular expressions);
- Python's jsonschema (Draft202012Validator with its format checker), as shipped and with an ECMA-262
  `pattern` (regress);
- jsonschema-cli (the Rust one, --assert-format), and cargo-typify (code from every bundle), when installed;
- the OpenAPI description: openapi-spec-validator, redocly lint, and ajv on redocly's bundle of it.
- the service's description (crates/bc-invoice-server/openapi.json): openapi-spec-validator and redocly lint;
- the command's `--format sarif` logs (valid, invalid, redacted, read errors with standard input): the SARIF
  multitool's `validate` (the schema and its SARIF rules, then GitHub code scanning's with `--rule-kind Ghas`:
  no error, no warning) and check-jsonschema with the
  SARIF 2.1.0 schema the multitool ships; a log with no `version` must fail both, one with a level `fatal`
  check-jsonschema (the multitool passes it).

One probe per kind with an objectId, the valid fixture's objectId followed by a line feed, shows Python's
`re` caveat: `$` matches before a final newline there, so Python's jsonschema as shipped accepts it, where
every ECMA-262 engine and our validator reject it. The check expects exactly that difference, so the README's
caveat stays true.

Usage: check.py --tools DIR --validator PATH   (run by .ci/stack-tools.sh, with the venv's Python)
Prints a line per tool and kind, and ends with `stack-tools: N passed, N failed`. Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_DIR = "schema/bundled"
OPENAPI = "schema/openapi.json"
SERVER_OPENAPI = "crates/bc-invoice-server/openapi.json"
AJV_PLUGIN = "./schema/vocab/ajv-bc-invoice.cjs"


class ToolError(Exception):
    """A tool that could not load a schema or did not run as expected."""


def pointer(parts) -> str:
    """An RFC 6901 JSON Pointer from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def json_path_to_pointer(path: str) -> str:
    """check-jsonschema's `$.a.b[0]` or `$['a']` path as a JSON Pointer."""
    if not path.startswith("$"):
        raise ToolError(f"unexpected path {path!r}")
    parts = []
    for index, quoted, plain in re.findall(r"\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\.([^.\[]+)", path[1:]):
        if index:
            parts.append(int(index))
        elif quoted:
            parts.append(re.sub(r"\\(.)", r"\1", quoted))
        else:
            parts.append(plain)
    return pointer(parts)


def run(command: list[str], ok=(0, 1), env=None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env=None if env is None else {**os.environ, **env}
    )
    if result.returncode not in ok:
        raise ToolError(
            f"{' '.join(command)} exited {result.returncode}\n{result.stdout}{result.stderr}".rstrip()
        )
    return result


def rel(path: Path) -> str:
    """The path relative to the repository, or absolute outside it (STACK_TOOLS_DIR elsewhere)."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# Our validator: the expected verdicts.


def expected(validator: str, kind: str, files: list[str]) -> dict[str, list[str]]:
    out = run([validator, "--format", "json", "--no-config", "--allow", "all", "--kind", kind, *files])
    report = json.loads(out.stdout)
    verdicts = {}
    for entry in report["files"]:
        if "readError" in entry:
            raise ToolError(f"bc-invoice-validate cannot read {entry['file']}: {entry['readError']}")
        verdicts[entry["file"]] = sorted({e["instanceLocation"] for e in entry["errors"]})
    return verdicts


# The tools: each takes a kind's bundle and files, and returns {file: sorted unique error paths}.


def bundle_of(kind: str) -> str:
    return f"{BUNDLE_DIR}/{kind}.schema.json"


def split_root_of(kind: str) -> str:
    """The split schema file whose x-document names `kind`."""
    for path in sorted((ROOT / "schema").glob("*.schema.json")):
        if json.loads(path.read_text()).get("x-document", {}).get("kind") == kind:
            return rel(path)
    raise ToolError(f"no schema/*.schema.json declares kind {kind}")


def ajv_cli(tools: Path, kind: str, files: list[str]) -> dict[str, list[str]]:
    bundle = bundle_of(kind)
    command = [str(tools / "node/node_modules/.bin/ajv"), "validate", "--spec=draft2020", "--all-errors"]
    command += ["--errors=json", "-c", "ajv-formats", "-c", AJV_PLUGIN, "-s", bundle]
    for file in files:
        command += ["-d", file]
    result = run(command)
    verdicts = {}
    for line in result.stdout.splitlines():
        if line.endswith(" valid"):
            verdicts[line[: -len(" valid")]] = []
    decoder = json.JSONDecoder()
    text = result.stderr
    at = 0
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end]
        if not line.endswith(" invalid") or line.startswith("schema "):
            raise ToolError(f"ajv-cli: unexpected output {line!r}\n{text}")
        errors, at = decoder.raw_decode(text, end + 1)
        verdicts[line[: -len(" invalid")]] = sorted({e["instancePath"] for e in errors})
        while at < len(text) and text[at] == "\n":
            at += 1
    return verdicts


def check_jsonschema(split: bool):
    """check-jsonschema on the bundle, or on the split schema with the documented --base-uri."""

    def check(tools: Path, kind: str, files: list[str]) -> dict[str, list[str]]:
        command = [str(tools / "venv/bin/check-jsonschema")]
        if split:
            command += ["--base-uri", (ROOT / "schema").as_uri() + "/", "--schemafile", split_root_of(kind)]
        else:
            command += ["--schemafile", bundle_of(kind)]
        return check_jsonschema_report(run(command + ["-o", "json", *files]), files)

    return check


def check_jsonschema_report(result, files: list[str]) -> dict[str, list[str]]:
    report = json.loads(result.stdout)
    if report.get("parse_errors"):
        raise ToolError(f"check-jsonschema: {report['parse_errors']}")
    verdicts = {file: set() for file in files}
    for error in report["errors"]:
        verdicts[error["filename"]].add(json_path_to_pointer(error["path"]))
    return {file: sorted(paths) for file, paths in verdicts.items()}


def python_validator(ecma: bool):
    from jsonschema import Draft202012Validator, ValidationError, validators

    if not ecma:
        return Draft202012Validator
    import regress

    @functools.lru_cache(maxsize=None)
    def compiled(pattern):
        return regress.Regex(pattern, "u")

    def ecma_pattern(validator, pattern, instance, schema):
        if validator.is_type(instance, "string") and compiled(pattern).find(instance) is None:
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    return validators.extend(Draft202012Validator, {"pattern": ecma_pattern})


def split_registry():
    """A referencing Registry of the split schema files under their $ids: the README's recipe."""
    from referencing import Registry, Resource

    resources = []
    for path in sorted((ROOT / "schema").glob("*.schema.json")):
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def python_jsonschema(ecma: bool, split: bool = False):
    def check(tools: Path, kind: str, files: list[str]) -> dict[str, list[str]]:
        cls = python_validator(ecma)
        schema = json.loads((ROOT / (split_root_of(kind) if split else bundle_of(kind))).read_text())
        cls.check_schema(schema)
        extra = {"registry": split_registry()} if split else {}
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER, **extra)
        verdicts = {}
        for file in files:
            document = json.loads((ROOT / file).read_text())
            verdicts[file] = sorted({pointer(e.absolute_path) for e in validator.iter_errors(document)})
        return verdicts

    return check


def jsonschema_cli(tools: Path, kind: str, files: list[str]) -> dict[str, list[str]]:
    command = [str(tools / "cargo/bin/jsonschema-cli"), "validate", bundle_of(kind), "--assert-format", "--output", "list"]
    result = run(command + ["-i", *files])
    verdicts = {}
    for line in result.stdout.splitlines():
        entry = json.loads(line)
        if "payload" not in entry:
            raise ToolError(f"jsonschema-cli: {entry}")
        paths = {u["instanceLocation"] for u in entry["payload"]["details"] if not u["valid"] and "errors" in u}
        if entry["payload"]["valid"] != (not paths):
            raise ToolError(f"jsonschema-cli: {entry['instance']}: a verdict without errors, or errors without one")
        verdicts[entry["instance"]] = sorted(paths)
    return verdicts


def dialect_check() -> list[str]:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    dialect = json.loads((ROOT / "schema/vocab/bc-invoice.json").read_text())
    registry = Registry().with_resource(dialect["$id"], Resource.from_contents(dialect))
    validator = Draft202012Validator(dialect, registry=registry)
    schemas = {rel(p): json.loads(p.read_text()) for p in sorted((ROOT / "schema").glob("*.schema.json"))}
    schemas.update({rel(p): json.loads(p.read_text()) for p in sorted((ROOT / BUNDLE_DIR).glob("*.schema.json"))})
    for name, schema in json.loads((ROOT / OPENAPI).read_text())["components"]["schemas"].items():
        schemas[f"{OPENAPI}#/components/schemas/{name}"] = schema
    failures = [
        f"{name}: {pointer(e.absolute_path)}: {e.message}"
        for name, schema in schemas.items()
        for e in validator.iter_errors(schema)
    ]
    bad = {"$defs": {"a": {"type": "string", "x-known-values": "GEOCODE"}}}
    if validator.is_valid(bad):
        failures.append("a malformed x-known-values inside $defs passes the dialect")
    return failures


SARIF_RUNS = {
    # name: (arguments, standard input or None, the exit status)
    "valid": (["--no-config", "tests/fixtures/valid/confirm-invoice.accept.json", "tests/fixtures/valid/create-invoice.json"], None, 0),
    "invalid": (
        [
            "--no-config",
            "--warn",
            "all",
            "crates/bc-invoice-cli/tests/fixtures/confirm-invoice.invalid.json",
            "crates/bc-invoice-cli/tests/fixtures/create-invoice.secrets.json",
            "crates/bc-invoice-cli/tests/fixtures/create-invoice.rules.json",
        ],
        None,
        1,
    ),
    "redacted": (
        [
            "--no-config",
            "--warn",
            "all",
            "--redact",
            "crates/bc-invoice-cli/tests/fixtures/confirm-invoice.invalid.json",
            "crates/bc-invoice-cli/tests/fixtures/create-invoice.secrets.json",
        ],
        None,
        1,
    ),
    "read-error": (
        ["--no-config", "--strict", "tests/fixtures/no-such-file.json", "tests", "-", "/dev/null"],
        b'{"payload": 1, "response_code": "0"}',
        2,
    ),
}


def sarif_multitool(tools: Path, log: Path, rule_kind: str | None = None) -> list[str]:
    """The errors and warnings `sarif-multitool validate` finds in `log` (its own exit status is 0 either
    way: it reports them as results of a SARIF log of its own): with the SARIF standard's rules, or with
    `rule_kind`'s (`Ghas`: what GitHub's code scanning asks of an uploaded log, GH1001 to GH2012)."""
    out = log.with_suffix(f".validation-{rule_kind or 'sarif'}.sarif")
    out.unlink(missing_ok=True)
    kinds = ["--rule-kind", rule_kind] if rule_kind else []
    run([str(tools / "node/node_modules/.bin/sarif-multitool"), "validate", str(log), *kinds, "-o", str(out)], ok=(0,))
    report = json.loads(out.read_text(encoding="utf-8-sig"))
    found = []
    for result in report["runs"][0].get("results", []):
        if result.get("level", "warning") in ("error", "warning"):
            line = result["locations"][0]["physicalLocation"].get("region", {}).get("startLine")
            found.append(f"{result['ruleId']} {result.get('level', 'warning')} at line {line}: {result['message']}")
    for invocation in report["runs"][0].get("invocations", []):
        if not invocation.get("executionSuccessful", False):
            found.append(f"the multitool did not run to the end: {invocation}")
    return found


def check_sarif(tools: Path, validator: str) -> tuple[int, int]:
    schema = tools / "node/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
    if not schema.exists():
        print(f"  FAIL the SARIF 2.1.0 schema is not at {schema}")
        return 0, 1
    out_dir = tools / "tmp/sarif"
    out_dir.mkdir(parents=True, exist_ok=True)
    passed = failed = 0
    logs = []
    for name, (arguments, stdin, status) in SARIF_RUNS.items():
        result = subprocess.run(
            [validator, "--format", "sarif", *arguments], cwd=ROOT, input=stdin, capture_output=True
        )
        log = out_dir / f"{name}.sarif"
        log.write_bytes(result.stdout)
        if result.returncode != status:
            failed += 1
            print(f"  FAIL {name}: exit status {result.returncode}, expected {status}: {result.stderr.decode()}")
            continue
        logs.append(log)
    # Broken logs, so that the checks are seen to fail: one with no `version`, which both tools must refuse,
    # and one whose first result has a level SARIF does not have (`fatal`), which the schema refuses (the
    # multitool 5.7.0 passes such a log without a word: hence check-jsonschema beside it).
    invalid = (out_dir / "invalid.sarif").read_text()
    no_version = json.loads(invalid)
    del no_version["version"]
    no_version_log = out_dir / "broken-no-version.sarif"
    no_version_log.write_text(json.dumps(no_version, indent=2))
    bad_level = json.loads(invalid)
    bad_level["runs"][0]["results"][0]["level"] = "fatal"
    bad_level_log = out_dir / "broken-level.sarif"
    bad_level_log.write_text(json.dumps(bad_level, indent=2))
    check_jsonschema = [str(tools / "venv/bin/check-jsonschema"), "--schemafile", str(schema)]
    for log in logs:
        for rule_kind in (None, "Ghas"):
            found = sarif_multitool(tools, log, rule_kind)
            said = f"sarif-multitool validate{' --rule-kind ' + rule_kind if rule_kind else ''}"
            if found:
                failed += 1
                print(f"  FAIL {said} {rel(log)}:\n    " + "\n    ".join(found))
            else:
                passed += 1
                print(f"  {said} {log.name}: ok")
        result = run([*check_jsonschema, str(log)], ok=(0, 1))
        if result.returncode:
            failed += 1
            print(f"  FAIL check-jsonschema (SARIF 2.1.0 schema) {rel(log)}: {result.stdout}{result.stderr}")
        else:
            passed += 1
            print(f"  check-jsonschema (SARIF 2.1.0 schema) {log.name}: ok")
    no_help = json.loads(invalid)
    del no_help["runs"][0]["tool"]["driver"]["rules"][0]["help"]
    no_help_log = out_dir / "broken-no-help.sarif"
    no_help_log.write_text(json.dumps(no_help, indent=2))
    found = sarif_multitool(tools, no_help_log, "Ghas")
    if any(line.startswith("GH2012 error") for line in found):
        passed += 1
        print("  sarif-multitool --rule-kind Ghas refuses a rule with no help: ok")
    else:
        failed += 1
        print(f"  FAIL sarif-multitool --rule-kind Ghas accepts a rule with no help: {found}")
    found = sarif_multitool(tools, no_version_log)
    if any(line.startswith("JSON1002 error") and "version" in line for line in found):
        passed += 1
        print("  sarif-multitool refuses a log with no version: ok")
    else:
        failed += 1
        print(f"  FAIL sarif-multitool accepts a log with no version: {found}")
    for log, says in [(no_version_log, "'version' is a required property"), (bad_level_log, "'fatal'")]:
        result = run([*check_jsonschema, str(log)], ok=(0, 1))
        if result.returncode == 1 and says in result.stdout:
            passed += 1
            print(f"  check-jsonschema refuses {log.name} ({says}): ok")
        else:
            failed += 1
            print(f"  FAIL check-jsonschema on {log.name}: {result.returncode}: {result.stdout}{result.stderr}")
    return passed, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", required=True, type=Path, help="where .ci/stack-tools.sh installed them")
    parser.add_argument("--validator", required=True, help="the bc-invoice-validate binary")
    parser.add_argument("--started", type=float, help="when the run began (seconds since the epoch), for its time")
    args = parser.parse_args()
    tools = args.tools.resolve()
    started = time.monotonic()

    kinds = sorted(p.name[: -len(".schema.json")] for p in (ROOT / BUNDLE_DIR).glob("*.schema.json"))
    if not kinds:
        print(f"error: no bundles in {BUNDLE_DIR}: run cargo xtask gen", file=sys.stderr)
        return 1
    fixtures: dict[str, list[str]] = {kind: [] for kind in kinds}
    for path in sorted((ROOT / "tests/fixtures").glob("*/*.json")):
        owners = [k for k in kinds if path.name.startswith(k + ".")]
        if owners:
            fixtures[max(owners, key=len)].append(rel(path))

    # Probes made from the first valid fixture of each kind: its objectId followed by a line feed (Python's
    # `re` caveat), and a `ts` of 30 February (a format, not a pattern, refuses it).
    probe_dir = tools / "tmp/probes"
    probe_dir.mkdir(parents=True, exist_ok=True)
    newline_probes: set[str] = set()
    probes = 0
    for kind in kinds:
        valid = [f for f in fixtures[kind] if f.startswith("tests/fixtures/valid/")]
        if not valid:
            continue
        for member, change, name in [
            ("objectId", lambda v: v + "\n", "trailing-newline"),
            ("ts", lambda v: "2026-02-30T10:15:00+05:30", "30-february"),
        ]:
            document = json.loads((ROOT / valid[0]).read_text())
            holders = [v for v in document.values() if isinstance(v, dict) and member in v]
            if not holders:
                continue
            holders[0][member] = change(holders[0][member])
            probe = probe_dir / f"{kind}.{name}.json"
            probe.write_text(json.dumps(document, indent=2) + "\n")
            fixtures[kind].append(rel(probe))
            probes += 1
            if name == "trailing-newline":
                newline_probes.add(rel(probe))

    want: dict[str, dict[str, list[str]]] = {}
    for kind in kinds:
        if fixtures[kind]:
            want[kind] = expected(args.validator, kind, fixtures[kind])
    rejected = sum(1 for kind in want for paths in want[kind].values() if paths)
    if rejected < probes + 1:
        print("error: the validator rejects no fixture beyond the probes: the check would prove nothing",
              file=sys.stderr)
        return 1

    checks: list[tuple[str, object, set[str]]] = [
        ("ajv-cli, bundles", ajv_cli, set()),
        ("check-jsonschema, bundles", check_jsonschema(split=False), set()),
        ("check-jsonschema, split schema with --base-uri", check_jsonschema(split=True), set()),
        ("python jsonschema (re), bundles", python_jsonschema(False), newline_probes),
        ("python jsonschema (regress), bundles", python_jsonschema(True), set()),
        ("python jsonschema (regress), split schema with a Registry", python_jsonschema(True, split=True), set()),
    ]
    if (tools / "cargo/bin/jsonschema-cli").exists():
        checks.append(("jsonschema-cli, bundles", jsonschema_cli, set()))
    else:
        print("note: jsonschema-cli is not installed in the tools directory: skipped (STACK_TOOLS_CARGO=1 installs it)")

    passed = failed = 0
    for name, tool, accepted_anyway in checks:
        tool_started = time.monotonic()
        lines = []
        for kind in kinds:
            if kind not in want:
                continue
            try:
                got = tool(tools, kind, fixtures[kind])
            except ToolError as error:
                failed += len(fixtures[kind])
                lines.append(f"  FAIL {kind}: {error}")
                continue
            summary = []
            for file in fixtures[kind]:
                expect = [] if file in accepted_anyway else want[kind][file]
                actual = got.get(file)
                if actual == expect:
                    passed += 1
                    if expect:
                        summary.append(f"{Path(file).name} rejected at {', '.join(expect)}")
                else:
                    failed += 1
                    lines.append(f"  FAIL {kind}: {file}: expected {expect or 'valid'}, got {actual}")
            accepted = sum(1 for f in fixtures[kind] if got.get(f) == [] and (f in accepted_anyway or not want[kind][f]))
            caveat = f" (accepts {len(accepted_anyway & set(fixtures[kind]))} trailing-newline probe)" if accepted_anyway & set(fixtures[kind]) else ""
            lines.append(f"  {kind}: {accepted} accepted{caveat}" + (f"; {'; '.join(summary)}" if summary else ""))
        print(f"== {name} ({time.monotonic() - tool_started:.1f} s)")
        print("\n".join(lines))

    # cargo-typify: Rust types from every bundle (it panics on the split schema's sibling-file $ref).
    typify = tools / "cargo/bin/cargo-typify"
    if typify.exists():
        print("== cargo-typify, bundles")
        out_dir = tools / "tmp/typify"
        out_dir.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            target = out_dir / f"{kind}.rs"
            try:
                run([str(typify), "typify", bundle_of(kind), "-o", str(target)], ok=(0,))
                if "pub struct" not in target.read_text():
                    raise ToolError(f"{target} holds no struct")
                passed += 1
                print(f"  {kind}: {len(target.read_text().splitlines())} lines of Rust")
            except ToolError as error:
                failed += 1
                print(f"  FAIL {kind}: {error}")
    else:
        print("note: cargo-typify is not installed in the tools directory: skipped (STACK_TOOLS_CARGO=1 installs it)")

    # The dialect: every schema file, bundle and OpenAPI component is valid in it, annotations included, and a
    # malformed annotation deep in $defs is not.
    print("== the bc-invoice dialect (python jsonschema)")
    try:
        failures = dialect_check()
        passed += 1 if not failures else 0
        failed += len(failures)
        for line in failures:
            print(f"  FAIL {line}")
        if not failures:
            print("  every schema file, bundle and OpenAPI component is valid; a malformed annotation is not")
    except Exception as error:  # noqa: BLE001 - any failure to load the dialect is a failed check
        failed += 1
        print(f"  FAIL the dialect does not load: {error}")

    # The OpenAPI description.
    openapi_started = time.monotonic()
    print("== OpenAPI")
    node_bin = tools / "node/node_modules/.bin"
    bundled = tools / "tmp/openapi.bundled.json"
    steps = [
        ("openapi-spec-validator", [str(tools / "venv/bin/openapi-spec-validator"), OPENAPI]),
        ("redocly lint", [str(node_bin / "redocly"), "lint", "--config", "tests/stack-tools/redocly.yaml", OPENAPI]),
        ("redocly bundle", [str(node_bin / "redocly"), "bundle", OPENAPI, "-o", str(bundled)]),
    ]
    for name, command in steps:
        try:
            run(command, ok=(0,))
            passed += 1
            print(f"  {name}: ok")
        except ToolError as error:
            failed += 1
            print(f"  FAIL {name}: {error}")
    jobs = [f"{kind}={file}" for kind in want for file in fixtures[kind]]
    try:
        result = run(
            ["node", "tests/stack-tools/openapi-ajv.cjs", str(bundled), *jobs],
            ok=(0,),
            env={"NODE_PATH": str(tools / "node/node_modules")},
        )
        got = json.loads(result.stdout)
        bad = [
            f"{file}: expected {want[kind][file] or 'valid'}, got {got.get(file)}"
            for kind in want
            for file in fixtures[kind]
            if got.get(file) != want[kind][file]
        ]
        passed += len(jobs) - len(bad)
        failed += len(bad)
        for line in bad:
            print(f"  FAIL ajv on the bundled OpenAPI: {line}")
        print(f"  ajv on the bundled OpenAPI: {len(jobs) - len(bad)} of {len(jobs)} documents as the validator says")
    except ToolError as error:
        failed += len(jobs)
        print(f"  FAIL ajv on the bundled OpenAPI: {error}")
    print(f"  ({time.monotonic() - openapi_started:.1f} s)")

    # The service's own description: the same validator and linter. Its responses are held to its schemas
    # by the server's tests (crates/bc-invoice-server/tests/http.rs), which post every fixture to it.
    print(f"== the service's OpenAPI ({SERVER_OPENAPI})")
    for name, command in [
        ("openapi-spec-validator", [str(tools / "venv/bin/openapi-spec-validator"), SERVER_OPENAPI]),
        (
            "redocly lint",
            [str(node_bin / "redocly"), "lint", "--config", "tests/stack-tools/redocly-server.yaml", SERVER_OPENAPI],
        ),
    ]:
        try:
            run(command, ok=(0,))
            passed += 1
            print(f"  {name}: ok")
        except ToolError as error:
            failed += 1
            print(f"  FAIL {name}: {error}")

    # The command's SARIF logs: every one valid for the SARIF multitool (the schema and its SARIF rules) and
    # for check-jsonschema with the SARIF 2.1.0 schema the multitool ships, and a broken log refused by both.
    print("== SARIF (--format sarif)")
    p, f = check_sarif(tools, args.validator)
    passed += p
    failed += f

    print(f"checked in {time.monotonic() - started:.1f} s", end="")
    print(f"; {time.time() - args.started:.0f} s with the installs" if args.started else "")
    print(f"stack-tools: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
