"""The exception ``parse`` raises for a document with errors."""


class ValidationError(ValueError):
    """The document has errors: ``report`` holds every one of them (a :class:`bc_invoice.Report`)."""

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
