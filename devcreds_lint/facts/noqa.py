"""``# noqa`` comments (docs/spec.md §3): which lines and files suppress which codes.

Comments are found with :mod:`tokenize`, so ``# noqa`` inside a string does not count; a file
that does not tokenize falls back to a line scan.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from devcreds_lint.model import Diagnostic

_NOQA = re.compile(
    r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE
)
_FILE_NOQA = re.compile(
    r"^\s*#\s*devcreds-lint:\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?\s*$",
    re.IGNORECASE,
)
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)


@dataclass
class Directive:
    """One ``# noqa`` comment: ``codes`` None means a bare ``# noqa``."""

    row: int
    column: int  # 1-based column of '#'
    end_column: int
    comment_start: int  # column where the comment (with preceding spaces) starts
    codes: tuple[str, ...] | None
    used: set[str] = field(default_factory=set)


@dataclass
class FileDirectives:
    lines: dict[int, Directive] = field(default_factory=dict)
    file_codes: set[str] | None = None  # None: no file-level directive
    file_all: bool = False


def _comments(text: str) -> list[tuple[int, int, str, str]]:
    """(row, 1-based column, comment text, the line) for every comment."""
    lines = text.splitlines()
    found = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                found.append((tok.start[0], tok.start[1] + 1, tok.string, tok.line))
        return found
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    for row, line in enumerate(lines, 1):
        index = line.find("#")
        if index >= 0:
            found.append((row, index + 1, line[index:], line))
    return found


def parse_directives(text: str) -> FileDirectives:
    result = FileDirectives()
    if "noqa" not in text and "NOQA" not in text:
        return result
    for row, column, comment, line in _comments(text):
        whole = _FILE_NOQA.match(line)
        if whole and line.strip() == comment.strip():
            codes = whole.group("codes")
            if codes:
                result.file_codes = (result.file_codes or set()) | {
                    c.upper() for c in _CODE.findall(codes)
                }
            else:
                result.file_all = True
            continue
        match = _NOQA.search(comment)
        if not match:
            continue
        codes_text = match.group("codes")
        codes = tuple(c.upper() for c in _CODE.findall(codes_text)) if codes_text else None
        start = column + match.start() - 1
        prefix = line[: column - 1]
        comment_start = len(prefix.rstrip()) + 1 if match.start() == 0 else column + match.start()
        result.lines[row] = Directive(
            row, start + 1, start + 1 + len(match.group(0)), comment_start, codes
        )
    return result


# A module that does not parse is reported whatever its lines say, as Ruff never lets a
# line's suppression comment hide a syntax error: the comments of such a file cannot be
# trusted (one may sit inside an unterminated string), and a hidden parse failure leaves the
# file with no finding at all while Home Assistant cannot import it. File-level directives and
# the configuration's ``ignore`` still apply: they are deliberate.
PARSE_FAILURES = frozenset({"DC100", "DC102"})


def is_suppressed(diag: Diagnostic, directives: FileDirectives) -> bool:
    if directives.file_all or (directives.file_codes and diag.code in directives.file_codes):
        return True
    if diag.file_level or diag.code in PARSE_FAILURES:
        return False
    directive = directives.lines.get(diag.start.row)
    if directive is None:
        return False
    if directive.codes is None:
        return True
    if diag.code in directive.codes:
        directive.used.add(diag.code)
        return True
    return False
