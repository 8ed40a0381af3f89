"""Rules about credentials written into the code or into URLs.

Values found here are secrets: messages never contain them, and diagnostics are marked
``redacted`` so that reporters mask the source range too.

One module per rule; the family's rules are found in them
(:func:`~devcreds_lint.rules.base.family_rules`), nothing else declares them.
"""

from __future__ import annotations

from devcreds_lint.rules.base import Rule, family_rules

RULES: tuple[type[Rule], ...] = family_rules(__name__, __path__)
