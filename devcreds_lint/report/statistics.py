"""``check --statistics``: how many findings each rule has, like Ruff's ``--statistics``.

Text (every format but ``json``): one line per rule, most findings first, then the summary::

    3  DC203  [*] error    sync-platform-hook
    1  DC502      warning  hardcoded-client-id

``[*]`` marks a rule whose findings ``--fix`` would all fix in this run. ``json``: a list of
``{"code", "name", "severity", "count", "fixable"}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from devcreds_lint.model import Diagnostic
from devcreds_lint.report._common import ReportContext, is_applicable, severity_of
from devcreds_lint.report._summary import summary_lines


def render_statistics(diagnostics: Sequence[Diagnostic], context: ReportContext, fmt: str) -> str:
    by_code: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        by_code.setdefault(diag.code, []).append(diag)
    rows = sorted(by_code.items(), key=lambda item: (-len(item[1]), item[0]))
    if fmt == "json":
        data = [
            {
                "code": code,
                "name": found[0].name,
                "severity": severity_of(found[0]),
                "count": len(found),
                "fixable": all(is_applicable(d.fix, context.unsafe_fixes) for d in found),
            }
            for code, found in rows
        ]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(len(found))) for _, found in rows), default=1)
    lines = []
    for code, found in rows:
        fixable = all(is_applicable(d.fix, context.unsafe_fixes) for d in found)
        lines.append(
            f"{len(found):>{width}}  {code:<5}  {'[*]' if fixable else '   '} "
            f"{severity_of(found[0]):<7}  {found[0].name}"
        )
    lines.extend(summary_lines(diagnostics, context))
    return "\n".join(lines) + "\n"
