"""DC502: a client ID written into the code (the value is never shown)."""

from __future__ import annotations

from devcreds_lint.contracts import FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.secrets import hardcoded
from devcreds_lint.model import Severity
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP


class HardcodedClientId(Rule):
    code = "DC502"
    name = "hardcoded-client-id"
    severity = Severity.WARNING
    summary = "A client ID is written into the code."
    why = (
        "A client ID is less sensitive than a secret, but one baked into the code ties every "
        "user to one registered application, which defeats application credentials."
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
        ClientCredential(client_id="my-client-id", client_secret=credential.client_secret),
        AuthorizationServer("https://example.com/a", "https://example.com/t"),
    )
'''
            },
            at="19:36-19:50",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        for found in hardcoded(ctx, FieldRole.CLIENT_ID):
            self.report(
                found.module,
                found.node,
                f"`{found.keyword}` is a hard-coded string{found.through} (value redacted); "
                "let users enter their own credentials",
                redacted=True,
            )
