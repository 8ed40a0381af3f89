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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
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
from devcreds_lint.facts.python_ast import parse_structure
from devcreds_lint.text import LineIndex

_HOME = "homeassistant"


class Known(str, Enum):
    """A yes/no answer that may not be knowable statically."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Link:
    """What a name imported from one of the integration's own modules is, followed there.

    ``oauth2``: a class deriving from the OAuth2 flow handler; ``registered``: it or a class
    it derives from passes ``domain=`` or carries the registry decorator. UNKNOWN where that
    cannot be followed (a module that does not parse, a package's base).
    """

    oauth2: Known
    registered: Known


Follow = Callable[[str, str], "Link | None"]
"""(module as written with its leading dots, name) -> what the name is, when the module is
one of the integration's own files; None when it is not (Home Assistant, a package)."""


def any_known(answers: Iterable[Known]) -> Known:
    """YES if any is, else UNKNOWN if any is, else NO."""
    found = set(answers)
    if Known.YES in found:
        return Known.YES
    return Known.UNKNOWN if Known.UNKNOWN in found else Known.NO


def _join(module: str, name: str) -> str:
    """``from . import oauth`` -> ``.oauth``; ``from .a import b`` -> ``.a.b``."""
    return f"{module}{name}" if module.endswith(".") or not module else f"{module}.{name}"


@dataclass(frozen=True)
class FlowClass:
    """A class defined at the top level of ``config_flow.py``.

    ``bases``: the bases as written (dotted names; ``None`` for an expression that is not one).
    ``local_bases``: the bases that are classes of the module. ``oauth2``: whether it derives,
    directly or through classes of the module, from the OAuth2 flow handler. ``registers``:
    whether it passes ``domain=`` or carries a ``HANDLERS.register(...)`` decorator itself;
    ``registered_elsewhere``: a base followed into another of the integration's modules does
    (:meth:`FlowFacts.linked`). ``opaque_bases``: a base is neither a class of the module nor
    one of Home Assistant's helpers (its methods cannot be seen). ``name_at``: 1-based (row, column in code points) of its name.
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
    registered_elsewhere: Known = Known.NO
    opaque_bases: bool = False


@dataclass(frozen=True)
class FlowFacts:
    """``config_flow.py`` as DC603, DC607 and DC608 see it.

    ``foreign_imports``: names imported from outside Home Assistant and the standard library
    that may be classes (not ``ALL_CAPS`` constants), or a star import (``*``): a handler may
    be defined there and re-exported. ``registry_used``: the module names ``HANDLERS`` other
    than as a class decorator (``HANDLERS.register(DOMAIN)(Flow)``): registration cannot be
    followed. ``domain_row``: the line of the one module-level binding of ``DOMAIN`` (None:
    none, several, or a star import). ``sets_flow_impl``: the module assigns ``….flow_impl``
    (the flow picks its implementation itself). ``imports``: local name -> (the module as
    written, with its leading dots; the name imported) for every ``from … import``;
    ``stars``: the modules star-imported. ``own_import_links``: what the names imported from
    the integration's own modules turn out to be, followed when asked (:meth:`linked`).
    """

    text: str
    classes: tuple[FlowClass, ...]
    foreign_imports: tuple[str, ...]
    registry_used: bool
    domain_row: int | None
    sets_flow_impl: bool
    imports: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    stars: tuple[str, ...] = ()
    components: frozenset[str] = frozenset()
    follow: Follow | None = field(default=None, compare=False, repr=False)
    starred_classes: frozenset[str] = frozenset()
    star: bool = False
    module_imports: Mapping[str, str] = field(default_factory=dict)

    def linked(self, follow: Follow | None) -> FlowFacts:
        """The facts with every base and import followed into the integration's own modules
        through ``follow`` (None: nothing is followed, such a base is unknown)."""
        answers: dict[str, tuple[Known, Known]] = {}
        defined = {c.name for c in self.classes}
        by_name = {c.node.name: c for c in self.classes}

        def base_answer(base: str | None, seen: frozenset[str]) -> tuple[Known, Known]:
            """(derives from the handler, registers through a base elsewhere)."""
            if base is None:
                return Known.UNKNOWN, Known.UNKNOWN  # a call, a subscript, ``*bases``
            if base.rsplit(".", 1)[-1] == OAUTH2_FLOW_HANDLER:
                return Known.YES, Known.NO
            if base in defined:
                return (Known.NO, Known.NO) if base in seen else derives(base, seen)
            head, _, rest = base.partition(".")
            if head in self.module_imports and head not in self.imports:
                full = self.module_imports[head]
                if head in self.components or not is_known_module(full, 0):
                    return Known.UNKNOWN, Known.NO  # a package's or a component's class
                return Known.NO, Known.NO
            if head not in self.imports:
                # Neither imported nor defined: a builtin (``object``), or from a star import.
                return (Known.UNKNOWN, Known.UNKNOWN) if self.star else (Known.NO, Known.NO)
            module, original = self.imports[head]
            if rest and "." not in rest:
                # ``from . import oauth`` then ``oauth.FlowBase``
                target: tuple[str, str] | None = (_join(module, original), rest)
            else:
                target = None if rest else (module, original)
            link = follow(*target) if follow is not None and target is not None else None
            if link is not None:
                return link.oauth2, link.registered
            # A package's class cannot be followed: it may be an OAuth2 flow, but it cannot
            # register this integration's flow (only a ``domain=`` of the integration does).
            if not is_known_module(module.lstrip("."), len(module) - len(module.lstrip("."))):
                return Known.UNKNOWN, Known.NO
            if original == OAUTH2_FLOW_HANDLER and not rest:
                return Known.YES, Known.NO
            # A component's flow may itself be an OAuth2 flow handler.
            unknown = head in self.components
            return (Known.UNKNOWN, Known.NO) if unknown else (Known.NO, Known.NO)

        def derives(name: str, seen: frozenset[str]) -> tuple[Known, Known]:
            if name in answers:
                return answers[name]
            found = [base_answer(b, seen | {name}) for b in by_name[name].bases]
            if name in self.starred_classes:
                found.append((Known.UNKNOWN, Known.UNKNOWN))
            answer = (any_known(a for a, _ in found), any_known(r for _, r in found))
            if not seen:
                answers[name] = answer
            return answer

        def opaque(base: str | None) -> bool:
            if base is None:
                return True
            if base.rsplit(".", 1)[-1] == OAUTH2_FLOW_HANDLER or base in defined:
                return False
            head = base.split(".", 1)[0]
            if head in self.module_imports and head not in self.imports:
                full = self.module_imports[head]
                return head in self.components or not is_known_module(full, 0)
            if head not in self.imports:
                return self.star
            module = self.imports[head][0]
            return (
                module.startswith(".")
                or not is_known_module(module, 0)
                or (head in self.components)
            )

        classes = tuple(
            replace(
                c,
                oauth2=oauth2,
                registered_elsewhere=elsewhere,
                opaque_bases=any(opaque(b) for b in c.bases) or c.name in self.starred_classes,
            )
            for c in self.classes
            for oauth2, elsewhere in [derives(c.name, frozenset())]
        )
        return replace(self, classes=classes, follow=follow)

    @property
    def own_import_links(self) -> Iterator[Link]:
        """What the names imported from the integration's own modules are (followed only
        when asked: most checks never need them, and following reads those modules)."""
        follow = self.follow
        if follow is None:
            return
        for local, (module, original) in self.imports.items():
            if _may_be_class(local) and (link := follow(module, original)) is not None:
                yield link
        for module in self.stars:
            if (link := follow(module, "*")) is not None:
                yield link

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

    def registered(self, cls: FlowClass) -> Known:
        """Whether ``cls`` or a class it derives from registers itself (UNKNOWN: a base in
        another module could not be followed)."""
        ancestors = list(self.ancestors(cls))
        if any(c.registers for c in ancestors):
            return Known.YES
        return any_known(c.registered_elsewhere for c in ancestors)

    @property
    def own_registered_import(self) -> Known:
        """Whether a name imported from the integration's own modules is, or derives from, a
        registered flow handler (a star import of one: UNKNOWN)."""
        return any_known(link.registered for link in self.own_import_links)

    @property
    def has_oauth2_handler(self) -> Known:
        """Whether the integration's config flow is an OAuth2 flow.

        YES: a class of the module derives from the handler. NO: the registered flow is
        known and is no OAuth2 flow (another class with a base that cannot be followed, an API
        client, changes nothing). UNKNOWN: a class derives from a
        base that cannot be followed, or the module registers no flow itself and imports,
        from one of the integration's own modules, a class that is or may be a handler (a
        re-exported handler, a star import). NO otherwise: the module's own registered flow
        is known and is no OAuth2 flow, or there is none and nothing could be one. Imports
        from packages never make it unknown: an API client is no flow handler.
        """
        if any(c.oauth2 is Known.YES for c in self.classes):
            return Known.YES
        registered = [c for c in self.classes if self.registered(c) is Known.YES]
        if registered and all(c.oauth2 is Known.NO for c in registered):
            return Known.NO  # the flow Home Assistant runs is known, and is no OAuth2 flow
        if any(c.oauth2 is Known.UNKNOWN for c in self.classes):
            return Known.UNKNOWN
        if any(c.registers for c in self.classes):
            return Known.NO
        if self.registry_used:
            return Known.UNKNOWN
        own = any_known(link.oauth2 for link in self.own_import_links)
        return Known.UNKNOWN if own is not Known.NO else Known.NO

    def picks_implementation(self) -> Known:
        """Whether the flow picks its implementation itself, bypassing the ones Home
        Assistant offers: no path from the first step of its OAuth2 flow class reaches Home
        Assistant's picker (YES; a step that sets ``flow_impl`` and goes on to
        ``async_step_auth`` is such a path's end, one that sets it only on re-authentication
        does not change where the first step leads). A flow of no OAuth2 class that sets
        ``flow_impl`` picks its own too. UNKNOWN where a step is inherited from a base that
        cannot be followed."""
        candidates = [c for c in self.classes if c.oauth2 is not Known.NO]
        if not candidates:
            return Known.YES if self.sets_flow_impl else Known.NO
        # The registered flow is the one Home Assistant runs: a class that certainly
        # registers decides, else one that may, else any OAuth2 class.
        certain = [c for c in candidates if self.registered(c) is Known.YES]
        maybe = [c for c in candidates if self.registered(c) is Known.UNKNOWN]
        answers = [self.reaches_picker(c) for c in certain or maybe or candidates]
        if Known.NO in answers:
            return Known.YES
        return Known.UNKNOWN if Known.UNKNOWN in answers else Known.NO

    def reaches_picker(self, cls: FlowClass) -> Known:
        """Whether a path from ``cls``'s first step reaches Home Assistant's
        ``async_step_pick_implementation``: a step that calls
        ``super().async_step_pick_implementation(...)`` or ``super().async_step_user(...)``,
        or a ``self.async_step_*()`` that does (followed within the class and its bases of
        the module); an inherited first step goes on to the pick step, an inherited pick
        step is the picker."""

        def step(name: str, seen: frozenset[str]) -> Known:
            if name in seen:
                return Known.NO
            method = self._method(cls, name)
            if method is Known.UNKNOWN:
                return Known.UNKNOWN
            if method is None:
                if name == FLOW_PICK_STEP:
                    return Known.YES
                if name == FLOW_FIRST_STEP:
                    return step(FLOW_PICK_STEP, seen | {name})
                return Known.NO  # a step of Home Assistant's after the pick, or none
            assert not isinstance(method, Known)
            answers: list[Known] = []
            for node in ast.walk(method):
                if isinstance(node, ast.Constant) and node.value == _PICK_STEP_ID:
                    answers.append(step(FLOW_PICK_STEP, seen | {name}))  # a menu option
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                for next_step in _next_steps(node):
                    answers.append(step(_STEP_PREFIX + next_step, seen | {name}))
                owner, attr = node.func.value, node.func.attr
                if _is_super(owner) and attr in (FLOW_PICK_STEP, FLOW_FIRST_STEP):
                    return Known.YES
                if (
                    isinstance(owner, ast.Name)
                    and owner.id == "self"
                    and attr.startswith(_STEP_PREFIX)
                ):
                    answers.append(step(attr, seen | {name}))
            return any_known(answers)

        return step(FLOW_FIRST_STEP, frozenset())

    def _method(
        self, cls: FlowClass, name: str
    ) -> ast.FunctionDef | ast.AsyncFunctionDef | Known | None:
        """The definition of a method in ``cls`` or its bases of the module (depth first, as
        written); None when it is inherited from Home Assistant; UNKNOWN when a base that
        cannot be followed may define it."""
        opaque = False
        for current in self.ancestors_in_order(cls):
            if name in current.methods:
                for stmt in current.node.body:
                    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                        stmt.name == name
                    ):
                        return stmt
            opaque = opaque or current.opaque_bases
        return Known.UNKNOWN if opaque else None

    def ancestors_in_order(self, cls: FlowClass) -> Iterator[FlowClass]:
        """``cls``, then its bases of the module, depth first in the order written."""
        seen: set[str] = set()
        todo = [cls]
        while todo:
            current = todo.pop(0)
            if current.name in seen:
                continue
            seen.add(current.name)
            yield current
            todo[:0] = [c for b in current.local_bases if (c := self.by_name(b)) is not None]


_STEP_PREFIX = "async_step_"
_PICK_STEP_ID = FLOW_PICK_STEP[len(_STEP_PREFIX) :]


def _next_steps(call: ast.Call) -> Iterator[str]:
    """The step ids a call hands the flow on to, which Home Assistant then runs as
    ``async_step_<id>``: the options of ``async_show_menu(menu_options=[...])`` (a list, or a
    dict's keys) and a literal ``next_step_id=``."""
    for keyword in call.keywords:
        value = keyword.value
        if keyword.arg == "menu_options" and isinstance(value, ast.Dict):
            options: list[ast.expr | None] = list(value.keys)
        elif keyword.arg == "menu_options" and isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            options = list(value.elts)
        elif keyword.arg == "next_step_id":
            options = [value]
        else:
            continue
        for option in options:
            if isinstance(option, ast.Constant) and isinstance(option.value, str):
                yield option.value


def _is_super(node: ast.expr) -> bool:
    """``super()`` or ``super(Cls, self)``."""
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attributes on a name; None for anything else."""
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


def is_known_module(module: str, level: int) -> bool:
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
    name = dotted(func)
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


def top_level_names(tree: ast.Module) -> frozenset[str]:
    """The names a module binds at its top level (also under ``if``/``try``/``with``)."""
    return frozenset(name for stmt in _top_level(tree.body) for name in _binds(stmt))


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
    """The facts of ``config_flow.py``; None when it does not parse (nothing is known).
    Newer Pythons' syntax (``type X = ...``, ``except A, B:``, 3.12's f-strings) is read too."""
    tree = parse_structure(text)
    if tree is None:
        return None
    top = list(_top_level(tree.body))
    # local name -> (its module when that is neither Home Assistant nor the standard
    # library, else None; the name imported)
    imported: dict[str, tuple[str | None, str]] = {}
    foreign: list[str] = []
    components: set[str] = set()  # names that may lead to a component's classes
    star = False
    raw_imports: dict[str, tuple[str, str]] = {}
    module_imports: dict[str, str] = {}
    stars: list[str] = []
    domain_rows: list[int] = []
    for stmt in top:
        if FLOW_DOMAIN_CONSTANT in _binds(stmt):
            domain_rows.append(stmt.lineno)
        if isinstance(stmt, ast.ImportFrom):
            module = stmt.module or ""
            known = is_known_module(module, stmt.level)
            for alias in stmt.names:
                if alias.name == "*":
                    star = True
                    stars.append("." * stmt.level + module)
                    if not known:
                        foreign.append("*")
                    continue
                local = alias.asname or alias.name
                raw_imports[local] = ("." * stmt.level + module, alias.name)
                imported[local] = (None if known else "." * stmt.level + module, alias.name)
                if _is_component_import(module, alias.name, stmt.level):
                    components.add(local)
                if not known and _may_be_class(local):
                    foreign.append(local)
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                full = alias.name
                local = alias.asname or full.split(".")[0]
                imported[local] = (None if is_known_module(full, 0) else full, full)
                module_imports[local] = full
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

    bases_of = {c.name: tuple(dotted(b) for b in c.bases) for c in class_defs}
    starred = {c.name for c in class_defs if any(isinstance(b, ast.Starred) for b in c.bases)}
    classes = tuple(
        FlowClass(
            name=node.name,
            node=node,
            bases=bases_of[node.name],
            local_bases=tuple(b for b in bases_of[node.name] if b is not None and b in defined),
            oauth2=Known.NO,
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
    facts = FlowFacts(
        text=text,
        classes=classes,
        foreign_imports=tuple(foreign),
        registry_used=registry_used,
        domain_row=domain_rows[0] if len(domain_rows) == 1 and not star else None,
        sets_flow_impl=sets_flow_impl,
        imports=raw_imports,
        stars=tuple(stars),
        components=frozenset(components),
        starred_classes=frozenset(starred),
        star=star,
        module_imports=module_imports,
    )
    return facts.linked(None)


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
        for attribute in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(node, attribute, ()):
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


def registered_argument(call: ast.Call) -> ast.expr | None:
    """The implementation (or provider) a registration call passes: its keyword, else the
    last of two or three positional arguments (``async_register_implementation(hass, domain,
    X)``, ``FlowHandler.async_register_implementation(hass, X)``); None when it cannot be
    told (``*args``, another arity)."""
    for keyword in call.keywords:
        if keyword.arg is None:
            return None
        if keyword.arg in _REGISTERED_KEYWORDS:
            return keyword.value
    if any(isinstance(a, ast.Starred) for a in call.args) or len(call.args) not in (2, 3):
        return None
    return call.args[-1]


_REGISTERED_KEYWORDS = ("implementation", "async_provide_implementation")


def is_literal(node: ast.expr) -> bool:
    """A string, bytes, number, ``True``/``False``/``None`` or f-string: no implementation."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, (ast.Constant, ast.JoinedStr))


def registrations(tree: ast.AST) -> Iterator[tuple[ast.Call, str]]:
    """Every call of one of :data:`IMPLEMENTATION_REGISTRARS`, with the registrar's name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            last = name.rsplit(".", 1)[-1] if name is not None else None
            if last in IMPLEMENTATION_REGISTRARS:
                yield node, last


def literal_registrations(text: str) -> list[tuple[ast.expr, str]]:
    """The literal arguments of registration calls (each registers nothing), with the
    registrar's name; [] when the module names none or does not parse."""
    if not any(n in text for n in IMPLEMENTATION_REGISTRARS):
        return []
    tree = parse_structure(text)
    if tree is None:
        return []
    found: list[tuple[ast.expr, str]] = []
    for call, name in registrations(tree):
        argument = registered_argument(call)
        if argument is not None and is_literal(argument):
            found.append((argument, name))
    return found


_REGISTRIES = ("DATA_IMPLEMENTATIONS", "DATA_PROVIDERS")
"""The keys of ``hass.data`` where ``config_entry_oauth2_flow`` keeps what is registered."""


def registers_implementation(text: str) -> Known:
    """Whether a module offers an OAuth2 implementation itself: it calls one of
    :data:`~devcreds_lint.contracts.IMPLEMENTATION_REGISTRARS` with something that may be an
    implementation (YES; a literal registers nothing), or names one in another way (an alias,
    a callback: UNKNOWN), or writes Home Assistant's registry itself (UNKNOWN). UNKNOWN when
    it does not parse and names one; NO when it names none.
    A flow that sets ``flow_impl`` registers nothing: the implementation it picks is found
    again at set-up only if it is registered (:mod:`devcreds_lint.facts.lookups`)."""
    if not any(n in text for n in (*IMPLEMENTATION_REGISTRARS, *_REGISTRIES)):
        return Known.NO
    tree = parse_structure(text)
    if tree is None:
        return Known.UNKNOWN
    answer = Known.NO
    called: set[int] = set()
    for call, _name in registrations(tree):
        argument = registered_argument(call)
        if argument is None or not is_literal(argument):
            return Known.YES
        called.add(id(call.func))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called.add(id(node.func))
    for node in ast.walk(tree):
        named = (
            node.attr
            if isinstance(node, ast.Attribute)
            else node.id
            if isinstance(node, ast.Name)
            else None
        )
        if named in IMPLEMENTATION_REGISTRARS and id(node) not in called:
            answer = Known.UNKNOWN
        if named in _REGISTRIES:
            # Home Assistant's registry written directly (``hass.data[DATA_IMPLEMENTATIONS]``):
            # what is registered there cannot be told.
            answer = Known.UNKNOWN
    return answer
