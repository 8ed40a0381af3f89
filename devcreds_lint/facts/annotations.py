"""Whether an annotation is the contract's type: YES, NO, or UNKNOWN when it cannot be known
(a name from a third-party package, a class whose bases cannot be followed)."""

from __future__ import annotations

from enum import Enum

import libcst as cst

from devcreds_lint.contracts import Profile, TypeSpec
from devcreds_lint.facts.tree import ModuleIndex, dotted_name, last_part
from devcreds_lint.parsing.parse import ParseFailure, parse_expression


class Match(str, Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


BUILTIN_TYPES = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "list",
        "dict",
        "set",
        "tuple",
        "None",
        "complex",
        "List",
        "Dict",
        "Set",
        "Tuple",
    }
)
PERMISSIVE = frozenset({"Any", "object"})


def _annotation_name(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        return value.strip() if isinstance(value, str) else None
    return dotted_name(expr)


def annotation_matches(
    expr: cst.BaseExpression, spec: TypeSpec, index: ModuleIndex, profiles: tuple[Profile, ...]
) -> Match:
    """Whether an annotation is the contract's type; UNKNOWN when that cannot be known."""
    if spec.generic:
        return _generic_matches(expr, spec)
    name = _annotation_name(expr)
    if name is None:
        return Match.UNKNOWN
    last = last_part(name)
    if last in spec.names:
        return Match.YES
    if last in PERMISSIVE:
        return Match.UNKNOWN
    if spec.local_bases and last in index.classes:
        return _local_class_matches(last, spec.local_bases, index)
    contract = {n for p in profiles for n, _ in p.names}
    if last in BUILTIN_TYPES or (last in contract and last not in spec.local_bases):
        return Match.NO
    return Match.UNKNOWN


def _local_class_matches(name: str, bases: tuple[str, ...], index: ModuleIndex) -> Match:
    seen: set[str] = set()
    todo = [name]
    unknown = False
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for base in index.classes.get(current, []):
            base_last = last_part(base) if base else ""
            if base_last in bases:
                return Match.YES
            if base_last in index.classes:
                todo.append(base_last)
            elif base_last not in {"object", "ABC"}:
                unknown = True
    return Match.UNKNOWN if unknown else Match.NO


def _generic_matches(expr: cst.BaseExpression, spec: TypeSpec) -> Match:
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        if not isinstance(value, str):
            return Match.UNKNOWN
        try:
            expr = parse_expression(value)  # guarded: deep nesting never reaches libcst
        except ParseFailure:
            return Match.UNKNOWN
    if isinstance(expr, cst.Subscript):
        container = dotted_name(expr.value)
        if container is None:
            return Match.UNKNOWN
        if last_part(container) not in spec.generic:
            return Match.NO if last_part(container) in BUILTIN_TYPES else Match.UNKNOWN
        args = [
            dotted_name(el.slice.value) if isinstance(el.slice, cst.Index) else None
            for el in expr.slice
        ]
        if any(a is None for a in args):
            return Match.UNKNOWN
        if tuple(last_part(a or "") for a in args) == spec.args:
            return Match.YES
        if all(last_part(a or "") in BUILTIN_TYPES | PERMISSIVE for a in args):
            return Match.NO
        return Match.UNKNOWN
    name = dotted_name(expr)
    if name is not None and last_part(name) in spec.generic:
        return Match.UNKNOWN  # a bare ``dict`` is compatible, only less precise
    if name is not None and last_part(name) in BUILTIN_TYPES:
        return Match.NO
    return Match.UNKNOWN
