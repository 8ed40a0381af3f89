"""Line/column positions of libcst nodes, computed only for the statements that need them.

libcst's ``PositionProvider`` regenerates the code of a whole module to learn where each
node is. For a large ``__init__.py`` with one finding that costs more than parsing it. Here
the top-level statement that holds the node is laid out on its own (with the module's
indentation and newline settings), and its line offset in the file comes from the standard
library's parser, which records the line of every top-level statement for free. When that
parser cannot read the file (syntax newer than the running interpreter), the whole module is
resolved the slow way.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from devcreds_lint.module_index import walk

_NEWLINE = re.compile(r"\r\n|\r|\n")


class Positions:
    def __init__(self, module: cst.Module, text: str) -> None:
        self.module = module
        self.text = text
        self._owner: dict[int, int] | None = None
        self._lines: list[int] | None = None
        self._per_statement: dict[int, Any] = {}
        self._whole: Any = None

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        index = self._statement_of(node)
        if index is None:
            whole = self._whole_module()[node]
            assert isinstance(whole, CodeRange)
            return whole
        lines = self._statement_lines()
        positions = self._per_statement.get(index)
        if positions is None:
            statement = self.module.body[index]
            mini = self.module.with_changes(body=[statement], header=[], footer=[])
            positions = MetadataWrapper(mini, unsafe_skip_copy=True).resolve(PositionProvider)
            self._per_statement[index] = positions
        statement = self.module.body[index]
        if lines is None:
            shift = self._shift_by_codegen(index)
        else:
            shift = lines[index] - positions[statement].start.line
        found = positions[node]
        assert isinstance(found, CodeRange)
        return CodeRange(
            (found.start.line + shift, found.start.column),
            (found.end.line + shift, found.end.column),
        )

    def _whole_module(self) -> Any:
        if self._whole is None:
            self._whole = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(
                PositionProvider
            )
        return self._whole

    def _statement_of(self, node: cst.CSTNode) -> int | None:
        if self._owner is None:
            self._owner = {
                id(inner): i for i, stmt in enumerate(self.module.body) for inner in walk(stmt)
            }
        return self._owner.get(id(node))

    def _statement_lines(self) -> list[int] | None:
        """The line where each libcst top-level statement's code starts, or None."""
        if self._lines is None:
            self._lines = _lines_from_ast(self.module, self.text) or []
        return self._lines or None

    def _shift_by_codegen(self, index: int) -> int:
        """Line shift for statement ``index``: the lines of the header and of the code of the
        statements before it (the statement itself, with its leading lines and decorators,
        is laid out the same in the file and on its own)."""
        lines = len(self.module.header)
        for stmt in self.module.body[:index]:
            lines += len(_NEWLINE.findall(self.module.code_for_node(stmt)))
        return lines


def _lines_from_ast(module: cst.Module, text: str) -> list[int] | None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    starts: list[int] = []
    nodes = tree.body
    j = 0
    for stmt in module.body:
        if j >= len(nodes):
            return None
        first = nodes[j]
        # Both parsers place a (decorated) definition at its `def`/`class` line.
        starts.append(first.lineno)
        if isinstance(stmt, cst.SimpleStatementLine):
            j += len(stmt.body)
        else:
            j += 1
    if j != len(nodes):
        return None
    return starts
