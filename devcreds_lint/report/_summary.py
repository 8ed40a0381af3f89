"""The closing lines of the human formats, worded like Ruff's."""

from __future__ import annotations

from collections.abc import Sequence

from devcreds_lint.model import Applicability, Diagnostic
from devcreds_lint.report._common import ReportContext


def summary_lines(diagnostics: Sequence[Diagnostic], ctx: ReportContext) -> list[str]:
    """``Found N errors.`` and what ``--fix`` could do; ``All checks passed!`` when clean."""
    remaining, fixed = len(diagnostics), ctx.fixed
    if remaining == 0:
        if fixed == 0:
            return ["All checks passed!"]
        return [f"Found {_errors(fixed)} ({fixed} fixed, 0 remaining)."]
    lines = [f"Fixed {_errors(fixed)}."] if fixed else []
    lines.append(f"Found {_errors(remaining)}.")
    fix_line = _fix_line(diagnostics, ctx.unsafe_fixes)
    if fix_line:
        lines.append(fix_line)
    return lines


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


def _errors(count: int) -> str:
    return f"{count} error{'' if count == 1 else 's'}"
