"""Output formats: each module renders a sorted list of diagnostics into one text.

``render(fmt, diagnostics, context)`` is the one entry point the CLI calls; the formats are
documented in ``docs/output-formats.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from devcreds_lint.model import Diagnostic
from devcreds_lint.paths import display_path
from devcreds_lint.report._common import ReportContext

__all__ = ["FORMATS", "ReportContext", "display_path", "render"]

# Format name -> module; a module is imported only when its format is asked for, so a run
# pays for one format (junit's XML library, SARIF's rule catalogue) only when it uses it.
_MODULES = {
    "full": "full",
    "concise": "concise",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
}

FORMATS: tuple[str, ...] = tuple(_MODULES)


def render(fmt: str, diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """The report of ``diagnostics`` (already sorted) in the output format ``fmt``."""
    module = _MODULES.get(fmt)
    if module is None:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    renderer: Callable[[Sequence[Diagnostic], ReportContext], str] = importlib.import_module(
        f"devcreds_lint.report.{module}"
    ).render
    return renderer(diagnostics, context)
