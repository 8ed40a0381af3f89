"""Where an integration asks Home Assistant for its config entry's OAuth2 implementation
(DC607).

``config_entry_oauth2_flow.async_get_config_entry_implementation(hass, entry)`` looks the
entry's ``auth_implementation`` up among the implementations registered for the domain and the
ones the credentials component offers through the platform module; it raises when neither
holds it. An integration that calls it, has no platform module and registers nothing fails to
set up, whatever its config flow does.

Only Home Assistant's function counts: called through the helper module
(``config_entry_oauth2_flow.async_get_config_entry_implementation``, under any alias, or the
module's full dotted name) or imported from it by name. A function of the same name that
the integration defines itself is not the lookup (it may build the implementation).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from devcreds_lint.contracts import IMPLEMENTATION_LOOKUP, OAUTH2_FLOW
from devcreds_lint.facts.flows import Known
from devcreds_lint.facts.python_ast import parse_structure

_HELPERS, _, _MODULE = OAUTH2_FLOW.rpartition(".")


@dataclass(frozen=True)
class Lookup:
    """``known``: whether the module calls the lookup (UNKNOWN: it names it and does not
    parse); ``line``: the 1-based line of the first call, when YES."""

    known: Known
    line: int | None = None


def implementation_lookup(text: str) -> Lookup:
    """The first call of Home Assistant's ``async_get_config_entry_implementation`` in a
    module (a byte search first: most modules never name it)."""
    if IMPLEMENTATION_LOOKUP not in text:
        return Lookup(Known.NO)
    tree = parse_structure(text)
    if tree is None:
        return Lookup(Known.UNKNOWN)
    modules, functions = _bindings(tree)
    lines = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_lookup(node.func, modules, functions)
    ]
    return Lookup(Known.YES, min(lines)) if lines else Lookup(Known.NO)


def _bindings(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names bound to the helper module, names bound to the lookup function) by the
    module's imports, wherever they are written."""
    modules: set[str] = set()
    functions: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level:
            for alias in node.names:
                if node.module == _HELPERS and alias.name == _MODULE:
                    modules.add(alias.asname or alias.name)
                elif node.module == OAUTH2_FLOW and alias.name == IMPLEMENTATION_LOOKUP:
                    functions.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == OAUTH2_FLOW and alias.asname:
                    modules.add(alias.asname)
    return modules, functions


def _is_lookup(func: ast.expr, modules: set[str], functions: set[str]) -> bool:
    if isinstance(func, ast.Name):
        return func.id in functions
    if not isinstance(func, ast.Attribute) or func.attr != IMPLEMENTATION_LOOKUP:
        return False
    owner = func.value
    if isinstance(owner, ast.Name):
        return owner.id in modules
    return _dotted(owner) == OAUTH2_FLOW  # homeassistant.helpers.config_entry_oauth2_flow.x


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head is not None else None
    return None
