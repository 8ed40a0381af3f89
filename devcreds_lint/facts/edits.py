"""Building text edits for fixes: replacing nodes, deleting ranges, adding imports.

Edits are plain text ranges (like Ruff's), so the CLI, the JSON output and the language server
all speak the same thing, and applying them never re-generates code a fix did not touch.
"""

from __future__ import annotations

import libcst as cst

from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.tree import module_name
from devcreds_lint.model import Edit, Location


def replace_node(module: ModuleFacts, node: cst.CSTNode, text: str) -> Edit:
    start, end = module.range(node)
    return Edit(start, end, text)


def insert_at(loc: Location, text: str) -> Edit:
    return Edit(loc, loc, text)


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _import_of(stmt: cst.CSTNode) -> cst.Import | cst.ImportFrom | None:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        small = stmt.body[0]
        if isinstance(small, (cst.Import, cst.ImportFrom)):
            return small
    return None


def _sort_key(node: cst.Import | cst.ImportFrom) -> tuple[int, str]:
    if isinstance(node, cst.ImportFrom):
        return (len(node.relative), module_name(node.module))
    return (0, module_name(node.names[0].name))


def add_import(module: ModuleFacts, name: str, source: str) -> Edit | None:
    """An edit that makes ``from source import name`` available, or None if it cannot.

    Merged into an existing ``from source import ...`` when there is one; otherwise a new line
    in the top import block at its sorted place, or after the docstring and ``__future__``
    imports when the module has no imports.
    """
    mod = module.module
    if mod is None:
        return None
    top: list[tuple[cst.SimpleStatementLine, cst.Import | cst.ImportFrom]] = []
    anchor: cst.CSTNode | None = None  # last docstring / __future__ statement
    for stmt in mod.body:
        imp = _import_of(stmt)
        if imp is None:
            if not top and anchor is None and _is_docstring(stmt):
                anchor = stmt
                continue
            break
        assert isinstance(stmt, cst.SimpleStatementLine)
        if isinstance(imp, cst.ImportFrom) and module_name(imp.module) == "__future__":
            anchor = stmt
            continue
        top.append((stmt, imp))
    for _stmt, imp in top:
        if (
            isinstance(imp, cst.ImportFrom)
            and not imp.relative
            and module_name(imp.module) == source
            and not isinstance(imp.names, cst.ImportStar)
        ):
            return _merge(module, imp, name)
    nl = module.newline
    line = f"from {source} import {name}{nl}"
    key = (0, source)
    for stmt, imp in top:
        if _sort_key(imp) > key:
            return insert_at(Location(module.start(stmt).row, 1), line)
    if top:
        return insert_at(Location(module.end(top[-1][0]).row + 1, 1), line)
    if anchor is not None:
        return insert_at(Location(module.end(anchor).row + 1, 1), nl + line)
    first = mod.body[0] if mod.body else None
    # PEP 8: two blank lines before a top-level function or class.
    gap = nl * 2 if isinstance(first, (cst.FunctionDef, cst.ClassDef)) else nl
    return insert_at(Location(1, 1), line + gap)


def _merge(module: ModuleFacts, imp: cst.ImportFrom, name: str) -> Edit:
    assert module.module is not None and not isinstance(imp.names, cst.ImportStar)
    names = list(imp.names)
    last = names[-1]
    trailing = last.comma
    if isinstance(trailing, cst.Comma) and len(names) > 1:
        names[-1] = last.with_changes(comma=names[-2].comma)
        new = cst.ImportAlias(name=cst.Name(name), comma=trailing)
    else:
        names[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        new = cst.ImportAlias(name=cst.Name(name), comma=trailing)
    updated = imp.with_changes(names=[*names, new])
    return replace_node(module, imp, module.module.code_for_node(updated))


def type_reference(module: ModuleFacts, name: str, home: str | None) -> tuple[str, Edit | None]:
    """How to spell ``name`` in this module, and the import edit that spelling needs.

    An imported or defined ``name`` is used as is; when the home module itself is imported
    (``from homeassistant.helpers import config_entry_oauth2_flow``) the dotted form is used.
    """
    index = module.index
    if name in index.bindings or home is None:
        return name, None
    parent, _, last = home.rpartition(".")
    imported = index.imported(last)
    if imported is not None and imported.module == parent and imported.original == last:
        return f"{imported.bound}.{name}", None
    return name, add_import(module, name, home)
