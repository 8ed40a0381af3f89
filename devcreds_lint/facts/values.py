"""What a value is, when it can be known statically: a literal, or a constant followed to
its literal in the same module or the integration's ``const.py``, or a string built only from
those (an f-string or a ``+`` concatenation). docs/spec.md: constants are followed where that
is cheap and certain; anything else is unknown and no rule reports it."""

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
    """A value known statically. ``literal`` is the string node in this module, for fixes:
    set only when the value is one plain string literal (in place or behind a constant), never
    for a value built from several parts."""

    kind: ValueKind
    type_name: str
    value: str | None
    literal: cst.SimpleString | None
    via: str | None  # the constant(s) followed, for messages


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

# How deep a built string may nest (parts of parts, constants of constants) before it is
# treated as unknown: real URLs are a handful of parts; this bounds the recursion.
_MAX_DEPTH = 40


def _string_value(node: cst.BaseExpression) -> KnownValue | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        evaluated = node.evaluated_value
        if evaluated is None:
            return None  # an f-string part: see _Builder
        if isinstance(evaluated, bytes):
            return KnownValue(ValueKind.OTHER, "bytes", None, None, None)
        literal = node if isinstance(node, cst.SimpleString) else None
        return KnownValue(ValueKind.STR, "str", evaluated, literal, None)
    return None


def _module_constant(index: ModuleIndex, name: str) -> cst.BaseExpression | None:
    """The value a module-level constant is assigned, when it is assigned exactly once (a
    name bound again anywhere, or imported, has no certain value)."""
    if name in index.rebound or index.imported(name) is not None:
        return None
    return index.constants.get(name)


@dataclass(frozen=True)
class _Built:
    """A string value and the constants followed to build it."""

    value: str
    via: tuple[str, ...]


class _Builder:
    """Strings built from literals and followed constants: every part must be known exactly,
    or the whole value is unknown (None)."""

    def __init__(self, index: ModuleIndex, constants: Callable[[], Mapping[str, str]]) -> None:
        self.index = index
        self.constants = constants

    def build(
        self, node: cst.BaseExpression, depth: int, following: frozenset[str]
    ) -> _Built | None:
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, cst.SimpleString):
            evaluated = node.evaluated_value
            return _Built(evaluated, ()) if isinstance(evaluated, str) else None
        if isinstance(node, cst.ConcatenatedString):
            return self._join(
                [
                    self.build(node.left, depth + 1, following),
                    self.build(node.right, depth + 1, following),
                ]
            )
        if isinstance(node, cst.FormattedString):
            return self._formatted(node, depth, following)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self._join(
                [
                    self.build(node.left, depth + 1, following),
                    self.build(node.right, depth + 1, following),
                ]
            )
        if isinstance(node, cst.Name):
            return self._name(node.value, depth, following)
        return None  # a call, an attribute, a subscript, ...: unknowable

    def _join(self, parts: list[_Built | None]) -> _Built | None:
        value: list[str] = []
        via: list[str] = []
        for part in parts:
            if part is None:
                return None
            value.append(part.value)
            via.extend(v for v in part.via if v not in via)
        return _Built("".join(value), tuple(via))

    def _formatted(
        self, node: cst.FormattedString, depth: int, following: frozenset[str]
    ) -> _Built | None:
        if "b" in node.prefix.lower():
            return None
        parts: list[_Built | None] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                if "\\" in part.value:
                    return None  # escapes: not worth evaluating by hand
                parts.append(_Built(part.value.replace("{{", "{").replace("}}", "}"), ()))
                continue
            assert isinstance(part, cst.FormattedStringExpression)
            # `{x!r}`, `{x:>10}` and `{x=}` change the text: only a plain `{x}`/`{x!s}` of a
            # str is applied exactly.
            if part.equal is not None or part.format_spec is not None:
                return None
            if part.conversion not in (None, "s"):
                return None
            parts.append(self.build(part.expression, depth + 1, following))
        return self._join(parts)

    def _name(self, name: str, depth: int, following: frozenset[str]) -> _Built | None:
        index = self.index
        if name in following:
            return None  # a cycle: never certain
        imported = index.imported(name)
        if imported is None:
            constant = _module_constant(index, name)
            if constant is None:
                return None
            built = self.build(constant, depth + 1, following | {name})
            return _Built(built.value, (name,)) if built is not None else None
        if name in index.rebound:
            return None  # bound again here (a parameter, a local, a second binding)
        if imported.level == 1 and imported.module == "const":
            value = self.constants().get(imported.original)
            if value is not None:
                return _Built(value, (f"const.{imported.original}",))
        return None


def resolve_value(
    expr: cst.BaseExpression, index: ModuleIndex, constants: Callable[[], Mapping[str, str]]
) -> KnownValue | None:
    """The value of ``expr`` when it is a literal, a followed constant, or a string built only
    from those; else None."""
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
    if isinstance(expr, cst.Name):
        if expr.value in _NAMED_CONSTANTS and expr.value not in index.bindings:
            return KnownValue(ValueKind.OTHER, _NAMED_CONSTANTS[expr.value], None, None, None)
        constant = _module_constant(index, expr.value)
        followed = _string_value(constant) if constant is not None else None
        if followed is not None:
            if followed.kind is not ValueKind.STR:
                return None
            # One plain literal behind the constant: it is the node a fix may rewrite.
            return KnownValue(ValueKind.STR, "str", followed.value, followed.literal, expr.value)
    if not isinstance(
        expr, (cst.Name, cst.ConcatenatedString, cst.FormattedString, cst.BinaryOperation)
    ):
        return None
    built = _Builder(index, constants).build(expr, 0, frozenset())
    if built is None:
        return None
    via = ", ".join(built.via) or None
    return KnownValue(ValueKind.STR, "str", built.value, None, via)
