"""What every output format shares: the report context, display paths and fix counting."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from devcreds_lint.model import Diagnostic, Fix, Severity
from devcreds_lint.paths import display_path


def _no_source(path: str) -> str | None:
    return None


@dataclass(frozen=True)
class ReportContext:
    """Everything a format needs besides the diagnostics themselves."""

    # ANSI colours; only the "full" format uses them.
    color: bool = False
    # Whether --unsafe-fixes is on: unsafe fixes then count as applicable.
    unsafe_fixes: bool = False
    # How many fixes --fix applied this run (for the summary), and how many of them were of
    # warnings.
    fixed: int = 0
    fixed_warnings: int = 0
    # (platform modules, integrations) checked, for the summary; None leaves the line out.
    checked: tuple[int, int] | None = None
    # Why nothing was checked ("no integration found"), said instead of "All checks passed!".
    nothing_checked: str | None = None
    # --quiet: the findings only, no summary.
    quiet: bool = False
    # The text of a file, for showing source lines in "full"; None when unavailable.
    source_of: Callable[[str], str | None] = _no_source
    # The folder display paths are relative to; None means os.getcwd().
    cwd: str | None = None


def posix_path(path: str) -> str:
    """``path`` with forward slashes, for JSON, SARIF, GitLab and GitHub output."""
    return path.replace(os.sep, "/")


def shown_path(diag: Diagnostic, context: ReportContext) -> str:
    return display_path(diag.path, context.cwd)


def severity_of(diag: Diagnostic) -> str:
    """``"error"`` or ``"warning"``."""
    return Severity(diag.severity).value


def is_applicable(fix: Fix | None, unsafe_fixes: bool) -> bool:
    """Whether ``--fix`` would apply ``fix`` in this run."""
    return fix is not None and fix.applies(unsafe_fixes)


def printable(text: str) -> str:
    """``text`` safe for a terminal: control and bidi-format characters made visible."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a per-character lookup
    return "".join(display_char(ch)[0] for ch in text)


def display_char(ch: str) -> tuple[str, int]:
    """How one character is shown in a terminal, and how many cells it takes."""
    if ch == "\t":
        return "    ", 4
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code), 1  # the Unicode "control pictures"
    if code == 0x7F:
        return "\u2421", 1
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Zl", "Zp", "Cs"):
        return "\ufffd", 1  # never let escapes or bidi overrides reach the terminal
    if category in ("Mn", "Me"):
        return ch, 0
    return ch, 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
