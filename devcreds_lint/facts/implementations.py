"""Calls of Home Assistant's OAuth2 implementation classes (``LocalOAuth2Implementation(...)``,
``AuthImplementation(...)``, ...), with their arguments bound to the signatures of
:data:`devcreds_lint.contracts.IMPLEMENTATIONS` (DC308, and the client ID, secret and URL
positions for the secret and URL rules).

A callee counts only when it is certainly Home Assistant's class: imported once, at the top
of the module, from the class's home module (or used as ``config_entry_oauth2_flow.X`` with
that module imported), or a class of the same module that derives from one of them as its
first base and does not define ``__init__`` (found module-wide: it may be defined after its
use). A name from another module of the integration, an alias bound in a ``try``/``if``, a
class that defines its own ``__init__``: unknown, so nothing is said about the call.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from devcreds_lint.contracts import IMPLEMENTATIONS, ImplementationSpec, ParamSpec, Profile
from devcreds_lint.facts.objects import object_calls, split_arguments
from devcreds_lint.facts.tree import ModuleIndex, dotted_name

_BY_NAME = {spec.name: spec for spec in IMPLEMENTATIONS}


@dataclass(frozen=True)
class ImplementationCall:
    """A call of an implementation class. ``positional`` holds the positional arguments
    before any ``*args`` (their parameters are certain); ``starred`` is True when the call
    has ``*args`` or ``**kwargs``. ``via`` names the same-module subclass called, if any."""

    call: cst.Call
    spec: ImplementationSpec
    via: str | None
    positional: tuple[cst.Arg, ...]
    keywords: tuple[cst.Arg, ...]
    starred: bool

    @property
    def callee(self) -> str:
        return self.via or self.spec.name

    def bound(self) -> Iterator[tuple[ParamSpec, cst.Arg]]:
        """(parameter, argument) for every argument whose parameter is certain."""
        yield from zip(self.spec.params, self.positional, strict=False)
        for arg in self.keywords:
            assert arg.keyword is not None
            named = self.spec.param(arg.keyword.value)
            if named is not None:
                yield named, arg


@dataclass
class _TopLevel:
    """What the module's top level binds: each name's binding count, the unconditional
    ``from`` imports and ``import``s, and the classes."""

    counts: dict[str, int] = field(default_factory=dict)
    from_imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # bound -> (mod, orig)
    imports: dict[str, set[str]] = field(default_factory=dict)  # root -> full module names
    classes: dict[str, cst.ClassDef] = field(default_factory=dict)

    def bind(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1

    def unique(self, name: str) -> bool:
        return self.counts.get(name) == 1


def _target_names(target: cst.BaseExpression) -> Iterator[str]:
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _target_names(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _target_names(target.value)


def _scan(statements: list[cst.BaseStatement], top: _TopLevel, nested: bool) -> None:
    for stmt in statements:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                _scan_small(small, top, nested)
        elif isinstance(stmt, cst.FunctionDef):
            top.bind(stmt.name.value)
        elif isinstance(stmt, cst.ClassDef):
            top.bind(stmt.name.value)
            if not nested:
                top.classes[stmt.name.value] = stmt
        elif isinstance(stmt, (cst.If, cst.Try, cst.TryStar, cst.With, cst.For, cst.While)):
            # Bindings in a compound statement are conditional: they count, but never resolve.
            for block in _blocks(stmt):
                _scan_suite(block, top)
            if isinstance(stmt, cst.For):
                for name in _target_names(stmt.target):
                    top.bind(name)


def _scan_suite(suite: cst.BaseSuite, top: _TopLevel) -> None:
    if isinstance(suite, cst.IndentedBlock):
        _scan(list(suite.body), top, True)
    elif isinstance(suite, cst.SimpleStatementSuite):
        for small in suite.body:
            _scan_small(small, top, True)


def _blocks(stmt: cst.BaseCompoundStatement) -> Iterator[cst.BaseSuite]:
    yield stmt.body
    if isinstance(stmt, (cst.Try, cst.TryStar)):
        for handler in stmt.handlers:
            yield handler.body
        if stmt.finalbody is not None:
            yield stmt.finalbody.body
    orelse = getattr(stmt, "orelse", None)
    while orelse is not None:
        yield orelse.body
        orelse = getattr(orelse, "orelse", None) if isinstance(orelse, cst.If) else None


def _scan_small(small: cst.BaseSmallStatement, top: _TopLevel, nested: bool) -> None:
    if isinstance(small, cst.ImportFrom):
        if isinstance(small.names, cst.ImportStar):
            top.bind("*")
            return
        module = dotted_name(small.module) or "" if small.module is not None else ""
        for alias in small.names:
            bound = alias.evaluated_alias or alias.evaluated_name
            top.bind(bound)
            if not nested and not small.relative:
                top.from_imports[bound] = (module, alias.evaluated_name)
    elif isinstance(small, cst.Import):
        for alias in small.names:
            full = alias.evaluated_name
            if alias.evaluated_alias:
                top.bind(alias.evaluated_alias)
                if not nested:
                    top.from_imports[alias.evaluated_alias] = full.rpartition(".")[::2]
            else:
                root = full.split(".")[0]
                if not nested:
                    top.imports.setdefault(root, set()).add(full)
                else:
                    top.bind(root)
    elif isinstance(small, cst.Assign):
        for target in small.targets:
            for name in _target_names(target.target):
                top.bind(name)
    elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
        for name in _target_names(small.target):
            top.bind(name)


class _Resolver:
    def __init__(self, module: cst.Module) -> None:
        self.top = _TopLevel()
        _scan(list(module.body), self.top, False)
        self._classes: dict[str, ImplementationSpec | None] = {}

    def callee(self, func: cst.BaseExpression) -> tuple[ImplementationSpec, str | None] | None:
        """The class ``func`` certainly is, and the same-module subclass it goes through."""
        if isinstance(func, cst.Name) and func.value in self.top.classes:
            if not self.top.unique(func.value):
                return None
            spec = self._class(func.value, set())
            return (spec, func.value) if spec is not None else None
        spec = self._imported(func)
        return (spec, None) if spec is not None else None

    def _imported(self, func: cst.BaseExpression) -> ImplementationSpec | None:
        name = dotted_name(func)
        if name is None:
            return None
        head, _, last = name.rpartition(".")
        spec = _BY_NAME.get(last)
        if not head:
            found = self.top.from_imports.get(name)
            if found is None or not self.top.unique(name):
                return None
            module, original = found
            spec = _BY_NAME.get(original)
            return spec if spec is not None and module in spec.homes else None
        if spec is None:
            return None
        root, _, rest = head.partition(".")
        if not rest:
            # `config_entry_oauth2_flow.X`, the module imported by `from ... import` (or as).
            found = self.top.from_imports.get(root)
            if found is None or not self.top.unique(root):
                return None
            return spec if ".".join(found) in spec.homes else None
        # `homeassistant.helpers.config_entry_oauth2_flow.X` after `import` of that module.
        imported = self.top.imports.get(root, set())
        if root in self.top.counts or head not in imported:
            return None
        return spec if head in spec.homes else None

    def _class(self, name: str, seen: set[str]) -> ImplementationSpec | None:
        if name in self._classes:
            return self._classes[name]
        if name in seen:
            return None
        seen.add(name)
        node = self.top.classes[name]
        spec: ImplementationSpec | None = None
        bases = [arg for arg in node.bases if arg.keyword is None and not arg.star]
        if (
            bases
            and not node.decorators
            and not node.keywords
            and len(bases) == len(node.bases)
            and not _defines_init(node)
        ):
            first = bases[0].value
            if isinstance(first, cst.Name) and first.value in self.top.classes:
                if self.top.unique(first.value):
                    spec = self._class(first.value, seen)
            else:
                spec = self._imported(first)
        self._classes[name] = spec
        return spec


_OWN_INIT = frozenset({"__init__", "__new__", "__signature__"})


def _defines_init(node: cst.ClassDef) -> bool:
    """Whether the class body binds ``__init__`` (or ``__new__``) anywhere in its own body."""
    top = _TopLevel()
    _scan_suite(node.body, top)
    return any(name in top.counts for name in _OWN_INIT)


def implementation_calls(
    module: cst.Module, index: ModuleIndex, text: str
) -> list[ImplementationCall]:
    """Every call of an implementation class in ``module`` whose class is certain (``text``,
    the module's source, decides cheaply that there is none)."""
    if not any(spec.name in text for spec in IMPLEMENTATIONS):
        return []
    resolver = _Resolver(module)
    found: list[ImplementationCall] = []
    for call in index.calls:
        resolved = resolver.callee(call.func)
        if resolved is None:
            continue
        spec, via = resolved
        arguments = split_arguments(call, positional_after_star=False)
        found.append(ImplementationCall(call, spec, via, *arguments))
    return found


def contract_objects(index: ModuleIndex, profiles: tuple[Profile, ...]) -> dict[int, str]:
    """``id(call)`` -> contract object name, for every call building a contract object of any
    enabled profile (``ClientCredential(...)``, ``AuthorizationServer(...)``)."""
    found: dict[int, str] = {}
    for profile in profiles:
        for call in object_calls(index, profile, profiles):
            found.setdefault(id(call.call), call.spec.name)
    return found
