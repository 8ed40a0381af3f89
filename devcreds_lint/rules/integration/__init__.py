"""Rules about the rest of the integration: manifest, config flow, strings, YAML
import.

One module per rule; the family's rules are found in them
(:func:`~devcreds_lint.rules.base.family_rules`), nothing else declares them.
"""

from __future__ import annotations

from devcreds_lint.rules.base import Rule, family_rules

RULES: tuple[type[Rule], ...] = family_rules(__name__, __path__)
