"""The "concise" format: one line per finding, ``path:line:col: CODE [*] severity: message``."""

from __future__ import annotations

from collections.abc import Sequence

from devcreds_lint.model import Diagnostic
from devcreds_lint.redaction import Redactor, Sources
from devcreds_lint.report._common import (
    ReportContext,
    is_applicable,
    printable,
    severity_of,
    shown_path,
)
from devcreds_lint.report._summary import summary_lines


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    redactor = Redactor(diagnostics, Sources(context.source_of))
    lines = [line(diag, context, redactor) for diag in diagnostics]
    lines.extend(summary_lines(diagnostics, context))
    return "".join(line + "\n" for line in lines)


def line(diag: Diagnostic, context: ReportContext, redactor: Redactor) -> str:
    marker = " [*]" if is_applicable(diag.fix, context.unsafe_fixes) else ""
    return (
        f"{printable(shown_path(diag, context))}:{diag.start.row}:{diag.start.column}: "
        f"{diag.code}{marker} {severity_of(diag)}: {printable(redactor.scrub(diag.message))}"
    )
