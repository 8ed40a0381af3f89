"""One walk over a parsed platform module, collecting what the rules ask about.

The index holds libcst nodes, not positions: positions are computed only for nodes that are
reported (see :class:`devcreds_lint.context.PlatformContext`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst


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
    # Module-level NAME = "literal" (only plain string literals).
    constants: dict[str, cst.SimpleString | cst.ConcatenatedString] = field(default_factory=dict)
    # Every name bound anywhere (imports, defs, classes, assignment targets, ...).
    bindings: set[str] = field(default_factory=set)
    # Names bound at module level by anything other than def (assignment, import, ...).
    module_assigned: set[str] = field(default_factory=set)
    from_imports: list[ImportedName] = field(default_factory=list)
    import_froms: list[cst.ImportFrom] = field(default_factory=list)
    star_import: bool = False
    calls: list[cst.Call] = field(default_factory=list)
    # Name nodes in load position whose value is watched (contract names, hook names).
    name_uses: dict[str, list[cst.Name]] = field(default_factory=dict)
    # Statements at the top of the module (for placing new imports).
    body: tuple[cst.BaseStatement | cst.BaseSmallStatement, ...] = ()

    def imported(self, bound: str) -> ImportedName | None:
        return next((i for i in self.from_imports if i.bound == bound), None)


class _Indexer(cst.CSTVisitor):
    def __init__(self, index: ModuleIndex) -> None:
        self.index = index
        self.depth: list[str] = []  # "class" / "function" scopes we are inside
        self.skip_names: set[int] = set()

    # Scopes -------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.index.bindings.add(node.name.value)
        self.skip_names.add(id(node.name))
        if self.depth:
            self.index.nested_functions.append((node, self.depth[-1]))
        else:
            self.index.functions.setdefault(node.name.value, []).append(node)
        self.depth.append("function")

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.depth.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.index.bindings.add(node.name.value)
        self.skip_names.add(id(node.name))
        if not self.depth:
            self.index.classes[node.name.value] = [
                dotted_name(arg.value) or "" for arg in node.bases if arg.keyword is None
            ]
            self.index.module_assigned.add(node.name.value)
        self.depth.append("class")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.depth.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.depth.append("function")

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.depth.pop()

    # Bindings -------------------------------------------------------------
    def visit_Param(self, node: cst.Param) -> None:
        self.index.bindings.add(node.name.value)
        self.skip_names.add(id(node.name))

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            bound = alias.evaluated_alias or alias.evaluated_name.split(".")[0]
            self.index.bindings.add(bound)
            if not self.depth:
                self.index.module_assigned.add(bound)
        return None

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        self.index.import_froms.append(node)
        if isinstance(node.names, cst.ImportStar):
            self.index.star_import = True
            return False
        source = module_name(node.module)
        for alias in node.names:
            original = alias.evaluated_name
            bound = alias.evaluated_alias or original
            self.index.bindings.add(bound)
            if not self.depth:
                self.index.module_assigned.add(bound)
            self.index.from_imports.append(
                ImportedName(bound, original, source, len(node.relative), node, alias)
            )
        return False

    def visit_AsName(self, node: cst.AsName) -> None:
        if isinstance(node.name, cst.Name):
            self.index.bindings.add(node.name.value)

    def _bind_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.index.bindings.add(target.value)
            if not self.depth:
                self.index.module_assigned.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind_target(target.target)
        if not self.depth and len(node.targets) == 1:
            self._maybe_constant(node.targets[0].target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind_target(node.target)
        if not self.depth and node.value is not None:
            self._maybe_constant(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_target(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_target(node.target)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.index.bindings.add(item.name.value)

    def _maybe_constant(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name) and isinstance(
            value, (cst.SimpleString, cst.ConcatenatedString)
        ):
            self.index.constants[target.value] = value

    # Uses -------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        self.index.calls.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.skip_names.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.skip_names.add(id(node.keyword))

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) not in self.skip_names:
            self.index.name_uses.setdefault(node.value, []).append(node)


def build_index(module: cst.Module) -> ModuleIndex:
    index = ModuleIndex(body=tuple(module.body))
    module.visit(_Indexer(index))
    return index
