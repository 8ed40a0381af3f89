"""Lines of a text: the one place that knows what a newline is and turns offsets into
1-based :class:`~devcreds_lint.model.Location` values and back.

Python's notion of lines is used everywhere (LF, CRLF and a lone CR all end a line), so a
position computed here matches what the parser, the fixer and the editor see.
"""

from __future__ import annotations

import bisect
import re

from devcreds_lint.model import Location

NEWLINE = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"


def detect_newline(text: str) -> str:
    """The first line ending of ``text`` (``\\n`` when it has none)."""
    match = NEWLINE.search(text)
    return match.group(0) if match else "\n"


def first_line_end(text: str | None) -> Location:
    """Where line 1 ends (before its line ending): a finding about a whole file (DC101,
    DC103) covers its first line, so an editor shows it there and offers its fixes."""
    first = NEWLINE.split((text or "").removeprefix(BOM), maxsplit=1)[0]
    return Location(1, len(first) + 1)


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins."""
    starts = [0]
    starts.extend(m.end() for m in NEWLINE.finditer(text))
    return starts


class LineIndex:
    """Offsets (code points from the start of the text) to locations and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def offset(self, loc: Location) -> int:
        return self.starts[loc.row - 1] + loc.column - 1

    def location(self, offset: int) -> Location:
        row = bisect.bisect_right(self.starts, offset)
        return Location(row, offset - self.starts[row - 1] + 1)

    def row_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def line(self, row: int) -> str:
        """The text of line ``row`` (1-based) without its line ending."""
        begin = self.starts[row - 1]
        end = self.starts[row] if row < len(self.starts) else len(self.text)
        return self.text[begin:end].rstrip("\r\n")


def location_in(text: str, offset: int) -> Location:
    return LineIndex(text).location(offset)
