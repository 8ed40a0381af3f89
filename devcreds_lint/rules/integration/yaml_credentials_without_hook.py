"""DC606: client credentials read from YAML that the platform never hands over."""

from __future__ import annotations

import os

from devcreds_lint.contracts import YAML_CREDENTIAL_KEYS
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.siblings import reads_yaml_credentials
from devcreds_lint.model import Location, Severity
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import DEV

_KEYS = "/".join(YAML_CREDENTIAL_KEYS)


class YamlCredentialsWithoutHook(Rule):
    code = "DC606"
    name = "yaml-credentials-without-hook"
    severity = Severity.WARNING
    profile = "developer_credentials"
    summary = "`__init__.py` reads client credentials from YAML but the platform has no hook to hand them over."
    why = (
        "Users who configured `client_id`/`client_secret` in `configuration.yaml` lose them "
        "unless the platform defines `async_get_developer_credential` to return them."
    )
    VALID = (
        '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
''',
    )
    INVALID = (
        Example(
            profile="developer_credentials",
            files={
                DEV: '''"""Developer credentials platform."""

from homeassistant.components.developer_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t")
''',
                "__init__.py": '''"""The Example integration."""

import voluptuous as vol

from homeassistant.const import CONF_CLIENT_ID, CONF_CLIENT_SECRET

CONFIG_SCHEMA = vol.Schema(
    {"example": vol.Schema({vol.Required(CONF_CLIENT_ID): str, vol.Required(CONF_CLIENT_SECRET): str})},
    extra=vol.ALLOW_EXTRA,
)
''',
            },
            at="7:1-7:1",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for module in ctx.parsed_platforms:
            hook = module.profile.yaml_credential_hook
            if hook is None or hook in module.hooks.defined:
                continue
            text = ctx.sibling_text("__init__.py")
            path = ctx.integration.sibling("__init__.py")
            if text is None or path is None:
                continue
            row = reads_yaml_credentials(text)
            if row:
                self.report_at(
                    path,
                    Location(row, 1),
                    Location(row, 1),
                    f"CONFIG_SCHEMA takes {_KEYS} from configuration.yaml, but "
                    f"{os.path.basename(module.path)} has no `{hook}` to hand them to Home Assistant",
                )
