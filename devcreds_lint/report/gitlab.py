"""The "gitlab" format: a GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from devcreds_lint.model import Diagnostic, Severity
from devcreds_lint.redaction import Redactor, Sources
from devcreds_lint.report._common import ReportContext, posix_path, shown_path


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    redactor = Redactor(diagnostics, Sources(context.source_of))
    seen: set[str] = set()
    issues: list[dict[str, Any]] = []
    for diag in diagnostics:
        path = posix_path(shown_path(diag, context))
        message = redactor.scrub(diag.message)
        issues.append(
            {
                "description": f"{diag.code} {message}",
                "check_name": diag.code,
                "fingerprint": _fingerprint(seen, path, diag.code, message, diag.start.row),
                "severity": "major" if Severity(diag.severity) is Severity.ERROR else "minor",
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": diag.start.row, "column": diag.start.column},
                        "end": {"line": diag.end.row, "column": diag.end.column},
                    },
                },
            }
        )
    return json.dumps(issues, indent=2) + "\n"


def _fingerprint(seen: set[str], path: str, code: str, message: str, row: int) -> str:
    """md5 of the finding's identity; a repeat gets a counter so every issue stays unique."""
    base = "\0".join((path, code, message, str(row)))
    candidate, count = base, 0
    while (
        digest := hashlib.md5(
            candidate.encode("utf-8", "surrogateescape"), usedforsecurity=False
        ).hexdigest()
    ) in seen:
        count += 1
        candidate = f"{base}\0{count}"
    seen.add(digest)
    return digest
