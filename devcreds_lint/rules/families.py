"""Every rule, by family: the one list of rules.

Adding a rule: write its module in its family's package and add the class to that family's
``RULES``; see docs/architecture.md.
"""

from __future__ import annotations

from devcreds_lint.catalogue import CATALOGUE
from devcreds_lint.rules import files, hooks, imports, integration, objects, secrets
from devcreds_lint.rules.base import Rule
from devcreds_lint.rules.internal import InternalError
from devcreds_lint.rules.unused_noqa import UnusedNoqa

ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (
            InternalError,
            *files.RULES,
            *hooks.RULES,
            *objects.RULES,
            *imports.RULES,
            *secrets.RULES,
            *integration.RULES,
            UnusedNoqa,
        ),
        key=lambda rule: rule.code,
    )
)


def _check_catalogue() -> None:
    codes = [rule.code for rule in ALL_RULES]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate rule code")
    for rule in ALL_RULES:
        if CATALOGUE.get(rule.code) != (rule.name, rule.severity.value):
            raise ValueError(f"rule {rule.code} does not match devcreds_lint/catalogue.py")


_check_catalogue()
