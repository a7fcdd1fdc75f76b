"""The exceptions the package defines: ``ValidationError``, which ``parse`` raises for a document with errors,
and the ``UnicodeEncodeError`` of a redacted ``str`` document."""


class ValidationError(ValueError):
    """The document has errors: ``report`` holds every one of them (a :class:`bc_invoice.Report`)."""

    # Named where users import it from, as Finding, Report and Validator are: a traceback shows
    # bc_invoice.ValidationError, and pickle finds it there.
    __module__ = "bc_invoice"

    def __init__(self, report):
        self.report = report
        errors = report.errors
        first = str(errors[0]) if errors else "no errors listed"
        more = f" (and {len(errors) - 1 + report.omitted} more)" if len(errors) + report.omitted > 1 else ""
        kind = report.kind or "document of unknown kind"
        super().__init__(f"invalid {kind}: {first}{more}")

    def __reduce__(self):
        # The exception's args are its message, which __init__ does not take: pickle and copy rebuild it
        # from the report (and keep what was set on it since, such as notes).
        return (type(self), (self.report,), self.__dict__)


class _RedactedEncodeError(UnicodeEncodeError):
    """A ``str`` document with no UTF-8 form (a lone surrogate), checked with ``redact``: a
    ``UnicodeEncodeError`` with the position and the reason, but not the character or the document
    (``object`` is empty)."""

    def __str__(self):
        return f"'{self.encoding}' codec can't encode character [redacted] in position {self.start}: {self.reason}"
