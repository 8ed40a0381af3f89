"""Rules about the platform file itself: its name, whether it can be read and parsed.

One module per rule; the family's rules are found in them
(:func:`~devcreds_lint.rules.base.family_rules`), nothing else declares them.
"""

from __future__ import annotations

from devcreds_lint.rules.base import Rule, family_rules

RULES: tuple[type[Rule], ...] = family_rules(__name__, __path__)
