"""``from a.b.Name`` with the ``import`` keyword missing (DC102), found on text.

This is found without parsing, because such a line is itself a syntax error. The engine also
uses :func:`repair` to check the rest of a module whose only syntax errors are these lines,
so one run reports everything else that is wrong with it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devcreds_lint.text import LineIndex

_MALFORMED = re.compile(
    r"(?:^|(?<=\r))(?P<indent>[ \t]*)from[ \t]+(?P<module>\.*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)"
    r"\.(?P<name>[A-Za-z_]\w*)(?P<trail>[ \t]*(?:#[^\r\n]*)?)(?=\r\n|\r|\n|\Z)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class MalformedImport:
    row: int  # 1-based
    start: int  # offset of "from"
    end: int  # offset after the dotted name
    module: str
    name: str

    @property
    def replacement(self) -> str:
        return f"from {self.module} import {self.name}"


def find_malformed_imports(text: str) -> list[MalformedImport]:
    found: list[MalformedImport] = []
    lines = LineIndex(text)
    for match in _MALFORMED.finditer(text):
        start = match.start() + len(match.group("indent"))
        end = match.end("name")
        row = lines.row_of(start)
        found.append(MalformedImport(row, start, end, match.group("module"), match.group("name")))
    return found


def repair(text: str, found: list[MalformedImport]) -> str:
    """``text`` with every malformed import completed (positions on other lines unchanged)."""
    parts: list[str] = []
    last = 0
    for item in found:
        parts.append(text[last : item.start])
        parts.append(item.replacement)
        last = item.end
    parts.append(text[last:])
    return "".join(parts)
