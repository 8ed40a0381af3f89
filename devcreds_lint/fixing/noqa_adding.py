"""``--add-noqa``: suppress every current finding in place, to adopt the tool on an existing
tree. Each finding's line gets ``# noqa: CODE`` (or its code added to the ``# noqa: ...``
already there); the file is written like a fix (:func:`~devcreds_lint.fixing.writing.write_atomic`:
atomic, BOM and line endings kept, never over a file changed since it was read).

Never breaks a file: a line whose end lies inside a string, or that continues with a
backslash, cannot take a comment, and a file whose new text would not parse is left alone.
Findings about a whole file (a misspelled file name, ``manifest.json``) and findings in files
that are not Python cannot take a ``# noqa`` either; they are returned as refused, with the
reason, for ``per-file-ignores``. Running it twice adds nothing the second time: what it
added suppresses the findings.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field

from devcreds_lint.facts.noqa import parse_directives
from devcreds_lint.fixing.rounds import FixError, is_valid
from devcreds_lint.fixing.writing import write_atomic
from devcreds_lint.model import Diagnostic
from devcreds_lint.parsing.reading import SourceText, read_source
from devcreds_lint.text import NEWLINE


@dataclass
class NoqaResult:
    added: int = 0  # findings newly suppressed
    written: list[str] = field(default_factory=list)  # files changed
    refused: list[tuple[Diagnostic, str]] = field(default_factory=list)  # and why
    # Files left alone because they do not parse: (path, findings in it), said once each.
    unparsable: list[tuple[str, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be written


def add_noqa(diagnostics: Sequence[Diagnostic]) -> NoqaResult:
    """Add ``# noqa`` comments for ``diagnostics`` (the findings of a check) and write."""
    result = NoqaResult()
    by_path: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        if diag.file_level or not diag.path.endswith(".py"):
            result.refused.append((diag, "a finding about a whole file takes no `# noqa`"))
        elif diag.code == "DC000":
            result.refused.append((diag, "an internal error is never suppressed"))
        else:
            by_path.setdefault(diag.path, []).append(diag)
    for path, found in sorted(by_path.items()):
        _add_to_file(path, found, result)
    return result


def _add_to_file(path: str, found: list[Diagnostic], result: NoqaResult) -> None:
    source = read_source(path)
    if not isinstance(source, SourceText):
        result.refused.extend((d, f"cannot be read: {source.reason}") for d in found)
        return
    text = source.text
    unsafe = _rows_without_comments(text)
    if unsafe is None or not is_valid(path, text):
        # Nothing can be added safely to a file that does not parse: one notice, not one
        # per finding.
        result.unparsable.append((path, len(found)))
        return
    codes_at: dict[int, set[str]] = {}
    for diag in found:
        if diag.start.row in unsafe:
            reason = "its line ends inside a string or continues with a backslash"
            result.refused.append((diag, reason))
        else:
            codes_at.setdefault(diag.start.row, set()).add(diag.code)
    if not codes_at:
        return
    directives = parse_directives(text)
    lines = _split_lines(text)
    for row, codes in codes_at.items():
        body, ending = lines[row - 1]
        existing = directives.lines.get(row)
        if existing is not None and existing.codes is None:
            continue  # a bare noqa comment already suppresses everything on the line
        if existing is not None:
            merged = list(existing.codes or ()) + sorted(codes - set(existing.codes or ()))
            start, end = existing.column - 1, existing.end_column - 1
            body = f"{body[:start]}# noqa: {', '.join(merged)}{body[end:]}"
        else:
            body = f"{body}  # noqa: {', '.join(sorted(codes))}"
        lines[row - 1] = (body, ending)
    new_text = "".join(body + ending for body, ending in lines)
    if new_text == text:
        return
    if not is_valid(path, new_text):
        result.refused.extend((d, "the comment would break the file") for d in found)
        return
    try:
        write_atomic(path, source, new_text)
    except FixError as exc:
        result.errors.append(str(exc))
        return
    result.written.append(path)
    result.added += sum(1 for d in found if d.start.row in codes_at and d.start.row not in unsafe)


def _split_lines(text: str) -> list[tuple[str, str]]:
    """(line, its ending) for every line; the last has an empty ending when the text has no
    final newline."""
    lines: list[tuple[str, str]] = []
    begin = 0
    for match in NEWLINE.finditer(text):
        lines.append((text[begin : match.start()], match.group(0)))
        begin = match.end()
    if begin < len(text) or not lines:
        lines.append((text[begin:], ""))
    return lines


def _rows_without_comments(text: str) -> set[int] | None:
    """Rows whose end cannot take a comment: inside a multi-line token (a triple-quoted
    string, an f-string), or continued with a backslash. None: the text does not tokenize."""
    rows: set[int] = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.start[0] < tok.end[0] and tok.type != tokenize.NL:
                rows.update(range(tok.start[0], tok.end[0]))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    for row, (body, _ending) in enumerate(_split_lines(text), 1):
        if body.endswith("\\"):
            rows.add(row)
    return rows
