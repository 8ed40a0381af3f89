"""DC603: ``config_flow.py`` has no OAuth2 flow handler."""

from __future__ import annotations

from devcreds_lint.contracts import CONFIG_FLOW, OAUTH2_FLOW, OAUTH2_FLOW_HANDLER
from devcreds_lint.facts.flows import Known
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.model import Location
from devcreds_lint.rules.base import Example, Rule
from devcreds_lint.rules.examples import APP, GOOD_SERVER

# How the handler is usually spelled: through its module, ``config_entry_oauth2_flow``.
_HANDLER = f"{OAUTH2_FLOW.rsplit('.', 1)[-1]}.{OAUTH2_FLOW_HANDLER}"


class MissingOAuth2FlowHandler(Rule):
    code = "DC603"
    name = "missing-oauth2-flow-handler"
    summary = "`config_flow.py` defines no class deriving from `AbstractOAuth2FlowHandler`."
    why = (
        "Home Assistant offers the user's application credentials only to an OAuth2 config "
        "flow. A config flow that is not one never asks for them. Imports from the "
        "integration's own modules, its sub-packages' too, are followed (`from .oauth import "
        "OAuth2FlowHandler` is read in `oauth.py`, `from .flows.handler import FlowHandler` in "
        "`flows/handler.py`). The rule is silent only where the handler may be defined "
        "elsewhere: a class of `config_flow.py` derives from a base that cannot be followed "
        "(a package's, a Home Assistant component's), or `config_flow.py` defines no flow of "
        "its own and star-imports one of its own modules or imports a class from one that "
        "does not parse. Imports from packages (an API client, an exception) never silence "
        "it."
    )
    VALID = (
        GOOD_SERVER,
        Example(
            files={
                APP: GOOD_SERVER,
                "config_flow.py": '''"""Config flow for Example: the handler lives in oauth.py."""

from .oauth import OAuth2FlowHandler

__all__ = ["OAuth2FlowHandler"]
''',
                "oauth.py": '''"""The OAuth2 flow of Example."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class OAuth2FlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Handle the OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Return the logger."""
        return logging.getLogger(__name__)
''',
            },
            title="a handler re-exported from another module",
        ),
        Example(
            files={
                APP: GOOD_SERVER,
                "config_flow.py": '''"""Config flow for Example."""

from .const import DOMAIN
from .oauth import BaseFlowHandler


class ExampleFlowHandler(BaseFlowHandler, domain=DOMAIN):
    """Handle the flow; its base is defined in oauth.py."""
''',
                "oauth.py": '''"""The OAuth2 flow of Example, shared by its flows."""

from homeassistant.helpers import config_entry_oauth2_flow


class BaseFlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
    """Handle the OAuth2 flow."""
''',
            },
            title="a base class from another module",
        ),
    )
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
                "config_flow.py": '''"""Config flow for Example."""

from homeassistant import config_entries

from .const import DOMAIN


class ExampleConfigFlow(config_entries.ConfigFlow, domain=DOMAIN):
    """Ask for a host."""
''',
            },
            at="1:1-1:1",
        ),
        Example(
            files={
                APP: GOOD_SERVER,
                "config_flow.py": '''"""Config flow for Example."""

from acme_api import AcmeClient, AcmeError
from homeassistant import config_entries

from .const import DOMAIN


class ExampleConfigFlow(config_entries.ConfigFlow, domain=DOMAIN):
    """Ask for an API key and check it with the client."""
''',
            },
            at="1:1-1:1",
            title="an API client imported from a package",
        ),
    )

    def check(self, ctx: IntegrationFacts) -> None:
        path = ctx.integration.sibling(CONFIG_FLOW)
        flow = ctx.flow
        # Only for integrations with a platform module: without one, DC607 is the finding.
        if not ctx.platforms or flow is None or path is None:
            return
        if flow.has_oauth2_handler is Known.NO:
            self.report_at(
                path,
                Location(1, 1),
                Location(1, 1),
                f"config_flow.py defines no class deriving from `{_HANDLER}`",
            )
