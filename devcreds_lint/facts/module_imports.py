"""The absolute module imports of a module, read with Python's ``ast`` (DC404, DC405):
``from a.b import X`` and ``import a.b``, anywhere in the module, each with the position of
the module's name and whether it is guarded (in a ``try``, whose handler shows the author
expects it may fail, or under ``if TYPE_CHECKING``, which never runs)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from devcreds_lint.facts.by_text import by_text
from devcreds_lint.facts.flows import top_level_names
from devcreds_lint.facts.python_ast import parse_structure
from devcreds_lint.model import Location
from devcreds_lint.text import LineIndex


@dataclass(frozen=True)
class ModuleImport:
    """``module``: the dotted name imported from (or imported); ``names``: the names a
    ``from`` import takes (``*`` for a star import; empty for ``import``); ``start``/``end``:
    the module's name as written; ``statement_row``: the row the statement starts on."""

    module: str
    names: tuple[str, ...]
    start: Location
    end: Location
    guarded: bool
    statement_row: int


_FROM = re.compile(r"from\s+((?:\w+\s*\.\s*)*\w+)")


_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _import_statements(tree: ast.Module) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement with whether it is guarded: in a ``try`` body, or under ``if
    TYPE_CHECKING``. Imports are statements, so only statement bodies are entered, never
    expressions (a fraction of ``ast.walk``'s cost on a large module)."""
    todo: list[tuple[ast.AST, bool]] = [(tree, False)]
    while todo:
        node, guard = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, guard
            continue
        guarded_body = isinstance(node, ast.Try) or (
            isinstance(node, ast.If) and _is_type_checking(node.test)
        )
        for attribute in _BODIES:
            inner = guard or (guarded_body and attribute == "body")
            for child in getattr(node, attribute, ()):
                if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                    todo.append((child, inner))


def _is_type_checking(test: ast.expr) -> bool:
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", "")
    return name == "TYPE_CHECKING"


def _column(lines: LineIndex, row: int, byte_column: int) -> int:
    line = lines.line(row) if row <= len(lines.starts) else ""
    return len(line.encode("utf-8")[:byte_column].decode("utf-8", "ignore")) + 1


@by_text
def absolute_imports(text: str) -> tuple[ModuleImport, ...]:
    """Every absolute import of ``text`` in source order; () when it does not parse."""
    tree = parse_structure(text)
    if tree is None:
        return ()
    lines = LineIndex(text)
    found: list[ModuleImport] = []
    for node, guarded in _import_statements(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            column = _column(lines, node.lineno, node.col_offset)
            line = lines.line(node.lineno)
            match = _FROM.match(line, column - 1)
            if match is not None and re.sub(r"\s", "", match.group(1)) == node.module:
                start = Location(node.lineno, match.start(1) + 1)
                end = Location(node.lineno, match.end(1) + 1)
            else:  # the name spans lines: the statement's first line
                start, end = Location(node.lineno, column), Location(node.lineno, len(line) + 1)
            names = tuple(a.name for a in node.names)
            found.append(ModuleImport(node.module, names, start, end, guarded, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                row = getattr(alias, "lineno", node.lineno)
                first = _column(lines, row, getattr(alias, "col_offset", node.col_offset))
                end = Location(row, first + len(alias.name))
                found.append(
                    ModuleImport(alias.name, (), Location(row, first), end, guarded, node.lineno)
                )
    return tuple(sorted(found, key=lambda i: (i.start.row, i.start.column)))


@by_text
def defined_names(text: str) -> frozenset[str] | None:
    """The names a module binds at its top level (what ``from .module import X`` finds);
    None when it does not parse."""
    tree = parse_structure(text)
    return None if tree is None else top_level_names(tree)
