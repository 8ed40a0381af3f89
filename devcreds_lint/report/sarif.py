"""The "sarif" format: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from devcreds_lint import __version__, rules
from devcreds_lint.model import Applicability, Diagnostic, Location, Severity, url_for
from devcreds_lint.redaction import Redactor, Sources
from devcreds_lint.report._common import ReportContext, posix_path, severity_of, shown_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/devcreds-lint/devcreds-lint"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "devcredsLint/v1"


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    catalogue = rules.all_rules()
    index = {rule.code: position for position, rule in enumerate(catalogue)}
    redactor = Redactor(diagnostics, Sources(context.source_of))
    root = Path(os.path.abspath(context.cwd if context.cwd is not None else os.getcwd())).as_uri()
    run = {
        "tool": {
            "driver": {
                "name": "devcreds-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule) for rule in catalogue],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root if root.endswith("/") else root + "/"}},
        # Our columns count code points; SARIF's default is UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "results": [_result(diag, index, context, redactor) for diag in diagnostics],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2) + "\n"


def _descriptor(rule: type[rules.Rule]) -> dict[str, Any]:
    help_text = f"{rule.summary}\n\n{rule.why}\n\nFix safety: {rule.fix_safety}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text},
        "helpUri": url_for(rule.code),
        "defaultConfiguration": {"level": Severity(rule.severity).value},
    }


def _result(
    diag: Diagnostic, index: dict[str, int], context: ReportContext, redactor: Redactor
) -> dict[str, Any]:
    artifact = _artifact(diag, context)
    message = redactor.scrub(diag.message)
    result: dict[str, Any] = {"ruleId": diag.code}
    if diag.code in index:
        result["ruleIndex"] = index[diag.code]
    identity = "\0".join((diag.code, artifact["uri"], message))
    result.update(
        {
            "level": severity_of(diag),
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": _region(diag.start, diag.end),
                    }
                }
            ],
            "partialFingerprints": {
                FINGERPRINT: hashlib.sha256(
                    identity.encode("utf-8", "surrogateescape")
                ).hexdigest(),
            },
        }
    )
    fix = diag.fix
    # SARIF cannot express a file rename, and a fix without its rename would be half a fix.
    if fix is not None and fix.edits and fix.rename is None and not redactor.reveals(fix.edits):
        replacements = [
            {
                "deletedRegion": _region(edit.start, edit.end),
                "insertedContent": {"text": edit.content},
            }
            for edit in fix.edits
        ]
        result["fixes"] = [
            {
                "description": {"text": redactor.scrub(fix.message)},
                "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
                "properties": {"applicability": Applicability(fix.applicability).value},
            }
        ]
    return result


def _artifact(diag: Diagnostic, context: ReportContext) -> dict[str, str]:
    shown = shown_path(diag, context)
    if os.path.isabs(shown):
        return {"uri": Path(shown).as_uri()}
    # Bytes: a name that is not UTF-8 is percent-encoded byte by byte, as as_uri() does.
    return {"uri": quote(os.fsencode(posix_path(shown))), "uriBaseId": SRCROOT}


def _region(start: Location, end: Location) -> dict[str, int]:
    end = max(start, end)
    return {
        "startLine": start.row,
        "startColumn": start.column,
        "endLine": end.row,
        "endColumn": end.column,
    }
