"""One walk over a parsed platform module, collecting what the rules ask about.

The index holds libcst nodes, not positions: positions are computed only for nodes that are
reported (see :class:`devcreds_lint.context.ModuleFacts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from devcreds_lint.parsing.walk import children


def dotted_name(node: cst.BaseExpression | None) -> str | None:
    """``a.b.C`` for a Name/Attribute chain, else None."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def module_name(node: cst.BaseExpression | None) -> str:
    return dotted_name(node) or ""


def last_part(name: str) -> str:
    return name.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class ImportedName:
    """``from <module> import <original> as <bound>`` (``level`` counts leading dots)."""

    bound: str
    original: str
    module: str
    level: int
    statement: cst.ImportFrom
    alias: cst.ImportAlias


@dataclass
class ModuleIndex:
    # Module-level functions (also inside module-level if/try/with), by name, in order.
    functions: dict[str, list[cst.FunctionDef]] = field(default_factory=dict)
    # Functions defined inside a class or function: (node, "class" | "function").
    nested_functions: list[tuple[cst.FunctionDef, str]] = field(default_factory=list)
    # Module-level classes: name -> dotted base names ("" for a base we cannot name).
    classes: dict[str, list[str]] = field(default_factory=dict)
    # Module-level NAME = <string>: a literal, an f-string or a `+` of parts (the parts are
    # resolved, or not, by facts/values.py).
    constants: dict[str, cst.BaseExpression] = field(default_factory=dict)
    # Names bound more than once at module level, or bound in a function or class too (a
    # parameter, a local, `global`): their value is not certain anywhere.
    rebound: set[str] = field(default_factory=set)
    # Every name bound anywhere (imports, defs, classes, assignment targets, ...).
    bindings: set[str] = field(default_factory=set)
    # Names bound at module level by anything other than def (assignment, import, ...).
    module_assigned: set[str] = field(default_factory=set)
    from_imports: list[ImportedName] = field(default_factory=list)
    star_import: bool = False
    calls: list[cst.Call] = field(default_factory=list)
    # Name nodes in load position whose value is watched (contract names, hook names).
    name_uses: dict[str, list[cst.Name]] = field(default_factory=dict)
    # Statements at the top of the module (for placing new imports).

    def imported(self, bound: str) -> ImportedName | None:
        return next((i for i in self.from_imports if i.bound == bound), None)


_TARGET_HOLDERS = frozenset({cst.AugAssign, cst.NamedExpr, cst.For, cst.CompFor})


class _Indexer:
    def __init__(self, index: ModuleIndex) -> None:
        self.index = index

    def run(self, module: cst.Module) -> None:
        # (node, scope) with scope "" at module level, else "class"/"function".
        stack: list[tuple[cst.CSTNode, str]] = [(module, "")]
        while stack:
            node, scope = stack.pop()
            kids = self._visit(node, scope)
            if kids is None:
                continue
            inner, nodes = kids
            stack.extend((child, inner) for child in reversed(nodes))

    def _visit(self, node: cst.CSTNode, scope: str) -> tuple[str, list[cst.CSTNode]] | None:
        index = self.index
        # Exact type checks: isinstance() against libcst's ABC-based classes is slow, and
        # these node classes are never subclassed.
        if type(node) is cst.Name:
            index.name_uses.setdefault(node.value, []).append(node)
            return None
        if type(node) is cst.Call:
            index.calls.append(node)
        elif type(node) is cst.Attribute or type(node) is cst.Arg:
            return scope, [node.value]
        elif type(node) is cst.FunctionDef:
            index.bindings.add(node.name.value)
            if scope:
                index.nested_functions.append((node, scope))
            else:
                index.functions.setdefault(node.name.value, []).append(node)
            parts: list[cst.CSTNode] = [d.decorator for d in node.decorators]
            parts += [node.params]
            if node.returns is not None:
                parts.append(node.returns)
            return "function", [*parts, node.body]
        elif type(node) is cst.ClassDef:
            index.bindings.add(node.name.value)
            if not scope:
                index.classes[node.name.value] = [
                    dotted_name(arg.value) or "" for arg in node.bases if arg.keyword is None
                ]
                index.module_assigned.add(node.name.value)
            parts = [d.decorator for d in node.decorators]
            parts += [a.value for a in (*node.bases, *node.keywords)]
            return "class", [*parts, node.body]
        elif type(node) is cst.Lambda:
            return "function", children(node)
        elif type(node) is cst.Param:
            index.bindings.add(node.name.value)
            index.rebound.add(node.name.value)
            return scope, [n for n in (node.annotation, node.default) if n is not None]
        elif type(node) is cst.Import:
            for alias in node.names:
                bound = alias.evaluated_alias or alias.evaluated_name.split(".")[0]
                index.bindings.add(bound)
                if not scope:
                    index.module_assigned.add(bound)
            return None
        elif type(node) is cst.ImportFrom:
            self._import_from(node, scope)
            return None
        elif type(node) is cst.Assign:
            for target in node.targets:
                self._bind_target(target.target, scope)
            if not scope and len(node.targets) == 1:
                self._maybe_constant(node.targets[0].target, node.value)
        elif type(node) is cst.AnnAssign:
            self._bind_target(node.target, scope)
            if not scope and node.value is not None:
                self._maybe_constant(node.target, node.value)
        elif type(node) in _TARGET_HOLDERS:
            self._bind_target(node.target, scope)  # type: ignore[attr-defined]
        elif type(node) is cst.AsName:
            if isinstance(node.name, cst.Name):
                index.bindings.add(node.name.value)
                index.rebound.add(node.name.value)
        elif type(node) is cst.Global:
            for item in node.names:
                index.bindings.add(item.name.value)
                index.rebound.add(item.name.value)
            return None
        return scope, children(node)

    def _import_from(self, node: cst.ImportFrom, scope: str) -> None:
        index = self.index
        if isinstance(node.names, cst.ImportStar):
            index.star_import = True
            return
        source = module_name(node.module)
        for alias in node.names:
            original = alias.evaluated_name
            bound = alias.evaluated_alias or original
            index.bindings.add(bound)
            if not scope:
                if bound in index.module_assigned:
                    index.rebound.add(bound)  # bound twice at module level
                index.module_assigned.add(bound)
            index.from_imports.append(
                ImportedName(bound, original, source, len(node.relative), node, alias)
            )

    def _bind_target(self, target: cst.BaseExpression, scope: str) -> None:
        if isinstance(target, cst.Name):
            self.index.bindings.add(target.value)
            if scope or target.value in self.index.module_assigned:
                self.index.rebound.add(target.value)
            if not scope:
                self.index.module_assigned.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value, scope)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, scope)

    def _maybe_constant(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if not isinstance(target, cst.Name):
            return
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)) or (
            isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add)
        ):
            self.index.constants[target.value] = value


def build_index(module: cst.Module) -> ModuleIndex:
    index = ModuleIndex()
    _Indexer(index).run(module)
    return index
