"""Calls that build contract objects (``AuthorizationServer(...)``, ``ClientCredential(...)``),
with their arguments bound to the object's fields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from devcreds_lint.contracts import ObjectSpec, Profile
from devcreds_lint.facts.tree import ModuleIndex, dotted_name, last_part
from devcreds_lint.naming import near_miss


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


def split_arguments(
    call: cst.Call, *, positional_after_star: bool
) -> tuple[tuple[cst.Arg, ...], tuple[cst.Arg, ...], bool]:
    """(positional arguments, keyword arguments, whether any is ``*x``/``**x``).
    ``positional_after_star``: whether a positional argument that follows a ``*x`` still
    counts (its position is then unknown). Contract objects count it, implementation calls do
    not: the two have always differed here, and aligning them changes what the URL and field
    rules see (an issue of its own)."""
    positional: list[cst.Arg] = []
    keywords: list[cst.Arg] = []
    starred = False
    for arg in call.args:
        if arg.star:
            starred = True
        elif arg.keyword is not None:
            keywords.append(arg)
        elif positional_after_star or not starred:
            positional.append(arg)
    return tuple(positional), tuple(keywords), starred


def object_calls(
    index: ModuleIndex, profile: Profile, profiles: tuple[Profile, ...]
) -> Iterator[ObjectCall]:
    for call in index.calls:
        spec = _callee_object(call.func, index, profiles, profile)
        if spec is None:
            continue
        yield ObjectCall(call, spec, *split_arguments(call, positional_after_star=True))


def unknown_keywords(call: ObjectCall) -> dict[str, str | None]:
    """Keywords that are no field -> the field they are a near miss of (or None)."""
    given = {name for name, _ in call.field_args()}
    result: dict[str, str | None] = {}
    for arg in call.keywords:
        assert arg.keyword is not None
        keyword = arg.keyword.value
        if call.spec.field(keyword) is not None:
            continue
        candidates = [f.name for f in call.spec.fields if f.name not in given]
        result[keyword] = near_miss(keyword, candidates)
    return result
