"""Returns of a coroutine that is never awaited: ``return _build_server(hass)`` in a hook,
where ``_build_server`` is an ``async def`` of the same module (DC210, and DC203's fix, which
adds the ``await`` when it adds ``async``)."""

from __future__ import annotations

import libcst as cst

from devcreds_lint.facts.tree import ModuleIndex
from devcreds_lint.parsing.walk import walk


def _is_coroutine_function(index: ModuleIndex, name: str) -> bool:
    """A module-level ``async def`` defined once and bound to nothing else, that is no
    async generator (calling one of those gives no awaitable)."""
    defs = index.functions.get(name, [])
    if len(defs) != 1 or name in index.rebound or name in index.module_assigned:
        return False
    node = defs[0]
    if node.asynchronous is None:
        return False
    return not any(isinstance(n, cst.Yield) for n in walk(node.body, skip_nested=True))


def unawaited_returns(index: ModuleIndex, hook: cst.FunctionDef) -> list[cst.Call]:
    """The calls a hook returns without ``await`` that give a coroutine: calls by plain
    name of a coroutine function of the module (not in a nested function or class)."""
    found: list[cst.Call] = []
    for node in walk(hook.body, skip_nested=True):
        if not isinstance(node, cst.Return) or not isinstance(node.value, cst.Call):
            continue
        func = node.value.func
        if isinstance(func, cst.Name) and _is_coroutine_function(index, func.value):
            found.append(node.value)
    return found
