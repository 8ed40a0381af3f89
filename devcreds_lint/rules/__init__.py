"""The rule catalogue. Importing this package registers every rule family."""

from __future__ import annotations

from devcreds_lint.rules.base import REGISTRY, Example, Rule, register

__all__ = ["REGISTRY", "Example", "Rule", "all_rules", "register", "rule_by_code"]


def all_rules() -> list[type[Rule]]:
    """Every rule class, sorted by code."""
    _load_families()
    return REGISTRY.sorted()


def rule_by_code(code: str) -> type[Rule] | None:
    _load_families()
    return REGISTRY.rules.get(code)


def _load_families() -> None:
    # Imported for their side effect of registering rules; kept lazy so that importing
    # the registry does not pull in every family (and libcst) at start-up.
    from devcreds_lint.rules import families  # noqa: F401
