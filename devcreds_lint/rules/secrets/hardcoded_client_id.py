"""DC502: a client ID written into the code (the value is never shown)."""

from __future__ import annotations

from devcreds_lint.contracts import FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.secrets import hardcoded
from devcreds_lint.model import Severity
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


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
        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),
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
        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),
    )
'''
            },
            at="19:36-19:50",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform."""

from homeassistant.components.application_credentials import ClientCredential
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2ImplementationWithPkce(
        hass,
        auth_domain,
        "my-client-id",
        "https://acme-api.io/a",
        "https://acme-api.io/t",
    )
'''
            },
            at="15:9-15:23",
            title="by position to an implementation class",
        ),
        Example(
            files={
                "const.py": '''"""Constants for Example."""

DOMAIN = "example"
OAUTH2_CLIENT_ID = "my-client-id"
''',
                "config_flow.py": '''"""Config flow for Example."""

import logging
from typing import Any

from homeassistant.components.application_credentials import (
    ClientCredential,
    async_import_client_credential,
)
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN, OAUTH2_CLIENT_ID


class OAuth2FlowHandler(
    config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN
):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Import the integration's own public client, then start."""
        await async_import_client_credential(
            self.hass, DOMAIN, ClientCredential(OAUTH2_CLIENT_ID, "")
        )
        return await super().async_step_user(user_input)
''',
                APP: GOOD_SERVER,
            },
            at="33:49-33:65",
            title="imported in config_flow.py",
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
