"""The rules. The list of every rule is :mod:`devcreds_lint.rules.families`, imported only when
rules are needed (it imports libcst through the rule modules; start-up stays cheap)."""

from __future__ import annotations

import functools

from devcreds_lint.rules.base import Example, Rule

__all__ = ["Example", "Rule", "all_rules", "rule_by_code"]


def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code."""
    from devcreds_lint.rules.families import ALL_RULES

    return ALL_RULES


@functools.cache
def _by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in all_rules()}


def rule_by_code(code: str) -> type[Rule] | None:
    return _by_code().get(code)
