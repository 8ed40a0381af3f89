"""``# noqa`` comments (RULES.md §3) and the DC901 unused-noqa rule.

Comments are found with :mod:`tokenize`, so ``# noqa`` inside a string does not count; a file
that does not tokenize falls back to a line scan.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from devcreds_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Location, Severity
from devcreds_lint.rules.base import Example, Rule, register
from devcreds_lint.rules.hooks import APP
from devcreds_lint.rules.hooks import GOOD_SERVER as _SERVER

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


def is_suppressed(diag: Diagnostic, directives: FileDirectives) -> bool:
    if directives.file_all or (directives.file_codes and diag.code in directives.file_codes):
        return True
    if diag.file_level:
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


@register
class UnusedNoqa(Rule):
    code = "DC901"
    name = "unused-noqa"
    severity = Severity.WARNING
    summary = "A `# noqa: DC...` comment suppresses nothing."
    why = (
        "A suppression that no longer suppresses anything hides the next real finding on "
        "that line. Only devcreds-lint codes are considered; other tools' codes are kept."
    )
    fix_safety = "Safe: the unused codes are removed, and the comment when none is left."
    VALID = (
        _SERVER.replace(
            "async def async_get_authorization_server(hass: HomeAssistant)",
            "def async_get_authorization_server(hass: HomeAssistant)",
        ).replace("-> AuthorizationServer:\n", "-> AuthorizationServer:  # noqa: DC203\n", 1),
        _SERVER.replace(
            '"""Return the authorization server."""',
            '"""Return the authorization server."""  # noqa: E501',
        ),
    )
    INVALID = (
        Example(
            files={
                APP: _SERVER.replace(
                    "-> AuthorizationServer:\n", "-> AuthorizationServer:  # noqa: DC203\n", 1
                )
            },
            fixed={APP: _SERVER},
            line=7,
        ),
        Example(
            files={
                APP: _SERVER.replace(
                    "-> AuthorizationServer:\n", "-> AuthorizationServer:  # noqa: DC203, E501\n", 1
                )
            },
            fixed={
                APP: _SERVER.replace(
                    "-> AuthorizationServer:\n", "-> AuthorizationServer:  # noqa: E501\n", 1
                )
            },
            title="other tools' codes are kept",
        ),
    )


def unused_noqa(
    path: str, text: str, directives: FileDirectives, enabled: frozenset[str]
) -> list[Diagnostic]:
    """DC901 findings for directives in one file, after suppression has been applied."""
    found: list[Diagnostic] = []
    lines = text.splitlines()
    for directive in directives.lines.values():
        if not directive.codes:
            continue
        unused = [
            c
            for c in directive.codes
            if c.startswith("DC") and c in enabled and c not in directive.used
        ]
        if not unused:
            continue
        keep = [c for c in directive.codes if c not in unused]
        line = lines[directive.row - 1]
        start = Location(directive.row, directive.column)
        end = Location(directive.row, directive.end_column)
        if keep:
            edit = Edit(start, end, "# noqa: " + ", ".join(keep))
        else:
            trailing = line[directive.end_column - 1 :]
            if trailing.strip():
                edit = Edit(start, end, "")
            else:
                edit = Edit(
                    Location(directive.row, directive.comment_start),
                    Location(directive.row, len(line) + 1),
                    "",
                )
        found.append(
            Diagnostic(
                code=UnusedNoqa.code,
                name=UnusedNoqa.name,
                severity=UnusedNoqa.severity,
                message="unused `noqa` for " + ", ".join(unused),
                path=path,
                start=start,
                end=end,
                fix=Fix(Applicability.SAFE, "Remove unused `noqa` codes", (edit,)),
            )
        )
    return found
