"""The "full" format (the default): each finding with its source line and carets, like Ruff.

```
custom_components/example/application_credentials.py:4:1: DC203 [*] error: Hook ... must be async
  |
4 | def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
  | ^^^
  |
  = help: Add `async`
```
"""

from __future__ import annotations

from collections.abc import Sequence

from devcreds_lint.model import Diagnostic, Severity
from devcreds_lint.redaction import MASK, Redactor, Sources
from devcreds_lint.report._common import (
    ReportContext,
    display_char,
    is_applicable,
    printable,
    severity_of,
    shown_path,
)
from devcreds_lint.report._summary import summary_lines

_BOLD = "\x1b[1m"
_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"
_CYAN = "\x1b[36m"
_RESET = "\x1b[0m"


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    sources = Sources(context.source_of)
    redactor = Redactor(diagnostics, sources)
    blocks = [_block(diag, context, sources, redactor) for diag in diagnostics]
    body = "".join(block + "\n\n" for block in blocks)
    summary = summary_lines(diagnostics, context)
    if not summary:  # --quiet
        return body
    return body + "\n".join(summary) + "\n"


def _block(diag: Diagnostic, context: ReportContext, sources: Sources, redactor: Redactor) -> str:
    lines = [_header(diag, context, redactor)]
    snippet = [] if diag.file_level else _snippet(diag, sources, redactor)
    lines.extend(snippet)
    if diag.fix is not None:
        indent = " " * len(str(diag.start.row)) if snippet else " "
        lines.append(f"{indent} = help: {printable(redactor.scrub(diag.fix.message))}")
    return "\n".join(lines)


def _header(diag: Diagnostic, context: ReportContext, redactor: Redactor) -> str:
    path = printable(shown_path(diag, context))
    code = diag.code
    marker = "[*]" if is_applicable(diag.fix, context.unsafe_fixes) else ""
    severity = f"{severity_of(diag)}:"
    if context.color:
        path = f"{_BOLD}{path}{_RESET}"
        hue = _RED if Severity(diag.severity) is Severity.ERROR else _YELLOW
        code = f"{_BOLD}{hue}{code}{_RESET}"
        marker = marker and f"{_CYAN}{marker}{_RESET}"
        severity = f"{hue}{severity}{_RESET}"
    message = printable(redactor.scrub(diag.message))
    head = f"{path}:{diag.start.row}:{diag.start.column}: {code}"
    return f"{head} {marker} {severity} {message}" if marker else f"{head} {severity} {message}"


def _snippet(diag: Diagnostic, sources: Sources, redactor: Redactor) -> list[str]:
    """The diagnostic's first line in a gutter, with carets under its range."""
    row = diag.start.row
    line = sources.line(diag.path, row)
    if line is None:
        return []
    text, starts, ends = _display(line, redactor.masks(diag.path, row, len(line), line))
    first = min(max(diag.start.column - 1, 0), len(line))
    if diag.end.row == row:
        last = diag.end.column - 1
    else:
        last = len(line) if diag.end.row > row else first
    last = min(max(last, first), len(line))
    offset = starts[first]
    carets = max(1, ends[last] - offset)
    gutter = " " * len(str(row))
    return [
        f"{gutter} |",
        f"{row} | {text}".rstrip(),
        f"{gutter} | {' ' * offset}{'^' * carets}",
        f"{gutter} |",
    ]


def _display(line: str, masks: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    """The line as shown, with masked spans replaced by ``***``, and where each column went.

    ``starts[i]`` is the display cell where the character at index ``i`` begins, ``ends[i]``
    where a range ending (exclusively) at index ``i`` ends; both have ``len(line) + 1`` items.
    """
    pieces: list[str] = []
    starts = [0] * (len(line) + 1)
    ends = [0] * (len(line) + 1)
    mask_at = dict(masks)
    cell = index = 0
    while index < len(line):
        if index in mask_at:
            stop = mask_at[index]
            for inner in range(index, stop):
                starts[inner] = cell
                ends[inner + 1] = cell + len(MASK)
            ends[index] = cell
            pieces.append(MASK)
            cell += len(MASK)
            index = stop
            continue
        shown, width = display_char(line[index])
        starts[index] = ends[index] = cell
        pieces.append(shown)
        cell += width
        index += 1
    starts[len(line)] = ends[len(line)] = cell
    return "".join(pieces), starts, ends
