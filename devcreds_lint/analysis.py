"""Shared questions rules ask of a platform module: where the hooks are, what a value is,
which calls build contract objects, whether an annotation matches a contract type.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

import libcst as cst

from devcreds_lint.context import (
    IntegrationContext,
    ParseFailure,
    PlatformContext,
    parse_expression,
)
from devcreds_lint.contracts import HookSpec, ObjectSpec, Profile, TypeSpec
from devcreds_lint.module_index import ModuleIndex, dotted_name, last_part
from devcreds_lint.naming import near_miss

# Hooks -----------------------------------------------------------------------


@dataclass(frozen=True)
class HookDef:
    """A module-level function that is (or, misspelled, was meant to be) a hook."""

    spec: HookSpec
    node: cst.FunctionDef

    @property
    def misspelled(self) -> bool:
        return self.node.name.value != self.spec.name


def defined_names(index: ModuleIndex) -> set[str]:
    """Names defined at module level by def or by any other binding (import, assignment)."""
    return set(index.functions) | index.module_assigned


def misspelled_hooks(pctx: PlatformContext) -> list[tuple[cst.FunctionDef, HookSpec]]:
    """Module-level functions whose name is a near miss of an absent hook (DC202)."""
    cached = pctx.memo.get("misspelled")
    if cached is None:
        cached = pctx.memo["misspelled"] = _misspelled_hooks(pctx)
    found: list[tuple[cst.FunctionDef, HookSpec]] = cached
    return found


def _misspelled_hooks(pctx: PlatformContext) -> list[tuple[cst.FunctionDef, HookSpec]]:
    profile = pctx.profile
    index = pctx.index
    present = defined_names(index)
    hook_names = [h.name for h in profile.hooks]
    found: list[tuple[cst.FunctionDef, HookSpec]] = []
    taken: set[str] = set()
    for name, nodes in index.functions.items():
        if name in hook_names:
            continue
        target = near_miss(name, hook_names, allow_prefix="async_")
        if target is None or target in present or target in taken:
            continue
        spec = profile.hook(target)
        assert spec is not None
        taken.add(target)
        found.append((nodes[-1], spec))
    return found


def hook_defs(pctx: PlatformContext) -> list[HookDef]:
    """Every hook defined at module level (the last definition wins), misspelled ones too."""
    defs: list[HookDef] = []
    for spec in pctx.profile.hooks:
        nodes = pctx.index.functions.get(spec.name)
        if nodes:
            defs.append(HookDef(spec, nodes[-1]))
    defs.extend(HookDef(spec, node) for node, spec in misspelled_hooks(pctx))
    return defs


def nested_hooks(pctx: PlatformContext) -> list[tuple[cst.FunctionDef, str]]:
    """Hooks defined inside a class or function while absent at module level (DC204)."""
    present = defined_names(pctx.index)
    names = {h.name for h in pctx.profile.hooks}
    return [
        (node, where)
        for node, where in pctx.index.nested_functions
        if node.name.value in names and node.name.value not in present
    ]


def positional_params(node: cst.FunctionDef) -> list[cst.Param]:
    return [*node.params.posonly_params, *node.params.params]


def has_stray_self(node: cst.FunctionDef, spec: HookSpec) -> bool:
    params = positional_params(node)
    return (
        bool(params)
        and params[0].name.value in {"self", "cls"}
        and (len(params) > len(spec.params) or isinstance(node.params.star_arg, cst.Param))
    )


def contract_params(node: cst.FunctionDef, spec: HookSpec) -> list[cst.Param]:
    """The parameters that receive the contract's arguments (after a stray ``self``)."""
    params = positional_params(node)
    if has_stray_self(node, spec):
        params = params[1:]
    return params[: len(spec.params)]


# Values ----------------------------------------------------------------------


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
    expr: cst.BaseExpression, pctx: PlatformContext, ictx: IntegrationContext
) -> KnownValue | None:
    """The value of ``expr`` when it is a literal or a followed constant, else None.

    Memoized per module: several rules ask about the same argument, and libcst evaluates a
    string literal with ``ast.literal_eval`` each time it is asked."""
    memo = pctx.memo.setdefault("values", {})
    key = id(expr)
    if key not in memo:
        memo[key] = _resolve_value(expr, pctx, ictx)
    found: KnownValue | None = memo[key]
    return found


def _resolve_value(
    expr: cst.BaseExpression, pctx: PlatformContext, ictx: IntegrationContext
) -> KnownValue | None:
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
    if expr.value in _NAMED_CONSTANTS and expr.value not in pctx.index.bindings:
        return KnownValue(ValueKind.OTHER, _NAMED_CONSTANTS[expr.value], None, None, None)
    index = pctx.index
    imported = index.imported(expr.value)
    if imported is None and expr.value in index.constants:
        followed = _string_value(index.constants[expr.value])
        if followed is not None and followed.kind is ValueKind.STR:
            return KnownValue(ValueKind.STR, "str", followed.value, followed.literal, expr.value)
        return None
    if imported is not None and imported.level == 1 and imported.module == "const":
        value = ictx.const_strings.get(imported.original)
        if value is not None:
            return KnownValue(ValueKind.STR, "str", value, None, f"const.{imported.original}")
    return None


# Contract objects ------------------------------------------------------------


@dataclass(frozen=True)
class ObjectCall:
    """A call that builds a contract object, with its arguments bound to fields."""

    call: cst.Call
    spec: ObjectSpec
    positional: tuple[cst.Arg, ...]
    keywords: tuple[cst.Arg, ...]
    starred: bool

    def field_args(self) -> Iterator[tuple[str, cst.Arg]]:
        """(field name, argument) for every argument that lands on a known field."""
        for field_spec, arg in zip(self.spec.fields, self.positional, strict=False):
            yield field_spec.name, arg
        for arg in self.keywords:
            assert arg.keyword is not None
            if self.spec.field(arg.keyword.value) is not None:
                yield arg.keyword.value, arg

    def value_of(self, field_name: str) -> cst.Arg | None:
        return next((a for f, a in self.field_args() if f == field_name), None)


def _callee_object(
    func: cst.BaseExpression, index: ModuleIndex, profiles: tuple[Profile, ...], profile: Profile
) -> ObjectSpec | None:
    name = dotted_name(func)
    if name is None:
        return None
    last = last_part(name)
    spec = profile.object(last)
    if spec is None:
        return None
    if "." in name:
        owner = name.rsplit(".", 2)[-2]
        components = {last_part(p.component) for p in profiles}
        return spec if owner in components else None
    imported = index.imported(last)
    if imported is not None:
        return spec if imported.module.startswith("homeassistant") and not imported.level else None
    # Defined locally (a class of the same name) is not the contract object.
    if last in index.module_assigned or last in index.functions:
        return None
    return spec  # used without import: DC401 reports that; the call is still checked


def object_calls(pctx: PlatformContext, profiles: tuple[Profile, ...]) -> Iterator[ObjectCall]:
    index = pctx.index
    for call in index.calls:
        spec = _callee_object(call.func, index, profiles, pctx.profile)
        if spec is None:
            continue
        positional: list[cst.Arg] = []
        keywords: list[cst.Arg] = []
        starred = False
        for arg in call.args:
            if arg.star:
                starred = True
            elif arg.keyword is None:
                positional.append(arg)
            else:
                keywords.append(arg)
        yield ObjectCall(call, spec, tuple(positional), tuple(keywords), starred)


# Annotations -----------------------------------------------------------------


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
    expr: cst.BaseExpression, spec: TypeSpec, pctx: PlatformContext, profiles: tuple[Profile, ...]
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
    if spec.local_bases and last in pctx.index.classes:
        return _local_class_matches(last, spec.local_bases, pctx.index)
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
