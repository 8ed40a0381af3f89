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
from collections.abc import Sequence
from typing import Any

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from devcreds_lint.parsing.screening import python_ast
from devcreds_lint.parsing.walk import children, walk
from devcreds_lint.text import NEWLINE


class Positions:
    def __init__(self, module: cst.Module, text: str) -> None:
        self.module = module
        self.text = text
        self._owner: dict[int, int] | None = None
        self._lines: list[int] | None = None
        self._per_statement: dict[int, Any] = {}
        self._whole: Any = None
        self._fine_lines: dict[int, int] | None = None
        self._fine_owner: dict[int, cst.CSTNode] = {}
        self._file_lines: list[str] = []
        self._laid_out: dict[int, tuple[Any, cst.CSTNode, list[str]]] = {}
        # id of a libcst statement -> (its first line, decorators included; its last line)
        self._extents: dict[int, tuple[int, int]] = {}

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._by_text(node)
        if found is not None:
            return found
        fine = self._fine(node)
        if fine is not None:
            return fine
        return self._by_top_level_statement(node)

    # The cheapest way: the node's own text, found once in its statement's lines ---------
    def _by_text(self, node: cst.CSTNode) -> CodeRange | None:
        """The range of a name or a one-line string literal (no parentheses), when its text
        occurs exactly once in the lines of its innermost statement (whose extent the
        standard library's parser gives): that occurrence must be the node. No code is
        generated. What it buys: the DC309/DC304 findings of the ha-like trees are string
        literals, and laying out their statements cost about a tenth of a cold run
        (benchmark rows "ha-like cold / floor" and "ha-2026.11-like cold / floor")."""
        if type(node) is cst.SimpleString or type(node) is cst.Name:
            code = node.value
        else:
            return None
        if node.lpar or "\n" in code or "\r" in code:
            return None
        if self._fine_lines is None:
            self._build_fine_maps()
        owner = self._fine_owner.get(id(node))
        extent = self._extents.get(id(owner)) if owner is not None else None
        if extent is None:
            return None
        first, last = extent
        found: tuple[int, int] | None = None
        for row in range(first, min(last, len(self._file_lines)) + 1):
            line = self._file_lines[row - 1]
            column = line.find(code)
            while column >= 0:
                if found is not None:
                    return None  # twice: leave it to the layout
                found = (row, column)
                column = line.find(code, column + 1)
        if found is None:
            return None
        return CodeRange(found, (found[0], found[1] + len(code)))

    # The finest way: the innermost statement that holds the node, on its own ----------
    def _fine(self, node: cst.CSTNode) -> CodeRange | None:
        """The node's range from its innermost statement alone (a function's body left out
        when the node is in its header), or None when that cannot be done reliably."""
        lines = self._fine_lines
        if lines is None:
            lines = self._build_fine_maps()
        owner = self._fine_owner.get(id(node))
        if owner is None:
            return None
        laid = self._laid_out.get(id(owner))
        if laid is None:
            laid = self._lay_out(owner)
            self._laid_out[id(owner)] = laid
        positions, root, mini_lines = laid
        key = root if node is owner else node
        try:
            found = positions[key]
        except KeyError:
            return None
        shift = lines[id(owner)] - positions[root].start.line
        start = self._to_file(found.start.line, found.start.column, shift, mini_lines)
        end = self._to_file(found.end.line, found.end.column, shift, mini_lines)
        if start is None or end is None:
            return None
        return CodeRange(start, end)

    def _to_file(
        self, line: int, column: int, shift: int, mini_lines: list[str]
    ) -> tuple[int, int] | None:
        """A mini-module position in the file: lines shift by ``shift``; a line laid out
        at another indentation than in the file shifts its columns by the difference."""
        row = line + shift
        if not (1 <= line <= len(mini_lines) and 1 <= row <= len(self._file_lines)):
            return None
        mini, real = mini_lines[line - 1], self._file_lines[row - 1]
        if mini == real or (not mini and column == 0):
            return row, column
        prefix = len(real) - len(mini)
        if prefix > 0 and real.endswith(mini) and not real[:prefix].strip():
            return row, column + prefix
        return None

    def _lay_out(self, owner: cst.CSTNode) -> tuple[Any, cst.CSTNode, list[str]]:
        root = owner
        if isinstance(owner, (cst.FunctionDef, cst.ClassDef)) and isinstance(
            owner.body, cst.IndentedBlock
        ):
            # Header nodes only: a one-line body stands in for the real one.
            root = owner.with_changes(
                body=cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[cst.Pass()])])
            )
        assert isinstance(root, cst.BaseStatement)
        mini = self.module.with_changes(body=[root], header=[], footer=[])
        positions = MetadataWrapper(mini, unsafe_skip_copy=True).resolve(PositionProvider)
        return positions, root, NEWLINE.split(mini.code)

    def _build_fine_maps(self) -> dict[int, int]:
        lines: dict[int, int] = {}
        self._fine_lines = lines
        self._fine_owner = {}
        self._file_lines = NEWLINE.split(self.text)
        try:
            tree = python_ast(self.text)
        except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):
            return lines
        _map_lines(self.module.body, tree.body, lines, self._extents)
        for top in self.module.body:
            stack: list[tuple[cst.CSTNode, cst.CSTNode | None]] = [(top, None)]
            while stack:
                current, owner = stack.pop()
                if id(current) in lines:
                    owner = current
                if owner is not None:
                    self._fine_owner[id(current)] = owner
                stack.extend((child, owner) for child in children(current))
        return lines

    # The coarser way: the whole top-level statement -------------------------------------
    def _by_top_level_statement(self, node: cst.CSTNode) -> CodeRange:
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
            lines += len(NEWLINE.findall(self.module.code_for_node(stmt)))
        return lines


def _lines_from_ast(module: cst.Module, text: str) -> list[int] | None:
    try:
        tree = python_ast(text)
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):
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


def _block(body: cst.BaseSuite) -> list[cst.BaseStatement]:
    return list(body.body) if isinstance(body, cst.IndentedBlock) else []


def _bodies(
    stmt: cst.CSTNode, node: ast.stmt
) -> list[tuple[list[cst.BaseStatement], list[ast.stmt]]]:
    """Matching statement lists of a libcst compound statement and its ``ast`` twin."""
    pairs: list[tuple[list[cst.BaseStatement], list[ast.stmt]]] = []
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef, cst.With)) and hasattr(node, "body"):
        pairs.append((_block(stmt.body), node.body))
    elif isinstance(stmt, (cst.For, cst.While)) and isinstance(
        node, (ast.For, ast.AsyncFor, ast.While)
    ):
        pairs.append((_block(stmt.body), node.body))
        if stmt.orelse is not None:
            pairs.append((_block(stmt.orelse.body), node.orelse))
    elif isinstance(stmt, cst.If) and isinstance(node, ast.If):
        pairs.append((_block(stmt.body), node.body))
        if isinstance(stmt.orelse, cst.If):
            pairs.append(([stmt.orelse], node.orelse))
        elif isinstance(stmt.orelse, cst.Else):
            pairs.append((_block(stmt.orelse.body), node.orelse))
    elif isinstance(stmt, cst.Try) and isinstance(node, ast.Try):
        pairs.append((_block(stmt.body), node.body))
        pairs.extend(
            (_block(h.body), a.body) for h, a in zip(stmt.handlers, node.handlers, strict=False)
        )
        if stmt.orelse is not None:
            pairs.append((_block(stmt.orelse.body), node.orelse))
        if stmt.finalbody is not None:
            pairs.append((_block(stmt.finalbody.body), node.finalbody))
    return pairs


def _map_lines(
    statements: Sequence[cst.BaseStatement],
    nodes: list[ast.stmt],
    out: dict[int, int],
    extents: dict[int, tuple[int, int]],
) -> None:
    """Record the line of each libcst statement, from the ``ast`` statement it matches, and
    in ``extents`` its first line (decorators included) and its last line.

    A libcst line of ``a; b`` is two ``ast`` statements; a list whose counts disagree is
    left out (its nodes then fall back to an enclosing statement)."""
    expected = sum(len(s.body) if isinstance(s, cst.SimpleStatementLine) else 1 for s in statements)
    if expected != len(nodes):
        return
    j = 0
    for stmt in statements:
        node = nodes[j]
        out[id(stmt)] = node.lineno
        decorators = getattr(node, "decorator_list", ())
        first = min([node.lineno, *(d.lineno for d in decorators)])
        if isinstance(stmt, cst.SimpleStatementLine):
            j += len(stmt.body)
            extents[id(stmt)] = (first, nodes[j - 1].end_lineno or nodes[j - 1].lineno)
            continue
        j += 1
        extents[id(stmt)] = (first, node.end_lineno or node.lineno)
        for inner, inner_nodes in _bodies(stmt, node):
            _map_lines(inner, inner_nodes, out, extents)
