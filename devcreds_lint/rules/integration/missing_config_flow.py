"""DC602: no config flow (``"config_flow": true`` and ``config_flow.py``)."""

from __future__ import annotations

from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


class MissingConfigFlow(Rule):
    code = "DC602"
    name = "missing-config-flow"
    summary = (
        'The manifest lacks `"config_flow": true`, or the integration has no `config_flow.py`.'
    )
    why = (
        "User-supplied OAuth2 credentials are only ever used by a config flow: without one "
        "there is no way to pick the credentials and link an account."
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
                "manifest.json": """{
  "domain": "example",
  "name": "Example",
  "codeowners": [],
  "config_flow": false,
  "dependencies": ["application_credentials"],
  "documentation": "https://acme-api.io",
  "iot_class": "cloud_polling"
}
""",
            },
            at="1:1-1:1",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        manifest = ctx.manifest
        path = ctx.integration.manifest
        # Only for integrations with a platform module: without one, DC607 is the finding.
        if not ctx.platforms or not isinstance(manifest, dict) or path is None:
            return
        problems = []
        if manifest.get("config_flow") is not True:
            problems.append('manifest.json lacks `"config_flow": true`')
        if "config_flow.py" not in ctx.integration.names:
            problems.append("the integration has no config_flow.py")
        if problems:
            self.report_file(
                path,
                " and ".join(problems) + "; OAuth2 credentials are only used through a config flow",
            )
