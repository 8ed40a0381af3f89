"""The "json" format: an array of findings, one object each (schema in docs/output-formats.md)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from devcreds_lint.model import Applicability, Diagnostic, Fix, Location, url_for
from devcreds_lint.paths import display_path
from devcreds_lint.redaction import Redactor, Sources
from devcreds_lint.report._common import (
    ReportContext,
    posix_path,
    severity_of,
    shown_path,
)


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    redactor = Redactor(diagnostics, Sources(context.source_of))
    items = [item(diag, context, redactor) for diag in diagnostics]
    return json.dumps(items, indent=2) + "\n"


def item(diag: Diagnostic, context: ReportContext, redactor: Redactor) -> dict[str, Any]:
    return {
        "code": diag.code,
        "name": diag.name,
        "severity": severity_of(diag),
        "message": redactor.scrub(diag.message),
        "filename": posix_path(shown_path(diag, context)),
        "location": location(diag.start),
        "end_location": location(diag.end),
        "fix": None if diag.fix is None else _fix(diag, diag.fix, context, redactor),
        # The row a noqa comment suppresses; file-level findings take per-file-ignores instead.
        "noqa_row": None if diag.file_level else diag.start.row,
        "url": url_for(diag.code),
    }


def location(at: Location) -> dict[str, int]:
    return {"row": at.row, "column": at.column}


def _fix(diag: Diagnostic, fix: Fix, context: ReportContext, redactor: Redactor) -> dict[str, Any]:
    edits: list[dict[str, Any]] = []
    # A fix whose text would print a secret keeps its message but loses its text edits.
    if not redactor.reveals(fix.edits):
        edits.extend(
            {
                "content": edit.content,
                "location": location(edit.start),
                "end_location": location(edit.end),
            }
            for edit in fix.edits
        )
    if fix.rename is not None:
        target = os.path.join(os.path.dirname(diag.path), fix.rename.new_name)
        edits.append(
            {
                "rename_from": posix_path(shown_path(diag, context)),
                "rename_to": posix_path(display_path(target, context.cwd)),
            }
        )
    return {
        "applicability": Applicability(fix.applicability).value,
        "message": redactor.scrub(fix.message),
        "edits": edits,
    }
