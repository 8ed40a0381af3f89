"""The value types every other module shares: findings, their fixes, and positions.

Everything here is a frozen dataclass or a ``str`` enum, so values serialize cleanly and
can cross process boundaries (the parallel runner pickles them).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How bad a finding is: ``error`` fails at runtime or leaks a secret; ``warning`` is risky."""

    ERROR = "error"
    WARNING = "warning"


class FixAvailability(str, enum.Enum):
    """What a rule declares about its fix; a test holds the declaration against its examples."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Applicability(str, enum.Enum):
    """Whether ``--fix`` applies a fix by default (safe) or only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line (``row``) and 1-based column counted in Unicode code points."""

    row: int
    column: int


@dataclass(frozen=True)
class Edit:
    """Replace the text between ``start`` and ``end`` (end exclusive) with ``content``."""

    start: Location
    end: Location
    content: str


@dataclass(frozen=True)
class Rename:
    """Rename the diagnostic's file to ``new_name`` in the same folder."""

    new_name: str


@dataclass(frozen=True)
class Fix:
    """What ``--fix`` does for one diagnostic: text edits on its file and/or a file rename."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...] = ()
    rename: Rename | None = None

    def applies(self, unsafe_fixes: bool) -> bool:
        """Whether ``--fix`` applies it (unsafe fixes only with ``--unsafe-fixes``)."""
        return Applicability(self.applicability) is Applicability.SAFE or unsafe_fixes


@dataclass(frozen=True, order=True)
class Span:
    """Where a secret's characters are: ``start`` to ``end`` (exclusive) in ``path``, the
    characters inside a string literal's quotes (RULES.md section 4)."""

    path: str
    start: Location
    end: Location


@dataclass(frozen=True)
class Diagnostic:
    """One finding. ``path`` is the file it belongs to, as given to the engine."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    start: Location
    end: Location
    fix: Fix | None = None
    # A secret that output must never show; reporters and the cache check messages against it.
    redacted: bool = False
    # Whether the finding belongs to a line of Python (noqa applies) or to a whole file.
    file_level: bool = False
    # Every secret of the integration (whatever rule reports it, or none): what output that
    # shows this finding's file, or any file of its integration, masks.
    secrets: tuple[Span, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.start.row, self.start.column, self.code, self.message)


FILE_START = Location(1, 1)


def url_for(code: str) -> str:
    """The documentation address of a rule."""
    return f"https://github.com/devcreds-lint/devcreds-lint/blob/main/docs/rules.md#{code.lower()}"


def safe_fix(message: str, *edits: Edit, rename: str | None = None) -> Fix:
    return Fix(Applicability.SAFE, message, tuple(edits), Rename(rename) if rename else None)


def unsafe_fix(message: str, *edits: Edit) -> Fix:
    return Fix(Applicability.UNSAFE, message, tuple(edits))
