"""Every rule, by family: the one list of rules.

Adding a rule: write its module in its family's package (``scripts/new_rule.py`` scaffolds it);
the family finds it (:func:`~devcreds_lint.rules.base.family_rules`), and
``scripts/gen_docs.py`` writes it into ``catalogue.py``; see docs/architecture.md.
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


def _check_codes() -> None:
    codes = [rule.code for rule in ALL_RULES]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate rule code")


_check_codes()


def catalogue_mismatches() -> list[str]:
    """The codes whose rule does not match ``catalogue.py`` (it is generated from the rules
    by scripts/gen_docs.py; tests/report/test_rule_docs.py keeps it in step)."""
    rules = {rule.code: (rule.name, rule.severity.value) for rule in ALL_RULES}
    return sorted(c for c in rules.keys() | CATALOGUE.keys() if rules.get(c) != CATALOGUE.get(c))
