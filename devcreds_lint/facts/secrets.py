"""Credentials written into the code: the literal client IDs and secrets of the platform
modules and of the integration's credential modules (``__init__.py``, ``config_flow.py``, and
any module that imports a credential, builds a contract object or calls an implementation
class; shared by DC501 and DC502).

Values found here are secrets: whoever reports them must not show them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from devcreds_lint.contracts import CREDENTIAL_KEYWORDS, YAML_CREDENTIAL_KEYS, FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.objects import object_calls
from devcreds_lint.facts.values import ValueKind

_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class HardcodedCredential:
    """A non-empty string given as a credential: ``node`` is the argument's value, ``via``
    the constant it was followed through (None for a literal in place)."""

    module: ModuleFacts
    keyword: str
    node: cst.BaseExpression
    via: str | None

    @property
    def through(self) -> str:
        """`` (through `NAME`)`` when the value came from a constant, for messages."""
        return f" (through `{self.via}`)" if self.via else ""


def _credential_assignments(module: ModuleFacts, keyword: str) -> Iterator[cst.BaseExpression]:
    """The values assigned to an attribute named ``keyword`` (``credential.client_id = ...``).
    The tree is walked only when the text holds such an assignment; a use of the attribute
    (``credential.client_id`` as an argument, in nearly every platform module) is none."""
    if module.module is None or module.text is None or not _assigns(keyword, module.text):
        return
    from devcreds_lint.parsing.walk import walk

    for node in walk(module.module):
        if isinstance(node, cst.Assign):
            if any(_names_attribute(t.target, keyword) for t in node.targets):
                yield node.value
        elif (
            isinstance(node, cst.AnnAssign)
            and node.value is not None
            and _names_attribute(node.target, keyword)
        ):
            yield node.value


@functools.lru_cache(maxsize=8)
def _assignment_pattern(keyword: str) -> re.Pattern[str]:
    # ``.client_id =`` or ``.client_id: str =``, not ``==``; spaces and line breaks allowed
    # where Python allows them inside brackets.
    return re.compile(r"\." + re.escape(keyword) + r"[\s\\]*(?::[^=\n]*)?=(?!=)")


def _assigns(keyword: str, text: str) -> bool:
    return _assignment_pattern(keyword).search(text) is not None


def _names_attribute(target: cst.BaseExpression, keyword: str) -> bool:
    return isinstance(target, cst.Attribute) and target.attr.value == keyword


def _candidates(
    ctx: IntegrationFacts, module: ModuleFacts, keyword: str, role: FieldRole
) -> Iterator[cst.BaseExpression]:
    """Every value given as the credential ``keyword`` in ``module``, each once: by keyword
    to any call, by position to a contract object's field or an implementation class's
    parameter of that role, or assigned to an attribute of that name."""
    for call_node in module.index.calls:
        for arg in call_node.args:
            if arg.keyword is not None and arg.keyword.value == keyword:
                yield arg.value
    for profile in ctx.profiles:
        for call in object_calls(module.index, profile, ctx.profiles):
            for field_name, arg in zip(
                (f.name for f in call.spec.fields), call.positional, strict=False
            ):
                if field_name == keyword:
                    yield arg.value
    for implementation in module.implementation_calls:
        for param, arg in zip(implementation.spec.params, implementation.positional, strict=False):
            if param.role is not role:
                continue
            known = module.value(arg.value)
            if known is not None and (known.value or "").startswith(_URL_SCHEMES):
                # An argument out of place (DC308 says so), not a credential.
                continue
            yield arg.value
    yield from _credential_assignments(module, keyword)


def hardcoded(ctx: IntegrationFacts, role: FieldRole) -> Iterator[HardcodedCredential]:
    """Each non-empty string given as the credential ``role`` (see :func:`_candidates`) in
    the platform modules and the integration's credential modules. A value that is a
    credential key's own name (``"client_secret"``, a config key) is no credential; a
    constant used in several places is reported at its first use only."""
    keyword = CREDENTIAL_KEYWORDS[role]
    constants: set[tuple[str, str]] = set()
    for module in ctx.code_modules:
        seen: set[int] = set()
        for node in _candidates(ctx, module, keyword, role):
            if id(node) in seen:
                continue
            seen.add(id(node))
            value = module.value(node)
            if value is None or value.kind is not ValueKind.STR or not value.value:
                continue
            if value.value in YAML_CREDENTIAL_KEYS:
                continue
            if value.via is not None:
                # One constant passed in several places is one finding: its first use.
                owner = "" if value.via.startswith("const.") else module.path
                if (owner, value.via) in constants:
                    continue
                constants.add((owner, value.via))
            yield HardcodedCredential(module, keyword, node, value.via)
