"""The closing lines of the human formats, worded like Ruff's, with errors and warnings
counted apart and how much was checked."""

from __future__ import annotations

from collections.abc import Sequence

from devcreds_lint.model import Applicability, Diagnostic, Severity
from devcreds_lint.report._common import ReportContext


def summary_lines(diagnostics: Sequence[Diagnostic], context: ReportContext) -> list[str]:
    """``Found 2 errors and 1 warning.`` and what ``--fix`` could do; ``All checks passed!``
    when clean; then what was checked. Nothing with ``--quiet``."""
    if context.quiet:
        return []
    errors, warnings = count_by_severity(diagnostics)
    fixed = context.fixed
    fixed_errors = fixed - context.fixed_warnings
    if not diagnostics:
        if fixed:
            lines = [
                f"Found {findings(fixed_errors, context.fixed_warnings)} ({fixed} fixed, 0 remaining)."
            ]
        elif context.nothing_checked:
            # Said once, on standard error, by the command line (cli._print_notices).
            lines = []
        else:
            lines = ["All checks passed!"]
    else:
        lines = [f"Fixed {findings(fixed_errors, context.fixed_warnings)}."] if fixed else []
        lines.append(f"Found {findings(errors, warnings)}.")
        fix_line = _fix_line(diagnostics, context.unsafe_fixes)
        if fix_line:
            lines.append(fix_line)
    if context.checked is not None and not context.nothing_checked:
        modules, integrations = context.checked
        lines.append(
            f"Checked {_plural(modules, 'platform module')} in "
            f"{_plural(integrations, 'integration')}."
        )
    return lines


def count_by_severity(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    warnings = sum(1 for d in diagnostics if Severity(d.severity) is Severity.WARNING)
    return len(diagnostics) - warnings, warnings


def findings(errors: int, warnings: int) -> str:
    """``3 errors and 1 warning``, ``1 error``, ``2 warnings`` (``0 errors`` for none)."""
    if errors and warnings:
        return f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')}"
    if warnings:
        return _plural(warnings, "warning")
    return _plural(errors, "error")


def _fix_line(diagnostics: Sequence[Diagnostic], unsafe_fixes: bool) -> str | None:
    kinds = [Applicability(d.fix.applicability) for d in diagnostics if d.fix is not None]
    safe = kinds.count(Applicability.SAFE)
    unsafe = kinds.count(Applicability.UNSAFE)
    applicable = safe + unsafe if unsafe_fixes else safe
    hidden = 0 if unsafe_fixes else unsafe
    note = (
        f"{hidden} hidden fix{'' if hidden == 1 else 'es'} can be enabled with the "
        "`--unsafe-fixes` option"
    )
    if applicable and hidden:
        return f"[*] {applicable} fixable with the `--fix` option ({note})."
    if applicable:
        return f"[*] {applicable} fixable with the `--fix` option."
    if hidden:
        return f"No fixes available ({note})."
    return None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
