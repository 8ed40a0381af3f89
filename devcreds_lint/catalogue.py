"""Every rule code with its name and default severity, and the rules' options, as plain data.

Generated from the rules by scripts/gen_docs.py: do not edit. The CLI validates ``--select``/
``--ignore`` and configuration against this table without importing the rules (and libcst
with them), which keeps warm, cached runs fast; tests/report/test_rule_docs.py fails when it
is out of step with the rules.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "DC000": ("internal-error", "error"),
    "DC100": ("syntax-error", "error"),
    "DC101": ("misspelled-platform-file", "error"),
    "DC102": ("malformed-import", "error"),
    "DC103": ("leftover-platform-file", "warning"),
    "DC201": ("missing-platform-hook", "error"),
    "DC202": ("misspelled-platform-hook", "error"),
    "DC203": ("sync-platform-hook", "error"),
    "DC204": ("hook-not-module-level", "error"),
    "DC205": ("bad-hook-signature", "error"),
    "DC206": ("bad-argument-annotation", "error"),
    "DC207": ("bad-return-annotation", "error"),
    "DC208": ("hook-returns-nothing", "error"),
    "DC209": ("unknown-platform-hook", "warning"),
    "DC210": ("hook-returns-coroutine", "error"),
    "DC301": ("missing-required-field", "error"),
    "DC302": ("unknown-field", "error"),
    "DC303": ("extra-argument", "error"),
    "DC304": ("invalid-url", "error"),
    "DC305": ("insecure-url", "error"),
    "DC306": ("identical-urls", "warning"),
    "DC307": ("wrong-field-type", "error"),
    "DC308": ("bad-implementation-call", "error"),
    "DC309": ("placeholder-url", "error"),
    "DC401": ("undefined-contract-name", "error"),
    "DC402": ("wrong-import-source", "error"),
    "DC403": ("unknown-contract-import", "error"),
    "DC404": ("own-integration-import", "error"),
    "DC405": ("unknown-homeassistant-module", "error"),
    "DC501": ("hardcoded-client-secret", "error"),
    "DC502": ("hardcoded-client-id", "warning"),
    "DC503": ("credentials-in-url", "error"),
    "DC601": ("missing-manifest-dependency", "error"),
    "DC602": ("missing-config-flow", "error"),
    "DC603": ("missing-oauth2-flow-handler", "error"),
    "DC604": ("invalid-manifest", "error"),
    "DC605": ("placeholder-mismatch", "warning"),
    "DC606": ("yaml-credentials-without-hook", "warning"),
    "DC607": ("missing-platform-module", "error"),
    "DC608": ("unregistered-flow-handler", "error"),
    "DC609": ("manifest-domain-mismatch", "error"),
    "DC900": ("unreadable-file", "error"),
    "DC901": ("unused-noqa", "warning"),
}

CODES = frozenset(CATALOGUE)


RULE_OPTIONS: dict[str, dict[str, str]] = {
    "DC305": {
        "allowed-http-hosts": "extra hosts for which http:// is accepted (e.g. a LAN device)",
    },
}
"""Options under ``[tool.devcreds-lint.rule-options.CODE]``: each a list of strings. The
configuration is validated against this table and the rule pages list it."""
