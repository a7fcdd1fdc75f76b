"""The package's type names, at run time as in the stubs: ``bc_invoice.ReportDict`` and the others can be
used in annotations that Python evaluates (a dataclass field, ``typing.get_type_hints``), not only under
``typing.TYPE_CHECKING``. Written for Python 3.9 (no ``X | Y``).

The TypedDicts are ``typing_extensions.TypedDict`` before Python 3.12 (a dependency there): pydantic, and so
FastAPI's response models, refuse a ``typing.TypedDict`` on those versions."""

import sys
from collections.abc import Iterable
from typing import Literal, Union

if sys.version_info >= (3, 12):
    from typing import TypedDict
else:
    from typing_extensions import TypedDict

__all__ = ["Document", "FindingDict", "ReportDict", "RuleDict", "RuleIds"]

#: What ``validate`` and ``parse`` take: the JSON text, as UTF-8 bytes or as a str.
Document = Union[bytes, bytearray, memoryview, str]
#: What ``deny``, ``warn`` and ``allow`` take: one rule id, or an iterable of them.
RuleIds = Union[str, Iterable[str]]


class _FindingDictBase(TypedDict):
    instanceLocation: str
    keyword: str
    error: str
    line: int
    column: int


class FindingDict(_FindingDictBase, total=False):
    """One finding of ``Report.to_dict()``: ``rule`` only for a rule's finding."""

    rule: str


class ReportDict(TypedDict):
    """``Report.to_dict()``: the command's ``--format json`` entry for a file, less ``file``."""

    kind: Union[str, None]
    detected: bool
    valid: bool
    errors: list[FindingDict]
    warnings: list[FindingDict]
    omitted: int


class RuleDict(TypedDict):
    """One rule of ``rules()``, as ``--list-rules --format json`` lists it."""

    id: str
    level: Literal["allow", "warn", "deny"]
    defaultLevel: Literal["allow", "warn", "deny"]
    summary: str
    tolerance: str
    source: str
