"""Output formats: each module renders a sorted list of diagnostics into one text.

``render(fmt, diagnostics, ctx)`` is the one entry point the CLI calls; the formats are
documented in ``docs/output-formats.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from devcreds_lint.diagnostics import Diagnostic
from devcreds_lint.report import concise, full, github, gitlab, json_format, junit, sarif
from devcreds_lint.report._common import ReportContext, display_path

__all__ = ["FORMATS", "ReportContext", "display_path", "render"]

_RENDERERS: dict[str, Callable[[Sequence[Diagnostic], ReportContext], str]] = {
    "full": full.render,
    "concise": concise.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
}

FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(fmt: str, diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> str:
    """The report of ``diagnostics`` (already sorted) in the output format ``fmt``."""
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderer(diagnostics, ctx)
