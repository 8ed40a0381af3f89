"""What ``config_flow.py`` defines, read with Python's ``ast`` (cheap, no libcst): its classes,
whether each derives from the OAuth2 flow handler, whether the flow is registered for the
domain, and what it imports from outside Home Assistant. Also whether the integration offers
an OAuth2 implementation itself (DC607).

Every answer that depends on what cannot be seen (a base imported from the integration's own
modules or a third-party package, a file that does not parse) is :attr:`Known.UNKNOWN`, and the
rules stay silent on it (docs/spec.md: precision first).
"""

from __future__ import annotations

import ast
import bisect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from devcreds_lint.contracts import (
    FLOW_DOMAIN_CONSTANT,
    FLOW_DOMAIN_KEYWORD,
    FLOW_FIRST_STEP,
    FLOW_HANDLERS_REGISTRY,
    FLOW_IMPLEMENTATION_ATTRIBUTE,
    FLOW_PICK_STEP,
    IMPLEMENTATION_REGISTRARS,
    OAUTH2_FLOW_HANDLER,
)
from devcreds_lint.facts.by_text import by_text
from devcreds_lint.text import LineIndex

_HOME = "homeassistant"


class Known(str, Enum):
    """A yes/no answer that may not be knowable statically."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class FlowClass:
    """A class defined at the top level of ``config_flow.py``.

    ``bases``: the bases as written (dotted names; ``None`` for an expression that is not one).
    ``local_bases``: the bases that are classes of the module. ``oauth2``: whether it derives,
    directly or through classes of the module, from the OAuth2 flow handler. ``registers``:
    whether it passes ``domain=`` or carries a ``HANDLERS.register(...)`` decorator itself.
    ``name_at``: 1-based (row, column in code points) of its name.
    """

    name: str
    node: ast.ClassDef
    bases: tuple[str | None, ...]
    local_bases: tuple[str, ...]
    oauth2: Known
    registers: bool
    open_keywords: bool
    name_at: tuple[int, int]
    methods: frozenset[str]


@dataclass(frozen=True)
class FlowFacts:
    """``config_flow.py`` as DC603, DC607 and DC608 see it.

    ``foreign_imports``: names imported from outside Home Assistant and the standard library
    that may be classes (not ``ALL_CAPS`` constants), or a star import (``*``): a handler may
    be defined there and re-exported. ``registry_used``: the module names ``HANDLERS`` other
    than as a class decorator (``HANDLERS.register(DOMAIN)(Flow)``): registration cannot be
    followed. ``domain_row``: the line of the one module-level binding of ``DOMAIN`` (None:
    none, several, or a star import). ``sets_flow_impl``: the module assigns ``….flow_impl``
    (the flow picks its implementation itself).
    """

    text: str
    classes: tuple[FlowClass, ...]
    foreign_imports: tuple[str, ...]
    registry_used: bool
    domain_row: int | None
    sets_flow_impl: bool

    def domain_in_scope(self, cls: FlowClass) -> bool:
        """Whether ``DOMAIN`` is bound at the top level before ``cls`` is defined (a class
        keyword is evaluated there)."""
        return self.domain_row is not None and self.domain_row < cls.node.lineno

    def by_name(self, name: str) -> FlowClass | None:
        return next((c for c in self.classes if c.name == name), None)

    def ancestors(self, cls: FlowClass) -> Iterator[FlowClass]:
        """``cls`` and every class of the module it derives from, each once."""
        seen: set[str] = set()
        todo = [cls]
        while todo:
            current = todo.pop()
            if current.name in seen:
                continue
            seen.add(current.name)
            yield current
            todo.extend(c for b in current.local_bases if (c := self.by_name(b)) is not None)

    @property
    def handlers(self) -> tuple[FlowClass, ...]:
        """The classes that certainly derive from the OAuth2 flow handler."""
        return tuple(c for c in self.classes if c.oauth2 is Known.YES)

    def registered(self, cls: FlowClass) -> bool:
        """Whether ``cls`` or a class of the module it derives from registers itself."""
        return any(c.registers for c in self.ancestors(cls))

    @property
    def has_oauth2_handler(self) -> Known:
        """Whether the integration's config flow is an OAuth2 flow.

        YES: a class of the module derives from the handler. UNKNOWN: a class derives from a
        base that cannot be followed, or the module registers no flow itself and imports a
        class from outside Home Assistant (a re-exported handler). NO otherwise: the module's
        own registered flow is known and is no OAuth2 flow, or there is none and nothing
        could be one.
        """
        if any(c.oauth2 is Known.YES for c in self.classes):
            return Known.YES
        if any(c.oauth2 is Known.UNKNOWN for c in self.classes):
            return Known.UNKNOWN
        if any(c.registers for c in self.classes):
            return Known.NO
        if self.foreign_imports or self.registry_used:
            return Known.UNKNOWN
        return Known.NO

    def picks_implementation(self) -> bool:
        """Whether the flow may choose its implementation itself, bypassing the ones Home
        Assistant offers: it sets ``flow_impl``, or an OAuth2 flow class (or one that may be)
        overrides the pick step, or overrides the first step without going on to the pick
        step. Then the rules cannot tell what it needs."""
        if self.sets_flow_impl:
            return True
        for cls in self.classes:
            if cls.oauth2 is Known.NO:
                continue  # not an OAuth2 flow: its steps pick no implementation
            if FLOW_PICK_STEP in cls.methods:
                return True
            if FLOW_FIRST_STEP in cls.methods and not _calls_pick_step(cls.node):
                return True
        return False


def _calls_pick_step(node: ast.ClassDef) -> bool:
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == (
            FLOW_FIRST_STEP
        ):
            for inner in ast.walk(stmt):
                if isinstance(inner, ast.Attribute) and inner.attr == FLOW_PICK_STEP:
                    return True
    return False


def parse_module(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _is_home(module: str) -> bool:
    return module == _HOME or module.startswith(_HOME + ".")


def _is_known_module(module: str, level: int) -> bool:
    """Home Assistant or the standard library: what they export is known."""
    if level:
        return False
    return _is_home(module) or module.split(".")[0] in sys.stdlib_module_names


def _is_component_import(module: str, name: str, level: int) -> bool:
    """``from homeassistant.components[.x] import y`` (or ``from homeassistant import
    components``): Home Assistant's integrations, whose flows may be OAuth2 flows."""
    if level:
        return False
    prefix = f"{_HOME}.components"
    return (
        module == prefix
        or module.startswith(prefix + ".")
        or (module == _HOME and name == "components")
    )


def _may_be_class(name: str) -> bool:
    """Not an ``ALL_CAPS`` constant (``DOMAIN``, ``CONF_X``)."""
    return name == "*" or not (name.isupper() or name.strip("_").isupper())


def _is_registry_decorator(node: ast.expr) -> bool:
    func = node.func if isinstance(node, ast.Call) else node
    name = _dotted(func)
    return name is not None and (
        name == f"{FLOW_HANDLERS_REGISTRY}.register"
        or name.endswith(f".{FLOW_HANDLERS_REGISTRY}.register")
    )


def _name_at(lines: LineIndex, node: ast.ClassDef) -> tuple[int, int]:
    """(row, column in code points) of the class's name, else of ``class``."""
    row = node.lineno
    line = lines.line(row) if row <= len(lines.starts) else ""
    column = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "ignore"))
    found = line.find(node.name, column + len("class"))
    return (row, (found if found >= 0 else column) + 1)


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The module's statements, also those nested in ``if``/``try``/``with`` blocks (which
    bind names at the top level), but not inside functions or classes."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.If, ast.While, ast.For, ast.AsyncFor)):
            yield from _top_level([*stmt.body, *stmt.orelse])
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            yield from _top_level(stmt.body)
        elif isinstance(stmt, ast.Try):
            handlers = [s for h in stmt.handlers for s in h.body]
            yield from _top_level([*stmt.body, *handlers, *stmt.orelse, *stmt.finalbody])


def _binds(stmt: ast.stmt) -> Iterator[str]:
    """The names a top-level statement binds (in the module scope)."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        for alias in stmt.names:
            yield (alias.asname or alias.name).split(".")[0]
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield stmt.name
    elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name):
                    yield node.id
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            if item.optional_vars is not None:
                for node in ast.walk(item.optional_vars):
                    if isinstance(node, ast.Name):
                        yield node.id


@by_text
def flow_facts(text: str) -> FlowFacts | None:
    """The facts of ``config_flow.py``; None when it does not parse (nothing is known)."""
    tree = parse_module(text)
    if tree is None:
        return None
    top = list(_top_level(tree.body))
    # local name -> (its module when that is neither Home Assistant nor the standard
    # library, else None; the name imported)
    imported: dict[str, tuple[str | None, str]] = {}
    foreign: list[str] = []
    components: set[str] = set()  # names that may lead to a component's classes
    star = False
    domain_rows: list[int] = []
    for stmt in top:
        if FLOW_DOMAIN_CONSTANT in _binds(stmt):
            domain_rows.append(stmt.lineno)
        if isinstance(stmt, ast.ImportFrom):
            module = stmt.module or ""
            known = _is_known_module(module, stmt.level)
            for alias in stmt.names:
                if alias.name == "*":
                    star = True
                    if not known:
                        foreign.append("*")
                    continue
                local = alias.asname or alias.name
                imported[local] = (None if known else "." * stmt.level + module, alias.name)
                if _is_component_import(module, alias.name, stmt.level):
                    components.add(local)
                if not known and _may_be_class(local):
                    foreign.append(local)
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                full = alias.name
                local = alias.asname or full.split(".")[0]
                imported[local] = (None if _is_known_module(full, 0) else full, full)
                if _is_component_import(full, "", 0) or (
                    not alias.asname and full.split(".")[0] == _HOME
                ):
                    components.add(local)  # ``import homeassistant.x``: any module below
    # Classes anywhere (a handler may be defined under ``if``/``try``), in source order.
    lines = LineIndex(text)
    class_defs = sorted(
        _class_defs(tree, _keyword_rows(text, lines)), key=lambda n: (n.lineno, n.col_offset)
    )
    defined = {c.name for c in class_defs}

    decorators = {id(d) for c in class_defs for d in c.decorator_list if _is_registry_decorator(d)}
    registry_used = False
    sets_flow_impl = False
    # A byte search first: most flows name neither, and the second walk of the whole tree
    # costs as much as the parse (benchmark row "ha-2026.11-like cold / floor").
    watched = FLOW_HANDLERS_REGISTRY in text or FLOW_IMPLEMENTATION_ATTRIBUTE in text
    for node in _outside(tree, decorators) if watched else ():
        if isinstance(node, ast.Name) and node.id == FLOW_HANDLERS_REGISTRY:
            registry_used = True
        elif isinstance(node, ast.Attribute):
            if node.attr == FLOW_HANDLERS_REGISTRY:
                registry_used = True
            elif node.attr == FLOW_IMPLEMENTATION_ATTRIBUTE and isinstance(node.ctx, ast.Store):
                sets_flow_impl = True

    bases_of = {c.name: tuple(_dotted(b) for b in c.bases) for c in class_defs}
    starred = {c.name for c in class_defs if any(isinstance(b, ast.Starred) for b in c.bases)}

    def base_answer(base: str | None, seen: frozenset[str]) -> Known:
        if base is None:
            return Known.UNKNOWN  # a call, a subscript, ``*bases``: cannot be followed
        if base.rsplit(".", 1)[-1] == OAUTH2_FLOW_HANDLER:
            return Known.YES
        if base in defined:
            return Known.NO if base in seen else derives(base, seen)
        head = base.split(".", 1)[0]
        if head in imported:
            module, original = imported[head]
            if module is not None:
                return Known.UNKNOWN  # the integration's own module or a package
            if original == OAUTH2_FLOW_HANDLER and "." not in base:
                return Known.YES
            # A component's flow may itself be an OAuth2 flow handler.
            return Known.UNKNOWN if head in components else Known.NO
        # Neither imported nor defined: a builtin (``object``), or from a star import.
        return Known.UNKNOWN if star else Known.NO

    def derives(name: str, seen: frozenset[str]) -> Known:
        answers = [base_answer(b, seen | {name}) for b in bases_of[name]]
        if name in starred:
            answers.append(Known.UNKNOWN)
        if Known.YES in answers:
            return Known.YES
        return Known.UNKNOWN if Known.UNKNOWN in answers else Known.NO

    classes = tuple(
        FlowClass(
            name=node.name,
            node=node,
            bases=bases_of[node.name],
            local_bases=tuple(b for b in bases_of[node.name] if b is not None and b in defined),
            oauth2=derives(node.name, frozenset()),
            registers=any(k.arg == FLOW_DOMAIN_KEYWORD for k in node.keywords)
            or any(id(d) in decorators for d in node.decorator_list),
            open_keywords=any(k.arg is None for k in node.keywords),
            name_at=_name_at(lines, node),
            methods=frozenset(
                s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
            ),
        )
        for node in class_defs
    )
    return FlowFacts(
        text=text,
        classes=classes,
        foreign_imports=tuple(foreign),
        registry_used=registry_used,
        domain_row=domain_rows[0] if len(domain_rows) == 1 and not star else None,
        sets_flow_impl=sets_flow_impl,
    )


_CLASS_KEYWORD = re.compile(r"\bclass\b")


def _keyword_rows(text: str, lines: LineIndex) -> list[int]:
    """The rows (1-based, ascending) whose text holds the word ``class``: a class statement's
    own row (its ``lineno``) always does; a string or a comment may too."""
    rows: list[int] = []
    for match in _CLASS_KEYWORD.finditer(text):
        row = bisect.bisect_right(lines.starts, match.start())
        if not rows or rows[-1] != row:
            rows.append(row)
    return rows


def _class_defs(tree: ast.Module, rows: list[int]) -> Iterator[ast.ClassDef]:
    """Every class statement of the module, at any depth. A class is a statement, so only
    statement bodies are walked, not expressions, and only the statements whose rows hold
    the word ``class`` (``rows``, from :func:`_keyword_rows`): the same classes as
    ``ast.walk`` at a fraction of the cost (benchmark rows "ha-2026.11-like cold / floor"
    and "stress cold": a config flow's methods hold no class and are not entered)."""
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.ClassDef):
            yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(node, field, ()):
                if isinstance(child, ast.match_case) or (
                    isinstance(child, (ast.stmt, ast.excepthandler))
                    and _holds_row(rows, child.lineno, child.end_lineno or child.lineno)
                ):
                    todo.append(child)


def _holds_row(rows: list[int], first: int, last: int) -> bool:
    index = bisect.bisect_left(rows, first)
    return index < len(rows) and rows[index] <= last


def _outside(tree: ast.AST, skipped: set[int]) -> Iterator[ast.AST]:
    """Every node of ``tree`` except inside the nodes whose ``id`` is in ``skipped``."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if id(node) in skipped:
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def registers_implementation(text: str) -> Known:
    """Whether a module offers an OAuth2 implementation itself: it calls one of
    :data:`~devcreds_lint.contracts.IMPLEMENTATION_REGISTRARS` (YES), names one in another way
    (an alias, a callback: UNKNOWN), or sets a flow's ``flow_impl`` (UNKNOWN). UNKNOWN when
    it does not parse and names one; NO when it names none."""
    needles = (*IMPLEMENTATION_REGISTRARS, FLOW_IMPLEMENTATION_ATTRIBUTE)
    if not any(n in text for n in needles):
        return Known.NO
    tree = parse_module(text)
    if tree is None:
        return Known.UNKNOWN
    answer = Known.NO
    called: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name is not None and name.rsplit(".", 1)[-1] in IMPLEMENTATION_REGISTRARS:
                return Known.YES
            called.add(id(node.func))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == FLOW_IMPLEMENTATION_ATTRIBUTE
            and isinstance(node.ctx, ast.Store)
        ):
            answer = Known.UNKNOWN
        named = (
            node.attr
            if isinstance(node, ast.Attribute)
            else node.id
            if isinstance(node, ast.Name)
            else None
        )
        if named in IMPLEMENTATION_REGISTRARS and id(node) not in called:
            answer = Known.UNKNOWN
    return answer
