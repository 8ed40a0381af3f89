"""Parsing with libcst, imported lazily and only for text :func:`screen` lets through.

A module that does not parse becomes a :class:`ParseFailure` with Python's message and
1-based position, never an exception escaping to the caller.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from devcreds_lint.parsing.screening import (
    MAX_TREE_DEPTH,
    TOO_DEEP,
    screen,
    tree_depth_exceeds,
)

if TYPE_CHECKING:
    import libcst as cst


class ParseFailure(Exception):
    """A module that does not parse, with the parser's 1-based position.

    ``too_deep`` marks a module refused because it is nested too deeply to check safely
    (see :func:`screen`), as opposed to one with a syntax error.
    """

    def __init__(self, message: str, row: int, column: int, *, too_deep: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column
        self.too_deep = too_deep


# Whether texts parsed lately did parse: the fixer asks again about texts the checker has
# just parsed (and about its own candidates once more before writing them).
_OUTCOMES: dict[str, bool] = {}
_OUTCOMES_KEPT = 64
_OUTCOMES_LARGEST = 256 * 1024  # characters; larger texts are rare and not worth keeping


def parses(text: str) -> bool:
    """Whether :func:`parse_module` accepts ``text`` (answered from memory when it can)."""
    known = _OUTCOMES.get(text)
    if known is not None:
        return known
    try:
        parse_module(text)
    except ParseFailure:
        return False
    return True


def parse_module(text: str) -> cst.Module:
    """Parse with libcst, imported lazily; raises :class:`ParseFailure`.

    Python's parser reads the text first (:func:`screen`): text nested too deeply never
    reaches libcst, and a syntax error gets Python's message and position, which point at
    the mistake itself (``expected ':'``) where libcst points at the next token.
    """
    if len(_OUTCOMES) >= _OUTCOMES_KEPT:
        _OUTCOMES.clear()
    remember = len(text) <= _OUTCOMES_LARGEST
    try:
        module = _parse_module(text)
    except ParseFailure:
        if remember:
            _OUTCOMES[text] = False
        raise
    if remember:
        _OUTCOMES[text] = True
    return module


def _parse_module(text: str) -> cst.Module:
    import libcst as cst

    checked = screen(text)
    if checked.refuse is not None:
        return _raise(*checked.refuse, too_deep=checked.too_deep)
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        if checked.error is not None:
            return _raise(*checked.error)
        message = _PARSER_PREFIX.sub(
            "", str(exc.message).strip().splitlines()[0] if exc.message else ""
        )
        return _raise(message or "invalid syntax", exc.raw_line, exc.raw_column + 1)
    except RecursionError:
        return _raise(TOO_DEEP, checked.row, 1, too_deep=True)
    except (ValueError, MemoryError) as exc:
        return _raise(f"cannot parse: {exc}", 1, 1)
    except Exception as exc:  # anything else libcst raises for one file is a finding, not a crash
        return _raise(unreadable_by_this_python(exc), 1, 1)
    if checked.closer_look and tree_depth_exceeds(module, MAX_TREE_DEPTH):
        return _raise(
            f"{TOO_DEEP} (more than {MAX_TREE_DEPTH} levels)", checked.row, 1, too_deep=True
        )
    return module


def unreadable_by_this_python(exc: Exception) -> str:
    """DC100's message for an error of libcst other than a syntax error: in practice a name
    with a character that the running Python's tables do not know as an identifier character
    (U+13441 is one in Python 3.11, not in 3.12): libcst raises ``CSTValidationError``."""
    version = ".".join(map(str, sys.version_info[:2]))
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (
        f"the running Python ({version}) cannot read a name in this module ({detail}); "
        "check it with a newer Python"
    )


def parse_expression(text: str) -> cst.BaseExpression:
    """:func:`parse_module` for one expression (a string annotation, say)."""
    import libcst as cst

    checked = screen(text, "eval")
    if checked.refuse is not None:
        return _raise_expr(*checked.refuse)
    try:
        expression = cst.parse_expression(text)
    except cst.ParserSyntaxError as exc:
        return _raise_expr(str(exc.message or "invalid syntax"), exc.raw_line, exc.raw_column + 1)
    except (RecursionError, ValueError, MemoryError):
        return _raise_expr(TOO_DEEP, 1, 1)
    except Exception as exc:
        return _raise_expr(unreadable_by_this_python(exc), 1, 1)
    if checked.closer_look and tree_depth_exceeds(expression, MAX_TREE_DEPTH):
        return _raise_expr(TOO_DEEP, 1, 1)
    return expression


_PARSER_PREFIX = re.compile(r"^parser error: (error at \d+:\d+: )?")


def _raise(message: str, row: int, column: int, *, too_deep: bool = False) -> cst.Module:
    raise ParseFailure(message, max(row, 1), max(column, 1), too_deep=too_deep)


def _raise_expr(message: str, row: int, column: int) -> cst.BaseExpression:
    raise ParseFailure(message, max(row, 1), max(column, 1))
