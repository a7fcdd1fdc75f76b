"""Type stubs of the bc_invoice package (the extension module bc_invoice._native, re-exported)."""

from typing import Any, ClassVar, Literal, final

# The type names, re-exported (they exist at run time too).
from bc_invoice._types import Document as Document
from bc_invoice._types import FindingDict as FindingDict
from bc_invoice._types import ReportDict as ReportDict
from bc_invoice._types import RuleDict as RuleDict
from bc_invoice._types import RuleIds as RuleIds

__all__ = ["Finding", "Report", "ValidationError", "Validator", "kinds", "parse", "rules", "validate"]

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
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

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
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Validator:
    """Validation settings, checked once and reused (safe to share between threads)."""

    def __new__(
        cls,
        *,
        strict: bool = False,
        redact: bool = False,
        deny: RuleIds | None = None,
        warn: RuleIds | None = None,
        allow: RuleIds | None = None,
    ) -> Validator: ...
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
    deny: RuleIds | None = None,
    warn: RuleIds | None = None,
    allow: RuleIds | None = None,
) -> Report: ...
def parse(
    document: Document,
    kind: str | None = None,
    *,
    strict: bool = False,
    redact: bool = False,
    deny: RuleIds | None = None,
    warn: RuleIds | None = None,
    allow: RuleIds | None = None,
) -> dict[str, Any]: ...
def kinds() -> list[str]: ...
def rules(*, deny: RuleIds | None = None, warn: RuleIds | None = None, allow: RuleIds | None = None) -> list[RuleDict]: ...
