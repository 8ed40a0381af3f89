"""Positions between the engine and the client: the engine's 1-based code-point locations as
0-based LSP positions in the negotiated encoding, ranges, and the smallest edit between two texts.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from devcreds_lint import text as text_lines
from devcreds_lint.model import Location


def code_units(text: str, encoding: str) -> int:
    """The length of ``text`` in the code units of a position encoding."""
    if encoding == lsp.PositionEncodingKind.Utf8.value:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == lsp.PositionEncodingKind.Utf32.value:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex(text_lines.LineIndex):
    """Lines of a text (split as the engine splits them) with LSP positions."""

    def position(self, loc: Location, encoding: str) -> lsp.Position:
        """A 1-based code-point location as a 0-based LSP position (clamped to the text)."""
        if loc.row < 1:
            return lsp.Position(line=0, character=0)
        if loc.row > len(self.starts):
            return self.end(encoding)
        line = self.line(loc.row)
        column = min(max(loc.column - 1, 0), len(line))
        return lsp.Position(line=loc.row - 1, character=code_units(line[:column], encoding))

    def end(self, encoding: str) -> lsp.Position:
        last = len(self.starts)
        return lsp.Position(line=last - 1, character=code_units(self.line(last), encoding))


def lsp_range(index: LineIndex | None, start: Location, end: Location, encoding: str) -> lsp.Range:
    if index is None:  # text unknown (unreadable file): columns are the best guess
        return lsp.Range(
            start=lsp.Position(line=max(start.row - 1, 0), character=max(start.column - 1, 0)),
            end=lsp.Position(line=max(end.row - 1, 0), character=max(end.column - 1, 0)),
        )
    first = index.position(start, encoding)
    last = index.position(end, encoding) if end >= start else first
    return lsp.Range(start=first, end=last)


def _key(position: lsp.Position) -> tuple[int, int]:
    return position.line, position.character


def ranges_touch(a: lsp.Range, b: lsp.Range) -> bool:
    """Whether two ranges overlap or touch (an empty range at a finding's edge counts)."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their line endings; the last one has none (may be empty)."""
    starts = text_lines.line_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def minimal_edit(old: str, new: str, encoding: str) -> lsp.TextEdit:
    """One edit turning ``old`` into ``new`` that spans only the lines between their common
    first and last lines (marks, folds and the cursor elsewhere stay where they are)."""
    old_lines, new_lines = _lines(old), _lines(new)
    if old == new:
        return lsp.TextEdit(
            range=lsp.Range(
                start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)
            ),
            new_text="",
        )
    shortest = min(len(old_lines), len(new_lines))
    head = 0
    while head < shortest and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    if tail:
        end = lsp.Position(line=len(old_lines) - tail, character=0)
    else:  # the change reaches the end of the text
        end = lsp.Position(line=len(old_lines) - 1, character=code_units(old_lines[-1], encoding))
    replacement = "".join(new_lines[head : len(new_lines) - tail])
    return lsp.TextEdit(
        range=lsp.Range(start=lsp.Position(line=head, character=0), end=end),
        new_text=replacement,
    )
