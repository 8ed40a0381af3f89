"""The state one integration's check runs in: its files, read and parsed at most once.

Rules receive an :class:`IntegrationContext`, look at its :class:`PlatformContext` objects
(one per platform module) and sibling files, and report through it. Everything is computed
lazily, so a rule that is not selected costs nothing, and positions (a full metadata pass in
libcst) are computed only for a module that has something to report.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from devcreds_lint.contracts import Profile
from devcreds_lint.diagnostics import (
    FILE_START,
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Rename,
    Severity,
)
from devcreds_lint.discovery import Integration, PlatformFile
from devcreds_lint.malformed import MalformedImport, find_malformed_imports, repair
from devcreds_lint.source import SourceText, Unreadable, decode, line_starts, read_source

if TYPE_CHECKING:
    import libcst as cst

    from devcreds_lint.module_index import ModuleIndex
    from devcreds_lint.positions import Positions
    from devcreds_lint.rules.base import Rule

Reader = Callable[[str], "SourceText | Unreadable"]


@dataclass(frozen=True)
class Settings:
    """What a check needs from the configuration (resolved by :mod:`devcreds_lint.config`)."""

    max_bytes: int = 2 * 1024 * 1024
    # Rule options, e.g. {"DC305": {"allowed-http-hosts": ["my.lan"]}}.
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def option(self, code: str, key: str, default: Any) -> Any:
        return self.rule_options.get(code, {}).get(key, default)


def make_reader(overrides: Mapping[str, str] | None, max_bytes: int) -> Reader:
    """Read files from disk, except those given in ``overrides`` (editor buffers, stdin)."""
    texts = {os.path.normpath(k): v for k, v in (overrides or {}).items()}

    def read(path: str) -> SourceText | Unreadable:
        override = texts.get(os.path.normpath(path))
        if override is not None:
            return decode(path, override.encode("utf-8", "surrogatepass"), max_bytes)
        return read_source(path, max_bytes)

    return read


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


# Limits on what reaches libcst. Its parser is recursive native code: a few thousand levels
# of nesting overflow the C stack (the process dies of SIGSEGV; there is no exception to
# catch), long operator chains take quadratic time, and rules walk the tree recursively.
# Python's own parser has firm limits (200 nested brackets, 100 indentation levels) and
# reports going past them as a SyntaxError, so it reads every text first (it only parses;
# nothing is executed).
MAX_AST_DEPTH = 100  # syntax-tree levels as Python's parser sees them
MAX_TREE_DEPTH = 200  # libcst node levels (one to three per Python syntax-tree level)
_CLOSER_LOOK_DEPTH = 40  # below this many levels the libcst tree cannot reach MAX_TREE_DEPTH
MAX_CHAIN = 300  # tokens of one expression between commas, in text Python rejects
_CHAIN_BUDGET = 250_000  # at most about a second of libcst's time on long chains, ditto
_NESTING_ERRORS = re.compile(
    r"too many nested|too many levels of indentation|too complex|stack overflow|recursion",
    re.IGNORECASE,
)
TOO_DEEP = "too deeply nested to check"


@dataclass(frozen=True)
class Screen:
    """What Python's parser says about a text before libcst is allowed to see it."""

    refuse: tuple[str, int, int] | None = None  # never hand the text to libcst
    too_deep: bool = False  # refused for its nesting, not for a plain syntax error
    # Python's syntax error; libcst still gets the text, as it may know newer syntax.
    error: tuple[str, int, int] | None = None
    closer_look: bool = False  # measure the libcst tree before trusting it
    row: int = 1  # the line of the deepest part


def screen(text: str, mode: str = "exec") -> Screen:
    """Whether ``text`` may be parsed with libcst (``mode`` is ``exec`` or ``eval``)."""
    import ast

    try:
        tree = compile(text, "<platform>", mode, flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        line = (exc.text or "").rstrip("\r\n")
        error = (str(exc.msg), exc.lineno or 1, _codepoint_column(line, exc.offset or 1))
        if _NESTING_ERRORS.search(str(exc.msg)):
            return Screen(refuse=error, too_deep=True)
        return _screen_tokens(text, error)
    except (RecursionError, MemoryError):
        return Screen(refuse=(f"{TOO_DEEP}: Python itself cannot compile it", 1, 1), too_deep=True)
    except (ValueError, OverflowError) as exc:
        return Screen(refuse=(f"cannot parse: {exc}", 1, 1))
    depth, row, closer = _ast_shape(tree, text)
    if depth > MAX_AST_DEPTH:
        return Screen(
            refuse=(f"{TOO_DEEP} (more than {MAX_AST_DEPTH} levels)", row, 1), too_deep=True
        )
    return Screen(closer_look=closer, row=row)


def _ast_shape(tree: object, text: str) -> tuple[int, int, bool]:
    """(depth, line of the deepest node, whether the libcst tree may be much deeper).

    ``a and b and c`` is one node for Python but nested in libcst; so is the implicit
    concatenation of string literals (``"a" "b" "c"``), which Python folds into one value:
    its source is then much longer than the value (two quotes or more per part).
    """
    import ast

    assert isinstance(tree, ast.AST)
    best, row, closer = 0, 1, False
    spans: _ByteSpans | None = None
    fstring_parts: set[int] = set()  # their positions are the whole f-string's on 3.11
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.BoolOp):
            depth += len(node.values) - 2
        if depth > best:
            best, row = depth, getattr(node, "lineno", row)
            if best > MAX_AST_DEPTH:
                break
        if isinstance(node, ast.JoinedStr):
            fstring_parts.update(id(part) for part in node.values)
            lines = (node.end_lineno or node.lineno) - node.lineno
            width = (node.end_col_offset or 0) - node.col_offset
            closer = closer or lines > 5 or width > 300
        elif (
            not closer
            and isinstance(node, ast.Constant)
            and isinstance(node.value, (str, bytes))
            and id(node) not in fstring_parts
            and (
                node.end_lineno != node.lineno or (node.end_col_offset or 0) - node.col_offset > 100
            )
        ):
            spans = spans or _ByteSpans(text)
            value = node.value
            size = (
                len(value)
                if isinstance(value, bytes)
                else len(value.encode("utf-8", "surrogatepass"))
            )
            closer = spans.length(node) - size > 200
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return best, row, closer or best > _CLOSER_LOOK_DEPTH


class _ByteSpans:
    """Lengths of node sources from ``ast`` positions (lines, UTF-8 byte columns)."""

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8", "surrogatepass")
        self.starts = [0] + [m.end() for m in re.finditer(rb"\r\n|\r|\n", self.data)]

    def length(self, node: Any) -> int:
        if node.end_lineno is None or node.end_col_offset is None:
            return 0
        begin = self.starts[node.lineno - 1] + node.col_offset
        end = self.starts[node.end_lineno - 1] + node.end_col_offset
        return int(end - begin)


def _screen_tokens(text: str, error: tuple[str, int, int]) -> Screen:
    """For text Python rejects (libcst may still accept newer syntax): bracket depth and
    operator chains from the tokens, since there is no syntax tree to measure."""
    import io
    import tokenize

    depth = 0
    items = [0]  # tokens of the current comma-separated item, per bracket level
    cost = 0  # libcst takes quadratic time in the length of an operator chain
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                continue
            if token.type == tokenize.NEWLINE:
                items = [0] * (depth + 1)
                continue
            if token.type == tokenize.OP and token.string in (",", ";"):
                items[-1] = 0
                continue
            items[-1] += 1
            if items[-1] > MAX_CHAIN:
                message = f"{TOO_DEEP} (an expression of over {MAX_CHAIN} tokens)"
                return Screen(refuse=(message, token.start[0], 1), too_deep=True)
            if items[-1] > 50:
                cost += items[-1]
                if cost > _CHAIN_BUDGET:
                    message = f"{TOO_DEEP} (too many long expressions)"
                    return Screen(refuse=(message, token.start[0], 1), too_deep=True)
            if token.type == tokenize.OP and token.string in ("(", "[", "{"):
                depth += 1
                items.append(0)
                if depth > MAX_AST_DEPTH:
                    message = f"{TOO_DEEP} (more than {MAX_AST_DEPTH} nested brackets)"
                    return Screen(refuse=(message, token.start[0], 1), too_deep=True)
            elif token.type == tokenize.OP and token.string in (")", "]", "}") and depth:
                depth -= 1
                items.pop()
    except (tokenize.TokenError, SyntaxError):
        return Screen(refuse=error)  # unreadable for Python's tokenizer too: Python's message
    return Screen(error=error, closer_look=True, row=error[1])


def _tree_depth_exceeds(node: cst.CSTNode, limit: int) -> bool:
    """Whether the libcst tree under ``node`` is more than ``limit`` levels deep (no recursion)."""
    from devcreds_lint.module_index import children  # attribute reads; .children rebuilds nodes

    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children(current))
    return False


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
    if checked.closer_look and _tree_depth_exceeds(module, MAX_TREE_DEPTH):
        return _raise(
            f"{TOO_DEEP} (more than {MAX_TREE_DEPTH} levels)", checked.row, 1, too_deep=True
        )
    return module


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
    if checked.closer_look and _tree_depth_exceeds(expression, MAX_TREE_DEPTH):
        return _raise_expr(TOO_DEEP, 1, 1)
    return expression


_PARSER_PREFIX = re.compile(r"^parser error: (error at \d+:\d+: )?")


def _codepoint_column(line: str, offset: int) -> int:
    """``SyntaxError.offset`` is 1-based; on some versions it counts UTF-8 bytes."""
    return max(1, min(offset, len(line) + 1))


def _raise(message: str, row: int, column: int, *, too_deep: bool = False) -> cst.Module:
    raise ParseFailure(message, max(row, 1), max(column, 1), too_deep=too_deep)


def _raise_expr(message: str, row: int, column: int) -> cst.BaseExpression:
    raise ParseFailure(message, max(row, 1), max(column, 1))


class Reporter:
    """Collects diagnostics for one integration."""

    def __init__(self, enabled: Callable[[str], bool]) -> None:
        self._is_enabled = enabled
        self._answers: dict[str, bool] = {}
        self.diagnostics: list[Diagnostic] = []

    def enabled(self, code: str) -> bool:
        answer = self._answers.get(code)
        if answer is None:
            answer = self._answers[code] = self._is_enabled(code)
        return answer

    def add(
        self,
        rule: type[Rule],
        path: str,
        start: Location,
        end: Location,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        redacted: bool = False,
        file_level: bool = False,
    ) -> None:
        if not self.enabled(rule.code):
            return
        self.diagnostics.append(
            Diagnostic(
                code=rule.code,
                name=rule.name,
                severity=severity or rule.severity,
                message=message,
                path=path,
                start=start,
                end=end,
                fix=fix,
                redacted=redacted,
                file_level=file_level,
            )
        )


class PlatformContext:
    """One platform module: its text, its parse, its index, and node positions on demand."""

    def __init__(self, platform: PlatformFile, reader: Reader) -> None:
        self.platform = platform
        self.path = platform.path
        self.profile: Profile = platform.profile
        self._reader = reader
        # Answers shared by several rules (resolved values, misspelled hooks), keyed by topic.
        self.memo: dict[str, Any] = {}

    @cached_property
    def source(self) -> SourceText | Unreadable:
        return self._reader(self.path)

    @property
    def original_text(self) -> str | None:
        return self.source.text if isinstance(self.source, SourceText) else None

    @cached_property
    def _parse_state(
        self,
    ) -> tuple[cst.Module | ParseFailure | None, list[MalformedImport], str | None]:
        """(parse result, malformed imports repaired to get it, the text that was parsed)."""
        text = self.original_text
        if text is None:
            return None, [], None
        try:
            return parse_module(text), [], text
        except ParseFailure as failure:
            malformed = find_malformed_imports(text)
            if not malformed:
                return failure, [], text
            repaired = repair(text, malformed)
            try:
                return parse_module(repaired), malformed, repaired
            except ParseFailure as second:
                return second, malformed, repaired

    @property
    def parsed(self) -> cst.Module | ParseFailure | None:
        """The module, the parse failure, or None when the file is unreadable."""
        return self._parse_state[0]

    @property
    def malformed(self) -> list[MalformedImport]:
        """Malformed imports (DC102) repaired in memory so the rest could be checked."""
        return self._parse_state[1]

    @property
    def text(self) -> str | None:
        """The text rules see: the file's, with malformed imports repaired."""
        return self._parse_state[2]

    @property
    def repaired_rows(self) -> frozenset[int]:
        return frozenset(m.row for m in self.malformed)

    @property
    def module(self) -> cst.Module | None:
        import libcst as cst

        return self.parsed if isinstance(self.parsed, cst.Module) else None

    @cached_property
    def index(self) -> ModuleIndex:
        from devcreds_lint.module_index import ModuleIndex, build_index

        return build_index(self.module) if self.module is not None else ModuleIndex()

    @cached_property
    def _positions(self) -> Positions:
        from devcreds_lint.positions import Positions

        assert self.module is not None and self.text is not None
        return Positions(self.module, self.text)

    def range(self, node: cst.CSTNode) -> tuple[Location, Location]:
        code_range = self._positions[node]
        return (
            Location(code_range.start.line, code_range.start.column + 1),
            Location(code_range.end.line, code_range.end.column + 1),
        )

    def start(self, node: cst.CSTNode) -> Location:
        return self.range(node)[0]

    def end(self, node: cst.CSTNode) -> Location:
        return self.range(node)[1]

    @cached_property
    def line_starts(self) -> list[int]:
        return line_starts(self.text or "")

    def offset(self, loc: Location) -> int:
        return self.line_starts[loc.row - 1] + loc.column - 1

    def location(self, offset: int) -> Location:
        import bisect

        row = bisect.bisect_right(self.line_starts, offset)
        return Location(row, offset - self.line_starts[row - 1] + 1)

    @staticmethod
    def location_in(text: str, offset: int) -> Location:
        import bisect

        starts = line_starts(text)
        row = bisect.bisect_right(starts, offset)
        return Location(row, offset - starts[row - 1] + 1)

    @property
    def newline(self) -> str:
        return self.source.newline if isinstance(self.source, SourceText) else "\n"


class IntegrationContext:
    """Everything about one integration that rules may ask for."""

    def __init__(
        self,
        integration: Integration,
        profiles: tuple[Profile, ...],
        settings: Settings,
        reporter: Reporter,
        reader: Reader,
    ) -> None:
        self.integration = integration
        self.profiles = profiles
        self.settings = settings
        self.reporter = reporter
        self._reader = reader
        self.platforms = [PlatformContext(p, reader) for p in integration.platforms]
        self._siblings: dict[str, SourceText | Unreadable | None] = {}
        self.unreadable: list[Unreadable] = []
        # Answers shared by several rules (the parsed __init__.py, ...), keyed by topic.
        self.memo: dict[str, Any] = {}

    # Files ----------------------------------------------------------------
    def sibling(self, name: str) -> SourceText | Unreadable | None:
        """A file of the integration folder, read once; None when it does not exist."""
        if name not in self._siblings:
            path = self.integration.sibling(name)
            source = self._reader(path) if path else None
            if isinstance(source, Unreadable):
                self.unreadable.append(source)
            self._siblings[name] = source
        return self._siblings[name]

    def sibling_text(self, name: str) -> str | None:
        source = self.sibling(name)
        return source.text if isinstance(source, SourceText) else None

    @cached_property
    def manifest(self) -> dict[str, Any] | str | None:
        """The manifest object, an error message (DC604), or None when there is none."""
        if self.integration.manifest is None:
            return None
        source = self.sibling("manifest.json")
        if source is None:
            return None
        if isinstance(source, Unreadable):
            return None  # DC900 reports it; rules that need the manifest stay silent
        try:
            data = json.loads(source.text)
        except json.JSONDecodeError as exc:
            return f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        except RecursionError:
            return "not valid JSON: nested too deeply"
        if not isinstance(data, dict):
            return f"not a JSON object but {type(data).__name__}"
        dependencies = data.get("dependencies", [])
        if not isinstance(dependencies, list) or not all(isinstance(d, str) for d in dependencies):
            return "`dependencies` is not a list of strings"
        if "config_flow" in data and not isinstance(data["config_flow"], bool):
            return "`config_flow` is not true or false"
        return data

    @cached_property
    def const_strings(self) -> Mapping[str, str]:
        """Module-level ``NAME = "literal"`` constants of the integration's ``const.py``."""
        from devcreds_lint.siblings import string_constants

        text = self.sibling_text("const.py")
        # string_constants reads with Python's parser; only text that parser rejects goes to
        # libcst, and that text is screened first (libcst must not see too deep nesting).
        return string_constants(text) if text is not None else {}

    # Reporting ------------------------------------------------------------
    def report_node(
        self,
        rule: type[Rule],
        platform: PlatformContext,
        node: cst.CSTNode,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        redacted: bool = False,
    ) -> None:
        if not self.reporter.enabled(rule.code):
            return
        start, end = platform.range(node)
        self.reporter.add(
            rule, platform.path, start, end, message, fix=fix, severity=severity, redacted=redacted
        )

    def report_file(
        self, rule: type[Rule], path: str, message: str, *, fix: Fix | None = None
    ) -> None:
        self.reporter.add(rule, path, FILE_START, FILE_START, message, fix=fix, file_level=True)

    def enabled(self, code: str) -> bool:
        return self.reporter.enabled(code)


def safe_fix(message: str, *edits: Edit, rename: str | None = None) -> Fix:
    return Fix(Applicability.SAFE, message, tuple(edits), Rename(rename) if rename else None)


def unsafe_fix(message: str, *edits: Edit) -> Fix:
    return Fix(Applicability.UNSAFE, message, tuple(edits))
