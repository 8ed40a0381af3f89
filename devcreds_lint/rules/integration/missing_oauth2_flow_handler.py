"""DC603: ``config_flow.py`` has no OAuth2 flow handler."""

from __future__ import annotations

from devcreds_lint.contracts import OAUTH2_FLOW, OAUTH2_FLOW_HANDLER
from devcreds_lint.facts.integration import IntegrationFacts
from devcreds_lint.facts.siblings import has_oauth2_flow_handler
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
        "flow. A config flow that is not one never asks for them."
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
        authorize_url="https://example.com/authorize",
        token_url="https://example.com/token",
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
    )

    def check(self, ctx: IntegrationFacts) -> None:
        text = ctx.sibling_text("config_flow.py")
        path = ctx.integration.sibling("config_flow.py")
        if text is None or path is None:
            return
        if has_oauth2_flow_handler(text) is False:
            self.report_at(
                path,
                Location(1, 1),
                Location(1, 1),
                f"config_flow.py defines no class deriving from `{_HANDLER}`",
            )
