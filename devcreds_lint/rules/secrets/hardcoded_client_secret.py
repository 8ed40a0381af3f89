"""DC501: a client secret written into the code (the value is never shown)."""

from __future__ import annotations

from devcreds_lint.contracts import FieldRole
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.secrets import hardcoded
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER


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
        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),
    )
''',
        Example(
            files={
                APP: '''"""Application credentials platform."""

from homeassistant.components.application_credentials import ClientCredential
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

CONF_CLIENT_SECRET = "client_secret"


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return a public client: it has no secret."""
    return config_entry_oauth2_flow.LocalOAuth2ImplementationWithPkce(
        hass,
        auth_domain,
        credential.client_id,
        "https://acme-api.io/a",
        "https://acme-api.io/t",
        client_secret="",
    )
'''
            },
            title="a public client, and a constant that names a key",
        ),
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
        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),
    )
'''
            },
            at="19:49-19:69",
        ),
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
    credential.client_secret = "hunter2-but-longer"
    return AuthImplementation(
        hass,
        auth_domain,
        credential,
        AuthorizationServer("https://acme-api.io/a", "https://acme-api.io/t"),
    )
'''
            },
            at="16:32-16:52",
            title="assigned to the credential",
        ),
        Example(
            files={
                APP: '''"""Application credentials platform."""

from homeassistant.components.application_credentials import ClientCredential
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_entry_oauth2_flow

CLIENT_SECRET = "hunter2-but-longer"


async def async_get_auth_implementation(
    hass: HomeAssistant, auth_domain: str, credential: ClientCredential
) -> config_entry_oauth2_flow.AbstractOAuth2Implementation:
    """Return the implementation."""
    return config_entry_oauth2_flow.LocalOAuth2Implementation(
        hass,
        auth_domain,
        credential.client_id,
        CLIENT_SECRET,
        "https://acme-api.io/a",
        "https://acme-api.io/t",
    )
'''
            },
            at="18:9-18:22",
            title="by position to an implementation class",
        ),
        Example(
            files={
                "config_flow.py": '''"""Config flow for Example."""

import logging
from typing import Any

from homeassistant.components.application_credentials import (
    ClientCredential,
    async_import_client_credential,
)
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


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
        """Import the integration's own credential, then start."""
        await async_import_client_credential(
            self.hass, DOMAIN, ClientCredential("", "hunter2-but-longer")
        )
        return await super().async_step_user(user_input)
''',
                APP: GOOD_SERVER,
            },
            at="33:53-33:73",
            title="imported in config_flow.py",
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
