"""Keeping secrets out of everything shown: reports, diffs and the editor.

Every diagnostic carries its integration's secrets (``Diagnostic.secrets``: where the
characters inside a secret literal's quotes are, found by the engine whatever rule reports
them; RULES.md section 4). Those characters are never printed: source lines shown by the
"full" format are masked there with ``***``, whatever diagnostic shows the line, and nothing
else is hidden (the constant's name and where it is defined stay readable). The secret texts
those spans hold are scrubbed from messages and diffs wherever they occur, and a fix whose
edits would write one out is reported without its text edits. A ``redacted`` diagnostic that
carries no spans (the engine could not tell where its secret is) masks its own range.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from devcreds_lint.model import Diagnostic, Edit, Location
from devcreds_lint.text import NEWLINE

MASK = "***"
# Shorter texts are too likely to occur by chance in a message to be scrubbed from it.
MIN_SECRET_LENGTH = 4

_STRING_LITERAL = re.compile(r"(?is)[rbuf]{0,2}('''|\"\"\"|'|\")(.*)\1")


class Sources:
    """The lines of each file, read at most once per report."""

    def __init__(self, source_of: Callable[[str], str | None]) -> None:
        self._source_of = source_of
        self._lines: dict[str, list[str] | None] = {}

    def lines(self, path: str) -> list[str] | None:
        if path not in self._lines:
            text = self._source_of(path)
            self._lines[path] = None if text is None else NEWLINE.split(text.removeprefix("\ufeff"))
        return self._lines[path]

    def line(self, path: str, row: int) -> str | None:
        """The 1-based line ``row`` of ``path``, without its line ending."""
        lines = self.lines(path)
        if lines is None or not 1 <= row <= len(lines):
            return None
        return lines[row - 1]


def scrub_texts(text: str, secrets: Sequence[str]) -> str:
    """``text`` with every one of ``secrets`` (longest first) of at least
    :data:`MIN_SECRET_LENGTH` characters replaced by ``***``."""
    for secret in secrets:
        if len(secret) >= MIN_SECRET_LENGTH:
            text = text.replace(secret, MASK)
    return text


class Redactor:
    """The secret ranges of one report's diagnostics, and the secret texts they hold."""

    def __init__(
        self, diagnostics: Sequence[Diagnostic], sources: Sources, texts: Iterable[str] = ()
    ) -> None:
        self._ranges: dict[str, set[tuple[Location, Location]]] = {}
        literal: set[tuple[str, Location, Location]] = set()
        for diag in diagnostics:
            for span in diag.secrets:
                literal.add((span.path, span.start, span.end))
            if diag.redacted and not diag.secrets:
                literal.add((diag.path, diag.start, diag.end))
        for path, start, end in literal:
            self._ranges.setdefault(path, set()).add((start, end))
        secrets: set[str] = {t for t in texts if len(t) >= MIN_SECRET_LENGTH}
        for path, ranges in self._ranges.items():
            lines = sources.lines(path)
            if lines is None:
                continue
            for start, end in ranges:
                secrets.update(_secret_forms(_slice(lines, start, end)))
        self._secrets = sorted(secrets, key=lambda s: (-len(s), s))

    @property
    def texts(self) -> list[str]:
        """The secret texts, longest first."""
        return list(self._secrets)

    def masks(self, path: str, row: int, length: int, line: str = "") -> list[tuple[int, int]]:
        """The 0-based, end-exclusive, merged spans of line ``row`` that must not be shown:
        the secret ranges, and any other place on ``line`` that holds a known secret."""
        spans: list[tuple[int, int]] = []
        for secret in self._secrets:
            found = line.find(secret)
            while found != -1:
                spans.append((found, found + len(secret)))
                found = line.find(secret, found + 1)
        for start, end in self._ranges.get(path, ()):
            if not start.row <= row <= end.row:
                continue
            first = start.column - 1 if row == start.row else 0
            last = end.column - 1 if row == end.row else length
            first, last = max(first, 0), min(last, length)
            if first < last:
                spans.append((first, last))
        merged: list[tuple[int, int]] = []
        for first, last in sorted(spans):
            if merged and first <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], last))
            else:
                merged.append((first, last))
        return merged

    def scrub(self, text: str) -> str:
        """``text`` with every known secret replaced by ``***``."""
        return scrub_texts(text, self._secrets)

    def reveals(self, edits: Iterable[Edit]) -> bool:
        """Whether writing out these edits would print a known secret."""
        return any(secret in edit.content for edit in edits for secret in self._secrets)


def _slice(lines: list[str], start: Location, end: Location) -> str:
    if end < start or start.row > len(lines):
        return ""
    last_row = min(end.row, len(lines))
    parts = lines[start.row - 1 : last_row]
    if end.row == last_row:
        parts[-1] = parts[-1][: max(end.column - 1, 0)]
    parts[0] = parts[0][max(start.column - 1, 0) :]
    return "\n".join(parts)


def _secret_forms(text: str) -> set[str]:
    """The range's text, each of its lines (a diff shows them one by one), and the value
    inside it when it is a string literal."""
    forms = {text.strip(), *(line.strip() for line in text.split("\n"))}
    literal = _STRING_LITERAL.fullmatch(text.strip())
    if literal:
        forms.add(literal.group(2))
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}
