"""One Python module of an integration, read and parsed at most once, with the facts rules
ask of it computed on first use (a rule that is not selected costs nothing).

Positions (libcst's metadata pass) are computed only for a module that has something to
report; see :mod:`devcreds_lint.facts.positions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from devcreds_lint.contracts import Profile
from devcreds_lint.discovery import PlatformFile
from devcreds_lint.model import Location
from devcreds_lint.parsing.malformed import MalformedImport, find_malformed_imports, repair
from devcreds_lint.parsing.parse import ParseFailure, parse_module
from devcreds_lint.parsing.reading import Reader, SourceText, Unreadable
from devcreds_lint.text import LineIndex

if TYPE_CHECKING:
    import libcst as cst

    from devcreds_lint.facts.hooks import HookFacts
    from devcreds_lint.facts.implementations import ImplementationCall
    from devcreds_lint.facts.positions import Positions
    from devcreds_lint.facts.tree import ModuleIndex
    from devcreds_lint.facts.values import KnownValue

NO_CONSTANTS: Mapping[str, str] = {}


class ModuleFacts:
    """A platform module (or another module of the integration read like one).

    ``constants`` gives the integration's ``const.py`` string constants, read only when a
    value refers to one.
    """

    def __init__(
        self,
        platform: PlatformFile,
        reader: Reader,
        constants: Callable[[], Mapping[str, str]] = lambda: NO_CONSTANTS,
    ) -> None:
        self.platform = platform
        self.path = platform.path
        self.profile: Profile = platform.profile
        self._reader = reader
        self._constants = constants
        self._values: dict[int, KnownValue | None] = {}

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
        from devcreds_lint.facts.tree import ModuleIndex, build_index

        return build_index(self.module) if self.module is not None else ModuleIndex()

    @cached_property
    def hooks(self) -> HookFacts:
        """The module's hooks as the profile names them (misspelled and misplaced ones too)."""
        from devcreds_lint.facts.hooks import HookFacts

        return HookFacts(self.profile, self.index)

    @cached_property
    def implementation_calls(self) -> list[ImplementationCall]:
        """The calls of Home Assistant's OAuth2 implementation classes whose class is certain
        (DC308; the client ID, secret and URL positions of the secret and URL rules)."""
        from devcreds_lint.facts.implementations import implementation_calls

        if self.module is None or self.text is None:
            return []
        return implementation_calls(self.module, self.index, self.text)

    def value(self, expr: cst.BaseExpression) -> KnownValue | None:
        """The value of ``expr`` when it is a literal or a followed constant, else None.

        Memoized per node: several rules ask about the same argument, and libcst evaluates a
        string literal with ``ast.literal_eval`` each time it is asked."""
        key = id(expr)
        if key not in self._values:
            from devcreds_lint.facts.values import resolve_value

            self._values[key] = resolve_value(expr, self.index, self._constants)
        return self._values[key]

    @cached_property
    def _positions(self) -> Positions:
        from devcreds_lint.facts.positions import Positions

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

    def code_for(self, node: cst.CSTNode) -> str:
        """The source of ``node`` as written."""
        assert self.module is not None
        return self.module.code_for_node(node)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text or "")

    def offset(self, loc: Location) -> int:
        return self.lines.offset(loc)

    def location(self, offset: int) -> Location:
        return self.lines.location(offset)

    @property
    def newline(self) -> str:
        return self.source.newline if isinstance(self.source, SourceText) else "\n"
