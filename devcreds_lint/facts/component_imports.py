"""Imports of names a credential component does not define (DC403), and the names their fix
would bind (which DC401 then leaves alone: one root cause, one finding).

What a component defines is data (``Profile.component_names``, generated from Home
Assistant's own module for ``application_credentials``). An import counts when it is
``from <component> import X`` (absolute, not a sub-module), runs unconditionally as far as the
code says (not inside ``try``, whose handler shows the author expects it may fail, nor under
``if TYPE_CHECKING``, which never runs), and ``X`` is no name of the component and no dunder
every module has.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import libcst as cst

from devcreds_lint.contracts import Profile
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.tree import ImportedName, dotted_name
from devcreds_lint.naming import near_miss
from devcreds_lint.parsing.walk import children


@dataclass(frozen=True)
class UnknownImport:
    """``from <component> import <name>`` where the component defines no ``name``."""

    imported: ImportedName
    defined: frozenset[str]
    # The one near miss (docs/spec.md §2) among the defined names: what the fix renames to.
    near: str | None
    # The most similar defined name, for the message (may be no near miss).
    closest: str | None
    # Whether the import runs at module level (a fix renames the module-level binding).
    module_level: bool

    @property
    def name(self) -> str:
        return self.imported.original

    @property
    def component(self) -> str:
        return self.imported.module


def component_tables(profiles: tuple[Profile, ...]) -> dict[str, frozenset[str]]:
    """Component module -> the names it defines, for the profiles where that is known."""
    tables: dict[str, frozenset[str]] = {}
    for profile in profiles:
        if profile.component_names is not None:
            tables[profile.component] = tables.get(profile.component, frozenset()) | (
                profile.component_names
            )
    return tables


def _is_type_checking(test: cst.BaseExpression) -> bool:
    name = dotted_name(test)
    return name is not None and name.rsplit(".", 1)[-1] == "TYPE_CHECKING"


def _placed_imports(module: cst.Module) -> tuple[set[int], set[int]]:
    """(ids of ``from`` imports that run at module level, ids of guarded ones)."""
    top: set[int] = set()
    guarded: set[int] = set()
    # (node, at module level, guarded)
    stack: list[tuple[cst.CSTNode, bool, bool]] = [(module, True, False)]
    while stack:
        node, level, guard = stack.pop()
        if isinstance(node, cst.ImportFrom):
            if level:
                top.add(id(node))
            if guard:
                guarded.add(id(node))
            continue
        inner_level = level and not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))
        if isinstance(node, (cst.Try, cst.TryStar)):
            stack.append((node.body, inner_level, True))
            rest = [c for c in children(node) if c is not node.body]
            stack.extend((c, inner_level, guard) for c in rest)
            continue
        if isinstance(node, cst.If) and _is_type_checking(node.test):
            stack.append((node.body, inner_level, True))
            if node.orelse is not None:
                stack.append((node.orelse, inner_level, guard))
            continue
        stack.extend((c, inner_level, guard) for c in children(node))
    return top, guarded


# Below this similarity a "closest name" misleads more than it helps: `DATA_STORAGE` (renamed
# `DATA_COMPONENT` by Home Assistant) is 0.61 from `STORAGE_KEY`, an unrelated constant.
_CLOSEST_CUTOFF = 0.65


def _closest(name: str, defined: frozenset[str]) -> str | None:
    # Suggest public names unless the import itself names a private one.
    pool = sorted(n for n in defined if name.startswith("_") or not n.startswith("_"))
    found = difflib.get_close_matches(name, pool, n=1, cutoff=_CLOSEST_CUTOFF)
    return found[0] if found else None


def unknown_imports(
    module: ModuleFacts, profiles: tuple[Profile, ...], *, platform: bool
) -> list[UnknownImport]:
    """The unknown component imports of ``module``. In a platform module (``platform``), a
    contract name with a home of its own is left to DC402, which names the right module."""
    if module.module is None or not module.index.from_imports:
        return []
    tables = component_tables(profiles)
    candidates = [
        i
        for i in module.index.from_imports
        if not i.level and i.module in tables and i.original not in tables[i.module]
    ]
    if not candidates:
        return []
    top, guarded = _placed_imports(module.module)
    found: list[UnknownImport] = []
    for imported in candidates:
        name = imported.original
        if name.startswith("__") and name.endswith("__"):
            continue  # __name__, __file__, ...: every module has them
        if id(imported.statement) in guarded:
            continue
        if platform and module.profile.home_of(name) is not None:
            continue  # DC402: imported from another module than its home
        defined = tables[imported.module]
        found.append(
            UnknownImport(
                imported,
                defined,
                near_miss(name, defined),
                _closest(name, defined),
                id(imported.statement) in top,
            )
        )
    return found


def names_bound_by_fixes(module: ModuleFacts, profiles: tuple[Profile, ...]) -> frozenset[str]:
    """Names that DC403's fix would bind in a platform module (``from c import Nmae`` renamed
    to ``Name``): a use of ``Name`` with no import is that one slip, not a second finding."""
    return frozenset(
        u.near
        for u in unknown_imports(module, profiles, platform=True)
        if u.near is not None and u.imported.alias.asname is None
    )
