"""Credentials written into the code: the literal client IDs and secrets of the platform
modules and of ``__init__.py`` (shared by DC501 and DC502).

Values found here are secrets: whoever reports them must not show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from devcreds_lint.contracts import CREDENTIAL_KEYWORDS, FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.module import ModuleFacts
from devcreds_lint.facts.objects import object_calls
from devcreds_lint.facts.values import ValueKind


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


def _secret_modules(ctx: IntegrationFacts) -> Iterator[ModuleFacts]:
    """The platform modules and, when it may hold credentials, ``__init__.py``."""
    yield from ctx.parsed_platforms
    if ctx.init_module is not None:
        yield ctx.init_module


def hardcoded(ctx: IntegrationFacts, role: FieldRole) -> Iterator[HardcodedCredential]:
    """Each non-empty string passed as the credential ``role``: by its keyword to any call,
    or by position to a contract object's field of that name."""
    keyword = CREDENTIAL_KEYWORDS[role]
    for pctx in _secret_modules(ctx):
        seen: set[int] = set()
        for call in object_calls(pctx.index, pctx.profile, ctx.profiles):
            arg = call.value_of(keyword)
            if arg is not None:
                seen.add(id(arg))
        for call_node in pctx.index.calls:
            for arg in call_node.args:
                given = arg.keyword.value if arg.keyword is not None else None
                if given != keyword and id(arg) not in seen:
                    continue
                value = pctx.value(arg.value)
                if value is not None and value.kind is ValueKind.STR and value.value:
                    yield HardcodedCredential(pctx, keyword, arg.value, value.via)
