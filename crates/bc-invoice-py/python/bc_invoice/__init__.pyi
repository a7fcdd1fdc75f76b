"""Type stubs of the bc_invoice package (the extension module bc_invoice._native, re-exported)."""

from typing import Any, ClassVar, Literal, final

# The type names, re-exported (they exist at run time too).
from bc_invoice._types import Document as Document
from bc_invoice._types import FindingDict as FindingDict
from bc_invoice._types import ReportDict as ReportDict
from bc_invoice._types import RuleDict as RuleDict
from bc_invoice._types import RuleIds as RuleIds

__all__ = ["Finding", "Report", "ValidationError", "Validator", "kinds", "parse", "rules", "validate"]

__version__: str
"""The package's version, the Rust crates' (``importlib.metadata.version("bc-invoice")`` gives the same)."""

@final
class Finding:
    """One finding, as the command's JSON report gives it, with the facts behind the message."""

    def __new__(
        cls,
        *,
        pointer: str,
        keyword: str,
        message: str,
        line: int,
        column: int,
        level: Literal["error", "warning"],
        rule: str | None = None,
        expected: str | None = None,
        found: str | None = None,
    ) -> Finding:
        """A finding made by hand (a test's expected value, or a finding of one's own), every field by name."""

    @property
    def pointer(self) -> str:
        """RFC 6901 JSON Pointer, ``""`` for the root; for ``required`` and ``additionalProperties``, the object."""
    @property
    def keyword(self) -> str:
        """The JSON Schema keyword, ``syntax``, ``duplicateMember``, ``range``, ``kind``, or the rule's id."""
    @property
    def message(self) -> str:
        """The message, values masked with ``redact``."""
    @property
    def line(self) -> int:
        """1-based line where the offending value starts."""
    @property
    def column(self) -> int:
        """1-based column, in characters."""
    @property
    def rule(self) -> str | None:
        """The rule's id for a rule's finding, ``None`` for a schema finding."""
    @property
    def level(self) -> Literal["error", "warning"]:
        """``"error"`` or ``"warning"``."""
    @property
    def expected(self) -> str | None:
        """What the schema expected (the pattern, the allowed values, the missing member, …), if it says."""
    @property
    def found(self) -> str | None:
        """The offending value as JSON text (its first 80 characters and ``…`` when longer); ``None`` with ``redact`` or for a container."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Report:
    """Everything validation found in one document."""

    @property
    def valid(self) -> bool:
        """Whether the document has no errors (warnings allowed)."""
    @property
    def kind(self) -> str | None:
        """The kind the document was checked as; ``None`` when it could not be told."""
    @property
    def detected(self) -> bool:
        """Whether the kind was detected from the top-level members rather than given."""
    @property
    def errors(self) -> tuple[Finding, ...]:
        """The errors, in document order."""
    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The warnings, in document order."""
    @property
    def omitted(self) -> int:
        """Findings past the report's limit (1,000), counted but not listed."""
    def to_dict(self) -> ReportDict:
        """The report as the command's ``--format json`` entry for a file, less ``file``."""
    def to_json(self) -> str:
        """The report as the command's JSON entry, as text (escaped as the command escapes it)."""
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
    def strict(self) -> bool:
        """Whether every warning is an error."""
    @property
    def redact(self) -> bool:
        """Whether document values are masked in findings."""
    def validate(self, document: Document, kind: str | None = None) -> Report:
        """Validates a document (the JSON text: ``bytes``, ``bytearray``, ``memoryview`` or ``str``) with these settings;
        ``kind=None`` detects the kind from the top-level members."""
    def parse(self, document: Document, kind: str | None = None) -> dict[str, Any]:
        """The validated document as dicts and lists, every amount a :class:`decimal.Decimal`; raises
        :class:`ValidationError` (a ``ValueError``, with the report) when it has errors."""
    def rules(self) -> list[RuleDict]:
        """The rules with the levels these settings give them, as ``rules()`` lists them."""

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
) -> Report:
    """Validates a document (the JSON text: ``bytes``, ``bytearray``, ``memoryview`` or ``str``) and returns its
    :class:`Report`. ``kind=None`` detects the kind from the top-level members; ``strict`` makes every warning an
    error; ``redact`` masks the document's values; ``deny``, ``warn`` and ``allow`` set rule levels (a rule id, an
    iterable of them, or ``"all"``)."""
def parse(
    document: Document,
    kind: str | None = None,
    *,
    strict: bool = False,
    redact: bool = False,
    deny: RuleIds | None = None,
    warn: RuleIds | None = None,
    allow: RuleIds | None = None,
) -> dict[str, Any]:
    """The validated document as dicts and lists, every amount a :class:`decimal.Decimal`; raises
    :class:`ValidationError` (a ``ValueError``, with the report) when it has errors. The arguments are ``validate``'s."""
def kinds() -> list[str]:
    """The document kinds' ids, as ``kind`` takes them."""
def rules(*, deny: RuleIds | None = None, warn: RuleIds | None = None, allow: RuleIds | None = None) -> list[RuleDict]:
    """Every rule with its level, as ``bc-invoice-validate --list-rules --format json`` lists them (with these
    settings' levels)."""
