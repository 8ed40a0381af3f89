"""DC501: a client secret written into the code (the value is never shown)."""

from __future__ import annotations

from devcreds_lint.contracts import FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.secrets import hardcoded
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP


class HardcodedClientSecret(Rule):
    code = "DC501"
    name = "hardcoded-client-secret"
    summary = "A client secret is written into the code."
    why = (
        "Application credentials exist so that each user brings their own client. A secret "
        "in the source is shared with everyone who installs the integration, cannot be "
        "rotated, and leaks with the repository. The value is never shown in any output."
    )
    VALID = (
        '''"""Application credentials platform."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return AuthImplementation(
        hass,
        auth_domain,
        credential,
        AuthorizationServer("https://example.com/a", "https://example.com/t"),
    )
''',
    )
    INVALID = (
        Example(
            files={
                APP: '''"""Application credentials platform."""

from homeassistant.components.application_credentials import (
    AuthImplementation,
    AuthorizationServer,
    ClientCredential,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return AuthImplementation(
        hass,
        auth_domain,
        ClientCredential("my-id", client_secret="hunter2-but-longer"),
        AuthorizationServer("https://example.com/a", "https://example.com/t"),
    )
'''
            },
            at="19:49-19:69",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for found in hardcoded(ctx, FieldRole.CLIENT_SECRET):
            self.report(
                found.module,
                found.node,
                f"`{found.keyword}` is a hard-coded string{found.through} (value redacted); "
                "let users enter their own credentials",
                redacted=True,
            )
