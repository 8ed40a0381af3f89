"""Which occurrences of a name are its module-level binding (for DC202's rename).

Python's scopes are static. A name bound anywhere in a function (assignment, augmented or
annotated assignment, parameter, import, ``for``/``with`` target, ``except ... as``, ``del``, a
``match`` capture, a walrus) is that function's local unless the function declares it
``global`` (the module's again) or ``nonlocal``. A free name is looked up in the enclosing
functions, never in an enclosing class body, and then at module level. Comprehensions are
scopes of their own (their first iterable is evaluated outside them), and a walrus inside one
binds in the nearest enclosing function or module. A name a class body binds is left to the
class: which of its uses read the module's binding depends on statement order, and a safe
rename must not touch the class's binding.

This is one walk with an explicit stack (trees may be deep), run only for a module with a
misspelled hook. libcst's ``ScopeProvider`` would need a ``MetadataWrapper`` pass over the
module and resolves ``del``, ``match`` captures, a walrus in a comprehension and a use before
a local assignment differently from Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.parsing.walk import children

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


@dataclass(eq=False)
class _Scope:
    """One scope, as far as the one name being resolved is concerned."""

    kind: str  # "module", "function", "class" or "comprehension"
    parent: _Scope | None = None
    binds: bool = False
    declared_global: bool = False
    declared_nonlocal: bool = False
    names: list[cst.Name] = field(default_factory=list)

    def sees_module_binding(self) -> bool:
        """Whether the name, used in this scope, is the module-level binding."""
        if self.kind == "module" or self.declared_global:
            return True
        if self.binds or self.declared_nonlocal:
            return False
        outer = self.parent
        while outer is not None:
            if outer.kind == "class":  # class bodies do not enclose nested scopes
                outer = outer.parent
                continue
            if outer.kind == "module" or outer.declared_global:
                return True
            if outer.binds or outer.declared_nonlocal:
                return False
            outer = outer.parent
        return True


@dataclass(frozen=True)
class ModuleReferences:
    """The occurrences of a name that are its module-level binding."""

    # Name nodes (uses, assignment targets, ``del``) that resolve to the module's binding.
    names: frozenset[int]
    # The name in ``global`` statements (always the module's binding).
    declarations: tuple[cst.Name, ...]

    def includes(self, node: cst.Name) -> bool:
        return id(node) in self.names


# (node, its scope, whether the node is a binding target)
_Item = tuple[cst.CSTNode, _Scope, bool]


class _Resolver:
    def __init__(self, name: str) -> None:
        self.name = name
        self.scopes: list[_Scope] = []
        self.declarations: list[cst.Name] = []

    def scope(self, kind: str, parent: _Scope | None) -> _Scope:
        made = _Scope(kind, parent)
        self.scopes.append(made)
        return made

    def run(self, module: cst.Module) -> ModuleReferences:
        stack: list[_Item] = [(module, self.scope("module", None), False)]
        while stack:
            node, scope, target = stack.pop()
            later = self._target(node, scope) if target else self._visit(node, scope)
            stack.extend(reversed(later))
        found = frozenset(
            id(node) for scope in self.scopes if scope.sees_module_binding() for node in scope.names
        )
        return ModuleReferences(found, tuple(self.declarations))

    def _bind(self, name: cst.Name | None, scope: _Scope) -> None:
        if name is not None and name.value == self.name:
            scope.binds = True
            scope.names.append(name)

    def _target(self, node: cst.CSTNode, scope: _Scope) -> list[_Item]:
        """A binding target: names in it are bound in ``scope``."""
        if isinstance(node, cst.Name):
            self._bind(node, scope)
            return []
        if isinstance(node, (cst.Tuple, cst.List)):
            return [(element.value, scope, True) for element in node.elements]
        if isinstance(node, cst.StarredElement):
            return [(node.value, scope, True)]
        return [(node, scope, False)]  # an attribute or subscript: its names are uses

    def _visit(self, node: cst.CSTNode, scope: _Scope) -> list[_Item]:
        name = self.name
        if isinstance(node, cst.Name):
            if node.value == name:
                scope.names.append(node)
            return []
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            return self._function(node, scope)
        if isinstance(node, cst.ClassDef):
            self._bind(node.name, scope)
            outside: list[cst.CSTNode] = [d.decorator for d in node.decorators]
            outside += [arg.value for arg in (*node.bases, *node.keywords)]
            return [
                *((n, scope, False) for n in outside),
                (node.body, self.scope("class", scope), False),
            ]
        if isinstance(node, _COMPREHENSIONS):
            return self._comprehension(node, scope)
        if isinstance(node, cst.NamedExpr):
            owner = scope
            while owner.kind == "comprehension" and owner.parent is not None:
                owner = owner.parent
            return [(node.target, owner, True), (node.value, scope, False)]
        if isinstance(node, cst.Assign):
            return [*((t.target, scope, True) for t in node.targets), (node.value, scope, False)]
        if isinstance(node, (cst.AnnAssign, cst.AugAssign)):
            rest = [n for n in children(node) if n is not node.target]
            return [(node.target, scope, True), *((n, scope, False) for n in rest)]
        if isinstance(node, cst.For):
            rest = [n for n in children(node) if n is not node.target]
            return [(node.target, scope, True), *((n, scope, False) for n in rest)]
        if isinstance(node, cst.WithItem):
            found: list[_Item] = [(node.item, scope, False)]
            if node.asname is not None:
                found.append((node.asname.name, scope, True))
            return found
        if isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
            found = [(node.type, scope, False)] if node.type is not None else []
            if node.name is not None:
                found.append((node.name.name, scope, True))
            return [*found, (node.body, scope, False)]
        if isinstance(node, cst.Del):
            return [(node.target, scope, True)]
        if isinstance(node, (cst.Import, cst.ImportFrom)):
            self._import(node, scope)
            return []
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            for item in node.names:
                if item.name.value == name:
                    if isinstance(node, cst.Global):
                        scope.declared_global = True
                        self.declarations.append(item.name)
                    else:
                        scope.declared_nonlocal = True
            return []
        if isinstance(node, (cst.Attribute, cst.Arg)):
            return [(node.value, scope, False)]  # not the attribute name, not the keyword
        if isinstance(node, cst.MatchKeywordElement):
            return [(node.pattern, scope, False)]  # the key is an attribute name
        if isinstance(node, cst.MatchStar):
            self._bind(node.name, scope)
            return []
        if isinstance(node, cst.MatchAs):
            self._bind(node.name, scope)
            return [(node.pattern, scope, False)] if node.pattern is not None else []
        if isinstance(node, cst.MatchMapping):
            self._bind(node.rest, scope)
            return [(n, scope, False) for n in node.elements]
        if isinstance(node, cst.TypeAlias):
            self._bind(node.name, scope)
            return [(node.value, scope, False)]
        return [(child, scope, False) for child in children(node)]

    def _function(self, node: cst.FunctionDef | cst.Lambda, scope: _Scope) -> list[_Item]:
        """Decorators, defaults and annotations are evaluated outside; the body inside."""
        inner = self.scope("function", scope)
        outside: list[cst.CSTNode] = []
        if isinstance(node, cst.FunctionDef):
            self._bind(node.name, scope)
            outside += [d.decorator for d in node.decorators]
            if node.returns is not None:
                outside.append(node.returns.annotation)
        parameters = node.params
        params = [*parameters.posonly_params, *parameters.params, *parameters.kwonly_params]
        for extra in (parameters.star_arg, parameters.star_kwarg):
            if isinstance(extra, cst.Param):
                params.append(extra)
        for param in params:
            if param.name.value == self.name:
                inner.binds = True
            if param.annotation is not None:
                outside.append(param.annotation.annotation)
            if param.default is not None:
                outside.append(param.default)
        return [*((n, scope, False) for n in outside), (node.body, inner, False)]

    def _comprehension(
        self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp, scope: _Scope
    ) -> list[_Item]:
        """The first iterable is evaluated outside; targets, conditions and the rest inside."""
        inner = self.scope("comprehension", scope)
        found: list[_Item] = [(node.for_in.iter, scope, False)]
        clause: cst.CompFor | None = node.for_in
        while clause is not None:
            found.append((clause.target, inner, True))
            if clause is not node.for_in:
                found.append((clause.iter, inner, False))
            found += [(condition.test, inner, False) for condition in clause.ifs]
            clause = clause.inner_for_in
        if isinstance(node, cst.DictComp):
            found += [(node.key, inner, False), (node.value, inner, False)]
        else:
            found.append((node.elt, inner, False))
        return found

    def _import(self, node: cst.Import | cst.ImportFrom, scope: _Scope) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            if alias.asname is not None:
                bound = alias.evaluated_alias
            elif isinstance(node, cst.Import):
                bound = alias.evaluated_name.split(".")[0]
            else:
                bound = alias.evaluated_name
            if bound == self.name:
                scope.binds = True


def module_references(module: cst.Module, name: str) -> ModuleReferences:
    """The occurrences of ``name`` in ``module`` that are its module-level binding."""
    return _Resolver(name).run(module)


def module_level_uses(module: ModuleFacts, name: str) -> list[cst.Name]:
    """The uses of ``name`` (as the module index lists them) that resolve to its module-level
    binding, then the ``global`` statements that declare it: what renaming the module-level
    binding must change, and nothing another scope binds."""
    assert module.module is not None
    references = module_references(module.module, name)
    uses = [use for use in module.index.name_uses.get(name, []) if references.includes(use)]
    return [*uses, *references.declarations]
