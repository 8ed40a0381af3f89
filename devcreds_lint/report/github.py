"""The "github" format: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence

from devcreds_lint.model import Diagnostic
from devcreds_lint.redaction import Redactor, Sources
from devcreds_lint.report._common import ReportContext, posix_path, severity_of, shown_path


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    redactor = Redactor(diagnostics, Sources(context.source_of))
    return "".join(command(diag, context, redactor) + "\n" for diag in diagnostics)


def command(diag: Diagnostic, context: ReportContext, redactor: Redactor) -> str:
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", posix_path(shown_path(diag, context))),
            ("line", str(diag.start.row)),
            ("col", str(diag.start.column)),
            ("endLine", str(diag.end.row)),
            ("endColumn", str(diag.end.column)),
            ("title", f"{diag.code} {diag.name}"),
        )
    )
    message = escape_data(redactor.scrub(diag.message))
    return f"::{severity_of(diag)} {properties}::{message}"


def escape_data(value: str) -> str:
    """GitHub's escaping for a command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """GitHub's escaping for a command's property values."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
