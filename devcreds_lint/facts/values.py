"""What a value is, when it can be known statically: a literal, or a constant followed to
its literal in the same module or the integration's ``const.py`` (docs/spec.md: constants are
followed where that is cheap and certain; anything else is unknown and no rule reports it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

import libcst as cst

from devcreds_lint.facts.tree import ModuleIndex


class ValueKind(str, Enum):
    STR = "str"
    OTHER = "other"


@dataclass(frozen=True)
class KnownValue:
    """A value known statically. ``literal`` is the string node in this module, for fixes."""

    kind: ValueKind
    type_name: str
    value: str | None
    literal: cst.SimpleString | None
    via: str | None  # the constant followed, for messages


_OTHER_LITERALS: dict[type[cst.CSTNode], str] = {
    cst.Integer: "int",
    cst.Float: "float",
    cst.Imaginary: "complex",
    cst.List: "list",
    cst.Dict: "dict",
    cst.Tuple: "tuple",
    cst.Set: "set",
    cst.ListComp: "list",
    cst.DictComp: "dict",
    cst.SetComp: "set",
}
_NAMED_CONSTANTS = {"None": "None", "True": "bool", "False": "bool"}


def _string_value(node: cst.BaseExpression) -> KnownValue | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        evaluated = node.evaluated_value
        if evaluated is None:
            return None  # an f-string part: not known
        if isinstance(evaluated, bytes):
            return KnownValue(ValueKind.OTHER, "bytes", None, None, None)
        literal = node if isinstance(node, cst.SimpleString) else None
        return KnownValue(ValueKind.STR, "str", evaluated, literal, None)
    return None


def resolve_value(
    expr: cst.BaseExpression, index: ModuleIndex, constants: Callable[[], Mapping[str, str]]
) -> KnownValue | None:
    """The value of ``expr`` when it is a literal or a followed constant, else None."""
    known = _string_value(expr)
    if known is not None:
        return known
    for node_type, type_name in _OTHER_LITERALS.items():
        if isinstance(expr, node_type):
            return KnownValue(ValueKind.OTHER, type_name, None, None, None)
    if isinstance(expr, cst.UnaryOperation) and isinstance(
        expr.expression, (cst.Integer, cst.Float)
    ):
        return KnownValue(ValueKind.OTHER, _OTHER_LITERALS[type(expr.expression)], None, None, None)
    if not isinstance(expr, cst.Name):
        return None
    if expr.value in _NAMED_CONSTANTS and expr.value not in index.bindings:
        return KnownValue(ValueKind.OTHER, _NAMED_CONSTANTS[expr.value], None, None, None)
    imported = index.imported(expr.value)
    if imported is None and expr.value in index.constants:
        followed = _string_value(index.constants[expr.value])
        if followed is not None and followed.kind is ValueKind.STR:
            return KnownValue(ValueKind.STR, "str", followed.value, followed.literal, expr.value)
        return None
    if imported is not None and imported.level == 1 and imported.module == "const":
        value = constants().get(imported.original)
        if value is not None:
            return KnownValue(ValueKind.STR, "str", value, None, f"const.{imported.original}")
    return None
