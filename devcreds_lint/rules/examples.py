"""Example material shared by the rules' ``VALID``/``INVALID`` examples: the clean files an
example is laid over. Not production logic: no check reads it."""

from __future__ import annotations

APP = "application_credentials.py"
DEV = "developer_credentials.py"

MANIFEST_TEMPLATE = """{
  "domain": "example",
  "name": "Example",
  "codeowners": [],
  "config_flow": true,
  "dependencies": ["%s"],
  "documentation": "https://acme-api.io",
  "iot_class": "cloud_polling"
}
"""

MANIFEST_WITHOUT_DEPENDENCY = """{
  "domain": "example",
  "name": "Example",
  "codeowners": [],
  "config_flow": true,
  "documentation": "https://acme-api.io",
  "iot_class": "cloud_polling"
}
"""

CONFIG_FLOW = '''"""Config flow for Example."""

import logging

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
'''

CONST = '''"""Constants for Example."""

DOMAIN = "example"
'''


def default_files(profile: str) -> dict[str, str]:
    """A clean integration of ``profile`` without its platform module."""
    return {
        "manifest.json": MANIFEST_TEMPLATE % profile,
        "config_flow.py": CONFIG_FLOW,
        "const.py": CONST,
        "__init__.py": '"""The Example integration."""\n',
    }


GOOD_SERVER = '''"""Application credentials platform for Example."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


async def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )
'''


def server(args: str) -> str:
    """The clean example with other ``AuthorizationServer(...)`` arguments."""
    return GOOD_SERVER.replace(
        """AuthorizationServer(
        authorize_url="https://acme-api.io/authorize",
        token_url="https://acme-api.io/token",
    )""",
        f"AuthorizationServer({args})",
    )


def flow_with_auth_step(body: str) -> str:
    """The clean ``config_flow.py`` whose handler overrides ``async_step_auth`` with ``body``
    (the method's statements, indented by eight spaces)."""
    return (
        CONFIG_FLOW.replace("import logging\n", "import logging\nfrom typing import Any\n")
        + '''
    async def async_step_auth(self, user_input: dict[str, Any] | None = None) -> Any:
        """Authorize the client."""
'''
        + body
    )


# A flow that replaces the authorize step: the service issues a token for the client
# credentials, no user is sent to an authorize page (``authorize_url`` is never read).
OWN_AUTH_STEP = """        token = await self.flow_impl.async_resolve_external_data({})
        return await self.async_oauth_create_entry(
            {"auth_implementation": self.flow_impl.domain, "token": token}
        )
"""

# An override that still goes on to Home Assistant's step, which builds the authorize URL.
SUPER_AUTH_STEP = """        self.logger.debug("Authorizing")
        return await super().async_step_auth(user_input)
"""
