"""DC604: ``manifest.json`` that Home Assistant cannot read."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Location
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class InvalidManifest(Rule):
    code = "DC604"
    name = "invalid-manifest"
    summary = "`manifest.json` is not valid JSON, not an object, or has fields of the wrong type."
    why = (
        "Home Assistant refuses to load an integration whose manifest it cannot read. The "
        "other rules still run; those that need the manifest stay silent."
    )
    VALID = (GOOD_SERVER,)
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
''',
                "manifest.json": """{"domain": "example",}
""",
            },
            at="1:22-1:22",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        path = ctx.integration.manifest
        if isinstance(ctx.manifest, str) and path is not None:
            message = f"manifest.json cannot be used: {ctx.manifest}"
            if ctx.manifest_error_at is None:
                self.report_file(path, message)
                return
            # At the JSON error's position, which the message names.
            row, column = ctx.manifest_error_at
            self.report_at(
                path, Location(row, column), Location(row, column), message, file_level=True
            )
