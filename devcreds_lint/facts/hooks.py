"""Where a module's hooks are: defined, misspelled (DC202), or nested out of reach (DC204),
and which parameters receive the contract's arguments."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import libcst as cst

from devcreds_lint.contracts import HookSpec, Profile
from devcreds_lint.facts.tree import ModuleIndex
from devcreds_lint.naming import near_miss


@dataclass(frozen=True)
class HookDef:
    """A module-level function that is (or, misspelled, was meant to be) a hook."""

    spec: HookSpec
    node: cst.FunctionDef


def defined_names(index: ModuleIndex) -> set[str]:
    """Names defined at module level by def or by any other binding (import, assignment)."""
    return set(index.functions) | index.module_assigned


class HookFacts:
    """The hooks of one module under one profile, each answer computed once."""

    def __init__(self, profile: Profile, index: ModuleIndex) -> None:
        self.profile = profile
        self.index = index

    @cached_property
    def defined(self) -> set[str]:
        return defined_names(self.index)

    @cached_property
    def misspelled(self) -> list[tuple[cst.FunctionDef, HookSpec]]:
        """Module-level functions whose name is a near miss of an absent hook (DC202)."""
        profile, index = self.profile, self.index
        present = self.defined
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

    @cached_property
    def defs(self) -> list[HookDef]:
        """Every hook defined at module level (the last definition wins), misspelled ones too."""
        defs: list[HookDef] = []
        for spec in self.profile.hooks:
            nodes = self.index.functions.get(spec.name)
            if nodes:
                defs.append(HookDef(spec, nodes[-1]))
        defs.extend(HookDef(spec, node) for node, spec in self.misspelled)
        return defs

    @cached_property
    def nested(self) -> list[tuple[cst.FunctionDef, str]]:
        """Hooks defined inside a class or function while absent at module level (DC204)."""
        present = self.defined
        names = {h.name for h in self.profile.hooks}
        return [
            (node, where)
            for node, where in self.index.nested_functions
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
