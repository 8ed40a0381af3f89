"""DC102 malformed-import: `from a.b.Name` with the `import` keyword missing."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Edit, FixAvailability, safe_fix
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER
from devcreds_lint.text import LineIndex


class MalformedImport(Rule):
    code = "DC102"
    fix = FixAvailability.ALWAYS
    name = "malformed-import"
    summary = "`from a.b.Name` with the `import` keyword missing."
    why = (
        "The line is a syntax error, so the module cannot be imported at all. It is the "
        "mistake in the seed document's own example; it is found without parsing and "
        "reported instead of DC100, and the rest of the module is still checked."
    )
    fix_safety = "Safe: the line becomes `from a.b import Name`."
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core.HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''
            },
            fixed={APP: GOOD_SERVER},
            line=4,
            at="4:1-4:38",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.platforms:
            text = module.original_text
            if text is None:
                continue
            lines = LineIndex(text)
            for item in module.malformed:
                start = lines.location(item.start)
                end = lines.location(item.end)
                self.report_at(
                    module.path,
                    start,
                    end,
                    f"`from {item.module}.{item.name}` is missing `import`; write "
                    f"`{item.replacement}`",
                    fix=safe_fix(f"Write `{item.replacement}`", Edit(start, end, item.replacement)),
                )
