"""Type stubs of the bc_invoice package (the extension module bc_invoice._native, re-exported)."""

from collections.abc import Iterable
from typing import Any, Literal, TypedDict, final

Document = bytes | bytearray | memoryview | str
RuleIds = str | Iterable[str]

class FindingDict(TypedDict, total=False):
    instanceLocation: str
    keyword: str
    rule: str
    error: str
    line: int
    column: int

class ReportDict(TypedDict):
    kind: str | None
    detected: bool
    valid: bool
    errors: list[FindingDict]
    warnings: list[FindingDict]
    omitted: int

class RuleDict(TypedDict):
    id: str
    level: Literal["allow", "warn", "deny"]
    defaultLevel: Literal["allow", "warn", "deny"]
    summary: str
    tolerance: str
    source: str

@final
class Finding:
    """One finding, as the command's JSON report gives it, with the facts behind the message."""

    @property
    def pointer(self) -> str: ...
    @property
    def keyword(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def rule(self) -> str | None: ...
    @property
    def level(self) -> Literal["error", "warning"]: ...
    @property
    def expected(self) -> str | None: ...
    @property
    def found(self) -> str | None: ...

@final
class Report:
    """Everything validation found in one document."""

    @property
    def valid(self) -> bool: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def detected(self) -> bool: ...
    @property
    def errors(self) -> tuple[Finding, ...]: ...
    @property
    def warnings(self) -> tuple[Finding, ...]: ...
    @property
    def omitted(self) -> int: ...
    def to_dict(self) -> ReportDict: ...
    def to_json(self) -> str: ...
    def __bool__(self) -> bool: ...

@final
class Validator:
    """Validation settings, checked once and reused (safe to share between threads)."""

    def __init__(
        self,
        *,
        strict: bool = False,
        redact: bool = False,
        deny: RuleIds = (),
        warn: RuleIds = (),
        allow: RuleIds = (),
    ) -> None: ...
    @property
    def strict(self) -> bool: ...
    @property
    def redact(self) -> bool: ...
    def validate(self, document: Document, kind: str | None = None) -> Report: ...
    def parse(self, document: Document, kind: str | None = None) -> dict[str, Any]: ...
    def rules(self) -> list[RuleDict]: ...

class ValidationError(ValueError):
    """Raised by ``parse`` for a document with errors; ``report`` holds them all."""

    report: Report
    def __init__(self, report: Report) -> None: ...

def validate(
    document: Document,
    kind: str | None = None,
    *,
    strict: bool = False,
    redact: bool = False,
    deny: RuleIds = (),
    warn: RuleIds = (),
    allow: RuleIds = (),
) -> Report: ...
def parse(
    document: Document,
    kind: str | None = None,
    *,
    strict: bool = False,
    redact: bool = False,
    deny: RuleIds = (),
    warn: RuleIds = (),
    allow: RuleIds = (),
) -> dict[str, Any]: ...
def kinds() -> list[str]: ...
def rules(*, deny: RuleIds = (), warn: RuleIds = (), allow: RuleIds = ()) -> list[RuleDict]: ...
