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
from typing import cast

from devcreds_lint.contracts import IMPLEMENTATION_LOOKUP, OAUTH2_FLOW
from devcreds_lint.facts.flows import Known, dotted, is_known_module
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
        node.lineno for node in _unguarded_calls(tree) if _is_lookup(node.func, modules, functions)
    ]
    return Lookup(Known.YES, min(lines)) if lines else Lookup(Known.NO)


# What a set-up catches when the lookup fails: Home Assistant raises UnknownImplementationError
# (a ConfigEntryAuthFailed and a ValueError; ValueError itself before 2025) or, while a
# provider is down, ImplementationUnavailableError. A set-up that catches one may go on
# without (building the implementation itself): the lookup is then no certain failure.
_CAUGHT = frozenset(
    {
        "ValueError",
        "UnknownImplementationError",
        "ImplementationUnavailableError",
        "ConfigEntryAuthFailed",
        "ConfigEntryNotReady",
        "ConfigEntryError",
        "HomeAssistantError",
        "Exception",
        "BaseException",
    }
)


def _catches(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True  # a bare except
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = [t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", None) for t in types]
    return any(n in _CAUGHT or n is None for n in names)


def _suppresses(node: ast.With | ast.AsyncWith) -> bool:
    """``with contextlib.suppress(ValueError):`` and the like."""
    for item in node.items:
        call = item.context_expr
        if isinstance(call, ast.Call):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "suppress":
                return True
    return False


def _unguarded_calls(tree: ast.Module) -> list[ast.Call]:
    """Every call that no ``try`` catching a failed lookup, nor ``suppress``, encloses."""
    calls: list[ast.Call] = []
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, guarded = stack.pop()
        if isinstance(node, ast.Call) and not guarded:
            calls.append(node)
        if isinstance(node, ast.Try) or type(node).__name__ == "TryStar":  # 3.11's except*
            block = cast(ast.Try, node)
            inner = guarded or any(_catches(h) for h in block.handlers)
            stack.extend((child, inner) for child in block.body)
            stack.extend((child, guarded) for child in (*block.handlers, *block.orelse))
            stack.extend((child, guarded) for child in block.finalbody)
            continue
        if isinstance(node, (ast.With, ast.AsyncWith)) and _suppresses(node):
            stack.extend((child, True) for child in node.body)
            stack.extend((item, guarded) for item in node.items)
            continue
        stack.extend((child, guarded) for child in ast.iter_child_nodes(node))
    return calls


def hands_hass_to_a_package(text: str) -> Known:
    """Whether a module passes ``hass`` to a function of a third-party package (neither
    Home Assistant's, the standard library's nor the integration's own): such a helper may
    register an implementation, which cannot be seen (YES). UNKNOWN when the module does not
    parse."""
    if "hass" not in text:
        return Known.NO
    tree = parse_structure(text)
    if tree is None:
        return Known.UNKNOWN
    foreign: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and _is_foreign(node.module or ""):
            foreign.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            foreign.update(
                a.asname or a.name.split(".")[0] for a in node.names if _is_foreign(a.name)
            )
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if (dotted(node.func) or "").split(".")[0] not in foreign:
            continue
        arguments = [*node.args, *(k.value for k in node.keywords)]
        if any(_is_hass(a) for a in arguments):
            return Known.YES
    return Known.NO


def _is_foreign(module: str) -> bool:
    """A third-party package: neither Home Assistant, the standard library nor the
    integration itself (``custom_components.<domain>``)."""
    top = module.split(".")[0]
    return bool(top) and top != "custom_components" and not is_known_module(module, 0)


def _is_hass(node: ast.expr) -> bool:
    if isinstance(node, ast.Starred):
        node = node.value
    return (isinstance(node, ast.Name) and node.id == "hass") or (
        isinstance(node, ast.Attribute) and node.attr == "hass"
    )


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
    return dotted(owner) == OAUTH2_FLOW  # homeassistant.helpers.config_entry_oauth2_flow.x
